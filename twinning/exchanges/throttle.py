"""Throttling of the public registration pages with django-ratelimit on the default cache: a bot
(or a stuck browser) must not fill an activity's list or the waiting list. Each POST is counted
against the client's address, against the client's address for this activity, and against the
activity from any address; over any of these limits the view answers with `throttled` (429) before
anything is read into a service."""

from __future__ import annotations

from collections.abc import Callable

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage


def client_ip(request: HttpRequest) -> str:
    """The client's address as django-axes sees it (X-Forwarded-For only behind a declared proxy)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(value: str) -> Callable[[str, HttpRequest], str]:
    return lambda _group, _request: value


def _count(request: HttpRequest, limits: list[tuple[str, str, str]]) -> int | None:
    """Count this POST under every (group, key, rate); the seconds until the longest exceeded
    limit resets, or None when none is exceeded. Every counter is incremented, so a client over
    one limit keeps using up the others."""
    wait: int | None = None
    for group, value, rate in limits:
        usage = get_usage(request, group=group, key=_key(value), rate=rate, method="POST", increment=True)
        if usage and usage["should_limit"]:
            wait = max(wait or 0, int(usage["time_left"]))
    return wait


def registration_over_limit(request: HttpRequest, *, activity: str) -> int | None:
    """For the registration form (single or group) of the activity with slug `activity`."""
    ip = client_ip(request)
    return _count(
        request,
        [
            ("exchanges.register.client", ip, settings.EXCHANGES_RATE_PER_CLIENT),
            ("exchanges.register.client-activity", f"{ip}|{activity}", settings.EXCHANGES_RATE_PER_CLIENT_AND_ACTIVITY),
            ("exchanges.register.activity", activity, settings.EXCHANGES_RATE_PER_ACTIVITY),
        ],
    )


def cancel_over_limit(request: HttpRequest) -> int | None:
    """For the cancellation link's POST: counted before the token is looked up, so guessing tokens
    is throttled too."""
    return _count(request, [("exchanges.cancel.client", client_ip(request), settings.EXCHANGES_RATE_CANCEL_PER_CLIENT)])


def throttled(request: HttpRequest, *, seconds: int) -> HttpResponse:
    """429 with a page that says why and roughly how long to wait (as django-axes' lockout page)."""
    minutes = max(1, -(-seconds // 60))
    response = render(request, "exchanges/throttled.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(max(seconds, 1))
    return response
