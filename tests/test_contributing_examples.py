"""The worked examples of docs/contributing.md are true of the code (issue 14: adding a force model or a
scenario parameter touches one declaration).

- A force model registered as the guide shows (a function and one ``register(ModelInfo(...))``) is found by
  name by the drift functions, the registry listings and the command line.
- Every entry of a scenario's parameter table reaches the library function from the command line without
  a line in the command: the ``tube`` command forwards its whole table.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from thermophoresis import Gas, Particle
from thermophoresis.force import MODELS
from thermophoresis.force.registry import ForceInputs, ModelInfo, register


@pytest.fixture
def scratch_models(monkeypatch):
    """MODELS as it is, restored after the test (the registry's tables are copied, then put back)."""
    for attr in ("_entries", "_keys", "_spellings"):
        monkeypatch.setattr(MODELS, attr, dict(getattr(MODELS, attr)))
    return MODELS


def my_model_1999(kn, conductivity_ratio, cs=1.17):
    """A made-up coefficient for the test: Phi = cs / (1 + Kn) / (1 + conductivity_ratio)."""
    return cs / (1.0 + kn) / (1.0 + conductivity_ratio)


def _my_model(x: ForceInputs, **params):
    phi = my_model_1999(x.kn, x.conductivity_ratio, **params)
    return phi, phi * x.slip_correction


def test_a_force_model_is_one_function_and_one_registration(scratch_models):
    register(ModelInfo(
        name="my_model", aliases=("my_model_1999",),
        label="My & Model (1999)", regime="slip", kn_range=(0.0, 0.1), drag="slip-corrected",
        reference="(test only)", formula="Phi = cs / (1 + Kn) / (1 + k_g/k_p)", function=my_model_1999,
        evaluate=_my_model, parameters=dict(cs=1.17),
    ))
    from thermophoresis.drift import thermophoresis, thermophoretic_force

    p, g = Particle(2e-6, "psl"), Gas("air")
    r = thermophoresis(p, g, 1e4, model="My_Model_1999")
    kn = float(r.knudsen)
    lam = float(g.thermal_conductivity) / float(p.conductivity)
    assert float(r.force_coefficient) / my_model_1999(kn, lam) == pytest.approx(1.0, rel=1e-12, abs=0)
    assert thermophoretic_force(p, g, 1e4, "my_model") / float(r.force) == pytest.approx(1.0, rel=1e-12, abs=0)
    assert "my_model" in MODELS.names(valid_at=0.05) and "my_model" not in MODELS.names(valid_at=1.0)

    typer = pytest.importorskip("typer")  # noqa: F841
    from typer.testing import CliRunner

    from thermophoresis.cli import app

    out = CliRunner().invoke(app, ["force", "--model", "my_model", "-d", "2 um", "--json"])
    assert out.exit_code == 0, out.output
    d = json.loads(out.stdout)
    assert d["model"] == "my_model" and d["force_N"] / float(r.force) == pytest.approx(1.0, rel=1e-12, abs=0)


def test_the_tube_command_forwards_its_whole_table(monkeypatch):
    pytest.importorskip("typer")
    from typer.testing import CliRunner

    import thermophoresis.scenarios.tube as tube
    from thermophoresis.cli import app

    seen = {}

    def recording(particle, gas, **kwargs):
        seen.update(kwargs)
        raise tube.InputError(parameter="radius", value="recorded", allowed="(test stops here)")

    monkeypatch.setattr(tube, "tube_deposition", recording)
    r = CliRunner().invoke(app, ["tube", "--radius", "3 mm"])
    assert r.exit_code == 2 and "--radius" in r.output
    assert set(seen) == set(tube.PARAMETERS) | {"model"}
    assert seen["radius"] == "3 mm"  # the library parses it, through the same declaration
    assert np.isclose(tube.PARAMETERS["radius"].parse(seen["radius"]), 3e-3, rtol=1e-15, atol=0)


def test_the_tube_sweep_target_forwards_every_table_entry_but_flow(monkeypatch):
    """A new entry of the tube table reaches the physics from a sweep with no line in the target: the target
    passes every entry by name (but ``flow``: the target is the laminar solution)."""
    import thermophoresis.scenarios as scenarios
    import thermophoresis.scenarios.tube as tube
    from thermophoresis.sweep.targets import tube_target

    seen = {}

    def recording(particle, gas, **kwargs):
        seen.update(kwargs)
        return np.array([0.0, 1.0]), np.array([0.0, 0.25])

    monkeypatch.setattr(scenarios, "laminar_tube_deposition", recording)
    out = tube_target(1e-7, radius=3e-3, n_r=20, n_x=30)
    assert set(seen) == (set(tube.PARAMETERS) - {"flow"}) | {"model", "n_r", "n_x", "brownian"}
    assert seen["radius"] == 3e-3 and seen["length"] == tube.PARAMETERS["length"].parse(
        tube.PARAMETERS["length"].default)
    assert out["deposition_efficiency"] == 0.25
