"""The one permission table: every URL pattern of the project × GET and POST × every kind of user.

The URL patterns are enumerated from the resolver (`tests/security/urls.py`), so a new URL without
an entry in PERMISSIONS fails `test_every_url_pattern_has_an_entry` (by name; an unnamed pattern by
its route). The users (ROLES, in this order in every status string):

- anonymous;
- plain: logged in, no permission, no office; staff: staff status alone;
- redaktion: the group "Redaktion" (decides review suggestions); reader: the group "Personendaten
  intern" (sees internal personal data everywhere);
- other_editor: Darmstadt's editor; viewer, editor, reviewer, manager: Krefeld's office;
- superuser.

The world is the demo (real seeds on the real gazetteer) with the two offices of the workbench's
"done when" on its places: Krefeld (2884509) and Darmstadt (2938913). Every request runs in a
transaction that is rolled back, so a POST that writes (a deletion, a removal) does not change what
the next user meets. POSTs carry no data: forms answer 200 with their errors, actions redirect.
Every answer is searched for Krefeld's internal e-mail and phones: only those who may see Krefeld's
internal data (the reader, Krefeld's office, the superuser) may get them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.factories import ActivityFactory, ArticleFactory, OrganizationFactory, ParticipationFactory, user_in_groups
from tests.security.urls import Route, admin_model_route, fill, routes
from twinning.activities.models import Activity, Programme
from twinning.core.services import Actor
from twinning.demo.exchange import SLUG as DEMO_EXCHANGE
from twinning.directory.access import GROUP_EDITORS, GROUP_INTERNAL_PERSONAL_DATA
from twinning.directory.models import Person
from twinning.directory.services import contact_detail_add, person_create, role_add
from twinning.exchanges.models import Registration
from twinning.exchanges.services import registration_settings_set
from twinning.jobs.models import Job
from twinning.offices import access
from twinning.offices.models import Membership, Office
from twinning.offices.services import api_token_create, invitation_create, membership_set, office_create
from twinning.offices.trash import record_delete
from twinning.partnerships.models import Partnership
from twinning.places.models import Place
from twinning.press.models import Article
from twinning.review.models import Suggestion

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "plain",
    "staff",
    "redaktion",
    "reader",
    "other_editor",
    "viewer",
    "editor",
    "reviewer",
    "manager",
    "superuser",
)
KREFELD, CHARLOTTE, DARMSTADT, SAN_ANTONIO = 2884509, 4460243, 2938913, 4726206
INTERNAL_EMAIL = "gabriele.intern@krefeld.de"
INTERNAL_PHONE = "+49 2151 86-9999"
INTERNAL_ORG_PHONE = "+49 2151 86-7777"


def codes(text: str) -> tuple[int, ...]:
    values = tuple(int(v) for v in text.split())
    assert len(values) == len(ROLES), text
    return values


def every(status: int) -> str:
    return " ".join([str(status)] * len(ROLES))


#                 anon plain staff redak reader other view edit  rev  mgr  super
PUBLIC = every(200)
NOPOST = every(405)
REDIRECT = every(302)
MISSING = every(404)
READ = "302 200 200 200 200 200 200 200 200 200 200"  # any logged-in user
W = "302 403 403 403 403 405 405 405 405 405 405"  # workbench view taking the other method only
ADMIN = "302 302 302 302 302 302 302 302 302 302 200"  # the admin: superusers only
JOBS = "302 403 403 403 403 403 403 403 403 403 200"  # the permission jobs.run_job
EDITING = "302 403 403 403 403 200 403 200 200 200 200"  # a new record: any office's editor
KREFELD_RECORD = "302 403 403 403 403 403 403 200 200 200 200"  # Krefeld's record, public data
KREFELD_INTERNAL = "302 403 403 403 403 404 403 200 200 200 200"  # Krefeld's internal person
KREFELD_INTERNAL_DONE = "302 403 403 403 403 404 403 302 302 302 302"  # ... an action on it
KREFELD_OFFICE = "302 403 403 403 403 404 200 200 200 200 200"  # Krefeld's office pages: its members
KREFELD_MANAGERS = "302 403 403 403 403 404 403 403 403 200 200"
TOKEN = every(401)  # API writes take an office's API token, never the session (tests/api/test_writes.py)
OFFICE_MEMBERS = "302 403 403 403 403 200 200 200 200 200 200"  # any office's members
ORGANIZING_OFFICE = "302 404 404 404 404 404 200 200 200 200 200"  # the organizing office's members only
ORGANIZING_EDITORS = "302 404 404 404 404 404 403 200 200 200 200"
ORGANIZING_EDITORS_DONE = "302 404 404 404 404 404 403 302 302 302 302"
GET_ONLY = "302 405 405 405 405 405 405 405 405 405 405"  # login first, then the method
POST_ONLY = GET_ONLY
INTERNAL_PERSON_PAGE = "404 404 404 404 200 404 200 200 200 200 200"  # Krefeld's internal person's public page

# URL name (or, unnamed, its route) → (GET, POST). Standard ModelAdmin pages are derived from the
# ModelAdmin's own permissions (`admin_model_statuses`).
PERMISSIONS: dict[str, tuple[str, str]] = {
    "set_language": (REDIRECT, REDIRECT),
    # accounts
    "login": ("200 302 302 302 302 302 302 302 302 302 302", "200 302 302 302 302 302 302 302 302 302 302"),
    "logout": (NOPOST, REDIRECT),
    "password_change": (READ, READ),
    "password_change_done": (READ, "302 405 405 405 405 405 405 405 405 405 405"),
    "password_reset": (PUBLIC, PUBLIC),
    "password_reset_done": (PUBLIC, NOPOST),
    "password_reset_confirm": (PUBLIC, PUBLIC),
    "password_reset_complete": (PUBLIC, NOPOST),
    "accept_invitation": (PUBLIC, PUBLIC),
    # the workbench: members of an office only; scope per record
    "workbench:home": ("302 403 403 403 403 200 200 200 200 200 200", W),
    "workbench:pick_places": ("302 403 403 403 403 200 200 200 200 200 200", W),
    "workbench:pick_people": ("302 403 403 403 403 200 200 200 200 200 200", W),
    "workbench:people": ("302 403 403 403 403 200 200 200 200 200 200", W),
    "workbench:organizations": ("302 403 403 403 403 200 200 200 200 200 200", W),
    "workbench:partnership_new": (EDITING, EDITING),
    "workbench:partnership": (KREFELD_RECORD, KREFELD_RECORD),
    "workbench:partnership_end": (W, "302 403 403 403 403 403 403 302 302 302 302"),
    "workbench:activity_new": (EDITING, EDITING),
    "workbench:activity": (KREFELD_RECORD, KREFELD_RECORD),
    "workbench:participation_new": (W, "302 403 403 403 403 403 403 302 302 302 302"),
    "workbench:participation_delete": (W, KREFELD_INTERNAL_DONE),
    "workbench:person_new": (EDITING, EDITING),
    "workbench:person": (KREFELD_INTERNAL, KREFELD_INTERNAL),
    "workbench:person_contact_new": (W, KREFELD_INTERNAL_DONE),
    "workbench:person_consent": (W, KREFELD_INTERNAL_DONE),
    "workbench:person_export": (KREFELD_INTERNAL, W),
    "workbench:person_erase": (
        "302 403 403 403 403 404 403 403 403 200 200",
        "302 403 403 403 403 404 403 403 403 200 200",
    ),
    "workbench:role_new": (W, KREFELD_INTERNAL_DONE),
    "workbench:role": (KREFELD_INTERNAL, KREFELD_INTERNAL),
    "workbench:role_delete": (W, KREFELD_INTERNAL_DONE),
    "workbench:contact_delete": (W, KREFELD_INTERNAL_DONE),
    "workbench:organization_new": (EDITING, EDITING),
    "workbench:organization": (KREFELD_RECORD, KREFELD_RECORD),
    "workbench:organization_contact_new": (W, "302 403 403 403 403 403 403 302 302 302 302"),
    "workbench:history": ("302 403 403 403 403 404 200 200 200 200 200", W),
    "workbench:delete": (W, "302 403 403 403 403 403 403 302 302 302 302"),
    "workbench:dashboard": (KREFELD_OFFICE, W),
    "workbench:contact_box": (KREFELD_INTERNAL, KREFELD_INTERNAL),
    "workbench:members": (KREFELD_MANAGERS, KREFELD_MANAGERS),
    "workbench:member_remove": (W, "302 403 403 403 403 404 403 403 403 302 302"),
    "workbench:confirm": (W, KREFELD_INTERNAL_DONE),
    "workbench:article_new": (KREFELD_INTERNAL, KREFELD_INTERNAL),
    "workbench:currency": ("302 403 403 403 403 404 404 404 404 404 200", W),
    "workbench:trash": (KREFELD_MANAGERS, W),
    "workbench:restore": (W, "302 403 403 403 403 404 403 403 403 302 302"),
    "workbench:tokens": (KREFELD_MANAGERS, KREFELD_MANAGERS),
    "workbench:token_revoke": (W, "302 403 403 403 403 404 403 403 403 302 302"),
    # exchanges: registration (public); the office organizing the activity's pages (404 for others)
    "exchanges:register": (PUBLIC, every(400)),  # an empty form: 400 naming the fields
    "exchanges:registered": (PUBLIC, PUBLIC),
    "exchanges:cancel": (MISSING, MISSING),
    "exchanges_office:index": (OFFICE_MEMBERS, OFFICE_MEMBERS),
    "exchanges_office:settings": (KREFELD_INTERNAL, "302 403 403 403 403 404 403 400 400 400 400"),
    "exchanges_office:participants": (ORGANIZING_OFFICE, ORGANIZING_OFFICE),
    "exchanges_office:add": (ORGANIZING_EDITORS, "302 404 404 404 404 404 403 400 400 400 400"),
    "exchanges_office:import": (ORGANIZING_EDITORS, "302 404 404 404 404 404 403 400 400 400 400"),
    "exchanges_office:edit": (ORGANIZING_EDITORS, "302 404 404 404 404 404 403 400 400 400 400"),
    "exchanges_office:cancel": (POST_ONLY, ORGANIZING_EDITORS_DONE),
    "exchanges_office:checkin": (ORGANIZING_EDITORS, ORGANIZING_EDITORS),
    "exchanges_office:tick": (POST_ONLY, ORGANIZING_EDITORS_DONE),
    # reports: a place's council report is counts only (public); an office's for its members;
    # the funder's pages for the organizing office (404 for anyone else)
    "reports:council": (PUBLIC, NOPOST),
    "reports:council_pdf": (PUBLIC, NOPOST),
    "reports:council_csv": (PUBLIC, NOPOST),
    "reports:office_council": (ORGANIZING_OFFICE, GET_ONLY),
    "reports:office_council_pdf": (ORGANIZING_OFFICE, GET_ONLY),
    "reports:office_council_csv": (ORGANIZING_OFFICE, GET_ONLY),
    "reports:funding": (ORGANIZING_OFFICE, ORGANIZING_EDITORS_DONE),
    "reports:programme_pdf": (ORGANIZING_OFFICE, GET_ONLY),
    "reports:funder_csv": (ORGANIZING_OFFICE, GET_ONLY),
    "reports:signature_list": ("302 404 404 404 404 404 404 404 404 404 404", GET_ONLY),  # nobody invited from there
    "reports:activity_public": (PUBLIC, NOPOST),
    # exports: activity feeds and the registry's dumps (public; people only where public)
    "exports:place_activities": (PUBLIC, NOPOST),
    "exports:partnership_activities": (PUBLIC, NOPOST),
    "exports:programme_activities": (PUBLIC, NOPOST),
    "exports:office_activities": (PUBLIC, NOPOST),
    "exports:data": (PUBLIC, NOPOST),
    "exports:download": (PUBLIC, NOPOST),
    # review: the group "Redaktion" for every article, an office's reviewers and managers for its own
    "review:queue": ("302 403 403 200 403 403 403 403 200 200 200", NOPOST),
    "review:edit": ("302 403 403 200 403 403 403 403 200 200 200", "302 403 403 400 403 403 403 403 400 400 400"),
    "review:decide": (NOPOST, "302 403 403 400 403 403 403 403 400 400 400"),
    "review:merge": ("302 403 403 200 403 403 403 403 200 200 200", NOPOST),
    "review:bulk": (NOPOST, "302 403 403 400 403 403 403 403 400 400 400"),
    # background jobs
    "jobs:list": (JOBS, NOPOST),
    "jobs:import": (JOBS, JOBS),
    "jobs:ingest": (JOBS, JOBS),
    "jobs:detail": (JOBS, NOPOST),
    "jobs:progress": (JOBS, NOPOST),
    # the JSON API (read-only, public)
    "api:api-root": (MISSING, MISSING),
    "api:openapi-json": (PUBLIC, PUBLIC),
    "api:openapi-view": (PUBLIC, PUBLIC),
    "api:places": (PUBLIC, NOPOST),
    "api:place": (PUBLIC, NOPOST),
    "api:place_local": (PUBLIC, NOPOST),
    "api:partnerships": (PUBLIC, TOKEN),
    "api:partnership": (PUBLIC, NOPOST),
    "api:activities": (PUBLIC, TOKEN),
    "api:activity": (PUBLIC, NOPOST),
    "api:programmes": (PUBLIC, NOPOST),
    "api:programme": (PUBLIC, NOPOST),
    "api:articles": (PUBLIC, TOKEN),
    "api:article": (PUBLIC, NOPOST),
    "api:organizations": (PUBLIC, TOKEN),
    "api:organization": (PUBLIC, NOPOST),
    "api:person_new": (NOPOST, TOKEN),
    "api:person_change": (NOPOST, NOPOST),
    "api:person_role_new": (NOPOST, TOKEN),
    # ninja names a path once per operation: the same path answers the same
    "api:partnership_new": (PUBLIC, TOKEN),
    "api:partnership_change": (PUBLIC, NOPOST),
    "api:activity_new": (PUBLIC, TOKEN),
    "api:activity_change": (PUBLIC, NOPOST),
    "api:organization_new": (PUBLIC, TOKEN),
    "api:organization_change": (PUBLIC, NOPOST),
    "api:article_new": (PUBLIC, TOKEN),
    "api_guide": (PUBLIC, NOPOST),
    # probes, network pages, feeds, health
    "healthz": (PUBLIC, NOPOST),
    "readyz": (PUBLIC, NOPOST),
    "network:place_map": (PUBLIC, NOPOST),
    "network:place_network": (PUBLIC, NOPOST),
    "network:place_network_json": (PUBLIC, NOPOST),
    "network:statistics": (PUBLIC, NOPOST),
    "calendar:all": (PUBLIC, PUBLIC),
    "calendar:place": (PUBLIC, PUBLIC),
    "health:overview": (PUBLIC, PUBLIC),
    # the portal (internal people only for whom may see them)
    "portal:home": (PUBLIC, PUBLIC),
    "portal:search": (PUBLIC, PUBLIC),
    "portal:place": (PUBLIC, PUBLIC),
    "portal:place_redirect": (REDIRECT, REDIRECT),
    "portal:place_local": (PUBLIC, PUBLIC),
    "portal:place_embed": (PUBLIC, PUBLIC),
    "portal:place_local_embed": (PUBLIC, PUBLIC),
    "portal:partnership": (PUBLIC, PUBLIC),
    "portal:activity": (PUBLIC, PUBLIC),
    "portal:programme": (PUBLIC, PUBLIC),
    "portal:article": (PUBLIC, PUBLIC),
    "portal:organization": (PUBLIC, PUBLIC),
    "portal:person": (INTERNAL_PERSON_PAGE, INTERNAL_PERSON_PAGE),
    "portal:brand_css": (PUBLIC, PUBLIC),
    "portal:favicon": (every(301), every(301)),
    "portal:activity_list": (PUBLIC, NOPOST),
    "portal:news_list": (PUBLIC, NOPOST),
    "portal:organization_list": (PUBLIC, NOPOST),
    "portal:partnership_list": (PUBLIC, NOPOST),
    "portal:place_list": (PUBLIC, NOPOST),
    "portal:programme_list": (PUBLIC, NOPOST),
    # the admin beyond its model pages
    "admin:index": (ADMIN, ADMIN),
    "admin:login": ("200 200 200 200 200 200 200 200 200 200 302", "200 200 200 200 200 200 200 200 200 200 200"),
    "admin:logout": ("302 302 302 302 302 302 302 302 302 302 405", REDIRECT),
    "admin:password_change": (ADMIN, ADMIN),
    "admin:password_change_done": (ADMIN, "302 302 302 302 302 302 302 302 302 302 405"),
    "admin:autocomplete": (
        "302 302 302 302 302 302 302 302 302 302 403",
        "302 302 302 302 302 302 302 302 302 302 405",
    ),
    "admin:jsi18n": (ADMIN, "302 302 302 302 302 302 302 302 302 302 405"),
    "admin:view_on_site": (REDIRECT, REDIRECT),
    "admin:auth_user_password_change": (ADMIN, ADMIN),
    "admin:app_list": (ADMIN, ADMIN),
    "admin/(?P<url>.*)$": (
        "302 302 302 302 302 302 302 302 302 302 404",
        "302 302 302 302 302 302 302 302 302 302 404",
    ),
}


@dataclass
class World:
    users: dict[str, Any]
    kwargs: dict[str, dict[str, Any]]
    query: dict[str, str]
    superuser: Any


def _offices(actor: Actor) -> dict[str, Any]:
    """The done-when's two offices on the demo's places, one user per office role."""
    place = {g: Place.objects.get(geonameid=g) for g in (KREFELD, DARMSTADT)}
    # The demo's office of Krefeld (it organizes the demo exchange), or a new one.
    krefeld = Office.objects.filter(places=place[KREFELD]).order_by("pk").first() or office_create(
        name="Stadt Krefeld, Internationales", places=[place[KREFELD]], actor=actor
    )
    darmstadt = office_create(name="Wissenschaftsstadt Darmstadt", places=[place[DARMSTADT]], actor=actor)
    users: dict[str, Any] = {}
    for name, office, role in [
        ("viewer", krefeld, "viewer"),
        ("editor", krefeld, "editor"),
        ("reviewer", krefeld, "reviewer"),
        ("manager", krefeld, "manager"),
        ("other_editor", darmstadt, "editor"),
    ]:
        users[name] = get_user_model().objects.create_user(f"office-{name}", password=f"pw-{name}-123")
        membership_set(office=office, user=users[name], role=role, actor=actor)
    return {"krefeld": krefeld, "darmstadt": darmstadt, "users": users, "place": place}


def _partnership(a: int, b: int) -> Partnership:
    return Partnership.objects.filter(members__place__geonameid=a).get(members__place__geonameid=b)


@pytest.fixture
def world(demo: None) -> World:
    actor = Actor(via="test")
    made = _offices(actor)
    krefeld = made["place"][KREFELD]
    users = {
        "anonymous": None,
        "plain": user_in_groups("plain"),
        "staff": user_in_groups("staff", is_staff=True),
        "redaktion": user_in_groups("redaktion", GROUP_EDITORS),
        "reader": user_in_groups("reader", GROUP_INTERNAL_PERSONAL_DATA),
        **made["users"],
        "superuser": get_user_model().objects.create_superuser("boss", password="pw-boss-123"),
    }
    heffels = Person.objects.get(slug="martina-heffels")  # public contact of Krefeld's partnerships office
    jochmann = Person.objects.get(slug="dirk-jochmann")  # internal, Krefeld's press office
    contact_detail_add(kind="email", value=INTERNAL_EMAIL, person=heffels, actor=actor, visibility="internal")
    contact_detail_add(kind="phone", value=INTERNAL_PHONE, person=jochmann, actor=actor, visibility="internal")
    contact_detail_add(
        kind="phone",
        value=INTERNAL_ORG_PHONE,
        organization=heffels.roles.get(is_contact=True).organization,
        actor=actor,
        visibility="internal",
    )
    staff = person_create(name="Karl Krefelder", actor=actor)  # internal
    role = role_add(person=staff, function="Referent Internationales", place=krefeld, is_contact=True, actor=actor)
    phone = contact_detail_add(kind="phone", value="02151 86-2010", person=staff, actor=actor)
    krefeld_charlotte = _partnership(KREFELD, CHARLOTTE)
    activity = ActivityFactory(title="Besuch aus Charlotte", slug="besuch-aus-charlotte-2025", place=krefeld,
                               start=dt.date(2025, 6, 1))  # fmt: skip
    activity.partnerships.add(krefeld_charlotte)
    participation = ParticipationFactory(activity=activity, person=staff, role="Begleitung")
    organization = OrganizationFactory(name="Stadt Krefeld (Test)", slug="stadt-krefeld-test", seat=krefeld)
    region = office_create(name="Staatskanzlei NRW", region="DE-NW", kind="state", actor=actor)
    _invitation, token = invitation_create(office=made["krefeld"], email="new@example.org", role="editor", actor=actor)
    deleted = OrganizationFactory(name="Partnerschaftsverein Krefeld", slug="pv-krefeld", seat=krefeld)
    deletion = record_delete(record=deleted, actor=actor, office=made["krefeld"])
    press = ArticleFactory(title="Pressemitteilung Krefeld", slug="pm-krefeld", publisher_place=krefeld)
    suggestion = Suggestion.objects.create(
        article=press, kind="person", key="person:anna", label="Anna", data={"name": "Anna"},
        extracted={"name": "Anna"}, spans=[[0, 4]],
    )  # fmt: skip
    viewer = Membership.objects.get(office=made["krefeld"], user=users["viewer"])
    registration_settings_set(activity=activity, office=made["krefeld"], actor=actor)
    api_token, _secret = api_token_create(office=made["krefeld"], name="CMS", actor=actor)
    exchange = Activity.objects.get(slug=DEMO_EXCHANGE)  # Dunkirk → Krefeld, its office Krefeld's (demo)
    registration = Registration.objects.filter(activity=exchange).order_by("pk").first()
    assert registration is not None and exchange.start is not None
    exchange_day = exchange.start.isoformat()
    job = Job.objects.create(kind="ingest", created_by=users["superuser"], state=Job.State.SUCCEEDED)
    local = Place.objects.filter(geonameid__isnull=True).order_by("pk").first()
    assert local is not None
    programme = Programme.objects.order_by("pk").first()
    assert programme is not None
    office = {"office": made["krefeld"].slug}
    kwargs: dict[str, dict[str, Any]] = {
        "workbench:partnership": {"pk": krefeld_charlotte.pk},
        "workbench:partnership_end": {"pk": krefeld_charlotte.pk},
        "workbench:activity": {"pk": activity.pk},
        "workbench:participation_new": {"pk": activity.pk},
        "workbench:participation_delete": {"pk": participation.pk},
        "workbench:person": {"pk": staff.pk},
        "workbench:person_contact_new": {"pk": staff.pk},
        "workbench:person_consent": {"pk": staff.pk},
        "workbench:person_export": {"pk": staff.pk},
        "workbench:person_erase": {"pk": staff.pk},
        "workbench:role_new": {"pk": staff.pk},
        "workbench:role": {"pk": role.pk},
        "workbench:role_delete": {"pk": role.pk},
        "workbench:contact_delete": {"pk": phone.pk},
        "workbench:organization": {"pk": organization.pk},
        "workbench:organization_contact_new": {"pk": organization.pk},
        "workbench:history": {"kind": "person", "pk": staff.pk},
        "workbench:delete": {"kind": "organization", "pk": organization.pk},
        "workbench:dashboard": office,
        "workbench:contact_box": office,
        "workbench:members": office,
        "workbench:member_remove": {**office, "pk": viewer.pk},
        "workbench:confirm": {**office, "pk": krefeld_charlotte.pk},
        "workbench:article_new": office,
        "workbench:currency": {"office": region.slug},
        "workbench:trash": office,
        "workbench:restore": {**office, "pk": deletion.pk},
        "workbench:tokens": office,
        "workbench:token_revoke": {**office, "pk": api_token.pk},
        "exchanges:register": {"slug": DEMO_EXCHANGE},
        "exchanges:registered": {"slug": DEMO_EXCHANGE},
        "exchanges:cancel": {"token": "not-a-token"},
        "exchanges_office:settings": {"pk": activity.pk},
        "exchanges_office:participants": {"pk": exchange.pk},
        "exchanges_office:add": {"pk": exchange.pk},
        "exchanges_office:import": {"pk": exchange.pk},
        "exchanges_office:edit": {"pk": exchange.pk, "registration": registration.pk},
        "exchanges_office:cancel": {"pk": exchange.pk, "registration": registration.pk},
        "exchanges_office:checkin": {"pk": exchange.pk, "day": exchange_day},
        "exchanges_office:tick": {"pk": exchange.pk, "day": exchange_day, "registration": registration.pk},
        "reports:council": {"geonameid": KREFELD, "year": 2025},
        "reports:council_pdf": {"geonameid": KREFELD, "year": 2025},
        "reports:council_csv": {"geonameid": KREFELD, "year": 2025},
        "reports:office_council": {**office, "year": 2025},
        "reports:office_council_pdf": {**office, "year": 2025},
        "reports:office_council_csv": {**office, "year": 2025},
        "reports:funding": {"pk": activity.pk},
        "reports:programme_pdf": {"pk": activity.pk},
        "reports:funder_csv": {"pk": activity.pk},
        "reports:signature_list": {"pk": activity.pk, "town": "3020686"},
        "reports:activity_public": {"slug": activity.slug},
        "exports:place_activities": {"geonameid": KREFELD},
        "exports:partnership_activities": {"pk": krefeld_charlotte.pk},
        "exports:programme_activities": {"slug": programme.slug},
        "exports:office_activities": {"slug": made["krefeld"].slug},
        "exports:download": {"filename": "twinning-popolo.json"},
        "api:organization": {"slug": organization.slug},
        "api:organization_change": {"slug": organization.slug},
        "api:partnership_change": {"pk": krefeld_charlotte.pk},
        "api:activity_change": {"slug": activity.slug},
        "api:person_change": {"slug": staff.slug},
        "api:person_role_new": {"slug": staff.slug},
        "accept_invitation": {"token": token},
        "password_reset_confirm": {"uidb64": "MQ", "token": "invalid-token"},
        "review:decide": {"pk": suggestion.pk},
        "review:edit": {"pk": suggestion.pk},
        "review:merge": {"pk": suggestion.pk},
        "jobs:detail": {"pk": job.pk},
        "jobs:progress": {"pk": job.pk},
        "portal:place": {"geonameid": KREFELD, "slug": krefeld.slug},
        "portal:place_redirect": {"geonameid": KREFELD},
        "portal:place_local": {"pk": local.pk, "slug": local.slug},
        "portal:place_embed": {"geonameid": KREFELD, "slug": krefeld.slug},
        "portal:place_local_embed": {"pk": local.pk, "slug": local.slug},
        "portal:partnership": {"pk": krefeld_charlotte.pk},
        "portal:activity": {"slug": activity.slug},
        "portal:programme": {"slug": programme.slug},
        "portal:article": {"slug": Article.objects.order_by("pk").first().slug},  # type: ignore[union-attr]
        "portal:organization": {"slug": heffels.roles.get(is_contact=True).organization.slug},  # type: ignore[union-attr]
        "portal:person": {"slug": jochmann.slug},
        "network:place_network": {"geonameid": KREFELD},
        "network:place_network_json": {"geonameid": KREFELD},
        "network:place_map": {"geonameid": KREFELD},
        "calendar:place": {"geonameid": KREFELD},
        "api:place": {"geonameid": KREFELD},
        "api:place_local": {"pk": local.pk},
        "api:partnership": {"pk": krefeld_charlotte.pk},
        "api:activity": {"slug": activity.slug},
        "api:programme": {"slug": programme.slug},
        "api:article": {"slug": Article.objects.order_by("pk").first().slug},  # type: ignore[union-attr]
        "admin:view_on_site": {"content_type_id": ContentType.objects.get_for_model(Place).pk, "object_id": krefeld.pk},
        "admin:auth_user_password_change": {"id": users["superuser"].pk},
        "admin:app_list": {"app_label": "directory"},
    }
    query = {
        "workbench:pick_places": "?q=Krefeld",
        "workbench:pick_people": "?q=Kre",
        "api:places": "?q=Kref",
        "portal:search": "?q=Jochmann",
    }
    return World(users=users, kwargs=kwargs, query=query, superuser=users["superuser"])


def _named(route: Route) -> bool:
    return bool(route.name) and not route.name.endswith(":")


def key(route: Route) -> str:
    """The table's key: the URL's name, or for an unnamed pattern ("admin:") its route."""
    return route.name if _named(route) else route.route


def test_every_url_pattern_has_an_entry() -> None:
    missing = [
        f"{route.route!r} ({route.name})"
        for route in routes()
        if key(route) not in PERMISSIONS and not admin_model_route(route.route)
    ]
    assert not missing, "URL patterns without an entry in PERMISSIONS (say who may use them):\n" + "\n".join(missing)
    stale = set(PERMISSIONS) - {key(route) for route in routes()}
    assert not stale, f"entries for URLs that no longer exist: {sorted(stale)}"


def admin_model_statuses(world: World, route: str) -> tuple[str, tuple[str, str]]:
    """A standard ModelAdmin page: only the superuser, and then what the ModelAdmin allows (some
    models, such as login attempts, cannot be added by anyone)."""
    model, kind = admin_model_route(route)  # type: ignore[misc]
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = world.superuser
    instance = model._default_manager.order_by("pk").first()
    allowed = {
        "changelist": model_admin.has_view_or_change_permission(request),
        "add": model_admin.has_add_permission(request),
        "history": model_admin.has_view_or_change_permission(request),
        "delete": model_admin.has_delete_permission(request, instance),
        "change": model_admin.has_view_or_change_permission(request),
        "redirect": True,
    }[kind]
    superuser = 200 if allowed else 403
    if kind == "redirect":
        superuser = 302
    elif instance is None and (kind == "history" or (kind in {"change", "delete"} and allowed)):
        superuser = 302  # Django's "does not exist" redirect comes before the permission check
    statuses = " ".join(["302"] * (len(ROLES) - 1) + [str(superuser)])
    return fill(route, {"object_id": instance.pk if instance is not None else 0}), (statuses, "")


def _request(user: Any, method: str, url: str) -> tuple[int, str]:
    """One request by a fresh client (a logout must not log out the next request)."""
    client = Client()
    if user is not None:
        client.force_login(user)
    # Every request comes from one address: no rate limit (the registration form's throttle,
    # counted in this cache) may carry over from the users before.
    caches[settings.RATELIMIT_USE_CACHE].clear()
    with transaction.atomic():
        response = client.get(url) if method == "GET" else client.post(url, {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        transaction.set_rollback(True)
    return response.status_code, body.decode("utf-8", "replace")


def _may_see_krefelds_internal_data(user: Any) -> bool:
    from twinning.directory.access import can_see_internal

    heffels = Person.objects.get(slug="martina-heffels")
    return user is not None and (can_see_internal(user) or access.can_see_internal_of(user, heffels))


def test_every_url_answers_every_user_as_the_table_says_and_leaks_no_internal_contact(world: World) -> None:
    allowed_internal = {role: _may_see_krefelds_internal_data(world.users[role]) for role in ROLES}
    wrong, leaks, seen = [], [], set()
    for route in routes():
        if admin_model_route(route.route):
            url, expected = admin_model_statuses(world, route.route)
        elif _named(route):
            url = reverse(route.name, kwargs=world.kwargs.get(route.name)) + world.query.get(route.name, "")
            expected = PERMISSIONS[key(route)]
        else:
            url, expected = fill(route.route, {route.route: "admin/no-such-page/"}), PERMISSIONS[key(route)]
        for method, statuses in zip(("GET", "POST"), expected, strict=True):
            if not statuses:
                continue
            got = []
            for role in ROLES:
                status, text = _request(world.users[role], method, url)
                got.append(status)
                for marker in (INTERNAL_EMAIL, INTERNAL_PHONE, INTERNAL_ORG_PHONE):
                    if marker in text:
                        if allowed_internal[role]:
                            seen.add((role, marker))
                        else:
                            leaks.append(f"{method} {url} shows {marker} to {role}")
            if tuple(got) != codes(statuses):
                wrong.append(f"{method} {url} ({key(route)}): got {' '.join(map(str, got))}, expected {statuses}")
    assert not wrong, "\n".join(wrong)
    assert not leaks, "\n".join(leaks)
    # The permission works: the reader sees each internal detail somewhere, and so does Krefeld's office.
    everything = {INTERNAL_EMAIL, INTERNAL_PHONE, INTERNAL_ORG_PHONE}
    assert {marker for role, marker in seen if role == "reader"} == everything
    assert {marker for role, marker in seen if role == "viewer"} == everything


def test_staff_without_the_permission_cannot_decide_and_nothing_is_written(world: World) -> None:
    suggestion = Suggestion.objects.filter(status="pending").order_by("pk").first()
    assert suggestion is not None
    client = Client()
    client.force_login(world.users["staff"])
    for action in ("accept", "reject", "merge"):
        assert client.post(f"/review/{suggestion.pk}/", {"action": action}).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.status == "pending" and suggestion.decided_by is None


def test_the_admin_is_for_superusers_only(world: World) -> None:
    for role in ROLES:
        client = Client()
        if world.users[role] is not None:
            client.force_login(world.users[role])
        expected = 200 if role == "superuser" else 302
        assert client.get(reverse("admin:index")).status_code == expected, role
        assert client.get(reverse("admin:directory_person_changelist")).status_code == expected, role
