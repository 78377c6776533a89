"""Deprecated location of the counter-based random streams: they live in :mod:`thermophoresis._numerics.rng`.

Kept so that ``from thermophoresis.lagrangian.rng import ...`` keeps working; new code imports from
``thermophoresis._numerics``.
"""

from .._numerics.rng import (  # noqa: F401  (re-exports)
    _GOLDEN,
    _M1,
    _M2,
    _MASK32,
    _TWO32,
    _TWO53N,
    _ZIG_R,
    _ZIG_V,
    ZIG_F,
    ZIG_X,
    _next,
    _ziggurat_tables,
    next_state,
    normal_pair,
    normal_pair_from,
    normals,
    particle_key,
    splitmix64,
    step_stream,
    stream,
    ziggurat_normal,
    ziggurat_normals,
)
