"""DSMC bit-identity on one and two Numba threads, on any machine.

test_dsmc.py checks it in-process when Numba has two threads; on a one-CPU machine Numba defaults to one
thread and that test skips. Here a subprocess is started with NUMBA_NUM_THREADS=2 (allowed on any number of
CPUs: it is about the split of the work, not speed), so the property is always checked.
"""

import json
import os
import subprocess
import sys

SCRIPT = r"""
import json, numba, numpy as np
from thermophoresis.kinetic.dsmc import FourierProblem, run_fourier
assert numba.config.NUMBA_NUM_THREADS == 2, numba.config.NUMBA_NUM_THREADS
p = FourierProblem(knudsen=0.05, model="vss")
# 6000 molecules: two blocks, so the two threads really split the work
a = run_fourier(p, n_cells=30, per_cell=200, n_steps=60, burn_in=10, seed=3, threads=1)
b = run_fourier(p, n_cells=30, per_cell=200, n_steps=60, burn_in=10, seed=3, threads=2)
print(json.dumps({"moments_equal": bool(np.array_equal(a.moments, b.moments)),
                  "heat_flux_equal": a.wall_heat_flux == b.wall_heat_flux,
                  "layer": numba.threading_layer()}))
"""


def test_bit_identical_on_one_and_two_threads_in_a_two_thread_subprocess():
    src = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
    env = dict(os.environ, NUMBA_NUM_THREADS="2",
               PYTHONPATH=os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]))
    r = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["moments_equal"] and out["heat_flux_equal"], out
