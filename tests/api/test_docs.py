"""The API documentation uses the locally served Swagger UI (npm swagger-ui-dist), never a CDN."""

import pytest

pytestmark = pytest.mark.django_db


def test_swagger_ui_is_served_locally_without_inline_script(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'src="/static/swagger-ui/swagger-ui-bundle.js"' in html
    assert 'href="/static/swagger-ui/swagger-ui.css"' in html
    assert 'data-openapi-url="/api/openapi.json"' in html
    assert "cdn" not in html and "http" not in html.replace('href="http', "")
    assert "<script>" not in html and "style=" not in html
    bundle = client.get("/static/swagger-ui/swagger-ui-bundle.js")
    assert bundle.status_code == 200
    bundle.close()


def test_the_guide_in_german_and_english_names_parameters_licences_and_examples(client, demo_world):
    german = client.get("/api-guide/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Offene Daten und API" in german and "Listen antworten seitenweise" in german
    for text in ("page_size", "/api/partnerships", "country", "Authorization: Bearer", "import requests", "CC BY 4.0"):
        assert text in german, text
    assert "Pressemitteilung" in german  # the demo world's sources, counted by kind
    assert 'href="/data/"' in german  # the dumps of `twinning export` (the exports app)
    english = client.get("/api-guide/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Open data and API" in english and "Lists answer one page at a time" in english
    assert "<script>" not in english and "style=" not in english
    assert 'href="/api-guide/"' in client.get("/").content.decode()
