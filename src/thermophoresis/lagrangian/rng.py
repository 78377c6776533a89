"""Deprecated location of the counter-based random streams: they live in :mod:`thermophoresis._numerics.rng`.

Kept so that ``from thermophoresis.lagrangian.rng import ...`` keeps working; new code imports from
``thermophoresis._numerics``. Every name of :mod:`thermophoresis._numerics.rng` (private ones included) is
re-exported as the very same object, so old and new imports draw identical numbers.
"""

from .._numerics import rng as _rng

globals().update({k: v for k, v in vars(_rng).items() if not (k.startswith("__") and k.endswith("__"))})
__all__ = list(_rng.__all__) if hasattr(_rng, "__all__") else [k for k in vars(_rng) if not k.startswith("_")]
