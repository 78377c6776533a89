"""The tube, wafer and precipitator sweep targets against independent values (exact limits, Gormley-Kennedy,
a quadrature of the plug-flow trajectories)."""

import math

import pytest
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import erfcx

from thermophoresis import Gas, Particle
from thermophoresis.sweep.targets import precipitator_target, tube_target, wafer_target
from thermophoresis.drift import thermophoresis


def _gormley_kennedy_penetration(xi):
    # see test_independent_checks.py: xi = D L / (R^2 U)
    if xi <= 0.02:
        return 1 - 2.5638 * xi ** (2 / 3) + 1.2 * xi + 0.1767 * xi ** (4 / 3)
    return (0.81905 * math.exp(-3.6568 * xi) + 0.09753 * math.exp(-22.305 * xi)
            + 0.0325 * math.exp(-56.961 * xi) + 0.01544 * math.exp(-107.62 * xi))


def test_tube_target_isothermal_is_gormley_kennedy_and_flow_rate_gives_the_mean_velocity():
    radius, length, q = 2e-3, 0.2, 0.3e-3 / 60  # 0.3 L/min
    out = tube_target(20e-9, radius=radius, length=length, flow_rate=q, t_inlet=293.15, t_wall=293.15,
                      n_r=200, n_x=2000)
    u = q / (math.pi * radius**2)
    assert out["mean_velocity"] / u == pytest.approx(1.0, rel=1e-12, abs=0)
    gas = Gas("air", 293.15, 101325.0)
    assert out["reynolds_number"] / (2 * radius * u / float(gas.kinematic_viscosity)) == \
        pytest.approx(1.0, rel=1e-12, abs=0)
    d = float(thermophoresis(Particle(20e-9, "psl"), gas, 1.0).diffusion_coefficient)
    ref = 1 - _gormley_kennedy_penetration(d * length / (radius**2 * u))
    assert out["deposition_efficiency"] / ref == pytest.approx(1.0, rel=2e-3, abs=0)


@pytest.mark.parametrize("gravity", [False, True])
def test_wafer_target_without_heating_is_the_exact_stagnation_solution(gravity):
    a = 100.0
    out = wafer_target(1e-6, strain_rate=a, delta_t=0.0, gravity=gravity)
    gas, p = Gas("air", 293.15, 101325.0), Particle(1e-6, "psl")
    r = thermophoresis(p, gas, 1.0)
    d = float(r.diffusion_coefficient)
    v_s = float(p.mass) * 9.80665 * (1 - float(gas.density) / float(p.density)) / float(r.friction_coefficient)
    v_s = v_s if gravity else 0.0
    exact = math.sqrt(2 * a * d / math.pi) / erfcx(v_s / math.sqrt(2 * a * d))
    assert out["deposition_velocity"] / exact == pytest.approx(1.0, rel=2e-3, abs=0)
    delta = math.sqrt(math.pi * d / (2 * a))
    film = d / delta if not gravity else v_s / -math.expm1(-v_s * delta / d)
    assert out["deposition_velocity_film"] / film == pytest.approx(1.0, rel=1e-9, abs=0)


@pytest.mark.parametrize("length", [0.02, 0.1])
def test_precipitator_target_plug_flow_against_trajectory_quadrature(length):
    # plug flow U: a particle entering at height z0 drifts down at v(z) (K_th nu/T at the local temperature of
    # the linear profile) and lands at x = U int_0^z0 dz / v(z). The collected fraction is z*/gap, where
    # x(z*) = L. Second method: quadrature and root finding here instead of the module's grid.
    gap, t_cold, t_hot, u = 5e-3, 293.15, 313.15, 0.05
    p = Particle(1e-6, "psl")
    base = Gas("air", 0.5 * (t_cold + t_hot), 101325.0)

    def v(z):
        t = t_cold + (t_hot - t_cold) * z / gap
        g = base.with_state(temperature=t)
        k = float(thermophoresis(p, g, 1.0).thermophoretic_coefficient)
        return k * float(g.kinematic_viscosity) / t * (t_hot - t_cold) / gap

    def landing(z0):
        return u * quad(lambda z: 1.0 / v(z), 0.0, z0, epsabs=0.0, epsrel=1e-10)[0]

    expected = 1.0 if landing(gap) <= length else brentq(lambda z0: landing(z0) - length, 0.0, gap, xtol=1e-14) / gap
    out = precipitator_target(1e-6, gap=gap, t_cold=t_cold, t_hot=t_hot, mean_velocity=u, length=length, flow="plug")
    assert out["collection_efficiency"] / expected == pytest.approx(1.0, rel=2e-3, abs=0)
