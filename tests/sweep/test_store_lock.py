"""One run per store: the lock file <store>.lock (issue 15.7), with real second processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time

import pytest

from thermophoresis._resume import StoreLock, StoreLockedError, _start_time
from thermophoresis.exceptions import InputError

SRC = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "src")

HOLDER = textwrap.dedent("""
    import sys, time
    from thermophoresis._resume import StoreLock
    lock = StoreLock(sys.argv[1]).acquire()
    print("locked", flush=True)
    time.sleep(600)
""")

SLOW_SWEEP = textwrap.dedent("""
    import os, sys, time
    from thermophoresis.sweep import Sweep

    HOLD = sys.argv[3] if len(sys.argv) > 3 else None

    def slow(x):
        # after the first point, wait while the hold file exists: the test decides when the run may go on,
        # so "killed part-way" does not depend on how fast the machine is
        while x >= 1 and HOLD and os.path.exists(HOLD):
            time.sleep(0.05)
        return {"y": 2.0 * x}

    if __name__ == "__main__":
        Sweep(slow, grid={"x": [float(i) for i in range(int(sys.argv[2]))]}, chunks=1).run(store=sys.argv[1])
        print("done", flush=True)
""")


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.abspath(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _wait_for(cond, timeout=120.0, what="condition"):
    t0 = time.monotonic()
    while not cond():
        if time.monotonic() - t0 > timeout:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _holder(store):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(store)], stdout=subprocess.PIPE, text=True, env=_env())
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_live_owner_refuses_a_second_process_and_a_dead_one_is_taken_over(tmp_path):
    store = tmp_path / "S.nc"
    proc = _holder(store)
    try:
        owner = json.loads((tmp_path / "S.nc.lock").read_text())
        assert owner["pid"] == proc.pid and owner["host"] == socket.gethostname()
        with pytest.raises(StoreLockedError, match=rf"in use by another run \(process {proc.pid},") as exc:
            StoreLock(store).acquire()
        assert "\n" not in str(exc.value) and isinstance(exc.value, InputError)
    finally:
        proc.kill()
        proc.wait()
    # the owner died without releasing (kill -9): its lock is stale and taken over
    assert (tmp_path / "S.nc.lock").exists()
    with StoreLock(store) as lock:
        assert json.loads(lock.path.read_text())["pid"] == os.getpid()
    assert not (tmp_path / "S.nc.lock").exists()  # released


def test_stale_and_foreign_locks(tmp_path):
    store = tmp_path / "S.nc"
    lockfile = tmp_path / "S.nc.lock"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lockfile.write_text(json.dumps({"pid": dead.pid, "host": socket.gethostname(), "started": None}))
    with StoreLock(store):
        pass
    # a PID that now belongs to another process (its start time differs) is not the owner
    lockfile.write_text(json.dumps({"pid": os.getppid(), "host": socket.gethostname(), "started": -5}))
    if _start_time(os.getppid()) is not None:
        with StoreLock(store):
            pass
    # a lock from another host cannot be checked: refused, naming the host and the file to delete
    lockfile.write_text(json.dumps({"pid": 1, "host": "elsewhere.example", "started": 1, "time": "x"}))
    with pytest.raises(StoreLockedError, match="host 'elsewhere.example'.*delete"):
        StoreLock(store).acquire()
    lockfile.unlink()
    # the same process twice
    with StoreLock(store), pytest.raises(StoreLockedError, match="already in use by this process"):
        StoreLock(store).acquire()


def test_two_sweeps_on_one_store(tmp_path):
    """A second sweep on a store in use is refused with one line; after the first is killed, a rerun takes the
    stale lock over, resumes, and gives the complete result."""
    script = tmp_path / "slow_sweep.py"
    script.write_text(SLOW_SWEEP)
    store = tmp_path / "S.nc"
    hold = tmp_path / "hold"
    hold.write_text("")
    first = subprocess.Popen([sys.executable, str(script), str(store), "12", str(hold)], env=_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(lambda: any((tmp_path / "S.nc.sweep").glob("chunk_*.nc")), what="the first chunk")
        second = subprocess.run([sys.executable, str(script), str(store), "12"], env=_env(), capture_output=True,
                                text=True, timeout=300)
        assert second.returncode != 0
        assert f"is in use by another run (process {first.pid}" in second.stderr
        assert first.poll() is None  # the first run goes on
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait()
    done = len(list((tmp_path / "S.nc.sweep").glob("chunk_*.nc")))
    assert done == 1  # the first point; the second was held when the run was killed (0 < done < 12)
    hold.unlink()
    third = subprocess.run([sys.executable, str(script), str(store), "12"], env=_env(), capture_output=True,
                           text=True, timeout=600)
    assert third.returncode == 0, third.stderr
    import xarray as xr

    with xr.open_dataset(store) as ds:
        assert ds["y"].values.tolist() == [2.0 * i for i in range(12)]
    assert not (tmp_path / "S.nc.lock").exists()
