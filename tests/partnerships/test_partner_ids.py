"""The registry's partners of a place, by GeoNames id (extraction prefers them)."""

import pytest

from tests.factories import PartnershipFactory, PlaceFactory
from twinning.partnerships.selectors import partner_geonameids

pytestmark = pytest.mark.django_db


def test_partner_geonameids_lists_the_other_members():
    home, first, second, stranger = PlaceFactory(), PlaceFactory(), PlaceFactory(), PlaceFactory()
    PartnershipFactory(places=[home, first])
    PartnershipFactory(places=[second, home])
    PartnershipFactory(places=[first, stranger])
    assert partner_geonameids(home.geonameid) == {first.geonameid, second.geonameid}
    assert partner_geonameids(stranger.geonameid) == {first.geonameid}
