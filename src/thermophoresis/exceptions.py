"""Errors and warnings raised by the toolkit.

Every input error is a :class:`ValueError` subclass, so ``except ValueError`` catches all of them; the
message names the parameter, the value received and what is allowed. A model evaluated outside the range
its authors validated returns its value and emits a :class:`ValidityWarning` once per call site.
"""

from __future__ import annotations

__all__ = ["InputError", "UnknownNameError", "UnitError", "ValidityWarning"]


class InputError(ValueError):
    """A parameter has a value the physics does not allow (sign, NaN, range, shape)."""


class UnknownNameError(InputError, KeyError):
    """A gas, species, material or model name that is not in the library.

    The message lists the closest known names. It is also a :class:`KeyError`, because it is raised by
    lookups in name tables.
    """

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return str(self.args[0]) if self.args else ""


class UnitError(InputError):
    """A quantity with the wrong physical dimension, or a string that is not a quantity."""


class ValidityWarning(UserWarning):
    """A model was evaluated outside the range in which its authors validated it."""
