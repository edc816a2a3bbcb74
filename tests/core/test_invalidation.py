"""Derived figures are cached per data generation; a committed write moves the generation on."""

from __future__ import annotations

import pytest

from twinning.core import invalidation

pytestmark = pytest.mark.django_db


def test_cached_until_a_committed_change(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert invalidation.cached("probe", compute) == 1
    assert invalidation.cached("probe", compute) == 1  # cached
    before = invalidation.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invalidation.data_changed()
        invalidation.data_changed()  # twice in one transaction: invalidated once
    assert len(callbacks) == 1
    assert invalidation.generation() == before + 1
    assert invalidation.cached("probe", compute) == 2  # recomputed


def test_a_rolled_back_change_invalidates_nothing(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    before = invalidation.generation()
    with django_capture_on_commit_callbacks(execute=False):
        invalidation.data_changed()
    assert invalidation.generation() == before


def test_saving_a_registry_record_announces_a_change(gazetteer: None, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from twinning.core.services import SYSTEM
    from twinning.partnerships.services import partnership_create
    from twinning.places.models import Place

    krefeld, leiden = Place.objects.get(geonameid=2884509), Place.objects.get(geonameid=2751773)
    before = invalidation.generation()
    with django_capture_on_commit_callbacks(execute=True):
        partnership_create(places=[krefeld, leiden], kind="friendship", actor=SYSTEM)
    assert invalidation.generation() > before


def test_every_commit_in_a_test_transaction_invalidates(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    # Django keeps run hooks in run_on_commit until the outermost transaction ends; a second
    # simulated commit must still register (and run) its own invalidation.
    before = invalidation.generation()
    for step in (1, 2):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            invalidation.data_changed()
        assert len(callbacks) == 1
        assert invalidation.generation() == before + step


def test_a_change_after_a_rolled_back_savepoint_still_invalidates(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from django.db import transaction

    before = invalidation.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                invalidation.data_changed()
                raise RuntimeError("roll the savepoint back")
        except RuntimeError:
            pass
        invalidation.data_changed()  # the savepoint's hook was dropped with it: this one counts
    assert len(callbacks) == 1
    assert invalidation.generation() == before + 1


def test_listeners_are_told_on_commit(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    told: list[int] = []

    def listener() -> None:
        told.append(1)

    invalidation.on_change(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            invalidation.data_changed()
        assert told == [1]
    finally:
        invalidation._listeners.remove(listener)
