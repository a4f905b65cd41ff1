"""Tests of the hub's delivery area."""
