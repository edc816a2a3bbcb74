"""An exchange on real gazetteer places: Dunkirk's visit to Krefeld, organized by Krefeld's office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from tests.factories import ActivityFactory
from twinning.core.services import Actor
from twinning.exchanges.services import registration_settings_set
from twinning.places.models import Place

ACTOR = Actor(via="test")


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    with translation.override("en"):
        yield


def largest(name: str, country: str) -> Place:
    return Place.objects.filter(name=name, country_id=country).order_by("-population").first()  # type: ignore[return-value]


@pytest.fixture
def krefeld(gazetteer: None) -> Place:
    return largest("Krefeld", "DE")


@pytest.fixture
def dunkirk(gazetteer: None) -> Place:
    return largest("Dunkirk", "FR")


@pytest.fixture
def krefeld_office(krefeld: Place) -> Any:
    from twinning.offices.services import office_create

    return office_create(name="Stadt Krefeld, Städtepartnerschaften", places=[krefeld], actor=ACTOR)


@pytest.fixture
def other_office(dunkirk: Place) -> Any:
    from twinning.offices.services import office_create

    return office_create(name="Ville de Dunkerque, Relations internationales", places=[dunkirk], actor=ACTOR)


@pytest.fixture
def visit(krefeld: Place) -> Any:
    return ActivityFactory(
        title="Besuch aus Dünkirchen",
        kind="visit",
        place=krefeld,
        start=dt.date(2026, 6, 12),
        start_precision="day",
        end=dt.date(2026, 6, 14),
        end_precision="day",
    )


@pytest.fixture
def registration(visit: Any, krefeld_office: Any) -> Any:
    return registration_settings_set(activity=visit, office=krefeld_office, actor=ACTOR, is_open=True, capacity=3)


def member(username: str, office: Any, role: str = "editor") -> Any:
    from django.contrib.auth.models import User

    from twinning.offices.services import membership_set

    user = User.objects.create_user(username, password="pw-editor-123")
    membership_set(office=office, user=user, role=role, actor=ACTOR)
    return user
