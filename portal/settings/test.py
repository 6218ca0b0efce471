"""Test settings: the base settings, only made faster and deterministic."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("SITE_URL", "https://portal.example.org")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
# One test process: its own memory cache counts every limit right (the tests of limits
# across processes start gunicorn workers on Redis themselves).
os.environ.setdefault("SINGLE_PROCESS", "1")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"  # noqa: F405
# Serve static files from the finders, without collectstatic, in live-server tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests change data inside transactions that never commit; the catalogue cache tests turn
# it back on for themselves.
CATALOGUE_CACHE_SECONDS = 0
# For the same reason every check asks for the catalogue version; the warm-check test
# sets its own staleness.
CERTIFICATE_CHECK_STALE_SECONDS = 0
# Django flushes the tables of transactional tests with TRUNCATE, which the append-only
# triggers refuse: tests/conftest.py turns the one switch of portal/append_only.py off on
# the test database.
