"""A uniform temperature gradient with a uniform gas velocity."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numba as nb
import numpy as np

from .._validation import check_finite, check_positive
from ..exceptions import InputError
from .._params import Param
from .base import register_evaluator, register_field_type


class UniformData(NamedTuple):
    t0: float  # temperature at the origin [K]
    gx: float  # gradient [K/m]
    gy: float
    gz: float
    ux: float  # gas velocity [m/s]
    uy: float
    uz: float
    ox: float  # origin [m]
    oy: float
    oz: float


@nb.njit(cache=True, inline="always")
def evaluate_uniform(d, x0, x1, x2):
    t = d.t0 + d.gx * (x0 - d.ox) + d.gy * (x1 - d.oy) + d.gz * (x2 - d.oz)
    return t, d.gx, d.gy, d.gz, d.ux, d.uy, d.uz


register_evaluator(UniformData, evaluate_uniform)


@dataclass(frozen=True)
class UniformGradient:
    """Uniform temperature gradient and uniform gas velocity: T = T0 + G·(x − x0), u = U.

    Parameters
    ----------
    temperature : float
        Gas temperature at ``origin`` [K].
    gradient : (3,) sequence
        Temperature gradient [K/m].
    velocity : (3,) sequence
        Gas velocity [m/s].
    origin : (3,) sequence
        [m]
    """

    temperature: float
    gradient: tuple = (0.0, 0.0, 0.0)
    velocity: tuple = (0.0, 0.0, 0.0)
    origin: tuple = (0.0, 0.0, 0.0)

    def __post_init__(self):
        check_positive("temperature", self.temperature, "K")
        for name in ("gradient", "velocity", "origin"):
            v = np.asarray(getattr(self, name), dtype=float)
            if v.shape != (3,):
                raise InputError(f"{name} must have 3 components, got shape {v.shape}")
            check_finite(name, v)

    @cached_property
    def kernel_data(self) -> UniformData:
        return UniformData(float(self.temperature), *(float(v) for v in self.gradient),
                           *(float(v) for v in self.velocity), *(float(v) for v in self.origin))

    def kernel_arrays(self):
        """Deprecated: the integer-switch layout of the former kernel (kept for the benchmark)."""
        fp = np.array([self.temperature, *self.gradient, *self.velocity, *self.origin], dtype=float)
        return 0, fp, np.zeros((1, 2))

    def temperature_at(self, points):
        p = np.asarray(points, dtype=float)
        return self.temperature + (p - np.asarray(self.origin)) @ np.asarray(self.gradient, dtype=float)

    def temperature_bounds(self, lo=None, hi=None):
        """Extreme temperatures over the box [lo, hi] (its corners); unbounded without a box."""
        if lo is None or hi is None:
            g = np.asarray(self.gradient, dtype=float)
            return (float(self.temperature), float(self.temperature)) if not np.any(g) else (-math.inf, math.inf)
        corners = np.array(np.meshgrid(*zip(lo, hi))).reshape(3, -1).T
        t = self.temperature_at(corners)
        return float(t.min()), float(t.max())

    def length_scale(self) -> float:
        """T/|grad T| at the origin: the distance over which the temperature changes by itself [m]."""
        g = float(np.linalg.norm(self.gradient))
        return self.temperature / g if g > 0 else math.inf

    def gradient_bound(self) -> np.ndarray:
        """Upper bound of |dT/dx_i| per axis [K/m]."""
        return np.abs(np.asarray(self.gradient, dtype=float))

    def speed_bound(self) -> np.ndarray:
        """Upper bound of |u_i| per axis [m/s]."""
        return np.abs(np.asarray(self.velocity, dtype=float))


register_field_type(
    "uniform", UniformGradient,
    {"temperature": Param("temperature", positive=True, required=True, help="gas temperature at the origin"),
     "gradient": Param("temperature_gradient", shape=3, default=(0.0, 0.0, 0.0),
                       help="temperature gradient (3 components)"),
     "velocity": Param("velocity", shape=3, default=(0.0, 0.0, 0.0), help="gas velocity (3 components)"),
     "origin": Param("length", shape=3, default=(0.0, 0.0, 0.0), help="where T = temperature (3 components)")},
    lambda v, gas: UniformGradient(v["temperature"], tuple(v["gradient"]), tuple(v["velocity"]), tuple(v["origin"])),
    "uniform temperature gradient and uniform gas velocity")
