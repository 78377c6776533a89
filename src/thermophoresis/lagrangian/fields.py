"""Deprecated location of the tracker's fields: they live in :mod:`thermophoresis.fields`.

``from thermophoresis.lagrangian.fields import ProfileZ`` (and the other names) keeps working.
"""

from ..fields import GraetzTube, Grid3D, ProfileZ, StagnationPoint, UniformGradient, graetz_eigen  # noqa: F401

__all__ = ["GraetzTube", "Grid3D", "ProfileZ", "StagnationPoint", "UniformGradient", "graetz_eigen"]
