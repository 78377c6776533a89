"""The free-molecular Green's function against Epstein, Waldmann and the exact two-stream result."""

import math

import numpy as np
import pytest

from thermophoresis import Gas, InputError
from thermophoresis.constants import BOLTZMANN
from thermophoresis.force.free_molecular import waldmann_1959_force
from thermophoresis.kinetic import chapman_enskog_weights, free_molecular_force, half_maxwellian_plates_force

M_AR = 39.948e-3 / 6.02214076e23
T, A, N_DENS = 300.0, 20e-9, 2.4e20


def _maxwellian(n, t, rng):
    return rng.standard_normal((n, 3)) * math.sqrt(BOLTZMANN * t / M_AR)


@pytest.mark.parametrize("f", [0.0, 0.9, 1.0])
def test_drifting_maxwellian_gives_epstein_drag(f):
    rng = np.random.default_rng(1)
    c0 = _maxwellian(400000, T, rng)
    v = np.array([3.0, -1.0, 0.5])  # gas drifting by v relative to the particle (small against 400 m/s)
    force, se = free_molecular_force(c0 + v, N_DENS, M_AR, A, f, T, control=c0)
    c_mean = math.sqrt(8 * BOLTZMANN * T / (math.pi * M_AR))
    expected = 4 / 3 * math.pi * A**2 * N_DENS * M_AR * c_mean * v * (1 + math.pi * f / 8)
    # O((v/c)^2) nonlinearity is 1e-4 here; the control variate leaves a small statistical error
    np.testing.assert_allclose(force, expected, atol=4 * se.max() + 1e-3 * np.abs(expected).max())


def test_chapman_enskog_distribution_gives_waldmann():
    rng = np.random.default_rng(2)
    gas = Gas("Ar", T, N_DENS * BOLTZMANN * T)
    c0 = _maxwellian(1_000_000, T, rng)
    # The force is linear in q, so any q tests the identity; a large one gives a clear signal (the weights
    # then leave the range of a physical distribution, which does not matter for a linear functional).
    grad = np.array([0.0, 0.0, 2e6])
    q = -gas.translational_conductivity * grad
    w = chapman_enskog_weights(c0, q, gas.pressure, T, M_AR)
    assert abs(w.mean() - 1) < 4 * w.std() / math.sqrt(w.size)
    force, se = free_molecular_force(c0, N_DENS, M_AR, A, 0.9, T, weights=w, control=c0)
    expected = waldmann_1959_force(A, gas.translational_conductivity, gas.mean_speed, grad[2])
    assert force[2] == pytest.approx(expected, abs=4 * se[2])
    assert abs(force[0]) < 4 * se[0] + 1e-3 * abs(expected)


def test_two_half_maxwellians_between_plates():
    # The exact two-stream force against the Green's function of sampled half-Maxwellians, with paired
    # (antithetic) samples: each upward molecule c of the hot stream (T1) has the downward partner
    # -sqrt(T2/T1) c of the cold stream (T2), weighted by the partial densities n_i/n (n1 sqrt(T1) = n2 sqrt(T2)).
    # A pair's force is then exactly (n1/n - (n2/n) T2/T1) |c| c (the diffuse re-emission term of the pair
    # cancels: no net flux), so the estimate carries the relative noise of <|c| c_z> over a half-Maxwellian
    # instead of that of a difference of two streams 12 times larger than the force. Stated before measuring:
    # for a standard normal u with u_z > 0, <|u| u_z> = 3/2 and <u^2 u_z^2> = 5, so the relative standard
    # error with N pairs is sqrt(5 - 9/4) / (3/2) / sqrt(N) = 0.143 % at N = 600,000; the bound is 4 standard
    # errors (from the spread of 20 independent batches), two-sided: 0.6 %, so a 3 % error fails.
    rng = np.random.default_rng(3)
    t1, t2, n_pairs, n_batches = 350.0, 250.0, 30_000, 20
    frac1 = (1 / math.sqrt(t1)) / (1 / math.sqrt(t1) + 1 / math.sqrt(t2))
    weights = np.concatenate([np.full(n_pairs, 2 * frac1), np.full(n_pairs, 2 * (1 - frac1))])
    batches = []
    for _ in range(n_batches):
        up = _maxwellian(n_pairs, t1, rng)
        up[:, 2] = np.abs(up[:, 2])
        c = np.vstack([up, -math.sqrt(t2 / t1) * up])
        batches.append(free_molecular_force(c, N_DENS, M_AR, A, 1.0, 300.0, weights=weights)[0][2])
    force = np.mean(batches)
    se = np.std(batches, ddof=1) / math.sqrt(n_batches)
    expected = half_maxwellian_plates_force(A, N_DENS, t1, t2)
    assert se / expected < 2e-3  # the predicted 0.143 % (a 20-batch estimate of it scatters by ~16 %)
    assert abs(force / expected - 1) < 4 * se / expected
    assert expected > 0  # toward the cold plate


def test_bad_input():
    with pytest.raises(InputError, match="shape"):
        free_molecular_force(np.zeros((5, 2)), 1e20, M_AR, A)
    with pytest.raises(InputError, match="particle_temperature is required"):
        free_molecular_force(np.zeros((5, 3)), 1e20, M_AR, A, 0.5)
    with pytest.raises(InputError, match="heat_flux must be a 3-vector"):
        chapman_enskog_weights(np.zeros((5, 3)), [1.0, 2.0], 1e5, 300.0, M_AR)


def test_waldmann_from_quadrature_nodes_as_samples():
    # The same identity as above without sampling noise (that test's 4 standard errors exceed 3 %): the nodes of
    # a product Gauss-Hermite rule are passed as the "samples" and the rule's weights (times N, so that they
    # average to 1) times the Chapman-Enskog weights as the importance weights, so the function's mean is the
    # quadrature of the Green's function over the first Chapman-Enskog distribution. The integrand is a
    # polynomial times |c| (smooth except at c = 0), so 48 nodes per axis give it to ~1e-5; 1e-3 is allowed.
    gas = Gas("Ar", T, N_DENS * BOLTZMANN * T)
    x, w = np.polynomial.hermite_e.hermegauss(48)
    w = w / math.sqrt(2.0 * math.pi)
    s = math.sqrt(BOLTZMANN * T / M_AR)
    cx, cy, cz = np.meshgrid(s * x, s * x, s * x, indexing="ij")
    c = np.column_stack([cx.ravel(), cy.ravel(), cz.ravel()])
    rule = (w[:, None, None] * w[None, :, None] * w[None, None, :]).ravel() * c.shape[0]
    grad = np.array([0.0, 0.0, 2e4])
    q = -gas.translational_conductivity * grad
    for f in (0.0, 1.0):
        ce = chapman_enskog_weights(c, q, gas.pressure, T, M_AR)
        force, _ = free_molecular_force(c, N_DENS, M_AR, A, f, T, weights=rule * ce)
        expected = waldmann_1959_force(A, gas.translational_conductivity, gas.mean_speed, grad[2])
        assert force[2] / expected == pytest.approx(1.0, rel=1e-3, abs=0)
        equilibrium, _ = free_molecular_force(c, N_DENS, M_AR, A, f, T, weights=rule)
        assert abs(equilibrium[2]) < 1e-6 * abs(expected)  # the Maxwellian alone exerts no force
