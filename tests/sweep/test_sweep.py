"""Parameter sweeps: grid and list semantics, units, identical results on every backend (in-process, local
processes, a real dask.distributed LocalCluster), resuming an interrupted sweep, sweep-file validation, the
CLI command and the plots."""

import json
import pathlib

import numpy as np
import pytest

from thermophoresis import Gas, InputError, Particle
from thermophoresis.sweep import Output, Param, Sweep, SweepError, Target, line_plot, map_plot, parse, sweep
from thermophoresis.sweep import load as load_sweep_file

xr = pytest.importorskip("xarray")

EXAMPLES = pathlib.Path(__file__).parents[2] / "examples"


# --- targets at module level, so that worker processes can import them ------------------------------------
def poly(a, b=1.0, label="x"):
    """Per-point target with a string output and an output dimension of its own."""
    return {"s": a + b, "p": a * b, "vec": np.array([a, b, a * b]), "tag": label.upper()}


CALLS = []


def hypot_vectorized(x, y=0.0):
    CALLS.append(np.shape(x))
    return {"r": np.hypot(x, y)}


def random_walks(*, members, seed, walkers, steps=100):
    """A user ensemble target: each walker's stream is keyed by (seed, global walker index)."""
    end = np.empty(members.size)
    for k, m in enumerate(members):
        end[k] = np.random.default_rng([seed, int(m)]).standard_normal(steps).sum()
    return {"end": end}


WALKS = Target("walks", random_walks, params={"walkers": Param(type=int, required=True), "steps": Param(type=int)},
               outputs={"end": Output("m")}, ensemble="walkers", member_dim="walker", stochastic=True,
               chunk_members=64)


def logged_double(x, log):
    """Appends every evaluated x to ``log`` (a file), so a test sees which points were computed, in any process."""
    with open(log, "a") as f:
        f.write(f"{x!r}\n")
    return {"y": 2.0 * x}


def fails_while_flag(x, log, flag):
    """Like logged_double, but raises at x = 3 while the file ``flag`` exists (a crash in the middle)."""
    if x == 3.0 and pathlib.Path(flag).exists():
        raise RuntimeError("simulated crash")
    return logged_double(x, log)


def _logged(log) -> list[float]:
    p = pathlib.Path(log)
    return sorted(float(v) for v in p.read_text().split()) if p.exists() else []


# --- sweeps used by several tests ----------------------------------------------------------------------
def _track_sweep(chunks=700, seed=5):
    return Sweep("track", grid={"diameter": ["200 nm", "1 um"]},
                 fixed={"particles": 2000, "dt": "1 ms", "steps": 40, "field": "plates", "gap": "0.2 mm",
                        "t_bottom": "290 K", "t_top": "310 K", "inertial": False},
                 chunks=chunks, seed=seed)


def _sweeps():
    return {
        "track": _track_sweep(),
        "poly": Sweep(poly, grid={"a": [1.0, 2.0, 3.0], "label": ["q", "rr"]}, points={"b": [1.5, 2.5]}, chunks=4),
        "force": Sweep("force", grid={"gas": ["air", "He"],
                                      "diameter": {"start": "10 nm", "stop": "10 um", "num": 9, "spacing": "log"}},
                       fixed={"grad_T": "1 K/mm"}, chunks=5),
        "dsmc": Sweep("dsmc", grid={"knudsen": [0.5, 2.0]},
                      fixed={"n_cells": 8, "per_cell": 20, "burn_in": 10, "n_steps": 40}, seed=11),
    }


@pytest.fixture(scope="module")
def in_process_results():
    return {name: s.run() for name, s in _sweeps().items()}


@pytest.fixture(scope="module")
def process_pool():
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn"))
    yield pool
    pool.shutdown()


@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None)
    client = distributed.Client(cluster)
    yield client, cluster.scheduler_address
    client.close()
    cluster.close()


# --- definition: grid, list, units ---------------------------------------------------------------------
def test_grid_dims_coords_and_units():
    ds = sweep("force", grid={"diameter": ["100 nm", "1 um"], "pressure": ["1 kPa", "1 atm"], "gas": ["air", "He"]},
               fixed={"grad_T": "10 K/mm", "temperature": "25 degC"})
    assert ds["force"].dims == ("diameter", "pressure", "gas")
    assert ds["diameter"].values.tolist() == [1e-7, 1e-6]  # as written, not 1.0000000000000001e-07
    assert ds["pressure"].values.tolist() == [1000.0, 101325.0]
    assert ds["diameter"].attrs == {"units": "m", "quantity": "length"}
    assert ds["pressure"].attrs["units"] == "Pa" and ds["gas"].values.tolist() == ["air", "He"]
    assert ds["temperature"].item() == 298.15 and ds["temperature"].attrs["units"] == "K"  # fixed: a scalar coord
    assert ds["grad_T"].item() == 1e4 and ds["grad_T"].attrs["units"] == "K/m"
    assert ds["force"].attrs["units"] == "N" and ds["velocity"].attrs["units"] == "m/s"
    assert ds["in_validity_range"].dtype == bool
    # every point is the toolkit's own answer at that point
    from thermophoresis.drift import thermophoresis

    for d in (1e-7, 1e-6):
        for p in (1000.0, 101325.0):
            for g in ("air", "He"):
                r = thermophoresis(Particle(d, "psl"), Gas(g, temperature=298.15, pressure=p), 1e4, "talbot")
                got = ds["force"].sel(diameter=d, pressure=p, gas=g).item()
                assert got == pytest.approx(r.force, rel=1e-13, abs=0)  # vectorized vs scalar evaluation order only


def test_points_vary_together_and_combine_with_the_grid():
    ds = sweep(poly, grid={"a": [1.0, 2.0, 3.0]}, points={"b": [10.0, 20.0], "label": ["u", "v"]})
    assert ds["s"].dims == ("a", "point") and ds.sizes == {"a": 3, "point": 2, "vec_dim_0": 3}
    assert ds["b"].dims == ("point",) and ds["label"].values.tolist() == ["u", "v"]
    np.testing.assert_array_equal(ds["s"].values, [[11.0, 21.0], [12.0, 22.0], [13.0, 23.0]])
    np.testing.assert_array_equal(ds["tag"].values, [["U", "V"]] * 3)
    np.testing.assert_array_equal(ds["vec"].sel(a=2.0, point=1).values, [2.0, 20.0, 40.0])
    assert ds["s"].attrs == {}  # a plain function without declared units


def test_range_tables_and_declared_kinds():
    ds = sweep(hypot_vectorized, grid={"x": {"start": "1 mm", "stop": "1 m", "num": 4, "spacing": "log"},
                                       "y": {"start": 0, "stop": 3, "num": 4}},
               kinds={"x": "length", "y": "length"}, outputs={"r": "m"}, vectorized=True)
    assert ds["x"].values.tolist() == pytest.approx([1e-3, 1e-2, 1e-1, 1.0], rel=1e-15, abs=0)
    assert ds["y"].values.tolist() == [0.0, 1.0, 2.0, 3.0]
    assert ds["x"].attrs["units"] == "m" and ds["r"].attrs["units"] == "m"
    np.testing.assert_array_equal(ds["r"].values, np.hypot(*np.meshgrid(ds["x"].values, ds["y"].values, indexing="ij")))


def test_vectorized_target_is_called_once_per_chunk():
    CALLS.clear()
    Sweep(hypot_vectorized, grid={"x": np.arange(1.0, 9.0)}, vectorized=["x"], chunks=4).run()
    assert CALLS == [(4,), (4,)]
    CALLS.clear()
    Sweep(hypot_vectorized, grid={"x": np.arange(1.0, 9.0)}, chunks=4).run()
    assert len(CALLS) == 8 and CALLS[0] == ()  # not declared vectorized: one call per point


def test_a_user_ensemble_target_is_independent_of_chunking():
    a = Sweep(WALKS, grid={"steps": [10, 100]}, fixed={"walkers": 200}, seed=1).run()
    b = Sweep(WALKS, grid={"steps": [10, 100]}, fixed={"walkers": 200}, seed=1, chunks={"walker": 7, "steps": 2}).run()
    assert a["end"].dims == ("steps", "walker") and a["end"].attrs["units"] == "m"
    np.testing.assert_array_equal(a["end"].values, b["end"].values)
    assert a.attrs["target"].startswith("walks (test_sweep:random_walks)")


def test_track_is_independent_of_chunking_and_reproduces_the_tracker():
    one = _track_sweep(chunks=2000).run()
    many = _track_sweep(chunks=300).run()
    for name in one.data_vars:
        np.testing.assert_array_equal(one[name].values, many[name].values)
    assert int(many.attrs["seed"]) == 5
    # a point is the Tracker run with the point's seed and the global particle ids
    from thermophoresis.lagrangian import ProfileZ, Tracker

    s = _track_sweep()
    seed = s.point_seed(diameter="1 um")
    assert seed == s.point_seed(diameter=1e-6) != s.point_seed(diameter="200 nm")
    tr = Tracker(Particle(1e-6, "psl"), Gas("air"), ProfileZ.plates(2e-4, 290.0, 310.0), dt=1e-3, inertial=False,
                 walls=(0.0, 2e-4), seed=seed)
    start = np.zeros((2000, 3))
    start[:, 2] = 2e-4 * (np.arange(2000) + 0.5) / 2000
    r = tr.run(start, 40)
    np.testing.assert_array_equal(one["final_position"].sel(diameter=1e-6).values, r.positions)
    np.testing.assert_array_equal(one["event_wall"].sel(diameter=1e-6).values, r.event_wall)
    assert one["fraction_lower_wall"].sel(diameter=1e-6).item() == np.mean(r.event_wall == 1)
    # common random numbers: every point gets the sweep seed itself
    common = Sweep("track", grid={"diameter": ["1 um"]}, fixed=dict(s.fixed), seed=5, streams="common")
    assert common.point_seed(diameter="1 um") == 5


def test_dsmc_seed_depends_on_the_point_not_on_the_grid():
    fixed = {"n_cells": 8, "per_cell": 20, "burn_in": 10, "n_steps": 40}
    both = Sweep("dsmc", grid={"knudsen": [0.5, 2.0]}, fixed=fixed, seed=11).run()
    alone = Sweep("dsmc", grid={"knudsen": [2.0]}, fixed=fixed, seed=11).run()
    np.testing.assert_array_equal(both["temperature"].sel(knudsen=2.0).values, alone["temperature"].sel(knudsen=2.0).values)
    assert both["temperature"].dims == ("knudsen", "cell") and both["z_over_gap"].dims == ("cell",)
    assert both["heat_flux_ratio"].attrs["units"] == "1"
    other_seed = Sweep("dsmc", grid={"knudsen": [2.0]}, fixed=fixed, seed=12).run()
    assert not np.array_equal(other_seed["temperature"].values, alone["temperature"].values)


# --- the same Dataset on every backend -----------------------------------------------------------------
@pytest.mark.parametrize("name", ["track", "poly", "force", "dsmc"])
def test_processes_backend_gives_identical_results(name, in_process_results, process_pool):
    s = _sweeps()[name]
    ds = s.run(executor=process_pool)
    assert s.report.backend == "processes" and s.report.workers == 2 and s.report.computed == s.n_chunks
    xr.testing.assert_identical(ds, in_process_results[name])


@pytest.mark.parametrize("name", ["track", "poly", "force", "dsmc"])
def test_dask_local_cluster_gives_identical_results(name, in_process_results, dask_cluster):
    client, _ = dask_cluster
    s = _sweeps()[name]
    ds = s.run(client=client)
    assert s.report.backend == "dask" and s.report.workers == 2 and s.report.computed == s.n_chunks
    xr.testing.assert_identical(ds, in_process_results[name])


def test_dask_scheduler_address_and_store(in_process_results, dask_cluster, tmp_path):
    _, address = dask_cluster
    ds = _sweeps()["track"].run(scheduler=address, store=tmp_path / "t.zarr")
    xr.testing.assert_identical(ds, in_process_results["track"])
    on_disk = xr.open_zarr(tmp_path / "t.zarr", consolidated=False).load()
    np.testing.assert_array_equal(on_disk["final_position"].values, ds["final_position"].values)


def test_numba_threads_apply_to_the_chunks_only():
    numba = pytest.importorskip("numba")
    before = numba.get_num_threads()
    a = _track_sweep().run(numba_threads=1)
    assert numba.get_num_threads() == before  # the caller's setting is back
    xr.testing.assert_identical(a, _track_sweep().run())


def test_processes_backend_needs_an_importable_target():
    with pytest.raises(InputError, match="cannot be sent to worker processes.*backend='inprocess'"):
        sweep(lambda x: x, grid={"x": [1.0, 2.0]}, backend="processes", workers=1)
    assert sweep(lambda x: {"y": x}, grid={"x": [1.0, 2.0]})["y"].values.tolist() == [1.0, 2.0]


def test_backend_options_are_checked():
    s = Sweep(poly, grid={"a": [1.0]})
    with pytest.raises(InputError, match="backend must be one of inprocess, processes, dask, got 'threads'"):
        s.run(backend="threads")
    with pytest.raises(InputError, match="scheduler must be an address such as 'tcp://"):
        s.run(scheduler="localhost")
    with pytest.raises(InputError, match="workers must be an integer >= 1, got 0"):
        s.run(backend="processes", workers=0)
    with pytest.raises(InputError, match="needs backend='dask'"):
        s.run(backend="processes", scheduler="tcp://127.0.0.1:1")


# --- stores: written as chunks finish, resumed after an interruption -----------------------------------
@pytest.mark.parametrize("suffix", [".nc", ".zarr"])
def test_interrupted_sweep_resumes_without_recomputing(tmp_path, suffix):
    log = tmp_path / "evaluated.txt"
    s = Sweep(logged_double, grid={"x": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]}, fixed={"log": str(log)}, chunks=1)
    store = tmp_path / f"sweep{suffix}"
    seen = []

    def stop_after_two(done, total):
        seen.append(done)
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        s.run(store=store, progress=stop_after_two)
    assert _logged(log) == [1.0, 2.0]
    ds = s.run(store=store, progress=lambda d, t: seen.append(d))
    assert _logged(log) == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]  # each point once: finished chunks were skipped
    assert (s.report.computed, s.report.skipped) == (4, 2) and seen[-5:] == [2, 3, 4, 5, 6]
    np.testing.assert_array_equal(ds["y"].values, [2.0, 4.0, 6.0, 8.0, 10.0, 12.0])
    log.unlink()
    again = s.run(store=store)  # complete: read back, nothing computed
    assert not log.exists() and s.report.computed == 0
    xr.testing.assert_identical(again, ds)
    assert json.loads((tmp_path / f"sweep{suffix}.sweep" / "manifest.json").read_text())["status"] == "complete"


def test_a_crash_keeps_the_finished_chunks(tmp_path):
    log, flag = tmp_path / "evaluated.txt", tmp_path / "crash"
    flag.touch()
    s = Sweep(fails_while_flag, grid={"x": [1.0, 2.0, 3.0, 4.0]}, fixed={"log": str(log), "flag": str(flag)}, chunks=1)
    with pytest.raises(SweepError, match=r"target 'fails_while_flag' failed at x=3\.0: RuntimeError: simulated crash"):
        s.run(store=tmp_path / "s.nc")
    assert _logged(log) == [1.0, 2.0]
    assert sorted(p.name for p in (tmp_path / "s.nc.sweep").glob("chunk_*.nc")) == ["chunk_000000.nc",
                                                                                    "chunk_000001.nc"]
    flag.unlink()
    ds = s.run(store=tmp_path / "s.nc")
    assert _logged(log) == [1.0, 2.0, 3.0, 4.0]
    assert ds["y"].values.tolist() == [2.0, 4.0, 6.0, 8.0]


def test_deleted_chunk_files_are_recomputed_and_nothing_else(tmp_path):
    log = tmp_path / "evaluated.txt"
    s = Sweep(logged_double, grid={"x": [1.0, 2.0, 3.0, 4.0]}, fixed={"log": str(log)}, chunks=1)

    def stop(done, total):
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        s.run(store=tmp_path / "s.nc", progress=stop)
    (tmp_path / "s.nc.sweep" / "chunk_000001.nc").unlink()
    log.unlink()
    s.run(store=tmp_path / "s.nc")
    assert _logged(log) == [2.0, 4.0]


def test_a_track_ensemble_resumes_on_another_backend(tmp_path, in_process_results, process_pool):
    s = _track_sweep()

    def stop(done, total):
        if done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        s.run(store=tmp_path / "t.nc", progress=stop)
    ds = s.run(store=tmp_path / "t.nc", executor=process_pool)
    assert (s.report.computed, s.report.skipped) == (4, 2)
    xr.testing.assert_identical(ds, in_process_results["track"])
    on_disk = xr.open_dataset(tmp_path / "t.nc", engine="scipy").load()
    np.testing.assert_array_equal(on_disk["final_position"].values, ds["final_position"].values)
    assert on_disk["final_position"].attrs["units"] == "m"


def test_a_store_of_another_sweep_is_refused(tmp_path):
    Sweep(poly, grid={"a": [1.0, 2.0]}).run(store=tmp_path / "s.nc")
    with pytest.raises(InputError, match=r"holds the results of another sweep \(grid\.a differ\).*overwrite=True"):
        Sweep(poly, grid={"a": [1.0, 3.0]}).run(store=tmp_path / "s.nc")
    ds = Sweep(poly, grid={"a": [1.0, 3.0]}).run(store=tmp_path / "s.nc", overwrite=True)
    assert ds["s"].values.tolist() == [2.0, 4.0]
    (tmp_path / "other.nc").write_text("not ours")
    with pytest.raises(InputError, match="exists but was not written by a sweep"):
        Sweep(poly, grid={"a": [1.0]}).run(store=tmp_path / "other.nc")
    with pytest.raises(InputError, match=r"store must be a path ending in \.nc or \.zarr, got '.*out\.csv'"):
        Sweep(poly, grid={"a": [1.0]}).run(store=tmp_path / "out.csv")


# --- definitions and sweep files that are wrong ---------------------------------------------------------
@pytest.mark.parametrize("kwargs, message", [
    (dict(target="forse", grid={"diameter": [1e-6]}), r"unknown sweep target 'forse'; closest: force"),
    (dict(target="force", grid={"size": [1e-6]}), r"grid\.size: target 'force' has no parameter 'size'.*Allowed: diameter"),
    (dict(target="force", grid={"diameter": ["200 kg"]}), r"grid\.diameter\[0\]: '200 kg' has dimension \[mass\], expected a length"),
    (dict(target="force", grid={"diameter": ["1 um", "-2 um"]}), r"grid\.diameter\[1\] must be > 0 m, got -2e-06 m"),
    (dict(target="force", grid={"diameter": "1 um"}), r"grid\.diameter must be a list of values or a range"),
    (dict(target="force", grid={"diameter": [1e-6, 1e-6]}), r"grid\.diameter has the repeated value 1e-06"),
    (dict(target="force", grid={"diameter": [1e-6]}, fixed={"diameter": 1e-6}), r"'diameter' is given in both fixed and grid"),
    (dict(target="force", grid={"gas": ["air"]}), r"target 'force' needs the parameter 'diameter'"),
    (dict(target="force", points={"diameter": [1e-6, 2e-6], "pressure": [1e5]}), r"points: every list must have the same length, got diameter: 2, pressure: 1"),
    (dict(target="force", grid={"diameter": {"start": 1e-8, "stop": 1e-6}}), r"grid\.diameter: a range needs start, stop and num, missing num"),
    (dict(target="force", grid={"diameter": {"start": 1e-8, "stop": 1e-6, "num": 3, "spacing": "ln"}}), r"grid\.diameter\.spacing must be 'linear' or 'log', got 'ln'"),
    (dict(target="force", grid={"diameter": [1e-6]}, seed=3), r"seed applies to stochastic targets"),
    (dict(target="track", grid={"particles": [10, 20]}, fixed={"diameter": 1e-6, "dt": 1e-3, "steps": 3}), r"grid\.particles: the ensemble size cannot be swept"),
    (dict(target="track", grid={"diameter": [1e-6]}, fixed={"particles": 10, "dt": 1e-3, "steps": 3, "seed": 1}), r"fixed\.seed: give the seed of a sweep as seed="),
    (dict(target="track", grid={"diameter": [1e-6]}, fixed={"particles": 10, "dt": 1e-3, "steps": 3, "field": "box"}), r"fixed\.field must be one of 'uniform', 'plates', 'stagnation', 'tube', 'grid', got 'box'"),
    (dict(target="force", grid={"diameter": [1e-6]}, chunks={"gas": 2}), r"chunks\.gas: not a dimension of this sweep; allowed: diameter"),
    (dict(target="force", grid={"diameter": [1e-6]}, chunks=0), r"chunks must be an integer >= 1 or a mapping"),
    (dict(target="force", fixed={"diameter": 1e-6}), r"nothing to sweep"),
])
def test_bad_definitions_name_the_entry_the_value_and_what_is_allowed(kwargs, message):
    kwargs = dict(kwargs)
    with pytest.raises(InputError, match=message):
        Sweep(kwargs.pop("target"), **kwargs)


def test_a_bad_value_at_a_point_names_the_point():
    with pytest.raises(InputError, match=r"target 'force' at diameter in \[1e-07, 1e-06\] \(2 points\), gas='Kr2': "
                                         r"unknown .*'Kr2'"):
        sweep("force", grid={"gas": ["air", "Kr2"], "diameter": ["100 nm", "1 um"]})
    with pytest.raises(InputError, match=r"target 'track' at diameter=1e-06, particles 0\.\.9: unknown model 'tallbot'"):
        sweep("track", grid={"diameter": ["1 um"]}, fixed={"particles": 10, "dt": 1e-3, "steps": 2, "model": "tallbot"})


GOOD = """
[sweep]
target = "force"
chunks = 4

[fixed]
grad_T = "1e4 K/m"

[grid]
diameter = ["100 nm", "1 um"]
pressure = ["100 Pa", "1 atm"]

[output]
store = "force.nc"
plot = "force.png"

[plot]
kind = "line"
variable = "force"
x = "diameter"
hue = "pressure"
"""


@pytest.mark.parametrize("edit, message", [
    (("[grid]", "[grids]"), r"unknown section \[grids\] \(did you mean grid\b.*\); allowed: sweep, fixed, grid, points"),
    (('chunks = 4', 'chunk = 4'), r"unknown entry sweep\.chunk \(did you mean chunks\?\); allowed: target, seed"),
    (('target = "force"', ''), r"missing required entry sweep\.target \(one of: force, tube, wafer, precipitator, track, dsmc\)"),
    (('target = "force"', 'target = "forces"'), r"sweep\.target: unknown sweep target 'forces'; closest: force"),
    (('diameter = ["100 nm", "1 um"]', 'diameter = ["100 nm", "1 kg"]'), r"grid\.diameter\[1\]: '1 kg' has dimension \[mass\], expected a length"),
    (('diameter = ["100 nm", "1 um"]', 'size = ["100 nm"]'), r"grid\.size: target 'force' has no parameter 'size'"),
    (('chunks = 4', 'chunks = "4"'), r"sweep\.chunks must be an integer \(points per chunk\) or a table"),
    (('chunks = 4', 'chunks = { gas = 2 }'), r"sweep\.chunks\.gas: not a dimension of this sweep; allowed: diameter, pressure"),
    (('chunks = 4', 'seed = 3'), r"sweep\.seed: target 'force' is not stochastic.*stochastic targets: track, dsmc"),
    (('x = "diameter"', 'x = "diametre"'), r"plot\.x: 'diametre' is not a dimension of this sweep \(did you mean diameter\?\)"),
    (('variable = "force"', 'variable = "forse"'), r"plot\.variable: target 'force' has no output 'forse' \(did you mean force\?\)"),
    (('kind = "line"', 'kind = "surface"'), r"plot\.kind must be one of line, map, got 'surface'"),
    (('store = "force.nc"', 'store = "force.csv"'), r"output\.store must be a path ending in \.nc or \.zarr, got 'force\.csv'"),
    (('[output]', '[execution]\nbackend = "gpu"\n[output]'), r"execution\.backend must be one of inprocess, processes, dask, got 'gpu'"),
    (('[output]', '[execution]\nscheduler = "my-cluster"\n[output]'), r"\[execution\]: scheduler must be an address such as 'tcp://"),
    (('[output]', '[execution]\nworkers = 0\n[output]'), r"execution\.workers must be an integer >= 1, got 0"),
    (('grad_T = "1e4 K/m"', 'grad_T = "1e4 K/m'), r"is not valid TOML"),
])
def test_bad_sweep_files_fail_with_clear_messages(edit, message, tmp_path):
    text = GOOD.replace(*edit)
    assert text != GOOD
    with pytest.raises(InputError, match=message):
        parse(text, tmp_path)


def test_plots_may_use_coordinates_the_target_returns(tmp_path):
    text = """
[sweep]
target = "dsmc"
seed = 3
[fixed]
n_cells = 8
[grid]
knudsen = [0.1, 1.0]
[plot]
variable = "temperature"
x = "z_over_gap"
hue = "knudsen"
"""
    assert parse(text, tmp_path).plot["x"] == "z_over_gap"
    with pytest.raises(InputError, match=r"plot\.x: 'z_over_cap' is not a dimension of this sweep \(did you mean "
                                         r"z_over_gap\?\); allowed: knudsen, cell, z_over_gap"):
        parse(text.replace('x = "z_over_gap"', 'x = "z_over_cap"'), tmp_path)


def test_example_sweep_files_are_valid():
    force = load_sweep_file(EXAMPLES / "sweep_force.toml")
    assert force.sweep.dims == {"gas": 5, "pressure": 5, "diameter": 31}
    assert force.store == EXAMPLES / "sweep_force.nc"
    track = load_sweep_file(EXAMPLES / "sweep_track.toml")
    assert track.sweep.dims == {"diameter": 2, "mean_velocity": 3, "particle": 20000}
    assert track.sweep.n_chunks == 2 * 3 * 4 and track.sweep.seed == 42


# --- the CLI command -----------------------------------------------------------------------------------
@pytest.fixture()
def cli_app():
    typer = pytest.importorskip("typer")
    from thermophoresis._cli_sweep import register

    app = typer.Typer()

    @app.callback()
    def _root():
        """A tiny app with only the sweep command."""

    register(app)
    return app


def test_cli_sweep_runs_resumes_and_plots(cli_app, tmp_path):
    pytest.importorskip("matplotlib")
    from typer.testing import CliRunner

    (tmp_path / "force.toml").write_text(GOOD)
    runner = CliRunner()
    r = runner.invoke(cli_app, ["sweep", str(tmp_path / "force.toml"), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["dims"] == {"diameter": 2, "pressure": 2} and d["chunks"] == 1 and d["chunks_computed"] == 1
    assert d["coordinates"]["pressure"] == {"units": "Pa", "values": [100.0, 101325.0]}
    assert d["variables"]["force"]["units"] == "N" and d["variables"]["force"]["max"] < 0
    assert (tmp_path / "force.nc").exists() and (tmp_path / "force.png").stat().st_size > 0
    r = runner.invoke(cli_app, ["sweep", str(tmp_path / "force.toml"), "--json", "--output", str(tmp_path / "b.zarr"),
                                "--workers", "2", "--plot", str(tmp_path / "b.png")])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["backend"] == "processes" and d["store"].endswith("b.zarr") and d["plot"].endswith("b.png")
    r = runner.invoke(cli_app, ["sweep", str(tmp_path / "force.toml"), "--json"])
    assert json.loads(r.stdout)["chunks_skipped"] == 1  # the store is complete: nothing recomputed
    on_disk = xr.open_dataset(tmp_path / "force.nc", engine="scipy")
    assert on_disk["force"].attrs["units"] == "N"
    on_disk.close()


def test_cli_sweep_on_a_dask_scheduler(cli_app, tmp_path, dask_cluster):
    from typer.testing import CliRunner

    _, address = dask_cluster
    (tmp_path / "force.toml").write_text(GOOD.replace('plot = "force.png"', ""))
    r = CliRunner().invoke(cli_app, ["sweep", str(tmp_path / "force.toml"), "--json", "--scheduler", address,
                                     "--output", str(tmp_path / "d.zarr")])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["backend"] == "dask" and d["workers"] == 2 and d["chunks_computed"] == 1
    local = load_sweep_file(tmp_path / "force.toml").sweep.run()
    on_disk = xr.open_zarr(tmp_path / "d.zarr", consolidated=False).load()
    np.testing.assert_array_equal(on_disk["force"].values, local["force"].values)


def test_cli_sweep_bad_input_exits_2_naming_the_entry(cli_app, tmp_path):
    from typer.testing import CliRunner

    (tmp_path / "bad.toml").write_text(GOOD.replace('"1 um"', '"1 kg"'))
    r = CliRunner().invoke(cli_app, ["sweep", str(tmp_path / "bad.toml")])
    assert r.exit_code == 2
    assert "grid.diameter[1]: '1 kg' has dimension [mass], expected a length" in r.output
    r = CliRunner().invoke(cli_app, ["sweep", str(tmp_path / "missing.toml")])
    assert r.exit_code == 2 and "not found" in r.output
    (tmp_path / "good.toml").write_text(GOOD)
    r = CliRunner().invoke(cli_app, ["sweep", str(tmp_path / "good.toml"), "--backend", "threads"])
    assert r.exit_code == 2 and "backend must be one of inprocess, processes, dask, got 'threads'" in r.output


# --- plots ---------------------------------------------------------------------------------------------
def test_line_and_map_plots_by_dimension_names(in_process_results):
    pytest.importorskip("matplotlib")
    ds = in_process_results["force"]
    fig = line_plot(ds, "force", x="diameter", hue="gas")
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"  # three decades; |force| of one sign
    assert ax.get_xlabel() == "diameter [m]" and ax.get_ylabel() == "|force| [N]" and len(ax.get_lines()) == 2
    fig = map_plot(ds, "thermophoretic_coefficient", x="diameter", y="gas")
    assert fig.axes[0].get_xscale() == "log" and len(fig.axes) == 2  # the map and its colour bar
    with pytest.raises(InputError, match=r"plotting 'force' leaves 'gas' \(2 values\) unselected"):
        line_plot(ds, "force", x="diameter")
    fig = line_plot(ds, "force", x="diameter", select={"gas": "He"})
    y = fig.axes[0].get_lines()[0].get_ydata()
    np.testing.assert_array_equal(y, np.abs(ds["force"].sel(gas="He").values))
    with pytest.raises(InputError, match=r"variable 'forse' is not in the sweep \(did you mean force"):
        line_plot(ds, "forse", x="diameter")


def test_plot_selects_with_units_and_along_a_list_of_points():
    pytest.importorskip("matplotlib")
    ds = sweep(poly, grid={"a": [1.0, 2.0, 3.0]}, points={"b": [10.0, 20.0]})
    fig = line_plot(ds, "s", x="a", select={"b": 20.0})
    np.testing.assert_array_equal(fig.axes[0].get_lines()[0].get_ydata(), [21.0, 22.0, 23.0])
    fig = line_plot(ds, "s", x="b", hue="a")
    np.testing.assert_array_equal(fig.axes[0].get_lines()[0].get_xdata(), [10.0, 20.0])
    forces = sweep("force", grid={"diameter": ["100 nm", "1 um"], "pressure": ["1 kPa", "1 atm"]})
    fig = line_plot(forces, "velocity", x="diameter", select={"pressure": "1 atm"})
    np.testing.assert_array_equal(fig.axes[0].get_lines()[0].get_ydata(),
                                  forces["velocity"].sel(pressure=101325.0).values)
    assert "pressure = 1.013e+05 Pa" in fig.axes[0].get_title()


def test_sweep_command_on_the_real_app(tmp_path):
    import json as _json

    from typer.testing import CliRunner

    from thermophoresis.cli import app

    cfg = tmp_path / "s.toml"
    cfg.write_text('[sweep]\ntarget = "force"\n\n[fixed]\nmaterial = "psl"\ngrad_T = "1e4 K/m"\n\n'
                   '[grid]\ngas = ["air", "He"]\ndiameter = ["100 nm", "1 um"]\n')
    r = CliRunner().invoke(app, ["sweep", str(cfg), "--output", str(tmp_path / "s.nc"), "--json"])
    assert r.exit_code == 0, r.output
    assert _json.loads(r.stdout)
    assert (tmp_path / "s.nc").exists()
    bad = tmp_path / "bad.toml"
    bad.write_text('[sweep]\ntarget = "forse"\n')
    r = CliRunner().invoke(app, ["sweep", str(bad)])
    assert r.exit_code == 2 and "force" in r.output


def test_string_outputs_keep_their_full_width_and_seeds_do_not_depend_on_number_types(tmp_path):
    from thermophoresis.exceptions import InputError
    from thermophoresis.sweep import Sweep
    from thermophoresis.sweep.spec import derive_seed

    def label(x):
        return {"label": "a" * int(x)}

    for store in (None, tmp_path / "s.nc"):
        ds = Sweep(label, grid={"x": [1, 5, 3]}, chunks=1).run(store=store)
        assert list(ds["label"].values) == ["a", "aaaaa", "aaa"]
    assert derive_seed(7, {"x": 1}, 63) == derive_seed(7, {"x": 1.0}, 63) == derive_seed(7, {"x": np.int64(1)}, 63)
    with pytest.raises(InputError, match="more than once"):
        Sweep(label, points={"x": [1, 2, 1]})


def test_the_documented_sweep_file_parses(tmp_path):
    from thermophoresis.sweep import config, load

    text = config.__doc__.split("::\n\n", 1)[1]
    text = "\n".join(line[4:] for line in text.splitlines())
    f = tmp_path / "force.toml"
    f.write_text(text)
    sf = load(f)
    assert sf.execution["backend"] == "processes" and sf.execution["workers"] == 2
