"""Lagrangian particle tracking: Numba kernels, fields and the :class:`Tracker`."""

from .fields import ProfileZ, UniformGradient
from .tracker import WALL_NAMES, Tracker, TrackResult

__all__ = ["ProfileZ", "Tracker", "TrackResult", "UniformGradient", "WALL_NAMES"]
