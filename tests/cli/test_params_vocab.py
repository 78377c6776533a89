"""One parameter vocabulary across the front ends (issue 14.1).

For every command that has a TOML or sweep counterpart, the CLI options, the TOML keys and the sweep
parameters are the same set, up to the differences listed (with their reasons) below, and a name shared by
two front ends is the same declaration (kind, type, bounds, choices). Each front end names bad input its
own way (``--diameter``, ``field.gradient``, ``grid.diameter``) from the structured InputError.
"""

import numpy as np
import pytest

typer = pytest.importorskip("typer")

from thermophoresis._params import COMMAND_PARAMETERS, PARAMETERS, Param  # noqa: E402
from thermophoresis.exceptions import InputError  # noqa: E402
from thermophoresis.fields import FIELD_TYPES, FieldParameter  # noqa: E402
from thermophoresis.sweep import TARGETS, Sweep, get_target  # noqa: E402

from test_cli_params import ALIASES, COMMANDS, DEPRECATED, FRONT_END  # noqa: E402

BY_NAME = dict(COMMANDS)


def _cli(name):
    """The command's parameters under their library names (front-end options left out)."""
    return {ALIASES.get(p.name, p.name) for p in BY_NAME[name].params
            if p.name not in FRONT_END and (name, p.name) not in DEPRECATED}


# command -> (sweep target, {name only on the CLI: why}, {name only in the sweep: why}, {sweep name: CLI name})
PAIRS = {
    "force": ("force", {"length": "the Péclet length of the table; the sweep returns no Péclet number"},
              {"density": "particle override", "energy_accommodation": "particle override",
               "momentum_accommodation": "particle override"}, {"grad_T": "gradient"}),
    "wafer": ("wafer", {}, {"diameter": "the command runs over a size range itself"}, {}),
    "precipitator": ("precipitator", {}, {"diameter": "the command runs over a size range itself"}, {}),
    "tube": ("tube", {"flow": "the target is the laminar marching solution (flow='laminar')"},
             {"flow_rate": "alternative to mean_velocity", "n_r": "grid", "n_x": "grid",
              "brownian": "switch of the marching solution"}, {}),
    "dsmc": ("dsmc", {"blocks": "the command samples in blocks (fourier_study)",
                      "block_steps": "the command samples in blocks (fourier_study)",
                      "seed": "the sweep derives the seed per point", "sample_every": "fourier_study option",
                      "max_seconds": "cost guard of the command"},
             {"burn_in": "run_fourier option", "n_steps": "run_fourier option"},
             {"t_lo": "t_cold", "t_hi": "t_hot", "n_cells": "cells", "model": "molecular_model"}),
}


def _same_declaration(a: Param, b: Param):
    return (a.kind, a.type, a.low, a.high, a.low_open, a.high_open, a.choices, a.shape) == \
        (b.kind, b.type, b.low, b.high, b.low_open, b.high_open, b.choices, b.shape)


@pytest.mark.parametrize("command", list(PAIRS))
def test_cli_options_and_sweep_parameters_are_the_same_set(command):
    from test_cli_params import TABLES

    target, cli_only, sweep_only, renames = PAIRS[command]
    t = get_target(target)
    sweep = {renames.get(k, k) for k in t.params}
    cli = _cli(command)
    assert cli - sweep == set(cli_only), command
    assert {k for k in t.params if renames.get(k, k) not in cli} == set(sweep_only), command
    decls = {**PARAMETERS, **TABLES.get(command, {})}
    for key, p in t.params.items():
        name = renames.get(key, key)
        if name in cli and name in decls:
            assert _same_declaration(p, decls[name]), (command, key)


# tracking file entry -> sweep parameter of the `track` target
TRACK_TOML = {"gas.composition": "gas", "start.count": "particles", "walls.x_exit": "length"}
TOML_ONLY = {  # entry: why the sweep target has no parameter for it
    "start.type": "the target places the particles from the field", "start.z": "as start.type",
    "start.position": "as start.type", "walls.z": "the target takes the walls from the field",
    "walls.mode": "absorbing walls", "walls.tube_radius": "the tube field brings its wall",
    "run.seed": "the sweep derives a seed per point", "run.sample_every": "no trajectories in a sweep",
    "run.chunk_steps": "chunking is the sweep's", "output.directory": "the store is the sweep's",
    "output.plot": "the sweep's [plot]", "output.overwrite": "the sweep's --overwrite",
}
SWEEP_ONLY = {"field": "field.type", "z_start": "the start height (stagnation, grid)"}


def test_track_file_keys_and_track_target_parameters_are_the_same_set():
    from thermophoresis.lagrangian.scenario import SCHEMA
    from thermophoresis.sweep.targets import TRACK_FIELDS

    t = get_target("track")
    toml = {f"{section}.{key}": p for section, tab in SCHEMA.items() if isinstance(tab, dict)
            for key, p in tab.items()}
    for name in TRACK_FIELDS:
        for key, p in FIELD_TYPES[name].parameters.items():
            toml.setdefault(f"field.{key}", p)
    mapped = {}
    for entry, p in toml.items():
        if entry in TOML_ONLY:
            continue
        key = TRACK_TOML.get(entry, entry.split(".", 1)[1])
        if p.shape is not None and key in ("gradient", "velocity"):
            continue  # the uniform field's 3-vectors: the sweep takes the z (gradient) and x (velocity) parts
        if p.shape is not None:
            assert key not in t.params, entry
            continue  # lists (origin, grid names and shape) keep their defaults in a sweep
        mapped[key] = entry
        assert key in t.params, f"tracking-file entry {entry} has no sweep parameter"
        if entry != "walls.x_exit":
            assert _same_declaration(t.params[key], p), entry
    assert set(t.params) - set(mapped) - {"gradient", "velocity"} == set(SWEEP_ONLY)


def test_the_declarations_are_the_ones_every_front_end_reads():
    from thermophoresis.sweep.spec import Param as SweepParam

    assert SweepParam is Param
    fp = FieldParameter("length", "a gap")  # the deprecated constructor gives the one declaration
    assert isinstance(fp, Param) and fp.required and fp.kind == "length"
    assert all(isinstance(p, Param) for ft in FIELD_TYPES.values() for p in ft.parameters.values())
    assert all(isinstance(p, Param) for t in TARGETS.values() for p in (t.params or {}).values())
    assert COMMAND_PARAMETERS["dsmc"]["t_cold"] is get_target("dsmc").params["t_lo"].with_(name="t_cold") or \
        _same_declaration(COMMAND_PARAMETERS["dsmc"]["t_cold"], get_target("dsmc").params["t_lo"])


def test_sweep_targets_follow_the_registry_convention():
    assert get_target("FORCE") is get_target("force") is get_target("thermophoresis")
    assert get_target("Tracking") is get_target("track")
    with pytest.raises(InputError, match=r"unknown sweep target 'trak'; closest: track"):
        get_target("trak")
    assert "precipitator" in TARGETS.to_dict()


# --- each front end names bad input its own way, from the same structured error -------------------------
def test_the_command_line_names_the_option():
    from typer.testing import CliRunner

    from thermophoresis.cli import app

    r = CliRunner().invoke(app, ["force", "--diameter", "-5 nm"])
    assert r.exit_code == 2 and "--diameter must be > 0 m, got -5e-09 m" in r.stderr
    r = CliRunner().invoke(app, ["dsmc", "--cells", "0"])
    assert r.exit_code == 2 and "--cells must be >= 2, got 0" in r.stderr
    r = CliRunner().invoke(app, ["dsmc", "--molecular-model", "hsx"])
    assert r.exit_code == 2 and "unknown --molecular-model 'hsx'; closest: hs" in r.stderr


def test_a_tracking_file_names_the_entry():
    from thermophoresis.fields import field_from_dict
    from thermophoresis.lagrangian.scenario import parse

    with pytest.raises(InputError) as info:
        field_from_dict({"type": "uniform", "temperature": "300 K", "gradient": ["1 K/m"]})
    assert str(info.value).startswith("field.gradient must have 3 components") and \
        info.value.parameter == "field.gradient"
    with pytest.raises(InputError) as info:
        parse("[particle]\ndiameter = '-1 um'")
    exc = info.value
    assert (exc.parameter, exc.allowed) == ("particle.diameter", "> 0 m") and \
        str(exc) == "particle.diameter must be > 0 m, got -1e-06 m"


def test_a_sweep_names_the_grid_entry():
    with pytest.raises(InputError) as info:
        Sweep("force", grid={"diameter": ["1 um", "-2 um"]})
    exc = info.value
    assert exc.parameter == "grid.diameter[1]" and exc.allowed == "> 0 m" and exc.value == pytest.approx(-2e-6, rel=1e-12, abs=0)
    from thermophoresis.sweep import parse

    with pytest.raises(InputError, match=r"^sweep\.chunks\.gas: not a dimension"):
        parse('[sweep]\ntarget = "force"\nchunks = { gas = 2 }\n[grid]\ndiameter = ["1 um"]\n')


def test_no_front_end_edits_error_text():
    import inspect

    from thermophoresis import cli, sweep
    from thermophoresis.cli import _common
    from thermophoresis.lagrangian import scenario
    from thermophoresis.sweep import config

    for mod in (_common, config, scenario, *(getattr(cli, m) for m in ("dsmc", "force", "light", "scenarios"))):
        src = inspect.getsource(mod)
        assert "str(exc).replace" not in src and "msg.replace" not in src, mod.__name__
    assert sweep  # imported for its targets


# --- the sweep's track target reaches every field a tracking file reaches (except tabulated profiles) ----
@pytest.mark.parametrize("field, extra", [
    ("stagnation", {"strain_rate": "100 1/s", "t_wall": "310 K", "t_infinity": "295 K", "z_start": "1 mm"}),
    ("tube", {"radius": "1 mm", "length": "5 cm", "mean_velocity": "0.2 m/s", "t_inlet": "400 K",
              "t_wall": "300 K", "terms": 10, "nx": 41, "nr": 21}),
    ("grid", {}),
])
def test_track_target_reaches_the_field(field, extra, tmp_path):
    xr = pytest.importorskip("xarray")
    if field == "grid":
        ax = [0.0, 1e-3, 2e-3]
        z = np.array(ax)[None, None, :] * np.ones((3, 3, 1))
        xr.Dataset({"T": (("x", "y", "z"), 300.0 + 1e4 * z)}, coords={"x": ax, "y": ax, "z": ax}).to_netcdf(
            tmp_path / "g.nc")
        # the inertial integrator: the (grid, inertial) kernel is the one tests/fields/test_fields.py and
        # tests/lagrangian/test_tracker.py compile; (grid, overdamped) would be compiled for this test alone (~25 s idle),
        # and which integrator runs does not matter to what is checked here (the field is reached, the numbers
        # are the tracker's)
        extra = {"file": str(tmp_path / "g.nc"), "inertial": True}
    fixed = {"particles": 4, "dt": "1 ms", "steps": 3, "field": field, "gravity": False, "inertial": False, **extra}
    ds = Sweep("track", grid={"diameter": ["1 um"]}, fixed=fixed, seed=1).run()
    pos = ds["final_position"].values
    assert pos.shape == (1, 4, 3) and np.all(np.isfinite(pos))
    # the same particles as the tracker run by hand with the point's seed and the target's start positions
    from thermophoresis.sweep.targets import track_target

    values = {k: get_target("track").params[k].parse(v) for k, v in fixed.items() if k != "particles"}
    seed = Sweep("track", grid={"diameter": ["1 um"]}, fixed=fixed, seed=1).point_seed(diameter="1 um")
    out = track_target(members=np.arange(4), seed=seed, particles=4, diameter=1e-6, **values)
    np.testing.assert_array_equal(out["final_position"], pos[0])
