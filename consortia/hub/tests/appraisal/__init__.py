"""Tests of the hub's appraisal area."""
