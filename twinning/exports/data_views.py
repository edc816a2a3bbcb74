"""Downloads of the whole registry (/data/): the dumps of `twinning export`, built on demand once
per data generation and served as files."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
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


@require_GET
def download(request: HttpRequest, filename: str) -> FileResponse:
    dump = BY_FILENAME.get(filename)
    if dump is None:
        raise Http404(_("No such download."))
    path = current_dump(dump.name)
    response = FileResponse(path.open("rb"), content_type=dump.content_type, as_attachment=True, filename=filename)
    response["Access-Control-Allow-Origin"] = "*"  # public data, fetched by other sites' scripts
    response["Cache-Control"] = "public, max-age=300"
    return response
