"""Compiled twins of the force models: one per-particle pipeline, run in plain Python or as a Numba loop.

Each model with a kernel registers a *point formula* beside its function (``point(kn, cc, lam, p) ->
(Phi, K_th)``, written once in :mod:`thermophoresis.force` from the published formulas of
:mod:`thermophoresis.force.continuum`). :class:`ForceKernel` (the ``kernel`` slot of the registry entry,
:attr:`thermophoresis.force.ModelInfo.kernel`) turns it into

- :meth:`ForceKernel.scalar`: everything :func:`thermophoresis.drift.thermophoresis` reports for one
  particle, as plain Python floats (the scalar twins of the formulas, :func:`thermophoresis._twins.scalar_twin`);
- :meth:`ForceKernel.array`: the same pipeline compiled (Numba, ``cache=True``, parallel over particles)
  for an array of diameters in one gas state with one scalar gradient, writing every output array in a
  single pass, with the regime as a small integer code (:data:`REGIME_NAMES`).

Both run the same Python source per particle (:func:`_make_element`); the tests compare both with the
general NumPy path of :func:`~thermophoresis.drift.thermophoresis` for every model that has a kernel.
Numba is imported only when an array kernel is first built.
"""

from __future__ import annotations

import math
import os
import sys
import time

import numpy as np

from .._twins import ThreadGovernor, cache_by_source, compiled_twin, formula, scalar_twin, start_threads_quietly
from ..constants import BOLTZMANN
from ..mobility import cunningham_formula

__all__ = ["ForceKernel", "REGIME_NAMES", "DRAG_CODES", "regime_names"]

#: Names of the regime codes 0..3 (Kn = mfp/radius boundaries 0.01, 0.1, 10; as ``mobility.regime``)
REGIME_NAMES = ("continuum", "slip", "transition", "free-molecular")
#: Which friction to use where Phi = K_th = 0 (then F/v is undefined): by the model's ``drag``
DRAG_CODES = {"stokes": 0, "slip-corrected": 1, "model": 1, "epstein": 2}

_SIX_PI = 6.0 * math.pi
_FLOAT_MAX = sys.float_info.max
#: Strict IEEE arithmetic (no fastmath): every element is computed by the same operations whether the
#: loop runs it in a vector lane or in the scalar remainder, so results do not depend on the array length
#: or on how a sweep chunks its points (sweeps require bit-identical results under any chunking).
#: Division by zero gives inf (NumPy's error model), not an exception. The compiled exp is within 1 ulp of
#: NumPy's, so the compiled and NumPy paths agree to a few ulp (tests: rtol 1e-12).
_JIT_OPTIONS = dict(error_model="numpy")
#: The velocity-only loop (thermophoretic_velocity; not used by sweeps or the tracker) keeps the fastmath
#: of the kernel it replaces, as before: reassociation may change the last bit between vector lanes and the
#: scalar remainder, never more than a few ulp (signed zeros are kept: no "nsz").
_VELOCITY_JIT_OPTIONS = dict(error_model="numpy", fastmath={"nnan", "ninf", "arcp", "contract", "afn", "reassoc"})


#: Arrays shorter than this run on one thread (waking a second one costs more than it saves)
PARALLEL_MIN = 50_000


def _threads_for(n: int, cap: int) -> int:
    """Threads for a loop over ``n`` particles: at most ``cap``, and no more than the cores of this
    process's CPU set that other processes leave free (``/proc/loadavg``'s runnable count, minus this
    thread). A thread that shares its core with a busy process makes the other wait for it at the end of
    the loop (2 threads then ran slower than 1 on a loaded machine). The results do not depend on it."""
    if cap <= 1 or n < PARALLEL_MIN:
        return 1
    others = _runnable_elsewhere()
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    return cap if others is None else max(1, min(cap, cpus - others))


def _runnable_elsewhere():
    """Runnable threads other than this one, from ``/proc/loadavg`` (None where it cannot be read)."""
    try:
        with open("/proc/loadavg") as f:
            return max(0, int(f.read().split()[3].split("/")[0]) - 1)
    except (OSError, ValueError, IndexError):
        return None


def _run_threaded(kernel, n, *args):
    """``kernel(*args)`` on the threads that :func:`_threads_for` allows and the kernel's
    :class:`~thermophoresis._twins.ThreadGovernor` keeps (Numba's setting restored after)."""
    import numba as nb

    start_threads_quietly()  # the first parallel loop starts the pool: OpenMP threads that sleep when idle
    before = nb.get_num_threads()
    allowed = _threads_for(n, before)
    governor = _GOVERNORS.setdefault(kernel, ThreadGovernor())
    threads = governor.choose(allowed)[0] if allowed > 1 else 1
    if threads != before:
        nb.set_num_threads(threads)
    try:
        t0 = time.perf_counter()
        out = kernel(*args)
        if allowed > 1:  # only calls where a choice was made teach the governor
            governor.record(threads, n / max(time.perf_counter() - t0, 1e-9))
        return out
    finally:
        if threads != before:
            nb.set_num_threads(before)


#: One governor per compiled loop (its speed per particle on one and on more threads)
_GOVERNORS: dict = {}


def regime_names(code):
    """Regime names for integer codes (a str for a scalar, an array of str otherwise)."""
    if isinstance(code, (int, np.integer)):
        return REGIME_NAMES[int(code)]
    return np.asarray(REGIME_NAMES)[np.asarray(code)]


def _make_element(point):
    """The per-particle pipeline for one model's point formula (run as Python or compiled)."""

    @formula
    def element(d, mfp, mfp_slip, sa, sb, sg, lam, p, t, mu, nu, c_mean, delta, g, kn_lo, kn_hi, drag):
        radius = 0.5 * d
        kn = mfp / radius
        cc = cunningham_formula(mfp_slip / radius, sa, sb, sg)
        phi, kth = point(kn, cc, lam, p)
        stokes = _SIX_PI * mu * radius
        force = -stokes * nu * phi * g / t + 0.0
        velocity = -kth * nu * g / t + 0.0
        if kth != 0.0:
            zeta = stokes * phi / kth
        else:  # F/v undefined (Phi = K_th = 0): the friction of the model's regime
            if drag == 0:
                zeta = stokes
            elif drag == 2:
                zeta = stokes * 2.0 * radius * c_mean * delta / (9.0 * nu)
            else:
                zeta = stokes / cc
        code = (kn >= 0.01) + (kn >= 0.1) + (kn >= 10.0)
        inside = kn_lo <= kn <= kn_hi
        return kn, cc, phi, kth, force, velocity, zeta, BOLTZMANN * t / zeta, code, inside

    return element


def _make_velocity_element(point, uses_slip):
    """The velocity alone (the slip-set factor only for models whose velocity needs it)."""

    @formula
    def velocity(d, mfp, mfp_slip, sa, sb, sg, lam, p, t, nu, g):
        radius = 0.5 * d
        cc = cunningham_formula(mfp_slip / radius, sa, sb, sg) if uses_slip else 1.0
        kth = point(mfp / radius, cc, lam, p)[1]
        return -kth * nu * g / t + 0.0

    return velocity


def _make_array_kernel(element, name, velocity_only=False):
    import numba as nb

    # inlined at Numba-IR level: as a separate function returning a 10-tuple, LLVM inlines it only after
    # the loop vectorizer has run, so the loop stays scalar (~4x slower); inlined, the loop vectorizes.
    # Inlining changes no operation (strict IEEE in the full pipeline), only where the code sits.
    element = nb.njit(inline="always", **(_VELOCITY_JIT_OPTIONS if velocity_only else _JIT_OPTIONS))(
        compiled_twin(element))

    # The checks of the result (any Kn outside the model's range, any |v| / c_mean above the linear-response
    # limit) are counted inside the loop: integer counts keep the loop vectorized (a float max reduction
    # would not, without fastmath), and they save the extra passes over the arrays.
    if velocity_only:
        def kernel(d, mfp, mfp_slip, sa, sb, sg, lam, p, t, mu, nu, c_mean, delta, g, kn_lo, kn_hi, drag,
                   speed_limit, out):
            n_outside = 0
            n_fast = 0
            for i in nb.prange(d.size):
                v = element(d[i], mfp, mfp_slip, sa, sb, sg, lam, p, t, nu, g)
                out[i] = v
                kn = 2.0 * mfp / d[i]
                n_outside += (kn < kn_lo) | (kn > kn_hi)
                n_fast += abs(v) / c_mean > speed_limit
            return n_outside, n_fast

        kernel.__qualname__ = kernel.__name__ = f"thermophoretic_velocity_{name}"
        return cache_by_source(nb.njit(cache=True, parallel=True, **_VELOCITY_JIT_OPTIONS)(kernel))

    def kernel(d, mfp, mfp_slip, sa, sb, sg, lam, p, t, mu, nu, c_mean, delta, g, kn_lo, kn_hi, drag,
               speed_limit, kn, cc, phi, kth, force, velocity, zeta, diff, code, inside):
        n_outside = 0
        n_fast = 0
        for i in nb.prange(d.size):
            (kn[i], cc[i], phi[i], kth[i], force[i], v, zeta[i], diff[i], code[i],
             ins) = element(d[i], mfp, mfp_slip, sa, sb, sg, lam, p, t, mu, nu, c_mean, delta, g,
                            kn_lo, kn_hi, drag)
            velocity[i] = v
            inside[i] = ins
            n_outside += 1 - ins
            n_fast += abs(v) / c_mean > speed_limit
        return n_outside, n_fast

    # one cache entry per model: Numba keys cached closures on their qualified name
    kernel.__qualname__ = kernel.__name__ = f"thermophoresis_{name}"
    return cache_by_source(nb.njit(cache=True, parallel=True, **_JIT_OPTIONS)(kernel))


class ForceKernel:
    """The compiled twin of one model (the ``kernel`` slot of its registry entry).

    Parameters
    ----------
    name : str
        The model's registry name.
    point : callable
        ``point(kn, cc, lam, p) -> (Phi, K_th)``: Kn = mfp/radius, cc the slip-set Cunningham factor,
        lam = k_gas/k_particle, p the tuple of the model's constants in the order of its ``parameters``.
    uses_slip : bool
        Whether K_th depends on ``cc`` (slip-corrected drag); the velocity-only loop skips it otherwise.
    """

    def __init__(self, name: str, point, uses_slip: bool = True):
        self.name = name
        self.point = point
        self.uses_slip = uses_slip
        self._point_scalar = scalar_twin(point)
        self.scalar = scalar_twin(_make_element(self._point_scalar))
        self._array = None
        self._velocity = None

    @property
    def array(self):
        """The compiled loop over diameters writing every output (built on first use)."""
        if self._array is None:
            self._array = _make_array_kernel(_make_element(self.point), self.name)
        return self._array

    @property
    def velocity_array(self):
        """The compiled loop writing the velocity only (built on first use)."""
        if self._velocity is None:
            self._velocity = _make_array_kernel(_make_velocity_element(self.point, self.uses_slip), self.name,
                                                velocity_only=True)
        return self._velocity

    def run_velocity(self, d, args):
        """Velocity [m/s] over a float array of diameters, same pipeline as :meth:`run_array`."""
        return self.checked_velocity(d, args)[0]

    def run_array(self, d, args):
        """Evaluate the compiled pipeline over a float array of diameters; returns the output arrays
        (kn, cc, Phi, K_th, force, velocity, zeta, D, regime code, inside)."""
        return self.checked_array(d, args)[0]

    def _own_loop(self, name):
        """Whether a subclass brings its own loop (overrides ``run_array`` / ``run_velocity``)."""
        return getattr(type(self), name) is not getattr(ForceKernel, name)

    def checked_velocity(self, d, args, speed_limit=_FLOAT_MAX):
        """``(velocity, n_outside, n_fast)``: the velocity [m/s] of :meth:`run_velocity`, the number of
        particles with Kn = 2 mfp/d outside the model's ``[kn_lo, kn_hi]`` and the number with
        ``|v| / c_mean > speed_limit`` (counted in the loop)."""
        if self._own_loop("run_velocity"):
            velocity = self.run_velocity(d, args)
            kn = 2.0 * args[0] / np.asarray(d, dtype=float)
            return (velocity, int(np.count_nonzero((kn < args[13]) | (kn > args[14]))),
                    int(np.count_nonzero(np.abs(velocity) / args[10] > speed_limit)))
        flat = np.ascontiguousarray(d, dtype=float).reshape(-1)
        out = np.empty(flat.size)
        # this loop assumes no infinities (fastmath "ninf"): an infinite bound becomes the largest float
        args = tuple(min(a, _FLOAT_MAX) if i in (13, 14) else a for i, a in enumerate(args))
        n_outside, n_fast = _run_threaded(self.velocity_array, flat.size, flat, *args,
                                          min(float(speed_limit), _FLOAT_MAX), out)
        return out.reshape(np.shape(d)), int(n_outside), int(n_fast)

    def checked_array(self, d, args, speed_limit=_FLOAT_MAX):
        """``(outputs, n_outside, n_fast)``: the outputs of :meth:`run_array`, the number of particles
        outside the model's Kn range and the number with ``|v| / c_mean > speed_limit`` (counted in the
        loop)."""
        if self._own_loop("run_array"):
            outs = self.run_array(d, args)
            return (outs, int(np.count_nonzero(~np.asarray(outs[9]))),
                    int(np.count_nonzero(np.abs(outs[5]) / args[10] > speed_limit)))
        flat = np.ascontiguousarray(d, dtype=float).reshape(-1)
        # the outputs are rows of one block: on a machine where first-touch page faults are dear (VMs), one
        # large mapping is touched markedly faster than eight separate ones (benchmarks/bench_api.py)
        outs = np.empty((8, flat.size))
        flags = np.empty((2, flat.size), dtype=np.int8)
        code, inside = flags[0], flags[1].view(np.bool_)
        n_outside, n_fast = _run_threaded(self.array, flat.size, flat, *args, float(speed_limit), *outs, code,
                                          inside)
        shape = np.shape(d)
        return [o.reshape(shape) for o in (*outs, code, inside)], int(n_outside), int(n_fast)

    def __repr__(self) -> str:
        return f"ForceKernel({self.name!r})"
