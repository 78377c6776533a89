"""Counter-based random numbers for the Numba kernels.

Every random number is a pure function of ``(seed, particle id, step)`` and its position in that step's
stream: the stream of a step is the SplitMix64 sequence (Steele, Lea & Flood 2014) started from a hash of
the three counters. A particle's random numbers therefore do not depend on how particles are split into
chunks or threads, or on the order in which they are processed: the same seed gives the same
trajectories for any chunking, on one core or many.

Normal deviates come from the 256-layer ziggurat of Marsaglia & Tsang (2000), which needs one 64-bit
random number for about 99 % of the deviates. Box–Muller (:func:`normal_pair_from`) is kept as a
reference for tests.

References
----------
.. [1] Steele, G. L., Lea, D., Flood, C. H. (2014). Fast splittable pseudorandom number generators.
   OOPSLA '14, 453-472. doi:10.1145/2660193.2660195
.. [2] Marsaglia, G., Tsang, W. W. (2000). The ziggurat method for generating random variables.
   J. Stat. Softw. 5(8). doi:10.18637/jss.v005.i08
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


@nb.njit(cache=True, inline="always")
def splitmix64(x):
    z = x + _GOLDEN
    z = (z ^ (z >> np.uint64(30))) * _M1
    z = (z ^ (z >> np.uint64(27))) * _M2
    return z ^ (z >> np.uint64(31))


@nb.njit(cache=True, inline="always")
def particle_key(seed, pid):
    """Key of one particle's streams (computed once per particle)."""
    return splitmix64(splitmix64(np.uint64(seed)) ^ np.uint64(pid))


@nb.njit(cache=True, inline="always")
def step_stream(pkey, step):
    """The base state of a particle's random stream at one step."""
    return splitmix64(pkey ^ splitmix64(np.uint64(step)))


@nb.njit(cache=True, inline="always")
def stream(seed, pid, step):
    """The base state of the random stream of one particle at one step."""
    return step_stream(particle_key(seed, pid), step)


_TWO32 = 2.0**-32
_MASK32 = np.uint64(0xFFFFFFFF)


@nb.njit(cache=True, inline="always")
def normal_pair_from(base, k):
    """Deviates 2k and 2k+1 of a stream: one SplitMix64 output split into two 32-bit uniforms in (0, 1],
    then Box–Muller (tails to 6.6 sigma)."""
    r64 = splitmix64(base + np.uint64(k + 1) * _GOLDEN)
    u1 = (float(r64 >> np.uint64(32)) + 1.0) * _TWO32
    u2 = float(r64 & _MASK32) * _TWO32
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


# --- ziggurat tables (256 layers), built once at import ------------------------------------------------
_ZIG_R = 3.6541528853610088  # start of the tail
_ZIG_V = 0.00492867323399  # area of every layer (Marsaglia & Tsang 2000, N = 256)


def _ziggurat_tables():
    n = 256
    f = lambda x: math.exp(-0.5 * x * x)  # noqa: E731
    x = np.zeros(n + 1)
    x[0] = _ZIG_V / f(_ZIG_R)
    x[1] = _ZIG_R
    for i in range(2, n):
        x[i] = math.sqrt(-2.0 * math.log(_ZIG_V / x[i - 1] + f(x[i - 1])))
    x[n] = 0.0
    fx = np.exp(-0.5 * x * x)
    return x, fx


ZIG_X, ZIG_F = _ziggurat_tables()
_TWO53N = 2.0**-53


@nb.njit(cache=True, inline="always")
def next_state(state):
    """One step of the SplitMix64 generator: the advanced state and the mixed 64-bit output."""
    return state + _GOLDEN, splitmix64(state)


_next = next_state  # the old private name, still used by callers that imported it


@nb.njit(cache=True, inline="always", error_model="numpy")
def ziggurat_normal(state, zx, zf):
    """One standard normal deviate from the stream ``state``; returns (new state, deviate)."""
    while True:
        state, r = next_state(state)
        i = int(r & np.uint64(255))
        sign = 1.0 if (r >> np.uint64(8)) & np.uint64(1) else -1.0
        u = float(r >> np.uint64(11)) * _TWO53N
        x = u * zx[i]
        if x < zx[i + 1]:
            return state, sign * x
        if i == 0:
            # the tail beyond R (Marsaglia 1964)
            while True:
                state, r1 = next_state(state)
                state, r2 = next_state(state)
                xt = -math.log((float(r1 >> np.uint64(11)) + 1.0) * _TWO53N) / _ZIG_R
                yt = -math.log((float(r2 >> np.uint64(11)) + 1.0) * _TWO53N)
                if 2.0 * yt > xt * xt:
                    return state, sign * (_ZIG_R + xt)
        state, r = next_state(state)
        y = zf[i] + float(r >> np.uint64(11)) * _TWO53N * (zf[i + 1] - zf[i])
        if y < math.exp(-0.5 * x * x):
            return state, sign * x


@nb.njit(cache=True)
def ziggurat_normals(seed, pid, step, n, zx, zf):
    """``n`` ziggurat normal deviates of one particle at one step (testing helper)."""
    out = np.empty(n)
    state = stream(seed, pid, step)
    for k in range(n):
        state, out[k] = ziggurat_normal(state, zx, zf)
    return out


# The same deviate as a called (not Numba-inlined) function: kernels that draw several deviates per step
# compile several times faster with it, and LLVM still inlines it where that pays off.
ziggurat_normal_called = nb.njit(cache=True, error_model="numpy")(ziggurat_normal.py_func)


@nb.njit(cache=True, inline="always", error_model="numpy")
def ziggurat_normal_fast(state, zx, zf):
    """:func:`ziggurat_normal` with its common case (about 99 % of the deviates: one draw inside a layer)
    inlined and the rest called: it restarts the full algorithm from the same state, so the deviates and
    the stream are bit-identical to :func:`ziggurat_normal`. Small to compile and free of call overhead on
    the fast path."""
    r = splitmix64(state)
    i = int(r & np.uint64(255))
    x = float(r >> np.uint64(11)) * _TWO53N * zx[i]
    if x < zx[i + 1]:
        sign = 1.0 if (r >> np.uint64(8)) & np.uint64(1) else -1.0
        return state + _GOLDEN, sign * x
    return ziggurat_normal_called(state, zx, zf)


# --- stream version 2 (the tracker's default in version 0.1; the DSMC and the functions above are unchanged)
# Version 1 (above) draws every deviate from its own 64-bit SplitMix64 output of a per-(particle, step) stream.
# Version 2 spends half of that: each 64-bit word is one SplitMix64 finalisation of the particle's key XOR a
# word key shared by all particles at that step, and gives two deviates, one per 32-bit half, each through a
# 256-layer ziggurat with an integer acceptance test (Marsaglia & Tsang 2000, their form with integer
# thresholds; Doornik 2005: the layer index and sign come from bits that are not part of the uniform):
#
#   word key    H_w(s) = splitmix64(splitmix64(s) + (w + 1) G)       (once per step for every particle)
#   word        W(p, s, w) = splitmix64(key_p ^ H_w(s)),  key_p = particle_key(seed, p)
#   deviate 2w from the low half of W, 2w + 1 from the high half; of a half h (32 bits):
#   layer i = h & 255, sign = bit 8, u = h >> 9 (23 bits); accept u < KN[i] (the part of the layer's
#   rectangle below the next layer, x = u 2^-23 x_i < x_{i+1}) and return sign u 2^-23 x_i.
#
# The rest (1.5 % of the half words) is the ziggurat's wedge test or tail for the same layer and x, with fresh 64-bit
# numbers from the SplitMix64 sequence seeded by W + (half + 1) G; a wedge rejection restarts with the full
# 64-bit ziggurat of version 1 on that sequence. Every deviate is a pure function of (seed, particle, step,
# slot), as in version 1. The resolution of a deviate is 2^-23 of its layer's width (<= 4.4e-7); the
# statistics are tested in tests/lagrangian/test_rng_stream2.py (moments, KS against the normal, tail rate,
# correlations across particles, steps and slots, bit balance).
#
# References: Marsaglia, G., Tsang, W. W. (2000), doi:10.18637/jss.v005.i08 (above); Doornik, J. A. (2005).
# An improved ziggurat method to generate normal random samples. University of Oxford, working paper.

_TWO23N = 2.0**-23
# accept the half word h of layer i when (h >> 9) < ZIG_KN[i]: u 2^-23 x_i < x_{i+1} for integer u
ZIG_KN = np.ceil(2.0**23 * ZIG_X[1:] / ZIG_X[:256]).astype(np.uint64)
# the layer widths times 2^-23 with the sign folded in: index h & 511 = layer (bits 0-7) + sign (bit 8)
ZIG_W23 = np.concatenate([-ZIG_X[:256], ZIG_X[:256]]) * _TWO23N


@nb.njit(cache=True, inline="always")
def word_key(skey, w):
    """The key H_w of word ``w`` at a step whose ``splitmix64(step)`` is ``skey`` (stream version 2)."""
    return splitmix64(skey + np.uint64(w + 1) * _GOLDEN)


@nb.njit(cache=True, error_model="numpy")
def normal32_slow(h, state):
    """The rare part of the version-2 deviate of half word ``h`` of a word W: the wedge test or the tail of
    its layer, with fresh numbers from the SplitMix64 sequence seeded by ``state`` = W + G (low half) or
    W + 2G (high half); a rejection restarts with :func:`ziggurat_normal` on that sequence.

    Written as one loop (the layer's tail or wedge test, then on a rejection the next draw of
    :func:`ziggurat_normal`, whose tail and wedge are the same code), the same numbers as calling it after
    the first rejection, and a third of the code to compile."""
    i = h & np.uint64(255)
    x = float(h >> np.uint64(9)) * ZIG_W23[h & np.uint64(511)]  # signed; |x| = u 2^-23 x_i
    sign = 1.0 if x >= 0.0 else -1.0
    ax = abs(x)
    while True:
        if i == np.uint64(0):
            while True:  # the tail beyond R (Marsaglia 1964)
                state, r1 = next_state(state)
                state, r2 = next_state(state)
                xt = -math.log((float(r1 >> np.uint64(11)) + 1.0) * _TWO53N) / _ZIG_R
                yt = -math.log((float(r2 >> np.uint64(11)) + 1.0) * _TWO53N)
                if 2.0 * yt > xt * xt:
                    return sign * (_ZIG_R + xt)
        state, r = next_state(state)
        y = ZIG_F[i] + float(r >> np.uint64(11)) * _TWO53N * (ZIG_F[i + np.uint64(1)] - ZIG_F[i])
        if y < math.exp(-0.5 * ax * ax):
            return sign * ax
        # rejected: the next draw of the 64-bit ziggurat (ziggurat_normal) on the same sequence
        state, r = next_state(state)
        i = r & np.uint64(255)
        sign = 1.0 if (r >> np.uint64(8)) & np.uint64(1) else -1.0
        ax = float(r >> np.uint64(11)) * _TWO53N * ZIG_X[i]
        if ax < ZIG_X[i + np.uint64(1)]:
            return sign * ax


_GOLDEN2 = np.uint64(2 * 0x9E3779B97F4A7C15 % 2**64)


@nb.njit(cache=True, inline="always", error_model="numpy")
def normal32(h, state):
    """The version-2 standard normal deviate of half word ``h`` (the low or high 32 bits of a word W;
    ``state`` W + G or W + 2G seeds the rare path)."""
    u = h >> np.uint64(9)
    if u < ZIG_KN[h & np.uint64(255)]:
        return float(u) * ZIG_W23[h & np.uint64(511)]
    return normal32_slow(h, state)


@nb.njit(cache=True, error_model="numpy")
def stream2_normals(seed, pid, step, n):
    """The first ``n`` deviates of stream version 2 of particle ``pid`` at ``step`` (reference and tests)."""
    out = np.empty(n)
    key = particle_key(seed, pid)
    skey = splitmix64(np.uint64(step))
    for w in range((n + 1) // 2):
        word = splitmix64(key ^ word_key(skey, w))
        out[2 * w] = normal32(word & _MASK32, word + _GOLDEN)
        if 2 * w + 1 < n:
            out[2 * w + 1] = normal32(word >> np.uint64(32), word + _GOLDEN2)
    return out


@nb.njit(cache=True)
def stream2_words(seed, pid, step, n_words):
    """The first ``n_words`` 64-bit words of stream version 2 of particle ``pid`` at ``step`` (tests)."""
    out = np.empty(n_words, dtype=np.uint64)
    key = particle_key(seed, pid)
    skey = splitmix64(np.uint64(step))
    for w in range(n_words):
        out[w] = splitmix64(key ^ word_key(skey, w))
    return out


# --- stream version 3 (the tracker's default since version 0.2) ---------------------------------------
# The words of version 2 (the same word keys and words, so the same 64-bit numbers for a seed), with each 32-bit
# half word cut differently: a 1024-layer ziggurat, layer i = h & 1023, sign = bit 10, u = h >> 11 (21 bits);
# accept u < KN3[i] and return sign u 2^-21 x_i. Four times the layers leave 0.43 % of the half words to the
# rare path instead of 1.49 %; with three or six deviates per particle and step and eight particles a block,
# a block step then takes that path about a third as often (10 % instead of 30 %, overdamped). The rare path
# is the wedge test or the tail of the same layer with fresh 64-bit numbers from the SplitMix64 sequence
# seeded by W + (half + 1) G, and on a rejection the 64-bit form of the same 1024-layer ziggurat on that
# sequence (layer = bits 0-9, sign = bit 10, a 53-bit uniform), until one is accepted. The resolution of a
# deviate is 2^-21 of its layer's width (<= 2.1e-6). The layer constants below solve the ziggurat's closure
# condition (every layer, the base with its tail included, of area V; the top layer ends at the peak):
# tests/lagrangian/test_rng_stream3.py solves it again and tests the statistics as for version 2.

ZIG3_N = 1024
ZIG3_R = 4.0388498461095045  # start of the tail
ZIG3_V = 0.0012263246463530881  # area of every layer


def _ziggurat_tables_n(n, r, v):
    """The layer edges x_0 (the base's equivalent width v / f(r)), x_1 = r, ..., x_n = 0 and f(x_i)."""
    f = lambda x: math.exp(-0.5 * x * x)  # noqa: E731
    x = np.zeros(n + 1)
    x[0] = v / f(r)
    x[1] = r
    for i in range(2, n):
        x[i] = math.sqrt(-2.0 * math.log(v / x[i - 1] + f(x[i - 1])))
    x[n] = 0.0
    return x, np.exp(-0.5 * x * x)


ZIG3_X, ZIG3_F = _ziggurat_tables_n(ZIG3_N, ZIG3_R, ZIG3_V)
_TWO21N = 2.0**-21
# accept the half word h of layer i when (h >> 11) < ZIG3_KN[i]: u 2^-21 x_i < x_{i+1} for integer u
ZIG3_KN = np.ceil(2.0**21 * ZIG3_X[1:] / ZIG3_X[:ZIG3_N]).astype(np.uint64)
# the layer widths times 2^-21 with the sign folded in: index h & 2047 = layer (bits 0-9) + sign (bit 10)
ZIG3_W21 = np.concatenate([-ZIG3_X[:ZIG3_N], ZIG3_X[:ZIG3_N]]) * _TWO21N
_L3 = np.uint64(1023)


@nb.njit(cache=True, error_model="numpy")
def normal32_slow3(h, state):
    """The rare part of the version-3 deviate of half word ``h`` of a word W: the wedge test or the tail of
    its layer, with fresh numbers from the SplitMix64 sequence seeded by ``state`` = W + G (low half) or
    W + 2G (high half); a rejection draws again with the 64-bit form of the same ziggurat on that sequence."""
    i = h & _L3
    x = float(h >> np.uint64(11)) * ZIG3_W21[h & np.uint64(2047)]  # signed; |x| = u 2^-21 x_i
    sign = 1.0 if x >= 0.0 else -1.0
    ax = abs(x)
    while True:
        if i == np.uint64(0):
            while True:  # the tail beyond R (Marsaglia 1964)
                state, r1 = next_state(state)
                state, r2 = next_state(state)
                xt = -math.log((float(r1 >> np.uint64(11)) + 1.0) * _TWO53N) / ZIG3_R
                yt = -math.log((float(r2 >> np.uint64(11)) + 1.0) * _TWO53N)
                if 2.0 * yt > xt * xt:
                    return sign * (ZIG3_R + xt)
        state, r = next_state(state)
        y = ZIG3_F[i] + float(r >> np.uint64(11)) * _TWO53N * (ZIG3_F[i + np.uint64(1)] - ZIG3_F[i])
        if y < math.exp(-0.5 * ax * ax):
            return sign * ax
        # rejected: a fresh deviate from the 64-bit form on the same sequence
        state, r = next_state(state)
        i = r & _L3
        sign = 1.0 if (r >> np.uint64(10)) & np.uint64(1) else -1.0
        ax = float(r >> np.uint64(11)) * _TWO53N * ZIG3_X[i]
        if ax < ZIG3_X[i + np.uint64(1)]:
            return sign * ax


@nb.njit(cache=True, inline="always", error_model="numpy")
def normal32_3(h, state):
    """The version-3 standard normal deviate of half word ``h`` (the low or high 32 bits of a word W;
    ``state`` W + G or W + 2G seeds the rare path)."""
    u = h >> np.uint64(11)
    if u < ZIG3_KN[h & _L3]:
        return float(u) * ZIG3_W21[h & np.uint64(2047)]
    return normal32_slow3(h, state)


@nb.njit(cache=True, error_model="numpy")
def stream3_normals(seed, pid, step, n):
    """The first ``n`` deviates of stream version 3 of particle ``pid`` at ``step`` (reference and tests)."""
    out = np.empty(n)
    key = particle_key(seed, pid)
    skey = splitmix64(np.uint64(step))
    for w in range((n + 1) // 2):
        word = splitmix64(key ^ word_key(skey, w))
        out[2 * w] = normal32_3(word & _MASK32, word + _GOLDEN)
        if 2 * w + 1 < n:
            out[2 * w + 1] = normal32_3(word >> np.uint64(32), word + _GOLDEN2)
    return out
