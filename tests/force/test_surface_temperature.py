"""Only the dipole pushes: force from a particle's own surface temperature."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermophoresis import Gas, InputError, Particle
from thermophoresis.force.continuum import epstein_1929
from thermophoresis.force.surface_temperature import (
    free_molecular_surface_force,
    free_molecular_total_force,
    legendre_modes,
    slip_flow_surface_force,
    surface_temperature,
)
from thermophoresis.force.free_molecular import waldmann_1959_force
from thermophoresis.drift import surface_temperature_force, thermophoresis

A, P, T = 0.5e-6, 50.0, 300.0


@pytest.mark.parametrize("linear", [True, False])
@pytest.mark.parametrize("a0", [300.0, 310.0, 600.0, 3000.0])
def test_uniform_heating_gives_exactly_zero(a0, linear):
    assert free_molecular_surface_force([a0], A, P, T, linear=linear) == 0.0
    assert slip_flow_surface_force([a0], A, 1.8e-5, 1.5e-5, T, 6e-8) == 0.0


@settings(max_examples=40, deadline=None)
@given(a0=st.floats(250.0, 350.0), a1=st.floats(-5.0, 5.0), higher=st.lists(st.floats(-5.0, 5.0), max_size=5),
       alpha=st.floats(0.0, 1.0))
def test_linear_force_depends_on_a1_only_and_linearly(a0, a1, higher, alpha):
    f = free_molecular_surface_force([a0, a1, *higher], A, P, T, alpha)
    f_ref = free_molecular_surface_force([T, 1.0], A, P, T, alpha)
    assert f == pytest.approx(a1 * f_ref, rel=1e-12, abs=1e-30)
    s = slip_flow_surface_force([a0, a1, *higher], A, 1.8e-5, 1.5e-5, T, 6e-8)
    s_ref = slip_flow_surface_force([T, 1.0], A, 1.8e-5, 1.5e-5, T, 6e-8)
    assert s == pytest.approx(a1 * s_ref, rel=1e-12, abs=1e-30)


def test_free_molecular_closed_form_and_sign():
    # F_z = -(pi/3) alpha p a^2 a1 / T, away from the hot side
    f = free_molecular_surface_force([T, 2.0], A, P, T, 0.8)
    assert f == pytest.approx(-math.pi / 3 * 0.8 * P * A**2 * 2.0 / T, rel=1e-14, abs=0)
    assert f < 0
    assert free_molecular_surface_force([T, 2.0], A, P, T, 0.0) == 0.0  # no accommodation, no push


def test_exact_integral_agrees_with_linear_for_small_amplitudes_and_scales_with_mean_temperature():
    lin = free_molecular_surface_force([T, 0.01], A, P, T)
    ex = free_molecular_surface_force([T, 0.01], A, P, T, linear=False)
    assert ex == pytest.approx(lin, rel=1e-4, abs=0)
    # a particle uniformly at 4 T re-emits molecules twice as fast: the dipole force is sqrt(T / 4T) = 1/2
    hot = free_molecular_surface_force([4 * T, 0.01], A, P, T, linear=False)
    assert hot == pytest.approx(0.5 * lin, rel=1e-4, abs=0)


def test_isothermal_particle_in_external_gradient_is_waldmann():
    gas = Gas("Ar", T, P)
    grad = 2e4
    for alpha in (0.0, 0.5, 1.0):
        total = free_molecular_total_force([305.0], A, P, T, grad, gas.translational_conductivity, gas.mean_speed,
                                           alpha)
        assert total == pytest.approx(waldmann_1959_force(A, gas.translational_conductivity, gas.mean_speed, grad),
                                      rel=1e-14, abs=0)
    r = thermophoresis(Particle(2 * A, "gold"), Gas("Ar", T, 0.5), grad, "waldmann")
    assert free_molecular_total_force([T], A, 0.5, T, grad, Gas("Ar", T, 0.5).translational_conductivity,
                                      Gas("Ar", T, 0.5).mean_speed) == pytest.approx(r.force, rel=1e-12, abs=0)


@pytest.mark.parametrize("lam", [0.01, 0.2, 1.0, 5.0])
def test_slip_flow_with_epsteins_surface_temperature_reproduces_epstein(lam):
    # Epstein's conduction solution: a1 = 3 Lambda G a / (1 + 2 Lambda); with Maxwell's Cs = 3/4 and Kn = 0
    # the creep force equals Epstein's F = -6 pi mu nu a Phi G / T.
    mu, nu, g = 1.8e-5, 1.5e-5, 1e4
    a1 = 3 * lam * g * A / (1 + 2 * lam)
    f = slip_flow_surface_force([T, a1], A, mu, nu, T, 0.0, cs=0.75)
    assert f == pytest.approx(-6 * math.pi * mu * nu * A * epstein_1929(lam) * g / T, rel=1e-12, abs=0)


def test_slip_flow_jump_and_slip_reduce_the_force():
    f0 = slip_flow_surface_force([T, 1.0], A, 1.8e-5, 1.5e-5, T, 0.0)
    kn = 0.05
    f = slip_flow_surface_force([T, 1.0], A, 1.8e-5, 1.5e-5, T, kn * A)
    assert f == pytest.approx(f0 / ((1 + 2 * 2.18 * kn) * (1 + 3 * 1.14 * kn)), rel=1e-12, abs=0)


def test_legendre_projection_from_samples_and_callables():
    th = np.linspace(0.0, math.pi, 61)
    true = [300.0, 2.0, -0.7, 0.3]
    samples = surface_temperature(true, th)
    np.testing.assert_allclose(legendre_modes(samples, th, l_max=5), [*true, 0.0, 0.0], atol=1e-9)
    np.testing.assert_allclose(legendre_modes(lambda x: surface_temperature(true, x), l_max=5), [*true, 0, 0],
                               atol=1e-9)
    # a hot spot at the +z pole has a positive dipole
    spot = legendre_modes(lambda x: 300.0 + 10.0 * np.exp(-(x / 0.3) ** 2), l_max=4)
    assert spot[1] > 0


def test_high_level_and_bad_input():
    p, g = Particle("1 um", "silica", energy_accommodation=0.9), Gas("air", 300.0, 10.0)
    assert surface_temperature_force(p, g, [310.0, 1.0]) == pytest.approx(
        free_molecular_surface_force([310.0, 1.0], 0.5e-6, 10.0, 300.0, 0.9), rel=1e-14, abs=0)
    assert surface_temperature_force(p, g, [310.0, 1.0], "slip") < 0
    with pytest.raises(ValueError, match="unknown regime 'slipflow'"):
        surface_temperature_force(p, g, [310.0, 1.0], "slipflow")
    with pytest.raises(InputError, match="modes must be"):
        free_molecular_surface_force([], A, P, T)
    with pytest.raises(InputError, match="non-positive temperature"):
        free_molecular_surface_force([300.0, 400.0], A, P, T, linear=False)
    with pytest.raises(InputError, match="energy_accommodation must be in"):
        free_molecular_surface_force([300.0, 1.0], A, P, T, 1.5)
    with pytest.raises(InputError, match="theta is required"):
        legendre_modes([1.0, 2.0, 3.0])
    with pytest.raises(InputError, match="need more than l_max"):
        legendre_modes([1.0, 2.0], [0.0, 1.0], l_max=4)


def test_dipole_cli():
    import json

    from typer.testing import CliRunner

    from thermophoresis.cli import app

    r = CliRunner().invoke(app, ["dipole", "--modes", "400", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["force_free_molecular_N"] == 0.0 and d["force_slip_flow_N"] == 0.0
    r = CliRunner().invoke(app, ["dipole", "--modes", "300, 2, 5", "--pressure", "10 Pa", "--json"])
    d = json.loads(r.stdout)
    assert d["force_free_molecular_N"] < 0
    r = CliRunner().invoke(app, ["dipole", "--modes", "300, x"])
    assert r.exit_code == 2 and "--modes must be comma-separated numbers" in r.stderr
