import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from twinning.core.dates import PartialDate
from twinning.core.services import Actor
from twinning.partnerships.models import Partnership
from twinning.partnerships.selectors import partnership_list_for_place
from twinning.partnerships.services import partnership_create
from twinning.places.models import Place

pytestmark = pytest.mark.django_db


def partners(*args: str) -> str:
    out = StringIO()
    call_command("partners", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(gazetteer: None) -> None:
    call_command("demo", stdout=StringIO(), stderr=StringIO())


def test_krefeld_has_exactly_the_partners_of_the_seeds(demo: None) -> None:
    rows = json.loads(partners("Krefeld", "--json"))
    assert {row["partner"]["geonameid"] for row in rows} == {4460243, 3020686, 2644668, 2745641}
    charlotte = next(row for row in rows if row["partner"]["geonameid"] == 4460243)
    assert charlotte == {
        "partner": {"geonameid": 4460243, "name": "Charlotte", "country": "US"},
        "kind": "twinning",
        "since": "1986-05",
        "status": "active",
    }
    # Exonyms resolve, and the partnership is seen from both sides.
    back = json.loads(partners("Dünkirchen", "--json"))
    assert [row["partner"]["geonameid"] for row in back] == [2884509]
    text = partners("Krefeld")
    assert "Venlo (NL)" in text and "1964-11-21" in text


def test_san_antonio_prefers_the_place_with_partnerships_and_country_hint_works(demo: None) -> None:
    rows = json.loads(partners("San Antonio", "--json"))
    assert [(r["partner"]["geonameid"], r["since"]) for r in rows] == [(2938913, None)]
    assert json.loads(partners("San Antonio", "--country", "CL", "--json")) == []


def test_trilateral_partnership_gives_one_object_per_other_member(gazetteer: None) -> None:
    krefeld, venlo, leicester = (Place.objects.get(geonameid=g) for g in (2884509, 2745641, 2644668))
    partnership_create(
        places=[krefeld, venlo, leicester],
        kind="friendship",
        established=PartialDate.parse("2001-05-23"),
        actor=Actor(via="test"),
    )
    rows = json.loads(partners("Krefeld", "--json"))
    assert [(r["partner"]["name"], r["kind"], r["since"]) for r in rows] == [
        ("Leicester", "friendship", "2001-05-23"),
        ("Venlo", "friendship", "2001-05-23"),
    ]
    assert partnership_list_for_place(krefeld).count() == Partnership.objects.count() == 1


def test_unknown_place_or_bad_country_is_an_error(gazetteer: None) -> None:
    with pytest.raises(CommandError, match="no place called 'Xqzzyplatz'"):
        partners("Xqzzyplatz", "--json")
    with pytest.raises(CommandError, match="ISO 3166-1"):
        partners("Krefeld", "--country", "Germany")


def test_the_selector_does_not_query_per_partnership(demo: None, django_assert_max_num_queries) -> None:
    krefeld = Place.objects.get(geonameid=2884509)
    with django_assert_max_num_queries(2):
        names = [[m.place.country.name for m in p.members.all()] for p in partnership_list_for_place(krefeld)]
    assert len(names) == 4
