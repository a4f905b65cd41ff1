"""Tests of the membership area."""
