r"""Force on a sphere from its own surface temperature: only the dipole pushes.

A sphere of radius a whose surface temperature is

.. math:: T_s(\theta) = \sum_{l \ge 0} a_l\,P_l(\cos\theta)

(axis :math:`\hat z` at :math:`\theta = 0`), in a gas that is otherwise uniform at rest (temperature T,
pressure p), feels a force along :math:`\hat z` that, to first order in :math:`(T_s - T)/T`, depends on
:math:`a_1` alone. The force points away from the hot side (:math:`-\hat z` for :math:`a_1 > 0`).

**Free-molecular limit (Kn >> 1).** Molecules arrive from the uniform gas isotropically, with the same
number flux :math:`n\bar c/4` on every surface element, so incident momentum cancels. They leave diffusely;
a fraction :math:`\alpha` (the energy accommodation coefficient) leaves with the energy of the local
surface temperature, so they carry the temperature
:math:`T_r(\theta) = T + \alpha\,[T_s(\theta) - T]`. A cosine-law stream of flux :math:`n\bar c/4` at
temperature :math:`T_r` exerts the normal pressure :math:`(p/2)\sqrt{T_r/T}`. Integrating over the sphere
gives

.. math:: F_z = -\pi a^2 p \int_{-1}^{1} \sqrt{T_r(\mu)/T}\,\mu\,d\mu
          \;\approx\; -\frac{\pi}{3}\,\alpha\,p\,a^2\,\frac{a_1}{T}.

Only the odd part of :math:`T_r` survives the integral. A uniform :math:`T_s` gives exactly zero at any
amplitude. In the linear form (the default) only :math:`a_1` enters. With ``linear=False`` the square root
is integrated exactly: the dipole force then scales with :math:`\sqrt{T/\bar T_r}` when the particle as a
whole is much hotter than the gas, and products of modes of opposite parity add small second-order terms.

For a particle whose temperature is uniform while the gas carries a gradient, the re-emitted stream adds
nothing. The whole force is the incident-molecule force of Waldmann (1959), which
:func:`free_molecular_total_force` adds.

**Slip-flow limit (Kn << 1).** A tangential temperature gradient along the surface drives thermal creep
toward the hot side, :math:`u_s = C_s\,\nu\,\partial_s T_g/T`. For a held sphere with a mode-1 creep
:math:`u_\theta = B_1 \sin\theta` and first-order velocity slip, the Stokes solution gives
:math:`F_z = 4\pi\mu a B_1/(1 + 3 C_m Kn)`; modes :math:`l \ge 2` give no force (as for a squirmer). The gas
temperature at the surface differs from the particle's by the temperature jump. For the decaying dipole
field outside the sphere this gives :math:`b_1 = a_1/(1 + 2 C_t Kn)`. Together:

.. math:: F_z = -\frac{4\pi C_s\,\mu\,\nu\,a_1}{T\,(1 + 2 C_t Kn)(1 + 3 C_m Kn)}

With Epstein's surface temperature of a sphere in an external gradient G,
:math:`a_1 = 3\Lambda G a/(1 + 2\Lambda)` (no jump, :math:`\Lambda = k_g/k_p`), this is Epstein's (Brock's
at Kn = 0) force :math:`-12\pi C_s\mu\nu a\,\Lambda/(1+2\Lambda)\,G/T`. The tests check this
cross-consistency.

References
----------
.. [1] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599 (incident-molecule force).
.. [2] Epstein, P. S. (1929). Z. Phys. 54, 537-563 (thermal creep on a sphere).
.. [3] Brock, J. R. (1962). J. Colloid Sci. 17, 768-780 (slip, jump and creep coefficients).
.. [4] Blake, J. R. (1971). A spherical envelope approach to ciliary propulsion. J. Fluid Mech. 46,
   199-208 (force-free speed 2 B1/3 of a sphere with surface slip, hence the held-sphere force).
"""

from __future__ import annotations

import math

import numpy as np
from numpy.polynomial import legendre as npleg

from .._docs import fill
from .._validation import as_output, check_in_range, check_nonnegative, check_positive
from ..exceptions import InputError
from .continuum import TALBOT_CONSTANTS
from .free_molecular import waldmann_1959_force

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    "parameters_modes_radius": """Parameters
----------
modes : sequence of float
    Legendre coefficients of the particle surface temperature [K].
radius : float
    Particle radius [m].""",
    "references_legendre": """References
----------
.. [1] Abramowitz, M., Stegun, I. A. (1964). Handbook of Mathematical Functions. National Bureau of
   Standards, Applied Mathematics Series 55, ch. 8 (Legendre functions) and 25.4 (Gauss quadrature).""",
}

__all__ = [
    "legendre_modes",
    "surface_temperature",
    "free_molecular_surface_force",
    "free_molecular_total_force",
    "slip_flow_surface_force",
]


@fill(_DOC)
def legendre_modes(temperature, theta=None, l_max: int = 8):
    r"""Legendre coefficients :math:`a_l` of a surface temperature :math:`T_s(\theta)` [K].

    Parameters
    ----------
    temperature : callable or array_like
        Either a function ``T(theta)`` [K] (vectorized, theta in radians from the +z axis), projected
        exactly with Gauss–Legendre quadrature, or samples [K] at the angles ``theta``, fitted by least
        squares in :math:`\mu = \cos\theta`.
    theta : array_like, optional
        Polar angles of the samples [rad], in [0, pi]; required with samples.
    l_max : int
        Highest degree returned (the samples must number more than ``l_max``).

    Returns
    -------
    numpy.ndarray
        :math:`a_0 \ldots a_{l_{max}}` [K].

    %(references_legendre)s

    Examples
    --------
    >>> import numpy as np
    >>> np.round(legendre_modes(lambda th: 300.0 + 2.0 * np.cos(th), l_max=2), 12)
    array([300.,   2.,   0.])
    """
    if isinstance(l_max, bool) or not isinstance(l_max, (int, np.integer)) or l_max < 1:
        raise InputError(f"l_max must be an integer >= 1, got {l_max!r}")
    if callable(temperature):
        mu, w = npleg.leggauss(max(2 * l_max + 2, 32))
        t = np.asarray(temperature(np.arccos(mu)), dtype=float)
        if t.shape != mu.shape or not np.all(np.isfinite(t)):
            raise InputError("temperature(theta) must return one finite value per angle")
        l = np.arange(l_max + 1)
        p = npleg.legvander(mu, l_max)  # P_l(mu) columns
        return (2 * l + 1) / 2.0 * ((w * t) @ p)
    if theta is None:
        raise InputError("theta is required when temperature is given as samples")
    th = check_in_range("theta", theta, 0.0, math.pi)
    t = np.asarray(temperature, dtype=float)
    if np.shape(th) != np.shape(t) or np.ndim(t) != 1:
        raise InputError(f"theta and temperature must be 1-D of the same length, got {np.shape(th)} and {np.shape(t)}")
    if t.size <= l_max:
        raise InputError(f"need more than l_max = {l_max} samples, got {t.size}")
    if not np.all(np.isfinite(t)):
        raise InputError("temperature samples must be finite")
    return npleg.legfit(np.cos(th), t, l_max)


@fill(_DOC)
def surface_temperature(modes, theta):
    r"""Evaluate :math:`T_s(\theta) = \sum_l a_l P_l(\cos\theta)` [K].

    Parameters
    ----------
    modes : array_like
        Legendre coefficients :math:`a_0, a_1, \ldots` [K].
    theta : float or array_like
        Polar angle from the +z axis [rad].

    Returns
    -------
    float or numpy.ndarray
        Surface temperature [K], shape of ``theta``.

    %(references_legendre)s

    Examples
    --------
    >>> round(surface_temperature([300.0, 2.0], 0.0), 12)
    302.0
    """
    return as_output(npleg.legval(np.cos(np.asarray(theta, dtype=float)), np.asarray(modes, dtype=float)))


def _modes(modes):
    a = np.asarray(modes, dtype=float)
    if a.ndim != 1 or a.size < 1 or not np.all(np.isfinite(a)):
        raise InputError(f"modes must be a 1-D sequence of finite Legendre coefficients [K], got {modes!r}")
    return a


def free_molecular_surface_force(modes, radius, pressure, temperature, energy_accommodation=1.0,
                                 linear: bool = True):
    r"""Force [N] along +z on a sphere with surface temperature modes, free-molecular limit.

    Derived in the module docstring: diffusely re-emitted molecules carry
    :math:`T_r = T + \alpha(T_s - T)`; only the odd part of :math:`\sqrt{T_r/T}` survives the surface
    integral.

    Parameters
    ----------
    modes : sequence of float
        Legendre coefficients :math:`a_0, a_1, \ldots` of the surface temperature [K].
    radius : float
        Particle radius [m].
    pressure : float
        Pressure of the surrounding uniform gas [Pa].
    temperature : float
        Temperature of the surrounding uniform gas [K].
    energy_accommodation : float
        :math:`\alpha` [-], in [0, 1].
    linear : bool
        First order in :math:`(T_s - T)/T` (default): :math:`F_z = -(\pi/3)\alpha p a^2 a_1/T`. Otherwise the
        exact integral of :math:`\sqrt{T_r/T}`.

    Returns
    -------
    float
        :math:`F_z` [N]; away from the hot side (negative for :math:`a_1 > 0`).

    References
    ----------
    .. [1] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599 (free-molecular momentum balance on a sphere).
    .. [2] Epstein, P. S. (1924). On the resistance experienced by spheres in their motion through gases.
       Phys. Rev. 23, 710-733 (diffuse re-emission from a sphere).

    Examples
    --------
    Uniform heating, 100 K above the gas: no force.

    >>> free_molecular_surface_force([400.0], 1e-6, 100.0, 300.0)
    0.0
    """
    a = _modes(modes)
    r = check_positive("radius", radius, "m")
    p = check_positive("pressure", pressure, "Pa")
    t = check_positive("temperature", temperature, "K")
    alpha = check_in_range("energy_accommodation", energy_accommodation, 0.0, 1.0)
    if linear:
        a1 = a[1] if a.size > 1 else 0.0
        return as_output(-math.pi / 3.0 * alpha * p * r**2 * a1 / t + 0.0)
    mu, w = npleg.leggauss(max(64, 4 * a.size))
    t_surface = npleg.legval(mu, a)
    t_r = t + alpha * (t_surface - t)
    if np.any(t_r <= 0):
        raise InputError("the surface temperature modes give a non-positive temperature somewhere on the sphere")
    g = np.sqrt(t_r / t)
    # only the odd part of g contributes; taking it explicitly (the nodes are symmetric, mu[::-1] = -mu)
    # makes a uniform surface give exactly zero in floating point
    integral = np.sum(w * 0.5 * (g - g[::-1]) * mu)
    return as_output(-math.pi * r**2 * p * integral + 0.0)


@fill(_DOC)
def free_molecular_total_force(modes, radius, pressure, temperature, grad_t, translational_conductivity,
                               mean_speed, energy_accommodation=1.0, linear: bool = True):
    r"""Incident-molecule force in a gas gradient (Waldmann) plus the re-emission force of the surface modes.

    For an isothermal particle (only :math:`a_0`) this is exactly Waldmann's force, whatever the
    accommodation.

    %(parameters_modes_radius)s
    pressure : float
        Gas pressure [Pa].
    temperature : float
        Gas temperature [K].
    grad_t : float or array_like
        Gas temperature gradient along +z [K/m].
    translational_conductivity : float
        :math:`k_{tr}` of the gas [W/(m K)].
    mean_speed : float
        Mean molecular speed :math:`\sqrt{8k_BT/(\pi m)}` [m/s].
    energy_accommodation : float
        :math:`\alpha` [-], in [0, 1].
    linear : bool
        First order in :math:`(T_s - T)/T` (default), or the exact re-emission integral.

    Returns
    -------
    float or numpy.ndarray
        :math:`F_z` [N].

    References
    ----------
    .. [1] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599.

    Examples
    --------
    >>> from thermophoresis.force import waldmann_1959_force
    >>> f = free_molecular_total_force([300.0], 1e-8, 100.0, 300.0, 1e5, 0.0177, 398.8)
    >>> f == waldmann_1959_force(1e-8, 0.0177, 398.8, 1e5)     # isothermal particle: Waldmann alone
    True
    """
    incident = waldmann_1959_force(radius, translational_conductivity, mean_speed, grad_t)
    emitted = free_molecular_surface_force(modes, radius, pressure, temperature, energy_accommodation, linear)
    return as_output(incident + emitted)


@fill(_DOC)
def slip_flow_surface_force(modes, radius, viscosity, kinematic_viscosity, temperature, mean_free_path=0.0,
                            cs=TALBOT_CONSTANTS["cs"], ct=TALBOT_CONSTANTS["ct"], cm=TALBOT_CONSTANTS["cm"]):
    r"""Force [N] along +z on a sphere with surface temperature modes, slip-flow (thermal creep) limit.

    .. math:: F_z = -\frac{4\pi C_s\mu\nu\,a_1}{T(1 + 2C_tKn)(1 + 3C_mKn)}, \qquad Kn = \lambda/a

    %(parameters_modes_radius)s
    viscosity : float
        Dynamic viscosity of the gas [Pa s].
    kinematic_viscosity : float
        Kinematic viscosity of the gas [m^2/s].
    temperature : float
        Gas temperature [K].
    mean_free_path : float
        Gas mean free path [m]; 0 gives the no-slip, no-jump (Epstein) limit.
    cs, ct, cm : float
        Creep, jump and slip coefficients [-] (Talbot et al. 1980 values by default).

    Returns
    -------
    float
        :math:`F_z` [N].

    References
    ----------
    .. [1] Epstein, P. S. (1929). Zur Theorie des Radiometers. Z. Phys. 54, 537-563.
    .. [2] Brock, J. R. (1962). On the theory of thermal forces acting on aerosol particles. J. Colloid Sci.
       17, 768-780.
    .. [3] Blake, J. R. (1971). A spherical envelope approach to ciliary propulsion. J. Fluid Mech. 46,
       199-208.

    Examples
    --------
    >>> slip_flow_surface_force([350.0, 0.0, 4.0], 1e-6, 1.8e-5, 1.5e-5, 300.0)   # no dipole, no force
    0.0
    """
    a = _modes(modes)
    r = check_positive("radius", radius, "m")
    kn = check_nonnegative("mean_free_path", mean_free_path, "m") / r
    a1 = a[1] if a.size > 1 else 0.0
    return as_output(
        -4.0 * math.pi * cs * viscosity * kinematic_viscosity * a1
        / (check_positive("temperature", temperature, "K") * (1.0 + 2.0 * ct * kn) * (1.0 + 3.0 * cm * kn)) + 0.0
    )
