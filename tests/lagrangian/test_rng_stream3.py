"""Random stream version 3 of the tracker (the words of version 2, each 32-bit half through a 1024-layer
ziggurat): its layer constants solved afresh, its statistics with a sample large enough to see the rare path,
that the kernel draws exactly the documented stream, and that it is the default."""

import math

import numba as nb
import numpy as np
import pytest
from scipy import optimize, special, stats

from thermophoresis import Gas, Particle
from thermophoresis._numerics import rng
from thermophoresis._numerics.rng import (ZIG3_KN, ZIG3_N, ZIG3_R, ZIG3_V, ZIG3_W21, ZIG3_X, stream2_words,
                                          stream3_normals)
from thermophoresis.lagrangian import Tracker, UniformGradient
from thermophoresis.lagrangian import kernels


def _closure(r, n):
    """Top of the n-th layer minus the peak, for a base strip starting at r (zero for the ziggurat)."""
    f = lambda x: math.exp(-0.5 * x * x)  # noqa: E731
    v = r * f(r) + math.sqrt(math.pi / 2) * special.erfc(r / math.sqrt(2))
    x = r
    for _ in range(2, n):
        a = v / x + f(x)
        if a >= 1.0:
            return 1.0  # the layers reached the peak too early: r too small
        x = math.sqrt(-2.0 * math.log(a))
    return v / x + f(x) - 1.0


def test_layer_constants_solve_the_closure():
    """R and V solve the ziggurat's equations (every layer of area V, the top layer ending at the peak,
    the base strip R f(R) plus the tail beyond R), solved again here with a root finder; the same solver
    gives Marsaglia & Tsang's R = 3.6541528853610088 for 256 layers."""
    r256 = optimize.brentq(_closure, 3.0, 4.5, args=(256,), xtol=1e-15)
    assert abs(r256 - 3.6541528853610088) < 1e-12
    r = optimize.brentq(_closure, 3.0, 4.5, args=(ZIG3_N,), xtol=1e-15)
    assert abs(r - ZIG3_R) < 1e-12
    v = r * math.exp(-0.5 * r * r) + math.sqrt(math.pi / 2) * special.erfc(r / math.sqrt(2))
    assert abs(v / ZIG3_V - 1.0) < 1e-12
    x = ZIG3_X
    areas = x[1:ZIG3_N] * (np.exp(-0.5 * x[2:] ** 2) - np.exp(-0.5 * x[1:ZIG3_N] ** 2))  # layers 1..N-1
    assert np.max(np.abs(areas / ZIG3_V - 1.0)) < 1e-9
    assert x[ZIG3_N] == 0.0 and x[0] * math.exp(-0.5 * r * r) == pytest.approx(ZIG3_V, rel=1e-15, abs=0.0)


def test_rare_path_rate():
    """Half words outside the inner rectangles: mean(1 - KN/2^21) = 0.43 % (version 2: 1.49 %)."""
    words = np.concatenate([stream2_words(11, p, 0, 3) for p in range(5000)])
    h = np.concatenate([words & np.uint64(0xFFFFFFFF), words >> np.uint64(32)])
    rare = (h >> np.uint64(11)) >= ZIG3_KN[h & np.uint64(1023)]
    p_rare = float(np.mean(1.0 - ZIG3_KN / 2.0**21))
    assert 0.0040 < p_rare < 0.0045
    assert abs(rare.mean() - p_rare) < 4 * np.sqrt(p_rare / h.size)


@nb.njit(cache=True)
def _sample(seed, n_part, n_step, n_dev):
    out = np.empty((n_part, n_step, n_dev))
    for p in range(n_part):
        for s in range(n_step):
            out[p, s] = stream3_normals(seed, p, s, n_dev)
    return out


@pytest.fixture(scope="module")
def big():
    """24 million deviates [particle, step, slot], seed 11: about 100,000 from the rare path. (Its first 4.8
    million give a chi-square p-value of 7e-5 in the test below, a chance excursion: p = 0.36 over all of
    them, and 20 other seeds of 4.8 million each give p-values consistent with uniform, KS p = 0.83, pooled
    chi-square p = 0.91; checked when this test was written.)"""
    return _sample(11, 1_000_000, 4, 6)




def test_moments_ks_chi2_and_tails(big):
    x = big.ravel()
    n = x.size
    assert abs(x.mean()) < 4 / np.sqrt(n)
    assert abs(x.var() - 1.0) < 4 * np.sqrt(2 / n)
    assert abs(stats.skew(x)) < 4 * np.sqrt(6 / n)
    assert abs(stats.kurtosis(x)) < 4 * np.sqrt(24 / n)
    assert stats.kstest(x[:2_400_000], "norm").pvalue > 1e-3
    counts = np.bincount(np.minimum((special.ndtr(x) * 400).astype(int), 399), minlength=400)
    assert stats.chisquare(counts).pvalue > 1e-3
    # beyond the base strip (R = 4.039) every deviate comes from the tail algorithm
    for cut in (3.0, 3.7, 4.0, 4.3, 4.6):
        expected = 2 * stats.norm.sf(cut) * n
        assert abs(np.sum(np.abs(x) > cut) - expected) < 4 * np.sqrt(expected) + 1


@nb.njit(cache=True)
def _sample_without_rare_path(seed, n_part, n_step):
    out = np.empty((n_part, n_step, 6))
    for p in range(n_part):
        for s in range(n_step):
            words = stream2_words(seed, p, s, 3)
            for q in range(6):
                h = (words[q // 2] >> np.uint64(32 * (q % 2))) & np.uint64(0xFFFFFFFF)
                out[p, s, q] = float(h >> np.uint64(11)) * ZIG3_W21[h & np.uint64(2047)]
    return out


def test_a_generator_without_the_rare_path_fails_these_tests():
    """The inner-rectangle formula applied to every half word, rejected or not (the rare path skipped), on
    the same words: the chi-square test above rejects it, so it can tell a broken rare path."""
    x = _sample_without_rare_path(11, 1_000_000, 4).ravel()
    counts = np.bincount(np.minimum((special.ndtr(x) * 400).astype(int), 399), minlength=400)
    assert stats.chisquare(counts).pvalue < 1e-6
    assert np.max(np.abs(x)) < ZIG3_X[0]  # and the tail is missing


def test_independence_across_particles_steps_and_slots(big):
    s = big[:50_000]

    def zmax(pairs):
        return max(abs(np.corrcoef(a, b)[0, 1]) * np.sqrt(a.size) for a, b in pairs)

    pairs = []
    for q in range(6):
        pairs.append((s[:-1, 0, q], s[1:, 0, q]))
        pairs.append((s[:, 0, q], s[:, 1, q]))
        for r in range(q + 1, 6):
            pairs.append((s[:, 0, q], s[:, 0, r]))
    z = max(zmax(pairs), zmax([(a * a, b * b) for a, b in pairs]), zmax([(np.sign(a), np.sign(b)) for a, b in pairs]))
    assert z < 4.5


def test_the_kernel_draws_the_documented_stream():
    """One inertial step from rest without drift: the velocity along each axis is s_v times the deviate of
    slot 0, 2 or 4, the position c_x times it plus s_x times slot 1, 3, 5 (as for version 2)."""
    tr = Tracker(Particle("300 nm", "psl"), Gas("air"), UniformGradient(300.0, gradient=(0.0, 0.0, 0.0)),
                 dt=1e-4, inertial=True, gravity=False, seed=3, stream=3)
    n = 2000  # about 50 of them take the rare path in this step
    r = tr.run(np.zeros((n, 3)), 1, velocities=np.zeros((n, 3)))
    dev = np.array([stream3_normals(3, p, 0, 6) for p in range(n)])
    ratio = r.velocities / dev[:, 0::2]
    assert np.max(np.abs(ratio / ratio[0, 0] - 1.0)) < 1e-14
    for a in range(3):
        coef, *_ = np.linalg.lstsq(dev[:, 2 * a:2 * a + 2], r.positions[:, a], rcond=None)
        assert np.max(np.abs(dev[:, 2 * a:2 * a + 2] @ coef - r.positions[:, a])) < 1e-12 * np.max(
            np.abs(r.positions[:, a]))


def test_version_3_is_the_default():
    """The tracker, a tracking file's ``run.stream``, the sweep's track target and ``thermophoresis compile``
    all default to version 3."""
    import inspect

    from thermophoresis._params import STREAM
    from thermophoresis.sweep.targets import track_target

    tr = Tracker(Particle("200 nm", "psl"), Gas("air"), UniformGradient(300.0), dt=1e-5)
    assert tr.stream == 3 == kernels.STREAM_VERSION == STREAM.default
    assert inspect.signature(track_target).parameters["stream"].default == 3
    assert rng.ZIG3_KN.max() < 2**21
