"""`twinning exchanges purge|import`: the retention job and the office's list import from the shell."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from twinning.core.errors import TwinningError
from twinning.core.services import Actor
from twinning.exchanges.importing import participants_import
from twinning.exchanges.selectors import activity_for_command
from twinning.exchanges.services import participants_purge


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--today: {value!r} is not a date (YYYY-MM-DD)") from error


class Command(BaseCommand):
    help = "Registrations of exchanges: delete participants whose retention period ended; import a list."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        purge = sub.add_parser("purge", help="Delete the participants of activities whose retention period ended.")
        purge.add_argument("--today", help="Pretend it is this day (YYYY-MM-DD).")
        purge.add_argument("--dry-run", action="store_true", help="Report what would be deleted; delete nothing.")
        imp = sub.add_parser("import", help="Import participants from a CSV or XLSX file.")
        imp.add_argument("activity", help="The activity's slug (its registration must exist).")
        imp.add_argument("file", type=Path)
        imp.add_argument("--encoding", help="The CSV's encoding when it is not UTF-8.")

    def handle(self, *args: Any, **options: Any) -> None:
        actor = Actor(via="cli:exchanges")
        try:
            if options["action"] == "purge":
                today = _date(options["today"]) if options["today"] else timezone.localdate()
                done = participants_purge(today=today, actor=actor, dry_run=options["dry_run"])
                verb = "would delete" if options["dry_run"] else "deleted"
                for item in done:
                    self.stdout.write(
                        f"{item.activity.slug}: {verb} {item.registrations} participants, {item.attendances} check-ins"
                    )
                self.stdout.write(f"{len(done)} activities past their retention period.")
                return
            activity = activity_for_command(options["activity"])
            result = participants_import(
                activity=activity, path=options["file"], actor=actor, encoding=options["encoding"]
            )
            self.stdout.write(f"{activity.slug}: {result.registered} registered, {result.waiting} on the waiting list.")
        except TwinningError as error:
            raise CommandError(str(error)) from error
