r"""Transport properties of pure gases at low density: viscosity and thermal conductivity.

Two paths, chosen per property with ``model=``:

``"reference"``
    The dilute-gas part of a published reference correlation for that species
    (:mod:`thermophoresis.gas.reference`): the most accurate values the toolkit has, available for the
    species listed in :data:`thermophoresis.gas.reference.VISCOSITY` and ``CONDUCTIVITY``.
``"lennard-jones"`` (viscosity) / ``"eucken"``, ``"modified-eucken"``, ``"hirschfelder-eucken"`` (conductivity)
    First Chapman–Enskog approximation with the Lennard-Jones (12-6) parameters of the species table
    and the collision integrals of Neufeld et al. (1972); conductivity of polyatomic gases by an Eucken-type
    split into translational and internal parts. Works for any species with Lennard-Jones parameters;
    typically 1–3 % from data for nonpolar gases, worse for quantum gases (He, H2 below ~300 K) and for
    polar H2O (the 12-6 potential ignores the dipole; expect 5–10 %).

``"auto"`` (the default) takes the reference correlation where one exists and the Chapman–Enskog path
otherwise.

The *translational* conductivity — the part carried by the translational motion of the molecules, which is
what the free-molecular thermophoretic force depends on (Waldmann 1959) — is
:math:`k_{tr} = \tfrac{15}{4}\,(k_B/m)\,\mu` (the first Chapman–Enskog result for a monatomic gas,
Chapman & Cowling 1970, §10.2), evaluated with the gas's own viscosity. For monatomic gases it is the whole
conductivity.

All functions are vectorized over temperature and work in SI units.

References
----------
.. [1] Chapman, S., Cowling, T. G. (1970). The Mathematical Theory of Non-Uniform Gases, 3rd ed.
   Cambridge University Press.
.. [2] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids.
   Wiley. Eqs. (8.2-18), (8.2-31).
.. [3] Poling, B. E., Prausnitz, J. M., O'Connell, J. P. (2001). The Properties of Gases and Liquids,
   5th ed., McGraw-Hill. Section 10-3 (Eucken and modified Eucken).
"""

from __future__ import annotations

import math
import warnings

import numpy as np

from .._docs import fill
from .._registry import Choice, Registry
from .._validation import as_output, check_positive
from ..constants import AVOGADRO, BOLTZMANN, GAS_CONSTANT
from ..exceptions import InputError, ValidityWarning
from . import reference
from .collision_integrals import a_star, omega22
from .species import Species, get_species
from .thermo import heat_capacity_cp_molar

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    "references_lennard_jones": """References
----------
.. [1] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids.
   Wiley.
.. [2] Neufeld, P. D., Janzen, A. R., Aziz, R. A. (1972). J. Chem. Phys. 57, 1100-1102.""",
    "returns_conductivity": """Returns
-------
float or numpy.ndarray
    Thermal conductivity [W/(m K)].""",
    "eucken_inputs": """Parameters
----------
viscosity : float or array_like
    Dynamic viscosity of the gas [Pa s].
molar_mass : float
    Molar mass [kg/mol].
cv_molar : float or array_like
    Ideal-gas isochoric molar heat capacity [J/(mol K)].""",
    "returns_viscosity": """Returns
-------
float or numpy.ndarray
    Dynamic viscosity [Pa s].""",
}


__all__ = [
    "chapman_enskog_viscosity",
    "monatomic_conductivity",
    "eucken_conductivity",
    "modified_eucken_conductivity",
    "hirschfelder_eucken_conductivity",
    "viscosity",
    "thermal_conductivity",
    "translational_conductivity",
    "VISCOSITY_MODELS",
    "CONDUCTIVITY_MODELS",
]

#: Pure-gas viscosity correlations (a :class:`~thermophoresis._registry.Registry`; each correlation registers
#: itself with the decorator above its function)
VISCOSITY_MODELS: Registry[Choice] = Registry("model")
#: Pure-gas conductivity correlations (a :class:`~thermophoresis._registry.Registry`)
CONDUCTIVITY_MODELS: Registry[Choice] = Registry("model")

#: Range of reduced temperature kT/epsilon covered by the Neufeld et al. (1972) fits
LJ_T_STAR_RANGE = (0.3, 100.0)


@VISCOSITY_MODELS.register(
    "lennard-jones", label="Chapman-Enskog (Lennard-Jones)", aliases=("lj", "chapman_enskog"),
    reference="Chapman-Enskog, Lennard-Jones 12-6 (Hirschfelder et al. 1954, eq. 8.2-18; Neufeld et al. 1972)")
@fill(_DOC)
def chapman_enskog_viscosity(temperature, molar_mass, sigma, epsilon_k):
    r"""Viscosity of a dilute gas of Lennard-Jones molecules, first Chapman–Enskog approximation.

    .. math:: \mu = \frac{5}{16} \frac{\sqrt{\pi m k_B T}}{\pi \sigma^2 \,\Omega^{(2,2)*}(k_B T/\epsilon)}

    (Hirschfelder, Curtiss & Bird 1954, eq. 8.2-18), with :math:`\Omega^{(2,2)*}` from Neufeld et al.
    (1972), valid for :math:`0.3 \le k_B T/\epsilon \le 100` (outside: a :class:`ValidityWarning`).

    Parameters
    ----------
    temperature : float or array_like
        Gas temperature [K].
    molar_mass : float
        Molar mass [kg/mol].
    sigma : float
        Lennard-Jones collision diameter [m].
    epsilon_k : float
        Lennard-Jones well depth over Boltzmann's constant [K].

    %(returns_viscosity)s

    %(references_lennard_jones)s

    Examples
    --------
    Argon at 300 K with the Chemkin parameters (the reference correlation gives 22.7 µPa s):

    >>> round(chapman_enskog_viscosity(300.0, 39.948e-3, 3.33e-10, 136.5) * 1e6, 2)
    23.14
    """
    t = check_positive("temperature", temperature, "K")
    m = molar_mass / AVOGADRO
    t_star = t / epsilon_k
    _warn_t_star(t_star, stacklevel=3)
    return as_output(5.0 / 16.0 * np.sqrt(math.pi * m * BOLTZMANN * t) / (math.pi * sigma**2 * omega22(t_star)))


def _warn_t_star(t_star, stacklevel=3):
    lo, hi = LJ_T_STAR_RANGE
    if np.any((np.asarray(t_star) < lo) | (np.asarray(t_star) > hi)):
        warnings.warn(
            f"reduced temperature kT/epsilon outside [{lo}, {hi}] covered by the Neufeld et al. (1972) "
            f"collision-integral fits; the Lennard-Jones result is an extrapolation",
            ValidityWarning,
            stacklevel=stacklevel,
        )


def monatomic_conductivity(viscosity, molar_mass):
    r"""Thermal conductivity of a monatomic gas (or the translational part of any gas) from its viscosity.

    .. math:: k = \frac{15}{4} \frac{R}{M} \mu

    (first Chapman–Enskog approximation; the second raises it by well under 1 %).

    Parameters
    ----------
    viscosity : float or array_like
        Dynamic viscosity of the gas [Pa s].
    molar_mass : float
        Molar mass [kg/mol].

    Returns
    -------
    float or numpy.ndarray
        Thermal (translational) conductivity [W/(m K)].

    References
    ----------
    .. [1] Chapman, S., Cowling, T. G. (1970). The Mathematical Theory of Non-Uniform Gases, 3rd ed.
       Cambridge University Press.

    Examples
    --------
    >>> round(monatomic_conductivity(22.7e-6, 39.948e-3), 5)
    0.01772
    """
    return as_output(15.0 / 4.0 * GAS_CONSTANT / molar_mass * np.asarray(viscosity, dtype=float))


@CONDUCTIVITY_MODELS.register("eucken", label="Eucken", reference="Poling et al. (2001), section 10-3")
@fill(_DOC)
def eucken_conductivity(viscosity, molar_mass, cv_molar):
    r"""Original Eucken (1913) conductivity of a polyatomic gas.

    .. math:: k = \frac{\mu}{M}\left(C_v + \frac{9}{4} R\right)

    Poling et al. (2001), eq. (10-3.2); tends to underpredict by a few percent.

    %(eucken_inputs)s

    %(returns_conductivity)s

    References
    ----------
    .. [1] Eucken, A. (1913). Über das Wärmeleitvermögen, die spezifische Wärme und die innere Reibung der
       Gase. Physikalische Zeitschrift 14.
    .. [2] Poling, B. E., Prausnitz, J. M., O'Connell, J. P. (2001). The Properties of Gases and Liquids,
       5th ed. McGraw-Hill, section 10-3.

    Examples
    --------
    For a monatomic gas (:math:`C_v = 3R/2`) it is the monatomic result :math:`(15/4)(R/M)\mu`:

    >>> from thermophoresis.constants import GAS_CONSTANT as R
    >>> eucken_conductivity(2e-5, 0.04, 1.5 * R) / monatomic_conductivity(2e-5, 0.04)
    1.0
    """
    return as_output(np.asarray(viscosity) / molar_mass * (cv_molar + 2.25 * GAS_CONSTANT))


@CONDUCTIVITY_MODELS.register("modified-eucken", label="modified Eucken",
                              reference="Poling et al. (2001), section 10-3")
@fill(_DOC)
def modified_eucken_conductivity(viscosity, molar_mass, cv_molar):
    r"""Modified Eucken conductivity (internal energy transported with :math:`\rho D/\mu = 1.32`).

    .. math:: k = \frac{\mu}{M}\left(1.32\, C_v + 1.77 R\right)

    Poling et al. (2001), eq. (10-3.3); tends to overpredict by a few percent.

    %(eucken_inputs)s

    %(returns_conductivity)s

    References
    ----------
    .. [1] Poling, B. E., Prausnitz, J. M., O'Connell, J. P. (2001). The Properties of Gases and Liquids,
       5th ed. McGraw-Hill, section 10-3.
    """
    return as_output(np.asarray(viscosity) / molar_mass * (1.32 * cv_molar + 1.77 * GAS_CONSTANT))


@CONDUCTIVITY_MODELS.register("hirschfelder-eucken", label="Hirschfelder-Eucken",
                              reference="Hirschfelder et al. (1954), eq. 8.2-31")
@fill(_DOC)
def hirschfelder_eucken_conductivity(viscosity, molar_mass, cv_molar, t_star):
    r"""Eucken-type conductivity with the internal-energy diffusion ratio from the 12-6 potential.

    .. math:: k = \frac{\mu}{M}\left[\frac{15}{4} R + \frac{6}{5} A^*(T^*)\left(C_v - \frac{3}{2}R\right)\right]

    The translational part is the monatomic result; internal energy is carried by self-diffusion,
    :math:`\rho D / \mu = \tfrac{6}{5} A^*` (Hirschfelder, Curtiss & Bird 1954, eq. 8.2-31, without the
    Mason–Monchick inelastic correction).

    %(eucken_inputs)s
    t_star : float or array_like
        Reduced temperature :math:`k_B T/\epsilon` of the Lennard-Jones potential [-].

    %(returns_conductivity)s

    %(references_lennard_jones)s
    """
    mu = np.asarray(viscosity, dtype=float)
    return as_output(mu / molar_mass * (3.75 * GAS_CONSTANT + 1.2 * a_star(t_star) * (cv_molar - 1.5 * GAS_CONSTANT)))


def _species_and_t(species, temperature):
    sp = get_species(species)
    t = check_positive("temperature", temperature, "K")
    return sp, t


def _reference_or_model(species, temperature, model, registry, table, quantity, general):
    """``(species, temperature, canonical model, value)``: ``value`` is the species' reference correlation
    ``table[name](T)`` where ``model`` is ``"auto"`` or ``"reference"`` and one exists, else ``None`` (the
    caller evaluates its general model); ``"reference"`` for a species without one is an InputError."""
    sp, t = _species_and_t(species, temperature)
    model = _check_model("model", model, registry)
    if model in ("auto", "reference") and sp.name in table:
        return sp, t, model, table[sp.name](t)
    if model == "reference":
        raise InputError(
            f"model='reference': no reference {quantity} correlation for {sp.name!r}; "
            f"available for {', '.join(table)}; use model={general!r}"
        )
    return sp, t, model, None


def _lj_viscosity(sp: Species, t):
    if sp.dipole_moment > 0:
        warnings.warn(
            f"{sp.name} is polar; its Lennard-Jones parameters ({sp.lj_source}) belong with the "
            f"Stockmayer potential, and the 12-6 Chapman-Enskog viscosity is off by up to ~30 %; "
            f"use model='reference' (the default)",
            ValidityWarning,
            stacklevel=4,
        )
    return chapman_enskog_viscosity(t, sp.molar_mass, sp.lj_sigma, sp.lj_epsilon_k)


def _dispatcher(registry: Registry, fallback: str):
    """Register a property's dispatcher as its ``"auto"`` and ``"reference"`` choices.

    Both are the same public function (it picks the per-species reference correlation, or ``fallback``
    for ``"auto"`` where none exists); the other choices are single correlations registered above.
    """

    def deco(func):
        registry.register("auto", label="automatic",
                          description=f"the reference correlation where one exists, else {fallback}")(func)
        registry.register("reference", label="reference correlation",
                          reference="thermophoresis.gas.reference (per species)",
                          description="dilute-gas reference correlation")(func)
        return func

    return deco


@_dispatcher(VISCOSITY_MODELS, "Lennard-Jones")
@fill(_DOC)
def viscosity(species: str | Species, temperature, model: str = "auto"):
    """Dynamic viscosity of a pure dilute gas [Pa s].

    Parameters
    ----------
    species : str or Species
        Name or alias from the species table (``"air"``, ``"N2"``, ``"argon"``...).
    temperature : float or array_like
        Gas temperature [K].
    model : str
        A name in :data:`VISCOSITY_MODELS` (any case): ``"auto"`` (reference correlation where one exists,
        else Lennard-Jones), ``"reference"`` or ``"lennard-jones"``. See the module docstring.

    %(returns_viscosity)s

    References
    ----------
    .. [1] Lemmon, E. W., Jacobsen, R. T. (2004). Viscosity and thermal conductivity equations for nitrogen,
       oxygen, argon, and air. Int. J. Thermophys. 25, 21-69.
    .. [2] Hirschfelder, J. O., Curtiss, C. F., Bird, R. B. (1954). Molecular Theory of Gases and Liquids.
       Wiley, eq. (8.2-18).
    .. [3] The per-species reference correlations listed in :mod:`thermophoresis.gas.reference`.

    Examples
    --------
    >>> round(viscosity("air", 293.15) * 1e6, 2)
    18.2
    """
    sp, t, model, value = _reference_or_model(species, temperature, model, VISCOSITY_MODELS,
                                              reference.VISCOSITY, "viscosity", "lennard-jones")
    return value if value is not None else _lj_viscosity(sp, t)


@_dispatcher(CONDUCTIVITY_MODELS, "Hirschfelder-Eucken")
@fill(_DOC)
def thermal_conductivity(species: str | Species, temperature, model: str = "auto"):
    """Thermal conductivity of a pure dilute gas [W/(m K)].

    %(species_temperature)s
    model : str
        A name in :data:`CONDUCTIVITY_MODELS` (any case): ``"auto"``, ``"reference"``, ``"eucken"``,
        ``"modified-eucken"``, ``"hirschfelder-eucken"``. For monatomic gases every non-reference model is the
        monatomic relation :func:`monatomic_conductivity`. The Eucken-type forms take the species' best
        viscosity (the reference correlation where one exists, else Lennard-Jones), as Poling et al. intend.
        ``"auto"`` uses the reference conductivity where available, otherwise the Hirschfelder–Eucken form.

    %(returns_conductivity)s

    References
    ----------
    .. [1] Lemmon, E. W., Jacobsen, R. T. (2004). Viscosity and thermal conductivity equations for nitrogen,
       oxygen, argon, and air. Int. J. Thermophys. 25, 21-69.
    .. [2] Poling, B. E., Prausnitz, J. M., O'Connell, J. P. (2001). The Properties of Gases and Liquids,
       5th ed. McGraw-Hill, section 10-3.
    .. [3] The per-species reference correlations listed in :mod:`thermophoresis.gas.reference`.

    Examples
    --------
    >>> round(thermal_conductivity("air", 300.0), 4)
    0.0263
    """
    sp, t, model, value = _reference_or_model(species, temperature, model, CONDUCTIVITY_MODELS,
                                              reference.CONDUCTIVITY, "conductivity", "hirschfelder-eucken")
    if value is not None:
        return value
    # the Eucken forms are meant for the accurate viscosity: use the reference one where it exists
    mu = viscosity(sp, t, "auto")
    if sp.is_monatomic:
        return monatomic_conductivity(mu, sp.molar_mass)
    cv = heat_capacity_cp_molar(sp, t) - GAS_CONSTANT
    if model == "eucken":
        return eucken_conductivity(mu, sp.molar_mass, cv)
    if model == "modified-eucken":
        return modified_eucken_conductivity(mu, sp.molar_mass, cv)
    return hirschfelder_eucken_conductivity(mu, sp.molar_mass, cv, t / sp.lj_epsilon_k)


@fill(_DOC)
def translational_conductivity(species: str | Species, temperature, model: str = "auto"):
    r"""Translational part of the thermal conductivity [W/(m K)]: :math:`\tfrac{15}{4}(R/M)\mu`.

    This is the conductivity in Waldmann's free-molecular thermophoretic force; for a monatomic gas it
    equals the full conductivity.

    %(species_temperature)s
    model : str
        The viscosity model (a name in :data:`VISCOSITY_MODELS`).

    Returns
    -------
    float or numpy.ndarray
        Translational conductivity [W/(m K)].

    References
    ----------
    .. [1] Chapman, S., Cowling, T. G. (1970). The Mathematical Theory of Non-Uniform Gases, 3rd ed.
       Cambridge University Press.
    .. [2] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599.

    Examples
    --------
    >>> round(translational_conductivity("N2", 300.0) / thermal_conductivity("N2", 300.0), 3)
    0.767
    """
    sp = get_species(species)
    return monatomic_conductivity(viscosity(sp, temperature, model), sp.molar_mass)


def _check_model(name, model, allowed):
    """The canonical name of ``model`` in the registry ``allowed`` (unknown names list the closest)."""
    if isinstance(allowed, Registry):
        if type(model) is str and model in allowed:
            return allowed.canonical(model)
        from .._validation import unknown_name

        raise unknown_name(f"{name}", model, list(allowed) + [a for n in allowed for a in allowed.aliases(n)],
                           shown=list(allowed))
    if model not in allowed:
        from .._validation import unknown_name

        raise unknown_name(f"{name}", model, allowed)
    return model
