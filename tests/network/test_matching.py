import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from twinning.network.graph import build_graph
from twinning.network.matching import MatchContext, PlaceFacts, population_similarity, rank, score_pair


def facts(pk, name, country, population, lat, lon, **extra):
    return PlaceFacts(pk, pk * 10, name, country, population, lat, lon, **extra)


KREFELD = facts(1, "Krefeld", "DE", 238_000, 51.33, 6.56, topics=frozenset({"water"}), sdgs=frozenset({6}))
LEICESTER = facts(2, "Leicester", "GB", 330_000, 52.63, -1.13)
VENLO = facts(3, "Venlo", "NL", 100_000, 51.37, 6.17)
CHARLOTTE = facts(4, "Charlotte", "US", 870_000, 35.22, -80.84, topics=frozenset({"water"}))
NOTTINGHAM = facts(5, "Nottingham", "GB", 320_000, 52.95, -1.15)
TINY = facts(6, "Tiny", "FR", 300, 48.8, 2.3)


def test_population_similarity():
    assert population_similarity(100_000, 100_000) == 1.0
    assert population_similarity(100_000, 1_000) == 0.0
    assert 0.4 < population_similarity(238_000, 70_000) < 0.8
    assert population_similarity(0, 5) == 0.0


def test_score_parts_and_shared_partners_dominate():
    plain, _ = score_pair(KREFELD, TINY)
    tied, parts = score_pair(KREFELD, NOTTINGHAM, common_partners=2)
    assert parts["common"] == pytest.approx(22.5)
    assert tied > plain
    _topical, parts = score_pair(KREFELD, CHARLOTTE)
    assert "topics" in parts


def test_rank_partner_mode_excludes_partners_and_explains():
    # Krefeld–Leicester, Krefeld–Venlo; Leicester–Nottingham, Venlo–Nottingham: Nottingham shares two partners.
    graph = build_graph(
        [(1, 2, 10, "twinning"), (1, 3, 11, "twinning"), (2, 5, 12, "twinning"), (3, 5, 13, "twinning")]
    )
    graph.add_nodes_from([4, 6])
    context = MatchContext.build(
        graph, {f.place_id: f for f in (KREFELD, LEICESTER, VENLO, CHARLOTTE, NOTTINGHAM, TINY)}, {"water": "Water"}
    )
    ranked = rank(context, KREFELD, mode="partner", limit=10)
    ids = [item.facts.place_id for item in ranked]
    assert ids[0] == 5 and set(ids) == {4, 5, 6}
    assert ranked[0].reasons[0] == "2 shared partners: Leicester, Venlo"
    assert any(r.startswith("similar size") for r in ranked[0].reasons)
    assert any(r == "shared topic: Water" for r in ranked[[i for i in ids].index(4)].reasons)
    peers = [item.facts.place_id for item in rank(context, KREFELD, mode="peer", limit=10)]
    assert {2, 3} <= set(peers) and 1 not in peers
    assert [i.facts.place_id for i in rank(context, KREFELD, topic="water")] == [4]
    assert [i.facts.place_id for i in rank(context, KREFELD, country="GB", mode="peer")] == [5, 2]


@pytest.mark.django_db
def test_match_command_on_demo_world(gazetteer):
    call_command("demo", stdout=StringIO())
    out = StringIO()
    call_command("match", "Krefeld", "--mode", "peer", "--json", "--limit", "5", stdout=out)
    results = json.loads(out.getvalue())
    assert 1 <= len(results) <= 5
    assert set(results[0]) == {"place", "score", "reasons"}
    assert set(results[0]["place"]) == {"geonameid", "name", "country"}
    assert results == sorted(results, key=lambda r: -r["score"])
    assert all(r["reasons"] for r in results)
    assert all(r["place"]["name"] != "Krefeld" for r in results)
    out = StringIO()
    call_command("match", "Krefeld", "--json", stdout=out)
    partner_names = {r["place"]["name"] for r in json.loads(out.getvalue())}
    assert not partner_names & {"Charlotte", "Leicester", "Venlo", "Krefeld"}
    with pytest.raises(CommandError, match="no place called"):
        call_command("match", "Xyzzyqq", stdout=StringIO())
    with pytest.raises(CommandError, match="no topic"):
        call_command("match", "Krefeld", "--topic", "nope", stdout=StringIO())
