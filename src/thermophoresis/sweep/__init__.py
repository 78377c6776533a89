"""Parameter sweeps and ensembles, from a laptop to a Dask cluster.

A sweep evaluates one *target* (a toolkit function, scenario, the tracker, DSMC, or any function of keyword
arguments) over a grid of parameters (every combination) and/or a list of points (values that vary
together), and returns an :class:`xarray.Dataset` with one dimension per swept parameter, SI coordinates
with their units in the attributes, and the outputs with theirs.

The work is split into chunks (blocks of points; for ensemble targets such as ``"track"``, blocks of
particles). Chunks run in-process (default), in local worker processes, or on Dask distributed
(a ``Client`` or ``scheduler="tcp://host:port"``), and are written to a NetCDF or Zarr store as they finish,
so an interrupted sweep resumes where it stopped. Random streams are keyed by the sweep seed, the point and
the global particle index, never by the chunk or the worker: the same seed gives the same Dataset on every
backend.

>>> from thermophoresis.sweep import sweep
>>> ds = sweep("force", grid={"diameter": ["10 nm", "100 nm", "1 um"], "pressure": ["1 kPa", "1 atm"]},
...            fixed={"gas": "air", "grad_T": "1e4 K/m"})
>>> ds["force"].dims, ds["force"].attrs["units"], ds["pressure"].attrs["units"]
(('diameter', 'pressure'), 'N', 'Pa')

See ``docs/sweep.md`` for sweep files (``thermophoresis sweep sweep.toml``), backends and plots.
"""

from . import targets as _targets  # noqa: F401  (fills TARGETS with the named targets)
from .config import SweepFile, load, parse
from .core import Sweep, SweepReport, SweepSummary, sweep, sweep_summary
from .execute import BACKENDS, SweepError
from .plot import line_plot, map_plot, plot
from .spec import TARGETS, Output, Param, Target, get_target, register_target, target_from_callable

__all__ = [
    "sweep_summary",
    "BACKENDS",
    "Output",
    "Param",
    "Sweep",
    "SweepError",
    "SweepFile",
    "SweepReport",
    "SweepSummary",
    "TARGETS",
    "Target",
    "get_target",
    "line_plot",
    "load",
    "map_plot",
    "parse",
    "plot",
    "register_target",
    "sweep",
    "target_from_callable",
]
