"""A news item without a publication date shows its publisher without a stray separator in front."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_undated_article_meta_has_no_leading_separator(client, gazetteer):
    call_command("demo", stdout=StringIO(), stderr=StringIO())
    html = client.get("/places/2884509/krefeld/").content.decode()
    metas = re.findall(r'<span class="meta">(.*?)</span>', html, flags=re.S)
    assert any("Presse und Kommunikation" in meta for meta in metas)
    assert not [meta for meta in metas if meta.strip().startswith("·")]
