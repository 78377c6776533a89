"""Temperature and streamwise velocity tabulated in z: conduction between plates, precipitators."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

import numba as nb
import numpy as np

from .._numerics.interp import uniform_cell
from .._validation import check_finite, check_positive
from ..exceptions import InputError
from .._params import Param
from .base import register_evaluator, register_field_type


class ProfileZData(NamedTuple):
    z0: float  # first grid point [m]
    dz: float  # spacing [m]
    n: int  # points
    temperature: np.ndarray  # (n,) [K]
    velocity_x: np.ndarray  # (n,) [m/s]


@nb.njit(cache=True, inline="always")
def evaluate_profile_z(d, x0, x1, x2):
    i, f = uniform_cell(x2, d.z0, d.dz, d.n)
    t = d.temperature[i] * (1.0 - f) + d.temperature[i + 1] * f
    # constant beyond the ends: no gradient there
    inside = d.z0 <= x2 <= d.z0 + d.dz * (d.n - 1)
    gz = (d.temperature[i + 1] - d.temperature[i]) / d.dz if inside else 0.0
    ux = d.velocity_x[i] * (1.0 - f) + d.velocity_x[i + 1] * f
    return t, 0.0, 0.0, gz, ux, 0.0, 0.0


register_evaluator(ProfileZData, evaluate_profile_z)


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

    @cached_property
    def kernel_data(self) -> ProfileZData:
        # writable C copies: a read-only array (pandas' to_numpy(), a memory map) is another Numba type, so
        # it would compile a kernel of its own
        return ProfileZData(float(self.z[0]), float(self.z[1] - self.z[0]), int(self.z.size),
                            np.array(self.temperature, dtype=np.float64, order="C"),
                            np.array(self.velocity_x, dtype=np.float64, order="C"))

    def kernel_arrays(self):
        """Deprecated: the integer-switch layout of the former kernel (kept for the benchmark)."""
        fp = np.array([self.z[0], self.z[1] - self.z[0]], dtype=float)
        return 1, fp, np.ascontiguousarray(np.vstack([self.temperature, self.velocity_x]))

    def temperature_bounds(self, lo=None, hi=None):
        return float(self.temperature.min()), float(self.temperature.max())

    def length_scale(self) -> float:
        """The extent of the profile in z [m]."""
        return float(self.z[-1] - self.z[0])

    def gradient_bound(self) -> np.ndarray:
        return np.array([0.0, 0.0, float(np.max(np.abs(np.diff(self.temperature)))) / float(self.z[1] - self.z[0])])

    def speed_bound(self) -> np.ndarray:
        return np.array([float(np.max(np.abs(self.velocity_x))), 0.0, 0.0])


def _plates_ensemble(fld, half, n, z_start, length):
    """A sweep's ensemble between the plates (both absorbing): particle i at x = y = 0, z = gap (i + 1/2) / n;
    exit at x = ``length``."""
    gap = float(fld.z[-1])  # linspace(0, gap, points) ends on gap exactly
    start = np.zeros((np.size(half), 3))
    start[:, 2] = gap * half / n
    return start, (0.0, gap), length


register_field_type(
    "plates", ProfileZ,
    {"gap": Param("length", positive=True, required=True, help="plate spacing; plates at z = 0 and z = gap"),
     "t_bottom": Param("temperature", positive=True, required=True, help="temperature of the plate at z = 0"),
     "t_top": Param("temperature", positive=True, required=True, help="temperature of the plate at z = gap"),
     "flow": Param(type=str, choices=("none", "plug", "poiseuille"), default="none", help="gas flow along x"),
     "mean_velocity": Param("velocity", default=0.0, help="mean gas velocity along x"),
     "points": Param(type=int, low=2, default=401, help="grid points across the gap")},
    lambda v, gas: ProfileZ.plates(v["gap"], v["t_bottom"], v["t_top"], v["flow"], v["mean_velocity"], v["points"]),
    "conduction between parallel plates, with no, plug or plane Poiseuille flow", ensemble=_plates_ensemble)

register_field_type(
    "profile", ProfileZ,
    {"z": Param("length", shape=-1, required=True, help="uniformly spaced, increasing heights"),
     "temperatures": Param("temperature", shape=-1, required=True, help="gas temperature at each height"),
     "velocities_x": Param("velocity", shape=-1, help="gas velocity along x at each height (default zero)")},
    lambda v, gas: ProfileZ(np.asarray(v["z"]), np.asarray(v["temperatures"]),
                            None if v["velocities_x"] is None else np.asarray(v["velocities_x"])),
    "tabulated T(z) and u_x(z)")

