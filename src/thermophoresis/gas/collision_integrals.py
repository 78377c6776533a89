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

__all__ = ["omega11", "omega22", "a_star"]


def _neufeld(t, a, b, c, d, e, f, g=0.0, h=0.0, r=0.0, s=0.0, w=0.0, p=0.0):
    # Neufeld et al. (1972) eq. (2): A/T*^B + C exp(-D T*) + E exp(-F T*) + G exp(-H T*)
    # + R T*^B sin(S T*^W - P); Omega(1,1) has no sine term, Omega(2,2) has one.
    t = np.asarray(t, dtype=float)
    out = a / t**b + c * np.exp(-d * t) + e * np.exp(-f * t) + g * np.exp(-h * t)
    if r:
        out = out + r * t**b * np.sin(s * t**w - p)
    return out


def omega11(t_star):
    r""":math:`\Omega^{(1,1)*}(T^*)`, the diffusion collision integral (Neufeld et al. 1972, Table I).

    >>> round(float(omega11(1.0)), 4)
    1.4405
    """
    return _neufeld(t_star, 1.06036, 0.15610, 0.19300, 0.47635, 1.03587, 1.52996, 1.76474, 3.89411)


def omega22(t_star):
    r""":math:`\Omega^{(2,2)*}(T^*)`, the viscosity collision integral (Neufeld et al. 1972, Table I),
    including the small sinusoidal term of their eq. (2).

    >>> round(float(omega22(1.0)), 4)
    1.5931
    """
    return _neufeld(t_star, 1.16145, 0.14874, 0.52487, 0.77320, 2.16178, 2.43787,
                    r=-6.435e-4, s=18.0323, w=-0.76830, p=7.27371)


def a_star(t_star):
    r""":math:`A^* = \Omega^{(2,2)*} / \Omega^{(1,1)*}`."""
    return omega22(t_star) / omega11(t_star)
