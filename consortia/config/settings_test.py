"""Settings for the test suite: the real settings, with a throwaway key and fast hashing."""

import os
import tempfile

os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "test-only-key-" + "x" * 40)
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="consortia-test-"))
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# Where the test client's requests go, so links built without a request can be followed too.
os.environ.setdefault("SITE_URL", "http://testserver")

from consortia.config.settings import *  # noqa: F403
from consortia.config.settings import STORAGES

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test process keeps its own cache in memory: quicker than files, and nothing is left behind.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = DATA_DIR / "media"  # noqa: F405

# The test database's tables are made from the models, not by migrating: see
# consortia/core/testing/database.py, which adds what the migrations do besides.
DATABASES["default"]["TEST"] = {**DATABASES["default"].get("TEST", {}), "MIGRATE": False}  # noqa: F405

if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # Test databases are thrown away: a commit need not wait for the disk (the suite's many
    # transactional tests and browser tests commit after every step).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
