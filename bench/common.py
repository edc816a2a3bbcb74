"""Small helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from typing import Any


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    """p50 and p95 of a list of milliseconds."""
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def time_each(function: Callable[[Any], Any], inputs: Iterable[Any]) -> list[float]:
    """Milliseconds per call."""
    samples = []
    for item in inputs:
        started = time.perf_counter()
        function(item)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def rate(function: Callable[[Any], Any], inputs: list[Any], *, min_seconds: float = 1.0) -> float:
    """Calls per second over repeated passes through `inputs`, at least `min_seconds` long."""
    calls = 0
    started = time.perf_counter()
    while True:
        for item in inputs:
            function(item)
        calls += len(inputs)
        elapsed = time.perf_counter() - started
        if elapsed >= min_seconds:
            return calls / elapsed


def verdict(value: float, target: float, *, lower_is_better: bool) -> str:
    ok = value <= target if lower_is_better else value >= target
    return "meets target" if ok else "MISSES target"
