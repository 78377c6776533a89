"""Deprecated name of :mod:`thermophoresis.drift` (kept for one release).

``thermophoresis.transport`` collided with :mod:`thermophoresis.gas.transport` (the gas's viscosity and
conductivity); the force and velocity functions now live in :mod:`thermophoresis.drift`, and the main
ones are on the package face (``from thermophoresis import thermophoresis``). This module re-exports every
name of :mod:`thermophoresis.drift` (the same objects, private names included), so old imports keep working.

No DeprecationWarning is raised on import: the CLI and several library modules still import this name,
and the CLI reports every warning raised while a command runs, so a warning here would reach users of
the CLI who never imported anything.
"""

from . import drift as _drift

globals().update({k: v for k, v in vars(_drift).items() if not (k.startswith("__") and k.endswith("__"))})
__all__ = list(_drift.__all__)
