"""DSMC kernel internals that must not change a result: the per-group cell listing, its cell ranges, and the
reordering into a second set of arrays (issue 16.4: per-step work O(cells), not O(cells x groups)).

The kernel keeps, per group of molecules, only the range of cells its molecules reached; these tests check
that the listing it builds is the stable counting sort a global listing would give, that counts left from a
wider range of the previous step are cleared, and that reordering (which swaps between two sets of arrays)
gives the same numbers however the steps are split into calls.
"""

import numpy as np
import pytest

from thermophoresis.kinetic import _kernels
from thermophoresis.kinetic.dsmc import FourierProblem, _State
from thermophoresis.lagrangian.rng import ZIG_F, ZIG_X

P = FourierProblem(knudsen=0.05, model="vss")


def _state(n_cells=40, per_cell=300, seed=5, shuffle=False):
    st = _State(P, n_cells, per_cell, None, seed, 1)  # 12,000 molecules: 3 blocks, 3 groups
    if shuffle:  # the molecules start in cell order; the listing must also be right for any order
        order = np.random.default_rng(seed).permutation(st.z.size)
        st.z, st.vx, st.vy, st.vz = (a[order].copy() for a in (st.z, st.vx, st.vy, st.vz))
        st.cell = _kernels.cell_index(st.z, P.gap, n_cells)
    return st


def test_each_group_lists_its_molecules_by_cell_in_index_order_and_clears_stale_counts():
    st = _state(shuffle=True)
    n, n_cells = st.z.size, st.n_cells
    groups = _kernels.n_groups(n)
    nblocks = -(-n // _kernels.BLOCK)
    assert groups == 3
    rng = np.random.default_rng(1)
    counts = np.zeros((groups, n_cells), np.int64)
    ends = np.zeros((groups, n_cells), np.int64)
    # the previous step reached cells 0..n_cells-1 and left counts there: they must be cleared, not added to
    cell_range = np.zeros((groups, 2), np.int64)
    cell_range[:, 1] = n_cells - 1
    counts[:] = rng.integers(1, 50, counts.shape)
    index = np.full(n, -1, np.int32)
    wall_blk = np.zeros((nblocks, 2))
    group_acc, acc_range = _kernels.new_accumulators(n, n_cells)
    _kernels._move_and_list(st.z, st.vx, st.vy, st.vz, st.cell, counts, ends, cell_range, index, wall_blk, group_acc,
                            acc_range, False, 0, st.seed, st.dt, P.gap, P.t_lo, P.t_hi, P.accommodation, P.molecular_mass,
                            n_cells, ZIG_X, ZIG_F)
    np.testing.assert_array_equal(st.cell, _kernels.cell_index(st.z, P.gap, n_cells))
    for g in range(groups):
        lo = (g * nblocks // groups) * _kernels.BLOCK
        hi = min(n, ((g + 1) * nblocks // groups) * _kernels.BLOCK)
        cells_g = st.cell[lo:hi]
        assert (cell_range[g, 0], cell_range[g, 1]) == (cells_g.min(), cells_g.max())
        inside = np.arange(cell_range[g, 0], cell_range[g, 1] + 1)
        np.testing.assert_array_equal(counts[g, inside], np.bincount(cells_g, minlength=n_cells)[inside])
        for c in inside:
            listed = index[ends[g, c] - counts[g, c]:ends[g, c]]
            np.testing.assert_array_equal(listed, lo + np.flatnonzero(cells_g == c))
    assert sorted(index.tolist()) == list(range(n))


def _advance(st, calls, reorder_every=2, full_range=False):
    group_acc, acc_range = _kernels.new_accumulators(st.z.size, st.n_cells)
    group_acc[:] = np.nan  # rows are zeroed as they enter a group's sampled range: no stale value may leak
    if full_range:  # the kernel before the sampled ranges: every row zeroed first, every row added up
        group_acc[:] = 0.0
        acc_range[:] = (0, st.n_cells - 1)
    wall = np.zeros(2)
    acc = np.zeros((st.n_cells, 11))
    step = sampled = 0
    for k in calls:
        sampled += _kernels.advance(st.z, st.vx, st.vy, st.vz, st.cell, k, step, st.seed, st.dt, P.gap, P.t_lo,
                                    P.t_hi, P.accommodation, P.molecular_mass, st.n_cells, st.fnum, st.sig_coef,
                                    st.omega, st.inv_alpha, st.sigma_cr_max, True, group_acc, acc_range, wall, ZIG_X, ZIG_F,
                                    1, 0, reorder_every)
        step += k
    _kernels.reduce_groups(group_acc, acc, sampled, acc_range)
    return np.concatenate([acc.ravel(), wall, st.z, st.vx, st.vy, st.vz, st.sigma_cr_max])


@pytest.mark.parametrize("calls", [(1, 1, 1, 1, 1, 1, 1), (2, 5), (3, 4), (6, 1)])
def test_reordering_between_two_sets_of_arrays_is_bit_identical_for_any_split_into_calls(calls):
    whole = _advance(_state(), (7,))
    assert np.array_equal(_advance(_state(), calls), whole)


@pytest.mark.parametrize("shuffle", [False, True])
def test_sampled_ranges_give_the_sums_of_zeroed_full_accumulators_bit_for_bit(shuffle):
    # reading only each group's sampled cells (and zeroing rows as they enter) must change no number, from
    # molecules in cell order (where the ranges are narrow) or in random order (where each spans all cells)
    full = _advance(_state(shuffle=shuffle), (3, 4), full_range=True)
    assert np.array_equal(_advance(_state(shuffle=shuffle), (3, 4)), full)


def test_molecules_start_in_cell_order_and_the_first_sample_is_of_them():
    # issue 16.4: in cell order from the start, so that the first steps read memory in order; the first
    # sampled step samples exactly this initial state
    st = _state()
    assert np.all(np.diff(st.z) >= 0)
    np.testing.assert_array_equal(st.cell, _kernels.cell_index(st.z, P.gap, st.n_cells))
    cells, vx, v2 = st.cell.copy(), st.vx.copy(), st.vx**2 + st.vy**2 + st.vz**2
    acc = _advance(st, (1,))[:st.n_cells * 11].reshape(st.n_cells, 11)
    np.testing.assert_array_equal(acc[:, 0], np.bincount(cells, minlength=st.n_cells))
    np.testing.assert_allclose(acc[:, 1], np.bincount(cells, vx, st.n_cells), rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(acc[:, 4], np.bincount(cells, v2, st.n_cells), rtol=1e-12, atol=0)
    assert np.all(acc[:, 10] == 1)


def test_after_a_reordering_step_the_molecules_are_in_cell_order():
    st = _state()
    _advance(st, (4,))  # steps 0-3: the collisions of step 3 end with a reordering
    np.testing.assert_array_equal(st.cell, np.sort(st.cell))
    np.testing.assert_array_equal(st.cell, _kernels.cell_index(st.z, P.gap, st.n_cells))
    # from there one step moves a molecule at most a few cells (dt is a quarter of a cell crossing at the most
    # probable speed), so the groups reach nearly disjoint cell ranges: the work on the counts is O(cells)
    n, groups = st.z.size, _kernels.n_groups(st.z.size)
    cell_range = np.zeros((groups, 2), np.int64)
    cell_range[:, 1] = -1
    _kernels._move_and_list(st.z, st.vx, st.vy, st.vz, st.cell, np.zeros((groups, st.n_cells), np.int64),
                            np.zeros((groups, st.n_cells), np.int64), cell_range, np.empty(n, np.int32),
                            np.zeros((-(-n // _kernels.BLOCK), 2)), *_kernels.new_accumulators(n, st.n_cells), False, 4,
                            st.seed, st.dt, P.gap, P.t_lo, P.t_hi, P.accommodation, P.molecular_mass, st.n_cells,
                            ZIG_X, ZIG_F)
    reached = (cell_range[:, 1] - cell_range[:, 0] + 1).sum()
    assert st.n_cells <= reached <= st.n_cells + 8 * groups


def test_collision_pass_gathers_each_cell_in_stable_order_and_reorders():
    # with fnum = 0 no pair is drawn, so the pass only gathers and reorders: the new arrays must be the
    # molecules stably sorted by cell (groups in order, then index order), however the cells are chunked
    st = _state(seed=8, shuffle=True)
    n, n_cells = st.z.size, st.n_cells
    groups = _kernels.n_groups(n)
    counts = np.zeros((groups, n_cells), np.int64)
    ends = np.zeros((groups, n_cells), np.int64)
    cell_range = np.zeros((groups, 2), np.int64)
    cell_range[:, 1] = -1
    index = np.empty(n, np.int32)
    _kernels._move_and_list(st.z, st.vx, st.vy, st.vz, st.cell, counts, ends, cell_range, index,
                            np.zeros((-(-n // _kernels.BLOCK), 2)), *_kernels.new_accumulators(n, n_cells), False, 0,
                            st.seed, st.dt, P.gap, P.t_lo, P.t_hi, P.accommodation, P.molecular_mass, n_cells, ZIG_X, ZIG_F)
    order = np.argsort(st.cell, kind="stable")
    start = np.concatenate([[0], np.cumsum(np.bincount(st.cell, minlength=n_cells))]).astype(np.int64)
    for chunk_start in ([0, n_cells], [0, 3, 3, 17, 39, n_cells]):
        out = [np.full(n, np.nan) for _ in range(4)]
        cell = st.cell.copy()
        cindex = np.full(n, -1, np.int32)
        _kernels._collide_and_reorder(st.z, st.vx, st.vy, st.vz, cell, counts, ends, cell_range, index, cindex, start,
                                      np.array(chunk_start, np.int64), True, *out, 0, st.seed, st.dt, P.gap / n_cells,
                                      0.0, st.sig_coef, st.omega, st.inv_alpha, st.sigma_cr_max.copy())
        np.testing.assert_array_equal(cindex, order)
        for new, old in zip(out, (st.z, st.vx, st.vy, st.vz)):
            np.testing.assert_array_equal(new, old[order])
        np.testing.assert_array_equal(cell, st.cell[order])
