"""Tests of the capabilities area."""
