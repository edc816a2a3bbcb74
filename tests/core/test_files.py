"""The one input reader and the spreadsheet-safe CSV writer (twinning.core.files), on the real
twin-town CSV and on the bad files a municipality might send: Latin-1, UTF-16, binary, a huge field."""

import codecs
import csv

import pytest

from tests.conftest import TWINS
from twinning.core.errors import ValidationFailed
from twinning.core.files import MAX_CSV_FIELD, csv_cell, iter_csv, iter_lines, read_bytes, read_text, write_csv

REAL_CSV = TWINS / "wikipedia_twin_cities_2026_geocoded.csv"


def real_lines(count: int = 400) -> str:
    with open(REAL_CSV, encoding="utf-8") as handle:
        return "".join(next(handle) for _ in range(count))


def test_the_real_csv_is_read_as_utf8_row_by_row():
    rows = iter_csv(REAL_CSV)
    _zero, header = next(rows)
    assert list(header) == ["city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2"]
    line, first = next(rows)
    assert (line, first["city1"], first["city2"]) == (2, "Berat", "Amasya")
    assert sum(1 for _ in rows) == 25918 - 2


def test_latin1_is_refused_with_line_and_detected_encoding(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(real_lines().encode("latin-1", errors="replace"))
    with pytest.raises(ValidationFailed) as error:
        list(iter_lines(path))
    message = str(error.value)
    encoded = real_lines().encode("latin-1", errors="replace").splitlines()
    first_bad = next(i for i, line in enumerate(encoded, 1) if not line.isascii())
    assert f"latin1.csv line {first_bad}: not UTF-8" in message
    assert "--encoding" in message and "(detected)" in message


def test_latin1_reads_with_an_explicit_encoding(tmp_path):
    path = tmp_path / "latin1.csv"
    text = real_lines().encode("latin-1", errors="replace").decode("latin-1")
    path.write_bytes(text.encode("latin-1"))
    assert read_text(path, encoding="latin-1") == text
    assert "Bağcılar".encode("latin-1", errors="replace").decode("latin-1") in read_text(path, encoding="latin-1")


def test_utf16_is_refused_unless_named(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes(real_lines(50).encode("utf-16"))
    with pytest.raises(ValidationFailed, match=r"utf16.csv line 1: the file is UTF-16 .*--encoding utf-16"):
        read_text(path)
    assert read_text(path, encoding="utf-16") == real_lines(50)


def test_utf16_without_byte_order_mark_is_named(tmp_path):
    path = tmp_path / "utf16le.csv"
    path.write_bytes(real_lines(50).encode("utf-16-le"))
    with pytest.raises(ValidationFailed, match=r"utf16le.csv line 1: the file is utf-16-le .*--encoding utf-16-le"):
        read_text(path)


def test_binary_is_refused(tmp_path):
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(ValidationFailed, match=r"photo.csv line 1: the file contains NUL bytes.*binary"):
        read_text(path)
    noise = tmp_path / "noise.csv"
    noise.write_bytes(bytes(range(128, 256)) * 64)
    with pytest.raises(ValidationFailed, match=r"noise.csv line 1: not UTF-8.*"):
        read_text(noise)


def test_a_bad_byte_past_the_first_block_names_its_line(tmp_path):
    path = tmp_path / "late.csv"
    text = real_lines(3000)
    path.write_bytes(text.encode("utf-8") + "Münster,Germany,,,Orléans,France,,\n".encode("latin-1"))
    with pytest.raises(ValidationFailed, match=r"late.csv line 3001: not valid utf-8"):
        list(iter_lines(path))


def test_a_utf8_byte_order_mark_is_dropped(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + real_lines(3).encode("utf-8"))
    _zero, header = next(iter_csv(path))
    assert "city1" in header


def test_an_oversized_field_is_refused_with_its_line(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(real_lines(5) + 'Krefeld,Germany,,,"' + "x" * 200 * 1024 + '",Netherlands,,\n', encoding="utf-8")
    with pytest.raises(
        ValidationFailed, match=rf"huge.csv line 6: malformed CSV: a field is longer than {MAX_CSV_FIELD}"
    ):
        list(iter_csv(path))
    assert csv.field_size_limit() == 131072  # the process-wide limit is restored


def test_one_size_limit(tmp_path, settings):
    settings.TWINNING_MAX_INPUT_BYTES = 1000
    path = tmp_path / "big.csv"
    path.write_text(real_lines(100), encoding="utf-8")
    with pytest.raises(ValidationFailed, match=r"big.csv: the file is \d+ bytes, more than the limit of 1000"):
        read_bytes(path)
    with pytest.raises(ValidationFailed, match="more than the limit of 1000"):
        next(iter_lines(path))
    with pytest.raises(ValidationFailed, match=r"missing\.csv: no such file"):
        read_bytes(tmp_path / "missing.csv")
    with pytest.raises(ValidationFailed, match="not a file"):
        read_bytes(tmp_path)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+49 2151 86-0", "'+49 2151 86-0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("1e-5", "1e-5"),
        ("Krefeld", "Krefeld"),
        ("", ""),
        (51.33, 51.33),
        (None, None),
    ],
)
def test_csv_cell_neutralises_formulas(value, safe):
    assert csv_cell(value) == safe


def test_write_csv_neutralises_every_cell(tmp_path):
    path = tmp_path / "out" / "review.csv"
    write_csv(path, fieldnames=["name", "lat"], rows=[{"name": "=1+1", "lat": "-33.9"}, {"name": "@x", "lat": ""}])
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [{"name": "'=1+1", "lat": "-33.9"}, {"name": "'@x", "lat": ""}]
