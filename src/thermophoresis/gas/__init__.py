"""Gas species, transport properties, mixtures and the gas state.

The everyday entry point is :class:`Gas` (alias :data:`GasState`)::

    from thermophoresis import Gas
    air = Gas("air", temperature="300 K", pressure="1 atm")
    air.mean_free_path, air.viscosity, air.translational_conductivity
"""

from .saturation import SATURATION, saturation_pressure_co2, saturation_pressure_water, supersaturation
from .species import SPECIES, Species, get_species, species_names
from .state import Gas, GasState, parse_composition
from .transport import thermal_conductivity, translational_conductivity, viscosity

__all__ = [
    "Gas",
    "GasState",
    "SATURATION",
    "SPECIES",
    "Species",
    "get_species",
    "parse_composition",
    "saturation_pressure_co2",
    "saturation_pressure_water",
    "supersaturation",
    "species_names",
    "thermal_conductivity",
    "translational_conductivity",
    "viscosity",
]
