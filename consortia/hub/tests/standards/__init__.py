"""Tests of the hub's standards area."""
