"""Speed of the particle tracker: particle-steps per second.

Run: python benchmarks/bench_tracker.py
(a) uniform temperature gradient with Brownian motion and gravity, inertial (exact OU) and overdamped
steps, compiled kernel; and the same overdamped step written as plain NumPy array operations.
Nothing is asserted.
"""

from __future__ import annotations

import time

import numpy as np

from thermophoresis import Gas, Particle
from thermophoresis.lagrangian import Tracker, UniformGradient


def best_of(fn, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def numpy_overdamped(pos, steps, h, tracker, rng):
    """The same overdamped step as the kernel, vectorized over particles with NumPy: field, tabulated
    coefficients at the local temperature, drift, noise, and the wall/exit bookkeeping."""
    t0, dt_tab, c_th, tau, dif, grav = tracker._tables
    coeff = tracker._step_coefficients(tracker._tables)
    grid = t0 + dt_tab * np.arange(c_th.size)
    f = tracker.field
    g = np.asarray(f.gradient)
    alive = np.ones(pos.shape[0], dtype=bool)
    z_lo, z_hi = tracker.walls
    for _ in range(steps):
        t = f.temperature + (pos - np.asarray(f.origin)) @ g
        cth = np.interp(t, grid, coeff[:, 0])
        w = np.asarray(f.velocity) - cth[:, None] * g + np.column_stack(
            [np.interp(t, grid, coeff[:, k]) for k in (1, 2, 3)])
        sd = np.interp(t, grid, coeff[:, 7])
        step = w * h + sd[:, None] * rng.standard_normal(pos.shape)
        pos[alive] += step[alive]
        alive &= (pos[:, 2] >= z_lo) & (pos[:, 2] <= z_hi)
    return pos


def main():
    n, steps = 200_000, 200
    field = UniformGradient(293.15, gradient=(0.0, 0.0, 1e4))
    for inertial in (True, False):
        tr = Tracker(Particle("200 nm", "psl"), Gas("air"), field, dt=1e-5, inertial=inertial, seed=1)
        start = np.zeros((n, 3))
        tr.run(start[:100], n_steps=2)  # compile / load the cache
        t = best_of(lambda: tr.run(start, n_steps=steps))
        label = "inertial (exact OU)" if inertial else "overdamped"
        print(f"(a) uniform gradient, {label:20s}: {n * steps / t:10.3e} particle-steps/s")
    rng = np.random.default_rng(0)
    tr = Tracker(Particle("200 nm", "psl"), Gas("air"), field, dt=1e-5, inertial=False, seed=1, walls=(-1, 1))
    tr.run(np.zeros((10, 3)), n_steps=1)  # builds the tables
    t = best_of(lambda: numpy_overdamped(np.zeros((n, 3)), steps // 10, 1e-5, tr, rng))
    print(f"(a) uniform gradient, NumPy overdamped  : {n * (steps // 10) / t:10.3e} particle-steps/s "
          f"(the same step: field, tabulated coefficients, drift, noise, walls)")


if __name__ == "__main__":
    main()
