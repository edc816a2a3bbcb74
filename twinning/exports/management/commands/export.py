from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from twinning.exports.dumps import FORMATS, write_dump


class Command(BaseCommand):
    help = "Write the whole registry as JSON-LD (W3C Organization ontology), Popolo JSON or an RGRE-shaped CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", required=True, choices=sorted(FORMATS), help="the dump's format")
        parser.add_argument("--output", type=Path, help="the file to write (default: standard output)")
        parser.add_argument("--base-url", help="absolute URLs of the records (default: TWINNING_BASE_URL)")

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path | None = options["output"]
        name = options["format"]
        if output is not None:
            if output.is_dir():
                raise CommandError(f"export: --output {output} is a directory; name a file")
            if not output.parent.is_dir():
                raise CommandError(f"export: --output {output}: the folder {output.parent} does not exist")
            try:
                write_dump(name, output, base=options["base_url"])
            except OSError as error:
                raise CommandError(f"export: cannot write {output}: {error.strerror or error}") from error
            self.stderr.write(f"export: wrote {output} ({FORMATS[name].description})")
            return
        with tempfile.TemporaryDirectory() as folder:
            path = write_dump(name, Path(folder) / FORMATS[name].filename, base=options["base_url"])
            with path.open(encoding="utf-8") as stream:
                for chunk in iter(lambda: stream.read(1 << 16), ""):
                    sys.stdout.write(chunk)
