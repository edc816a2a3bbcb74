"""Readers of the dataset shapes we import; each yields pairs of place references with a row note."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from twinning.core.dates import PartialDate
from twinning.core.errors import ValidationFailed
from twinning.core.files import iter_csv, iter_lines, read_text

from .countries import clear_cache, country_code
from .linking import PlaceRef

# Our field names and the columns of the Wikipedia-derived CSV, which is the default mapping.
CSV_FIELDS = ("city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2")
REQUIRED_FIELDS = ("city1", "city2")


@dataclass
class PairRow:
    number: int
    a: PlaceRef
    b: PlaceRef
    note: str
    established: PartialDate | None = None


def parse_mapping(text: str | None) -> dict[str, str]:
    """ "city1=Stadt,country1=Land" → {"city1": "Stadt", "country1": "Land"}."""
    mapping: dict[str, str] = {}
    if not text:
        return mapping
    for part in text.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise ValidationFailed(_("--map entry %(part)r is not FIELD=COLUMN") % {"part": part.strip()})
        ours, theirs = (s.strip() for s in part.split("=", 1))
        if ours not in CSV_FIELDS:
            raise ValidationFailed(
                _("--map: unknown field %(field)r (one of %(fields)s)")
                % {"field": ours, "fields": ", ".join(CSV_FIELDS)}
            )
        mapping[ours] = theirs
    return mapping


def _float(value: str | None, *, where: str, column: str) -> float | None:
    value = (value or "").strip().replace(",", ".") if value else ""
    if not value:
        return None
    try:
        number = float(value)
    except ValueError as error:
        raise ValidationFailed(
            _("%(column)s is not a number: %(value)r") % {"column": column, "value": value}, where=where
        ) from error
    return number


def read_csv(path: Path, *, mapping: dict[str, str] | None = None, encoding: str | None = None) -> Iterator[PairRow]:
    """Rows of a CSV of city pairs, streamed. Without a mapping the columns are those of CSV_FIELDS.
    The file is read by the one input reader (twinning.core.files): size limit, UTF-8 unless
    `encoding` is given, over-long fields refused with their line."""
    columns = {name: (mapping or {}).get(name, name) for name in CSV_FIELDS}
    clear_cache()  # the Country table may have changed since the last import in this process
    rows = iter_csv(path, encoding=encoding)
    _zero, header_row = next(rows)
    header = list(header_row)
    missing = [columns[f] for f in REQUIRED_FIELDS if columns[f] not in header]
    if missing:
        raise ValidationFailed(
            _("missing column(s) %(missing)s; the header is %(header)s (use --map FIELD=COLUMN)")
            % {"missing": ", ".join(missing), "header": ", ".join(header)},
            where=str(path),
        )
    for number, (line, row) in enumerate(rows, start=1):
        where = f"{path.name} line {line} (row {number})"

        def side(i: int, row: dict[str, Any] = row, where: str = where) -> PlaceRef:
            country_text = (row.get(columns[f"country{i}"]) or "").strip()
            return PlaceRef(
                name=(row.get(columns[f"city{i}"]) or "").strip(),
                country=country_code(country_text),
                country_text=country_text,
                lat=_float(row.get(columns[f"lat{i}"]), where=where, column=columns[f"lat{i}"]),
                lon=_float(row.get(columns[f"lng{i}"]), where=where, column=columns[f"lng{i}"]),
            )

        yield PairRow(number=number, a=side(1), b=side(2), note=f"row {number}")


def read_wikidata_names(path: Path, *, encoding: str | None = None) -> dict[str, str]:
    """QID → label from the names TSV (QID<TAB>label per line)."""
    labels: dict[str, str] = {}
    for number, line in enumerate(iter_lines(path, encoding=encoding), start=1):
        if not line.strip():
            continue
        parts = line.rstrip("\r\n").split("\t")
        if len(parts) < 2 or not parts[0].startswith("Q"):
            raise ValidationFailed(_("expected QID<TAB>label"), where=f"{path} line {number}")
        labels[parts[0].strip()] = parts[1].strip()
    return labels


def read_wikidata_relations(path: Path, *, encoding: str | None = None) -> Iterator[tuple[int, str, str]]:
    """(line, subject QID, object QID) from the relations TSV, streamed."""
    for number, line in enumerate(iter_lines(path, encoding=encoding), start=1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2 or not all(p.startswith("Q") for p in parts):
            raise ValidationFailed(_("expected QID<TAB>QID"), where=f"{path} line {number}")
        yield number, parts[0], parts[1]


def read_wikidata_tsv(
    names_path: Path, relations_path: Path, *, encoding: str | None = None
) -> tuple[dict[str, str], list[tuple[int, str, str]]]:
    """(QID → label, [(line, subject QID, object QID)]) from the names/relations TSV pair."""
    labels = read_wikidata_names(names_path, encoding=encoding)
    return labels, list(read_wikidata_relations(relations_path, encoding=encoding))


def _value(binding: dict[str, Any], name: str) -> str:
    return str(binding.get(name, {}).get("value", "")).strip()


def _qid(uri: str) -> str:
    return uri.rsplit("/", 1)[-1] if uri else ""


def _point(wkt: str) -> tuple[float | None, float | None]:
    """WKT "Point(lon lat)" → (lat, lon)."""
    if not wkt.startswith("Point(") or not wkt.endswith(")"):
        return None, None
    try:
        lon, lat = (float(v) for v in wkt[6:-1].split())
    except ValueError:
        return None, None
    return lat, lon


def _date(text: str) -> PartialDate | None:
    if not text:
        return None
    # xsd:dateTime "1986-01-01T00:00:00Z"; Wikidata stores year precision as January 1st.
    try:
        return PartialDate.parse(text[:4]) if text[5:10] == "01-01" else PartialDate.parse(text[:10])
    except (ValueError, ValidationFailed):
        return None


# The variables of the P190 query (twinning.imports.wikidata.P190_QUERY) for each side of a pair.
SPARQL_SIDES = {
    "city": {"entity": "city", "label": "cityLabel", "coord": "coord", "country": "country", "geonames": "geonames"},
    "partner": {
        "entity": "partner",
        "label": "partnerLabel",
        "coord": "partnerCoord",
        "country": "partnerCountry",
        "geonames": "partnerGeonames",
    },
}


def sparql_ref(binding: dict[str, Any], side: str) -> PlaceRef:
    names = SPARQL_SIDES[side]
    lat, lon = _point(_value(binding, names["coord"]))
    code = _value(binding, names["country"]).upper()
    geonameid = _value(binding, names["geonames"])
    return PlaceRef(
        name=_value(binding, names["label"]),
        # ISO 3166-1 alpha-2 (P297); an entity URI instead of a code is not a country we can use.
        country=code if len(code) == 2 and code.isalpha() else None,
        country_text=code,
        lat=lat,
        lon=lon,
        qid=_qid(_value(binding, names["entity"])),
        geonameid=int(geonameid) if geonameid.isdigit() else None,
    )


def read_sparql_json(path: Path, *, encoding: str | None = None) -> Iterator[PairRow]:
    """Bindings of the P190 query (see twinning.imports.wikidata.P190_QUERY), in the SPARQL 1.1
    Query Results JSON Format: {"head": {"vars": [...]}, "results": {"bindings": [...]}}."""
    text = read_text(path, encoding=encoding)
    try:
        data = json.loads(text)
        bindings = data["results"]["bindings"]
    except json.JSONDecodeError as error:
        raise ValidationFailed(
            _("not a SPARQL JSON result: %(error)s") % {"error": error.msg}, where=f"{path} line {error.lineno}"
        ) from error
    except (KeyError, TypeError) as error:
        raise ValidationFailed(_("not a SPARQL JSON result: %(error)s") % {"error": error}, where=str(path)) from error
    yield from sparql_rows(bindings, where=Path(path).name)


def sparql_rows(bindings: list[dict[str, Any]], *, where: str) -> Iterator[PairRow]:
    for number, binding in enumerate(bindings, start=1):
        if not isinstance(binding, dict) or "city" not in binding or "partner" not in binding:
            raise ValidationFailed(_("a binding lacks ?city or ?partner"), where=f"{where} binding {number}")
        a, b = sparql_ref(binding, "city"), sparql_ref(binding, "partner")
        if not a.name or not b.name:
            raise ValidationFailed(_("a binding lacks ?cityLabel or ?partnerLabel"), where=f"{where} binding {number}")
        yield PairRow(
            number=number,
            a=a,
            b=b,
            note=f"{a.qid}–{b.qid}",
            established=_date(_value(binding, "start")),
        )
