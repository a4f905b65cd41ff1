"""Deployment: gunicorn, nginx and systemd files (docs/deploy.md), and `stack.py`, the local
production-like stack `make stack-up` starts."""
