"""Gas fields for the tracker: temperature, its gradient and the gas velocity at any point.

Two kinds for now, both evaluated inside the compiled kernel:

- :class:`UniformGradient`: T = T0 + G·(x − x0), uniform gas velocity U.
- :class:`ProfileZ`: T(z) and u_x(z) tabulated on a uniform grid in z, e.g. conduction between parallel
  plates with plug or Poiseuille flow (:meth:`ProfileZ.plates`), a thermophoretic precipitator.

Pressure is uniform in the domain (the tracker takes it from its gas).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._validation import check_finite, check_positive
from ..exceptions import InputError
from .kernels import FIELD_PROFILE_Z, FIELD_UNIFORM


@dataclass(frozen=True)
class UniformGradient:
    """Uniform temperature gradient and uniform gas velocity.

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

    def kernel_arrays(self):
        fp = np.array([self.temperature, *self.gradient, *self.velocity, *self.origin], dtype=float)
        return FIELD_UNIFORM, fp, np.zeros(2), np.zeros(2)

    def temperature_at(self, points):
        p = np.asarray(points, dtype=float)
        return self.temperature + (p - np.asarray(self.origin)) @ np.asarray(self.gradient, dtype=float)

    def temperature_bounds(self, lo, hi):
        """Extreme temperatures over the box [lo, hi] (corners)."""
        corners = np.array(np.meshgrid(*zip(lo, hi))).reshape(3, -1).T
        t = self.temperature_at(corners)
        return float(t.min()), float(t.max())


@dataclass(frozen=True)
class ProfileZ:
    """T(z) and u_x(z) on a uniform grid ``z``; linear interpolation, constant beyond the ends.

    The temperature gradient is the slope of the tabulated profile (piecewise constant).
    """

    z: np.ndarray
    temperature: np.ndarray
    velocity_x: np.ndarray = field(default=None)

    def __post_init__(self):
        z = np.asarray(self.z, dtype=float)
        t = check_positive("temperature", self.temperature, "K")
        if z.ndim != 1 or z.size < 2 or np.shape(t) != z.shape:
            raise InputError("z and temperature must be 1-D arrays of the same length (>= 2)")
        dz = np.diff(z)
        if not np.allclose(dz, dz[0], rtol=1e-9, atol=0) or dz[0] <= 0:
            raise InputError("z must be uniformly spaced and increasing")
        u = np.zeros_like(z) if self.velocity_x is None else check_finite("velocity_x", self.velocity_x)
        if np.shape(u) != z.shape:
            raise InputError("velocity_x must have the shape of z")
        object.__setattr__(self, "z", z)
        object.__setattr__(self, "temperature", np.asarray(t, dtype=float))
        object.__setattr__(self, "velocity_x", np.asarray(u, dtype=float))

    @classmethod
    def plates(cls, gap, t_bottom, t_top, flow: str = "none", mean_velocity: float = 0.0, n: int = 401):
        """Conduction between plates at z = 0 (``t_bottom``) and z = ``gap`` (``t_top``), linear T
        (constant conductivity), with no flow, plug flow or plane Poiseuille flow of the given mean velocity
        along x."""
        h = check_positive("gap", gap, "m")
        z = np.linspace(0.0, h, n)
        t = t_bottom + (t_top - t_bottom) * z / h
        if flow == "none":
            u = np.zeros_like(z)
        elif flow == "plug":
            u = np.full_like(z, float(mean_velocity))
        elif flow == "poiseuille":
            u = 6.0 * float(mean_velocity) * (z / h) * (1.0 - z / h)
        else:
            raise InputError(f"flow must be 'none', 'plug' or 'poiseuille', got {flow!r}")
        return cls(z, t, u)

    def kernel_arrays(self):
        fp = np.array([self.z[0], self.z[1] - self.z[0]], dtype=float)
        return FIELD_PROFILE_Z, fp, np.ascontiguousarray(self.temperature), np.ascontiguousarray(self.velocity_x)

    def temperature_bounds(self, lo, hi):
        return float(self.temperature.min()), float(self.temperature.max())
