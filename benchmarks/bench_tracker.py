"""Speed of the particle tracker: particle-steps per second.

Run: python benchmarks/bench_tracker.py
(a) uniform temperature gradient with Brownian motion and gravity, inertial (exact OU) and overdamped
steps, compiled kernel; and the same overdamped step written as plain NumPy array operations.
(b) a gridded 3-D temperature and velocity field (64^3) with trilinear interpolation.
Nothing is asserted.
"""

from __future__ import annotations


import numpy as np

from _timing import best_of

from thermophoresis import Gas, Particle
from thermophoresis.lagrangian import Grid3D, Tracker, UniformGradient


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


def numpy_grid_overdamped(pos, steps, h, tracker, rng):
    """The overdamped step in a 3-D grid field with NumPy: trilinear interpolation of T, grad T and u."""
    kind, fp, data = tracker.field.kernel_arrays()
    t0, dt_tab, c_th, *_ = tracker._tables
    coeff = tracker._step_coefficients(tracker._tables)
    grid = t0 + dt_tab * np.arange(c_th.size)
    nx, ny, nz = (int(v) for v in fp[6:9])
    for _ in range(steps):
        idx, frac = [], []
        for a, (o, d, n) in enumerate(((fp[0], fp[1], nx), (fp[2], fp[3], ny), (fp[4], fp[5], nz))):
            s = np.clip((pos[:, a] - o) / d, 0.0, n - 1 - 1e-9)
            i = s.astype(np.int64)
            idx.append(i)
            frac.append(s - i)
        (i, j, k), (fx, fy, fz) = idx, frac
        vals = np.zeros((7, pos.shape[0]))
        for di in (0, 1):
            for dj in (0, 1):
                for dk in (0, 1):
                    w = (fx if di else 1 - fx) * (fy if dj else 1 - fy) * (fz if dk else 1 - fz)
                    vals += w * data[:, ((i + di) * ny + (j + dj)) * nz + (k + dk)]
        t = vals[0]
        cth = np.interp(t, grid, coeff[:, 0])
        w = vals[4:7].T - cth[:, None] * vals[1:4].T + np.column_stack(
            [np.interp(t, grid, coeff[:, q]) for q in (1, 2, 3)])
        sd = np.interp(t, grid, coeff[:, 7])
        pos += w * h + sd[:, None] * rng.standard_normal(pos.shape)
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
    ax = np.linspace(-5e-3, 5e-3, 64)
    xx, yy, zz = np.meshgrid(ax, ax, ax, indexing="ij")
    temp = 300.0 + 20.0 * np.sin(200 * xx) * np.cos(150 * yy) + 1e3 * zz
    vel = np.stack([0.05 * np.cos(300 * zz), 0.01 * np.sin(200 * xx), np.zeros_like(xx)], axis=-1)
    grid = Grid3D(ax, ax, ax, temp, vel)
    start = np.random.default_rng(2).uniform(-4e-3, 4e-3, (n, 3))
    for inertial in (True, False):
        tr = Tracker(Particle("200 nm", "psl"), Gas("air"), grid, dt=1e-5, inertial=inertial, seed=1)
        tr.run(start[:100], n_steps=2)
        t = best_of(lambda: tr.run(start, n_steps=steps))
        label = "inertial (exact OU)" if inertial else "overdamped"
        print(f"(b) 3-D grid 64^3,     {label:20s}: {n * steps / t:10.3e} particle-steps/s")
    t = best_of(lambda: numpy_grid_overdamped(start.copy(), steps // 20, 1e-5, tr, np.random.default_rng(0)))
    print(f"(b) 3-D grid 64^3,     NumPy overdamped  : {n * (steps // 20) / t:10.3e} particle-steps/s")

    rng = np.random.default_rng(0)
    tr = Tracker(Particle("200 nm", "psl"), Gas("air"), field, dt=1e-5, inertial=False, seed=1, walls=(-1, 1))
    tr.run(np.zeros((10, 3)), n_steps=1)  # builds the tables
    t = best_of(lambda: numpy_overdamped(np.zeros((n, 3)), steps // 10, 1e-5, tr, rng))
    print(f"(a) uniform gradient, NumPy overdamped  : {n * (steps // 10) / t:10.3e} particle-steps/s "
          f"(the same step: field, tabulated coefficients, drift, noise, walls)")


if __name__ == "__main__":
    main()
