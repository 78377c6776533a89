"""Shared timing helper for the benchmark scripts."""

from __future__ import annotations

import statistics
import time


def best_of(fn, repeat: int = 5) -> float:
    """Shortest wall time [s] of ``repeat`` calls of ``fn``."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def median_time(fn, repeat: int = 3) -> float:
    """Median wall time [s] of ``repeat`` calls of ``fn``."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
