"""Li & Wang's collision integrals against a trajectory computation (thermophoresis.kinetic.collision_integrals).

What is independent here: the potential (integrated Lennard-Jones sphere, derived, checked against direct
quadrature), classical deflection angles and their thermal averages. What it checks:

* exact limits: the computed integrals tend to the rigid-sphere values 1 (specular) and 1 + pi/8,
  1 + 5 pi/48 (diffuse, Epstein's re-emission at the gas temperature) as sigma'/a -> 0;
* the exact temperature recursion Omega12* = Omega11* (1 + dln Omega11*/3 dln T*) for specular scattering;
* the transcribed *specular* fits of force/li_wang.py at sigma'/a = 0.1, where they agree with the
  computation to 0.3-0.7 % (docs/validation.md lists the wider comparison, up to 12 % at sigma'/a = 0.5).

The *diffuse* computation depends on which trajectories count as captured (the integrated potential has no
surface a molecule can touch); the two criteria computed
(capture at the potential minimum, or where the potential is positive) give fits/computed of 1.00-1.16 and
1.01-1.33 over sigma'/a = 0.1-0.5, T* = 0.5-100 (docs/validation.md); at sigma'/a = 0.1 the first agrees to
1.3 %, which is asserted. Each value is computed once per module.
"""

import math

import numpy as np
import pytest
from scipy.integrate import quad

from thermophoresis.force import li_wang_collision_integrals
from thermophoresis.kinetic.collision_integrals import (
    momentum_transfer_cross_section,
    reduced_collision_integrals,
    sphere_lj_potential,
)

NODES = 12  # Gauss-Laguerre nodes: within 2e-4 (specular) and 2e-3 (diffuse) of 40 nodes at these points


@pytest.fixture(scope="module")
def computed():
    cache = {}

    def get(t_star, s, scattering="specular", capture="well"):
        key = (t_star, s, scattering, capture)
        if key not in cache:
            cache[key] = reduced_collision_integrals(t_star, s, scattering, capture, nodes=NODES)
        return cache[key]

    return get


def test_potential_is_the_integrated_lennard_jones_sphere():
    # direct quadrature over spherical shells of the site density: int |r - r'|^-k d^3r' for k = 6, 12,
    # phi / eps' = (6 / pi) (I_12 - I_6) in units of sigma (eps' = 2 pi n eps sigma^3 / 3)
    radius = 2.0
    for r in (2.6, 3.1, 5.0):
        def shell(k):
            f = lambda rho: 2 * math.pi * rho / (r * (k - 2)) * ((r - rho) ** (2 - k) - (r + rho) ** (2 - k))
            return quad(f, 0.0, radius, epsabs=0, epsrel=1e-12)[0]
        direct = 6 / math.pi * (shell(12) - shell(6))
        assert sphere_lj_potential(r, radius) / direct == pytest.approx(1.0, rel=1e-10, abs=0)
    # the 9-3 wall near a large sphere
    z = np.array([0.8, 1.0, 2.0])
    wall = 2 / 15 * z**-9 - z**-3
    assert np.all(np.abs(sphere_lj_potential(1e5 + z, 1e5) / wall - 1) < 1e-4)


def test_rigid_sphere_limit_at_one_energy():
    # the exact rigid-sphere limit at one energy: a large sphere (s = 1e-4) at E = 100 eps' sees a thin hard
    # shell, so the momentum-transfer cross-section is pi a^2, every trajectory reaching the wall is captured (sigma_c = pi a^2) and the struck
    # points' cosine moment is that of a rigid sphere, int_0^a 2 pi b sqrt(1 - b^2/a^2) db = (2/3) pi a^2
    # (measured deviations: 2.1e-4, 2.1e-4, 2e-6)
    q_spec, _, _ = momentum_transfer_cross_section(100.0, 1e-4, "specular")
    q_in, sigma_c, cos_m = momentum_transfer_cross_section(100.0, 1e-4, "diffuse", "zero")
    assert q_spec == pytest.approx(1.0, rel=5e-4, abs=0)
    assert q_in == pytest.approx(1.0, rel=5e-4, abs=0)
    assert sigma_c == pytest.approx(1.0, rel=5e-4, abs=0)
    assert cos_m / sigma_c == pytest.approx(2.0 / 3.0, rel=5e-5, abs=0)


@pytest.mark.parametrize("scattering, exact", [
    ("specular", (1.0, 1.0)),
    ("diffuse", (1 + math.pi / 8, 1 + 5 * math.pi / 48)),
])
def test_rigid_sphere_limit_of_the_thermal_averages(scattering, exact):
    # s = 1e-4, T* = 100: the integrals tend to the rigid values (diffuse: Epstein's re-emission term through
    # the time-reversal formula), approached as s^(1/2) for diffuse scattering (grazing deflection on a large
    # sphere; measured 1.8e-4 specular, 2.2e-4 diffuse); a missing or wrong re-emission term is off by > 1e-2
    omega = reduced_collision_integrals(100.0, 1e-4, scattering, "zero", nodes=8)
    for o, e in zip(omega, exact):
        assert o / e == pytest.approx(1.0, rel=1e-3, abs=0)


def test_specular_computation_obeys_the_temperature_recursion(computed):
    # exact for scattering in any central potential. Numerical derivative with h = 0.3 in ln T*: its truncation
    # error and the quadrature noise it amplifies stay below 1e-3 here (measured -5e-4 with 12 nodes, 8e-5 with 16,
    # -7e-5 with 24; h = 0.1 amplifies the quadrature noise to 1.5e-3)
    h = 0.3
    t, s = 1.0, 0.25
    o11, o12 = computed(t, s)
    up = computed(t * math.exp(h), s)[0]
    down = computed(t * math.exp(-h), s)[0]
    dln = (math.log(up) - math.log(down)) / (2 * h)
    assert o12 / (o11 * (1 + dln / 3)) == pytest.approx(1.0, rel=1e-3, abs=0)


@pytest.mark.parametrize("scattering", ["specular", "diffuse"])
@pytest.mark.parametrize("t_star", [1.0, 10.0])
def test_fits_agree_with_the_computation_for_sigma_ratio_0_1(computed, scattering, t_star):
    # the transcribed fits against a second method (the trajectory computation); measured fit/computed - 1
    # (Omega11*, Omega12*): specular +0.62 / +0.45 % (T* = 1), +0.30 / +0.24 % (T* = 10);
    # diffuse (capture at the well)
    # +0.59 / -0.24 % (T* = 1), +1.30 / +1.13 % (T* = 10). Allowed 1.5 %, set after measuring that agreement
    # and before any mutant was run:
    # the fits' own error (the specular ones, whose physics is unambiguous, are off by up to 1.1 % at s = 0.1)
    # and the computation's model error (diffuse: capture criterion, local returns) are of that order. So a
    # 5 % error in one diffuse coefficient (0.3-0.45 % of Omega here) is caught only when it adds to the 1.3 %:
    # the c1 x1.05 mutant gives +1.61 % at T* = 10 and fails, by a margin of 0.1 %; the c2 x1.05 mutant
    # (+1.40 %) passes. Neither margin is robust (tools/mutation.py lists c2 as an accepted survivor).
    c11, c12 = computed(t_star, 0.1, scattering, "well")
    f11, f12 = li_wang_collision_integrals(t_star, 0.1, 1.0 if scattering == "diffuse" else 0.0)
    assert f11 / c11 == pytest.approx(1.0, rel=0.015, abs=0)
    assert f12 / c12 == pytest.approx(1.0, rel=0.015, abs=0)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="scattering"):
        reduced_collision_integrals(1.0, 0.1, "mirror")
    with pytest.raises(ValueError, match="sigma_ratio"):
        reduced_collision_integrals(1.0, 0.0)
    with pytest.raises(ValueError, match="capture"):
        momentum_transfer_cross_section(1.0, 0.1, "diffuse", "touch")


def test_deflection_angle_and_struck_point_against_integrated_trajectories():
    # a second method for the scattering itself: integrate Newton's equations (unit mass, energies in eps',
    # lengths in sigma) from 40 sigma out, with the impact parameter b^2 = r_m^2 (1 - phi(r_m)/E) of a chosen
    # turning point, and compare the outgoing direction with the quadrature's chi, and the position at the
    # turning point with the struck-point cosine sin(chi/2) that the diffuse re-emission term uses
    from scipy.integrate import solve_ivp

    from thermophoresis.kinetic.collision_integrals import deflection_angle

    radius, energy, far = 4.0, 2.0, 44.0
    speed = math.sqrt(2.0 * energy)

    def rhs(_, y):
        r = math.hypot(y[0], y[1])
        h = 1e-6 * r
        force = -(sphere_lj_potential(r + h, radius) - sphere_lj_potential(r - h, radius)) / (2 * h)
        return [y[2], y[3], force * y[0] / r, force * y[1] / r]

    def turning(_, y):
        return y[0] * y[2] + y[1] * y[3]
    turning.direction = 1.0

    def left(_, y):
        return math.hypot(y[0], y[1]) - far
    left.terminal = True
    left.direction = 1.0

    # physical (outermost) turning points at E = 2: 4.66-4.84 (behind the orbiting barrier) and > 5.21
    for r_m in (4.70, 4.80, 5.4, 5.8, 7.0):
        b = r_m * math.sqrt(1.0 - sphere_lj_potential(r_m, radius) / energy)
        x0 = -math.sqrt(far**2 - b**2) + 1e-9
        sol = solve_ivp(rhs, (0.0, 500.0), [x0, b, speed, 0.0], method="DOP853", rtol=1e-11, atol=1e-12,
                        events=(turning, left))
        vx, vy = sol.y[2, -1], sol.y[3, -1]
        chi_ode = math.atan2(vy, vx)
        chi = float(deflection_angle([r_m], energy, radius)[0])
        wrapped = math.remainder(chi, 2 * math.pi)
        assert abs(wrapped - chi_ode) < 2e-4, (r_m, chi, chi_ode)
        tx, ty = sol.y_events[0][0][:2]
        assert math.hypot(tx, ty) / r_m == pytest.approx(1.0, rel=1e-6, abs=0)
        assert -tx / math.hypot(tx, ty) == pytest.approx(math.sin(chi / 2), rel=0, abs=2e-4)
