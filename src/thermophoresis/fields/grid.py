"""Temperature and gas velocity on a regular 3-D grid (NumPy arrays, xarray, CFD meshes)."""

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


class Grid3DData(NamedTuple):
    x0: float
    dx: float
    nx: int
    y0: float
    dy: float
    ny: int
    z0: float
    dz: float
    nz: int
    values: np.ndarray  # (nx * ny * nz, 7): T, dT/dx, dT/dy, dT/dz, u_x, u_y, u_z per node, C order


@nb.njit(cache=True, inline="always")
def _trilinear(v, q, c000, c100, c010, c110, w):
    return (w[0] * v[c000, q] + w[1] * v[c100, q] + w[2] * v[c010, q] + w[3] * v[c110, q]
            + w[4] * v[c000 + 1, q] + w[5] * v[c100 + 1, q] + w[6] * v[c010 + 1, q] + w[7] * v[c110 + 1, q])


@nb.njit(cache=True, inline="always")
def evaluate_grid3d(d, x0, x1, x2):
    i, fx = uniform_cell(x0, d.x0, d.dx, d.nx)
    j, fy = uniform_cell(x1, d.y0, d.dy, d.ny)
    k, fz = uniform_cell(x2, d.z0, d.dz, d.nz)
    gx, gy, gz = 1.0 - fx, 1.0 - fy, 1.0 - fz
    w = (gx * gy * gz, fx * gy * gz, gx * fy * gz, fx * fy * gz, gx * gy * fz, fx * gy * fz, gx * fy * fz, fx * fy * fz)
    c000 = (i * d.ny + j) * d.nz + k
    c100 = c000 + d.ny * d.nz
    c010 = c000 + d.nz
    c110 = c100 + d.nz
    v = d.values
    r0 = _trilinear(v, 0, c000, c100, c010, c110, w)
    r1 = _trilinear(v, 1, c000, c100, c010, c110, w)
    r2 = _trilinear(v, 2, c000, c100, c010, c110, w)
    r3 = _trilinear(v, 3, c000, c100, c010, c110, w)
    r4 = _trilinear(v, 4, c000, c100, c010, c110, w)
    r5 = _trilinear(v, 5, c000, c100, c010, c110, w)
    r6 = _trilinear(v, 6, c000, c100, c010, c110, w)
    # constant beyond the grid: no gradient along an axis outside its range
    if not (d.x0 <= x0 <= d.x0 + d.dx * (d.nx - 1)):
        r1 = 0.0
    if not (d.y0 <= x1 <= d.y0 + d.dy * (d.ny - 1)):
        r2 = 0.0
    if not (d.z0 <= x2 <= d.z0 + d.dz * (d.nz - 1)):
        r3 = 0.0
    return r0, r1, r2, r3, r4, r5, r6


register_evaluator(Grid3DData, evaluate_grid3d)


@dataclass(frozen=True)
class Grid3D:
    """Temperature and gas velocity on a regular grid; trilinear interpolation of T, of its gradient
    (second-order finite differences on the grid, computed once per field object) and of the velocity;
    constant beyond the grid.

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

    @classmethod
    def from_file(cls, path, temperature: str = "T", velocity=("u", "v", "w"), shape=(32, 32, 32)):
        """A NetCDF file (read with xarray, coordinates x, y, z) or any mesh file meshio reads."""
        import pathlib

        p = pathlib.Path(path)
        if not p.is_file():
            raise InputError(f"field file {str(p)!r} not found")
        if p.suffix in (".nc", ".nc4", ".cdf"):
            import xarray as xr

            with xr.open_dataset(p) as ds:
                return cls.from_xarray(ds.load(), temperature, velocity)
        return cls.from_meshio(str(p), temperature, velocity if isinstance(velocity, str) else "U",
                               shape=shape)

    @classmethod
    def from_meshio(cls, mesh, temperature: str = "T", velocity: str | None = "U", shape=(32, 32, 32),
                    bounds=None):
        """Resample CFD point data (a ``meshio.Mesh`` or a file meshio reads: VTK, VTU, XDMF, ...) to a grid.

        Point data ``temperature`` [K] and ``velocity`` [m/s] (a 3-component field; optional) are
        interpolated linearly on the Delaunay triangulation of the mesh points (scipy), with the nearest
        point outside their convex hull. A planar (2-D) mesh gives a grid two layers thick in the flat
        direction, with no gradient across it. ``bounds`` = ((x0, x1), (y0, y1), (z0, z1)) defaults to
        the points' extent. Needs meshio (``pip install 'thermophoresis[cfd]'``).
        """
        from scipy.interpolate import LinearNDInterpolator, NearestNDInterpolator

        if not hasattr(mesh, "points"):
            try:
                import meshio
            except ImportError as exc:  # pragma: no cover - depends on the environment
                raise ImportError("reading CFD files needs meshio: pip install 'thermophoresis[cfd]'") from exc
            mesh = meshio.read(mesh)
        pts = np.asarray(mesh.points, dtype=float)
        if pts.shape[1] == 2:
            pts = np.column_stack([pts, np.zeros(len(pts))])
        if temperature not in mesh.point_data:
            raise InputError(f"the mesh has no point data {temperature!r}; it has {sorted(mesh.point_data)}")
        t = np.asarray(mesh.point_data[temperature], dtype=float).reshape(len(pts), -1)[:, 0]
        if velocity is not None and velocity in mesh.point_data:
            u = np.asarray(mesh.point_data[velocity], dtype=float).reshape(len(pts), -1)
            u = np.column_stack([u, np.zeros((len(pts), 3 - u.shape[1]))]) if u.shape[1] < 3 else u[:, :3]
        else:
            u = np.zeros((len(pts), 3))
        if bounds is None:
            bounds = list(zip(pts.min(axis=0), pts.max(axis=0)))
        flat = [hi - lo <= 1e-12 * max(1.0, abs(hi)) for lo, hi in bounds]
        if sum(flat) > 1:
            raise InputError("the mesh must extend in at least two directions")
        active = [a for a in range(3) if not flat[a]]
        axes = []
        for a in range(3):
            lo, hi = bounds[a]
            if flat[a]:
                axes.append(np.array([lo - 0.5, lo + 0.5]))  # two layers, no gradient across
            else:
                axes.append(np.linspace(lo, hi, int(shape[a])))
        mesh_grid = np.stack(np.meshgrid(*axes, indexing="ij"), axis=-1).reshape(-1, 3)[:, active]
        values = np.column_stack([t, u])
        lin = LinearNDInterpolator(pts[:, active], values)(mesh_grid)
        missing = np.isnan(lin[:, 0])
        if np.any(missing):
            lin[missing] = NearestNDInterpolator(pts[:, active], values)(mesh_grid[missing])
        grid_shape = tuple(a.size for a in axes)
        return cls(*axes, lin[:, 0].reshape(grid_shape), lin[:, 1:4].reshape(grid_shape + (3,)))

    @cached_property
    def gradient(self) -> tuple:
        """(dT/dx, dT/dy, dT/dz) on the grid nodes [K/m] (computed once)."""
        order = 2 if min(self.x.size, self.y.size, self.z.size) >= 3 else 1
        return tuple(np.gradient(self.temperature, self.x, self.y, self.z, edge_order=order))

    @cached_property
    def kernel_data(self) -> Grid3DData:
        """The node values interleaved per node (one cache line per corner), built once per field object."""
        gx, gy, gz = self.gradient
        values = np.empty(self.temperature.shape + (7,))
        values[..., 0] = self.temperature
        values[..., 1], values[..., 2], values[..., 3] = gx, gy, gz
        values[..., 4:7] = self.velocity
        return Grid3DData(float(self.x[0]), float(self.x[1] - self.x[0]), int(self.x.size),
                          float(self.y[0]), float(self.y[1] - self.y[0]), int(self.y.size),
                          float(self.z[0]), float(self.z[1] - self.z[0]), int(self.z.size),
                          values.reshape(-1, 7))

    def kernel_arrays(self):
        """Deprecated: the integer-switch layout of the former kernel, (kind, fp, data) with data[q] the
        flattened node values T, dT/dx, dT/dy, dT/dz, u_x, u_y, u_z."""
        data = np.ascontiguousarray(self.kernel_data.values.T)
        fp = np.array([self.x[0], self.x[1] - self.x[0], self.y[0], self.y[1] - self.y[0], self.z[0],
                       self.z[1] - self.z[0], self.x.size, self.y.size, self.z.size], dtype=float)
        return 2, fp, data

    def temperature_bounds(self, lo=None, hi=None):
        return float(self.temperature.min()), float(self.temperature.max())

    def length_scale(self) -> float:
        """The smallest extent of the grid over its axes with more than two nodes [m]."""
        ext = [a[-1] - a[0] for a in (self.x, self.y, self.z) if a.size > 2]
        return float(min(ext)) if ext else float(min(a[-1] - a[0] for a in (self.x, self.y, self.z)))

    def gradient_bound(self) -> np.ndarray:
        return np.array([float(np.max(np.abs(g))) for g in self.gradient])

    def speed_bound(self) -> np.ndarray:
        return np.max(np.abs(self.velocity.reshape(-1, 3)), axis=0)


def _grid_ensemble(fld, half, n, z_start, length):
    """A sweep's ensemble: every particle at the centre of the grid (at z = ``z_start`` when given); exit at
    x = ``length``."""
    start = np.empty((np.size(half), 3))
    start[:] = [0.5 * (fld.x[0] + fld.x[-1]), 0.5 * (fld.y[0] + fld.y[-1]),
                0.5 * (fld.z[0] + fld.z[-1]) if z_start is None else z_start]
    return start, None, length


register_field_type(
    "grid", Grid3D,
    {"file": Param(type=str, required=True,
                   help="NetCDF file (coordinates x, y, z in m) or a CFD mesh file meshio reads"),
     "temperature_variable": Param(type=str, default="T", help="name of the temperature variable [K]"),
     "velocity_variables": Param(type=str, shape=3, default=("u", "v", "w"),
                                 help="names of the velocity components [m/s] (missing: zero)"),
     "shape": Param(type=int, low=2, shape=3, default=(32, 32, 32),
                    help="grid points per axis when resampling a mesh")},
    lambda v, gas: Grid3D.from_file(v["file"], v["temperature_variable"], tuple(v["velocity_variables"]),
                                    tuple(v["shape"])),
    "temperature and gas velocity on a regular grid from a NetCDF or CFD mesh file", ensemble=_grid_ensemble)
