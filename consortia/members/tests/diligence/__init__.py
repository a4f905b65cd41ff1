"""Tests of due diligence: evidence, its checking, reviews, compliance, eligibility and reminders."""
