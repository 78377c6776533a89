r"""Reduced collision integrals of the Lennard-Jones (12-6) potential.

The reduced integrals :math:`\Omega^{(l,s)*}(T^*)`, with :math:`T^* = k T / \epsilon`, are the transport
cross sections of the 12-6 potential divided by their rigid-sphere values. They enter the first
Chapman–Enskog approximations of viscosity, conductivity, diffusion and thermal diffusion.

The fits are those of Neufeld, Janzen & Aziz (1972), accurate to about 0.1 % (their stated maximum
deviation from the tables of Monchick & Mason is 0.064 % for :math:`\Omega^{(2,2)*}`) for
:math:`0.3 \le T^* \le 100`. Outside that range they are extrapolations (a :class:`ValidityWarning`
is not raised here because the transport functions that call them check their own range).

References
----------
.. [1] Neufeld, P. D., Janzen, A. R., Aziz, R. A. (1972). Empirical equations to calculate 16 of the
   transport collision integrals Omega(l,s)* for the Lennard-Jones (12-6) potential.
   J. Chem. Phys. 57, 1100-1102. doi:10.1063/1.1678363
"""

from __future__ import annotations

import numpy as np

from .._docs import fill

_NEUFELD = """.. [1] Neufeld, P. D., Janzen, A. R., Aziz, R. A. (1972). Empirical equations to calculate 16 of the
   transport collision integrals Omega(l,s)* for the Lennard-Jones (12-6) potential.
   J. Chem. Phys. 57, 1100-1102."""

#: docstring text shared by every function of this module (filled in by :func:`thermophoresis._docs.fill`)
_DOC = {
    "parameters": r"""Parameters
----------
t_star : float or array_like
    Reduced temperature :math:`T^* = k_B T/\epsilon` [-]; the fit covers 0.3 <= T* <= 100.""",
    "references_fit": "References\n----------\n" + _NEUFELD,
    "references_fit_and_recursion": "References\n----------\n" + _NEUFELD + """
.. [2] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids.
   Wiley.""",
}


__all__ = ["omega11", "omega22", "omega12", "omega13", "a_star", "b_star", "c_star"]


def _neufeld(t, a, b, c, d, e, f, g=0.0, h=0.0, r=0.0, s=0.0, w=0.0, p=0.0):
    # Neufeld et al. (1972) eq. (2): A/T*^B + C exp(-D T*) + E exp(-F T*) + G exp(-H T*)
    # + R T*^B sin(S T*^W - P); Omega(1,1) has no sine term, Omega(2,2) has one.
    t = np.asarray(t, dtype=float)
    out = a / t**b + c * np.exp(-d * t) + e * np.exp(-f * t) + g * np.exp(-h * t)
    if r:
        out = out + r * t**b * np.sin(s * t**w - p)
    return out


_OMEGA11 = (1.06036, 0.15610, 0.19300, 0.47635, 1.03587, 1.52996, 1.76474, 3.89411)


def _omega11_derivatives(t):
    """Omega(1,1)* and its first two derivatives with respect to T*, from the Neufeld fit (analytic)."""
    a, b, c, d, e, f, g, h = _OMEGA11
    t = np.asarray(t, dtype=float)
    ed, ef, eh = np.exp(-d * t), np.exp(-f * t), np.exp(-h * t)
    val = a * t**-b + c * ed + e * ef + g * eh
    d1 = -a * b * t ** (-b - 1.0) - c * d * ed - e * f * ef - g * h * eh
    d2 = a * b * (b + 1.0) * t ** (-b - 2.0) + c * d * d * ed + e * f * f * ef + g * h * h * eh
    return val, d1, d2


@fill(_DOC)
def omega11(t_star):
    r""":math:`\Omega^{(1,1)*}(T^*)`, the diffusion collision integral (Neufeld et al. 1972, Table I).

    %(parameters)s

    Returns
    -------
    numpy.ndarray or float
        :math:`\Omega^{(1,1)*}` [-] (1 for rigid spheres).

    %(references_fit)s

    Examples
    --------
    >>> round(float(omega11(1.0)), 4)
    1.4405
    """
    return _neufeld(t_star, *_OMEGA11)


@fill(_DOC)
def omega22(t_star):
    r""":math:`\Omega^{(2,2)*}(T^*)`, the viscosity collision integral (Neufeld et al. 1972, Table I),
    including the small sinusoidal term of their eq. (2).

    %(parameters)s

    Returns
    -------
    numpy.ndarray or float
        :math:`\Omega^{(2,2)*}` [-] (1 for rigid spheres).

    %(references_fit)s

    Examples
    --------
    >>> round(float(omega22(1.0)), 4)
    1.5931
    """
    return _neufeld(t_star, 1.16145, 0.14874, 0.52487, 0.77320, 2.16178, 2.43787,
                    r=-6.435e-4, s=18.0323, w=-0.76830, p=7.27371)


@fill(_DOC)
def a_star(t_star):
    r""":math:`A^* = \Omega^{(2,2)*} / \Omega^{(1,1)*}`, the ratio that links self-diffusion to viscosity.

    %(parameters)s

    Returns
    -------
    numpy.ndarray or float
        :math:`A^*` [-] (1 for rigid spheres).

    %(references_fit_and_recursion)s
    """
    return omega22(t_star) / omega11(t_star)


@fill(_DOC)
def omega12(t_star):
    r""":math:`\Omega^{(1,2)*} = \Omega^{(1,1)*} + (T^*/3)\,d\Omega^{(1,1)*}/dT^*`.

    From the exact recursion :math:`\Omega^{(l,s+1)*} = \Omega^{(l,s)*}[1 + \tfrac{1}{s+2}
    d\ln\Omega^{(l,s)*}/d\ln T^*]`, which follows from differentiating the defining integral
    :math:`\Omega^{(l,s)} \propto T^{-(s+2)}\int e^{-E/kT} E^{s+1} Q^{(l)}(E)\,dE` with respect to 1/kT
    (it is exact, e.g. for every inverse-power potential), applied to the Neufeld fit of
    :math:`\Omega^{(1,1)*}` with analytic derivatives. Agrees with the Monchick–Mason tables within 0.1 %.

    %(parameters)s

    Returns
    -------
    numpy.ndarray or float
        :math:`\Omega^{(1,2)*}` [-] (1 for rigid spheres).

    %(references_fit_and_recursion)s
    """
    val, d1, _ = _omega11_derivatives(t_star)
    return val + np.asarray(t_star) * d1 / 3.0


@fill(_DOC)
def omega13(t_star):
    r""":math:`\Omega^{(1,3)*} = \Omega^{(1,1)*} + \tfrac{2}{3}T^*\Omega' + \tfrac{1}{12}T^{*2}\Omega''`.

    The recursion of :func:`omega12` applied twice; primes are derivatives of :math:`\Omega^{(1,1)*}`.

    %(parameters)s

    Returns
    -------
    numpy.ndarray or float
        :math:`\Omega^{(1,3)*}` [-] (1 for rigid spheres).

    %(references_fit_and_recursion)s
    """
    t = np.asarray(t_star, dtype=float)
    val, d1, d2 = _omega11_derivatives(t)
    return val + 2.0 / 3.0 * t * d1 + t * t * d2 / 12.0


@fill(_DOC)
def b_star(t_star):
    r""":math:`B^* = [5\Omega^{(1,2)*} - 4\Omega^{(1,3)*}] / \Omega^{(1,1)*}`.

    %(parameters)s

    Returns
    -------
    numpy.ndarray or float
        :math:`B^*` [-] (1 for rigid spheres).

    %(references_fit_and_recursion)s
    """
    return (5.0 * omega12(t_star) - 4.0 * omega13(t_star)) / omega11(t_star)


@fill(_DOC)
def c_star(t_star):
    r""":math:`C^* = \Omega^{(1,2)*} / \Omega^{(1,1)*}`.

    %(parameters)s

    Returns
    -------
    numpy.ndarray or float
        :math:`C^*` [-] (1 for rigid spheres).

    %(references_fit_and_recursion)s
    """
    return omega12(t_star) / omega11(t_star)
