"""Speed of the DSMC Fourier solver: particle-timesteps per second, on one thread and on two.

Run: python benchmarks/bench_dsmc.py
Hard-sphere argon, walls at 250 K and 350 K, 1 mm apart, 500 cells, 200 particles per cell, time step a
quarter of a cell crossing at the most probable speed at 300 K, at Kn = 0.01, 0.1 and 1 (Kn = hard-sphere
mean free path at the mean density / gap), sampling the cell moments every step and every 10 steps (the
wall heat flux is summed every step). Prints collisions per particle per step too. Best of three runs of
400 steps. Nothing asserted.
"""

from __future__ import annotations

import math
import time

from thermophoresis.constants import BOLTZMANN
from thermophoresis.kinetic.dsmc import FourierProblem, run_fourier


def main():
    cells, per_cell = 500, 200
    for kn in (0.01, 0.1, 1.0):
        p = FourierProblem(knudsen=kn)
        vmp = math.sqrt(2 * BOLTZMANN * 300.0 / p.molecular_mass)
        dt = 0.25 * (p.gap / cells) / vmp
        run_fourier(p, n_cells=10, per_cell=10, n_steps=2, burn_in=1)  # compile
        # mean collision rate per molecule for hard spheres: sqrt(2) pi d^2 n c_mean; per step: that * dt
        c_mean = math.sqrt(8 * BOLTZMANN * 300.0 / (math.pi * p.molecular_mass))
        coll = math.sqrt(2) * math.pi * p.diameter**2 * p.number_density * c_mean * dt
        steps = 400
        for every in (1, 10):
            for threads in (1, 2):
                best = 0.0
                for _ in range(3):
                    t0 = time.perf_counter()
                    run_fourier(p, n_cells=cells, per_cell=per_cell, dt=dt, burn_in=0, n_steps=steps, seed=1,
                                threads=threads, sample_every=every)
                    best = max(best, cells * per_cell * steps / (time.perf_counter() - t0))
                print(f"Kn = {kn:5g}: {best:10.3e} particle-timesteps/s on {threads} thread(s), sampling every "
                      f"{every:2d} step(s); {coll:.3f} collisions per particle per step (expected, hard spheres)")


if __name__ == "__main__":
    main()
