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
