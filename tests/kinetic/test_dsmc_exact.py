"""DSMC against exact rates of its own molecular models: homogeneous relaxation, where only collisions act.

A spatially homogeneous gas between specular walls, started from a known distribution (two shifted
Maxwellians), relaxes at a rate that follows exactly from the model's cross-section and scattering law. The
first steps of the DSMC must give it. Cheap (10^6 molecule-steps per case) and sharp: the scattering law
enters through its momentum-transfer fraction, which is what distinguishes VSS from isotropic scattering.
"""

import math

import numpy as np
import pytest

from thermophoresis.kinetic.dsmc import FourierProblem


def _gauss_hermite_3d(fun, mean, variances, n=64):
    """E[fun(g)] for g ~ N(mean, diag(variances)), by a product Gauss-Hermite rule (n points per axis)."""
    x, w = np.polynomial.hermite_e.hermegauss(n)
    w = w / math.sqrt(2.0 * math.pi)
    axes = [m + math.sqrt(v) * x for m, v in zip(mean, variances)]
    gx, gy, gz = np.meshgrid(*axes, indexing="ij")
    weight = w[:, None, None] * w[None, :, None] * w[None, None, :]
    return float(np.sum(weight * fun(gx, gy, gz)))


@pytest.mark.parametrize("gas, model", [("helium", "vss"), ("argon", "vss"), ("argon", "hs")])
def test_counter_drifting_halves_relax_at_the_exact_momentum_transfer_rate(gas, model, monkeypatch):
    # What VSS changes against isotropic scattering with the same total cross-section: the momentum-transfer
    # (diffusion) cross-section, sigma_M = sigma_T (1 - <cos chi>) = 2 sigma_T / (1 + alpha) (cos chi =
    # 2 u^(1/alpha) - 1 has mean (alpha - 1)/(alpha + 1)): 0.885 for helium, 0.833 for argon. So a homogeneous
    # gas whose two halves drift at +-U along x (two shifted Maxwellians, w = u_A - u_B = 2U) loses relative
    # momentum at the exact initial rate
    #     -dw/dt / w = n / (1 + alpha) <sigma_T(g) g g_x> / w,   g ~ N(w e_x, (2kT/m) I),
    # with Bird's sigma_T(g) g = pi d_ref^2 (4kT_ref/m)^(omega - 1/2) g^(2 - 2 omega) / Gamma(5/2 - omega)
    # (1994, eq. 4.63), evaluated here by Gauss-Hermite quadrature (exact at finite U: no linearisation). The
    # DSMC gives it from the first steps (log-decrement per step, extrapolated linearly to step 0; 12 seeds of
    # 10^5 molecules; time steps of 1/50 of the collision time; walls specular and the drift along them, so
    # only collisions act). Stated before measuring: 4 standard errors of the seed spread (11 degrees of freedom: a correct
    # kernel fails with probability 0.2 %), two-sided (about 5 %); isotropic
    # scattering instead of VSS is +13 % (helium), +20 % (argon).
    from thermophoresis.constants import BOLTZMANN
    from thermophoresis.kinetic import _kernels
    from thermophoresis.kinetic.dsmc import MOLECULAR_MODELS, T_REF, _State

    monkeypatch.setattr(_kernels, "REORDER_EVERY", 0)  # keep the molecules' order, so the halves stay labelled
    t = 300.0
    p = FourierProblem(gas=gas, model=model, knudsen=0.01, accommodation=0.0, t_lo=t, t_hi=t + 1.0)
    m, n = p.molecular_mass, p.number_density
    d_ref, omega, alpha = MOLECULAR_MODELS[gas][model]
    sig = math.pi * d_ref**2 * (4 * BOLTZMANN * T_REF / m) ** (omega - 0.5) / math.gamma(2.5 - omega)
    power = 2.0 - 2.0 * omega
    c1 = math.sqrt(BOLTZMANN * t / m)
    var = 2.0 * c1 * c1  # of each component of the relative velocity
    w0 = 2.0 * c1        # U = c1
    nu = n * sig * _gauss_hermite_3d(lambda x, y, z: (x * x + y * y + z * z) ** (power / 2), (0, 0, 0), (var,) * 3)
    exact = n / (1.0 + alpha) * sig * _gauss_hermite_3d(
        lambda x, y, z: (x * x + y * y + z * z) ** (power / 2) * x, (w0, 0, 0), (var,) * 3) / w0
    dt, steps, rates = 0.02 / nu, 8, []
    for seed in range(12):
        st = _State(p, 200, 500, dt, seed, 1)
        v = np.random.default_rng(100 + seed).standard_normal((3, st.z.size))
        a = np.arange(st.z.size) % 2 == 0
        for half, sign in ((a, 1.0), (~a, -1.0)):  # each half exactly at temperature t, mean velocity +-U e_x
            v[:, half] -= v[:, half].mean(axis=1, keepdims=True)
            v[:, half] *= c1 / v[:, half].std(axis=1, keepdims=True)
            v[0, half] += sign * w0 / 2
        st.vx, st.vy, st.vz = v[0].copy(), v[1].copy(), v[2].copy()
        st.sigma_cr_max[:] = sig * (w0 + 8 * math.sqrt(var)) ** power  # a bound the relative speeds never reach
        w = [st.vx[a].mean() - st.vx[~a].mean()]
        for _ in range(steps):
            st.advance(1, np.zeros((200, 11)), np.zeros(2), sample=False)
            w.append(st.vx[a].mean() - st.vx[~a].mean())
        decrement = -np.diff(np.log(w)) / dt
        rates.append(np.polyfit(np.arange(steps), decrement, 1)[1])
    rate, se = np.mean(rates), np.std(rates, ddof=1) / math.sqrt(len(rates))
    assert se / exact < 0.025  # about 1.2 % expected; a noisier run would weaken the bound below
    assert abs(rate / exact - 1) < 4 * se / exact


@pytest.mark.parametrize("gas, model", [("helium", "vss"), ("argon", "vss"), ("argon", "vhs"), ("helium", "hs")])
def test_bird_viscosity_is_the_first_chapman_enskog_stress_relaxation_rate(gas, model):
    # A second derivation of FourierProblem.viscosity (Bird's closed form, eqs. 4.62/4.77): a Gaussian gas with
    # T_x = T(1 + eps), T_y = T(1 - eps) relaxes its anisotropy at the rate p/mu_1 to first order in eps, mu_1
    # the first Chapman-Enskog viscosity (the anisotropy is exactly the first Sonine term of the viscosity
    # problem). The rate follows from the collision law alone: a collision turns the relative velocity g by chi
    # with a uniform azimuth, so <g'_x^2 - g'_y^2> = (g_x^2 - g_y^2)(3 <cos^2 chi> - 1)/2 and the pair's
    # sum of v_x^2 - v_y^2 changes by -(3/4)(1 - <cos^2 chi>)(g_x^2 - g_y^2), with 1 - <cos^2 chi> =
    # 4 alpha/((alpha + 1)(alpha + 2)) for VSS (2/3 isotropic). Quadrature over g ~ N(0, 2k diag(T_x, T_y, T)/m).
    from thermophoresis.constants import BOLTZMANN
    from thermophoresis.kinetic.dsmc import MOLECULAR_MODELS, T_REF

    t, eps = 300.0, 1e-3
    p = FourierProblem(gas=gas, model=model)
    m, n = p.molecular_mass, p.number_density
    d_ref, omega, alpha = MOLECULAR_MODELS[gas][model]
    sig = math.pi * d_ref**2 * (4 * BOLTZMANN * T_REF / m) ** (omega - 0.5) / math.gamma(2.5 - omega)
    if model == "hs":  # hard spheres: sigma = pi d^2 at every speed (Bird's omega = 1/2 form at any T_ref)
        sig = math.pi * d_ref**2
    power = 2.0 - 2.0 * omega
    c2 = BOLTZMANN * t / m
    variances = (2 * c2 * (1 + eps), 2 * c2 * (1 - eps), 2 * c2)
    e = _gauss_hermite_3d(lambda x, y, z: (x * x + y * y + z * z) ** (power / 2) * (x * x - y * y), (0, 0, 0),
                          variances, n=96)
    rate = 3 / 8 * n * 4 * alpha / ((alpha + 1) * (alpha + 2)) * sig * e / (2 * eps * c2)
    assert rate / (n * BOLTZMANN * t / float(p.viscosity(t))) == pytest.approx(1.0, rel=1e-4, abs=0)
