"""What every command shares: the options, parsing to SI, error handling, JSON and table output, files.

Error policy: bad input (an :class:`~thermophoresis.exceptions.InputError`, any ``ValueError``/``KeyError``)
and I/O failures (``OSError``) give one line on stderr and exit code 2; the line names the option (the
library's parameter name is mapped to the command's option from the error's ``parameter`` field, never by
editing the text) or the path, and says which files were already saved. A missing optional dependency
(matplotlib for figures) exits with 1.

Path policy (the same in every command): an output path's missing parent directories are created; an
output path that is an existing directory, a parent that is a file, or a directory that cannot be written
is refused before anything is computed. Files are written to a temporary name beside the target and moved
into place, so a failure never leaves a half-written file or a temporary one.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import math
import warnings
from pathlib import Path
from typing import Annotated, Optional

import numpy as np
import typer

from .._version import __version__
from .._params import PARAMETERS, option_name
from ..exceptions import InputError
from ._files import _SAVED, atomic_write, figure_after_output, output_path, save_figure, saved  # noqa: F401
from ._options import declared, opt, options_of  # noqa: F401

# --- shared options -------------------------------------------------------------------------------
_P = PARAMETERS
# the shared vocabulary's options, generated from its declarations (short flags in _options.SHORT)
GasOpt, TOpt, POpt, ModelOpt = opt(_P["gas"]), opt(_P["temperature"]), opt(_P["pressure"]), opt(_P["model"])
DiameterOpt, MaterialOpt, GradientOpt = opt(_P["diameter"]), opt(_P["material"]), opt(_P["gradient"])
ConductivityOpt, LengthOpt, AlphaOpt = opt(_P["conductivity"]), opt(_P["length"]), opt(_P["energy_accommodation"])
SlipOpt = opt(_P["slip"], help="Cunningham constants: kim_2005, allen_raabe_1985, ... (see `thermophoresis "
                               "particle --help`).")
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object (SI units) instead of a table.")]
OutputOpt = Annotated[Optional[str], typer.Option(
    "--output", "-o", help="Also write a figure (png, pdf, svg); missing directories are created.")]

DEFAULT_T = _P["temperature"].default
DEFAULT_P = _P["pressure"].default

# --- errors, warnings, saved files ----------------------------------------------------------------
_CAUGHT: list[list] = []  # warnings recorded by the running command (innermost last)
_RENAMES: list = []  # a function giving {library parameter name: option} for the running command


def _option_map(func) -> dict[str, str]:
    """Python parameter -> its first long option, from a command's Typer annotations."""
    out = {}
    for name, p in inspect.signature(func, eval_str=True).parameters.items():
        for meta in getattr(p.annotation, "__metadata__", ()):
            # with Annotated, Typer reads the first positional argument of typer.Option (stored as default)
            # as the first parameter declaration
            first = getattr(meta, "default", None)
            decls = [d for d in ((first,) if isinstance(first, str) else ()) + tuple(getattr(meta, "param_decls", None)
                                                                                  or ()) if d.startswith("--")]
            if decls:
                out[name] = decls[0].split("/")[0]
    return out


def option_for(parameter: str | None) -> str | None:
    """The running command's option for a library parameter name (``t_hot`` -> ``--t-hot``), or None."""
    if parameter is None or not _RENAMES:
        return None
    names = _RENAMES[-1]()
    if parameter in names:
        return names[parameter]
    guess = option_name(parameter)
    return guess if guess in names.values() else None


def error_message(exc: BaseException) -> str:
    """One line for an error: the option instead of the library's parameter, the path of an I/O error."""
    if isinstance(exc, InputError):
        opt = option_for(exc.parameter)
        text = exc.message_for(opt) if opt else str(exc)
        if opt and opt not in text:
            text = f"{opt}: {text}"
    elif isinstance(exc, OSError):
        path = exc.filename if exc.filename is not None else ""
        what = exc.strerror or str(exc)
        text = f"cannot write {path}: {what}" if path else f"I/O error: {what}"
    else:
        text = str(exc)
    saved = _SAVED[-1] if _SAVED else []
    if isinstance(exc, (OSError, ImportError)) or saved:
        text += f" (already saved: {', '.join(saved)})" if saved else " (nothing was saved)"
    return " ".join(text.split())  # one line


def handle_errors(renames: dict[str, str] | None = None):
    """Decorator: bad input and I/O errors -> one line on stderr, exit code 2; warnings -> stderr once."""

    def deco(func):
        @functools.cache  # read from the signature on the first error only (start-up cost otherwise)
        def names():
            return {**_option_map(func), **(renames or {})}

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                _CAUGHT.append(caught)
                _SAVED.append([])
                _RENAMES.append(names)
                try:
                    result = func(*args, **kwargs)
                except typer.Exit:
                    raise
                except (ValueError, KeyError, OSError) as exc:
                    _print_warnings(caught)
                    typer.echo(f"Error: {error_message(exc)}", err=True)
                    raise typer.Exit(2) from None
                except ImportError as exc:
                    _print_warnings(caught)
                    typer.echo(f"Error: {error_message(exc)}", err=True)
                    raise typer.Exit(1) from None
                finally:
                    _CAUGHT.pop()
                    _SAVED.pop()
                    _RENAMES.pop()
            _print_warnings(caught)
            return result

        return wrapper

    return deco


def warning_messages(caught) -> list[str]:
    """The distinct warning messages, in order (a warning raised for every array element shows once)."""
    return list(dict.fromkeys(str(w.message) for w in caught))


def _print_warnings(caught):
    for text in warning_messages(caught):
        typer.echo(f"Warning: {text}", err=True)


@contextlib.contextmanager
def options(names: dict[str, str]):
    """Name the options of the parameters raised inside (for library names that differ from the option)."""
    try:
        yield
    except InputError as exc:
        if exc.parameter in names:
            raise exc.renamed(names[exc.parameter]) from None
        raise


# --- parsing ---------------------------------------------------------------------------------------
def si(value, kind: str, option: str, positive: bool = True):
    """Parse an option value to SI, naming the option in errors."""
    from .._validation import check_finite, check_positive
    from ..units import DIMENSIONS, to_si

    if value is None:
        return None
    v = to_si(value, kind, option)
    return check_positive(option, v, DIMENSIONS[kind][1]) if positive else check_finite(option, v)


def make_gas(gas: str, temperature, pressure):
    from ..gas import Gas

    t = si(temperature, "temperature", "--temperature")
    p = si(pressure, "pressure", "--pressure")
    with options({"temperature": "--temperature", "pressure": "--pressure"}):
        return Gas(gas, temperature=t, pressure=p)


def make_particle(diameter, material, density=None, conductivity=None, energy_accommodation=1.0):
    from ..particle import Particle

    d = si(diameter, "length", "--diameter")
    rho = si(density, "density", "--density")
    k = si(conductivity, "thermal_conductivity", "--conductivity")
    with options({"diameter": "--diameter", "density": "--density", "conductivity": "--conductivity",
                  "energy_accommodation": "--energy-accommodation"}):
        return Particle(d, material, density=rho, conductivity=k, energy_accommodation=energy_accommodation)


# --- output ----------------------------------------------------------------------------------------
def jsonable(value):
    if hasattr(value, "to_dict") and not isinstance(value, dict):  # a library result object
        return jsonable(value.to_dict())
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, (np.floating, float)):
        v = float(value)
        return v if math.isfinite(v) else None
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, np.str_):
        return str(value)
    if isinstance(value, Path):
        return str(value)
    return value


def emit_json(payload, warnings_key: bool = True):
    """Print one JSON object: the package version first, the command's warnings last (a list: each object
    with the package version first; its warnings are its own, ``warnings_key`` does not apply)."""
    if isinstance(payload, dict):
        payload = {"package_version": __version__, **payload}
        if warnings_key and _CAUGHT:
            payload["warnings"] = warning_messages(_CAUGHT[-1])
    elif isinstance(payload, list):
        payload = [{"package_version": __version__, **p} if isinstance(p, dict) else p for p in payload]
    import json  # only the --json output needs it

    typer.echo(json.dumps(jsonable(payload), indent=2, sort_keys=False))


def table(title: str, rows: list[tuple[str, str, str]]):
    from rich.table import Table

    t = Table(title=title, show_header=True, header_style="bold")
    t.add_column("quantity")
    t.add_column("value", justify="right")
    t.add_column("unit")
    for r in rows:
        t.add_row(*r)
    return t


def listing(key: str, items: list[dict], as_json: bool, title: str, columns: dict):
    """A list command's output: ``{key: items}`` as JSON, or a table with ``columns`` = {header: row -> text}."""
    if as_json:
        emit_json({key: items})
        return
    from rich.table import Table

    t = Table(title=title, header_style="bold")
    for c in columns:
        t.add_column(c)
    for it in items:
        t.add_row(*(cell(it) for cell in columns.values()))
    show(t)


def show(renderable, stderr: bool = False):
    from rich.console import Console

    Console(stderr=stderr).print(renderable)


def fmt(v) -> str:
    if isinstance(v, str):
        return v
    return f"{float(v):.5g}"


def fmt3(v) -> str:
    return f"{float(v):.3g}"
