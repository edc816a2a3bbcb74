"""Importing twin-town datasets: resolve every name in memory, then write places, partnerships,
members and citations in bulk, in one transaction, with one audit entry for the import and one
citation per partnership and source (the row number or QIDs as its note)."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

from twinning.core.audit import created as created_values
from twinning.core.audit import snapshot
from twinning.core.dates import PartialDate
from twinning.core.errors import ValidationFailed
from twinning.core.files import write_csv
from twinning.core.invalidation import data_changed
from twinning.core.models import Citation, Source
from twinning.core.services import Actor, BulkAudit, audit_log, source_get_or_create
from twinning.core.text import slugify_name
from twinning.partnerships.models import Partnership, PartnershipMember
from twinning.partnerships.services import member_key_of_ids, partnerships_bulk_create
from twinning.places.gazetteer import ascii_name, name_keys
from twinning.places.index import GazetteerIndex, PlaceRecord, get_index, invalidate_index
from twinning.places.models import Place, PlaceName

from .linking import AMBIGUOUS, CONTRADICTION, NEW, UNRESOLVED, Link, Linker, NewPlace, PlaceRef
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
    contradictions: int = 0  # distinct names whose country and coordinates disagree (left to review)
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


REVIEW_FIELDS = ("row", "name", "country", "lat", "lon", "qid", "status", "reason", "candidates")


def write_review(report: ImportReport, path: Path) -> None:
    """The review CSV editors open in a spreadsheet: formula-like cells neutralised (core.files)."""
    write_csv(path, fieldnames=REVIEW_FIELDS, rows=report.review)
    report.review_path = str(path)


class _Rollback(Exception):
    pass


MAX_NOTE = 300
Token = tuple[str, int]


def _token(link: Link) -> Token | None:
    """What a link points at: a known place ("p", id) or a planned one ("n", its identity)."""
    if link.status == NEW and link.new is not None:
        return ("n", id(link.new))
    if link.place_id is not None:
        return ("p", link.place_id)
    return None


@dataclass
class LinkedPairs:
    """The linked pairs of an import, one entry per distinct pair of places however often the file
    repeats it: memory grows with the places and pairs, not with the rows (a 50 MB CSV streams)."""

    report: ImportReport
    pairs: dict[tuple[Token, Token], tuple[Link, Link, list[str], PartialDate | None]] = field(default_factory=dict)
    _notes_size: dict[tuple[Token, Token], int] = field(default_factory=dict)

    def add(self, row: PairRow, a: Link, b: Link) -> None:
        ta, tb = _token(a), _token(b)
        if ta is None or tb is None:
            return
        if ta == tb:
            self.report.self_pairs += 1
            self.report.rows_ambiguous += 1
            self.report.review.append(
                _review_row(row, row.b, Link(AMBIGUOUS, b.place_id, how=_("both names link to one place")))
            )
            return
        self.report.linked += 1
        key = (ta, tb) if ta <= tb else (tb, ta)
        found = self.pairs.get(key)
        if found is not None:
            self.report.repeated += 1
            size = self._notes_size[key]
            if size < MAX_NOTE:  # the citation note keeps the first rows only
                found[2].append(row.note)
                self._notes_size[key] = size + len(row.note) + 2
            return
        self.pairs[key] = (a, b, [row.note], row.established)
        self._notes_size[key] = len(row.note)


class ProblemNames:
    """The review file's rows: each ambiguous, unresolved or created name once."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        self.seen: set[tuple[str, str, str]] = set()

    def add(self, row: PairRow | None, ref: PlaceRef, link: Link, note: str = "") -> None:
        if link.status not in (AMBIGUOUS, UNRESOLVED, NEW, CONTRADICTION):
            return
        key = (ref.name, ref.country or ref.country_text, ref.qid or "")
        if key in self.seen:
            return
        self.seen.add(key)
        if link.status == AMBIGUOUS:
            self.report.ambiguous += 1
        elif link.status == UNRESOLVED:
            self.report.unresolved += 1
        elif link.status == CONTRADICTION:
            self.report.contradictions += 1
        self.report.review.append(_review_row(row, ref, link, note=note))


def twins_import_links(
    *,
    pairs: LinkedPairs,
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
    """After a bulk import the query planner needs fresh table statistics (the list and
    statistics pages join the new rows; PostgreSQL's autovacuum would gather them only later)."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")
        elif connection.vendor == "postgresql":
            for model in (Partnership, PartnershipMember, Place, PlaceName, Citation):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _write(
    *,
    pairs: LinkedPairs,
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
    audit = BulkAudit(actor=actor)
    new_ids = _create_places(linker, report, audit)
    if new_ids:
        transaction.on_commit(invalidate_index)

    def place_id(link: Link) -> int | None:
        if link.status == NEW and link.new is not None:
            return new_ids[id(link.new)]
        return link.place_id

    _record_qids(qid_links, place_id, report, audit)

    existing = dict(Partnership.objects.filter(kind=KIND).values_list("member_key", "id"))
    existed_before = set(existing.values())
    partnership_type = ContentType.objects.get_for_model(Partnership)
    cited = set(Citation.objects.filter(source=src, content_type=partnership_type).values_list("object_id", flat=True))
    notes: dict[str, list[str]] = {}
    dates: dict[str, PartialDate] = {}
    order: list[tuple[str, tuple[int, int]]] = []
    for a, b, row_notes, established in pairs.pairs.values():
        pa, pb = place_id(a), place_id(b)
        if pa is None or pb is None:
            continue
        key = member_key_of_ids((pa, pb))
        notes[key] = row_notes
        if established:
            dates[key] = established
        order.append((key, (pa, pb)))

    to_create = [key for key, _ in order if key not in existing]
    members = dict(order)
    # Written chunk by chunk: model instances are large, a big file must not hold them all at once.
    for start in range(0, len(to_create), BATCH):
        chunk = to_create[start : start + BATCH]
        created = partnerships_bulk_create(
            members=[members[key] for key in chunk], kind=KIND, established=[dates.get(key) for key in chunk]
        )
        for key, partnership in zip(chunk, created, strict=True):
            existing[key] = partnership.pk
            audit.add(
                partnership,
                "partnership.create",
                {
                    "kind": [None, KIND],
                    "status": [None, partnership.status],
                    "member_key": [None, key],
                    "members": [None, sorted(members[key])],
                    "established": [None, partnership.established.isoformat() if partnership.established else None],
                    "established_precision": [None, partnership.established_precision],
                    "source": [None, src.key],
                },
            )
        report.partnerships_created += len(created)
    # Fill established dates the existing partnerships lack.
    fill = list(
        Partnership.objects.filter(
            pk__in=[existing[k] for k in dates if existing[k] in existed_before], established__isnull=True
        )
    )
    for partnership in fill:
        date = dates[partnership.member_key]
        old_precision = partnership.established_precision
        partnership.established, partnership.established_precision = date.value, date.precision
        audit.add(
            partnership,
            "partnership.update",
            {
                "established": [None, date.value.isoformat()],
                "established_precision": [old_precision, date.precision],
            },
        )
    Partnership.objects.bulk_update(fill, ["established", "established_precision"], batch_size=BATCH)
    report.merged = sum(1 for key, _ in order if existing[key] in existed_before)
    to_cite = [key for key, _ in order if existing[key] not in cited]
    for start in range(0, len(to_cite), BATCH):
        new_citations = [
            Citation(
                source=src,
                content_type=partnership_type,
                object_id=existing[key],
                note=", ".join(notes[key])[:MAX_NOTE],
            )
            for key in to_cite[start : start + BATCH]
        ]
        Citation.objects.bulk_create(new_citations)
        for citation in new_citations:
            if citation.object_id in existed_before:  # a new partnership's entry names the source already
                audit.add_ref(
                    partnership_type, citation.object_id, citation.note, "citation.add",
                    {"source": [None, src.key], "note": [None, citation.note]},
                )  # fmt: skip
    audit.flush()
    audit_log(actor=actor, action="import.twins", obj=src, changes=report.as_dict())


def _create_places(linker: Linker, report: ImportReport, audit: BulkAudit) -> dict[int, int]:
    planned: list[NewPlace] = [p for group in linker.new.values() for p in group]
    if not planned:
        return {}
    used_qids = set(linker.qids)
    ids: dict[int, int] = {}
    for start in range(0, len(planned), BATCH):  # chunk by chunk: bounded memory for large files
        chunk = planned[start : start + BATCH]
        places = []
        for new in chunk:
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
        created = Place.objects.bulk_create(places)
        PlaceName.objects.bulk_create(
            [
                PlaceName(place=place, name=name[:300], key=key, key_reversed=key[::-1])
                for place, new in zip(created, chunk, strict=True)
                for key, name in name_keys(sorted(new.names | {new.name})).items()
            ],
            batch_size=BATCH,
        )
        report.places_created += len(created)
        for new, place in zip(chunk, created, strict=True):
            audit.add(place, "place.create", created_values(snapshot(place, many_to_many=False)))
            ids[id(new)] = place.pk
    return ids


def _record_qids(
    qid_links: dict[str, Link], place_id: Callable[[Link], int | None], report: ImportReport, audit: BulkAudit
) -> None:
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
            audit.add(place, "place.update", {"wikidata_qid": [None, qid]})
    Place.objects.bulk_update(changed, ["wikidata_qid"], batch_size=BATCH)
    report.qids_recorded = len(changed)


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
    # Read the first row before building the linker: a file that cannot be read fails at once.
    stream = iter(rows)
    first = next(stream, None)
    if first is None:
        raise ValidationFailed(_("the file has no rows"))
    linker = linker or linker_for_database()
    pairs = LinkedPairs(report)
    problems = ProblemNames(report)
    qid_links: dict[str, Link] = {}
    for row in progress(chain([first], stream), total, _("linking")):
        a, b = linker.link_located(row.a), linker.link_located(row.b)
        report.rows += 1
        problems.add(row, row.a, a)
        problems.add(row, row.b, b)
        if row.a.qid:
            qid_links[row.a.qid] = a
        if row.b.qid:
            qid_links[row.b.qid] = b
        if not (a.ok and b.ok):
            if AMBIGUOUS in (a.status, b.status) or CONTRADICTION in (a.status, b.status):
                report.rows_ambiguous += 1
            else:
                report.rows_unresolved += 1
            continue
        pairs.add(row, a, b)
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
    if not relations:
        raise ValidationFailed(_("the relations file has no rows"))
    problems = ProblemNames(report)
    for q, link in links.items():
        if q in partners:
            problems.add(None, refs[q], link, note=q)
    pairs = LinkedPairs(report)
    for number, a, b in progress(relations, len(relations), _("linking")):
        row = PairRow(number=number, a=refs[a], b=refs[b], note=f"{a}–{b}")
        la, lb = links[a], links[b]
        report.rows += 1
        if not (la.ok and lb.ok):
            if AMBIGUOUS in (la.status, lb.status):
                report.rows_ambiguous += 1
            else:
                report.rows_unresolved += 1
            continue
        pairs.add(row, la, lb)
    twins_import_links(
        pairs=pairs, linker=linker, source=source, actor=actor, report=report, dry_run=dry_run, qid_links=links
    )
    report.seconds = round(time.perf_counter() - started, 2)
    return report
