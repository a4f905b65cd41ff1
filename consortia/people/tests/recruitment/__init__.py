"""Tests of recruitment: vacancies, applications, scoring, appointment and retention."""
