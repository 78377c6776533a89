"""Regenerate the shipped kinetic tables (``src/thermophoresis/data/kinetic_tables.npz``) from the sphere solver.

This script is the single source of truth of the ``kinetic`` force model's data: every number in the shipped
file comes from :func:`thermophoresis.kinetic.solve_sphere` (problems A, B, C on its default grids) and from
:func:`thermophoresis.kinetic.halfspace.slip_coefficients` (the continuum limits), run here.

    python scripts/make_kinetic_tables.py              # resumes from build/kinetic_tables_store.json
    python scripts/make_kinetic_tables.py --restart    # discard the store (e.g. after a solver change)
    python scripts/make_kinetic_tables.py --workers 2 --store /tmp/s.json --output /tmp/t.npz

Each solved point (model, accommodation, Kn: the three problems) is written to the store as soon as it is
done (atomic rewrite, store locked against a second run). An interrupted run resumes where it stopped. The
store's fingerprint covers every input that changes a result: the Kn grid, the (model, accommodation) sets,
the grid of every point and a digest of the solver's source files; a store made with other inputs is refused
(``--restart`` discards it), never mixed in. When every point is in the store, the tables are written.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import pathlib
import sys
import time
import warnings

if __name__ == "__main__":  # one BLAS/Numba thread per worker (not when a test imports this file)
    for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "NUMBA_NUM_THREADS"):
        os.environ.setdefault(_name, "1")

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from thermophoresis._resume import StoreLock, atomic_write, atomic_write_text, fingerprint  # noqa: E402
from thermophoresis.exceptions import InputError, ValidityWarning  # noqa: E402

#: Kn = mfp / radius: 26 points, 5 per decade, from 0.01 to 1000
KNUDSEN = np.round(np.logspace(-2.0, 3.0, 26), 12)
#: (kinetic model, Maxwell diffuse fraction) of every table
SETS = (("s", 1.0), ("s", 0.9), ("s", 0.8), ("s", 0.5), ("bgk", 1.0))
SOLVER_FILES = ("src/thermophoresis/kinetic/sphere.py", "src/thermophoresis/kinetic/_sphere_kernels.py")
DEFAULT_STORE = ROOT / "build" / "kinetic_tables_store.json"
DEFAULT_OUTPUT = ROOT / "src" / "thermophoresis" / "data" / "kinetic_tables.npz"
FORMAT = 1


def solver_digest() -> str:
    h = hashlib.sha256()
    for name in SOLVER_FILES:
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


def definition() -> dict:
    from thermophoresis.kinetic.sphere import default_grid

    return {
        "format": FORMAT,
        "knudsen": [float(k) for k in KNUDSEN],
        "sets": [list(s) for s in SETS],
        "grids": {repr(float(k)): default_grid(float(k)).to_dict() for k in KNUDSEN},
        "solver_sha256": solver_digest(),
    }


def key(model: str, alpha: float, kn: float) -> str:
    return f"{model}|{alpha!r}|{kn!r}"


def solve_point(task):
    """The three sphere problems at one (model, accommodation, Kn), on the default grid."""
    model, alpha, kn = task
    from thermophoresis.kinetic.sphere import default_grid, solve_sphere

    out = {"model": model, "accommodation": alpha, "knudsen": kn, "grid": default_grid(kn).to_dict()}
    t0 = time.perf_counter()
    for problem in ("drag", "gradient", "dipole"):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ValidityWarning)
            sol = solve_sphere(problem, kn, model=model, accommodation=alpha)
        flagged = [str(w.message) for w in caught if issubclass(w.category, ValidityWarning)]
        out[problem] = {"force": sol.force, "heat_flux_dipole": sol.heat_flux_dipole,
                        "force_spread": sol.force_spread, "energy_functional": sol.energy_functional,
                        "drag_ratio": sol.drag_ratio, "phi": sol.phi, "resolved": not flagged,
                        "warning": flagged[0] if flagged else ""}
    out["seconds"] = time.perf_counter() - t0
    return out


def read_store(path: pathlib.Path, fp: str, restart: bool, defn: dict | None = None) -> dict:
    if restart or not path.exists():
        return {}
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise InputError(f"{path} is unreadable ({exc}); rerun with --restart") from None
    if data.get("fingerprint") != fp:
        from thermophoresis._resume import differences

        changed = differences(data.get("definition", {}), definition() if defn is None else defn)
        raise InputError(f"{path} was made with other inputs (changed: {', '.join(changed) or 'unknown'}); "
                         "it is refused, not mixed in: rerun with --restart to discard it")
    return data.get("points", {})


def write_store(path: pathlib.Path, fp: str, defn: dict, points: dict):
    atomic_write_text(path, json.dumps({"fingerprint": fp, "definition": defn, "points": points}, indent=0))


def rescale_zero_crossings(arrays: dict, resolved: np.ndarray) -> None:
    """Judge the gradient force by its absolute spread where it passes through zero.

    The solver flags a result whose force varies by more than ``SPREAD_WARNING`` (2 %) of itself through the
    spheres r <= 10 a. Where the isothermal sphere's force changes sign between two Kn nodes the force is
    nearly zero and that relative spread is meaningless (S-model, alpha = 0.9, Kn = 0.04: Phi_B = -1.1e-4,
    relative spread 16 %, absolute spread 1.8e-5, while the neighbours' Phi_B are -4e-3 and +2e-2 with
    spreads of 0.2-0.3 %). Such a point counts as resolved when its absolute spread is below 2 % of the
    larger force magnitude of its two Kn neighbours; the file keeps the raw spreads.
    """
    from thermophoresis.kinetic.sphere import SPREAD_WARNING

    fb, sb = arrays["force_b"], arrays["spread_b"]
    for i in range(fb.shape[0]):
        for j in np.flatnonzero(~resolved[i, 1]):
            nb = [abs(fb[i, k]) for k in (j - 1, j + 1) if 0 <= k < fb.shape[1]]
            if sb[i, j] * abs(fb[i, j]) <= SPREAD_WARNING * max(nb):
                resolved[i, 1, j] = True


def build_tables(points: dict, defn: dict) -> dict:
    """The arrays of the shipped file, shape (n_sets, n_kn) unless noted."""
    from thermophoresis.kinetic.halfspace import slip_coefficients

    n_s, n_k = len(SETS), len(KNUDSEN)
    arrays = {name: np.zeros((n_s, n_k)) for name in (
        "drag_ratio", "force_b", "q_b", "force_c", "q_c", "spread_a", "spread_b", "spread_c",
        "reciprocity", "seconds")}
    resolved = np.zeros((n_s, 3, n_k), dtype=bool)
    for i, (model, alpha) in enumerate(SETS):
        for j, kn in enumerate(KNUDSEN):
            p = points[key(model, alpha, float(kn))]
            a, b, c = p["drag"], p["gradient"], p["dipole"]
            arrays["drag_ratio"][i, j] = a["drag_ratio"]
            arrays["force_b"][i, j] = b["force"]
            arrays["q_b"][i, j] = b["heat_flux_dipole"]
            arrays["force_c"][i, j] = c["force"]
            arrays["q_c"][i, j] = c["heat_flux_dipole"]
            arrays["spread_a"][i, j], arrays["spread_b"][i, j], arrays["spread_c"][i, j] = (
                a["force_spread"], b["force_spread"], c["force_spread"])
            arrays["reciprocity"][i, j] = a["energy_functional"] / b["force"] - 1.0
            arrays["seconds"][i, j] = p["seconds"]
            resolved[i, :, j] = (a["resolved"], b["resolved"], c["resolved"])
    rescale_zero_crossings(arrays, resolved)
    hs = np.zeros((n_s, 3))
    for i, (model, alpha) in enumerate(SETS):
        k = slip_coefficients(model, accommodation=alpha).continuum_constants()
        hs[i] = (k["cs"], k["ct"], k["cm"])
    return {
        **arrays,
        "resolved": resolved,
        "knudsen": np.asarray(KNUDSEN, dtype=float),
        "models": np.array([m for m, _ in SETS]),
        "accommodation": np.array([a for _, a in SETS], dtype=float),
        "halfspace_cs_ct_cm": hs,
        "grids_json": np.array(json.dumps(defn["grids"])),
        "solver_sha256": np.array(defn["solver_sha256"]),
        "format": np.array(FORMAT),
        "generated_utc": np.array(time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())),
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=pathlib.Path, default=DEFAULT_STORE)
    ap.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--restart", action="store_true", help="discard the store and solve every point again")
    args = ap.parse_args(argv)
    if args.workers < 1:
        raise SystemExit("--workers must be >= 1")
    defn = definition()
    fp = fingerprint(defn)
    args.store.parent.mkdir(parents=True, exist_ok=True)
    with StoreLock(args.store):
        points = read_store(args.store, fp, args.restart, defn)
        todo = [(m, a, float(k)) for m, a in SETS for k in KNUDSEN if key(m, a, float(k)) not in points]
        # one set after the other (the S-model at full accommodation first), small Kn (expensive) first
        total = len(SETS) * len(KNUDSEN)
        print(f"{total - len(todo)} of {total} points in {args.store}; solving {len(todo)} "
              f"with {args.workers} worker(s)", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        done = 0

        def record(p):
            nonlocal done
            points[key(p["model"], p["accommodation"], p["knudsen"])] = p
            write_store(args.store, fp, defn, points)
            done += 1
            el = time.perf_counter() - t0
            eta = el / done * (len(todo) - done)
            flags = "".join("!" if not p[q]["resolved"] else "." for q in ("drag", "gradient", "dipole"))
            print(f"[{total - len(todo) + done:3d}/{total}] {p['model']:>3} alpha={p['accommodation']:<4g} "
                  f"Kn={p['knudsen']:<9.4g} {p['seconds']:6.1f} s  resolved A,B,C: {flags}  "
                  f"elapsed {el:6.0f} s, left ~{eta:5.0f} s", file=sys.stderr, flush=True)

        if args.workers == 1:
            for t in todo:
                record(solve_point(t))
        elif todo:
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with ProcessPoolExecutor(args.workers) as pool:
                for fut in as_completed([pool.submit(solve_point, t) for t in todo]):
                    record(fut.result())
        arrays = build_tables(points, defn)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(args.output) as tmp:
            with open(tmp, "wb") as fh:
                np.savez_compressed(fh, **arrays)
        solve_time = float(np.sum(arrays["seconds"]))
        print(f"wrote {args.output} ({total} points; solver time {solve_time:.0f} s summed over points, "
              f"this run {time.perf_counter() - t0:.0f} s wall)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
