"""`twinning extract PATH... [--json | --jsonl] [--published YYYY-MM-DD] [--publisher PLACE]`.

PATH is a file, a directory (its *.txt, *.html and *.htm files, sorted, not recursive) or - for
standard input. Many paths are read in one process, so the place index is opened once.
"""

import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from twinning.core.errors import ValidationFailed
from twinning.core.files import read_bytes
from twinning.extraction.errors import ExtractionError
from twinning.extraction.pipeline import extract
from twinning.extraction.result import ExtractionResult


def read_input(path: str) -> tuple[bytes, str]:
    """The raw bytes of PATH (or standard input for "-"), through the one input reader
    (twinning.core.files: missing files and files over TWINNING_MAX_INPUT_BYTES are refused)."""
    try:
        data = read_bytes(path)
    except ValidationFailed as error:
        raise ExtractionError(str(error)) from error
    return data, "<stdin>" if path == "-" else str(path)


def parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--published: {value!r} is not a date (YYYY-MM-DD)") from exc


TEXT_SUFFIXES = (".txt", ".html", ".htm")


def expand_paths(paths: list[str]) -> list[str]:
    """Files to read, in order: directories become their text and HTML files; missing paths fail."""
    files: list[str] = []
    for path in paths:
        if path == "-":
            files.append(path)
            continue
        entry = Path(path)
        if entry.is_dir():
            found = sorted(str(f) for f in entry.iterdir() if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                raise ExtractionError(f"{path}: no .txt or .html files in this directory")
            files.extend(found)
        elif not entry.exists():
            raise ExtractionError(f"{path}: no such file")
        else:
            files.append(path)
    return files


class Command(BaseCommand):
    help = "Extract places, partnerships, people, organisations, events and contacts from press releases."
    # Reading files and the place index needs none of Django's system checks (URLs, templates, admin,
    # models): they cost ~1 s of CPU at every start, a third of the budget of one file.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH",
                            help="text or HTML files, directories of them, or - for standard input")  # fmt: skip
        output = parser.add_mutually_exclusive_group()
        output.add_argument("--json", action="store_true", help="print one JSON object (an array for many files)")
        output.add_argument("--jsonl", action="store_true", help="print one JSON object per file and line")
        parser.add_argument("--published", help="publication date, YYYY-MM-DD")
        parser.add_argument("--publisher", help="the publishing municipality (the home city)")

    def handle(self, *args, **options) -> None:
        published = parse_date(options["published"])
        try:
            files = expand_paths(options["paths"])
            results = []
            for path in files:
                raw, name = read_input(path)
                result = extract(raw, published=published, publisher=options["publisher"], name=name)
                if options["jsonl"]:
                    self.stdout.write(json.dumps({"source": name, **result.to_dict()}, ensure_ascii=False))
                    self.stdout.flush()
                else:
                    results.append((name, result))
        except ExtractionError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(
                f"the place index needs the database ({exc.__class__.__name__}): run `twinning migrate` "
                "and `twinning load_gazetteer` first"
            ) from exc
        if options["jsonl"]:
            return
        if options["json"]:
            payload = (
                results[0][1].to_dict() if len(results) == 1 else [{"source": n, **r.to_dict()} for n, r in results]
            )
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
            return
        for name, result in results:
            if len(results) > 1:
                self.stdout.write(f"== {name}")
            self.stdout.write(render(result))


def render(result: ExtractionResult) -> str:
    published = result.published.isoformat() if result.published else "-"
    lines = [f"language: {result.language}   published: {published}"]

    def section(title: str, items: list[str]) -> None:
        lines.append(f"\n{title} ({len(items)})")
        lines.extend(f"  {item}" for item in items)

    section("places", [f"{p.name} [{p.country or '?'}, {p.kind}] geonameid={p.geonameid}" for p in result.places])
    section("partnerships", [f"{p.a.name} – {p.b.name} ({p.kind})" for p in result.partnerships])
    section("people", [", ".join(x for x in (p.name, p.role, p.affiliation) if x) for p in result.people])
    section("organizations", [o.name for o in result.organizations])
    section(
        "events",
        [
            f"{e.start.isoformat() if e.start else '?'}..{e.end.isoformat() if e.end else '?'} {e.kind}: {e.title[:90]}"
            for e in result.events
        ],
    )
    section("topics", list(result.topics))
    section("contacts", [" ".join(x for x in (c.name, c.email, c.phone) if x) for c in result.contacts])
    return "\n".join(lines)
