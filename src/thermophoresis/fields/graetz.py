"""The Graetz problem: developing temperature in laminar (Poiseuille) tube flow."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

import numba as nb
import numpy as np

from .._numerics.interp import uniform_cell
from .._validation import check_positive
from ..exceptions import InputError
from .._params import Param
from .base import register_evaluator, register_field_type


def graetz_eigen(n_terms: int = 40, n_cells: int = 3200):
    r"""Eigenvalues :math:`\beta_n` and eigenfunctions of the Graetz problem for a tube.

    :math:`(\eta R')'/\eta + \beta^2 (1 - \eta^2) R = 0`, :math:`R'(0) = 0`, :math:`R(1) = 0`, solved as a
    symmetric tridiagonal eigenproblem by second-order finite volumes on ``n_cells`` cells. The
    eigenfunctions come normalized so that the coefficients of a uniform inlet temperature are
    :math:`C_n = \int \eta(1-\eta^2)R_n / \int \eta(1-\eta^2)R_n^2`. The solution is computed once per
    (n_terms, n_cells) and returned as read-only arrays.

    Returns
    -------
    beta : (n_terms,) ; eta : (n_cells,) cell centres ; modes : (n_cells, n_terms) ; coeff : (n_terms,)

    >>> beta, *_ = graetz_eigen(4)
    >>> np.round(beta, 3)        # Shah & London (1978): 2.704, 6.679, 10.673, 14.671
    array([ 2.704,  6.679, 10.673, 14.671])
    """
    return _graetz_eigen(int(n_terms), int(n_cells))


@lru_cache(maxsize=8)
def _graetz_eigen(n_terms: int, n: int):
    from scipy.linalg import eigh_tridiagonal

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
    out = (np.sqrt(w), eta, v, coeff)
    for a in out:
        a.setflags(write=False)
    return out


class TubeData(NamedTuple):
    dx: float  # axial grid spacing [m], grid from x = 0
    nx: int
    dr: float  # radial grid spacing [m], grid from r = 0
    nr: int
    mean_velocity: float  # U [m/s]
    radius: float  # R [m]
    values: np.ndarray  # (nx * nr, 3): T, dT/dx, dT/dr per node, C order over (x, r)


@nb.njit(cache=True, inline="always")
def evaluate_tube(d, x0, x1, x2):
    r = math.sqrt(x1 * x1 + x2 * x2)
    i, fx = uniform_cell(x0, 0.0, d.dx, d.nx)
    j, fr = uniform_cell(r, 0.0, d.dr, d.nr)
    c00 = i * d.nr + j
    c10 = c00 + d.nr
    a00 = (1 - fx) * (1 - fr)
    a10 = fx * (1 - fr)
    a01 = (1 - fx) * fr
    a11 = fx * fr
    v = d.values
    t = a00 * v[c00, 0] + a10 * v[c10, 0] + a01 * v[c00 + 1, 0] + a11 * v[c10 + 1, 0]
    gx = a00 * v[c00, 1] + a10 * v[c10, 1] + a01 * v[c00 + 1, 1] + a11 * v[c10 + 1, 1]
    gr = a00 * v[c00, 2] + a10 * v[c10, 2] + a01 * v[c00 + 1, 2] + a11 * v[c10 + 1, 2]
    gy, gz = 0.0, 0.0
    if r > 0.0:
        gy = gr * x1 / r
        gz = gr * x2 / r
    rr = min(r / d.radius, 1.0)
    return t, gx, gy, gz, 2.0 * d.mean_velocity * (1.0 - rr * rr), 0.0, 0.0


register_evaluator(TubeData, evaluate_tube)


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
        for name in ("n_terms", "nx", "nr"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 2:
                raise InputError(f"{name} must be an integer >= 2, got {v!r}")

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
        """(x, r, T) of the tabulated field: T on the (nx, nr) grid [K]."""
        return self._grid[:3]

    @cached_property
    def _grid(self):
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
        t = self.t_wall + (self.t_inlet - self.t_wall) * theta
        dtdx, dtdr = np.gradient(t, x, r, edge_order=2)
        dtdr[:, 0] = 0.0  # symmetry on the axis
        for a in (x, r, t, dtdx, dtdr):
            a.setflags(write=False)
        return x, r, t, dtdx, dtdr

    @cached_property
    def kernel_data(self) -> TubeData:
        """The tabulated field, built once per field object (one eigen-solve per n_terms in the process)."""
        x, r, t, dtdx, dtdr = self._grid
        values = np.ascontiguousarray(np.stack([t, dtdx, dtdr], axis=-1).reshape(-1, 3))
        return TubeData(float(x[1] - x[0]), int(x.size), float(r[1] - r[0]), int(r.size),
                        float(self.mean_velocity), float(self.radius), values)

    def kernel_arrays(self):
        """Deprecated: the integer-switch layout of the former kernel (kept for the benchmark)."""
        x, r, t, dtdx, dtdr = self._grid
        data = np.vstack([t.ravel(), dtdx.ravel(), dtdr.ravel()])
        fp = np.array([x[1] - x[0], x.size, r[1] - r[0], r.size, self.mean_velocity, self.radius])
        return 4, fp, np.ascontiguousarray(data)

    def temperature_bounds(self, lo=None, hi=None):
        return float(min(self.t_inlet, self.t_wall)), float(max(self.t_inlet, self.t_wall))

    def length_scale(self) -> float:
        """The tube radius [m]."""
        return float(self.radius)

    def gradient_bound(self) -> np.ndarray:
        """Largest |dT/dx| and |dT/dr| of the table downstream of the inlet station (at x = 0 the inlet
        profile jumps to the wall temperature within one radial cell, a grid artefact)."""
        _, _, _, dtdx, dtdr = self._grid
        g = float(np.max(np.abs(dtdr[1:])))
        return np.array([float(np.max(np.abs(dtdx))), g, g])

    def speed_bound(self) -> np.ndarray:
        return np.array([2.0 * self.mean_velocity, 0.0, 0.0])


def _build_tube(v, gas):
    alpha = v["thermal_diffusivity"]
    if alpha is None:
        if gas is None:
            raise InputError("field.type = 'tube' needs field.thermal_diffusivity (or a gas to take it from)")
        alpha = float(gas.with_state(temperature=0.5 * (v["t_inlet"] + v["t_wall"])).thermal_diffusivity)
    return GraetzTube(v["radius"], v["length"], v["mean_velocity"], v["t_inlet"], v["t_wall"], alpha,
                      v["terms"], v["nx"], v["nr"])


def _tube_ensemble(fld, half, n, z_start, length):
    """A sweep's ensemble at the inlet: particle i at x = y = 0, z = radius (i + 1/2) / n; the wall absorbs
    (the tracker knows it from the field); exit at x = ``length``, or at the end of the heated length."""
    start = np.zeros((np.size(half), 3))
    start[:, 2] = fld.radius * half / n
    return start, None, fld.length if math.isinf(length) else length


register_field_type(
    "tube", GraetzTube,
    {"radius": Param("length", positive=True, required=True, help="tube radius R (axis along x)"),
     "length": Param("length", positive=True, required=True, help="heated/cooled length, from the inlet at x = 0"),
     "mean_velocity": Param("velocity", positive=True, required=True,
                            help="mean gas velocity U (Poiseuille profile 2U(1 - r^2/R^2))"),
     "t_inlet": Param("temperature", positive=True, required=True, help="uniform inlet gas temperature"),
     "t_wall": Param("temperature", positive=True, required=True, help="wall temperature for x > 0"),
     "thermal_diffusivity": Param("diffusivity", positive=True, help="gas thermal diffusivity (default: of the "
                                                                     "gas at the mean of t_inlet and t_wall)"),
     "terms": Param(type=int, low=1, default=40, help="terms of the Graetz series"),
     "nx": Param(type=int, low=2, default=401, help="axial grid points"),
     "nr": Param(type=int, low=2, default=101, help="radial grid points")},
    _build_tube, "laminar tube flow with the Graetz solution for the developing temperature",
    ensemble=_tube_ensemble)
