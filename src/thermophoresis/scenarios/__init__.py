"""Engineering scenarios built on the force, mobility and tracking layers."""

from .wafer import (
    HeatedWafer,
    deposition_velocity_film,
    levitation_gradient,
    protected_size_range,
    stagnation_deposition_velocity,
)

__all__ = [
    "HeatedWafer",
    "deposition_velocity_film",
    "levitation_gradient",
    "protected_size_range",
    "stagnation_deposition_velocity",
]
