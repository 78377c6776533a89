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
from thermophoresis.lagrangian.precompile import plan as precompile_plan

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
    cmd = ["-m", "thermophoresis.cli", "compile", "--targets", "tracker", "--fields", "uniform", "--integrators",
           "overdamped", "--json"]
    first = _run(cmd, tmp_path)
    assert [(e["field"], e["integrator"], e["stream"], e["status"]) for e in first["kernels"]] == [
        ("uniform", "overdamped", 3, "compiled")]
    assert first["cache_dir"].startswith(str(tmp_path))  # the folder Numba used, under NUMBA_CACHE_DIR
    later = _run(["-c", LATER_RUN], tmp_path)
    assert later["misses"] == 0 and later["hits"] >= 1  # loaded from the cache, nothing compiled
    again = _run(cmd, tmp_path)
    assert (again["compiled"], again["loaded"], again["in_memory"]) == (0, 1, 0)


def test_bad_names_are_refused_by_the_command_before_any_work(tmp_path):
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "thermophoresis.cli", "compile", "--fields", "uniform,nope"],
                         env=env, capture_output=True, text=True)
    assert out.returncode == 2
    assert "--fields" in out.stderr and "nope" in out.stderr and "stagnation" in out.stderr
    assert not list(tmp_path.rglob("*.nbi"))  # nothing compiled into the cache


def test_the_small_fields_compile_the_kernels_of_any_field_of_their_type():
    """The kernel's types come from the field's kernel data: the small field of each type in compile_kernels
    gives the same Numba type as fields built another way (so a run of any field of the type finds the
    kernel), and every field type of the registry has a small field."""
    import numba
    import numpy as np

    from thermophoresis.fields import FIELD_TYPES, GraetzTube, Grid3D, ProfileZ
    from thermophoresis.lagrangian import precompile

    small = {name: make() for name, (make, _, _) in precompile._fields().items()}
    assert set(small) == set(precompile.KERNEL_FIELDS)
    assert {t.cls for t in FIELD_TYPES.values()} == {type(f) for f in small.values()}
    z = np.linspace(0.0, 2e-3, 50)
    temperature, velocity = 300.0 + 1e4 * z, 0.01 * np.sin(z / 2e-3)
    temperature.flags.writeable = False  # as pandas' to_numpy() gives
    ax = np.linspace(0.0, 1e-3, 6)
    others = {"profile": ProfileZ(z, temperature, velocity),
              "tube": GraetzTube(2e-3, 0.1, 0.2, 360.0, 300.0, 2.2e-5),
              "grid": Grid3D(ax, ax, ax, 300.0 + 1e5 * np.meshgrid(ax, ax, ax, indexing="ij")[0],
                             np.ones((6, 6, 6, 3)))}
    for name, field in others.items():
        assert numba.typeof(field.kernel_data) == numba.typeof(small[name].kernel_data), name


def test_bad_names_are_refused_with_what_is_allowed():
    with pytest.raises(InputError, match="fields.*all, or one or more of uniform, profile, stagnation, tube, grid, "
                                         "plates.*nope"):
        compile_kernels(fields=["uniform", "nope"])
    assert precompile_plan("plates, uniform", "all") == [("profile", "overdamped"), ("profile", "inertial"),
                                                         ("uniform", "overdamped"), ("uniform", "inertial")]
    with pytest.raises(InputError, match="integrators.*overdamped, inertial"):
        compile_kernels(integrators="euler")
    with pytest.raises(InputError, match="stream.*1, 2, 3"):
        compile_kernels(stream=4)
