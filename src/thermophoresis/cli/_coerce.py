"""Option values converted without pydantic: a tenth of a second off every command's start-up.

Typer (0.29) converts every option value with a pydantic ``TypeAdapter`` built on first use: importing
pydantic, pydantic-core and the plugin loader (``importlib.metadata``) is about a third of a warm
``thermophoresis force``. Our options are plain ``str``, ``float``, ``int`` and ``bool`` values (or lists
of them; units are parsed later by the parameter declarations), so :class:`LightGroup` gives the command
about to run a converter that handles those directly, for values that pydantic would read the same way:

- a ``str`` option's string is returned as is;
- a ``float`` option takes Python numbers and decimal literals (``1``, ``-2.5``, ``1e-3``);
- an ``int`` option takes integers and integer literals (``41``, ``+3``).

Everything else (``1_000``, ``inf``, ``1.0`` for an int, a typo, paths, choices, files) goes to Typer's own
converter, built on demand as Typer would build it: the values it accepts and its error messages do not
change. If Typer's internals move, nothing is installed and Typer converts everything itself.
"""

from __future__ import annotations

import re
from typing import get_args, get_origin

from typer.core import TyperGroup

__all__ = ["LightGroup", "install"]

_FLOAT = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*\Z")
_INT = re.compile(r"\s*[+-]?\d+\s*\Z")
_MISS = object()


def _leaf(kind: type, value):
    """The converted value, or ``_MISS`` when Typer's converter must decide."""
    if isinstance(value, bool):
        return value if kind is bool else _MISS
    if kind is str:
        return value if isinstance(value, str) else _MISS
    if kind is float:
        if isinstance(value, (int, float)):
            return float(value)
        return float(value) if isinstance(value, str) and _FLOAT.match(value) else _MISS
    if kind is int:
        if isinstance(value, int):
            return value
        return int(value) if isinstance(value, str) and _INT.match(value) else _MISS
    return _MISS


class LightConverter:
    """Converts one option's values (``str``/``float``/``int``/``bool``, or a list of them)."""

    def __init__(self, kind: type):
        self.kind = kind
        self._typer = None

    def coerce(self, value, param, ctx):
        multi = param.multiple or param.nargs == -1
        if value is None:
            return () if multi else None
        if multi and isinstance(value, (list, tuple)):
            out = [_leaf(self.kind, v) for v in value]
            if not any(v is _MISS for v in out):
                return out
        elif not multi:
            out = _leaf(self.kind, value)
            if out is not _MISS:
                return out
        if self._typer is None:  # Typer's own (pydantic) converter, only when needed
            from typer._coercion import build_runtime_param

            self._typer = build_runtime_param(param.type_descriptor)
        return self._typer.coerce(value, param=param, ctx=ctx)


def _kind(param):
    """The plain type an option converts to, or None (leave the option to Typer)."""
    desc = getattr(param, "type_descriptor", None)
    info = getattr(desc, "parameter_info", None)
    if desc is None or info is None or getattr(param, "_runtime_param", 0) is not None:
        return None
    if desc.is_file or desc.is_path or desc.is_choice or getattr(info, "parser", None) is not None \
            or getattr(info, "min", None) is not None or getattr(info, "max", None) is not None:
        return None
    ann = desc.annotation
    if get_origin(ann) is list and len(get_args(ann)) == 1:
        ann = get_args(ann)[0]
    return ann if ann in (str, float, int, bool) else None


def install(command, ctx) -> None:
    """Give the options of ``command`` (its help option included) the light converter, where Typer would
    convert their values the same way."""
    try:
        params = command.get_params(ctx)
    except Exception:  # noqa: BLE001 - Typer internals changed: let Typer convert everything
        return
    for param in params:
        try:
            kind = _kind(param)
        except Exception:  # noqa: BLE001
            kind = None
        if kind is not None:
            param._runtime_param = LightConverter(kind)


class LightGroup(TyperGroup):
    """A Typer group that installs the light converter on its own options and on those of the command it
    runs, just before each parses its arguments."""

    def parse_args(self, ctx, args):
        install(self, ctx)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx, args):
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and not isinstance(command, LightGroup) and "parse_args" not in vars(command):
            command.parse_args = _installing(command, command.parse_args)
        return name, command, rest


def _installing(command, parse_args):
    def wrapper(ctx, args):
        install(command, ctx)
        return parse_args(ctx, args)

    return wrapper
