"""The demo world with the recorded Wikidata P190 statements of Krefeld (Q2805) and Darmstadt (Q2973)
imported on top (every row of the real relations file that names either city: Krefeld gains its
QID and its Wikidata partners), built once for the package and rolled back at the end."""

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
KREFELD_QID, DARMSTADT_QID = "Q2805", "Q2973"


def relations_naming(path: Path, qids: set[str], *, without: set[frozenset[str]] = frozenset()) -> Path:  # type: ignore[assignment]
    """The rows of the real relations file that name one of `qids`, except the pairs `without`."""
    rows = [
        line
        for line in RELATIONS.read_text(encoding="utf-8").splitlines()
        if set(line.split("\t")) & qids and frozenset(line.split("\t")) not in without
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def import_relations(path: Path) -> None:
    call_command("import_twins", str(path), "--format", "wikidata-tsv", "--names", str(NAMES), "-v0", stdout=StringIO())


@pytest.fixture(scope="package")
def registry(
    gazetteer: None, django_db_blocker: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    relations = relations_naming(tmp_path_factory.mktemp("wikidata") / "relations.tsv", {KREFELD_QID, DARMSTADT_QID})
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with translation.override("en"):
                call_command("demo", stdout=StringIO(), stderr=StringIO())
                import_relations(relations)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
