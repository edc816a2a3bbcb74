"""The registry next to an RGRE-shaped CSV (the shape `twinning export --format rgre-csv` writes:
Kommune, Land Kommune, Partnerkommune, Land, Art, Seit; GeoNames ids optional).

Names are linked like an import's (`imports.linking`, country given, no coordinates); rows whose
places cannot be linked, or whose linking is contradictory, are listed for review, never guessed.
Differences: pairs the file has and we lack, pairs we have for the file's municipalities that it
lacks, kinds that differ, years that differ."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from twinning.core.dates import PartialDate
from twinning.core.errors import ValidationFailed
from twinning.core.files import iter_csv
from twinning.exports.rgre import KIND_TO_RGRE, RGRE_TO_KIND
from twinning.imports.countries import clear_cache, country_code
from twinning.imports.linking import Linker, PlaceRef
from twinning.imports.services import linker_for_database

from .selectors import KnownPartnership, KnownPlace
from .services import Proposal

REQUIRED = ("Kommune", "Partnerkommune", "Land", "Art")
MISSING_HERE, MISSING_THERE, KIND_DIFFERS, DATE_DIFFERS, UNLINKED = (
    "missing_here",
    "missing_there",
    "kind_differs",
    "date_differs",
    "unlinked",
)
KINDS = (MISSING_HERE, MISSING_THERE, KIND_DIFFERS, DATE_DIFFERS, UNLINKED)


@dataclass
class RgreRow:
    line: int
    ours: PlaceRef
    theirs: PlaceRef
    kind: str | None
    art: str
    since: PartialDate | None


@dataclass
class RgreDifference:
    kind: str
    line: int | None
    names: tuple[str, str]
    places: tuple[KnownPlace | None, KnownPlace | None] = (None, None)
    partnership: KnownPartnership | None = None
    detail: str = ""
    art: str = ""
    since: PartialDate | None = None


@dataclass
class RgreReconciliation:
    source: str
    rows: int = 0
    differences: list[RgreDifference] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {kind: sum(1 for d in self.differences if d.kind == kind) for kind in KINDS}


def _int(value: str, *, where: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value.isdigit():
        raise ValidationFailed(_("%(value)r is not a GeoNames id") % {"value": value}, where=where)
    return int(value)


def read_rgre(path: Path) -> list[RgreRow]:
    clear_cache()
    rows = iter_csv(path)
    _zero, header = next(rows)
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ValidationFailed(
            _("missing column(s) %(missing)s; the header is %(header)s")
            % {"missing": ", ".join(missing), "header": ", ".join(header)},
            where=str(path),
        )
    found = []
    for line, row in rows:
        where = f"{path.name} line {line}"
        art = (row.get("Art") or "").strip()
        kind = RGRE_TO_KIND.get(art.casefold())
        if art and kind is None:
            raise ValidationFailed(
                _("unknown kind %(art)r (one of Partnerschaft, Freundschaft, Kontakt, Projektpartnerschaft)")
                % {"art": art},
                where=where,
            )
        since_text = (row.get("Seit") or "").strip()
        since = PartialDate.parse(since_text, where=f"{where} column Seit") if since_text else None
        home = (row.get("Land Kommune") or "").strip() or "DE"
        partner_country = (row.get("Land") or "").strip()
        found.append(
            RgreRow(
                line=line,
                ours=PlaceRef(
                    name=(row.get("Kommune") or "").strip(),
                    country=country_code(home),
                    country_text=home,
                    geonameid=_int(row.get("GeoNames Kommune") or "", where=where),
                ),
                theirs=PlaceRef(
                    name=(row.get("Partnerkommune") or "").strip(),
                    country=country_code(partner_country),
                    country_text=partner_country,
                    geonameid=_int(row.get("GeoNames Partnerkommune") or "", where=where),
                ),
                kind=kind,
                art=art,
                since=since,
            )
        )
    return found


def reconcile_rgre(
    *,
    rows: list[RgreRow],
    places: dict[int, KnownPlace],
    partnerships: list[KnownPartnership],
    source: str,
    linker: Linker | None = None,
) -> RgreReconciliation:
    linker = linker or linker_for_database()
    result = RgreReconciliation(source=source, rows=len(rows))
    ours: defaultdict[tuple[int, int], list[KnownPartnership]] = defaultdict(list)
    for partnership in partnerships:
        if len(partnership.places) == 2:
            ours[(partnership.places[0], partnership.places[1])].append(partnership)
    theirs: dict[tuple[int, int], RgreRow] = {}
    covered: set[int] = set()  # the file's own municipalities: our other partnerships of these are compared
    for row in rows:
        a, b = linker.link_located(row.ours), linker.link_located(row.theirs)
        if not (a.ok and b.ok) or a.place_id is None or b.place_id is None:
            bad = a if not (a.ok and a.place_id) else b
            result.differences.append(
                RgreDifference(
                    UNLINKED,
                    row.line,
                    (row.ours.name, row.theirs.name),
                    detail=f"{bad.status}: {bad.how}",
                    art=row.art,
                    since=row.since,
                )
            )
            continue
        covered.add(a.place_id)
        theirs[(min(a.place_id, b.place_id), max(a.place_id, b.place_id))] = row
    for key, row in theirs.items():
        known = (places.get(key[0]), places.get(key[1]))
        existing = ours.get(key, [])
        names = (row.ours.name, row.theirs.name)
        if not existing:
            result.differences.append(
                RgreDifference(MISSING_HERE, row.line, names, known, art=row.art, since=row.since)
            )
            continue
        match = next((p for p in existing if p.kind == row.kind), None)
        if match is None:
            kinds = ", ".join(KIND_TO_RGRE[p.kind] for p in existing)  # type: ignore[index]
            result.differences.append(
                RgreDifference(KIND_DIFFERS, row.line, names, known, existing[0], detail=kinds, art=row.art)
            )
            match = existing[0]
        if row.since and match.established and row.since.iso()[:4] != match.established.iso()[:4]:
            result.differences.append(
                RgreDifference(
                    DATE_DIFFERS, row.line, names, known, match, detail=match.established.iso(), since=row.since
                )
            )
    for key, partnerships_of_pair in sorted(ours.items()):
        if key in theirs or not (covered & set(key)):
            continue
        known = (places.get(key[0]), places.get(key[1]))
        names = (known[0].name if known[0] else "?", known[1].name if known[1] else "?")
        result.differences.append(RgreDifference(MISSING_THERE, None, names, known, partnerships_of_pair[0]))
    return result


def rgre_proposals(result: RgreReconciliation) -> list[Proposal]:
    found = []
    for d in result.differences:
        if d.kind not in (MISSING_HERE, DATE_DIFFERS) or not all(p is not None and p.geonameid for p in d.places):
            continue
        a, b = d.places
        assert a is not None and b is not None
        kind = d.partnership.kind if d.partnership else (RGRE_TO_KIND.get(d.art.casefold()) or "twinning")
        since = f", seit {d.since.iso()}" if d.since else ""
        line = (
            f"RGRE-Liste Zeile {d.line}: {a.name} – {b.name} ({d.art or kind}{since}); "
            "im Register fehlt die Partnerschaft."
            if d.kind == MISSING_HERE
            else f"RGRE-Liste Zeile {d.line}: {a.name} – {b.name} seit {d.since.iso() if d.since else '?'}, "
            f"im Register seit {d.detail}."
        )
        found.append(
            Proposal(
                line=line,
                a={"name": a.name, "geonameid": a.geonameid},
                b={"name": b.name, "geonameid": b.geonameid},
                kind=kind,
                established=d.since.iso() if d.since else None,
                extracted={"reconcile": f"rgre:{d.kind}", "line": d.line, "source": result.source},
            )
        )
    return found


RGRE_REPORT_FIELDS = ("difference", "line", "kommune", "partnerkommune", "art", "seit", "partnership", "detail")


def rgre_report_rows(result: RgreReconciliation, *, base: str) -> list[dict[str, Any]]:
    return [
        {
            "difference": d.kind,
            "line": d.line or "",
            "kommune": d.names[0],
            "partnerkommune": d.names[1],
            "art": d.art,
            "seit": d.since.iso() if d.since else "",
            "partnership": f"{base}/partnerships/{d.partnership.pk}/" if d.partnership else "",
            "detail": d.detail,
        }
        for d in result.differences
    ]
