"""``thermophoresis compile --targets dsmc`` / :func:`~thermophoresis.kinetic.dsmc.compile_kernels`: the DSMC
kernels go into Numba's on-disk cache, and a later process runs any Fourier problem without compiling."""

from __future__ import annotations

import json
import os
import subprocess
import sys

LATER_RUN = r"""
import json, warnings
warnings.simplefilter("ignore")
from thermophoresis.kinetic import dsmc
from thermophoresis.kinetic.dsmc import FourierProblem, run_fourier
# another gas, molecular model, accommodation, Knudsen number, cells, threads and sampling than the compile's
run_fourier(FourierProblem(knudsen=0.2, gas="helium", model="vss", accommodation=0.8), n_cells=12, per_cell=30,
            burn_in=3, n_steps=6, seed=5, threads=2, sample_every=2)
misses, hits = dsmc._cache_counts()
print(json.dumps({"misses": misses, "hits": hits}))
"""


def _run(args, cache):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_compiled_dsmc_kernels_are_loaded_by_a_later_process(tmp_path):
    cmd = ["-m", "thermophoresis.cli", "compile", "--targets", "dsmc", "--json"]
    first = _run(cmd, tmp_path)
    assert [(e["target"], e["status"]) for e in first["kernels"]] == [("dsmc", "compiled")]
    assert first["cache_dir"].startswith(str(tmp_path))  # the DSMC's cache folder, under NUMBA_CACHE_DIR
    later = _run(["-c", LATER_RUN], tmp_path)
    assert later["misses"] == 0 and later["hits"] >= 3  # every kernel loaded from the cache, none compiled
    again = _run(cmd, tmp_path)
    assert (again["compiled"], again["loaded"], again["in_memory"]) == (0, 1, 0)
