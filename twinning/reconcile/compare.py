"""The registry next to Wikidata's P190 statements: four kinds of difference.

- `missing_there`: a partnership of two places with Wikidata ids that Wikidata does not state,
  where Wikidata knows at least one of the two places (the recorded files are one connected crawl,
  not all of Wikidata: a pair of places it never reached says nothing), and that we did not import
  from Wikidata (then Wikidata states it for another item of a place). With our sources.
- `missing_here`: a pair Wikidata states that the registry lacks (`proposable` when both items are
  places of the registry with GeoNames ids: a partnership can be proposed for review).
- `one_sided`: a statement of one item without the reverse statement on the other.
- `date_differs`: a pair in both whose start dates (our established date, Wikidata's P580) differ
  at the precision both have.

Pure: reads are passed in, nothing is written (see services for the queue, report and
QuickStatements).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from twinning.core.dates import PartialDate

from .selectors import KnownPartnership, KnownPlace
from .wikidata import Pair, Statements, pair

MISSING_THERE = "missing_there"
MISSING_HERE = "missing_here"
ONE_SIDED = "one_sided"
DATE_DIFFERS = "date_differs"
KINDS = (MISSING_THERE, MISSING_HERE, ONE_SIDED, DATE_DIFFERS)


@dataclass
class Difference:
    kind: str
    qids: tuple[str, str]  # for one_sided: (who states it, whom it names)
    labels: tuple[str, str]
    places: tuple[KnownPlace | None, KnownPlace | None]
    partnership: KnownPartnership | None = None
    ours: PartialDate | None = None
    theirs: PartialDate | None = None

    @property
    def proposable(self) -> bool:
        return all(p is not None and p.geonameid for p in self.places)


@dataclass
class Reconciliation:
    source: str
    country: str | None
    differences: list[Difference] = field(default_factory=list)
    compared: int = 0  # registry pairs with Wikidata ids on both sides
    not_comparable: int = 0  # registry partnerships lacking a Wikidata id on a side

    def of(self, kind: str) -> list[Difference]:
        return [d for d in self.differences if d.kind == kind]

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of(kind)) for kind in KINDS}


def _differ(ours: PartialDate, theirs: PartialDate) -> bool:
    """Different at the precision both have: 1986 and 1986-05-23 agree, 1986 and 1987 do not."""
    order = {"year": 4, "month": 7, "day": 10}
    width = min(order[ours.precision], order[theirs.precision])
    return ours.iso()[:width] != theirs.iso()[:width]


def reconcile(
    *,
    statements: Statements,
    places: dict[int, KnownPlace],
    partnerships: list[KnownPartnership],
    country: str | None = None,
) -> Reconciliation:
    result = Reconciliation(source=statements.label, country=country)
    by_qid = {p.qid: p for p in places.values() if p.qid}
    known_to_wikidata = statements.qids
    theirs = statements.pairs

    def country_of(qid: str) -> str:
        place = by_qid.get(qid)
        return place.country if place else statements.countries.get(qid, "")

    def in_scope(a: str, b: str) -> bool:
        return country is None or country in (country_of(a), country_of(b))

    def label(qid: str) -> str:
        place = by_qid.get(qid)
        return statements.labels.get(qid) or (place.name if place else qid)

    ours: dict[Pair, KnownPartnership] = {}
    for partnership in partnerships:
        if len(partnership.places) != 2:
            continue
        first, second = (places.get(pk) for pk in partnership.places)
        if first is None or second is None:
            continue
        if not first.qid or not second.qid:
            if country is None or country in (first.country, second.country):
                result.not_comparable += 1
            continue
        key = pair(first.qid, second.qid)
        # One pair, several kinds (a friendship that became a twinning): compare the twinning.
        if key not in ours or partnership.kind == "twinning":
            ours[key] = partnership

    for key, partnership in sorted(ours.items()):
        if not in_scope(*key):
            continue
        result.compared += 1
        qa, qb = key
        known = (by_qid[qa], by_qid[qb])
        if key not in theirs:
            # Imported from Wikidata yet not stated for these items: Wikidata states it for another
            # item of one of the places (a duplicate item); not a gap to fill.
            if (qa in known_to_wikidata or qb in known_to_wikidata) and not partnership.from_wikidata:
                result.differences.append(
                    Difference(MISSING_THERE, key, (label(qa), label(qb)), known, partnership, partnership.established)
                )
            continue
        start = statements.starts.get(key)
        if partnership.established and start and _differ(partnership.established, start):
            result.differences.append(
                Difference(
                    DATE_DIFFERS, key, (label(qa), label(qb)), known, partnership, partnership.established, start
                )
            )
    for key in sorted(theirs - set(ours)):
        if not in_scope(*key):
            continue
        qa, qb = key
        result.differences.append(
            Difference(
                MISSING_HERE,
                key,
                (label(qa), label(qb)),
                (by_qid.get(qa), by_qid.get(qb)),
                theirs=statements.starts.get(key),
            )
        )
    for stated_by, names in sorted(statements.one_sided()):
        if not in_scope(stated_by, names):
            continue
        result.differences.append(
            Difference(
                ONE_SIDED,
                (stated_by, names),
                (label(stated_by), label(names)),
                (by_qid.get(stated_by), by_qid.get(names)),
                ours.get(pair(stated_by, names)),
            )
        )
    return result
