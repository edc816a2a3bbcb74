"""One entry point for importing a twin-town file, shared by the `import_twins` command and the
background job: pick the reader by format, import, and write the review file."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from twinning.core.errors import ValidationFailed
from twinning.core.files import check_input, count_lines
from twinning.core.services import Actor
from twinning.core.text import slugify_name

from .readers import PairRow, parse_mapping, read_csv, read_sparql_json, read_wikidata_tsv
from .services import ImportReport, Progress, SourceSpec, _no_progress, twins_import, wikidata_tsv_import, write_review

FORMATS = ("csv", "wikidata-tsv", "wikidata-json")
KNOWN_SOURCES = {
    "wikipedia_twin_cities_2026": SourceSpec(
        key="dataset:wikipedia_twin_cities_2026",
        title="Wikipedia lists of twin towns and sister cities (via Hekman/twincities, 2026)",
        url="https://github.com/Hekman/twincities",
        license="CC BY-SA (Wikipedia); coordinates partly ODbL (OpenStreetMap)",
    ),
    "wikidata_p190_2016": SourceSpec(
        key="dataset:wikidata_p190_2016",
        title="Wikidata P190 twinned administrative body (CC0), via L3viathan/sister-cities, 2016",
        url="https://github.com/L3viathan/sister-cities",
        license="CC0 1.0",
    ),
}


@dataclass(frozen=True)
class TwinFile:
    """What to import: the file, its format and, for the Wikidata pair, the names file."""

    path: Path
    fmt: str
    names: Path | None = None
    source_label: str | None = None
    mapping: str | None = None
    original_name: str | None = None  # an upload's own name (the stored copy's name differs)
    encoding: str | None = None  # None: UTF-8 only (twinning.core.files); else read in this encoding


def source_for(path: Path, label: str | None) -> SourceSpec:
    if label:
        slug = slugify_name(label).replace("-", "_")
        return KNOWN_SOURCES.get(slug) or SourceSpec(key=f"dataset:{slug}", title=label)
    stem = re.sub(r"_(relations|names|geocoded)$", "", path.stem.casefold())
    slug = slugify_name(stem).replace("-", "_")
    return KNOWN_SOURCES.get(slug) or SourceSpec(key=f"dataset:{slug}", title=path.name)


def guess_format(path: Path) -> str:
    suffix = path.suffix.casefold()
    return {".csv": "csv", ".tsv": "wikidata-tsv", ".json": "wikidata-json"}.get(suffix, "csv")


def twin_file(
    *,
    path: Path,
    fmt: str | None = None,
    names: Path | None = None,
    source_label: str | None = None,
    mapping: str | None = None,
    original_name: str | None = None,
    encoding: str | None = None,
) -> TwinFile:
    """Check the arguments before anything is read: the file exists, the format is known, the
    Wikidata pair has its names file."""
    check_input(path)  # exists, is a file, within TWINNING_MAX_INPUT_BYTES
    fmt = fmt or guess_format(Path(original_name) if original_name else path)
    if fmt not in FORMATS:
        raise ValidationFailed(
            _("unknown format %(fmt)s (one of: %(known)s)") % {"fmt": fmt, "known": ", ".join(FORMATS)}
        )
    if fmt == "wikidata-tsv":
        names = names or path.with_name(path.name.replace("relations", "names"))
        if names == path or not names.is_file():
            raise ValidationFailed(_("give the names file with --names (looked for %(names)s)") % {"names": names})
    return TwinFile(
        path=path,
        fmt=fmt,
        names=names,
        source_label=source_label,
        mapping=mapping,
        original_name=original_name,
        encoding=encoding,
    )


def twin_file_import(
    *, twin: TwinFile, actor: Actor, dry_run: bool = False, progress: Progress = _no_progress
) -> ImportReport:
    source = source_for(Path(twin.original_name) if twin.original_name else twin.path, twin.source_label)
    if twin.fmt == "wikidata-tsv":
        assert twin.names is not None  # checked by twin_file
        labels, relations = read_wikidata_tsv(twin.names, twin.path, encoding=twin.encoding)
        return wikidata_tsv_import(
            labels=labels, relations=relations, source=source, actor=actor, dry_run=dry_run, progress=progress
        )
    # Rows are streamed from the file (memory bounded; a bad line fails before anything is written).
    if twin.fmt == "wikidata-json":
        parsed = list(read_sparql_json(twin.path, encoding=twin.encoding))  # JSON is parsed whole anyway
        rows: Iterable[PairRow] = parsed
        total = len(parsed)
    else:
        rows = read_csv(twin.path, mapping=parse_mapping(twin.mapping), encoding=twin.encoding)
        total = max(count_lines(twin.path) - 1, 0)  # for the progress bar: lines less the header
    return twins_import(rows=rows, source=source, actor=actor, dry_run=dry_run, progress=progress, total=total)


def review_write(report: ImportReport, path: Path | None = None) -> Path | None:
    """Write the review CSV (ambiguous, unresolved and created places) if there is anything to review."""
    if not report.review:
        return None
    path = path or Path(settings.VAR_DIR) / "imports" / (
        f"review-{report.source.split(':')[-1]}-{timezone.now():%Y%m%d-%H%M%S}.csv"
    )
    write_review(report, path)
    return path
