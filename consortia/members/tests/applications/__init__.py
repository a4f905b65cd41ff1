"""Tests of membership applications."""
