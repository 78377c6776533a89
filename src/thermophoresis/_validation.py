"""Input checks shared by the physics modules (private).

Each check returns the value as a float or float array, so that callers can write
``t = check_positive("temperature", t)`` and go on with clean data.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import numpy as np

from .exceptions import InputError, UnknownNameError, format_value


def _describe(value) -> str:
    arr = np.asarray(value)
    if arr.ndim == 0:
        return repr(arr.item())
    return f"array of shape {arr.shape}"


def as_float_array(name: str, value):
    """Convert ``value`` to float (0-d arrays become Python floats); reject non-numeric input."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise InputError(parameter=name, value=value, allowed="a number or an array of numbers") from None
    return arr


def _with_unit(text: str, unit: str) -> str:
    return f"{text} {unit}" if unit else text


def _first_bad(arr: np.ndarray, mask: np.ndarray):
    return arr[mask].flat[0].item() if arr.ndim else arr.item()


def check_finite(name: str, value):
    arr = as_float_array(name, value)
    bad = ~np.isfinite(arr)
    if np.any(bad):
        raise InputError(f"{{parameter}} must be finite, got {_first_bad(arr, bad)!r} ({_describe(value)})",
                         parameter=name, value=_first_bad(arr, bad), allowed="finite")
    return arr if arr.ndim else float(arr)


def check_positive(name: str, value, unit: str = ""):
    """Finite and strictly positive."""
    arr = as_float_array(name, value)
    if arr.size > 64:
        # fast accept for large arrays: two reductions instead of boolean temporaries (NaN fails both)
        lo, hi = arr.min(), arr.max()
        if lo > 0 and hi < np.inf:
            return arr
    finite = np.isfinite(arr)
    if not np.all(finite):
        raise InputError(parameter=name, value=_first_bad(arr, ~finite), allowed="a finite positive number")
    bad = arr <= 0
    if np.any(bad):
        raise InputError(parameter=name, value=_first_bad(arr, bad), allowed=_with_unit("> 0", unit), unit=unit)
    return arr if arr.ndim else float(arr)


def check_positive_at_most(name: str, value, upper: float, unit: str = "", why: str = ""):
    """Finite, > 0 and <= ``upper`` (a sanity bound beyond which the toolkit's physics has no meaning)."""
    arr = as_float_array(name, value)
    if arr.size > 64:
        lo, hi = arr.min(), arr.max()  # NaN fails both comparisons
        if lo > 0 and hi <= upper:
            return arr
    arr = check_positive(name, value, unit)
    a = np.asarray(arr)
    bad = a > upper
    if np.any(bad):
        reason = f" ({why})" if why else ""
        raise InputError(parameter=name, value=_first_bad(a, bad), allowed=_with_unit(f"in (0, {upper:g}]", unit)
                         + reason, unit=unit)
    return arr


def broadcast_shapes_named(**arrays):
    """np.broadcast_shapes with an error that names the parameters."""
    shapes = {k: np.shape(v) for k, v in arrays.items()}
    try:
        return np.broadcast_shapes(*shapes.values())
    except ValueError:
        desc = ", ".join(f"{k} {v}" for k, v in shapes.items())
        raise InputError(f"shapes do not broadcast together: {desc}", parameter=next(iter(shapes), None),
                         value=desc, allowed="shapes that broadcast together") from None


def check_nonnegative(name: str, value, unit: str = ""):
    arr = as_float_array(name, value)
    finite = np.isfinite(arr)
    if not np.all(finite):
        raise InputError(parameter=name, value=_first_bad(arr, ~finite), allowed="finite and >= 0")
    bad = arr < 0
    if np.any(bad):
        raise InputError(parameter=name, value=_first_bad(arr, bad), allowed=_with_unit(">= 0", unit), unit=unit)
    return arr if arr.ndim else float(arr)


def check_in_range(name: str, value, low: float, high: float):
    """Finite and within the closed interval [low, high]."""
    arr = as_float_array(name, value)
    finite = np.isfinite(arr)
    if not np.all(finite):
        raise InputError(parameter=name, value=_first_bad(arr, ~finite),
                         allowed=f"a finite number in [{format_value(low)}, {format_value(high)}]")
    bad = (arr < low) | (arr > high)
    if np.any(bad):
        raise InputError(parameter=name, value=_first_bad(arr, bad),
                         allowed=f"in [{format_value(low)}, {format_value(high)}]")
    return arr if arr.ndim else float(arr)


def closest_names(name: str, known: Iterable[str], n: int = 3) -> list[str]:
    known = list(known)
    lower = {k.lower(): k for k in known}
    hits = difflib.get_close_matches(name.lower(), list(lower), n=n, cutoff=0.4)
    return [lower[h] for h in hits]


def unknown_name(kind: str, name: str, known: Iterable[str], shown: Iterable[str] | None = None) -> UnknownNameError:
    """Build the error for an unknown name, listing the closest known ones.

    ``known`` are all accepted spellings (searched for the closest matches); ``shown`` the canonical
    names listed in the message (default: ``known``).
    """
    known = list(dict.fromkeys(known))
    close = closest_names(str(name), known)
    hint = f"; closest: {', '.join(close)}" if close else ""
    listed = ", ".join(shown if shown is not None else known)
    return UnknownNameError(f"unknown {kind} {name!r}{hint}. Known: {listed}", parameter=kind, value=name,
                            allowed=f"one of {listed}")


def as_output(value):
    """Python float for 0-d results, the array otherwise (so scalar calls give plain floats)."""
    arr = np.asarray(value)
    return arr.item() if arr.ndim == 0 else arr
