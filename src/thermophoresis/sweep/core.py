"""The sweep definition (parameters, grid, chunk layout, fingerprint) and the run that fills a Dataset."""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

import numpy as np

from .._validation import closest_names
from ..exceptions import InputError, UnitError, ValidityWarning
from ..units import DIMENSIONS, to_si
from .execute import Job, SweepError, Task, check_backend, execute, sigterm_as_interrupt as _sigterm_as_interrupt
from .spec import _ANY, RESERVED, Param, Target, derive_seed, resolve_target
from .store import open_store

__all__ = ["Sweep", "SweepReport", "SweepSummary", "sweep", "sweep_summary"]

STREAMS = ("independent", "common")
_QUANTITY = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")  # number, then unit
_RANGE_KEYS = ("start", "stop", "num", "spacing")
# quantities tried, in order, for a string with a unit given to a function that does not declare its kinds
_INFER_ORDER = [k for k in DIMENSIONS if k not in ("temperature_difference", "intensity", "dimensionless")] + [
    "dimensionless"]


@dataclass
class SweepReport:
    """What the last :meth:`Sweep.run` did."""

    chunks: int
    computed: int
    skipped: int
    seconds: float
    backend: str
    workers: int
    store: str | None
    chunk_seconds: list = field(default_factory=list)  # compute time of each computed chunk, in its worker


@dataclass(frozen=True)
class SweepSummary:
    """A finished sweep run in brief (:func:`sweep_summary`); ``to_dict()`` gives the keys of
    ``thermophoresis sweep --json``, in this order."""

    target: str
    sweep_file: str | None
    store: str
    #: grid dimension -> its length
    dims: dict
    #: coordinate -> ``{"units", "values"}`` (the grid's coordinates, then the points')
    coordinates: dict
    #: output -> ``{"dims", "units"}`` and, for numeric outputs with a finite value, ``"min"`` and ``"max"``
    variables: dict
    chunks: int
    chunks_computed: int
    chunks_skipped: int
    #: wall time of the run [s]
    elapsed_s: float
    backend: str
    workers: int
    plot: str | None

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def sweep_summary(s, ds, store, sweep_file=None, plot=None) -> SweepSummary:
    """A finished run of sweep ``s`` in brief: the target, the file, the store, the grid and point
    coordinates, each output's dims, units and range, and :attr:`Sweep.report` (what
    ``thermophoresis sweep --json`` prints: :meth:`SweepSummary.to_dict`).

    ``ds`` is the Dataset :meth:`Sweep.run` returned (read from ``store``); ``plot`` the figure written, if any.
    """
    rep = s.report
    variables = {}
    for name, da in ds.data_vars.items():
        v = np.asarray(da.values)
        entry = {"dims": list(da.dims), "units": da.attrs.get("units", "")}
        if v.dtype.kind in "fi" and v.size and np.isfinite(v).any():
            entry["min"], entry["max"] = float(np.nanmin(v)), float(np.nanmax(v))
        variables[name] = entry
    coords = {name: {"units": ds.coords[name].attrs.get("units", ""), "values": ds.coords[name].values.tolist()}
              for name in [*(n for n in s.dims if n in s.grid and n in ds.coords), *s.points]}
    return SweepSummary(target=s.target.name, sweep_file=None if sweep_file is None else str(sweep_file),
                        store=str(store), dims={k: int(v) for k, v in s.dims.items()}, coordinates=coords,
                        variables=variables, chunks=rep.chunks, chunks_computed=rep.computed,
                        chunks_skipped=rep.skipped, elapsed_s=rep.seconds, backend=rep.backend,
                        workers=rep.workers, plot=None if plot is None else str(plot))


# --- converting parameter values at the edge -----------------------------------------------------------
def _infer_quantity(where: str, text: str):
    """SI value and kind of a string such as '200 nm' whose kind is not declared; None for a plain name."""
    m = _QUANTITY.match(text)
    if m is None:
        return None
    if not m.group(2):  # a bare number in a string is SI, like a plain number
        return float(m.group(1)), None
    for kind in _INFER_ORDER:
        try:
            return to_si(text, kind, where), kind
        except UnitError as exc:
            if "unknown unit" in str(exc) or "cannot read" in str(exc):
                raise
    raise UnitError(f"{where}: {text!r} is not a quantity the toolkit converts ({', '.join(DIMENSIONS)}); give "
                    f"the value in SI, or declare the parameter's kind (kinds={{...}})")


def _convert(where: str, value, spec: Param):
    """One value -> (Python scalar in SI, kind or None)."""
    t = spec.type
    if isinstance(value, np.generic):
        value = value.item()
    if t is not _ANY:  # a declared parameter: the one file-value loader of the toolkit (_params.Param.load)
        raw = value
        value = spec.load(value, where)
        if np.ndim(value) != 0:
            raise InputError(f"{where} must be one value, got an array of shape {np.shape(value)}")
        if spec.kind is not None and not isinstance(raw, (int, float)) and math.isfinite(value) and value != 0:
            value = float(f"{value:.15g}")  # unit conversion noise (100 nm -> 1.0000000000000001e-07)
        return value, spec.kind
    kind = spec.kind
    if t is _ANY:
        if isinstance(value, bool):
            return value, None
        if isinstance(value, int) and kind is None:
            return value, None
        if isinstance(value, str) and kind is None:
            inferred = _infer_quantity(where, value)
            if inferred is None:
                return value, None
            if inferred[1] is None:
                value = inferred[0]
            else:
                kind = inferred[1]  # converted below, from the string
    if isinstance(value, bool) or (isinstance(value, str) and kind is None):
        raise InputError(f"{where} must be a number, got {value!r}")
    if kind is None and not isinstance(value, (int, float)):
        if not (hasattr(value, "magnitude") and hasattr(value, "units")):
            raise InputError(f"{where} must be a number or a quantity such as '5 mm', got {value!r}")
        for k in _INFER_ORDER:  # a pint Quantity: its dimension tells the kind
            try:
                to_si(value, k, where)
                kind = k
                break
            except UnitError:
                continue
        else:
            raise UnitError(f"{where}: {value!r} is not a quantity the toolkit converts") from None
    if kind is not None:
        raw = value
        value = to_si(value, kind, where)
        if not isinstance(raw, (int, float)) and np.ndim(value) == 0 and math.isfinite(value) and value != 0:
            # unit conversion leaves binary noise (100 nm -> 1.0000000000000001e-07): keep 15 significant digits so
            # that coordinates read and select as written
            value = float(f"{value:.15g}")
    if np.ndim(value) != 0:
        raise InputError(f"{where} must be one value, got an array of shape {np.shape(value)}")
    value = float(value)
    if not math.isfinite(value):
        raise InputError(f"{where} must be finite, got {value!r}")
    if spec.positive and value <= 0:
        unit = DIMENSIONS[kind][1] if kind else ""
        raise InputError(f"{where} must be > 0{' ' + unit if unit else ''}, got {value!r}{' ' + unit if unit else ''}")
    return value, kind


def _expand(where: str, raw, spec: Param):
    """A list of values or a range table -> (1-D array of SI values, kind)."""
    if isinstance(raw, Mapping):
        unknown = set(raw) - set(_RANGE_KEYS)
        if unknown:
            raise InputError(f"{where}: unknown range key(s) {sorted(unknown)}; a range is "
                             f"{{start, stop, num, spacing}}")
        missing = [k for k in ("start", "stop", "num") if k not in raw]
        if missing:
            raise InputError(f"{where}: a range needs start, stop and num, missing {', '.join(missing)}")
        num = raw["num"]
        if isinstance(num, bool) or not isinstance(num, (int, np.integer)) or num < 1:
            raise InputError(f"{where}.num must be an integer >= 1, got {num!r}")
        spacing = raw.get("spacing", "linear")
        if spacing not in ("linear", "log"):
            raise InputError(f"{where}.spacing must be 'linear' or 'log', got {spacing!r}")
        if spec.type not in (float, _ANY):
            raise InputError(f"{where}: a range needs a numeric parameter; give a list of values")
        start, k1 = _convert(f"{where}.start", raw["start"], spec)
        stop, k2 = _convert(f"{where}.stop", raw["stop"], spec)
        if k1 != k2:
            raise InputError(f"{where}: start and stop must be the same quantity, got {raw['start']!r} and "
                             f"{raw['stop']!r}")
        if isinstance(start, (str, bool)) or isinstance(stop, (str, bool)):
            raise InputError(f"{where}: start and stop must be numbers or quantities, got {raw['start']!r} and "
                             f"{raw['stop']!r}")
        if spacing == "log":
            if start <= 0 or stop <= 0:
                raise InputError(f"{where}: a log range needs start and stop > 0, got {start!r} and {stop!r}")
            values = np.geomspace(float(start), float(stop), int(num))
        else:
            values = np.linspace(float(start), float(stop), int(num))
        return values, k1
    if isinstance(raw, (str, bytes)) or np.ndim(raw) != 1:
        raise InputError(f"{where} must be a list of values or a range {{start, stop, num, spacing}}, got {raw!r}")
    items = list(raw)
    if not items:
        raise InputError(f"{where} must not be empty")
    converted = [_convert(f"{where}[{i}]", v, spec) for i, v in enumerate(items)]
    kinds = {k for _, k in converted if k is not None}
    values = [v for v, _ in converted]
    types = {type(v) for v in values}
    if len(kinds) > 1:
        raise InputError(f"{where} mixes quantities ({', '.join(sorted(kinds))}); give one kind of quantity")
    kind = next(iter(kinds), None)
    if str in types and len(types) > 1:
        raise InputError(f"{where} mixes names and numbers: {items!r}")
    if bool in types and len(types) > 1:
        raise InputError(f"{where} mixes true/false and other values: {items!r}")
    if types == {str}:
        return np.array(values, dtype=str), None
    if types == {bool}:
        return np.array(values, dtype=bool), None
    if types == {int}:
        return np.array(values, dtype=np.int64), kind
    return np.array(values, dtype=np.float64), kind


def _jsonable(v):
    if isinstance(v, np.ndarray):
        return [_jsonable(x) for x in v.tolist()]
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return repr(v)
    return v


def _block_from_count(shape: tuple, count: int) -> tuple:
    """Block shape holding about ``count`` points: whole trailing dimensions first."""
    block = []
    remaining = count
    for size in reversed(shape):
        if remaining >= size:
            block.append(size)
            remaining //= size
        else:
            block.append(max(remaining, 1))
            remaining = 1
    return tuple(reversed(block))


# --- the sweep -----------------------------------------------------------------------------------------
class Sweep:
    """A parameter sweep of one target: a grid (every combination) and/or a list of points (zipped).

    Parameters
    ----------
    target : str, Target or callable
        A registered name (:data:`thermophoresis.sweep.TARGETS`: ``"force"``, ``"tube"``, ``"wafer"``,
        ``"precipitator"``, ``"track"``, ``"dsmc"``), a :class:`Target`, or any function of keyword
        arguments returning numbers, arrays, a dict of them or xarray objects.
    grid : mapping of str to list
        Swept parameters; the sweep runs every combination and each becomes a dimension (in this order).
        A value may be a list (numbers, strings with units such as ``"200 nm"``, names) or a range
        ``{"start": "10 nm", "stop": "10 um", "num": 31, "spacing": "log"}``.
    points : mapping of str to list
        Parameters that vary together: the i-th point takes the i-th value of every list; they share the
        dimension ``point`` (combined with the grid when both are given).
    fixed : mapping of str to value
        Parameters held constant (scalar coordinates of the result).
    chunks : int or mapping, optional
        Work per chunk: an int is points per chunk (members per chunk for ensemble targets such as
        ``"track"``); a mapping gives a block size per dimension, ``{"diameter": 4, "particle": 50_000}``.
        Default: the target's (1024 points for ``force``, one point for the costly targets, 100 000
        particles for ``track``). The chunking never changes the results of ensemble or stochastic targets.
    seed : int
        For stochastic targets (``track``, ``dsmc``). Each point's seed is a hash of this seed and the
        point's swept values (:meth:`point_seed`), independent of chunking, backend and grid layout.
    streams : {"independent", "common"}
        ``"common"`` gives every point the sweep seed itself (common random numbers: differences between
        points are not masked by noise).
    kinds, outputs, vectorized, stochastic
        For plain functions: the quantity of each parameter (``{"diameter": "length"}``; strings with units
        are otherwise recognised by their dimension), the units of each output (``{"force": "N"}``), the
        parameters that accept arrays (``True``: all numeric ones; one call per chunk), and whether it takes
        a ``seed``.

    Examples
    --------
    >>> from thermophoresis.sweep import Sweep
    >>> s = Sweep("force", grid={"diameter": ["100 nm", "1 um"], "gas": ["air", "He"]}, fixed={"grad_T": "1 K/mm"})
    >>> ds = s.run()
    >>> ds["force"].dims, ds["diameter"].attrs["units"]
    (('diameter', 'gas'), 'm')
    """

    def __init__(self, target, grid=None, points=None, fixed=None, *, chunks=None, seed=None,
                 streams: str = "independent", kinds=None, outputs=None, vectorized=None, stochastic=None):
        self.target: Target = resolve_target(target, kinds=kinds, outputs=outputs, vectorized=vectorized,
                                             stochastic=stochastic)
        t = self.target
        sections = {"grid": grid, "points": points, "fixed": fixed}
        for name, sec in sections.items():
            if sec is not None and not isinstance(sec, Mapping):
                raise InputError(f"{name} must be a mapping of parameter names to values, got {sec!r}")
        grid, points, fixed = dict(grid or {}), dict(points or {}), dict(fixed or {})
        seen: dict[str, str] = {}
        for sec_name, sec in (("fixed", fixed), ("grid", grid), ("points", points)):
            for key in sec:
                self._check_name(sec_name, key)
                if key == "seed":
                    raise InputError(f"{sec_name}.seed: give the seed of a sweep as seed=... ([sweep] seed in a "
                                     f"sweep file; stochastic=True for a plain function); each point gets its own "
                                     f"stream derived from it")
                if key in RESERVED or (t.ensemble is not None and key == t.member_dim):
                    raise InputError(f"{sec_name}.{key}: {key!r} is a name the sweep uses itself; rename the parameter")
                if t.param(key) is None:
                    raise InputError(f"{sec_name}.{key}: target {t.name!r} has no parameter {key!r}"
                                     f"{_closest(key, t.params)}. Allowed: {', '.join(t.params)}")
                if key in seen:
                    raise InputError(f"parameter {key!r} is given in both {seen[key]} and {sec_name}; give it once")
                seen[key] = sec_name
        self.kinds: dict[str, str | None] = {}
        self.fixed: dict = {}
        for key, value in fixed.items():
            if isinstance(value, (list, tuple, np.ndarray)) or isinstance(value, Mapping):
                raise InputError(f"fixed.{key} must be one value; sweep it in grid or points, got {value!r}")
            self.fixed[key], self.kinds[key] = _convert(f"fixed.{key}", value, t.param(key))
        self.grid: dict[str, np.ndarray] = {}
        for key, raw in grid.items():
            values, self.kinds[key] = _expand(f"grid.{key}", raw, t.param(key))
            uniq, counts = np.unique(values, return_counts=True)
            if np.any(counts > 1):
                raise InputError(f"grid.{key} has the repeated value {uniq[counts > 1][0].item()!r}; each value once")
            self.grid[key] = values
        self.points: dict[str, np.ndarray] = {}
        for key, raw in points.items():
            if isinstance(raw, Mapping):
                raise InputError(f"points.{key} must be a list (ranges belong in grid), got {raw!r}")
            self.points[key], self.kinds[key] = _expand(f"points.{key}", raw, t.param(key))
        lengths = {k: v.size for k, v in self.points.items()}
        if len(set(lengths.values())) > 1:
            raise InputError("points: every list must have the same length, got "
                             + ", ".join(f"{k}: {n}" for k, n in lengths.items()))
        if self.points:
            keys = list(zip(*(v.tolist() for v in self.points.values())))
            if len(set(keys)) < len(keys):
                first = next(k for k in keys if keys.count(k) > 1)
                raise InputError(f"points: the point {dict(zip(self.points, first))} appears more than once; each "
                                 f"point once (repeated points would share their random streams; use an ensemble "
                                 f"size or different seeds for replicates)")
        if t.params is not None:
            for key, p in t.params.items():
                if p.required and key not in seen:
                    raise InputError(f"target {t.name!r} needs the parameter {key!r} ({p.help}); give it in fixed, "
                                     f"grid or points")
        # ensemble size and seeds
        self.n_members = None
        if t.ensemble is not None:
            if t.ensemble not in seen:
                raise InputError(f"target {t.name!r} needs the ensemble size {t.ensemble!r} in fixed")
            if seen[t.ensemble] != "fixed":
                raise InputError(f"{seen[t.ensemble]}.{t.ensemble}: the ensemble size cannot be swept "
                                 f"(it is the length of the {t.member_dim!r} dimension); give it in fixed")
            self.n_members = self.fixed[t.ensemble]
            if isinstance(self.n_members, bool) or not isinstance(self.n_members, int) or self.n_members < 1:
                raise InputError(f"fixed.{t.ensemble} must be an integer >= 1, got {self.n_members!r}")
        if t.stochastic:
            seed = 0 if seed is None else seed
            if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed < 2**63:
                raise InputError(f"seed must be an integer in [0, 2**63), got {seed!r}")
            self.seed = int(seed)
        else:
            if seed is not None:
                raise InputError(f"seed applies to stochastic targets (track, dsmc, or stochastic=True); target "
                                 f"{t.name!r} takes none")
            self.seed = None
        if streams not in STREAMS:
            raise InputError(f"streams must be one of {', '.join(STREAMS)}, got {streams!r}")
        self.streams = streams
        # dimensions
        self.point_dims = tuple(self.grid) + (("point",) if self.points else ())
        self.point_shape = tuple(v.size for v in self.grid.values()) + (
            (next(iter(lengths.values())),) if self.points else ())
        if not self.point_dims and t.ensemble is None:
            raise InputError(f"nothing to sweep: give at least one parameter of target {t.name!r} in grid or points")
        for d in self.point_dims:
            if t.outputs and d in t.outputs:
                raise InputError(f"grid.{d}: the name of an output of target {t.name!r}")
        self._layout(chunks)
        self.report: SweepReport | None = None

    @staticmethod
    def _check_name(section: str, key):
        if not isinstance(key, str) or not key.isidentifier():
            raise InputError(f"{section}: parameter names must be identifiers, got {key!r}")

    # -- chunk layout -------------------------------------------------------------------------------------
    def _layout(self, chunks):
        t = self.target
        shape = self.point_shape
        if t.ensemble is not None:
            block = (1,) * len(shape)
            member_block = t.chunk_members
        else:
            block = _block_from_count(shape, t.chunk_points)
            member_block = None
        if chunks is None:
            pass
        elif isinstance(chunks, Mapping):
            block = list(block)
            for dim, size in chunks.items():
                if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
                    raise InputError(f"{{parameter}} must be an integer >= 1, got {size!r}", parameter=f"chunks.{dim}",
                                     value=size, allowed="an integer >= 1")
                if dim in self.point_dims:
                    block[self.point_dims.index(dim)] = int(size)
                elif t.ensemble is not None and dim == t.member_dim:
                    member_block = int(size)
                else:
                    allowed = list(self.point_dims) + ([t.member_dim] if t.ensemble else [])
                    raise InputError(f"{{parameter}}: not a dimension of this sweep; allowed: {', '.join(allowed)}",
                                     parameter=f"chunks.{dim}", value=dim, allowed=", ".join(allowed))
            block = tuple(block)
        elif isinstance(chunks, (int, np.integer)) and not isinstance(chunks, bool) and chunks >= 1:
            if t.ensemble is not None:
                member_block = int(chunks)
            else:
                block = _block_from_count(shape, int(chunks))
        else:
            raise InputError(f"{{parameter}} must be an integer >= 1 or a mapping of dimension to block size, got "
                             f"{chunks!r}", parameter="chunks", value=chunks, allowed="an integer >= 1 or a mapping")
        self.block = tuple(min(b, n) for b, n in zip(block, shape))
        self.member_block = None if member_block is None else min(member_block, self.n_members)
        starts = [range(0, n, b) for n, b in zip(shape, self.block)]
        self._point_blocks = [tuple(slice(s, min(s + b, n)) for s, b, n in zip(st, self.block, shape))
                              for st in itertools.product(*starts)]
        if self.member_block is None:
            self._member_blocks = [None]
        else:
            self._member_blocks = [slice(s, min(s + self.member_block, self.n_members))
                                   for s in range(0, self.n_members, self.member_block)]

    @property
    def n_chunks(self) -> int:
        return len(self._point_blocks) * len(self._member_blocks)

    @property
    def n_points(self) -> int:
        return int(np.prod(self.point_shape, dtype=np.int64))

    @property
    def dims(self) -> dict:
        """Dimensions of the result and their sizes (without the outputs' own dimensions)."""
        d = dict(zip(self.point_dims, self.point_shape))
        if self.n_members is not None:
            d[self.target.member_dim] = self.n_members
        return d

    def _regions(self) -> dict:
        """chunk id -> tuple of slices over (*point_dims, [member_dim])."""
        out = {}
        for k, (pb, mb) in enumerate(itertools.product(self._point_blocks, self._member_blocks)):
            out[k] = pb + ((mb,) if mb is not None else ())
        return out

    # -- definition and fingerprint -----------------------------------------------------------------------
    def definition(self) -> dict:
        """Everything that determines the results, as plain JSON data."""
        return {
            "format": 1,
            "target": self.target.ref,
            "target_code": _code_hash(self.target),
            "fixed": {k: _jsonable(v) for k, v in self.fixed.items()},
            "grid": [[k, _jsonable(v)] for k, v in self.grid.items()],
            "points": [[k, _jsonable(v)] for k, v in self.points.items()],
            "block": list(self.block),
            "member_block": self.member_block,
            "members": self.n_members,
            "seed": self.seed,
            "streams": self.streams if self.target.stochastic else None,
            "n_chunks": self.n_chunks,
        }

    @property
    def fingerprint(self) -> str:
        text = json.dumps(self.definition(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def _swept_at(self, index: tuple) -> dict:
        p = {}
        for d, (k, v) in enumerate(self.grid.items()):
            p[k] = v[index[d]].item()
        if self.points:
            j = index[len(self.grid)]
            for k, v in self.points.items():
                p[k] = v[j].item()
        return p

    def point_seed(self, **point) -> int:
        """The seed a stochastic target gets at a point given by its swept values (in SI or with units).

        >>> s = Sweep("dsmc", grid={"knudsen": [0.1, 1.0]}, seed=7)
        >>> s.point_seed(knudsen=0.1) == s.point_seed(knudsen=0.1) != s.point_seed(knudsen=1.0)
        True
        """
        if self.seed is None:
            raise InputError(f"target {self.target.name!r} is not stochastic; it takes no seed")
        swept = list(self.grid) + list(self.points)
        if set(point) != set(swept):
            raise InputError(f"point_seed needs exactly the swept parameters {swept}, got {sorted(point)}")
        values = {k: _convert(k, v, self.target.param(k))[0] for k, v in point.items()}
        return self._seed_for(values)

    def _seed_for(self, swept: dict) -> int:
        if self.streams == "common":
            return self.seed % (1 << self.target.seed_bits)
        return derive_seed(self.seed, swept, self.target.seed_bits)

    def tasks(self, chunks=None) -> list[Task]:
        """The chunks to evaluate (all, or those in ``chunks``)."""
        out = []
        wanted = None if chunks is None else set(chunks)
        for k, (pb, mb) in enumerate(itertools.product(self._point_blocks, self._member_blocks)):
            if wanted is not None and k not in wanted:
                continue
            sub = tuple(s.stop - s.start for s in pb)
            idx = np.indices(sub).reshape(len(sub), -1) + np.array([s.start for s in pb], dtype=np.int64)[:, None]
            n = idx.shape[1] if sub else 1
            params = {}
            for d, (key, values) in enumerate(self.grid.items()):
                params[key] = values[idx[d]]
            if self.points:
                j = idx[len(self.grid)]
                for key, values in self.points.items():
                    params[key] = values[j]
            seeds = None
            if self.target.stochastic:
                seeds = [self._seed_for({key: v[i].item() for key, v in params.items()}) for i in range(n)]
            out.append(Task(k, n, params, seeds, None if mb is None else (mb.start, mb.stop)))
        return out

    # -- the result -----------------------------------------------------------------------------------------
    def _coords(self, schema: dict) -> dict:
        coords = {}
        for key, values in self.grid.items():
            coords[key] = (key, values, self._attrs_of(key))
        if self.points:
            coords["point"] = ("point", np.arange(self.point_shape[-1]))
            for key, values in self.points.items():
                coords[key] = ("point", values, self._attrs_of(key))
        if self.n_members is not None:
            md = self.target.member_dim
            coords[md] = (md, np.arange(self.n_members), {"description": f"global {md} index"})
        for key, c in schema.get("coords", {}).items():
            coords[key] = (tuple(c["dims"]), np.asarray(c["values"]), c["attrs"])
        for key, value in self.fixed.items():
            coords[key] = ((), value, self._attrs_of(key))
        return coords

    def _attrs_of(self, key) -> dict:
        kind = self.kinds.get(key)
        if kind is None:
            return {}
        return {"units": DIMENSIONS[kind][1] or "1", "quantity": kind}

    def _var_dims(self, spec: dict) -> tuple:
        lead = self.point_dims + ((self.target.member_dim,) if self.n_members is not None else ())
        return lead + tuple(spec["dims"])

    def _shape(self, spec: dict) -> tuple:
        lead = self.point_shape + ((self.n_members,) if self.n_members is not None else ())
        return lead + tuple(spec["shape"])

    def _attrs(self) -> dict:
        from .._version import __version__

        t = self.target
        attrs = {"title": f"thermophoresis sweep of {t.name!r}", "target": t.ref}
        if t.description:
            attrs["target_description"] = t.description
        if self.fixed:
            attrs["fixed_parameters"] = ", ".join(self.fixed)
        if self.seed is not None:
            attrs["seed"] = self.seed if self.seed < 2**31 else str(self.seed)
            attrs["random_streams"] = self.streams
        attrs["sweep_fingerprint"] = self.fingerprint
        attrs["thermophoresis_version"] = __version__
        return attrs

    def _dataset(self, schema: dict, data: dict, chunk_warnings: list):
        import xarray as xr

        ds = xr.Dataset(
            {name: (self._var_dims(spec), data[name], dict(spec["attrs"])) for name, spec in schema["outputs"].items()},
            coords=self._coords(schema), attrs=self._attrs())
        messages = list(dict.fromkeys(f"{cat}: {msg}" for cat, msg in chunk_warnings))
        if messages:
            ds.attrs["warnings"] = "\n".join(messages)
        if self.target.finalize is not None:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                ds = self.target.finalize(ds)
            for w in caught:
                warnings.warn(w.message, w.category, stacklevel=5)
        return ds

    def _template(self, schema: dict):
        """The full Dataset with lazily filled outputs (for the Zarr store's metadata)."""
        import xarray as xr

        try:
            import dask.array as da
        except ImportError:  # pragma: no cover - zarr without dask: write the fill values
            da = None
        block = self.block + ((self.member_block,) if self.n_members is not None else ())
        variables = {}
        for name, spec in schema["outputs"].items():
            shape = self._shape(spec)
            dtype = np.dtype(spec["dtype"])
            fill = np.nan if dtype.kind == "f" else ("" if dtype.kind == "U" else 0)
            chunks = block + tuple(spec["shape"])
            arr = da.full(shape, fill, dtype=dtype, chunks=chunks) if da is not None else np.full(shape, fill, dtype)
            variables[name] = (self._var_dims(spec), arr, dict(spec["attrs"]))
        return xr.Dataset(variables, coords=self._coords(schema), attrs=self._attrs())

    # -- running ------------------------------------------------------------------------------------------
    def run(self, *, backend: str | None = None, workers: int | None = None, client=None, scheduler: str | None = None,
            executor=None, store=None, resume: bool = True, overwrite: bool = False, progress=None,
            numba_threads: int | None = None):
        """Evaluate the sweep and return an xarray Dataset.

        Parameters
        ----------
        backend : {"inprocess", "processes", "dask"}, optional
            Default ``"inprocess"``, or ``"dask"`` when ``client`` or ``scheduler`` is given. ``"processes"``
            uses local worker processes (spawned; the target must be importable); ``"dask"`` uses a
            ``dask.distributed`` client, a scheduler address, or else a new local cluster of ``workers``
            processes. Every backend gives the same Dataset.
        workers : int, optional
            Worker processes for ``"processes"`` and for a new local Dask cluster (default: CPU count).
        client : dask.distributed.Client, optional
        scheduler : str, optional
            Address of a running Dask scheduler, ``"tcp://host:port"``; its workers need this package.
        executor : concurrent.futures.Executor, optional
            A process pool of your own for the ``"processes"`` backend, reused across sweeps (not shut down).
        store : path, optional
            ``*.nc`` or ``*.zarr``: results are written chunk by chunk as they finish; a rerun with the same
            definition skips the finished chunks. Without a store the sweep runs in memory.
        resume : bool
            Skip chunks finished by an earlier run (``False``: recompute them).
        overwrite : bool
            Replace a store that holds another sweep (or that no sweep wrote).
        progress : callable, optional
            ``progress(done_chunks, total_chunks)``, called once at the start and after each chunk.
        numba_threads : int, optional
            Numba threads per chunk (default: CPU count / workers for local process pools and a new local
            Dask cluster, 1 on a Dask cluster of yours, where every worker thread runs a chunk; unchanged
            in-process). Results do not depend on it.
        """
        t0 = time.perf_counter()
        backend = check_backend(backend, workers, client, scheduler, executor)
        if numba_threads is not None and (isinstance(numba_threads, bool) or not isinstance(numba_threads, int)
                                          or numba_threads < 1):
            raise InputError(f"numba_threads must be an integer >= 1, got {numba_threads!r}")
        if progress is not None and not callable(progress):
            raise InputError(f"progress must be callable, got {progress!r}")
        regions = self._regions()
        st = None
        if store is not None:
            st = open_store(store, self.definition(), self.fingerprint, resume=resume, overwrite=overwrite)
        try:
            with _sigterm_as_interrupt():
                ds, todo, finished, info = self._run(st, regions, resume, backend, workers, client, scheduler,
                                                     executor, progress, numba_threads)
        finally:
            if st is not None:
                st.close()
        self.report = SweepReport(self.n_chunks, len(todo), len(finished), time.perf_counter() - t0,
                                  info["backend"], info["workers"], None if store is None else str(store),
                                  self._chunk_seconds)
        return ds

    def _run(self, st, regions, resume, backend, workers, client, scheduler, executor, progress, numba_threads):
        finished = st.finished() if st is not None else set()
        schema = st.schema if st is not None else None
        todo = [k for k in range(self.n_chunks) if k not in finished]
        results: dict[int, object] = {}
        chunk_seconds: list[float] = []
        self._chunk_seconds = chunk_seconds
        done = [len(finished)]
        if progress is not None:
            progress(done[0], self.n_chunks)

        def on_result(res):
            nonlocal schema
            if schema is None:
                schema = self._schema_from(res)
                if st is not None:
                    if st.kind == "zarr" and any(o["dtype"][1] == "U" for o in schema["outputs"].values()):
                        raise SweepError(f"target {self.target.name!r} returns text outputs, which a Zarr store "
                                         f"cannot hold at a fixed width; use a .nc store")
                    st.save_schema(schema)
            elif self._check_against(schema, res) and st is not None:
                st.save_schema(schema)
            variables = {}
            region = regions[res.chunk]
            sub = tuple(s.stop - s.start for s in region)
            point_sub = sub[:len(self.point_dims)]
            for name, spec in schema["outputs"].items():
                arr = res.data[name]
                variables[name] = (self._var_dims(spec), arr.reshape(point_sub + arr.shape[1:]))
            if st is not None:
                if st.kind == "zarr":
                    st.ensure_template(self._template(schema))
                dims = self.point_dims + ((self.target.member_dim,) if self.n_members is not None else ())
                st.write_chunk(res.chunk, dict(zip(dims, region)), variables, res.warnings)
            else:
                results[res.chunk] = (variables, res.warnings)
            chunk_seconds.append(res.seconds)
            done[0] += 1
            if progress is not None:
                progress(done[0], self.n_chunks)

        job = Job(self.target, self.fixed, numba_threads)
        info = {"backend": backend, "workers": 0}
        if todo:
            info = execute(job, self.tasks(todo), backend=backend, workers=workers, client=client,
                           scheduler=scheduler, on_result=on_result, executor=executor)
        if st is not None:
            data, chunk_warnings = st.read(regions, schema, {n: self._shape(s) for n, s in schema["outputs"].items()})
        else:
            data = {name: np.empty(self._shape(spec), dtype=np.dtype(spec["dtype"]))
                    for name, spec in schema["outputs"].items()}
            chunk_warnings = []
            for k in sorted(results):
                variables, w = results[k]
                for name in data:
                    data[name][regions[k]] = variables[name][1]
                chunk_warnings += w
        for cat, msg in dict.fromkeys(tuple(w) for w in chunk_warnings):
            warnings.warn(msg, ValidityWarning if cat == "ValidityWarning" else UserWarning, stacklevel=4)
        ds = self._dataset(schema, data, chunk_warnings)
        if st is not None and not st.complete:
            st.finish(ds, chunk_warnings)
        return ds, todo, finished, info

    def _schema_from(self, res) -> dict:
        outputs = {}
        for name, arr in res.data.items():
            if name in self.fixed or name in self.grid or name in self.points or name in self.dims:
                raise SweepError(f"target {self.target.name!r} returned an output named {name!r}, which is also a "
                                 f"parameter or dimension of the sweep; rename one of them")
            extra = arr.shape[1 + (self.n_members is not None):]
            clash = [d for d in res.dims[name] if d in self.dims]
            if clash:
                raise SweepError(f"target {self.target.name!r}: output {name!r} has the dimension {clash[0]!r}, which "
                                 f"is also a dimension of the sweep; rename one of them")
            outputs[name] = {"dims": list(res.dims[name]), "shape": list(extra), "dtype": arr.dtype.str,
                             "attrs": res.attrs[name]}
        coords = {}
        declared = dict(self.target.coords)
        for name, spec in outputs.items():
            for d, size in zip(spec["dims"], spec["shape"]):
                if d in res.coords or d in coords:
                    continue
                if d in declared:
                    values, attrs = declared[d]
                    coords[d] = {"dims": [d], "values": _jsonable(np.asarray(values)), "attrs": dict(attrs)}
        for cname, (cdims, values, attrs) in res.coords.items():
            coords[cname] = {"dims": list(cdims), "values": _jsonable(np.asarray(values)), "attrs": dict(attrs)}
        return {"outputs": outputs, "coords": coords}

    def _check_against(self, schema: dict, res) -> bool:
        """Check a chunk's outputs against the schema; returns True if a string output had to be widened."""
        widened = False
        if set(res.data) != set(schema["outputs"]):
            raise SweepError(f"target {self.target.name!r} returned outputs {sorted(res.data)} in chunk {res.chunk} "
                             f"but {sorted(schema['outputs'])} before; every point must return the same outputs")
        for name, spec in schema["outputs"].items():
            arr = res.data[name]
            extra = list(arr.shape[1 + (self.n_members is not None):])
            if extra != spec["shape"] or list(res.dims[name]) != spec["dims"]:
                raise SweepError(f"target {self.target.name!r}: output {name!r} has shape {tuple(extra)} in chunk "
                                 f"{res.chunk} but {tuple(spec['shape'])} before; outputs must have the same shape "
                                 f"at every point")
            if arr.dtype.kind == "U" and spec["dtype"][1] == "U":
                if arr.dtype.itemsize > np.dtype(spec["dtype"]).itemsize:
                    spec["dtype"] = arr.dtype.str  # strings: the widest of all chunks, whatever their order
                    widened = True
            elif arr.dtype.str != spec["dtype"]:
                raise SweepError(f"target {self.target.name!r}: output {name!r} has dtype {arr.dtype} in chunk "
                                 f"{res.chunk} but {spec['dtype']} before")
        for cname, (cdims, values, _) in res.coords.items():
            known = schema["coords"].get(cname)
            if known is not None and _jsonable(np.asarray(values)) != known["values"]:
                raise SweepError(f"target {self.target.name!r}: coordinate {cname!r} differs between chunks; outputs "
                                 f"must share their coordinates")
        return widened

    def __repr__(self) -> str:
        dims = ", ".join(f"{k}: {v}" for k, v in self.dims.items())
        return f"Sweep({self.target.name!r}, dims=({dims}), chunks={self.n_chunks})"


def sweep(target, grid=None, points=None, fixed=None, *, chunks=None, seed=None, streams="independent", kinds=None,
          outputs=None, vectorized=None, stochastic=None, **run_options):
    """Define and run a sweep in one call: ``Sweep(target, grid, points, fixed, ...).run(**run_options)``.

    >>> import numpy as np
    >>> from thermophoresis.sweep import sweep
    >>> def drag(diameter, viscosity=1.8e-5, speed=0.01):
    ...     return {"drag": 3 * np.pi * viscosity * diameter * speed}
    >>> ds = sweep(drag, grid={"diameter": ["1 um", "10 um"], "speed": [0.01, 0.1]}, outputs={"drag": "N"})
    >>> ds["drag"].shape, ds["drag"].attrs["units"], ds["diameter"].values.tolist()
    ((2, 2), 'N', [1e-06, 1e-05])
    """
    s = Sweep(target, grid, points, fixed, chunks=chunks, seed=seed, streams=streams, kinds=kinds, outputs=outputs,
              vectorized=vectorized, stochastic=stochastic)
    return s.run(**run_options)


def _code_hash(target: Target):
    """Hash of a user target's code (its bytecode, constants and names), so that editing the function is seen
    on resume; None for the registered targets (their code is the package's, whose version the store records)."""
    from .spec import TARGETS

    if TARGETS.get(target.name) is target:
        return None
    code = getattr(getattr(target.func, "__func__", target.func), "__code__", None)
    if code is None:
        return None

    def walk(c):
        consts = [walk(k) if hasattr(k, "co_code") else repr(k) for k in c.co_consts]
        return [c.co_code.hex(), consts, list(c.co_names), list(c.co_varnames)]

    defaults = getattr(target.func, "__defaults__", None), getattr(target.func, "__kwdefaults__", None)
    text = json.dumps([walk(code), repr(defaults)], separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _closest(name, known):
    close = closest_names(name, known)
    return f"; closest: {', '.join(close)}" if close else ""
