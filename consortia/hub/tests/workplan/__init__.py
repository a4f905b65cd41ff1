"""Tests of the hub's workplan area."""
