"""Sweep files (TOML): a validated schema, with errors that name the entry, the value and what is allowed.

Example (``thermophoresis sweep force.toml``)::

    [sweep]
    target = "force"            # force, tube, wafer, precipitator, track, dsmc
    chunks = 64                 # points per chunk (particles per chunk for "track"), or {diameter = 8}
    # seed = 1                  # stochastic targets only (track, dsmc)
    # streams = "independent"   # stochastic targets: or "common", every point gets the sweep seed itself

    [fixed]                     # parameters held constant (strings with units, numbers in SI, names)
    material = "psl"
    grad_T = "1e4 K/m"

    [grid]                      # every combination; one dimension per entry, in this order
    gas = ["air", "He", "Ar"]
    diameter = { start = "10 nm", stop = "10 um", num = 31, spacing = "log" }
    pressure = ["100 Pa", "10 kPa", "1 atm"]

    [points]                    # values that vary together: dimension "point"
    # temperature = ["300 K", "400 K"]
    # grad_T = ["1e4 K/m", "2e4 K/m"]

    [output]
    store = "force.nc"          # .nc or .zarr, relative to this file; resumable
    plot = "force.png"

    [plot]
    kind = "line"               # "line" or "map"
    variable = "force"
    x = "diameter"
    hue = "gas"                 # line plots: one line per value (map plots: y = "...")
    select = { pressure = "1 atm" }

    [execution]
    backend = "processes"       # "inprocess" (default), "processes" or "dask"
    workers = 2                 # processes, or the size of a new local Dask cluster
    # scheduler = "tcp://10.0.0.5:8786"
"""

from __future__ import annotations

import pathlib
import tomllib
from dataclasses import dataclass, field

from .._validation import closest_names
from ..exceptions import InputError
from .core import STREAMS, Sweep
from .execute import BACKENDS, check_backend
from .spec import get_target

__all__ = ["SweepFile", "parse", "load", "SCHEMA"]

#: section -> {entry: what it takes}; [fixed], [grid] and [points] take the target's parameters.
SCHEMA = {
    "sweep": {"target": "str", "seed": "int", "streams": "str", "chunks": "int or table", "description": "str"},
    "fixed": "parameters",
    "grid": "parameters",
    "points": "parameters",
    "output": {"store": "str", "plot": "str"},
    "plot": {"kind": "str", "variable": "str", "x": "str", "y": "str", "hue": "str", "select": "table",
             "logx": "bool", "logy": "bool", "logc": "bool", "title": "str"},
    "execution": {"backend": "str", "workers": "int", "scheduler": "str"},
}
PLOT_KINDS = ("line", "map")


@dataclass
class SweepFile:
    """A parsed sweep file: the sweep, where to write, how to plot, how to run."""

    sweep: Sweep
    store: pathlib.Path | None = None
    plot_file: pathlib.Path | None = None
    plot: dict = field(default_factory=dict)
    execution: dict = field(default_factory=dict)
    path: pathlib.Path | None = None

    def run(self, **overrides):
        """Run with the file's execution settings (``overrides`` win): store, backend, workers, scheduler."""
        opts = {"store": self.store, **{k: v for k, v in self.execution.items()}}
        opts.update({k: v for k, v in overrides.items() if v is not None})
        return self.sweep.run(**opts)


def _hint(name: str, known) -> str:
    close = closest_names(name, known)
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _typed(where: str, value, kind: str):
    if kind == "str" and not isinstance(value, str):
        raise InputError(f"{where} must be a string, got {value!r}")
    if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        raise InputError(f"{where} must be an integer, got {value!r}")
    if kind == "bool" and not isinstance(value, bool):
        raise InputError(f"{where} must be true or false, got {value!r}")
    if kind == "table" and not isinstance(value, dict):
        raise InputError(f"{where} must be a table such as {{ pressure = \"1 atm\" }}, got {value!r}")
    if kind == "int or table" and not (isinstance(value, dict) or (isinstance(value, int) and not isinstance(value, bool))):
        raise InputError(f"{where} must be an integer (points per chunk) or a table of block sizes per dimension, "
                         f"got {value!r}")
    return value


def parse(text: str, base_dir=None, name: str = "sweep file") -> SweepFile:
    """Parse and validate a sweep file; relative paths are taken from ``base_dir`` (default: the CWD)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{name} is not valid TOML: {exc}") from None
    base = pathlib.Path(base_dir) if base_dir is not None else pathlib.Path.cwd()
    for section, entries in raw.items():
        if section not in SCHEMA:
            raise InputError(f"unknown section [{section}]{_hint(section, SCHEMA)}; allowed: {', '.join(SCHEMA)}")
        if not isinstance(entries, dict):
            raise InputError(f"[{section}] must be a table, got {entries!r}")
        allowed = SCHEMA[section]
        if isinstance(allowed, dict):
            for key, value in entries.items():
                if key not in allowed:
                    raise InputError(f"unknown entry {section}.{key}{_hint(key, allowed)}; allowed: {', '.join(allowed)}")
                _typed(f"{section}.{key}", value, allowed[key])
    sw = raw.get("sweep", {})
    if "target" not in sw:
        raise InputError("missing required entry sweep.target (one of: " + ", ".join(_target_names()) + ")")
    try:
        target = get_target(sw["target"])
    except InputError as exc:
        raise InputError(f"sweep.target: {exc}") from None
    if "streams" in sw and sw["streams"] not in STREAMS:
        raise InputError(f"sweep.streams must be one of {', '.join(STREAMS)}, got {sw['streams']!r}")
    if "seed" in sw and not target.stochastic:
        raise InputError(f"sweep.seed: target {target.name!r} is not stochastic and takes no seed "
                         f"(stochastic targets: {', '.join(n for n in _target_names() if get_target(n).stochastic)})")
    if "seed" in sw and sw["seed"] < 0:
        raise InputError(f"sweep.seed must be >= 0, got {sw['seed']!r}")
    try:
        s = Sweep(target, raw.get("grid"), raw.get("points"), raw.get("fixed"), chunks=sw.get("chunks"),
                  seed=sw.get("seed"), streams=sw.get("streams", "independent"))
    except InputError as exc:  # the file's name for the chunk sizes (from the structured error, not its text)
        if exc.parameter is not None and exc.parameter.split(".")[0] == "chunks":
            raise exc.renamed(f"sweep.{exc.parameter}") from None
        raise
    out = raw.get("output", {})
    store = None
    if "store" in out:
        store = base / out["store"]
        if store.suffix.lower() not in (".nc", ".zarr"):
            raise InputError(f"output.store must be a path ending in .nc or .zarr, got {out['store']!r}")
    plot_file = base / out["plot"] if "plot" in out else None
    plot = dict(raw.get("plot", {}))
    _check_plot(plot, s)
    execution = dict(raw.get("execution", {}))
    if "backend" in execution and execution["backend"] not in BACKENDS:
        raise InputError(f"execution.backend must be one of {', '.join(BACKENDS)}, got {execution['backend']!r}")
    if "workers" in execution and execution["workers"] < 1:
        raise InputError(f"execution.workers must be an integer >= 1, got {execution['workers']!r}")
    try:
        check_backend(execution.get("backend"), execution.get("workers"), None, execution.get("scheduler"))
    except InputError as exc:
        raise InputError(f"[execution]: {exc}") from None
    return SweepFile(s, store, plot_file, plot, execution)


def _target_names():
    from .spec import TARGETS

    get_target("force")  # fills the registry
    return list(TARGETS)


def _check_plot(plot: dict, s: Sweep):
    """Check a [plot] table against the sweep before anything runs."""
    if not plot:
        return
    kind = plot.get("kind", "line")
    if kind not in PLOT_KINDS:
        raise InputError(f"plot.kind must be one of {', '.join(PLOT_KINDS)}, got {kind!r}")
    t = s.target
    dims = list(s.dims) + list(s.points)
    out_dims = []
    if t.outputs is not None:
        for o in t.outputs.values():
            out_dims += [d for d in (*o.dims, *o.coords) if d not in out_dims]
        out_dims += [c for c in t.coords if c not in out_dims]
        known = list(t.outputs) + list(t.derived)
        var = plot.get("variable")
        if var is not None and var not in known:
            raise InputError(f"plot.variable: target {t.name!r} has no output {var!r}{_hint(var, known)}; "
                             f"allowed: {', '.join(known)}")
    axes = dims + out_dims
    for key in ("x", "y", "hue"):
        if key in plot and plot[key] not in axes and t.outputs is not None:
            raise InputError(f"plot.{key}: {plot[key]!r} is not a dimension of this sweep{_hint(plot[key], axes)}; "
                             f"allowed: {', '.join(axes)}")
    if kind == "map" and ("x" not in plot or "y" not in plot):
        raise InputError("plot.kind = 'map' needs plot.x and plot.y (two dimensions)")
    if kind == "line" and "y" in plot:
        raise InputError("plot.y applies to map plots; a line plot takes x and hue")
    for key in plot.get("select", {}):
        if key not in dims:
            raise InputError(f"plot.select.{key}: not a dimension of this sweep{_hint(key, dims)}; allowed: "
                             f"{', '.join(dims)}")


def load(path) -> SweepFile:
    """Read and validate a sweep file. Without ``output.store`` results go to ``<file stem>.nc`` beside it."""
    p = pathlib.Path(path)
    if not p.is_file():
        raise InputError(f"sweep file {str(p)!r} not found")
    sf = parse(p.read_text(), p.parent, name=f"sweep file {str(p)!r}")
    sf.path = p
    if sf.store is None:
        sf.store = p.parent / f"{p.stem}.nc"
    return sf
