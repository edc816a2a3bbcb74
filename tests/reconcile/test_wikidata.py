"""`twinning reconcile wikidata` on the recorded 2016 files: the four kinds of difference, the
proposals in the review queue, the report and the QuickStatements for pairs we can source."""

from __future__ import annotations

import csv
import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from twinning.core.dates import PartialDate
from twinning.core.services import Actor
from twinning.partnerships.models import Partnership
from twinning.press.models import Article
from twinning.reconcile import selectors
from twinning.reconcile.compare import DATE_DIFFERS, MISSING_HERE, MISSING_THERE, ONE_SIDED, reconcile
from twinning.reconcile.services import proposals, proposals_queue, quickstatements
from twinning.reconcile.wikidata import from_tsv, pair
from twinning.review.models import Suggestion
from twinning.review.services import suggestion_accept

from .conftest import CHARLOTTE, DUNKIRK, KREFELD, LEICESTER, LEIDEN, NAMES, RELATIONS, relations_subset

pytestmark = pytest.mark.django_db
ACTOR = Actor(via="test")


@pytest.fixture
def compared(registry: None, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Wikidata as recorded for the three cities, less Krefeld–Charlotte (both directions: Wikidata
    lacks a pair we source) and less Krefeld's statement of Leicester (one-sided)."""
    path = relations_subset(
        tmp_path / "compared.tsv", without={(KREFELD, CHARLOTTE), (CHARLOTTE, KREFELD), (KREFELD, LEICESTER)}
    )
    statements = from_tsv(names=NAMES, relations=path)
    return statements, reconcile(
        statements=statements, places=selectors.places_by_pk(), partnerships=selectors.partnerships()
    )


def kinds_of(result, qids):  # type: ignore[no-untyped-def]
    return {d.kind for d in result.differences if set(d.qids) == set(qids)}


def test_the_four_differences(compared) -> None:  # type: ignore[no-untyped-def]
    statements, result = compared
    assert kinds_of(result, (KREFELD, CHARLOTTE)) == {MISSING_THERE}
    assert kinds_of(result, (KREFELD, LEIDEN)) == {MISSING_HERE}
    assert kinds_of(result, (KREFELD, LEICESTER)) == {ONE_SIDED}
    one_sided = next(d for d in result.of(ONE_SIDED) if set(d.qids) == {KREFELD, LEICESTER})
    assert one_sided.qids == (LEICESTER, KREFELD)  # Leicester states it, Krefeld does not
    # Every one-sided statement of the file is found, and nothing else.
    assert {d.qids for d in result.of(ONE_SIDED)} == statements.one_sided()
    assert result.counts()[DATE_DIFFERS] == 0  # the recorded files carry no start dates
    # Partnerships imported from Wikidata itself are never "missing there".
    assert all(not d.partnership.from_wikidata for d in result.of(MISSING_THERE))


def test_start_dates_that_differ_at_the_precision_both_have(compared) -> None:  # type: ignore[no-untyped-def]
    statements, _result = compared
    places, partnerships = selectors.places_by_pk(), selectors.partnerships()
    statements.starts[pair(KREFELD, DUNKIRK)] = PartialDate(dt.date(1974, 6, 1), "day")  # ours: 1974 (year)
    assert (
        kinds_of(reconcile(statements=statements, places=places, partnerships=partnerships), (KREFELD, DUNKIRK))
        == set()
    )
    statements.starts[pair(KREFELD, DUNKIRK)] = PartialDate(dt.date(1975, 1, 1), "year")
    differing = reconcile(statements=statements, places=places, partnerships=partnerships)
    difference = next(d for d in differing.of(DATE_DIFFERS) if set(d.qids) == {KREFELD, DUNKIRK})
    assert (difference.ours.iso(), difference.theirs.iso()) == ("1974", "1975")
    assert any(p.established == "1975" for p in proposals(differing))


def test_quickstatements_only_for_pairs_we_can_source(compared) -> None:  # type: ignore[no-untyped-def]
    _statements, result = compared
    lines = quickstatements(result)
    rp = '"http://www.pressreader.com/germany/rheinische-post-krefeld-kempen/20201022/281878710862053"'
    assert f"{KREFELD}\tP190\t{CHARLOTTE}\tP580\t+1986-05-00T00:00:00Z/10\tS854\t{rp}" in lines
    assert f"{CHARLOTTE}\tP190\t{KREFELD}\tP580\t+1986-05-00T00:00:00Z/10\tS854\t{rp}" in lines
    villa = '"https://villamerlaender.de/emma-kapitel11/"'
    assert f"{KREFELD}\tP190\t{LEICESTER}\tP580\t+1969-00-00T00:00:00Z/9\tS854\t{villa}" in lines
    # Only web sources: nothing cites the datasets we imported (Wikidata, the Wikipedia list).
    assert all("github.com" not in line and "wikidata.org" not in line for line in lines)
    assert len(lines) == 3


def test_proposals_go_to_the_review_queue_once_and_stay_off_the_portal(compared) -> None:  # type: ignore[no-untyped-def]
    _statements, result = compared
    items = proposals(result)
    leiden = next(i for i in items if set(i.extracted["qids"]) == {KREFELD, LEIDEN})
    assert {leiden.a["geonameid"], leiden.b["geonameid"]} == {2884509, 2751773}
    article, queued = proposals_queue(items=items, source="test", title="Abgleich", url="", actor=ACTOR)
    assert article is not None and queued == len(items) >= 1
    assert not article.is_public
    assert proposals_queue(items=items, source="test", title="Abgleich", url="", actor=ACTOR) == (article, 0)
    suggestion = next(s for s in Suggestion.objects.filter(article=article) if "Leiden" in s.label)
    assert article.body[suggestion.span_start : suggestion.span_end].startswith("Wikidata nennt")
    accepted = suggestion_accept(suggestion=suggestion, actor=ACTOR)
    partnership = accepted.record
    assert isinstance(partnership, Partnership)
    assert {p.name for p in partnership.places.all()} == {"Krefeld", "Leiden"}
    article.refresh_from_db()
    assert not article.is_public  # a report is not news, whatever is accepted from it
    assert not Article.objects.filter(pk=article.pk, is_public=True).exists()


def test_command_on_the_full_recorded_files_prints_four_counts_and_writes_files(registry: None, tmp_path: Path) -> None:
    out = StringIO()
    call_command(
        "reconcile", "wikidata", "--relations", str(RELATIONS), "--names", str(NAMES),
        "--report", str(tmp_path / "report.csv"), "--quickstatements", str(tmp_path / "qs.txt"), "--json",
        stdout=out,
    )  # fmt: skip
    summary = json.loads(out.getvalue())
    counts = summary["counts"]
    assert set(counts) == {MISSING_THERE, MISSING_HERE, ONE_SIDED, DATE_DIFFERS}
    directed = {tuple(line.split("\t")) for line in RELATIONS.read_text(encoding="utf-8").splitlines()}
    assert counts[ONE_SIDED] == sum(1 for a, b in directed if (b, a) not in directed and a != b) == 624
    assert counts[MISSING_HERE] > 10_000  # the registry holds three cities' statements, Wikidata 17,401 pairs
    assert summary["queued"] >= 1  # Krefeld–Leiden
    with (tmp_path / "report.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(counts.values())
    text = StringIO()
    call_command(
        "reconcile", "wikidata", "--relations", str(RELATIONS), "--names", str(NAMES), "--no-queue",
        "--report", str(tmp_path / "r2.csv"), "--quickstatements", str(tmp_path / "q2.txt"),
        stdout=text,
    )  # fmt: skip
    assert "one-sided in Wikidata: 624" in text.getvalue()


def test_bad_input_names_the_problem(registry: None, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--relations and --names go together"):
        call_command("reconcile", "wikidata", "--relations", str(RELATIONS))
    with pytest.raises(CommandError, match="XX"):
        call_command("reconcile", "wikidata", "--relations", str(RELATIONS), "--names", str(NAMES), "--country", "XX")
    missing = tmp_path / "nothing.tsv"
    with pytest.raises(CommandError, match=r"nothing\.tsv"):
        call_command("reconcile", "wikidata", "--relations", str(missing), "--names", str(NAMES))


def test_an_archived_release_without_url_is_cited_by_its_public_page(compared, settings) -> None:  # type: ignore[no-untyped-def]
    """Darmstadt–San Antonio (missing from Wikidata in 2016) is sourced by the Darmstadt release the
    demo world archives without its original URL: on a public (https) portal its archive page is
    the reference."""
    statements, _result = compared
    statements.labels.setdefault("Q975", "San Antonio")
    statements.directed.add(("Q975", "Q11953"))  # Wikidata knows San Antonio (it has partners there)
    from twinning.places.models import Place

    Place.objects.filter(geonameid=4726206).update(wikidata_qid="Q975")
    base = "https://twinning.example.org"
    result = reconcile(
        statements=statements,
        places=selectors.places_by_pk(),
        partnerships=selectors.partnerships(archive_base=base),
    )
    lines = [line for line in quickstatements(result) if "Q2973" in line and "Q975" in line]
    article = Article.objects.get(source__key="seed:004_f3406078fd939795.txt")
    assert lines == [
        f'Q2973\tP190\tQ975\tS854\t"{base}/news/{article.slug}/"',
        f'Q975\tP190\tQ2973\tS854\t"{base}/news/{article.slug}/"',
    ]
    local = reconcile(statements=statements, places=selectors.places_by_pk(), partnerships=selectors.partnerships())
    assert not [line for line in quickstatements(local) if "Q2973" in line and "Q975" in line]
