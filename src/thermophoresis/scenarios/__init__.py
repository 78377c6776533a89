"""Engineering scenarios built on the force, mobility and tracking layers."""

from .precipitator import collection_efficiency, deposition_distance
from .tube import (
    TurbulentTubeResult,
    asymptotic_tube_efficiency,
    laminar_tube_deposition,
    nusselt_turbulent,
    turbulent_tube_deposition,
)
from .wafer import (
    HeatedWafer,
    deposition_velocity_film,
    levitation_gradient,
    protected_size_range,
    stagnation_deposition_velocity,
)

__all__ = [
    "HeatedWafer",
    "TurbulentTubeResult",
    "asymptotic_tube_efficiency",
    "nusselt_turbulent",
    "turbulent_tube_deposition",
    "collection_efficiency",
    "deposition_distance",
    "laminar_tube_deposition",
    "deposition_velocity_film",
    "levitation_gradient",
    "protected_size_range",
    "stagnation_deposition_velocity",
]
