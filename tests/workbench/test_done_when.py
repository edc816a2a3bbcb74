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


def test_press_release_upload_goes_to_the_offices_review_queue(offices: Offices) -> None:
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from twinning.press.models import Article

    seed = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "001_e006de778fe042da.txt"
    client = offices.client("editor")
    url = reverse("workbench:article_new", kwargs={"office": offices.krefeld.slug})
    empty = client.post(url, {"text": "  "})
    assert "press release text</a>: Paste the text or choose a file." in empty.content.decode()
    upload = SimpleUploadedFile(seed.name, seed.read_bytes(), content_type="text/plain")
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    article = Article.objects.get(title__contains="Partnerschafts-Konferenz")
    assert article.publisher_place.geonameid == 2884509
    pending = article.suggestions.filter(status="pending")
    assert pending.exists()
    dashboard = client.get(reverse("workbench:dashboard", kwargs={"office": offices.krefeld.slug})).content.decode()
    assert pending.first().label in dashboard
    queue = offices.client("reviewer").get(reverse("review:queue")).content.decode()
    assert "Partnerschafts-Konferenz" in queue
    assert AuditEntry.objects.filter(action="review.ingest", actor=offices.users["editor"]).exists()


def test_editor_edits_own_partnership_with_contacts_source_and_history(offices: Offices) -> None:
    from twinning.core.models import Citation

    client = offices.client("editor")
    partnership = offices.krefeld_charlotte
    url = reverse("workbench:partnership", kwargs={"pk": partnership.pk})
    bad = client.post(url, {"kind": "twinning", "status": "ended", "established": "86"})
    page = bad.content.decode()
    assert "established</a>: &#x27;86&#x27; is not a date like 1986, 1986-05 or 1986-05-23" in page
    assert "ended</a>: An ended partnership needs the date it ended" in page
    response = client.post(
        url,
        {
            "kind": "twinning",
            "status": "active",
            "established": "1986-05",
            "contacts": [offices.krefeld_staff.pk],
            "source_url": "https://www.krefeld.de/de/international/charlotte/",
        },
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.established_precision, partnership.established.month) == ("month", 5)
    assert list(partnership.contacts.all()) == [offices.krefeld_staff]
    assert Citation.objects.filter(object_id=partnership.pk, source__key__contains="krefeld.de").exists()
    entry = AuditEntry.objects.filter(action="partnership.update", object_id=partnership.pk).latest("at")
    assert entry.changes == {"established": ["1986", "1986-05"]}
    assert entry.actor == offices.users["editor"]
    history = client.get(reverse("workbench:history", kwargs={"kind": "partnership", "pk": partnership.pk}))
    assert "<td>established</td><td>1986</td><td>1986-05</td>" in history.content.decode()


def test_contact_box_is_shown_on_the_place_page(offices: Offices) -> None:
    client = offices.client("editor")
    url = reverse("workbench:contact_box", kwargs={"office": offices.krefeld.slug})
    bad = client.post(url, {"contact_phone": "call us", "contact_email": "nope"})
    page = bad.content.decode()
    assert "phone</a>: Enter a phone number such as 02151 86-2010." in page
    assert "e-mail</a>: Enter a valid email address." in page
    data = {
        "contact_heading": "Geschäftsbereich I – Internationales",
        "contact_text": "Von-der-Leyen-Platz 1\n47798 Krefeld",
        "contact_email": "international@krefeld.de",
        "contact_phone": "02151 86-2010",
        "contact_room": "B 209",
        "contact_web": "https://www.krefeld.de/international",
    }
    assert client.post(url, data).status_code == 302
    place = offices.client("anonymous").get(
        reverse("portal:place_redirect", kwargs={"geonameid": 2884509}), follow=True
    )
    body = place.content.decode()
    for value in ("Geschäftsbereich I – Internationales", "B 209", "international@krefeld.de", "47798 Krefeld"):
        assert value in body
    assert AuditEntry.objects.filter(action="office.update_contact", actor=offices.users["editor"]).exists()
    # Not Darmstadt's box.
    other = reverse("workbench:contact_box", kwargs={"office": offices.darmstadt.slug})
    assert client.post(other, data).status_code == 404


def test_coordinator_sees_how_current_the_offices_of_the_region_are(offices: Offices) -> None:
    from django.contrib.auth.models import User

    from twinning.core.services import Actor
    from twinning.offices.services import membership_set, office_create

    nrw = office_create(name="Staatskanzlei NRW", region="DE-NW", kind="state", actor=Actor(via="test"))
    coordinator = User.objects.create_user("nrw", password="Koordination-2026!")
    membership_set(office=nrw, user=coordinator, role="viewer", actor=Actor(via="test"))
    offices.client("editor").post(
        reverse("workbench:confirm", kwargs={"office": offices.krefeld.slug, "pk": offices.krefeld_charlotte.pk})
    )
    client = offices.client("anonymous")
    client.force_login(coordinator)
    page = client.get(reverse("workbench:currency", kwargs={"office": nrw.slug})).content.decode()
    assert "Stadt Krefeld, Internationales" in page
    assert "<td>1</td><td>1</td><td>100 %</td>" in page
    assert "Wissenschaftsstadt Darmstadt" not in page  # Hesse, not NRW
    # The coordinator reads Krefeld's records but is no editor of them.
    url = reverse("workbench:partnership", kwargs={"pk": offices.krefeld_charlotte.pk})
    assert client.get(url).status_code == 403


def test_activity_follow_up(offices: Offices) -> None:
    client = offices.client("editor")
    data = {"title": "Erster Besuch", "kind": "visit", "format": "in_person", "start": "2025",
            "partnerships": [offices.krefeld_charlotte.pk]}  # fmt: skip
    assert client.post(reverse("workbench:activity_new"), data).status_code == 302
    first = Activity.objects.get(title="Erster Besuch")
    data = {**data, "title": "Gegenbesuch", "start": "2026-04", "follow_up_of": first.pk}
    assert client.post(reverse("workbench:activity_new"), data).status_code == 302
    assert Activity.objects.get(title="Gegenbesuch").follow_up_of == first
