"""Throughput of the foundation layer: gas states and mobility over many particles.

Run: python benchmarks/bench_foundation.py
Prints evaluations per second; nothing is asserted.
"""

from __future__ import annotations

import time

import numpy as np

from thermophoresis import Gas, Particle, mobility_summary


def _rate(fn, n, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return n / best, best


def main():
    for n in (10_000, 1_000_000):
        t = np.linspace(200.0, 1000.0, n)

        def gas_air():
            g = Gas("air", temperature=t, pressure=101325.0)
            return g.mean_free_path, g.thermal_conductivity, g.translational_conductivity

        def gas_mix():
            g = Gas({"N2": 0.5, "He": 0.3, "CO2": 0.2}, temperature=t, pressure=101325.0)
            return g.mean_free_path, g.thermal_conductivity, g.translational_conductivity

        d = np.logspace(-9, -4, n)
        air = Gas("air")

        def mob():
            return mobility_summary(Particle(d, "psl"), air)

        for name, fn in (("Gas(air) over T", gas_air), ("Gas(3-species mix) over T", gas_mix),
                         ("mobility_summary over d", mob)):
            rate, best = _rate(fn, n)
            print(f"{name:28s} n={n:>9,d}  {rate:12.3e} /s  ({best * 1e3:8.2f} ms)")


if __name__ == "__main__":
    main()
