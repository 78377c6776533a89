"""Speed of the DSMC Fourier solver, side by side with the previous kernel (issue 16.3, 16.4).

Run: python benchmarks/bench_dsmc.py [--quick]

Hard-sphere argon between walls at 250 K and 350 K, 1 mm apart, Kn = 0.1, time step a quarter of a cell
crossing at the most probable speed at 300 K, sampling every step. Every number is the median of repeated
runs, the variants interleaved so that a change in the machine's load hits them alike. Nothing asserted.

1. Threads: 100,000 molecules (500 cells x 200). Million molecule-steps per second of
   - ``new``: this kernel, threads chosen from the load before each slice of steps (the default);
   - ``new, forced``: this kernel, always the requested threads (``dsmc.ADAPTIVE_THREADS = False``);
   - ``previous``: the kernel before this rewrite (``benchmarks/_dsmc_kernels_previous.py``, always the
     requested threads), on 1 and 2 threads, first as the machine is, then with one core held by a busy
     process (``python -c 'while True: pass'``).
2. Cells: the same number of molecules (200,000) in 500, 5,000 and 25,000 cells, one thread: the cost per
   molecule-step relative to 500 cells (the previous kernel's per-step work grew as blocks x cells).

SPARTA (the reference DSMC code) is not installed on this machine, so the comparison with it (issue 16: the
previous kernel was 2.4-7.3x SPARTA per core) is carried over through the previous kernel: the new kernel
keeps the >= 2x when it is at least as fast as the previous one per core.
"""

from __future__ import annotations

import math
import os
import statistics
import subprocess
import sys
import time

import numba as nb
import numpy as np

sys.path.insert(0, os.path.dirname(__file__))

import _dsmc_kernels_previous as previous  # noqa: E402

from thermophoresis.constants import BOLTZMANN  # noqa: E402
from thermophoresis.kinetic import _kernels, dsmc  # noqa: E402
from thermophoresis.lagrangian.rng import ZIG_F, ZIG_X  # noqa: E402


def _state(p, cells, per_cell, threads):
    vmp = math.sqrt(2 * BOLTZMANN * 300.0 / p.molecular_mass)
    return dsmc._State(p, cells, per_cell, 0.25 * (p.gap / cells) / vmp, 1, threads)


def run_new(p, cells, per_cell, steps, threads, adaptive=True):
    st = _state(p, cells, per_cell, threads)
    acc, wall = np.zeros((cells, 11)), np.zeros(2)
    dsmc.ADAPTIVE_THREADS = adaptive
    try:
        t0 = time.perf_counter()
        st.advance(steps, acc, wall)
        return cells * per_cell * steps / (time.perf_counter() - t0), st.thread_history
    finally:
        dsmc.ADAPTIVE_THREADS = True


def run_previous(p, cells, per_cell, steps, threads):
    st = _state(p, cells, per_cell, threads)
    acc, wall = np.zeros((cells, 11)), np.zeros(2)
    before = nb.get_num_threads()
    nb.set_num_threads(threads)
    try:
        t0 = time.perf_counter()
        previous.advance(st.z, st.vx, st.vy, st.vz, st.cell, steps, 0, st.seed, st.dt, p.gap, p.t_lo, p.t_hi,
                         p.accommodation, p.molecular_mass, cells, st.fnum, st.sig_coef, st.omega, st.inv_alpha,
                         st.sigma_cr_max, True, acc, wall, ZIG_X, ZIG_F, 1)
        return cells * per_cell * steps / (time.perf_counter() - t0)
    finally:
        nb.set_num_threads(before)


def load_note():
    la = os.getloadavg()
    return f"load average {la[0]:.1f} / {la[1]:.1f} / {la[2]:.1f} on {os.cpu_count()} CPUs"


def threads_table(p, repeats, steps, label):
    cells, per_cell = 500, 200
    rows = {}
    hist = []
    for _ in range(repeats):
        for threads in (1, 2):
            r, h = run_new(p, cells, per_cell, steps, threads)
            rows.setdefault(("new", threads), []).append(r)
            if threads == 2:
                hist += h
            rows.setdefault(("new, forced", threads), []).append(run_new(p, cells, per_cell, steps, threads, False)[0])
            rows.setdefault(("previous", threads), []).append(run_previous(p, cells, per_cell, steps, threads))
    print(f"\n[{label}] {cells * per_cell} molecules, {steps} steps, median of {repeats}; {load_note()}")
    print(f"{'kernel':14s} {'1 thread':>10s} {'2 threads':>10s} {'2 / 1':>7s}   (M molecule-steps/s)")
    med = {k: statistics.median(v) for k, v in rows.items()}
    for name in ("new", "new, forced", "previous"):
        one, two = med[(name, 1)], med[(name, 2)]
        print(f"{name:14s} {one / 1e6:10.1f} {two / 1e6:10.1f} {two / one:7.2f}")
    print(f"new / previous on 1 thread: {med[('new', 1)] / med[('previous', 1)]:.2f}; threads the adaptive runs "
          f"asked for 2 used: {sorted(set(hist))} (share of slices on 2: {np.mean(np.array(hist) == 2):.2f})")


def cells_table(p, repeats, steps, n_molecules=200_000):
    print(f"\n[cells] {n_molecules} molecules, {steps} steps, 1 thread, median of {repeats} (interleaved); "
          f"{load_note()}")
    print(f"{'cells':>7s} {'per cell':>8s} {'new':>8s} {'prev.':>8s}   cost per molecule-step / cost at 500 cells")
    sizes = (500, 5000, 25000)
    runs = {}
    for _ in range(repeats):
        for cells in sizes:
            runs.setdefault(("new", cells), []).append(run_new(p, cells, n_molecules // cells, steps, 1)[0])
            runs.setdefault(("old", cells), []).append(run_previous(p, cells, n_molecules // cells, steps, 1))
    med = {k: statistics.median(v) for k, v in runs.items()}
    for cells in sizes:
        new, old = med[("new", cells)], med[("old", cells)]
        print(f"{cells:7d} {n_molecules // cells:8d} {med[('new', 500)] / new:8.2f} {med[('old', 500)] / old:8.2f}   "
              f"({new / 1e6:.1f} and {old / 1e6:.1f} M molecule-steps/s; new / previous {new / old:.2f})")


def main():
    quick = "--quick" in sys.argv
    repeats = 3 if quick else 5
    p = dsmc.FourierProblem(knudsen=0.1)
    run_new(p, 10, 10, 2, 1)  # compile
    run_new(p, 10, 1000, 2, 2)
    run_previous(p, 10, 10, 2, 1)
    print("DSMC Fourier problem, hard-sphere argon, Kn = 0.1. The machine is shared with other jobs: its load "
          "changes during the run, so compare the columns of one table, not tables.")
    threads_table(p, repeats, 100 if quick else 200, "machine as it is")
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(1.0)
        threads_table(p, repeats, 100 if quick else 200, "one core held by a busy process")
    finally:
        busy.kill()
        busy.wait()
    cells_table(p, repeats, 20 if quick else 50)


if __name__ == "__main__":
    main()
