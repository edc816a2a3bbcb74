"""The registration form shows the activity's dates the way the rest of the portal does, not as ISO strings."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"), [("de", "12.–14. Juni 2026"), ("en", "June 12, 2026 – June 14, 2026")]
)
def test_registration_form_shows_readable_dates(
    client: Client, visit: Any, registration: Any, language: str, expected: str
) -> None:
    html = client.get(f"/exchanges/register/{visit.slug}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert expected in html
    assert "2026-06-12 – 2026-06-14" not in html
