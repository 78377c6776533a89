r"""Drag, slip correction and mobility of spherical particles in a gas.

Plain functions on SI floats/arrays, plus :func:`mobility_summary`, which takes a
:class:`~thermophoresis.particle.Particle` and a :class:`~thermophoresis.gas.Gas`.

Knudsen number
--------------
Throughout the toolkit ``Kn = mfp / a`` with ``a`` the particle **radius**. The Cunningham fits below are
published in terms of ``2 mfp / d``, which is the same number, so no conversion is needed; but each fit
must be used with the mean free path it was fitted with, which is why :func:`slip_correction` takes the
*kinetic* mean free path of the gas (``Gas.mean_free_path``) and rescales it to the convention of the
chosen constant set (see :class:`SlipParameters`).

Drag
----
- Continuum (Stokes) drag :math:`F = 6 \pi \mu a v`.
- Slip-corrected Stokes drag :math:`F = 6 \pi \mu a v / C_c(Kn)` (Cunningham 1910; Knudsen & Weber 1911).
- Free-molecular (Epstein 1924) drag
  :math:`F = \tfrac{4}{3}\pi a^2 \rho \bar c\, v\, (1 + \pi f / 8)` with ``f`` the fraction of molecules
  re-emitted diffusely (the rest reflect specularly).

References
----------
.. [1] Epstein, P. S. (1924). On the resistance experienced by spheres in their motion through gases.
   Phys. Rev. 23, 710-733. doi:10.1103/PhysRev.23.710
.. [2] Davies, C. N. (1945). Definitive equations for the fluid resistance of spheres. Proc. Phys. Soc.
   57, 259-270. doi:10.1088/0959-5309/57/4/301
.. [3] Allen, M. D., Raabe, O. G. (1985). Slip correction measurements of spherical solid aerosol
   particles in an improved Millikan apparatus. Aerosol Sci. Technol. 4, 269-286.
   doi:10.1080/02786828508959055
.. [4] Kim, J. H., Mulholland, G. W., Kukuck, S. R., Pui, D. Y. H. (2005). Slip correction measurements of
   certified PSL nanoparticles using a nanometer differential mobility analyzer (nano-DMA) for Knudsen
   number from 0.5 to 83. J. Res. Natl. Inst. Stand. Technol. 110, 31-54. doi:10.6028/jres.110.005
   (adopted by ISO 15900:2009).
.. [5] Hinds, W. C. (1999). Aerosol Technology, 2nd ed. Wiley. Chapters 3 and 7.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from numpy import exp

from ._docs import fill
from ._registry import Registry
from ._twins import formula, scalar_twin
from ._validation import as_output, check_in_range, check_nonnegative, check_positive
from .constants import BOLTZMANN, STANDARD_GRAVITY


#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    "parameters_summary": """Parameters
----------
particle : Particle
    Diameter [m], density [kg/m^3], momentum accommodation (diffuse fraction) [-].
gas : Gas
    Temperature [K], pressure [Pa], composition.
slip : str or SlipParameters
    Cunningham constant set (:data:`SLIP_CORRECTIONS`, any case).""",
    "parameters_viscosity_radius": """Parameters
----------
viscosity : numeric
    Gas dynamic viscosity [Pa s].
radius : numeric
    Particle radius [m].""",
    "returns_friction": """Returns
-------
numeric
    Friction coefficient [kg/s].""",
    "references_summary": """References
----------
.. [1] Kim, J. H., Mulholland, G. W., Kukuck, S. R., Pui, D. Y. H. (2005). J. Res. NIST 110, 31-54
   (default slip set); Epstein, P. S. (1924). Phys. Rev. 23, 710-733 (free-molecular drag).""",
}

__all__ = [
    "MobilityReport",
    "mobility_report",
    "SlipParameters",
    "SLIP_CORRECTIONS",
    "REGIME_BOUNDS",
    "knudsen_number",
    "regime",
    "cunningham",
    "cunningham_formula",
    "slip_correction",
    "convention_mean_free_path",
    "stokes_friction",
    "slip_corrected_friction",
    "epstein_friction",
    "epstein_factor",
    "equivalent_diffuse_fraction",
    "mobility",
    "relaxation_time",
    "stopping_distance",
    "settling_velocity",
    "diffusion_coefficient",
    "MobilitySummary",
    "mobility_summary",
    "settling_velocity_schiller_naumann",
    "slip_parameters_and_factor",
    "STOKES_REYNOLDS_LIMIT",
]


@dataclass(frozen=True)
class SlipParameters:
    r"""A published constant set of the Cunningham slip correction

    .. math:: C_c = 1 + Kn \left[\alpha + \beta \exp(-\gamma / Kn)\right], \qquad Kn = 2\lambda/d = \lambda/a

    Attributes
    ----------
    alpha, beta, gamma : float
    mfp_reference : float or None
        Mean free path of air [m] at ``(t_reference, p_reference)`` that the authors used. ``None`` means
        the set is used with the kinetic mean free path of the gas as computed by the toolkit.
    t_reference, p_reference : float
        [K], [Pa]
    kn_range : tuple or None
        Knudsen numbers (``mfp / a``) spanned by the data the constants were fitted to, where the paper
        states it (Kim et al. 2005: 0.5 to 83, in its title). Informational only: the fits reduce to the
        correct continuum limit and are used at every Kn in practice (ISO 15900), so no warning is raised.
    reference : str
    """

    name: str
    alpha: float
    beta: float
    gamma: float
    mfp_reference: float | None
    t_reference: float
    p_reference: float
    kn_range: tuple[float, float] | None
    reference: str
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "name": self.name, "alpha": self.alpha, "beta": self.beta, "gamma": self.gamma,
            "mfp_reference_m": self.mfp_reference, "t_reference_K": self.t_reference,
            "p_reference_Pa": self.p_reference,
            "kn_range": None if self.kn_range is None else list(self.kn_range),
            "reference": self.reference, "aliases": list(self.aliases),
        }

    @property
    def free_molecular_slope(self) -> float:
        r""":math:`\alpha + \beta`, the limit of :math:`C_c / Kn` as :math:`Kn \to \infty`."""
        return self.alpha + self.beta


#: The Cunningham constant sets (a :class:`~thermophoresis._registry.Registry`; case-insensitive)
SLIP_CORRECTIONS: Registry[SlipParameters] = Registry("slip correction")
SLIP_CORRECTIONS.add(SlipParameters("davies_1945", 1.257, 0.400, 1.10, None, 293.15, 101325.0, None,
                                    "Davies (1945), Proc. Phys. Soc. 57, 259", aliases=("davies",)))
SLIP_CORRECTIONS.add(SlipParameters("allen_raabe_1985", 1.142, 0.558, 0.999, 67.3e-9, 296.15, 101325.0,
                                    None, "Allen & Raabe (1985), Aerosol Sci. Technol. 4, 269",
                                    aliases=("allen_raabe",)))
SLIP_CORRECTIONS.add(SlipParameters("kim_2005", 1.165, 0.483, 0.997, 67.30e-9, 296.15, 101325.0, (0.5, 83.0),
                                    "Kim et al. (2005), J. Res. NIST 110, 31, eq. (9); ISO 15900",
                                    aliases=("iso_15900", "iso15900")))
# The drag of the linearized S-model sphere, computed here (scripts/make_kinetic_tables.py) for the diffuse
# fraction 0.9 (the toolkit's default momentum accommodation, Millikan's) and put in Cunningham form:
# alpha = C_m of the S-model half-space problem at 0.9 (the slip limit), alpha + beta = 9 / (4 (1 + 0.9 pi/8))
# (Epstein's limit), gamma fitted (minimax): within 0.7 % of the tables for Kn = 0.01-1000
# (tests/kinetic/test_kinetic_model.py refits it from the shipped tables). Kinetic mean free path, no rescaling.
SLIP_CORRECTIONS.add(SlipParameters("kinetic", 1.387792, 0.274652, 1.2505, None, 296.15, 101325.0, (0.01, 1000.0),
                                    "computed: linearized S-model sphere drag, diffuse fraction 0.9 "
                                    "(docs/kinetic_model.md)",
                                    aliases=("s_model",)))

#: Kn = mfp/a boundaries between continuum | slip | transition | free-molecular
REGIME_BOUNDS = (0.01, 0.1, 10.0)
REGIMES = ("continuum", "slip", "transition", "free-molecular")


@fill(_DOC)
def knudsen_number(mean_free_path, radius):
    """Particle Knudsen number ``Kn = mfp / a`` (``a`` the radius) [-].

    Parameters
    ----------
    %(mean_free_path)s
    radius : numeric
        Particle radius [m].

    Returns
    -------
    numeric
        Kn [-] (DESIGN.md convention: mean free path over the **radius**).

    References
    ----------
    .. [1] Hinds, W. C. (1999). Aerosol Technology, 2nd ed., ch. 3 (which uses 2 mfp / d, the same number).

    >>> knudsen_number(66e-9, 100e-9)
    0.66
    """
    return check_positive("mean_free_path", mean_free_path, "m") / check_positive("radius", radius, "m")


def regime(kn):
    """Flow regime around the particle from ``Kn = mfp / a``.

    ``"continuum"`` for Kn < 0.01, ``"slip"`` for 0.01 <= Kn < 0.1, ``"transition"`` for 0.1 <= Kn < 10,
    ``"free-molecular"`` for Kn >= 10 (boundaries :data:`REGIME_BOUNDS`). Returns a str for scalar input,
    an array of str otherwise.

    Parameters
    ----------
    kn : numeric
        Kn = mfp / radius [-].

    Returns
    -------
    str or numpy.ndarray of str
        The regime name(s).

    References
    ----------
    .. [1] Hinds, W. C. (1999). Aerosol Technology, 2nd ed., ch. 3 (the conventional boundaries).

    >>> regime(0.66)
    'transition'
    """
    kn = check_positive("kn", kn)
    idx = np.searchsorted(np.asarray(REGIME_BOUNDS), kn, side="right")
    out = np.asarray(REGIMES, dtype=object)[idx]
    return str(out) if np.ndim(out) == 0 else out.astype(str)


@formula
def cunningham_formula(kn, alpha, beta, gamma):
    r"""The Cunningham formula itself, :math:`1 + Kn[\alpha + \beta e^{-\gamma/Kn}]` (no checks).

    Floats or arrays; the one copy the compiled kernels use (a :func:`~thermophoresis._twins.formula`).
    :func:`cunningham` is the checked public version.

    Parameters
    ----------
    kn : float or array_like
        Knudsen number in the convention of the constants (mfp / radius) [-], > 0.
    alpha, beta, gamma : float
        The constant set [-] (see :data:`SLIP_CORRECTIONS`).

    Returns
    -------
    float or numpy.ndarray
        :math:`C_c` [-].

    References
    ----------
    .. [1] Davies, C. N. (1945). Definitive equations for the fluid resistance of spheres. Proc. Phys. Soc.
       57, 259-270.
    """
    return 1.0 + kn * (alpha + beta * exp(-gamma / kn))


_cunningham_scalar = scalar_twin(cunningham_formula)


def cunningham(kn, alpha, beta, gamma):
    r"""Cunningham slip correction :math:`C_c = 1 + Kn[\alpha + \beta e^{-\gamma/Kn}]` for given constants.

    Parameters
    ----------
    kn : numeric
        Knudsen number in the convention of the constants (``2 mfp / d`` = mfp / radius) [-].
    alpha, beta, gamma : float
        The constant set [-] (see :data:`SLIP_CORRECTIONS`).

    Returns
    -------
    numeric
        :math:`C_c` [-].

    References
    ----------
    .. [1] Davies, C. N. (1945). Proc. Phys. Soc. 57, 259-270 (the form with the exponential).
    """
    kn = check_positive("kn", kn)
    return as_output(cunningham_formula(kn, alpha, beta, gamma))


def _get_slip(parameters) -> SlipParameters:
    if isinstance(parameters, SlipParameters):
        return parameters
    return SLIP_CORRECTIONS.lookup(parameters)


@lru_cache(maxsize=None)
def _kinetic_air_mfp(t, p) -> float:
    from .gas import Gas

    return Gas("air", temperature=t, pressure=p).mean_free_path


_FACTORS: dict = {}


def slip_parameters_and_factor(parameters="kim_2005"):
    r"""The constant set and the factor that turns a kinetic mean free path into its convention (cached).

    ``convention_mean_free_path(mfp, parameters) == mfp * factor``; see :func:`convention_mean_free_path`.

    Parameters
    ----------
    parameters : str or SlipParameters
        A name in :data:`SLIP_CORRECTIONS` (any case, aliases) or a :class:`SlipParameters`.

    Returns
    -------
    par : SlipParameters
        The constant set.
    factor : float
        :math:`\lambda_{ref}/\lambda_{kin,air}(T_{ref}, p_{ref})` [-]; 1 for sets without a reference
        mean free path (Davies 1945).

    References
    ----------
    .. [1] Kim, J. H., Mulholland, G. W., Kukuck, S. R., Pui, D. Y. H. (2005). Slip correction measurements of
       certified PSL nanoparticles using a nanometer differential mobility analyzer (nano-DMA) for Knudsen
       number from 0.5 to 83. J. Res. Natl. Inst. Stand. Technol. 110, 31-54.
    """
    hit = _FACTORS.get(parameters) if type(parameters) is str else None
    if hit is not None:
        return hit
    par = _get_slip(parameters)
    if par.mfp_reference is None:
        factor = 1.0
    else:
        factor = par.mfp_reference / _kinetic_air_mfp(par.t_reference, par.p_reference)
    if type(parameters) is str:
        _FACTORS[parameters] = (par, factor)
    return par, factor


def convention_mean_free_path(kinetic_mean_free_path, parameters="kim_2005"):
    r"""The mean free path in the convention of a Cunningham constant set [m].

    Each fit was made with a stated mean free path of air at a reference state
    (Kim et al. 2005: 67.30 nm at 296.15 K and 101.325 kPa). The toolkit's kinetic value for air at that
    state differs slightly (66.1 nm), because it comes from a different viscosity. To use the
    constants as fitted, the kinetic mean free path of any gas at any state is scaled by the ratio
    :math:`\lambda_{ref} / \lambda_{kin,air}(T_{ref}, p_{ref})` (the denominator with the default air
    models); this reproduces the published value exactly at the reference state and follows kinetic theory
    elsewhere. In air it differs from the Sutherland scaling of ISO 15900 (S = 110.4 K) by +1.6 % at 600 K
    and +3.9 % at 1000 K, because the reference viscosity is more accurate than Sutherland's law there.
    Sets without a reference value (Davies 1945) use the kinetic mean free path unchanged.

    Parameters
    ----------
    kinetic_mean_free_path : numeric
        ``(mu/p) sqrt(pi k T / (2 m))`` of the gas [m].
    parameters : str or SlipParameters
        The constant set (:data:`SLIP_CORRECTIONS`).

    Returns
    -------
    numeric
        The mean free path the constants were fitted with, at the gas's state [m].

    References
    ----------
    .. [1] Kim, J. H., Mulholland, G. W., Kukuck, S. R., Pui, D. Y. H. (2005). J. Res. NIST 110, 31-54
       (67.30 nm at 296.15 K, 101.325 kPa); ISO 15900:2009.
    """
    par = _get_slip(parameters)
    mfp = check_positive("kinetic_mean_free_path", kinetic_mean_free_path, "m")
    if par.mfp_reference is None:
        return as_output(mfp)
    return as_output(mfp * par.mfp_reference / _kinetic_air_mfp(par.t_reference, par.p_reference))


def slip_correction(diameter, kinetic_mean_free_path, parameters="kim_2005"):
    r"""Cunningham slip correction factor ``C_c`` [-].

    Parameters
    ----------
    diameter : numeric
        Particle diameter [m].
    kinetic_mean_free_path : numeric
        The gas's kinetic mean free path ``(mu/p) sqrt(pi k T / (2 m))`` [m], e.g. ``Gas.mean_free_path``;
        it is rescaled to the constant set's convention by :func:`convention_mean_free_path`.
    parameters : str or SlipParameters
        ``"kim_2005"`` (default, ISO 15900), ``"allen_raabe_1985"`` or ``"davies_1945"`` (any case).

    Returns
    -------
    numeric
        :math:`C_c = 1 + Kn[\alpha + \beta e^{-\gamma/Kn}]` [-], Kn in the set's mean-free-path convention.

    References
    ----------
    .. [1] Kim, J. H., Mulholland, G. W., Kukuck, S. R., Pui, D. Y. H. (2005). J. Res. NIST 110, 31-54, eq. (9).
    .. [2] Allen, M. D., Raabe, O. G. (1985). Aerosol Sci. Technol. 4, 269-286.
    .. [3] Davies, C. N. (1945). Proc. Phys. Soc. 57, 259-270.

    Examples
    --------
    Kim et al. (2005): 100 nm in air at 296.15 K and 101.325 kPa (mean free path 67.30 nm):

    >>> from thermophoresis import Gas
    >>> air = Gas("air", temperature=296.15, pressure=101325.0)
    >>> round(slip_correction(100e-9, air.mean_free_path), 3)
    2.878
    """
    if type(diameter) is float and type(kinetic_mean_free_path) is float and 0.0 < diameter < math.inf \
            and 0.0 < kinetic_mean_free_path < math.inf:
        # one particle, SI floats: no array conversion, the scalar twin of the formula
        par, factor = slip_parameters_and_factor(parameters)
        return _cunningham_scalar(2.0 * kinetic_mean_free_path * factor / diameter, par.alpha, par.beta, par.gamma)
    par = _get_slip(parameters)
    d = check_positive("diameter", diameter, "m")
    mfp = convention_mean_free_path(kinetic_mean_free_path, par)
    return cunningham(2.0 * mfp / d, par.alpha, par.beta, par.gamma)


@fill(_DOC)
def stokes_friction(viscosity, radius):
    """Continuum (Stokes) friction coefficient ``6 pi mu a`` [kg/s].

    %(parameters_viscosity_radius)s

    Returns
    -------
    numeric
        Friction coefficient [kg/s] (valid for Kn -> 0 and particle Reynolds number << 1).

    References
    ----------
    .. [1] Stokes, G. G. (1851). On the effect of the internal friction of fluids on the motion of
       pendulums. Trans. Cambridge Philos. Soc. 9, 8-106.
    """
    return as_output(
        6.0 * math.pi * check_positive("viscosity", viscosity, "Pa s") * check_positive("radius", radius, "m")
    )


@fill(_DOC)
def slip_corrected_friction(viscosity, radius, slip_correction_factor):
    """Slip-corrected Stokes friction coefficient ``6 pi mu a / C_c`` [kg/s].

    %(parameters_viscosity_radius)s
    slip_correction_factor : numeric
        Cunningham factor C_c [-] (:func:`slip_correction`).

    %(returns_friction)s

    References
    ----------
    .. [1] Cunningham, E. (1910). On the velocity of steady fall of spherical particles through fluid
       medium. Proc. R. Soc. Lond. A 83, 357-365.
    """
    return as_output(
        stokes_friction(viscosity, radius) / check_positive("slip_correction_factor", slip_correction_factor)
    )


def epstein_factor(diffuse_fraction):
    r"""Epstein's drag factor :math:`\delta = 1 + \pi f / 8` for a fraction ``f`` of diffuse re-emission.

    Epstein (1924), case (4b): diffuse re-emission at the particle temperature from a particle whose
    temperature is uniform (conducting, or Kn large); specular reflection gives 1.

    Parameters
    ----------
    diffuse_fraction : numeric
        Fraction f of molecules re-emitted diffusely [-], between 0 and 1.

    Returns
    -------
    numeric
        :math:`\delta` [-].

    References
    ----------
    .. [1] Epstein, P. S. (1924). Phys. Rev. 23, 710-733.

    >>> round(epstein_factor(1.0), 4)
    1.3927
    """
    f = check_in_range("diffuse_fraction", diffuse_fraction, 0.0, 1.0)
    return 1.0 + math.pi * f / 8.0


@fill(_DOC)
def epstein_friction(radius, gas_density, mean_speed, diffuse_fraction=0.9):
    r"""Free-molecular (Epstein) friction coefficient [kg/s].

    .. math:: \zeta = \frac{4\pi}{3} a^2 \rho \bar c \left(1 + \frac{\pi f}{8}\right)

    Valid for Kn = mfp/a >> 1 (in practice Kn > 10 within 10 %).

    Parameters
    ----------
    radius : numeric
        Particle radius [m].
    gas_density : numeric
        [kg/m^3].
    mean_speed : numeric
        Mean molecular speed [m/s].
    diffuse_fraction : numeric, default 0.9
        Fraction f of diffuse re-emission [-].

    %(returns_friction)s

    References
    ----------
    .. [1] Epstein, P. S. (1924). On the resistance experienced by spheres in their motion through gases.
       Phys. Rev. 23, 710-733.
    """
    a = check_positive("radius", radius, "m")
    rho = check_positive("gas_density", gas_density, "kg/m^3")
    c = check_positive("mean_speed", mean_speed, "m/s")
    return as_output(4.0 * math.pi / 3.0 * a**2 * rho * c * epstein_factor(diffuse_fraction))


def equivalent_diffuse_fraction(parameters="kim_2005"):
    r"""The diffuse fraction ``f`` for which Epstein drag equals the large-Kn limit of a Cunningham fit.

    With :math:`\lambda = 2\mu/(\rho\bar c)`, slip-corrected Stokes drag tends to
    :math:`3\pi a^2\rho\bar c/(\alpha+\beta)\,v`; equating with Epstein drag gives
    :math:`1 + \pi f/8 = 9/[4(\alpha+\beta)]`. The answer refers to the set's own mean-free-path
    convention, which is the same as the kinetic one up to the small rescaling of
    :func:`convention_mean_free_path`.

    Parameters
    ----------
    parameters : str or SlipParameters
        The Cunningham constant set.

    Returns
    -------
    float
        The diffuse fraction f [-].

    References
    ----------
    .. [1] Epstein, P. S. (1924). Phys. Rev. 23, 710-733 (the drag); the constants as in :func:`slip_correction`.

    >>> round(equivalent_diffuse_fraction("kim_2005"), 3)
    0.93
    """
    par = _get_slip(parameters)
    return (9.0 / (4.0 * par.free_molecular_slope) - 1.0) * 8.0 / math.pi


def mobility(friction_coefficient):
    """Mechanical mobility ``B = 1 / friction`` [s/kg] (velocity per unit force).

    Parameters
    ----------
    friction_coefficient : numeric
        [kg/s].

    Returns
    -------
    numeric
        Mobility [s/kg].

    References
    ----------
    .. [1] Hinds, W. C. (1999). Aerosol Technology, 2nd ed., section 3.5.
    """
    return as_output(1.0 / check_positive("friction_coefficient", friction_coefficient, "kg/s"))


def relaxation_time(particle_mass, friction_coefficient):
    """Momentum relaxation time ``tau = m B`` [s].

    Parameters
    ----------
    particle_mass : numeric
        [kg].
    friction_coefficient : numeric
        [kg/s].

    Returns
    -------
    numeric
        Relaxation time [s].

    References
    ----------
    .. [1] Hinds, W. C. (1999). Aerosol Technology, 2nd ed., section 5.1.
    """
    return as_output(check_positive("particle_mass", particle_mass, "kg") * mobility(friction_coefficient))


def stopping_distance(initial_velocity, relaxation_time_s):
    """Distance travelled by a particle launched at ``initial_velocity`` into still gas: ``v0 tau`` [m].

    Parameters
    ----------
    initial_velocity : numeric
        [m/s] (its magnitude is used).
    relaxation_time_s : numeric
        [s].

    Returns
    -------
    numeric
        Stopping distance [m] (linear drag: particle Reynolds number << 1).

    References
    ----------
    .. [1] Hinds, W. C. (1999). Aerosol Technology, 2nd ed., section 5.3.
    """
    return as_output(
        check_nonnegative("initial_velocity", np.abs(initial_velocity), "m/s")
        * check_positive("relaxation_time", relaxation_time_s, "s")
    )


def settling_velocity(relaxation_time_s, particle_density=None, gas_density=0.0, gravity=STANDARD_GRAVITY):
    r"""Terminal settling velocity ``tau g (1 - rho_gas / rho_p)`` [m/s], positive downward.

    The buoyancy factor is applied when ``particle_density`` is given (it is below 0.2 % for aerosols).

    Parameters
    ----------
    relaxation_time_s : numeric
        [s].
    particle_density, gas_density : numeric, optional
        [kg/m^3], for the buoyancy factor.
    gravity : float
        [m/s^2].

    Returns
    -------
    numeric
        Settling velocity [m/s] with Stokes (linear) drag; beyond particle Reynolds numbers of ~0.1 use
        :func:`settling_velocity_schiller_naumann`.

    References
    ----------
    .. [1] Hinds, W. C. (1999). Aerosol Technology, 2nd ed., section 3.3.
    """
    tau = check_positive("relaxation_time", relaxation_time_s, "s")
    factor = 1.0
    if particle_density is not None:
        factor = 1.0 - check_nonnegative("gas_density", gas_density) / check_positive(
            "particle_density", particle_density, "kg/m^3"
        )
    return as_output(tau * gravity * factor)


def diffusion_coefficient(temperature, friction_coefficient):
    """Brownian diffusion coefficient ``D = k T B`` (Stokes–Einstein–Cunningham) [m^2/s].

    Parameters
    ----------
    temperature : numeric
        Gas temperature [K].
    friction_coefficient : numeric
        [kg/s].

    Returns
    -------
    numeric
        Diffusion coefficient [m^2/s].

    References
    ----------
    .. [1] Einstein, A. (1905). Ann. Phys. 17, 549-560.
    """
    return as_output(BOLTZMANN * check_positive("temperature", temperature, "K") * mobility(friction_coefficient))


#: Particle Reynolds number up to which Stokes drag is used for settling without a warning (Stokes drag is
#: then within ~3 % of the Schiller-Naumann correlation, 0.15 Re^0.687 = 0.031)
STOKES_REYNOLDS_LIMIT = 0.1
#: Upper end of the Schiller-Naumann correlation (Clift, Grace & Weber 1978, Table 5.2)
SCHILLER_NAUMANN_MAX_REYNOLDS = 800.0


def settling_velocity_schiller_naumann(diameter, particle_density, gas_density, viscosity, slip_correction_factor=1.0,
                                       gravity=STANDARD_GRAVITY):
    r"""Terminal settling velocity with the Schiller–Naumann drag, beyond the Stokes range [m/s].

    .. math::

        C_D = \frac{24}{Re}\left(1 + 0.15\,Re^{0.687}\right), \qquad
        24\,Re\,(1 + 0.15\,Re^{0.687}) = \tfrac{4}{3}\,Ar\,C_c, \qquad
        Ar = \frac{g d^3 \rho_g (\rho_p - \rho_g)}{\mu^2}

    solved for :math:`Re = \rho_g v d/\mu` by Newton's method (the left side is increasing and convex, so
    Newton from the Stokes value converges monotonically). The slip correction divides the viscous (Stokes)
    part of the drag, so that the result reduces to the slip-corrected Stokes velocity as Re → 0.

    Parameters
    ----------
    diameter : numeric
        Particle diameter [m].
    particle_density, gas_density : numeric
        [kg/m^3].
    viscosity : numeric
        Gas dynamic viscosity [Pa s].
    slip_correction_factor : numeric, default 1
        Cunningham factor [-] (close to 1 wherever Re matters).
    gravity : float
        [m/s^2].

    Returns
    -------
    numeric
        Settling velocity [m/s], positive downward (upward for particles lighter than the gas).

    Warns
    -----
    ValidityWarning
        Where Re exceeds 800, the range of the correlation.

    References
    ----------
    .. [1] Schiller, L., Naumann, A. (1933). Über die grundlegenden Berechnungen bei der
       Schwerkraftaufbereitung. Z. Ver. Dtsch. Ing. 77, 318-320.
    .. [2] Clift, R., Grace, J. R., Weber, M. E. (1978). Bubbles, Drops, and Particles. Academic Press,
       Table 5.2 (range Re < 800).

    Examples
    --------
    A 1 mm water sphere in air at 20 °C (Gunn & Kinzer 1949 measured 4.03 m/s for a 1 mm rain drop):

    >>> round(settling_velocity_schiller_naumann(1e-3, 998.0, 1.204, 1.82e-5), 2)
    3.85
    """
    d = check_positive("diameter", diameter, "m")
    rho_p = check_positive("particle_density", particle_density, "kg/m^3")
    rho_g = check_nonnegative("gas_density", gas_density, "kg/m^3")
    mu = check_positive("viscosity", viscosity, "Pa s")
    cc = check_positive("slip_correction_factor", slip_correction_factor)
    d, rho_p, rho_g, mu, cc = np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (d, rho_p, rho_g, mu, cc)))
    buoyant = rho_p - rho_g
    x = 4.0 / 3.0 * gravity * d**3 * rho_g * np.abs(buoyant) / mu**2 * cc  # = 24 Re (1 + 0.15 Re^0.687)
    re = x / 24.0  # the Stokes value: an upper bound
    for _ in range(60):
        h = 24.0 * re + 3.6 * re**1.687 - x
        step = h / (24.0 + 6.0732 * re**0.687)
        re = re - step
        if np.all(np.abs(step) <= 1e-14 * np.maximum(re, 1e-300)):
            break
    if np.any(re > SCHILLER_NAUMANN_MAX_REYNOLDS):
        import warnings

        from .exceptions import ValidityWarning

        warnings.warn(f"settling Reynolds number {float(np.max(re)):.3g} beyond the Schiller-Naumann range "
                      f"(Re < {SCHILLER_NAUMANN_MAX_REYNOLDS:g})", ValidityWarning, stacklevel=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        v = np.where(rho_g > 0, re * mu / np.where(rho_g > 0, rho_g, 1.0) / d,
                     gravity * rho_p * d**2 * cc / (18.0 * mu))
    return as_output(np.sign(buoyant) * v)


class MobilitySummary(NamedTuple):
    r"""Everything :func:`mobility_summary` computes (SI units); an immutable named tuple.

    ``regime_code`` is 0..3 (continuum, slip, transition, free-molecular); ``regime`` gives the names.
    ``settling_reynolds_number`` is :math:`\rho_g v_s d/\mu` of the Stokes settling velocity.
    """

    diameter: object
    knudsen_number: object
    regime_code: object
    slip_correction: object
    slip_parameters: str
    friction_coefficient: object
    epstein_friction_coefficient: object
    mobility: object
    diffusion_coefficient: object
    relaxation_time: object
    settling_velocity: object
    mass: object
    settling_reynolds_number: object

    @property
    def regime(self):
        """Regime names from Kn = mfp/radius (as :func:`regime`)."""
        code = self.regime_code
        if isinstance(code, (int, np.integer)):
            return REGIMES[int(code)]
        return np.asarray(REGIMES)[np.asarray(code)]

    def to_dict(self) -> dict:
        return {
            "diameter_m": self.diameter,
            "knudsen_number": self.knudsen_number,
            "knudsen_definition": "mean free path / particle radius",
            "regime": self.regime,
            "slip_correction": self.slip_correction,
            "slip_parameters": self.slip_parameters,
            "friction_coefficient_kg_per_s": self.friction_coefficient,
            "epstein_friction_coefficient_kg_per_s": self.epstein_friction_coefficient,
            "mobility_s_per_kg": self.mobility,
            "diffusion_coefficient_m2_per_s": self.diffusion_coefficient,
            "relaxation_time_s": self.relaxation_time,
            "settling_velocity_m_per_s": self.settling_velocity,
            "settling_reynolds_number": self.settling_reynolds_number,
            "particle_mass_kg": self.mass,
        }


class MobilityReport(NamedTuple):
    """:func:`mobility_summary` with its inputs: ``to_dict()`` gives the keys of ``thermophoresis particle
    --json`` (the particle and the gas state, then the summary's keys)."""

    summary: MobilitySummary
    particle: object
    gas: object

    def to_dict(self) -> dict:
        return {"units": "SI", "particle": self.particle.to_dict(), "gas": self.gas.to_dict(),
                **self.summary.to_dict()}


@fill(_DOC)
def mobility_report(particle, gas, slip: str = "kim_2005") -> MobilityReport:
    """:func:`mobility_summary` of ``particle`` in ``gas`` with the inputs echoed (see :class:`MobilityReport`).

    %(parameters_summary)s

    Returns
    -------
    MobilityReport
        The :class:`MobilitySummary` (SI units, as :func:`mobility_summary`) with the particle and gas.

    %(references_summary)s
    """
    return MobilityReport(mobility_summary(particle, gas, slip=slip), particle, gas)


_SIX_PI = 6.0 * math.pi
_FOUR_PI_3 = 4.0 * math.pi / 3.0
_PI_6 = math.pi / 6.0


@formula
def _mobility_element(d, rho_p, mfp, mfp_slip, sa, sb, sg, mu, t, rho_g, c_mean, delta, gravity):
    """Every mobility quantity of one particle (run as plain Python, or compiled for arrays)."""
    radius = 0.5 * d
    kn = mfp / radius
    cc = cunningham_formula(mfp_slip / radius, sa, sb, sg)
    zeta = _SIX_PI * mu * radius / cc
    zeta_epstein = _FOUR_PI_3 * radius * radius * rho_g * c_mean * delta
    b = 1.0 / zeta
    mass = rho_p * (_PI_6 * d * d * d)
    tau = mass * b
    v_s = tau * gravity * (1.0 - rho_g / rho_p)
    re = rho_g * abs(v_s) * d / mu
    code = (kn >= 0.01) + (kn >= 0.1) + (kn >= 10.0)
    return kn, cc, zeta, zeta_epstein, b, BOLTZMANN * t * b, tau, v_s, mass, re, code


_MOBILITY_SCALAR = None
_MOBILITY_KERNEL = None


def _mobility_kernel():
    global _MOBILITY_KERNEL
    if _MOBILITY_KERNEL is None:
        import numba as nb

        from ._twins import cache_by_source, compiled_twin

        element = compiled_twin(_mobility_element)

        # strict IEEE arithmetic: the same bits for an element whatever the array length (see force.kernels)
        @nb.njit(cache=True, parallel=True, error_model="numpy")
        def mobility_kernel(d, rho_p, mfp, mfp_slip, sa, sb, sg, mu, t, rho_g, c_mean, delta, gravity,
                            kn, cc, zeta, zeta_ep, b, diff, tau, v_s, mass, re, code):
            for i in nb.prange(d.size):
                (kn[i], cc[i], zeta[i], zeta_ep[i], b[i], diff[i], tau[i], v_s[i], mass[i], re[i],
                 code[i]) = element(d[i], rho_p, mfp, mfp_slip, sa, sb, sg, mu, t, rho_g, c_mean, delta, gravity)

        _MOBILITY_KERNEL = cache_by_source(mobility_kernel)
    return _MOBILITY_KERNEL


def _reynolds_problem(re, particle, gas, cc):
    re_max = float(np.max(re))
    if re_max <= STOKES_REYNOLDS_LIMIT:
        return
    import warnings

    from .exceptions import ValidityWarning

    i = int(np.argmax(re))
    d = float(np.ravel(particle.diameter)[i] if np.ndim(particle.diameter) else particle.diameter)
    rho_p = float(np.ravel(np.broadcast_to(particle.density, np.shape(re)))[i])
    rho_g = float(np.ravel(np.broadcast_to(gas.density, np.shape(re)))[i])
    mu = float(np.ravel(np.broadcast_to(gas.viscosity, np.shape(re)))[i])
    c = float(np.ravel(np.broadcast_to(cc, np.shape(re)))[i])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        v_sn = settling_velocity_schiller_naumann(d, rho_p, rho_g, mu, c)
    beyond = " (itself beyond its range Re < 800)" if abs(v_sn) * rho_g * d / mu > SCHILLER_NAUMANN_MAX_REYNOLDS else ""
    warnings.warn(
        f"settling_velocity: particle Reynolds number {re_max:.3g} of the Stokes settling velocity exceeds "
        f"{STOKES_REYNOLDS_LIMIT:g}, beyond the Stokes range; the reported value assumes Stokes drag. "
        f"Schiller-Naumann drag gives {v_sn:.3g} m/s for the {d:.3g} m particle{beyond} "
        f"(mobility.settling_velocity_schiller_naumann)",
        ValidityWarning, stacklevel=3,
    )


@fill(_DOC)
def mobility_summary(particle, gas, slip="kim_2005") -> MobilitySummary:
    """Kn, regime, slip correction, friction, mobility, D, relaxation time and settling velocity.

    %(parameters_summary)s

    Returns
    -------
    MobilitySummary
        Kn = mfp/radius [-], regime, C_c [-], friction 6 pi mu a / C_c and Epstein friction [kg/s],
        mobility [s/kg], diffusion coefficient [m^2/s], relaxation time [s], Stokes settling velocity
        [m/s] and its particle Reynolds number [-], particle mass [kg].

    Warns
    -----
    ValidityWarning
        Once per call when the settling Reynolds number exceeds :data:`STOKES_REYNOLDS_LIMIT` (0.1): the
        message gives the Schiller–Naumann value (:func:`settling_velocity_schiller_naumann`). The summary
        keeps Stokes drag, as the tracker does, so that the two agree.

    Notes
    -----
    The friction coefficient is the slip-corrected Stokes value (valid at every Kn through the empirical
    Cunningham fit); the Epstein value is reported alongside for comparison at large Kn. One gas state and
    scalar particle properties take a fast path (plain floats for one particle, a compiled single pass for
    an array of diameters) with the same numbers as the general NumPy path.

    %(references_summary)s

    Examples
    --------
    >>> from thermophoresis import Gas, Particle
    >>> s = mobility_summary(Particle("1 um", "psl"), Gas("air", 293.15, 101325.0))
    >>> s.regime, round(s.slip_correction, 3)
    ('transition', 1.155)
    """
    global _MOBILITY_SCALAR
    par, factor = slip_parameters_and_factor(slip)
    rho_p, f = particle.density, particle.momentum_accommodation
    if getattr(gas, "_scalar_state", False) and type(rho_p) is float and type(f) is float:
        mfp, t, mu, _, c_mean, _ = gas._drift_scalars
        args = (rho_p, mfp, mfp * factor, par.alpha, par.beta, par.gamma, mu, t, gas.density, c_mean,
                1.0 + math.pi * f / 8.0, STANDARD_GRAVITY)
        d = particle.diameter
        if type(d) is float:
            if _MOBILITY_SCALAR is None:
                from ._twins import scalar_twin

                _MOBILITY_SCALAR = scalar_twin(_mobility_element)
            kn, cc, zeta, zeta_ep, b, diff, tau, v_s, mass, re, code = _MOBILITY_SCALAR(d, *args)
        else:
            flat = np.ascontiguousarray(d).reshape(-1)
            outs = [np.empty(flat.size) for _ in range(10)]
            codes = np.empty(flat.size, dtype=np.int8)
            _mobility_kernel()(flat, *args, *outs, codes)
            kn, cc, zeta, zeta_ep, b, diff, tau, v_s, mass, re, code = (o.reshape(d.shape) for o in (*outs, codes))
        if re > STOKES_REYNOLDS_LIMIT if type(re) is float else np.any(re > STOKES_REYNOLDS_LIMIT):
            _reynolds_problem(re, particle, gas, cc)
        return MobilitySummary(d, kn, code, cc, par.name, zeta, zeta_ep, b, diff, tau, v_s, mass, re)
    shapes = {"particle.diameter": np.shape(particle.diameter), "particle.density": np.shape(particle.density),
              "particle.momentum_accommodation": np.shape(particle.momentum_accommodation),
              "gas state (temperature, pressure)": np.shape(gas.temperature)}
    try:
        np.broadcast_shapes(*shapes.values())
    except ValueError:
        from .exceptions import InputError

        desc = ", ".join(f"{k} {v}" for k, v in shapes.items())
        raise InputError(f"shapes do not broadcast together: {desc}") from None
    kn = knudsen_number(gas.mean_free_path, particle.radius)
    cc = slip_correction(particle.diameter, gas.mean_free_path, par)
    friction = slip_corrected_friction(gas.viscosity, particle.radius, cc)
    tau = relaxation_time(particle.mass, friction)
    v_s = settling_velocity(tau, particle.density, gas.density)
    re = as_output(np.asarray(gas.density) * np.abs(v_s) * np.asarray(particle.diameter) / np.asarray(gas.viscosity))
    _reynolds_problem(re, particle, gas, cc)
    code = np.searchsorted(np.asarray(REGIME_BOUNDS), kn, side="right").astype(np.int8)
    return MobilitySummary(
        diameter=particle.diameter,
        knudsen_number=kn,
        regime_code=int(code) if code.ndim == 0 else code,
        slip_correction=cc,
        slip_parameters=par.name,
        friction_coefficient=friction,
        epstein_friction_coefficient=epstein_friction(
            particle.radius, gas.density, gas.mean_speed, particle.momentum_accommodation
        ),
        mobility=mobility(friction),
        diffusion_coefficient=diffusion_coefficient(gas.temperature, friction),
        relaxation_time=tau,
        settling_velocity=v_s,
        mass=particle.mass,
        settling_reynolds_number=re,
    )
