from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.core.errors import TwinningError
from twinning.ops.backup import backup_create


class Command(BaseCommand):
    help = "Write a consistent backup of the whole database (SQLite file or pg_dump archive) to PATH."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: object, path: Path, **options: object) -> None:
        try:
            info = backup_create(path=path)
        except TwinningError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"backup written: {info.path} ({info.engine}, {info.bytes:,} bytes)")
