"""The kinds of background job: each turns a job's arguments into a call of the services that own
the work, reporting progress through the given reporter, and returns a JSON-able summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from twinning.core.errors import TwinningError, ValidationFailed
from twinning.core.files import read_bytes
from twinning.core.services import Actor

from .progress import Reporter

Runner = Callable[[dict[str, Any], Reporter, Actor], dict[str, Any]]


@dataclass(frozen=True)
class JobKind:
    key: str
    label: Any  # a lazy translation
    run: Runner


def _import_twins(arguments: dict[str, Any], reporter: Reporter, actor: Actor) -> dict[str, Any]:
    from twinning.imports.files import review_write, twin_file, twin_file_import

    names = arguments.get("names")
    twin = twin_file(
        path=Path(arguments["path"]),
        fmt=arguments.get("format") or None,
        names=Path(names) if names else None,
        source_label=arguments.get("source") or None,
        original_name=arguments.get("filename") or None,
    )
    report = twin_file_import(twin=twin, actor=actor, progress=reporter)
    review_write(report)
    return dict(report.as_dict())


def _ingest(arguments: dict[str, Any], reporter: Reporter, actor: Actor) -> dict[str, Any]:
    from twinning.places.index import get_index
    from twinning.places.models import Place
    from twinning.press.ingest import article_ingest

    paths = [Path(p) for p in arguments["paths"]]
    publisher = Place.objects.filter(pk=arguments["publisher"]).first() if arguments.get("publisher") else None
    published = date.fromisoformat(arguments["published"]) if arguments.get("published") else None
    index = get_index()
    counts = {"files": len(paths), "new": 0, "adopted": 0, "unchanged": 0, "failed": 0, "suggestions": 0}
    failures: list[str] = []
    for number, path in enumerate(paths):
        reporter.step(_("ingesting %(name)s") % {"name": path.name}, number, len(paths))
        try:
            # Each release is its own transaction: a bad file writes nothing and is reported.
            outcome = article_ingest(
                raw=read_bytes(path),  # the one input reader: TWINNING_MAX_INPUT_BYTES applies
                name=path.name,
                published=published,
                publisher=publisher,
                actor=actor,
                index=index,
            )
        except TwinningError as error:
            counts["failed"] += 1
            failures.append(f"{path.name}: {error.message}")
            continue
        if outcome.created or outcome.adopted:
            counts["new" if outcome.created else "adopted"] += 1
            counts["suggestions"] += outcome.suggestions
        else:
            counts["unchanged"] += 1
    reporter.step(_("done"), len(paths), len(paths))
    return {**counts, "failures": failures}


REGISTRY: dict[str, JobKind] = {
    kind.key: kind
    for kind in (
        JobKind("import_twins", gettext_lazy("Import twin-town data"), _import_twins),
        JobKind("ingest", gettext_lazy("Ingest press releases"), _ingest),
    )
}


def job_kind(key: str) -> JobKind:
    try:
        return REGISTRY[key]
    except KeyError:
        raise ValidationFailed(
            _("unknown job kind %(kind)s (one of: %(known)s)") % {"kind": key, "known": ", ".join(REGISTRY)}
        ) from None
