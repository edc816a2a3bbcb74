"""The SPARQL JSON result of the P190 query: import_twins --format wikidata-json on recorded results,
and import_wikidata against a local HTTP endpoint serving them (and a closed port)."""

from __future__ import annotations

import json
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from twinning.core.models import Citation
from twinning.partnerships.models import Partnership
from twinning.places.models import Place

DATA = Path(__file__).parent / "data"
RESULT = DATA / "sparql_p190_krefeld_darmstadt.json"
KREFELD, CHARLOTTE, DUNKIRK, LEICESTER = 2884509, 4460243, 3020686, 2644668
DARMSTADT, SAN_ANTONIO = 2938913, 4726206
QIDS = {KREFELD: "Q2805", CHARLOTTE: "Q16565", DUNKIRK: "Q45797", LEICESTER: "Q83065", DARMSTADT: "Q2973"}


@pytest.fixture(autouse=True)
def english():
    """Messages in English here (the German catalogue translates some of them)."""
    with translation.override("en"):
        yield


def run(command, *args):
    out = StringIO()
    call_command(command, *map(str, args), "--json", "-v0", stdout=out)
    return json.loads(out.getvalue())


def partnership(a: int, b: int) -> Partnership:
    return Partnership.objects.filter(places__geonameid=a).get(places__geonameid=b)


@pytest.mark.django_db
def test_import_sparql_json(gazetteer_index, tmp_path):
    report = run("import_twins", RESULT, "--format", "wikidata-json", "--review", tmp_path / "review.csv")
    assert report["rows"] == 5
    assert report["linked"] == 5
    assert report["partnerships_created"] == 4
    assert report["repeated"] == 1  # Charlotte–Krefeld is Krefeld–Charlotte stated the other way round
    assert report["unresolved"] == 0 and report["ambiguous"] == 0
    for geonameid, qid in QIDS.items():
        assert Place.objects.get(geonameid=geonameid).wikidata_qid == qid
    charlotte = partnership(KREFELD, CHARLOTTE)
    assert (charlotte.since.iso(), charlotte.established_precision) == ("1986-05-23", "day")
    dunkirk = partnership(KREFELD, DUNKIRK)
    assert (dunkirk.since.iso(), dunkirk.established_precision) == ("1974", "year")
    assert partnership(KREFELD, LEICESTER).since.iso() == "1969"  # Leicester linked without a GeoNames id
    assert partnership(DARMSTADT, SAN_ANTONIO).since.iso() == "1983"
    cited = Citation.objects.filter(source__key="dataset:sparql_p190_krefeld_darmstadt")
    assert cited.count() == 4


@pytest.mark.django_db
def test_sparql_pairs_merge_with_the_demo_world(gazetteer_index, tmp_path):
    call_command("demo", verbosity=0)
    before = Partnership.objects.count()
    report = run("import_twins", RESULT, "--review", tmp_path / "review.csv")  # format from the .json suffix
    assert report["partnerships_created"] == 0
    assert report["merged"] == 4
    assert Partnership.objects.count() == before
    sources = set(
        Citation.objects.filter(
            object_id=partnership(KREFELD, CHARLOTTE).pk, content_type__model="partnership"
        ).values_list("source__key", flat=True)
    )
    # The seeds cited by the demo world and the recorded result: one partnership, several sources.
    assert "dataset:sparql_p190_krefeld_darmstadt" in sources and len(sources) >= 2
    # The demo's month precision (May 1986) is kept, not overwritten by the import.
    assert partnership(KREFELD, CHARLOTTE).since.iso() == "1986-05"


@pytest.mark.django_db
def test_sparql_dry_run_writes_nothing(gazetteer_index, tmp_path):
    report = run("import_twins", RESULT, "--dry-run", "--review", tmp_path / "review.csv")
    assert report["linked"] == 5 and report["dry_run"] is True
    assert not Partnership.objects.exists()
    assert not Place.objects.filter(wikidata_qid__isnull=False).exists()


@pytest.mark.django_db
def test_bad_sparql_files(gazetteer_index, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"head": {}, "results": {}}', encoding="utf-8")
    with pytest.raises(CommandError, match="not a SPARQL JSON result"):
        run("import_twins", broken)
    data = json.loads(RESULT.read_text(encoding="utf-8"))
    del data["results"]["bindings"][2]["partner"]
    lacking = tmp_path / "lacking.json"
    lacking.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match=r"lacking.json binding 3: a binding lacks \?city or \?partner"):
        run("import_twins", lacking)
    assert not Partnership.objects.exists()


class Endpoint(BaseHTTPRequestHandler):
    """A SPARQL endpoint that answers every query with the recorded result and remembers the request."""

    requests: list[dict] = []
    status = 200

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        type(self).requests.append({"query": form["query"][0], "agent": self.headers.get("User-Agent", "")})
        body = RESULT.read_bytes() if self.status == 200 else b"busy"
        self.send_response(self.status)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def endpoint():
    Endpoint.requests = []
    Endpoint.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.django_db
def test_import_wikidata_from_an_endpoint(gazetteer_index, endpoint, tmp_path):
    saved = tmp_path / "result.json"
    args = ("--endpoint", endpoint, "--country", "Q183", "--limit", "50", "--save", saved)
    report = run("import_wikidata", *args, "--review", tmp_path / "review.csv")
    (request,) = Endpoint.requests
    assert "?city wdt:P17 wd:Q183 ." in request["query"] and "LIMIT 50" in request["query"]
    assert "ps:P190" in request["query"] and "pq:P580" in request["query"]
    assert request["agent"].startswith("Twinning/")
    assert report["rows"] == 5 and report["partnerships_created"] == 4
    assert json.loads(saved.read_text(encoding="utf-8")) == json.loads(RESULT.read_text(encoding="utf-8"))
    charlotte = partnership(KREFELD, CHARLOTTE)
    assert Citation.objects.filter(source__key="dataset:wikidata_sparql_p190", object_id=charlotte.pk).exists()


@pytest.mark.django_db
def test_import_wikidata_dry_run(gazetteer_index, endpoint, tmp_path):
    report = run("import_wikidata", "--endpoint", endpoint, "--dry-run", "--review", tmp_path / "review.csv")
    assert report["linked"] == 5 and not Partnership.objects.exists()
    assert "LIMIT" not in Endpoint.requests[0]["query"]


@pytest.mark.django_db
def test_import_wikidata_endpoint_failures(gazetteer_index, endpoint):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"
    with pytest.raises(CommandError, match=r"import_wikidata: cannot reach the SPARQL endpoint http://127\.0\.0\.1"):
        run("import_wikidata", "--endpoint", closed, "--timeout", "5")
    Endpoint.status = 503
    with pytest.raises(CommandError, match="answered HTTP 503"):
        run("import_wikidata", "--endpoint", endpoint)
    with pytest.raises(CommandError, match="Wikidata id such as Q183"):
        run("import_wikidata", "--endpoint", endpoint, "--country", "DE")
    with pytest.raises(CommandError, match="http"):
        run("import_wikidata", "--endpoint", "file:///etc/passwd")
    assert not Partnership.objects.exists()
