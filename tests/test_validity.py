"""Issue 15.2 and 15.8: the states and inputs where the toolkit's assumptions break say so, once per call.

Reference points: the saturation equations reproduce independent fixed points (water boils at
373.124 K under 101.325 kPa on ITS-90; dry ice sublimes at 194.686 K under 101.325 kPa; the triple points
join the two branches of each curve); the Schiller-Naumann settling speed is checked against a direct
root-find of the same force balance and against Gunn & Kinzer's (1949) measured 4.03 m/s for a 1 mm drop.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy.optimize import brentq

from thermophoresis import Gas, Particle, mobility_summary, thermophoresis, thermophoretic_velocity
from thermophoresis.exceptions import InputError, ValidityWarning
from thermophoresis.gas import saturation_pressure_co2, saturation_pressure_water, supersaturation
from thermophoresis.gas.saturation import CO2_CRITICAL, CO2_TRIPLE, WATER_CRITICAL, WATER_TRIPLE
from thermophoresis.mobility import settling_velocity_schiller_naumann


def _record(f, *a, **k):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = f(*a, **k)
    return out, [w for w in caught if issubclass(w.category, ValidityWarning)]


# ---- saturation curves ------------------------------------------------------------------------------------

def test_water_saturation_fixed_points():
    assert saturation_pressure_water(373.124) == pytest.approx(101325.0, rel=2e-5, abs=0)
    tt, pt = WATER_TRIPLE
    assert saturation_pressure_water(tt) == pytest.approx(pt, rel=1e-6, abs=0)  # liquid branch
    assert saturation_pressure_water(tt - 1e-9) == pytest.approx(pt, rel=1e-6, abs=0)  # ice branch
    assert saturation_pressure_water(WATER_CRITICAL[0]) == pytest.approx(WATER_CRITICAL[1], rel=1e-12, abs=0)
    assert saturation_pressure_water(700.0) == math.inf
    # over ice the vapour pressure is below the (extrapolated) liquid one: 259.9 Pa at -10 degC
    assert saturation_pressure_water(263.15) == pytest.approx(259.9, rel=1e-3, abs=0)
    t = np.linspace(200.0, 640.0, 200)
    assert np.all(np.diff(saturation_pressure_water(t)) > 0)


def test_co2_saturation_fixed_points():
    assert saturation_pressure_co2(194.686) == pytest.approx(101325.0, rel=1e-4, abs=0)
    tt, pt = CO2_TRIPLE
    assert saturation_pressure_co2(tt) == pytest.approx(pt, rel=1e-4, abs=0)
    assert saturation_pressure_co2(tt - 1e-9) == pytest.approx(pt, rel=1e-4, abs=0)
    assert saturation_pressure_co2(CO2_CRITICAL[0]) == pytest.approx(CO2_CRITICAL[1], rel=1e-12, abs=0)
    assert saturation_pressure_co2(310.0) == math.inf


def test_water_at_room_temperature_and_one_atmosphere_is_43_times_saturated():
    assert supersaturation("H2O", 101325.0, 293.15) == pytest.approx(43.3, rel=2e-3, abs=0)
    gas, caught = _record(Gas, "H2O", 293.15, 101325.0)
    assert len(caught) == 1
    msg = str(caught[0].message)
    assert "condensing vapour" in msg and "H2O" in msg and "43.3 times" in msg and "2339 Pa" in msg
    assert gas.mean_free_path > 0  # the value is still computed


def test_dry_steam_humid_air_and_supercritical_co2_are_not_flagged():
    for args in (("H2O", 400.0, 101325.0), ({"air": 0.98, "H2O": 0.02}, 293.15, 101325.0), ("CO2", 320.0, 1e6),
                 ("CO2", 200.0, 101325.0)):
        _, caught = _record(Gas, *args)
        assert caught == [], args
    _, caught = _record(Gas, {"air": 0.97, "H2O": 0.03}, 293.15, 101325.0)
    assert len(caught) == 1 and "condensing vapour" in str(caught[0].message)
    _, caught = _record(Gas, "CO2", 250.0, 3e6)  # above its 1.79 MPa vapour pressure at 250 K
    assert len(caught) == 1 and "CO2" in str(caught[0].message)


# ---- dense gas --------------------------------------------------------------------------------------------

def test_dense_gas_is_flagged_with_the_mean_free_path_in_molecular_diameters():
    gas, caught = _record(Gas, "air", 293.15, 1e8)
    assert len(caught) == 1
    msg = str(caught[0].message)
    assert "dense gas" in msg and "n sigma^3 = 1.15" in msg and "6.61e-11 m" in msg
    assert gas.mean_free_path == pytest.approx(0.066e-9, rel=0.01, abs=0)  # the 0.066 nm
    for p in (101325.0, 1e6):
        assert _record(Gas, "air", 293.15, p)[1] == []
    _, caught = _record(Gas, "air", 293.15, [1e5, 1e8, 2e8])  # arrays: one warning, the worst state
    assert len(caught) == 1 and "2e+08 Pa" in str(caught[0].message)


# ---- linear response --------------------------------------------------------------------------------------

@pytest.mark.parametrize("shape", ["scalar", "array", "vector"])
def test_linear_response_limits_warn_once_per_call(shape):
    d = {"scalar": 200e-9, "array": np.array([200e-9, 1e-6]), "vector": 200e-9}[shape]
    grad = (lambda g: [0.0, 0.0, g]) if shape == "vector" else (lambda g: g)
    p = Particle(d, "psl")
    # 1e-5 Pa: the drift would be thousands of times the molecular speed
    _, caught = _record(thermophoresis, p, Gas("air", 293.15, 1e-5), grad(1e4))
    assert len(caught) == 1
    assert "|v| / c_mean" in str(caught[0].message) and "lambda |grad T| / T" in str(caught[0].message)
    # 1e12 K/m at 1 atm: the temperature changes by ~220 times itself over one mean free path
    r, caught = _record(thermophoresis, p, Gas("air"), grad(1e12))
    assert len(caught) == 1 and "lambda |grad T| / T = 22" in str(caught[0].message)
    # an ordinary case: nothing
    assert _record(thermophoresis, p, Gas("air"), grad(1e4))[1] == []


def test_linear_response_and_kn_range_share_one_warning():
    _, caught = _record(thermophoresis, Particle(1e-6, "psl"), Gas("air"), 1e12, "waldmann")
    assert len(caught) == 1
    msg = str(caught[0].message)
    assert "outside its validity range" in msg and "lambda |grad T| / T" in msg
    _, caught = _record(thermophoretic_velocity, Particle(np.array([1e-6, 2e-6]), "psl"), Gas("air"), 1e12)
    assert len(caught) == 1 and "lambda |grad T| / T" in str(caught[0].message)


# ---- settling beyond Stokes -------------------------------------------------------------------------------

def test_millimetre_sphere_settling_is_flagged_with_the_schiller_naumann_value():
    s, caught = _record(mobility_summary, Particle(1e-3, "psl"), Gas("air"))
    assert len(caught) == 1
    msg = str(caught[0].message)
    assert "Reynolds number 2.08e+03" in msg and "Schiller-Naumann drag gives 3.98 m/s" in msg
    assert s.settling_velocity == pytest.approx(31.4, rel=0.01, abs=0)  # Stokes, as the issue found
    assert s.settling_reynolds_number == pytest.approx(2.1e3, rel=0.02, abs=0)
    assert _record(mobility_summary, Particle(1e-6, "psl"), Gas("air"))[1] == []


def test_schiller_naumann_solves_its_force_balance():
    rho_p, rho_g, mu, g = 998.0, 1.204, 1.82e-5, 9.80665
    for d in (30e-6, 1e-4, 1e-3):
        v = settling_velocity_schiller_naumann(d, rho_p, rho_g, mu)

        def balance(u):
            re = rho_g * u * d / mu
            drag = 3 * math.pi * mu * d * u * (1 + 0.15 * re**0.687)
            return drag - math.pi / 6 * d**3 * (rho_p - rho_g) * g

        assert v == pytest.approx(brentq(balance, 1e-12, 100.0, xtol=1e-15, rtol=1e-14), rel=1e-10, abs=0)
    # Gunn & Kinzer (1949): 1.0 mm rain drops fall at 4.03 m/s; a rigid sphere is ~5 % slower
    v1 = settling_velocity_schiller_naumann(1e-3, rho_p, rho_g, mu)
    assert 0.93 < v1 / 4.03 < 0.99
    # small particles: the slip-corrected Stokes velocity (Re -> 0)
    d, cc = 1e-7, 2.9
    stokes = (rho_p - rho_g) * g * d**2 * cc / (18 * mu)
    # (the correction 0.15 Re^0.687 is still 3e-7 at Re = 5e-9)
    assert settling_velocity_schiller_naumann(d, rho_p, rho_g, mu, cc) == pytest.approx(stokes, rel=1e-6, abs=0)
    with pytest.warns(ValidityWarning, match="beyond the Schiller-Naumann range"):
        settling_velocity_schiller_naumann(5e-3, 8000.0, rho_g, mu)


# ---- inputs that are not objects, and shapes ------------------------------------------------------------

def test_a_bare_diameter_gets_a_message_that_shows_the_fix():
    with pytest.raises(InputError, match=r"particle must be a Particle, e\.g\. Particle\('200 nm', 'psl'\)"):
        thermophoresis("200 nm", Gas("air"), 1e4)
    with pytest.raises(InputError, match=r"gas must be a Gas"):
        thermophoresis(Particle("200 nm", "psl"), "air", 1e4)


def test_shape_mismatches_name_the_parameters_and_shapes():
    p3 = Particle([1e-7, 2e-7, 3e-7], "psl")
    with pytest.raises(InputError, match=r"particle\.diameter \(3,\), gas state \(temperature, pressure\) \(2,\)"):
        thermophoresis(p3, Gas("air", temperature=[300.0, 400.0]), 1e3)
    with pytest.raises(InputError, match=r"particle\.diameter \(3,\).*grad_T \(4,\)"):
        thermophoresis(p3, Gas("air"), np.ones(4))
    with pytest.raises(InputError, match=r"grad_T \(without its vector axis\) \(2,\)"):
        thermophoresis(p3, Gas("air"), np.ones((2, 3)))
    with pytest.raises(InputError, match=r"particle\.diameter \(3,\).*gas state \(temperature, pressure\) \(2,\)"):
        mobility_summary(p3, Gas("air", temperature=[300.0, 400.0]))
    with pytest.raises(InputError, match=r"Particle: shapes do not broadcast together: diameter \(3,\).*"
                                         r"conductivity \(2,\)"):
        Particle([1e-7, 2e-7, 3e-7], "psl", conductivity=[1.0, 2.0])
