"""Thermophoretic force models: exact limits, invariants, and regression tests for known pitfalls."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermophoresis import Gas, Particle, ValidityWarning
from thermophoresis.constants import BOLTZMANN
from thermophoresis.force import (
    COMSOL_CONSTANTS,
    MODELS,
    TALBOT_CONSTANTS,
    brock_1962,
    epstein_1929,
    talbot_1980,
    waldmann_1959_force,
    waldmann_1959_kth,
)
from thermophoresis.drift import (
    drift_dominance_time,
    peclet_from_temperature_difference,
    thermophoresis,
    thermophoretic_force,
    thermophoretic_velocity,
)

LAMBDAS = [0.0, 0.01, 0.185, 1.0, 10.0]


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        return fn(*args, **kwargs)


# ---- exact limits --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lam", LAMBDAS)
def test_epstein_is_brock_without_slip_and_with_maxwell_creep(lam):
    assert brock_1962(0.0, lam, cs=0.75, ct=1.875, cm=1.0) == pytest.approx(epstein_1929(lam), rel=1e-6, abs=0)
    assert epstein_1929(lam) == pytest.approx(1.5 * lam / (1 + 2 * lam), rel=1e-6, abs=0)


@pytest.mark.parametrize("lam", LAMBDAS)
def test_talbot_continuum_limit(lam):
    cs = TALBOT_CONSTANTS["cs"]
    assert talbot_1980(1e-9, lam) == pytest.approx(2 * cs * lam / (1 + 2 * lam), abs=1e-7)


@pytest.mark.parametrize("lam", LAMBDAS)
@pytest.mark.parametrize("consts", [TALBOT_CONSTANTS, {**TALBOT_CONSTANTS, **COMSOL_CONSTANTS}])
def test_talbot_free_molecular_limit(lam, consts):
    expected = consts["cs"] * (consts["a"] + consts["b"]) / (3 * consts["cm"])
    assert talbot_1980(1e7, lam, **consts) == pytest.approx(expected, rel=1e-5)


def test_talbot_free_molecular_limit_value_and_closeness_to_waldmann():
    # Cs (A + B) / (3 Cm) = 1.17 * 1.61 / 3.42 = 0.5508, within 1 % of Waldmann/Epstein(f = 0.9) = 0.5542
    assert talbot_1980(1e7, 0.2) == pytest.approx(0.5508, abs=1e-4)
    assert 3 / (4 * (1 + math.pi * 0.9 / 8)) == pytest.approx(0.5542, abs=1e-4)


@pytest.mark.parametrize("gas_name", ["Ar", "He", "Kr"])
@pytest.mark.parametrize("diameter", [2e-9, 20e-9, 200e-9])
def test_waldmann_phi_is_one_over_3kn_for_monatomic_gas(gas_name, diameter):
    gas = Gas(gas_name, temperature=350.0, pressure=2000.0)
    r = quiet(thermophoresis, Particle(diameter, "silica"), gas, 1e3, "waldmann")
    assert r.force_coefficient == pytest.approx(1.0 / (3.0 * r.knudsen), rel=1e-12, abs=0)


@pytest.mark.parametrize("f, expected", [(0.9, 0.5542), (1.0, 0.75 / (1 + math.pi / 8)), (0.0, 0.75)])
def test_waldmann_kth_with_epstein_drag(f, expected):
    gas = Gas("Ar", temperature=300.0, pressure=10.0)
    particle = Particle(50e-9, "silica", momentum_accommodation=f)
    r = thermophoresis(particle, gas, 1e3, "waldmann")
    assert r.thermophoretic_coefficient == pytest.approx(expected, abs=1e-4)
    assert waldmann_1959_kth(gas.translational_conductivity, 300.0, 10.0, gas.kinematic_viscosity, f) == \
        pytest.approx(r.thermophoretic_coefficient, rel=1e-12, abs=0)


@pytest.mark.parametrize("f, coefficient", [(1.0, -1 / (5 * (1 + math.pi / 8))), (0.0, -0.2)])
def test_waldmann_velocity_in_ktr_gradT_over_p_form(f, coefficient):
    # v = C k_tr grad_T / p with C = -1/(5 (1 + pi/8)) for diffuse and -1/5 for specular reflection
    # (the rigid-sphere limits of Li & Wang 2004)
    for gas_name in ("N2", "Ar", "He"):
        gas = Gas(gas_name, temperature=400.0, pressure=5.0)
        v = thermophoretic_velocity(Particle(30e-9, "gold", momentum_accommodation=f), gas, 2e3, "waldmann")
        assert v / (gas.translational_conductivity * 2e3 / gas.pressure) == pytest.approx(coefficient, rel=1e-10)


def test_waldmann_force_explicit_value():
    # Independent evaluation with the *mean* speed sqrt(8kT/(pi m)) for argon at 300 K
    gas = Gas("Ar", temperature=300.0, pressure=100.0)
    m = 39.948e-3 / 6.02214076e23
    c_mean = math.sqrt(8 * BOLTZMANN * 300.0 / (math.pi * m))
    a, grad = 25e-9, 4e4
    expected = -32.0 / 15.0 * a**2 * gas.translational_conductivity * grad / c_mean
    assert thermophoretic_force(Particle(2 * a, "psl"), gas, grad, "waldmann") == pytest.approx(expected, rel=1e-12, abs=0)
    assert waldmann_1959_force(a, gas.translational_conductivity, c_mean, grad) == pytest.approx(expected, rel=1e-14, abs=0)


# ---- regression tests for pitfalls seen in public codes --------------------------------------------------

def test_pitfall_cs_and_cm_swapped():
    # With Cs and Cm swapped the free-molecular limit would be Cm (A+B)/(3 Cs) = 0.523 and the continuum
    # limit 2 Cm Lambda/(1 + 2 Lambda); ours must be the published ones.
    assert talbot_1980(1e7, 0.1) == pytest.approx(1.17 * 1.61 / (3 * 1.14), rel=1e-5)
    assert talbot_1980(1e7, 0.1) != pytest.approx(1.14 * 1.61 / (3 * 1.17), rel=1e-3)
    assert talbot_1980(1e-9, 1.0) == pytest.approx(2 * 1.17 / 3, rel=1e-6)


def test_pitfall_ct_missing_from_numerator():
    # A perfectly conducting particle (Lambda = 0) still feels a force at finite Kn through the
    # temperature jump, which needs Ct in the numerator: K = 2 Cs Ct Kn Cc / ((1 + 3 Cm Kn)(1 + 2 Ct Kn))
    kn = 1.0
    cc = 1 + kn * (1.20 + 0.41 * math.exp(-0.88 / kn))
    expected = 2 * 1.17 * 2.18 * kn * cc / ((1 + 3 * 1.14 * kn) * (1 + 2 * 2.18 * kn))
    assert talbot_1980(kn, 0.0) == pytest.approx(expected, rel=1e-12, abs=0)
    assert expected == pytest.approx(0.5103, abs=1e-4)  # hand value: 5.1012 * 2.3701 / (4.42 * 5.36)


def test_pitfall_most_probable_speed_instead_of_mean_speed():
    # sqrt(2kT/m) or sqrt(kT/m) in Waldmann's formula changes Phi away from 1/(3 Kn) by sqrt(pi/4) or
    # sqrt(pi/8); the identity Phi = 1/(3 Kn) for a monatomic gas pins the mean speed.
    gas = Gas("Ar", temperature=300.0, pressure=100.0)
    r = thermophoresis(Particle(20e-9, "psl"), gas, 1.0, "waldmann")
    assert r.force_coefficient * 3 * r.knudsen == pytest.approx(1.0, rel=1e-12)
    m = gas.molecular_mass
    assert gas.mean_speed == pytest.approx(math.sqrt(8 * BOLTZMANN * 300.0 / (math.pi * m)), rel=1e-14)


def test_pitfall_radius_versus_diameter_in_knudsen():
    gas = Gas("air")
    r = thermophoresis(Particle("200 nm", "psl"), gas, 1e4)
    assert r.knudsen == pytest.approx(gas.mean_free_path / 100e-9, rel=1e-14, abs=0)
    kth = talbot_1980(gas.mean_free_path / 100e-9, gas.thermal_conductivity / 0.14)
    assert r.thermophoretic_coefficient == pytest.approx(kth, rel=1e-14, abs=0)


def test_pitfall_kinematic_viscosity_in_velocity():
    # v = -K_th nu grad_T / T with the KINEMATIC viscosity nu = mu / rho
    gas = Gas("air", temperature=300.0, pressure=101325.0)
    r = thermophoresis(Particle("1 um", "silica"), gas, 1e4, "talbot")
    expected = -r.thermophoretic_coefficient * (gas.viscosity / gas.density) * 1e4 / 300.0
    assert r.velocity == pytest.approx(expected, rel=1e-14, abs=0)
    assert abs(r.velocity) > 1e-6  # ~ tens of um/s, not the ~1e-10 that a dynamic viscosity would give


# ---- invariants --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("model", list(MODELS))
def test_sign_linearity_and_zero_gradient(model):
    p, g = Particle("300 nm", "silica"), Gas("N2", 320.0, 5e4)
    f1 = quiet(thermophoretic_force, p, g, 1e4, model)
    f2 = quiet(thermophoretic_force, p, g, 2e4, model)
    fm = quiet(thermophoretic_force, p, g, -1e4, model)
    assert f1 < 0  # hot-to-cold: force opposes the gradient
    assert f2 == pytest.approx(2 * f1, rel=1e-12, abs=0)
    assert fm == pytest.approx(-f1, rel=1e-12, abs=0)
    assert quiet(thermophoretic_force, p, g, 0.0, model) == 0.0
    assert quiet(thermophoretic_velocity, p, g, 0.0, model) == 0.0


@pytest.mark.parametrize("model", list(MODELS))
def test_vector_gradient_gives_antiparallel_vector(model):
    p, g = Particle([50e-9, 500e-9], "psl"), Gas("air")
    grad = np.array([1e4, -2e4, 5e3])
    f = quiet(thermophoretic_force, p, g, grad, model)
    assert f.shape == (2, 3)
    fs = quiet(thermophoretic_force, p, g, 1.0, model)
    np.testing.assert_allclose(f, fs[:, None] * grad, rtol=1e-14)


def test_vector_flag_and_shapes():
    p, g = Particle([1e-7, 2e-7, 3e-7], "psl"), Gas("air")
    # three scalar gradients, one per particle
    v = thermophoretic_velocity(p, g, [1e3, 2e3, 3e3], vector=False)
    assert v.shape == (3,)
    with pytest.raises(ValueError, match="vector=True needs a last axis of length 3"):
        thermophoretic_velocity(p, g, [1e3, 2e3], vector=True)
    # gas arrays broadcast with particle arrays
    g2 = Gas("air", temperature=300.0, pressure=np.array([[1e3], [1e5]]))
    r = thermophoresis(p, g2, 1e4)
    assert np.shape(r.velocity) == (2, 3)


def test_units_round_trip_for_gradient():
    p, g = Particle("200 nm", "psl"), Gas("air")
    assert thermophoretic_velocity(p, g, "10 K/mm") == pytest.approx(thermophoretic_velocity(p, g, 1e4), rel=1e-14, abs=0)
    assert thermophoretic_velocity(p, g, "1 degC/cm") == pytest.approx(thermophoretic_velocity(p, g, 100.0), rel=1e-14, abs=0)
    with pytest.raises(ValueError, match="grad_T: '1 K' has dimension"):
        thermophoretic_velocity(p, g, "1 K")


@settings(max_examples=30, deadline=None)
@given(lam=st.floats(0.0, 100.0), kn=st.floats(1e-4, 1e4))
def test_talbot_bounded_and_positive(lam, kn):
    k = talbot_1980(kn, lam)
    assert 0.0 <= k <= 1.2


@pytest.mark.parametrize("name", list(MODELS))
def test_every_registered_model_runs_at_its_range_limits(name):
    info = MODELS[name]
    gas = Gas("air", 300.0, 101325.0)
    lo, hi = info.kn_range
    for kn in (max(lo, 1e-3), min(hi, 1e3)):
        d = 2 * gas.mean_free_path / kn
        with warnings.catch_warnings():
            warnings.simplefilter("error", ValidityWarning)
            r = thermophoresis(Particle(d, "psl"), gas, 1e4, name)
        assert np.isfinite(r.velocity) and r.velocity < 0
        assert r.in_range


def test_out_of_range_warns_once_and_returns_value():
    with pytest.warns(ValidityWarning, match=r"'waldmann' .* Kn = mfp/radius = 0.0.*outside its validity range \[10, inf\]"):
        r = thermophoresis(Particle("10 um", "psl"), Gas("air"), 1e4, "waldmann")
    assert r.velocity < 0 and not r.in_range


def test_model_parameters_and_errors():
    p, g = Particle("200 nm", "psl"), Gas("air")
    a = thermophoresis(p, g, 1e4, "talbot").thermophoretic_coefficient
    b = thermophoresis(p, g, 1e4, "talbot", cm=1.146, ct=2.2).thermophoretic_coefficient
    assert a != b
    assert b == pytest.approx(talbot_1980(g.mean_free_path / 1e-7, g.thermal_conductivity / 0.14, cm=1.146, ct=2.2))
    with pytest.raises(ValueError, match=r"model 'waldmann' has no parameter\(s\) \['cm'\]"):
        thermophoresis(p, g, 1e4, "waldmann", cm=1.0)
    with pytest.raises(ValueError, match=r"unknown model 'talbott'; closest: talbot"):
        thermophoresis(p, g, 1e4, "talbott")
    with pytest.raises(ValueError, match="needs the particle conductivity"):
        thermophoresis(Particle("200 nm", density=1000.0), g, 1e4, "talbot")
    # Waldmann does not need it
    assert thermophoresis(Particle("20 nm", density=1000.0), Gas("air", 300.0, 100.0), 1e4, "waldmann").velocity < 0


# ---- drift versus diffusion ----------------------------------------------------------------------------------

def test_peclet_identities():
    p, g = Particle("200 nm", "psl"), Gas("air", 300.0, 101325.0)
    length, dT = 0.01, 100.0
    r = thermophoresis(p, g, dT / length, "talbot")
    pe = r.peclet(length)
    # Pe = |F| L / (k T): independent of the drag
    assert pe == pytest.approx(abs(r.force) * length / (BOLTZMANN * 300.0), rel=1e-12)
    # Pe = K_th Sc dT / T
    sc = g.kinematic_viscosity / r.diffusion_coefficient
    assert pe == pytest.approx(peclet_from_temperature_difference(r.thermophoretic_coefficient, sc, dT, 300.0), rel=1e-12)
    t_star = drift_dominance_time(r.velocity, r.diffusion_coefficient)
    assert abs(r.velocity) * t_star == pytest.approx(math.sqrt(2 * r.diffusion_coefficient * t_star), rel=1e-12, abs=0)
    assert drift_dominance_time(0.0, 1e-10) == math.inf


def test_seed_claim_tens_of_thousands_needs_large_temperature_differences():
    # "For a 200 nm particle the directed drift can be tens of thousands of times stronger than diffusion."
    # Pe = K_th Sc dT/T depends on dT/T only (not on L): in air at 300 K, Sc ~ 6.9e4 and K_th ~ 0.51, so
    # Pe = 1e4 needs dT ~ 86 K and Pe = 2e4 needs dT ~ 170 K across the region.
    p, g = Particle("200 nm", "psl"), Gas("air", 300.0, 101325.0)
    r = thermophoresis(p, g, 1.0, "talbot")
    sc = g.kinematic_viscosity / r.diffusion_coefficient
    per_kelvin = r.thermophoretic_coefficient * sc / 300.0
    assert 60.0 < 1e4 / per_kelvin < 120.0
    assert peclet_from_temperature_difference(r.thermophoretic_coefficient, sc, 10.0, 300.0) < 2000.0


# ---- compiled fast path equals the general path ------------------------------------------------------------

@pytest.mark.parametrize("model, kw", [("talbot", {}), ("talbot", {"cm": 1.146, "ct": 2.2}), ("brock", {}),
                                       ("brock", {"slip": "allen_raabe_1985"})])
def test_fast_path_matches_general_path(model, kw):
    from thermophoresis.drift import thermophoresis as general

    gas = Gas("air", 350.0, 2e4)
    d = np.logspace(-8.5, -5, 300)
    p = Particle(d, "silica")
    fast = quiet(thermophoretic_velocity, p, gas, 3e3, model, **kw)
    slow = quiet(general, p, gas, 3e3, model, **kw).velocity
    np.testing.assert_allclose(fast, slow, rtol=1e-12)
    for one in (d[0], d[-1]):
        assert quiet(thermophoretic_velocity, Particle(float(one), "silica"), gas, 3e3, model, **kw) == \
            pytest.approx(quiet(general, Particle(float(one), "silica"), gas, 3e3, model, **kw).velocity, rel=1e-12, abs=0)
    assert np.all(quiet(thermophoretic_velocity, p, gas, 0, model, **kw) == 0.0)


def test_fast_path_brock_warns_outside_range():
    with pytest.warns(ValidityWarning, match="brock"):
        thermophoretic_velocity(Particle([1e-6, 50e-9], "psl"), Gas("air"), 1e3, "brock")


def test_li_wang_rigid_sphere_reduces_to_waldmann():
    gas = Gas("N2", 300.0, 5.0)
    for f in (0.0, 0.9, 1.0):
        p = Particle(20e-9, "silica", momentum_accommodation=f)
        lw = thermophoresis(p, gas, 1e3, "li_wang")
        wd = thermophoresis(p, gas, 1e3, "waldmann")
        assert lw.thermophoretic_coefficient == pytest.approx(wd.thermophoretic_coefficient, rel=1e-12, abs=0)
        assert lw.force == pytest.approx(wd.force, rel=1e-12, abs=0)
        assert lw.velocity == pytest.approx(wd.velocity, rel=1e-12, abs=0)


def test_li_wang_interaction_lowers_thermophoresis_of_small_particles():
    # with the transcribed fits, an attractive gas-particle potential lowers K_th of a 2 nm particle
    gas = Gas("N2", 300.0, 5.0)
    p = Particle(2e-9, "silica")
    rigid = thermophoresis(p, gas, 1e3, "li_wang").thermophoretic_coefficient
    soft = thermophoresis(p, gas, 1e3, "li_wang", epsilon_k=300.0, sigma=0.35e-9).thermophoretic_coefficient
    assert soft < rigid
    with pytest.raises(ValueError, match="diffuse_fraction must be"):
        thermophoresis(p, gas, 1e3, "li_wang", diffuse_fraction="lots")
    nano = thermophoresis(p, gas, 1e3, "li_wang", diffuse_fraction="li-wang-2004")
    # tiny particles scatter specularly in Li & Wang's accommodation function: K_th -> 0.75 (k_tr T/(p nu) = 15/4)
    assert nano.thermophoretic_coefficient == pytest.approx(0.75, rel=0.01)


def test_fast_path_keeps_slip_and_handles_array_conductivity():
    from thermophoresis import UnknownNameError
    from thermophoresis.drift import thermophoresis as general

    p, g = Particle([50e-9, 200e-9], "psl"), Gas("air")
    with pytest.raises(UnknownNameError):
        thermophoretic_velocity(p, g, 1e3, "brock", slip="nonsense")
    v = quiet(thermophoretic_velocity, p, g, 1e3, "brock", slip="davies_1945", vector=False)
    np.testing.assert_allclose(v, quiet(general, p, g, 1e3, "brock", slip="davies_1945").velocity, rtol=1e-12)
    q = Particle([50e-9, 200e-9], "psl", conductivity=[0.1, 10.0])
    np.testing.assert_allclose(thermophoretic_velocity(q, g, 1e3), general(q, g, 1e3).velocity, rtol=1e-12)
