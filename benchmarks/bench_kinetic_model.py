"""Speed of the tabulated ``kinetic`` force model against the closed-form Talbot model, side by side.

Run: python benchmarks/bench_kinetic_model.py [--n 1000000] [--repeat 7] [--threads 1,2]

Both models go through the same public calls on the same diameters in the same process, alternately, and
the median of the repeats is reported: ``thermophoresis(...)`` (every output, compiled array pipeline) and
``thermophoretic_velocity(...)`` (velocity only), on one thread and on the threads the toolkit chooses
from the load (Numba's default count as the cap), plus the NumPy path of ``kinetic_force_coefficient``.
The ratio kinetic/Talbot is the number to quote; absolute rates depend on the load of the machine
(printed). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import warnings

import numpy as np

from thermophoresis import Gas, Particle, thermophoresis, thermophoretic_velocity
from thermophoresis.exceptions import ValidityWarning
from thermophoresis.force.kinetic import kinetic_force_coefficient

from _timing import median_time as _median_time


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--threads", default="1,2", help="thread caps to run, comma-separated")
    args = ap.parse_args(argv)
    import numba

    default_threads = numba.get_num_threads()
    n = args.n
    d = np.logspace(-8.3, -5, n)  # Kn = 0.01 ... 100 in air at 1 atm (inside the tables)
    gas = Gas("air", 300.0, 101325.0)
    p = Particle(d, "psl")
    warnings.simplefilter("ignore", ValidityWarning)
    for model in ("talbot", "kinetic"):  # compile / load the cached kernels
        thermophoresis(p, gas, 1e4, model)
        thermophoretic_velocity(p, gas, 1e4, model)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"n = {n:,} diameters, median of {args.repeat}; load average {load:.1f} on {os.cpu_count()} cores")
    rows = []
    for cap in (int(c) for c in args.threads.split(",")):
        cap = min(cap, default_threads)
        numba.set_num_threads(cap)
        for label, call in (("thermophoresis (all outputs)", thermophoresis),
                            ("thermophoretic_velocity", thermophoretic_velocity)):
            t_tal, t_kin = [], []
            for _ in range(args.repeat):  # alternate, so that both see the same load
                t_tal.append(_median_time(lambda: call(p, gas, 1e4, "talbot"), 1))
                t_kin.append(_median_time(lambda: call(p, gas, 1e4, "kinetic"), 1))
            a, b = statistics.median(t_tal), statistics.median(t_kin)
            rows.append((f"{label}, {cap} thread{'s' if cap > 1 else ''}", n / a, n / b, a / b))
    numba.set_num_threads(default_threads)
    kn = gas.mean_free_path / (d / 2)
    lam = gas.thermal_conductivity / 0.15
    t_np = _median_time(lambda: kinetic_force_coefficient(kn, lam, 0.9), args.repeat)
    for label, r_tal, r_kin, ratio in rows:
        print(f"{label:42s} talbot {r_tal:10.3e}/s  kinetic {r_kin:10.3e}/s  kinetic/talbot speed {ratio:5.2f}")
    print(f"{'kinetic_force_coefficient (NumPy)':42s} {n / t_np:10.3e}/s")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"(load average at the end {load:.1f})")


if __name__ == "__main__":
    main()
