from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """Assertions match the English messages (the German catalogue translates them)."""
    with translation.override("en"):
        yield
