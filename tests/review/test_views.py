"""The review queue in the browser: login, rendering with <mark>, htmx and plain POST actions, bad POSTs."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.review.conftest import pair_suggestion
from twinning.core.models import AuditEntry, Citation
from twinning.core.services import Actor
from twinning.directory.access import GROUP_EDITORS
from twinning.partnerships.models import Partnership
from twinning.partnerships.services import partnership_create
from twinning.places.models import Place

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name=GROUP_EDITORS))
    client.force_login(user)
    return user


def test_staff_without_the_decide_permission_gets_403_and_nothing_changes(client, washington):
    staff = get_user_model().objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(staff)
    suggestion = washington.suggestions.first()
    assert client.get(reverse("review:queue")).status_code == 403
    assert decide(client, suggestion, "accept").status_code == 403
    assert client.post(reverse("review:edit", args=[suggestion.pk]), {}).status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.is_pending


def decide(client, suggestion, action, **extra):
    headers = {"Accept-Language": "en", **extra.pop("headers", {})}
    with translation.override("en"):
        return client.post(reverse("review:decide", args=[suggestion.pk]), {"action": action, **extra}, headers=headers)


def test_anonymous_users_are_sent_to_the_login(client, washington):
    suggestion = washington.suggestions.first()
    for response in (
        client.get(reverse("review:queue")),
        client.post(reverse("review:decide", args=[suggestion.pk]), {"action": "accept"}),
        client.get(reverse("review:edit", args=[suggestion.pk])),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    suggestion.refresh_from_db()
    assert suggestion.is_pending


def test_users_who_are_not_editors_are_refused(client, washington):
    client.force_login(get_user_model().objects.create_user("reader", password="pw"))
    assert client.get(reverse("review:queue")).status_code == 403


def test_the_queue_shows_suggestions_beside_their_marked_sentence(client, editor, washington):
    response = client.get(reverse("review:queue"))
    assert response.status_code == 200
    html = response.content.decode()
    assert washington.title in html
    assert "<mark>Frank Meyer</mark>" in html or "Oberbürgermeister <mark>" in html or "<mark>" in html
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    start, end = suggestion.span
    assert f"<mark>{washington.body[start:end]}</mark>" in html
    assert f'id="suggestion-{suggestion.pk}"' in html
    assert 'name="csrfmiddlewaretoken"' in html and 'hx-post="' in html


def test_accept_without_javascript_redirects_back(client, editor, washington):
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    response = decide(client, suggestion, "accept")
    assert response.status_code == 302 and response["Location"] == reverse("review:queue")
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    partnership = Partnership.objects.get()
    citation = Citation.objects.get(
        content_type=ContentType.objects.get_for_model(Partnership),
        object_id=partnership.pk,
        span_start=suggestion.span_start,
    )
    assert citation.quote == washington.body[suggestion.span_start : suggestion.span_end]
    entry = AuditEntry.objects.get(action="review.accepted", object_id=suggestion.pk)
    assert entry.actor == editor and entry.via == "web:review"


def test_htmx_actions_return_the_card_in_place(client, editor, washington):
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    response = decide(client, suggestion, "reject", headers={"HX-Request": "true"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<li id="suggestion-{suggestion.pk}"')
    assert "status-rejected" in html and "<form" not in html
    # The same decision again is a conflict, named in the card.
    again = decide(client, suggestion, "accept", headers={"HX-Request": "true"})
    assert again.status_code == 409
    assert "already decided" in again.content.decode()
    assert Partnership.objects.count() == 0


def test_merge_into_a_chosen_record(client, editor, washington):
    krefeld = Place.objects.get(geonameid=2884509)
    charlotte = Place.objects.get(geonameid=4460243)
    existing = partnership_create(places=[krefeld, charlotte], kind="twinning", actor=Actor(via="test"))
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    response = decide(client, suggestion, "merge", target_id=str(existing.pk + 1000))
    assert response.status_code == 404 and "to merge into" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.is_pending
    response = decide(client, suggestion, "merge", target_id=str(existing.pk))
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "merged" and suggestion.record == existing
    assert Partnership.objects.count() == 1


def test_bad_posts_get_a_clear_4xx(client, editor, washington):
    suggestion = washington.suggestions.first()
    response = decide(client, suggestion, "destroy")
    assert response.status_code == 400 and "Unknown action" in response.content.decode()
    response = decide(client, suggestion, "merge", target_id="abc")
    assert response.status_code == 400 and "number" in response.content.decode()
    assert client.get(reverse("review:decide", args=[suggestion.pk])).status_code == 405
    assert client.post(reverse("review:decide", args=[999999]), {"action": "accept"}).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.is_pending


def test_posts_need_the_csrf_token(editor, washington):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    suggestion = washington.suggestions.first()
    response = client.post(reverse("review:decide", args=[suggestion.pk]), {"action": "reject"})
    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.is_pending


def test_edit_form_corrects_then_accepts(client, editor, washington):
    suggestion = washington.suggestions.filter(kind="organization").first()
    url = reverse("review:edit", args=[suggestion.pk])
    response = client.get(url)
    assert response.status_code == 200 and "<mark>" in response.content.decode()
    bad = client.post(url, {"name": "", "kind": "embassy"})
    assert bad.status_code == 400
    response = client.post(url, {"name": "Deutsche Botschaft Washington", "kind": "embassy"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"
    assert suggestion.record.name == "Deutsche Botschaft Washington"
    assert client.get(url).status_code == 409


def test_the_queue_filters_by_kind_and_by_article(client, editor, washington, darmstadt):
    with translation.override("en"):
        response = client.get(reverse("review:queue"), {"kind": "person"}, headers={"Accept-Language": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    people = list(washington.suggestions.filter(kind="person")) + list(darmstadt.suggestions.filter(kind="person"))
    places = list(washington.suggestions.filter(kind="place"))
    assert people and places
    assert all(f'id="suggestion-{s.pk}"' in html for s in people)
    assert not any(f'id="suggestion-{s.pk}"' in html for s in places)
    response = client.get(reverse("review:queue"), {"article": darmstadt.pk})
    html = response.content.decode()
    assert f'id="article-{darmstadt.pk}"' in html and f'id="article-{washington.pk}"' not in html
    assert all(f'id="suggestion-{s.pk}"' in html for s in darmstadt.suggestions.all())
    assert client.get(reverse("review:queue"), {"kind": "spaceship"}).status_code == 400
    assert client.get(reverse("review:queue"), {"article": "x"}).status_code == 400


def test_bulk_accept_and_reject(client, editor, washington):
    places = list(washington.suggestions.filter(kind="place"))
    organizations = list(washington.suggestions.filter(kind="organization"))
    assert len(places) >= 2 and organizations
    url = reverse("review:bulk")
    response = client.post(url, {"action": "accept", "suggestion": [s.pk for s in places]})
    assert response.status_code == 302
    assert {s.status for s in washington.suggestions.filter(kind="place")} == {"accepted"}
    assert washington.places.count() == len(places)
    response = client.post(url, {"action": "reject", "suggestion": [organizations[0].pk, places[0].pk]})
    assert response.status_code == 302
    organizations[0].refresh_from_db()
    assert organizations[0].status == "rejected"
    places[0].refresh_from_db()
    assert places[0].status == "accepted"  # decided before: refused, the rest went through
    assert client.post(url, {"action": "destroy", "suggestion": [places[0].pk]}).status_code == 400
    assert client.post(url, {"action": "accept"}).status_code == 400
    assert client.post(url, {"action": "accept", "suggestion": ["x"]}).status_code == 400


def test_merge_target_is_found_by_search(client, editor, washington):
    krefeld = Place.objects.get(geonameid=2884509)
    charlotte = Place.objects.get(geonameid=4460243)
    existing = partnership_create(places=[krefeld, charlotte], kind="friendship", actor=Actor(via="test"))
    suggestion = pair_suggestion(washington, {"Krefeld", "Charlotte"})
    response = client.get(reverse("review:merge", args=[suggestion.pk]), {"q": "Charlotte Krefeld"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'name="target_id" value="{existing.pk}"' in html
    response = client.get(reverse("review:merge", args=[suggestion.pk]), {"q": "Timbuktu"})
    assert 'name="target_id"' not in response.content.decode()
    response = decide(client, suggestion, "merge", target_id=str(existing.pk))
    suggestion.refresh_from_db()
    assert suggestion.status == "merged" and suggestion.record == existing


def test_the_card_offers_search_not_a_number_for_merging(client, editor, washington):
    html = client.get(reverse("review:queue")).content.decode()
    assert 'name="target_id"' not in html
    assert reverse("review:merge", args=[washington.suggestions.first().pk]) in html
    assert 'form="bulk-form"' in html
