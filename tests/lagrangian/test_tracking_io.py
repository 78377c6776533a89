"""Tracking output written as the run goes, resume after an interruption, scenario files and the CLI."""

import json
import pathlib

import numpy as np
import pytest

from thermophoresis import Gas, InputError, Particle
from thermophoresis.lagrangian import ProfileZ, Tracker
from thermophoresis.lagrangian.scenario import load, parse

xr = pytest.importorskip("xarray")

EXAMPLE = pathlib.Path(__file__).parents[2] / "examples" / "precipitator.toml"


def _tracker():
    field = ProfileZ.plates(5e-3, t_bottom=293.15, t_top=313.15, flow="poiseuille", mean_velocity=0.05)
    return Tracker(Particle("1 um", "psl"), Gas("air"), field, dt=0.05, inertial=False, gravity=False,
                   walls=(0.0, 5e-3), seed=42)


def _start(n=150):
    return np.column_stack([np.zeros(n), np.zeros(n), np.linspace(1e-4, 4.9e-3, n)])


def test_segmented_run_equals_single_run(tmp_path):
    tr = _tracker()
    ds = tr.run_to_netcdf(tmp_path / "run", _start(), 800, chunk_steps=200, sample_every=40)
    one = tr.run(_start(), 800, sample_every=40)
    np.testing.assert_array_equal(ds["position"].values, one.samples)
    np.testing.assert_array_equal(ds["event_wall"].values, one.event_wall)
    np.testing.assert_array_equal(ds["event_time"].values, one.event_time)
    on_disk = xr.open_dataset(tmp_path / "run" / "result.nc", engine="scipy").load()
    np.testing.assert_array_equal(on_disk["final_position"].values, one.positions)
    assert len(list((tmp_path / "run").glob("segment_*.nc"))) == 4


def test_interrupted_run_resumes_where_it_stopped(tmp_path):
    tr = _tracker()
    calls = []

    def stop_after_two(done, total):
        calls.append(done)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        tr.run_to_netcdf(tmp_path / "run", _start(), 800, chunk_steps=200, sample_every=40, progress=stop_after_two)
    state = xr.open_dataset(tmp_path / "run" / "state.nc", engine="scipy")
    assert int(state.attrs["step"]) == 400  # two finished segments survived the interruption
    state.close()
    resumed_calls = []
    ds = tr.run_to_netcdf(tmp_path / "run", _start(), 800, chunk_steps=200, sample_every=40,
                          progress=lambda d, t: resumed_calls.append(d))
    assert resumed_calls == [600, 800]  # finished segments are not recomputed
    one = tr.run(_start(), 800, sample_every=40)
    np.testing.assert_array_equal(ds["position"].values, one.samples)
    np.testing.assert_array_equal(ds["event_position"].values, one.event_position)
    # a state from a different run is refused
    with pytest.raises(InputError, match="belongs to a different run"):
        tr.run_to_netcdf(tmp_path / "run", _start(), 900, chunk_steps=300)


def test_example_scenario_loads_and_runs(tmp_path):
    sc = load(EXAMPLE)
    assert sc.start.shape == (500, 3) and sc.steps == 2000 and sc.tracker.dt == pytest.approx(0.05)
    assert sc.tracker.walls == (0.0, pytest.approx(5e-3))


@pytest.mark.parametrize("text, pattern", [
    ("[gass]\ncomposition = 'air'", r"unknown section \[gass\]"),
    ("[particle]\ndiameter = '1 um'\ncolour = 'red'", r"unknown entry particle.colour"),
    ("[particle]\ndiameter = '1 kg'", r"particle.diameter: '1 kg' has dimension \[mass\]"),
    ("[particle]\ndiameter = '1 um'\n[field]\ntype='plates'\n[start]\ncount=10\n[run]\ndt='1 ms'", "missing required entry run.steps"),
    ("[run]\nsteps = 'many'", r"run.steps must be an integer"),
    ("[walls]\nz = '1 mm'", r"walls.z must be a list"),
    ("not toml = = =", r"not valid TOML"),
])
def test_bad_scenarios_name_the_entry(text, pattern):
    with pytest.raises(InputError, match=pattern):
        parse(text)


def test_track_cli(tmp_path):
    from typer.testing import CliRunner

    from thermophoresis.cli import app

    text = EXAMPLE.read_text().replace("count = 500", "count = 60").replace("steps = 2000", "steps = 400")
    text = text.replace("chunk_steps = 500", "chunk_steps = 100")
    scenario = tmp_path / "p.toml"
    scenario.write_text(text)
    r = CliRunner().invoke(app, ["track", str(scenario), "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["particles"] == 60 and abs(sum(d[k] for k in d if k.startswith("fraction")) - 1) < 1e-12
    assert (tmp_path / "precipitator_run" / "result.nc").exists()
    if d["plot"]:
        assert pathlib.Path(d["plot"]).exists() or pytest.importorskip("matplotlib") is None
    bad = tmp_path / "bad.toml"
    bad.write_text("[particle]\ndiameter = '-1 um'\n[field]\ntype='plates'\n[start]\ncount=1\n[run]\ndt='1 ms'\nsteps=1")
    r = CliRunner().invoke(app, ["track", str(bad)])
    assert r.exit_code == 2 and "diameter must be" in r.stderr
    r = CliRunner().invoke(app, ["track", str(tmp_path / "missing.toml")])
    assert r.exit_code == 2 and "not found" in r.stderr


def test_resume_refuses_a_different_run(tmp_path):
    tr = _tracker()
    tr.run_to_netcdf(tmp_path / "run", _start(20), 200, chunk_steps=100, sample_every=50)
    other = Tracker(Particle("1 um", "psl"), Gas("air"), tr.field, dt=0.05, inertial=False, gravity=False,
                    walls=(0.0, 5e-3), seed=43)
    with pytest.raises(InputError, match="seed"):
        other.run_to_netcdf(tmp_path / "run", _start(20), 200, chunk_steps=100, sample_every=50)


def test_scenario_sample_every_must_be_positive():
    text = EXAMPLE.read_text().replace("sample_every = 20", "sample_every = 0")
    from thermophoresis.lagrangian.scenario import build

    with pytest.raises(InputError, match="run.sample_every must be >= 1"):
        build(parse(text), pathlib.Path("."))
