"""The DSMC Fourier solver side by side with SPARTA on the same problem, one core each (issue 16, goal 6).

Run: python benchmarks/bench_sparta.py [--sparta PATH] [--repeat 5] [--steps 400] [--physics [SEEDS]]
                                      [--knudsen 0.1] [--burn 15000] [--seed0 1000] [--no-speed]

SPARTA (Sandia's DSMC code, https://sparta.github.io) is an optional peer: the script looks for its serial
binary in ``--sparta``, then ``$SPARTA``, then ``spa_serial`` on the PATH, and says so and stops when there is
none. Nothing of SPARTA is part of this project; its serial build (``make serial`` in its ``src/``) is all that
is needed. The input deck, the species and the collision file are written by this script (below) into a
temporary folder.

The problem is ``bench_dsmc.py``'s: hard-sphere argon (d = 3.6579e-10 m, the toolkit's d_hs, written to
SPARTA as a VSS model with omega = 0.5 and alpha = 1, which is the hard sphere), diffuse walls at 250 K
(z = 0) and 350 K (z = 1 mm), Kn = 0.1 (``--knudsen``; n = 1/(sqrt 2 pi d^2 Kn L)), 500 cells x 200
molecules, a time step of a quarter of a cell crossing at the most probable speed at 300 K, 1 thread / 1 MPI
task.

Speed: molecule-steps per second of the timed steps after an untimed burn-in, SPARTA's own "Loop time" of its
second ``run`` against the wall time of the toolkit's ``_State.advance`` in this process, alternating, median
of ``--repeat``; three ways:
- sampling every step: the toolkit's 10 moments per molecule (density, velocity, temperature, heat flux
  profiles); SPARTA's ``compute grid`` (n nrho massrho u v w), ``thermal/grid`` (temp press) and
  ``eflux/grid`` (heatz) through ``fix ave/grid`` every step;
- sampling every 10 steps (the same, every 10th step);
- no profile sampling (both still tally the wall energy flux every step: SPARTA's ``compute boundary``; the
  toolkit samples the molecules once, at the first timed step, as its kernel tallies the walls only in a
  sampling call).

``--physics [SEEDS]`` (default 4 seeds): the wall heat flux over the free-molecular value, q/q_FM, from
independent runs of both codes (burn-in ``--burn`` steps, 15,000 by default, 12,000 steps tallied); mean and
standard error over the seeds, and the difference in standard errors. The seeds are ``--seed0`` (1000) and
the ones after it, the same number for both codes; ``--no-speed`` runs the physics alone, so that sets of
seeds can run side by side in separate processes. The burn-in must outlast the slowest
thermal mode, whose decay time scales as 1/Kn (about 1,400 steps at Kn = 0.1; see ``PHYSICS_BURN``).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from thermophoresis.constants import AVOGADRO
from thermophoresis.kinetic import dsmc

CELLS, PER_CELL = 500, 200
#: Burn-in of the q/q_FM runs [steps]: SPARTA starts from gas at 300 K, the toolkit from the linear profile.
#: The slowest thermal mode decays in about L^2 / (pi^2 alpha) = 2 us (alpha = k / (rho c_v), hard-sphere argon
#: at 300 K and this density), about 1,400 steps: 15,000 steps (21 us, 10 of those times) leaves e^-10 of it.
PHYSICS_BURN = 15_000
PROBLEM = dsmc.FourierProblem(knudsen=0.1)

DECK = """\
# the Fourier problem of benchmarks/bench_sparta.py (written by it)
seed            ${{seed}}
dimension       3
global          gridcut 0.0 comm/sort yes
boundary        p p s
create_box      0 {gap!r} 0 {gap!r} 0 {gap!r}
create_grid     1 1 {cells}
balance_grid    rcb cell
species         ar.species Ar
mixture         gas Ar vstream 0.0 0.0 0.0 temp 300.0
global          nrho {nrho!r} fnum {fnum!r}
collide         vss gas ar_hs.vss
surf_collide    cold diffuse {t_lo!r} 1.0
surf_collide    hot diffuse {t_hi!r} 1.0
bound_modify    zlo collide cold
bound_modify    zhi collide hot
create_particles gas n {n}
timestep        {dt!r}
stats           ${{burn}}
stats_style     step cpu np
run             ${{burn}}
# the timed run: the wall energy fluxes averaged over exactly its steps (counted from 0 again)
reset_timestep  0
compute         b boundary gas etot
variable        qlo equal c_b[5][1]
variable        qhi equal c_b[6][1]
fix             q ave/time 1 ${{steps}} ${{steps}} v_qlo v_qhi
stats           ${{steps}}
stats_style     step cpu np f_q[1] f_q[2]
if              "${{every}} > 0" then &
  "compute g grid all gas n nrho massrho u v w" &
  "compute t thermal/grid all gas temp press" &
  "compute e eflux/grid all gas heatz" &
  "fix s ave/grid all ${{every}} ${{nrep}} ${{steps}} c_g[*] c_t[*] c_e[*]"
run             ${{steps}}
"""


def dt_of(p=None):
    """The toolkit's default step: a quarter of a cell crossing at the most probable speed at 300 K."""
    return dsmc._default_dt(p or PROBLEM, CELLS)


def write_inputs(folder: Path, p=None):
    p = p or PROBLEM
    n = CELLS * PER_CELL
    volume = p.gap**3  # the box is gap x gap x gap, periodic in x and y (one cell across)
    folder.joinpath("in.fourier").write_text(DECK.format(
        gap=p.gap, cells=CELLS, nrho=p.number_density, fnum=p.number_density * volume / n, t_lo=p.t_lo,
        t_hi=p.t_hi, n=n, dt=dt_of(p)))
    # SPARTA's species format: ID, molecular weight, mass [kg], then rotational/vibrational data (none here)
    folder.joinpath("ar.species").write_text(
        f"Ar {p.molecular_mass * AVOGADRO * 1e3:.6f} {p.molecular_mass!r} 0 0 0 0 0 1 0\n")
    d, omega, alpha = p.collision_parameters
    folder.joinpath("ar_hs.vss").write_text(f"Ar {d!r} {omega!r} 273.15 {alpha!r}\n")


def run_sparta(binary, folder, burn, steps, every, seed):
    """(molecule-steps per second of the timed run, q at z = 0, q at z = L) from one SPARTA run."""
    nrep = steps // every if every else 1
    out = subprocess.run([binary, "-in", "in.fourier", "-log", "none", "-var", "burn", str(burn), "-var", "steps",
                          str(steps), "-var", "every", str(every), "-var", "nrep", str(nrep), "-var", "seed",
                          str(seed)], cwd=folder, capture_output=True, text=True, check=True).stdout
    loops = re.findall(r"Loop time of ([0-9.eE+-]+) on 1 procs for (\d+) steps with (\d+) particles", out)
    seconds, n_steps, n = float(loops[-1][0]), int(loops[-1][1]), int(loops[-1][2])
    # the last stats line of the timed run: step cpu np f_q[1] f_q[2]
    rows = [line.split() for line in out.splitlines() if re.match(rf"^\s*{steps}\s", line)]
    q_lo, q_hi = float(rows[-1][3]), float(rows[-1][4])  # W/m^2 into the wall
    return n * n_steps / seconds, q_lo, q_hi


def run_toolkit(burn, steps, every, seed):
    """(molecule-steps per second of the timed steps, the wall heat flux result) on one thread."""
    st = dsmc._State(PROBLEM, CELLS, PER_CELL, dt_of(), seed, 1)
    acc, wall = np.zeros((CELLS, 11)), np.zeros(2)
    st.advance(burn, acc, wall, sample=False)
    wall[:] = 0.0
    t0 = time.perf_counter()
    # every = 0: the wall energy tallied at every step, the molecules sampled once (at the first timed step)
    st.advance(steps, acc, wall, sample=True, sample_every=every if every > 0 else steps)
    rate = CELLS * PER_CELL * steps / (time.perf_counter() - t0)
    res = dsmc._result(PROBLEM, acc, wall, steps, st.dt, CELLS, PER_CELL)
    return rate, res


def speed(binary, folder, repeat, steps):
    burn = 200
    print(f"speed at Kn = {PROBLEM.knudsen:g}: 1 core each, {CELLS * PER_CELL:,} molecules, {burn} steps burn-in, "
          f"{steps} timed, "
          f"median of {repeat} alternating runs; load average {os.getloadavg()[0]:.1f} at the start")
    print(f"{'profiles sampled':22s} {'SPARTA [M/s]':>13s} {'toolkit [M/s]':>14s} {'toolkit / SPARTA':>17s}")
    for every, label in ((1, "every step"), (10, "every 10 steps"), (0, "none (walls only)")):
        ours, theirs, ratios = [], [], []
        for k in range(repeat):
            a = run_sparta(binary, folder, burn, steps, every, seed=100 + k)[0]
            b = run_toolkit(burn, steps, every, seed=k)[0]
            theirs.append(a)
            ours.append(b)
            ratios.append(b / a)
        print(f"{label:22s} {statistics.median(theirs) / 1e6:13.1f} {statistics.median(ours) / 1e6:14.1f} "
              f"{statistics.median(ratios):17.2f}")
    print(f"(load average at the end {os.getloadavg()[0]:.1f})")


def physics(binary, folder, seeds, burn=PHYSICS_BURN, seed0=1000):
    steps = 12000
    q_fm = dsmc.free_molecular_heat_flux(PROBLEM.number_density, PROBLEM.molecular_mass, PROBLEM.t_lo,
                                         PROBLEM.t_hi)
    theirs, ours = [], []
    for k in range(seed0, seed0 + seeds):
        _, q_lo, q_hi = run_sparta(binary, folder, burn, steps, 0, seed=k)
        theirs.append(0.5 * (q_lo - q_hi) / q_fm)  # energy into the cold wall, out of the hot one
        _, res = run_toolkit(burn, steps, 0, seed=k)
        ours.append(-0.5 * (res.wall_heat_flux[0] + res.wall_heat_flux[1]) / q_fm)

    def mean_se(x):
        return statistics.fmean(x), statistics.stdev(x) / math.sqrt(len(x))

    (a, sa), (b, sb) = mean_se(theirs), mean_se(ours)
    print(f"q/q_FM at Kn = {PROBLEM.knudsen:g} (q_FM = {q_fm:.1f} W/m^2), {seeds} seeds each ({seed0} to "
          f"{seed0 + seeds - 1}), {burn} steps burn-in, {steps} tallied:")
    print(f"  SPARTA  {a:.4f} +- {sa:.4f}   (seeds: {', '.join(f'{v:.4f}' for v in theirs)})")
    print(f"  toolkit {b:.4f} +- {sb:.4f}   (seeds: {', '.join(f'{v:.4f}' for v in ours)})")
    print(f"  difference {b - a:+.4f} = {(b - a) / math.hypot(sa, sb):+.2f} standard errors")


def main(argv=None):
    global PROBLEM
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sparta", default=os.environ.get("SPARTA") or shutil.which("spa_serial"),
                    help="SPARTA's serial binary (default: $SPARTA, then spa_serial on the PATH)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--steps", type=int, default=400)
    ap.add_argument("--physics", type=int, nargs="?", const=4, default=0, metavar="SEEDS")
    ap.add_argument("--knudsen", type=float, default=PROBLEM.knudsen, help="Kn = mfp / gap (default 0.1)")
    ap.add_argument("--burn", type=int, default=PHYSICS_BURN, help="burn-in of the --physics runs [steps]")
    ap.add_argument("--seed0", type=int, default=1000,
                    help="first seed of the --physics runs (default 1000; seeds seed0, seed0 + 1, ...)")
    ap.add_argument("--no-speed", action="store_true", help="skip the speed rows (with --physics)")
    args = ap.parse_args(argv)
    PROBLEM = dsmc.FourierProblem(knudsen=args.knudsen)
    if not args.sparta or not Path(args.sparta).is_file():
        print("SPARTA not found (give --sparta PATH or set $SPARTA to its serial binary, spa_serial): skipped")
        return
    run_toolkit(2, 2, 1, 0)  # compile (or load) the kernel first
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_inputs(folder)
        if not args.no_speed:
            speed(args.sparta, folder, args.repeat, args.steps)
        if args.physics:
            physics(args.sparta, folder, args.physics, args.burn, args.seed0)


if __name__ == "__main__":
    sys.exit(main())
