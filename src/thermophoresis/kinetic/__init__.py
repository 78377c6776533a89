"""Kinetic theory of the force: the free-molecular Green's function and a DSMC solver (Fourier problem)."""

from .dsmc import FourierProblem, FourierResult, free_molecular_heat_flux, run_fourier
from .halfspace import HalfSpaceCoefficients, knudsen_layer, slip_coefficients
from .greens import (
    chapman_enskog_weights,
    free_molecular_force,
    half_maxwellian_plates_force,
)

__all__ = [
    "HalfSpaceCoefficients", "knudsen_layer", "slip_coefficients",
    "FourierProblem",
    "FourierResult",
    "chapman_enskog_weights",
    "free_molecular_force",
    "free_molecular_heat_flux",
    "half_maxwellian_plates_force",
    "run_fourier",
]
from .sphere import SphereGrid, SphereSolution, solve_sphere  # noqa: E402  (linearized S-model sphere solver)
__all__ += ["SphereGrid", "SphereSolution", "solve_sphere"]
