"""Compiled (Numba) kernels for the most used velocity models: the loops only, physics from the
published formulas in :mod:`thermophoresis.force.continuum`.

Each scalar ``*_kth`` function is the same formula as its NumPy twin (tests compare them to 1e-12); the
``*_velocity`` kernels loop in parallel over particle diameters for one gas state and one scalar
gradient. :func:`thermophoresis.transport.thermophoretic_velocity` uses them when its inputs allow
(scalar gas state and gradient, no vector gradient), and the NumPy path otherwise.
"""

from __future__ import annotations

import math

import numba as nb


@nb.njit(cache=True, fastmath=True)
def brock_phi(kn, lam, cs, ct, cm):
    return 2.0 * cs * (lam + ct * kn) / ((1.0 + 3.0 * cm * kn) * (1.0 + 2.0 * lam + 2.0 * ct * kn))


@nb.njit(cache=True, fastmath=True)
def cunningham(kn, a, b, c):
    return 1.0 + kn * (a + b * math.exp(-c / kn))


@nb.njit(cache=True, fastmath=True)
def talbot_kth(kn, lam, cs, ct, cm, a, b, c):
    return brock_phi(kn, lam, cs, ct, cm) * cunningham(kn, a, b, c)


@nb.njit(cache=True, fastmath=True, parallel=True)
def talbot_velocity(diameter, mfp, lam, scale, cs, ct, cm, a, b, c, out):
    """out[i] = scale * K_th(Kn_i) with Kn_i = 2 mfp / d_i and scale = -nu grad_T / T.

    Talbot's formula multiplied through by d^2 (with t = 2 mfp, Kn = t/d):
    K = 2 Cs (Lambda d + Ct t)(d + t (A + B e^{-C d/t})) / ((d + 3 Cm t)((1 + 2 Lambda) d + 2 Ct t)),
    one division and one exponential per particle instead of four and one.
    """
    t = 2.0 * mfp
    k_exp = -c / t
    c1 = 1.0 + 2.0 * lam
    pre = scale * 2.0 * cs
    for i in nb.prange(diameter.size):
        x = diameter[i]
        e = math.exp(k_exp * x)
        out[i] = pre * (lam * x + ct * t) * (x + t * (a + b * e)) / ((x + 3.0 * cm * t) * (c1 * x + 2.0 * ct * t))


@nb.njit(cache=True, fastmath=True, parallel=True)
def brock_velocity(diameter, mfp, mfp_slip, lam, scale, cs, ct, cm, alpha, beta, gamma, out):
    """Brock's Phi times the Cunningham factor of a slip set (its own mean-free-path convention)."""
    two_mfp = 2.0 * mfp
    two_mfp_slip = 2.0 * mfp_slip
    for i in nb.prange(diameter.size):
        d = diameter[i]
        out[i] = scale * brock_phi(two_mfp / d, lam, cs, ct, cm) * cunningham(two_mfp_slip / d, alpha, beta, gamma)
