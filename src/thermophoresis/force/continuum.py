r"""Continuum and slip-flow models: Epstein (1929), Brock (1962), Talbot et al. (1980).

All three solve the flow and heat conduction around a sphere with boundary conditions at its surface; the
force comes from *thermal creep*, the flow of gas along the surface from cold to hot that a tangential
temperature gradient drives within a mean free path of the surface, which pushes the particle the other way.

In the toolkit's normalization (DESIGN.md),

.. math::

    \mathbf F = -6\pi\mu\nu a\,\Phi\,\frac{\nabla T}{T}, \qquad
    \mathbf v = -K_{th}\,\nu\,\frac{\nabla T}{T},

with :math:`\Lambda = k_g/k_p` the gas-to-particle conductivity ratio and :math:`Kn = \lambda/a`
(mean free path over **radius**).

- **Epstein (1929)**: no slip, no temperature jump, thermal creep with Maxwell's coefficient 3/4:
  :math:`\Phi = K_{th} = \tfrac{3}{2}\,\Lambda/(1 + 2\Lambda)`.
- **Brock (1962)**: first-order velocity slip (:math:`C_m`), temperature jump (:math:`C_t`) and thermal
  creep (:math:`C_s`):

  .. math:: \Phi = \frac{2 C_s (\Lambda + C_t Kn)}{(1 + 3 C_m Kn)(1 + 2\Lambda + 2 C_t Kn)}

- **Talbot, Cheng, Schefer & Willis (1980)**: Brock's force with the kinetic-theory coefficients
  :math:`C_s = 1.17`, :math:`C_t = 2.18`, :math:`C_m = 1.14`, divided by the slip-corrected drag with
  Millikan's Cunningham constants (A, B, C) = (1.20, 0.41, 0.88), as an interpolation over all Kn:

  .. math:: K_{th} = \Phi_{Brock}\,\left[1 + Kn\left(A + B e^{-C/Kn}\right)\right]

  Limits: :math:`K_{th} \to 2 C_s \Lambda/(1+2\Lambda)` as Kn → 0 and
  :math:`K_{th} \to C_s (A + B)/(3 C_m) = 0.551` as Kn → ∞.

References
----------
.. [1] Epstein, P. S. (1929). Zur Theorie des Radiometers. Z. Phys. 54, 537-563. doi:10.1007/BF01375457
.. [2] Brock, J. R. (1962). On the theory of thermal forces acting on aerosol particles. J. Colloid Sci.
   17, 768-780. doi:10.1016/0095-8522(62)90051-X
.. [3] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). Thermophoresis of particles in a
   heated boundary layer. J. Fluid Mech. 101, 737-758. doi:10.1017/S0022112080001905 (eq. 4 and Table 1).
"""

from __future__ import annotations

import math

from .._docs import fill
from .._twins import formula
from .._validation import as_output, check_nonnegative, check_positive
from ..mobility import cunningham_formula
from .kernels import ForceKernel
from .registry import ForceInputs, ModelInfo, register

__all__ = [
    "TALBOT_CONSTANTS",
    "BROCK_CONSTANTS",
    "COMSOL_CONSTANTS",
    "epstein_1929",
    "brock_1962",
    "talbot_1980",
    "talbot_slip_correction",
    "epstein_formula",
    "brock_phi_formula",
    "talbot_kth_formula",
]

#: Talbot et al. (1980): kinetic-theory slip, jump and creep coefficients, Millikan's Cunningham constants
TALBOT_CONSTANTS = dict(cs=1.17, ct=2.18, cm=1.14, a=1.20, b=0.41, c=0.88)
#: Brock's (1962) choice: Maxwell's creep 3/4, Smoluchowski/Kennard jump 15/8 and slip 1 (full accommodation)
BROCK_CONSTANTS = dict(cs=0.75, ct=1.875, cm=1.00)
#: The variant in several CFD codes (COMSOL particle tracing, FDS): Cm = 1.146, Ct = 2.2
COMSOL_CONSTANTS = dict(cs=1.17, ct=2.2, cm=1.146)

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    "lambda": r":math:`\Lambda = k_{gas}/k_{particle}` [-].",
    "kn": """kn : float or array_like
    Knudsen number, mean free path over particle **radius** [-].""",
    "brock_constants": """cs, ct, cm : float
    Thermal-creep, temperature-jump and velocity-slip coefficients [-]. Defaults are Brock's own
    (0.75, 1.875, 1.00); Talbot et al. (1980) use (1.17, 2.18, 1.14).""",
    "talbot_constants": """cs, ct, cm, a, b, c : float
    Creep, jump and slip coefficients and Millikan's Cunningham constants [-]. Talbot's are
    (1.17, 2.18, 1.14, 1.20, 0.41, 0.88), the defaults of :func:`talbot_1980`; ``**COMSOL_CONSTANTS``
    gives the Cm = 1.146, Ct = 2.2 variant.""",
    "references_epstein": """References
----------
.. [1] Epstein, P. S. (1929). Zur Theorie des Radiometers. Z. Phys. 54, 537-563.""",
    "references_brock": """References
----------
.. [1] Brock, J. R. (1962). On the theory of thermal forces acting on aerosol particles. J. Colloid Sci.
   17, 768-780.""",
    "references_talbot": """References
----------
.. [1] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). Thermophoresis of particles in a
   heated boundary layer. J. Fluid Mech. 101, 737-758, eq. (4).""",
}


@fill(_DOC)
@formula
def epstein_formula(lam):
    r"""Epstein's :math:`\Phi = K_{th} = \tfrac{3}{2}\Lambda/(1 + 2\Lambda)` (the formula alone: no checks).

    Parameters
    ----------
    lam : float or array_like
        %(lambda)s

    Returns
    -------
    float or numpy.ndarray
        :math:`\Phi` [-].

    %(references_epstein)s
    """
    return 1.5 * lam / (1.0 + 2.0 * lam)


@fill(_DOC)
@formula
def brock_phi_formula(kn, lam, cs, ct, cm):
    r"""Brock's :math:`\Phi` from Kn = mfp/radius and :math:`\Lambda` (the formula alone: no checks).

    Parameters
    ----------
    %(kn)s
    lam : float or array_like
        %(lambda)s
    %(brock_constants)s

    Returns
    -------
    float or numpy.ndarray
        :math:`\Phi` [-].

    %(references_brock)s
    """
    return 2.0 * cs * (lam + ct * kn) / ((1.0 + 3.0 * cm * kn) * (1.0 + 2.0 * lam + 2.0 * ct * kn))


@fill(_DOC)
@formula
def talbot_kth_formula(kn, lam, cs, ct, cm, a, b, c):
    r"""Talbot's :math:`K_{th}`: Brock's :math:`\Phi` times Talbot's own Cunningham factor (the formula alone).

    Parameters
    ----------
    %(kn)s
    lam : float or array_like
        %(lambda)s
    %(talbot_constants)s

    Returns
    -------
    float or numpy.ndarray
        :math:`K_{th}` [-].

    %(references_talbot)s
    """
    return brock_phi_formula(kn, lam, cs, ct, cm) * cunningham_formula(kn, a, b, c)


@fill(_DOC)
def epstein_1929(conductivity_ratio):
    r"""Epstein's (1929) continuum force coefficient :math:`\Phi = \tfrac{3}{2}\Lambda/(1 + 2\Lambda)`.

    Parameters
    ----------
    conductivity_ratio : numeric
        %(lambda)s

    Returns
    -------
    numeric
        :math:`\Phi` [-]; also :math:`K_{th}` with Stokes drag (no slip). Valid for Kn → 0.

    %(references_epstein)s

    Examples
    --------
    A perfectly conducting sphere feels no continuum force; a perfect insulator gets 3/4:

    >>> epstein_1929(0.0), round(epstein_1929(1e12), 9)
    (0.0, 0.75)
    """
    lam = check_nonnegative("conductivity_ratio", conductivity_ratio)
    return as_output(epstein_formula(lam))


@formula
def epstein_point(kn, cc, lam, p):
    """Epstein for the compiled kernels: Phi = K_th (Stokes drag, no slip)."""
    phi = epstein_formula(lam)
    return phi, phi


def _epstein(x: ForceInputs, **params):
    phi = epstein_1929(x.conductivity_ratio)
    return phi, phi


register(ModelInfo(
    name="epstein", aliases=("epstein_1929",),
    label="Epstein (1929)", regime="continuum", kn_range=(0.0, 0.01), drag="stokes",
    reference="Epstein, P. S. (1929). Z. Phys. 54, 537-563",
    formula="Phi = K_th = (3/2) Lambda / (1 + 2 Lambda), Lambda = k_gas/k_particle",
    function=epstein_1929, evaluate=_epstein, kernel=ForceKernel("epstein", epstein_point, uses_slip=False),
    notes="no velocity slip or temperature jump; thermal creep with Maxwell's coefficient 3/4",
))


@fill(_DOC)
def brock_1962(kn, conductivity_ratio, cs=BROCK_CONSTANTS["cs"], ct=BROCK_CONSTANTS["ct"],
               cm=BROCK_CONSTANTS["cm"]):
    r"""Brock's (1962) slip-flow force coefficient.

    .. math:: \Phi = \frac{2 C_s (\Lambda + C_t Kn)}{(1 + 3 C_m Kn)(1 + 2\Lambda + 2 C_t Kn)}

    Parameters
    ----------
    %(kn)s
    conductivity_ratio : float or array_like
        %(lambda)s
    %(brock_constants)s

    Returns
    -------
    float or numpy.ndarray
        :math:`\Phi` [-]; the force is :math:`F = -6\pi\mu\nu a\,\Phi\,\nabla T/T`.

    Notes
    -----
    Derived for Kn < 0.1 (first-order slip flow). With ``cs=0.75, ct=0, cm=0`` it is Epstein's result.

    %(references_brock)s

    Examples
    --------
    >>> round(brock_1962(0.0, 1.0), 4)    # Epstein at Kn = 0
    0.5
    """
    kn = check_nonnegative("kn", kn)
    lam = check_nonnegative("conductivity_ratio", conductivity_ratio)
    return as_output(brock_phi_formula(kn, lam, cs, ct, cm))


@formula
def brock_point(kn, cc, lam, p):
    """Brock for the compiled kernels, slip-corrected drag: K_th = Phi C_c; p = (cs, ct, cm)."""
    phi = brock_phi_formula(kn, lam, p[0], p[1], p[2])
    return phi, phi * cc


_BROCK_PARAMS = dict(BROCK_CONSTANTS)


def _brock(x: ForceInputs, **params):
    p = {**_BROCK_PARAMS, **params}
    phi = brock_1962(x.kn, x.conductivity_ratio, **p)
    return phi, phi * x.slip_correction


register(ModelInfo(
    name="brock", aliases=("brock_1962",),
    label="Brock (1962)", regime="slip", kn_range=(0.0, 0.1), drag="slip-corrected",
    reference="Brock, J. R. (1962). J. Colloid Sci. 17, 768-780",
    formula="Phi = 2 Cs (Lambda + Ct Kn) / ((1 + 3 Cm Kn)(1 + 2 Lambda + 2 Ct Kn))",
    function=brock_1962, evaluate=_brock, parameters=_BROCK_PARAMS, kernel=ForceKernel("brock", brock_point),
    notes="first-order slip flow; constants are arguments (cs, ct, cm)",
))


def talbot_slip_correction(kn, a=TALBOT_CONSTANTS["a"], b=TALBOT_CONSTANTS["b"], c=TALBOT_CONSTANTS["c"]):
    r"""The Cunningham factor inside Talbot's formula, :math:`1 + Kn(A + B e^{-C/Kn})`, Kn = mfp/radius.

    Parameters
    ----------
    kn : numeric
        Kn = mfp / radius [-].
    a, b, c : float
        Millikan's constants as used by Talbot et al. (1.20, 0.41, 0.88) [-].

    Returns
    -------
    numeric
        The factor [-] (the same formula as :func:`thermophoresis.mobility.cunningham`).

    References
    ----------
    .. [1] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). J. Fluid Mech. 101, 737-758, eq. (4).
    """
    kn = check_positive("kn", kn)
    return as_output(cunningham_formula(kn, a, b, c))


@fill(_DOC)
def talbot_1980(kn, conductivity_ratio, cs=TALBOT_CONSTANTS["cs"], ct=TALBOT_CONSTANTS["ct"],
                cm=TALBOT_CONSTANTS["cm"], a=TALBOT_CONSTANTS["a"], b=TALBOT_CONSTANTS["b"],
                c=TALBOT_CONSTANTS["c"]):
    r"""Thermophoretic coefficient of Talbot, Cheng, Schefer & Willis (1980), eq. (4).

    .. math::

        K_{th} = \frac{2 C_s (\Lambda + C_t Kn)\,[1 + Kn(A + B e^{-C/Kn})]}
                      {(1 + 3 C_m Kn)(1 + 2\Lambda + 2 C_t Kn)}

    Parameters
    ----------
    %(kn)s
    conductivity_ratio : float or array_like
        %(lambda)s
    %(talbot_constants)s

    Returns
    -------
    float or numpy.ndarray
        :math:`K_{th}` [-]; the drift velocity is :math:`-K_{th}\,\nu\,\nabla T/T`.

    Notes
    -----
    An interpolation between the slip-flow result and the free-molecular limit, fitted by the authors to
    data over 0 < Kn < ~ 10 and recommended for all Kn; its large-Kn limit 0.551 is within 1 % of the
    free-molecular value of Waldmann with Epstein drag and f = 0.9 (0.554).

    %(references_talbot)s

    Examples
    --------
    >>> round(talbot_1980(1e6, 0.1), 3)      # free-molecular limit Cs (A + B) / (3 Cm)
    0.551
    """
    kn = check_positive("kn", kn)
    lam = check_nonnegative("conductivity_ratio", conductivity_ratio)
    return as_output(talbot_kth_formula(kn, lam, cs, ct, cm, a, b, c))


@formula
def talbot_point(kn, cc, lam, p):
    """Talbot for the compiled kernels: Brock's Phi (Talbot's constants) and K_th with Talbot's own
    Cunningham factor; p = (cs, ct, cm, a, b, c)."""
    phi = brock_phi_formula(kn, lam, p[0], p[1], p[2])
    return phi, phi * cunningham_formula(kn, p[3], p[4], p[5])


_TALBOT_PARAMS = dict(TALBOT_CONSTANTS)


def _talbot(x: ForceInputs, **params):
    p = {**_TALBOT_PARAMS, **params}
    phi = brock_1962(x.kn, x.conductivity_ratio, p["cs"], p["ct"], p["cm"])
    kth = talbot_1980(x.kn, x.conductivity_ratio, **p)
    return phi, kth


register(ModelInfo(
    name="talbot", aliases=("talbot_1980", "talbot_et_al_1980"),
    label="Talbot et al. (1980)", regime="all", kn_range=(0.0, math.inf), drag="model",
    reference="Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). J. Fluid Mech. 101, 737-758, eq. (4)",
    formula="K_th = Phi_Brock(Cs, Ct, Cm) [1 + Kn (A + B exp(-C/Kn))]",
    function=talbot_1980, evaluate=_talbot, parameters=_TALBOT_PARAMS,
    kernel=ForceKernel("talbot", talbot_point, uses_slip=False),
    notes="interpolation of slip-flow and free-molecular results; the usual engineering choice",
))
