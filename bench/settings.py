"""Settings for `make bench`: the product's settings, a scratch database and Django's admin for comparison.

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

# BENCH_DIR names a folder to use; otherwise a new temporary one, which run.py removes afterwards.
BENCH_DIR_GIVEN = bool(os.environ.get("BENCH_DIR"))
BENCH_DIR = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="consortia-bench-"))
BENCH_DIR.mkdir(parents=True, exist_ok=True)

# As consortia.config.settings_test: production settings (DEBUG off), a throwaway key.
os.environ["DEBUG"] = "false"
os.environ["SECRET_KEY"] = "bench-only-key-" + "x" * 40
os.environ["DATA_DIR"] = str(BENCH_DIR)
os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
os.environ["DATABASE_URL"] = ""  # a developer's own database is never touched by the benchmark

from consortia.config.settings import *  # noqa: E402, F403
from consortia.config.settings import DATABASES, INSTALLED_APPS, STATIC_ROOT, STORAGES  # noqa: E402

STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# SimpleAdminConfig: no autodiscovery, so the benchmark's admin site is the only admin there is.
INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.admin.apps.SimpleAdminConfig"]
ROOT_URLCONF = "bench.urls"

BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "")
BENCH_DATABASE_NAME = "consortia_bench"
BENCH_MAINTENANCE_DATABASE = ""
if BENCH_DATABASE_URL:
    # Keep the connection between requests, as the product does with DB_CONN_MAX_AGE.
    _server = dj_database_url.parse(BENCH_DATABASE_URL, conn_max_age=600)
    BENCH_MAINTENANCE_DATABASE = str(_server.get("NAME") or "postgres")
    DATABASES = {"default": {**_server, "NAME": BENCH_DATABASE_NAME}}
else:
    DATABASES = {"default": {**DATABASES["default"], "NAME": str(BENCH_DIR / "bench.sqlite3")}}
