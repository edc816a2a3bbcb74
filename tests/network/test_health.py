from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from twinning.network.health import DORMANT, LIVELY, NO_RECORDS, QUIET, Signal, health_score
from twinning.partnerships.models import Partnership

TODAY = date(2023, 6, 1)


def test_health_score_pure():
    nothing = health_score([], today=TODAY)
    assert nothing.status == NO_RECORDS and nothing.score is None  # no records: neutral, no score
    undated = health_score([Signal(None, "activity"), Signal(None, "news")], today=TODAY)
    assert undated.status == QUIET  # evidence without a date is not dormancy
    assert any("without a date" in r for r in undated.reasons)
    old_but_undated = health_score([Signal(date(2001, 1, 1), "activity"), Signal(None, "news")], today=TODAY)
    assert old_but_undated.status == QUIET
    old = [Signal(date(2017, 5, 1), "activity", frozenset({"culture"}))]
    old_health = health_score(old, today=TODAY)
    assert old_health.status == DORMANT and old_health.score == 0
    assert old_health.reasons[0] == "no dated activity or news in 5 years (last: 2017-05-01)"
    busy = [
        Signal(date(2023, 3, 1), "activity", frozenset({"economy", "administration"})),
        Signal(date(2022, 10, 1), "activity", frozenset({"schools"})),
        Signal(date(2021, 5, 1), "activity", frozenset({"culture"})),
        Signal(date(2022, 10, 2), "news", frozenset()),
    ]
    lively = health_score(busy, today=TODAY)
    assert lively.status == LIVELY and lively.score >= 50
    assert "2 activities in the last year" in lively.reasons
    assert lively.sectors == ["administration", "culture", "economy", "schools"]
    quiet = health_score([Signal(date(2019, 1, 1), "activity")], today=TODAY)
    assert quiet.status == QUIET and 0 < quiet.score < lively.score
    assert health_score(busy, today=date(2021, 1, 1)).score == 0  # the future does not count


def partnership(a, b):
    return Partnership.objects.filter(members__place__name=a).filter(members__place__name=b).get()


@pytest.mark.django_db
def test_health_on_demo_world(gazetteer):
    from twinning.network.health import partnership_health

    call_command("demo", stdout=StringIO())
    charlotte = partnership_health(partnership("Krefeld", "Charlotte"), today=TODAY)
    leicester = partnership_health(partnership("Krefeld", "Leicester"), today=TODAY)
    assert charlotte.status == LIVELY
    assert charlotte.counts["activities_3y"] >= 3
    assert {"administration", "economy"} <= set(charlotte.sectors)
    assert leicester.score < charlotte.score
    assert leicester.status in {QUIET, DORMANT}
    # Long after the dated activities Krefeld–Charlotte is no longer lively; its undated records
    # keep it quiet rather than dormant (they say something happened, not when).
    later = partnership_health(partnership("Krefeld", "Charlotte"), today=date(2030, 1, 1))
    assert later.status == (QUIET if later.counts["undated"] else DORMANT)


@pytest.mark.django_db
def test_a_page_gathers_the_same_evidence_as_the_overview(gazetteer):
    """A page gathers the signals of its own partnerships only; they must be those the whole
    registry's gathering (the overview's ranking) finds for them, including activities that
    involve every place of a partnership without being linked to it."""
    from twinning.network.health import gather, health_ranking, health_score, signals_for_partnerships

    call_command("demo", stdout=StringIO())
    everything = gather()
    assert everything, "the demo world records activities and news"
    ids = list(Partnership.objects.values_list("pk", flat=True))
    some = signals_for_partnerships(ids[: len(ids) // 2])
    for pk, found in some.items():
        assert found == everything.get(pk, []), pk
    ranking = health_ranking(today=TODAY)
    assert set(ranking) == set(everything)
    for pk, found in everything.items():
        health = health_score(found, today=TODAY)
        assert ranking[pk] == (health.status, health.score or 0)
