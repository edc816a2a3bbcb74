"""The JSON API at /api/: reads (`reads`) for everyone, writes (`writes`) for offices with an API
token. Thin endpoints over the selectors and services; shapes declared once in `schemas`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI

from twinning.core.errors import Conflict, NotFound, TwinningError, ValidationFailed

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


api.add_router("", reads)
