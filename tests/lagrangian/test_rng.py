import numpy as np
import pytest
from scipy import stats

from thermophoresis.lagrangian.rng import ZIG_F, ZIG_X, normals, ziggurat_normals


def test_ziggurat_is_standard_normal():
    x = np.concatenate([ziggurat_normals(5, i, 3, 100, ZIG_X, ZIG_F) for i in range(4000)])
    n = x.size
    assert abs(x.mean()) < 4 / np.sqrt(n)
    assert x.var() == pytest.approx(1.0, abs=4 * np.sqrt(2 / n))
    assert stats.kstest(x, "norm").pvalue > 1e-3
    # the tail beyond the ziggurat's base (R = 3.654) is sampled too, at the normal rate
    tail = np.mean(np.abs(x) > 3.7)
    assert tail == pytest.approx(2 * stats.norm.sf(3.7), rel=0.5)


def test_box_muller_reference_and_stream_independence():
    a = np.array([normals(1, i, 0, 4) for i in range(20000)]).ravel()
    assert abs(a.mean()) < 4 / np.sqrt(a.size) and a.var() == pytest.approx(1.0, abs=0.03)
    # a stream is a pure function of (seed, particle, step): repeatable, and different for neighbours
    np.testing.assert_array_equal(ziggurat_normals(9, 7, 11, 5, ZIG_X, ZIG_F), ziggurat_normals(9, 7, 11, 5, ZIG_X, ZIG_F))
    assert not np.array_equal(ziggurat_normals(9, 7, 11, 5, ZIG_X, ZIG_F), ziggurat_normals(9, 8, 11, 5, ZIG_X, ZIG_F))
    assert not np.array_equal(ziggurat_normals(9, 7, 11, 5, ZIG_X, ZIG_F), ziggurat_normals(9, 7, 12, 5, ZIG_X, ZIG_F))
    # neighbouring particles' deviates are uncorrelated
    m = np.array([ziggurat_normals(2, i, 0, 1, ZIG_X, ZIG_F)[0] for i in range(20001)])
    assert abs(np.corrcoef(m[:-1], m[1:])[0, 1]) < 4 / np.sqrt(m.size)
