"""Every URL of the site for every role: anonymous, logged in without permissions, staff without
permissions, editor (group "Redaktion"), reader of internal personal data (group "Personendaten
intern"), superuser. A URL pattern without an entry in EXPECTED fails the test, so a new page has to
state who may see it. Every answer to someone without the internal-data permission is searched for
internal e-mail addresses and phone numbers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib import admin
from django.test import RequestFactory

from tests.security.conftest import ROLES, client_for
from tests.security.urls import admin_model_route, fill, routes
from twinning.activities.models import Activity, Programme
from twinning.core.services import Actor
from twinning.demo.exchange import SLUG as DEMO_EXCHANGE
from twinning.directory.access import can_see_internal
from twinning.directory.models import Organization, Person
from twinning.directory.services import contact_detail_add
from twinning.jobs.models import Job
from twinning.partnerships.models import Partnership
from twinning.places.models import Place
from twinning.press.models import Article
from twinning.review.models import Suggestion

pytestmark = pytest.mark.django_db

KREFELD = 2884509
INTERNAL_EMAIL = "gabriele.intern@krefeld.de"
INTERNAL_PHONE = "+49 2151 86-9999"
INTERNAL_ORG_PHONE = "+49 2151 86-7777"


def every(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def statuses(anonymous: int, plain: int, staff: int, editor: int, reader: int, superuser: int) -> dict[str, int]:
    return dict(zip(ROLES, (anonymous, plain, staff, editor, reader, superuser), strict=True))


PUBLIC = every(200)
REVIEW = statuses(302, 403, 403, 200, 403, 200)  # the review queue: group "Redaktion" only
REVIEW_DECISION = statuses(302, 403, 403, 302, 403, 302)
INTERNAL_PERSON = statuses(404, 404, 404, 404, 200, 200)
ADMIN_STAFF = statuses(302, 302, 302, 302, 302, 200)
JOBS = statuses(302, 403, 403, 403, 403, 200)  # admin pages without a model behind them


# URL patterns that arrived on main (workbench, jobs, review bulk/merge, accounts, health probes)
# after this table was written,
# each gated by its own views; their owners still have to state the expected statuses here. They are
# listed by prefix so that any OTHER new URL still fails the test until it has an entry.
NOT_YET_IN_TABLE = (
    "manage/",  # the workbench, reports' office pages included (tests/workbench/test_permissions.py)
    "review/<int:pk>/merge/",
    "review/bulk/",
    "accounts/",
)


@dataclass
class Case:
    """One request: `path` is a string, or a function of the role (for writes that need a fresh record)."""

    path: str | Callable[[str], str]
    expected: dict[str, int]
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)


def expected_table(world: dict[str, Any]) -> dict[str, list[Case]]:
    """Who may see what, for every URL pattern that is not a standard ModelAdmin page."""
    suggestions = world["suggestions"]
    return {
        "i18n/setlang/": [Case("/i18n/setlang/", every(302), "post", {"language": "en", "next": "/"})],
        # Admin (staff only; model pages follow Django's model permissions, see test below).
        "admin/": [Case("/admin/", ADMIN_STAFF)],
        "admin/login/": [Case("/admin/login/", statuses(200, 200, 200, 200, 200, 302))],
        "admin/logout/": [Case("/admin/logout/", every(302), "post")],
        "admin/password_change/": [Case("/admin/password_change/", ADMIN_STAFF)],
        "admin/password_change/done/": [Case("/admin/password_change/done/", ADMIN_STAFF)],
        "admin/autocomplete/": [Case("/admin/autocomplete/", statuses(302, 302, 302, 302, 302, 403))],
        "admin/jsi18n/": [Case("/admin/jsi18n/", ADMIN_STAFF)],
        "admin/r/<path:content_type_id>/<path:object_id>/": [
            Case(f"/admin/r/{world['place_type']}/{world['krefeld'].pk}/", statuses(302, 302, 302, 302, 302, 302))
        ],
        "admin/auth/user/<id>/password/": [
            Case(f"/admin/auth/user/{world['superuser'].pk}/password/", statuses(302, 302, 302, 302, 302, 200))
        ],
        world["app_list_route"]: [Case("/admin/directory/", statuses(302, 302, 302, 302, 302, 200))],
        "admin/(?P<url>.*)$": [Case("/admin/no-such-page/", statuses(302, 302, 302, 302, 302, 404))],
        # Review: deciding needs the permission of the group "Redaktion".
        "review/": [Case("/review/", REVIEW)],
        "review/<int:pk>/": [
            Case(lambda role: f"/review/{suggestions[role].pk}/", REVIEW_DECISION, "post", {"action": "accept"})
        ],
        "review/<int:pk>/edit/": [Case(f"/review/{world['edit_suggestion'].pk}/edit/", REVIEW)],
        # The JSON API (read-only, public; internal people only with the permission).
        "api/openapi.json": [Case("/api/openapi.json", PUBLIC)],
        "api/docs": [Case("/api/docs", PUBLIC)],
        "api/": [Case("/api/", every(404))],
        "api/places": [Case("/api/places?q=Krefeld", PUBLIC)],
        "api/places/<geonameid>": [Case(f"/api/places/{KREFELD}", PUBLIC)],
        "api/places/local/<pk>": [Case(f"/api/places/local/{world['local_place'].pk}", PUBLIC)],
        "api/partnerships": [Case("/api/partnerships", PUBLIC)],
        "api/partnerships/<pk>": [Case(f"/api/partnerships/{world['partnership'].pk}", PUBLIC)],
        "api/activities": [Case("/api/activities", PUBLIC)],
        "api/activities/<slug>": [Case(f"/api/activities/{world['activity'].slug}", PUBLIC)],
        "api/programmes": [Case("/api/programmes", PUBLIC)],
        "api/programmes/<slug>": [Case(f"/api/programmes/{world['programme'].slug}", PUBLIC)],
        "api/articles": [Case("/api/articles", PUBLIC)],
        "api/articles/<slug>": [Case(f"/api/articles/{world['article'].slug}", PUBLIC)],
        "api/organizations": [Case("/api/organizations", PUBLIC)],
        "api/organizations/<slug>": [
            Case(f"/api/organizations/{slug}", PUBLIC) for slug in Organization.objects.values_list("slug", flat=True)
        ],
        # Background jobs: the permission "jobs.run_job" (none of the groups has it; superusers do).
        "jobs/": [Case("/jobs/", JOBS)],
        "jobs/import/": [Case("/jobs/import/", JOBS)],
        "jobs/ingest/": [Case("/jobs/ingest/", JOBS)],
        "jobs/<int:pk>/": [Case(f"/jobs/{world['job'].pk}/", JOBS)],
        "jobs/<int:pk>/progress/": [Case(f"/jobs/{world['job'].pk}/progress/", JOBS)],
        # Liveness and readiness probes: public, no data.
        "healthz": [Case("/healthz", PUBLIC)],
        "readyz": [Case("/readyz", PUBLIC)],
        # Network pages, feeds and the coordinators' overview: public.
        "places/<int:geonameid>/network/": [Case(f"/places/{KREFELD}/network/", PUBLIC)],
        "places/<int:geonameid>/network.json": [Case(f"/places/{KREFELD}/network.json", PUBLIC)],
        "places/<int:geonameid>/map/": [Case(f"/places/{KREFELD}/map/", PUBLIC)],
        "network/statistics/": [Case("/network/statistics/", PUBLIC)],
        "calendar.ics": [Case("/calendar.ics", PUBLIC)],
        "places/<int:geonameid>/calendar.ics": [Case(f"/places/{KREFELD}/calendar.ics", PUBLIC)],
        "network/health/": [Case("/network/health/", PUBLIC)],
        # Exports: activity feeds and the registry's dumps (public; people only where public).
        "places/<int:geonameid>/activities.ics": [Case(f"/places/{KREFELD}/activities.ics", PUBLIC)],
        "partnerships/<int:pk>/activities.ics": [
            Case(f"/partnerships/{world['partnership'].pk}/activities.ics", PUBLIC)
        ],
        "programmes/<slug:slug>/activities.ics": [
            Case(f"/programmes/{world['programme'].slug}/activities.ics", PUBLIC)
        ],
        "offices/<slug:slug>/activities.ics": [Case("/offices/no-such-office/activities.ics", every(404))],
        "data/": [Case("/data/", PUBLIC)],
        "data/<str:filename>": [
            Case(f"/data/{name}", PUBLIC)
            for name in ("twinning-org.jsonld", "twinning-popolo.json", "twinning-rgre.csv")
        ]
        + [Case("/data/nothing.csv", every(404))],
        # The council report of a place: counts only, public (the office's version is under manage/).
        "reports/council/<int:geonameid>/<int:year>/": [Case(f"/reports/council/{KREFELD}/2025/", PUBLIC)],
        "reports/council/<int:geonameid>/<int:year>/report.pdf": [
            Case(f"/reports/council/{KREFELD}/2025/report.pdf", PUBLIC)
        ],
        "reports/council/<int:geonameid>/<int:year>/report.csv": [
            Case(f"/reports/council/{KREFELD}/2025/report.csv", PUBLIC)
        ],
        # An activity's public participant report exists only for activities with a registration.
        "reports/activities/<slug:slug>/": [
            Case(f"/reports/activities/{world['activity'].slug}/", every(404)),
            Case(f"/reports/activities/{DEMO_EXCHANGE}/", PUBLIC),
        ],
        # Portal pages: public; internal people only with the permission.
        "": [Case("/", PUBLIC)],
        "search/": [Case("/search/?q=Krefeld", PUBLIC), Case("/search/?q=Jochmann", PUBLIC)],
        "places/<int:geonameid>/": [Case(f"/places/{KREFELD}/", every(302))],
        "places/<int:geonameid>/<slug:slug>/": [Case(f"/places/{KREFELD}/krefeld/", PUBLIC)],
        "places/local/<int:pk>/<slug:slug>/": [
            Case(f"/places/local/{world['local_place'].pk}/{world['local_place'].slug}/", PUBLIC)
        ],
        "partnerships/<int:pk>/": [Case(f"/partnerships/{world['partnership'].pk}/", PUBLIC)],
        "activities/<slug:slug>/": [Case(f"/activities/{world['activity'].slug}/", PUBLIC)],
        "programmes/<slug:slug>/": [Case(f"/programmes/{world['programme'].slug}/", PUBLIC)],
        "news/<slug:slug>/": [
            Case(f"/news/{slug}/", PUBLIC) for slug in Article.objects.values_list("slug", flat=True)
        ],
        "organizations/<slug:slug>/": [
            Case(f"/organizations/{slug}/", PUBLIC) for slug in Organization.objects.values_list("slug", flat=True)
        ],
        "partnerships/": [Case("/partnerships/", PUBLIC)],
        "places/": [Case("/places/", PUBLIC)],
        "programmes/": [Case("/programmes/", PUBLIC)],
        "activities/": [Case("/activities/", PUBLIC)],
        "news/": [Case("/news/", PUBLIC)],
        "organizations/": [Case("/organizations/", PUBLIC)],
        "places/<int:geonameid>/<slug:slug>/embed/": [Case(f"/places/{KREFELD}/krefeld/embed/", PUBLIC)],
        "places/local/<int:pk>/<slug:slug>/embed/": [
            Case(f"/places/local/{world['local_place'].pk}/{world['local_place'].slug}/embed/", PUBLIC)
        ],
        "brand.css": [Case("/brand.css", PUBLIC)],
        "favicon.ico": [Case("/favicon.ico", every(301))],
        # Registration for an activity: the form and its confirmation are public; a cancellation link
        # works only with its token (anything else: 404). The office's pages are under manage/.
        "exchanges/register/<slug:slug>/": [Case(f"/exchanges/register/{DEMO_EXCHANGE}/", PUBLIC)],
        "exchanges/register/<slug:slug>/done/": [Case(f"/exchanges/register/{DEMO_EXCHANGE}/done/", PUBLIC)],
        "exchanges/cancel/<str:token>/": [Case("/exchanges/cancel/not-a-token/", every(404))],
        "people/<slug:slug>/": [
            Case(f"/people/{person.slug}/", PUBLIC if person.is_public else INTERNAL_PERSON)
            for person in Person.objects.all()
        ],
    }


def admin_model_cases(world: dict[str, Any], route: str) -> list[Case]:
    """A standard ModelAdmin page: staff status alone gets 403; the superuser gets what the
    ModelAdmin allows (some models, such as login attempts, cannot be added by anyone)."""
    model, kind = admin_model_route(route)  # type: ignore[misc]
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = world["superuser"]
    instance = model._default_manager.order_by("pk").first()
    object_id = instance.pk if instance is not None else 0
    allowed = {
        "changelist": model_admin.has_view_or_change_permission(request),
        "add": model_admin.has_add_permission(request),
        "history": model_admin.has_view_or_change_permission(request),
        "delete": model_admin.has_delete_permission(request, instance),
        "change": model_admin.has_view_or_change_permission(request),
        "redirect": True,
    }[kind]
    superuser = 200 if allowed else 403
    staff = 302  # staff status alone does not open the admin
    if kind == "redirect":
        staff = superuser = 302
    elif instance is None and kind == "history":
        superuser = 302  # Django's "does not exist" redirect comes before the permission check
    elif instance is None and kind in {"change", "delete"} and allowed:
        superuser = 302
    return [Case(fill(route, {"object_id": object_id}), statuses(302, 302, staff, 302, 302, superuser))]


@pytest.fixture
def world(demo: None, users: dict[str, Any]) -> dict[str, Any]:
    from django.contrib.contenttypes.models import ContentType

    actor = Actor(via="test")
    heffels = Person.objects.get(slug="martina-heffels")  # public contact of Krefeld's partnerships office
    jochmann = Person.objects.get(slug="dirk-jochmann")  # internal
    contact_detail_add(kind="email", value=INTERNAL_EMAIL, person=heffels, actor=actor, visibility="internal")
    contact_detail_add(kind="phone", value=INTERNAL_PHONE, person=jochmann, actor=actor, visibility="internal")
    contact_detail_add(
        kind="phone",
        value=INTERNAL_ORG_PHONE,
        organization=heffels.roles.get(is_contact=True).organization,
        actor=actor,
        visibility="internal",
    )
    pending = list(Suggestion.objects.filter(status="pending", kind="organization").order_by("pk"))
    assert len(pending) > len(ROLES)
    app_list = next(r.route for r in routes() if r.name == "admin:app_list")
    return {
        "suggestions": dict(zip(ROLES, pending, strict=False)),
        "edit_suggestion": pending[len(ROLES)],
        "krefeld": Place.objects.get(geonameid=KREFELD),
        "place_type": ContentType.objects.get_for_model(Place).pk,
        "local_place": Place.objects.filter(geonameid__isnull=True).order_by("pk").first(),
        "partnership": Partnership.objects.order_by("pk").first(),
        "activity": Activity.objects.order_by("pk").first(),
        "programme": Programme.objects.order_by("pk").first(),
        "article": Article.objects.order_by("pk").first(),
        "superuser": users["superuser"],
        "job": Job.objects.create(kind="ingest", created_by=users["superuser"], state=Job.State.SUCCEEDED),
        "app_list_route": app_list,
        "users": users,
    }


def test_every_url_answers_every_role_as_expected_and_leaks_no_internal_contact(world: dict[str, Any]) -> None:
    table = expected_table(world)
    missing, wrong, leaks, seen_internal = [], [], [], set()
    for route in routes():
        if admin_model_route(route.route):
            cases = admin_model_cases(world, route.route)
        elif route.route in table:
            cases = table[route.route]
        elif route.route.startswith(NOT_YET_IN_TABLE):
            continue
        else:
            missing.append(f"{route.route!r} ({route.name})")
            continue
        for case in cases:
            for role in ROLES:
                user = world["users"][role]
                path = case.path(role) if callable(case.path) else case.path
                response = getattr(client_for(user), case.method)(path, case.data)
                if response.status_code != case.expected[role]:
                    wrong.append(
                        f"{case.method.upper()} {path} as {role}: {response.status_code}, "
                        f"expected {case.expected[role]}"
                    )
                body = b"".join(response.streaming_content) if response.streaming else response.content
                text = body.decode("utf-8", "replace")
                for marker in (INTERNAL_EMAIL, INTERNAL_PHONE, INTERNAL_ORG_PHONE):
                    if marker in text:
                        if can_see_internal(user):
                            seen_internal.add((role, marker))
                        else:
                            leaks.append(f"{path} shows {marker} to {role}")
    assert not missing, "URL patterns without an entry in EXPECTED (say who may see them):\n" + "\n".join(missing)
    assert not wrong, "\n".join(wrong)
    assert not leaks, "\n".join(leaks)
    # The permission works: the reader sees each internal detail somewhere.
    assert {marker for role, marker in seen_internal if role == "reader"} == {
        INTERNAL_EMAIL,
        INTERNAL_PHONE,
        INTERNAL_ORG_PHONE,
    }


def test_staff_without_the_permission_cannot_decide_and_nothing_is_written(world: dict[str, Any]) -> None:
    suggestion = world["suggestions"]["staff"]
    client = client_for(world["users"]["staff"])
    for action in ("accept", "reject", "merge"):
        assert client.post(f"/review/{suggestion.pk}/", {"action": action}).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == "pending" and suggestion.decided_by is None
