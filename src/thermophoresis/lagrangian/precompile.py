"""Compile the tracker's kernels ahead of the first run, into Numba's on-disk cache.

The first :meth:`~thermophoresis.lagrangian.Tracker.run` with a field type, integrator and random stream that
the cache has not seen compiles a kernel for them: 6-8 s of CPU on the development machine (docs/tracking.md,
"First run on a fresh cache"); a later process loads it from the cache in about 0.6 s. :func:`compile_kernels`
(``thermophoresis compile`` on the command line) pays that ahead, for example once when a container image or
an HPC environment is built, so that no job pays it. Each kernel is compiled by a one-step run of a few
particles in a small field of its type, whose compiled types are those of any field of that type (checked
in tests/lagrangian/test_precompile.py).

Where the kernels go, and when a run finds them: Numba's cache, ``__pycache__`` beside the package's modules,
or the folder ``NUMBA_CACHE_DIR`` names (then set the same way for the runs; under it, the entries are
keyed by the package's install path). Numba uses a folder only if the process can write to it, and
otherwise falls back to one in the user's home: compile as the user the jobs run as, or into a folder they
can write to. An entry is used only by the same Python and Numba versions, on the same kind of processor
(``NUMBA_CPU_NAME=generic`` compiles for any x86-64, slower), and only while the kernel module's file is
unchanged (Numba checks its time stamp and size; an upgrade of the package rewrites it, and then the kernels
compile again). :attr:`CompileReport.cache_dir` is the folder Numba used.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np

from .._twins import cache_counts, cache_status
from ..exceptions import InputError, ValidityWarning
from . import kernels

__all__ = ["KERNEL_FIELDS", "INTEGRATORS", "STATUSES", "CompileReport", "compile_kernels", "plan"]


def _grid():
    from ..fields import Grid3D

    ax = np.linspace(-1e-3, 1e-3, 3)
    return Grid3D(ax, ax, ax, 300.0 + 1e4 * np.meshgrid(ax, ax, ax, indexing="ij")[2])


def _fields():
    from ..fields import GraetzTube, ProfileZ, StagnationPoint, UniformGradient

    # name -> (a small field of the type, tracker keywords, start point): one per kernel field type
    return {
        "uniform": (lambda: UniformGradient(300.0, gradient=(0.0, 0.0, 1e4)), {}, (0.0, 0.0, 0.0)),
        "profile": (lambda: ProfileZ.plates(1e-3, 290.0, 310.0, n=11), {"walls": (0.0, 1e-3)}, (0.0, 0.0, 5e-4)),
        "stagnation": (lambda: StagnationPoint(100.0, 295.0, 330.0, 2.2e-5), {"walls": (0.0, 1.0)},
                       (0.0, 0.0, 1e-4)),
        "tube": (lambda: GraetzTube(1e-3, 0.05, 0.1, 350.0, 300.0, 2.2e-5, n_terms=4, nx=11, nr=11),
                 {"x_exit": 0.05}, (0.0, 0.0, 0.0)),
        "grid": (_grid, {}, (0.0, 0.0, 0.0)),
    }


#: The field types with a kernel of their own (the ``plates`` and ``profile`` fields of a scenario file are
#: both :class:`~thermophoresis.fields.ProfileZ`, the ``profile`` kernel).
KERNEL_FIELDS = ("uniform", "profile", "stagnation", "tube", "grid")
INTEGRATORS = ("overdamped", "inertial")


#: What a kernel's entry says happened to it: compiled (and written to the cache), loaded from the cache, or
#: already in this process's memory (an earlier run or compile here).
STATUSES = ("compiled", "loaded", "in memory")


@dataclass(frozen=True)
class CompileReport:
    """What :func:`compile_kernels` did: one entry per kernel (``field``, ``integrator``, ``stream``,
    ``status``, one of :data:`STATUSES`, and ``seconds`` of wall time) and the cache folder Numba used."""

    kernels: tuple
    cache_dir: str

    def count(self, status: str) -> int:
        return sum(k["status"] == status for k in self.kernels)

    @property
    def seconds(self) -> float:
        return sum(k["seconds"] for k in self.kernels)

    def to_dict(self) -> dict:
        return {"kernels": [dict(k) for k in self.kernels], "compiled": self.count("compiled"),
                "loaded": self.count("loaded"), "in_memory": self.count("in memory"), "seconds": self.seconds,
                "cache_dir": self.cache_dir}


_ALIASES = {"plates": "profile"}  # scenario field names that share a kernel with another


def _names(value, allowed, what):
    """The chosen names: None, "all" or a comma-separated string or a list of names (aliases resolved)."""
    if value is None:
        return list(allowed)
    names = [v.strip() for v in value.split(",")] if isinstance(value, str) else [str(v).strip() for v in value]
    names = [v for v in names if v]
    if names == ["all"]:
        return list(allowed)
    names = [_ALIASES.get(v, v) for v in names]
    bad = [v for v in names if v not in allowed]
    if bad or not names:
        words = [*allowed, *(k for k, v in _ALIASES.items() if v in allowed)]
        raise InputError(parameter=what, value=", ".join(bad) or "none",
                         allowed=f"all, or one or more of {', '.join(words)}")
    return list(dict.fromkeys(names))


def plan(fields=None, integrators=None, stream: int = kernels.STREAM_VERSION) -> list[tuple[str, str]]:
    """The (field type, integrator) pairs that :func:`compile_kernels` would compile, after checking the
    names (``fields`` from :data:`KERNEL_FIELDS` or ``plates``, ``integrators`` from :data:`INTEGRATORS`; a
    list, a comma-separated string, or None or "all" for all) and the stream version."""
    fields = _names(fields, KERNEL_FIELDS, "fields")
    integrators = _names(integrators, INTEGRATORS, "integrators")
    if isinstance(stream, bool) or stream not in kernels.STREAMS:
        raise InputError(parameter="stream", value=stream, allowed=f"one of {', '.join(map(str, kernels.STREAMS))}")
    return [(f, i) for f in fields for i in integrators]


def compile_kernels(fields=None, integrators=None, stream: int = kernels.STREAM_VERSION,
                    progress=None) -> CompileReport:
    """Compile (or load from the cache) the tracker kernel of every field type in ``fields`` (default
    :data:`KERNEL_FIELDS`) and integrator in ``integrators`` (default :data:`INTEGRATORS`), for random
    stream ``stream``; ``progress(done, total, entry)`` is called after each kernel.
    """
    from ..gas import Gas
    from ..particle import Particle
    from .tracker import Tracker

    todo = plan(fields, integrators, stream)
    table = _fields()
    particle, gas = Particle("100 nm", "psl"), Gas("air")
    out = []
    for k, (name, integrator) in enumerate(todo):
        make, kw, start = table[name]
        before = cache_counts([kernels.advance])
        t0 = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ValidityWarning)  # a one-step run of 4 particles, numbers unused
            tr = Tracker(particle, gas, make(), dt=1e-6, inertial=integrator == "inertial", stream=stream,
                         gravity=False, threads=1, **kw)
            tr.run(np.tile(np.asarray(start, dtype=float), (4, 1)), n_steps=1)
        status = cache_status([kernels.advance], before)
        entry = {"target": "tracker", "field": name, "integrator": integrator, "stream": int(stream),
                 "status": status, "seconds": time.perf_counter() - t0}
        out.append(entry)
        if progress is not None:
            progress(k + 1, len(todo), entry)
    return CompileReport(tuple(out), str(kernels.advance.stats.cache_path))
