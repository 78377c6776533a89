"""The DSMC kernel of the session before the two-pass rewrite (three parallel passes per step, plus two
on reordering steps; per-step work O(groups x cells)): kept for the side-by-side speed comparison of
`bench_dsmc.py` and the bit-identity check. Not used by the package. The original docstring follows.

Numba kernels of the DSMC Fourier solver (see :mod:`thermophoresis.kinetic.dsmc`).

Layout: positions and velocities as separate contiguous arrays that stay in place, in no particular
order. (Keeping them sorted by cell was tried and is slower: consecutive molecules of the same cell make
the counting and listing loops wait on the same counter.) The molecules are split into ``n_groups`` contiguous groups
(a fixed number, :data:`GROUPS`, or fewer for small runs; each thread takes whole groups). Every step has
three parallel passes:

1. over groups: each molecule is sampled on sampling steps (the state left by the previous step's
   collisions, into its group's accumulator row of its cell), moved, reflected or re-emitted at the walls,
   given its new cell, and counted in its group's row of cell counts;
2. a prefix sum over (cell, group) gives each group where its molecules of each cell go, and the groups list
   them (a stable counting sort: within a cell, molecules in index order);
3. over cells: the molecules of each cell collide (NTC);

and every :data:`REORDER_EVERY` steps the molecules are put in cell order in memory (a gather through the
cell listing), so that sampling into the accumulator rows and the collisions read nearby memory: without it
the cost per molecule-step at 25,000 cells of 8 molecules was 1.9x (every 8 steps) to 6x (never, the previous
kernel) the cost at 500 cells of 400; with it, 1.1-1.2x (``benchmarks/bench_dsmc.py``).

What a step does per cell is O(cells x groups) with a fixed, small number of groups, not O(cells x blocks of
molecules), so the cost per molecule-step does not grow with the number of cells. Random numbers are
counter-based: a wall interaction of molecule i at step s uses the stream (seed, i, 2s), the collisions of
cell c at step s the stream (seed, c, 2s + 1). Every sum is made in an order that does not depend on the
number of threads (wall energies per fixed block of ``BLOCK`` molecules, moments per group in index order,
then over groups in order), so a run is bit-identical for any number of threads and for any split of its
steps into calls of :func:`advance` that share the group accumulators.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np
from numba import prange

from thermophoresis.constants import BOLTZMANN
from thermophoresis._numerics.rng import next_state as _next, stream, ziggurat_normal

BLOCK = 4096
#: Groups of molecules (the most threads a run uses); fixed, so that sums do not depend on the threads.
GROUPS = 8
#: Every this many steps the molecules are put in cell order in memory (after the collisions of steps
#: 1, 3, 5, ...), so that the sampling and the collisions read nearby memory whatever the number of cells.
#: It is part of the algorithm (a molecule's random stream follows its place in memory): changing it changes
#: the numbers a seed gives, as a different seed would.
REORDER_EVERY = 2
_TWO53N = 2.0**-53
_COLL = np.uint64(0x2545F4914F6CDD1D)


@nb.njit(cache=True, inline="always")
def _uniform(state):
    state, r = _next(state)
    return state, float(r >> np.uint64(11)) * _TWO53N


@nb.njit(cache=True, inline="always")
def _emit(state, t_wall, m, direction, zx, zf):
    """Diffuse re-emission at ``t_wall`` (cosine law) along ``direction``: (state, vx, vy, vz)."""
    s = math.sqrt(BOLTZMANN * t_wall / m)
    state, gx = ziggurat_normal(state, zx, zf)
    state, gy = ziggurat_normal(state, zx, zf)
    state, u = _uniform(state)
    return state, s * gx, s * gy, direction * s * math.sqrt(-2.0 * math.log(1.0 - u))


@nb.njit(cache=True)
def _walls(i, zi, vx, vy, vz, wall_blk, b, step, seed, dt, length, t_lo, t_hi, accommodation, m, zx, zf):
    """Free flight of molecule i through one or more wall interactions; returns its new z (rare path)."""
    state = stream(seed, i, 2 * step)
    remaining = dt
    while True:
        znew = zi + vz[i] * remaining
        if znew >= 0.0 and znew <= length:
            return znew
        low = znew < 0.0
        wall_z = 0.0 if low else length
        remaining -= (wall_z - zi) / vz[i]
        e_in = 0.5 * m * (vx[i] ** 2 + vy[i] ** 2 + vz[i] ** 2)
        state, u = _uniform(state)
        if u < accommodation:
            state, vx[i], vy[i], vz[i] = _emit(state, t_lo if low else t_hi, m, 1.0 if low else -1.0, zx, zf)
        else:
            vz[i] = -vz[i]
        e_out = 0.5 * m * (vx[i] ** 2 + vy[i] ** 2 + vz[i] ** 2)
        wall_blk[b, 0 if low else 1] += e_in - e_out
        zi = wall_z


@nb.njit(cache=True, parallel=True)
def _sample_move_count(z, vx, vy, vz, cell, counts, wall_blk, group_acc, sample, step, seed, dt, length, t_lo,
                       t_hi, accommodation, m, n_cells, zx, zf):
    n = z.size
    n_groups = counts.shape[0]
    nblocks = wall_blk.shape[0]
    inv_dz = n_cells / length
    for g in prange(n_groups):
        cnt = counts[g]
        for c in range(n_cells):
            cnt[c] = 0
        lo = (g * nblocks // n_groups) * BLOCK
        hi = min(n, ((g + 1) * nblocks // n_groups) * BLOCK)
        if sample:
            acc_g = group_acc[g]
            for i in range(lo, hi):
                x, y, w = vx[i], vy[i], vz[i]
                v2 = x * x + y * y + w * w
                row = acc_g[cell[i]]
                row[0] += 1.0
                row[1] += x
                row[2] += y
                row[3] += w
                row[4] += v2
                row[5] += x * w
                row[6] += y * w
                row[7] += w * w
                row[8] += v2 * w
                row[9] += math.sqrt(v2) * w
        for b in range(g * nblocks // n_groups, (g + 1) * nblocks // n_groups):
            wall_blk[b, 0] = 0.0
            wall_blk[b, 1] = 0.0
            for i in range(b * BLOCK, min(n, (b + 1) * BLOCK)):
                znew = z[i] + vz[i] * dt
                if znew < 0.0 or znew > length:
                    znew = _walls(i, z[i], vx, vy, vz, wall_blk, b, step, seed, dt, length, t_lo, t_hi,
                                  accommodation, m, zx, zf)
                z[i] = znew
                c = int(znew * inv_dz)
                if c >= n_cells:
                    c = n_cells - 1
                cell[i] = c
                cnt[c] += 1


@nb.njit(cache=True, parallel=True)
def _list_cells(cell, offsets, index):
    n = cell.size
    n_groups = offsets.shape[0]
    nblocks = (n + BLOCK - 1) // BLOCK
    for g in prange(n_groups):
        pos = offsets[g]  # recomputed every step, so it can be used up here
        lo = (g * nblocks // n_groups) * BLOCK
        hi = min(n, ((g + 1) * nblocks // n_groups) * BLOCK)
        for i in range(lo, hi):
            c = cell[i]
            index[pos[c]] = i
            pos[c] += 1


@nb.njit(cache=True, parallel=True)
def _collide(vx, vy, vz, index, start, step, seed, dt, vol, fnum, sig_coef, omega, inv_alpha, sigma_cr_max):
    for c in prange(start.size - 1):
        s0 = start[c]
        nc = start[c + 1] - s0
        if nc >= 2:
            _collide_cell(c, s0, nc, vx, vy, vz, index, step, seed, dt, vol, fnum, sig_coef, omega, inv_alpha,
                          sigma_cr_max)


@nb.njit(cache=True)
def _collide_cell(c, s0, nc, vx, vy, vz, index, step, seed, dt, vol, fnum, sig_coef, omega, inv_alpha,
                  sigma_cr_max):
    power = 2.0 - 2.0 * omega  # sigma c_r = sig_coef c_r^(2 - 2 omega)
    state = np.uint64(stream(seed, c, 2 * step + 1)) ^ _COLL
    n_sel = 0.5 * nc * (nc - 1) * fnum * sigma_cr_max[c] * dt / vol
    n_pairs = int(n_sel)
    state, u = _uniform(state)
    if u < n_sel - n_pairs:
        n_pairs += 1
    smax = sigma_cr_max[c]
    for _ in range(n_pairs):
        state, u = _uniform(state)
        k1 = int(u * nc)
        state, u = _uniform(state)
        k2 = int(u * (nc - 1))
        if k2 >= k1:
            k2 += 1
        i = index[s0 + k1]
        j = index[s0 + k2]
        gx = vx[i] - vx[j]
        gy = vy[i] - vy[j]
        gz = vz[i] - vz[j]
        cr = math.sqrt(gx * gx + gy * gy + gz * gz)
        if omega == 0.5:
            scr = sig_coef * cr
        else:
            scr = sig_coef * cr**power
        if scr > smax:
            smax = scr
        state, u = _uniform(state)
        if u * smax < scr:
            cmx = 0.5 * (vx[i] + vx[j])
            cmy = 0.5 * (vy[i] + vy[j])
            cmz = 0.5 * (vz[i] + vz[j])
            state, u1 = _uniform(state)
            state, u2 = _uniform(state)
            phi = 2.0 * math.pi * u2
            if inv_alpha == 1.0:
                # isotropic scattering (HS, VHS): a uniform direction for the relative velocity
                cos_t = 2.0 * u1 - 1.0
                sin_t = math.sqrt(max(0.0, 1.0 - cos_t * cos_t))
                ux = cr * sin_t * math.cos(phi)
                uy = cr * sin_t * math.sin(phi)
                uz = cr * cos_t
            else:
                # VSS: cos(chi) = 2 u^(1/alpha) - 1; g turned by chi about a random azimuth (Bird 1994, eq. 2.22)
                cos_x = 2.0 * u1**inv_alpha - 1.0
                sin_x = math.sqrt(max(0.0, 1.0 - cos_x * cos_x))
                cos_e = math.cos(phi)
                sin_e = math.sin(phi)
                gp = math.sqrt(gy * gy + gz * gz)
                if gp > 1e-12 * cr:
                    ux = cos_x * gx + sin_x * sin_e * gp
                    uy = cos_x * gy + sin_x * (cr * gz * cos_e - gx * gy * sin_e) / gp
                    uz = cos_x * gz - sin_x * (cr * gy * cos_e + gx * gz * sin_e) / gp
                else:
                    ux = cos_x * gx
                    uy = sin_x * cos_e * cr
                    uz = sin_x * sin_e * cr
            vx[i] = cmx + 0.5 * ux
            vy[i] = cmy + 0.5 * uy
            vz[i] = cmz + 0.5 * uz
            vx[j] = cmx - 0.5 * ux
            vy[j] = cmy - 0.5 * uy
            vz[j] = cmz - 0.5 * uz
    sigma_cr_max[c] = smax


@nb.njit(cache=True)
def cell_index(z, length, n_cells):
    cell = np.empty(z.size, np.int32)
    for i in range(z.size):
        c = int(z[i] * n_cells / length)
        cell[i] = min(c, n_cells - 1)
    return cell


@nb.njit(cache=True, parallel=True)
def _gather(z, vx, vy, vz, index, zs, vxs, vys, vzs):
    for k in prange(index.size):
        i = index[k]
        zs[k] = z[i]
        vxs[k] = vx[i]
        vys[k] = vy[i]
        vzs[k] = vz[i]


@nb.njit(cache=True, parallel=True)
def _put_back(z, vx, vy, vz, cell, start, zs, vxs, vys, vzs):
    for c in prange(start.size - 1):
        for k in range(start[c], start[c + 1]):
            z[k] = zs[k]
            vx[k] = vxs[k]
            vy[k] = vys[k]
            vz[k] = vzs[k]
            cell[k] = c


def n_groups(n_molecules: int) -> int:
    """Groups of a run of ``n_molecules`` (whole blocks each; at most :data:`GROUPS`)."""
    return max(1, min(GROUPS, -(-int(n_molecules) // BLOCK)))


@nb.njit(cache=True)
def advance(z, vx, vy, vz, cell, n_steps, step0, seed, dt, length, t_lo, t_hi, accommodation, m, n_cells, fnum,
            sig_coef, omega, inv_alpha, sigma_cr_max, sample, group_acc, wall_energy, zx, zf, sample_every=1,
            sample_phase=0, reorder_every=2):
    """Advance ``n_steps`` steps from step number ``step0``; returns the number of sampled steps.

    ``cell`` holds each molecule's cell (kept up to date); every ``reorder_every`` steps (counted from step 0)
    the molecules are put in cell order. If ``sample``, the net energy delivered to the low
    and the high wall at every step is added to wall_energy [J, times fnum], and each step whose number
    ``step`` has ``(step - sample_phase) % sample_every == 0`` first samples the state left by the previous
    step into group_acc[group, cell] (shape (n_groups(n), n_cells, 10); columns: 0 count, 1-3 sum v,
    4 sum v^2, 5-7 sum v_i v_z, 8 sum v^2 v_z, 9 sum |v| v_z); :func:`reduce_groups` adds them up.
    """
    n = z.size
    nblocks = (n + BLOCK - 1) // BLOCK
    groups = group_acc.shape[0]
    counts = np.zeros((groups, n_cells), np.int64)
    offsets = np.zeros((groups, n_cells), np.int64)
    wall_blk = np.zeros((nblocks, 2))
    index = np.empty(n, np.int32)
    start = np.zeros(n_cells + 1, np.int64)
    vol = length / n_cells
    n_sampled = 0
    zs = np.empty(n)
    vxs = np.empty(n)
    vys = np.empty(n)
    vzs = np.empty(n)
    for s in range(n_steps):
        step = step0 + s
        sample_now = sample and (step - sample_phase) % sample_every == 0
        if sample_now:
            n_sampled += 1
        _sample_move_count(z, vx, vy, vz, cell, counts, wall_blk, group_acc, sample_now, step, seed, dt, length,
                           t_lo, t_hi, accommodation, m, n_cells, zx, zf)
        if sample:
            for b in range(nblocks):
                wall_energy[0] += wall_blk[b, 0] * fnum
                wall_energy[1] += wall_blk[b, 1] * fnum
        pos = 0
        for c in range(n_cells):
            start[c] = pos
            for g in range(groups):
                offsets[g, c] = pos
                pos += counts[g, c]
        start[n_cells] = pos
        _list_cells(cell, offsets, index)
        _collide(vx, vy, vz, index, start, step, seed, dt, vol, fnum, sig_coef, omega, inv_alpha, sigma_cr_max)
        if reorder_every > 0 and (step + 1) % reorder_every == 0:
            _gather(z, vx, vy, vz, index, zs, vxs, vys, vzs)
            _put_back(z, vx, vy, vz, cell, start, zs, vxs, vys, vzs)
    return n_sampled


@nb.njit(cache=True)
def reduce_groups(group_acc, acc, n_sampled):
    """acc[:, :10] += the group accumulators, summed over groups in order; acc[:, 10] += n_sampled."""
    for c in range(acc.shape[0]):
        for k in range(10):
            total = 0.0
            for g in range(group_acc.shape[0]):
                total += group_acc[g, c, k]
            acc[c, k] += total
        acc[c, 10] += n_sampled
