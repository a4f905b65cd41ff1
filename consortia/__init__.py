"""Consortia: the operating system of a voluntary-sector consortium's hub."""
