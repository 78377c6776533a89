"""Lagrangian particle tracking: Numba kernels, fields and the :class:`Tracker`."""

from .fields import GraetzTube, Grid3D, ProfileZ, StagnationPoint, UniformGradient, graetz_eigen
from .tracker import WALL_NAMES, Tracker, TrackResult

__all__ = ["GraetzTube", "graetz_eigen", "Grid3D", "ProfileZ", "StagnationPoint", "Tracker", "TrackResult", "UniformGradient", "WALL_NAMES"]
