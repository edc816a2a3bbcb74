"""Progress of a running job, shared between the process that runs it (a Celery worker, a thread)
and the one that answers the progress bar's polling. It lives in the cache, not in the job's row:
the job's own transaction would hide row updates until it commits."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

from django.core.cache import caches

T = TypeVar("T")
ALIAS = "jobs"
TTL = 24 * 3600
EVERY = 0.25  # seconds between cache writes while iterating


@dataclass
class Snapshot:
    label: str = ""
    done: int = 0
    total: int = 0

    @property
    def percent(self) -> int | None:
        return min(100, int(100 * self.done / self.total)) if self.total else None


def _key(job_id: object) -> str:
    return f"twinning:job:{job_id}:progress"


def progress_read(job_id: object) -> Snapshot:
    data = caches[ALIAS].get(_key(job_id))
    return Snapshot(**data) if data else Snapshot()


class Reporter:
    """Passed to the importers as their `progress` callable: wraps an iterable and publishes how
    far it has got, at most every EVERY seconds."""

    def __init__(self, job_id: object) -> None:
        self.job_id = job_id
        self._last = 0.0

    def publish(self, snapshot: Snapshot, *, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._last >= EVERY:
            caches[ALIAS].set(_key(self.job_id), asdict(snapshot), TTL)
            self._last = now

    def __call__(self, items: Iterable[T], total: int, label: str) -> Iterator[T]:
        snapshot = Snapshot(label=str(label), total=total or 0)
        self.publish(snapshot, force=True)
        for item in items:
            yield item
            snapshot.done += 1
            self.publish(snapshot)
        self.publish(snapshot, force=True)

    def step(self, label: str, done: int, total: int) -> None:
        self.publish(Snapshot(label=str(label), done=done, total=total), force=True)


def progress_clear(job_id: Any) -> None:
    caches[ALIAS].delete(_key(job_id))
