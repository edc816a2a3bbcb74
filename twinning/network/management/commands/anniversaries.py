import json
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.network.anniversaries import anniversary_list, window_for_year, window_from


class Command(BaseCommand):
    help = "Partnership anniversaries (every fifth year) in a year, or in the next 12 months."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="a calendar year (default: the next 12 months from today)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"]
        if year is not None and not 1 <= year <= 9998:
            raise CommandError(f"anniversaries: --year must be between 1 and 9998, not {year}.")
        start, end = window_for_year(year) if year else window_from(date.today())
        found = anniversary_list(start=start, end=end)
        if options["json"]:
            self.stdout.write(json.dumps([a.as_json() for a in found], ensure_ascii=False, indent=2))
            return
        for a in found:
            names = " – ".join(p["name"] for p in a.partnership.places)
            self.stdout.write(
                f"{a.date.iso():<10}  {a.years:3d} years  {names} (since {a.partnership.established.iso()})"
            )
        self.stdout.write(f"{len(found)} anniversaries from {start} to {end}.")
