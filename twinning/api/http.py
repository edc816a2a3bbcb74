"""HTTP mechanics every read endpoint shares: pages with a total and links, and conditional
requests (`ETag`/`Last-Modified` from the data generation of `core.invalidation`, so a client that
asks again after nothing changed gets 304 without the database being read)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from django.views.decorators.http import condition
from ninja.decorators import decorate_view

from twinning.core.invalidation import changed_at, generation

PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_PAGE = 100_000  # deeper pages are not browsing; bounded so no offset overflows a database integer


def _who(request: HttpRequest) -> str:
    """Answers differ by who asks (internal people are shown to their office): part of the tag."""
    user = getattr(request, "user", None)
    return f"u{user.pk}" if user is not None and user.is_authenticated else "-"


def etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    raw = "|".join((str(generation()), request.get_full_path(), get_language() or "-", _who(request)))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> dt.datetime:
    return dt.datetime.fromtimestamp(int(changed_at()), tz=dt.UTC)


# A read operation: 304 when If-None-Match / If-Modified-Since still hold, else ETag and Last-Modified.
conditional = decorate_view(condition(etag_func=etag, last_modified_func=last_modified))


def _link(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def page_of(
    request: HttpRequest,
    *,
    total: int,
    page: int,
    page_size: int,
    fetch: Callable[[int, int], Iterable[Any]],
) -> dict[str, Any]:
    """One page of a list of `total` records; `fetch(start, stop)` reads the rows of the page.
    A page beyond the last is empty (with a link back to the last page)."""
    start = (page - 1) * page_size
    rows = list(fetch(start, start + page_size)) if start < total else []
    last = max(1, -(-total // page_size))
    return {
        "count": total,
        "page": page,
        "page_size": page_size,
        "next": _link(request, page + 1) if page < last else None,
        "previous": _link(request, min(page - 1, last)) if page > 1 else None,
        "results": rows,
    }
