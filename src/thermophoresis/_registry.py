"""One registry convention for every named choice in the toolkit (private floor-2 module).

Force models, Cunningham slip sets, photophoresis models, transport correlations, gas species and
materials (and, as their owners adopt it, Nusselt correlations, molecular models and sweep targets) are
each a :class:`Registry`: a read-only mapping from a canonical name to an entry, with

- **case-insensitive lookup with aliases**: ``"Talbot"``, ``"TALBOT"`` and an alias all find the same
  entry; ``-``, ``_`` and spaces are interchangeable (``"li-wang"`` is ``"li_wang"``);
  ``lookup(name)`` and ``registry[name]`` raise for unknown names, ``get(name)`` returns None;
- **closest-name suggestions**: an unknown name raises
  :class:`~thermophoresis.exceptions.UnknownNameError` (a ``ValueError`` and a ``KeyError``) that lists
  the closest known names and all canonical ones;
- **validity filtering**: ``names(valid_at=Kn)`` lists the entries whose ``kn_range`` contains ``Kn``
  (``Kn = mfp / radius``); entries without a range are always listed. Choices valid over other
  variables (a Nusselt correlation over Re and Pr) keep them in ``ranges`` and filter with keywords,
  ``names(reynolds=5e3, prandtl=0.7)``;
- **plain data out**: ``to_dict()`` gives ``{name: entry.to_dict()}`` for the CLI and the docs;
- **registration beside each function**: ``REG.add(entry)`` next to the function it describes, or the
  :meth:`Registry.register` decorator for entries that are just a function and some metadata
  (:class:`Choice`);
- **entries made on first use**: ``REG.add_lazy(name, module, aliases=...)`` reserves a name (and its place
  in the order) for an entry that ``module`` registers when it is imported; the module is imported the first
  time the entry itself is needed (a lookup, ``values()``, ``names(valid_at=...)``, ``to_dict()``), so that
  a model with large tables costs nothing to callers that never use it. Names, order, ``in`` and the errors
  for unknown names never import it;
- **a compiled twin**: entries may carry a ``kernel`` (a Numba-compiled version of the same scalar
  formula, built from the one Python source); callers that can use it look at ``entry.kernel`` instead
  of checking names.

The registry itself is plain Python (no NumPy, no Numba) so that every floor may import it.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .exceptions import UnknownNameError

__all__ = ["Choice", "Registry", "normalize", "closest"]

T = TypeVar("T")
_PENDING = object()  # the value of a reserved name (add_lazy) until its module registers the entry


def normalize(name: str) -> str:
    """Lookup key of a name: lower case, surrounding blanks stripped, ``-`` and spaces read as ``_``."""
    return str(name).strip().lower().replace("-", "_").replace(" ", "_")


def closest(name: str, known, n: int = 3) -> list[str]:
    """Up to ``n`` spellings from ``known`` closest to ``name`` (difflib ratio >= 0.4, case-insensitive)."""
    by_key: dict[str, str] = {}
    for k in known:
        by_key.setdefault(normalize(k), k)
    hits = difflib.get_close_matches(normalize(name), list(by_key), n=n, cutoff=0.4)
    return [by_key[h] for h in hits]


@dataclass(frozen=True)
class Choice:
    """A registry entry for a choice that is a function plus metadata (a correlation, a named model).

    Attributes
    ----------
    name : str
        Canonical, short, stable name (what the CLI and TOML files take).
    function : callable or None
        The plain (NumPy) function.
    label : str
        Human-readable name, e.g. ``"Rohatschek (1995)"``.
    reference : str
        Where the formula comes from (author, year, journal, equation).
    description : str
        One line on what it is and when to use it.
    aliases : tuple of str
        Other accepted spellings.
    kn_range : tuple or None
        Knudsen numbers (``mfp / radius``) where the model is valid, or None (no Kn range).
    ranges : dict
        Validity ranges over other variables, ``{"reynolds": (3000.0, 5e6), ...}`` (closed intervals).
    kernel : callable or None
        Compiled twin of ``function`` (same formula, same arguments), if there is one.
    """

    name: str
    function: Callable | None = None
    label: str = ""
    reference: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()
    kn_range: tuple[float, float] | None = None
    ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict, compare=False)
    kernel: Callable | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        out = {
            "name": self.name,
            "label": self.label,
            "reference": self.reference,
            "description": self.description,
            "aliases": list(self.aliases),
            "kn_range": None if self.kn_range is None else list(self.kn_range),
            "has_kernel": self.kernel is not None,
        }
        if self.ranges:
            out["ranges"] = {k: list(v) for k, v in self.ranges.items()}
        return out

    def outside(self, **values) -> list[str]:
        """Which of ``values`` (``reynolds=...``) leave :attr:`ranges` somewhere (arrays: any element)."""
        bad = []
        for key, value in values.items():
            rng = self.ranges.get(key)
            if rng is None:
                continue
            if hasattr(value, "ravel"):  # a NumPy array (the registry itself does not import NumPy)
                vals = value.ravel().tolist()
            elif isinstance(value, (list, tuple)):
                vals = list(value)
            else:
                vals = [value]
            if any(not rng[0] <= float(v) <= rng[1] for v in vals):
                bad.append(key)
        return bad


class Registry(Mapping, Generic[T]):
    """A named table of entries with one lookup convention (see the module docstring).

    Parameters
    ----------
    kind : str
        What the entries are, for error messages (``"model"``, ``"slip correction"``, ``"gas"``).
    name_of : callable, optional
        How to read an entry's canonical name (default: ``entry.name``).

    As a :class:`~collections.abc.Mapping` it iterates over canonical names in registration order, and
    ``registry[name]`` / ``name in registry`` accept any spelling :meth:`get` accepts.
    """

    def __init__(self, kind: str, *, name_of: Callable[[Any], str] | None = None):
        self.kind = kind
        self._name_of = name_of or (lambda e: e.name)
        self._entries: dict[str, T] = {}
        self._keys: dict[str, str] = {}  # normalized spelling -> canonical name
        self._spellings: dict[str, str] = {}  # every accepted spelling as written -> canonical name
        self._lazy: dict[str, tuple[str, tuple[str, ...]]] = {}  # reserved name -> (module, its spellings)

    # ---- registration --------------------------------------------------------------------------
    def add(self, entry: T, *, aliases=()) -> T:
        """Register ``entry`` under its canonical name, its own ``aliases`` and the extra ``aliases``."""
        name = self._name_of(entry)
        spellings = [name, *getattr(entry, "aliases", ()), *aliases]
        if name in self._lazy:  # the entry a reservation waited for: it takes the reserved place
            module, reserved = self._lazy[name]
            if tuple(spellings) != reserved:
                raise ValueError(f"{self.kind} {name!r} from {module} is spelled {spellings}, reserved as "
                                 f"{list(reserved)}: change the add_lazy call to match")
            del self._lazy[name]
            self._entries[name] = entry
            return entry
        if name in self._entries:
            raise ValueError(f"{self.kind} {name!r} registered twice")
        for s in spellings:
            key = normalize(s)
            owner = self._keys.get(key)
            if owner is not None and owner != name:
                raise ValueError(f"{self.kind} spelling {s!r} of {name!r} is already taken by {owner!r}")
        self._entries[name] = entry
        for s in spellings:
            self._keys[normalize(s)] = name
            self._spellings.setdefault(s, name)
        return entry

    def add_lazy(self, name: str, module: str, *, aliases=()) -> None:
        """Reserve ``name`` and ``aliases`` for the entry that importing ``module`` registers with :meth:`add`.

        The entry keeps this place in the order. Its module is imported when the entry is first needed; the
        entry must be spelled as reserved (its name, then its own aliases), or :meth:`add` raises.
        """
        if name in self._entries:
            raise ValueError(f"{self.kind} {name!r} registered twice")
        spellings = (name, *aliases)
        for s in spellings:
            owner = self._keys.get(normalize(s))
            if owner is not None:
                raise ValueError(f"{self.kind} spelling {s!r} of {name!r} is already taken by {owner!r}")
        self._entries[name] = _PENDING
        self._lazy[name] = (module, spellings)
        for s in spellings:
            self._keys[normalize(s)] = name
            self._spellings.setdefault(s, name)

    def _entry(self, name: str) -> T:
        """The entry registered under the canonical ``name``, importing its module if it was reserved."""
        entry = self._entries[name]
        if entry is _PENDING:
            from importlib import import_module

            module = self._lazy[name][0]
            import_module(module)
            entry = self._entries[name]
            if entry is _PENDING:
                raise RuntimeError(f"importing {module} did not register the {self.kind} {name!r}")
        return entry

    def _all(self) -> dict[str, T]:
        """Every entry (reserved ones imported), by canonical name in order."""
        for name in list(self._lazy):
            self._entry(name)
        return self._entries

    def register(self, name: str | None = None, **metadata):
        """Decorator: register the decorated function as a :class:`Choice` (name defaults to its own).

        >>> R = Registry("example")
        >>> @R.register("double", reference="arithmetic")
        ... def twice(x):
        ...     return 2 * x
        >>> R.lookup("DOUBLE").function(2)
        4
        """

        def deco(func):
            self.add(Choice(name=name or func.__name__, function=func, **metadata))
            return func

        return deco

    def replace(self, name: str, **changes) -> T:
        """Swap an entry for a copy with ``changes`` (a dataclass entry; used to attach a ``kernel``)."""
        canonical = self.canonical(name)
        new = dataclasses.replace(self._entry(canonical), **changes)
        self._entries[canonical] = new
        return new

    # ---- lookup ----------------------------------------------------------------------------------
    def canonical(self, name, parameter: str | None = None) -> str:
        """The canonical name for any accepted spelling; unknown names raise UnknownNameError.

        ``parameter`` names the argument the name came from (``"correlation"``); it is carried by the
        error (``exc.parameter``) so that each front end can name it its own way.
        """
        if type(name) is str:
            hit = self._spellings.get(name)
            if hit is not None:
                return hit
            hit = self._keys.get(normalize(name))
            if hit is not None:
                return hit
        raise self.unknown(name, parameter)

    def lookup(self, name, parameter: str | None = None) -> T:
        """The entry for ``name`` (any accepted spelling); an entry of this registry passes through.

        Unknown names raise :class:`~thermophoresis.exceptions.UnknownNameError` with the closest names.
        (``get`` keeps the ``Mapping`` meaning: ``None`` or a default for an unknown name.)
        """
        if type(name) is str:
            hit = self._spellings.get(name)
            if hit is None:
                hit = self._keys.get(normalize(name))
            if hit is not None:
                return self._entry(hit)
        elif any(name is e for e in self._all().values()):
            return name
        raise self.unknown(name, parameter)

    def unknown(self, name, parameter: str | None = None) -> UnknownNameError:
        """The error for an unknown ``name``: closest spellings, then every canonical name.

        The error carries ``parameter`` (None unless given), ``value`` and ``allowed``.
        """
        near = closest(str(name), self._spellings)
        hint = f"; closest: {', '.join(near)}" if near else ""
        known = ", ".join(self._entries)
        return UnknownNameError(f"unknown {self.kind} {name!r}{hint}. Known: {known}",
                                parameter=parameter, value=name, allowed=f"one of {known}")

    def names(self, valid_at=None, **ranges) -> list[str]:
        """Canonical names; with ``valid_at=Kn`` only those whose ``kn_range`` contains ``Kn`` (mfp/radius).

        Keywords filter on the entries' other ``ranges``: ``names(reynolds=5e3)`` keeps the entries whose
        ``ranges["reynolds"]`` contains 5e3 (and those without a Reynolds range).
        """
        if valid_at is None and not ranges:
            return list(self._entries)
        out = []
        for name, entry in self._all().items():
            if valid_at is not None:
                rng = getattr(entry, "kn_range", None)
                if rng is not None and not rng[0] <= float(valid_at) <= rng[1]:
                    continue
            own = getattr(entry, "ranges", None) or {}
            if any(k in own and not own[k][0] <= float(v) <= own[k][1] for k, v in ranges.items()):
                continue
            out.append(name)
        return out

    def aliases(self, name) -> list[str]:
        """Every accepted spelling of ``name`` other than the canonical one, as registered."""
        canonical = self.canonical(name)
        return [s for s, n in self._spellings.items() if n == canonical and s != canonical]

    def to_dict(self) -> dict:
        """``{name: entry.to_dict()}`` (entries without ``to_dict`` give their repr), for CLI and docs."""
        out = {}
        for name, entry in self._all().items():
            if hasattr(entry, "to_dict"):
                d = entry.to_dict()
            elif dataclasses.is_dataclass(entry):
                d = {k: v for k, v in dataclasses.asdict(entry).items() if not callable(v)}
            else:
                d = {"name": name, "value": repr(entry)}
            d.setdefault("aliases", self.aliases(name))
            out[name] = d
        return out

    # ---- Mapping -------------------------------------------------------------------------------
    def __getitem__(self, name) -> T:
        return self.lookup(name)

    def __contains__(self, name) -> bool:
        if type(name) is not str:
            return False
        return name in self._spellings or normalize(name) in self._keys

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}: {', '.join(self._entries)})"
