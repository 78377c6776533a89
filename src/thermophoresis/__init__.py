"""thermophoresis: the thermophoretic force on particles in gases, from free-molecular to continuum.

The everyday objects are :class:`Gas` (a gas state) and :class:`Particle`; :func:`thermophoresis` gives the
force, velocity and coefficients with any model in :data:`MODELS`. The physics lives in plain, vectorized
functions in the submodules (:mod:`~thermophoresis.gas`, :mod:`~thermophoresis.mobility`,
:mod:`~thermophoresis.force`, :mod:`~thermophoresis.drift`).
Conventions (DESIGN.md): SI units inside, ``Kn = mfp / radius``, positive thermophoresis points down the
temperature gradient.
"""


from .drift import thermophoresis, thermophoretic_force, thermophoretic_velocity
from .exceptions import InputError, UnitError, UnknownNameError, ValidityWarning
from .force import MODELS
from .gas import Gas, GasState
from .mobility import mobility_summary, slip_correction
from .particle import MATERIALS, Particle

from ._version import __version__

__all__ = [
    "Gas",
    "GasState",
    "InputError",
    "MATERIALS",
    "MODELS",
    "Particle",
    "UnitError",
    "UnknownNameError",
    "ValidityWarning",
    "__version__",
    "mobility_summary",
    "slip_correction",
    "thermophoresis",
    "thermophoretic_force",
    "thermophoretic_velocity",
]
