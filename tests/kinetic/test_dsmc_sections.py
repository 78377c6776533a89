"""DSMC collision pass: a cell whose molecules one group lists is collided in place in that group's listing,
a cell listed by several groups is first gathered into a second listing (issue 16.6). Both must give the same
numbers, bit for bit: the molecules, their order and the random stream are the same either way.
"""

import numpy as np
import pytest

from thermophoresis.kinetic import _kernels
from thermophoresis.kinetic.dsmc import FourierProblem, _State

P = FourierProblem(knudsen=0.05, model="vss")


def _listings(cell, n_cells):
    """The same stable listing by cell, once as one group's (every cell in place) and once split between two
    groups, the first half of each cell's molecules in group 0 and the rest in group 1 (every cell of two or
    more molecules gathered): (counts, ends, cell_range, index) for each."""
    order = np.argsort(cell, kind="stable").astype(np.int32)
    per = np.bincount(cell, minlength=n_cells)
    one = (per[None, :].astype(np.int64), np.cumsum(per)[None, :].astype(np.int64),
           np.array([[0, n_cells - 1]], np.int64), order)
    first = per // 2
    counts = np.stack([first, per - first]).astype(np.int64)
    ends = np.empty_like(counts)
    index = np.empty_like(order)
    pos = 0
    start = np.concatenate([[0], np.cumsum(per)])
    for g in range(2):
        for c in range(n_cells):
            mine = order[start[c]:start[c + 1]][:first[c]] if g == 0 else order[start[c]:start[c + 1]][first[c]:]
            index[pos:pos + mine.size] = mine
            pos += mine.size
            ends[g, c] = pos
    two = (counts, ends, np.array([[0, n_cells - 1], [0, n_cells - 1]], np.int64), index)
    return one, two, start.astype(np.int64)


@pytest.mark.parametrize("chunks", [[0, 40], [0, 5, 5, 21, 40]])
def test_cells_collided_in_place_and_gathered_give_the_same_numbers(chunks):
    st = _State(P, 40, 300, None, 4, 1)
    n, n_cells = st.z.size, st.n_cells
    one, two, start = _listings(st.cell, n_cells)
    results = []
    for counts, ends, cell_range, index in (one, two):
        vx, vy, vz, smax = st.vx.copy(), st.vy.copy(), st.vz.copy(), st.sigma_cr_max.copy()
        out = [np.full(n, np.nan) for _ in range(4)]
        cell = st.cell.copy()
        # a long step, so that every cell draws many candidate pairs
        _kernels._collide_and_reorder(st.z, vx, vy, vz, cell, counts, ends, cell_range, index, np.full(n, -1, np.int32),
                                      start, np.array(chunks, np.int64), True, *out, 3, st.seed, 20 * st.dt,
                                      P.gap / n_cells, st.fnum, st.sig_coef, st.omega, st.inv_alpha, smax)
        results.append(np.concatenate([vx, vy, vz, smax, *out, cell]))
    changed = np.count_nonzero(results[0][:n] != st.vx)
    assert changed > n // 10  # molecules did collide, in both
    assert np.array_equal(results[0], results[1])
    # and the reordered arrays are the molecules stably sorted by cell, with their post-collision velocities
    order = np.argsort(st.cell, kind="stable")
    np.testing.assert_array_equal(results[0][3 * n + 40:4 * n + 40], st.z[order])
    np.testing.assert_array_equal(results[0][4 * n + 40:5 * n + 40], results[0][:n][order])
