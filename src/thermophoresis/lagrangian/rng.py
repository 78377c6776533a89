"""Counter-based random numbers for the Numba kernels.

Every normal deviate is a pure function of ``(seed, particle id, step, component)``, through the
SplitMix64 finalizer (Steele, Lea & Flood 2014) and the Box–Muller transform. A particle's random stream
therefore does not depend on how the particles are split into chunks or threads, or on the order in which
they are processed. The same seed gives the same trajectories for any chunking, on one core or many.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_TWO53 = 2.0**-53


@nb.njit(cache=True, inline="always")
def splitmix64(x):
    z = x + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


@nb.njit(cache=True, inline="always")
def _key(seed, pid, step, k):
    # chain the finalizer over the four counters so that nearby keys give unrelated outputs
    h = splitmix64(np.uint64(seed))
    h = splitmix64(h ^ np.uint64(pid))
    h = splitmix64(h ^ np.uint64(step))
    return splitmix64(h ^ np.uint64(k))


@nb.njit(cache=True, inline="always")
def _uniform(h):
    # 53 random bits -> (0, 1]; never 0, so log() is safe
    return (float(h >> np.uint64(11)) + 1.0) * _TWO53


@nb.njit(cache=True, inline="always")
def stream(seed, pid, step):
    """The base state of the random stream of one particle at one step."""
    return _key(seed, pid, step, 0)


@nb.njit(cache=True, inline="always")
def normal_pair_from(base, k):
    """Deviates 2k and 2k+1 of a stream: the SplitMix64 sequence from ``base``, then Box–Muller."""
    u1 = _uniform(splitmix64(base + np.uint64(2 * k + 1) * _GOLDEN))
    u2 = _uniform(splitmix64(base + np.uint64(2 * k + 2) * _GOLDEN))
    r = math.sqrt(-2.0 * math.log(u1))
    return r * math.cos(2.0 * math.pi * u2), r * math.sin(2.0 * math.pi * u2)


@nb.njit(cache=True)
def normal_pair(seed, pid, step, k):
    """Two independent standard normal deviates for counter ``(seed, pid, step, k)``."""
    return normal_pair_from(stream(seed, pid, step), k)


@nb.njit(cache=True)
def normals(seed, pid, step, n):
    """``n`` standard normal deviates for one particle and step (testing helper)."""
    out = np.empty(n)
    base = stream(seed, pid, step)
    for k in range((n + 1) // 2):
        a, b = normal_pair_from(base, k)
        out[2 * k] = a
        if 2 * k + 1 < n:
            out[2 * k + 1] = b
    return out
