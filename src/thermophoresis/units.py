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

from .exceptions import InputError, UnitError

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


# --- a fast path for simple unit strings (no pint) ---------------------------------------------------
# Importing pint and building its registry costs about a second on a loaded machine, more than a whole
# command needs. Strings made of the common SI units below (with decimal prefixes), products, quotients
# and integer powers ("200 nm", "1e4 K/m", "0.15 W/m/K", "1 mTorr", "100 1/s") are converted here; any
# other string (offset units inside compounds, parentheses, minutes, inches, ...) goes to pint. The
# tests check this path against pint on every unit it accepts.

# symbol -> (factor to SI as (non-decimal factor, power of ten), dimension exponents of m, kg, s, K, mol)
_BASE = {
    "m": ((1.0, 0), (1, 0, 0, 0, 0)),
    "g": ((1.0, -3), (0, 1, 0, 0, 0)),
    "s": ((1.0, 0), (0, 0, 1, 0, 0)),
    "K": ((1.0, 0), (0, 0, 0, 1, 0)),
    "mol": ((1.0, 0), (0, 0, 0, 0, 1)),
    "Pa": ((1.0, 0), (-1, 1, -2, 0, 0)),
    "bar": ((1.0, 5), (-1, 1, -2, 0, 0)),
    "N": ((1.0, 0), (1, 1, -2, 0, 0)),
    "J": ((1.0, 0), (2, 1, -2, 0, 0)),
    "W": ((1.0, 0), (2, 1, -3, 0, 0)),
    "Hz": ((1.0, 0), (0, 0, -1, 0, 0)),
}
_UNPREFIXED = {
    "atm": ((101325.0, 0), (-1, 1, -2, 0, 0)),
    "Torr": ((101325.0 / 760.0, 0), (-1, 1, -2, 0, 0)),
    "torr": ((101325.0 / 760.0, 0), (-1, 1, -2, 0, 0)),
    "mTorr": ((101325.0 / 760.0, -3), (-1, 1, -2, 0, 0)),
    "1": ((1.0, 0), (0, 0, 0, 0, 0)),
}
_PREFIX = {"f": -15, "p": -12, "n": -9, "u": -6, "µ": -6, "μ": -6, "m": -3, "c": -2, "d": -1, "k": 3,
           "M": 6, "G": 9}
_TOKEN = re.compile(r"^([^\d\^]+|1)(?:\^([-+]?\d+))?$")
_ABSOLUTE_OFFSET = {"degC": (1.0, 273.15), "°C": (1.0, 273.15), "celsius": (1.0, 273.15),
                    "degree_Celsius": (1.0, 273.15)}


@lru_cache(maxsize=256)
def _symbol(sym: str):
    if sym in _UNPREFIXED:
        return _UNPREFIXED[sym]
    if sym in _BASE:
        return _BASE[sym]
    if len(sym) > 1 and sym[0] in _PREFIX and sym[1:] in _BASE:
        (f, e), dims = _BASE[sym[1:]]
        return (f, e + _PREFIX[sym[0]]), dims
    return None


@lru_cache(maxsize=256)
def _fast_unit(unit: str):
    """(non-decimal factor, power of ten, dimension exponents) of a simple unit string, or None."""
    if not unit or "(" in unit or ")" in unit:
        return None
    unit = unit.replace("**", "^")
    factor, power, dims = 1.0, 0, [0, 0, 0, 0, 0]
    for i, part in enumerate(unit.split("/")):
        tokens = [t for t in re.split(r"[\s*·]+", part.strip()) if t]
        if not tokens:
            return None
        sign = 1 if i == 0 else -1
        for tok in tokens:
            m = _TOKEN.match(tok)
            if m is None:
                return None
            found = _symbol(m.group(1))
            if found is None:
                return None
            (f, e), d = found
            n = sign * (int(m.group(2)) if m.group(2) else 1)
            factor *= f**n
            power += e * n
            for k in range(5):
                dims[k] += d[k] * n
    return factor, power, tuple(dims)


@lru_cache(maxsize=None)
def _kind_dims(kind: str):
    si = DIMENSIONS[kind][1]
    return (0, 0, 0, 0, 0) if not si else _fast_unit(si)[2]


def _fast_parse(text: str, kind: str):
    """SI value of ``text`` without pint, or None when the fast path does not apply (or dims differ)."""
    m = _NUMBER.match(text)
    if m is None:
        return None
    number, unit = float(m.group(1)), m.group(2)
    if not unit:
        return number
    if kind == "temperature" and unit in _ABSOLUTE_OFFSET:
        return number + _ABSOLUTE_OFFSET[unit][1]
    parsed = _fast_unit(unit)
    if parsed is None:
        return None
    factor, power, dims = parsed
    if dims != _kind_dims(kind):
        return None  # let pint build the error message naming the dimension
    value = number * factor
    return value * 10.0**power if power >= 0 else value / 10.0 ** (-power)


def _is_quantity(value) -> bool:
    return hasattr(value, "magnitude") and hasattr(value, "units") and hasattr(value, "dimensionality")


def _parse_string(text: str, kind: str, name: str):
    ureg = registry()
    m = _NUMBER.match(text)
    if m is None:
        raise UnitError(
            f"{{parameter}}: cannot read {text!r} as a quantity; expected a number followed by a unit, "
            f"e.g. '200 nm'", parameter=name, value=text, allowed="a number followed by a unit"
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
        raise UnitError(f"{{parameter}}: unknown unit {unit!r} in {text!r} ({exc})", parameter=name, value=text,
                        allowed="a known unit") from None
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
        raise InputError(parameter="kind", value=kind, allowed=f"one of {', '.join(sorted(DIMENSIONS))}")
    dim, si_unit = DIMENSIONS[kind]
    if isinstance(value, str):
        fast = _fast_parse(value, kind)
        if fast is not None:
            return fast
        q = _parse_string(value, kind, name)
        if isinstance(q, tuple):
            return q[1]
    elif _is_quantity(value):
        q = value
        offset = re.search(r"(?<!delta_)degree_(Celsius|Fahrenheit)", str(q.units)) is not None
        if offset and kind != "temperature":
            raise UnitError(
                f"{{parameter}}: offset temperature unit {q.units} is ambiguous for a {kind.replace('_', ' ')}; "
                f"use delta_degC or K", parameter=name, value=str(q), allowed="K or delta_degC"
            )
    else:
        try:
            arr = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise UnitError(
                f"{{parameter}}: expected a number, array, quantity string or pint Quantity, got {value!r}",
                parameter=name, value=value, allowed="a number, array, quantity string or pint Quantity"
            ) from None
        return arr.item() if arr.ndim == 0 else arr
    ureg = registry()
    expected = ureg.parse_units(si_unit) if si_unit else ureg.dimensionless
    if q.dimensionality != (1 * expected).dimensionality:
        raise UnitError(
            f"{{parameter}}: {_show(value)} has dimension {q.dimensionality}, expected a "
            f"{kind.replace('_', ' ')} ({dim}, e.g. in {si_unit or 'dimensionless'})",
            parameter=name, value=_show(value), allowed=f"a {kind.replace('_', ' ')} in {si_unit or '1'}"
        )
    mag = q.to(expected).magnitude
    arr = np.asarray(mag, dtype=float)
    return arr.item() if arr.ndim == 0 else arr


def _show(value) -> str:
    return repr(value) if isinstance(value, str) else f"{value:~P}" if _is_quantity(value) else repr(value)
