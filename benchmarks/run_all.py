"""Every row of issue 16's speed table next to its alternative, in one run.

Run: python benchmarks/run_all.py [--skip tracker,dsmc,...] [--quick]

Calls each benchmark script in its own process (so one script's threads and compiled caches do not
affect another) and prints its output under a header:

- ``bench_api.py`` (scalar thermophoresis / slip_correction / mobility_summary against a pure-Python formula;
  array thermophoresis / mobility_summary / velocity against plain NumPy, one and two threads);
- ``bench_force.py`` (the Talbot velocity array path against the plain published function);
- ``bench_tracker.py`` (tracker kernel against a same-physics NumPy step; gridded fields) -- owned by the
  tracker work;
- ``bench_dsmc.py`` (DSMC throughput and thread scaling) -- owned by the DSMC work;
- the warm start of ``thermophoresis force`` (CLI) against a bare ``python -c pass``, timed here.

Optional peers (aerosolpy, particula) are used by the scripts when installed. The machine may be shared:
read the ratios each script prints, not the absolute times. Nothing is asserted; a script that fails is
reported and the run goes on.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = {
    "api": ("bench_api.py", "scalar and array API calls vs pure Python / plain NumPy", []),
    "force": ("bench_force.py", "Talbot velocity, array and scalar", []),
    "tracker": ("bench_tracker.py", "tracker kernel vs NumPy step; Grid3D; first run", []),
    "dsmc": ("bench_dsmc.py", "DSMC throughput and threads", []),
}


def _env():
    env = dict(os.environ)
    src = str(HERE.parent / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_script(key, quick):
    script, what, extra = SCRIPTS[key]
    path = HERE / script
    print(f"\n=== {script}: {what} ===", flush=True)
    if not path.exists():
        print("  (not present in this tree)")
        return
    args = [sys.executable, str(path), *extra]
    if quick and key == "api":
        args += ["--n", "200000", "--repeat", "5"]
    t0 = time.perf_counter()
    proc = subprocess.run(args, cwd=HERE, env=_env(), capture_output=True, text=True)
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        print(f"  FAILED (exit {proc.returncode}):\n{tail}")
    print(f"  [{time.perf_counter() - t0:.0f} s]")


def cli_start(repeat=5):
    """Warm wall time of ``thermophoresis force`` next to a bare interpreter start."""
    print("\n=== CLI start: `thermophoresis force` (warm) vs `python -c pass` ===", flush=True)
    force = [sys.executable, "-c", "from thermophoresis.cli import main; main()", "force", "--diameter", "200 nm",
             "--gradient", "1e4 K/m"]
    bare = [sys.executable, "-c", "pass"]
    env = _env()
    t_force, t_bare = [], []
    subprocess.run(force, env=env, capture_output=True)  # warm the file cache and bytecode
    ok = True
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = subprocess.run(force, env=env, capture_output=True, text=True)
        t_force.append(time.perf_counter() - t0)
        ok = ok and r.returncode == 0
        t0 = time.perf_counter()
        subprocess.run(bare, env=env, capture_output=True)
        t_bare.append(time.perf_counter() - t0)
    f, b = statistics.median(t_force), statistics.median(t_bare)
    note = "" if ok else "  (the command failed; options may have changed)"
    print(f"thermophoresis force (warm)                      {f:7.3f} s   python -c pass {b:7.3f} s   "
          f"import + run {f - b:6.3f} s{note}")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip", default="", help="comma-separated: " + ", ".join([*SCRIPTS, "cli"]))
    ap.add_argument("--quick", action="store_true", help="smaller arrays for the API rows")
    args = ap.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    print("Issue 16 speed table, each row next to its alternative. The machine may be shared with other jobs:")
    print("absolute times vary with the load, the ratios much less.")
    for key in SCRIPTS:
        if key not in skip:
            run_script(key, args.quick)
    if "cli" not in skip:
        cli_start()


if __name__ == "__main__":
    main()
