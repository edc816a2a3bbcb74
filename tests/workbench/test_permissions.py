"""Every URL of the project × GET and POST × {anonymous, another office's editor, viewer, editor,
reviewer, manager, superuser}: the expected status codes. The URL patterns are enumerated from the
resolver, so a new URL without an entry in PERMISSIONS fails `test_every_url_has_an_entry`.

Statuses are given per role in the order of ROLES. POSTs carry no data (forms answer 200 with
their errors, actions redirect), each request runs in a transaction that is rolled back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.factories import ActivityFactory, ArticleFactory, OrganizationFactory, ParticipationFactory, ProgrammeFactory
from twinning.core.services import Actor
from twinning.exchanges.services import ParticipantInput, registration_create, registration_settings_set
from twinning.offices.models import Membership
from twinning.offices.services import api_token_create, invitation_create, office_create
from twinning.offices.trash import record_delete
from twinning.places.models import Place
from twinning.review.models import Suggestion

from .conftest import Offices

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "other_editor", "viewer", "editor", "reviewer", "manager", "superuser")


def _walk(resolver: URLResolver, namespace: str = "") -> list[str]:
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            names += _walk(pattern, f"{namespace}:{inner}".strip(":") if inner else namespace)
        elif isinstance(pattern, URLPattern):
            names.append(f"{namespace}:{pattern.name}".strip(":"))
    return names


def all_url_names() -> list[str]:
    return sorted(set(_walk(get_resolver())))


def codes(text: str) -> tuple[int, ...]:
    values = tuple(int(v) for v in text.split())
    assert len(values) == len(ROLES), text
    return values


W = "302 405 405 405 405 405 405"  # workbench view that takes POST only / GET only: anonymous to the login
PUBLIC = "200 200 200 200 200 200 200"
NOPOST = "405 405 405 405 405 405 405"
REDIRECT = "302 302 302 302 302 302 302"
MISSING = "404 404 404 404 404 404 404"
READ = "302 200 200 200 200 200 200"
TOKEN = "401 401 401 401 401 401 401"

# url name → (GET, POST). "admin:*" covers the admin site: superusers only.
PERMISSIONS: dict[str, tuple[str, str]] = {
    # accounts
    "login": ("200 302 302 302 302 302 302", "200 302 302 302 302 302 302"),
    "logout": (NOPOST, REDIRECT),
    "password_change": (READ, READ),
    "password_change_done": (READ, W),
    "password_reset": (PUBLIC, PUBLIC),
    "password_reset_done": (PUBLIC, NOPOST),
    "password_reset_confirm": (PUBLIC, PUBLIC),
    "password_reset_complete": (PUBLIC, NOPOST),
    "accept_invitation": (PUBLIC, PUBLIC),
    # the workbench
    "workbench:home": (READ, W),
    "workbench:pick_places": (READ, W),
    "workbench:pick_people": (READ, W),
    "workbench:people": (READ, W),
    "workbench:organizations": (READ, W),
    "workbench:partnership_new": ("302 200 403 200 200 200 200", "302 200 403 200 200 200 200"),
    "workbench:partnership": ("302 403 403 200 200 200 200", "302 403 403 200 200 200 200"),
    "workbench:partnership_end": (W, "302 403 403 302 302 302 302"),
    "workbench:activity_new": ("302 200 403 200 200 200 200", "302 200 403 200 200 200 200"),
    "workbench:activity": ("302 403 403 200 200 200 200", "302 403 403 200 200 200 200"),
    "workbench:participation_new": (W, "302 403 403 302 302 302 302"),
    "workbench:participation_delete": (W, "302 404 403 302 302 302 302"),
    "workbench:person_new": ("302 200 403 200 200 200 200", "302 200 403 200 200 200 200"),
    "workbench:person": ("302 404 403 200 200 200 200", "302 404 403 200 200 200 200"),
    "workbench:person_contact_new": (W, "302 404 403 302 302 302 302"),
    "workbench:person_consent": (W, "302 404 403 302 302 302 302"),
    "workbench:person_export": ("302 404 403 200 200 200 200", W),
    "workbench:person_erase": ("302 404 403 403 403 200 200", "302 404 403 403 403 200 200"),
    "workbench:contact_delete": (W, "302 404 403 302 302 302 302"),
    "workbench:organization_new": ("302 200 403 200 200 200 200", "302 200 403 200 200 200 200"),
    "workbench:organization": ("302 403 403 200 200 200 200", "302 403 403 200 200 200 200"),
    "workbench:history": ("302 404 200 200 200 200 200", W),
    "workbench:dashboard": ("302 404 200 200 200 200 200", W),
    "workbench:contact_box": ("302 404 403 200 200 200 200", "302 404 403 200 200 200 200"),
    "workbench:members": ("302 404 403 403 403 200 200", "302 404 403 403 403 200 200"),
    "workbench:member_remove": (W, "302 404 403 403 403 302 302"),
    "workbench:confirm": (W, "302 404 403 302 302 302 302"),
    "workbench:article_new": ("302 404 403 200 200 200 200", "302 404 403 200 200 200 200"),
    "workbench:currency": ("302 404 404 404 404 404 200", W),
    "workbench:delete": (W, "302 403 403 302 302 302 302"),
    "workbench:trash": ("302 404 403 403 403 200 200", W),
    "workbench:restore": (W, "302 404 403 403 403 302 302"),
    "workbench:tokens": ("302 404 403 403 403 200 200", "302 404 403 403 403 200 200"),
    "workbench:token_revoke": (W, "302 404 403 403 403 302 302"),
    # public pages, feeds and the API (the person is Krefeld's internal staff member: 404 outside the office)
    # API writes take an office's API token, never the session: 401 without one (tests/api/test_writes.py)
    "api:activities": (PUBLIC, TOKEN),
    "api:activity": (PUBLIC, NOPOST),
    "api:api-root": (MISSING, MISSING),
    "api:article": (PUBLIC, NOPOST),
    "api:articles": (PUBLIC, TOKEN),
    "api:organizations": (PUBLIC, TOKEN),
    "api:organization": (PUBLIC, NOPOST),
    "api:person_new": (NOPOST, TOKEN),
    "api:person_change": (NOPOST, NOPOST),
    "api:person_role_new": (NOPOST, TOKEN),
    "api_guide": (PUBLIC, NOPOST),
    # ninja names a path once per operation: the same path answers the same
    "api:partnership_new": (PUBLIC, TOKEN),
    "api:partnership_change": (PUBLIC, NOPOST),
    "api:activity_new": (PUBLIC, TOKEN),
    "api:activity_change": (PUBLIC, NOPOST),
    "api:organization_new": (PUBLIC, TOKEN),
    "api:organization_change": (PUBLIC, NOPOST),
    "api:article_new": (PUBLIC, TOKEN),
    "api:openapi-json": (PUBLIC, PUBLIC),
    "api:openapi-view": (PUBLIC, PUBLIC),
    "api:partnership": (PUBLIC, NOPOST),
    "api:partnerships": (PUBLIC, TOKEN),
    "api:place": (PUBLIC, NOPOST),
    "api:place_local": (PUBLIC, NOPOST),
    "api:places": (PUBLIC, NOPOST),
    "api:programme": (PUBLIC, NOPOST),
    "api:programmes": (PUBLIC, NOPOST),
    "calendar:all": (PUBLIC, PUBLIC),
    "exports:place_activities": (PUBLIC, NOPOST),
    "exports:partnership_activities": (PUBLIC, NOPOST),
    "exports:programme_activities": (PUBLIC, NOPOST),
    "exports:office_activities": (PUBLIC, NOPOST),
    "exports:data": (PUBLIC, NOPOST),
    "exports:download": (PUBLIC, NOPOST),
    "calendar:place": (PUBLIC, PUBLIC),
    "health:overview": (PUBLIC, PUBLIC),
    "healthz": (PUBLIC, NOPOST),
    "jobs:detail": ("302 403 403 403 403 403 404", NOPOST),
    "jobs:import": ("302 403 403 403 403 403 200", "302 403 403 403 403 403 200"),
    "jobs:ingest": ("302 403 403 403 403 403 200", "302 403 403 403 403 403 200"),
    "jobs:list": ("302 403 403 403 403 403 200", NOPOST),
    "jobs:progress": ("302 403 403 403 403 403 404", NOPOST),
    "network:place_map": (PUBLIC, NOPOST),
    "network:place_network": (PUBLIC, NOPOST),
    "network:place_network_json": (PUBLIC, NOPOST),
    "network:statistics": (PUBLIC, NOPOST),
    "portal:activity": (PUBLIC, PUBLIC),
    "portal:article": (PUBLIC, PUBLIC),
    "portal:home": (PUBLIC, PUBLIC),
    "portal:organization": (PUBLIC, PUBLIC),
    "portal:partnership": (PUBLIC, PUBLIC),
    "portal:person": ("404 404 200 200 200 200 200", "404 404 200 200 200 200 200"),
    "portal:place": (PUBLIC, PUBLIC),
    "portal:place_local": (REDIRECT, REDIRECT),
    "portal:place_redirect": (REDIRECT, REDIRECT),
    "portal:programme": (PUBLIC, PUBLIC),
    "portal:search": (PUBLIC, PUBLIC),
    "readyz": (PUBLIC, NOPOST),
    "review:decide": (NOPOST, "302 403 403 403 400 400 400"),
    "review:edit": ("302 403 403 403 200 200 200", "302 403 403 403 400 400 400"),
    # review: the "Redaktion" permission, or an office's reviewers and managers for its own press releases;
    # jobs: the jobs permission (twinning.directory.access)
    "portal:place_embed": (PUBLIC, PUBLIC),
    "portal:place_local_embed": (PUBLIC, PUBLIC),
    "portal:brand_css": (PUBLIC, PUBLIC),
    "portal:favicon": ("301 301 301 301 301 301 301", "301 301 301 301 301 301 301"),
    "portal:activity_list": (PUBLIC, NOPOST),
    "portal:news_list": (PUBLIC, NOPOST),
    "portal:organization_list": (PUBLIC, NOPOST),
    "portal:partnership_list": (PUBLIC, NOPOST),
    "portal:place_list": (PUBLIC, NOPOST),
    "portal:programme_list": (PUBLIC, NOPOST),
    "review:merge": ("302 403 403 403 200 200 200", NOPOST),
    "review:bulk": (NOPOST, "302 403 403 403 400 400 400"),
    "review:queue": ("302 403 403 403 200 200 200", NOPOST),
    "set_language": (REDIRECT, REDIRECT),
    # reports: the council report is counts only (public for a place; an office's over its places for its members)
    "reports:council": (PUBLIC, NOPOST),
    "reports:council_pdf": (PUBLIC, NOPOST),
    "reports:council_csv": (PUBLIC, NOPOST),
    "reports:office_council": ("302 404 200 200 200 200 200", W),
    "reports:office_council_pdf": ("302 404 200 200 200 200 200", W),
    "reports:office_council_csv": ("302 404 200 200 200 200 200", W),
    # the funder's pages: the organizing office only (404 for anyone else); choosing the programme needs an editor
    "reports:funding": ("302 404 200 200 200 200 200", "302 404 403 302 302 302 302"),
    "reports:programme_pdf": ("302 404 200 200 200 200 200", W),
    "reports:funder_csv": ("302 404 200 200 200 200 200", W),
    "reports:signature_list": ("302 404 404 404 404 404 404", W),  # nobody invited from that town
    "reports:activity_public": (PUBLIC, NOPOST),  # counts, and names only with consent
    # registrations: the form is public (closed here: a POST is refused with 400); a cancellation link
    # needs its token; participants are the organizing office's (404 for any other office)
    "exchanges:register": (PUBLIC, "400 400 400 400 400 400 400"),
    "exchanges:registered": (PUBLIC, PUBLIC),
    "exchanges:cancel": (MISSING, MISSING),
    "exchanges_office:index": (READ, READ),
    "exchanges_office:participants": ("302 404 200 200 200 200 200", "302 404 200 200 200 200 200"),
    "exchanges_office:settings": ("302 404 403 200 200 200 200", "302 404 403 400 400 400 400"),
    "exchanges_office:add": ("302 404 403 200 200 200 200", "302 404 403 400 400 400 400"),
    "exchanges_office:import": ("302 404 403 200 200 200 200", "302 404 403 400 400 400 400"),
    "exchanges_office:edit": ("302 404 403 200 200 200 200", "302 404 403 400 400 400 400"),
    "exchanges_office:cancel": (W, "302 404 403 302 302 302 302"),
    "exchanges_office:checkin": ("302 404 403 200 200 200 200", "302 404 403 200 200 200 200"),
    "exchanges_office:tick": (W, "302 404 403 302 302 302 302"),
}


@pytest.fixture
def world(offices: Offices) -> dict[str, Any]:
    """Records of Krefeld's office to address every URL with."""
    krefeld = Place.objects.get(geonameid=2884509)
    activity = ActivityFactory(title="Besuch aus Charlotte", slug="besuch-aus-charlotte", place=krefeld,
                               start=dt.date(2025, 6, 1))  # fmt: skip
    activity.partnerships.add(offices.krefeld_charlotte)
    participation = ParticipationFactory(activity=activity, person=offices.krefeld_staff, role="Begleitung")
    registration_settings_set(activity=activity, office=offices.krefeld, actor=Actor(via="test"))
    participant = registration_create(
        activity=activity,
        data=ParticipantInput(given_name="Marie", family_name="Leroy", consent_list=True),
        actor=Actor(via="test"),
        channel="office",
    ).registration
    organization = OrganizationFactory(name="Stadt Krefeld", slug="stadt-krefeld", seat=krefeld)
    programme = ProgrammeFactory(name="Städtediplomatie", slug="staedtediplomatie")
    article = ArticleFactory(title="Besuch aus Charlotte", slug="besuch-aus-charlotte")
    region = office_create(name="Staatskanzlei NRW", region="DE-NW", kind="state", actor=Actor(via="test"))
    _invitation, token = invitation_create(
        office=offices.krefeld, email="new@example.org", role="editor", actor=Actor(via="test")
    )
    deleted = OrganizationFactory(name="Partnerschaftsverein Krefeld", slug="pv-krefeld", seat=krefeld)
    deletion = record_delete(record=deleted, actor=Actor(via="test"), office=offices.krefeld)
    press = ArticleFactory(title="Pressemitteilung Krefeld", slug="pm-krefeld", publisher_place=krefeld)
    suggestion = Suggestion.objects.create(
        article=press,
        kind="person",
        key="person:anna",
        label="Anna",
        data={"name": "Anna"},
        extracted={"name": "Anna"},
        spans=[[0, 4]],
    )
    viewer = Membership.objects.get(office=offices.krefeld, user=offices.users["viewer"])
    api_token, _secret = api_token_create(office=offices.krefeld, name="CMS", actor=Actor(via="test"))
    return {
        "workbench:partnership": {"pk": offices.krefeld_charlotte.pk},
        "workbench:partnership_end": {"pk": offices.krefeld_charlotte.pk},
        "workbench:activity": {"pk": activity.pk},
        "workbench:participation_new": {"pk": activity.pk},
        "workbench:participation_delete": {"pk": participation.pk},
        "workbench:person": {"pk": offices.krefeld_staff.pk},
        "workbench:person_contact_new": {"pk": offices.krefeld_staff.pk},
        "workbench:person_consent": {"pk": offices.krefeld_staff.pk},
        "workbench:person_export": {"pk": offices.krefeld_staff.pk},
        "workbench:person_erase": {"pk": offices.krefeld_staff.pk},
        "workbench:contact_delete": {"pk": offices.krefeld_phone.pk},
        "workbench:organization": {"pk": organization.pk},
        "workbench:history": {"kind": "person", "pk": offices.krefeld_staff.pk},
        "workbench:dashboard": {"office": offices.krefeld.slug},
        "workbench:contact_box": {"office": offices.krefeld.slug},
        "workbench:members": {"office": offices.krefeld.slug},
        "workbench:member_remove": {"office": offices.krefeld.slug, "pk": viewer.pk},
        "workbench:confirm": {"office": offices.krefeld.slug, "pk": offices.krefeld_charlotte.pk},
        "workbench:article_new": {"office": offices.krefeld.slug},
        "workbench:currency": {"office": region.slug},
        "workbench:delete": {"kind": "organization", "pk": organization.pk},
        "workbench:trash": {"office": offices.krefeld.slug},
        "workbench:restore": {"office": offices.krefeld.slug, "pk": deletion.pk},
        "workbench:tokens": {"office": offices.krefeld.slug},
        "workbench:token_revoke": {"office": offices.krefeld.slug, "pk": api_token.pk},
        "api:organization": {"slug": organization.slug},
        "api:organization_change": {"slug": organization.slug},
        "api:partnership_change": {"pk": offices.krefeld_charlotte.pk},
        "api:activity_change": {"slug": activity.slug},
        "api:person_change": {"slug": offices.krefeld_staff.slug},
        "api:person_role_new": {"slug": offices.krefeld_staff.slug},
        "accept_invitation": {"token": token},
        "password_reset_confirm": {"uidb64": "MQ", "token": "invalid-token"},
        "portal:place": {"geonameid": 2884509, "slug": krefeld.slug},
        "portal:place_redirect": {"geonameid": 2884509},
        "portal:place_local": {"pk": krefeld.pk, "slug": krefeld.slug},
        "portal:place_embed": {"geonameid": 2884509, "slug": krefeld.slug},
        "portal:place_local_embed": {"pk": krefeld.pk, "slug": krefeld.slug},
        "portal:partnership": {"pk": offices.krefeld_charlotte.pk},
        "portal:activity": {"slug": activity.slug},
        "portal:programme": {"slug": programme.slug},
        "portal:article": {"slug": article.slug},
        "portal:organization": {"slug": organization.slug},
        "portal:person": {"slug": offices.krefeld_staff.slug},
        "network:place_network": {"geonameid": 2884509},
        "network:place_network_json": {"geonameid": 2884509},
        "network:place_map": {"geonameid": 2884509},
        "calendar:place": {"geonameid": 2884509},
        "exports:place_activities": {"geonameid": 2884509},
        "exports:partnership_activities": {"pk": offices.krefeld_charlotte.pk},
        "exports:programme_activities": {"slug": programme.slug},
        "exports:office_activities": {"slug": offices.krefeld.slug},
        "exports:download": {"filename": "twinning-popolo.json"},
        "api:place": {"geonameid": 2884509},
        "api:place_local": {"pk": krefeld.pk},
        "api:partnership": {"pk": offices.krefeld_charlotte.pk},
        "api:activity": {"slug": activity.slug},
        "api:programme": {"slug": programme.slug},
        "api:article": {"slug": article.slug},
        "review:decide": {"pk": suggestion.pk},
        "review:edit": {"pk": suggestion.pk},
        "review:merge": {"pk": suggestion.pk},
        "jobs:detail": {"pk": 1},
        "jobs:progress": {"pk": 1},
        "reports:council": {"geonameid": 2884509, "year": 2025},
        "reports:council_pdf": {"geonameid": 2884509, "year": 2025},
        "reports:council_csv": {"geonameid": 2884509, "year": 2025},
        "reports:office_council": {"office": offices.krefeld.slug, "year": 2025},
        "reports:office_council_pdf": {"office": offices.krefeld.slug, "year": 2025},
        "reports:office_council_csv": {"office": offices.krefeld.slug, "year": 2025},
        "reports:funding": {"pk": activity.pk},
        "reports:programme_pdf": {"pk": activity.pk},
        "reports:funder_csv": {"pk": activity.pk},
        "reports:signature_list": {"pk": activity.pk, "town": "3020686"},
        "reports:activity_public": {"slug": activity.slug},
        "exchanges:register": {"slug": activity.slug},
        "exchanges:registered": {"slug": activity.slug},
        "exchanges:cancel": {"token": "not-a-token"},
        "exchanges_office:participants": {"pk": activity.pk},
        "exchanges_office:settings": {"pk": activity.pk},
        "exchanges_office:add": {"pk": activity.pk},
        "exchanges_office:import": {"pk": activity.pk},
        "exchanges_office:edit": {"pk": activity.pk, "registration": participant.pk},
        "exchanges_office:cancel": {"pk": activity.pk, "registration": participant.pk},
        "exchanges_office:checkin": {"pk": activity.pk, "day": "2025-06-01"},
        "exchanges_office:tick": {"pk": activity.pk, "day": "2025-06-01", "registration": participant.pk},
        "_query": {"workbench:pick_places": "?q=Krefeld", "workbench:pick_people": "?q=Kre", "api:places": "?q=Kref"},
    }


def test_every_url_has_an_entry() -> None:
    missing = [name for name in all_url_names() if name not in PERMISSIONS and not name.startswith("admin:")]
    assert not missing, f"URLs without an entry in the permission table: {missing}"


def _status(offices: Offices, role: str, method: str, url: str) -> int:
    client = offices.client(role)
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize("name", sorted(PERMISSIONS))
def test_url_answers_each_role(offices: Offices, world: dict[str, Any], name: str) -> None:
    url = reverse(name, kwargs=world.get(name)) + world["_query"].get(name, "")
    expected = dict(zip(("GET", "POST"), PERMISSIONS[name], strict=True))
    got = {method: " ".join(str(_status(offices, role, method, url)) for role in ROLES) for method in ("GET", "POST")}
    assert got == {m: " ".join(map(str, codes(e))) for m, e in expected.items()}, f"{name} {url}: got {got}"


def test_admin_is_for_superusers_only(offices: Offices) -> None:
    for role in ROLES:
        client = offices.client(role)
        expected = 200 if role == "superuser" else 302
        assert client.get(reverse("admin:index")).status_code == expected, role
        assert client.get(reverse("admin:directory_person_changelist")).status_code == expected, role
    staff = offices.client("staff_only")
    assert staff.get(reverse("admin:index")).status_code == 302
