from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from twinning.places.gazetteer import gazetteer_load
from twinning.places.persisted import persist_index


class Command(BaseCommand):
    help = "Load GeoNames countries and places with 500+ inhabitants (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        show = options["verbosity"] > 0
        report = gazetteer_load(
            progress=(lambda total, unit: tqdm(total=total, unit=unit, disable=not show, file=self.stderr._out))
        )
        index_report = persist_index()
        self.stdout.write(
            f"Gazetteer: {report.countries} countries and {report.places_created} places added "
            f"({report.places_existing} already there), {report.names_created} names, "
            f"{report.local_names} places with names in the interface languages, "
            f"{report.seconds:.1f} s ({report.rows_per_second:,.0f} rows/s)."
        )
        if index_report:
            self.stdout.write(index_report)
