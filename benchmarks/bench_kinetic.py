"""Speed of the linearized kinetic sphere solver: one problem at one Kn, against the previous kernel.

Run: python benchmarks/bench_kinetic.py [--quick] [--threads N]
For the drag and the gradient problem of the S-model with diffuse walls on the default grid
(``thermophoresis.kinetic.sphere.default_grid``) at Kn = 10, 1, 0.3, 0.1 (and 0.01 without ``--quick``):

- the assembly of the dense moment system by the current kernel and by the previous one
  (``kinetic/_sphere_kernels.py`` at commit c6f1ccf, read from git: the kernel before the accumulation was restructured and the
  drag split added), side by side in the same process, alternating, median of three; the ratio is the
  number to quote (the machine is shared, absolute times move several-fold with the load). Both kernels
  assemble the same system (the previous one without the drag split, which it does not have; its
  matrix must agree with the current one's to round-off, printed);
- the wall time of a full ``solve_sphere`` call (median of three after a warm-up; the Numba compile is
  cached on disk and not counted), with the load average.

The targets of issue 13 are <= 5 s for Kn >= 0.1 and <= 60 s at Kn = 0.01 on the two-core machine.
Nothing asserted.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time

import numba
import numpy as np

sys.path.insert(0, os.path.dirname(__file__))

import _frozen  # noqa: E402
from _timing import median_time as _median_time  # noqa: E402

# the kernel before the accumulation was restructured and the drag split added, read from git (see _frozen.py)
previous = _frozen.load("c6f1ccf", "src/thermophoresis/kinetic/_sphere_kernels.py")

from thermophoresis.kinetic import _sphere_kernels  # noqa: E402
from thermophoresis.kinetic.sphere import (  # noqa: E402
    MODELS,
    _direction_nodes,
    _harmonic_coefficients,
    _radial_grid,
    _split_fields,
    default_grid,
    solve_sphere,
    speed_quadrature,
)


def _load():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def _args(problem, kn):
    g = default_grid(kn)
    pr = MODELS["s"]
    kappa = math.sqrt(math.pi) / (2 * kn)
    r = _radial_grid(g)
    mu, wmu = _direction_nodes(r, g.n_mu)
    c, wc = speed_quadrature(g.n_c)
    tau_w = ga = ub = gb = 0.0
    if problem == "drag":
        ub = 1.0
    else:
        ga, gb = 1.0, -1.0 / (pr * kappa)
    order = 2 if kn < 0.3 else 0
    common = (r, mu, wmu, c, wc, kappa, 0.8 * (1 - pr), 1.0, tau_w, ga, ub, gb, g.n_sub, g.far_ratio, g.s_ratio)
    hk, hw, hs = _split_fields(problem, order, pr)
    cur = common + (hk, hw, hs)
    if problem == "drag":
        prev = common + (np.zeros(0), np.zeros(0))
        cur_same = common + _split_fields(problem, 0, pr)  # the same system as the previous kernel's
    else:
        pw, ps = _harmonic_coefficients(order, pr)
        prev = common + (pw, ps)
        cur_same = cur
    return g, cur, cur_same, prev


def main(quick=False):
    solve_sphere("drag", 1.0)  # warm-up: load the compiled kernels
    solve_sphere("drag", 0.1)
    kns = (10.0, 1.0, 0.3, 0.1) if quick else (10.0, 1.0, 0.3, 0.1, 0.01)
    print(f"numba threads {numba.get_num_threads()}; load average at start {_load():.1f}")
    for kn in kns:
        for problem in ("drag", "gradient"):
            g, cur, cur_same, prev = _args(problem, kn)
            k_new = _sphere_kernels.build_system(*cur_same)[0]
            k_old = previous.build_system(*prev)[0]
            diff = float(np.max(np.abs(k_new - k_old)) / np.max(np.abs(k_old)))
            t_new, t_old = [], []
            for _ in range(3):
                t0 = time.perf_counter()
                _sphere_kernels.build_system(*cur_same)
                t1 = time.perf_counter()
                previous.build_system(*prev)
                t2 = time.perf_counter()
                t_new.append(t1 - t0)
                t_old.append(t2 - t1)
            tn, to = statistics.median(t_new), statistics.median(t_old)
            t_solve = _median_time(lambda: solve_sphere(problem, kn, grid=g))
            print(f"Kn = {kn:5g} {problem:8s} (n_r = {g.n_r}, {3 * g.n_mu} directions, {g.n_c} speeds): assembly "
                  f"current {tn:.2f} s, previous {to:.2f} s, ratio {to / tn:.2f}x (matrices agree to {diff:.1e}); "
                  f"full solve {t_solve:.2f} s; load {_load():.1f}", flush=True)


if __name__ == "__main__":
    if "--threads" in sys.argv:
        numba.set_num_threads(int(sys.argv[sys.argv.index("--threads") + 1]))
    main(quick="--quick" in sys.argv)
