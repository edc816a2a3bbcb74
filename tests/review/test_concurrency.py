"""Two editors deciding at the same moment, on real threads with their own database connections.

The decisions must see each other's committed writes, so these tests cannot run inside the
per-test transaction of the `db` fixture; and a transactional test would flush the database (the
gazetteer with it) afterwards. They run on a throwaway copy of this process's test database
instead (`scratch_database`), on SQLite and on PostgreSQL alike.

A decision's apply step is slowed down by a fraction of a second (the real apply runs, then it
waits) so that the two decisions overlap for certain instead of by luck.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connections
from django.test import Client
from django.urls import reverse

from tests.template_db import scratch_database
from twinning.core.services import Actor
from twinning.directory.access import GROUP_EDITORS
from twinning.directory.models import Person
from twinning.press.services import article_create
from twinning.review import kinds
from twinning.review.models import Suggestion

OVERLAP = 0.5  # seconds the first decision keeps its transaction open after applying


@pytest.fixture
def scratch(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), scratch_database():
        yield


@pytest.fixture
def slow_apply(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind's real apply, followed by a pause inside the decision's transaction."""
    for name, review_kind in list(kinds.KINDS.items()):

        def slowed(*args: Any, _apply: Callable[..., Any] = review_kind.apply, **kwargs: Any) -> Any:
            record = _apply(*args, **kwargs)
            time.sleep(OVERLAP)
            return record

        monkeypatch.setitem(kinds.KINDS, name, dataclasses.replace(review_kind, apply=slowed))


def _editor(username: str) -> Client:
    user = get_user_model().objects.create_user(username, password="pw")
    user.groups.add(Group.objects.get(name=GROUP_EDITORS))
    client = Client()
    client.force_login(user)
    return client


def _person_suggestion(title: str, name: str) -> Suggestion:
    article = article_create(
        title=title, source_key=f"test:{title}", body=f"{name} besuchte Krefeld.", actor=Actor(via="test")
    )
    return Suggestion.objects.create(
        article=article,
        kind=Suggestion.Kind.PERSON,
        key=name.lower(),
        label=name,
        data={"name": name, "role": "", "affiliation": "", "visibility": "internal"},
        extracted={"name": name, "role": None, "affiliation": None, "spans": [[0, len(name)]]},
        spans=[[0, len(name)]],
        span_start=0,
        span_end=len(name),
    )


def _at_once(*posts: tuple[Client, str, dict[str, str]]) -> list[int]:
    """POST all requests at the same moment, each from its own thread; their status codes."""
    barrier = threading.Barrier(len(posts))
    statuses: list[int] = [0] * len(posts)
    errors: list[BaseException] = []

    def run(index: int, client: Client, url: str, data: dict[str, str]) -> None:
        try:
            barrier.wait()
            statuses[index] = client.post(url, data).status_code
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, *post)) for i, post in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return statuses


def test_two_simultaneous_accepts_of_one_suggestion_one_wins_one_is_told(scratch: None, slow_apply: None) -> None:
    suggestion = _person_suggestion("Besuch aus Venlo", "Erika Gleichzeitig")
    url = reverse("review:decide", args=[suggestion.pk])
    first, second = _editor("first"), _editor("second")
    statuses = _at_once((first, url, {"action": "accept"}), (second, url, {"action": "accept"}))
    assert sorted(statuses) == [302, 409]
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.ACCEPTED
    assert Person.objects.filter(name="Erika Gleichzeitig").count() == 1


def test_a_second_decision_409_names_the_conflict(scratch: None, slow_apply: None) -> None:
    suggestion = _person_suggestion("Empfang in Krefeld", "Hans Zugleich")
    url = reverse("review:decide", args=[suggestion.pk])
    first, second = _editor("first"), _editor("second")
    statuses = _at_once((first, url, {"action": "accept"}), (second, url, {"action": "reject"}))
    assert sorted(statuses) == [302, 409]
    answer = second.post(url, {"action": "reject"}, headers={"Accept-Language": "en"})
    assert answer.status_code == 409 and "already decided" in answer.content.decode()


def test_the_same_new_person_from_two_articles_accepted_at_once(scratch: None, slow_apply: None) -> None:
    one = _person_suggestion("Partnerschaftstreffen in Krefeld", "Maria Doppelt")
    other = _person_suggestion("Schüleraustausch mit Venlo", "Maria Doppelt")
    first, second = _editor("first"), _editor("second")
    statuses = _at_once(
        (first, reverse("review:decide", args=[one.pk]), {"action": "accept"}),
        (second, reverse("review:decide", args=[other.pk]), {"action": "accept"}),
    )
    assert statuses == [302, 302]
    # No 500 on the unique slug, and no duplicate: the second accept links to the first's person.
    people = list(Person.objects.filter(name="Maria Doppelt"))
    assert len(people) == 1
    one.refresh_from_db()
    other.refresh_from_db()
    assert one.record == other.record == people[0]


def test_slugs_taken_meanwhile_are_allocated_again(scratch: None) -> None:
    """Two namesakes created at once: the second allocates its slug while the first, not committed
    yet, holds the same one; it must get another one, not an IntegrityError."""
    from django.db import transaction

    from twinning.directory.services import person_create

    created: list[Person] = []
    errors: list[BaseException] = []
    first_inserted = threading.Event()

    def first() -> None:
        try:
            with transaction.atomic():
                created.append(person_create(name="Jörg Schnell", actor=Actor(via="test")))
                first_inserted.set()
                time.sleep(OVERLAP)
        except BaseException as error:
            errors.append(error)
        finally:
            first_inserted.set()
            connections.close_all()

    def second() -> None:
        try:
            first_inserted.wait(timeout=30)
            created.append(person_create(name="Jörg Schnell", actor=Actor(via="test")))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert len(created) == 2 and len({person.slug for person in created}) == 2
