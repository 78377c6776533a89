r"""Free-molecular models (Kn = mfp/a >> 1): the force is the net momentum of molecular impacts.

**Waldmann (1959)**: a sphere much smaller than the mean free path, in a gas whose velocity distribution is
the first Chapman–Enskog (heat-flux) distribution, receives

.. math:: \mathbf F = -\frac{32}{15}\,\frac{a^2\,k_{tr}}{\bar c}\,\nabla T

with :math:`k_{tr}` the *translational* conductivity of the gas and :math:`\bar c = \sqrt{8 k_B T/(\pi m)}`
the mean molecular speed. The result holds for any accommodation and reflection law as long as the
particle's own temperature is uniform, because then the re-emitted molecules carry no net momentum along
the gradient. In the DESIGN.md normalization, for a monatomic gas, :math:`\Phi = 1/(3 Kn)` exactly.

With Epstein's free-molecular drag :math:`\zeta = \tfrac{4\pi}{3} a^2 \rho \bar c\,(1 + \pi f/8)`, the
drift velocity is

.. math:: \mathbf v = -\frac{1}{5(1 + \pi f/8)}\,\frac{k_{tr}\,\nabla T}{p}
          = -\frac{3}{4(1 + \pi f / 8)}\,\nu\,\frac{\nabla T}{T}\quad\text{(monatomic gas)}

so :math:`K_{th} = 0.554` for f = 0.9 (Hinds' "0.55").

References
----------
.. [1] Waldmann, L. (1959). Über die Kraft eines inhomogenen Gases auf kleine suspendierte Kugeln.
   Z. Naturforsch. 14a, 589-599. doi:10.1515/zna-1959-0701
.. [2] Waldmann, L., Schmitt, K. H. (1966). Thermophoresis and diffusiophoresis of aerosols. In Davies,
   C. N. (ed.), Aerosol Science, Academic Press, pp. 137-162 (eq. 19).
.. [3] Hinds, W. C. (1999). Aerosol Technology, 2nd ed., eq. (10.5).
"""

from __future__ import annotations

import math

import numpy as np

from .._validation import as_output, check_positive
from ..mobility import epstein_factor
from .registry import ForceInputs, ModelInfo, register

__all__ = ["waldmann_1959_force", "waldmann_1959_phi", "waldmann_1959_kth"]


def waldmann_1959_force(radius, translational_conductivity, mean_speed, grad_t):
    r"""Waldmann's free-molecular thermophoretic force [N], :math:`-\tfrac{32}{15} a^2 k_{tr}\nabla T/\bar c`.

    Parameters
    ----------
    radius : numeric
        Particle radius [m].
    translational_conductivity : numeric
        :math:`k_{tr}` of the gas [W/(m K)] (:attr:`Gas.translational_conductivity`).
    mean_speed : numeric
        Mean molecular speed :math:`\sqrt{8 k_B T/(\pi m)}` [m/s] — not the most probable speed.
    grad_t : numeric
        Gas temperature gradient [K/m]; the force points the other way.

    Returns
    -------
    numeric
        Force [N], valid for Kn = mfp/radius >> 1 (in practice Kn > 10); independent of the particle's
        conductivity and accommodation.

    References
    ----------
    .. [1] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599.

    Examples
    --------
    A 20 nm particle in argon at 300 K (k_tr = 0.0177 W/(m K), c = 398.8 m/s) in 1e5 K/m:

    >>> f = waldmann_1959_force(10e-9, 0.0177, 398.8, 1e5)
    >>> print(f"{f:.3e}")
    -9.468e-16
    """
    a = check_positive("radius", radius, "m")
    k_tr = check_positive("translational_conductivity", translational_conductivity, "W/(m K)")
    c = check_positive("mean_speed", mean_speed, "m/s")
    return as_output(-32.0 / 15.0 * a**2 * k_tr * np.asarray(grad_t, dtype=float) / c)


def waldmann_1959_phi(radius, translational_conductivity, mean_speed, temperature, viscosity, kinematic_viscosity):
    r"""Waldmann's force as the coefficient :math:`\Phi` of :math:`F = -6\pi\mu\nu a\Phi\nabla T/T`.

    .. math:: \Phi = \frac{16}{45\pi}\,\frac{a\,k_{tr}\,T}{\mu\,\nu\,\bar c}

    which is :math:`1/(3 Kn)` for a monatomic gas (:math:`k_{tr} = \tfrac{15}{4}(k_B/m)\mu`,
    :math:`\lambda = 2\nu/\bar c`).

    Parameters
    ----------
    radius : numeric
        Particle radius [m].
    translational_conductivity : numeric
        [W/(m K)].
    mean_speed : numeric
        Mean molecular speed [m/s].
    temperature : numeric
        [K].
    viscosity : numeric
        Dynamic viscosity [Pa s].
    kinematic_viscosity : numeric
        [m^2/s].

    Returns
    -------
    numeric
        :math:`\Phi` [-].

    References
    ----------
    .. [1] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599.
    """
    a = check_positive("radius", radius, "m")
    return as_output(
        16.0 / (45.0 * math.pi) * a * translational_conductivity * temperature
        / (viscosity * kinematic_viscosity * mean_speed)
    )


def waldmann_1959_kth(translational_conductivity, temperature, pressure, kinematic_viscosity, diffuse_fraction=0.9):
    r"""Thermophoretic coefficient of Waldmann's force with Epstein drag.

    .. math:: K_{th} = \frac{k_{tr}\,T}{5 (1 + \pi f/8)\,p\,\nu}

    which is :math:`3/[4(1 + \pi f/8)]` for a monatomic gas: 0.554 for f = 0.9, 0.539 for f = 1,
    0.75 for specular reflection.

    Parameters
    ----------
    translational_conductivity : numeric
        [W/(m K)].
    temperature : numeric
        [K].
    pressure : numeric
        [Pa].
    kinematic_viscosity : numeric
        [m^2/s].
    diffuse_fraction : numeric, default 0.9
        Fraction f of diffuse re-emission in Epstein's drag [-].

    Returns
    -------
    numeric
        :math:`K_{th}` [-].

    References
    ----------
    .. [1] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599 (force).
    .. [2] Epstein, P. S. (1924). Phys. Rev. 23, 710-733 (drag).

    >>> from thermophoresis import Gas
    >>> ar = Gas("Ar", 300.0, 101325.0)
    >>> round(waldmann_1959_kth(ar.translational_conductivity, 300.0, 101325.0, ar.kinematic_viscosity), 4)
    0.5542
    """
    return as_output(
        translational_conductivity * temperature
        / (5.0 * epstein_factor(diffuse_fraction) * pressure * kinematic_viscosity)
    )


def _waldmann(x: ForceInputs, **params):
    phi = waldmann_1959_phi(x.radius, x.translational_conductivity, x.mean_speed, x.temperature,
                            x.viscosity, x.kinematic_viscosity)
    return phi, phi * x.epstein_ratio


register(ModelInfo(
    name="waldmann", aliases=("waldmann_1959",),
    label="Waldmann (1959)", regime="free-molecular", kn_range=(10.0, math.inf),
    drag="epstein",
    reference="Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599",
    formula="F = -(32/15) a^2 k_tr grad_T / c_mean",
    function=waldmann_1959_force, evaluate=_waldmann, needs_conductivity=False,
    notes="independent of the particle's conductivity and accommodation; k_tr is the translational conductivity",
))
