"""DSMC before and after a run (issue 15.5, 15.1, 15.6, 15.7, 16.3): refused time steps with the cost estimate,
warned coarse cells, equal and swapped wall temperatures, resumable stores, threads chosen from the load."""

from __future__ import annotations

import math
import os
import signal
import subprocess
import sys
import textwrap
import time
import warnings

import numpy as np
import pytest

from thermophoresis._resume import StoreLock, StoreLockedError
from thermophoresis.exceptions import InputError, ValidityWarning
from thermophoresis.kinetic import dsmc
from thermophoresis.kinetic.dsmc import (FourierProblem, check_run, estimate_cost, fourier_study, run_fourier,
                                         run_fourier_blocks)

SRC = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "src")


def test_hanging_and_garbage_runs_are_refused_with_the_estimate():
    # --knudsen 1e-6 with the CLI defaults (40 cells, 100 per cell, 10 x 500 + 400 steps): the default time
    # step is ~7000 mean collision times, i.e. ~7000 candidate pairs per molecule per step
    with pytest.raises(InputError, match=r"dt = 1.77e-08 s is 7.0\de\+03 mean collision times.*molecule-steps"):
        run_fourier_blocks(FourierProblem(knudsen=1e-6), 40, 100, block_steps=500, n_blocks=10)
    for dt in (1.0, 1e-4):  # both seen in the field: > 180 s and a nonsense profile
        with pytest.raises(InputError, match=r"mean collision times"):
            run_fourier(FourierProblem(knudsen=0.1), 40, 100, dt=dt)
    # free-molecular gas, so no collision limit: a step that crosses the gap is refused on its own
    with pytest.raises(InputError, match="crosses the whole gap 3.5"):
        run_fourier(FourierProblem(knudsen=100.0), 40, 100, dt=1e-5)
    with pytest.raises(InputError, match="max_seconds"):
        run_fourier(FourierProblem(knudsen=0.1), 40, 100, max_seconds=1e-6)


def test_estimate_counts_the_work_exactly():
    p = FourierProblem(knudsen=0.1)
    c = estimate_cost(p, 40, 100, steps=5400)
    assert c.molecules == 4000 and c.molecule_steps == 4000 * 5400
    # the hard-sphere mean collision time lambda / c_mean at the mean temperature, and the NTC candidate count
    m = p.molecular_mass
    c_mean = math.sqrt(8 * 1.380649e-23 * 300.0 / (math.pi * m))
    assert c.mean_collision_time / (0.1e-3 / c_mean) == pytest.approx(1, rel=1e-12, abs=0)
    vmp_hot = math.sqrt(2 * 1.380649e-23 * 350.0 / m)
    scr = math.pi * p.diameter**2 * 3 * vmp_hot
    fnum = p.number_density * p.gap / 4000
    expected = 40 * 0.5 * 100 * 99 * fnum * scr * c.dt / (p.gap / 40) * 5400
    assert c.candidate_pairs / expected == pytest.approx(1, rel=1e-12, abs=0)
    # twice the steps, twice the cost
    assert estimate_cost(p, 40, 100, steps=10800).seconds / c.seconds == pytest.approx(2, rel=1e-12, abs=0)


def test_coarse_runs_warn_and_the_default_does_not():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_run(FourierProblem(knudsen=0.1), 40, 100, None, 5400)  # the CLI default: quiet
    with pytest.warns(ValidityWarning, match=r"cells of 2.5 mean free paths"):
        check_run(FourierProblem(knudsen=0.01), 40, 100, None, 100)
    with pytest.warns(ValidityWarning, match=r"cross 2 cells per step"):
        p = FourierProblem(knudsen=10.0)
        check_run(p, 40, 100, 8 * dsmc._default_dt(p, 40), 100)
    with pytest.warns(dsmc.CostWarning, match="estimated at"):
        check_run(FourierProblem(knudsen=0.1), 400, 1000, None, 20000)  # 8e9 molecule-steps


def test_equal_wall_temperatures_refused_and_swapped_walls_mirror():
    with pytest.raises(InputError, match=r"t_lo = t_hi = 300 K"):
        FourierProblem(t_lo=300.0, t_hi=300.0)
    kw = dict(radius=1e-8, n_cells=8, per_cell=100, n_blocks=6, block_steps=300, burn_in=200)
    up = fourier_study(FourierProblem(knudsen=1.0, t_lo=250.0, t_hi=350.0), seed=1, **kw).to_dict()
    down = fourier_study(FourierProblem(knudsen=1.0, t_lo=350.0, t_hi=250.0), seed=2, **kw).to_dict()
    for key in ("heat_flux_ratio", "core_force_ratio_to_waldmann", "core_force_ratio_to_free_molecular"):
        a, b = np.ravel(up[key]), np.ravel(down[key])
        se_a = up[f"{key}_standard_error"] if key == "heat_flux_ratio" else a[1]
        se_b = down[f"{key}_standard_error"] if key == "heat_flux_ratio" else b[1]
        assert se_a > 0 and se_b > 0  # never a negative standard error
        assert abs(a[0] - b[0]) < 4 * math.hypot(se_a, se_b)  # the mirror image is the same problem
    assert up["wall_heat_flux_W_m2"] > 0 > down["wall_heat_flux_W_m2"]  # from z = L to 0 and back
    assert min(np.min(down[k]) for k in ("temperature_standard_error", "force_ratio_standard_error")) >= 0


RUN = dict(n_cells=8, per_cell=600, burn_in=40, block_steps=60, seed=3)


def test_store_resumes_bit_for_bit_and_refuses_other_inputs(tmp_path):
    import xarray as xr

    p = FourierProblem(knudsen=0.5, model="vss", gas="helium")
    ref_total, ref_blocks = run_fourier_blocks(p, n_blocks=4, **RUN)
    store = tmp_path / "run.nc"

    def stop_after_two(done, total):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_fourier_blocks(p, n_blocks=4, store=store, progress=stop_after_two, radius=1e-8, **RUN)
    with xr.open_dataset(store) as ds:
        assert ds.attrs["blocks_done"] == 2 and ds.attrs["blocks_planned"] == 4
    assert not (tmp_path / "run.nc.lock").exists()
    seen = []
    total, blocks = run_fourier_blocks(p, n_blocks=4, store=store, radius=1e-8, progress=lambda d, t: seen.append(d),
                                       threads=1, **RUN)
    assert seen == [2, 3, 4]  # continued from the last finished block
    np.testing.assert_array_equal(total.moments, ref_total.moments)
    assert total.wall_heat_flux == ref_total.wall_heat_flux
    for a, b in zip(blocks, ref_blocks):
        np.testing.assert_array_equal(a.moments, b.moments)
    with xr.open_dataset(store) as ds:
        assert ds.attrs["blocks_done"] == 4
        np.testing.assert_array_equal(ds["temperature"].values, ref_total.temperature)
        assert ds["force"].attrs["units"] == "N"
    # a larger n_blocks extends the finished run; fewer is refused
    more, _ = run_fourier_blocks(p, n_blocks=5, store=store, radius=1e-8, **RUN)
    np.testing.assert_array_equal(more.moments, run_fourier_blocks(p, n_blocks=5, **RUN)[0].moments)
    with pytest.raises(InputError, match="holds 5 finished blocks"):
        run_fourier_blocks(p, n_blocks=4, store=store, radius=1e-8, **RUN)
    # every input that changes the result is in the fingerprint, and named (the default dt follows from the
    # temperatures and the cells, so it differs too where they do)
    changed = {
        "problem.t_hi": (FourierProblem(knudsen=0.5, model="vss", gas="helium", t_hi=351.0), {}),
        "problem.knudsen": (FourierProblem(knudsen=0.5000001, model="vss", gas="helium"), {}),
        "problem.model": (FourierProblem(knudsen=0.5, model="vhs", gas="helium"), {}),
        "seed": (p, {"seed": 4}),
        "n_cells": (p, {"n_cells": 10}),
        "dt": (p, {"dt": 0.5 * dsmc._default_dt(p, 8)}),
        "sample_every": (p, {"sample_every": 2}),
        "radius": (p, {"radius": 2e-8}),
    }
    for name, (prob, kw) in changed.items():
        args = {**RUN, "radius": 1e-8, **kw}
        with pytest.raises(InputError, match=rf"another DSMC run \([^)]*\b{name.replace('.', '[.]')}\b[^)]* differ"):
            run_fourier_blocks(prob, n_blocks=5, store=store, **args)
    # overwrite starts again; a store that no run wrote is left alone
    run_fourier_blocks(p, n_blocks=2, store=store, overwrite=True, **RUN)
    (tmp_path / "other.nc").write_bytes(b"mine")
    with pytest.raises(InputError, match="not written by a DSMC run"):
        run_fourier_blocks(p, n_blocks=2, store=tmp_path / "other.nc", **RUN)
    # one run per store
    with StoreLock(store), pytest.raises(StoreLockedError):
        run_fourier_blocks(p, n_blocks=2, store=store, **RUN)


KILLED = textwrap.dedent("""
    import os, sys, time
    from thermophoresis.kinetic.dsmc import FourierProblem, run_fourier_blocks

    def progress(done, n_blocks):
        # after the first block (saved, the store written), wait while the hold file exists: the test's signal
        # lands mid-run however fast or loaded the machine is (progress is not an input of the result)
        hold = os.environ.get("THERMOPHORESIS_TEST_HOLD")
        while done >= 1 and hold and os.path.exists(hold):
            time.sleep(0.05)

    p = FourierProblem(knudsen=0.5)
    total, _ = run_fourier_blocks(p, 20, 200, burn_in=50, block_steps=150, n_blocks=8, seed=9, store=sys.argv[1],
                                  progress=progress)
    if len(sys.argv) > 2:
        import numpy as np
        np.save(sys.argv[2], total.moments)
""")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "kill-9"])
def test_killed_dsmc_run_resumes_to_the_same_numbers(tmp_path, sig):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.path.abspath(SRC) + os.pathsep + env.get("PYTHONPATH", "")
    script = tmp_path / "killed.py"
    script.write_text(KILLED)
    store = tmp_path / "run.nc"
    hold = tmp_path / "hold"
    hold.write_text("")
    proc = subprocess.Popen([sys.executable, str(script), str(store)], env={**env, "THERMOPHORESIS_TEST_HOLD": str(hold)},
                            stderr=subprocess.PIPE)
    state = tmp_path / "run.nc.dsmc" / "state.npz"
    t0 = time.monotonic()
    while not store.exists():  # the first block is written
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() - t0 < 600
        time.sleep(0.05)
    proc.send_signal(sig)
    proc.wait(60)
    hold.unlink()
    assert proc.returncode != 0
    with np.load(state) as f:
        assert f["block_acc"].shape[0] == 1  # held after the first block: always killed mid-run (1 of 8)
    subprocess.run([sys.executable, str(script), str(store), str(tmp_path / "resumed.npy")], env=env, check=True,
                   timeout=900)
    ref = run_fourier_blocks(FourierProblem(knudsen=0.5), 20, 200, burn_in=50, block_steps=150, n_blocks=8,
                             seed=9)[0]
    np.testing.assert_array_equal(np.load(tmp_path / "resumed.npy"), ref.moments)
    assert not [f for f in tmp_path.rglob("*") if ".tmp" in f.name or f.name.endswith(".lock")]


def test_threads_follow_the_load_and_never_change_the_result(monkeypatch):
    monkeypatch.setattr(dsmc.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(dsmc, "_runnable_elsewhere", lambda: 1)  # another process holds a core
    assert dsmc.choose_threads(2) == 1
    monkeypatch.setattr(dsmc, "_runnable_elsewhere", lambda: 0)
    assert dsmc.choose_threads(2) == 2
    monkeypatch.setattr(dsmc, "_runnable_elsewhere", lambda: None)  # no /proc: only the cap counts
    assert dsmc.choose_threads(2) == 2 and dsmc.choose_threads(1) == 1
    monkeypatch.undo()
    # the same run on 1 and 2 threads (forced, not chosen from the load) and split into slices of steps
    p = FourierProblem(knudsen=0.05, model="vss")
    kw = dict(n_cells=30, per_cell=1000, n_steps=60, burn_in=30, seed=3)
    monkeypatch.setattr(dsmc, "ADAPTIVE_THREADS", False)
    one = run_fourier(p, threads=1, **kw)
    two = run_fourier(p, threads=2, **kw)
    monkeypatch.setattr(dsmc, "SLICE_MOLECULE_STEPS", 30_000 * 7)  # slices of 7 steps
    sliced = run_fourier(p, threads=2, **kw)
    for r in (two, sliced):
        np.testing.assert_array_equal(r.moments, one.moments)
        assert r.wall_heat_flux == one.wall_heat_flux
