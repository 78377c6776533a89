"""Lagrangian particle tracking: Numba kernels, the :class:`Tracker`, events and TOML scenarios.

The fields live in :mod:`thermophoresis.fields`; they are re-exported here (``thermophoresis.lagrangian.ProfileZ``
keeps working).
"""

from ..fields import GraetzTube, Grid3D, ProfileZ, StagnationPoint, UniformGradient, field_from_dict, graetz_eigen
from .events import Event, event_fractions
from .tracker import WALL_NAMES, Tracker, TrackResult

__all__ = ["Event", "GraetzTube", "event_fractions", "field_from_dict", "graetz_eigen", "Grid3D", "ProfileZ",
           "StagnationPoint", "Tracker", "TrackResult", "UniformGradient", "WALL_NAMES"]
