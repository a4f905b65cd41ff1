"""Tests of the hub's home area."""
