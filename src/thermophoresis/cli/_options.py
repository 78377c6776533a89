"""Command-line options generated from the parameter declarations (:mod:`thermophoresis._params`).

:func:`opt` turns one declaration into a Typer annotation, :func:`options_of` gives a command the options of
a whole table (or of another command), and :func:`declared` parses option values with their declarations,
so that an option, its help, its type and its default are written once, in the table.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Optional

import typer

__all__ = ["opt", "options_of", "declared", "SHORT"]

#: Short flags of the shared vocabulary's options
SHORT = {"diameter": "-d", "material": "-m", "gradient": "-g", "temperature": "-T", "pressure": "-p"}


def opt(param, *short: str, hidden: bool = False, help: str | None = None, name: str | None = None,
        many: bool = False):
    """The Typer annotation of a declared parameter (``_params.Param``): its option, help and Python type.

    Quantities are read as strings with units (dimensionless ones as floats), complex numbers as strings;
    a parameter without a default is optional. The default itself stays in the command's signature
    (``gap: opt(D["gap"]) = D["gap"].default``), as Typer wants it there; :func:`options_of` generates
    both from a table. ``name`` spells the option differently (``--velocity`` for ``mean_velocity``);
    ``short`` gives further spellings (``-x``, ``--model``). ``many``: the option may be repeated (a list
    of values). A required parameter is a positional argument.
    """
    if name is not None:
        param = param.with_(name=name)
    kind = param.kind
    py = float if kind == "dimensionless" else str if kind is not None or param.type is complex else param.type
    text = help or (param.help[:1].upper() + param.help[1:] + ("" if param.help.endswith(".") else "."))
    if param.required:
        return Annotated[py, typer.Argument(help=text, hidden=hidden)]
    if many:
        return Annotated[list[py], typer.Option(param.option, *short, help=text.rstrip(".") + "; repeat the "
                                                "option for several values.", hidden=hidden)]
    decls = (f"{param.option}/--no-{param.option[2:]}",) if py is bool and param.default is True else (param.option,)
    short = short or ((SHORT[param.name],) if param.name in SHORT else ())
    option = typer.Option(*decls, *short, help=text, hidden=hidden)
    return Annotated[Optional[py] if param.default is None else py, option]


def options_of(source, drop: tuple[str, ...] = (), rename: dict[str, str] | None = None,
               many: tuple[str, ...] = (), spellings: dict[str, tuple[str, ...]] | None = None):
    """Decorator: the decorated command takes the options of ``source`` (less ``drop``), then its own.

    ``source`` is another command (its options, declared once there) or a parameter table (options
    generated from the declarations: option name, help, type and default; ``rename`` gives an option
    another name than its parameter, ``{"mean_velocity": "velocity"}``; ``many`` names the options that
    may be repeated, ``spellings`` further spellings of an option, ``{"fraction": ("-x",)}``). The decorated
    function names them as keyword-only parameters without annotations, or takes ``**shared``; its own
    options follow as usual.
    """
    rename, spellings = rename or {}, spellings or {}

    def deco(func):
        if isinstance(source, dict):
            shared = [inspect.Parameter(rename.get(k, k), inspect.Parameter.KEYWORD_ONLY,
                                        default=[p.default] if k in many else inspect.Parameter.empty
                                        if p.required else p.default,
                                        annotation=opt(p, *spellings.get(k, ()), name=rename.get(k), many=k in many))
                      for k, p in source.items() if k not in drop]
        else:
            shared = [p for name, p in inspect.signature(source, eval_str=True).parameters.items()
                      if name not in drop]
        names = {p.name for p in shared}
        own = [p for p in inspect.signature(func, eval_str=True).parameters.values()
               if p.kind is not p.VAR_KEYWORD and p.name not in names]
        params = [p.replace(kind=p.KEYWORD_ONLY) for p in (*shared, *own)]
        func.__signature__ = inspect.Signature(params)
        func.__annotations__ = {p.name: p.annotation for p in params}
        return func

    return deco


def declared(params: dict, **values) -> dict:
    """Parse option values with their declarations (SI, checked); errors name the options (``--gap``)."""
    return {k: params[k].parse(v, params[k].option) for k, v in values.items()}
