"""One tracking run per output directory: a second live run is refused, a dead run's lock is taken over."""

import json
import socket
import subprocess
import sys

import numpy as np
import pytest

from thermophoresis import Gas, Particle
from thermophoresis._resume import StoreLockedError
from thermophoresis.lagrangian import Tracker, UniformGradient


def _tracker():
    field = UniformGradient(300.0, gradient=(0.0, 0.0, 1e4))
    return Tracker(Particle("1 um", "psl"), Gas("air"), field, dt=1e-4, inertial=False, gravity=False, seed=1)


def test_second_live_run_is_refused_and_a_stale_lock_taken_over(tmp_path):
    start = np.zeros((4, 3))
    lock = tmp_path / "state.nc.lock"
    # a live owner: another process that sleeps while "holding" the directory
    owner = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        from thermophoresis._resume import _start_time

        lock.write_text(json.dumps({"pid": owner.pid, "host": socket.gethostname(), "started": _start_time(owner.pid),
                                    "time": "now"}))
        with pytest.raises(StoreLockedError, match="in use by another run"):
            _tracker().run_to_netcdf(tmp_path, start, 10, chunk_steps=5)
    finally:
        owner.kill()
        owner.wait()
    # the owner is dead now: its lock (and a temporary state it left) are taken over, the run completes
    (tmp_path / "state.nc.tmp").write_bytes(b"partial")
    ds = _tracker().run_to_netcdf(tmp_path, start, 10, chunk_steps=5)
    assert ds.sizes["particle"] == 4
    assert not lock.exists()
    assert not (tmp_path / "state.nc.tmp").exists()
