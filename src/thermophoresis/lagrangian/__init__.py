"""Lagrangian particle tracking: Numba kernels, fields and the :class:`Tracker`."""

from .fields import Grid3D, ProfileZ, StagnationPoint, UniformGradient
from .tracker import WALL_NAMES, Tracker, TrackResult

__all__ = ["Grid3D", "ProfileZ", "StagnationPoint", "Tracker", "TrackResult", "UniformGradient", "WALL_NAMES"]
