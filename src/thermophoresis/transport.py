"""Deprecated name of :mod:`thermophoresis.drift` (kept for one release).

``thermophoresis.transport`` collided with :mod:`thermophoresis.gas.transport` (the gas's viscosity and
conductivity); the force and velocity functions now live in :mod:`thermophoresis.drift`, and the main
ones are on the package face (``from thermophoresis import thermophoresis``). This module re-exports every
name of :mod:`thermophoresis.drift` (the same objects, private names included), so old imports keep working,
and its first import raises a :class:`DeprecationWarning` naming the new module. Nothing in the package
imports it any more (``tests/test_deprecated_transport.py`` checks both).
"""

import warnings as _warnings

from . import drift as _drift

_warnings.warn("thermophoresis.transport is deprecated and will be removed in the next release; import from "
               "thermophoresis.drift (the same functions) or from the package face", DeprecationWarning,
               stacklevel=2)

globals().update({k: v for k, v in vars(_drift).items() if not (k.startswith("__") and k.endswith("__"))})
__all__ = list(_drift.__all__)
