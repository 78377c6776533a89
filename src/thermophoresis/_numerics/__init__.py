"""Numerics shared by the compiled kernels of the tracker and the DSMC (floor 2: imports only NumPy and Numba).

- :mod:`thermophoresis._numerics.rng`: counter-based random streams (SplitMix64 keyed by seed, particle id
  and step) and the ziggurat normal deviate, so that every random number is a pure function of its counters
  and results do not depend on chunking or threads.
"""

from .rng import (
    ZIG_F,
    ZIG_X,
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

__all__ = ["ZIG_F", "ZIG_X", "next_state", "normal_pair", "normal_pair_from", "normals", "particle_key", "splitmix64",
           "step_stream", "stream", "ziggurat_normal", "ziggurat_normals"]
