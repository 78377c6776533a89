"""Compile the toolkit's kernels ahead of their first use, into Numba's on-disk cache.

The first call in a process whose cache has not seen a kernel compiles it: the tracker's kernel of a field
type and integrator (4-6 s each), the DSMC's kernels (16-20 s), a force model's array loops (a few
seconds). :func:`compile_kernels` (``thermophoresis compile`` on the command line) pays that ahead, for
example once when a container image or an HPC environment is built. Targets:

- ``tracker``: :func:`thermophoresis.lagrangian.precompile.compile_kernels`, one kernel per field type,
  integrator and random stream (``fields``, ``integrators``, ``stream``);
- ``dsmc``: :func:`thermophoresis.kinetic.dsmc.compile_kernels`, the Fourier solver's kernels;
- ``force``: for each force model in ``models`` (default the default model, ``talbot``), the compiled loops
  of the array :func:`~thermophoresis.drift.thermophoresis` (every output) and
  :func:`~thermophoresis.drift.thermophoretic_velocity` (the velocity alone);
- ``mobility``: the loop of the array :func:`~thermophoresis.mobility.mobility_summary`.

Where the kernels go and when a later run finds them: :mod:`thermophoresis.lagrangian.precompile`.
"""

from __future__ import annotations

import os
import time
import warnings

import numpy as np

from ._twins import cache_counts, cache_status
from .exceptions import ValidityWarning
from .lagrangian import kernels as _tracker_kernels
from .lagrangian import precompile as _tracker
from .lagrangian.precompile import CompileReport

__all__ = ["TARGETS", "force_models", "plan", "compile_kernels"]

TARGETS = ("tracker", "dsmc", "force", "mobility")
DEFAULT_MODELS = ("talbot",)


def force_models() -> tuple:
    """The force models with compiled array loops (the ``models`` that the ``force`` target accepts)."""
    from .force import MODELS

    return tuple(name for name in MODELS.names() if MODELS.lookup(name).kernel is not None)


def plan(targets=None, fields=None, integrators=None, stream: int = _tracker_kernels.STREAM_VERSION,
         models=None) -> list[tuple]:
    """The work :func:`compile_kernels` would do, after checking every name: ``("tracker", field type,
    integrator)``, ``("dsmc",)``, ``("force", model)`` and ``("mobility",)`` items. ``targets`` from
    :data:`TARGETS`, ``models`` from :func:`force_models` (the force models with compiled loops); each a list,
    a comma-separated string, or None or "all" (targets: all; models: None is the default model, "all" all
    of them); ``fields``, ``integrators`` and ``stream`` as in
    :func:`thermophoresis.lagrangian.precompile.plan`."""
    targets = _tracker._names(targets, TARGETS, "targets")
    todo: list[tuple] = []
    if "tracker" in targets:
        todo += [("tracker", f, i) for f, i in _tracker.plan(fields, integrators, stream)]
    if "dsmc" in targets:
        todo.append(("dsmc",))
    if "force" in targets:
        names = DEFAULT_MODELS if models is None else _tracker._names(models, force_models(), "models")
        todo += [("force", m) for m in names]
    if "mobility" in targets:
        todo.append(("mobility",))
    return todo


def _compile_force(model):
    from .drift import thermophoresis, thermophoretic_velocity
    from .force import MODELS
    from .gas import Gas
    from .particle import Particle

    kern = MODELS.lookup(model).kernel
    loops = [kern.array, kern.velocity_array]
    before = cache_counts(loops)
    t0 = time.perf_counter()
    particle, gas = Particle(np.array([1e-7, 3e-7]), "psl"), Gas("air")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)  # e.g. a model used outside its Kn range: numbers unused
        thermophoresis(particle, gas, 1e3, model=model)
        thermophoretic_velocity(particle, gas, 1e3, model=model)
    return {"target": "force", "model": model, "status": cache_status(loops, before),
            "seconds": time.perf_counter() - t0, "cache_dir": str(loops[0].stats.cache_path)}


def _compile_mobility():
    from . import mobility
    from .gas import Gas
    from .particle import Particle

    loops = [mobility._mobility_kernel()]
    before = cache_counts(loops)
    t0 = time.perf_counter()
    mobility.mobility_summary(Particle(np.array([1e-7, 3e-7]), "psl"), Gas("air"))
    return {"target": "mobility", "status": cache_status(loops, before), "seconds": time.perf_counter() - t0,
            "cache_dir": str(loops[0].stats.cache_path)}


def compile_kernels(targets=None, fields=None, integrators=None, stream: int = _tracker_kernels.STREAM_VERSION,
                    models=None, progress=None) -> CompileReport:
    """Compile (or load from the cache) the kernels of :func:`plan`; ``progress(done, total, entry)`` is
    called after each. Each entry of the report has ``target``, ``status`` (compiled, loaded from the cache,
    or already in this process's memory), ``seconds`` of wall time and ``cache_dir``, the folder of its cache
    entries; tracker entries also ``field``, ``integrator`` and ``stream``, force entries ``model``. The
    report's ``cache_dir`` is the folder that holds them all."""
    todo = plan(targets, fields, integrators, stream, models)
    out = []

    def done(entry):
        out.append(entry)
        if progress is not None:
            progress(len(out), len(todo), entry)

    if todo and todo[0][0] == "tracker":  # the tracker's kernels, in one call (they come first in the plan)
        cache = str(_tracker_kernels.advance.stats.cache_path)
        _tracker.compile_kernels(fields, integrators, stream,
                                 progress=lambda _done, _total, e: done({**e, "cache_dir": cache}))
    for item in todo[len(out):]:
        if item[0] == "dsmc":
            from .kinetic import _kernels, dsmc

            done({**dsmc.compile_kernels(), "cache_dir": str(_kernels.advance.stats.cache_path)})
        elif item[0] == "force":
            done(_compile_force(item[1]))
        else:
            done(_compile_mobility())
    # the folder that holds every entry's cache: NUMBA_CACHE_DIR if set (each module has a folder under it),
    # else the package's folder (a __pycache__ beside each module)
    return CompileReport(tuple(out), os.path.commonpath([e["cache_dir"] for e in out]))
