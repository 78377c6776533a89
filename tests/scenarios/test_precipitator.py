import json

import numpy as np
import pytest

from thermophoresis import Gas, InputError, Particle
from thermophoresis.lagrangian import ProfileZ, Tracker
from thermophoresis.scenarios import collection_efficiency
from thermophoresis.drift import thermophoretic_velocity


def test_plug_flow_classical_result():
    # plug flow, nearly uniform drift (1 K across the gap): eta = v L / (U H) below saturation
    gas = Gas("air", 293.65)
    p = Particle("1 um", "psl")
    v = abs(thermophoretic_velocity(p, gas, 1.0 / 5e-3))
    for length in (0.05, 0.2):
        eta = collection_efficiency(p, gas, 5e-3, 293.15, 294.15, 0.01, length, flow="plug")
        assert eta == pytest.approx(min(1.0, v * length / (0.01 * 5e-3)), rel=2e-3)
    assert collection_efficiency(p, gas, 5e-3, 293.15, 294.15, 0.01, 100.0, flow="plug") == pytest.approx(1.0)


def test_against_the_tracker_with_poiseuille_flow():
    gas = Gas("air", 303.15)
    p = Particle("1 um", "psl")
    field = ProfileZ.plates(5e-3, 293.15, 313.15, flow="poiseuille", mean_velocity=0.05)
    n = 4000
    rng = np.random.default_rng(3)
    # inlet heights distributed like the flux (u ~ z(1-z)): rejection sampling
    z = rng.uniform(0, 5e-3, 4 * n)
    z = z[rng.uniform(0, 1, z.size) < 4 * (z / 5e-3) * (1 - z / 5e-3)][:n]
    tr = Tracker(p, gas, field, dt=0.05, inertial=False, gravity=False, walls=(0.0, 5e-3), seed=8, brownian=False)
    res = tr.run(np.column_stack([np.zeros(z.size), np.zeros(z.size), z]), n_steps=4000)
    for length in (0.2, 0.8, 1.6):
        sim = np.mean(res.event_position[:, 0] <= length)
        eta = collection_efficiency(p, gas, 5e-3, 293.15, 313.15, 0.05, length)
        # binomial error of the sampled inlet, plus 0.005 for the first-order time-step error of the landing points
        assert sim == pytest.approx(eta, abs=4 * np.sqrt(eta * (1 - eta) / z.size) + 0.005)


def test_bad_input_and_cli():
    with pytest.raises(InputError, match="t_hot must exceed t_cold"):
        collection_efficiency(Particle("1 um", "psl"), Gas(), 5e-3, 300.0, 290.0, 0.05, 0.1)
    from typer.testing import CliRunner

    from thermophoresis.cli import app

    r = CliRunner().invoke(app, ["precipitator", "--length", "20 cm", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert all(0 <= e <= 1 for e in d["collection_efficiency"])
