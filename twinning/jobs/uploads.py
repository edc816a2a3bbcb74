"""Uploaded files of a job are kept under MEDIA_ROOT/jobs/<random folder>/ so the worker (another
process, maybe another machine sharing the volume) can read them."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename


def uploads_store(files: list[UploadedFile]) -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / "jobs" / secrets.token_hex(8)
    folder.mkdir(parents=True, exist_ok=True)
    stored: list[Path] = []
    for number, upload in enumerate(files):
        path = folder / f"{number:03d}-{get_valid_filename(upload.name or 'upload')}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        stored.append(path)
    return stored
