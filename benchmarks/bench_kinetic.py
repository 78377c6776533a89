"""Speed of the linearized kinetic sphere solver: one problem at one Kn, against the previous kernel.

Run: python benchmarks/bench_kinetic.py [--quick] [--threads N]
For the drag and the gradient problem of the S-model with diffuse walls on the default grid
(``thermophoresis.kinetic.sphere.default_grid``) at Kn = 10, 1, 0.3, 0.1 (and 0.01 without ``--quick``):

- the assembly of the dense moment system (with the micro-macro split where the default uses it, Kn < 0.3)
  by the current kernel and by the previous one (``kinetic/_sphere_kernels.py`` at commit e0a3a9f, read
  from git: the kernel before the split-off source was hoisted out of the speed loop), side by side in the
  same process, alternating, median of three, wall and CPU time (process time: both Numba threads); the
  ratio is the number to quote (the machine is shared, absolute times move several-fold with the load).
  Both kernels assemble the same system: all four outputs (K, b, Kx, bx) must agree to round-off (printed);
- the wall and CPU time of a full ``solve_sphere`` call (median of three after a warm-up; the Numba compile
  is cached on disk and not counted), with the load average.

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

# the kernel before the split-off source was evaluated once per ray point, read from git (see _frozen.py)
previous = _frozen.load("e0a3a9f", "src/thermophoresis/kinetic/_sphere_kernels.py")

from thermophoresis.kinetic import _sphere_kernels  # noqa: E402
from thermophoresis.kinetic.sphere import (  # noqa: E402
    MODELS,
    _direction_nodes,
    _radial_grid,
    _split_fields,
    _wall_operator,
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
    prev = common + _split_fields(problem, order, pr)
    # the current kernel also takes the wall operator (Maxwell here: the previous kernel's only wall)
    return g, prev + _wall_operator("maxwell", 1.0, None, c, wc, g.n_mu)[1:7], prev


def _timed(fn):
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def main(quick=False):
    solve_sphere("drag", 1.0)  # warm-up: load the compiled kernels
    solve_sphere("drag", 0.1)
    kns = (10.0, 1.0, 0.3, 0.1) if quick else (10.0, 1.0, 0.3, 0.1, 0.01)
    print(f"numba threads {numba.get_num_threads()}; load average at start {_load():.1f}")
    for kn in kns:
        for problem in ("drag", "gradient"):
            g, args, args_prev = _args(problem, kn)
            new = _sphere_kernels.build_system(*args)
            old = previous.build_system(*args_prev)
            diff = max(float(np.max(np.abs(x - y)) / np.max(np.abs(y))) for x, y in zip(new, old))
            t_new, t_old = [], []
            for _ in range(3):
                t_new.append(_timed(lambda: _sphere_kernels.build_system(*args)))
                t_old.append(_timed(lambda: previous.build_system(*args_prev)))
            wn, cn = (statistics.median(t[k] for t in t_new) for k in (0, 1))
            wo, co = (statistics.median(t[k] for t in t_old) for k in (0, 1))
            t_solve = [_timed(lambda: solve_sphere(problem, kn, grid=g)) for _ in range(3)]
            ws, cs = (statistics.median(t[k] for t in t_solve) for k in (0, 1))
            print(f"Kn = {kn:5g} {problem:8s} (n_r = {g.n_r}, {3 * g.n_mu} directions, {g.n_c} speeds): assembly "
                  f"current {wn:.2f} s wall / {cn:.2f} s CPU, previous {wo:.2f} / {co:.2f} s, ratio "
                  f"{wo / wn:.2f}x wall, {co / cn:.2f}x CPU (systems agree to {diff:.1e}); "
                  f"full solve {ws:.2f} s wall / {cs:.2f} s CPU; load {_load():.1f}", flush=True)


if __name__ == "__main__":
    if "--threads" in sys.argv:
        numba.set_num_threads(int(sys.argv[sys.argv.index("--threads") + 1]))
    main(quick="--quick" in sys.argv)
