"""Importing twin-town datasets: resolve every name in memory, then write places, partnerships,
members and citations in bulk, in one transaction, with one audit entry for the import and one
citation per partnership and source (the row number or QIDs as its note)."""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from twinning.core.dates import PartialDate
from twinning.core.errors import ValidationFailed
from twinning.core.invalidation import data_changed
from twinning.core.models import Citation, Source
from twinning.core.services import Actor, audit_log, source_get_or_create
from twinning.core.text import slugify_name
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.partnerships.services import member_key_of_ids, partnerships_bulk_create
from twinning.places.gazetteer import ascii_name, name_keys
from twinning.places.index import GazetteerIndex, PlaceRecord, get_index, invalidate_index
from twinning.places.models import Place, PlaceName

from .linking import AMBIGUOUS, NEW, UNRESOLVED, Link, Linker, NewPlace, PlaceRef
from .readers import PairRow

BATCH = 2000
KIND = Partnership.Kind.TWINNING


@dataclass(frozen=True)
class SourceSpec:
    key: str
    title: str
    url: str = ""
    license: str = ""


@dataclass
class ImportReport:
    source: str
    rows: int = 0
    linked: int = 0  # rows whose two places are known or created
    partnerships_created: int = 0
    merged: int = 0  # partnerships that existed before the import and now cite this source too
    self_pairs: int = 0  # rows whose two names link to one place (reported for review)
    repeated: int = 0  # rows repeating a pair already seen in this file
    places_created: int = 0
    qids_recorded: int = 0
    ambiguous: int = 0  # distinct names
    unresolved: int = 0  # distinct names
    rows_ambiguous: int = 0
    rows_unresolved: int = 0
    dry_run: bool = False
    seconds: float = 0.0
    review_path: str = ""
    review: list[dict[str, str]] = field(default_factory=list, repr=False)

    @property
    def linked_share(self) -> float:
        return self.linked / self.rows if self.rows else 0.0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("review")
        data["linked_share"] = round(self.linked_share, 4)
        return data


Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def _no_progress(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    return items


def linker_for_database(index: GazetteerIndex | None = None) -> Linker:
    """A linker over the gazetteer index plus, fresh from the database, every place GeoNames lacks
    (created by earlier imports or by hand) and every recorded QID."""
    local_places = list(
        Place.objects.filter(geonameid__isnull=True).values_list(
            "id", "name", "country_id", "admin1_code", "population", "latitude", "longitude", "kind"
        )
    )
    names: defaultdict[int, list[str]] = defaultdict(list)
    for place_id, name in PlaceName.objects.filter(place__geonameid__isnull=True).values_list("place_id", "name"):
        names[place_id].append(name)
    local = [
        (PlaceRecord(pk, None, name, country or "", admin1 or "", population or 0, lat, lon, kind), names[pk])
        for pk, name, country, admin1, population, lat, lon, kind in local_places
    ]
    qids = {
        qid: pk for qid, pk in Place.objects.filter(wikidata_qid__isnull=False).values_list("wikidata_qid", "id") if qid
    }
    return Linker(index or get_index(), local=local, qids=qids)


def known_partners() -> dict[int, set[int]]:
    """Place id → ids of its partner places, from every partnership in the database."""
    members: defaultdict[int, list[int]] = defaultdict(list)
    for partnership_id, place_id in PartnershipMember.objects.values_list("partnership_id", "place_id"):
        members[partnership_id].append(place_id)
    partners: defaultdict[int, set[int]] = defaultdict(set)
    for places in members.values():
        for place in places:
            partners[place].update(p for p in places if p != place)
    return partners


def _review_row(row: PairRow | None, ref: PlaceRef, link: Link, *, note: str = "") -> dict[str, str]:
    return {
        "row": note or (row.note if row else ""),
        "name": ref.name,
        "country": ref.country or ref.country_text,
        "lat": "" if ref.lat is None else str(ref.lat),
        "lon": "" if ref.lon is None else str(ref.lon),
        "qid": ref.qid or "",
        "status": link.status,
        "reason": link.how,
        "candidates": " | ".join(link.candidates),
    }


def write_review(report: ImportReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fields = ["row", "name", "country", "lat", "lon", "qid", "status", "reason", "candidates"]
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(report.review)
    report.review_path = str(path)


class _Rollback(Exception):
    pass


def twins_import_links(
    *,
    pairs: list[tuple[PairRow, Link, Link]],
    linker: Linker,
    source: SourceSpec,
    actor: Actor,
    report: ImportReport,
    dry_run: bool = False,
    qid_links: dict[str, Link] | None = None,
) -> ImportReport:
    """Write the linked pairs (see `twins_import`): all or nothing; with `dry_run`, rolled back."""
    report.dry_run = dry_run
    try:
        with transaction.atomic():
            _write(pairs=pairs, linker=linker, source=source, actor=actor, report=report, qid_links=qid_links or {})
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    else:
        _refresh_planner_statistics()
    return report


def _refresh_planner_statistics() -> None:
    """After a bulk import SQLite's query planner needs fresh table statistics (the list and
    statistics pages join the new rows); PostgreSQL's autovacuum gathers its own."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")


def _write(
    *,
    pairs: list[tuple[PairRow, Link, Link]],
    linker: Linker,
    source: SourceSpec,
    actor: Actor,
    report: ImportReport,
    qid_links: dict[str, Link],
) -> None:
    src = source_get_or_create(
        key=source.key,
        kind=Source.Kind.DATASET,
        title=source.title,
        url=source.url,
        license=source.license,
        actor=actor,
    )
    data_changed()  # bulk writes bypass save(): statistics, list counts and health are recomputed on commit
    new_ids = _create_places(linker, report)
    if new_ids:
        transaction.on_commit(invalidate_index)

    def place_id(link: Link) -> int | None:
        if link.status == NEW and link.new is not None:
            return new_ids[id(link.new)]
        return link.place_id

    _record_qids(qid_links, place_id, report)

    existing = dict(Partnership.objects.filter(kind=KIND).values_list("member_key", "id"))
    existed_before = set(existing.values())
    partnership_type = ContentType.objects.get_for_model(Partnership)
    cited = set(Citation.objects.filter(source=src, content_type=partnership_type).values_list("object_id", flat=True))
    notes: dict[str, list[str]] = {}
    dates: dict[str, PartialDate] = {}
    order: list[tuple[str, tuple[int, int]]] = []
    for row, a, b in pairs:
        pa, pb = place_id(a), place_id(b)
        if pa is None or pb is None:
            continue
        if pa == pb:
            report.self_pairs += 1
            report.rows_ambiguous += 1
            report.review.append(_review_row(row, row.b, Link(AMBIGUOUS, pb, how=_("both names link to one place"))))
            continue
        report.linked += 1
        key = member_key_of_ids((pa, pb))
        if key in notes:
            report.repeated += 1
            notes[key].append(row.note)
            continue
        notes[key] = [row.note]
        if row.established:
            dates[key] = row.established
        order.append((key, (pa, pb)))

    to_create = [key for key, _ in order if key not in existing]
    members = dict(order)
    created = partnerships_bulk_create(
        members=[members[key] for key in to_create],
        kind=KIND,
        established=[dates.get(key) for key in to_create],
        batch_size=BATCH,
    )
    for partnership in created:
        existing[partnership.member_key] = partnership.pk
    report.partnerships_created = len(created)
    # Fill established dates the existing partnerships lack.
    fill = list(
        Partnership.objects.filter(
            pk__in=[existing[k] for k in dates if existing[k] in existed_before], established__isnull=True
        )
    )
    for partnership in fill:
        date = dates[partnership.member_key]
        partnership.established, partnership.established_precision = date.value, date.precision
    Partnership.objects.bulk_update(fill, ["established", "established_precision"], batch_size=BATCH)
    report.merged = sum(1 for key, _ in order if existing[key] in existed_before)
    Citation.objects.bulk_create(
        [
            Citation(
                source=src,
                content_type=partnership_type,
                object_id=existing[key],
                note=", ".join(notes[key])[:300],
            )
            for key, _ in order
            if existing[key] not in cited
        ],
        batch_size=BATCH,
    )
    audit_log(actor=actor, action="import.twins", obj=src, changes=report.as_dict())


def _create_places(linker: Linker, report: ImportReport) -> dict[int, int]:
    planned: list[NewPlace] = [p for group in linker.new.values() for p in group]
    if not planned:
        return {}
    used_qids = set(linker.qids)
    places = []
    for new in planned:
        qid = new.qid if new.qid and new.qid not in used_qids else None
        if qid:
            used_qids.add(qid)
        places.append(
            Place(
                name=new.name[:200],
                ascii_name=ascii_name(new.name)[:200],
                slug=slugify_name(new.name)[:200],
                kind=new.kind,
                country_id=new.country or None,
                wikidata_qid=qid,
                latitude=new.lat,
                longitude=new.lon,
            )
        )
    created = Place.objects.bulk_create(places, batch_size=BATCH)
    PlaceName.objects.bulk_create(
        [
            PlaceName(place=place, name=name[:300], key=key, key_reversed=key[::-1])
            for place, new in zip(created, planned, strict=True)
            for key, name in name_keys(sorted(new.names | {new.name})).items()
        ],
        batch_size=BATCH,
    )
    report.places_created = len(created)
    return {id(new): place.pk for new, place in zip(planned, created, strict=True)}


def _record_qids(qid_links: dict[str, Link], place_id: Callable[[Link], int | None], report: ImportReport) -> None:
    """Record each linked label's QID on its place, unless the place has one or the QID is taken."""
    wanted: dict[int, str] = {}
    for qid, link in qid_links.items():
        pk = place_id(link)
        if pk is not None and link.status != NEW and pk not in wanted:
            wanted[pk] = qid
    taken = set(Place.objects.filter(wikidata_qid__in=list(wanted.values())).values_list("wikidata_qid", flat=True))
    places = list(Place.objects.filter(pk__in=list(wanted), wikidata_qid__isnull=True))
    changed = []
    for place in places:
        qid = wanted[place.pk]
        if qid not in taken:
            place.wikidata_qid = qid
            taken.add(qid)
            changed.append(place)
    Place.objects.bulk_update(changed, ["wikidata_qid"], batch_size=BATCH)
    report.qids_recorded = len(changed)


def _count_problems(report: ImportReport, outcomes: Iterable[tuple[PairRow | None, PlaceRef, Link, str]]) -> None:
    seen: set[tuple[str, str, str]] = set()
    for row, ref, link, note in outcomes:
        if link.status in (AMBIGUOUS, UNRESOLVED) or link.status == NEW:
            key = (ref.name, ref.country or ref.country_text, ref.qid or "")
            if key in seen:
                continue
            seen.add(key)
            if link.status == AMBIGUOUS:
                report.ambiguous += 1
            elif link.status == UNRESOLVED:
                report.unresolved += 1
            report.review.append(_review_row(row, ref, link, note=note))


def twins_import(
    *,
    rows: Iterable[PairRow],
    source: SourceSpec,
    actor: Actor,
    dry_run: bool = False,
    progress: Progress = _no_progress,
    total: int = 0,
    linker: Linker | None = None,
) -> ImportReport:
    """Import pairs of located names (CSV, SPARQL JSON)."""
    started = time.perf_counter()
    report = ImportReport(source=source.key)
    linker = linker or linker_for_database()
    pairs: list[tuple[PairRow, Link, Link]] = []
    outcomes = []
    for row in progress(rows, total, _("linking")):
        a, b = linker.link_located(row.a), linker.link_located(row.b)
        pairs.append((row, a, b))
        outcomes += [(row, row.a, a, ""), (row, row.b, b, "")]
        if not (a.ok and b.ok):
            if a.status == AMBIGUOUS or b.status == AMBIGUOUS:
                report.rows_ambiguous += 1
            else:
                report.rows_unresolved += 1
    report.rows = len(pairs)
    if not pairs:
        raise ValidationFailed(_("the file has no rows"))
    _count_problems(report, outcomes)
    qid_links = {row.a.qid: a for row, a, _b in pairs if row.a.qid} | {
        row.b.qid: b for row, _a, b in pairs if row.b.qid
    }
    twins_import_links(
        pairs=pairs, linker=linker, source=source, actor=actor, report=report, dry_run=dry_run, qid_links=qid_links
    )
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def wikidata_tsv_import(
    *,
    labels: dict[str, str],
    relations: list[tuple[int, str, str]],
    source: SourceSpec,
    actor: Actor,
    dry_run: bool = False,
    progress: Progress = _no_progress,
    linker: Linker | None = None,
) -> ImportReport:
    """Import the names/relations TSV pair: labels linked with the help of the partners' places."""
    started = time.perf_counter()
    report = ImportReport(source=source.key)
    missing = sorted({q for _n, a, b in relations for q in (a, b) if q not in labels})
    if missing:
        raise ValidationFailed(
            _("%(count)s QIDs in the relations have no label, e.g. %(qids)s")
            % {"count": len(missing), "qids": ", ".join(missing[:5])}
        )
    linker = linker or linker_for_database()
    partners: defaultdict[str, set[str]] = defaultdict(set)
    for _n, a, b in relations:
        partners[a].add(b)
        partners[b].add(a)
    links = linker.link_labels(labels, partners, known_partners())
    refs = {qid: PlaceRef(name=label, qid=qid) for qid, label in labels.items()}
    pairs: list[tuple[PairRow, Link, Link]] = []
    for number, a, b in progress(relations, len(relations), _("linking")):
        row = PairRow(number=number, a=refs[a], b=refs[b], note=f"{a}–{b}")
        la, lb = links[a], links[b]
        pairs.append((row, la, lb))
        if not (la.ok and lb.ok):
            if AMBIGUOUS in (la.status, lb.status):
                report.rows_ambiguous += 1
            else:
                report.rows_unresolved += 1
    report.rows = len(pairs)
    if not pairs:
        raise ValidationFailed(_("the relations file has no rows"))
    _count_problems(report, ((None, refs[q], link, q) for q, link in links.items() if q in partners))
    twins_import_links(
        pairs=pairs, linker=linker, source=source, actor=actor, report=report, dry_run=dry_run, qid_links=links
    )
    report.seconds = round(time.perf_counter() - started, 2)
    return report
