"""Every row of issue 16's speed table next to its alternative, in one run.

Run: python benchmarks/run_all.py [--skip tracker,tracker-busy,dsmc,...] [--quick] [--timeout 1800] [--save]

``--save`` also writes everything printed to ``benchmarks/results/run_all_<UTC date and time>.txt``.

Calls each benchmark script in its own process (so one script's threads and compiled caches do not
affect another) and prints its output under a header:

- ``bench_api.py`` (scalar thermophoresis / slip_correction / mobility_summary against a pure-Python formula;
  array thermophoresis / mobility_summary / velocity against plain NumPy, one and two threads);
- ``bench_force.py`` (the Talbot velocity array path against the plain published function);
- ``bench_tracker.py --compile`` (tracker kernel against the former kernel and a same-physics NumPy step;
  gridded fields; first run on a fresh cache) and ``bench_tracker.py --busy`` (one core held);
- ``bench_dsmc.py`` (DSMC throughput, threads as the machine is and with one core held, cell count);
- ``bench_sparta.py`` (the DSMC against SPARTA's serial binary on the same problem, one core each; skipped
  with a message when SPARTA is not found: ``--sparta``/``$SPARTA``/``spa_serial`` on the PATH);
- ``bench_kinetic_model.py`` (issue 13, not in issue 16's table: the tabulated ``kinetic`` model against Talbot
  through the same public calls);
- the warm start of ``thermophoresis force`` (CLI) against the same stack without the toolkit
  (``_cli_floor.py``), timed here.

At the end, every row of the issue's table is listed with the lines of this run that answer it.

Optional peers (aerosolpy, particula) are used by the scripts when installed; the run says first which are
installed, and a row whose peer is missing is skipped with a message. The machine may be shared:
read the ratios each script prints, not the absolute times. Nothing is asserted; a script that fails is
reported and the run goes on.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = {
    "api": ("bench_api.py", "scalar and array API calls vs pure Python / plain NumPy (/ aerosolpy)", []),
    "force": ("bench_force.py", "Talbot velocity, array and scalar", []),
    "tracker": ("bench_tracker.py", "tracker kernel vs former kernel and NumPy step; Grid3D; first run", ["--compile"]),
    "tracker-busy": ("bench_tracker.py", "tracker threads with one core held by a busy process", ["--busy"]),
    "dsmc": ("bench_dsmc.py", "DSMC throughput, threads (also with a core held), cell count", []),
    "sparta": ("bench_sparta.py", "DSMC against SPARTA side by side, one core each (when SPARTA is found)", []),
    # not a row of issue 16's table: issue 13's throughput of the tabulated kinetic model next to Talbot
    "kinetic-model": ("bench_kinetic_model.py", "the tabulated kinetic force model vs the closed-form Talbot", []),
}

#: Issue 16's table, row by row: (row, what its answer lines contain (one string or several), which section
#: prints it)
ISSUE_ROWS = [
    ("scalar thermophoresis(p, gas, 1e4)", "scalar thermophoresis(", "api"),
    ("scalar slip_correction", "scalar slip_correction(", "api"),
    ("scalar mobility_summary", "scalar mobility_summary(", "api"),
    ("array thermophoresis() over 1e6 diameters", "array thermophoresis(", "api"),
    ("array mobility_summary() over 1e6", "array mobility_summary(", "api"),
    ("array Talbot velocity (keep >= 5x NumPy on 2 threads)", "array thermophoretic_velocity(", "api"),
    ("tracker kernel, 1 thread, overdamped uniform", "uniform, overdamped", "tracker"),
    ("first Tracker.run on a fresh Numba cache", "first Tracker.run", "tracker"),
    ("Grid3D tracker run", "3-D grid", "tracker"),
    ("tracker on 2 threads with one core held", "uniform, overdamped", "tracker-busy"),
    ("DSMC on 2 threads while another process holds a core", "new  ", "dsmc"),
    ("DSMC per particle-step at 5,000-25,000 cells", ("   5000 ", "  25000 "), "dsmc"),
    ("DSMC >= 2x SPARTA per core (side by side)", ("every step  ", "every 10 steps  ", "none (walls only)",
                                                   "SPARTA not found"), "sparta"),
    ("DSMC >= 2x SPARTA per core (through the previous kernel)", "new / previous on 1 thread", "dsmc"),
    ("thermophoresis force (CLI, warm)", "thermophoresis force (warm)", "cli"),
]


#: Optional peers: what each is compared on when installed
PEERS = {
    "aerosolpy": "bench_api.py: scalar and array slip correction and particle diffusion coefficient",
    "particula": None,  # no row: none of its calls was checked here to give the same outputs as a row
}


def peers():
    """Print which optional peers are installed; the rows that need a missing one are skipped."""
    sparta = os.environ.get("SPARTA") or shutil.which("spa_serial")
    print(f"peer SPARTA: {'found, ' + sparta if sparta else 'not found'} (bench_sparta.py: the DSMC against it, "
          "one core each; its serial binary in $SPARTA or spa_serial on the PATH)")
    for name, use in PEERS.items():
        if use is None:
            use = "no row of this run uses it: none of its calls was checked to give the same outputs as a row"
            state = "installed" if importlib.util.find_spec(name) is not None else "not installed"
            print(f"peer {name}: {state}; {use}")
        elif importlib.util.find_spec(name) is None:
            print(f"peer {name}: not installed, its comparisons are skipped ({use}; `pip install {name}` to "
                  "include them)")
        else:
            try:
                version = importlib.metadata.version(name)
            except importlib.metadata.PackageNotFoundError:
                version = "version unknown"
            print(f"peer {name} {version}: installed ({use})")


class _Tee:
    """sys.stdout that also writes to a file (``--save``)."""

    def __init__(self, stream, path):
        self.stream, self.file = stream, open(path, "w")

    def write(self, text):
        self.stream.write(text)
        self.file.write(text)
        return len(text)

    def flush(self):
        self.stream.flush()
        self.file.flush()


def _env():
    env = dict(os.environ)
    src = str(HERE.parent / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_script(key, quick, timeout=None):
    script, what, extra = SCRIPTS[key]
    path = HERE / script
    print(f"\n=== {script} {' '.join(extra)}: {what} ===", flush=True)
    if not path.exists():
        print("  (not present in this tree)")
        return ""
    args = [sys.executable, str(path), *extra]
    if quick and key in ("api", "kinetic-model"):
        args += ["--n", "200000", "--repeat", "5"]
    if quick and key == "dsmc":
        args += ["--quick"]
    if quick and key == "sparta":
        args += ["--repeat", "3"]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(args, cwd=HERE, env=_env(), capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:  # a script slowed down by the load must not stop the run
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        sys.stdout.write(out)
        print(f"  TIMED OUT after {timeout:.0f} s (--timeout); the lines above are what it printed")
        return out
    sys.stdout.write(proc.stdout)
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        print(f"  FAILED (exit {proc.returncode}):\n{tail}")
    print(f"  [{time.perf_counter() - t0:.0f} s]")
    return proc.stdout


def _median_wall(cmd, env, repeat):
    times, ok = [], True
    for _ in range(repeat):
        t0 = time.perf_counter()
        r = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=HERE)
        times.append(time.perf_counter() - t0)
        ok = ok and r.returncode == 0
    return statistics.median(times), ok


def cli_start(repeat=7):
    """Warm wall time of ``thermophoresis force`` next to the same stack without the toolkit.

    The alternative is ``_cli_floor.py``: a Typer command with the same options that computes the Talbot
    force in plain Python and prints a Rich table (Python + NumPy + Typer, whose option parsing imports
    pydantic, + Rich): what any command written with these libraries costs. The commands are interleaved.
    """
    print("\n=== CLI start: `thermophoresis force` (warm) vs the same stack without the toolkit ===", flush=True)
    opts = ["--diameter", "200 nm", "--gradient", "1e4 K/m"]
    cmds = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "floor (NumPy + Typer + Rich, same options)": [sys.executable, str(HERE / "_cli_floor.py"), *opts],
        "thermophoresis force (warm)": [sys.executable, "-c", "from thermophoresis.cli import main; main()",
                                        "force", *opts],
        "thermophoresis force --help": [sys.executable, "-c", "from thermophoresis.cli import main; main()",
                                        "force", "--help"],
    }
    env = _env()
    # bytecode written and used, as in an installed package: with PYTHONDONTWRITEBYTECODE set, a module edited
    # since its .pyc was written is compiled again at every start (bench_cli.py does the same)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for cmd in cmds.values():  # warm the file cache and the bytecode
        subprocess.run(cmd, env=env, capture_output=True, cwd=HERE)
    samples = {k: [] for k in cmds}
    ok = True
    for _ in range(repeat):
        for k, cmd in cmds.items():
            t, good = _median_wall(cmd, env, 1)
            samples[k].append(t)
            ok = ok and good
    med = {k: statistics.median(v) for k, v in samples.items()}
    la = os.getloadavg()
    print(f"median of {repeat}, interleaved; load average {la[0]:.1f} / {la[1]:.1f} / {la[2]:.1f} on "
          f"{os.cpu_count()} CPUs")
    floor = med["floor (NumPy + Typer + Rich, same options)"]
    for k, v in med.items():
        print(f"{k:44s} {v:7.3f} s   / floor {v / floor:5.2f}")
    force = med["thermophoresis force (warm)"]
    print(f"thermophoresis force (warm) {force:.3f} s vs floor {floor:.3f} s: ratio {force / floor:.2f}, the "
          f"toolkit adds {force - floor:+.3f} s{'' if ok else '  (a command failed; options may have changed)'}")
    return f"thermophoresis force (warm) {force:.3f} s vs floor {floor:.3f} s: ratio {force / floor:.2f}\n"


def summary(outputs):
    """Each row of issue 16's table with the line(s) of this run that answer it."""
    print("\n=== Issue 16 table, row by row (lines copied from above) ===")
    for row, key, section in ISSUE_ROWS:
        text = outputs.get(section)
        if text is None:
            print(f"- {row}: (section '{section}' skipped)")
            continue
        keys = key if isinstance(key, tuple) else (key,)
        lines = [ln.strip() for ln in text.splitlines() if any(k in ln for k in keys)]
        if key == "new  ":  # the DSMC threads tables: the 'new' rows, with their table headers
            lines = [ln.strip() for ln in text.splitlines() if ln.startswith("[") or ln.startswith("new ")]
        if section == "dsmc" and "  25000 " in keys:  # the cell table: with its column names
            lines = [ln.rstrip() for ln in text.splitlines()
                     if ln.startswith("  cells ") or any(k in ln for k in keys)]
        print(f"- {row}:")
        for ln in lines or ["(no line found: the script's output may have changed)"]:
            print(f"    {ln}")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip", default="", help="comma-separated: " + ", ".join([*SCRIPTS, "cli"]))
    ap.add_argument("--quick", action="store_true", help="smaller arrays and fewer DSMC steps")
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds allowed to each script")
    ap.add_argument("--save", action="store_true", help="also write the output to benchmarks/results/")
    args = ap.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    now = datetime.datetime.now(datetime.timezone.utc)
    if args.save:
        (HERE / "results").mkdir(exist_ok=True)
        path = HERE / "results" / f"run_all_{now:%Y-%m-%d_%H%M}.txt"
        sys.stdout = _Tee(sys.stdout, path)
    t0 = time.perf_counter()
    la = os.getloadavg()
    print(f"{now:%Y-%m-%d %H:%M} UTC, python {sys.version.split()[0]}, arguments: {' '.join(argv or sys.argv[1:])}")
    print("Issue 16 speed table, each row next to its alternative. The machine may be shared with other jobs "
          f"(load average now {la[0]:.1f} / {la[1]:.1f} / {la[2]:.1f} on {os.cpu_count()} CPUs): absolute times "
          "vary with the load, the ratios much less.")
    peers()
    outputs = {}
    for key in SCRIPTS:
        if key not in skip:
            outputs[key] = run_script(key, args.quick, args.timeout)
    if "cli" not in skip:
        outputs["cli"] = cli_start()
    summary(outputs)
    la = os.getloadavg()
    print(f"\nwhole run {time.perf_counter() - t0:.0f} s; load average at the end {la[0]:.1f} / {la[1]:.1f} / "
          f"{la[2]:.1f}")
    if args.save:
        sys.stdout.flush()
        print(f"(saved to {path})")


if __name__ == "__main__":
    main()
