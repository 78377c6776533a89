"""Gas fields for the tracker: temperature, its gradient and the gas velocity at any point.

Three kinds, all evaluated inside the compiled kernel:

- :class:`UniformGradient`: T = T0 + G·(x − x0), uniform gas velocity U.
- :class:`ProfileZ`: T(z) and u_x(z) tabulated on a uniform grid in z, e.g. conduction between parallel
  plates with plug or Poiseuille flow (:meth:`ProfileZ.plates`), a thermophoretic precipitator.
- :class:`Grid3D`: temperature and gas velocity on a regular 3-D grid (from NumPy arrays or an xarray
  Dataset), trilinear interpolation of T, of its gradient (second-order finite differences on the grid)
  and of the velocity; constant beyond the grid.

Pressure is uniform in the domain (the tracker takes it from its gas).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._validation import check_finite, check_positive
from ..exceptions import InputError
from .kernels import FIELD_GRID_3D, FIELD_PROFILE_Z, FIELD_UNIFORM


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
        return FIELD_UNIFORM, fp, np.zeros((1, 2))

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
        return FIELD_PROFILE_Z, fp, np.ascontiguousarray(np.vstack([self.temperature, self.velocity_x]))

    def temperature_bounds(self, lo, hi):
        return float(self.temperature.min()), float(self.temperature.max())


@dataclass(frozen=True)
class Grid3D:
    """Temperature and gas velocity on a regular grid; trilinear interpolation.

    Parameters
    ----------
    x, y, z : 1-D arrays
        Uniformly spaced, increasing grid coordinates [m] (at least 2 points each).
    temperature : array (nx, ny, nz)
        [K]
    velocity : array (nx, ny, nz, 3), optional
        Gas velocity [m/s]; zero by default.
    """

    x: np.ndarray
    y: np.ndarray
    z: np.ndarray
    temperature: np.ndarray
    velocity: np.ndarray = field(default=None)

    def __post_init__(self):
        axes = []
        for name in ("x", "y", "z"):
            a = np.asarray(getattr(self, name), dtype=float)
            if a.ndim != 1 or a.size < 2:
                raise InputError(f"{name} must be a 1-D array of at least 2 points")
            d = np.diff(a)
            if d[0] <= 0 or not np.allclose(d, d[0], rtol=1e-9, atol=0):
                raise InputError(f"{name} must be uniformly spaced and increasing")
            axes.append(a)
            object.__setattr__(self, name, a)
        shape = tuple(a.size for a in axes)
        t = np.asarray(check_positive("temperature", self.temperature, "K"), dtype=float)
        if t.shape != shape:
            raise InputError(f"temperature must have shape {shape} (x, y, z), got {t.shape}")
        u = np.zeros(shape + (3,)) if self.velocity is None else np.asarray(check_finite("velocity", self.velocity))
        if u.shape != shape + (3,):
            raise InputError(f"velocity must have shape {shape + (3,)}, got {u.shape}")
        object.__setattr__(self, "temperature", t)
        object.__setattr__(self, "velocity", u.astype(float))

    @classmethod
    def from_xarray(cls, dataset, temperature: str = "T", velocity=("u", "v", "w"), dims=("x", "y", "z")):
        """Build from an xarray Dataset with coordinates ``dims`` [m], temperature [K] and optional velocity
        components [m/s] (missing components are zero)."""
        ds = dataset.transpose(*dims)
        coords = [np.asarray(ds[d].values, dtype=float) for d in dims]
        t = np.asarray(ds[temperature].values, dtype=float)
        comps = [np.asarray(ds[c].values, dtype=float) if c in ds else np.zeros_like(t) for c in velocity]
        return cls(*coords, t, np.stack(comps, axis=-1))

    def kernel_arrays(self):
        gx, gy, gz = np.gradient(self.temperature, self.x, self.y, self.z, edge_order=2)
        data = np.vstack([self.temperature.ravel(), gx.ravel(), gy.ravel(), gz.ravel(),
                          self.velocity[..., 0].ravel(), self.velocity[..., 1].ravel(), self.velocity[..., 2].ravel()])
        fp = np.array([self.x[0], self.x[1] - self.x[0], self.y[0], self.y[1] - self.y[0], self.z[0],
                       self.z[1] - self.z[0], self.x.size, self.y.size, self.z.size], dtype=float)
        return FIELD_GRID_3D, fp, np.ascontiguousarray(data)

    def temperature_bounds(self, lo, hi):
        return float(self.temperature.min()), float(self.temperature.max())
