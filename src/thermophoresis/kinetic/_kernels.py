"""Numba kernels of the DSMC Fourier solver (see :mod:`thermophoresis.kinetic.dsmc`).

Layout: positions and velocities as separate contiguous arrays, in no particular order between
reorderings. (Keeping them sorted by cell every step was tried and is slower: consecutive molecules of the same
cell make the counting loop wait on the same counter.) The molecules are split into ``n_groups`` contiguous
groups (a fixed number, :data:`GROUPS`, or fewer for small runs; each thread takes whole groups). Every step
has two parallel passes, so two synchronisations of the threads (the kernel of the last session had three,
plus two more on reordering steps):

1. over groups (:func:`_move_and_list`): each molecule is sampled on sampling steps (the state left by the
   previous step's collisions, into its group's accumulator row of its cell) and, in the same loop (one read
   of its numbers), moved, reflected or re-emitted at the walls and given its new cell; then the group lists its molecules by cell in its own slots of the
   listing (a counting sort over the range of cells its molecules reached);
2. between the passes, on one thread: molecules per cell and the first slot of each cell, O(cells);
3. over cells (:func:`_collide_and_reorder`): each cell takes its molecules from the groups' listings (groups
   in order, so within a cell the molecules are in index order, a stable counting sort): in place when one
   group holds them all (nearly always, the molecules being near cell order), else gathered into a second
   listing; they collide (NTC), and every :data:`REORDER_EVERY` steps they are copied in cell order into a second set of
   arrays, which then becomes the current one (no copy back, no extra pass).

Putting the molecules in cell order in memory (every :data:`REORDER_EVERY` steps) keeps the sampling and
the collisions on nearby memory: without it the cost per molecule-step at 25,000 cells of 8 molecules was 1.9x (every 8 steps) to 6x (never,
an earlier kernel) the cost at 500 cells of 400. It also keeps each group's molecules in a narrow range of
cells, so that clearing and adding up the per-group cell counts costs O(cells), not O(cells x groups) (the
kernel before this one cleared and summed all groups x cells counts every step: at 25,000 cells and 8
groups as many entries as molecules). For the same reason each group's sampling accumulators are zeroed and
added up only over the cells it sampled into, and the initial state is already in cell order
(:class:`~thermophoresis.kinetic.dsmc._State`), so that the first steps cost what later ones do.
``benchmarks/bench_dsmc.py`` prints the cost against the cell count.

Random numbers are counter-based: a wall interaction of molecule i at step s uses the stream (seed, i, 2s),
the collisions of cell c at step s the stream (seed, c, 2s + 1). Every sum is made in an order that does not
depend on the number of threads (wall energies per fixed block of ``BLOCK`` molecules, moments per group in
index order, then over groups in order), so a run is bit-identical for any number of threads and for any
split of its steps into calls of :func:`advance` that share the group accumulators. With ``reorder_every=2``
the kernel gives the same numbers, bit for bit, as the three-pass kernel (this file at commit 7225e71) and the
two-pass kernel before issue 16.6 (this file at 5a9442d: the sampling in a loop of its own, every cell
gathered); the default :data:`REORDER_EVERY` is 64 since then, which gives a seed other numbers.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np
from numba import prange

from ..constants import BOLTZMANN
from .._numerics.rng import next_state as _next, splitmix64, stream, ziggurat_normal_called

BLOCK = 4096
#: Groups of molecules (the most threads a run uses); fixed, so that sums do not depend on the threads.
GROUPS = 8
#: Chunks of cells of the collision pass (threads take whole chunks; each has about 1/CHUNKS of the molecules).
CHUNKS = 2 * GROUPS
#: Every this many steps the molecules are put in cell order in memory (after the collisions of steps
#: 63, 127, ...), so that the sampling and the collisions read nearby memory whatever the number of cells.
#: It is part of the algorithm (a molecule's random stream follows its place in memory): changing it changes
#: the numbers a seed gives, as a different seed would. It was 2 until issue 16.6. A reordering reads and
#: writes every molecule's numbers in a gather, about 15-20 ns per molecule here, as much as one ordinary step;
#: between two of them a molecule moves only some cells (a quarter of a cell per step at the most probable
#: speed with the default time step), which costs the sampling, listing and collisions less than reordering
#: more often. Side by side (thread CPU time, 1 thread, 200 steps, load 1.4-2.1), 500 cells x 200: 0.92x,
#: 0.94x, 0.99x the kernel before the O(N) rewrite with 16, 32, 64 (0.97x never in 200 steps); 25,000 cells x 8:
#: 2.2x, 2.4x, 2.7x (2.9x never), ``benchmarks/bench_dsmc.py``.
REORDER_EVERY = 64
_TWO53N = 2.0**-53
_COLL = np.uint64(0x2545F4914F6CDD1D)


# The helpers are ordinary compiled functions, which LLVM inlines where they are called, not Numba-inlined ones
# (``inline="always"`` re-types the inlined body at every call site: with the ziggurat inlined twice into the
# wall re-emission that was about 5 s of a 23 s first run on a fresh cache). The numbers are the same.
@nb.njit(cache=True)
def _uniform(state):
    state, r = _next(state)
    return state, float(r >> np.uint64(11)) * _TWO53N


@nb.njit(cache=True)
def _emit(state, t_wall, m, direction, zx, zf):
    """Diffuse re-emission at ``t_wall`` (cosine law) along ``direction``: (state, vx, vy, vz)."""
    s = math.sqrt(BOLTZMANN * t_wall / m)
    state, gx = ziggurat_normal_called(state, zx, zf)
    state, gy = ziggurat_normal_called(state, zx, zf)
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
def _move_and_list(z, vx, vy, vz, cell, counts, ends, cell_range, index, wall_blk, group_acc, acc_range, sample, step,
                   seed, dt, length, t_lo, t_hi, accommodation, m, n_cells, zx, zf):
    """Pass 1 of a step, over groups: sample, move, new cell, and list the group's molecules by cell.

    Group g lists its molecules in its own slots of ``index`` (a counting sort over the cells it reaches,
    ``cell_range[g]``, within a cell in index order): ``index[ends[g, c] - counts[g, c]:ends[g, c]]`` are its
    molecules in cell c. Outside ``cell_range[g]`` its counts are zero (they are cleared over the previous
    step's range first), so the work per group is its molecules plus the cells it reaches, not all cells. When
    ``sample``, ``acc_range[g]`` is widened to take in the cells group g samples into, and the rows of
    ``group_acc[g]`` it takes in are zeroed then: rows outside it are never touched (they may hold anything,
    :func:`reduce_groups` does not read them).
    """
    n = z.size
    n_groups = counts.shape[0]
    nblocks = wall_blk.shape[0]
    inv_dz = n_cells / length
    for g in prange(n_groups):
        cnt = counts[g]
        for c in range(cell_range[g, 0], cell_range[g, 1] + 1):
            cnt[c] = 0
        b_lo = g * nblocks // n_groups
        b_hi = (g + 1) * nblocks // n_groups
        lo = b_lo * BLOCK
        hi = min(n, b_hi * BLOCK)
        if sample:
            acc_g = group_acc[g]
            # the cells sampled into (or a few more): rows entering the group's sampled range are zeroed first
            # (tracking the range inside the sampling loop slowed it by 7-16 %). After a step of this call the
            # group's cells are those it reached then (cell_range[g]) or, after a reordering, in order from
            # cell[lo] to cell[hi - 1]: the union of the two holds them either way
            if cell_range[g, 1] >= cell_range[g, 0]:
                s_min = min(cell_range[g, 0], cell[lo])
                s_max = max(cell_range[g, 1], cell[hi - 1])
            else:  # the first step of a call
                s_min = n_cells
                s_max = -1
                for i in range(lo, hi):
                    s_min = min(s_min, cell[i])
                    s_max = max(s_max, cell[i])
            a_min = acc_range[g, 0]
            a_max = acc_range[g, 1]
            if s_max >= s_min:
                if a_max < a_min:
                    a_min = s_max + 1
                    a_max = s_max
                for r in range(s_min, a_min):
                    acc_g[r, :] = 0.0
                for r in range(a_max + 1, s_max + 1):
                    acc_g[r, :] = 0.0
                acc_range[g, 0] = min(a_min, s_min)
                acc_range[g, 1] = max(a_max, s_max)
        c_min = n_cells
        c_max = -1
        for b in range(b_lo, b_hi):
            wall_blk[b, 0] = 0.0
            wall_blk[b, 1] = 0.0
            for i in range(b * BLOCK, min(n, (b + 1) * BLOCK)):
                if sample:
                    x, y, w = vx[i], vy[i], vz[i]
                    v2 = x * x + y * y + w * w
                    row = group_acc[g, cell[i]]
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
                c_min = min(c_min, c)
                c_max = max(c_max, c)
        cell_range[g, 0] = c_min
        cell_range[g, 1] = c_max
        end = ends[g]
        pos = lo
        for c in range(c_min, c_max + 1):
            end[c] = pos
            pos += cnt[c]
        for i in range(lo, hi):
            c = cell[i]
            index[end[c]] = i
            end[c] += 1


@nb.njit(cache=True, parallel=True)
def _collide_and_reorder(z, vx, vy, vz, cell, counts, ends, cell_range, index, cindex, start, chunk_start, reorder, zs,
                         vxs, vys, vzs, step, seed, dt, vol, fnum, sig_coef, omega, inv_alpha, sigma_cr_max):
    """Pass 2 of a step, over chunks of cells with about equal numbers of molecules (``chunk_start``): each
    cell gathers its molecules from the groups' listings (groups in order: the stable counting sort one
    global listing would give), they collide (NTC), and, if ``reorder``, they are copied in cell order into
    the other set of arrays (``zs``, ...) and ``cell`` is set to that order. How the cells are split into
    chunks does not change a number (each cell is done the same way, on its own random stream)."""
    n_groups = counts.shape[0]
    seed_key = splitmix64(np.uint64(seed))
    step_key = splitmix64(np.uint64(2 * step + 1))
    for t in prange(chunk_start.size - 1):
        c_lo = chunk_start[t]
        c_hi = chunk_start[t + 1]
        g_first = n_groups  # the groups whose molecules reached this chunk (a few, once in cell order)
        g_last = -1
        for g in range(n_groups):
            if cell_range[g, 0] < c_hi and cell_range[g, 1] >= c_lo:
                g_first = min(g_first, g)
                g_last = max(g_last, g)
        for c in range(c_lo, c_hi):
            s0 = start[c]
            nc = start[c + 1] - s0
            # the molecules of cell c are the groups' sections of the listing, in group order; in cell order
            # they are nearly always one group's: then that section is used in place, else they are gathered
            g_one = -1
            sections = 0
            for g in range(g_first, g_last + 1):
                if cell_range[g, 0] <= c <= cell_range[g, 1] and counts[g, c] > 0:
                    sections += 1
                    g_one = g
            if sections == 1:
                src = index
                b0 = ends[g_one, c] - nc
            else:
                k = s0
                for g in range(g_first, g_last + 1):
                    if cell_range[g, 0] <= c <= cell_range[g, 1]:
                        e = ends[g, c]
                        for j in range(e - counts[g, c], e):
                            cindex[k] = index[j]
                            k += 1
                src = cindex
                b0 = s0
            if nc >= 2:
                # NTC: the number of candidate pairs, rounded at random; the stream (seed, c, 2 step + 1) of
                # _numerics.rng.stream, with the parts common to all cells computed once
                n_sel = 0.5 * nc * (nc - 1) * fnum * sigma_cr_max[c] * dt / vol
                n_pairs = int(n_sel)
                state = splitmix64(splitmix64(seed_key ^ np.uint64(c)) ^ step_key) ^ _COLL
                state, u = _uniform(state)
                if u < n_sel - n_pairs:
                    n_pairs += 1
                if n_pairs > 0:
                    _collide_cell(c, b0, nc, n_pairs, state, vx, vy, vz, src, sig_coef, omega, inv_alpha,
                                  sigma_cr_max)
            if reorder:
                for k in range(s0, s0 + nc):
                    i = src[b0 - s0 + k]
                    zs[k] = z[i]
                    vxs[k] = vx[i]
                    vys[k] = vy[i]
                    vzs[k] = vz[i]
                    cell[k] = c


@nb.njit(cache=True)
def _collide_cell(c, s0, nc, n_pairs, state, vx, vy, vz, index, sig_coef, omega, inv_alpha, sigma_cr_max):
    """``n_pairs`` NTC candidate pairs among the ``nc`` molecules ``index[s0:s0 + nc]`` of cell c, drawn from the
    random state ``state``."""
    power = 2.0 - 2.0 * omega  # sigma c_r = sig_coef c_r^(2 - 2 omega)
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


def n_groups(n_molecules: int) -> int:
    """Groups of a run of ``n_molecules`` (whole blocks each; at most :data:`GROUPS`)."""
    return max(1, min(GROUPS, -(-int(n_molecules) // BLOCK)))


@nb.njit(cache=True)
def _uninitialised(groups, n_cells):
    # allocated by Numba (plain malloc): NumPy asks the kernel for huge pages on arrays this large, and then the
    # first touch of a few rows zeroes 2 MiB pages, about all of the (groups, cells, 10) array at 25,000 cells
    return np.empty((groups, n_cells, 10))


def new_accumulators(n_molecules: int, n_cells: int):
    """Group accumulators for :func:`advance` and :func:`reduce_groups` with their (empty) sampled ranges.

    The accumulators are not zeroed here: :func:`advance` zeroes each row as it enters its group's sampled
    range, so a call touches memory in proportion to the cells sampled, not to groups x cells (at 25,000 cells
    and 8 groups, 10x as many numbers as 200,000 molecules).
    """
    groups = n_groups(n_molecules)
    acc_range = np.empty((groups, 2), np.int64)
    acc_range[:, 0] = n_cells
    acc_range[:, 1] = -1
    return _uninitialised(groups, int(n_cells)), acc_range


@nb.njit(cache=True)
def advance(z, vx, vy, vz, cell, n_steps, step0, seed, dt, length, t_lo, t_hi, accommodation, m, n_cells, fnum,
            sig_coef, omega, inv_alpha, sigma_cr_max, sample, group_acc, acc_range, wall_energy, zx, zf, sample_every=1,
            sample_phase=0, reorder_every=2):
    """Advance ``n_steps`` steps from step number ``step0``; returns the number of sampled steps.

    ``cell`` holds each molecule's cell (kept up to date); every ``reorder_every`` steps (counted from step 0)
    the molecules are put in cell order. If ``sample``, the net energy delivered to the low
    and the high wall at every step is added to wall_energy [J, times fnum], and each step whose number
    ``step`` has ``(step - sample_phase) % sample_every == 0`` first samples the state left by the previous
    step into group_acc[group, cell] (shape (n_groups(n), n_cells, 10); columns: 0 count, 1-3 sum v,
    4 sum v^2, 5-7 sum v_i v_z, 8 sum v^2 v_z, 9 sum |v| v_z), and widens ``acc_range[group]`` (shape
    (n_groups(n), 2), start it at ``(n_cells, -1)``: an empty range) to the cells sampled into, zeroing the
    rows it takes in; :func:`reduce_groups` adds them up over those cells only (:func:`new_accumulators` makes
    both). So a call costs O(cells), not O(groups x cells), beyond its steps.
    """
    n = z.size
    nblocks = (n + BLOCK - 1) // BLOCK
    groups = group_acc.shape[0]
    counts = np.zeros((groups, n_cells), np.int64)
    ends = np.empty((groups, n_cells), np.int64)  # each step writes it over the cells it then reads
    cell_range = np.zeros((groups, 2), np.int64)
    cell_range[:, 1] = -1
    total = np.zeros(n_cells, np.int64)
    wall_blk = np.zeros((nblocks, 2))
    index = np.empty(n, np.int32)
    cindex = np.empty(n, np.int32)
    start = np.zeros(n_cells + 1, np.int64)
    n_chunks = max(1, min(CHUNKS, n_cells))
    chunk_start = np.zeros(n_chunks + 1, np.int64)
    chunk_start[n_chunks] = n_cells
    vol = length / n_cells
    n_sampled = 0
    # the molecules live in one of two sets of arrays: a reordering step copies them into the other set
    z0, vx0, vy0, vz0 = z, vx, vy, vz
    swapped = False
    zs = np.empty(n)
    vxs = np.empty(n)
    vys = np.empty(n)
    vzs = np.empty(n)
    for s in range(n_steps):
        step = step0 + s
        sample_now = sample and (step - sample_phase) % sample_every == 0
        if sample_now:
            n_sampled += 1
        _move_and_list(z, vx, vy, vz, cell, counts, ends, cell_range, index, wall_blk, group_acc, acc_range, sample_now,
                       step, seed, dt, length, t_lo, t_hi, accommodation, m, n_cells, zx, zf)
        if sample:
            for b in range(nblocks):
                wall_energy[0] += wall_blk[b, 0] * fnum
                wall_energy[1] += wall_blk[b, 1] * fnum
        # molecules per cell, over the cells each group reached: O(cells), not O(cells x groups)
        total[:] = 0
        for g in range(groups):
            for c in range(cell_range[g, 0], cell_range[g, 1] + 1):
                total[c] += counts[g, c]
        pos = 0
        for c in range(n_cells):
            start[c] = pos
            pos += total[c]
        start[n_cells] = pos
        for t in range(1, n_chunks):  # chunks of cells with about n / n_chunks molecules each
            chunk_start[t] = np.searchsorted(start[:n_cells], t * n // n_chunks)
        reorder = reorder_every > 0 and (step + 1) % reorder_every == 0
        _collide_and_reorder(z, vx, vy, vz, cell, counts, ends, cell_range, index, cindex, start, chunk_start, reorder,
                             zs, vxs, vys, vzs, step, seed, dt, vol, fnum, sig_coef, omega, inv_alpha, sigma_cr_max)
        if reorder:
            z, zs = zs, z
            vx, vxs = vxs, vx
            vy, vys = vys, vy
            vz, vzs = vzs, vz
            swapped = not swapped
    if swapped:
        z0[:] = z
        vx0[:] = vx
        vy0[:] = vy
        vz0[:] = vz
    return n_sampled


@nb.njit(cache=True)
def reduce_groups(group_acc, acc, n_sampled, acc_range):
    """acc[:, :10] += the group accumulators, summed over groups in order; acc[:, 10] += n_sampled.

    Only the cells in ``acc_range[g]`` are read from group g (the rows :func:`advance` zeroed and sampled
    into). The sums are those over all groups of zero-started accumulators, bit for bit: skipping a +0.0
    changes no sum (the totals start at +0.0 and never become -0.0). Once the molecules are in cell
    order the ranges are about cells / groups wide, so this reads O(cells) numbers, not O(groups x cells).
    """
    n_cells = acc.shape[0]
    n_groups = group_acc.shape[0]
    c_lo = n_cells
    c_hi = -1
    for g in range(n_groups):
        c_lo = min(c_lo, acc_range[g, 0])
        c_hi = max(c_hi, acc_range[g, 1])
    total = np.empty(10)
    for c in range(max(c_lo, 0), min(c_hi, n_cells - 1) + 1):
        total[:] = 0.0
        for g in range(n_groups):  # in order: the same sums, bit for bit, as over all groups and cells
            if acc_range[g, 0] <= c <= acc_range[g, 1]:
                row = group_acc[g, c]
                for k in range(10):
                    total[k] += row[k]
        for k in range(10):
            acc[c, k] += total[k]
    for c in range(n_cells):
        acc[c, 10] += n_sampled
