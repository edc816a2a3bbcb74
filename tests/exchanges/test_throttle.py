"""Throttling and the honeypot of the public registration pages: over a limit the answer is a 429
page (German or English) and nothing is written."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, override_settings

from tests.factories import ActivityFactory
from twinning.exchanges.models import Registration
from twinning.exchanges.services import ParticipantInput, registration_create, registration_settings_set

from .conftest import ACTOR
from .test_views import FORM

pytestmark = pytest.mark.django_db


def post(client: Client, slug: str, number: int, **change: Any) -> Any:
    data = {**FORM, "given_name": f"Person{number}", "email": f"p{number}@example.org", **change}
    return client.post(f"/exchanges/register/{slug}/", data)


@override_settings(EXCHANGES_RATE_PER_CLIENT_AND_ACTIVITY="3/h")
def test_a_client_over_its_limit_for_an_activity_gets_429_in_german_and_nothing_is_written(
    registration: Any, krefeld_office: Any, krefeld: Any
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="de", REMOTE_ADDR="203.0.113.7")
    slug = registration.activity.slug
    assert [post(client, slug, n).status_code for n in range(3)] == [302, 302, 302]
    refused = post(client, slug, 3)
    assert refused.status_code == 429
    assert "Zu viele Anfragen" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert Registration.objects.count() == 3
    # A client still may register for another activity, and another client for this one.
    other = ActivityFactory(title="Jugendbegegnung", kind="visit", place=krefeld)
    registration_settings_set(activity=other, office=krefeld_office, actor=ACTOR, is_open=True)
    assert post(client, other.slug, 4).status_code == 302
    assert post(Client(REMOTE_ADDR="198.51.100.9"), slug, 5).status_code == 302
    assert Registration.objects.count() == 5


@override_settings(EXCHANGES_RATE_PER_CLIENT="2/h")
def test_a_client_is_limited_across_activities_and_the_page_is_english_too(
    registration: Any, krefeld_office: Any, krefeld: Any
) -> None:
    other = ActivityFactory(title="Jugendbegegnung", kind="visit", place=krefeld)
    registration_settings_set(activity=other, office=krefeld_office, actor=ACTOR, is_open=True)
    client = Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="203.0.113.7")
    assert post(client, registration.activity.slug, 1).status_code == 302
    assert post(client, other.slug, 2).status_code == 302
    refused = post(client, other.slug, 3)
    assert refused.status_code == 429 and "Too many requests" in refused.content.decode()
    assert Registration.objects.count() == 2


@override_settings(EXCHANGES_RATE_PER_ACTIVITY="2/h")
def test_an_activity_is_limited_across_clients(registration: Any) -> None:
    slug = registration.activity.slug
    codes = [post(Client(REMOTE_ADDR=f"203.0.113.{n}"), slug, n).status_code for n in range(1, 4)]
    assert codes == [302, 302, 429]
    assert Registration.objects.count() == 2


@override_settings(EXCHANGES_RATE_PER_CLIENT_AND_ACTIVITY="1/h")
def test_a_forged_forwarded_for_header_does_not_reset_the_count(registration: Any) -> None:
    """Without a declared proxy, X-Forwarded-For is the client's own claim and is ignored."""
    slug = registration.activity.slug
    first = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.1")
    second = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="192.0.2.2")
    assert post(first, slug, 1).status_code == 302
    assert post(second, slug, 2).status_code == 429


@override_settings(EXCHANGES_RATE_PER_CLIENT_AND_ACTIVITY="1/h")
def test_invalid_posts_count_and_the_form_page_itself_is_never_throttled(registration: Any) -> None:
    slug = registration.activity.slug
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert post(client, slug, 1, consent_list="").status_code == 400
    assert post(client, slug, 2).status_code == 429
    assert client.get(f"/exchanges/register/{slug}/").status_code == 200
    assert not Registration.objects.exists()


def test_a_group_registration_counts_once(registration: Any) -> None:
    with override_settings(EXCHANGES_RATE_PER_CLIENT_AND_ACTIVITY="1/h"):
        client = Client(REMOTE_ADDR="203.0.113.7")
        done = post(client, registration.activity.slug, 1, group="Luc; Dubois; Dunkerque\nEmma; Dubois")
        assert done.status_code == 302
        assert Registration.objects.count() == 3
        assert post(client, registration.activity.slug, 2).status_code == 429


@override_settings(EXCHANGES_RATE_CANCEL_PER_CLIENT="2/h")
def test_cancellation_posts_are_throttled_before_the_token_is_looked_up(registration: Any) -> None:
    done = registration_create(
        activity=registration.activity,
        data=ParticipantInput(given_name="Marie", family_name="Leroy", consent_list=True),
        channel=Registration.Channel.OFFICE,
        actor=ACTOR,
    )
    client = Client(REMOTE_ADDR="203.0.113.7")
    assert client.post("/exchanges/cancel/guess-1/").status_code == 404
    assert client.post("/exchanges/cancel/guess-2/").status_code == 404
    refused = client.post(f"/exchanges/cancel/{done.token}/")
    assert refused.status_code == 429
    assert Registration.objects.get().status == "registered"
    assert client.get(f"/exchanges/cancel/{done.token}/").status_code == 200  # showing is not counted
    assert Client(REMOTE_ADDR="198.51.100.9").post(f"/exchanges/cancel/{done.token}/").status_code == 302
    assert Registration.objects.get().status == "cancelled"


def test_the_honeypot_is_hidden_from_people_and_refuses_a_bot(registration: Any) -> None:
    slug = registration.activity.slug
    page = Client().get(f"/exchanges/register/{slug}/").content.decode()
    assert '<div class="exchange-trap" aria-hidden="true">' in page
    assert 'name="website"' in page and 'tabindex="-1"' in page
    bot = post(Client(), slug, 1, website="http://spam.example/")
    assert bot.status_code == 400
    assert not Registration.objects.exists()
    assert post(Client(), slug, 2, website="").status_code == 302


def test_the_office_form_has_no_honeypot(registration: Any) -> None:
    from twinning.exchanges.forms import OfficeParticipantForm

    assert "website" not in OfficeParticipantForm(settings=registration).fields
