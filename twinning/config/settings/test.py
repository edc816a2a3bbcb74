"""Test settings: fast hashing, isolated media, the database from DATABASE_URL (SQLite by default)."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="twinning-media-"))
CELERY_TASK_ALWAYS_EAGER = True
# Tests build the index in memory; tests/places/test_persisted.py writes and reads the file itself.
TWINNING_PLACE_INDEX_DIR = ""
