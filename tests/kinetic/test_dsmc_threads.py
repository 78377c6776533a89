"""DSMC bit-identity on one and two Numba threads, on any machine; the thread governor's decisions.

test_dsmc.py checks it in-process when Numba has two threads; on a one-CPU machine Numba defaults to one
thread and that test skips. Here a subprocess is started with NUMBA_NUM_THREADS=2 (allowed on any number of
CPUs: it is about the split of the work, not speed), so the property is always checked.
"""

import json
import os
import subprocess
import sys

from thermophoresis.kinetic.dsmc import ThreadGovernor

SCRIPT = r"""
import json, numba, numpy as np
from thermophoresis.kinetic import dsmc
from thermophoresis.kinetic.dsmc import FourierProblem, run_fourier
assert numba.config.NUMBA_NUM_THREADS == 2, numba.config.NUMBA_NUM_THREADS
p = FourierProblem(knudsen=0.05, model="vss")
# 6000 molecules: two blocks, so the two threads really split the work
kw = dict(n_cells=30, per_cell=200, n_steps=60, burn_in=10, seed=3)
dsmc.ADAPTIVE_THREADS = False
a = run_fourier(p, threads=1, **kw)
b = run_fourier(p, threads=2, **kw)
# the default: threads chosen by the load check (made to allow 2 here) and the governor, in slices of
# 8 steps with measuring slices of 1: whatever it picks, the numbers are those of one thread
dsmc.ADAPTIVE_THREADS = True
dsmc.choose_threads = lambda cap: cap
dsmc.SLICE_MOLECULE_STEPS = 6000 * 8
c = run_fourier(p, threads=2, **kw)
import os
from thermophoresis import _twins
print(json.dumps({"passive": _twins.threads_wait_passively(), "policy_after": os.environ.get("OMP_WAIT_POLICY"),
                  "moments_equal": bool(np.array_equal(a.moments, b.moments)),
                  "heat_flux_equal": a.wall_heat_flux == b.wall_heat_flux,
                  "governed_equal": bool(np.array_equal(a.moments, c.moments))
                                    and a.wall_heat_flux == c.wall_heat_flux,
                  "layer": numba.threading_layer()}))
"""


def test_bit_identical_on_one_and_two_threads_in_a_two_thread_subprocess():
    src = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "src")
    env = dict(os.environ, NUMBA_NUM_THREADS="2",
               PYTHONPATH=os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]))
    r = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr[-3000:]
    out = json.loads(r.stdout.strip().splitlines()[-1])
    assert out["moments_equal"] and out["heat_flux_equal"] and out["governed_equal"], out
    # the pool was started with a passive wait policy only for the moment the OpenMP runtime loaded (unless
    # the user chose one): the environment is as it was
    assert out["policy_after"] == env.get("OMP_WAIT_POLICY"), out
    user_chose = any(v in env for v in ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "KMP_BLOCKTIME"))
    if out["layer"] == "omp" and not user_chose:
        assert out["passive"], out


def test_a_user_wait_policy_is_left_alone():
    script = ("import os; from thermophoresis import _twins; layer = _twins.start_threads_quietly(); "
              "print(layer, _twins.threads_wait_passively(), os.environ.get('OMP_WAIT_POLICY'))")
    src = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "src")
    env = dict(os.environ, GOMP_SPINCOUNT="300000", PYTHONPATH=os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]))
    env.pop("OMP_WAIT_POLICY", None)
    r = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    layer, passive, policy = r.stdout.split()
    assert policy == "None"  # not set for the user's spinning choice
    assert passive == ("True" if layer == "workqueue" else "False")


def test_governor_measures_one_thread_then_keeps_more_only_while_faster():
    g = ThreadGovernor()
    assert g.choose(1) == (1, 1.0)  # the load allows one thread: nothing to decide
    g = ThreadGovernor()
    assert g.choose(2) == (1, g.PROBE)  # first a short slice on one thread, for its speed
    g.record(1, 100.0)
    assert g.choose(2) == (2, g.PROBE)  # then a short slice on two
    g.record(2, 180.0)
    assert g.choose(2) == (2, 1.0)  # faster: full slices on two
    g.record(2, 190.0)
    assert g.choose(2) == (2, 1.0)
    g.record(2, 40.0)  # the load changed during that slice: slower than one thread
    assert [g.choose(2) for _ in range(2)] == [(1, 1.0)] * 2  # back to one thread for 2 slices
    for _ in range(2):
        g.record(1, 90.0)
    assert g.choose(2) == (2, g.PROBE)  # then a short try
    g.record(2, 60.0)  # still slower: the next back-off is twice as long
    assert [g.choose(2)[0] for _ in range(5)] == [1, 1, 1, 1, 2]
    g.record(2, 150.0)  # the machine is free again: full slices on two, back-off reset
    assert g.choose(2) == (2, 1.0) and g.penalty == 1
    assert g.choose(1) == (1, 1.0)  # the load check always has the last word
    for _ in range(10):  # back-offs stop growing at MAX_BACKOFF slices
        g.record(2, 1.0)
    assert g.backoff == g.MAX_BACKOFF
