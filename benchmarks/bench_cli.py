"""Warm start-up of ``thermophoresis force`` next to its floors, side by side (issue 16, goal 5: <= 0.3 s).

Run: python benchmarks/bench_cli.py [--repeat 11] [--baseline ../other-checkout/src] [--instructions]

``--instructions`` also counts the instructions each command executes, once, under valgrind
(``cachegrind --cache-sim=no``, hash seed fixed): a count that the other processes on the machine do not
change (within about 1 %), so that before/after and toolkit/floor compare without the load.

Each command runs in a fresh process, all of them interleaved, ``--repeat`` times; the median wall time and
the median CPU time (user + system of the child) are printed, with each one's ratio to the floor. CPU time is
less disturbed than wall time on a shared machine, but both grow with the load: read the ratios, and the
load average printed with them.

The rows: ``python -c pass`` (the interpreter); the imports alone (NumPy + Rich; NumPy + Typer + Rich, the
libraries the command needs); the same ``force`` command written with Click alone (when the click package
is installed), with stock Typer (every option value converted through pydantic), and with Typer as the
toolkit runs it (its pydantic-free converter): that last one is **the floor** (``_cli_floor.py``), with
and without ``--json``; then ``thermophoresis force`` (table and ``--json``) and ``thermophoresis force
--help``. The last lines give what the toolkit adds over the floor, in wall and CPU seconds.

"Warm" means a second run: bytecode cached, files in the page cache. The children run with
``PYTHONDONTWRITEBYTECODE`` removed from their environment, so that the toolkit's ``.pyc`` files are
written and used as in an installed package (with it set, every run recompiles the toolkit's sources,
about a fifth of a second on this machine).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OPTS = ["--diameter", "200 nm", "--gradient", "1e4 K/m"]
FLOOR = "floor: Typer + NumPy + Rich, same command"
FLOOR_JSON = "floor, --json"
FORCE = "thermophoresis force (warm)"
FORCE_JSON = "thermophoresis force --json (warm)"


def commands() -> dict[str, list[str]]:
    py = sys.executable
    main = "from thermophoresis.cli import main; main()"
    floor = str(HERE / "_cli_floor.py")
    out = {
        "python -c pass": [py, "-c", "pass"],
        "import numpy, rich (console, table)": [py, "-c", "import numpy, rich.console, rich.table"],
        "import numpy, typer, rich (console, table)": [py, "-c", "import numpy, typer, rich.console, rich.table"],
    }
    if importlib.util.find_spec("click") is not None:
        out["Click + NumPy + Rich, same command"] = [py, floor, "click", *OPTS]
    out["stock Typer (pydantic) + NumPy + Rich"] = [py, floor, "pydantic", *OPTS]
    out[FLOOR] = [py, floor, *OPTS]
    out[FLOOR_JSON] = [py, floor, *OPTS, "--json"]
    out[FORCE] = [py, "-c", main, "force", *OPTS]
    out[FORCE_JSON] = [py, "-c", main, "force", *OPTS, "--json"]
    out["thermophoresis force --help"] = [py, "-c", main, "force", "--help"]
    return out


def environment(src=HERE.parent / "src") -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(src)  # this tree's package first, whatever the venv's editable install points at
    return env


def run_once(cmd, env) -> tuple[float, float, bool]:
    """Wall and CPU (user + system) seconds of one run of ``cmd``, and whether it succeeded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(cmd, env=env, capture_output=True, cwd=HERE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, r.returncode == 0


def instructions(cmd, env) -> int | None:
    """Instructions executed by ``cmd`` under valgrind (None without valgrind or on failure)."""
    import re
    import shutil

    if shutil.which("valgrind") is None:
        return None
    r = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                        *cmd], env={**env, "PYTHONHASHSEED": "0"}, capture_output=True, text=True, cwd=HERE)
    m = re.search(r"I\s+refs:\s+([\d,]+)", r.stderr)
    return int(m.group(1).replace(",", "")) if m and r.returncode == 0 else None


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=11)
    ap.add_argument("--baseline", type=Path, help="another source tree (its src/ directory) whose `force` runs "
                                                   "as extra rows, interleaved with the rest (before/after)")
    ap.add_argument("--instructions", action="store_true", help="also count instructions under valgrind")
    args = ap.parse_args(argv)
    cmds, env = commands(), environment()
    envs = {k: env for k in cmds}
    if args.baseline is not None:
        for k in (FORCE, FORCE_JSON):
            cmds[f"{k} [baseline]"] = cmds[k]
            envs[f"{k} [baseline]"] = environment(args.baseline.resolve())
    for k, cmd in cmds.items():  # warm: bytecode written, files cached
        subprocess.run(cmd, env=envs[k], capture_output=True, cwd=HERE)
    wall = {k: [] for k in cmds}
    cpu = {k: [] for k in cmds}
    failed = set()
    la0 = os.getloadavg()
    for _ in range(args.repeat):
        for k, cmd in cmds.items():
            w, c, ok = run_once(cmd, envs[k])
            wall[k].append(w)
            cpu[k].append(c)
            if not ok:
                failed.add(k)
    la1 = os.getloadavg()
    print(f"median of {args.repeat}, interleaved; load average {la0[0]:.1f} at the start, {la1[0]:.1f} at the "
          f"end ({la1[1]:.1f} over 5 min) on {os.cpu_count()} CPUs")
    mw = {k: statistics.median(v) for k, v in wall.items()}
    mc = {k: statistics.median(v) for k, v in cpu.items()}
    lc = {k: min(v) for k, v in cpu.items()}  # least disturbed by the other processes on a busy machine
    fw, fc, fl = mw[FLOOR], mc[FLOOR], lc[FLOOR]
    print(f"{'command':46s} {'wall [s]':>9s} {'/ floor':>8s} {'CPU [s]':>9s} {'/ floor':>8s} {'min CPU':>8s} "
          f"{'/ floor':>8s}")
    for k in cmds:
        flag = "  (FAILED)" if k in failed else ""
        print(f"{k:46s} {mw[k]:9.3f} {mw[k] / fw:8.2f} {mc[k]:9.3f} {mc[k] / fc:8.2f} {lc[k]:8.3f} "
              f"{lc[k] / fl:8.2f}{flag}")
    for k, f in ((FORCE, FLOOR), (FORCE_JSON, FLOOR_JSON)):
        print(f"{k}: {mw[k]:.3f} s wall, {mc[k]:.3f} s CPU; over the floor: {mw[k] - mw[f]:+.3f} s wall "
              f"({mw[k] / mw[f]:.2f}x), {mc[k] - mc[f]:+.3f} s CPU ({mc[k] / mc[f]:.2f}x), "
              f"{lc[k] - lc[f]:+.3f} s min CPU")
    if args.instructions:
        counts = {k: instructions(cmd, envs[k]) for k, cmd in cmds.items()}
        if counts[FLOOR] is None:
            print("instruction counts: valgrind not available (or the floor failed under it)")
            return
        print(f"{'instructions (valgrind, once)':46s} {'10^6':>9s} {'/ floor':>8s}")
        for k, n in counts.items():
            f = FLOOR_JSON if "--json" in k else FLOOR
            print(f"{k:46s} {n / 1e6:9.1f} {n / counts[f]:8.2f}" if n else f"{k:46s} {'-':>9s}")
        for k in [k for k in counts if k.startswith(("thermophoresis force (", "thermophoresis force --json"))]:
            f = FLOOR_JSON if "--json" in k else FLOOR
            if counts[k]:
                print(f"{k}: {(counts[k] - counts[f]) / 1e6:+.1f} million instructions over the floor "
                      f"({counts[k] / counts[f]:.2f}x)")


if __name__ == "__main__":
    main()
