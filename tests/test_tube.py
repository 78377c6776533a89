import json

import numpy as np
import pytest

from thermophoresis import Gas, Particle
from thermophoresis.lagrangian import GraetzTube, Tracker
from thermophoresis.scenarios import laminar_tube_deposition


def _flux_weighted_inlet(n, radius, rng):
    out = []
    while len(out) < n:
        c = radius * np.sqrt(rng.uniform(0, 1, n))
        out.extend(c[rng.uniform(0, 1, n) < 1 - (c / radius) ** 2])
    r = np.array(out[:n])
    ph = rng.uniform(0, 2 * np.pi, n)
    return np.column_stack([np.zeros(n), r * np.cos(ph), r * np.sin(ph)])


def test_tube_deposition_pde_against_tracker():
    gas, p = Gas("air", 450.0), Particle("200 nm", "psl")
    x, eta = laminar_tube_deposition(p, gas, 2e-3, 0.3, 0.5, 600.0, 300.0, brownian=False)
    tube = GraetzTube(2e-3, 0.3, 0.5, 600.0, 300.0, float(gas.thermal_diffusivity))
    n = 20000
    start = _flux_weighted_inlet(n, 2e-3, np.random.default_rng(0))
    res = Tracker(p, gas, tube, dt=2e-4, inertial=False, gravity=False, x_exit=0.3, seed=1, brownian=False).run(
        start, n_steps=15000)
    for length in (0.02, 0.1, 0.3):
        sim = np.mean((res.event_wall == 4) & (res.event_position[:, 0] <= length))
        expected = float(np.interp(length, x, eta))
        # binomial error, plus 0.005 for the grids (dr = R/200, dx = L/2000) and the tracker's time step
        assert sim == pytest.approx(expected, abs=4 * np.sqrt(expected * (1 - expected) / n) + 0.005)


def test_tube_deposition_trends():
    gas, p = Gas("air", 450.0), Particle("200 nm", "psl")
    _, eta_cool = laminar_tube_deposition(p, gas, 2e-3, 0.3, 0.5, 600.0, 300.0, n_x=600)
    _, eta_hot = laminar_tube_deposition(p, gas, 2e-3, 0.3, 0.5, 300.0, 600.0, n_x=600, brownian=False)
    assert np.all(np.diff(eta_cool) >= -1e-12) and 0.1 < eta_cool[-1] < 0.3
    # a wall hotter than the gas collects nothing without diffusion (1e-5: the discrete inlet adjusting to n = 0
    # at the wall node in the first step)
    assert np.all(eta_hot < 1e-5)


def test_tube_cli():
    from typer.testing import CliRunner

    from thermophoresis.cli import app

    r = CliRunner().invoke(app, ["tube", "--radius", "2 mm", "--length", "30 cm", "--velocity", "0.5 m/s",
                                 "--t-inlet", "600 K", "--t-wall", "300 K", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert 0.1 < d["deposition_efficiency"] < 0.3
