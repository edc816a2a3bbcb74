"""Script injection through stored text, for every text field of every model (found through the app
registry, so a new field is covered without touching this test): each field gets `<script>`, an
`"><img onerror>` breakout and a `javascript:` URL saved straight into the database (as an old row or
a careless import would), then every page, feed, export and API answer of the site is fetched and must
show the values escaped, and headless Chromium must load every page without running any of them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.db.models.functions import Cast, Concat
from django.test import Client
from django.urls import reverse

from tests.security.conftest import Browser
from tests.security.test_permissions import (  # noqa: F401
    KREFELD,
    PERMISSIONS,
    World,
    _named,
    admin_model_statuses,
    key,
    world,
)
from tests.security.urls import admin_model_route, fill, routes
from twinning.places.models import Place

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
JAVASCRIPT_URL = "javascript:alert(document.domain)"
SHORT_SVG = "<svg onload=alert(1)>"  # for short fields (a title, a time zone)
SHORT_BREAKOUT = '"><b>'  # for the shortest (a language code in lang="…")
# The admin's jsi18n is static translations.
# Content types a browser never renders as a page (downloads and data: feeds, API answers, CSV, PDF, XLSX).
NOT_HTML = (
    "application/json",
    "application/ld+json",
    "text/calendar",
    "text/csv",
    "text/javascript",
    "text/css",
    "image/",
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
# Too big to touch row by row; the rows the pages show are chosen instead.
LARGE_TABLES = {"places.Place", "places.PlaceName"}
DANGER = [
    re.compile(r"<script>alert", re.I),
    re.compile(r"<img src=x onerror", re.I),
    re.compile(r"<svg onload", re.I),
    re.compile(r'"><b>'),
    re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.I),
]


def text_fields() -> list[tuple[type[models.Model], models.Field]]:
    """Every free-text field of the project's models: CharField and TextField (with URLField), but not
    keys the code computes with (primary keys, slugs, fields with choices)."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("twinning."):
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField):
                continue
            if field.primary_key or field.choices or isinstance(field, models.SlugField):
                continue
            found.append((model, field))
    return found


def must_differ(field: models.Field) -> bool:
    """Unique on its own or together with other fields: each row then gets its own value."""
    meta = field.model._meta
    together = [set(names) for names in meta.unique_together]
    together += [set(c.fields) for c in meta.constraints if isinstance(c, models.UniqueConstraint)]
    return field.unique or any(field.name in names for names in together)


def payload(field: models.Field) -> str | None:
    if isinstance(field, models.URLField):
        return JAVASCRIPT_URL
    full = f"{SCRIPT}{BREAKOUT}{JAVASCRIPT_URL}"
    room = (field.max_length or 10_000) - (9 if must_differ(field) else 0)  # " #<pk>" keeps unique fields unique
    for candidate in (full, f"{SCRIPT}{BREAKOUT}", BREAKOUT, SCRIPT, SHORT_SVG, SHORT_BREAKOUT):
        if len(candidate) <= room:
            return candidate
    return None  # country codes and the like: too short for any markup


def poison(rows: dict[str, Any]) -> list[str]:
    """Save the payloads; returns the fields too short to hold one."""
    too_short = []
    for model, field in text_fields():
        value = payload(field)
        if value is None:
            too_short.append(f"{model._meta.label}.{field.name}")
            continue
        queryset = model._default_manager.all()
        if model._meta.label in LARGE_TABLES:
            queryset = queryset.filter(**rows[model._meta.label])
        if isinstance(field, models.URLField) or not must_differ(field):
            queryset.update(**{field.name: value})
        else:
            queryset.update(**{field.name: Concat(models.Value(value + " #"), Cast("pk", models.CharField()))})
    return too_short


@pytest.fixture
def poisoned(world: World) -> World:  # noqa: F811
    krefeld = Place.objects.get(geonameid=KREFELD)
    shown = {krefeld.pk, *krefeld.partnership_memberships.values_list("partnership__members__place", flat=True)}
    too_short = poison({"places.Place": {"pk__in": shown}, "places.PlaceName": {"place__in": shown}})
    assert set(too_short) <= {"places.Country.code", "places.Country.iso3", "places.Country.continent"}, too_short
    return world


def client_for(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def get_urls(data: World) -> list[str]:
    """The URL of every pattern the permission table reads with GET, and of every admin model page."""
    urls = []
    for route in routes():
        if admin_model_route(route.route):
            url, (get, _post) = admin_model_statuses(data, route.route)
        elif _named(route):
            url = reverse(route.name, kwargs=data.kwargs.get(route.name)) + data.query.get(route.name, "")
            get = PERMISSIONS[key(route)][0]
        else:
            url, get = fill(route.route, {route.route: "admin/no-such-page/"}), PERMISSIONS[key(route)][0]
        if get:
            urls.append(url)
    return urls


def fetch_all(data: World, *, roles: tuple[str, ...]) -> list[tuple[str, str, Any]]:
    """(role, path, response) for every GET of the permission table and every admin model page."""
    urls = get_urls(data)
    return [(role, url, client_for(data.users[role]).get(url)) for role in roles for url in urls]


def test_every_text_field_is_inert_on_every_page_feed_and_api_answer(poisoned: World) -> None:
    problems, pages = [], 0
    for role, path, response in fetch_all(poisoned, roles=("anonymous", "superuser")):
        if response.status_code >= 500:
            problems.append(f"{path} as {role}: {response.status_code}")
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        content_type = response.get("Content-Type", "")
        if "text/html" in content_type:
            pages += 1
            problems += [f"{path} as {role}: {danger.pattern}" for danger in DANGER if danger.search(text)]
        elif text.strip() and not content_type.startswith(NOT_HTML):
            # Feeds and API answers must not be HTML, so browsers never run markup in them.
            problems.append(f"{path} as {role}: served as {content_type}")
    assert problems == []
    assert pages > 100


@pytest.mark.browser
def test_every_page_in_chromium_runs_no_payload_and_breaks_no_csp_rule(
    poisoned: World, request: pytest.FixtureRequest
) -> None:
    """The browser loads each HTML page as the anonymous visitor and as the superuser (who sees
    everything, the admin and the review queue included): no alert fires, no CSP violation, no
    script error. Pages are fetched first, then the browser starts (see conftest.Browser)."""
    fetched: dict[tuple[str, str], Any] = {}
    for role in ("anonymous", "superuser"):
        client = client_for(poisoned.users[role])
        for _, path, response in fetch_all(poisoned, roles=(role,)):
            if "text/html" in response.get("Content-Type", "") and response.status_code == 200:
                fetched[(role, path)] = None
        for wanted in list(fetched):
            if wanted[0] == role:
                fetched[wanted] = Browser.prefetch(client, wanted[1])
    browser: Browser = request.getfixturevalue("browser")
    problems = []
    for (role, path), resources in sorted(fetched.items()):
        report = browser.visit(path, resources)
        for kind in ("dialogs", "csp_violations", "page_errors", "console_errors"):
            problems += [f"{path} as {role}: {kind}: {item}" for item in getattr(report, kind)]
    assert problems == []
    assert len(fetched) > 100
