r"""Direct Simulation Monte Carlo of the Fourier problem: a gas at rest between two parallel plates.

One dimension in space (z, between plates at z = 0 and z = L), three in velocity. Bird's (1994) algorithm:
free flight; wall interaction by the Maxwell model (a fraction α of the molecules is re-emitted diffusely
at the wall temperature, the rest reflected specularly); no-time-counter (NTC) collisions in each cell,
with the variable-hard-sphere (VHS) cross-section σ = π d_ref² (c_ref/c_r)^(2ω−1) (hard spheres for ω = ½)
and isotropic scattering. Sampling after a burn-in gives the density, temperature and heat flux in each
cell, the wall heat flux from the energy molecules carry across each wall, and the moments that the
free-molecular Green's function needs for the force on a small sphere at every height
(:func:`thermophoresis.kinetic.greens.free_molecular_force`).

The collision and move loops are compiled with Numba (``cache=True``); the run is a single-threaded,
seeded stream, so a seed reproduces a run exactly.

References
----------
.. [1] Bird, G. A. (1994). Molecular Gas Dynamics and the Direct Simulation of Gas Flows. Oxford.
   (NTC: §11.1; VHS: §4.3; diffuse reflection: §12.3.)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numba as nb
import numpy as np

from .._validation import check_in_range, check_positive
from ..constants import BOLTZMANN
from ..exceptions import InputError

__all__ = ["FourierProblem", "FourierResult", "free_molecular_heat_flux", "run_fourier", "run_fourier_blocks"]


@nb.njit(cache=True)
def _seed(s):
    np.random.seed(s)


@nb.njit(cache=True)
def _emit(t_wall, m, direction):
    """Velocity of a molecule re-emitted diffusely from a wall (cosine law), moving along ``direction``."""
    s = math.sqrt(BOLTZMANN_NB * t_wall / m)
    vx = s * np.random.standard_normal()
    vy = s * np.random.standard_normal()
    vz = direction * s * math.sqrt(-2.0 * math.log(1.0 - np.random.random()))  # flux-weighted normal speed
    return vx, vy, vz


BOLTZMANN_NB = BOLTZMANN


@nb.njit(cache=True)
def _step(z, v, n_steps, dt, length, t_lo, t_hi, alpha, m, n_cells, fnum, d_ref, omega, c_ref, sigma_cr_max,
          sample, acc, wall_energy):
    """Advance all molecules by ``n_steps`` steps; if ``sample``, accumulate cell moments into ``acc``.

    acc[cell] columns: 0 count, 1-3 sum v, 4 sum v^2, 5-7 sum v_i v_z (for the pressure tensor), 8 sum v^2 v_z,
    9 sum |v| v_z (Green's function), 10 number of samples (steps).
    wall_energy: [energy delivered to the low wall, to the high wall] (net, incoming minus outgoing) [J per m^2
    times simulator weight].
    """
    n = z.size
    dz = length / n_cells
    vol = dz  # per unit cross-section area
    cell_of = np.empty(n, np.int64)
    for step in range(n_steps):
        # --- free flight and walls ---
        for i in range(n):
            remaining = dt
            while True:
                znew = z[i] + v[i, 2] * remaining
                if znew < 0.0:
                    t_hit = -z[i] / v[i, 2]
                    remaining -= t_hit
                    e_in = 0.5 * m * (v[i, 0] ** 2 + v[i, 1] ** 2 + v[i, 2] ** 2)
                    if np.random.random() < alpha:
                        v[i, 0], v[i, 1], v[i, 2] = _emit(t_lo, m, 1.0)
                    else:
                        v[i, 2] = -v[i, 2]
                    e_out = 0.5 * m * (v[i, 0] ** 2 + v[i, 1] ** 2 + v[i, 2] ** 2)
                    if sample:
                        wall_energy[0] += (e_in - e_out) * fnum
                    z[i] = 0.0
                elif znew > length:
                    t_hit = (length - z[i]) / v[i, 2]
                    remaining -= t_hit
                    e_in = 0.5 * m * (v[i, 0] ** 2 + v[i, 1] ** 2 + v[i, 2] ** 2)
                    if np.random.random() < alpha:
                        v[i, 0], v[i, 1], v[i, 2] = _emit(t_hi, m, -1.0)
                    else:
                        v[i, 2] = -v[i, 2]
                    e_out = 0.5 * m * (v[i, 0] ** 2 + v[i, 1] ** 2 + v[i, 2] ** 2)
                    if sample:
                        wall_energy[1] += (e_in - e_out) * fnum
                    z[i] = length
                else:
                    z[i] = znew
                    break
        # --- index molecules by cell ---
        counts = np.zeros(n_cells, np.int64)
        for i in range(n):
            c = int(z[i] / dz)
            if c >= n_cells:
                c = n_cells - 1
            cell_of[i] = c
            counts[c] += 1
        start = np.zeros(n_cells + 1, np.int64)
        for c in range(n_cells):
            start[c + 1] = start[c] + counts[c]
        fill = start[:-1].copy()
        order = np.empty(n, np.int64)
        for i in range(n):
            c = cell_of[i]
            order[fill[c]] = i
            fill[c] += 1
        # --- NTC collisions ---
        for c in range(n_cells):
            nc = counts[c]
            if nc < 2:
                continue
            n_sel = 0.5 * nc * (nc - 1) * fnum * sigma_cr_max[c] * dt / vol
            n_pairs = int(n_sel)
            if np.random.random() < n_sel - n_pairs:
                n_pairs += 1
            for _ in range(n_pairs):
                i = order[start[c] + int(np.random.random() * nc)]
                j = order[start[c] + int(np.random.random() * nc)]
                while j == i:
                    j = order[start[c] + int(np.random.random() * nc)]
                gx = v[i, 0] - v[j, 0]
                gy = v[i, 1] - v[j, 1]
                gz = v[i, 2] - v[j, 2]
                cr = math.sqrt(gx * gx + gy * gy + gz * gz)
                sigma = math.pi * d_ref * d_ref * (c_ref / cr) ** (2.0 * omega - 1.0) if cr > 0 else 0.0
                scr = sigma * cr
                if scr > sigma_cr_max[c]:
                    sigma_cr_max[c] = scr
                if np.random.random() * sigma_cr_max[c] < scr:
                    # isotropic scattering in the centre-of-mass frame (equal masses)
                    cmx = 0.5 * (v[i, 0] + v[j, 0])
                    cmy = 0.5 * (v[i, 1] + v[j, 1])
                    cmz = 0.5 * (v[i, 2] + v[j, 2])
                    cos_t = 2.0 * np.random.random() - 1.0
                    sin_t = math.sqrt(1.0 - cos_t * cos_t)
                    phi = 2.0 * math.pi * np.random.random()
                    ux = cr * sin_t * math.cos(phi)
                    uy = cr * sin_t * math.sin(phi)
                    uz = cr * cos_t
                    v[i, 0], v[i, 1], v[i, 2] = cmx + 0.5 * ux, cmy + 0.5 * uy, cmz + 0.5 * uz
                    v[j, 0], v[j, 1], v[j, 2] = cmx - 0.5 * ux, cmy - 0.5 * uy, cmz - 0.5 * uz
        # --- sampling ---
        if sample:
            for i in range(n):
                c = cell_of[i]
                vx, vy, vz = v[i, 0], v[i, 1], v[i, 2]
                v2 = vx * vx + vy * vy + vz * vz
                acc[c, 0] += 1.0
                acc[c, 1] += vx
                acc[c, 2] += vy
                acc[c, 3] += vz
                acc[c, 4] += v2
                acc[c, 5] += vx * vz
                acc[c, 6] += vy * vz
                acc[c, 7] += vz * vz
                acc[c, 8] += v2 * vz
                acc[c, 9] += math.sqrt(v2) * vz
            for c in range(n_cells):
                acc[c, 10] += 1.0


def free_molecular_heat_flux(number_density, molecular_mass, t_lo, t_hi):
    r"""Exact free-molecular heat flux [W/m^2] between diffuse plates (from the hot to the cold plate).

    Each wall re-emits the flux Γ it receives, with mean energy 2kT_w per molecule, so
    :math:`q = 2k\Gamma(T_{hi} - T_{lo})`. A half-stream of partial density :math:`n_i` (all molecules
    moving one way) carries :math:`\Gamma = n_i\sqrt{2kT_i/(\pi m)}`; zero net flux makes
    :math:`n_i\sqrt{T_i}` equal, so
    :math:`q = 2k(T_{hi} - T_{lo})\,n\sqrt{2k/(\pi m)}/(1/\sqrt{T_{lo}} + 1/\sqrt{T_{hi}})`.
    """
    n = check_positive("number_density", number_density, "1/m^3")
    m = check_positive("molecular_mass", molecular_mass, "kg")
    lo, hi = check_positive("t_lo", t_lo, "K"), check_positive("t_hi", t_hi, "K")
    return 2.0 * BOLTZMANN * (hi - lo) * n * math.sqrt(2.0 * BOLTZMANN / (math.pi * m)) / (
        1.0 / math.sqrt(lo) + 1.0 / math.sqrt(hi))


@dataclass(frozen=True)
class FourierProblem:
    """Argon-like hard-sphere gas between plates; Kn = mean free path / gap with λ = 1/(√2 π d² n).

    Parameters
    ----------
    gap : float
        L [m].
    t_lo, t_hi : float
        Plate temperatures at z = 0 and z = L [K].
    knudsen : float
        Sets the mean number density n = 1/(√2 π d² Kn L).
    molecular_mass : float
        [kg] (argon by default).
    diameter : float
        Hard-sphere (VHS reference) diameter [m]; 3.6579e-10 for argon (Bird 1994, Table A1, hard sphere).
    omega : float
        VHS viscosity index (0.5: hard spheres); the reference relative speed is that of 300 K.
    accommodation : float
        α of the Maxwell wall model.
    """

    gap: float = 1e-3
    t_lo: float = 250.0
    t_hi: float = 350.0
    knudsen: float = 1.0
    molecular_mass: float = 39.948e-3 / 6.02214076e23
    diameter: float = 3.6579e-10
    omega: float = 0.5
    accommodation: float = 1.0

    def __post_init__(self):
        check_positive("gap", self.gap, "m")
        check_positive("t_lo", self.t_lo, "K")
        check_positive("t_hi", self.t_hi, "K")
        check_positive("knudsen", self.knudsen)
        check_in_range("omega", self.omega, 0.5, 1.0)
        check_in_range("accommodation", self.accommodation, 0.0, 1.0)

    @property
    def number_density(self) -> float:
        return 1.0 / (math.sqrt(2.0) * math.pi * self.diameter**2 * self.knudsen * self.gap)


@dataclass
class FourierResult:
    """Sampled profiles (cell centres z) and wall heat fluxes."""

    z: np.ndarray
    density: np.ndarray
    temperature: np.ndarray
    heat_flux: np.ndarray
    wall_heat_flux: tuple
    free_molecular_heat_flux: float
    moments: np.ndarray  # raw accumulators (see _step)
    n_samples: int
    problem: FourierProblem

    def force_profile(self, radius, diffuse_fraction=1.0, particle_temperature=None, low_variance: bool = True):
        """Force [N] on a small sphere at rest in each cell (z component), from the sampled moments.

        With ``low_variance`` (default) the drag of the sampled mean velocity is subtracted: in the steady
        state the mean gas velocity is zero, so the terms proportional to it (Epstein's drag
        (4/3)πa²nm c̄ <v_z>, and the diffuse re-emission term) have zero expectation but add noise that
        is correlated with the force. Removing them halves the standard error at Kn ≈ 1.
        """
        m = self.problem.molecular_mass
        acc = self.moments
        cnt = np.maximum(acc[:, 0], 1.0)
        mean_vz = acc[:, 3] / cnt
        if low_variance:
            c_mean = np.sqrt(8.0 * BOLTZMANN * self.temperature / (math.pi * m))
            return math.pi * radius**2 * m * self.density * (acc[:, 9] / cnt - 4.0 / 3.0 * c_mean * mean_vz)
        tp = self.temperature if particle_temperature is None else np.full_like(self.temperature, particle_temperature)
        emit = diffuse_fraction * (2.0 / 3.0) * np.sqrt(math.pi * BOLTZMANN * tp / (2.0 * m))
        return math.pi * radius**2 * m * self.density * (acc[:, 9] / cnt + emit * mean_vz)


def _initial_state(problem, n_cells, per_cell, seed):
    p = problem
    m = p.molecular_mass
    n_total = n_cells * per_cell
    rng = np.random.default_rng(seed)
    z = rng.uniform(0.0, p.gap, n_total)
    t_lin = p.t_lo + (p.t_hi - p.t_lo) * z / p.gap
    v = rng.standard_normal((n_total, 3)) * np.sqrt(BOLTZMANN * t_lin / m)[:, None]
    vmp = math.sqrt(2.0 * BOLTZMANN * 0.5 * (p.t_lo + p.t_hi) / m)
    sigma_cr_max = np.full(n_cells, math.pi * p.diameter**2 * 3.0 * vmp)
    return z, v, sigma_cr_max


def _default_dt(problem, n_cells):
    vmp = math.sqrt(2.0 * BOLTZMANN * 0.5 * (problem.t_lo + problem.t_hi) / problem.molecular_mass)
    return 0.25 * (problem.gap / n_cells) / vmp


def _result(problem, acc, wall, n_steps, dt, n_cells, per_cell):
    p = problem
    m = p.molecular_mass
    fnum = p.number_density * p.gap / (n_cells * per_cell)
    dz = p.gap / n_cells
    cnt = np.maximum(acc[:, 0], 1.0)
    density = acc[:, 0] * fnum / (dz * n_steps)
    u = acc[:, 1:4] / cnt[:, None]
    v2 = acc[:, 4] / cnt
    vvz = acc[:, 5:8] / cnt[:, None]
    v2vz = acc[:, 8] / cnt
    temperature = m / (3.0 * BOLTZMANN) * (v2 - np.sum(u**2, axis=1))
    # <C^2 C_z> = <v^2 v_z> - u_z <v^2> - 2 sum_i u_i <v_i v_z> + 2 u_z |u|^2   (using <v_i> = u_i)
    c2cz = v2vz - u[:, 2] * v2 - 2.0 * np.sum(u * vvz, axis=1) + 2.0 * u[:, 2] * np.sum(u * u, axis=1)
    heat_flux = 0.5 * m * density * c2cz
    time = n_steps * dt
    q_walls = (-wall[0] / time, wall[1] / time)  # both negative when heat flows from z = L to z = 0
    z_c = (np.arange(n_cells) + 0.5) * dz
    q_fm = free_molecular_heat_flux(p.number_density, m, p.t_lo, p.t_hi)
    return FourierResult(z_c, density, temperature, heat_flux, q_walls, q_fm, acc.copy(), n_steps, p)


def run_fourier(problem: FourierProblem, n_cells: int = 50, per_cell: int = 100, dt=None, burn_in: int = 400,
                n_steps: int = 2000, seed: int = 0) -> FourierResult:
    """Run the DSMC Fourier problem and return sampled profiles.

    ``dt`` defaults to a quarter of a cell crossing at the most probable speed at the mean wall temperature.
    """
    z, v, dt, args = _setup(problem, n_cells, per_cell, dt, seed)
    acc = np.zeros((n_cells, 11))
    wall = np.zeros(2)
    _step(z, v, burn_in, *args, False, acc, wall)
    _step(z, v, n_steps, *args, True, acc, wall)
    return _result(problem, acc, wall, n_steps, dt, n_cells, per_cell)


def _setup(problem, n_cells, per_cell, dt, seed):
    """Initial molecules, time step and the fixed arguments of the kernel (seeds the kernel's stream)."""
    if n_cells < 2 or per_cell < 2:
        raise InputError("n_cells and per_cell must be >= 2")
    p = problem
    dt = float(check_positive("dt", _default_dt(p, n_cells) if dt is None else dt, "s"))
    z, v, sigma_cr_max = _initial_state(p, n_cells, per_cell, seed)
    fnum = p.number_density * p.gap / (n_cells * per_cell)
    c_ref = math.sqrt(16.0 * BOLTZMANN * 300.0 / (math.pi * p.molecular_mass))  # mean relative speed, 300 K
    _seed(int(seed))
    args = (dt, p.gap, p.t_lo, p.t_hi, p.accommodation, p.molecular_mass, n_cells, fnum, p.diameter, p.omega, c_ref,
            sigma_cr_max)
    return z, v, dt, args


def run_fourier_blocks(problem: FourierProblem, n_cells: int = 50, per_cell: int = 100, dt=None, burn_in: int = 400,
                       block_steps: int = 500, n_blocks: int = 10, seed: int = 0, progress=None):
    """Run in sampling blocks and return (combined result, list of per-block results).

    The spread of the block results gives standard errors (blocks longer than the correlation time are
    nearly independent). ``progress(done_blocks, n_blocks)`` is called after each block.
    """
    if n_blocks < 2 or block_steps < 1:
        raise InputError("n_blocks must be >= 2 and block_steps >= 1")
    p = problem
    z, v, dt, args = _setup(p, n_cells, per_cell, dt, seed)
    scratch = np.zeros((n_cells, 11))
    _step(z, v, burn_in, *args, False, scratch, np.zeros(2))
    total_acc = np.zeros((n_cells, 11))
    total_wall = np.zeros(2)
    blocks = []
    for b in range(n_blocks):
        acc = np.zeros((n_cells, 11))
        wall = np.zeros(2)
        _step(z, v, block_steps, *args, True, acc, wall)
        blocks.append(_result(p, acc, wall, block_steps, dt, n_cells, per_cell))
        total_acc += acc
        total_wall += wall
        if progress is not None:
            progress(b + 1, n_blocks)
    return _result(p, total_acc, total_wall, block_steps * n_blocks, dt, n_cells, per_cell), blocks
