"""The council report's pages: public for a place (counts only), in the workbench for the office's members."""

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from twinning.core.services import Actor
from twinning.offices.models import Membership
from twinning.offices.services import office_create

pytestmark = pytest.mark.django_db
KREFELD = 2884509


def test_public_council_page_pdf_and_csv(client, demo_world):
    page = client.get(reverse("reports:council", args=[KREFELD, 2023]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Urban Diplomacy Exchange: Netzwerktreffen in Krefeld" in html
    assert "Insgesamt 15 Teilnehmende" in html
    assert "Krefeld – Charlotte" in html
    pdf = client.get(reverse("reports:council_pdf", args=[KREFELD, 2023]))
    assert pdf["Content-Type"] == "application/pdf"
    import io

    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Netzwerktreffen in Krefeld" in text
    csv = client.get(reverse("reports:council_csv", args=[KREFELD, 2023])).content.decode()
    assert "ude-netzwerktreffen-krefeld-2023" in csv


def test_public_council_page_refuses_unknown_place_and_year(client, demo_world):
    assert client.get(reverse("reports:council", args=[1, 2023])).status_code == 404
    assert client.get(reverse("reports:council", args=[KREFELD, 3000])).status_code == 404


def test_office_council_page_for_members_only(client, demo_world):
    from twinning.places.models import Place

    actor = Actor(via="test")
    krefeld = office_create(name="Stadt Krefeld", places=[Place.objects.get(geonameid=KREFELD)], actor=actor)
    other = office_create(name="Stadt Darmstadt", places=[Place.objects.get(geonameid=2938913)], actor=actor)
    users = get_user_model().objects
    member, outsider = users.create_user("k", password="pw-k-123456"), users.create_user("d", password="pw-d-123456")
    Membership.objects.create(office=krefeld, user=member, role="viewer")
    Membership.objects.create(office=other, user=outsider, role="manager")
    url = reverse("reports:office_council", args=[krefeld.slug, 2023])
    assert client.get(url).status_code == 302  # to the login
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(member)
    page = client.get(url)
    assert page.status_code == 200
    assert "Netzwerktreffen in Krefeld" in page.content.decode()
