"""Gas fields for the tracker: temperature, its gradient and the gas velocity at any point.

Five kinds, all evaluated inside the compiled kernel:

- :class:`UniformGradient`: T = T0 + G·(x − x0), uniform gas velocity U.
- :class:`ProfileZ`: T(z) and u_x(z) tabulated on a uniform grid in z, e.g. conduction between parallel
  plates with plug or Poiseuille flow (:meth:`ProfileZ.plates`), a thermophoretic precipitator.
- :class:`StagnationPoint`: plane stagnation-point flow onto a (heated or cooled) wall at z = 0 with its
  analytic thermal boundary layer, the flow over a wafer facing a jet.
- :class:`GraetzTube`: laminar Poiseuille flow in a tube with a wall at another temperature than the
  inlet gas, with the Graetz series for the developing temperature (axis along x).
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
from .kernels import FIELD_GRID_3D, FIELD_PROFILE_Z, FIELD_STAGNATION, FIELD_TUBE, FIELD_UNIFORM


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
class StagnationPoint:
    r"""Plane stagnation-point flow onto the wall z = 0, with its analytic temperature field.

    Inviscid (potential) flow :math:`u = a x`, :math:`w = -a z` with strain rate a; the energy equation
    :math:`\alpha T'' + a z T' = 0` then has the exact solution

    .. math:: T(z) = T_\infty + (T_w - T_\infty)\,\mathrm{erfc}\left(z\sqrt{a/(2\alpha)}\right)

    with α the gas thermal diffusivity. This is the classic model of a wafer facing an impinging flow. The
    potential flow ignores the viscous boundary layer (thickness about 2.4 sqrt(ν/a)), inside which the
    real flow toward the wall is slower: the model overestimates convective transport to the wall there.

    Parameters
    ----------
    strain_rate : float
        a [1/s].
    t_wall, t_infinity : float
        [K]
    thermal_diffusivity : float
        α of the gas [m^2/s] (e.g. ``Gas(...).thermal_diffusivity``).
    """

    strain_rate: float
    t_wall: float
    t_infinity: float
    thermal_diffusivity: float

    def __post_init__(self):
        check_positive("strain_rate", self.strain_rate, "1/s")
        check_positive("t_wall", self.t_wall, "K")
        check_positive("t_infinity", self.t_infinity, "K")
        check_positive("thermal_diffusivity", self.thermal_diffusivity, "m^2/s")

    @property
    def thermal_layer_scale(self) -> float:
        """sqrt(2 alpha / a) [m]: T is within 16 % of T_wall - T_inf of T_inf at z = 1 scale."""
        return float(np.sqrt(2.0 * self.thermal_diffusivity / self.strain_rate))

    def temperature_at(self, z):
        from scipy.special import erfc

        z = np.maximum(np.asarray(z, dtype=float), 0.0)
        return self.t_infinity + (self.t_wall - self.t_infinity) * erfc(z / self.thermal_layer_scale)

    def kernel_arrays(self):
        k = 1.0 / self.thermal_layer_scale
        return FIELD_STAGNATION, np.array([self.strain_rate, self.t_wall, self.t_infinity, k]), np.zeros((1, 2))

    def temperature_bounds(self, lo, hi):
        return float(min(self.t_wall, self.t_infinity)), float(max(self.t_wall, self.t_infinity))


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

    def kernel_arrays(self):
        order = 2 if min(self.x.size, self.y.size, self.z.size) >= 3 else 1
        gx, gy, gz = np.gradient(self.temperature, self.x, self.y, self.z, edge_order=order)
        data = np.vstack([self.temperature.ravel(), gx.ravel(), gy.ravel(), gz.ravel(),
                          self.velocity[..., 0].ravel(), self.velocity[..., 1].ravel(), self.velocity[..., 2].ravel()])
        fp = np.array([self.x[0], self.x[1] - self.x[0], self.y[0], self.y[1] - self.y[0], self.z[0],
                       self.z[1] - self.z[0], self.x.size, self.y.size, self.z.size], dtype=float)
        return FIELD_GRID_3D, fp, np.ascontiguousarray(data)

    def temperature_bounds(self, lo, hi):
        return float(self.temperature.min()), float(self.temperature.max())


def graetz_eigen(n_terms: int = 40, n_cells: int = 3200):
    r"""Eigenvalues :math:`\beta_n` and eigenfunctions of the Graetz problem for a tube.

    :math:`(\eta R')'/\eta + \beta^2 (1 - \eta^2) R = 0`, :math:`R'(0) = 0`, :math:`R(1) = 0`, solved as a
    symmetric tridiagonal eigenproblem by second-order finite volumes on ``n_cells`` cells. The
    eigenfunctions come normalized so that the coefficients of a uniform inlet temperature are
    :math:`C_n = \int \eta(1-\eta^2)R_n / \int \eta(1-\eta^2)R_n^2`.

    Returns
    -------
    beta : (n_terms,) ; eta : (n_cells,) cell centres ; modes : (n_cells, n_terms) ; coeff : (n_terms,)

    >>> beta, *_ = graetz_eigen(4)
    >>> np.round(beta, 3)        # Shah & London (1978): 2.704, 6.679, 10.673, 14.671
    array([ 2.704,  6.679, 10.673, 14.671])
    """
    from scipy.linalg import eigh_tridiagonal

    n = int(n_cells)
    h = 1.0 / n
    eta = (np.arange(n) + 0.5) * h
    faces = np.arange(n + 1) * h
    main = np.zeros(n)
    off = -faces[1:n] / h  # coupling through the inner faces
    main[:-1] += faces[1:n] / h
    main[1:] += faces[1:n] / h
    main[-1] += faces[n] / (0.5 * h)  # R = 0 on the wall face, half a cell away
    weight = eta * (1.0 - eta**2) * h
    # K R = beta^2 W R with W diagonal: symmetrize as W^-1/2 K W^-1/2 (still tridiagonal)
    d = 1.0 / np.sqrt(weight)
    w, y = eigh_tridiagonal(main * d * d, off * d[:-1] * d[1:], select="i", select_range=(0, n_terms - 1))
    v = y * d[:, None]
    coeff = (weight @ v) / np.einsum("i,ij,ij->j", weight, v, v)
    return np.sqrt(w), eta, v, coeff


@dataclass(frozen=True)
class GraetzTube:
    r"""Developing temperature in laminar tube flow (the Graetz problem), tube axis along x.

    Gas enters at x = 0 with the uniform temperature ``t_inlet`` and Poiseuille profile
    :math:`u = 2U(1 - r^2/R^2)`; the wall is at ``t_wall`` for x > 0. Neglecting axial conduction,

    .. math:: \frac{T - T_w}{T_{in} - T_w} = \sum_n C_n R_n(r/R)\,\exp\left(-\frac{\beta_n^2}{2}
              \frac{\alpha x}{U R^2}\right)

    (:func:`graetz_eigen`). T and its gradient are tabulated on a regular (x, r) grid over
    [0, ``length``] × [0, R] and interpolated bilinearly. Near the inlet (α x/(U R²) below about 1e-3),
    where the thermal layer is thinner than a grid cell, the tabulated field is only approximate.
    """

    radius: float
    length: float
    mean_velocity: float
    t_inlet: float
    t_wall: float
    thermal_diffusivity: float
    n_terms: int = 40
    nx: int = 401
    nr: int = 101

    def __post_init__(self):
        for name, unit in (("radius", "m"), ("length", "m"), ("mean_velocity", "m/s"), ("t_inlet", "K"),
                           ("t_wall", "K"), ("thermal_diffusivity", "m^2/s")):
            check_positive(name, getattr(self, name), unit)

    def graetz_number(self, x):
        """alpha x / (U R^2) [-] (the axial coordinate of the series)."""
        return self.thermal_diffusivity * np.asarray(x) / (self.mean_velocity * self.radius**2)

    def bulk_temperature(self, x):
        r"""Mixing-cup (flow-weighted mean) temperature at x [K].

        :math:`\theta_b = 4\sum_n C_n \exp(-\beta_n^2\tilde x/2)\int_0^1\eta(1-\eta^2)R_n\,d\eta`; it decays
        as :math:`0.819\exp(-3.657\,\tilde x)` far downstream (Nu = 3.657). At x = 0 the truncated
        series gives 1 within about 1e-3 (40 terms).
        """
        beta, _, modes, coeff = graetz_eigen(self.n_terms)
        h = 1.0 / modes.shape[0]
        eta = (np.arange(modes.shape[0]) + 0.5) * h
        moments = (eta * (1.0 - eta**2) * h) @ modes
        xg = np.asarray(self.graetz_number(x), dtype=float)
        theta = 4.0 * np.exp(-0.5 * beta**2 * xg[..., None]) @ (coeff * moments)
        return self.t_wall + (self.t_inlet - self.t_wall) * theta

    def profiles(self, x, r, n_terms: int | None = None):
        """Temperature and its radial derivative from the series at stations ``x`` and radii ``r``.

        Returns (T, dT/dr), each of shape (len(x), len(r)). Where the series is truncated too early for
        the local Graetz number (near the inlet), θ is clipped to [0, 1].
        """
        beta, eta_c, modes, coeff = graetz_eigen(n_terms or self.n_terms)
        eta_n = np.concatenate([eta_c, [1.0]])
        modes_n = np.vstack([modes, np.zeros((1, beta.size))])
        eta = np.asarray(r, dtype=float) / self.radius
        dmodes = np.gradient(modes_n, eta_n, axis=0)
        m = np.stack([np.interp(eta, eta_n, modes_n[:, j]) for j in range(beta.size)], axis=1)
        dm = np.stack([np.interp(eta, eta_n, dmodes[:, j]) for j in range(beta.size)], axis=1)
        xg = self.graetz_number(np.atleast_1d(np.asarray(x, dtype=float)))
        decay = np.exp(-0.5 * beta[None, :] ** 2 * xg[:, None])
        theta = np.clip((decay * coeff) @ m.T, 0.0, 1.0)
        dtheta = ((decay * coeff) @ dm.T) / self.radius
        return self.t_wall + (self.t_inlet - self.t_wall) * theta, (self.t_inlet - self.t_wall) * dtheta

    def temperature_grid(self):
        beta, eta_c, modes, coeff = graetz_eigen(self.n_terms)
        x = np.linspace(0.0, self.length, self.nx)
        r = np.linspace(0.0, self.radius, self.nr)
        eta = r / self.radius
        # eigenfunctions at the grid radii: interpolate between cell centres, R(1) = 0 at the wall
        grid_modes = np.stack([np.interp(eta, np.concatenate([eta_c, [1.0]]), np.concatenate([modes[:, j], [0.0]]))
                               for j in range(beta.size)], axis=1)
        decay = np.exp(-0.5 * beta[None, :] ** 2 * self.graetz_number(x)[:, None])  # (nx, n)
        theta = (decay * coeff[None, :]) @ grid_modes.T  # (nx, nr)
        theta[0, :-1] = 1.0  # the inlet profile itself (the truncated series rings there)
        return x, r, self.t_wall + (self.t_inlet - self.t_wall) * theta

    def kernel_arrays(self):
        x, r, t = self.temperature_grid()
        dtdx, dtdr = np.gradient(t, x, r, edge_order=2)
        dtdr[:, 0] = 0.0  # symmetry on the axis
        data = np.vstack([t.ravel(), dtdx.ravel(), dtdr.ravel()])
        fp = np.array([x[1] - x[0], x.size, r[1] - r[0], r.size, self.mean_velocity, self.radius])
        return FIELD_TUBE, fp, np.ascontiguousarray(data)

    def temperature_bounds(self, lo, hi):
        return float(min(self.t_inlet, self.t_wall)), float(max(self.t_inlet, self.t_wall))
