"""An office's reviewers work the review queue for their office's press releases only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory
from twinning.places.models import Place
from twinning.review.models import Suggestion

from .conftest import Offices

pytestmark = pytest.mark.django_db


def _suggestion(geonameid: int, label: str) -> Suggestion:
    article = ArticleFactory(title=f"Pressemitteilung {label}", publisher_place=Place.objects.get(geonameid=geonameid))
    return Suggestion.objects.create(
        article=article,
        kind="person",
        key=f"person:{label}",
        label=label,
        data={"name": label},
        extracted={"name": label},
        spans=[[0, 4]],
    )


def test_office_reviewer_decides_own_suggestions_only(offices: Offices) -> None:
    own = _suggestion(2884509, "Anna Krefeld")
    other = _suggestion(2938913, "Bernd Darmstadt")
    reviewer = offices.client("reviewer")
    queue = reviewer.get(reverse("review:queue"))
    assert queue.status_code == 200
    page = queue.content.decode()
    assert "Anna Krefeld" in page and "Bernd Darmstadt" not in page
    decide = "review:decide"
    assert reviewer.post(reverse(decide, kwargs={"pk": other.pk}), {"action": "reject"}).status_code == 404
    other.refresh_from_db()
    assert other.status == "pending"
    assert reviewer.post(reverse(decide, kwargs={"pk": own.pk}), {"action": "reject"}).status_code in (200, 302)
    own.refresh_from_db()
    assert (own.status, own.decided_by) == ("rejected", offices.users["reviewer"])
    # An editor is not a reviewer; Darmstadt's editor neither.
    assert offices.client("editor").get(reverse("review:queue")).status_code == 403
    assert offices.client("other_editor").get(reverse("review:queue")).status_code == 403
    # The dashboard lists what waits for the office.
    dashboard = reverse("workbench:dashboard", kwargs={"office": offices.krefeld.slug})
    assert "Bernd Darmstadt" not in offices.client("viewer").get(dashboard).content.decode()
