"""Start-up checks: say what is missing instead of answering 500 on every page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages


def missing_static_manifest() -> str:
    """The path of the static files manifest when the storage needs one and it is missing, else ""."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return ""
    manifest = Path(storage.path(storage.manifest_name))
    return "" if manifest.is_file() else str(manifest)


COLLECTSTATIC_HINT = (
    "Run `make collectstatic` (or `twinning collectstatic --no-input`) with the same settings "
    "before starting the server; see README, section Production."
)


@register("twinning_static")  # not Tags.staticfiles: `collectstatic` itself runs those
def static_files_collected(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    missing = missing_static_manifest()
    if not missing:
        return []
    return [
        Error(
            f"The static files have not been collected: {missing} does not exist, so every page would fail.",
            hint=COLLECTSTATIC_HINT,
            id="twinning.E001",
        )
    ]


def require_collected_static() -> None:
    """Called when the WSGI application starts: refuse to serve without the collected static files."""
    missing = missing_static_manifest()
    if missing:
        raise ImproperlyConfigured(
            f"The static files have not been collected: {missing} does not exist. {COLLECTSTATIC_HINT}"
        )
