"""Speed of the linearized kinetic sphere solver: wall time of one problem at one Kn, 1 and 2 threads.

Run: python benchmarks/bench_kinetic.py [--quick]
The drag and the gradient problem of the S-model with diffuse walls on the default grid
(``thermophoresis.kinetic.sphere.default_grid``) at Kn = 10, 1, 0.1 and 0.01; median of three runs after a
warm-up (the Numba compile is cached on disk and not counted). Also printed: the split between the
assembly of the dense moment system (Numba) and its LU solve (LAPACK), and the two-thread speed-up measured
side by side in the same process. The targets of issue 13 are <= 5 s for Kn >= 0.1 and <= 60 s at
Kn = 0.01 on the two-core machine. Nothing asserted.
"""

from __future__ import annotations

import math
import statistics
import sys
import time

import numba
import numpy as np

from thermophoresis.kinetic import _sphere_kernels
from thermophoresis.kinetic.sphere import (
    _direction_nodes,
    _radial_grid,
    default_grid,
    solve_sphere,
    speed_quadrature,
)


def _median_time(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _split(kn):
    """Assembly and solve times of the drag problem at kn on the default grid."""
    g = default_grid(kn)
    r = _radial_grid(g)
    mu, wmu = _direction_nodes(r, g.n_mu)
    c, wc = speed_quadrature(g.n_c)
    kappa = math.sqrt(math.pi) / (2 * kn)
    t0 = time.perf_counter()
    k, b, _, _ = _sphere_kernels.build_system(r, mu, wmu, c, wc, kappa, 0.8 / 3, 1.0, 0.0, 0.0, 1.0, 0.0,
                                              g.n_sub, g.far_ratio, g.s_ratio, np.zeros(0), np.zeros(0))
    t1 = time.perf_counter()
    np.linalg.solve(np.eye(k.shape[0]) - k, b)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, k.shape[0]


def main(quick=False):
    solve_sphere("drag", 1.0)  # warm-up: load the compiled kernels
    kns = (10.0, 1.0, 0.1) if quick else (10.0, 1.0, 0.1, 0.01)
    threads = [t for t in (1, 2) if t <= numba.config.NUMBA_NUM_THREADS]
    for kn in kns:
        g = default_grid(kn)
        res = {}
        for nt in threads:
            numba.set_num_threads(nt)
            for problem in ("drag", "gradient"):
                res[problem, nt] = _median_time(lambda: solve_sphere(problem, kn, grid=g))
        numba.set_num_threads(threads[-1])
        ta, ts, m = _split(kn)
        line = ", ".join(f"{p} {res[p, nt]:.2f} s on {nt} thread(s)" for nt in threads for p in ("drag", "gradient"))
        speedup = res["drag", threads[0]] / res["drag", threads[-1]]
        print(f"Kn = {kn:5g} (n_r = {g.n_r}, {3 * g.n_mu} directions, {g.n_c} speeds, {m} unknowns): {line}; "
              f"2-thread speed-up {speedup:.2f}x; assembly {ta:.2f} s + LU solve {ts:.3f} s")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
