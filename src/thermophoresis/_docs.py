"""Shared docstring text: a paragraph that several public functions repeat is written once, here or in a
module-level dictionary, and filled into each docstring at import time.

A docstring names a shared text by a line that holds only a slot, ``%(name)s`` (SciPy ``doccer``'s
spelling); :func:`fill` replaces that line by the text, indented as the slot was, so ``__doc__``,
``help()`` and the docstring checks see the complete docstring. Other ``%`` signs and braces (LaTeX) are
left alone. griffe (which renders the API pages) reads docstrings from the source; the local griffe
extension ``docs/scripts/griffe_filled.py`` replaces each docstring that has a slot by the filled
``__doc__``, so the pages show the complete text too.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Mapping
from typing import TypeVar

__all__ = ["SHARED", "SLOT", "fill", "references", "substitute"]

_F = TypeVar("_F", bound=Callable)

#: texts that docstrings of several modules share; :func:`fill` offers them beside the module's own
SHARED: dict[str, str] = {
    "mean_free_path": """mean_free_path : numeric
    Gas mean free path [m].""",
    "species_temperature": """Parameters
----------
species : str or Species
    Name or alias from the species table.
temperature : float or array_like
    Gas temperature [K].""",
}

#: a slot line: only ``%(name)s`` on it (groups: indentation, name)
SLOT = re.compile(r"^([ \t]*)%\((\w+)\)s[ \t]*$", re.M)


def substitute(doc: str | None, texts: Mapping[str, str]) -> str | None:
    """``doc`` with each slot line ``%(name)s`` replaced by ``texts[name]`` at the slot's indentation.

    A slot whose name is not in ``texts`` raises ``KeyError`` (a misspelt slot fails at import, not in
    the rendered page). ``None`` (docstrings stripped by ``python -OO``) stays ``None``.
    """
    if doc is None:
        return None

    def _one(match: re.Match) -> str:
        indent, name = match.groups()
        body = textwrap.dedent(texts[name]).strip("\n")
        return textwrap.indent(body, indent, lambda line: bool(line.strip()))

    return SLOT.sub(_one, doc)


def fill(texts: Mapping[str, str]) -> Callable[[_F], _F]:
    """Decorator: fill the slots of the decorated object's docstring from ``texts`` and :data:`SHARED`
    (see :func:`substitute`; a name in both means the module's own text)."""
    merged = {**SHARED, **texts}

    def _decorate(obj: _F) -> _F:
        obj.__doc__ = substitute(obj.__doc__, merged)
        return obj

    return _decorate


def references(*entries: str, width: int = 106) -> str:
    """A numpydoc ``References`` section that lists ``entries`` as ``.. [1]``, ``.. [2]``, ... in order.

    A module writes each work it cites once (a string: authors, year, title, journal, equation) and
    composes each docstring's section from them; every entry is wrapped at ``width`` columns (before the
    docstring's own indentation), its continuation lines indented three spaces, as RST wants.
    """
    lines = ["References", "----------"]
    for number, entry in enumerate(entries, 1):
        lines.append(textwrap.fill(" ".join(entry.split()), width, initial_indent=f".. [{number}] ",
                                   subsequent_indent="   ", break_on_hyphens=False, break_long_words=False))
    return "\n".join(lines)
