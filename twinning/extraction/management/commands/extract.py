"""`twinning extract PATH [--json] [--published YYYY-MM-DD] [--publisher PLACE]`."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.core.errors import ValidationFailed
from twinning.core.files import read_bytes
from twinning.extraction.errors import ExtractionError
from twinning.extraction.pipeline import extract


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


class Command(BaseCommand):
    help = "Extract places, partnerships, people, organisations, events and contacts from a press release."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a text or HTML file, or - for standard input")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--published", help="publication date, YYYY-MM-DD")
        parser.add_argument("--publisher", help="the publishing municipality (the home city)")

    def handle(self, *args, **options) -> None:
        published = parse_date(options["published"])
        try:
            raw, name = read_input(options["path"])
            result = extract(raw, published=published, publisher=options["publisher"], name=name)
        except ExtractionError as exc:
            raise CommandError(str(exc)) from exc
        if options["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
            return
        self.stdout.write(render(result))


def render(result: dict) -> str:
    lines = [f"language: {result['language']}   published: {result['published'] or '-'}"]

    def section(title: str, items: list[str]) -> None:
        lines.append(f"\n{title} ({len(items)})")
        lines.extend(f"  {item}" for item in items)

    section("places", [f"{p['name']} [{p['country'] or '?'}, {p['kind']}] geonameid={p['geonameid']}"
                       for p in result["places"]])  # fmt: skip
    section("partnerships", [f"{p['a']['name']} – {p['b']['name']} ({p['kind']})" for p in result["partnerships"]])
    section("people", [", ".join(x for x in (p["name"], p["role"], p["affiliation"]) if x) for p in result["people"]])
    section("organizations", [o["name"] for o in result["organizations"]])
    section(
        "events", [f"{e['start'] or '?'}..{e['end'] or '?'} {e['kind']}: {e['title'][:90]}" for e in result["events"]]
    )
    section("topics", result["topics"])
    section("contacts", [" ".join(x for x in (c["name"], c["email"], c["phone"]) if x) for c in result["contacts"]])
    return "\n".join(lines)
