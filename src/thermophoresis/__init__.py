"""thermophoresis: the thermophoretic force on particles in gases, from free-molecular to continuum.

The everyday objects are :class:`Gas` (a gas state) and :class:`Particle`; :func:`thermophoresis` gives the
force, velocity and coefficients with any model in :data:`MODELS`. The physics lives in plain, vectorized
functions in the submodules (:mod:`~thermophoresis.gas`, :mod:`~thermophoresis.mobility`,
:mod:`~thermophoresis.force`, :mod:`~thermophoresis.drift`).
Conventions (DESIGN.md): SI units inside, ``Kn = mfp / radius``, positive thermophoresis points down the
temperature gradient.
"""


from typing import TYPE_CHECKING

from ._version import __version__
from .exceptions import InputError, UnitError, UnknownNameError, ValidityWarning

if TYPE_CHECKING:  # what the lazy names are, for type checkers and documentation tools
    from .drift import thermophoresis, thermophoretic_force, thermophoretic_velocity
    from .force import MODELS
    from .gas import Gas, GasState
    from .mobility import mobility_summary, slip_correction
    from .particle import MATERIALS, Particle

# The names below are imported on first use (PEP 562): ``import thermophoresis`` stays cheap, and a command
# line that needs only part of the package (``thermophoresis force``) imports only that part.
# ``from thermophoresis import X`` works for every name in ``__all__`` as before.
_LAZY = {
    "thermophoresis": "drift",
    "thermophoretic_force": "drift",
    "thermophoretic_velocity": "drift",
    "MODELS": "force",
    "Gas": "gas",
    "GasState": "gas",
    "mobility_summary": "mobility",
    "slip_correction": "mobility",
    "MATERIALS": "particle",
    "Particle": "particle",
}

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


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__():
    return sorted({*globals(), *__all__})
