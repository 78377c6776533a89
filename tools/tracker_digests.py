"""Digests of tracker outputs over every kernel specialisation, to show that a kernel change keeps the bits.

Run: python tools/tracker_digests.py --save before.json      (on the tree before the change)
     python tools/tracker_digests.py --check before.json     (on the tree after it; exit status 1 on a mismatch)

Each case is one :class:`~thermophoresis.lagrangian.Tracker` run: every field type (uniform gradient, plates
profile, stagnation point, Graetz tube, 3-D grid), both integrators (inertial, overdamped), the three random stream
versions (1, 2, 3), and for the fields with walls both wall modes (absorb, reflect); 54 runs in all, each of 45
particles (not a multiple of the block size) over 80 steps, sampled every 20, with Brownian motion, gravity
and a user force on. The digest of a case is the SHA-1 of every output array of the run (positions,
velocities, samples, alive flags, event times, walls and positions), so any changed bit changes it.

Compare digests made on one machine only: the kernels are compiled for the processor they run on (and with
fast-math contraction flags), so two machines may round differently.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys

import numpy as np

from thermophoresis import Gas, Particle
from thermophoresis.lagrangian import GraetzTube, Grid3D, ProfileZ, StagnationPoint, Tracker, UniformGradient

N_PARTICLES, N_STEPS, SAMPLE_EVERY = 45, 80, 20


def _grid():
    ax = np.linspace(-1e-3, 1e-3, 7)
    xx, yy, zz = np.meshgrid(ax, ax, ax, indexing="ij")
    t = 300.0 + 2e3 * xx - 1e3 * yy + 8e3 * zz + 4e6 * xx * zz  # not linear: the interpolation matters
    vel = np.stack([0.01 + 0 * xx, 2.0 * zz, -0.002 + 0 * xx], axis=-1)
    return Grid3D(ax, ax, ax, t, vel)


# name -> (field factory, tracker keywords, start region (z range) of the particles away from the walls)
FIELDS = {
    "uniform": (lambda: UniformGradient(300.0, gradient=(0.0, 0.0, 5e4), velocity=(0.01, 0.0, 0.0)),
                dict(walls=(-4e-4, 6e-4)), (1e-4, 5e-4)),
    "plates": (lambda: ProfileZ.plates(2e-3, 290.0, 330.0, flow="poiseuille", mean_velocity=0.02),
               dict(walls=(0.0, 2e-3)), (1e-4, 1.9e-3)),
    "stagnation": (lambda: StagnationPoint(100.0, 295.0, 330.0, 2.2e-5), dict(walls=(0.0, 1.0)),
                   (1e-4, 5e-4)),  # a cold wall: particles reach it,
    "tube": (lambda: GraetzTube(1e-3, 0.05, 0.1, 350.0, 300.0, 2.2e-5, n_terms=10), dict(x_exit=0.05),
             (0.0, 0.9e-3)),
    "grid": (_grid, dict(walls=(-9e-4, 9e-4)), (1e-4, 5e-4)),
}
NEAR_WALL = 15  # particles started within 0.05-1.5 um of a wall (the lower plane, or the tube), so that
#                 wall events and both wall modes are exercised


def _start(name, n):
    _, kw, (z0, z1) = FIELDS[name]
    rng = np.random.default_rng(11)
    xy = rng.uniform(-1e-4, 1e-4, (n, 2)) if name in ("uniform", "stagnation", "grid") else np.zeros((n, 2))
    z = rng.uniform(z0, z1, n)
    gap = rng.uniform(5e-8, 1.5e-6, NEAR_WALL)
    z[:NEAR_WALL] = kw["walls"][0] + gap if "walls" in kw else 1e-3 - gap  # the tube's radius is 1 mm
    return np.column_stack([xy, z])


def cases():
    """Yield (case name, tracker keywords, field name) for every specialisation."""
    for name, (_, kw, _) in FIELDS.items():
        modes = ("absorb", "reflect") if "walls" in kw else ("absorb",)
        for inertial in (True, False):
            for stream in (1, 2, 3):
                for mode in modes:
                    label = f"{name}/{'inertial' if inertial else 'overdamped'}/stream{stream}/{mode}"
                    yield label, dict(kw, inertial=inertial, stream=stream, wall_mode=mode), name


def digest(result) -> str:
    h = hashlib.sha1()
    for a in (result.positions, result.velocities, result.samples, result.alive, result.event_time,
              result.event_wall, result.event_position, result.particle_id):
        a = np.ascontiguousarray(a)
        h.update(str((a.dtype.str, a.shape)).encode())
        h.update(a.tobytes())
    return h.hexdigest()


def run_all() -> dict:
    particle, gas = Particle("300 nm", "psl"), Gas("air")
    out, events = {}, {}
    for label, kw, name in cases():
        tr = Tracker(particle, gas, FIELDS[name][0](), dt=1e-4, gravity=True, seed=9, force=(0.0, 1e-16, 0.0), **kw)
        res = tr.run(_start(name, N_PARTICLES), N_STEPS, sample_every=SAMPLE_EVERY)
        out[label] = digest(res)
        events[label] = int(np.count_nonzero(res.event_wall))
    return out, events


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", metavar="FILE", help="write the digests to FILE (JSON)")
    g.add_argument("--check", metavar="FILE", help="compare with the digests in FILE; exit 1 on a mismatch")
    args = ap.parse_args(argv)
    got, events = run_all()
    if args.save:
        with open(args.save, "w") as f:
            json.dump(got, f, indent=1, sort_keys=True)
        print(f"{len(got)} digests written to {args.save}; distinct: {len(set(got.values()))}; "
              f"runs with wall events: {sum(1 for v in events.values() if v)}")
        return 0
    with open(args.check) as f:
        want = json.load(f)
    bad = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
    for k in bad:
        print(f"DIFFERS  {k}: {want.get(k, '(missing)')} -> {got.get(k, '(missing)')}")
    print(f"{len(got) - len([k for k in bad if k in got])} of {len(want)} cases identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
