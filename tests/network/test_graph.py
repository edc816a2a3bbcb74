import itertools
import json
from io import StringIO

import networkx as nx
import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command

from twinning.core.invalidation import GENERATION_KEY
from twinning.core.services import Actor
from twinning.imports.linking import PlaceRef
from twinning.imports.readers import PairRow
from twinning.imports.services import SourceSpec, twins_import
from twinning.network.graph import build_graph, get_graph, graph_stats, partners_within, shortest_path


def chain_graph():
    # 1-2-3-4 and a triangle 5-6-7 apart; 2-8 a spur
    return build_graph(
        [
            (1, 2, 10, "twinning"),
            (2, 3, 11, "twinning"),
            (3, 4, 12, "twinning"),
            (2, 8, 13, "twinning"),
            (5, 6, 14, "twinning"),
            (6, 7, 15, "twinning"),
            (5, 7, 16, "twinning"),
        ]
    )


def test_partners_within_depth():
    graph = chain_graph()
    assert partners_within(graph, 1, 1) == {2: 1}
    assert partners_within(graph, 1, 2) == {2: 1, 3: 2, 8: 2}
    assert partners_within(graph, 99, 2) == {}


def test_shortest_path_and_disconnected():
    graph = chain_graph()
    assert shortest_path(graph, 1, 4) == [1, 2, 3, 4]
    assert shortest_path(graph, 1, 5) is None


def test_stats_components_degree_communities():
    stats = graph_stats(chain_graph(), top=2)
    assert (stats["nodes"], stats["edges"], stats["components"], stats["largest_component"]) == (8, 7, 2, 5)
    assert stats["top_degree"][0] == (2, 3)
    assert stats["top_betweenness"][0][0] == 2
    assert stats["betweenness_exact"]
    assert sorted(map(sorted, stats["communities"]))[-1] == [5, 6, 7]
    exact = nx.betweenness_centrality(chain_graph())
    assert dict(graph_stats(chain_graph(), top=8)["top_betweenness"]) == pytest.approx(exact)


PAIRS = [
    ("Krefeld", "DE", "Leicester", "GB"),
    ("Leicester", "GB", "Chennai", "IN"),
    ("Chennai", "IN", "San Antonio", "US"),
    ("Krefeld", "DE", "Venlo", "NL"),
]


def small_network_import():
    rows = [
        PairRow(number=i, a=PlaceRef(name=a, country=ca), b=PlaceRef(name=b, country=cb), note=f"row {i}")
        for i, (a, ca, b, cb) in enumerate(PAIRS, start=1)
    ]
    report = twins_import(rows=rows, source=SourceSpec(key="dataset:test", title="test"), actor=Actor(via="test"))
    assert report.linked == 4


@pytest.fixture
def small_network(gazetteer_index):
    small_network_import()


def graph_command(*args):
    out = StringIO()
    call_command("graph", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_graph_follows_the_database(gazetteer_index, django_capture_on_commit_callbacks, django_assert_num_queries):
    # Each import commits (simulated: its on-commit hooks run), as two imports from the command line would.
    with django_capture_on_commit_callbacks(execute=True):
        small_network_import()
    graph = get_graph()
    assert graph.number_of_edges() == 4
    with django_assert_num_queries(0):  # nothing changed: the same graph, and no query to find that out
        assert get_graph() is graph
    rows = [
        PairRow(number=1, a=PlaceRef(name="Venlo", country="NL"), b=PlaceRef(name="Chennai", country="IN"), note="r")
    ]
    with django_capture_on_commit_callbacks(execute=True) as hooks:
        twins_import(rows=rows, source=SourceSpec(key="dataset:test2", title="t"), actor=Actor(via="test"))
    assert len(hooks) >= 1  # the second commit in the test's transaction announces its change too
    assert get_graph().number_of_edges() == 5


@pytest.mark.django_db
def test_graph_rebuilds_when_another_process_moved_the_generation(small_network):
    graph = get_graph()
    # Another process's commit: the shared generation moves on, this process's hook never ran.
    caches["derived"].incr(GENERATION_KEY)
    rows = [
        PairRow(number=1, a=PlaceRef(name="Venlo", country="NL"), b=PlaceRef(name="Leicester", country="GB"), note="r")
    ]
    twins_import(rows=rows, source=SourceSpec(key="dataset:test3", title="t"), actor=Actor(via="test"))
    rebuilt = get_graph()
    assert rebuilt is not graph and rebuilt.number_of_edges() == 5


@pytest.mark.django_db
def test_graph_path_command_returns_a_chain_of_partnerships(small_network):
    steps = json.loads(graph_command("path", "Krefeld", "San Antonio", "--json"))
    assert [s["geonameid"] for s in steps] == [2884509, 2644668, 1264527, 4726206]
    graph = get_graph()
    for previous, step in itertools.pairwise(steps):
        assert graph.edges[previous["place_id"], step["place_id"]]["partnership"] == step["partnership"]


@pytest.mark.django_db
def test_graph_partners_and_stats_commands(small_network):
    data = json.loads(graph_command("partners", "Krefeld", "--json"))
    assert {(p["name"], p["distance"]) for p in data["partners"]} == {("Leicester", 1), ("Venlo", 1), ("Chennai", 2)}
    stats = json.loads(graph_command("stats", "--json"))
    assert stats["nodes"] == 5 and stats["edges"] == 4 and stats["components"] == 1
    assert stats["top_degree"][0]["degree"] == 2
    de = json.loads(graph_command("stats", "--country", "DE", "--json"))
    assert de["nodes"] == 3 and de["edges"] == 2


@pytest.mark.django_db
def test_graph_command_errors(small_network):
    with pytest.raises(CommandError, match="Qqqzzzxx"):
        graph_command("partners", "Qqqzzzxx")
    with pytest.raises(CommandError, match="not connected"):
        graph_command("path", "Krefeld", "Paris")
    with pytest.raises(CommandError, match="depth"):
        graph_command("partners", "Krefeld", "--depth", "9")
