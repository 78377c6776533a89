"""A griffe extension: the API pages show the docstrings that :func:`thermophoresis._docs.fill` completes.

griffe reads docstrings from the source, where a shared text stands as a slot line ``%(name)s``. For each
object whose source docstring has such a slot, this extension imports the object and puts its runtime
``__doc__`` (filled at import) in place of the source text; every other object is left as griffe read it,
so no module is inspected as a whole (``force_inspection`` would be, and it changes how classes, aliases
and registries render). A slot still there at run time (a docstring someone forgot to decorate) is logged
as a warning, which fails ``mkdocs build --strict``.

Registered in ``mkdocs.yml`` under the mkdocstrings Python handler's ``options.extensions``.
"""

from __future__ import annotations

import importlib
import inspect
import logging
from typing import Any

import griffe

from thermophoresis._docs import SLOT

logger = logging.getLogger("griffe")  # mkdocstrings forwards griffe's log to MkDocs (strict: warnings fail)


def runtime_object(obj: griffe.Object) -> Any:
    """The live Python object behind ``obj``: its module imported, then attribute by attribute."""
    module = obj.module
    target: Any = importlib.import_module(module.path)
    for name in obj.path[len(module.path) + 1:].split(".") if obj is not module else ():
        target = getattr(target, name)
    return target


def filled_docstring(obj: griffe.Object) -> str | None:
    """``obj``'s docstring as the API page should show it: the runtime (filled) text where the source has
    a slot, else ``None`` (keep what griffe read)."""
    if obj.docstring is None or not SLOT.search(obj.docstring.value):
        return None
    doc = inspect.getdoc(runtime_object(obj)) or ""
    if SLOT.search(doc):
        logger.warning("%s: docstring slot %r is not filled at import (decorate it with _docs.fill)",
                       obj.path, SLOT.search(doc).group(0).strip())
    return doc


class FilledDocstrings(griffe.Extension):
    """Replace a source docstring that has ``%(name)s`` slots by the filled runtime ``__doc__``."""

    def on_object(self, *, obj: griffe.Object, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        doc = filled_docstring(obj)
        if doc is None:
            return
        old = obj.docstring
        obj.docstring = griffe.Docstring(doc, lineno=old.lineno, endlineno=old.endlineno, parent=obj,
                                         parser=old.parser, parser_options=old.parser_options)
