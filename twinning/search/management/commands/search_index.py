"""`twinning search_index`: recreate the search documents and the full-text index (after bulk
writes that bypass the models' save(), or to fill the index of an existing database)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from twinning.search.index import rebuild


class Command(BaseCommand):
    help = "Recreate the search documents and the full-text index."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild()
        self.stdout.write(f"{count} search documents indexed.")
