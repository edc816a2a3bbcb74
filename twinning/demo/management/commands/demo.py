from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from twinning.core.errors import TwinningError
from twinning.demo.exchange import demo_exchange_load
from twinning.demo.loader import DEMO_ACTOR, DEMO_FILE, demo_load


class Command(BaseCommand):
    help = "Load the demo world built from the seed documents (idempotent; loads the gazetteer first if needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=DEMO_FILE, help="The demo file (YAML).")
        parser.add_argument(
            "--no-exchange",
            action="store_true",
            help="Leave out the demo exchange (Dunkirk's visit to Krefeld with 60 generated participants).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        show = options["verbosity"] > 0
        try:
            report = demo_load(
                path=options["file"],
                progress=lambda total, unit: tqdm(total=total, unit=unit, disable=not show, file=self.stderr._out),
            )
            exchange = 0 if options["no_exchange"] else demo_exchange_load(actor=DEMO_ACTOR)
        except TwinningError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Demo world from {options['file'].name}: {report.summary()}.")
        if exchange:
            self.stdout.write(f"Demo exchange: {exchange} participants registered.")
