"""The documentation: its code runs, and the site builds with ``mkdocs build --strict`` (issue 9).

The build test generates the computed pages (model reference, examples gallery with every example run,
validation report) into a copy of docs/, then builds the site from the copy.

That build is the longest item of the suite (about two minutes), and most of it runs in subprocesses. When
the build test is selected in a larger run, the root conftest.py starts it in the background right after
collection (:func:`early_start`), so it runs on the second core while the other tests run on the first,
and moves the test to the end of the run, where it waits for the build and checks its outcome. Alone, the
test starts the build itself. Either way it is the same build and the same checks.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _python_blocks(page):
    return re.findall(r"```python\n(.*?)```", (ROOT / page).read_text(), flags=re.S)


@pytest.mark.filterwarnings("ignore::thermophoresis.exceptions.ValidityWarning")
def test_tour_code_runs(capsys):
    namespace = {}
    blocks = _python_blocks("docs/guide/tour.md")
    assert len(blocks) >= 5
    for block in blocks:
        exec(compile(block, "tour.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "K_th" in out and "deposition velocity" in out and "Waldmann" in out


#: Compiles the kinetic model's loops (the full pipeline and the velocity alone, each with the read-only
#: diameters a Particle passes and the writable ones the tests pass: ~15-30 s each, the longest compiles of the
#: force models) into Numba's disk cache before the tests that use them run, so that they load them. A
#: failure here fails nothing (the tests then compile the loops themselves).
WARM_UP = """
import warnings
import numpy as np
warnings.simplefilter("ignore")
from thermophoresis import Gas, Particle, drift, thermophoresis, thermophoretic_velocity
from thermophoresis.force import MODELS
gas, p = Gas("air"), Particle(np.array([1e-7, 1e-6]), "psl")
thermophoresis(p, gas, 1.0, "kinetic")
thermophoretic_velocity(p, gas, 1.0, "kinetic")
info = MODELS["kinetic"]
args = drift._kernel_args(info, p, gas, 1.0, "kim_2005", {})
info.kernel.checked_array(np.array([1e-7, 1e-6]), args)
info.kernel.checked_velocity(np.array([1e-7, 1e-6]), args)
"""


class SiteBuild:
    """gen_docs.py's two long parts, the examples gallery (every example run) and the validation report, do not
    depend on each other: each runs through gen_docs.py's own flags into its own copy of docs/; the gallery is
    then put beside the report and the site is built from the result with ``mkdocs build --strict``, as
    ``gen_docs.py && mkdocs build`` would. ``side_by_side``: the two parts at once (the test alone: CI has two
    cores); otherwise one after the other (in the background of the rest of the suite, which uses one core).
    Runs in a thread; :meth:`wait` returns the outcome."""

    def __init__(self, tmp: Path, side_by_side: bool):
        self.tmp = Path(tmp)
        self.side_by_side = side_by_side
        self.runs = []  # (what, returncode, stdout, stderr)
        self.error = None
        self._procs = []
        self._finished = {}  # part -> Event, set when it has ended
        self._stopped = False
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="site-build", daemon=True)
        self._thread.start()

    def _spawn(self, what, cmd, env, cwd):
        if self._stopped:
            raise RuntimeError("site build stopped")
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self._procs.append(proc)
        return what, proc

    def _finish(self, started):
        for what, proc in started:
            out, err = proc.communicate(timeout=1800)
            self.runs.append((what, proc.returncode, out, err))
            self._finished.setdefault(what, threading.Event()).set()

    def _run(self):
        try:
            tmp = self.tmp
            docs, gallery = tmp / "docs", tmp / "gallery"
            shutil.copytree(ROOT / "docs", docs)
            shutil.copytree(ROOT / "docs", gallery)
            shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
            env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MPLBACKEND": "Agg"}
            if not self.side_by_side:
                # beside the rest of the suite: first compile, into the shared cache, the single-signature loops
                # that later tests would otherwise compile on the suite's own core (WARM_UP); then the build, with
                # a cache of its own (two processes saving different signatures of one function into one cache
                # at the same moment can pair an index entry with the other's code)
                self._finish([self._spawn("warm-up", [sys.executable, "-c", WARM_UP], env, ROOT)])
                env["NUMBA_CACHE_DIR"] = str(tmp / "numba-cache")
            gen = [sys.executable, str(ROOT / "docs" / "scripts" / "gen_docs.py"), "--out"]
            parts = [("validation report", gen + [str(docs), "--skip-examples"]),
                     ("examples gallery", gen + [str(gallery), "--skip-validation"])]
            if self.side_by_side:
                self._finish([self._spawn(what, cmd, env, ROOT) for what, cmd in parts])
            else:
                for what, cmd in parts:
                    self._finish([self._spawn(what, cmd, env, ROOT)])
            if any(rc != 0 for what, rc, _, _ in self.runs if what != "warm-up"):
                return
            shutil.copy(gallery / "examples.md", docs / "examples.md")
            shutil.copytree(gallery / "figures" / "examples", docs / "figures" / "examples", dirs_exist_ok=True)
            self._finish([self._spawn("mkdocs build --strict",
                                      [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp / "mkdocs.yml"),
                                       "-d", str(tmp / "site")], {**os.environ, "PYTHONPATH": str(ROOT / "src")}, tmp)])
        except BaseException as exc:  # reported by the test
            self.error = exc
        finally:
            self._done.set()

    def wait(self, timeout=3600):
        if not self._done.wait(timeout):
            raise AssertionError(f"the site build did not finish in {timeout} s")
        return self

    def wait_for(self, what, timeout=3600):
        """Wait until the part ``what`` (or the whole build) has ended; whether that part ran."""
        event = self._finished.setdefault(what, threading.Event())
        t0 = time.monotonic()
        while not event.wait(1.0):
            if self._done.is_set() or time.monotonic() - t0 > timeout:
                break
        return event.is_set()

    def stop(self):
        """Kill what still runs (the session ends before the test has waited for the build)."""
        self._stopped = True
        for proc in self._procs:
            if proc.poll() is None:
                proc.kill()
        self._thread.join(timeout=60)
        for proc in self._procs:
            if proc.poll() is None:
                proc.wait()


_EARLY = {}  # the build started by early_start, and its directory


def _can_build():
    import importlib.util

    return all(importlib.util.find_spec(m) is not None for m in ("mkdocs", "mkdocstrings"))


def early_start(names, session):
    """Called by the root conftest.py after collection with the selected test names of this module: start the
    site build in the background when the build test is among them; the conftest moves that test to the end
    of the run. Its two parts run one after the other when other tests run beside them (on the other core),
    side by side when this module's tests are all there is."""
    if "test_site_builds_strict" in names and _can_build() and "build" not in _EARLY:
        alone = all(getattr(item, "module", None) is sys.modules[__name__] for item in session.items)
        _EARLY["dir"] = Path(tempfile.mkdtemp(prefix="thermophoresis-site-"))
        _EARLY["build"] = SiteBuild(_EARLY["dir"], side_by_side=alone)


def early_stop():
    """Called by the root conftest.py at the end of the session: stop a build nobody waited for, remove it."""
    build = _EARLY.pop("build", None)
    if build is not None:
        build.stop()
    path = _EARLY.pop("dir", None)
    if path is not None:
        shutil.rmtree(path, ignore_errors=True)


def validation_rows(timeout=120):
    """The rows of the validation report of the build running in the background of this session, by quantity
    (``computed``, ``reference``, ``ok``), once its report is written; None when no such build runs or it
    wrote no report or has not within ``timeout`` seconds (then a test computes what it needs itself)."""
    build = _EARLY.get("build")
    if build is None or not build.wait_for("validation report", timeout):
        return None
    path = build.tmp / "docs" / "validation.md"
    if not path.exists():
        return None
    rows = {}
    for line in path.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[6] in ("pass", "**FAIL**"):
            rows[cells[0]] = {"computed": float(cells[1]), "reference": float(cells[2]), "ok": cells[6] == "pass"}
    return rows


#: tests of this module that the root conftest.py runs last (they wait for the background build)
RUN_LAST = ("test_site_builds_strict",)


def test_site_builds_strict(tmp_path):
    """The site builds with ``mkdocs build --strict`` from the generated pages (:class:`SiteBuild`); the
    validation report's checks all pass (its script exits with 1 otherwise) and every example runs."""
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    build = _EARLY.get("build") or SiteBuild(tmp_path, side_by_side=True)
    build.wait()
    if build.error is not None:
        raise build.error
    for what, rc, out, err in build.runs:
        assert rc == 0, f"{what}: " + out[-2000:] + err[-4000:]
    assert [what for what, *_ in build.runs if what != "warm-up"] == ["validation report", "examples gallery",
                                                                      "mkdocs build --strict"]
    assert (build.tmp / "site" / "validation" / "index.html").exists()
    assert (build.tmp / "site" / "examples" / "index.html").exists()
