"""The council report names next year's anniversaries with a readable month, not an ISO string."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
KREFELD = 2884509


def test_council_page_anniversary_month_is_readable(client, demo_world):
    html = client.get(reverse("reports:council", args=[KREFELD, 2025])).content.decode()
    # Krefeld–Charlotte since May 1986: 40 years in May 2026
    assert '<time datetime="2026-05">Mai 2026</time>: Krefeld – Charlotte (40 Jahre)' in html
    assert "<li>2026-05:" not in html
