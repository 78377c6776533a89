"""Resume fingerprint of the tracker (issue 15.1): a saved run is continued only by the very same inputs.

Each case edits one input that changes the result and checks that the rerun in the same directory is
refused with a message naming that input; ``overwrite=True`` recomputes the new run instead (its result
equals a fresh run and differs from the old one).
"""

import pathlib
import shutil

import numpy as np
import pytest

from thermophoresis import Gas, InputError, Particle
from thermophoresis.lagrangian import ProfileZ, Tracker
from thermophoresis.lagrangian.scenario import load

xr = pytest.importorskip("xarray")

EXAMPLE = pathlib.Path(__file__).parents[2] / "examples" / "precipitator.toml"
N, STEPS, CHUNK, EVERY = 24, 60, 30, 10


def _field(t_top=313.15, u=0.05, flow="poiseuille"):
    return ProfileZ.plates(5e-3, t_bottom=293.15, t_top=t_top, flow=flow, mean_velocity=u)


KW = dict(dt=0.05, inertial=False, gravity=False, walls=(0.0, 5e-3), seed=42)


def _make(particle=None, gas=None, field=None, **kw):
    args = {**KW, **kw}
    return Tracker(particle or Particle("1 um", "psl"), gas or Gas("air"), field or _field(), **args)


def _start(n=N):
    return np.column_stack([np.zeros(n), np.zeros(n), np.linspace(1e-4, 4.9e-3, n)])


# (name of the input in the refusal, how the new run differs: tracker kwargs, run kwargs)
CASES = [
    ("gas", dict(gas=Gas("Ar")), {}),
    ("gas", dict(gas=Gas("air", pressure=5e4)), {}),
    ("gas", dict(gas=Gas("air", temperature=350.0)), {}),
    ("particle", dict(particle=Particle("1.1 um", "psl")), {}),
    ("particle", dict(particle=Particle("1 um", density=1100.0, conductivity=0.14)), {}),
    ("particle", dict(particle=Particle("1 um", "psl", conductivity=1.0)), {}),
    ("particle", dict(particle=Particle("1 um", "psl", energy_accommodation=0.8)), {}),
    ("particle", dict(particle=Particle("1 um", "psl", momentum_accommodation=0.7)), {}),
    ("field", dict(field=_field(t_top=393.15)), {}),
    ("field", dict(field=_field(u=0.06)), {}),
    ("field", dict(field=_field(flow="plug")), {}),
    ("walls", dict(walls=(0.0, 5.1e-3)), {}),
    ("x_exit", dict(x_exit=0.2), {}),
    ("tube_radius", dict(tube_radius=1.0), {}),
    ("wall_mode", dict(wall_mode="reflect"), {}),
    ("gravity", dict(gravity=True), {}),
    ("force", dict(force=(0.0, 0.0, 1e-16)), {}),
    ("dt", dict(dt=0.04), {}),
    ("integrator", dict(inertial=True), {}),
    ("brownian", dict(brownian=False), {}),
    ("model", dict(model="epstein"), {}),
    ("slip", dict(slip="davies_1945"), {}),
    ("temperature_range", dict(temperature_range=(280.0, 330.0)), {}),
    ("seed", dict(seed=43), {}),
    ("n_steps", {}, dict(n_steps=STEPS + 30)),
    ("start_positions", {}, dict(positions="shift_one")),
    ("start_velocities", {}, dict(velocities="given")),
    ("sample_every", {}, dict(sample_every=15)),
]


@pytest.fixture(scope="module")
def saved_run(tmp_path_factory):
    d = tmp_path_factory.mktemp("fp") / "run"
    _make().run_to_netcdf(d, _start(), STEPS, chunk_steps=CHUNK, sample_every=EVERY)
    return d


def _run_args(run_kw):
    pos = _start()
    vel = None
    if run_kw.get("positions") == "shift_one":
        pos[7, 2] += 1e-9  # one coordinate of one particle, by a nanometre
    if run_kw.get("velocities") == "given":
        vel = np.zeros_like(pos)
    return pos, run_kw.get("n_steps", STEPS), vel, run_kw.get("sample_every", EVERY)


@pytest.mark.parametrize("name, tracker_kw, run_kw", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_changed_input_is_refused(saved_run, tmp_path, name, tracker_kw, run_kw):
    d = tmp_path / "run"
    shutil.copytree(saved_run, d)
    tr = _make(**tracker_kw)
    pos, n_steps, vel, every = _run_args(run_kw)
    before = xr.open_dataset(d / "result.nc", engine="scipy").load()
    with pytest.raises(InputError, match=rf"belongs to a different run: .*\b{name}\b.* differ"):
        tr.run_to_netcdf(d, pos, n_steps, chunk_steps=CHUNK if every != 15 else 30, sample_every=every,
                         velocities=vel)
    # nothing of the saved run was touched
    after = xr.open_dataset(d / "result.nc", engine="scipy").load()
    assert after.identical(before)


def test_same_inputs_resume_without_recomputing(saved_run, tmp_path):
    d = tmp_path / "run"
    shutil.copytree(saved_run, d)
    calls = []
    ds = _make().run_to_netcdf(d, _start(), STEPS, chunk_steps=CHUNK, sample_every=EVERY,
                               progress=lambda done, total: calls.append(done))
    assert calls == []
    np.testing.assert_array_equal(ds["final_position"].values, _make().run(_start(), STEPS).positions)


def test_refusal_names_only_what_differs(saved_run, tmp_path):
    d = tmp_path / "run"
    shutil.copytree(saved_run, d)
    with pytest.raises(InputError) as info:
        _make(field=_field(u=0.06), seed=7).run_to_netcdf(d, _start(), STEPS, chunk_steps=CHUNK,
                                                                 sample_every=EVERY)
    msg = str(info.value)
    differ = msg.split("different run: ")[1].split(" differ")[0].split(", ")
    assert sorted(differ) == ["field", "seed"]


@pytest.mark.parametrize("tracker_kw", [dict(field=_field(t_top=393.15)), dict(gas=Gas("air", pressure=2e4)),
                                        dict(particle=Particle("1 um", "psl", conductivity=1.0))])
def test_overwrite_recomputes_the_new_run(saved_run, tmp_path, tracker_kw):
    d = tmp_path / "run"
    shutil.copytree(saved_run, d)
    old = xr.open_dataset(d / "result.nc", engine="scipy").load()
    tr = _make(**tracker_kw)
    ds = tr.run_to_netcdf(d, _start(), STEPS, chunk_steps=CHUNK, sample_every=EVERY, overwrite=True)
    fresh = tr.run_to_netcdf(tmp_path / "fresh", _start(), STEPS, chunk_steps=CHUNK, sample_every=EVERY)
    np.testing.assert_array_equal(ds["position"].values, fresh["position"].values)
    np.testing.assert_array_equal(ds["final_position"].values, fresh["final_position"].values)
    assert not np.array_equal(ds["final_position"].values, old["final_position"].values)
    assert len(list(d.glob("segment_*.nc"))) == STEPS // CHUNK


def test_state_without_fingerprint_is_refused(saved_run, tmp_path):
    d = tmp_path / "run"
    shutil.copytree(saved_run, d)
    st = xr.open_dataset(d / "state.nc", engine="scipy").load()
    st.attrs = {"step": st.attrs["step"], "seed": 42}  # a state file of the old format
    st.to_netcdf(d / "state.nc", engine="scipy")
    with pytest.raises(InputError, match="older version without a fingerprint"):
        _make().run_to_netcdf(d, _start(), STEPS, chunk_steps=CHUNK, sample_every=EVERY)


def test_precipitator_example_edited_t_top_is_not_served_from_the_old_run(tmp_path):
    """The issue's case: change t_top 313.15 -> 393.15 K in examples/precipitator.toml and rerun."""
    text = EXAMPLE.read_text().replace("count = 500", "count = 40").replace("steps = 2000", "steps = 200")
    text = text.replace("chunk_steps = 500", "chunk_steps = 100")
    f = tmp_path / "p.toml"
    f.write_text(text)
    sc = load(f)
    first = sc.tracker.run_to_netcdf(sc.directory, sc.start, sc.steps, chunk_steps=sc.chunk_steps,
                                     sample_every=sc.sample_every)
    f.write_text(text.replace('t_top = "313.15 K"', 't_top = "393.15 K"'))
    hot = load(f)
    with pytest.raises(InputError, match=r"different run: field, temperature_range differ"):
        hot.tracker.run_to_netcdf(hot.directory, hot.start, hot.steps, chunk_steps=hot.chunk_steps,
                                  sample_every=hot.sample_every)
    f.write_text(text.replace('t_top = "313.15 K"', 't_top = "393.15 K"').replace(
                     'directory = "precipitator_run"', 'directory = "precipitator_run"\noverwrite = true'))
    hot = load(f)
    assert hot.overwrite
    again = hot.tracker.run_to_netcdf(hot.directory, hot.start, hot.steps, chunk_steps=hot.chunk_steps,
                                      sample_every=hot.sample_every, overwrite=hot.overwrite)
    # a five-times larger temperature difference sends particles to the cold plate much faster
    assert np.mean(again["event_wall"].values == 1) > np.mean(first["event_wall"].values == 1)
    assert not np.array_equal(again["final_position"].values, first["final_position"].values)
