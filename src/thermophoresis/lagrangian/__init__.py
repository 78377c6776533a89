"""Lagrangian particle tracking: Numba kernels, fields and the :class:`Tracker`."""

from .fields import Grid3D, ProfileZ, UniformGradient
from .tracker import WALL_NAMES, Tracker, TrackResult

__all__ = ["Grid3D", "ProfileZ", "Tracker", "TrackResult", "UniformGradient", "WALL_NAMES"]
