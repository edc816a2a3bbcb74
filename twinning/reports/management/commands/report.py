import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.core.errors import TwinningError
from twinning.reports.council import council_report, scope_for_place
from twinning.reports.council_pdf import council_pdf
from twinning.reports.eligibility import eligibility_for_activity
from twinning.reports.exports import council_csv
from twinning.reports.selectors import activity_for_report, place_for_report


class Command(BaseCommand):
    help = "Reports: a place's council report for a year; an activity's eligibility for a funding programme."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="report", required=True, metavar="council|eligibility")
        council = commands.add_parser("council", help="what a place's partnerships did in a year")
        council.add_argument("place", help="a place name or GeoNames id (Krefeld, 2884509)")
        council.add_argument("--year", type=int, required=True)
        council.add_argument("--country", help="ISO code to tell equally named places apart")
        out = council.add_mutually_exclusive_group()
        out.add_argument("--json", action="store_true")
        out.add_argument("--pdf", metavar="PATH")
        out.add_argument("--csv", metavar="PATH")
        eligibility = commands.add_parser(
            "eligibility", help="an activity's figures against a funding programme's rules"
        )
        eligibility.add_argument("activity", help="the activity's slug or id")
        eligibility.add_argument(
            "--programme", help="a funding programme (default: the activity's, else cerv-twinning)"
        )
        eligibility.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["report"] == "council":
                self.council(options)
            else:
                self.eligibility(options)
        except TwinningError as error:
            raise CommandError(f"report {options['report']}: {error}") from None

    def council(self, options: dict[str, Any]) -> None:
        year = options["year"]
        if not 1900 <= year <= 2200:
            raise CommandError(f"report council: --year must be between 1900 and 2200, not {year}.")
        place = place_for_report(options["place"], country=options.get("country"))
        report = council_report(scope_for_place(place), year=year)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
            return
        if options["pdf"]:
            self._write(Path(options["pdf"]), council_pdf(report))
            return
        if options["csv"]:
            self._write(Path(options["csv"]), council_csv(report).encode("utf-8"))
            return
        self.stdout.write(f"{report.scope} {report.year}")
        self.stdout.write(f"  activities: {len(report.activities)} ({report.participants_total} participants)")
        for row in report.activities:
            start = row.activity.starts.iso() if row.activity.starts else ""
            self.stdout.write(f"    {start:<10}  {row.activity.title}  [{row.participants.total or '–'}]")
        self.stdout.write(f"  participants by country: {report.participants_by_country}")
        self.stdout.write(f"  partnerships: {report.liveliness}")
        self.stdout.write(f"  anniversaries in {year + 1}: {len(report.anniversaries)}")
        self.stdout.write(f"  press: {len(report.articles)}")

    def eligibility(self, options: dict[str, Any]) -> None:
        activity = activity_for_report(options["activity"])
        result = eligibility_for_activity(activity, programme=options.get("programme"))
        if options["json"]:
            data = {"activity": activity.slug, "title": activity.title} | result.as_json()
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        found = result.figures
        self.stdout.write(f"{activity.title} — {result.programme.name}")
        self.stdout.write(f"  participants: {found.participants}, invited from abroad: {found.invited}")
        if not found.participants and activity.participant_count:
            self.stdout.write(
                f"  (no registrations: the activity states {activity.participant_count} participants, "
                "without the details the rules need)"
            )
        self.stdout.write(f"  countries: {', '.join(found.countries) or '–'} (host: {found.host_country or '?'})")
        for day, n in found.per_day.items():
            how = "checked in" if found.per_day_checked_in[day] else "registered"
            self.stdout.write(f"  {day.isoformat()}: {n} ({how})")
        for rule in result.results:
            mark = "met    " if rule.met else "NOT MET"
            self.stdout.write(f"  [{mark}] {rule.message}")
        self.stdout.write("eligible" if result.eligible else f"not eligible: {len(result.unmet)} rule(s) not met")

    def _write(self, path: Path, data: bytes) -> None:
        if not path.parent.is_dir():
            raise CommandError(f"report: the folder of {path} does not exist.")
        try:
            path.write_bytes(data)
        except OSError as error:
            raise CommandError(f"report: cannot write {path}: {error.strerror}.") from None
        self.stdout.write(f"Wrote {path} ({len(data)} bytes).")
