"""`twinning extract` and `twinning evaluate`: output, and a clear error for every bad input."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from .conftest import GOLD, SEEDS


@pytest.fixture(autouse=True)
def _geonames_index(geonames_index, monkeypatch):
    """The commands use the process-wide index; here it is the GeoNames one, without a database."""
    monkeypatch.setattr("twinning.extraction.pipeline._default_index", lambda: geonames_index)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
def test_extract_json_on_seed():
    result = json.loads(run("extract", str(SEEDS / "001_e006de778fe042da.txt"), "--json"))
    assert set(result) == {"text", "language", "published", "places", "partnerships", "people",
                           "organizations", "events", "topics", "contacts"}  # fmt: skip
    assert "Krefeld" in {p["name"] for p in result["places"]}


def test_extract_text_output_and_options(tmp_path):
    path = tmp_path / "release.txt"
    path.write_text("Eine Delegation aus der Partnerstadt Venlo kommt am 5. Mai.", encoding="utf-8")
    output = run("extract", str(path), "--published", "2024-01-10", "--publisher", "Krefeld")
    assert "Krefeld – Venlo" in output
    assert "2024-05-05" in output


def test_extract_stdin(monkeypatch):
    class Stdin:
        buffer = io.BytesIO(b"Besuch aus Venlo")

    monkeypatch.setattr("sys.stdin", Stdin())
    assert "Venlo" in run("extract", "-")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
        ("Köln ".encode() + "Düsseldorf".encode("cp1252"), "mixed"),
    ],
)
def test_extract_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message) as error:
        run("extract", str(path))
    assert str(path) in str(error.value)


def test_extract_too_large(tmp_path, settings):
    settings.TWINNING_MAX_INPUT_BYTES = 100
    path = tmp_path / "big.txt"
    path.write_text("Krefeld " * 50, encoding="utf-8")
    with pytest.raises(CommandError, match="more than the limit of 100"):
        run("extract", str(path))


def test_extract_missing_file_and_bad_date(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("extract", str(tmp_path / "missing.txt"))
    path = tmp_path / "ok.txt"
    path.write_text("Text", encoding="utf-8")
    with pytest.raises(CommandError, match="not a date"):
        run("extract", str(path), "--published", "gestern")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
def test_evaluate_on_gold(tmp_path):
    payload = json.loads(run("evaluate", str(GOLD), "--seeds", str(SEEDS), "--json"))
    assert all(payload["targets_met"].values()), payload
    # Gold against itself is perfect.
    pred = tmp_path / "pred"
    pred.mkdir()
    for path in GOLD.glob("*.json"):
        (pred / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    table = run("evaluate", str(GOLD), "--pred", str(pred))
    assert "BELOW" not in table


def test_evaluate_bad_dir(tmp_path):
    with pytest.raises(CommandError, match="not a directory"):
        run("evaluate", str(tmp_path / "nope"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
def test_extract_many_paths_jsonl(tmp_path):
    extra = tmp_path / "release.txt"
    extra.write_text("Eine Delegation aus der Partnerstadt Venlo kommt am 5. Mai.", encoding="utf-8")
    lines = run("extract", str(SEEDS), str(extra), "--jsonl").splitlines()
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(lines) == len(seeds) + 1
    results = [json.loads(line) for line in lines]
    assert [r["source"] for r in results] == [*map(str, seeds), str(extra)]
    assert "Venlo" in {p["name"] for p in results[-1]["places"]}


def test_extract_many_paths_refuses_a_missing_one_before_any_output(tmp_path):
    present = tmp_path / "a.txt"
    present.write_text("Besuch aus Venlo", encoding="utf-8")
    with pytest.raises(CommandError, match=r"missing\.txt: no such file"):
        run("extract", str(present), str(tmp_path / "missing.txt"), "--jsonl")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CommandError, match=r"no \.txt or \.html files"):
        run("extract", str(tmp_path / "empty"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed texts not available")
def test_evaluate_splits_report_each_split():
    payload = json.loads(run("evaluate", "--split", "seeds", "--json"))
    assert set(payload) == {"seeds"}
    assert payload["seeds"]["documents"] == 5
    assert all(payload["seeds"]["targets_met"].values()), payload


def test_split_lists_ids_only_and_keeps_dev_and_test_apart():
    from twinning.extraction.evaluation import split_ids

    split = split_ids()
    assert split["dev"] and split["test"]
    assert not set(split["dev"]) & set(split["test"])
