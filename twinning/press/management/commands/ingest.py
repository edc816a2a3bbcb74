"""`twinning ingest PATH... [--publisher PLACE] [--published YYYY-MM-DD]`: archive press releases and
queue their suggestions for review. Each file is its own transaction; a bad file is reported and
skipped, and the exit status is non-zero if any file failed."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from tqdm import tqdm

from twinning.core.errors import TwinningError
from twinning.core.files import input_limit, read_bytes
from twinning.core.services import Actor
from twinning.places.models import Place
from twinning.places.selectors import place_resolve
from twinning.press.ingest import article_ingest

SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml", ".md", ""}


def collect_files(paths: list[str]) -> list[Path]:
    """The files named, and the files under the folders named (recursively, hidden ones skipped)."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in SUFFIXES
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(_("%(path)s: no such file or folder") % {"path": name})
    return list(dict.fromkeys(found))


class Command(BaseCommand):
    help = "Archive press releases (files or folders) and queue what they mention for review."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (searched recursively)")
        parser.add_argument("--publisher", metavar="PLACE", help="the municipality that published the releases")
        parser.add_argument("--published", metavar="YYYY-MM-DD", help="publication date if the text lacks one")
        parser.add_argument(
            "--max-bytes",
            type=int,
            default=None,
            help="refuse files larger than this (default: the TWINNING_MAX_INPUT_BYTES setting)",
        )

    def handle(self, *args: object, **options: object) -> None:
        published = self._published(options.get("published"))
        publisher = self._publisher(options.get("publisher"))
        files = collect_files(list(options["paths"]))  # type: ignore[call-overload]
        if not files:
            raise CommandError(_("no files to ingest"))
        max_bytes = input_limit() if options["max_bytes"] is None else int(options["max_bytes"])  # type: ignore[call-overload]
        actor = Actor(via="cli:ingest")
        index = self._index()

        counts = {"new": 0, "adopted": 0, "unchanged": 0, "failed": 0, "suggestions": 0}
        failures: list[str] = []
        progress = tqdm(files, unit="file", disable=len(files) < 5 or not sys.stderr.isatty(), file=sys.stderr)
        for path in progress:
            try:
                outcome = article_ingest(
                    raw=read_bytes(path, limit=max_bytes),
                    name=str(path),
                    published=published,
                    publisher=publisher,
                    actor=actor,
                    index=index,
                )
            except (TwinningError, OSError) as error:
                counts["failed"] += 1
                message = str(error) if str(path) in str(error) else f"{path}: {error}"
                failures.append(message)
                self._say(progress, self.style.ERROR(_("skipped %(message)s") % {"message": message}), error=True)
                continue
            if outcome.created:
                counts["new"] += 1
                counts["suggestions"] += outcome.suggestions
                line = _("%(path)s: archived “%(title)s” with %(count)s suggestions") % {
                    "path": path,
                    "title": outcome.article.title,
                    "count": outcome.suggestions,
                }
            elif outcome.adopted:
                counts["adopted"] += 1
                counts["suggestions"] += outcome.suggestions
                line = _(
                    "%(path)s: already archived as “%(title)s” (without its text): text added, %(count)s suggestions"
                ) % {
                    "path": path,
                    "title": outcome.article.title,
                    "count": outcome.suggestions,
                }
            else:
                counts["unchanged"] += 1
                line = _("%(path)s: unchanged, already archived as “%(title)s”") % {
                    "path": path,
                    "title": outcome.article.title,
                }
            if options["verbosity"] >= 1:  # type: ignore[operator]
                self._say(progress, line)

        summary = _(
            "%(files)s files: %(new)s new articles, %(unchanged)s unchanged, %(failed)s failed, "
            "%(suggestions)s suggestions queued for review"
        ) % {"files": len(files), **counts}
        if counts["adopted"]:
            summary += " " + _("(%(adopted)s already archived without their text: text added)") % counts
        if failures:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

    def _say(self, progress: tqdm, line: str, *, error: bool = False) -> None:
        """A line of output that does not tear the progress bar."""
        if progress.disable:
            (self.stderr if error else self.stdout).write(line)
        else:
            progress.write(line, file=sys.stderr if error else sys.stdout)

    def _published(self, value: object) -> date | None:
        if not value:
            return None
        try:
            return date.fromisoformat(str(value))
        except ValueError as error:
            raise CommandError(_("--published: %(value)r is not a date like 2023-03-20") % {"value": value}) from error

    def _publisher(self, value: object) -> Place | None:
        if not value:
            return None
        matches = place_resolve(str(value), fuzzy=False, limit=1)
        if not matches:
            raise CommandError(_("--publisher: no place called %(name)r in the gazetteer") % {"name": value})
        return Place.objects.get(pk=matches[0].place.place_id)

    def _index(self) -> object:
        """The in-memory gazetteer index, built once for the whole batch."""
        from twinning.places.index import get_index

        return get_index()
