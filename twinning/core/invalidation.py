"""Explicit invalidation of derived data (statistics, list counts, partnership health, search).

Derived figures are cached under the current *generation*; a write that changes registry data
calls `data_changed()` inside its transaction, and on commit the generation moves on, so every
cached figure is recomputed on its next read and listeners (such as the graph) are told.
Registry models announce their own saves and deletes (`connect_models`); bulk writes that bypass
`save()` (imports) call `data_changed()` themselves.

The generation lives in the "derived" cache, shared by every process of a host (a folder under
var/cache; Redis with CACHE_URL), so a write committed by one process (an import on the command
line) invalidates what the server's processes cached; the figures themselves are cached in the
"default" cache.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache, caches
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "twinning:generation"
CHANGED_AT_KEY = "twinning:generation-changed-at"
T = TypeVar("T")

_listeners: list[Callable[[], None]] = []


def _fresh_generation() -> int:
    # The clock in microseconds: a cache that starts afresh (evicted, cleared, restarted) never
    # meets a generation some process already built a graph or cached a figure under.
    return time.time_ns() // 1000


def generation() -> int:
    """The current data generation (moves on with every committed change)."""
    shared = caches["derived"]
    value = shared.get(GENERATION_KEY)
    if value is None:
        shared.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = shared.get(GENERATION_KEY, 0)
    return int(value)


def changed_at() -> float:
    """When the current generation began (seconds since the epoch): the `Last-Modified` of
    everything derived from the registry. A fresh cache starts the clock at its first read."""
    shared = caches["derived"]
    value = shared.get(CHANGED_AT_KEY)
    if value is None:
        shared.add(CHANGED_AT_KEY, time.time(), timeout=None)
        value = shared.get(CHANGED_AT_KEY, time.time())
    return float(value)


def on_change(listener: Callable[[], None]) -> Callable[[], None]:
    """Register a function to call after every committed change (e.g. drop an in-memory graph)."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


class _Invalidation:
    """One pending invalidation: registered at most once per transaction and run on its commit.

    It knows whether it has run. Django keeps a hook in `run_on_commit` until the outermost
    transaction ends, and a test's `captureOnCommitCallbacks(execute=True)` runs the hooks of its
    block without removing them; a hook that is merely *present* therefore does not mean a
    change is still to be announced (the earlier check "is `_invalidate` in the list" swallowed
    every change after the first commit a test simulated). A hook registered in a savepoint that
    rolls back is dropped by Django, so the next change registers a new one.
    """

    __slots__ = ("ran",)

    def __init__(self) -> None:
        self.ran = False

    def __call__(self) -> None:
        self.ran = True
        _invalidate()


def data_changed() -> None:
    """Announce a change of registry data: once the surrounding transaction commits (at once
    outside one), cached figures are invalidated and listeners are called. Called many times in
    one transaction, it invalidates once."""
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        isinstance(hook, _Invalidation) and not hook.ran for _sids, hook, *_rest in connection.run_on_commit
    ):
        return
    transaction.on_commit(_Invalidation())


def _invalidate() -> None:
    shared = caches["derived"]
    try:
        shared.incr(GENERATION_KEY)
    except ValueError:  # not there (evicted or never read): a generation no process has used
        shared.set(GENERATION_KEY, _fresh_generation(), timeout=None)
    shared.set(CHANGED_AT_KEY, time.time(), timeout=None)
    for listener in list(_listeners):
        listener()


def cached(name: str, compute: Callable[[], T], *parts: Any, timeout: int | None = 24 * 3600) -> T:
    """`compute()` cached under `name` and `parts` for the current generation."""
    key = ":".join(["twinning", name, str(generation()), *(str(p) for p in parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=timeout)
    return value


def _announce(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # fixtures loading
        return
    data_changed()


def connect_models(*model_classes: type[models.Model]) -> None:
    """Announce saves, deletes and many-to-many changes of these models."""
    for model in model_classes:
        post_save.connect(_announce, sender=model, dispatch_uid=f"invalidation-save-{model._meta.label}")
        post_delete.connect(_announce, sender=model, dispatch_uid=f"invalidation-delete-{model._meta.label}")
        for field in model._meta.local_many_to_many:
            through: Any = field.remote_field.through
            m2m_changed.connect(_announce, sender=through, dispatch_uid=f"invalidation-m2m-{through._meta.label}")
