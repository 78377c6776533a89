"""kill -9 and SIGTERM of a running ``thermophoresis track``, then a rerun: the same numbers as an
uninterrupted run, no lock or temporary file left behind (issue 15, the fault suite)."""

import signal
import subprocess
import sys
import time

import numpy as np
import pytest
import xarray as xr

from thermophoresis.lagrangian.scenario import load

SCENARIO = """
[gas]
composition = "air"
[particle]
diameter = "1 um"
material = "psl"
[field]
type = "plates"
gap = "5 mm"
t_bottom = "293.15 K"
t_top = "313.15 K"
[start]
type = "line"
count = 2000
z = ["0.05 mm", "4.95 mm"]
[run]
dt = "20 ms"
steps = 4000
seed = 7
inertial = false
gravity = false
chunk_steps = 200
[walls]
z = ["0 m", "5 mm"]
[output]
directory = "{directory}"
"""


# ``thermophoresis track SCENARIO --json`` whose run waits after each written segment while the hold file
# exists: the test's signal always lands after the first segment, however fast or loaded the machine is (the
# progress callback is not an input of the result)
HELD_TRACK = """
import os, sys, time
from thermophoresis.lagrangian.scenario import Scenario

hold_file, scenario = sys.argv[1], sys.argv[2]
real_run = Scenario.run

def held_run(self, progress=None):
    def held(done, total):
        if progress is not None:
            progress(done, total)
        while os.path.exists(hold_file):
            time.sleep(0.05)
    return real_run(self, progress=held)

Scenario.run = held_run
from thermophoresis.cli import main
sys.argv = ["thermophoresis", "track", scenario, "--json"]
sys.exit(main())
"""


def _scenario(tmp_path, name):
    f = tmp_path / f"{name}.toml"
    f.write_text(SCENARIO.format(directory=(tmp_path / name).as_posix()))
    return f


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_track_resumes_to_the_uninterrupted_result(tmp_path, sig):
    killed = _scenario(tmp_path, "killed")
    hold = tmp_path / "hold"
    hold.write_text("")
    proc = subprocess.Popen([sys.executable, "-c", HELD_TRACK, str(hold), str(killed)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    state = tmp_path / "killed" / "state.nc"
    deadline = time.time() + 240
    while not state.exists() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail("the run ended before it could be interrupted; make the scenario longer")
    proc.send_signal(sig)
    proc.wait(timeout=60)
    hold.unlink()
    with xr.open_dataset(state, engine="scipy") as st:
        step_at_kill = int(st.attrs["step"])
    assert step_at_kill == 200  # held after the first segment (0 < step < 4000, now deterministic)

    resumed = load(killed).run()
    fresh = load(_scenario(tmp_path, "fresh")).run()
    for name in ("final_position", "event_wall", "event_time"):
        a, b = np.asarray(resumed[name]), np.asarray(fresh[name])
        assert np.array_equal(a, b, equal_nan=True), name
    leftovers = sorted(p.name for p in (tmp_path / "killed").iterdir() if p.suffix in (".tmp", ".lock"))
    assert leftovers == []
