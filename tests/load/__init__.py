"""Load and concurrency tests that run in the normal suite (the load test proper is bench/load.py)."""
