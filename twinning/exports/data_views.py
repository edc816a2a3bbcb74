"""Downloads of the whole registry (/data/): the dumps of `twinning export`, built on demand once
per data generation and served as files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .cache import current_dump
from .dumps import BY_FILENAME, FORMATS


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    downloads = [
        (f, request.build_absolute_uri(reverse("exports:download", kwargs={"filename": f.filename})))
        for f in FORMATS.values()
    ]
    return render(request, "exports/data.html", {"downloads": downloads})


def _chunks(path: Path) -> Iterator[bytes]:
    """The file in pieces, opened only when the response is sent (and closed with it)."""
    with path.open("rb") as handle:
        yield from iter(lambda: handle.read(1 << 16), b"")


@require_GET
def download(request: HttpRequest, filename: str) -> StreamingHttpResponse:
    dump = BY_FILENAME.get(filename)
    if dump is None:
        raise Http404(_("No such download."))
    path = current_dump(dump.name)
    response = StreamingHttpResponse(_chunks(path), content_type=dump.content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Content-Length"] = str(path.stat().st_size)
    response["Access-Control-Allow-Origin"] = "*"  # public data, fetched by other sites' scripts
    response["Cache-Control"] = "public, max-age=300"
    return response
