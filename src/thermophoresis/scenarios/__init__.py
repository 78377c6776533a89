"""Engineering scenarios built on the force, mobility and tracking layers."""

from .precipitator import PrecipitatorResult, collection_efficiency, deposition_distance, precipitator_efficiency
from .tube import (
    TubeDepositionResult,
    TurbulentTubeResult,
    asymptotic_tube_efficiency,
    laminar_tube_deposition,
    nusselt_turbulent,
    tube_deposition,
    turbulent_tube_deposition,
)
from .wafer import (
    HeatedWafer,
    deposition_velocity_film,
    levitation_gradient,
    protected_size_range,
    WaferProtection,
    stagnation_deposition_velocity,
    wafer_protection,
)

__all__ = [
    "PrecipitatorResult",
    "TubeDepositionResult",
    "WaferProtection",
    "precipitator_efficiency",
    "tube_deposition",
    "wafer_protection",
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
