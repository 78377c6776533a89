"""Numba kernels of the particle tracker: the loops only.

One kernel, :func:`advance`, is compiled per field type and integrator: the field comes in as its typed data
(a NamedTuple, see :mod:`thermophoresis.fields`) whose type selects the field's evaluator, and the integrator
as an :class:`InertialStep` or :class:`OverdampedStep` whose type selects the update; a run compiles only the
pair it uses. Particles are advanced in blocks of :data:`BLOCK`, step by step, in three short passes over the
block (drift, random deviates, update): the steps of one particle depend on each other (position -> field ->
coefficients -> deviates -> position), and independent particles side by side give the processor work to
overlap; the step loop has no reference counting (the ziggurat tables are compiled constants; the step's helpers
are compiled functions that LLVM inlines, except the six-deviate draw of the inertial kernels, which it keeps as
a call) and no branch on a random bit
(benchmarks/bench_tracker.py: 1.0-1.6x the former kernel on one thread with random stream version 3, which is
0.93-1.21x version 2; docs/tracking.md).
Each particle's arithmetic and random stream are the same whatever block or thread it lands in, so results
are bit-identical under any chunking. The kernel releases the GIL; block ranges are handed out dynamically
over threads (small chunks), so a thread on a core shared with another process just takes fewer of them.

The physics (thermophoretic coefficient, relaxation time, diffusion coefficient as functions of the local gas
temperature) comes in as a table built by :mod:`thermophoresis.lagrangian.tracker` from the force-model
registry, so every registered model can be tracked without being compiled.

Integrator (``inertial=True``). The Langevin equation of a particle with relaxation time τ, drift
velocity w (the sum of the gas velocity, the thermophoretic velocity and the settling velocity) and
diffusion coefficient D,

    dv = -(v - w)/τ dt + sqrt(2D)/τ dW,    dx = v dt,

is integrated exactly over a step h with w held at its value at the start of the step (Chandrasekhar
1943, eqs. 171–173 for the joint Gaussian of position and velocity increments):

    v' = w + (v - w) e^{-h/τ} + ξ_v,    x' = x + w h + (v - w) τ (1 - e^{-h/τ}) + ξ_x
    Var ξ_v = (D/τ)(1 - e^{-2h/τ}),     Var ξ_x = D τ (2h/τ - 3 + 4e^{-h/τ} - e^{-2h/τ}),
    Cov(ξ_x, ξ_v) = D (1 - e^{-h/τ})^2

This is exact for the linear (Ornstein–Uhlenbeck) part whatever h/τ is, so the step may be much longer
than τ (nanoparticles) or much shorter (inertial particles). The error comes only from freezing w over
the step, which is first order in h times the gradient of w. Overdamped mode (``inertial=False``):
x' = x + w h + sqrt(2 D h) ξ.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numba as nb
import numpy as np
from numba.extending import overload

from .._numerics.interp import uniform_cell
from .._numerics.rng import (_GOLDEN, _GOLDEN2, _MASK32, _TWO53N, ZIG3_KN, ZIG3_W21, ZIG_F, ZIG_KN, ZIG_W23, ZIG_X,
                             normal32_slow, normal32_slow3, particle_key, splitmix64, word_key, ziggurat_normal_called)
from ..fields.base import field_at
from .events import Event

BLOCK = 8  # particles advanced together, interleaved

# columns of the per-step coefficient table (rows: a uniform temperature grid)
COL_C_TH = 0  # K_th nu / T [m^2/(s K)]
COL_SETTLE = 1  # settling + user-force drift, 3 columns [m/s]
COL_DECAY = 4  # inertial: e^{-h/tau}
COL_RELAX = 5  # inertial: tau (1 - e^{-h/tau}) [s]
COL_NOISE_V = 6  # inertial: s_v [m/s]
COL_NOISE_XV = 7  # inertial: c_x [m] (position noise correlated with the velocity noise)
COL_NOISE_OVERDAMPED = 7  # overdamped: sqrt(2 D h) [m]
COL_NOISE_X = 8  # inertial: s_x [m]
COL_THERMAL_SPEED = 9  # sqrt(kT/m) [m/s], for initial velocities
N_COLUMNS = 10

_NONE = int(Event.NONE)
_LOW = int(Event.LOWER_WALL)
_HIGH = int(Event.UPPER_WALL)
_EXIT = int(Event.EXIT)
_TUBE = int(Event.TUBE_WALL)

# former names of the event codes (kept for callers that imported them)
WALL_NONE, WALL_LOW, WALL_HIGH, WALL_EXIT, WALL_TUBE = (Event.NONE, Event.LOWER_WALL, Event.UPPER_WALL, Event.EXIT,
                                                        Event.TUBE_WALL)
MODE_ABSORB = 0
MODE_REFLECT = 1


class Domain(NamedTuple):
    """Where the domain ends: planes z = z_lo, z_hi, the exit x = x_exit, the tube y^2 + z^2 = r_wall^2."""

    z_lo: float
    z_hi: float
    x_exit: float
    r_wall: float
    reflect: bool  # walls reflect specularly instead of absorbing (the exit always absorbs)


class InertialStep(NamedTuple):
    """The exact Ornstein–Uhlenbeck step of length h [s]."""

    h: float
    deviates: int = 6  # standard normals per step: (position, velocity) pairs per axis


class OverdampedStep(NamedTuple):
    """The overdamped (Brownian dynamics) step of length h [s]."""

    h: float
    deviates: int = 3  # standard normals per step: one per axis


class Stream1(NamedTuple):
    """Random stream version 1: one SplitMix64 output of a per-(particle, step) stream per deviate, 64-bit
    ziggurat (:func:`~thermophoresis._numerics.rng.ziggurat_normals`); the tracker's stream until version 2."""

    version: int = 1


class Stream2(NamedTuple):
    """Random stream version 2 (the default of version 0.1): two deviates per 64-bit word, one SplitMix64 finalisation per
    word, 32-bit ziggurat with an integer acceptance test (:func:`~thermophoresis._numerics.rng.stream2_normals`)."""

    version: int = 2


class Stream3(NamedTuple):
    """Random stream version 3: the words of version 2, each 32-bit half through a 1024-layer ziggurat (a
    third as many block steps take the rare path; :func:`~thermophoresis._numerics.rng.stream3_normals`)."""

    version: int = 3


STREAMS = {1: Stream1(), 2: Stream2(), 3: Stream3()}  # by version number
STREAM_VERSION = 3  # the default


# The helpers of the step are separate compiled functions, not Numba-inlined ones (Numba's inlining re-types
# the inlined code at every call site, which made type inference most of the first-run compile); LLVM inlines
# them into the kernel. They carry the kernel's floating-point flags, so the inlined arithmetic is the same.
# No "contract" flag (no fused multiply-adds chosen by LLVM): which multiply-adds LLVM fuses depends on what
# it inlines, and that differs between a kernel compiled fresh and one loaded from the on-disk cache; with the
# flag, on a fresh cache a worker process that loaded the cached kernel gave trajectories that differed in the
# last bits from the process that compiled it (tests/sweep/test_sweep.py, in-process against worker
# processes). Without it the results are the same whatever is inlined; the step costs the same within the
# noise (uniform field, 1 thread, load < 1: 33-43 ns against 40-41 ns overdamped). The helpers are not cached
# on disk either, so they are always compiled with, and inlined into, the kernel that calls them (the cached
# kernels carry their code, so a warm cache compiles nothing).
# No Python or C entry points either: the helpers are only ever called from compiled code, and each entry point
# is code generated and compiled to machine code for nothing (about 40 ms per helper on a fresh cache).
_HELPER = dict(cache=False, fastmath={"nsz"}, error_model="numpy", no_cpython_wrapper=True, no_cfunc_wrapper=True)



# The ziggurat tables as module constants: Numba freezes them into the compiled code, so drawing a deviate
# touches no array argument (an array handed to an inlined function costs two reference-count calls each
# time, which dominated the step) and the table addresses are immediate.
_ZX = ZIG_X
_ZF = ZIG_F
# the layer edges with the deviate's sign folded in: index r & 511 = layer (bits 0-7) + sign (bit 8), so
# u * _ZXS[r & 511] is the signed deviate of ziggurat_normal bit for bit (a sign flip is exact)
_ZXS = np.concatenate([-ZIG_X[:256], ZIG_X[:256]])


@nb.njit(**_HELPER)
def _normal(state):
    """The deviate of :func:`~thermophoresis._numerics.rng.ziggurat_normal` (bit for bit): the common case
    (one draw inside a layer, about 99 %) here, with the sign taken from a signed table (a branch on a random
    bit is mispredicted half of the time); the rest restarts the full algorithm from the same state."""
    r = splitmix64(state)
    x = float(r >> np.uint64(11)) * _TWO53N * _ZXS[r & np.uint64(511)]
    if abs(x) < _ZX[(r & np.uint64(255)) + np.uint64(1)]:
        return state + _GOLDEN, x
    return ziggurat_normal_called(state, _ZX, _ZF)


def _half_word_helpers(u_shift, zt, rare):
    """The kernel's helpers of the half-word ziggurat of stream version 2 or 3 (compiled constants: the closure
    variables are frozen into the code like globals): ``fast(h)``, the common case without a branch (the
    deviate, and True if it is not accepted: then the deviate is wrong and must be redone); ``normal(h,
    state)``, the deviate bit for bit with the rare path ``rare``; ``redraw``, the ``nd`` deviates of one
    particle with the rare path, after ``fast`` flagged one. ``zt[h & mask]`` holds (signed layer width times
    2^-bits, threshold as a float: exact, < 2^24), one cache line for both; ``u_shift`` is the layer bits + 1."""
    mask = np.uint64(zt.shape[0] - 1)
    u_shift = np.uint64(u_shift)

    @nb.njit(**_HELPER)
    def fast(h):
        fu = float(h >> u_shift)
        j = h & mask
        return fu * zt[j, 0], fu >= zt[j, 1]

    @nb.njit(**_HELPER)
    def normal(h, state):
        fu = float(h >> u_shift)
        j = h & mask
        if fu < zt[j, 1]:
            return fu * zt[j, 0]
        return rare(h, state)

    @nb.njit(**_HELPER)
    def redraw_n(key, k0, k1, k2, nd, dev, b):
        for w in range((nd + 1) // 2):
            word = splitmix64(key ^ (k0 if w == 0 else k1 if w == 1 else k2))
            dev[2 * w, b] = normal(word & _MASK32, word + _GOLDEN)
            if 2 * w + 1 < nd:
                dev[2 * w + 1, b] = normal(word >> np.uint64(32), word + _GOLDEN2)

    return fast, normal, redraw_n


def _zt(w, kn):
    return np.ascontiguousarray(np.column_stack([w, np.concatenate([kn, kn]).astype(np.float64)]))


# stream version 2 (256 layers, index h & 511 = layer + sign, u = h >> 9; 1.5 % of the half words not accepted
# by the fast path) and version 3 (1024 layers, h & 2047, u = h >> 11; 0.43 %): the deviates of
# rng.normal32 and rng.normal32_3 bit for bit
_fast2, _normal2, _redraw2 = _half_word_helpers(9, _zt(ZIG_W23, ZIG_KN), normal32_slow)
_fast3, _normal3, _redraw3 = _half_word_helpers(11, _zt(ZIG3_W21, ZIG3_KN), normal32_slow3)


def step_keys(stream, skey):
    """What the deviates of every particle at one step share, from ``skey = splitmix64(step)``: version 1
    uses ``skey`` itself, versions 2 and 3 the keys of the three words (compiled per stream version)."""
    raise NotImplementedError("compiled only")


@overload(step_keys)
def _step_keys(stream, skey):
    cls = getattr(stream, "instance_class", None)
    if cls is Stream1:
        return lambda stream, skey: (skey, skey, skey)
    if cls is Stream2 or cls is Stream3:
        return lambda stream, skey: (word_key(skey, 0), word_key(skey, 1), word_key(skey, 2))
    return None


def draw(stream, integ, key, k0, k1, k2):
    """The standard normal deviates of one particle (stream key ``key``) at one step (``k0, k1, k2`` from
    :func:`step_keys`): ``n_deviates(integ)`` of them, then zeros, six in all (compiled per stream version
    and integrator; scalars only, so that LLVM inlines it into the block loop)."""
    raise NotImplementedError("compiled only")


@overload(draw)
def _draw(stream, integ, key, k0, k1, k2):
    cls = getattr(stream, "instance_class", None)
    six = getattr(integ, "instance_class", None) is InertialStep
    if cls is Stream1:
        if six:
            def draw1_6(stream, integ, key, k0, k1, k2):
                st = splitmix64(key ^ k0)
                st, a = _normal(st)
                st, b = _normal(st)
                st, c = _normal(st)
                st, d = _normal(st)
                st, e = _normal(st)
                st, f = _normal(st)
                return a, b, c, d, e, f, False

            return draw1_6

        def draw1_3(stream, integ, key, k0, k1, k2):
            st = splitmix64(key ^ k0)
            st, a = _normal(st)
            st, b = _normal(st)
            st, c = _normal(st)
            return a, b, c, 0.0, 0.0, 0.0, False

        return draw1_3
    if cls is Stream2 or cls is Stream3:
        fast = _fast2 if cls is Stream2 else _fast3  # the 256- or the 1024-layer ziggurat

        if six:
            def draw2_6(stream, integ, key, k0, k1, k2):
                w0 = splitmix64(key ^ k0)
                w1 = splitmix64(key ^ k1)
                w2 = splitmix64(key ^ k2)
                a, ra = fast(w0 & _MASK32)
                b, rb = fast(w0 >> np.uint64(32))
                c, rc = fast(w1 & _MASK32)
                d, rd = fast(w1 >> np.uint64(32))
                e, re = fast(w2 & _MASK32)
                f, rf = fast(w2 >> np.uint64(32))
                return a, b, c, d, e, f, ra | rb | rc | rd | re | rf

            return draw2_6

        def draw2_3(stream, integ, key, k0, k1, k2):
            w0 = splitmix64(key ^ k0)
            w1 = splitmix64(key ^ k1)
            a, ra = fast(w0 & _MASK32)
            b, rb = fast(w0 >> np.uint64(32))
            c, rc = fast(w1 & _MASK32)
            return a, b, c, 0.0, 0.0, 0.0, ra | rb | rc

        return draw2_3
    return None


def redraw(stream, key, k0, k1, k2, nd, dev, b):
    """Redo the ``nd`` deviates of one particle with the rare path of its stream version (compiled per
    version; version 1 never flags a deviate, and compiles the version-2 code, never run)."""
    raise NotImplementedError("compiled only")


@overload(redraw)
def _redraw(stream, key, k0, k1, k2, nd, dev, b):
    if getattr(stream, "instance_class", None) is Stream3:
        return lambda stream, key, k0, k1, k2, nd, dev, b: _redraw3(key, k0, k1, k2, nd, dev, b)
    return lambda stream, key, k0, k1, k2, nd, dev, b: _redraw2(key, k0, k1, k2, nd, dev, b)


_THERMAL_STEP = np.uint64(1) << np.uint64(62)  # the step index of the start velocities' deviates


@nb.njit(**_HELPER)
def _drift(fd, tab, t0, dtt, x0, x1, x2):
    """Table cell of the local temperature and the drift velocity w; flags a temperature off the table."""
    n_t = tab.shape[0]
    t, gx, gy, gz, ux, uy, uz = field_at(fd, x0, x1, x2)
    jj, f = uniform_cell(t, t0, dtt, n_t)  # one index for every tabulated coefficient
    j = np.uint64(jj)  # unsigned: no negative-index wraparound code at every table read
    off = t < t0 or t > t0 + dtt * (n_t - 1)
    g = 1.0 - f
    j1 = j + np.uint64(1)
    # linear interpolation between the rows j and j + 1, written out (a helper called with a constant column
    # would be compiled once per column)
    cth = tab[j, COL_C_TH] * g + tab[j1, COL_C_TH] * f
    w0 = ux - cth * gx + (tab[j, COL_SETTLE] * g + tab[j1, COL_SETTLE] * f)
    w1 = uy - cth * gy + (tab[j, COL_SETTLE + 1] * g + tab[j1, COL_SETTLE + 1] * f)
    w2 = uz - cth * gz + (tab[j, COL_SETTLE + 2] * g + tab[j1, COL_SETTLE + 2] * f)
    return j, f, g, w0, w1, w2, off


def n_deviates(integ):
    """Standard normals per step of the integrator ``integ`` (a compile-time constant in kernels)."""
    return integ.deviates


@overload(n_deviates)
def _n_deviates(integ):
    cls = getattr(integ, "instance_class", None)
    if cls is InertialStep:
        return lambda integ: 6
    if cls is OverdampedStep:
        return lambda integ: 3
    return None


def integrate(integ, tab, j, f, w0, w1, w2, x0, x1, x2, v0, v1, v2, dev, b):
    """One step of the integrator ``integ`` (compiled per integrator type) with the standard normal deviates
    ``dev[:, b]`` (``n_deviates(integ)`` of them); returns the new position and velocity."""
    raise NotImplementedError("compiled only")


@overload(integrate)
def _integrate(integ, tab, j, f, w0, w1, w2, x0, x1, x2, v0, v1, v2, dev, b):
    cls = getattr(integ, "instance_class", None)
    if cls is InertialStep:
        def inertial(integ, tab, j, f, w0, w1, w2, x0, x1, x2, v0, v1, v2, dev, b):
            h = integ.h
            g = 1.0 - f
            e1 = tab[j, COL_DECAY] * g + tab[j + np.uint64(1), COL_DECAY] * f
            rl = tab[j, COL_RELAX] * g + tab[j + np.uint64(1), COL_RELAX] * f
            sv = tab[j, COL_NOISE_V] * g + tab[j + np.uint64(1), COL_NOISE_V] * f
            cx = tab[j, COL_NOISE_XV] * g + tab[j + np.uint64(1), COL_NOISE_XV] * f
            sx = tab[j, COL_NOISE_X] * g + tab[j + np.uint64(1), COL_NOISE_X] * f
            d0, d1, d2 = v0 - w0, v1 - w1, v2 - w2
            x0 += w0 * h + d0 * rl + cx * dev[0, b] + sx * dev[1, b]
            x1 += w1 * h + d1 * rl + cx * dev[2, b] + sx * dev[3, b]
            x2 += w2 * h + d2 * rl + cx * dev[4, b] + sx * dev[5, b]
            return (x0, x1, x2, w0 + d0 * e1 + sv * dev[0, b], w1 + d1 * e1 + sv * dev[2, b],
                    w2 + d2 * e1 + sv * dev[4, b])

        return inertial
    if cls is OverdampedStep:
        def overdamped(integ, tab, j, f, w0, w1, w2, x0, x1, x2, v0, v1, v2, dev, b):
            h = integ.h
            sd = tab[j, COL_NOISE_OVERDAMPED] * (1.0 - f) + tab[j + np.uint64(1), COL_NOISE_OVERDAMPED] * f
            return (x0 + w0 * h + sd * dev[0, b], x1 + w1 * h + sd * dev[1, b], x2 + w2 * h + sd * dev[2, b],
                    w0, w1, w2)

        return overdamped
    return None


@nb.njit(**_HELPER)
def _boundaries(dom, x0, x1, x2, v0, v1, v2):
    """Apply the walls: the event code (0 if none) and the position and velocity after reflections."""
    hit = _NONE
    if x2 < dom.z_lo:
        if dom.reflect:
            x2 = 2.0 * dom.z_lo - x2
            v2 = -v2
        else:
            hit = _LOW
    elif x2 > dom.z_hi:
        if dom.reflect:
            x2 = 2.0 * dom.z_hi - x2
            v2 = -v2
        else:
            hit = _HIGH
    if hit == _NONE and x1 * x1 + x2 * x2 > dom.r_wall * dom.r_wall:
        if dom.reflect:
            # mirror the radial position in the wall and reverse the radial velocity
            r = math.sqrt(x1 * x1 + x2 * x2)
            r_new = 2.0 * dom.r_wall - r
            n1, n2 = x1 / r, x2 / r
            x1, x2 = n1 * r_new, n2 * r_new
            vr = v1 * n1 + v2 * n2
            v1 -= 2.0 * vr * n1
            v2 -= 2.0 * vr * n2
        else:
            hit = _TUBE
    if hit == _NONE and x0 > dom.x_exit:
        hit = _EXIT
    return hit, x0, x1, x2, v0, v1, v2


@nb.njit(cache=True, nogil=True, fastmath={"nsz"}, error_model="numpy")
def advance(fd, integ, stream, block_lo, block_hi, pos, vel, alive, pid, step0, n_steps, seed, tab_t0, tab_dt, tab, dom,
            sample_every, samples, event_step, event_wall, event_pos, event_vel, out_of_range, draw_velocities=False):
    """Advance the alive particles of blocks ``block_lo`` to ``block_hi - 1`` by ``n_steps`` steps (compiled
    per field type ``fd``, integrator ``integ`` and random stream version ``stream``, a :class:`Stream1`,
    :class:`Stream2` or :class:`Stream3`; releases the GIL, so threads run disjoint block ranges).

    pos, vel : (N, 3) in/out; alive : (N,) bool in/out; pid : (N,) global particle ids (random streams).
    tab : (n_T, N_COLUMNS) per-step coefficients on the uniform temperature grid tab_t0 + i tab_dt (columns
    ``COL_*``). samples : (S, N, 3) positions every ``sample_every`` steps (S = n_steps // sample_every).
    Events: the step (global), event code (:class:`~thermophoresis.lagrangian.events.Event`), position and
    velocity where a particle left the domain. ``draw_velocities``: start the alive particles from the local
    drift velocity plus a Maxwellian thermal velocity (see :func:`initial_velocities`) instead of ``vel``
    (done here rather than in a kernel of its own, so a run compiles one kernel).
    """
    n = pos.shape[0]
    n_samples = samples.shape[0]
    # the block's state, one column per particle (small, stays in the first-level cache); three allocations,
    # of three types, because every distinct allocation is a separate piece of compile work (allocated here,
    # not by the caller, so that LLVM knows they alias no argument: a variant with the scratch arrays passed in,
    # and the hashes as called functions, saved about 0.4 s of compile and was 7-13 % slower per step)
    work = np.empty((16, BLOCK))
    words = np.empty((2, BLOCK), dtype=np.uint64)
    flags = np.empty((4, BLOCK), dtype=np.bool_)
    xs, vs, ws, dev, frac = work[0:3], work[3:6], work[6:9], work[9:15], work[15]
    keys, cell = words[0], words[1]
    active, off, started, rare = flags[0], flags[1], flags[2], flags[3]
    for blk in range(block_lo, block_hi):
        lo = blk * BLOCK
        m = n - lo if n - lo < BLOCK else BLOCK
        n_active = 0
        for b in range(BLOCK):
            active[b] = False
            off[b] = False
            started[b] = False
            keys[b] = 0
            if b < m and alive[lo + b]:
                i = lo + b
                active[b] = True
                started[b] = True
                n_active += 1
                keys[b] = particle_key(seed, pid[i])
                for a in range(3):
                    xs[a, b] = pos[i, a]
                    vs[a, b] = vel[i, a]
        if draw_velocities and n_active > 0:
            # the local drift velocity plus a Maxwellian thermal velocity (column COL_THERMAL_SPEED: sqrt(kT/m))
            # with the first three deviates of the step index 2^62 of each particle's stream, which no run
            # reaches (so they too are independent of the chunking): the step's own drift and deviate code,
            # so the start velocities add nothing to compile
            k0, k1, k2 = step_keys(stream, splitmix64(_THERMAL_STEP))
            any_rare = False
            for b in range(m):
                (dev[0, b], dev[1, b], dev[2, b], dev[3, b], dev[4, b], dev[5, b],
                 rare[b]) = draw(stream, integ, keys[b], k0, k1, k2)
                any_rare |= rare[b]
            if any_rare:
                for b in range(m):
                    if rare[b]:
                        redraw(stream, keys[b], k0, k1, k2, n_deviates(integ), dev, b)
            for b in range(m):
                if active[b]:
                    j, f, g, w0, w1, w2, o = _drift(fd, tab, tab_t0, tab_dt, xs[0, b], xs[1, b], xs[2, b])
                    vt = tab[j, COL_THERMAL_SPEED] * g + tab[j + np.uint64(1), COL_THERMAL_SPEED] * f
                    vs[0, b], vs[1, b], vs[2, b] = w0 + vt * dev[0, b], w1 + vt * dev[1, b], w2 + vt * dev[2, b]
        k = 0
        next_sample = sample_every  # the step count at which the next sample is due (no division per step)
        while k < n_steps and n_active > 0:
            due = k + 1 == next_sample
            if due:
                next_sample += sample_every
            skey = splitmix64(np.uint64(step0 + k))  # step_stream(key, step) = splitmix64(key ^ skey)
            # three passes over the block, each a short loop of independent work per particle, so that the
            # processor overlaps the particles: drift, random deviates, update
            for b in range(m):
                if active[b]:
                    j, f, g, w0, w1, w2, o = _drift(fd, tab, tab_t0, tab_dt, xs[0, b], xs[1, b], xs[2, b])
                    cell[b] = j
                    frac[b] = f
                    ws[0, b], ws[1, b], ws[2, b] = w0, w1, w2
                    off[b] |= o
            k0, k1, k2 = step_keys(stream, skey)
            any_rare = False
            for b in range(m):
                (dev[0, b], dev[1, b], dev[2, b], dev[3, b], dev[4, b], dev[5, b],
                 rare[b]) = draw(stream, integ, keys[b], k0, k1, k2)
                any_rare |= rare[b]
            if any_rare:  # the rare path of the ziggurat (streams 2 and 3), out of the loop above: no call in it
                for b in range(m):
                    if rare[b]:
                        redraw(stream, keys[b], k0, k1, k2, n_deviates(integ), dev, b)
            for b in range(m):
                if not active[b]:
                    continue
                x0, x1, x2, v0, v1, v2 = integrate(integ, tab, cell[b], frac[b], ws[0, b], ws[1, b], ws[2, b],
                                                   xs[0, b], xs[1, b], xs[2, b], vs[0, b], vs[1, b], vs[2, b],
                                                   dev, b)
                hit, x0, x1, x2, v0, v1, v2 = _boundaries(dom, x0, x1, x2, v0, v1, v2)
                xs[0, b], xs[1, b], xs[2, b] = x0, x1, x2
                vs[0, b], vs[1, b], vs[2, b] = v0, v1, v2
                i = lo + b
                if due:
                    q = (k + 1) // sample_every - 1
                    samples[q, i, 0], samples[q, i, 1], samples[q, i, 2] = x0, x1, x2
                if hit != _NONE:
                    active[b] = False
                    n_active -= 1
                    alive[i] = False
                    event_step[i] = step0 + k + 1
                    event_wall[i] = hit
                    event_pos[i, 0], event_pos[i, 1], event_pos[i, 2] = x0, x1, x2
                    event_vel[i, 0], event_vel[i, 1], event_vel[i, 2] = v0, v1, v2
                    if sample_every > 0:  # the remaining samples keep the last position
                        for q in range((k + 1) // sample_every, n_samples):
                            samples[q, i, 0], samples[q, i, 1], samples[q, i, 2] = x0, x1, x2
            k += 1
        for b in range(m):
            i = lo + b
            if off[b]:
                out_of_range[i] = True
            if started[b]:
                for a in range(3):
                    pos[i, a] = xs[a, b]
                    vel[i, a] = vs[a, b]


def initial_velocities(fd, pos, pid, seed, tab_t0, tab_dt, tab, out, stream=Stream1()):
    """The start velocities that :func:`advance` draws with ``draw_velocities=True``, for every particle
    (the same numbers: this runs :func:`advance` for no step), for the random stream ``stream``
    (:class:`Stream1` by default, as before there were versions)."""
    p = np.array(pos, dtype=np.float64, order="C")
    n = p.shape[0]
    v = np.zeros((n, 3))
    inf = math.inf
    advance(fd, InertialStep(1.0), stream, 0, (n + BLOCK - 1) // BLOCK, p, v, np.ones(n, dtype=np.bool_),
            np.ascontiguousarray(pid, dtype=np.int64), 0, 0, seed, float(tab_t0), float(tab_dt),
            np.ascontiguousarray(tab, dtype=np.float64), Domain(-inf, inf, inf, inf, False), 0,
            np.empty((0, n, 3)), np.full(n, -1, dtype=np.int64), np.zeros(n, dtype=np.int64), np.full((n, 3), np.nan),
            np.full((n, 3), np.nan), np.zeros(n, dtype=np.bool_), True)
    out[...] = v
