"""``thermophoresis compile`` / :func:`~thermophoresis.lagrangian.precompile.compile_kernels`: the kernels go
into Numba's on-disk cache, and a later process runs a tracker of that kind without compiling."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from thermophoresis import InputError
from thermophoresis.lagrangian.precompile import compile_kernels

LATER_RUN = r"""
import json
import numpy as np
from thermophoresis import Gas, Particle
from thermophoresis.lagrangian import Tracker, UniformGradient, kernels
# another particle, gas state, field and particle count than the compile's: the same kernel
tr = Tracker(Particle("2 um", "psl"), Gas("argon", pressure="50 kPa"), UniformGradient(320.0, gradient=(3e3, 0.0, -1e4)),
             dt=1e-4, inertial=False, seed=3, threads=1)
tr.run(np.zeros((37, 3)), n_steps=5)
print(json.dumps({"misses": sum(kernels.advance.stats.cache_misses.values()),
                  "hits": sum(kernels.advance.stats.cache_hits.values())}))
"""


def _run(args, cache):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_compiled_kernels_are_loaded_by_a_later_process(tmp_path):
    cmd = ["-m", "thermophoresis.cli", "compile", "--fields", "uniform", "--integrators", "overdamped", "--json"]
    first = _run(cmd, tmp_path)
    assert [(e["field"], e["integrator"], e["stream"], e["compiled"]) for e in first["kernels"]] == [
        ("uniform", "overdamped", 2, True)]
    assert first["cache_dir"] == str(tmp_path)
    later = _run(["-c", LATER_RUN], tmp_path)
    assert later["misses"] == 0 and later["hits"] >= 1  # loaded from the cache, nothing compiled
    again = _run(cmd, tmp_path)
    assert again["compiled"] == 0 and again["already_cached"] == 1


def test_bad_names_are_refused_with_what_is_allowed():
    with pytest.raises(InputError, match="fields.*uniform, profile, stagnation, tube, grid.*nope"):
        compile_kernels(fields=["uniform", "nope"])
    with pytest.raises(InputError, match="integrators.*overdamped, inertial"):
        compile_kernels(integrators="euler")
    with pytest.raises(InputError, match="stream.*1, 2"):
        compile_kernels(stream=3)
