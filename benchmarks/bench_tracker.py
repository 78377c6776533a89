"""Speed of the particle tracker kernel: ns per particle-step, the new kernel side by side with the former one.

Run: python benchmarks/bench_tracker.py [--busy] [--compile] [--compile-split]
     python benchmarks/bench_tracker.py --versions SHA [SHA ...]

For each case the former kernel (integer field switch, one particle at a time, ``prange`` over particles;
``lagrangian/kernels.py`` at commit 707770a, read from git by ``_frozen.py``) and the current one (compiled per field type and integrator,
blocks of 8 particles interleaved, dynamic block ranges over threads) advance the same particles with the same
tables, alternately, ``REPEAT`` times; the median time per particle-step is printed, on 1 and 2 threads,
with the ratio old/new and 2 threads / 1 thread. A same-physics NumPy step (vectorized over particles) is
timed for the overdamped uniform case.

The current kernel runs with the default random stream (version 3) and, on one thread, with the earlier
ones: version 2 (the default of 0.1) and version 1 (the same random numbers as the old kernel); "stream 3
vs 2" and "vs 1" are the gains of the stream alone.

``--busy`` starts ``python -c 'while True: pass'`` (one core held by another process) for the measurement and
stops it afterwards. ``--compile`` measures the first ``Tracker.run`` on a fresh Numba cache (a new process
with its own ``NUMBA_CACHE_DIR``, three times, median), and the compile of the former kernel, as wall and CPU
time. ``--compile-split`` (alone: no kernel timing) prints where that first run's compile goes, from
Numba's compile events (``numba.core.event``: every compiler pass and every hold of the LLVM lock, CPU time
exclusive of what nests inside), by pass and by compiled function, inertial and overdamped, each in a new
process with an empty cache. In the 2-thread runs the tracker probes whether two threads advance more
blocks per second than one, goes on on one thread if not and tries again later (``tracker._run_blocks``);
each 2-thread run prints the threads taking ranges at its end, the tries of both threads and the share of
blocks run on both.
``--versions`` (alone) compares versions of the current kernel, for work on it: ``lagrangian/kernels.py``
at each commit given (read from git, as the former kernel is, so only committed versions: ``HEAD`` or a
sha; the module must have this kernel's interface: ``advance`` with the field, integrator and stream types,
``STREAMS``, ``Domain``), on one thread, the versions alternating in one process, ``REPEAT`` times, for the
three cases above with each version's default stream (``STREAM_VERSION``; 2 for versions without one) and
zero start velocities (as there); it prints the median ns per particle-step and the median of the per-round
ratios to the first version, and whether each version gives the first one's positions and velocities bit for
bit (20 steps of 64 particles; versions with different default streams differ).
A change is judged by that ratio only: between processes the same kernel's time moved by up to 1.5x
(27-41 ns, uniform overdamped, within minutes at load 0.8), and its ratio to the former kernel by 1.36-1.66x,
while two versions alternating in one process kept their ratio within about 0.1 (two copies of one version,
``--versions HEAD 801e88d`` with the same kernel, read 0.98-1.06x at load 1.8: pass a version twice to see
the noise of the moment). The helpers that the
kernel imports from other modules (field evaluators, random numbers) come from the current tree.

Nothing is asserted. The machine may be shared: say so when quoting the numbers.
"""

from __future__ import annotations

import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import numba
import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import _frozen  # noqa: E402
from _timing import thread_reference  # noqa: E402

OLD = ("707770a", "src/thermophoresis/lagrangian/kernels.py")  # the former kernel, read from git (_frozen.py)
old = _frozen.load(*OLD)

from thermophoresis import Gas, Particle  # noqa: E402
from thermophoresis._numerics.rng import ZIG_F, ZIG_X  # noqa: E402
from thermophoresis.lagrangian import Grid3D, Tracker, UniformGradient  # noqa: E402
from thermophoresis.lagrangian import kernels  # noqa: E402
from thermophoresis.lagrangian import tracker as tracker_module  # noqa: E402
from thermophoresis._twins import start_threads_quietly  # noqa: E402

# The former kernel runs on Numba's OpenMP pool. Started with libgomp's default wait policy, its worker spins
# after each of the former kernel's 2-thread runs and takes a core from the current kernel's threads that run
# next: 2 threads were then 1.40-1.54x one thread instead of 1.69-1.73x (2026-12-02, idle machine). The
# toolkit's own parallel code starts the pool this way (passive waits), so the benchmark does too.
start_threads_quietly()

REPEAT = 7


def run_old(tr, pos, vel, n_steps, threads):
    """The former kernel on the tracker's own tables and field (same physics, same random streams)."""
    n = pos.shape[0]
    tab = tr._tables
    coeff = tr._coefficients()
    kind, fp, data = tr.field.kernel_arrays()
    z_lo, z_hi = tr.walls
    numba.set_num_threads(threads)
    old.advance(pos, vel, np.ones(n, dtype=np.bool_), np.arange(n, dtype=np.int64), 0, n_steps, tr.dt, tr.seed,
                tr.inertial, kind, fp, data, tab[0], tab[1], coeff, ZIG_X, ZIG_F, z_lo, z_hi, tr.x_exit,
                tr.wall_mode, tr.tube_radius, 0, np.empty((0, n, 3)), np.full(n, -1, dtype=np.int64),
                np.zeros(n, dtype=np.int64), np.full((n, 3), np.nan), np.full((n, 3), np.nan),
                np.zeros(n, dtype=np.bool_))
    numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)


KEPT = []  # threads the new kernel's probe kept in each 2-thread run


def run_new(tr, pos, vel, n_steps, threads, stream=None):
    tr.threads = threads
    tr.stream = kernels.STREAM_VERSION if stream is None else stream
    tr._run(pos, n_steps, vel, 0, np.arange(pos.shape[0], dtype=np.int64), 0, np.ones(pos.shape[0], dtype=np.bool_))
    if threads != 1 and tracker_module.LAST_PROBE:
        p = tracker_module.LAST_PROBE
        KEPT.append(f"{p.get('threads')}/{p.get('tries', 1)}/{p.get('share_on_all', 0.0):.2f}")


def numpy_overdamped(tr, pos, n_steps, rng):
    """The same overdamped step written with NumPy arrays: field, tabulated coefficients at the local
    temperature, drift, noise, walls."""
    t0, dt_tab, c_th, *_ = tr._tables
    coeff = tr._coefficients()
    grid = t0 + dt_tab * np.arange(c_th.size)
    f = tr.field
    g = np.asarray(f.gradient)
    alive = np.ones(pos.shape[0], dtype=bool)
    z_lo, z_hi = tr.walls
    for _ in range(n_steps):
        t = f.temperature + (pos - np.asarray(f.origin)) @ g
        cth = np.interp(t, grid, coeff[:, 0])
        w = np.asarray(f.velocity) - cth[:, None] * g + np.column_stack(
            [np.interp(t, grid, coeff[:, k]) for k in (1, 2, 3)])
        sd = np.interp(t, grid, coeff[:, 7])
        step = w * tr.dt + sd[:, None] * rng.standard_normal(pos.shape)
        pos[alive] += step[alive]
        alive &= (pos[:, 2] >= z_lo) & (pos[:, 2] <= z_hi)


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def compare(label, tr, start, n_steps, numpy_too=False):
    n = start.shape[0]
    tr.tables()
    vel0 = np.zeros_like(start)
    for threads in (1, 2):  # warm-up / compile both
        run_old(tr, start[:64].copy(), vel0[:64].copy(), 2, threads)
        run_new(tr, start[:64].copy(), vel0[:64].copy(), 2, threads)
    run_new(tr, start[:64].copy(), vel0[:64].copy(), 2, 1, stream=1)
    run_new(tr, start[:64].copy(), vel0[:64].copy(), 2, 1, stream=2)
    # the two kernels agree (same streams; float association may differ in the last bits)
    a, va = start.copy(), vel0.copy()
    b, vb = start.copy(), vel0.copy()
    run_old(tr, a, va, 20, 1)
    run_new(tr, b, vb, 20, 1, stream=1)  # the former streams: the same random numbers as the old kernel
    diff = float(np.max(np.abs(a - b)) / max(np.max(np.abs(a - start)), 1e-300))
    times = {k: [] for k in ("old1", "new1", "old2", "new2", "numpy", "s1", "s2")}
    KEPT.clear()
    for _ in range(REPEAT):
        for threads in (1, 2):
            times[f"old{threads}"].append(timed(lambda: run_old(tr, start.copy(), vel0.copy(), n_steps, threads)))
            times[f"new{threads}"].append(timed(lambda: run_new(tr, start.copy(), vel0.copy(), n_steps, threads)))
            if threads == 1:  # the current kernel with the earlier random streams (versions 1 and 2)
                for v in (1, 2):
                    times[f"s{v}"].append(timed(lambda: run_new(tr, start.copy(), vel0.copy(), n_steps, 1, stream=v)))
        if numpy_too:
            times["numpy"].append(timed(lambda: numpy_overdamped(tr, start.copy(), n_steps // 10,
                                                                 np.random.default_rng(0))))
    ns = {k: statistics.median(v) / (n * n_steps) * 1e9 for k, v in times.items() if v}
    if "numpy" in ns:
        ns["numpy"] *= 10  # a tenth of the steps
    print(f"{label:34s} 1 thread: old {ns['old1']:6.2f}  new {ns['new1']:6.2f} ns/particle-step "
          f"(x{ns['old1'] / ns['new1']:.2f}; new kernel with stream 2: {ns['s2']:6.2f}, stream 1: {ns['s1']:6.2f}; "
          f"stream {kernels.STREAM_VERSION} vs 2: x{ns['s2'] / ns['new1']:.2f}, vs 1: x{ns['s1'] / ns['new1']:.2f}) | 2 threads: old {ns['old2']:6.2f}  new {ns['new2']:6.2f} "
          f"(x{ns['old2'] / ns['new2']:.2f}) | new 2 vs 1 thread: x{ns['new1'] / ns['new2']:.2f}, "
          f"old: x{ns['old1'] / ns['old2']:.2f}" + (f" | NumPy {ns['numpy']:.1f} ns" if "numpy" in ns else "")
          + f" | max |new-old| / displacement {diff:.1e} | 2-thread runs, threads at the end/tries of all threads/"
          "share of blocks run on all: "
          + (",".join(str(k) for k in KEPT) or "-"))
    return ns


COMPILE_SNIPPET = r"""
import sys, time
c0, w0 = time.process_time(), time.perf_counter()
import numpy as np
from thermophoresis import Gas, Particle
from thermophoresis.lagrangian import Tracker, UniformGradient
tr = Tracker(Particle("200 nm", "psl"), Gas("air"), UniformGradient(293.15, gradient=(0, 0, 1e4)), dt=1e-3,
             gravity=False, seed=1, inertial=True)
tr.tables()
c1, w1 = time.process_time(), time.perf_counter()
tr.run(np.zeros((100, 3)), n_steps=10)
c2, w2 = time.process_time(), time.perf_counter()
if len(sys.argv) > 1:
    sys.path.insert(0, sys.argv[1])
    import _frozen
    old = _frozen.load(sys.argv[2], sys.argv[3])
    from thermophoresis._numerics.rng import ZIG_X, ZIG_F
    tab, coeff = tr._tables, tr._coefficients()
    kind, fp, data = tr.field.kernel_arrays()
    n = 16
    pos, vel = np.zeros((n, 3)), np.zeros((n, 3))
    old.initial_velocities(pos, np.arange(n), 1, kind, fp, data, tab[0], tab[1], coeff, ZIG_X, ZIG_F, vel)
    old.advance(pos, vel, np.ones(n, bool), np.arange(n), 0, 2, 1e-3, 1, True, kind, fp, data, tab[0], tab[1], coeff,
                ZIG_X, ZIG_F, -np.inf, np.inf, np.inf, 0, np.inf, 0, np.empty((0, n, 3)), np.zeros(n, np.int64),
                np.zeros(n, np.int64), np.zeros((n, 3)), np.zeros((n, 3)), np.zeros(n, bool))
c3, w3 = time.process_time(), time.perf_counter()
print(f"first Tracker.run (inertial, uniform) on a fresh cache: wall {w2 - w1:.1f} s, CPU {c2 - c1:.1f} s "
      f"(import and tables before it: wall {w1 - w0:.1f} s)")
if len(sys.argv) > 1:
    print(f"former kernel (initial_velocities + advance) on a fresh cache: wall {w3 - w2:.1f} s, CPU {c3 - c2:.1f} s")
"""


def compile_times(repeat=3):
    """The first run on a fresh cache, ``repeat`` times (each in a new process with an empty cache); the
    former kernel's compile once, after the first."""
    cpu, wall = [], []
    for k in range(repeat):
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "NUMBA_CACHE_DIR": cache}
            extra = [str(pathlib.Path(__file__).parent), *OLD] if k == 0 else []
            load = os.getloadavg()[0]
            out = subprocess.run([sys.executable, "-W", "ignore", "-c", COMPILE_SNIPPET, *extra], env=env,
                                 capture_output=True, text=True, check=True)
            print(out.stdout.strip() + f" (load {load:.1f})")
            first = out.stdout.splitlines()[0]
            wall.append(float(first.split("wall ")[1].split(" s")[0]))
            cpu.append(float(first.split("CPU ")[1].split(" s")[0]))
    print(f"first Tracker.run on a fresh cache, median of {repeat}: CPU {statistics.median(cpu):.1f} s, "
          f"wall {statistics.median(wall):.1f} s")


SPLIT_SNIPPET = r"""
import collections, sys, time
from numba.core import event
excl, stack = collections.Counter(), []


class Timer(event.Listener):
    def __init__(self, kind):
        self.kind = kind

    def on_start(self, ev):
        name = (ev.data["name"] if self.kind == "pass" else
                "llvm (lock held)" if self.kind == "llvm" else "compile (dispatcher, other)")
        stack.append([name, time.process_time(), 0.0])

    def on_end(self, ev):
        name, t0, inner = stack.pop()
        dt = time.process_time() - t0
        excl[name] += dt - inner
        if stack:
            stack[-1][2] += dt


for kind, tag in (("numba:run_pass", "pass"), ("numba:llvm_lock", "llvm"), ("numba:compile", "compile")):
    event.register(kind, Timer(tag))
import numpy as np
from thermophoresis import Gas, Particle
from thermophoresis.lagrangian import Tracker, UniformGradient
inertial = sys.argv[1] == "inertial"
tr = Tracker(Particle("200 nm", "psl"), Gas("air"), UniformGradient(293.15, gradient=(0, 0, 1e4)), dt=1e-3,
             gravity=False, seed=1, inertial=inertial)
tr.tables()
excl.clear()
c0 = time.process_time()
tr.run(np.zeros((100, 3)), n_steps=10)
total = time.process_time() - c0
phase, func = collections.Counter(), collections.Counter()
for key, t in excl.items():
    p, _, f = key.partition(" [")
    phase[p] += t
    func[f.rstrip("]") or p] += t
fmt = lambda c: ", ".join(f"{k} {v:.2f}" for k, v in c.most_common(12))
print(f"{sys.argv[1]}: first run CPU {total:.2f} s, in compile events {sum(excl.values()):.2f} s")
print("  by pass [s]: " + fmt(phase))
print("  by function [s]: " + fmt(func))
"""


def compile_split():
    """Where the first run's compile goes (see the module docstring), inertial and overdamped."""
    for mode in ("inertial", "overdamped"):
        with tempfile.TemporaryDirectory() as cache:
            load = os.getloadavg()[0]
            out = subprocess.run([sys.executable, "-W", "ignore", "-c", SPLIT_SNIPPET, mode],
                                 env={**os.environ, "NUMBA_CACHE_DIR": cache}, capture_output=True, text=True,
                                 check=True)
            print(out.stdout.strip() + f"\n  (load {load:.1f})")


def _uniform_case(inertial):
    field = UniformGradient(293.15, gradient=(0.0, 0.0, 1e4))
    tr = Tracker(Particle("200 nm", "psl"), Gas("air"), field, dt=1e-5, inertial=inertial, seed=1, walls=(-1.0, 1.0))
    return tr, np.zeros((20_000, 3))


def _grid_case():
    ax = np.linspace(-5e-3, 5e-3, 64)
    xx, yy, zz = np.meshgrid(ax, ax, ax, indexing="ij")
    temp = 300.0 + 20.0 * np.sin(200 * xx) * np.cos(150 * yy) + 1e3 * zz
    vel = np.stack([0.05 * np.cos(300 * zz), 0.01 * np.sin(200 * xx), np.zeros_like(xx)], axis=-1)
    grid = Grid3D(ax, ax, ax, temp, vel)
    start = np.random.default_rng(2).uniform(-4e-3, 4e-3, (20_000, 3))
    return Tracker(Particle("200 nm", "psl"), Gas("air"), grid, dt=1e-5, inertial=False, seed=1), start


def run_version(kernels, tr, pos, n_steps):
    """``advance`` of a kernel module (any version with the current interface) over all particles, 1 thread,
    with that version's default random stream (2 before there was a STREAM_VERSION)."""
    n = pos.shape[0]
    tab = tr._tables if tr._tables is not None else tr.tables()  # built once, as Tracker.run does
    coeff = tr._coefficients()
    z_lo, z_hi = tr.walls
    integ = kernels.InertialStep(tr.dt) if tr.inertial else kernels.OverdampedStep(tr.dt)
    dom = kernels.Domain(float(z_lo), float(z_hi), tr.x_exit, tr.tube_radius, tr.wall_mode == kernels.MODE_REFLECT)
    vel = np.zeros_like(pos)  # given start velocities (no thermal draw), as in compare()
    stream = kernels.STREAMS[getattr(kernels, "STREAM_VERSION", 2)]
    kernels.advance(tr.field.kernel_data, integ, stream, 0, -(-n // kernels.BLOCK), pos, vel,
                    np.ones(n, dtype=np.bool_), np.arange(n, dtype=np.int64), 0, n_steps, tr.seed, tab[0], tab[1],
                    coeff, dom, 0, np.empty((0, n, 3)), np.full(n, -1, dtype=np.int64), np.zeros(n, dtype=np.int64),
                    np.full((n, 3), np.nan), np.full((n, 3), np.nan), np.zeros(n, dtype=np.bool_), False)
    return np.concatenate([pos, vel], axis=1)


def compare_versions(shas, n_steps=200):
    """The current kernel at several commits, side by side in this process (see the module docstring)."""
    mods = [_frozen.load(sha, "src/thermophoresis/lagrangian/kernels.py") for sha in shas]
    print("load average (1, 5, 15 min) at the start: %.1f %.1f %.1f" % os.getloadavg())
    for label, (tr, start) in (("uniform, overdamped", _uniform_case(False)), ("uniform, inertial", _uniform_case(True)),
                               ("3-D grid 64^3, overdamped", _grid_case())):
        first = [run_version(k, tr, start[:64].copy(), 20) for k in mods]  # compile, and the bits
        times = [[] for _ in mods]
        for _ in range(REPEAT):
            for k, kern in enumerate(mods):
                times[k].append(timed(lambda: run_version(kern, tr, start.copy(), n_steps)))
        n = start.shape[0] * n_steps
        cells = []
        for sha, t, p in zip(shas, times, first):
            ratio = statistics.median(a / b for a, b in zip(times[0], t))
            same = "same bits" if np.array_equal(p, first[0]) else "DIFFERENT positions or velocities"
            cells.append(f"{sha} {statistics.median(t) / n * 1e9:6.2f} ns (first / this x{ratio:.2f}, {same})")
        print(f"{label:28s} " + " | ".join(cells))
    print("load average at the end: %.1f %.1f %.1f" % os.getloadavg())


def main():
    if "--compile-split" in sys.argv:
        compile_split()
        return
    if "--versions" in sys.argv:
        shas = sys.argv[sys.argv.index("--versions") + 1:]
        if not shas or any(a.startswith("-") for a in shas):
            sys.exit("--versions takes one or more commits (HEAD or a sha) and nothing after them, "
                     f"got {shas or 'none'}")
        compare_versions(shas)
        return
    busy = None
    if "--busy" in sys.argv:
        busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        print(f"(one core held by another process, pid {busy.pid})")
    print("load average (1, 5, 15 min) at the start: %.1f %.1f %.1f" % os.getloadavg())
    try:
        print(thread_reference())
        steps = 200
        for inertial in (False, True):
            tr, start = _uniform_case(inertial)
            compare(f"uniform, {'inertial' if inertial else 'overdamped'}", tr, start, steps, numpy_too=not inertial)
        tr, start = _grid_case()
        compare("3-D grid 64^3, overdamped", tr, start, steps)
        if "--compile" in sys.argv:
            compile_times()
        print(thread_reference())
        print("load average at the end: %.1f %.1f %.1f" % os.getloadavg())
    finally:
        if busy is not None:
            busy.terminate()
            busy.wait()


if __name__ == "__main__":
    main()
