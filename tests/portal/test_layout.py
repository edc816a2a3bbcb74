"""The published portal: KERN layout, German error pages, favicon, branding from settings, the embeddable
"Unsere Partnerstädte" fragment, partner cards with locator maps, and templates that stay CSP-clean."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import Client, override_settings

from tests.portal.conftest import CHARLOTTE, DUNKIRK, KREFELD
from twinning.core.dates import PartialDate
from twinning.portal.context import branding_from_settings
from twinning.portal.locator import locator_view, world_outline_path
from twinning.portal.selectors import next_anniversary

TEMPLATES = Path(__file__).resolve().parents[2] / "twinning" / "portal"
KREFELD_URL = f"/places/{KREFELD}/krefeld/"


def test_templates_have_no_inline_script_style_or_handlers():
    offenders = []
    for path in TEMPLATES.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        # A JSON-LD data block is not executed (and not governed by the CSP); any other script has a src.
        if re.search(r"<script(?![^>]*\b(src=|type=\"application/ld\+json\"))[^>]*>", text):
            offenders.append(f"{path}: inline <script>")
        if re.search(r"<style\b|\sstyle=", text):
            offenders.append(f"{path}: inline style")
        if re.search(r"\son[a-z]+=", text):
            offenders.append(f"{path}: on*= handler")
    assert not offenders, offenders


@pytest.mark.django_db
def test_place_page_uses_kern_cards_with_locator_maps_and_a_contact_box(client: Client, world):
    html = client.get(KREFELD_URL).content.decode()
    assert "kern/kern.min.css" in html and "kern/fonts/fira-sans.css" in html
    assert html.count('class="kern-card partner-card"') == 4
    assert html.count('<use href="#world-land"') == 4 and 'id="world-land"' in html
    assert 'aria-label="Lage von Dünkirchen"' in html
    assert "Nächstes Jubiläum" in html and "Letzte Aktivität" in html
    # Charlotte's card: since 1986, its next round anniversary, its last activity (the Washington conference)
    assert "Urban Diplomacy Exchange Konferenz in Washington" in html
    # the source of a fact folds into a disclosure under the fact
    assert re.search(r'<details class="fact-sources">\s*<summary>1 Quelle</summary>', html)
    assert 'class="place-layout__aside"' in html and "Frank Meyer" in html
    assert f"/places/{KREFELD}/krefeld/embed/" in html


@pytest.mark.django_db
def test_embed_fragment_is_plain_html_with_absolute_links(client: Client, world):
    response = client.get(f"/places/{KREFELD}/krefeld/embed/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<section class="twinning-partners"')
    assert "<script" not in html and "style" not in html and "<html" not in html
    assert "<h2>Unsere Partnerstädte</h2>" in html
    assert "Dünkirchen</a> (Frankreich) – Städtepartnerschaft seit 1974" in html
    charlotte = world.partnerships[CHARLOTTE]
    assert f'href="http://testserver{charlotte.get_absolute_url()}?from={world.krefeld.pk}"' in html
    assert "X-Frame-Options" not in response.headers
    english = client.get(f"/places/{KREFELD}/krefeld/embed/", headers={"accept-language": "en"}).content.decode()
    assert "<h2>Our partner cities</h2>" in english and "Dunkirk</a> (France)" in english
    assert client.get("/places/999999999/nowhere/embed/").status_code == 404


@pytest.mark.django_db
def test_german_404_in_the_layout(client: Client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html and 'class="site-header"' in html and "Zur Startseite" in html
    assert "Page not found" in client.get("/nowhere/", headers={"accept-language": "en"}).content.decode()


@pytest.mark.django_db
def test_500_page_in_the_layout(rf):
    from django.utils import translation

    from twinning.portal.views import server_error

    with translation.override("de"):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Etwas ist schiefgelaufen" in response.content.decode()


@pytest.mark.django_db
def test_favicon(client: Client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("portal/favicon.svg")
    assert 'rel="icon" href="/static/portal/favicon.svg"' in client.get("/").content.decode()


@pytest.mark.django_db
@override_settings(
    TWINNING_SITE_NAME="Stadt Krefeld", TWINNING_BRAND_COLOUR="#00529f", TWINNING_BRAND_LOGO="portal/favicon.svg"
)
def test_branding_from_settings(client: Client):
    html = client.get("/").content.decode()
    assert "Offizielle Website – Stadt Krefeld" in html and "<title>Register der Städtepartnerschaften · Stadt" in html
    assert 'src="/static/portal/favicon.svg"' in html and 'href="/brand.css"' in html
    css = client.get("/brand.css")
    assert css["Content-Type"].startswith("text/css")
    assert "--kern-color-action-default: #00529f;" in css.content.decode()


@override_settings(TWINNING_BRAND_COLOUR="red; } body { display: none")
def test_brand_colour_must_be_a_plain_css_colour():
    assert branding_from_settings().colour == ""
    assert not branding_from_settings().has_colours


@pytest.mark.django_db
def test_unbranded_installation_has_no_brand_stylesheet(client: Client):
    html = client.get("/").content.decode()
    assert "brand.css" not in html and "Offenes Register der Städtepartnerschaften" in html


def test_world_outline_and_locator_windows():
    outline = world_outline_path()
    assert outline.startswith("M") and outline.count("Z") > 100
    dunkirk = locator_view(latitude=51.03, longitude=2.38, home=(51.33, 6.56))
    assert dunkirk is not None and dunkirk.home_x == 6.56  # Krefeld fits in Dunkirk's window
    left, top, width, height = (float(v) for v in dunkirk.view_box.split())
    assert left < 2.38 < left + width and top < -51.03 < top + height and width == pytest.approx(1.5 * height)
    charlotte = locator_view(latitude=35.23, longitude=-80.84, home=(51.33, 6.56))
    assert charlotte is not None and charlotte.home_x is None  # across the ocean: the partner alone
    assert locator_view(latitude=None, longitude=None) is None


@pytest.mark.django_db
def test_next_round_anniversary(world):
    charlotte = world.partnerships[CHARLOTTE]  # 1986, year precision
    when, years = next_anniversary(charlotte, today=dt.date(2027, 1, 10))
    assert when == PartialDate(dt.date(2031, 1, 1), "year") and years == 45
    when, years = next_anniversary(charlotte, today=dt.date(2026, 12, 2))  # a year-precision date lasts all year
    assert when == PartialDate(dt.date(2026, 1, 1), "year") and years == 40
    dunkirk = world.partnerships[DUNKIRK]  # 1974
    assert next_anniversary(dunkirk, today=dt.date(2027, 6, 1))[1] == 55
