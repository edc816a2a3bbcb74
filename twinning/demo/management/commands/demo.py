from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from twinning.core.errors import TwinningError
from twinning.demo.loader import DEMO_FILE, demo_load


class Command(BaseCommand):
    help = "Load the demo world built from the seed documents (idempotent; loads the gazetteer first if needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=DEMO_FILE, help="The demo file (YAML).")

    def handle(self, *args: Any, **options: Any) -> None:
        show = options["verbosity"] > 0
        try:
            report = demo_load(
                path=options["file"],
                progress=lambda total, unit: tqdm(total=total, unit=unit, disable=not show, file=self.stderr._out),
            )
        except TwinningError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Demo world from {options['file'].name}: {report.summary()}.")
