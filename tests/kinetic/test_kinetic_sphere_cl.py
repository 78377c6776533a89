"""Cercignani–Lampis walls on the kinetic sphere: the diffuse limit, free-molecular closed forms, reciprocity.

The free-molecular CL drag is derived in docs/kinetic_sphere.md (section "Cercignani–Lampis walls"):
F = (4 pi / 3) a^2 n m cbar U delta_CL with delta_CL = [1 + alpha_t + (pi/4) 2F1(-1/2, -1/2; 1; 1 - alpha_n)] / 2.
Here the closed form is checked against a direct quadrature of the CL normal kernel, and the solver against
the closed form. Grids are coarse (about a second per solve).
"""

import dataclasses
import math

import numpy as np
import pytest
from scipy import integrate, special

from thermophoresis.exceptions import InputError, UnknownNameError, ValidityWarning
from thermophoresis.kinetic.sphere import SphereGrid, default_grid, solve_sphere

COARSE = SphereGrid(n_r=24, n_mu=8, n_c=8)
RECIP = dataclasses.replace(default_grid(1.0), n_r=40, n_mu=8, n_c=8)


def delta_cl(alpha_n, alpha_t):
    """Free-molecular drag of a CL sphere over (4 pi/3) a^2 n m cbar U (docs/kinetic_sphere.md)."""
    return 0.5 * (1.0 + alpha_t + 0.25 * math.pi * special.hyp2f1(-0.5, -0.5, 1.0, 1.0 - alpha_n))


def delta_cl_by_quadrature(alpha_n, alpha_t):
    """The same from the kernel's definition: J = int_0^inf w^2 E[c_n | w] exp(-w^2) dw, E the mean normal speed
    re-emitted by the CL normal kernel (2 c/alpha_n) exp(-(c^2 + (1 - alpha_n) w^2)/alpha_n) I0(2 sqrt(1 - alpha_n) c w/alpha_n)."""
    rho = 1.0 - alpha_n

    def kernel(c, w):
        z = 2.0 * math.sqrt(rho) * c * w / alpha_n
        # I0(z) exp(-z) is i0e; the exponent is written so that nothing overflows
        return (2.0 * c / alpha_n) * special.i0e(z) * math.exp(z - (c * c + rho * w * w) / alpha_n)

    def mean_out(w):
        return integrate.quad(lambda c: c * kernel(c, w), 0.0, 12.0, limit=200)[0]

    j = integrate.quad(lambda w: w * w * mean_out(w) * math.exp(-w * w), 0.0, 7.0, limit=200)[0]
    return 0.5 * (1.0 + alpha_t + 2.0 * j)


@pytest.mark.parametrize("alpha_n", [1.0, 0.5, 0.1])
def test_free_molecular_cl_drag_closed_form_is_the_kernel_quadrature(alpha_n):
    assert delta_cl(alpha_n, 0.7) == pytest.approx(delta_cl_by_quadrature(alpha_n, 0.7), rel=1e-7, abs=0)


def test_free_molecular_cl_drag_closed_form_limits():
    # diffuse (alpha_n = alpha_t = 1): Epstein's 1 + pi/8; specular (both -> 0): 1
    assert delta_cl(1.0, 1.0) == pytest.approx(1.0 + math.pi / 8.0, rel=1e-14, abs=0)
    assert delta_cl(1e-12, 0.0) == pytest.approx(1.0, rel=1e-9, abs=0)


@pytest.fixture(scope="module")
def diffuse_pairs():
    out = {}
    for problem in ("drag", "gradient", "dipole"):
        out[problem] = (solve_sphere(problem, 1.0, grid=COARSE),
                        solve_sphere(problem, 1.0, grid=COARSE, wall="cl", accommodation=1.0, normal_accommodation=1.0))
    return out


@pytest.mark.parametrize("problem", ["drag", "gradient", "dipole"])
def test_cl_with_full_accommodation_is_the_diffuse_wall(diffuse_pairs, problem):
    maxwell, cl = diffuse_pairs[problem]
    assert cl.force / maxwell.force == pytest.approx(1.0, rel=1e-9, abs=0)
    assert cl.heat_flux_dipole / maxwell.heat_flux_dipole == pytest.approx(1.0, rel=1e-9, abs=0)
    assert cl.wall == "cl" and maxwell.wall == "maxwell" and cl.to_dict()["normal_accommodation"] == 1.0


@pytest.mark.parametrize("alpha_n, alpha_t", [(0.5, 0.8), (0.3, 1.0), (1.0, 0.4)])
def test_free_molecular_cl_drag_is_the_closed_form(alpha_n, alpha_t):
    kn = 1000.0
    sol = solve_sphere("drag", kn, grid=COARSE, wall="cl", accommodation=alpha_t, normal_accommodation=alpha_n)
    # drag ratio F / (6 pi mu a U) = (4 / (9 Kn)) delta (Epstein's form; Kn = 1000 leaves -0.04 % of collisions)
    assert sol.drag_ratio / (4.0 / (9.0 * kn) * delta_cl(alpha_n, alpha_t)) == pytest.approx(1.0, abs=0.005)


@pytest.mark.parametrize("alpha_n", [0.5, 0.3])
def test_free_molecular_cl_dipole_force_scales_with_the_normal_accommodation(alpha_n):
    # only the normal energy exchange carries the wall-temperature dipole into normal momentum: F = -(pi/3) alpha_n
    sol = solve_sphere("dipole", 1000.0, grid=COARSE, wall="cl", accommodation=0.6, normal_accommodation=alpha_n)
    assert sol.force / (-math.pi / 3.0 * alpha_n) == pytest.approx(1.0, abs=0.005)


def test_reciprocity_holds_for_cl_walls():
    kw = dict(wall="cl", accommodation=0.8, normal_accommodation=0.5)
    a = solve_sphere("drag", 1.0, grid=RECIP, **kw)
    b = solve_sphere("gradient", 1.0, grid=RECIP, **kw)
    assert a.energy_functional / b.force == pytest.approx(1.0, abs=0.005)
    # and the wall matters: the CL force differs from the diffuse one by far more than the tolerance
    assert abs(b.force / solve_sphere("gradient", 1.0, grid=RECIP).force - 1.0) > 0.1


def test_cl_inputs_are_checked():
    with pytest.raises(UnknownNameError, match="wall"):
        solve_sphere("drag", 1.0, grid=COARSE, wall="lambert")
    with pytest.raises(InputError, match="normal_accommodation"):
        solve_sphere("drag", 1.0, grid=COARSE, wall="cl", normal_accommodation=1.5)
    with pytest.raises(InputError, match="normal_accommodation"):
        solve_sphere("drag", 1.0, grid=COARSE, normal_accommodation=0.5)  # Maxwell wall
    with pytest.raises(InputError, match="alpha_t"):
        solve_sphere("drag", 1.0, grid=COARSE, wall="cl", accommodation=0.0)


def test_near_specular_cl_wall_is_flagged():
    with pytest.warns(ValidityWarning, match="Cercignani-Lampis"):
        solve_sphere("dipole", 1000.0, grid=SphereGrid(n_r=12, n_mu=4, n_c=4), wall="cl", accommodation=0.1,
                     normal_accommodation=0.1)


def test_cl_wall_modes_are_orthonormal_on_the_wall_grid():
    from thermophoresis.kinetic.sphere import _wall_operator, speed_quadrature

    c, wc = speed_quadrature(8)
    _, wall_a, wall_b, proj_a, proj_b, tw, sig_tau, info = _wall_operator("cl", 0.6, 0.4, c, wc, 8)
    # the unit mode is the wall density and every other m = 0 mode carries no net mass flux: the re-emitted
    # distribution of each unknown has the flux of its own mode only (1 for the wall density, 0 otherwise)
    x, w = np.polynomial.legendre.leggauss(8)
    xu, wu = 0.5 * (x + 1.0), 0.5 * w
    wflux = 4.0 * c[:, None] * xu[None, :] * wc[:, None] * wu[None, :]
    n0 = info["cl_modes"][0]
    flux = np.einsum("lq,lqw->w", wflux, wall_a[..., :n0] + xu[None, :, None] * wall_b[..., :n0])
    assert flux[0] == pytest.approx(1.0, rel=1e-12, abs=0)
    assert np.max(np.abs(flux[1:])) < 1e-12
    assert tw[0] == 0.0 and sig_tau == 0.0


TINY_KN = SphereGrid(n_r=150, r_out=6.0, h_wall=1.33e-5, n_mu=12, n_c=8)  # as in test_kinetic_sphere.py


def test_small_kn_cl_drag_tends_to_the_half_space_cl_slip():
    from thermophoresis.kinetic.halfspace import slip_coefficients

    kw = dict(wall="cl", accommodation=0.8, normal_accommodation=0.5)
    cm = slip_coefficients("s", **kw).velocity_slip  # the half-space Kramers problem with the same CL wall
    c = {kn: (1.0 - solve_sphere("drag", kn, grid=TINY_KN, **kw).drag_ratio) / kn for kn in (0.01, 0.02)}
    # 1 - F/F_Stokes = C_m Kn + O(Kn^2): the O(Kn^2) term is -3 % of C_m at Kn = 0.01 for this wall; the linear
    # extrapolation to Kn = 0 from 0.02 and 0.01 gives C_m to 0.2 % (quadratic through Kn = 0.01-0.03 on the
    # default grids: 3e-5, docs/kinetic_sphere.md)
    c0 = 2.0 * c[0.01] - c[0.02]
    assert c0 / cm == pytest.approx(1.0, abs=0.005)
    assert c[0.02] < c[0.01] < cm
