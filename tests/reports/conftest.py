from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Assertions match the English messages (the German catalogue translates them)."""
    with translation.override("en"):
        yield


@pytest.fixture
def demo_world(gazetteer: None) -> None:
    """The demo world built from the seeds (twinning/demo/data/demo_world.yaml)."""
    call_command("demo", stdout=StringIO())
