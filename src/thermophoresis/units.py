"""Units at the edge: turn user input into SI floats.

Every physics function in the toolkit works in SI floats and NumPy arrays. Values that come from users
(strings such as ``"200 nm"``, ``"1 atm"``, ``"25 degC"``, ``"1e4 K/m"``, pint Quantities, or plain numbers
already in SI) pass through :func:`to_si` once, at the edge: in object constructors and in the CLI.
No other module imports pint.

Offset temperature units (``degC``, ``degF``) mean absolute temperatures when the expected quantity is a
temperature, and temperature *differences* inside compound units (``"10 degC/mm"`` is 1e4 K/m).

>>> to_si("200 nm", "length", "diameter")
2e-07
>>> to_si("25 degC", "temperature", "temperature")
298.15
>>> to_si("10 degC/mm", "temperature_gradient", "grad_T")
10000.0
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from .exceptions import UnitError

__all__ = ["DIMENSIONS", "to_si", "registry"]

#: Expected quantity -> (pint dimensionality string, SI unit it is converted to)
DIMENSIONS: dict[str, tuple[str, str]] = {
    "length": ("[length]", "m"),
    "temperature": ("[temperature]", "K"),
    "temperature_difference": ("[temperature]", "K"),
    "pressure": ("[pressure]", "Pa"),
    "temperature_gradient": ("[temperature] / [length]", "K/m"),
    "thermal_conductivity": ("[power] / [length] / [temperature]", "W/m/K"),
    "density": ("[mass] / [volume]", "kg/m^3"),
    "mass": ("[mass]", "kg"),
    "time": ("[time]", "s"),
    "velocity": ("[velocity]", "m/s"),
    "rate": ("1 / [time]", "1/s"),
    "acceleration": ("[acceleration]", "m/s^2"),
    "force": ("[force]", "N"),
    "dynamic_viscosity": ("[pressure] * [time]", "Pa*s"),
    "molar_mass": ("[mass] / [substance]", "kg/mol"),
    "volumetric_flow": ("[volume] / [time]", "m^3/s"),
    "heat_flux": ("[power] / [area]", "W/m^2"),
    "intensity": ("[power] / [area]", "W/m^2"),
    "dimensionless": ("[]", ""),
}

_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")
_OFFSET_UNITS = re.compile(r"(?<![A-Za-z_])(degC|degF|°C|°F|celsius|fahrenheit|degree_Celsius|degree_Fahrenheit)(?![A-Za-z_])")


@lru_cache(maxsize=1)
def registry():
    """The toolkit's pint UnitRegistry (created on first use, so importing the package stays fast)."""
    import pint

    ureg = pint.UnitRegistry()
    ureg.define("Torr = torr")  # so that "mTorr", the vacuum engineer's unit, parses
    return ureg


def _is_quantity(value) -> bool:
    return hasattr(value, "magnitude") and hasattr(value, "units") and hasattr(value, "dimensionality")


def _parse_string(text: str, kind: str, name: str):
    ureg = registry()
    m = _NUMBER.match(text)
    if m is None:
        raise UnitError(
            f"{name}: cannot read {text!r} as a quantity; expected a number followed by a unit, "
            f"e.g. '200 nm'"
        )
    number, unit = float(m.group(1)), m.group(2)
    if not unit:
        return None, number  # a bare number in a string is SI, like a plain number
    if kind != "temperature":
        # inside compound units and for differences, an offset unit means a temperature step
        unit = _OFFSET_UNITS.sub(lambda g: "delta_" + _canonical_offset(g.group(1)), unit)
    else:
        unit = _OFFSET_UNITS.sub(lambda g: _canonical_offset(g.group(1)), unit)
    try:
        units = ureg.parse_units(unit) if unit else ureg.dimensionless
    except Exception as exc:  # pint raises several error types for unknown units
        raise UnitError(f"{name}: unknown unit {unit!r} in {text!r} ({exc})") from None
    return ureg.Quantity(number, units)


def _canonical_offset(u: str) -> str:
    return "degC" if u in ("degC", "°C", "celsius", "degree_Celsius") else "degF"


def to_si(value, kind: str, name: str = "value"):
    """Convert ``value`` to an SI float (or float array) of the expected kind of quantity.

    Parameters
    ----------
    value : float, array_like, str or pint.Quantity
        Plain numbers are taken to be in SI already. Strings are a number followed by a unit
        (``"200 nm"``); Quantities are converted.
    kind : str
        The expected quantity, a key of :data:`DIMENSIONS` (e.g. ``"length"``, ``"pressure"``).
    name : str
        Parameter name used in error messages.

    Returns
    -------
    float or numpy.ndarray
        The value in the SI unit listed in :data:`DIMENSIONS`.

    Raises
    ------
    UnitError
        If the string cannot be parsed or the quantity has the wrong dimension; the message names the
        parameter, the value and the expected dimension.
    """
    if kind not in DIMENSIONS:
        raise ValueError(f"kind must be one of {sorted(DIMENSIONS)}, got {kind!r}")
    dim, si_unit = DIMENSIONS[kind]
    if isinstance(value, str):
        q = _parse_string(value, kind, name)
        if isinstance(q, tuple):
            return q[1]
    elif _is_quantity(value):
        q = value
        offset = re.search(r"(?<!delta_)degree_(Celsius|Fahrenheit)", str(q.units)) is not None
        if offset and kind != "temperature":
            raise UnitError(
                f"{name}: offset temperature unit {q.units} is ambiguous for a {kind.replace('_', ' ')}; "
                f"use delta_degC or K"
            )
    else:
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise UnitError(
                f"{name}: expected a number, array, quantity string or pint Quantity, got {value!r}"
            ) from None
        return arr.item() if arr.ndim == 0 else arr
    ureg = registry()
    expected = ureg.parse_units(si_unit) if si_unit else ureg.dimensionless
    if q.dimensionality != (1 * expected).dimensionality:
        raise UnitError(
            f"{name}: {_show(value)} has dimension {q.dimensionality}, expected a {kind.replace('_', ' ')} "
            f"({dim}, e.g. in {si_unit or 'dimensionless'})"
        )
    mag = q.to(expected).magnitude
    arr = np.asarray(mag, dtype=float)
    return arr.item() if arr.ndim == 0 else arr


def _show(value) -> str:
    return repr(value) if isinstance(value, str) else f"{value:~P}" if _is_quantity(value) else repr(value)
