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
A molecule *captured* by the surface gives up its whole momentum and is re-emitted fully accommodated at the
gas temperature :math:`T` (cosine-law flux, the particle at the gas temperature: the assumption behind the
rigid-sphere constants of the fits). Molecules not captured scatter specularly in the potential. The
re-emitted molecules leave through the potential; instead of tracing them, time reversal gives their mean
asymptotic momentum: in equilibrium the molecules emitted from a surface element and escaping are the time
reverse of those arriving from infinity and captured there. Let :math:`\sigma_c(E)` be the capture
cross-section and :math:`C(E) = \int_{captured} \sin(\chi/2)\,2\pi b\,db` its cosine moment
(:math:`\sin(\chi/2)` is the cosine between the incident direction and the normal of the struck point, the
turning point being reached after sweeping :math:`(\pi - \chi)/2`). Linearizing the incident distribution in
the drift (or in the Chapman-Enskog heat-flux perturbation) then gives, with :math:`x = E/k_BT` and
:math:`Q_{in} = \sigma_c + \int_{scattered}(1-\cos\chi)\,2\pi b\,db`,

.. math::

    \Omega^{(1,1)*} = \frac{1}{2}\left[\int e^{-x}x^2 Q_{in}^*\,dx + \frac{J_1^2}{R}\right],\qquad
    \Omega^{(1,2)*} = \frac{1}{6}\left[\int e^{-x}x^3 Q_{in}^*\,dx + \frac{J_2 J_1}{R}\right],

    J_k = \int e^{-x} x^{k+1/2} C^*\,dx, \qquad R = \int e^{-x} x\,\sigma_c^*\,dx

(starred: over :math:`\pi a^2`). For a rigid sphere (:math:`\sigma_c^* = 1`, :math:`C^* = 2/3`) these are
exactly :math:`1 + \pi/8` and :math:`1 + 5\pi/48` (Epstein's re-emission term), the constants of the fits.
Approximation: emitted molecules that are bound (they fall back onto the surface) are assumed to land close
to where they left (exact for a sphere large against their hops; for :math:`s \to 1` it overstates the
re-emission term). Model choice: the integrated potential has no surface that a molecule can touch, so
*which* trajectories count as captured must be chosen. ``capture="well"`` (default) captures every
trajectory whose turning point lies inside the potential minimum, i.e. that is turned back by the repulsive
wall (this includes the molecules captured by orbiting); ``capture="zero"`` only those whose turning point
lies where :math:`\phi > 0`. With ``"well"`` the computation reproduces Li & Wang's diffuse fits to 0-1.3 %
at :math:`s = 0.1`, :math:`T^* = 0.5`-100 (docs/validation.md, section on Li & Wang).

Thermal averages
----------------

.. math:: \Omega^{(1,l)*}(T^*) = \frac{1}{(l+1)!}\int_0^\infty e^{-x} x^{l+1}\,\frac{Q^{(1)}(x k_BT)}{\pi a^2}\,dx

by generalized Gauss-Laguerre quadrature (weight :math:`x e^{-x}` for the integer powers of :math:`x`,
:math:`x^{3/2} e^{-x}` for :math:`J_k`, so that every integrand is a smooth function).

Verification (2026-12-01; tests in ``tests/kinetic/test_li_wang_trajectories.py``)
----------------------------------------------------------------------------
- The potential against direct quadrature over the sphere: 1e-10. Near a large sphere, the 9-3 wall.
- Deflection angles and struck points against Newton's equations integrated numerically (DOP853): 2e-4 rad.
- The whole specular cross-section at an energy with orbiting (:math:`E = 2\epsilon'`, :math:`s = 0.25`):
  1.59328 here (1.59319 with 400 angle nodes and 48-node panels) against 1.59311 from a quadrature over
  impact parameters of 7200 integrated trajectories (1.59119 with 2400): 1e-4.
- Thermal averages: specular values change by about 1e-4 from 16 to 40 Laguerre nodes, diffuse ones by
  about 1e-3 at low :math:`T^*` (2.3326, 2.3311, 2.3300 with 16, 24, 40 nodes at :math:`T^* = 1`,
  :math:`s = 0.25`).
- Rigid-sphere limits at :math:`s = 10^{-4}`: 1, :math:`1 + \pi/8`, :math:`1 + 5\pi/48` to 2.2e-4 (the diffuse
  ones approach it as :math:`s^{1/2}`, from the deflection of grazing molecules by a large sphere).
- The exact recursion :math:`\Omega^{(1,2)*} = \Omega^{(1,1)*}(1 + d\ln\Omega^{(1,1)*}/3\,d\ln T^*)` for
  specular scattering: 5e-4 with 12 nodes, 7e-5 with 24 (:math:`T^* = 1`, :math:`s = 0.25`).

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

from .._docs import fill, references
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

#: the works the docstrings here cite, and the References section of each function (``_docs.fill`` slots)
_WORKS = {
    "derived": "Derived here: the module docstring (sections \"The potential\", \"Specular scattering\", "
               "\"Diffuse scattering\", \"Thermal averages\"), checked in "
               "``tests/kinetic/test_li_wang_trajectories.py``.",
    "potential": "Derived here: the Lennard-Jones sites integrated over the sphere in closed form (module "
                 "docstring, \"The potential\"), checked against direct quadrature over the sphere and the "
                 "9-3 wall in ``tests/kinetic/test_li_wang_trajectories.py``.",
    "li_wang": "Li, Z., Wang, H. (2003). Drag force, diffusion coefficient, and electric mobility of small "
               "particles. I. Theory applicable to the free-molecule regime. Phys. Rev. E 68, 061206 (the "
               "reduced variables T* and s of its fits; the fits these values are checked against).",
    "hcb": "Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids, "
           "Wiley, ch. 8 (deflection angle, collision integrals, their temperature recursion).",
    "epstein": "Epstein, P. S. (1924). On the resistance experienced by spheres in their motion through gases. "
               "Phys. Rev. 23, 710 (the diffuse re-emission term: the rigid-sphere limits 1 + pi/8 and "
               "1 + 5 pi/48).",
}
_DOC = {f"references_{name}": references(*(_WORKS[w] for w in works)) for name, works in (
    ("potential", ("potential", "li_wang")), ("deflection", ("hcb", "derived")),
    ("cross_section", ("hcb", "derived", "epstein")), ("integrals", ("hcb", "derived", "li_wang", "epstein")),
)}


@fill(_DOC)
def sphere_lj_potential(r, radius):
    r"""Reduced potential :math:`\phi/\epsilon'` of a molecule and a Lennard-Jones sphere (module notes).

    Parameters
    ----------
    r : float or array_like
        Distance from the sphere's centre over :math:`\sigma` [-], > ``radius``.
    radius : float
        Sphere radius over :math:`\sigma` [-] (:math:`1/s`), > 0.

    Returns
    -------
    float or numpy.ndarray
        :math:`\phi/\epsilon'` [-].

    %(references_potential)s

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


@fill(_DOC)
def deflection_angle(turning_point, energy, radius):
    r"""Classical deflection angle :math:`\chi` for a turning point :math:`r_m` (must be an outermost root).

    Parameters
    ----------
    turning_point : array_like
        :math:`r_m/\sigma` [-], > ``radius``.
    energy : float
        Relative kinetic energy far away over :math:`\epsilon'` [-], > 0.
    radius : float
        Sphere radius over :math:`\sigma` [-].

    Returns
    -------
    numpy.ndarray
        :math:`\chi` [rad] (negative for net attraction; :math:`-\infty` at orbiting).

    %(references_deflection)s
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


def _cross_section(energy, radius, scattering, capture):
    """(Q_in, sigma_c, C) over pi a^2: momentum taken from the incident molecules, capture cross-section and
    its cosine moment int_captured 2 pi b sin(chi/2) db (the cosine of the struck point's normal with the
    incident direction); sigma_c = C = 0 for specular scattering."""
    branches, g = _branches(energy, radius)
    r_cut = None
    if scattering == "diffuse":
        r_cut = (_radius_at(radius, 0.0, 0.3, 2.0, derivative=True) if capture == "well"
                 else _radius_at(radius, 0.0, 0.3, 2.0))
    q_in = sigma_c = cos_moment = 0.0
    for a, b in branches:
        pieces = [(a, b, False)]
        if r_cut is not None:
            if b <= r_cut:
                pieces = [(a, b, True)]
            elif a < r_cut:
                pieces = [(a, r_cut, True), (r_cut, b, False)]
        for lo, hi, captured in pieces:
            x, w = _panels(lo, hi)
            h = 1e-7 * x
            g_prime = (g(x + h) - g(x - h)) / (2.0 * h)
            chi = deflection_angle(x, energy, radius)
            if captured:
                area = math.pi * np.sum(w * g_prime)
                sigma_c += area
                q_in += area
                cos_moment += math.pi * np.sum(w * np.sin(0.5 * chi) * g_prime)
            else:
                q_in += math.pi * np.sum(w * (1.0 - np.cos(chi)) * g_prime)
    norm = math.pi * radius * radius
    return q_in / norm, sigma_c / norm, cos_moment / norm


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


@fill(_DOC)
def momentum_transfer_cross_section(energy, sigma_ratio, scattering="specular", capture="well"):
    r"""Reduced cross-sections at one energy: :math:`(Q_{in}, \sigma_c, C)/\pi a^2` (module notes).

    Parameters
    ----------
    energy : float
        Relative kinetic energy over :math:`\epsilon'` [-], > 0.
    sigma_ratio : float
        :math:`s = \sigma/a` [-], in (0, 1].
    scattering : {"specular", "diffuse"}
        Specular (potential scattering only) or diffuse (captured molecules re-emitted at the gas temperature).
    capture : {"well", "zero"}
        Which turning points count as captured for ``"diffuse"`` (module notes).

    Returns
    -------
    q_in : float
        Momentum-transfer cross-section of the incident molecules: :math:`\int (1 - \cos\chi)\,2\pi b\,db`
        for scattered molecules plus the whole capture cross-section [-].
    sigma_c : float
        Capture cross-section (0 for specular) [-].
    cos_moment : float
        :math:`\int_{captured} \sin(\chi/2)\,2\pi b\,db` (2/3 for a rigid sphere) [-].

    All three are over :math:`\pi a^2`.

    %(references_cross_section)s
    """
    s = _check(sigma_ratio, scattering, capture)
    e = check_positive("energy", energy)
    return _cross_section(e, 1.0 / s, scattering, capture)


@fill(_DOC)
def reduced_collision_integrals(t_star, sigma_ratio, scattering="specular", capture="well", nodes=24):
    r"""Computed :math:`(\Omega^{(1,1)*}, \Omega^{(1,2)*})` for the Lennard-Jones sphere (module notes).

    Parameters
    ----------
    t_star : float
        :math:`k_BT/\epsilon'` [-], > 0.
    sigma_ratio : float
        :math:`s = \sigma/a` [-], in (0, 1].
    scattering : {"specular", "diffuse"}
        Scattering law (module notes).
    capture : {"well", "zero"}
        Capture criterion for diffuse scattering (a model choice, module notes).
    nodes : int
        Gauss-Laguerre nodes of the thermal average (each of the two sets for diffuse scattering); 24 is
        converged to about 1e-4 (docs/validation.md).

    Returns
    -------
    omega11, omega12 : float
        Reduced collision integrals [-], normalised by the rigid sphere of radius :math:`a`
        (specular 1 there).

    %(references_integrals)s

    Examples
    --------
    >>> o11, o12 = reduced_collision_integrals(10.0, 0.1)   # specular
    >>> round(o11, 3), round(o12, 3)
    (1.126, 1.118)
    """
    t = check_positive("t_star", t_star)
    s = _check(sigma_ratio, scattering, capture)
    radius = 1.0 / s
    # integer powers of x: Gauss-Laguerre with weight x exp(-x), every integrand a smooth function times x^k
    x, w = roots_genlaguerre(int(nodes), 1.0)
    q_in, sigma_c, _ = np.array([_cross_section(xi * t, radius, scattering, capture) for xi in x]).T
    in11 = np.sum(w * x * q_in)
    in12 = np.sum(w * x * x * q_in)
    if scattering == "specular":
        return float(in11 / 2.0), float(in12 / 6.0)
    # re-emission (module notes): J_k = int x^(k+1/2) e^-x C dx (weight x^(3/2) exp(-x)), R = int x e^-x sigma_c
    rate = np.sum(w * sigma_c)
    xh, wh = roots_genlaguerre(int(nodes), 1.5)
    cos_m = np.array([_cross_section(xi * t, radius, scattering, capture)[2] for xi in xh])
    j1 = np.sum(wh * cos_m)
    j2 = np.sum(wh * xh * cos_m)
    return float((in11 + j1 * j1 / rate) / 2.0), float((in12 + j2 * j1 / rate) / 6.0)
