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


ZIG_X, ZIG_F = _ziggurat_tables_n(256, _ZIG_R, _ZIG_V)
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
# statistics are tested in tests/lagrangian/test_rng_words.py (moments, KS against the normal, tail rate,
# correlations across particles, steps and slots, bit balance).
#
# References: Marsaglia, G., Tsang, W. W. (2000), doi:10.18637/jss.v005.i08 (above); Doornik, J. A. (2005).
# An improved ziggurat method to generate normal random samples. University of Oxford, working paper.

@nb.njit(cache=True, inline="always")
def word_key(skey, w):
    """The key H_w of word ``w`` at a step whose ``splitmix64(step)`` is ``skey`` (stream version 2)."""
    return splitmix64(skey + np.uint64(w + 1) * _GOLDEN)


# The rare path of a half word is the same code for both versions, built by _half_word_ziggurat from a
# version's layer count and tables (compiled constants: closure variables, like globals, are frozen into the
# compiled code, and Numba's on-disk cache keys a closure by their pickled values). The deviate itself
# (normal32, normal32_3) stays written out per version: a cached function that closed over the rare path's
# dispatcher would get a new cache key in every process (a dispatcher pickles with a per-process id).


def _half_word_ziggurat(layer_bits, zx, zf, r_tail):
    """The acceptance thresholds, the signed layer widths and the rare path of the ziggurat with
    ``2**layer_bits`` layers (edges ``zx``, density ``zf``, tail from ``r_tail``) cut from a 32-bit half word:
    layer = bits 0 to layer_bits - 1, sign = the next bit, u = the remaining 31 - layer_bits bits."""
    n = 1 << layer_bits
    u_bits = 31 - layer_bits
    # accept the half word h of layer i when (h >> (layer_bits + 1)) < kn[i]: u 2^-u_bits x_i < x_{i+1}
    kn = np.ceil(2.0**u_bits * zx[1:] / zx[:n]).astype(np.uint64)
    # the layer widths times 2^-u_bits with the sign folded in: index h & (2n - 1) = layer + sign
    w = np.concatenate([-zx[:n], zx[:n]]) * 2.0**-u_bits
    layer, layer_sign, sign_bit = np.uint64(n - 1), np.uint64(2 * n - 1), np.uint64(layer_bits)
    u_shift = np.uint64(layer_bits + 1)

    @nb.njit(cache=True, error_model="numpy")
    def rare(h, state):
        i = h & layer
        x = float(h >> u_shift) * w[h & layer_sign]  # signed; |x| = u 2^-u_bits x_i
        sign = 1.0 if x >= 0.0 else -1.0
        ax = abs(x)
        while True:
            if i == np.uint64(0):
                while True:  # the tail beyond R (Marsaglia 1964)
                    state, r1 = next_state(state)
                    state, r2 = next_state(state)
                    xt = -math.log((float(r1 >> np.uint64(11)) + 1.0) * _TWO53N) / r_tail
                    yt = -math.log((float(r2 >> np.uint64(11)) + 1.0) * _TWO53N)
                    if 2.0 * yt > xt * xt:
                        return sign * (r_tail + xt)
            state, r = next_state(state)
            y = zf[i] + float(r >> np.uint64(11)) * _TWO53N * (zf[i + np.uint64(1)] - zf[i])
            if y < math.exp(-0.5 * ax * ax):
                return sign * ax
            # rejected: a fresh deviate from the 64-bit form of the same ziggurat on the same sequence
            # (layer = bits 0 to layer_bits - 1, sign = the next bit, a 53-bit uniform)
            state, r = next_state(state)
            i = r & layer
            sign = 1.0 if (r >> sign_bit) & np.uint64(1) else -1.0
            ax = float(r >> np.uint64(11)) * _TWO53N * zx[i]
            if ax < zx[i + np.uint64(1)]:
                return sign * ax

    return kn, w, rare


ZIG_KN, ZIG_W23, normal32_slow = _half_word_ziggurat(8, ZIG_X, ZIG_F, _ZIG_R)
normal32_slow.__doc__ = """The rare part of the version-2 deviate of half word ``h`` of a word W: the wedge test or
    the tail of its layer, with fresh numbers from the SplitMix64 sequence seeded by ``state`` = W + G (low half)
    or W + 2G (high half); a rejection draws again with the 64-bit ziggurat of version 1
    (:func:`ziggurat_normal`) on that sequence."""
_GOLDEN2 = np.uint64(2 * 0x9E3779B97F4A7C15 % 2**64)


@nb.njit(cache=True, inline="always", error_model="numpy")
def normal32(h, state):
    """The version-2 standard normal deviate of half word ``h`` (the low or high 32 bits of a word W;
    ``state`` W + G or W + 2G seeds the rare path)."""
    u = h >> np.uint64(9)
    if u < ZIG_KN[h & np.uint64(255)]:
        return float(u) * ZIG_W23[h & np.uint64(511)]
    return normal32_slow(h, state)


def stream2_normals(seed, pid, step, n):
    """The first ``n`` deviates of stream version 2 of particle ``pid`` at ``step`` (reference and tests)."""
    return stream_normals(2, seed, pid, step, n)


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
# tests/lagrangian/test_rng_words.py solves it again and tests the statistics as for version 2.

ZIG3_N = 1024
ZIG3_R = 4.0388498461095045  # start of the tail
ZIG3_V = 0.0012263246463530881  # area of every layer


ZIG3_X, ZIG3_F = _ziggurat_tables_n(ZIG3_N, ZIG3_R, ZIG3_V)
ZIG3_KN, ZIG3_W21, normal32_slow3 = _half_word_ziggurat(10, ZIG3_X, ZIG3_F, ZIG3_R)
normal32_slow3.__doc__ = """The rare part of the version-3 deviate of half word ``h`` of a word W: the wedge test or
    the tail of its layer, with fresh numbers from the SplitMix64 sequence seeded by ``state`` = W + G (low half)
    or W + 2G (high half); a rejection draws again with the 64-bit form of the same ziggurat on that sequence."""


@nb.njit(cache=True, inline="always", error_model="numpy")
def normal32_3(h, state):
    """The version-3 standard normal deviate of half word ``h`` (the low or high 32 bits of a word W;
    ``state`` W + G or W + 2G seeds the rare path)."""
    u = h >> np.uint64(11)
    if u < ZIG3_KN[h & np.uint64(1023)]:
        return float(u) * ZIG3_W21[h & np.uint64(2047)]
    return normal32_slow3(h, state)


def stream3_normals(seed, pid, step, n):
    """The first ``n`` deviates of stream version 3 of particle ``pid`` at ``step`` (reference and tests)."""
    return stream_normals(3, seed, pid, step, n)


@nb.njit(cache=True, error_model="numpy")
def stream_normals(version, seed, pid, step, n):
    """The first ``n`` deviates of stream version ``version`` (2 or 3) of particle ``pid`` at ``step``
    (reference and tests)."""
    out = np.empty(n)
    key = particle_key(seed, pid)
    skey = splitmix64(np.uint64(step))
    for w in range((n + 1) // 2):
        word = splitmix64(key ^ word_key(skey, w))
        for half in range(2):
            if 2 * w + half < n:
                h = word >> np.uint64(32) if half else word & _MASK32
                state = word + (_GOLDEN2 if half else _GOLDEN)
                out[2 * w + half] = normal32(h, state) if version == 2 else normal32_3(h, state)
    return out
