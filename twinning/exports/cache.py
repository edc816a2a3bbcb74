"""The downloadable dumps (/data/), built on demand once per data generation.

A dump lives under `VAR_DIR/exports/<generation>/`; the first request after a change builds it
(under a file lock, so two requests do not build it twice) and later ones are served the file.
Older generations' files are removed when a newer one is written."""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path

from django.conf import settings

from twinning.core.invalidation import generation

from .dumps import FORMATS, write_dump


def exports_dir() -> Path:
    return Path(settings.TWINNING_EXPORTS_DIR)


def current_dump(format_name: str) -> Path:
    """The dump of the current generation, built if it is not there yet."""
    dump = FORMATS[format_name]
    current = generation()
    folder = exports_dir() / str(current)
    path = folder / dump.filename
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    with open(exports_dir() / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            write_dump(format_name, path)
            for old in exports_dir().iterdir():
                if old.is_dir() and old.name.isdigit() and int(old.name) < current:
                    shutil.rmtree(old, ignore_errors=True)
    return path
