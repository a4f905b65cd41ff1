"""Tests of the staff area."""
