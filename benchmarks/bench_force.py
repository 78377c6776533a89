"""Speed of the thermophoretic force API.

Run: python benchmarks/bench_force.py
Prints (1) evaluations per second of the Talbot velocity (slip correction included) over 1e6 diameters,
through the high-level API and through the plain published function, and (2) the cost of one scalar call
through the high-level API with prebuilt Gas and Particle objects. Nothing is asserted.
"""

from __future__ import annotations

import timeit

import numpy as np

from _timing import best_of

from thermophoresis import Gas, Particle
from thermophoresis.force import talbot_1980
from thermophoresis.drift import thermophoretic_velocity


def main():
    n = 1_000_000
    d = np.logspace(-9, -5, n)
    gas = Gas("air", 300.0, 101325.0)
    gas.mean_free_path, gas.thermal_conductivity  # warm the caches
    particles = Particle(d, "psl")
    thermophoretic_velocity(particles, gas, 1e4)  # warm-up (compilation, caches)

    t = best_of(lambda: thermophoretic_velocity(Particle(d, "psl"), gas, 1e4, "talbot"))
    print(f"high-level array call (Particle built inside), n = {n:,}: {n / t:10.3e} evaluations/s ({t * 1e3:.2f} ms)")
    t = best_of(lambda: thermophoretic_velocity(particles, gas, 1e4, "talbot"))
    print(f"high-level array call (prebuilt Particle),     n = {n:,}: {n / t:10.3e} evaluations/s ({t * 1e3:.2f} ms)")
    kn = gas.mean_free_path / (d / 2)
    lam = gas.thermal_conductivity / 0.14
    t = best_of(lambda: talbot_1980(kn, lam))
    print(f"plain talbot_1980(kn, Lambda) K_th only,      n = {n:,}: {n / t:10.3e} evaluations/s ({t * 1e3:.2f} ms)")

    one = Particle(200e-9, "psl")
    number = 20000
    t = min(timeit.repeat(lambda: thermophoretic_velocity(one, gas, 1e4, "talbot"), number=number, repeat=5)) / number
    print(f"scalar call through thermophoretic_velocity(particle, gas, grad_T): {t * 1e6:.2f} us")


if __name__ == "__main__":
    main()
