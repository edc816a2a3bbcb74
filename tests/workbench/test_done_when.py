"""The issue's "done when", through the test client: Krefeld's editor adds an activity to
Krefeld–Charlotte and sees it on the portal, gets 403 on Darmstadt–San Antonio and 404 on
Darmstadt's internal contacts; /manage/ sends anonymous visitors to the login."""

from __future__ import annotations

import pytest
from django.urls import reverse

from twinning.activities.models import Activity
from twinning.core.models import AuditEntry

from .conftest import Offices

pytestmark = pytest.mark.django_db


def test_manage_redirects_anonymous_to_login_and_answers_member(offices: Offices) -> None:
    response = offices.client("anonymous").get("/manage/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=/manage/")
    assert offices.client("editor").get("/manage/").status_code == 200
    assert offices.client("viewer").get("/manage/").status_code == 200
    # Logged in without an office: no workbench.
    assert offices.client("staff_only").get("/manage/").status_code == 403


def test_editor_adds_activity_to_krefeld_charlotte_and_sees_it_on_the_portal(offices: Offices) -> None:
    client = offices.client("editor")
    partnership = offices.krefeld_charlotte
    form = client.get(reverse("workbench:activity_new") + f"?partnership={partnership.pk}")
    assert form.status_code == 200
    response = client.post(
        reverse("workbench:activity_new"),
        {
            "title": "Bürgerreise nach Charlotte",
            "kind": "delegation_trip",
            "direction": "outbound",
            "format": "in_person",
            "start": "2026-05",
            "end": "",
            "venue": "Rathaus Charlotte",
            "partnerships": [partnership.pk],
            "participant_count_text": "rund 30",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get(title="Bürgerreise nach Charlotte")
    assert activity.start_precision == "month"
    assert list(activity.partnerships.all()) == [partnership]
    entry = AuditEntry.objects.get(action="activity.create", object_id=activity.pk)
    assert entry.actor == offices.users["editor"]
    assert entry.via == "web:workbench"
    public = offices.client("anonymous").get(partnership.get_absolute_url())
    assert "Bürgerreise nach Charlotte" in public.content.decode()
    assert offices.client("anonymous").get(activity.get_absolute_url()).status_code == 200


def test_activity_form_names_the_field_of_bad_input(offices: Offices) -> None:
    response = offices.client("editor").post(
        reverse("workbench:activity_new"),
        {"title": "", "kind": "visit", "format": "in_person", "start": "Mai 2026", "partnerships": []},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "title</a>: This field is required." in page
    assert "start</a>: &#x27;Mai 2026&#x27; is not a date like 1986, 1986-05 or 1986-05-23" in page
    assert not Activity.objects.exists()


def test_activity_outside_the_scope_is_refused(offices: Offices) -> None:
    response = offices.client("editor").post(
        reverse("workbench:activity_new"),
        {"title": "Fremd", "kind": "visit", "format": "in_person", "start": "2026",
         "partnerships": [offices.darmstadt_san_antonio.pk]},
    )  # fmt: skip
    # Darmstadt's partnership is not among the editor's choices.
    assert response.status_code == 200
    assert "partnerships</a>: Select a valid choice." in response.content.decode()
    assert not Activity.objects.exists()


def test_editing_another_offices_partnership_is_403(offices: Offices) -> None:
    url = reverse("workbench:partnership", kwargs={"pk": offices.darmstadt_san_antonio.pk})
    client = offices.client("editor")
    assert client.get(url).status_code == 403
    before = offices.darmstadt_san_antonio.status
    assert client.post(url, {"kind": "twinning", "status": "dormant"}).status_code == 403
    offices.darmstadt_san_antonio.refresh_from_db()
    assert offices.darmstadt_san_antonio.status == before
    assert (
        client.post(reverse("workbench:partnership_end", kwargs={"pk": offices.darmstadt_san_antonio.pk})).status_code
        == 403
    )
    # Darmstadt's own editor may.
    assert offices.client("other_editor").get(url).status_code == 200


def test_another_offices_internal_contacts_are_404(offices: Offices) -> None:
    client = offices.client("editor")
    staff = offices.darmstadt_staff
    assert client.get(reverse("workbench:person", kwargs={"pk": staff.pk})).status_code == 404
    assert client.get(reverse("workbench:person_export", kwargs={"pk": staff.pk})).status_code == 404
    assert client.get(reverse("workbench:history", kwargs={"kind": "person", "pk": staff.pk})).status_code == 404
    assert (
        client.post(reverse("workbench:contact_delete", kwargs={"pk": offices.darmstadt_phone.pk})).status_code == 404
    )
    assert client.get(staff.get_absolute_url()).status_code == 404
    assert "Dora" not in client.get("/api/places/2938913").content.decode()
    darmstadt_page = client.get(reverse("portal:place_redirect", kwargs={"geonameid": 2938913}), follow=True)
    assert "06151 13-9999" not in darmstadt_page.content.decode()
    assert "Dora" not in darmstadt_page.content.decode()
    # Darmstadt's editor sees them; Krefeld's own staff is visible to Krefeld's viewer.
    assert offices.client("other_editor").get(reverse("workbench:person", kwargs={"pk": staff.pk})).status_code == 200
    krefeld_page = offices.client("viewer").get(
        reverse("portal:place_redirect", kwargs={"geonameid": 2884509}), follow=True
    )
    assert "02151 86-2010" in krefeld_page.content.decode()


def test_staff_status_alone_sees_no_internal_data(offices: Offices) -> None:
    client = offices.client("staff_only")
    page = client.get(reverse("portal:place_redirect", kwargs={"geonameid": 2884509}), follow=True).content.decode()
    assert "02151 86-2010" not in page
    assert "Karl Krefelder" not in page
    assert client.get(offices.krefeld_staff.get_absolute_url()).status_code == 404
    assert "Karl" not in client.get(reverse("portal:search") + "?q=Krefelder").content.decode()
    # A superuser sees all.
    assert offices.client("superuser").get(offices.darmstadt_staff.get_absolute_url()).status_code == 200


def test_confirm_partnership_one_click(offices: Offices) -> None:
    client = offices.client("editor")
    dashboard = reverse("workbench:dashboard", kwargs={"office": offices.krefeld.slug})
    page = client.get(dashboard).content.decode()
    assert "1 partnership not confirmed for a year." in page
    url = reverse("workbench:confirm", kwargs={"office": offices.krefeld.slug, "pk": offices.krefeld_charlotte.pk})
    response = client.post(url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "editor" in response.content.decode()
    assert "0 partnerships not confirmed for a year." in client.get(dashboard).content.decode()
    # Not Darmstadt's: 403; Darmstadt's dashboard: invisible (404).
    other = reverse(
        "workbench:confirm", kwargs={"office": offices.krefeld.slug, "pk": offices.darmstadt_san_antonio.pk}
    )
    assert client.post(other).status_code == 403
    assert client.get(reverse("workbench:dashboard", kwargs={"office": offices.darmstadt.slug})).status_code == 404
