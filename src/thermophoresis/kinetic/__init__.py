"""Kinetic theory of the force: the free-molecular Green's function, and (to come) a DSMC solver."""

from .greens import (
    chapman_enskog_weights,
    free_molecular_force,
    half_maxwellian_plates_force,
)

__all__ = ["chapman_enskog_weights", "free_molecular_force", "half_maxwellian_plates_force"]
