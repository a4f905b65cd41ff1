"""Tests of the member portal."""
