import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.core.errors import TwinningError
from twinning.ops.backup import backup_restore


class Command(BaseCommand):
    help = "Replace the database with a backup made by `twinning backup`, then migrate it to the current schema."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args: object, path: Path, yes: bool, **options: object) -> None:
        if not yes:
            if not sys.stdin.isatty():
                raise CommandError("restore replaces the whole database: pass --yes to confirm; nothing changed")
            answer = input(f"Replace the whole database with {path}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes", "j", "ja"}:
                raise CommandError("restore cancelled; nothing changed")
        try:
            info = backup_restore(path=path)
        except TwinningError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"restored from {info.path} ({info.engine}) and migrated")
