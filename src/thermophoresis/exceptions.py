"""Errors and warnings raised by the toolkit.

Every input error is a :class:`ValueError` subclass, so ``except ValueError`` catches all of them; the
message names the parameter, the value received and what is allowed. A model evaluated outside the range
its authors validated returns its value and emits a :class:`ValidityWarning` once per call site.

An :class:`InputError` also carries these as fields, so that each front end can name the parameter its
own way (``--diameter`` on the command line, ``grid.diameter`` in a sweep file) without editing the
message text::

    try:
        Particle(-1e-7, "psl")
    except InputError as exc:
        exc.parameter, exc.value, exc.allowed   # 'diameter', -1e-07, '> 0 m'
        exc.renamed("--diameter")               # the same error, naming the option
"""

from __future__ import annotations

__all__ = ["InputError", "UnknownNameError", "UnitError", "ValidityWarning", "format_value"]


def format_value(value) -> str:
    """A number as a user should read it: exact when short, else 6 significant digits (no float noise).

    ``-5.0`` stays ``-5.0``; ``-2.0000000000000002e-07`` becomes ``-2e-07``. Non-numbers use ``repr``.
    """
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    try:
        v = float(value)
    except (TypeError, ValueError):
        return repr(value)
    short = f"{v:.6g}"
    try:
        return repr(v) if float(short) == v else short
    except ValueError:  # pragma: no cover - float() of a '%g' string always parses
        return short


class InputError(ValueError):
    """A parameter has a value the physics does not allow (sign, NaN, range, shape).

    Parameters
    ----------
    message : str, optional
        The full message. It may contain ``{parameter}``, filled in with the parameter's current name
        (so :meth:`renamed` can change it). Without a message, one is built from the fields:
        ``"<parameter> must be <allowed>, got <value>"``.
    parameter : str, optional
        The name of the offending parameter as the raising function knows it (``"diameter"``).
    value : object, optional
        The value received (a number, a string, or a short description such as an array's first bad
        element).
    allowed : str, optional
        What is allowed, in words and with its unit (``"> 0 m"``, ``"in [0, 1]"``, ``"one of air, N2"``).
    unit : str, optional
        The unit of ``value`` when it is shown (``"m"``).

    Notes
    -----
    Raising with a plain message (``InputError("shapes do not broadcast")``) keeps working; the fields
    are then ``None``.
    """

    def __init__(self, message: str | None = None, *, parameter: str | None = None, value=None,
                 allowed: str | None = None, unit: str = ""):
        self.parameter = parameter
        self.value = value
        self.allowed = allowed
        self.unit = unit
        self._template = message
        super().__init__(self._render(parameter))

    def _render(self, name) -> str:
        if self._template is not None:
            if "{parameter}" in self._template:
                return self._template.replace("{parameter}", str(name))
            return self._template
        u = f" {self.unit}" if self.unit else ""
        shown = format_value(self.value)
        return f"{name} must be {self.allowed}, got {shown}{u}"

    @property
    def message(self) -> str:
        """The message with the parameter's own (library) name."""
        return self._render(self.parameter)

    def message_for(self, name: str) -> str:
        """The message naming the parameter ``name`` instead (``"--diameter"``, ``"grid.diameter"``).

        Messages built from the fields, or with a ``{parameter}`` placeholder, are re-rendered; a legacy
        message that starts with the parameter's name gets the new name in front; anything else is
        returned unchanged.
        """
        if self.parameter is None:
            return str(self)
        if self._template is None or "{parameter}" in self._template:
            return self._render(name)
        if self._template.startswith(self.parameter):
            return name + self._template[len(self.parameter):]
        return self._template

    def __reduce__(self):  # keep the fields across pickling (process pools, Dask workers)
        return (_rebuild, (self.__class__, self._template, self.parameter, self.value, self.allowed, self.unit,
                           str(self)))

    def renamed(self, name: str) -> InputError:
        """A copy of this error (same class, same fields) that names the parameter ``name``."""
        new = self.__class__.__new__(self.__class__)
        new.parameter, new.value, new.allowed, new.unit = name, self.value, self.allowed, self.unit
        t = self._template
        if t is not None and self.parameter and "{parameter}" not in t and t.startswith(self.parameter):
            t = "{parameter}" + t[len(self.parameter):]
        new._template = t
        Exception.__init__(new, new._render(name))
        return new


def _rebuild(cls, template, parameter, value, allowed, unit, text):
    err = cls.__new__(cls)
    err.parameter, err.value, err.allowed, err.unit, err._template = parameter, value, allowed, unit, template
    Exception.__init__(err, text)
    return err


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
