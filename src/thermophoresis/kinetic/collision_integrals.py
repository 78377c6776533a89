r"""Reduced collision integrals of a gas molecule with a Lennard-Jones sphere, computed from trajectories.

An independent computation of the quantities Li & Wang (2003) fitted (``force/li_wang.py``), from classical
mechanics, so that the fits can be checked and users can evaluate other parameters.

The potential
-------------
A gas molecule at distance :math:`r` from the centre of a sphere of radius :math:`a` filled uniformly (number
density :math:`n`) with sites that each interact with it by the Lennard-Jones potential
:math:`4\epsilon[(\sigma/\rho)^{12} - (\sigma/\rho)^6]`. Integrating over the sphere (shells of radius
:math:`\rho'`, :math:`\int |{\bf r}-{\bf r}'|^{-k} d^3r'` in closed form; derived here, checked against
direct quadrature in the tests) gives, with :math:`D = r^2 - a^2`,

.. math::

    \phi(r) = 8\epsilon' \frac{a^3}{\sigma^3}\left[\frac{\sigma^{12}(15 r^6 + 63 r^4 a^2 + 45 r^2 a^4 + 5 a^6)}
              {15\,D^9} - \frac{\sigma^6}{D^3}\right],
    \qquad \epsilon' = \tfrac{2\pi}{3}\,n\,\epsilon\,\sigma^3 .

It diverges at the sphere's surface :math:`r = a` (a hard core there), and near a large sphere it becomes the
9-3 wall :math:`\epsilon'[(2/15)(\sigma/z)^9 - (\sigma/z)^3]`, :math:`z = r - a` (well depth
:math:`1.054\,\epsilon'`). The reduced variables are the ones of the fits: :math:`T^* = k_BT/\epsilon'`
and :math:`s = \sigma/a` (the normalisation of :math:`T^*` is the one the MOpS code uses with these fits).
Lengths below are in units of :math:`\sigma`, energies in :math:`\epsilon'`.

Specular scattering
-------------------
The molecule moves in :math:`\phi` (the sphere is infinitely heavy). For a turning point :math:`r_m` the
impact parameter is :math:`b^2 = G(r_m) = r_m^2[1 - \phi(r_m)/E]` and the deflection angle
:math:`\chi = \pi - 2(b/r_m)\int_0^1 dy\,/\sqrt{1 - y^2(1-\phi_m/E) - \phi(r_m/y)/E}` (substitution
:math:`y = 1 - w^2`, Gauss-Legendre in :math:`w`). Only turning points that are the outermost root are
physical: :math:`G(r_m) \le G(r)` for all :math:`r > r_m`; at energies where orbiting occurs this removes
the band between the orbiting radius and the inner point of equal :math:`G`. Then

.. math:: Q^{(1)}(E) = \pi \int_{\rm valid} (1 - \cos\chi)\, G'(r_m)\, dr_m ,

which needs no resolution of the orbiting singularity (:math:`G' = 0` there).

Diffuse scattering
------------------
A molecule *captured* by the surface transfers its whole momentum :math:`m g` and is re-emitted fully
accommodated at the gas temperature :math:`T`. For re-emission from a sphere struck by a parallel beam the
mean emitted velocity is :math:`-(2/3)\sqrt{\pi k_BT/2m}` along the beam (cosine-law flux, mean normal speed
:math:`\sqrt{\pi k_BT/2m}`, struck area weighted by :math:`\cos\theta`, mean :math:`\cos\theta = 2/3`), so a
capture cross-section :math:`\pi b_c^2` contributes :math:`\pi b_c^2[1 + \sqrt{\pi}/(3\gamma)]`,
:math:`\gamma^2 = m g^2/2k_BT`; molecules not captured scatter specularly in the potential. For a rigid sphere
(:math:`b_c = a`, no potential) the thermal averages give exactly :math:`1 + \pi/8` and :math:`1 + 5\pi/48`,
the constants of the fits. The emitted molecules are not traced through the potential (their deflection
on the way out is neglected) and *which* trajectories count as captured is a model choice, because the
integrated potential has no surface a molecule can touch: ``capture="well"`` captures every trajectory whose
turning point lies inside the potential minimum (it is turned back by the repulsive wall), ``capture="zero"``
those whose turning point lies where :math:`\phi > 0`. The two bracket most of Li & Wang's diffuse fit
(docs/validation.md, section on Li & Wang); neither reproduces it, so these diffuse numbers are
a model, not a check of the fit.

Thermal averages
----------------

.. math:: \Omega^{(1,l)*}(T^*) = \frac{1}{(l+1)!}\int_0^\infty e^{-x} x^{l+1}\,\frac{Q^{(1)}(x k_BT)}{\pi a^2}\,dx

by generalized Gauss-Laguerre quadrature (weight :math:`x^2 e^{-x}`).

References
----------
.. [1] Li, Z., Wang, H. (2003). Drag force, diffusion coefficient, and electric mobility of small
   particles. I. Theory applicable to the free-molecule regime. Phys. Rev. E 68, 061206.
.. [2] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids,
   Wiley, ch. 8 (deflection angle, collision integrals, their temperature recursion).
.. [3] Epstein, P. S. (1924). On the resistance experienced by spheres in their motion through gases.
   Phys. Rev. 23, 710 (the diffuse re-emission term).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq, minimize_scalar
from scipy.special import roots_genlaguerre

from .._validation import check_positive
from ..exceptions import InputError

__all__ = [
    "sphere_lj_potential",
    "deflection_angle",
    "momentum_transfer_cross_section",
    "reduced_collision_integrals",
]

_W_NODES, _W_WEIGHTS = np.polynomial.legendre.leggauss(128)
_W = 0.5 * (_W_NODES + 1.0)
_WW = 0.5 * _W_WEIGHTS
_PANEL_NODES, _PANEL_WEIGHTS = np.polynomial.legendre.leggauss(24)
_Z_MAX = 40.0  # outer end of the turning-point integral, in sigma beyond the core (far field negligible)
_CAPTURES = ("well", "zero")


def sphere_lj_potential(r, radius):
    r"""Reduced potential :math:`\phi/\epsilon'` of a molecule and a Lennard-Jones sphere (module notes).

    Parameters
    ----------
    r : float or array_like
        Distance from the sphere's centre over :math:`\sigma` [-], > ``radius``.
    radius : float
        Sphere radius over :math:`\sigma` [-] (:math:`1/s`).

    Returns
    -------
    float or numpy.ndarray
        :math:`\phi/\epsilon'` [-].

    Examples
    --------
    >>> round(float(sphere_lj_potential(1000.0 + 2.0 ** (1 / 6), 1000.0)), 3)   # close to the 9-3 wall
    -0.659
    """
    r = np.asarray(r, dtype=float)
    a2 = radius * radius
    r2 = r * r
    d = r2 - a2
    poly = 15.0 * r2**3 + 63.0 * r2 * r2 * a2 + 45.0 * r2 * a2 * a2 + 5.0 * a2**3
    return 8.0 * radius**3 * (poly / (15.0 * d**9) - 1.0 / d**3)


def deflection_angle(turning_point, energy, radius):
    r"""Classical deflection angle :math:`\chi` for a turning point :math:`r_m` (must be an outermost root).

    Parameters
    ----------
    turning_point : array_like
        :math:`r_m/\sigma` [-].
    energy : float
        Relative kinetic energy far away over :math:`\epsilon'` [-].
    radius : float
        Sphere radius over :math:`\sigma` [-].

    Returns
    -------
    numpy.ndarray
        :math:`\chi` [rad] (negative for net attraction; :math:`-\infty` at orbiting).
    """
    rm = np.asarray(turning_point, dtype=float)[..., None]
    pm = sphere_lj_potential(rm, radius)
    y = 1.0 - _W * _W
    f = 1.0 - y * y * (1.0 - pm / energy) - sphere_lj_potential(rm / y, radius) / energy
    integral = np.sum(_WW * 2.0 * _W / np.sqrt(np.maximum(f, 1e-300)), axis=-1)
    b_over_rm = np.sqrt(1.0 - pm[..., 0] / energy)
    return math.pi - 2.0 * b_over_rm * integral


def _panels(a, b):
    # composite Gauss-Legendre, panels geometric in the distance from a (resolves the branch start)
    length = b - a
    edges = a + np.concatenate([[0.0], np.geomspace(1e-6 * length, length, 12)])
    lo, hi = edges[:-1, None], edges[1:, None]
    x = (0.5 * (hi - lo) * _PANEL_NODES + 0.5 * (hi + lo)).ravel()
    w = (0.5 * (hi - lo) * _PANEL_WEIGHTS).ravel()
    return x, w


def _radius_at(radius, target, lo, hi, derivative=False):
    # z = r - a where phi (or phi') equals target
    if derivative:
        def fun(z):
            h = 1e-6 * (radius + z)
            return (sphere_lj_potential(radius + z + h, radius) - sphere_lj_potential(radius + z - h, radius)) / (2 * h)
    else:
        def fun(z):
            return float(sphere_lj_potential(radius + z, radius)) - target
    return radius + brentq(fun, lo, hi, xtol=1e-14)


def _branches(energy, radius):
    """Intervals of physical (outermost) turning points, inner to outer, and G(r) = r^2 (1 - phi/E)."""
    def g(r):
        return r * r * (1.0 - sphere_lj_potential(r, radius) / energy)

    r_core = _radius_at(radius, energy, 1e-4, 60.0)  # head-on turning point, b = 0
    r_out = r_core + _Z_MAX
    grid = r_core + np.geomspace(1e-6, _Z_MAX, 2000)
    gv = g(grid)
    running_min = np.minimum.accumulate(gv[::-1])[::-1]
    valid = gv <= running_min * (1.0 + 1e-13)
    if valid.all():
        return [(r_core, r_out)], g
    bad = np.flatnonzero(~valid)
    i1, i2 = bad[0], bad[-1]
    # orbiting radius: the local minimum of G just outside the excluded band
    r_orb = minimize_scalar(g, bounds=(grid[i2], grid[min(i2 + 2, grid.size - 1)]), method="bounded",
                            options={"xatol": 1e-13}).x
    g_orb = g(r_orb)
    lo = i1 - 1
    while lo > 0 and g(grid[lo]) >= g_orb:
        lo -= 1
    hi = i1
    while g(grid[hi]) <= g_orb and hi < i2:
        hi += 1
    if not g(grid[lo]) < g_orb < g(grid[hi]):
        return [(r_core, r_out)], g  # band narrower than the grid: energy at the orbiting threshold
    r_in = brentq(lambda r: g(r) - g_orb, grid[lo], grid[hi], xtol=1e-14)
    return [(r_core, r_in), (r_orb, r_out)], g


def _cross_section(energy, radius, scattering, capture, gamma):
    branches, g = _branches(energy, radius)
    r_cut = None
    if scattering == "diffuse":
        r_cut = (_radius_at(radius, 0.0, 0.3, 2.0, derivative=True) if capture == "well"
                 else _radius_at(radius, 0.0, 0.3, 2.0))
    q = 0.0
    b_c2 = 0.0
    for a, b in branches:
        if r_cut is not None:
            if b <= r_cut:
                b_c2 = max(b_c2, g(b))
                continue
            if a < r_cut:
                b_c2 = max(b_c2, g(r_cut))
                a = r_cut
        x, w = _panels(a, b)
        h = 1e-7 * x
        g_prime = (g(x + h) - g(x - h)) / (2.0 * h)
        q += math.pi * np.sum(w * (1.0 - np.cos(deflection_angle(x, energy, radius))) * g_prime)
    if r_cut is not None:
        q += math.pi * b_c2 * (1.0 + math.sqrt(math.pi) / (3.0 * gamma))
    return q / (math.pi * radius * radius)


def _check(sigma_ratio, scattering, capture):
    s = check_positive("sigma_ratio", sigma_ratio)
    if s > 1.0:
        raise InputError(parameter="sigma_ratio", value=s, allowed="in (0, 1] (sigma'/a; particle larger than "
                         "the gas-particle length)")
    if scattering not in ("specular", "diffuse"):
        raise InputError(parameter="scattering", value=scattering, allowed="'specular' or 'diffuse'")
    if capture not in _CAPTURES:
        raise InputError(parameter="capture", value=capture, allowed="'well' or 'zero'")
    return s


def momentum_transfer_cross_section(energy, sigma_ratio, scattering="specular", t_star=None, capture="well"):
    r"""Reduced momentum-transfer cross-section :math:`Q^{(1)}(E)/\pi a^2` (module notes).

    Parameters
    ----------
    energy : float
        Relative kinetic energy over :math:`\epsilon'` [-].
    sigma_ratio : float
        :math:`s = \sigma/a` [-], in (0, 1].
    scattering : {"specular", "diffuse"}
        Specular (potential scattering only) or diffuse (captured molecules re-emitted at the gas temperature).
    t_star : float, optional
        :math:`k_BT/\epsilon'` [-]; needed for ``"diffuse"`` (the re-emission term depends on
        :math:`E/k_BT`).
    capture : {"well", "zero"}
        Which turning points count as captured for ``"diffuse"`` (module notes).

    Returns
    -------
    float
        :math:`Q^{(1)}/\pi a^2` [-].
    """
    s = _check(sigma_ratio, scattering, capture)
    e = check_positive("energy", energy)
    gamma = 1.0
    if scattering == "diffuse":
        if t_star is None:
            raise InputError(parameter="t_star", value=None, allowed="a positive number for diffuse scattering")
        gamma = math.sqrt(e / check_positive("t_star", t_star))
    return _cross_section(e, 1.0 / s, scattering, capture, gamma)


def reduced_collision_integrals(t_star, sigma_ratio, scattering="specular", capture="well", nodes=30):
    r"""Computed :math:`(\Omega^{(1,1)*}, \Omega^{(1,2)*})` for the Lennard-Jones sphere (module notes).

    Parameters
    ----------
    t_star : float
        :math:`k_BT/\epsilon'` [-].
    sigma_ratio : float
        :math:`s = \sigma/a` [-], in (0, 1].
    scattering : {"specular", "diffuse"}
        Scattering law (module notes).
    capture : {"well", "zero"}
        Capture criterion for diffuse scattering (a model choice, module notes).
    nodes : int
        Gauss-Laguerre nodes of the thermal average (30: converged to about 1e-4).

    Returns
    -------
    omega11, omega12 : float
        Reduced collision integrals [-], normalised by the rigid sphere of radius :math:`a`
        (specular 1 there).

    Examples
    --------
    >>> o11, o12 = reduced_collision_integrals(10.0, 0.1)
    >>> round(o11, 3), round(o12, 3)
    (1.126, 1.118)
    """
    t = check_positive("t_star", t_star)
    s = _check(sigma_ratio, scattering, capture)
    x, w = roots_genlaguerre(int(nodes), 2.0)
    q = np.array([_cross_section(xi * t, 1.0 / s, scattering, capture, math.sqrt(xi)) for xi in x])
    omega11 = float(np.sum(w * q) / 2.0)
    omega12 = float(np.sum(w * x * q) / 6.0)
    return omega11, omega12
