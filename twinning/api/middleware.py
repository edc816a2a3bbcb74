"""HEAD on the JSON API answers like GET without a body (RFC 9110, 9.3.2).

django-ninja routes only the methods an operation declares, so `curl -I`, link checkers and caches
that revalidate with HEAD got 405 on every read; the CORS settings already offer HEAD to other origins.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase


class ApiHeadMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "HEAD" or not request.path.startswith("/api/"):
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if not response.streaming:
            body = response.content  # type: ignore[attr-defined]
            response["Content-Length"] = str(len(body))
            response.content = b""  # type: ignore[attr-defined]
        return response
