"""Fields on their own floor (thermophoresis.fields): the compiled evaluators against the analytic or
NumPy values, typed data built once, parameter tables (TOML and sweeps), and the event enum."""

import math
import pathlib

import numpy as np
import pytest
from scipy.special import erfc

from thermophoresis import Gas, InputError, Particle
from thermophoresis.fields import (FIELD_TYPES, GraetzTube, Grid3D, ProfileZ, StagnationPoint, UniformGradient,
                                   evaluate_points, field_at, field_from_dict)

RNG = np.random.default_rng(5)


def test_uniform_evaluator_is_the_linear_field():
    f = UniformGradient(300.0, gradient=(10.0, -20.0, 3e3), velocity=(0.1, 0.2, -0.3), origin=(1e-3, 0.0, -2e-3))
    pts = RNG.uniform(-1e-2, 1e-2, (50, 3))
    t, g, u = evaluate_points(f, pts)
    np.testing.assert_allclose(t, f.temperature_at(pts), rtol=1e-14)
    np.testing.assert_array_equal(g, np.broadcast_to([10.0, -20.0, 3e3], (50, 3)))
    np.testing.assert_array_equal(u, np.broadcast_to([0.1, 0.2, -0.3], (50, 3)))


def test_plates_profile_linear_temperature_and_poiseuille_velocity():
    h = 5e-3
    f = ProfileZ.plates(h, 290.0, 330.0, flow="poiseuille", mean_velocity=0.05)
    z = np.linspace(0.0, h, 37)
    t, g, u = evaluate_points(f, np.column_stack([np.zeros_like(z), np.zeros_like(z), z]))
    np.testing.assert_allclose(t / (290.0 + 40.0 * z / h), 1.0, rtol=1e-13, atol=0)
    np.testing.assert_allclose(g[:, 2] / (40.0 / h), 1.0, rtol=1e-9, atol=0)
    # the interpolated parabola is within the interpolation error of 6 U s(1-s) (grid 401 points)
    np.testing.assert_allclose(u[:, 0], 0.3 * (z / h) * (1 - z / h), rtol=0, atol=0.3 * (1 / 400) ** 2)
    # constant beyond the ends, with no gradient
    t_out, g_out, _ = evaluate_points(f, [[0.0, 0.0, -1e-3], [0.0, 0.0, 2 * h]])
    np.testing.assert_allclose(t_out, [290.0, 330.0], rtol=1e-15)
    assert np.all(g_out == 0.0)


def test_stagnation_evaluator_against_erfc_solution_and_its_derivative():
    f = StagnationPoint(strain_rate=200.0, t_wall=320.0, t_infinity=295.0, thermal_diffusivity=2.2e-5)
    z = np.linspace(0.0, 5 * f.thermal_layer_scale, 41)
    x = np.linspace(-1e-2, 1e-2, 41)
    t, g, u = evaluate_points(f, np.column_stack([x, np.zeros_like(z), z]))
    np.testing.assert_allclose(t, 295.0 + 25.0 * erfc(z / f.thermal_layer_scale), rtol=1e-14)
    k = 1 / f.thermal_layer_scale
    np.testing.assert_allclose(g[:, 2], -25.0 * 2 / math.sqrt(math.pi) * k * np.exp(-(k * z) ** 2), rtol=1e-13)
    np.testing.assert_allclose(u[:, 0], 200.0 * x, rtol=1e-15)
    np.testing.assert_allclose(u[:, 2], -200.0 * z, rtol=1e-15)


def test_tube_evaluator_matches_the_graetz_series():
    tube = GraetzTube(radius=1e-3, length=0.2, mean_velocity=0.2, t_inlet=400.0, t_wall=300.0,
                      thermal_diffusivity=2.2e-5)
    x = np.array([0.05, 0.1, 0.15])
    r = np.array([0.0, 0.3e-3, 0.6e-3])
    t_series, dtdr = tube.profiles(x, r)
    xx, rr = np.meshgrid(x, r, indexing="ij")
    angle = 0.7  # any direction around the axis
    pts = np.column_stack([xx.ravel(), rr.ravel() * np.cos(angle), rr.ravel() * np.sin(angle)])
    t, g, u = evaluate_points(tube, pts)
    # bilinear interpolation on the 401 x 101 table: well within 0.1 K of the series (100 K difference)
    np.testing.assert_allclose(t, t_series.ravel(), rtol=0, atol=0.1)
    g_r = g[:, 1] * np.cos(angle) + g[:, 2] * np.sin(angle)
    np.testing.assert_allclose(g_r, dtdr.ravel(), rtol=0, atol=0.02 * np.max(np.abs(dtdr)))
    np.testing.assert_allclose(u[:, 0], 2 * 0.2 * (1 - (rr.ravel() / 1e-3) ** 2), rtol=1e-12)


def test_grid3d_reproduces_a_linear_field_and_clamps_outside():
    x = np.linspace(0, 1e-2, 6)
    y = np.linspace(-1e-2, 1e-2, 5)
    z = np.linspace(0, 2e-2, 7)
    X, Y, Z = np.meshgrid(x, y, z, indexing="ij")
    temp = 300 + 1e3 * X - 200 * Y + 500 * Z
    vel = np.stack([0.1 + 0 * X, 2 * X, -Y], axis=-1)
    f = Grid3D(x, y, z, temp, vel)
    pts = np.column_stack([RNG.uniform(0, 1e-2, 40), RNG.uniform(-1e-2, 1e-2, 40), RNG.uniform(0, 2e-2, 40)])
    t, g, u = evaluate_points(f, pts)
    np.testing.assert_allclose(t, 300 + 1e3 * pts[:, 0] - 200 * pts[:, 1] + 500 * pts[:, 2], rtol=1e-13)
    np.testing.assert_allclose(g, np.broadcast_to([1e3, -200.0, 500.0], (40, 3)), rtol=1e-9)
    np.testing.assert_allclose(u[:, 1], 2 * pts[:, 0], rtol=1e-12)
    _, g_out, _ = evaluate_points(f, [[-1.0, 0.0, 1e-2]])
    assert g_out[0, 0] == 0.0 and g_out[0, 2] == pytest.approx(500.0, rel=1e-9)


def test_kernel_data_is_built_once_per_field():
    tube = GraetzTube(1e-3, 0.1, 0.2, 400.0, 300.0, 2.2e-5)
    assert tube.kernel_data is tube.kernel_data
    g = Grid3D(np.linspace(0, 1, 3), np.linspace(0, 1, 3), np.linspace(0, 1, 3), np.full((3, 3, 3), 300.0))
    data = g.kernel_data
    from thermophoresis.lagrangian import Tracker

    tr = Tracker(Particle("1 um", "psl"), Gas("air"), g, dt=1e-3, gravity=False, seed=1)
    tr.run(np.full((4, 3), 0.5), 5)
    tr.run(np.full((4, 3), 0.5), 5)
    assert g.kernel_data is data  # the tracker used the same arrays, not rebuilt ones


def test_graetz_eigen_solved_once_for_a_chunked_run(tmp_path, monkeypatch):
    from thermophoresis.fields import graetz
    from thermophoresis.lagrangian import Tracker

    graetz._graetz_eigen.cache_clear()
    tube = GraetzTube(1e-3, 0.05, 0.2, 400.0, 300.0, 2.2e-5, n_terms=12)
    tr = Tracker(Particle("1 um", "psl"), Gas("air"), tube, dt=1e-3, inertial=False, gravity=False, x_exit=0.05,
                 seed=1)
    start = np.column_stack([np.zeros(10), np.zeros(10), np.linspace(0, 0.8e-3, 10)])
    tr.run_to_netcdf(tmp_path / "run", start, 40, chunk_steps=10)
    assert graetz._graetz_eigen.cache_info().misses == 1


def test_field_at_refuses_data_of_unknown_type():
    with pytest.raises(KeyError):
        field_at((1.0, 2.0), 0.0, 0.0, 0.0)


# -- parameter tables --------------------------------------------------------------------------------------
def test_every_field_type_builds_from_its_parameter_table(tmp_path):
    xr = pytest.importorskip("xarray")
    gas = Gas("air")
    ds = xr.Dataset({"T": (("x", "y", "z"), np.full((3, 3, 3), 300.0))},
                    coords={"x": [0, 1e-3, 2e-3], "y": [0, 1e-3, 2e-3], "z": [0, 1e-3, 2e-3]})
    ds.to_netcdf(tmp_path / "g.nc")
    examples = {
        "uniform": {"temperature": "293.15 K", "gradient": ["0 K/m", "0 K/m", "1e4 K/m"]},
        "plates": {"gap": "5 mm", "t_bottom": "293.15 K", "t_top": "313.15 K", "flow": "plug",
                   "mean_velocity": "5 cm/s"},
        "profile": {"z": ["0 mm", "1 mm", "2 mm"], "temperatures": ["300 K", "310 K", "330 K"]},
        "stagnation": {"strain_rate": "100 1/s", "t_wall": "310 K", "t_infinity": "295 K"},
        "tube": {"radius": "1 mm", "length": "10 cm", "mean_velocity": "0.2 m/s", "t_inlet": "400 K",
                 "t_wall": "300 K", "thermal_diffusivity": "2.2e-5 m^2/s", "terms": 10},
        "grid": {"file": str(tmp_path / "g.nc")},
    }
    assert set(examples) == set(FIELD_TYPES)  # every registered type is exercised
    for name, params in examples.items():
        f = field_from_dict({"type": name, **params}, gas=gas)
        assert isinstance(f, FIELD_TYPES[name].cls)
        # the same field from SI numbers (what a sweep target passes)
    s = field_from_dict({"type": "stagnation", "strain_rate": 100.0, "t_wall": 310.0, "t_infinity": 295.0}, gas=gas)
    assert s.thermal_diffusivity / float(gas.with_state(temperature=295.0).thermal_diffusivity) == pytest.approx(1, rel=1e-12, abs=0)
    t = field_from_dict({"type": "tube", **examples["tube"]})
    assert t.thermal_diffusivity / 2.2e-5 == pytest.approx(1, rel=1e-12, abs=0)
    p = field_from_dict({"type": "plates", "gap": 5e-3, "t_bottom": 293.15, "t_top": 313.15})
    assert p.temperature[-1] == 313.15 and np.all(p.velocity_x == 0)


@pytest.mark.parametrize("params, pattern", [
    ({"gap": "5 mm"}, r"field.type is required; allowed: uniform, plates"),
    ({"type": "plate"}, r"field.type must be one of 'uniform', 'plates'"),
    ({"type": "plates", "gap": "5 mm", "t_bottom": "300 K"}, r"needs field.t_top"),
    ({"type": "plates", "gap": "5 mm", "t_bottom": "300 K", "t_top": "310 K", "colour": 1}, r"unknown entry field.colour"),
    ({"type": "plates", "gap": "5 kg", "t_bottom": "300 K", "t_top": "310 K"}, r"field.gap: '5 kg' has dimension"),
    ({"type": "plates", "gap": "5 mm", "t_bottom": "300 K", "t_top": "310 K", "flow": "swirl"}, r"field.flow must be one of"),
    ({"type": "uniform", "temperature": "300 K", "gradient": ["1 K/m"]}, r"field.gradient must have 3 components"),
    ({"type": "stagnation", "strain_rate": "1 1/s", "t_wall": "300 K", "t_infinity": "310 K"}, r"needs field.thermal_diffusivity"),
    ({"type": "tube", "radius": "1 mm", "length": "1 m", "mean_velocity": "1 m/s", "t_inlet": "300 K",
      "t_wall": "310 K", "thermal_diffusivity": "2 m"}, r"cannot read '2 m' as a diffusivity"),
    ({"type": "grid", "file": "no_such_file.nc"}, r"field file 'no_such_file.nc' not found"),
])
def test_bad_field_tables_name_the_entry(params, pattern):
    with pytest.raises(InputError, match=pattern):
        field_from_dict(params)


def test_every_field_type_reachable_from_a_toml_scenario(tmp_path):
    from thermophoresis.lagrangian.scenario import load

    common = ('[particle]\ndiameter = "1 um"\nmaterial = "psl"\n[start]\ncount = 4\n'
              '[run]\ndt = "1 ms"\nsteps = 4\ngravity = false\ninertial = false\n')
    fields = {
        "stagnation": ('[field]\ntype = "stagnation"\nstrain_rate = "100 1/s"\nt_wall = "310 K"\n'
                       't_infinity = "295 K"\n[start]\ntype = "point"\nposition = ["0 m", "0 m", "1 mm"]\n'),
        "tube": ('[field]\ntype = "tube"\nradius = "1 mm"\nlength = "5 cm"\nmean_velocity = "0.2 m/s"\n'
                 't_inlet = "400 K"\nt_wall = "300 K"\nterms = 10\n[walls]\nx_exit = "5 cm"\n'
                 '[start]\nz = ["0 mm", "0.5 mm"]\n'),
        "profile": ('[field]\ntype = "profile"\nz = ["0 mm", "1 mm", "2 mm"]\ntemperatures = ["300 K", "305 K", "310 K"]\n'
                    '[start]\nz = ["0.5 mm", "1.5 mm"]\n'),
    }
    for name, text in fields.items():
        # merge the two [start] tables into one
        body = common.replace("[start]\ncount = 4\n", "") + text.replace("[start]\n", "[start]\ncount = 4\n")
        f = tmp_path / f"{name}.toml"
        f.write_text(body)
        sc = load(f)
        assert isinstance(sc.tracker.field, FIELD_TYPES[name].cls)
        res = sc.tracker.run(sc.start, 4)
        assert np.all(np.isfinite(res.positions))
        if name == "tube":
            assert sc.tracker.tube_radius == 1e-3  # the tube wall comes with the tube field


# -- events --------------------------------------------------------------------------------------------------
def test_one_event_enum_for_kernels_results_and_files():
    from thermophoresis.lagrangian import Event, TrackResult, event_fractions
    from thermophoresis.lagrangian import kernels, tracker
    from thermophoresis.lagrangian.events import FLAG_VALUES

    assert [int(e) for e in Event] == [0, 1, 2, 3, 4]
    assert FLAG_VALUES == "0 none, 1 lower wall, 2 upper wall, 3 exit, 4 tube wall"
    assert (kernels.WALL_LOW, kernels.WALL_HIGH, kernels.WALL_EXIT, kernels.WALL_TUBE) == (1, 2, 3, 4)
    assert tracker.WALL_NAMES[Event.TUBE_WALL] == "tube wall"
    f = event_fractions(np.array([0, 4, 4, 1]))
    assert f["fraction_tube_wall"] == 0.5 and sum(f.values()) == 1.0
    n = 3
    r = TrackResult(np.zeros(0), np.empty((0, n, 3)), np.zeros((n, 3)), np.zeros((n, 3)), np.ones(n, bool),
                    np.arange(n), np.full(n, np.nan), np.array([0, 3, 4]), np.zeros((n, 3)), np.zeros((n, 3)))
    assert r.fraction(Event.EXIT) == pytest.approx(1 / 3, rel=1e-15, abs=0)
    pytest.importorskip("xarray")
    assert r.to_xarray()["event_wall"].attrs["flag_values"] == FLAG_VALUES


def test_old_import_paths_still_work():
    from thermophoresis.lagrangian import GraetzTube as G1
    from thermophoresis.lagrangian.fields import Grid3D as G2
    from thermophoresis.lagrangian.fields import graetz_eigen

    assert G1 is GraetzTube and G2 is Grid3D and callable(graetz_eigen)
    assert pathlib.Path  # (pathlib used above)
