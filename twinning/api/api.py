"""The JSON API at /api/: reads (`reads`) for everyone, writes (`writes`) for offices with an API
token. Thin endpoints over the selectors and services; shapes declared once in `schemas`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest
from ninja import NinjaAPI

from twinning.core.errors import Conflict, NotFound, TwinningError, ValidationFailed

from . import writes  # noqa: F401 (registers the write operations on the same paths as the reads)
from .docs import LocalSwagger
from .reads import router as reads

api = NinjaAPI(
    title="Twinning API",
    version="2.0.0",
    description=(
        "The town twinning registry: places, partnerships, activities, programmes, organizations, news. "
        "Lists are paged (`page`, `page_size`; the answer carries `count`, `next`, `previous`) and take the "
        "filters of the portal's lists. Reads answer `ETag` and `Last-Modified` and honour `If-None-Match` "
        "and `If-Modified-Since` (304); any origin may read (CORS). Writes need an office's API token "
        "(`Authorization: Bearer …`) and stay within the office's places."
    ),
    urls_namespace="api",
    docs=LocalSwagger(),
)


@api.exception_handler(TwinningError)
def _domain_error(request: HttpRequest, error: TwinningError) -> Any:
    status = 404 if isinstance(error, NotFound) else 409 if isinstance(error, Conflict) else 400
    if isinstance(error, ValidationFailed):
        status = 422
    return api.create_response(request, {"detail": str(error)}, status=status)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, error: PermissionDenied) -> Any:
    """A token's office may not change this record (the message names the field where one is at fault)."""
    return api.create_response(request, {"detail": str(error) or "Forbidden"}, status=403)


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, error: RequestDataTooBig) -> Any:
    """A body over Django's DATA_UPLOAD_MAX_MEMORY_SIZE: JSON like every other answer, not the HTML page."""
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> Any:
    return api.create_response(request, {"detail": str(error) or "Not Found"}, status=404)


api.add_router("", reads)
