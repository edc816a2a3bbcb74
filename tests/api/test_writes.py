"""Write endpoints with office API tokens, over real HTTP through the Django test client on the
Krefeld world (tests/portal/conftest.py) and the real gazetteer: the office's scope as in the
workbench, validation by the workbench's forms (422 naming the field), 403 and nothing written for
another office's records, every write audited with the token's office and creator."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from tests.portal.conftest import CHARLOTTE, DUNKIRK, KREFELD
from twinning.activities.models import Activity
from twinning.core.models import AuditEntry
from twinning.core.services import Actor
from twinning.directory.models import Organization, Person
from twinning.offices.models import ApiToken
from twinning.offices.services import api_token_create, api_token_revoke, office_create
from twinning.partnerships.models import Partnership
from twinning.places.models import Place

pytestmark = pytest.mark.django_db

DARMSTADT, TROYES, LYON = 2938913, 2971549, 2996944


def _office(name: str, geonameid: int, manager: str) -> tuple[Any, str]:
    user = User.objects.create_user(manager, password="pw-manager-123")
    office = office_create(name=name, places=[Place.objects.get(geonameid=geonameid)], actor=Actor(via="test"))
    _token, secret = api_token_create(office=office, name="CMS", actor=Actor(via="test", user=user))
    return office, secret


@pytest.fixture
def tokens(world: Any) -> dict[str, str]:
    _krefeld, krefeld = _office("Stadt Krefeld", KREFELD, "krefeld-manager")
    _darmstadt, darmstadt = _office("Wissenschaftsstadt Darmstadt", DARMSTADT, "darmstadt-manager")
    return {"krefeld": krefeld, "darmstadt": darmstadt}


def _send(client: Client, method: str, url: str, token: str | None, body: dict[str, Any]) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json", **headers)


def _audit_count() -> int:
    return AuditEntry.objects.count()


def test_an_office_creates_a_partnership_of_its_place_audited_as_its_token(
    client: Client, tokens: dict[str, str]
) -> None:
    body = {
        "places": [KREFELD, TROYES],
        "kind": "friendship",
        "established": "2001-05",
        "source_url": "https://example.org/x",
    }
    response = _send(client, "post", "/api/partnerships", tokens["krefeld"], body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert sorted(p["geonameid"] for p in data["places"]) == sorted([KREFELD, TROYES])
    assert (data["kind"], data["since"], data["status"]) == ("friendship", "2001-05", "active")
    entry = AuditEntry.objects.filter(action="partnership.create", object_id=data["id"]).get()
    assert entry.via.startswith("api:stadt-krefeld:tw_") and entry.actor.username == "krefeld-manager"
    # the new partnership is at once in the read API
    assert client.get(f"/api/partnerships/{data['id']}").json()["kind"] == "friendship"


def test_another_offices_token_answers_403_and_writes_nothing(
    client: Client, tokens: dict[str, str], world: Any
) -> None:
    charlotte = world.partnerships[CHARLOTTE]
    before, audit = Partnership.objects.values().get(pk=charlotte.pk), _audit_count()
    response = _send(client, "patch", f"/api/partnerships/{charlotte.pk}", tokens["darmstadt"], {"description": "x"})
    assert response.status_code == 403 and "Wissenschaftsstadt Darmstadt" in response.json()["detail"]
    created = _send(
        client, "post", "/api/partnerships", tokens["darmstadt"], {"places": [KREFELD, LYON], "kind": "twinning"}
    )
    assert created.status_code == 403 and created.json()["detail"].startswith("places:")
    organization = _send(
        client,
        "post",
        "/api/organizations",
        tokens["darmstadt"],
        {"name": "Verein", "kind": "association", "seat": KREFELD},
    )
    assert organization.status_code == 403 and organization.json()["detail"].startswith("seat:")
    activity = _send(
        client,
        "patch",
        f"/api/activities/{world.meeting.slug}",
        tokens["darmstadt"],
        {"title": "Übernommen"},
    )
    assert activity.status_code == 403
    assert Partnership.objects.values().get(pk=charlotte.pk) == before
    assert _audit_count() == audit
    assert not Partnership.objects.filter(members__place__geonameid=LYON).exists()
    assert not Organization.objects.filter(name="Verein").exists()
    # the same change with the keeping office's token goes through
    mine = _send(client, "patch", f"/api/partnerships/{charlotte.pk}", tokens["krefeld"], {"description": "Seit 1986."})
    assert mine.status_code == 200 and mine.json()["description"] == "Seit 1986."
    assert mine.json()["since"] == "1986"  # untouched fields keep their values


def test_invalid_input_is_422_naming_the_field_and_writes_nothing(client: Client, tokens: dict[str, str]) -> None:
    audit = _audit_count()
    for body, field in [
        ({"places": [KREFELD, TROYES], "kind": "marriage"}, "kind"),
        ({"places": [KREFELD, TROYES], "kind": "twinning", "established": "1986-13"}, "established"),
        ({"places": [KREFELD, 999999999], "kind": "twinning"}, "places"),
        ({"places": [KREFELD, TROYES], "kind": "twinning", "status": "ended"}, "ended"),
        ({"places": [KREFELD, TROYES], "kind": "twinning", "established": "2000", "ended": "1990"}, "ended"),
        ({"places": [KREFELD], "kind": "twinning"}, "places"),
        ({"places": "Krefeld", "kind": "twinning"}, "places"),
        ({"kind": "twinning"}, "places"),
    ]:
        response = _send(client, "post", "/api/partnerships", tokens["krefeld"], body)
        assert response.status_code == 422, (body, response.content)
        assert any(e["loc"][-1] == field for e in response.json()["detail"]), (body, response.json())
    assert _audit_count() == audit


def test_no_token_or_a_revoked_one_is_401(client: Client, tokens: dict[str, str]) -> None:
    body = {"places": [KREFELD, TROYES], "kind": "twinning"}
    assert _send(client, "post", "/api/partnerships", None, body).status_code == 401
    assert _send(client, "post", "/api/partnerships", "tw_not-a-token", body).status_code == 401
    token = ApiToken.objects.get(office__slug="stadt-krefeld")
    api_token_revoke(token=token, actor=Actor(via="test"))
    assert _send(client, "post", "/api/partnerships", tokens["krefeld"], body).status_code == 401
    assert not Partnership.objects.filter(members__place__geonameid=TROYES).exists()


def test_activities_organizations_people_roles_and_articles(client: Client, tokens: dict[str, str], world: Any) -> None:
    krefeld = tokens["krefeld"]
    organization = _send(
        client,
        "post",
        "/api/organizations",
        krefeld,
        {
            "name": "Freundeskreis Krefeld–Dünkirchen",
            "kind": "association",
            "seat": KREFELD,
            "website": "freunde.example",
        },
    )
    assert organization.status_code == 201, organization.content
    slug = organization.json()["slug"]
    assert organization.json()["website"] == "https://freunde.example"  # the form's URL field
    activity = _send(
        client,
        "post",
        "/api/activities",
        krefeld,
        {
            "title": "Jugendaustausch Dünkirchen",
            "kind": "school_exchange",
            "start": "2026-07",
            "partnerships": [world.partnerships[DUNKIRK].pk],
            "organizers": [slug],
        },
    )
    assert activity.status_code == 201, activity.content
    assert activity.json()["start"] == "2026-07"
    assert activity.json()["organizations"] == [
        {
            "slug": slug,
            "name": "Freundeskreis Krefeld–Dünkirchen",
            "kind": "association",
            "url": f"/organizations/{slug}/",
            "role": "organizes",
        }
    ]
    changed = _send(client, "patch", f"/api/activities/{activity.json()['slug']}", krefeld, {"end": "2026-06"})
    assert changed.status_code == 422 and changed.json()["detail"][0]["loc"] == ["body", "end"]
    person = _send(
        client,
        "post",
        "/api/people",
        krefeld,
        {"name": "Anna Beispiel", "function": "Vorsitzende", "organization": slug},
    )
    assert person.status_code == 201, person.content
    assert person.json()["visibility"] == "internal"
    assert person.json()["roles"] == [
        {"function": "Vorsitzende", "organization": slug, "place": None, "is_contact": False}
    ]
    role = _send(
        client, "post", f"/api/people/{person.json()['slug']}/roles", krefeld, {"function": "Ansprechpartnerin"}
    )
    assert role.status_code == 201 and role.json()["roles"][1] == {
        "function": "Ansprechpartnerin",
        "organization": None,
        "place": KREFELD,
        "is_contact": False,
    }
    public = _send(client, "patch", f"/api/people/{person.json()['slug']}", krefeld, {"visibility": "public"})
    assert public.status_code == 422 and public.json()["detail"][0]["loc"] == ["body", "visibility"]
    # another office neither sees nor changes the internal person
    other = _send(client, "patch", f"/api/people/{person.json()['slug']}", tokens["darmstadt"], {"name": "X"})
    assert other.status_code == 404
    assert Person.objects.get(slug=person.json()["slug"]).name == "Anna Beispiel"
    text = (
        "Krefeld und Dünkirchen feiern Jubiläum. Oberbürgermeister Frank Meyer empfing am 3. Mai 2024 "
        "eine Delegation aus Dünkirchen im Rathaus."
    )
    article = _send(client, "post", "/api/articles", krefeld, {"text": text, "published": "2024-05-03"})
    assert article.status_code == 201, article.content
    assert article.json()["created"] is True
    again = _send(client, "post", "/api/articles", krefeld, {"text": text, "published": "2024-05-03"})
    assert again.status_code == 200 and again.json()["created"] is False
    assert _send(client, "post", "/api/articles", krefeld, {"text": " "}).json()["detail"][0]["loc"] == ["body", "text"]
    assert Activity.objects.get(slug=activity.json()["slug"]).title == "Jugendaustausch Dünkirchen"


def test_tokens_from_the_command_line(world: Any) -> None:
    office_create(name="Stadt Krefeld", places=[Place.objects.get(geonameid=KREFELD)], actor=Actor(via="test"))
    out = StringIO()
    call_command("office", "token", "create", "stadt-krefeld", "--name", "Website", stdout=out)
    secret = out.getvalue().strip().splitlines()[-1]
    assert secret.startswith("tw_")
    token = ApiToken.objects.get()
    assert token.token_hash != secret and secret not in str(ApiToken.objects.values().get())
    listed = StringIO()
    call_command("office", "token", "list", "--json", stdout=listed)
    rows = json.loads(listed.getvalue())
    assert rows[0]["prefix"] == token.prefix and rows[0]["revoked_at"] is None and secret not in listed.getvalue()
    call_command("office", "token", "revoke", token.prefix, stdout=StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no token with prefix"):
        call_command("office", "token", "revoke", token.prefix, stdout=StringIO())
    with pytest.raises(CommandError, match="no office"):
        call_command("office", "token", "create", "nowhere", "--name", "x", stdout=StringIO())


def test_a_manager_creates_and_revokes_a_token_in_the_workbench(client: Client, world: Any) -> None:
    from django.contrib.auth.models import User

    from twinning.core.services import Actor
    from twinning.offices.models import ApiToken
    from twinning.offices.services import membership_set, office_create
    from twinning.places.models import Place

    office = office_create(name="Stadt Krefeld", places=[Place.objects.get(geonameid=2884509)], actor=Actor(via="t"))
    manager = User.objects.create_user("chefin", password="pw-chefin-123")
    membership_set(office=office, user=manager, role="manager", actor=Actor(via="t"))
    client.force_login(manager)
    page = client.post(f"/manage/o/{office.slug}/tokens/", {"name": "Website"}).content.decode()
    token = ApiToken.objects.get(office=office)
    secret = page.split('<code class="wb-secret">')[1].split("</code>")[0]
    assert secret.startswith(token.prefix) and token.token_hash not in page
    assert f"/manage/o/{office.slug}/tokens/" in client.get(f"/manage/o/{office.slug}/").content.decode()
    assert client.post(f"/manage/o/{office.slug}/tokens/", {"name": ""}).status_code == 200
    assert ApiToken.objects.count() == 1
    answer = client.post(
        "/api/organizations",
        data='{"name": "Verein", "kind": "association", "seat": 2884509}',
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert answer.status_code == 201
    client.post(f"/manage/o/{office.slug}/tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(f"/manage/o/{office.slug}/tokens/").content.decode().count("wb-secret") == 0


def test_a_body_of_the_wrong_shape_is_refused(client: Client, tokens: dict[str, str], world: Any) -> None:
    for method, url, body in [
        ("patch", f"/api/partnerships/{world.partnerships[CHARLOTTE].pk}", [None, None]),
        ("post", "/api/people", {"name": "A", "function": "B", "is_contact": 0}),
        ("post", "/api/partnerships", {"places": [KREFELD, 2**64], "kind": "twinning"}),
    ]:
        assert _send(client, method, url, tokens["krefeld"], body).status_code == 422, (url, body)
    garbled = client.post(
        "/api/people",
        data="{not json",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {tokens['krefeld']}",
    )
    assert garbled.status_code == 400
    assert not Person.objects.filter(name="A").exists()


def test_a_body_over_the_size_limit_is_413_in_json(client: Client, tokens: dict[str, str]) -> None:
    response = _send(client, "post", "/api/articles", tokens["krefeld"], {"text": "x" * 3_000_000})
    assert response.status_code == 413 and response.json()["detail"]
