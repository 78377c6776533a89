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


# --- what two threads can give on this machine ---------------------------------------------------------
# A kernel's 2-thread gain is bounded by the machine's: on a virtual machine the two vCPUs may share one
# physical core's execution units (hyperthreads of the host), or the host may be busy. Two reference loops
# with no memory traffic and no synchronisation, run on 1 and 2 Python threads (Numba, GIL released):
# throughput-bound (eight independent SplitMix64 chains, as a block of eight particles keeps the execution
# units full) and latency-bound (one chain, each step waiting for the one before, as a particle run alone).
# Measured on the 2-vCPU machine of 2026-12-02 (idle): throughput-bound 1.28-1.64x (single pairs from 1.07x
# to 2.2x), latency-bound 1.90-2.07x. A kernel at the throughput-bound reference's gain is at the machine's.


def _reference_loops():
    import numba as nb
    import numpy as np

    @nb.njit(nogil=True, cache=True)
    def throughput(n, seed):
        s = np.zeros(8, dtype=np.uint64)
        for k in range(8):
            s[k] = seed + k
        acc = 0.0
        for _ in range(n):
            for k in range(8):
                z = s[k] + np.uint64(0x9E3779B97F4A7C15)
                s[k] = z
                z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
                z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
                acc += float(z >> np.uint64(11))
        return acc

    @nb.njit(nogil=True, cache=True)
    def latency(n, seed):
        z = np.uint64(seed)
        acc = 0.0
        for _ in range(8 * n):
            z = z + np.uint64(0x9E3779B97F4A7C15)
            z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
            z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
            acc += float(z >> np.uint64(11))
        return acc

    return throughput, latency


def thread_reference(repeat: int = 7, n: int = 2_000_000) -> str:
    """The machine's 2-thread gain on the two reference loops above (median, min-max of ``repeat`` pairs of
    one 2n-iteration run on one thread and two n-iteration runs on two threads), as one line of text."""
    import threading

    out = []
    for name, fn in zip(("throughput-bound", "latency-bound"), _reference_loops()):
        fn(10, 1)  # compile (or load from the cache)
        gains = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn(2 * n, 1)
            one = time.perf_counter() - t0
            pool = [threading.Thread(target=fn, args=(n, k)) for k in range(2)]
            t0 = time.perf_counter()
            for t in pool:
                t.start()
            for t in pool:
                t.join()
            gains.append(one / (time.perf_counter() - t0))
        out.append(f"{name} x{statistics.median(gains):.2f} ({min(gains):.2f}-{max(gains):.2f})")
    return "machine reference, 2 threads / 1 on loops with no memory traffic: " + ", ".join(out)
