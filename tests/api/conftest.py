"""The Krefeld world of the portal tests, shared with the API tests; and the demo world (built by hand
from the seed documents) for lists long enough to page."""

from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from tests.portal.conftest import world  # noqa: F401


@pytest.fixture(scope="module")
def demo_world(gazetteer: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[None]:
    """`twinning demo` once per module, rolled back at its end."""
    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with translation.override("en"):
                call_command("demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
