"""The demo world with real Wikidata P190 statements imported on top: every row of the recorded
relations file naming Krefeld (Q2805), Darmstadt (Q2973) or Leiden (Q43631), except Krefeld–Leiden,
so Wikidata has one pair the registry lacks. Built once for the package, rolled back at the end."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from tests.conftest import TWINS

NAMES = TWINS / "wikidata_p190_2016_names.tsv"
RELATIONS = TWINS / "wikidata_p190_2016_relations.tsv"
KREFELD, DARMSTADT, LEIDEN, CHARLOTTE, LEICESTER, DUNKIRK = "Q2805", "Q2973", "Q43631", "Q16565", "Q83065", "Q45797"
SUBSET = {KREFELD, DARMSTADT, LEIDEN}


def relations_subset(path: Path, *, without: set[tuple[str, str]]) -> Path:
    """The real rows naming a city of SUBSET, except the directed statements `without`."""
    rows = [
        line
        for line in RELATIONS.read_text(encoding="utf-8").splitlines()
        if set(line.split("\t")) & SUBSET and tuple(line.split("\t")) not in without
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="package")
def registry(
    gazetteer: None, django_db_blocker: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    relations = relations_subset(
        tmp_path_factory.mktemp("wikidata") / "imported.tsv", without={(KREFELD, LEIDEN), (LEIDEN, KREFELD)}
    )
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with translation.override("en"):
                call_command("demo", stdout=StringIO(), stderr=StringIO())
                call_command(
                    "import_twins", str(relations), "--format", "wikidata-tsv", "--names", str(NAMES), "-v0",
                    stdout=StringIO(),
                )  # fmt: skip
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
