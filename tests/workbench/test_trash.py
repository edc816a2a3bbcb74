"""Soft delete and restore: an editor deletes an activity of the office; it disappears from the
portal and the API; a manager restores it with its participants, links and citations, same ids."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.factories import ActivityFactory, ArticleFactory, CitationFactory, ParticipationFactory
from twinning.activities.models import Activity
from twinning.core.models import AuditEntry, Citation
from twinning.offices.models import Deletion
from twinning.places.models import Place
from twinning.review.models import Suggestion

from .conftest import Offices

pytestmark = pytest.mark.django_db


def test_delete_and_restore_an_activity(offices: Offices) -> None:
    krefeld = Place.objects.get(geonameid=2884509)
    activity = ActivityFactory(
        title="Besuch aus Charlotte", slug="besuch-aus-charlotte", place=krefeld, start=dt.date(2025, 6, 1)
    )
    activity.partnerships.add(offices.krefeld_charlotte)
    activity.places.add(krefeld)
    ParticipationFactory(activity=activity, person=offices.krefeld_staff, role="Begleitung")
    article = ArticleFactory(slug="besuch-artikel")
    article.activities.add(activity)
    CitationFactory(content_type=ContentType.objects.get_for_model(Activity), object_id=activity.pk, quote="Besuch")
    accepted = Suggestion.objects.create(
        article=article, kind="activity", key="activity:besuch", label="Besuch", status="accepted", record=activity
    )
    pk = activity.pk
    delete = reverse("workbench:delete", kwargs={"kind": "activity", "pk": pk})

    assert offices.client("viewer").post(delete).status_code == 403
    assert offices.client("other_editor").post(delete).status_code == 403
    assert offices.client("editor").post(delete).status_code == 302
    assert not Activity.objects.filter(pk=pk).exists()
    assert not Citation.objects.filter(object_id=pk, content_type__model="activity").exists()
    assert offices.client("anonymous").get("/activities/besuch-aus-charlotte/").status_code == 404
    assert offices.client("anonymous").get("/api/activities/besuch-aus-charlotte").status_code == 404
    deletion = Deletion.objects.get()
    assert deletion.office == offices.krefeld
    entry = AuditEntry.objects.get(action="activity.delete", object_id=pk, actor=offices.users["editor"])
    # The suggestion that created the activity no longer points at it (recorded in the audit).
    accepted.refresh_from_db()
    assert accepted.record_id is None and accepted.status == "accepted"
    assert [c["id"] for c in entry.changes["cleared"]] == [accepted.pk]

    trash = reverse("workbench:trash", kwargs={"office": offices.krefeld.slug})
    restore = reverse("workbench:restore", kwargs={"office": offices.krefeld.slug, "pk": deletion.pk})
    assert offices.client("editor").get(trash).status_code == 403
    assert offices.client("editor").post(restore).status_code == 403
    assert offices.client("other_editor").post(restore).status_code == 404
    manager = offices.client("manager")
    assert "Besuch aus Charlotte" in manager.get(trash).content.decode()
    assert manager.post(restore).status_code == 302

    restored = Activity.objects.get(pk=pk)
    assert list(restored.partnerships.all()) == [offices.krefeld_charlotte]
    assert list(restored.places.all()) == [krefeld]
    assert [p.person for p in restored.participations.all()] == [offices.krefeld_staff]
    assert list(article.activities.all()) == [restored]
    assert Citation.objects.filter(object_id=pk, content_type__model="activity", quote="Besuch").exists()
    assert offices.client("anonymous").get("/activities/besuch-aus-charlotte/").status_code == 200
    assert AuditEntry.objects.filter(action="activity.restore", object_id=pk, actor=offices.users["manager"]).exists()
    # Twice is refused with a message, nothing changes.
    response = manager.post(restore, follow=True)
    assert "has been restored already" in response.content.decode()


def test_a_partnership_is_ended_not_deleted(offices: Offices) -> None:
    delete = reverse("workbench:delete", kwargs={"kind": "partnership", "pk": offices.krefeld_charlotte.pk})
    assert offices.client("editor").post(delete).status_code == 404
    url = reverse("workbench:partnership_end", kwargs={"pk": offices.krefeld_charlotte.pk})
    assert offices.client("editor").post(url, {"ended": "2025"}).status_code == 302
    offices.krefeld_charlotte.refresh_from_db()
    assert (offices.krefeld_charlotte.status, offices.krefeld_charlotte.ended) == ("ended", dt.date(2025, 1, 1))
    history = offices.client("viewer").get(
        reverse("workbench:history", kwargs={"kind": "partnership", "pk": offices.krefeld_charlotte.pk})
    )
    page = history.content.decode()
    assert "partnership.update" in page and "<td>status</td><td>active</td><td>ended</td>" in page
