"""One search over the demo world on the real gazetteer (full-text index of the database in use)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from twinning.activities.models import Activity
from twinning.search import backends
from twinning.search.models import SearchDocument
from twinning.search.selectors import site_search

pytestmark = pytest.mark.django_db
KREFELD = 2884509


@pytest.fixture
def demo(gazetteer: None) -> None:
    with translation.override("en"):
        call_command("demo", stdout=StringIO())


def test_typo_finds_krefeld_first(demo: None, client: Client) -> None:
    html = client.get("/search/?q=Krefled").content.decode()
    places = html.split('id="results-places"')[1].split("</section>")[0]
    assert places.index("/places/2884509/krefeld/") < places.index("</li>")  # the first place listed


def test_german_stemming_finds_the_dunkirk_pupils_visit(demo: None, client: Client) -> None:
    visit = Activity.objects.get(title="Schülergruppen aus Dünkirchen zu Besuch in Krefeld")
    html = client.get("/search/?q=Schüleraustausch").content.decode()
    assert visit.get_absolute_url() in html.split('id="results-activities"')[1]
    assert "<mark>Schüleraustausch</mark>" in html
    # inflected forms find it too (stems, not strings)
    assert visit in [h.obj for h in site_search("Schüleraustausche", user=None).activities]


def test_two_place_names_find_their_partnership(demo: None) -> None:
    results = site_search("Krefeld Charlotte", user=None)
    first = results.partnerships[0].obj
    assert {m.place.name for m in first.members.all()} == {"Krefeld", "Charlotte"}


def test_article_bodies_are_searched_and_highlighted(demo: None) -> None:
    results = site_search("Ratssaal", user=None)
    assert results.activities or results.articles
    hit = (results.articles or results.activities)[0]
    assert any(marked and text.lower().startswith("ratssaal") for text, marked in hit.snippet)


def test_people_only_when_visible(demo: None, client: Client) -> None:
    from twinning.directory.access import visible_people
    from twinning.directory.models import Person

    hidden = Person.objects.exclude(pk__in=visible_people(Person.objects.all(), user=None).values("pk")).first()
    assert hidden is not None
    word = hidden.name.split()[-1]
    assert hidden not in [h.obj for h in site_search(word, user=None).people]


def test_the_index_follows_saves_and_deletes(demo: None) -> None:
    visit = Activity.objects.get(title="Schülergruppen aus Dünkirchen zu Besuch in Krefeld")
    visit.title = "Quokkabesuch aus Dünkirchen"
    visit.save()
    assert [pk for pk, _r in backends.search("Quokkabesuch", kind="activity")] == [visit.pk]
    visit.delete()
    assert backends.search("Quokkabesuch", kind="activity") == []
    assert not SearchDocument.objects.filter(kind="activity", object_id=visit.pk).exists()


def test_rebuild_indexes_every_record(demo: None) -> None:
    from twinning.search.index import rebuild

    count = rebuild()
    assert count == SearchDocument.objects.count() > 40
    assert backends.search("Schüleraustausch", kind="activity")


def test_empty_and_hostile_queries(demo: None, client: Client) -> None:
    for q in ["", "   ", '"', "*", "AND OR NOT", "') DROP TABLE x; --", "a" * 5000]:
        assert client.get("/search/", {"q": q}).status_code == 200


def test_highlight_is_segments_not_html() -> None:
    segments = backends.highlight("<b>Schüleraustausche</b> in Krefeld", "schüleraustausch")
    assert ("Schüleraustausche", True) in segments
    assert all("<mark>" not in text for text, _hit in segments)


def test_articles_off_the_portal_are_not_found(demo: None) -> None:
    from twinning.press.models import Article

    article = Article.objects.filter(is_public=True).exclude(title="").first()
    assert article is not None
    word = max(backends.words(article.title), key=len)
    assert article in [h.obj for h in site_search(word, user=None).articles]
    Article.objects.filter(pk=article.pk).update(is_public=False)
    assert article not in [h.obj for h in site_search(word, user=None).articles]


def test_one_pass_ranks_every_kind(demo: None) -> None:
    found = backends.search_kinds("Krefeld", kinds=["activity", "article", "programme", "organization"], limit=3)
    assert set(found) <= {"activity", "article", "programme", "organization"}
    assert all(len(rows) <= 3 for rows in found.values())
    assert found.get("activity") == backends.search("Krefeld", kind="activity", limit=3)
