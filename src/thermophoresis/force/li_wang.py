r"""Li & Wang (2004): free-molecular thermophoresis with the gas–particle interaction potential.

Waldmann's result assumes rigid-body collisions. For nanoparticles (a few nm) the van der Waals
attraction between a gas molecule and the particle changes the momentum exchange. Li & Wang treat the
collision with an effective gas–particle potential (well depth :math:`\epsilon'`, length :math:`\sigma'`)
and express the free-molecular drag and thermophoretic velocity through reduced collision integrals
:math:`\Omega^{(1,1)*}` and :math:`\Omega^{(1,2)*}` for diffuse and specular scattering:

.. math::

    \mathbf v = \left[1 - \frac{6}{5}\frac{\bar\Omega^{(1,2)*}}{\bar\Omega^{(1,1)*}}\right]
                \frac{k_{tr}\,\nabla T}{p}, \qquad
    \bar\Omega = f\,\Omega_{diffuse} + (1 - f)\,\Omega_{specular}

and the drag :math:`\zeta = \tfrac{8}{3}\sqrt{2\pi m k_B T}\,n\,a^2\,\bar\Omega^{(1,1)*}`, so
:math:`\mathbf F = \zeta\mathbf v`. For rigid spheres (:math:`\epsilon' \to 0`, :math:`\sigma'/a \to 0`)
:math:`\Omega^{(1,1)*}_{d} = 1 + \pi/8`, :math:`\Omega^{(1,2)*}_{d} = 1 + 5\pi/48`,
:math:`\Omega_{s} = 1`, and the velocity coefficient becomes :math:`-1/[5(1+\pi/8)]` (diffuse) or
:math:`-1/5` (specular): Waldmann's force with Epstein's drag.

The reduced collision integrals are fitted in :math:`x = T^{*-1/4}` (:math:`T^* = k_B T/\epsilon'`) and
:math:`s = \sigma'/a`:

.. math:: \Omega = c_0 + s\,(c_1 + c_2 x + c_3 x^2) + s^2 (c_4 + c_5 x + c_6 x^2)

Provenance and confidence
-------------------------
The fitted coefficients and the accommodation function below were **not** read from the papers
themselves (not accessible to us); they were taken from the open-source MOpS particle code
(University of Cambridge, ``sweepc``), which attributes them to Li & Wang (2003), Phys. Rev. E 68,
061206/061207, and Li & Wang (2004), eq. (38). Their rigid-body constants reproduce 1 + π/8 and
1 + 5π/48 to the printed digits, which supports the transcription; the non-rigid values should be checked
against the papers before they are relied on. The gas–particle potential parameters are material- and
gas-specific and have no defaults here: with ``epsilon_k = 0`` and ``sigma = 0`` the model is the
rigid-sphere limit.

Checked by computing the integrals
----------------------------------
:mod:`thermophoresis.kinetic.collision_integrals` computes them from classical trajectories in the integrated
Lennard-Jones sphere potential (the potential and reduced variables these fits use: :math:`T^* = k_BT/\epsilon'`,
:math:`\epsilon' = 2\pi n\epsilon\sigma^3/3`, :math:`s = \sigma'/a`, normalised by the rigid sphere of radius
:math:`a`). Fit over computed (:math:`\Omega^{(1,1)*}`, :math:`\Omega^{(1,2)*}`), computed 2026-12-01:

- s = 0.1, T* = 0.5-100: specular 0.997-1.011, diffuse 0.997-1.013 (agree to 1.3 %);
- s = 0.25, T* = 0.5-100: specular 0.999-1.043, diffuse 0.999-1.078 (the fits high at low T*);
- s = 0.5, T* = 0.5-100: specular 0.992-1.138, diffuse 0.997-1.156 (the fits high at low T*);
- s = 0.5, T* = 1000: specular 1.092 and 1.104 (the fits extrapolated).

(diffuse: capture when the turning point lies inside the potential minimum, re-emission by time reversal;
another capture criterion, turning point where :math:`\phi > 0`, gives fits 1-33 % above the computation.)
So: for :math:`s \le 0.1` the fits reproduce the computation to about 1 %; for larger :math:`s` (particles
smaller than about 10 :math:`\sigma'` in radius) and :math:`T^* \lesssim 3` the fits are up to 14 % (specular)
and 16 % (diffuse) higher. The pattern is the same in both, which points to the potential or the reduced
variables used for small particles (not recoverable without the paper) rather than to the diffuse treatment. Above
:math:`T^* \approx 100` at :math:`s = 0.5` the fits no longer decrease with temperature, as any repulsive core
must make them: do not use them there. The fits are left as transcribed.

References
----------
.. [1] Li, Z., Wang, H. (2003). Drag force, diffusion coefficient, and electric mobility of small
   particles. I. Theory applicable to the free-molecule regime. Phys. Rev. E 68, 061206.
   doi:10.1103/PhysRevE.68.061206
.. [2] Li, Z., Wang, H. (2004). Thermophoretic force and velocity of nanoparticles in the free molecule
   regime. Phys. Rev. E 70, 021205. doi:10.1103/PhysRevE.70.021205
"""

from __future__ import annotations

import math

import numpy as np

from .._docs import fill, references
from .._validation import as_output, check_in_range, check_nonnegative, check_positive
from ..exceptions import InputError
from .registry import ForceInputs, ModelInfo, register

__all__ = [
    "li_wang_collision_integrals",
    "li_wang_velocity_coefficient",
    "li_wang_diffuse_fraction",
    "LI_WANG_FITS",
]

# (c0, c1, c2, c3, c4, c5, c6) for Omega = c0 + s (c1 + c2 x + c3 x^2) + s^2 (c4 + c5 x + c6 x^2)
# The rigid-sphere constants c0 are printed as 1.3926 and 1.3272: the exact values 1 + pi/8 and
# 1 + 5 pi/48 rounded to four decimals, which we use unrounded so that the rigid limit is exact.
LI_WANG_FITS = {
    ("11", "diffuse"): (1.0 + math.pi / 8.0, 1.072, 2.078, 1.261, 3.285, -8.872, 5.225),
    ("11", "specular"): (1.0, 0.316, 1.47, 0.476, 1.53, -5.013, 4.025),
    ("12", "diffuse"): (1.0 + 5.0 * math.pi / 48.0, 1.159, 1.506, 1.204, 3.028, -7.719, 4.180),
    ("12", "specular"): (1.0, 0.338, 1.315, 0.412, 1.503, -4.654, 3.410),
}

#: each work the docstrings here cite, written once (composed by :func:`thermophoresis._docs.references`)
_LI_WANG_2003 = ("Li, Z., Wang, H. (2003). Drag force, diffusion coefficient, and electric mobility of small "
                 "particles. I. Theory applicable to the free-molecule regime. Phys. Rev. E 68, 061206.")
_LI_WANG_2004 = ("Li, Z., Wang, H. (2004). Thermophoretic force and velocity of nanoparticles in the free "
                 "molecule regime. Phys. Rev. E 70, 021205.")

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    "parameters_integrals": """Parameters
----------
t_star : float or array_like
    :math:`k_B T/\\epsilon'` [-]; ``np.inf`` for rigid spheres.
sigma_ratio : float or array_like
    :math:`\\sigma'/a` [-]; 0 for rigid spheres.
diffuse_fraction : float or array_like
    Fraction f of diffuse scattering [-], in [0, 1].""",
    "references_2003_2004": references(_LI_WANG_2003, _LI_WANG_2004),
    "references_2004": references(_LI_WANG_2004),
}


def _fit(key, x, s):
    c = LI_WANG_FITS[key]
    return c[0] + s * (c[1] + c[2] * x + c[3] * x * x) + s * s * (c[4] + c[5] * x + c[6] * x * x)


@fill(_DOC)
def li_wang_collision_integrals(t_star, sigma_ratio, diffuse_fraction):
    r"""Accommodation-weighted reduced collision integrals :math:`(\bar\Omega^{(1,1)*}, \bar\Omega^{(1,2)*})`.

    :math:`\bar\Omega = f\,\Omega_{diffuse} + (1 - f)\,\Omega_{specular}`, each from the fit in
    :math:`x = T^{*-1/4}` and :math:`s = \sigma'/a` (module docstring; coefficients as transcribed from MOpS).

    %(parameters_integrals)s

    Returns
    -------
    omega11 : float or numpy.ndarray
        :math:`\bar\Omega^{(1,1)*}` [-] (rigid, diffuse: :math:`1 + \pi/8`).
    omega12 : float or numpy.ndarray
        :math:`\bar\Omega^{(1,2)*}` [-] (rigid, diffuse: :math:`1 + 5\pi/48`).

    %(references_2003_2004)s

    Examples
    --------
    >>> o11, o12 = li_wang_collision_integrals(np.inf, 0.0, 1.0)
    >>> round(o11, 4), round(o12, 4)
    (1.3927, 1.3272)
    """
    t = np.asarray(t_star, dtype=float)
    if np.any(np.isnan(t)) or np.any(t <= 0):
        raise InputError(f"t_star must be > 0 (np.inf for rigid spheres), got {t_star!r}")
    s = check_nonnegative("sigma_ratio", sigma_ratio)
    f = check_in_range("diffuse_fraction", diffuse_fraction, 0.0, 1.0)
    x = np.asarray(t, dtype=float) ** -0.25
    o11 = f * _fit(("11", "diffuse"), x, s) + (1.0 - f) * _fit(("11", "specular"), x, s)
    o12 = f * _fit(("12", "diffuse"), x, s) + (1.0 - f) * _fit(("12", "specular"), x, s)
    return as_output(o11), as_output(o12)


@fill(_DOC)
def li_wang_velocity_coefficient(t_star, sigma_ratio, diffuse_fraction):
    r"""Coefficient C of :math:`\mathbf v = C\,k_{tr}\nabla T / p` (negative: hot to cold).

    .. math:: C = 1 - \frac{6}{5}\frac{\bar\Omega^{(1,2)*}}{\bar\Omega^{(1,1)*}}

    %(parameters_integrals)s

    Returns
    -------
    float or numpy.ndarray
        C [-]; the velocity is :math:`C\,k_{tr}\nabla T/p` with :math:`k_{tr}` the translational conductivity.

    %(references_2004)s

    Examples
    --------
    >>> round(li_wang_velocity_coefficient(np.inf, 0.0, 0.0), 6)       # specular rigid sphere
    -0.2
    >>> round(li_wang_velocity_coefficient(np.inf, 0.0, 1.0), 4)       # diffuse: -1/(5 (1 + pi/8))
    -0.1436
    """
    o11, o12 = li_wang_collision_integrals(t_star, sigma_ratio, diffuse_fraction)
    return as_output(1.0 - 1.2 * np.asarray(o12) / np.asarray(o11))


@fill(_DOC)
def li_wang_diffuse_fraction(kn, diameter):
    r"""Li & Wang's (2004) diffuse-scattering fraction, from specular for nanoparticles to 0.9 for larger.

    .. math:: f = \frac{1 + 0.9\,Kn\,\left[1 - 1/(1 + (d/5\,\mathrm{nm})^{15})\right]}{1 + Kn}

    (as transcribed in MOpS, "Li & Wang 2004 eq. 38"; see the module notes).

    Parameters
    ----------
    kn : float or array_like
        Knudsen number, mean free path over particle radius [-].
    diameter : float or array_like
        Particle diameter [m].

    Returns
    -------
    float or numpy.ndarray
        f [-], in [0, 1].

    %(references_2004)s
    """
    kn = check_positive("kn", kn)
    d = check_positive("diameter", diameter, "m")
    return as_output((1.0 + 0.9 * kn * (1.0 - 1.0 / (1.0 + (d / 5e-9) ** 15))) / (1.0 + kn))


@fill(_DOC)
def li_wang_drag_factor(t_star, sigma_ratio, diffuse_fraction):
    r""":math:`\bar\Omega^{(1,1)*}`, the factor that replaces Epstein's :math:`1 + \pi f/8`.

    %(parameters_integrals)s

    Returns
    -------
    float or numpy.ndarray
        :math:`\bar\Omega^{(1,1)*}` [-].

    %(references_2003_2004)s
    """
    return li_wang_collision_integrals(t_star, sigma_ratio, diffuse_fraction)[0]


_LI_WANG_PARAMS = dict(epsilon_k=0.0, sigma=0.0, diffuse_fraction=None)


def _li_wang(x: ForceInputs, epsilon_k=0.0, sigma=0.0, diffuse_fraction=None):
    if diffuse_fraction is None:
        f = x.momentum_accommodation
    elif isinstance(diffuse_fraction, str):
        if diffuse_fraction != "li-wang-2004":
            raise ValueError(
                f"diffuse_fraction must be a number in [0, 1], None (the particle's momentum accommodation) "
                f"or 'li-wang-2004', got {diffuse_fraction!r}"
            )
        f = li_wang_diffuse_fraction(x.kn, 2.0 * x.radius)
    else:
        f = diffuse_fraction
    if epsilon_k < 0 or sigma < 0:
        raise ValueError(f"epsilon_k and sigma must be >= 0, got {epsilon_k!r} and {sigma!r}")
    t_star = np.inf if epsilon_k == 0 else np.asarray(x.temperature) / epsilon_k
    o11, o12 = li_wang_collision_integrals(t_star, np.asarray(sigma) / x.radius, f)
    c = 1.0 - 1.2 * np.asarray(o12) / np.asarray(o11)
    kth = -c * x.translational_conductivity * x.temperature / (x.pressure * x.kinematic_viscosity)
    boltzmann_t = x.pressure / x.number_density
    friction = (8.0 / 3.0) * np.sqrt(2.0 * math.pi * x.molecular_mass * boltzmann_t) * x.number_density \
        * x.radius**2 * np.asarray(o11)
    phi = kth * friction / (6.0 * math.pi * x.viscosity * x.radius)
    return phi, kth


register(ModelInfo(
    name="li_wang", aliases=("li_wang_2004",),
    label="Li & Wang (2004)", regime="free-molecular", kn_range=(10.0, math.inf), drag="model",
    reference="Li, Z., Wang, H. (2004). Phys. Rev. E 70, 021205",
    formula="v = [1 - (6/5) Omega12*/Omega11*] k_tr grad_T / p; drag (8/3) sqrt(2 pi m k T) n a^2 Omega11*",
    function=li_wang_velocity_coefficient, evaluate=_li_wang, needs_conductivity=False,
    parameters=_LI_WANG_PARAMS,
    notes="gas-particle potential (epsilon_k [K], sigma [m]); rigid spheres by default, where it equals "
          "Waldmann with Epstein drag; fitted integrals transcribed from the MOpS code, see the module",
))
