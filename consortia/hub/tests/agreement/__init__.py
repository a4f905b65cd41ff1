"""Tests of the hub's agreement area."""
