"""What a sweep can run: targets, their parameters and outputs, and the registry of named targets.

A *target* is a function of keyword arguments (SI floats, integers, strings or booleans) that returns
numbers, arrays, a dict of them, or xarray objects. :class:`Target` adds what the sweep needs to know
about it: which parameters it takes and their physical quantities (so that ``"200 nm"`` can be converted
at the edge), what it returns and in which units, which parameters it accepts as arrays (one call per
chunk instead of one per point), and whether it is an *ensemble* (its members, e.g. particles, are split
into chunks of their own) or *stochastic* (it takes a ``seed``).

The registry :data:`TARGETS` maps short names (``"force"``, ``"tube"``, ``"wafer"``, ``"precipitator"``,
``"track"``, ``"dsmc"``) to targets, so that sweep files and the CLI name them without importing code.
"""

from __future__ import annotations

import math

import numpy as np
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .. import _params
from .._registry import Registry
from ..exceptions import InputError
from ..units import DIMENSIONS

__all__ = ["Output", "Param", "TARGETS", "Target", "get_target", "register_target", "target_from_callable"]

#: Names the sweep uses itself; no parameter or output may take them.
RESERVED = ("point", "members", "seed")


#: A target's parameter is the toolkit's one parameter declaration (kind, unit, bounds, choices, help); the
#: name stays importable from here. The sweep converts file values with :meth:`Param.load`.
Param = _params.Param


@dataclass(frozen=True)
class Output:
    """One output of a target: its unit, the dimensions it adds beyond the sweep's, and its dtype.

    ``coords`` names coordinates along those dimensions that the target returns with its values (as
    xarray coordinates), so that sweep files may plot against them.
    """

    units: str = ""
    dims: tuple[str, ...] = ()
    dtype: str = "float64"
    description: str = ""
    coords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Target:
    """A function the sweep can evaluate, with what the sweep needs to know about it.

    Parameters
    ----------
    name : str
        Registry name, or a label for a user function (shown in errors and in the Dataset attributes).
    func : callable
        Called with keyword arguments. It must be importable (a module-level function) to run on the
        ``"processes"`` backend; Dask can also send local functions and lambdas.
    params : mapping of str to Param, optional
        The parameters it takes; ``None`` accepts any keyword (user functions), with quantities taken from
        ``kinds``.
    outputs : mapping of str to Output, optional
        What it returns (dict keys); ``None`` infers names, dims and units from the first results.
    vectorized : tuple of str, or True
        Parameters that may be given as 1-D arrays, one value per point; the function must then return
        arrays whose first axis runs over those points. ``True``: every numeric parameter.
    ensemble : str, optional
        Integer parameter giving the number of members (e.g. particles) of an ensemble target. The function
        is then called with ``members`` (the global member indices of a chunk, int64) and returns arrays
        whose first axis runs over them; members are split into chunks along ``member_dim``.
    member_dim : str
        Dimension name of the members ("particle").
    stochastic : bool
        The function takes ``seed`` (a non-negative integer below 2**seed_bits), derived per point from the
        sweep seed so that results do not depend on chunking or backend.
    seed_bits : int
        Width of the derived seeds (63 for the tracker's counter-based streams, 32 for NumPy-style seeds).
    chunk_points, chunk_members : int
        Default chunk sizes (points per chunk, members per chunk).
    coords : mapping
        Coordinates of output dimensions: ``{dim: (values, attrs)}``.
    kinds : mapping of str to str
        For ``params=None``: the quantity of each parameter that has one (``{"diameter": "length"}``).
    finalize : callable, optional
        ``finalize(dataset) -> dataset``, run once on the combined result (e.g. ensemble statistics).
    derived : mapping of str to str
        Names (and descriptions) of the variables ``finalize`` adds, so sweep files can plot them.
    description : str
        One line for listings.
    aliases : tuple of str
        Other names sweep files may use (lookup also ignores case).
    """

    name: str
    func: Callable
    params: Mapping[str, Param] | None = None
    outputs: Mapping[str, Output] | None = None
    vectorized: tuple[str, ...] | bool = ()
    ensemble: str | None = None
    member_dim: str = "particle"
    stochastic: bool = False
    seed_bits: int = 63
    chunk_points: int = 1
    chunk_members: int = 100_000
    coords: Mapping[str, tuple] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)
    finalize: Callable | None = None
    derived: Mapping[str, str] = field(default_factory=dict)
    description: str = ""
    aliases: tuple[str, ...] = ()

    def __post_init__(self):
        if self.params is not None:  # each declaration carries its name (for errors and listings)
            object.__setattr__(self, "params", _params.table(**self.params))
        if not callable(self.func):
            raise InputError(f"target {self.name!r}: func must be callable, got {self.func!r}")
        for name, kind in self.kinds.items():
            if kind not in DIMENSIONS:
                raise InputError(f"kinds[{name!r}] must be one of {', '.join(DIMENSIONS)}, got {kind!r}")
        if self.ensemble is not None and self.params is not None:
            p = self.params.get(self.ensemble)
            if p is None or p.type is not int:
                raise InputError(f"target {self.name!r}: ensemble parameter {self.ensemble!r} must be an int Param")
        if not (isinstance(self.seed_bits, int) and 1 <= self.seed_bits <= 63):
            raise InputError(f"target {self.name!r}: seed_bits must be an integer in [1, 63], got {self.seed_bits!r}")
        for label, value in (("chunk_points", self.chunk_points), ("chunk_members", self.chunk_members)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InputError(f"target {self.name!r}: {label} must be an integer >= 1, got {value!r}")

    def param(self, name: str) -> Param | None:
        """The declared parameter, a Param built from ``kinds`` for open targets, or None if unknown."""
        if self.params is None:
            return Param(kind=self.kinds.get(name), type=_ANY, name=name)
        return self.params.get(name)

    def is_vectorized(self, name: str) -> bool:
        if self.vectorized is True:
            p = self.param(name)
            return p is not None and p.type in (float, _ANY)
        return name in (self.vectorized or ())

    @property
    def ref(self) -> str:
        """What identifies the target in a sweep's fingerprint."""
        if self.name in TARGETS and TARGETS[self.name] is self:
            return self.name
        mod = getattr(self.func, "__module__", None) or "?"
        qual = getattr(self.func, "__qualname__", None) or getattr(self.func, "__name__", None) or repr(self.func)
        return f"{self.name} ({mod}:{qual})"


#: The type of the parameters of open targets (user functions): any value, quantities inferred by the sweep.
_ANY = object


class _TargetRegistry(Registry):
    """The sweep targets: the toolkit's registry convention (case-insensitive names, aliases, closest names),
    plus replacing an entry (``register_target(t, replace=True)``)."""

    def put(self, target, replace: bool = False):
        if target.name in self._entries:
            if not replace:
                raise InputError(f"a target named {target.name!r} is already registered; pass replace=True to "
                                 f"replace it", parameter="target", value=target.name, allowed="a new name")
            self._entries[target.name] = target
            return target
        return self.add(target)

    def get(self, name, default=None):  # Mapping.get without raising for non-string keys
        try:
            return self.lookup(name)
        except KeyError:
            return default


#: Named targets (filled by :mod:`thermophoresis.sweep.targets`); lookup ignores case and takes aliases.
TARGETS: _TargetRegistry = _TargetRegistry("sweep target")


def register_target(target: Target, *, replace: bool = False) -> Target:
    """Add a target to :data:`TARGETS` (so sweep files can name it); ``Target.aliases`` are other spellings."""
    if not isinstance(target, Target):
        raise InputError(f"register_target takes a Target, got {target!r}")
    return TARGETS.put(target, replace)


def get_target(name: str) -> Target:
    """The registered target ``name`` (any case or alias); an unknown name lists the closest and known ones.

    The registry is filled when the package :mod:`thermophoresis.sweep` is imported (its ``__init__`` imports
    :mod:`.targets`, which imports this module), so this module never imports :mod:`.targets` itself.
    """
    if not isinstance(name, str):
        raise InputError(f"target must be a name, a Target or a callable, got {name!r}")
    return TARGETS.lookup(name)


def target_from_callable(func, *, kinds=None, outputs=None, vectorized=False, stochastic=False,
                         name: str | None = None) -> Target:
    """Wrap a plain function as an open target (any keyword parameters).

    ``outputs`` may map output names to units strings (``{"force": "N"}``) or to :class:`Output`.
    """
    if not callable(func):
        raise InputError(f"target must be a registered name, a Target or a callable, got {func!r}")
    outs = None
    if outputs is not None:
        if not isinstance(outputs, Mapping):
            raise InputError(f"outputs must map output names to units or Output, got {outputs!r}")
        outs = {}
        for key, value in outputs.items():
            if isinstance(value, Output):
                outs[key] = value
            elif isinstance(value, str):
                outs[key] = Output(units=value, dtype="")
            else:
                raise InputError(f"outputs[{key!r}] must be a units string or an Output, got {value!r}")
    label = name or getattr(func, "__name__", None) or type(func).__name__
    if vectorized not in (True, False) and not (isinstance(vectorized, (tuple, list))
                                                and all(isinstance(v, str) for v in vectorized)):
        raise InputError(f"vectorized must be True, False or a list of parameter names, got {vectorized!r}")
    vec = True if vectorized is True else tuple(vectorized or ())
    return Target(label, func, params=None, outputs=outs, vectorized=vec, stochastic=bool(stochastic),
                  kinds=dict(kinds or {}))


def resolve_target(target, *, kinds=None, outputs=None, vectorized=None, stochastic=None) -> Target:
    """A Target from a registered name, a Target, or a callable (with the options for open targets)."""
    if isinstance(target, Target):
        extra = {k: v for k, v in (("kinds", kinds), ("outputs", outputs), ("vectorized", vectorized),
                                   ("stochastic", stochastic)) if v is not None}
        if extra:
            raise InputError(f"{', '.join(extra)} apply to plain functions; a Target declares them itself")
        return target
    if isinstance(target, str):
        t = get_target(target)
        extra = [k for k, v in (("kinds", kinds), ("outputs", outputs), ("vectorized", vectorized),
                                ("stochastic", stochastic)) if v is not None]
        if extra:
            raise InputError(f"{', '.join(extra)} apply to plain functions; target {target!r} declares them itself")
        return t
    return target_from_callable(target, kinds=kinds, outputs=outputs,
                                vectorized=False if vectorized is None else vectorized, stochastic=bool(stochastic))


def default_output_name(target: Target) -> str:
    name = getattr(target.func, "__name__", "")
    return name if name.isidentifier() and name != "<lambda>" else "value"


def derive_seed(base: int, point: dict, bits: int) -> int:
    """A seed for one point: a hash of the sweep seed and the point's swept parameter values.

    It depends on the values, not on the position of the point in the grid or on the chunking, so the
    same point gives the same random streams in any sweep that contains it.
    """
    import hashlib
    import json

    text = json.dumps([int(base), sorted((k, _plain(v)) for k, v in point.items())], separators=(",", ":"))
    digest = hashlib.blake2b(text.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> (64 - bits)


def _plain(v):
    """One canonical text for a value: 1, 1.0, np.int64(1) and np.float64(1.0) hash alike."""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, float, np.integer, np.floating)):
        x = float(v)
        return x.hex() if math.isfinite(x) else repr(x)
    return v
