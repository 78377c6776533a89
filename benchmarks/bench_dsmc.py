"""Speed of the DSMC Fourier solver, side by side with the kernels before it (issue 16.3, 16.4).

Run: python benchmarks/bench_dsmc.py [--quick]

Hard-sphere argon between walls at 250 K and 350 K, 1 mm apart, Kn = 0.1, time step a quarter of a cell
crossing at the most probable speed at 300 K, sampling every step. Every number is the median of repeated
runs, the variants interleaved so that a change in the machine's load hits them alike. Nothing asserted.

1. Threads: 100,000 molecules (500 cells x 200). Million molecule-steps per second of
   - ``new``: this kernel (two parallel passes per step, molecules put in cell order every
     ``_kernels.REORDER_EVERY`` = 64 steps since issue 16.6, every 2 before), threads chosen before each slice of steps (the
     default: load check and :class:`ThreadGovernor`);
   - ``new, 1/8 probe``: the same with the governor's measuring slices as before issue 16.3's short probe
     (1/8 of a full slice, 25 steps here, however short the run; now at most 3 % of the call's steps);
   - ``new, forced``: this kernel, always the requested threads (``dsmc.ADAPTIVE_THREADS = False``);
   - ``3-pass``: the kernel of the session before (``kinetic/_kernels.py`` at commit 7225e71, read from git: three passes per step and
     two more on reordering steps, the same numbers bit for bit as this kernel with ``reorder_every=2``),
     always the requested threads, reordering every 2 steps;
   - ``previous``: the kernel before the O(N) rewrite (``kinetic/_kernels.py`` at 36eba22), requested threads,
     from the same initial state (molecules in cell order, which it never reorders: over the timed steps they
     stay nearly so, which makes it faster than it ran at 36eba22, from molecules in random order);
   on 1 and 2 threads, first as the machine is, then with one core held by a busy process
   (``python -c 'while True: pass'``). In this process OpenMP threads wait passively
   (:func:`thermophoresis._twins.start_threads_quietly`); the same tables for libgomp's default spinning
   wait (``GOMP_SPINCOUNT=300000`` set, which the package then leaves alone) come from a child process,
   since the runtime reads its wait policy once per process.
2. Cells: the same number of molecules (200,000) in 500, 5,000 and 25,000 cells, one thread: the cost per
   molecule-step relative to 500 cells, from the wall time and from the thread's CPU time (which a loaded
   machine disturbs less), for the new, the 3-pass and the previous kernel in steady state, and for the new
   kernel from a fresh start ("fresh": the initial state, molecules in cell order since issue 16.4;
   "random": the same molecules in random order, as before), over the timed steps and over the first 2.

SPARTA itself is compared side by side by ``bench_sparta.py`` when its binary is found. Here the comparison
with it (issue 16: the previous kernel was 2.4-7.3x SPARTA per core) is carried over through the previous kernel: the new kernel
keeps the >= 2x when it is at least as fast as the previous one per core. The 'previous' rows start it from
molecules in cell order, as the new kernel's initial state; at 36eba22 (when it was measured against SPARTA)
its molecules were in random order, in which it ran 0.6-0.65x as fast at 500 cells (measured side by side,
issue 16.6), so these rows are the harder comparison.
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

import _frozen  # noqa: E402
from _timing import thread_reference  # noqa: E402

# the kernels before this one, read from git (see _frozen.py): the 3-pass kernel as of 7225e71 and the kernel
# before the O(N) rewrite as of 36eba22
three_pass = _frozen.load("7225e71", "src/thermophoresis/kinetic/_kernels.py")
previous = _frozen.load("36eba22", "src/thermophoresis/kinetic/_kernels.py")

from thermophoresis.constants import BOLTZMANN  # noqa: E402
from thermophoresis.kinetic import _kernels, dsmc  # noqa: E402
from thermophoresis.lagrangian.rng import ZIG_F, ZIG_X  # noqa: E402


def _state(p, cells, per_cell, threads, random_order=False):
    """The benchmark's initial state; ``random_order``: the molecules in random order in memory, as the
    initialisation before issue 16.4 left them (uniform positions not sorted), the same molecules otherwise."""
    vmp = math.sqrt(2 * BOLTZMANN * 300.0 / p.molecular_mass)
    st = dsmc._State(p, cells, per_cell, 0.25 * (p.gap / cells) / vmp, 1, threads)
    if random_order:
        order = np.random.default_rng(7).permutation(st.z.size)
        st.z, st.vx, st.vy, st.vz = (a[order].copy() for a in (st.z, st.vx, st.vy, st.vz))
        st.cell = _kernels.cell_index(st.z, p.gap, cells)
    return st


def run_new(p, cells, per_cell, steps, threads, adaptive=True, cpu=False, warm=0, random_order=False,
            old_probe=False):
    """Molecule-steps per second (of wall time, or of this thread's CPU time if ``cpu``) and the threads used;
    ``warm`` steps (unsampled) first, untimed. ``old_probe``: the governor's measuring slices as before issue
    16.3's short probe (1/8 of a full slice, whatever the call's length: PROBE_SHARE = 1)."""
    st = _state(p, cells, per_cell, threads, random_order)
    acc, wall = np.zeros((cells, 11)), np.zeros(2)
    dsmc.ADAPTIVE_THREADS = adaptive
    share = dsmc.PROBE_SHARE
    if old_probe:
        dsmc.PROBE_SHARE = 1.0
    clock = time.thread_time if cpu else time.perf_counter
    try:
        if warm:
            st.advance(warm, acc, wall, sample=False)
        t0 = clock()
        st.advance(steps, acc, wall)
        return cells * per_cell * steps / (clock() - t0), st.thread_history
    finally:
        dsmc.ADAPTIVE_THREADS = True
        dsmc.PROBE_SHARE = share


def run_3pass(p, cells, per_cell, steps, threads, cpu=False, warm=0):
    st = _state(p, cells, per_cell, threads)
    acc, wall = np.zeros((cells, 11)), np.zeros(2)
    groups = _kernels.n_groups(st.z.size)
    group_acc = np.zeros((groups, cells, 10))
    before = nb.get_num_threads()
    nb.set_num_threads(min(threads, groups))
    clock = time.thread_time if cpu else time.perf_counter
    try:
        if warm:
            three_pass.advance(st.z, st.vx, st.vy, st.vz, st.cell, warm, 0, st.seed, st.dt, p.gap, p.t_lo, p.t_hi,
                               p.accommodation, p.molecular_mass, cells, st.fnum, st.sig_coef, st.omega, st.inv_alpha,
                               st.sigma_cr_max, False, group_acc, wall, ZIG_X, ZIG_F, 1, 0, 2)
        t0 = clock()
        n = three_pass.advance(st.z, st.vx, st.vy, st.vz, st.cell, steps, warm, st.seed, st.dt, p.gap, p.t_lo, p.t_hi,
                               p.accommodation, p.molecular_mass, cells, st.fnum, st.sig_coef, st.omega, st.inv_alpha,
                               st.sigma_cr_max, True, group_acc, wall, ZIG_X, ZIG_F, 1, 0, 2)
        three_pass.reduce_groups(group_acc, acc, n)
        return cells * per_cell * steps / (clock() - t0)
    finally:
        nb.set_num_threads(before)


def run_previous(p, cells, per_cell, steps, threads, cpu=False, warm=0):
    st = _state(p, cells, per_cell, threads)
    acc, wall = np.zeros((cells, 11)), np.zeros(2)
    before = nb.get_num_threads()
    nb.set_num_threads(threads)
    clock = time.thread_time if cpu else time.perf_counter
    try:
        if warm:
            previous.advance(st.z, st.vx, st.vy, st.vz, st.cell, warm, 0, st.seed, st.dt, p.gap, p.t_lo, p.t_hi,
                             p.accommodation, p.molecular_mass, cells, st.fnum, st.sig_coef, st.omega, st.inv_alpha,
                             st.sigma_cr_max, False, acc, wall, ZIG_X, ZIG_F, 1)
        t0 = clock()
        previous.advance(st.z, st.vx, st.vy, st.vz, st.cell, steps, warm, st.seed, st.dt, p.gap, p.t_lo, p.t_hi,
                         p.accommodation, p.molecular_mass, cells, st.fnum, st.sig_coef, st.omega, st.inv_alpha,
                         st.sigma_cr_max, True, acc, wall, ZIG_X, ZIG_F, 1)
        return cells * per_cell * steps / (clock() - t0)
    finally:
        nb.set_num_threads(before)


def load_note():
    la = os.getloadavg()
    return f"load average {la[0]:.1f} / {la[1]:.1f} / {la[2]:.1f} on {os.cpu_count()} CPUs"


def threads_table(p, repeats, steps, label, kernels=("new", "new, forced", "3-pass", "previous")):
    cells, per_cell = 500, 200
    rows = {}
    hist = []
    for _ in range(repeats):
        for threads in (1, 2):
            if "new" in kernels:
                r, h = run_new(p, cells, per_cell, steps, threads)
                rows.setdefault(("new", threads), []).append(r)
                if threads == 2:
                    hist += h
            if "new, 1/8 probe" in kernels:
                rows.setdefault(("new, 1/8 probe", threads), []).append(
                    run_new(p, cells, per_cell, steps, threads, old_probe=True)[0])
            if "new, forced" in kernels:
                rows.setdefault(("new, forced", threads), []).append(
                    run_new(p, cells, per_cell, steps, threads, False)[0])
            if "3-pass" in kernels:
                rows.setdefault(("3-pass", threads), []).append(run_3pass(p, cells, per_cell, steps, threads))
            if "previous" in kernels:
                rows.setdefault(("previous", threads), []).append(run_previous(p, cells, per_cell, steps, threads))
    print(f"\n[{label}] {cells * per_cell} molecules, {steps} steps, median of {repeats}; {load_note()}")
    print(thread_reference())
    print(f"{'kernel':16s} {'1 thread':>10s} {'2 threads':>10s} {'2 / 1':>7s}   (M molecule-steps/s)")
    med = {k: statistics.median(v) for k, v in rows.items()}
    for name in kernels:
        one, two = med[(name, 1)], med[(name, 2)]
        print(f"{name:16s} {one / 1e6:10.1f} {two / 1e6:10.1f} {two / one:7.2f}")
    if "new" in kernels:
        print(f"threads the adaptive runs asked for 2 used: {sorted(set(hist))} "
              f"(share of slices on 2: {np.mean(np.array(hist) == 2):.2f})")
    if "previous" in kernels and "new, forced" in kernels:
        print(f"new / previous on 1 thread: {med[('new, forced', 1)] / med[('previous', 1)]:.2f}")


def both_loads(p, repeats, steps, kernels, tag):
    threads_table(p, repeats, steps, f"{tag}machine as it is", kernels)
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(1.0)
        threads_table(p, repeats, steps, f"{tag}one core held by a busy process", kernels)
    finally:
        busy.kill()
        busy.wait()


def spinning_child(quick):
    """The forced 2-thread tables in a child whose OpenMP threads spin as libgomp does by default."""
    env = dict(os.environ, GOMP_SPINCOUNT="300000")
    env.pop("OMP_WAIT_POLICY", None)
    args = [sys.executable, os.path.abspath(__file__), "--spinning-child"] + (["--quick"] if quick else [])
    r = subprocess.run(args, env=env, capture_output=True, text=True)
    print(r.stdout.rstrip() or r.stderr[-2000:])


def cells_table(p, repeats, steps, n_molecules=200_000):
    print(f"\n[cells] {n_molecules} molecules, {steps} steps, 1 thread, median of {repeats} (interleaved); "
          f"{load_note()}")
    print("cost per molecule-step / cost at 500 cells (from wall time | from the thread's CPU time). 'new', "
          "'3-pass', 'previous': after 4 untimed steps (steady state: molecules in cell order). 'fresh': the new "
          "kernel timed from the initial state, one call of advance (its first steps, until the first reordering "
          f"after step {_kernels.REORDER_EVERY - 1}, and the call's own set-up), over {steps} steps and over the first 2 steps alone; "
          "'random': the same from the same molecules in random order in memory, as the initialisation before "
          "issue 16.4 left them")
    runners = {"new": lambda c, k, cpu: run_new(p, c, k, steps, 1, cpu=cpu, warm=4)[0],
               "3-pass": lambda c, k, cpu: run_3pass(p, c, k, steps, 1, cpu=cpu, warm=4),
               "previous": lambda c, k, cpu: run_previous(p, c, k, steps, 1, cpu=cpu, warm=4),
               "fresh": lambda c, k, cpu: run_new(p, c, k, steps, 1, cpu=cpu)[0],
               "random": lambda c, k, cpu: run_new(p, c, k, steps, 1, cpu=cpu, random_order=True)[0],
               "fresh, 2": lambda c, k, cpu: run_new(p, c, k, 2, 1, cpu=cpu)[0],
               "random, 2": lambda c, k, cpu: run_new(p, c, k, 2, 1, cpu=cpu, random_order=True)[0]}
    print(f"{'cells':>7s} {'per cell':>8s} " + " ".join(f"{n:>12s}" for n in runners) + "   new M/s (CPU)")
    sizes = (500, 5000, 25000)
    runs = {}
    for _ in range(repeats):
        for cells in sizes:
            for name, run in runners.items():
                for cpu in (False, True):
                    runs.setdefault((name, cells, cpu), []).append(run(cells, n_molecules // cells, cpu))
    med = {k: statistics.median(v) for k, v in runs.items()}
    for cells in sizes:
        cols = [f"{med[(n, 500, False)] / med[(n, cells, False)]:5.2f} |"
                f"{med[(n, 500, True)] / med[(n, cells, True)]:5.2f}" for n in runners]
        print(f"{cells:7d} {n_molecules // cells:8d} " + " ".join(f"{c:>12s}" for c in cols)
              + f"   {med[('new', cells, True)] / 1e6:.1f}")


def main():
    quick = "--quick" in sys.argv
    repeats = 3 if quick else 5
    steps = 100 if quick else 200
    p = dsmc.FourierProblem(knudsen=0.1)
    run_new(p, 10, 10, 2, 1)  # compile (and start the threads, passively waiting unless the user chose)
    run_new(p, 10, 1000, 2, 2)
    run_3pass(p, 10, 1000, 2, 2)
    run_previous(p, 10, 10, 2, 1)
    if "--spinning-child" in sys.argv:
        both_loads(p, repeats, steps, ("new, forced", "3-pass"), "spinning wait (GOMP_SPINCOUNT=300000), ")
        return
    print(f"DSMC Fourier problem, hard-sphere argon, Kn = 0.1; Numba threading layer {nb.threading_layer()!r}. "
          "The machine is shared with other jobs: its load changes during the run, so compare the columns of "
          "one table, not tables.")
    both_loads(p, repeats, steps, ("new", "new, 1/8 probe", "new, forced", "3-pass", "previous"), "passive wait, ")
    spinning_child(quick)
    cells_table(p, repeats, 20 if quick else 50)


if __name__ == "__main__":
    main()
