import pytest

from twinning.places.gazetteer import gazetteer_load
from twinning.places.models import Country, Place, PlaceName

pytestmark = pytest.mark.django_db


def test_the_gazetteer_holds_geonames_places_with_their_alternate_names(gazetteer: None) -> None:
    assert Place.objects.filter(geonameid__isnull=False).count() > 230_000
    assert Country.objects.get(code="DE").name == "Germany"
    krefeld = Place.objects.get(geonameid=2884509)
    assert (krefeld.name, krefeld.country_id, krefeld.admin1_code) == ("Krefeld", "DE", "07")
    assert krefeld.population > 200_000
    dunkirk_keys = set(PlaceName.objects.filter(place__geonameid=3020686).values_list("key", flat=True))
    assert {"dunkerque", "dunkirchen", "duenkirchen"} <= dunkirk_keys


def test_loading_again_adds_nothing(gazetteer: None) -> None:
    before = Place.objects.count(), PlaceName.objects.count()
    report = gazetteer_load()
    assert report.places_created == 0
    assert (Place.objects.count(), PlaceName.objects.count()) == before
