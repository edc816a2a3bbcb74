"""A refused page (403) is shown in the portal's layout and in German, like the 404, not as a bare English line."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_forbidden_page_is_german_in_the_layout(client):
    user = get_user_model().objects.create_user("nobody", password="x-long-password-1")
    client.force_login(user)
    response = client.get("/review/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Zugriff verweigert" in html and 'class="site-header"' in html and "Zur Startseite" in html
    english = client.get("/review/", headers={"accept-language": "en"}).content.decode()
    assert "Access denied" in english
