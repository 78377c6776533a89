"""Particles: size, material properties and gas–surface accommodation.

>>> p = Particle("200 nm", material="psl")
>>> p.radius
1e-07
>>> p.density, p.conductivity
(1050.0, 0.14)

Material values are bulk properties near room temperature (about 20–27 °C). Where the literature gives a
range (polymers, soot, oils), the value is a representative one and the range is in :attr:`Material.note`;
the thermophoretic force in the continuum regime depends on the particle conductivity through
``k_gas / k_particle``, so for insulating particles the spread matters and users should supply their own
value when they know it.

Accommodation defaults
----------------------
``energy_accommodation`` (thermal accommodation coefficient, alpha) defaults to 1: molecules leave the
surface at the surface temperature, the assumption behind Waldmann's (1959) free-molecular force and the
thermal-creep boundary conditions used by Brock (1962) and Talbot et al. (1980); measured values for aerosol
materials in air are 0.8–1.

``momentum_accommodation`` (fraction f of diffusely re-emitted molecules) defaults to 0.9, Millikan's (1923)
oil-drop value, the one behind the Epstein drag factor 1 + pi f / 8 = 1.353 (Friedlander 2000, ch. 2);
the free-molecular limits of the Cunningham fits of Davies (1945), Allen & Raabe (1985) and Kim et al.
(2005) correspond to f = 0.91, 0.82 and 0.93 (see :func:`thermophoresis.mobility.equivalent_diffuse_fraction`).

References
----------
.. [1] Bergman, T. L., Lavine, A. S., Incropera, F. P., DeWitt, D. P. (2011). Fundamentals of Heat and Mass
   Transfer, 7th ed. Wiley. Tables A.1 (metals, 300 K) and A.2 (nonmetallic solids, 300 K).
.. [2] Haynes, W. M. (ed.) (2016). CRC Handbook of Chemistry and Physics, 97th ed. CRC Press.
.. [3] Huber, M. L., Perkins, R. A., Friend, D. G., et al. (2012). New international formulation for the
   thermal conductivity of H2O. J. Phys. Chem. Ref. Data 41, 033102; IAPWS-95 for the density.
.. [4] Millikan, R. A. (1923). The general law of fall of a small spherical body through a gas, and its
   bearing upon the nature of molecular reflection from surfaces. Phys. Rev. 22, 1-23.
.. [5] Friedlander, S. K. (2000). Smoke, Dust, and Haze, 2nd ed. Oxford University Press.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._params import PARAMETERS
from ._registry import Registry
from ._validation import check_in_range
from .exceptions import InputError

__all__ = ["Material", "MATERIALS", "get_material", "material_names", "Particle"]

#: Default energy (thermal) accommodation coefficient of particle surfaces
DEFAULT_ENERGY_ACCOMMODATION = 1.0
#: Default fraction of diffusely re-emitted molecules (momentum accommodation)
DEFAULT_MOMENTUM_ACCOMMODATION = 0.9
#: Accepted diameters [m]: from the size of an atom to a coarse drop
MIN_DIAMETER = PARAMETERS["diameter"].at_least  # m: the size of an atom (the declaration's sanity bounds)
MAX_DIAMETER = PARAMETERS["diameter"].at_most  # m


@dataclass(frozen=True)
class Material:
    """Bulk properties of a particle material near room temperature.

    Attributes
    ----------
    name : str
    density : float
        [kg/m^3]
    conductivity : float
        Thermal conductivity [W/(m K)].
    source : str
        Where the numbers come from.
    note : str
        Spread in the literature, temperature, caveats.
    aliases : tuple of str
    """

    name: str
    density: float
    conductivity: float
    source: str
    note: str = ""
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """The entry of ``thermophoresis materials --json`` (SI units in the key names)."""
        return {"name": self.name, "density_kg_per_m3": self.density, "conductivity_W_per_m_K": self.conductivity,
                "aliases": list(self.aliases), "source": self.source, "note": self.note}


_INCROPERA = "Bergman et al. (2011), Fundamentals of Heat and Mass Transfer, 7th ed."
#: The material table (a :class:`~thermophoresis._registry.Registry`; case-insensitive, aliases)
MATERIALS: Registry[Material] = Registry("material")
for _m in [
        Material("psl", 1050.0, 0.14,
                 "density: manufacturers' data for polystyrene latex spheres (1.05 g/cm3); "
                 "conductivity: CRC Handbook, polymers",
                 "solid polystyrene conductivity 0.10-0.16 W/(m K) in the literature",
                 ("polystyrene latex", "polystyrene", "ps")),
        Material("silica", 2220.0, 1.38, f"{_INCROPERA}, Table A.2 (fused silica, 300 K)",
                 "amorphous SiO2; crystalline quartz conducts 6-10 W/(m K)",
                 ("sio2", "fused silica")),
        Material("nacl", 2165.0, 6.5, "CRC Handbook (density; crystal conductivity near 300 K)",
                 "single-crystal value; 7.1 W/(m K) at 273 K", ("sodium chloride", "salt")),
        Material("dop", 984.0, 0.14,
                 "density: bis(2-ethylhexyl) phthalate, 0.984 g/cm3 at 20 degC (CRC Handbook); "
                 "conductivity: typical of phthalate ester liquids",
                 "dioctyl phthalate / DEHP oil droplets; conductivity 0.13-0.15 W/(m K)",
                 ("dehp", "oil", "dioctyl phthalate")),
        Material("soot", 1800.0, 1.0,
                 "material density of flame soot 1.7-2.0 g/cm3 (e.g. Choi et al. 1995, Combust. Flame)",
                 "conductivity of soot is poorly known (0.2-4 W/(m K) quoted); soot is usually "
                 "free-molecular, where the thermophoretic force does not depend on it",
                 ("carbon", "carbon black", "black carbon")),
        Material("alumina", 3970.0, 36.0, f"{_INCROPERA}, Table A.2 (Al2O3 polycrystalline, 300 K)",
                 "sapphire (single crystal) 46 W/(m K)", ("al2o3", "aluminium oxide", "aluminum oxide")),
        Material("silicon", 2330.0, 148.0, f"{_INCROPERA}, Table A.1 (300 K)", "", ("si",)),
        Material("copper", 8933.0, 401.0, f"{_INCROPERA}, Table A.1 (pure copper, 300 K)", "", ("cu",)),
        Material("gold", 19300.0, 317.0, f"{_INCROPERA}, Table A.1 (300 K)", "", ("au",)),
        Material("water", 998.2, 0.598,
                 "IAPWS-95 density and IAPWS 2011 conductivity (Huber et al. 2012) at 20 degC, 1 atm",
                 "liquid water droplets; 0.607 W/(m K) at 25 degC", ("h2o", "water droplet")),
    ]:
    MATERIALS.add(_m)


def material_names() -> list[str]:
    """Canonical names of all materials in :data:`MATERIALS`.

    Returns
    -------
    list of str
        Material names (``"psl"``, ``"silica"``, ...), in table order.

    References
    ----------
    .. [1] Bergman, T. L., Lavine, A. S., Incropera, F. P., DeWitt, D. P. (2011). Fundamentals of Heat and Mass
       Transfer, 7th ed. Wiley. Tables A.1 and A.2.
    .. [2] Haynes, W. M. (ed.) (2016). CRC Handbook of Chemistry and Physics, 97th ed. CRC Press.
    """
    return list(MATERIALS)


def get_material(name: str | Material) -> Material:
    """Look up a material by name or alias (case-insensitive); unknown names list the closest ones.

    Parameters
    ----------
    name : str or Material
        A name or alias in :data:`MATERIALS` (``"PSL"``, ``"Fused Silica"``); a :class:`Material` passes
        through.

    Returns
    -------
    Material
        The entry: density [kg/m^3], thermal conductivity [W/(m K)], source and note.

    Raises
    ------
    UnknownNameError
        With the closest known names.

    References
    ----------
    .. [1] Bergman, T. L., Lavine, A. S., Incropera, F. P., DeWitt, D. P. (2011). Fundamentals of Heat and Mass
       Transfer, 7th ed. Wiley. Tables A.1 and A.2.
    .. [2] Haynes, W. M. (ed.) (2016). CRC Handbook of Chemistry and Physics, 97th ed. CRC Press.

    Examples
    --------
    >>> get_material("PSL").density
    1050.0
    """
    if isinstance(name, Material):
        return name
    return MATERIALS.lookup(name)


class Particle:
    """A spherical particle (or a population of sizes: ``diameter`` may be an array).

    Parameters
    ----------
    diameter : numeric, str or Quantity
        Particle diameter [m] (``"200 nm"`` accepted). The Knudsen number uses the radius:
        ``Kn = mfp / radius``.
    material : str or Material, optional
        Name from :data:`MATERIALS`; supplies density and conductivity unless they are given.
    density : numeric, str or Quantity, optional
        [kg/m^3]; required if no material is given.
    conductivity : numeric, str or Quantity, optional
        Thermal conductivity [W/(m K)]; continuum and transition force models need it.
    energy_accommodation : float, default 1.0
        Thermal accommodation coefficient alpha in [0, 1].
    momentum_accommodation : float, default 0.9
        Fraction f of diffusely re-emitted molecules, in [0, 1].
    """

    def __init__(
        self,
        diameter,
        material: str | Material | None = None,
        *,
        density=None,
        conductivity=None,
        energy_accommodation: float = DEFAULT_ENERGY_ACCOMMODATION,
        momentum_accommodation: float = DEFAULT_MOMENTUM_ACCOMMODATION,
    ):
        # each argument is checked with its declaration in the shared vocabulary (_params.PARAMETERS): unit,
        # bounds and sanity bounds, as the CLI, the TOML files and the sweeps check it
        d = _declared("diameter", diameter)
        self.diameter = _readonly(d)
        self.radius = _readonly(np.asarray(d) / 2.0, copy=False)  # a new array: no need to copy it again
        self.material = get_material(material) if material is not None else None
        if density is None:
            if self.material is None:
                raise InputError("Particle needs a density: give material=... (e.g. 'psl') or density=...")
            density = self.material.density
        if conductivity is None and self.material is not None:
            conductivity = self.material.conductivity
        self.density = _readonly(_declared("density", density))
        self.conductivity = None if conductivity is None else _readonly(_declared("conductivity", conductivity))
        self.energy_accommodation = _readonly(_in_range("energy_accommodation", energy_accommodation))
        self.momentum_accommodation = _readonly(_in_range("momentum_accommodation", momentum_accommodation))
        shapes = {k: np.shape(getattr(self, k)) for k in ("diameter", "density", "conductivity",
                                                           "energy_accommodation", "momentum_accommodation")
                  if getattr(self, k) is not None}
        if any(shapes.values()):
            try:
                np.broadcast_shapes(*shapes.values())
            except ValueError:
                desc = ", ".join(f"{k} {v}" for k, v in shapes.items())
                raise InputError(f"Particle: shapes do not broadcast together: {desc}") from None
        self._frozen = True

    def __setattr__(self, name, value):
        if getattr(self, "_frozen", False):
            raise AttributeError(f"Particle is immutable; create a new Particle instead of setting {name!r}")
        object.__setattr__(self, name, value)

    @property
    def volume(self):
        """[m^3]"""
        return _readonly(math.pi / 6.0 * np.asarray(self.diameter) ** 3)

    @property
    def mass(self):
        """[kg]"""
        return _readonly(self.density * self.volume)

    def conductivity_ratio(self, gas):
        """Gas-to-particle conductivity ratio ``Lambda = k_gas / k_particle`` (as in Brock and Talbot)."""
        if self.conductivity is None:
            raise InputError("Particle has no conductivity; give conductivity=... or a material")
        return gas.thermal_conductivity / self.conductivity

    def to_dict(self) -> dict:
        """The particle's properties, SI units in the key names (for JSON output)."""
        return {
            "diameter_m": self.diameter,
            "material": self.material.name if self.material else None,
            "density_kg_per_m3": self.density,
            "conductivity_W_per_m_K": self.conductivity,
            "energy_accommodation": self.energy_accommodation,
            "momentum_accommodation": self.momentum_accommodation,
        }

    def describe(self) -> str:
        if self.material:
            return self.material.name
        rho = self.density if np.ndim(self.density) == 0 else f"array{np.shape(self.density)}"
        return f"density {rho} kg/m^3"

    def __repr__(self) -> str:
        d = self.diameter if np.ndim(self.diameter) == 0 else f"array{np.shape(self.diameter)}"
        return f"Particle(diameter={d}, {self.describe()})"


def _declared(name: str, value):
    a = np.asarray(PARAMETERS[name].parse(value), dtype=float)
    return float(a) if a.ndim == 0 else a


def _in_range(name: str, value):
    """An accommodation coefficient within its declared bounds (the message quotes them: ``[0.0, 1.0]``)."""
    p = PARAMETERS[name]
    return check_in_range(name, value, p.low, p.high)


def _readonly(value, copy: bool = True):
    arr = np.asarray(value, dtype=float)
    if arr.ndim == 0:
        return float(arr)
    if copy:
        arr = np.array(arr)  # never freeze or alias the caller's array
    arr.setflags(write=False)
    return arr
