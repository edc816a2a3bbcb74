"""The Krefeld world of the portal tests, shared with the API tests."""

from tests.portal.conftest import world  # noqa: F401
