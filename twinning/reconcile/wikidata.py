"""Wikidata's P190 statements ("twinned administrative body") as the comparison reads them: from
the recorded names/relations TSV pair, from a saved SPARQL JSON result, or from the live endpoint."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from twinning.core.dates import PartialDate
from twinning.imports.readers import (
    PairRow,
    read_sparql_json,
    read_wikidata_names,
    read_wikidata_relations,
    sparql_rows,
)
from twinning.imports.wikidata import p190_query, sparql_fetch

Pair = tuple[str, str]  # two QIDs, sorted


def pair(a: str, b: str) -> Pair:
    return (a, b) if a <= b else (b, a)


@dataclass
class Statements:
    """Directed P190 statements with what we know of their items."""

    label: str  # where they come from, for the report
    directed: set[tuple[str, str]] = field(default_factory=set)
    labels: dict[str, str] = field(default_factory=dict)
    countries: dict[str, str] = field(default_factory=dict)  # QID → ISO code (SPARQL only)
    starts: dict[Pair, PartialDate] = field(default_factory=dict)  # P580 of either direction

    @property
    def pairs(self) -> set[Pair]:
        return {pair(a, b) for a, b in self.directed}

    @property
    def qids(self) -> set[str]:
        return {q for statement in self.directed for q in statement}

    def one_sided(self) -> set[tuple[str, str]]:
        """Statements without their reverse: (who states it, whom it names)."""
        return {(a, b) for a, b in self.directed if (b, a) not in self.directed}

    def add_rows(self, rows: list[PairRow]) -> None:
        for row in rows:
            a, b = row.a.qid, row.b.qid
            if not a or not b or a == b:
                continue
            self.directed.add((a, b))
            for ref, qid in ((row.a, a), (row.b, b)):
                self.labels.setdefault(qid, ref.name)
                if ref.country:
                    self.countries.setdefault(qid, ref.country)
            if row.established is not None:
                self.starts.setdefault(pair(a, b), row.established)


def from_tsv(*, names: Path, relations: Path) -> Statements:
    statements = Statements(label=f"{relations.name} + {names.name}")
    statements.labels = read_wikidata_names(names)
    for _number, a, b in read_wikidata_relations(relations):
        if a != b:
            statements.directed.add((a, b))
    return statements


def from_sparql_json(path: Path) -> Statements:
    statements = Statements(label=path.name)
    statements.add_rows(list(read_sparql_json(path)))
    return statements


def from_endpoint(*, endpoint: str, country: str | None = None, timeout: float = 120.0) -> Statements:
    """The live statements (of the places of one country, an ISO code, if given)."""
    data = sparql_fetch(p190_query(country_iso=country), endpoint=endpoint, timeout=timeout)
    statements = Statements(label=endpoint)
    statements.add_rows(list(sparql_rows(data["results"]["bindings"], where=endpoint)))
    return statements
