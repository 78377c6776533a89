"""What every field shares: its parameter table (TOML, sweeps and Python read the same one), the registry of
field types, and the compiled dispatch from a field's typed data to its evaluator.

A field is a frozen dataclass with

- ``kernel_data``: a NamedTuple of its numbers and arrays, built once per field object (cached), whose
  *type* selects the field's compiled evaluator inside any Numba kernel;
- an evaluator ``evaluate(data, x, y, z) -> (T, dT/dx, dT/dy, dT/dz, u_x, u_y, u_z)``, a ``numba.njit``
  function registered with :func:`register_evaluator`, called in kernels through :func:`field_at`;
- ``temperature_bounds()``, ``length_scale()`` (the distance over which the continuum field varies, for the
  Knudsen-number check of the tracker) and ``gradient_bound()`` / ``speed_bound()`` (upper bounds of
  |grad T| and of the gas speed, for the time-step check);
- one :class:`FieldType` declaration per way of building it from a parameter table
  (:func:`field_from_dict`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numba as nb
import numpy as np
from numba.extending import overload

from ..exceptions import InputError, UnitError
from ..units import to_si

__all__ = ["FieldParameter", "FieldType", "FIELD_TYPES", "field_from_dict", "field_at", "register_evaluator",
           "evaluate_points"]

REQUIRED = object()


@dataclass(frozen=True)
class FieldParameter:
    """One entry of a field's parameter table.

    ``kind``: a quantity kind of :func:`thermophoresis.units.to_si` (``"length"``, ``"temperature"``, ...),
    ``"diffusivity"`` [m^2/s], ``"str"``, ``"int"`` or ``"file"``; ``shape``: ``None`` for a scalar, an int for
    a list of that many values, ``-1`` for a list of any length.
    """

    kind: str
    help: str
    default: object = REQUIRED
    shape: int | None = None
    choices: tuple = ()

    @property
    def required(self) -> bool:
        return self.default is REQUIRED

    def convert(self, value, where: str):
        """SI value of a TOML/sweep/Python entry (numbers are SI already; strings carry units)."""
        if self.shape is not None:
            if not isinstance(value, (list, tuple, np.ndarray)):
                raise InputError(f"{where} must be a list, got {value!r}")
            if self.shape >= 0 and len(value) != self.shape:
                raise InputError(f"{where} must have {self.shape} components, got {len(value)}")
            return [FieldParameter(self.kind, self.help).convert(v, f"{where}[{i}]") for i, v in enumerate(value)]
        if self.kind in ("str", "file"):
            if not isinstance(value, str):
                raise InputError(f"{where} must be a string, got {value!r}")
            if self.choices and value not in self.choices:
                raise InputError(f"{where} must be one of {', '.join(map(repr, self.choices))}, got {value!r}")
            return value
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise InputError(f"{where} must be an integer, got {value!r}")
            return int(value)
        if isinstance(value, bool) or not isinstance(value, (str, int, float, np.number)):
            raise InputError(f"{where} must be a quantity such as '5 mm' or an SI number, got {value!r}")
        if self.kind == "diffusivity":
            return _diffusivity(value, where)
        return to_si(value, self.kind, where)


def _diffusivity(value, where):
    if not isinstance(value, str):
        return float(value)
    from ..units import registry

    try:
        return float(registry().Quantity(value).to("m**2/s").magnitude)
    except Exception:  # pint raises several unrelated types for unparsable or wrong-dimension input
        raise UnitError(f"{where}: cannot read {value!r} as a diffusivity; expected e.g. '2.2e-5 m^2/s'") from None


@dataclass(frozen=True)
class FieldType:
    """A named way to build a field from a parameter table (the ``type`` of a TOML ``[field]`` section)."""

    name: str
    cls: type
    parameters: dict
    build: Callable  # build(values: dict of SI values with defaults filled in, gas) -> field
    description: str


FIELD_TYPES: dict[str, FieldType] = {}


def register_field_type(name, cls, parameters, build, description):
    FIELD_TYPES[name] = FieldType(name, cls, parameters, build, description)


def field_from_dict(params: dict, gas=None, where: str = "field"):
    """Build a field from ``{"type": name, parameter: value, ...}``.

    Values are SI numbers or quantity strings (``"5 mm"``). ``gas`` (a :class:`~thermophoresis.Gas`) supplies
    defaults that are gas properties (the thermal diffusivity of the stagnation and tube fields). The TOML
    loader of ``thermophoresis track`` calls this with the ``[field]`` table; a sweep target can call it with
    a dict of its parameters.
    """
    if not isinstance(params, dict) or "type" not in params:
        raise InputError(f"{where}.type is required; allowed: {', '.join(FIELD_TYPES)}")
    name = params["type"]
    if name not in FIELD_TYPES:
        raise InputError(f"{where}.type must be one of {', '.join(map(repr, FIELD_TYPES))}, got {name!r}")
    ft = FIELD_TYPES[name]
    values = {}
    for key, value in params.items():
        if key == "type":
            continue
        if key not in ft.parameters:
            raise InputError(f"unknown entry {where}.{key} for {where}.type = {name!r}; allowed: "
                             f"{', '.join(ft.parameters)}")
        values[key] = ft.parameters[key].convert(value, f"{where}.{key}")
    for key, p in ft.parameters.items():
        if key not in values:
            if p.required:
                raise InputError(f"{where}.type = {name!r} needs {where}.{key} ({p.help})")
            values[key] = p.default
    return ft.build(values, gas)


# -- compiled dispatch ---------------------------------------------------------------------------------------
_EVALUATORS: dict[type, object] = {}


def register_evaluator(data_class, evaluator):
    """Declare the compiled evaluator of the fields whose ``kernel_data`` is a ``data_class`` NamedTuple."""
    _EVALUATORS[data_class] = evaluator


def field_at(data, x0, x1, x2):
    """(T, dT/dx, dT/dy, dT/dz, u_x, u_y, u_z) of the field with typed data ``data`` at one point.

    Compiled kernels call this; the field's own evaluator is chosen from the type of ``data`` when the kernel
    is compiled, so a kernel is specialised per field type and contains no switch over field kinds.
    """
    return _EVALUATORS[type(data)](data, x0, x1, x2)


@overload(field_at, inline="always")
def _field_at_compiled(data, x0, x1, x2):
    evaluator = _EVALUATORS.get(getattr(data, "instance_class", None))
    if evaluator is None:
        return None

    def impl(data, x0, x1, x2):
        return evaluator(data, x0, x1, x2)

    return impl


@nb.njit(cache=True)
def _evaluate_many(data, pts, out):
    for i in range(pts.shape[0]):
        t, gx, gy, gz, ux, uy, uz = field_at(data, pts[i, 0], pts[i, 1], pts[i, 2])
        out[i, 0], out[i, 1], out[i, 2], out[i, 3] = t, gx, gy, gz
        out[i, 4], out[i, 5], out[i, 6] = ux, uy, uz


def evaluate_points(field, points):
    """The compiled evaluator at ``points`` (..., 3): returns (T, grad T (..., 3), u (..., 3))."""
    p = np.asarray(points, dtype=float)
    if p.shape[-1:] != (3,):
        raise InputError(f"points must have shape (..., 3), got {p.shape}")
    flat = np.ascontiguousarray(p.reshape(-1, 3))
    out = np.empty((flat.shape[0], 7))
    _evaluate_many(field.kernel_data, flat, out)
    out = out.reshape(p.shape[:-1] + (7,))
    return out[..., 0], out[..., 1:4], out[..., 4:7]


def box_corners_bound(values) -> float:
    a = np.asarray(values, dtype=float)
    return float(np.max(np.abs(a))) if a.size else 0.0


INF = math.inf
