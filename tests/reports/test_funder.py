"""Funder checks on the demo exchange (Dunkirk → Krefeld, 60 participants from a generated list,
built by `twinning demo`): the CERV figures, the Dunkirk signature list read back from the PDF,
the funder CSV, the public report, and who may see what."""

import csv
import io
import json
from io import StringIO

import pypdf
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from twinning.activities.models import Activity
from twinning.core.errors import NotFound
from twinning.core.models import AuditEntry
from twinning.core.services import Actor
from twinning.demo.exchange import DUNKIRK, OFFICE_NAME, SLUG
from twinning.exchanges.models import Registration
from twinning.exchanges.selectors import registration_settings
from twinning.offices.models import Membership, Office
from twinning.offices.services import office_create
from twinning.places.models import Place
from twinning.reports.documents import invited_towns
from twinning.reports.eligibility import attendees, eligibility_for_activity
from twinning.reports.models import Funding
from twinning.reports.services import funding_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def exchange(demo_world) -> Activity:
    return Activity.objects.get(slug=SLUG)


def registered(activity: Activity):
    return Registration.objects.filter(activity=activity, status=Registration.Status.REGISTERED)


def from_dunkirk(activity: Activity) -> list[Registration]:
    """Invited participants living in Dunkirk itself (not the neighbouring towns), by the database."""
    return [r for r in registered(activity).exclude(role="host") if r.home_place and r.home_place.geonameid == DUNKIRK]


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def test_eligibility_reports_the_cerv_figures(exchange):
    result = eligibility_for_activity(exchange)
    people = registered(exchange)
    abroad = people.exclude(role="host").exclude(country_id="DE").exclude(country=None)
    assert result.programme.slug == "cerv-twinning"
    assert result.figures.participants == people.count() == 60
    assert result.figures.invited == abroad.count() >= 25
    assert result.figures.host_country == "DE"
    assert set(result.figures.countries) == set(people.values_list("country_id", flat=True)) >= {"DE", "FR"}
    assert result.figures.days == 3 and len(result.figures.per_day) == 3
    assert all(0 < n <= 60 for n in result.figures.per_day.values())
    assert result.eligible, [r.message for r in result.unmet]


def test_eligibility_command_json_and_text(exchange):
    out = StringIO()
    call_command("report", "eligibility", SLUG, "--programme", "cerv-twinning", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["activity"] == SLUG and data["eligible"] is True
    rules = {rule["key"]: rule for rule in data["rules"]}
    assert rules["participants"]["value"] == 60 and rules["participants"]["met"]
    assert rules["invited"]["value"] >= 25 and rules["invited"]["min"] == 25
    assert rules["countries"]["value"] >= 2
    assert [day["day"] for day in data["figures"]["per_day"]] == ["2027-05-14", "2027-05-15", "2027-05-16"]
    text = StringIO()
    call_command("report", "eligibility", str(exchange.pk), stdout=text)
    assert "eligible" in text.getvalue().splitlines()[-1]


def test_eligibility_command_refuses_unknown_activity_and_programme(exchange):
    with pytest.raises(CommandError, match="no activity 'no-such-visit'"):
        call_command("report", "eligibility", "no-such-visit")
    with pytest.raises(CommandError, match="no funding programme 'erasmus'"):
        call_command("report", "eligibility", SLUG, "--programme", "erasmus")


def test_cancelled_participants_do_not_count(exchange):
    before = eligibility_for_activity(exchange).figures.participants
    first = registered(exchange).first()
    first.status = Registration.Status.CANCELLED
    first.save()
    assert eligibility_for_activity(exchange).figures.participants == before - 1


def test_dunkirk_signature_list_has_one_row_per_invited_participant_from_dunkirk(client, exchange):
    office = Office.objects.get(name=OFFICE_NAME)
    user = get_user_model().objects.create_user("orga", password="pw-orga-123456")
    Membership.objects.create(office=office, user=user, role="editor")
    client.force_login(user)
    expected = from_dunkirk(exchange)
    assert len(expected) >= 5
    response = client.get(reverse("reports:signature_list", args=[exchange.pk, str(DUNKIRK)]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "CERV" in text and "Krefeld" in text  # the programme header, the place
    assert "14.05.2027" in text or "14. Mai 2027" in text or "May 14, 2027" in text  # the dates
    rows = [line for line in text.splitlines() if line.split(" ")[0].isdigit() and line.split(" ")[0] != "2027"]
    numbers = [int(line.split(" ")[0]) for line in rows]
    assert numbers == list(range(1, len(expected) + 1)), text
    for registration in expected:
        assert registration.name in text
    others = registered(exchange).exclude(pk__in=[r.pk for r in expected])
    for registration in others:
        assert registration.name not in text, registration  # hosts, Leiden, the neighbouring towns


def test_each_invited_town_has_its_list(exchange):
    towns = invited_towns(attendees(exchange), host_country="DE")
    assert sum(len(t.people) for t in towns) == eligibility_for_activity(exchange).figures.invited
    assert str(DUNKIRK) in {t.key for t in towns}
    assert all(p.country != "DE" for t in towns for p in t.people)


def test_funding_page_programme_pdf_and_funder_csv_for_the_organizing_office(client, exchange):
    office = Office.objects.get(name=OFFICE_NAME)
    user = get_user_model().objects.create_user("orga", password="pw-orga-123456")
    Membership.objects.create(office=office, user=user, role="editor")
    client.force_login(user)
    page = client.get(reverse("reports:funding", args=[exchange.pk]), headers={"accept-language": "en"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "CERV" in html and "60" in html
    dunkirk = reverse("reports:signature_list", args=[exchange.pk, str(DUNKIRK)])
    assert f'<a href="{dunkirk}">Signature list Dunkirk ({len(from_dunkirk(exchange))} people, PDF)</a>' in html
    assert (
        client.post(reverse("reports:funding", args=[exchange.pk]), {"programme": "cerv-twinning"}).status_code == 302
    )
    assert Funding.objects.get(activity=exchange).programme == "cerv-twinning"
    programme = client.get(reverse("reports:programme_pdf", args=[exchange.pk]))
    assert exchange.title in pdf_text(programme.content)
    rows = list(csv.reader(io.StringIO(client.get(reverse("reports:funder_csv", args=[exchange.pk])).content.decode())))
    header = rows[0]
    people = [row for row in rows[1:61]]
    assert header[:3] == ["name", "home_town", "country"] and len(people) == 60
    assert (
        sum(1 for row in people if row[header.index("invited")] == "yes")
        == eligibility_for_activity(exchange).figures.invited
    )
    # The workbench activity page warns with the programme's rules (all met here).
    activity_page = client.get(reverse("workbench:activity", args=[exchange.pk]), headers={"accept-language": "en"})
    activity_page = activity_page.content.decode()
    assert "Every rule of the programme is met." in activity_page


def test_participants_are_404_for_other_offices_and_the_public(client, exchange):
    darmstadt = office_create(name="Darmstadt", places=[Place.objects.get(geonameid=2938913)], actor=Actor(via="test"))
    outsider = get_user_model().objects.create_user("other", password="pw-other-123456")
    Membership.objects.create(office=darmstadt, user=outsider, role="manager")
    urls = [
        reverse("reports:funding", args=[exchange.pk]),
        reverse("reports:signature_list", args=[exchange.pk, str(DUNKIRK)]),
        reverse("reports:programme_pdf", args=[exchange.pk]),
        reverse("reports:funder_csv", args=[exchange.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(outsider)
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_public_report_counts_and_names_only_with_consent(client, exchange):
    page = client.get(reverse("reports:activity_public", args=[SLUG]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "60" in html
    consenting = registered(exchange).filter(consent_public=True)
    refusing = registered(exchange).filter(consent_public=False)
    assert consenting.exists() and refusing.exists()
    for registration in consenting:
        assert registration.name in html
    for registration in refusing:
        assert registration.name not in html
    assert "@example.org" not in html


def test_funding_set_is_audited_and_keeps_the_data_long_enough(exchange):
    assert Funding.objects.get(activity=exchange).programme == "cerv-twinning"  # chosen by the demo
    funding_set(activity=exchange, programme="", actor=Actor(via="test"))
    assert not Funding.objects.filter(activity=exchange).exists()
    assert AuditEntry.objects.filter(action="funding.delete").latest("pk").changes["programme"] == [
        "cerv-twinning",
        None,
    ]
    settings = registration_settings(exchange)
    settings.retention_years = 1
    settings.save()
    funding_set(activity=exchange, programme="cerv-twinning", actor=Actor(via="test"))
    assert registration_settings(exchange).retention_years == 5  # CERV: five years
    assert AuditEntry.objects.filter(action="funding.create").latest("pk").changes["programme"] == [
        None,
        "cerv-twinning",
    ]
    funding_set(activity=exchange, programme="cerv-twinning", reference="101-TT", actor=Actor(via="test"))
    assert AuditEntry.objects.filter(action="funding.update").latest("pk").changes == {"reference": ["", "101-TT"]}
    with pytest.raises(NotFound):
        funding_set(activity=exchange, programme="erasmus", actor=Actor(via="test"))
    assert Funding.objects.get(activity=exchange).reference == "101-TT"


def test_council_report_2027_counts_the_registrations(exchange):
    out = StringIO()
    call_command("report", "council", "Krefeld", "--year", "2027", "--json", stdout=out)
    data = json.loads(out.getvalue())
    visit = next(a for a in data["activities"] if a["slug"] == SLUG)
    assert visit["participants"]["source"] == "registrations"
    assert visit["participants"]["total"] == 60
    assert visit["participants"]["by_country"]["FR"] >= 25


def test_eligibility_of_an_activity_without_registrations_says_what_is_missing(demo_world):
    out = StringIO()
    call_command("report", "eligibility", "ude-netzwerktreffen-krefeld-2023", stdout=out)
    text = out.getvalue()
    assert "participants: 0" in text
    assert "states 15 participants" in text
    assert text.splitlines()[-1].startswith("not eligible")
