"""Faults during sweeps (issue 15.1, 15.4, 15.6): kill -9 and SIGTERM with two workers leave no process behind
and resume to the identical Dataset; a changed input is refused by name; no temporary files survive."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from thermophoresis.exceptions import InputError
from thermophoresis.sweep import Sweep

SRC = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "src")

HOLD = "THERMOPHORESIS_TEST_HOLD"  # environment variable naming the hold file (the spawned workers inherit it)

SCRIPT = textwrap.dedent("""
    import math, os, sys, time
    import xarray as xr
    from thermophoresis.sweep import Sweep

    def slow(x, scale=1.0):
        # the first two points (x = 0, 0.1) return at once; the others wait while the hold file exists, so the
        # test's signal lands mid-run however fast or loaded the machine is (the test removes the file before
        # the resume; the reference run has none)
        hold = os.environ.get("THERMOPHORESIS_TEST_HOLD")
        while x > 0.15 and hold and os.path.exists(hold):
            time.sleep(0.05)
        return {"y": scale * math.sin(x), "z": [x, x * x]}

    def sweep():
        return Sweep(slow, grid={"x": [0.1 * i for i in range(24)]}, fixed={"scale": 1.5}, chunks=1)

    if __name__ == "__main__":
        mode, path = sys.argv[1], sys.argv[2]
        if mode == "reference":
            sweep().run().to_netcdf(path)
        else:
            sweep().run(store=path, backend="processes", workers=2)
""")


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.abspath(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _children(pid: int) -> list[int]:
    """PIDs whose parent is ``pid`` (read from /proc; psutil is not a dependency)."""
    out = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        if int(stat[stat.rindex(b")") + 2:].split()[1]) == pid:
            out.append(int(name))
    return out


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rindex(b")") + 2:].split()[0] not in (b"Z", b"X")


def _wait(cond, timeout, what):
    t0 = time.monotonic()
    while not cond():
        if time.monotonic() - t0 > timeout:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def reference_sweep(tmp_path_factory):
    """The uninterrupted serial run of SCRIPT's sweep (no hold file), once for both signals: the same script
    and the same inputs give the same Dataset, whichever test compares against it."""
    tmp = tmp_path_factory.mktemp("reference")
    script = tmp / "faulty_sweep.py"
    script.write_text(SCRIPT)
    ref = tmp / "ref.nc"
    subprocess.run([sys.executable, str(script), "reference", str(ref)], env=_env(), check=True, timeout=600)
    return ref


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "kill-9"])
def test_killed_two_worker_sweep_leaves_no_process_and_resumes_identically(tmp_path, sig, reference_sweep):
    import xarray as xr

    script = tmp_path / "faulty_sweep.py"
    script.write_text(SCRIPT)
    store = tmp_path / "S.nc"
    meta = tmp_path / "S.nc.sweep"
    hold = tmp_path / "hold"
    hold.write_text("")
    proc = subprocess.Popen([sys.executable, str(script), "run", str(store)], env={**_env(), HOLD: str(hold)},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait(lambda: len(list(meta.glob("chunk_*.nc"))) >= 2, 300, "two finished chunks")
        assert proc.poll() is None  # the other 22 points are held: the signal lands mid-run
        children = _children(proc.pid)
        assert len(children) >= 2  # the two workers (and the resource tracker)
        proc.send_signal(sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0
    _wait(lambda: not any(_running(c) for c in children), 30, f"workers {children} to end")
    hold.unlink()
    done = len(list(meta.glob("chunk_*.nc")))
    assert done == 2  # exactly the two points that were not held (0 < done < 24 as before, now deterministic)
    temporaries = [f for f in tmp_path.rglob("*") if ".tmp" in f.name or f.name.endswith(".part")]
    if sig == signal.SIGTERM:  # a clean shutdown removes its own (kill -9 may leave one: the rerun removes it)
        assert temporaries == []
    # SIGTERM shut down cleanly (lock released); kill -9 left a stale lock that the rerun takes over
    assert (tmp_path / "S.nc.lock").exists() == (sig == signal.SIGKILL)
    again = subprocess.run([sys.executable, str(script), "run", str(store)], env=_env(), capture_output=True,
                           timeout=600)
    assert again.returncode == 0, again.stderr.decode()
    with xr.open_dataset(store) as a, xr.open_dataset(reference_sweep) as b:
        a = a.load()
        b = b.load()
    a.attrs.pop("chunk_warnings", None)
    xr.testing.assert_identical(a, b)
    assert not (tmp_path / "S.nc.lock").exists()
    assert not [f for f in tmp_path.rglob("*") if ".tmp" in f.name or f.name.endswith(".part")]


def user_target(x, scale=1.0):
    return {"y": scale * x}


def user_target_edited(x, scale=1.0):
    return {"y": scale * x + 0.0}


def test_changed_inputs_on_resume_are_refused_by_name(tmp_path):
    store = tmp_path / "S.nc"
    base = dict(grid={"diameter": ["100 nm", "1 um"]}, fixed={"grad_T": "1 K/mm", "gas": "air", "pressure": 101325.0})
    Sweep("force", **base).run(store=store)
    same = Sweep("force", **base)
    same.run(store=store)
    assert same.report.computed == 0
    changes = {
        "fixed.grad_T": dict(base, fixed={**base["fixed"], "grad_T": "1.000001 K/mm"}),
        "fixed.gas": dict(base, fixed={**base["fixed"], "gas": "He"}),
        "fixed.pressure": dict(base, fixed={**base["fixed"], "pressure": 101325.0 * (1 + 1e-15)}),
        "fixed.temperature": dict(base, fixed={**base["fixed"], "temperature": 300.0}),
        "grid.diameter": dict(base, grid={"diameter": ["100 nm", "1.0000001 um"]}),
    }
    for name, kwargs in changes.items():
        with pytest.raises(InputError, match=rf"another sweep \(.*{name.replace('.', '[.]')}.*differ"):
            Sweep("force", **kwargs).run(store=store)
    with pytest.raises(InputError, match=r"another sweep \(.*\btarget differ"):
        Sweep("wafer", grid={"diameter": ["100 nm", "1 um"]}).run(store=store)
    # stochastic targets: the seed and the streams
    st = tmp_path / "D.nc"
    dsmc = dict(grid={"knudsen": [10.0]}, fixed={"n_cells": 4, "per_cell": 10, "burn_in": 2, "n_steps": 4})
    Sweep("dsmc", **dsmc, seed=1).run(store=st)
    with pytest.raises(InputError, match=r"another sweep \(seed differ"):
        Sweep("dsmc", **dsmc, seed=2).run(store=st)
    with pytest.raises(InputError, match=r"streams"):
        Sweep("dsmc", **dsmc, seed=1, streams="common").run(store=st)
    # a user function whose code changed (same name, same module) is another target
    us = tmp_path / "U.nc"
    Sweep(user_target, grid={"x": [1.0, 2.0]}).run(store=us)
    user_target_edited.__name__ = user_target_edited.__qualname__ = "user_target"
    with pytest.raises(InputError, match=r"target \(its code\)"):
        Sweep(user_target_edited, grid={"x": [1.0, 2.0]}).run(store=us)


def test_no_temporary_files_after_a_failed_write_or_a_killed_run(tmp_path, monkeypatch):
    import xarray as xr

    store = tmp_path / "S.nc"
    s = Sweep("force", grid={"diameter": ["100 nm", "200 nm", "1 um"]}, fixed={"grad_T": "1 K/mm"}, chunks=1)
    real = xr.Dataset.to_netcdf
    calls = []

    def disk_full(self, path, *args, **kwargs):
        calls.append(path)
        if len(calls) == 2:
            with open(path, "wb") as f:  # half a file, then the disk is full
                f.write(b"CDF\x01")
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, path, *args, **kwargs)

    monkeypatch.setattr(xr.Dataset, "to_netcdf", disk_full)
    with pytest.raises(OSError, match="No space"):
        s.run(store=store)
    monkeypatch.setattr(xr.Dataset, "to_netcdf", real)
    leftovers = [f.name for f in tmp_path.rglob("*") if ".tmp" in f.name]
    assert leftovers == []
    assert not (tmp_path / "S.nc.lock").exists()
    # what a kill -9 leaves behind (a temporary beside the store and in its directory) goes on the next run
    (tmp_path / "S.nc.tmp4242").write_bytes(b"x")
    (tmp_path / "S.nc.part").write_bytes(b"x")
    (tmp_path / "S.nc.sweep" / "chunk_000002.nc.tmp4242").write_bytes(b"x")
    (tmp_path / "other.nc.tmp1").write_bytes(b"not ours")
    ds = s.run(store=store)
    assert s.report.computed == 2 and s.report.skipped == 1
    assert sorted(f.name for f in tmp_path.iterdir()) == ["S.nc", "S.nc.sweep", "other.nc.tmp1"]
    assert sorted(f.name for f in (tmp_path / "S.nc.sweep").iterdir()) == ["manifest.json"]
    ref = Sweep("force", grid={"diameter": ["100 nm", "200 nm", "1 um"]}, fixed={"grad_T": "1 K/mm"}).run()
    np.testing.assert_array_equal(ds["force"].values, ref["force"].values)
