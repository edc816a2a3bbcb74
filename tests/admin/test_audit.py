"""The audit trail of admin writes: old and new values field by field (record, many-to-many links,
inline rows), deletes with a snapshot of the record and of everything that cascades with it, no
citation or suggestion left pointing at a deleted record, the history page, Country and
Suggestion admins audited too."""

import pytest
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.conftest import SEEDS
from tests.review.conftest import CLI, pair_suggestion
from twinning.core.models import AuditEntry, Citation
from twinning.core.services import citation_add, source_get_or_create
from twinning.directory.models import Organization
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.places.models import Country, Place
from twinning.press.ingest import article_ingest
from twinning.review.models import Suggestion
from twinning.review.services import suggestion_accept

pytestmark = pytest.mark.django_db

KREFELD = 2884509


@pytest.fixture
def editor_client(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "pw-boss-123"))
    return client


@pytest.fixture
def charlotte_partnership(gazetteer_index):
    """Krefeld–Charlotte accepted from the Washington seed (cited span, suggestion pointing at it),
    cited by three more sources as the demo world does."""
    seed = SEEDS / "001_e006de778fe042da.txt"
    article = article_ingest(raw=seed.read_bytes(), name=seed.name, actor=CLI).article
    suggestion = suggestion_accept(suggestion=pair_suggestion(article, {"Krefeld", "Charlotte"}), actor=CLI)
    partnership = suggestion.record
    for n in range(3):
        source = source_get_or_create(key=f"web:charlotte-{n}", kind="web", title=f"Seite {n}", actor=CLI)
        citation_add(record=partnership, source=source, quote="Partnerstadt Charlotte", actor=CLI)
    return partnership, suggestion


def citations_of(record):
    return Citation.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)


def organization_form(org, **changes):
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "slug": org.slug,
        "kind": org.kind,
        "seat": org.seat_id or "",
        "parent": org.parent_id or "",
        "website": org.website,
        "description": org.description,
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
        "contacts-TOTAL_FORMS": "0",
        "contacts-INITIAL_FORMS": "0",
        "core-citation-content_type-object_id-TOTAL_FORMS": "0",
        "core-citation-content_type-object_id-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_an_admin_change_records_old_and_new_values(editor_client, gazetteer_index):
    krefeld = Place.objects.get(geonameid=KREFELD)
    org = Organization.objects.create(name="Stadt Krefeld", slug="stadt-krefeld", kind="municipal_office", seat=krefeld)
    url = reverse("admin:directory_organization_change", args=[org.pk])
    response = editor_client.post(
        url,
        organization_form(
            org,
            name="Stadt Krefeld – Büro des Oberbürgermeisters",
            website="https://www.krefeld.de",
            **{
                "contacts-TOTAL_FORMS": "1",
                "contacts-0-kind": "email",
                "contacts-0-value": "partnerschaften@krefeld.de",
                "contacts-0-visibility": "public",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(action="organization.update", object_id=org.pk)
    assert entry.actor.username == "boss" and entry.via == "admin"
    assert entry.changes["name"] == ["Stadt Krefeld", "Stadt Krefeld – Büro des Oberbürgermeisters"]
    assert entry.changes["website"] == ["", "https://www.krefeld.de"]
    assert "slug" not in entry.changes and "updated_at" not in entry.changes
    [added] = entry.changes["directory.contactdetail"]["added"]
    assert added["value"] == "partnerschaften@krefeld.de" and added["organization"] == org.pk

    # Saving again without a change writes no entry; removing the contact records what it was.
    contact = org.contacts.get()
    editor_client.post(url, organization_form(org.__class__.objects.get(pk=org.pk)))
    assert AuditEntry.objects.filter(action="organization.update", object_id=org.pk).count() == 1
    org.refresh_from_db()
    removal = organization_form(
        org,
        **{
            "contacts-TOTAL_FORMS": "1",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-id": contact.pk,
            "contacts-0-organization": org.pk,
            "contacts-0-kind": "email",
            "contacts-0-value": contact.value,
            "contacts-0-visibility": "public",
            "contacts-0-DELETE": "on",
        },
    )
    assert editor_client.post(url, removal).status_code == 302
    last = AuditEntry.objects.filter(action="organization.update", object_id=org.pk).order_by("-pk").first()
    assert last.changes["directory.contactdetail"]["removed"][0]["value"] == "partnerschaften@krefeld.de"


def test_a_partnership_change_records_many_to_many_links(editor_client, charlotte_partnership):
    partnership, _suggestion = charlotte_partnership
    org = Organization.objects.create(name="Freundeskreis Krefeld–Charlotte", slug="fk", kind="association")
    members = list(partnership.members.all())
    data = {
        "kind": partnership.kind,
        "status": "dormant",
        "established": "",
        "established_precision": "day",
        "ended": "",
        "ended_precision": "day",
        "description": "",
        "supporting_organizations": [org.pk],
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": str(len(members)),
        "core-citation-content_type-object_id-TOTAL_FORMS": "0",
        "core-citation-content_type-object_id-INITIAL_FORMS": "0",
    }
    for i, member in enumerate(members):
        data |= {f"members-{i}-id": member.pk, f"members-{i}-partnership": partnership.pk}
        data[f"members-{i}-place"] = member.place_id
    response = editor_client.post(reverse("admin:partnerships_partnership_change", args=[partnership.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(action="partnership.update", object_id=partnership.pk, via="admin")
    assert entry.changes["status"] == ["active", "dormant"]
    assert entry.changes["supporting_organizations"] == [[], [org.pk]]


def test_deleting_a_partnership_snapshots_it_and_its_cascade_and_leaves_no_dangling_reference(
    editor_client, charlotte_partnership
):
    partnership, suggestion = charlotte_partnership
    pk = partnership.pk
    member_ids = set(partnership.members.values_list("pk", flat=True))
    cited_before = citations_of(partnership).count()
    assert cited_before >= 4  # the article's span(s) and the three pages
    response = editor_client.post(reverse("admin:partnerships_partnership_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Partnership.objects.filter(pk=pk).exists()
    assert not PartnershipMember.objects.filter(pk__in=member_ids).exists()
    # Nothing points at the deleted partnership any more.
    partnership_type = ContentType.objects.get_for_model(Partnership)
    assert not Citation.objects.filter(content_type=partnership_type, object_id=pk).exists()
    suggestion.refresh_from_db()
    assert suggestion.record_id is None and suggestion.record_type is None
    assert suggestion.status == "accepted"

    entry = AuditEntry.objects.get(action="partnership.delete", object_id=pk)
    assert entry.actor.username == "boss" and entry.via == "admin"
    assert entry.changes["deleted"]["kind"] == "twinning"
    assert entry.changes["deleted"]["member_key"] == partnership.member_key
    cascade = entry.changes["cascade"]
    assert {row["id"] for row in cascade if row["model"] == "partnerships.partnershipmember"} == member_ids
    places = {row["data"]["place"] for row in cascade if row["model"] == "partnerships.partnershipmember"}
    assert Place.objects.get(geonameid=KREFELD).pk in places
    cited = [row for row in cascade if row["model"] == "core.citation"]
    assert len(cited) == cited_before and all(row["data"]["object_id"] == pk for row in cited)
    [cleared] = entry.changes["cleared"]
    assert (cleared["model"], cleared["id"], cleared["new"]) == ("review.suggestion", suggestion.pk, None)
    assert cleared["old"] == f"partnership#{pk}"


def test_a_protected_delete_is_refused_and_changes_nothing(charlotte_partnership):
    from twinning.core.errors import Conflict
    from twinning.core.services import record_delete

    krefeld = Place.objects.get(geonameid=KREFELD)  # a member of the partnership: protected
    before = AuditEntry.objects.count()
    with pytest.raises(Conflict, match="cannot be deleted"):
        record_delete(obj=krefeld, actor=CLI)
    assert Place.objects.filter(pk=krefeld.pk).exists() and AuditEntry.objects.count() == before


def test_the_history_page_shows_the_changes_field_by_field(editor_client, charlotte_partnership):
    partnership, _suggestion = charlotte_partnership
    org = Organization.objects.create(name="Stadt Krefeld", slug="stadt-krefeld", kind="municipal_office")
    editor_client.post(
        reverse("admin:directory_organization_change", args=[org.pk]),
        organization_form(org, name="Stadt Krefeld <b>neu</b>"),
    )
    page = editor_client.get(reverse("admin:directory_organization_history", args=[org.pk])).content.decode()
    assert "organization.update" in page
    assert "Stadt Krefeld" in page and "Stadt Krefeld &lt;b&gt;neu&lt;/b&gt;" in page  # escaped
    page = editor_client.get(reverse("admin:partnerships_partnership_history", args=[partnership.pk])).content.decode()
    assert "partnership.create" in page and "citation.add" in page


def test_country_and_suggestion_admin_writes_are_audited(editor_client, charlotte_partnership):
    de = Country.objects.get(code="DE")
    data = {
        "code": "DE",
        "name": "Deutschland",
        "iso3": de.iso3,
        "continent": de.continent,
        "population": de.population,
    }
    data |= {f.name: getattr(de, f.name) or "" for f in Country._meta.concrete_fields if f.name not in data}
    response = editor_client.post(reverse("admin:places_country_change", args=["DE"]), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(action="country.update")
    assert entry.changes["name"] == ["Germany", "Deutschland"] and entry.changes["object_key"] == "DE"
    history = editor_client.get(reverse("admin:places_country_history", args=["DE"])).content.decode()
    assert "country.update" in history and "Deutschland" in history

    pending = list(Suggestion.objects.filter(status="pending")[:2])
    response = editor_client.post(
        reverse("admin:review_suggestion_changelist"),
        {"action": "delete_selected", "_selected_action": [s.pk for s in pending], "post": "yes"},
    )
    assert response.status_code == 302
    deleted = AuditEntry.objects.filter(action="suggestion.delete")
    assert {e.object_id for e in deleted} == {s.pk for s in pending}
    assert {e.changes["deleted"]["label"] for e in deleted} == {s.label for s in pending}


def test_account_changes_are_audited_without_the_secret(editor_client):
    editor = User.objects.create_user("redakteurin", "r@example.org", "alt-Passwort-123")
    old_hash = editor.password
    response = editor_client.post(
        reverse("admin:auth_user_password_change", args=[editor.pk]),
        {"password1": "neu-Passwort-456!", "password2": "neu-Passwort-456!", "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.get(action="user.update", object_id=editor.pk)
    assert entry.changes["password"] == ["(hidden)", "(changed)"]
    editor.refresh_from_db()
    assert old_hash not in str(entry.changes) and editor.password not in str(entry.changes)
