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

from .._params import Param, load_section, table
from ..exceptions import InputError

__all__ = ["FieldParameter", "FieldType", "Param", "FIELD_TYPES", "field_from_dict", "field_at", "register_evaluator",
           "evaluate_points"]

REQUIRED = object()

_KINDS = {"str": {"type": str}, "file": {"type": str}, "int": {"type": int}}


def FieldParameter(kind: str, help: str, default: object = REQUIRED, shape: int | None = None,
                   choices: tuple = ()) -> Param:
    """Deprecated: the former field-parameter class; now a :class:`thermophoresis._params.Param`.

    ``kind`` is a quantity kind (``"length"``, ``"diffusivity"``, ...) or ``"str"``, ``"int"``, ``"file"``;
    ``default=REQUIRED`` (the default) makes the parameter required.
    """
    spec = dict(_KINDS.get(kind, {"kind": kind}))
    return Param(**spec, help=help, default=None if default is REQUIRED else default, shape=shape,
                 choices=tuple(choices) or None, required=default is REQUIRED)


@dataclass(frozen=True)
class FieldType:
    """A named way to build a field from a parameter table (the ``type`` of a TOML ``[field]`` section)."""

    name: str
    cls: type
    parameters: dict  # name -> thermophoresis._params.Param
    build: Callable  # build(values: dict of SI values with defaults filled in, gas) -> field
    description: str
    #: how a sweep starts an ensemble in this field: ``ensemble(field, half, particles, z_start, length)`` ->
    #: ``(start, walls, x_exit)``, where particle i of ``particles`` has ``half[i] = i + 1/2``, ``start`` is its
    #: (n, 3) start positions, ``walls`` the absorbing z walls (or None) and ``x_exit`` the exit plane (or None
    #: for none); ``z_start`` and ``length`` are the sweep's start height and exit (None / inf when not given).
    #: None: the field is not reachable from sweeps (a tabulated profile needs lists, which sweeps do not vary).
    ensemble: Callable | None = None


FIELD_TYPES: dict[str, FieldType] = {}


def register_field_type(name, cls, parameters, build, description, ensemble=None):
    """Declare a field type: its class, its parameter table (``{name: Param}``), how to build it, one line,
    and (``ensemble``, see :class:`FieldType`) where a sweep starts its particles."""
    FIELD_TYPES[name] = FieldType(name, cls, table(**parameters), build, description, ensemble)


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
        raise InputError(f"{where}.type must be one of {', '.join(map(repr, FIELD_TYPES))}, got {name!r}",
                         parameter=f"{where}.type", value=name, allowed=", ".join(FIELD_TYPES))
    ft = FIELD_TYPES[name]
    try:
        values = load_section(where, params, ft.parameters, extra=("type",))
    except InputError as exc:
        if str(exc).startswith("unknown entry"):
            raise InputError(f"{str(exc).split(';')[0]} for {where}.type = {name!r}; allowed: "
                             f"{', '.join(ft.parameters)}", parameter=exc.parameter, value=exc.value,
                             allowed=exc.allowed) from None
        raise
    for key, p in ft.parameters.items():
        if key not in values:
            if p.required:
                raise InputError(f"{where}.type = {name!r} needs {where}.{key} ({p.help})",
                                 parameter=f"{where}.{key}", value=None, allowed=p.allowed)
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
