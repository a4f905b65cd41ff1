"""Tests of job roles and person specifications."""
