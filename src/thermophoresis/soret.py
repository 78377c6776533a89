r"""The Soret effect: thermal diffusion of molecules in a binary gas mixture.

Thermophoresis moves *particles*; the Soret effect moves *molecules* of one species relative to another.
For a binary mixture, the diffusion velocities obey (Hirschfelder, Curtiss & Bird 1954, eq. 8.2-46)

.. math:: \mathbf V_1 - \mathbf V_2 = -\frac{D_{12}}{x_1 x_2}\left[\nabla x_1 + k_T\,\nabla\ln T\right],
          \qquad k_T = x_1 x_2\,\alpha_T

so with :math:`\alpha_T > 0` species 1 collects at the cold side. The steady separation is
:math:`\nabla x_1 = -k_T\nabla\ln T`, and the Soret coefficient is :math:`S_T = \alpha_T/T` [1/K].
Usually the heavier species goes cold.

**First Chapman–Enskog approximation** with Lennard-Jones (12-6) potentials (Ferziger & Kaper 1972,
eqs. 7.3-44 and 7.3-70; the same result as Chapman & Cowling, ch. 9):

.. math::

    [\alpha_T]_1 = (6C^*_{12} - 5)\,\frac{S_1 x_1 - S_2 x_2}{Q_1 x_1^2 + Q_2 x_2^2 + Q_{12} x_1 x_2}

    S_1 = \frac{M_1 + M_2}{2M_2}\frac{\lambda_{12}}{\lambda_1} - \frac{15}{4A^*}\frac{M_2 - M_1}{2M_1} - 1

    Q_1 = \frac{\lambda_{12}}{\lambda_1}\left[\frac{3M_2}{M_1} + \left(\frac52 - \frac{6B^*}{5}\right)
          \frac{M_1}{M_2} + \frac{8A^*}{5}\right]

    Q_{12} = \frac{16A^*}{5}\frac{(M_1+M_2)^2}{4M_1M_2}\frac{\lambda_{12}^2}{\lambda_1\lambda_2} + 11
             - \frac{12B^*}{5} + \frac{15}{8A^*}\frac{(M_1-M_2)^2}{M_1M_2}\left(5 - \frac{12B^*}{5}\right)

with :math:`S_2, Q_2` by exchanging 1 and 2, :math:`\lambda_i = \tfrac{15}{4}(R/M_i)\mu_i` the first-
approximation conductivities of the pure gases, :math:`\lambda_{12}` that of a fictitious gas of molar mass
:math:`2M_1M_2/(M_1+M_2)` with the 1–2 potential, and :math:`A^*, B^*, C^*` of the 1–2 pair
(:mod:`thermophoresis.gas.collision_integrals`; combining rules :math:`\sigma_{12} = (\sigma_1+\sigma_2)/2`,
:math:`\epsilon_{12} = \sqrt{\epsilon_1\epsilon_2}`). The binary diffusion coefficient is the first
approximation :math:`[D_{12}]_1 = \tfrac{3}{16}\sqrt{2\pi(k_BT)^3/m_r}/(p\pi\sigma_{12}^2\Omega^{(1,1)*})`.

Internal degrees of freedom are ignored. The formula treats every molecule as structureless, and for
H2–N2 Cantera's inelastic corrections shift α_T by up to 2 %. The first approximation usually
underestimates |α_T| by a few percent for very unequal masses. The expression is checked against its
hard-sphere and equal-mass limits and against Cantera (see the tests and ``docs/physics.md``).

References
----------
.. [1] Ferziger, J. H., Kaper, H. G. (1972). Mathematical Theory of Transport Processes in Gases.
   North-Holland. Eqs. (7.3-44), (7.3-70).
.. [2] Chapman, S., Cowling, T. G. (1970). The Mathematical Theory of Non-Uniform Gases, 3rd ed., ch. 9.
.. [3] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids,
   §8.2.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._docs import fill
from ._validation import as_output, check_in_range, check_positive
from .constants import AVOGADRO, BOLTZMANN, GAS_CONSTANT
from .exceptions import InputError
from .gas.collision_integrals import a_star, b_star, c_star, omega11, omega22
from .gas.species import Species, get_species

__all__ = [
    "alpha_t_first_approximation",
    "binary_diffusion_coefficient",
    "thermal_diffusion_factor",
    "thermal_diffusion_ratio",
    "soret_coefficient",
    "SoretResult",
    "soret",
    "SoretComparison",
    "soret_vs_particle",
]

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    "parameters_pair": """Parameters
----------
species1, species2 : str or Species
    The two species (names or aliases from the species table; not air, which is a mixture).
x1 : float or array_like
    Mole fraction of species 1 [-], in [0, 1].
temperature : float or array_like
    Gas temperature [K].""",
}


def alpha_t_first_approximation(x1, m1, m2, lambda1, lambda2, lambda12, a_star_12, b_star_12, c_star_12):
    r"""The first-approximation formula for :math:`\alpha_T` of species 1, from its ingredients.

    See the module docstring for the formula (Ferziger & Kaper 1972, eqs. 7.3-44, 7.3-70).

    Parameters
    ----------
    x1 : float or array_like
        Mole fraction of species 1 [-], in [0, 1].
    m1, m2 : float
        Molar (or molecular) masses [kg/mol] (any common unit: only their ratio matters).
    lambda1, lambda2, lambda12 : float or array_like
        First-approximation conductivities of the pure gases and of the fictitious 1–2 gas [W/(m K)] (any
        common unit: only ratios matter).
    a_star_12, b_star_12, c_star_12 : float or array_like
        :math:`A^*, B^*, C^*` of the 1–2 interaction [-].

    Returns
    -------
    float or numpy.ndarray
        :math:`[\alpha_T]_1` [-]; positive: species 1 goes to the cold side.

    References
    ----------
    .. [1] Ferziger, J. H., Kaper, H. G. (1972). Mathematical Theory of Transport Processes in Gases.
       North-Holland, eqs. (7.3-44), (7.3-70).
    .. [2] Chapman, S., Cowling, T. G. (1970). The Mathematical Theory of Non-Uniform Gases, 3rd ed.
       Cambridge University Press, ch. 9.

    Examples
    --------
    Hard-sphere isotopes of nearly equal mass: :math:`\alpha_T \to \tfrac{105}{118}(M_1-M_2)/(M_1+M_2)`.

    >>> m1, m2 = 1.0001, 1.0
    >>> lam = lambda m: m ** -0.5
    >>> a = alpha_t_first_approximation(0.5, m1, m2, lam(m1), lam(m2), lam(2 * m1 * m2 / (m1 + m2)), 1, 1, 1)
    >>> round(a / ((m1 - m2) / (m1 + m2)), 4), round(105 / 118, 4)
    (0.8898, 0.8898)
    """
    x1 = check_in_range("x1", x1, 0.0, 1.0)
    x2 = 1.0 - np.asarray(x1)
    a, b, c = a_star_12, b_star_12, c_star_12
    r1, r2 = lambda12 / lambda1, lambda12 / lambda2
    s1 = (m1 + m2) / (2.0 * m2) * r1 - 15.0 / (4.0 * a) * (m2 - m1) / (2.0 * m1) - 1.0
    s2 = (m1 + m2) / (2.0 * m1) * r2 - 15.0 / (4.0 * a) * (m1 - m2) / (2.0 * m2) - 1.0
    q1 = r1 * (3.0 * m2 / m1 + (2.5 - 1.2 * b) * m1 / m2 + 1.6 * a)
    q2 = r2 * (3.0 * m1 / m2 + (2.5 - 1.2 * b) * m2 / m1 + 1.6 * a)
    q12 = (3.2 * a * (m1 + m2) ** 2 / (4.0 * m1 * m2) * r1 * r2 + 11.0 - 2.4 * b
           + 15.0 / (8.0 * a) * (m1 - m2) ** 2 / (m1 * m2) * (5.0 - 2.4 * b))
    return as_output((6.0 * c - 5.0) * (s1 * x1 - s2 * x2) / (q1 * x1 * x1 + q2 * x2 * x2 + q12 * x1 * x2))


def _lj_conductivity(molar_mass, sigma, epsilon_k, temperature):
    # first-approximation conductivity of a monatomic gas with the 12-6 potential (the theory's own, not the
    # reference correlation, so that all four conductivities are consistent)
    m = molar_mass / AVOGADRO
    mu = 5.0 / 16.0 * np.sqrt(math.pi * m * BOLTZMANN * temperature) / (
        math.pi * sigma**2 * omega22(temperature / epsilon_k))
    return 15.0 / 4.0 * GAS_CONSTANT / molar_mass * mu


def _pair(species1, species2):
    s1, s2 = get_species(species1), get_species(species2)
    if s1.name == s2.name:
        raise InputError(f"thermal diffusion needs two different species, got {s1.name!r} twice")
    for s in (s1, s2):
        if s.composition:
            raise InputError(
                f"{s.name!r} is a mixture (pseudo-pure fluid); give its components, e.g. 'N2' and 'O2'"
            )
    sigma12 = 0.5 * (s1.lj_sigma + s2.lj_sigma)
    eps12 = math.sqrt(s1.lj_epsilon_k * s2.lj_epsilon_k)
    return s1, s2, sigma12, eps12


@fill(_DOC)
def thermal_diffusion_factor(species1: str | Species, species2: str | Species, x1, temperature):
    r"""First Chapman–Enskog approximation :math:`[\alpha_T]_1` of species 1 in a 1–2 mixture [-].

    Lennard-Jones (12-6) potentials with the combining rules :math:`\sigma_{12} = (\sigma_1+\sigma_2)/2`,
    :math:`\epsilon_{12} = \sqrt{\epsilon_1\epsilon_2}`; vectorized over ``x1`` and ``temperature``.

    %(parameters_pair)s

    Returns
    -------
    float or numpy.ndarray
        :math:`\alpha_T` [-]; positive: species 1 goes to the cold side.

    References
    ----------
    .. [1] Ferziger, J. H., Kaper, H. G. (1972). Mathematical Theory of Transport Processes in Gases.
       North-Holland, eqs. (7.3-44), (7.3-70).
    .. [2] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids.
       Wiley, section 8.2.

    Examples
    --------
    >>> round(thermal_diffusion_factor("Ar", "He", 0.5, 300.0), 3)    # argon goes cold
    0.378
    """
    s1, s2, sigma12, eps12 = _pair(species1, species2)
    x1 = check_in_range("x1", x1, 0.0, 1.0)
    t = check_positive("temperature", temperature, "K")
    m1, m2 = s1.molar_mass, s2.molar_mass
    m12 = 2.0 * m1 * m2 / (m1 + m2)
    lam1 = _lj_conductivity(m1, s1.lj_sigma, s1.lj_epsilon_k, t)
    lam2 = _lj_conductivity(m2, s2.lj_sigma, s2.lj_epsilon_k, t)
    lam12 = _lj_conductivity(m12, sigma12, eps12, t)
    ts = np.asarray(t) / eps12
    return alpha_t_first_approximation(x1, m1, m2, lam1, lam2, lam12, a_star(ts), b_star(ts), c_star(ts))


@fill(_DOC)
def thermal_diffusion_ratio(species1, species2, x1, temperature):
    r""":math:`k_T = x_1 x_2 \alpha_T` of species 1 [-].

    %(parameters_pair)s

    Returns
    -------
    float or numpy.ndarray
        :math:`k_T` [-]; the steady separation is :math:`\nabla x_1 = -k_T \nabla\ln T`.

    References
    ----------
    .. [1] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids.
       Wiley, eq. (8.2-46).

    Examples
    --------
    >>> round(thermal_diffusion_ratio("Ar", "He", 0.5, 300.0), 4)
    0.0946
    """
    x1 = check_in_range("x1", x1, 0.0, 1.0)
    return as_output(x1 * (1.0 - np.asarray(x1)) * thermal_diffusion_factor(species1, species2, x1, temperature))


@fill(_DOC)
def soret_coefficient(species1, species2, x1, temperature):
    r"""Soret coefficient :math:`S_T = \alpha_T / T` of species 1 [1/K] (positive: species 1 goes cold).

    %(parameters_pair)s

    Returns
    -------
    float or numpy.ndarray
        :math:`S_T` [1/K].

    References
    ----------
    .. [1] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids.
       Wiley, eq. (8.2-46).
    .. [2] Ferziger, J. H., Kaper, H. G. (1972). Mathematical Theory of Transport Processes in Gases.
       North-Holland, eq. (7.3-70).
    """
    t = check_positive("temperature", temperature, "K")
    return as_output(thermal_diffusion_factor(species1, species2, x1, t) / t)


def binary_diffusion_coefficient(species1, species2, temperature, pressure):
    r"""First Chapman–Enskog approximation of the binary diffusion coefficient :math:`D_{12}` [m^2/s].

    .. math:: D_{12} = \frac{3}{16}\frac{\sqrt{2\pi (k_BT)^3/m_r}}{p\,\pi\sigma_{12}^2\,\Omega^{(1,1)*}(T^*_{12})}

    (Hirschfelder, Curtiss & Bird 1954, eq. 8.2-44), with :math:`m_r` the reduced molecular mass.

    Parameters
    ----------
    species1, species2 : str or Species
        The two species (names or aliases from the species table).
    temperature : float or array_like
        Gas temperature [K].
    pressure : float or array_like
        Gas pressure [Pa].

    Returns
    -------
    float or numpy.ndarray
        :math:`D_{12}` [m^2/s].

    References
    ----------
    .. [1] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids.
       Wiley, eq. (8.2-44).
    .. [2] Neufeld, P. D., Janzen, A. R., Aziz, R. A. (1972). J. Chem. Phys. 57, 1100-1102.

    Examples
    --------
    >>> round(binary_diffusion_coefficient("N2", "Ar", 300.0, 101325.0) * 1e5, 3)
    1.993
    """
    s1, s2, sigma12, eps12 = _pair(species1, species2)
    t = check_positive("temperature", temperature, "K")
    p = check_positive("pressure", pressure, "Pa")
    m_r = s1.molar_mass * s2.molar_mass / (s1.molar_mass + s2.molar_mass) / AVOGADRO
    return as_output(3.0 / 16.0 * np.sqrt(2.0 * math.pi * (BOLTZMANN * np.asarray(t)) ** 3 / m_r)
                     / (p * math.pi * sigma12**2 * omega11(np.asarray(t) / eps12)))


@dataclass(frozen=True)
class SoretResult:
    """Thermal diffusion of species 1 in a 1–2 mixture (SI units)."""

    species1: str
    species2: str
    x1: object
    temperature: object
    pressure: object
    alpha_t: object
    k_t: object
    soret_coefficient: object
    diffusion_coefficient: object
    separation_per_kelvin: object

    def to_dict(self) -> dict:
        return {
            "species1": self.species1,
            "species2": self.species2,
            "mole_fraction_1": self.x1,
            "temperature_K": self.temperature,
            "pressure_Pa": self.pressure,
            "thermal_diffusion_factor": self.alpha_t,
            "thermal_diffusion_ratio": self.k_t,
            "soret_coefficient_per_K": self.soret_coefficient,
            "binary_diffusion_coefficient_m2_s": self.diffusion_coefficient,
            "steady_separation_dx1_per_K": self.separation_per_kelvin,
            "sign_convention": "positive: species 1 collects at the cold side",
        }


@fill(_DOC)
def soret(species1, species2, x1, temperature, pressure) -> SoretResult:
    """Thermal diffusion factor, ratio, Soret coefficient, D12 and the steady separation dx1/dT.

    %(parameters_pair)s
    pressure : float or array_like
        Gas pressure [Pa] (enters only :math:`D_{12}`).

    Returns
    -------
    SoretResult
        ``alpha_t`` [-], ``k_t`` [-], ``soret_coefficient`` [1/K], ``diffusion_coefficient`` [m^2/s] and
        ``separation_per_kelvin`` :math:`dx_1/dT = -k_T/T` [1/K]; ``to_dict()`` for the CLI.

    References
    ----------
    .. [1] Ferziger, J. H., Kaper, H. G. (1972). Mathematical Theory of Transport Processes in Gases.
       North-Holland, eqs. (7.3-44), (7.3-70).
    .. [2] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids.
       Wiley, eqs. (8.2-44), (8.2-46).

    Examples
    --------
    >>> r = soret("Ar", "He", 0.5, 300.0, 101325.0)
    >>> round(r.alpha_t, 3), r.separation_per_kelvin < 0
    (0.378, True)
    """
    s1, s2 = get_species(species1), get_species(species2)
    a = thermal_diffusion_factor(s1, s2, x1, temperature)
    kt = thermal_diffusion_ratio(s1, s2, x1, temperature)
    t = check_positive("temperature", temperature, "K")
    return SoretResult(
        species1=s1.name, species2=s2.name, x1=x1, temperature=t, pressure=pressure, alpha_t=a, k_t=kt,
        soret_coefficient=as_output(np.asarray(a) / t),
        diffusion_coefficient=binary_diffusion_coefficient(s1, s2, t, pressure),
        separation_per_kelvin=as_output(-np.asarray(kt) / t),
    )
