"""Test settings: fast hashing, isolated media, the database from DATABASE_URL (SQLite by default)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="twinning-media-"))
TWINNING_JOBS_INLINE = "sync"
TWINNING_EXPORTS_DIR = Path(tempfile.mkdtemp(prefix="twinning-exports-"))  # per process: generations are per process
if not CACHE_URL:  # noqa: F405 - per process in tests: pytest-xdist workers share no folder state
    CACHES["jobs"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jobs"}  # noqa: F405
    CACHES["derived"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "derived"}  # noqa: F405
# Tests build the index in memory; tests/places/test_persisted.py writes and reads the file itself.
TWINNING_PLACE_INDEX_DIR = ""
