"""Heated-wafer deposition with gravity, checked against an exact solution and a second method.

The scenario solves D n'' + a z n' - (v_p n)' = 0 (n(0) = 0, n(inf) = 1) by finite volumes. Here:

* constant drift (gravity only, no heating) has the exact solution
  n' = C exp(-(a z^2/2 + V z)/D), so v_d = D / int_0^inf exp(-(a s^2/2 + V s)/D) ds
  = sqrt(2 a D / pi) / erfcx(V / sqrt(2 a D)) with V the settling speed toward the wall (derived here);
* heating plus gravity is integrated by a second method: shooting from the wall with n(0) = 0, n'(0) = 1
  (the ODE is linear, and far away both solutions tend to constants, so n(inf) = 1 fixes the scale),
  with an implicit adaptive integrator and the exact constant-drift tail, the particle properties computed
  here from the force model's result, not taken from the wafer module.

A settling speed off by 1.3x changes the heated 2 um deposition by orders of magnitude, and the gravity-only
deposition by ~30 %; both fail these tests.
"""

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp
from scipy.special import erfcx

from thermophoresis import Gas, Particle
from thermophoresis.scenarios import HeatedWafer
from thermophoresis.drift import thermophoresis


def _inputs(particle, gas):
    # the scenario uses the drag that goes with the force model (zeta = F/v; Talbot's fit has its own
    # Cunningham factor, 0.1-0.4 % from Kim et al.'s here), so the settling speed is m g (1 - rho_g/rho_p)/zeta
    r = thermophoresis(particle, gas, 1.0, "talbot")
    zeta = float(r.friction_coefficient)
    settle = float(particle.mass) * 9.80665 * (1 - float(gas.density) / float(particle.density)) / zeta
    c_th = float(r.thermophoretic_coefficient) * float(gas.kinematic_viscosity) / float(gas.temperature)
    return float(r.diffusion_coefficient), settle, c_th


def _exact_constant_drift(a, d, v_toward_wall):
    return math.sqrt(2 * a * d / math.pi) / erfcx(v_toward_wall / math.sqrt(2 * a * d))


@pytest.mark.parametrize("diameter", ["0.5 um", "2 um", "5 um"])
def test_gravity_only_deposition_is_the_exact_constant_drift_solution(diameter):
    gas, a = Gas("air"), 100.0
    p = Particle(diameter, "psl")
    d, v_s, _ = _inputs(p, gas)
    exact = _exact_constant_drift(a, d, v_s)
    got = HeatedWafer(gas, a, 0.0, gravity=True).deposition_velocity(p)
    # the finite-volume grid gives ~1e-4; settling adds 2 % (0.5 um) to 15x (5 um) to the diffusion value
    assert got / exact == pytest.approx(1.0, rel=2e-3, abs=0)
    assert exact > 1.01 * math.sqrt(2 * a * d / math.pi)


def _shoot(a, d, drift_away, z_1, v_settle=None):
    # in zeta = z / L, L = sqrt(D/a): n'' = -(zeta - v_p/(a L)) n' + (dv_p/dz / a) n, n(0) = 0, n'(0) = 1,
    # integrated (implicitly: the -zeta n' term is stiff far out) to z_1, beyond which the thermal layer has
    # decayed and v_p = -v_settle, where the equation integrates exactly:
    # n(inf) = n_1 + n'_1 sqrt(pi/2) erfcx((zeta_1 + w)/sqrt(2)), w = v_settle/(a L). v_d = (D/L)/n(inf).
    scale = math.sqrt(d / a)

    def rhs(zeta, y):
        vp, dvp = drift_away(zeta * scale)
        return [y[1], -(zeta - vp / (a * scale)) * y[1] + dvp / a * y[0]]

    def jac(zeta, y):
        vp, dvp = drift_away(zeta * scale)
        return [[0.0, 1.0], [dvp / a, -(zeta - vp / (a * scale))]]

    sol = solve_ivp(rhs, (0.0, z_1 / scale), [0.0, 1.0], method="Radau", jac=jac, rtol=1e-10, atol=1e-12)
    assert sol.success
    n1, dn1 = sol.y[0, -1], sol.y[1, -1]
    if v_settle is None:  # the truncated problem: n(z_1) = 1
        return d / scale / n1
    w = v_settle / (a * scale)
    n_inf = n1 + dn1 * math.sqrt(math.pi / 2) * erfcx((z_1 / scale + w) / math.sqrt(2))
    return d / scale / n_inf


CASES = [("2 um", 10.0), ("1 um", 10.0), ("0.3 um", 2.0), ("5 um", -5.0)]


def _heated_case(diameter, delta_t, a=100.0):
    gas = Gas("air")
    p = Particle(diameter, "psl")
    d, v_s, c_th = _inputs(p, gas)
    # erfc thermal layer of the potential stagnation flow: alpha T'' + a z T' = 0, T' ~ exp(-a z^2/(2 alpha))
    ell = math.sqrt(2 * float(gas.thermal_diffusivity) / a)

    def drift_away(z):
        g = math.exp(-(z / ell) ** 2)
        dtdz = -delta_t * 2 / math.sqrt(math.pi) / ell * g
        d2tdz2 = -2 * z / ell**2 * dtdz
        return -c_th * dtdz - v_s, -c_th * d2tdz2

    got = HeatedWafer(gas, a, delta_t, gravity=True).deposition_velocity(p)
    return got, a, d, v_s, ell, drift_away


@pytest.mark.parametrize("diameter, delta_t", CASES)
def test_heated_wafer_with_gravity_agrees_with_shooting(diameter, delta_t):
    # the same two-point problem as the scenario (n = 1 at its z_max = 12 sqrt(D/a)), by shooting
    got, a, d, v_s, ell, drift_away = _heated_case(diameter, delta_t)
    ref = _shoot(a, d, drift_away, 12 * math.sqrt(d / a))
    assert got / ref == pytest.approx(1.0, rel=1e-3, abs=0)


@pytest.mark.xfail(strict=True, reason="known: the scenario's domain (12 sqrt(D/a), a few um) ends inside the "
                   "thermal layer (0.7 mm), so it misses the ~1 % compression of the concentration by the varying "
                   "thermophoretic drift across the layer (n'/n = v_p'/(a z - v_p) outside the diffusion layer)")
@pytest.mark.parametrize("diameter, delta_t", CASES[:2])
def test_heated_wafer_with_gravity_agrees_with_the_untruncated_problem(diameter, delta_t):
    got, a, d, v_s, ell, drift_away = _heated_case(diameter, delta_t)
    ref = _shoot(a, d, drift_away, 7 * ell, v_s)  # exp(-49): the thermal drift is gone; exact tail beyond
    assert got / ref == pytest.approx(1.0, rel=2e-3, abs=0)


def test_film_estimate_limits():
    # without drift the film thickness sqrt(pi D/(2a)) reproduces the exact stagnation value sqrt(2aD/pi);
    # with settling only, the film's drift is the settling speed: v_d = V / (1 - exp(-V delta/D))
    gas, a = Gas("air"), 100.0
    p = Particle("0.2 um", "psl")
    d, v_s, c_th = _inputs(p, gas)
    plain = HeatedWafer(gas, a, 0.0, gravity=False).deposition_velocity_film(p)
    assert plain / math.sqrt(2 * a * d / math.pi) == pytest.approx(1.0, rel=1e-9, abs=0)
    delta = math.sqrt(math.pi * d / (2 * a))
    q = Particle("3 um", "psl")
    dq, vq, cq = _inputs(q, gas)
    dlt = math.sqrt(math.pi * dq / (2 * a))
    settled = HeatedWafer(gas, a, 0.0, gravity=True).deposition_velocity_film(q)
    assert settled / (vq / -math.expm1(-vq * dlt / dq)) == pytest.approx(1.0, rel=1e-9, abs=0)
    # heating: the drift at the wall is c_th * dT/dz(0) toward the wall, dT/dz(0) = -2 dT/(sqrt(pi) ell)
    ell = math.sqrt(2 * float(gas.thermal_diffusivity) / a)
    v = -c_th * 2.0 * 5.0 / (math.sqrt(math.pi) * ell) + v_s
    heated = HeatedWafer(gas, a, 5.0, gravity=True).deposition_velocity_film(p)
    assert heated / (v / -math.expm1(-v * delta / d)) == pytest.approx(1.0, rel=1e-9, abs=0)
