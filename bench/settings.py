"""Settings for `make bench`: the test settings, a scratch database and Django's admin for comparison.

Django's admin is not part of the product; it is installed here only so the benchmark can time
its changelist beside each of our list pages (see `bench/admin.py`).

The scratch database is a SQLite file in a new temporary directory (WAL, as the product runs
it), or, when BENCH_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres), a
database named `consortia_bench` on that server, which `bench/run.py` creates and drops. The
database named in the URL is only used to connect while creating and dropping it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import dj_database_url

BENCH_DIR = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="consortia-bench-"))
os.environ["DATA_DIR"] = str(BENCH_DIR)
os.environ["DATABASE_URL"] = ""  # a developer's own database is never touched by the benchmark

from consortia.config.settings_test import *  # noqa: E402, F403
from consortia.config.settings_test import DATABASES, INSTALLED_APPS  # noqa: E402

# SimpleAdminConfig: no autodiscovery, so only the benchmark's own admin site exists.
INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.admin.apps.SimpleAdminConfig"]
ROOT_URLCONF = "bench.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False

BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "")
BENCH_DATABASE_NAME = "consortia_bench"
if BENCH_DATABASE_URL:
    # Keep the connection between requests, as the product does with DB_CONN_MAX_AGE.
    _server = dj_database_url.parse(BENCH_DATABASE_URL, conn_max_age=600)
    BENCH_MAINTENANCE_DATABASE = _server["NAME"] or "postgres"
    DATABASES = {"default": {**_server, "NAME": BENCH_DATABASE_NAME}}
else:
    DATABASES = {
        "default": {**DATABASES["default"], "NAME": BENCH_DIR / "bench.sqlite3"},
    }
