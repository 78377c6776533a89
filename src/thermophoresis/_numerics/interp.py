"""Compiled interpolation helpers shared by the field evaluators and the tracker's property tables."""

from __future__ import annotations

import numba as nb


@nb.njit(cache=True, inline="always")
def uniform_cell(x, x0, dx, n):
    """Cell index and fraction of ``x`` on the uniform axis ``x0 + i dx`` (i < n), clamped: beyond the ends
    the index is the end cell and the fraction 0 or 1 (constant extrapolation)."""
    s = (x - x0) / dx
    if s <= 0.0:
        return 0, 0.0
    if s >= n - 1:
        return n - 2, 1.0
    i = int(s)
    return i, s - i
