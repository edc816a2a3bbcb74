"""The editors' admin: every model registered, place search fast on the full gazetteer, audit."""

import time

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import OrganizationFactory, PartnershipFactory, PlaceFactory
from twinning.core.models import AuditEntry
from twinning.directory.models import Organization
from twinning.partnerships.models import Partnership

pytestmark = pytest.mark.django_db

KREFELD = 2884509


@pytest.fixture
def staff_client(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "pw-boss-123"))
    return client


def _request(client):
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = User.objects.get(username="boss")
    return request


DOMAIN_APPS = {"core", "places", "topics", "directory", "partnerships", "activities", "press"}


def test_every_domain_model_is_registered_and_lists(staff_client, gazetteer):
    from django.apps import apps

    for app_label in DOMAIN_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.auto_created:
                continue
            name = f"{app_label}.{model.__name__}"
            if model.__name__ in {
                "PlaceName",
                "PartnershipMember",
                "ProgrammeOrganization",
                "ActivityOrganization",
                "ItineraryLeg",
                "Participation",
                "ArticleImage",
            }:
                continue  # edited inline
            assert model in admin.site._registry, name
            url = reverse(f"admin:{app_label}_{model._meta.model_name}_changelist")
            assert staff_client.get(url).status_code == 200, name
            if admin.site._registry[model].has_add_permission(_request(staff_client)):
                add = reverse(f"admin:{app_label}_{model._meta.model_name}_add")
                assert staff_client.get(add).status_code == 200, name


def test_place_changelist_finds_krefeld_by_prefix_quickly(staff_client, gazetteer):
    url = reverse("admin:places_place_changelist")
    started = time.perf_counter()
    response = staff_client.get(url, {"q": "Kref"})
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    places = list(response.context["cl"].result_list)
    assert places[0].geonameid == KREFELD
    assert elapsed < 1.0, elapsed
    started = time.perf_counter()
    assert staff_client.get(url).status_code == 200  # unfiltered: 235,000 places
    assert time.perf_counter() - started < 2.0


def test_place_autocomplete_is_prefix_search_on_names(staff_client, gazetteer):
    url = reverse("admin:autocomplete")
    params = {"app_label": "directory", "model_name": "organization", "field_name": "seat"}
    started = time.perf_counter()
    response = staff_client.get(url, {**params, "term": "Kref"})
    assert time.perf_counter() - started < 1.0
    results = response.json()["results"]
    assert results[0]["text"] == "Krefeld (DE)"
    # any language, diacritics folded: the German exonym of Dunkirk
    results = staff_client.get(url, {**params, "term": "Dünkir"}).json()["results"]
    assert "Dunkirk (FR)" in [r["text"] for r in results]


def test_admin_save_is_audited(staff_client, gazetteer):
    seat = PlaceFactory()
    response = staff_client.post(
        reverse("admin:directory_organization_add"),
        {
            "name": "Freundeskreis Krefeld–Charlotte",
            "short_name": "",
            "slug": "freundeskreis-krefeld-charlotte",
            "kind": "association",
            "seat": seat.pk,
            "website": "",
            "description": "",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "contacts-TOTAL_FORMS": "0",
            "contacts-INITIAL_FORMS": "0",
            "core-citation-content_type-object_id-TOTAL_FORMS": "0",
            "core-citation-content_type-object_id-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organization.objects.get(slug="freundeskreis-krefeld-charlotte")
    entry = AuditEntry.objects.filter(object_id=org.pk, action="organization.create").get()
    assert entry.via == "admin" and entry.actor.username == "boss"


def test_partnership_admin_rejects_a_duplicate_and_sets_member_key(staff_client, gazetteer):
    a, b = PlaceFactory(), PlaceFactory()
    PartnershipFactory(places=[a, b])

    def post(kind):
        return staff_client.post(
            reverse("admin:partnerships_partnership_add"),
            {
                "kind": kind,
                "status": "active",
                "established": "1986-05-23",
                "established_precision": "day",
                "description": "",
                "members-TOTAL_FORMS": "2",
                "members-INITIAL_FORMS": "0",
                "members-0-place": a.pk,
                "members-1-place": b.pk,
                "core-citation-content_type-object_id-TOTAL_FORMS": "0",
                "core-citation-content_type-object_id-INITIAL_FORMS": "0",
            },
        )

    duplicate = post("twinning")
    assert duplicate.status_code == 200
    assert "exists already" in duplicate.content.decode() or "gibt es schon" in duplicate.content.decode()
    assert Partnership.objects.count() == 1
    created = post("friendship")
    assert created.status_code == 302
    friendship = Partnership.objects.get(kind="friendship")
    assert friendship.member_key == "-".join(str(pk) for pk in sorted([a.pk, b.pk]))


def test_audit_entries_are_read_only(staff_client, gazetteer):
    OrganizationFactory()
    entry = AuditEntry.objects.create(via="test", action="x", object_repr="x")
    assert staff_client.get(reverse("admin:core_auditentry_add")).status_code == 403
    response = staff_client.post(reverse("admin:core_auditentry_change", args=[entry.pk]), {"action": "y"})
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.action == "x"
