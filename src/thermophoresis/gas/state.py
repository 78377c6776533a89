r"""The gas state: composition, temperature and pressure, and everything that follows from them.

>>> air = Gas("air", temperature="20 degC", pressure="1 atm")
>>> round(air.mean_free_path * 1e9, 1)      # nm
65.3
>>> round(air.viscosity * 1e6, 2)           # µPa s
18.2

Temperature and pressure may be arrays; every property broadcasts over them:

>>> Gas("argon", temperature=[300.0, 600.0], pressure=100.0).mean_free_path.shape
(2,)

Definitions (SI; ideal gas, which is accurate to better than 0.1 % for the gases here at 1 atm and above
250 K, and better at lower pressure):

- number density :math:`n = p / (k_B T)`, density :math:`\rho = n m`, with :math:`m = M / N_A` the mean
  molecular mass of the mixture;
- mean molecular speed :math:`\bar c = \sqrt{8 k_B T / (\pi m)}`;
- mean free path :math:`\lambda = (\mu / p) \sqrt{\pi k_B T / (2 m)} = 2 \mu / (\rho \bar c)`
  (the viscosity-based definition of DESIGN.md; Kennard 1938, eq. 127);
- translational conductivity :math:`k_{tr}`: see :mod:`thermophoresis.gas.transport`.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from functools import cached_property
from types import MappingProxyType

import numpy as np

from .._params import PARAMETERS as _PARAMETERS
from .._validation import broadcast_shapes_named, check_positive
from ..constants import AVOGADRO, BOLTZMANN, DEFAULT_PRESSURE, DEFAULT_TEMPERATURE, GAS_CONSTANT
from ..exceptions import InputError, ValidityWarning
from ..units import to_si
from . import transport
from .mixture import mason_saxena_conductivity, wilke_phi, wilke_viscosity
from .species import Species, get_species
from .thermo import heat_capacity_cp_molar

__all__ = ["Gas", "GasState", "parse_composition", "MOLE_FRACTION_TOLERANCE"]

#: How far the mole fractions may sum from 1 before the input is rejected
MOLE_FRACTION_TOLERANCE = 1e-6
#: Sanity bounds: above these the dilute, non-ionized gas the toolkit models does not exist
# the sanity bounds of the shared vocabulary's declarations (the CLI, files and sweeps read the same ones)
MAX_TEMPERATURE = _PARAMETERS["temperature"].at_most  # K (1e5: dilute, non-ionized gas)
MAX_PRESSURE = _PARAMETERS["pressure"].at_most  # Pa (1e9)
#: Dilute-gas limit on n sigma^3 (sigma the Lennard-Jones diameter): above it a ValidityWarning. There the
#: Enskog excluded-volume parameter (2 pi / 3) n sigma^3 exceeds 0.1, so dense-gas corrections to the
#: transport properties reach a few per cent (Chapman & Cowling 1970, ch. 16), and the mean free path is
#: below ~5 molecular diameters (hard spheres: mfp / sigma = 1 / (sqrt(2) pi n sigma^3)). Air at 293 K
#: reaches it near 4 MPa.
DENSE_GAS_LIMIT = 0.05


def parse_composition(composition) -> dict[str, float]:
    """Normalize a composition to ``{canonical species name: mole fraction}``.

    Parameters
    ----------
    composition : str, Species, mapping or list of pairs
        A species name (``"argon"``), a mapping (``{"N2": 0.79, "O2": 0.21}``), a list of
        ``(name, fraction)`` pairs or a string of ``name:fraction`` pairs (``"He:0.5, Ar:0.5"``). Fractions
        must be non-negative and sum to 1 within :data:`MOLE_FRACTION_TOLERANCE`.

    Returns
    -------
    dict
        ``{canonical name: mole fraction}``; mole fractions are dimensionless [-].

    References
    ----------
    .. [1] Kee, R. J., Dixon-Lewis, G., Warnatz, J., Coltrin, M. E., Miller, J. A. (1986). Sandia Report
       SAND86-8246 (the species table whose names are accepted; see :mod:`thermophoresis.gas.species`).

    Examples
    --------
    >>> parse_composition("He:0.5, Ar:0.5")
    {'He': 0.5, 'Ar': 0.5}
    """
    if isinstance(composition, Species):
        return {composition.name: 1.0}
    if isinstance(composition, str):
        if ":" not in composition:
            return {get_species(composition).name: 1.0}
        pairs = []
        for part in composition.split(","):
            if not part.strip():
                continue
            name, _, frac = part.partition(":")
            try:
                pairs.append((name.strip(), float(frac)))
            except ValueError:
                raise InputError(
                    f"composition: cannot read mole fraction {frac.strip()!r} for {name.strip()!r} in "
                    f"{composition!r}; expected 'name:fraction, name:fraction'"
                ) from None
        composition = pairs
    items = list(composition.items()) if isinstance(composition, Mapping) else composition
    if not isinstance(items, list) or not items:
        raise InputError(
            f"composition must be a gas name, a mapping of names to mole fractions, or "
            f"'name:fraction, ...', got {composition!r}"
        )
    out: dict[str, float] = {}
    for name, frac in items:
        sp = get_species(name)
        try:
            x = float(frac)
        except (TypeError, ValueError):
            raise InputError(f"mole fraction of {sp.name} must be a number in [0, 1], got {frac!r}") from None
        if not math.isfinite(x) or x < 0 or x > 1:
            raise InputError(f"mole fraction of {sp.name} must be in [0, 1], got {frac!r}")
        out[sp.name] = out.get(sp.name, 0.0) + x
    total = sum(out.values())
    if abs(total - 1.0) > MOLE_FRACTION_TOLERANCE:
        raise InputError(
            f"mole fractions must sum to 1 (within {MOLE_FRACTION_TOLERANCE:g}), got {total:.9g} "
            f"for {out}"
        )
    return {k: v / total for k, v in out.items() if v > 0}


def _declared(name: str, value):
    """``value`` (SI number, string with units, Quantity or array) checked with the shared declaration of
    ``name`` (its unit, bounds and sanity bounds); a float, or a float array."""
    a = np.asarray(_PARAMETERS[name].parse(value), dtype=float)
    return float(a) if a.ndim == 0 else a


class Gas:
    """State of a dilute gas (pure or mixture) at given temperature and pressure.

    Parameters
    ----------
    composition : str, Species or mapping, default "air"
        A species name or alias from :mod:`thermophoresis.gas.species`, a mapping of names to mole
        fractions, or ``"name:fraction, ..."``.
    temperature : numeric, str or Quantity, default 293.15 K
    pressure : numeric, str or Quantity, default 101325 Pa
    viscosity_model, conductivity_model : str
        Pure-species models, see :mod:`thermophoresis.gas.transport`.

    Notes
    -----
    Mixture viscosity by Wilke, conductivity and translational conductivity by Wassiljewa with
    Mason–Saxena factors (:mod:`thermophoresis.gas.mixture`). Properties are computed on first access and
    cached; the object is immutable (use :meth:`with_state` for another temperature or pressure).
    """

    def __init__(
        self,
        composition="air",
        temperature=DEFAULT_TEMPERATURE,
        pressure=DEFAULT_PRESSURE,
        *,
        viscosity_model: str = "auto",
        conductivity_model: str = "auto",
    ):
        self.composition = MappingProxyType(parse_composition(composition))
        if type(temperature) is float and 0.0 < temperature <= MAX_TEMPERATURE:
            t = temperature  # an SI float within bounds: nothing to parse or convert
        else:
            t = _declared("temperature", temperature)
        if type(pressure) is float and 0.0 < pressure <= MAX_PRESSURE:
            p = pressure
        else:
            p = _declared("pressure", pressure)
        self._given = (t, p)  # as given (before broadcasting), so with_state can replace one of them
        if np.ndim(t) or np.ndim(p):
            shape = broadcast_shapes_named(temperature=t, pressure=p)
            t, p = np.broadcast_to(t, shape), np.broadcast_to(p, shape)
        self.temperature = _freeze(t)
        self.pressure = _freeze(p)
        self._scalar_state = type(self.temperature) is float and type(self.pressure) is float
        viscosity_model = transport._check_model("viscosity_model", viscosity_model, transport.VISCOSITY_MODELS)
        conductivity_model = transport._check_model("conductivity_model", conductivity_model,
                                                    transport.CONDUCTIVITY_MODELS)
        self.viscosity_model = viscosity_model
        self.conductivity_model = conductivity_model
        self.source = "thermophoresis"
        self._external: dict[str, object] = {}
        self._frozen = True
        problems = self.validity_problems()
        if problems:
            warnings.warn("; ".join(problems), ValidityWarning, stacklevel=2)

    def validity_problems(self) -> list[str]:
        r"""What breaks the dilute ideal-gas assumptions of the toolkit in this state (empty if nothing).

        - **dense gas**: :math:`n\sigma^3` above :data:`DENSE_GAS_LIMIT` (mole-fraction mean of
          :math:`\sigma_i^3`, Lennard-Jones diameters);
        - **condensing vapour**: the partial pressure of a condensable species
          (:data:`thermophoresis.gas.saturation.SATURATION`: H2O, CO2) above its saturation pressure.

        :class:`Gas` raises one :class:`~thermophoresis.exceptions.ValidityWarning` listing them when it is
        built; the values are still computed (as for a dilute ideal gas).
        """
        from .saturation import SATURATION

        _CONDENSABLE = SATURATION._entries
        out = []
        species, x = self._species, self._x
        sigma3 = sum(float(xi) * sp.lj_sigma**3 for sp, xi in zip(species, x))
        t, p = self.temperature, self.pressure
        packing = p * sigma3 / (BOLTZMANN * t)
        worst = packing if type(packing) is float else float(np.max(packing))
        if worst > DENSE_GAS_LIMIT:
            i = int(np.argmax(packing)) if np.ndim(packing) else 0
            mfp = float(np.ravel(self.mean_free_path)[i]) if np.ndim(packing) else float(self.mean_free_path)
            sigma = sigma3 ** (1.0 / 3.0)
            out.append(
                f"dense gas: n sigma^3 = {worst:.3g} at {float(np.ravel(t)[i]):.6g} K, {float(np.ravel(p)[i]):.6g} Pa "
                f"(mean free path {mfp:.3g} m = {mfp / sigma:.3g} molecular diameters); the toolkit assumes a "
                f"dilute gas (n sigma^3 << 1, warned above {DENSE_GAS_LIMIT:g})"
            )
        for sp, xi in zip(species, x):
            if sp.name in _CONDENSABLE:
                p_sat = SATURATION[sp.name].function(t)
                ratio = np.asarray(xi * p / p_sat)
                if np.any(ratio > 1.0):
                    i = int(np.argmax(ratio)) if ratio.ndim else 0
                    ti = float(np.ravel(np.broadcast_to(t, ratio.shape))[i])
                    pi = float(np.ravel(np.broadcast_to(xi * p, ratio.shape))[i])
                    out.append(
                        f"condensing vapour: {sp.name} partial pressure {pi:.4g} Pa at {ti:.6g} K is "
                        f"{float(np.max(ratio)):.3g} times its saturation pressure "
                        f"{float(np.ravel(np.broadcast_to(p_sat, ratio.shape))[i]):.4g} Pa "
                        f"({SATURATION[sp.name].reference}); it condenses, and the toolkit treats it as an ideal gas"
                    )
        return out

    def __setattr__(self, name, value):
        if getattr(self, "_frozen", False):
            raise AttributeError(
                f"Gas is immutable (cached properties depend on its state); use with_state() for a "
                f"new temperature or pressure, not assignment to {name!r}"
            )
        object.__setattr__(self, name, value)

    # ---- alternative constructors ---------------------------------------------------------------
    @classmethod
    def from_cantera(cls, solution) -> Gas:
        r"""Gas state from a Cantera ``Solution`` (its T, P, composition, viscosity, conductivity, cp).

        The translational conductivity is built from Cantera's pure-species viscosities
        (``species_viscosities``): :math:`\tfrac{15}{4}(R/M_i)\mu_i` per species, mixed by the same
        Wassiljewa–Mason–Saxena rule as the toolkit's own mixtures, so that species the toolkit's table
        does not know are handled too.
        """
        x_all = np.asarray(solution.X, dtype=float)
        keep = x_all > 0
        names = [n for n, k in zip(solution.species_names, keep) if k]
        x = x_all[keep]
        mu_i = np.asarray(solution.species_viscosities, dtype=float)[keep]
        m_i = np.asarray(solution.molecular_weights, dtype=float)[keep] / 1000.0
        k_tr_i = 15.0 / 4.0 * GAS_CONSTANT / m_i * mu_i
        if len(x) == 1:
            k_tr = float(k_tr_i[0])
        else:
            k_tr = float(mason_saxena_conductivity(x, k_tr_i, mu_i, m_i))
        obj = cls.__new__(cls)
        obj.composition = MappingProxyType(dict(zip(names, (float(v) for v in x))))
        obj.temperature = float(solution.T)
        obj.pressure = float(solution.P)
        obj._scalar_state = True
        obj.viscosity_model = obj.conductivity_model = "external"
        obj.source = f"cantera ({getattr(solution, 'transport_model', '?')} transport)"
        obj._external = {
            "molar_mass": float(solution.mean_molecular_weight) / 1000.0,
            "viscosity": float(solution.viscosity),
            "thermal_conductivity": float(solution.thermal_conductivity),
            "translational_conductivity": k_tr,
            "heat_capacity_cp": float(solution.cp_mass),
        }
        obj._frozen = True
        return obj

    @classmethod
    def from_coolprop(cls, fluid: str, temperature=DEFAULT_TEMPERATURE, pressure=DEFAULT_PRESSURE) -> Gas:
        """Gas state with CoolProp's reference-quality properties (real gas, includes dense-gas terms).

        ``fluid`` is a CoolProp fluid name (``"Air"``, ``"Nitrogen"``, ``"Argon"``...). Temperature and
        pressure must be scalars here. CoolProp is an optional dependency.
        """
        try:
            from CoolProp.CoolProp import PropsSI
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise ImportError("Gas.from_coolprop needs CoolProp: pip install CoolProp") from exc
        t = check_positive("temperature", to_si(temperature, "temperature", "temperature"), "K")
        p = check_positive("pressure", to_si(pressure, "pressure", "pressure"), "Pa")
        if np.ndim(t) or np.ndim(p):
            raise InputError("Gas.from_coolprop takes scalar temperature and pressure")
        try:
            from CoolProp.CoolProp import PhaseSI

            phase = PhaseSI("T", t, "P", p, fluid)
            props = {k: PropsSI(k, "T", t, "P", p, fluid) for k in ("V", "L", "CPMASS", "M", "D", "Z")}
        except ValueError as exc:
            raise InputError(f"CoolProp cannot evaluate fluid {fluid!r} at {t} K, {p} Pa: {exc}") from None
        if phase not in ("gas", "supercritical_gas", "supercritical"):
            raise InputError(
                f"{fluid} at {t} K and {p} Pa is {phase.replace('_', ' ')}, not a gas; the toolkit's "
                f"particle physics needs a dilute gas"
            )
        if phase == "supercritical" or abs(props["Z"] - 1.0) > 0.05:
            warnings.warn(
                f"{fluid} at {t} K and {p} Pa is far from an ideal gas (Z = {props['Z']:.3f}, {phase}); "
                f"mean free path and kinetic quantities assume a dilute gas",
                ValidityWarning,
                stacklevel=2,
            )
        obj = cls.__new__(cls)
        obj.composition = MappingProxyType({fluid: 1.0})
        obj.temperature, obj.pressure = float(t), float(p)
        obj._scalar_state = True
        obj.viscosity_model = obj.conductivity_model = "external"
        obj.source = "CoolProp"
        obj._external = {
            "molar_mass": props["M"],
            "viscosity": props["V"],
            "thermal_conductivity": props["L"],
            "heat_capacity_cp": props["CPMASS"],
            "density": props["D"],
        }
        obj._frozen = True
        return obj

    def with_state(self, temperature=None, pressure=None) -> Gas:
        """The same gas (composition and models) at another temperature and/or pressure.

        The quantity not given keeps the value it was built with (before broadcasting), so a gas built
        with a scalar temperature and an array of pressures can take a new array of pressures of any length.
        """
        if self._external:
            raise InputError("with_state is not available for a gas taken from Cantera or CoolProp")
        t_given, p_given = getattr(self, "_given", (self.temperature, self.pressure))
        return Gas(
            self.composition,
            t_given if temperature is None else temperature,
            p_given if pressure is None else pressure,
            viscosity_model=self.viscosity_model,
            conductivity_model=self.conductivity_model,
        )

    # ---- composition ------------------------------------------------------------------------------
    @cached_property
    def _species(self) -> list[Species]:
        return [get_species(n) for n in self.composition]

    @cached_property
    def _x(self) -> np.ndarray:
        return _freeze(np.array(list(self.composition.values())))

    @cached_property
    def _molar_masses(self) -> np.ndarray:
        return _freeze(np.array([s.molar_mass for s in self._species]))

    @property
    def is_mixture(self) -> bool:
        return len(self.composition) > 1

    @cached_property
    def molar_mass(self):
        """Mean molar mass [kg/mol]."""
        if "molar_mass" in self._external:
            return self._external["molar_mass"]
        return float(np.dot(self._x, self._molar_masses))

    @property
    def molecular_mass(self) -> float:
        """Mean molecular mass [kg]."""
        return self.molar_mass / AVOGADRO

    # ---- thermodynamic state ----------------------------------------------------------------------
    @cached_property
    def number_density(self):
        """[1/m^3]: ideal gas p/(kT), or rho/m for a real-gas state from CoolProp."""
        if "density" in self._external:
            return self._external["density"] / self.molecular_mass
        return _freeze(self.pressure / (BOLTZMANN * self.temperature))

    @cached_property
    def density(self):
        """Mass density [kg/m^3] (ideal gas; CoolProp's real-gas value for :meth:`from_coolprop`)."""
        if "density" in self._external:
            return self._external["density"]
        return _freeze(self.pressure * self.molar_mass / (GAS_CONSTANT * self.temperature))

    @cached_property
    def heat_capacity_cp(self):
        """Isobaric specific heat capacity [J/(kg K)], ideal gas."""
        if "heat_capacity_cp" in self._external:
            return self._external["heat_capacity_cp"]
        cp = sum(x * heat_capacity_cp_molar(s, self.temperature) for s, x in zip(self._species, self._x))
        return _freeze(cp / self.molar_mass)

    @cached_property
    def heat_capacity_ratio(self):
        """cp/cv, ideal gas."""
        cp_molar = self.heat_capacity_cp * self.molar_mass
        return _freeze(cp_molar / (cp_molar - GAS_CONSTANT))

    # ---- transport --------------------------------------------------------------------------------
    def _pure(self, func, **kw) -> np.ndarray:
        # stack pure-species properties along a new last axis
        out = np.stack([np.asarray(func(s, self.temperature, **kw), float) for s in self._species], axis=-1)
        out.setflags(write=False)
        return out

    @cached_property
    def _pure_viscosities(self):
        return self._pure(transport.viscosity, model=self.viscosity_model)

    @cached_property
    def _phi(self):
        return _freeze(wilke_phi(self._pure_viscosities, self._molar_masses))

    @cached_property
    def viscosity(self):
        """Dynamic viscosity [Pa s]."""
        if "viscosity" in self._external:
            return self._external["viscosity"]
        if not self.is_mixture:
            return _freeze(self._pure_viscosities[..., 0])
        return _freeze(wilke_viscosity(self._x, self._pure_viscosities, self._molar_masses, phi=self._phi))

    @property
    def dynamic_viscosity(self):
        """Alias of :attr:`viscosity` [Pa s]."""
        return self.viscosity

    @cached_property
    def kinematic_viscosity(self):
        """[m^2/s]"""
        return _freeze(self.viscosity / self.density)

    @cached_property
    def thermal_conductivity(self):
        """Thermal conductivity [W/(m K)]."""
        if "thermal_conductivity" in self._external:
            return self._external["thermal_conductivity"]
        k = self._pure(transport.thermal_conductivity, model=self.conductivity_model)
        if not self.is_mixture:
            return _freeze(k[..., 0])
        return _freeze(mason_saxena_conductivity(self._x, k, self._pure_viscosities, self._molar_masses, phi=self._phi))

    @cached_property
    def translational_conductivity(self):
        """Translational part of the conductivity [W/(m K)], the one in free-molecular force models.

        For a pure gas :math:`\\tfrac{15}{4}(R/M)\\mu`; for a mixture, the Wassiljewa–Mason–Saxena rule
        applied to the pure-species translational conductivities.
        """
        if "translational_conductivity" in self._external:
            return self._external["translational_conductivity"]
        if self._external:
            return _freeze(15.0 / 4.0 * GAS_CONSTANT / self.molar_mass * np.asarray(self.viscosity))
        k_tr = transport.monatomic_conductivity(self._pure_viscosities, self._molar_masses)
        if not self.is_mixture:
            return _freeze(k_tr[..., 0])
        return _freeze(
            mason_saxena_conductivity(self._x, k_tr, self._pure_viscosities, self._molar_masses, phi=self._phi)
        )

    @cached_property
    def prandtl_number(self):
        """cp mu / k [-]."""
        return _freeze(self.heat_capacity_cp * self.viscosity / self.thermal_conductivity)

    @cached_property
    def thermal_diffusivity(self):
        """k / (rho cp) [m^2/s]."""
        return _freeze(self.thermal_conductivity / (self.density * self.heat_capacity_cp))

    # ---- kinetic quantities -----------------------------------------------------------------------
    @cached_property
    def mean_speed(self):
        """Mean molecular speed sqrt(8 k T / (pi m)) [m/s]."""
        return _freeze(np.sqrt(8.0 * BOLTZMANN * self.temperature / (math.pi * self.molecular_mass)))

    @cached_property
    def mean_free_path(self):
        """Mean free path (mu/p) sqrt(pi k T / (2 m)) [m]."""
        return _freeze(
            self.viscosity / self.pressure
            * np.sqrt(math.pi * BOLTZMANN * self.temperature / (2.0 * self.molecular_mass))
        )

    @cached_property
    def _drift_scalars(self) -> tuple:
        """(mean free path, T, mu, nu, c_mean, k) of a scalar state, computed once (the scalar fast paths)."""
        return (self.mean_free_path, self.temperature, self.viscosity, self.kinematic_viscosity, self.mean_speed,
                self.thermal_conductivity)

    # ---- presentation -----------------------------------------------------------------------------
    def describe(self) -> str:
        if len(self.composition) == 1:
            return next(iter(self.composition))
        return ", ".join(f"{k}:{v:g}" for k, v in self.composition.items())

    def to_dict(self) -> dict:
        """Every property, SI units in the key names (for JSON output)."""
        return {
            "composition": dict(self.composition),
            "source": self.source,
            "temperature_K": self.temperature,
            "pressure_Pa": self.pressure,
            "molar_mass_kg_per_mol": self.molar_mass,
            "number_density_per_m3": self.number_density,
            "density_kg_per_m3": self.density,
            "dynamic_viscosity_Pa_s": self.viscosity,
            "kinematic_viscosity_m2_per_s": self.kinematic_viscosity,
            "thermal_conductivity_W_per_m_K": self.thermal_conductivity,
            "translational_conductivity_W_per_m_K": self.translational_conductivity,
            "heat_capacity_cp_J_per_kg_K": self.heat_capacity_cp,
            "heat_capacity_ratio": self.heat_capacity_ratio,
            "prandtl_number": self.prandtl_number,
            "mean_molecular_speed_m_per_s": self.mean_speed,
            "mean_free_path_m": self.mean_free_path,
        }

    def __repr__(self) -> str:
        t = self.temperature if np.ndim(self.temperature) == 0 else f"array{np.shape(self.temperature)}"
        p = self.pressure if np.ndim(self.pressure) == 0 else f"array{np.shape(self.pressure)}"
        return f"Gas({self.describe()!r}, temperature={t}, pressure={p})"


def _freeze(value):
    """Scalars as Python floats; arrays read-only, so cached properties cannot be altered in place."""
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return float(arr)
    arr = np.array(arr)  # own copy: never freeze or alias the caller's array
    arr.setflags(write=False)
    return arr


#: The issue and DESIGN.md call the object a gas *state*; both names work.
GasState = Gas
