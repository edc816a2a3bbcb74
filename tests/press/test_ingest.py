"""`twinning ingest` on the five seed pages: the archive, the suggestions, idempotence, bad files."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.conftest import SEEDS
from twinning.press.models import Article
from twinning.review.models import Suggestion

pytestmark = pytest.mark.django_db


def ingest(*paths, **options):
    out, err = StringIO(), StringIO()
    try:
        with translation.override("en"):
            call_command("ingest", *map(str, paths), stdout=out, stderr=err, **options)
    except CommandError as error:
        return False, out.getvalue(), err.getvalue() + str(error)
    return True, out.getvalue(), err.getvalue()


def test_ingest_the_seeds_fills_the_archive_and_the_queue(gazetteer_index):
    ok, out, err = ingest(SEEDS)
    assert ok, err
    assert Article.objects.count() == 5
    assert "5 files: 5 new articles, 0 unchanged, 0 failed" in out
    titles = set(Article.objects.values_list("title", flat=True))
    assert "Oberbürgermeister reist zu Partnerschafts-Konferenz in Washington" in titles
    assert "NRW-Kommunen diskutieren über die Zukunft von Städtepartnerschaften" in titles
    dates = {a.title: a.published.isoformat() for a in Article.objects.all() if a.published}
    assert dates["Oberbürgermeister reist zu Partnerschafts-Konferenz in Washington"] == "2022-10-14"
    assert dates["NRW-Kommunen diskutieren über die Zukunft von Städtepartnerschaften"] == "2015-12-10"
    assert {"2023-03-20", "2022-10-21"} <= set(dates.values())
    for article in Article.objects.all():
        assert len(article.content_hash) == 64
        assert article.source.kind == "article"
        assert article.body and "Inhaltsbereich" not in article.body[:20]
    suggestions = list(Suggestion.objects.select_related("article"))
    assert len(suggestions) > 20
    assert {s.kind for s in suggestions} >= {"place", "partnership", "person", "organization", "activity"}
    for suggestion in suggestions:
        assert suggestion.status == "pending"
        for start, end in suggestion.spans:
            assert 0 <= start < end <= len(suggestion.article.body)
        assert suggestion.span == tuple(suggestion.spans[0]) if suggestion.spans else suggestion.span is None
    washington = Article.objects.get(title__startswith="Oberbürgermeister reist")
    partnership = Suggestion.objects.filter(article=washington, kind="partnership")
    assert any({s.data["a"]["name"], s.data["b"]["name"]} == {"Krefeld", "Charlotte"} for s in partnership)
    people = Suggestion.objects.filter(article=washington, kind="person")
    meyer = [s for s in people if s.data["name"] == "Frank Meyer"]
    assert meyer and meyer[0].data["role"] == "Oberbürgermeister"
    span = meyer[0].span
    assert "Frank Meyer" in washington.body[span[0] : span[1]]


def test_ingesting_again_adds_nothing(gazetteer_index, tmp_path):
    assert ingest(SEEDS)[0]
    articles, suggestions = Article.objects.count(), Suggestion.objects.count()
    # The same content with other line endings and trailing blanks is the same release.
    seed = sorted(SEEDS.glob("*.txt"))[1]
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed.read_bytes().replace(b"\n", b"\r\n") + b"\n\n  ")
    ok, out, err = ingest(SEEDS, copy)
    assert ok, err
    assert "6 files: 0 new articles, 6 unchanged, 0 failed, 0 suggestions" in out
    assert "unchanged" in out
    assert (Article.objects.count(), Suggestion.objects.count()) == (articles, suggestions)


def test_a_bad_file_is_reported_and_skipped(gazetteer_index, tmp_path):
    good = sorted(SEEDS.glob("*.txt"))[:2]
    for path in good:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    ok, _out, err = ingest(tmp_path)
    assert not ok
    assert "empty.txt" in err and "binary.txt" in err
    assert "4 files: 2 new articles, 0 unchanged, 2 failed" in err
    assert Article.objects.count() == 2


def test_a_file_over_the_limit_is_refused(gazetteer_index, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Krefeld und Charlotte. " * 100)
    ok, _out, err = ingest(big, max_bytes=1000)
    assert not ok
    assert "big.txt" in err and "more than the limit of 1000" in err
    assert Article.objects.count() == 0


def test_html_is_stored_sanitized(gazetteer_index, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Stadt</title><script>alert('x')</script></head><body>"
        '<h1>Besuch aus Dünkirchen in Krefeld</h1><p onclick="steal()">Eine Delegation aus der '
        "Partnerstadt Dünkirchen besuchte am Montag, 17. Oktober 2022 Krefeld.</p>"
        '<a href="javascript:evil()">x</a></body></html>',
        encoding="utf-8",
    )
    ok, _out, err = ingest(page)
    assert ok, err
    article = Article.objects.get()
    assert article.title == "Besuch aus Dünkirchen in Krefeld"
    assert "<script" not in article.raw and "alert(" not in article.raw
    assert "onclick" not in article.raw and "javascript:" not in article.raw
    assert "Partnerstadt Dünkirchen" in article.raw
    assert "<script" not in article.body


def test_published_and_publisher_options(gazetteer_index, tmp_path):
    page = tmp_path / "note.txt"
    page.write_text(
        "Partnerschaftstreffen in Krefeld\n\nDie Partnerstadt Venlo schickte eine Delegation nach Krefeld.\n"
    )
    ok, _out, err = ingest(page, published="2024-05-02", publisher="Krefeld")
    assert ok, err
    article = Article.objects.get()
    assert article.published.isoformat() == "2024-05-02"
    assert article.publisher_place.name == "Krefeld"
    ok, _out, err = ingest(page, publisher="Nowhere-upon-Nothing")
    assert not ok and "--publisher" in err
    ok, _out, err = ingest(page, published="02.05.2024")
    assert not ok and "--published" in err


def test_ingesting_the_seeds_after_the_demo_world_archives_no_release_twice(gazetteer_index):
    with translation.override("en"):
        call_command("demo", stdout=StringIO())
    demo_articles = Article.objects.count()
    washington = Article.objects.get(title="Oberbürgermeister reist zu Partnerschafts-Konferenz in Washington")
    assert washington.content_hash is None
    ok, out, err = ingest(SEEDS)
    assert ok, err
    assert "5 files: 0 new articles, 0 unchanged, 0 failed" in out
    assert "5 already archived without their text" in out
    washington.refresh_from_db()
    assert washington.content_hash and "Inhaltsbereich" not in washington.body
    assert washington.source.key == "seed:001_e006de778fe042da.txt"  # the demo's citations stay valid
    assert Suggestion.objects.filter(article=washington).exists()
    # The four dated seed pages are matched by title and date and adopted; the undated partner-city
    # page (002) is the only archived article of its title and is adopted too: nothing new.
    adopted = Article.objects.filter(source__key__startswith="seed:", content_hash__isnull=False)
    assert adopted.count() == 5
    assert Article.objects.count() == demo_articles
    assert Article.objects.filter(title=washington.title).count() == 1


def test_after_the_demo_world_the_seeds_propose_nothing_twice_and_nothing_known_as_new(gazetteer_index):
    from twinning.core.services import Actor
    from twinning.directory.models import Organization
    from twinning.press.selectors import article_list
    from twinning.review.selectors import suggestion_match
    from twinning.review.services import suggestion_accept

    with translation.override("en"):
        call_command("demo", stdout=StringIO())
    news = article_list().count()
    organizations = Organization.objects.count()
    ok, _out, err = ingest(SEEDS)
    assert ok, err
    assert article_list().count() == news  # nothing new on the portal
    pending = list(Suggestion.objects.filter(status="pending").select_related("article"))
    assert pending
    matched: dict[tuple[int, str, int], Suggestion] = {}
    for suggestion in pending:
        record = suggestion_match(suggestion)
        if record is not None:
            key = (suggestion.article_id, suggestion.kind, record.pk)
            assert key not in matched, f"{suggestion} and {matched[key]} both mean {record}"
            matched[key] = suggestion
    labels = [(s.article_id, s.kind, s.label) for s in pending]
    for name in ("Engagement Global", "Frank Meyer, Oberbürgermeister"):
        per_article = [article for article, _kind, label in labels if label == name]
        assert per_article and len(per_article) == len(set(per_article)), name
        assert all(suggestion_match(s) is not None for s in pending if s.label == name)
    assert not [s for s in pending if s.kind == "organization" and s.data["name"] == "Pixabay"]
    activities = [s for s in pending if s.kind == "activity"]
    assert activities and all(s.data["start"] and not s.data["title"].endswith(".") for s in activities)
    assert not [s for s in pending if s.kind == "contact" and "1sp4m" in s.label]
    staatskanzlei = next(s for s in pending if s.kind == "organization" and "Staatskanzlei" in s.data["name"])
    decided = suggestion_accept(suggestion=staatskanzlei, actor=Actor(via="test"))
    assert decided.record.short_name == "Staatskanzlei NRW"
    assert Organization.objects.count() == organizations
