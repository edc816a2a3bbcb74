"""The three script-injection holes of issue 7, closed at the root: request data only reaches HTML
through templates, stored URLs become links only with a safe scheme, labels on the map are text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from tests.factories import ContactDetailFactory, OrganizationFactory, PersonFactory
from twinning.core import links
from twinning.core.errors import ValidationFailed
from twinning.core.services import SYSTEM
from twinning.directory.models import ContactDetail
from twinning.directory.services import contact_detail_add

pytestmark = pytest.mark.django_db
PACKAGE = Path(__file__).resolve().parents[2] / "twinning"
SCRIPT = "<script>alert(document.domain)</script>"


@pytest.mark.parametrize(
    "query", [{"status": SCRIPT}, {"country": SCRIPT}, {"country": '"><img src=x onerror=alert(1)>'}]
)
def test_health_overview_names_a_bad_parameter_escaped_on_a_400_page(client: Client, query: dict[str, str]) -> None:
    from tests.factories import CountryFactory

    CountryFactory(code="DE", name="Deutschland")
    with translation.override("en"):
        response = client.get("/network/health/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html.lower()
    assert "&lt;" in html  # the value is named, escaped
    assert response.templates[0].name == "portal/bad_request.html"


def test_no_python_code_builds_html_from_request_data() -> None:
    """No HttpResponse with a formatted string, no mark_safe/format_html outside the one reviewed helper."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        for number, line in enumerate(source.splitlines(), 1):
            if re.search(r"HttpResponse\((f[\"']|_\(|.*%\s*\{|.*\.format\()", line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
            if re.search(r"\b(mark_safe|format_html|SafeString\()", line) and path.name != "text.py":
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://www.krefeld.de/", "https://www.krefeld.de/"),
        ("http://example.org/a?b=c", "http://example.org/a?b=c"),
        ("mailto:info@krefeld.de", "mailto:info@krefeld.de"),
        ("tel:+4921512860", "tel:+4921512860"),
        ("/places/2884509/krefeld/", "/places/2884509/krefeld/"),
        ("javascript:alert(document.domain)", ""),
        ("JaVaScRiPt:alert(1)", ""),
        (" javascript:alert(1)", ""),
        ("java\tscript:alert(1)", ""),
        ("\x01javascript:alert(1)", ""),
        ("data:text/html,<script>alert(1)</script>", ""),
        ("vbscript:msgbox(1)", ""),
        ("//evil.example/", ""),
        ("/\\evil.example/", ""),
        (None, ""),
    ],
)
def test_safe_href_lets_only_http_mailto_tel_and_local_paths_through(value: object, expected: str) -> None:
    assert links.safe_href(value) == expected


@pytest.mark.parametrize(
    "value", ["javascript:alert(document.domain)", "data:text/html,x", "ftp://example.org/", "www"]
)
def test_a_web_contact_detail_must_be_an_http_address_in_the_service_and_the_model(value: str) -> None:
    organization = OrganizationFactory()
    with pytest.raises(ValidationFailed, match="http"):
        contact_detail_add(kind="web", value=value, organization=organization, actor=SYSTEM, visibility="public")
    assert not ContactDetail.objects.exists()
    detail = ContactDetail(kind="web", value=value, organization=organization, visibility="public")
    with pytest.raises(ValidationError):
        detail.full_clean()  # what the admin form calls


def test_a_stored_javascript_contact_never_becomes_a_link(client: Client) -> None:
    """Saved past validation (an old row, raw SQL): the page shows it as text, not as a link."""
    organization = OrganizationFactory(slug="stadt-krefeld", name="Stadt Krefeld")
    person = PersonFactory(slug="frank-meyer", visibility="public")
    for kind, owner in (("web", {"organization": organization}), ("web", {"person": person})):
        ContactDetailFactory(kind=kind, value="https://placeholder.example/", visibility="public", **owner)
    ContactDetail.objects.update(value="javascript:alert(document.domain)")
    for url in (organization.get_absolute_url(), person.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "javascript:alert(document.domain)" in html  # shown as text
        assert 'href="javascript:' not in html.lower()


def test_leaflet_and_cytoscape_labels_are_set_as_text() -> None:
    """Leaflet puts string tooltips and popups in as HTML; ours are DOM nodes with textContent."""
    static = PACKAGE / "networkpages" / "static" / "network"
    map_js = (static / "map.js").read_text(encoding="utf-8")
    assert "innerHTML" not in map_js and "insertAdjacentHTML" not in map_js
    for call in re.findall(r"\.bind(?:Tooltip|Popup)\(([^)]*)\)", map_js):
        assert call.startswith(("text(", "link")), call
    graph_js = (static / "graph.js").read_text(encoding="utf-8")
    assert "innerHTML" not in graph_js and 'parsed.protocol === "https:"' in graph_js
