"""Random stream versions 2 and 3 of the tracker (two deviates per 64-bit word; each 32-bit half through a
256-layer ziggurat in version 2, a 1024-layer one in version 3): their statistics (version 3 with a sample
large enough to see its rarer rare path), version 3's layer constants solved afresh, that the kernel draws
exactly the documented streams, that version 1 still gives the former trajectories bit for bit, that
version 3 is the default, and that the version is part of a saved run's fingerprint."""

import math

import numba as nb
import numpy as np
import pytest
from scipy import optimize, special, stats

from thermophoresis import Gas, InputError, Particle
from thermophoresis._numerics import rng
from thermophoresis._numerics.rng import (ZIG3_KN, ZIG3_N, ZIG3_R, ZIG3_V, ZIG3_W21, ZIG3_X, ZIG_F, ZIG_KN, ZIG_X,
                                          stream2_normals, stream2_words, stream3_normals, stream_normals,
                                          ziggurat_normals)
from thermophoresis.lagrangian import Tracker, UniformGradient, kernels

N_DEV = 6


@nb.njit(cache=True)
def _sample(version, seed, n_part, n_step):
    """Deviates [particle, step, slot] of stream ``version``."""
    out = np.empty((n_part, n_step, N_DEV))
    for p in range(n_part):
        for s in range(n_step):
            out[p, s] = stream_normals(version, seed, p, s, N_DEV)
    return out


@pytest.fixture(scope="module")
def sample2():
    """192,000 deviates of stream 2, seed 11 (about 2,900 from the rare path)."""
    return _sample(2, 11, 8000, 4)


@pytest.fixture(scope="module")
def big3():
    """24 million deviates of stream 3, seed 11: about 100,000 from the rare path. (Its first 4.8 million give
    a chi-square p-value of 7e-5 in the test below, a chance excursion: p = 0.36 over all of them, and 20
    other seeds of 4.8 million each give p-values consistent with uniform, KS p = 0.83, pooled chi-square
    p = 0.91; checked when this test was written.)"""
    return _sample(3, 11, 1_000_000, 4)


def _assert_normal(x, cuts, n_ks):
    """Mean, variance, skewness and kurtosis within 4 standard errors, KS on the first ``n_ks``, and the
    counts beyond each of ``cuts`` within 4 standard deviations of the normal's."""
    n = x.size
    assert abs(x.mean()) < 4 / np.sqrt(n)
    assert abs(x.var() - 1.0) < 4 * np.sqrt(2 / n)
    assert abs(stats.skew(x)) < 4 * np.sqrt(6 / n)
    assert abs(stats.kurtosis(x)) < 4 * np.sqrt(24 / n)
    assert stats.kstest(x[:n_ks], "norm").pvalue > 1e-3
    for cut in cuts:
        expected = 2 * stats.norm.sf(cut) * n
        assert abs(np.sum(np.abs(x) > cut) - expected) < 4 * np.sqrt(expected) + 1


def _chi2_pvalue(x, bins=400):
    counts = np.bincount(np.minimum((special.ndtr(x) * bins).astype(int), bins - 1), minlength=bins)
    return stats.chisquare(counts).pvalue


def test_stream2_moments_ks_and_tails(sample2):
    # the tail beyond the ziggurat's base strip (R = 3.654), drawn by the rare path, at the normal rate
    _assert_normal(sample2.ravel(), (3.0, 3.7, 4.0), sample2.size)


def test_stream3_moments_ks_chi2_and_tails(big3):
    x = big3.ravel()
    # beyond the base strip (R = 4.039) every deviate comes from the tail algorithm
    _assert_normal(x, (3.0, 3.7, 4.0, 4.3, 4.6), 2_400_000)
    assert _chi2_pvalue(x) > 1e-3


@pytest.mark.parametrize("version, shift, kn, lo, hi", [(2, 9, ZIG_KN, 0.014, 0.016),
                                                        (3, 11, ZIG3_KN, 0.0040, 0.0045)])
def test_rare_path_is_taken_at_the_ziggurat_rate(version, shift, kn, lo, hi):
    """The share of half words that fail the integer test (and go through the wedge or tail) is the area
    outside the layers' inner rectangles, mean(1 - KN/2^u) with u = 23 or 21 uniform bits: 1.5 % (version 2),
    0.43 % (version 3); the deviates of the rare path follow the normal density's wedges and tail (checked
    through the moments and the chi-square above, which they shift if wrong)."""
    words = np.concatenate([stream2_words(11, p, 0, 3) for p in range(5000)])  # the same words in both
    h = np.concatenate([words & np.uint64(0xFFFFFFFF), words >> np.uint64(32)])
    rare = (h >> np.uint64(shift)) >= kn[h & np.uint64(kn.size - 1)]
    p_rare = float(np.mean(1.0 - kn / 2.0 ** (32 - shift)))
    assert lo < p_rare < hi
    assert abs(rare.mean() - p_rare) < 4 * np.sqrt(p_rare / h.size)


def _max_corr_z(pairs):
    """The largest |correlation| of the given (a, b) pairs, in units of its standard error 1/sqrt(n)."""
    return max(abs(np.corrcoef(a, b)[0, 1]) * np.sqrt(a.size) for a, b in pairs)


def _independence_z(s):
    """The largest correlation z of the deviates, their squares and their signs over neighbouring particles,
    consecutive steps and the slots of one step."""
    pairs = []
    for q in range(N_DEV):
        pairs.append((s[:-1, 0, q], s[1:, 0, q]))  # neighbouring particles, same step and slot
        pairs.append((s[:, 0, q], s[:, 1, q]))  # consecutive steps, same particle and slot
        for r in range(q + 1, N_DEV):
            pairs.append((s[:, 0, q], s[:, 0, r]))  # slots of one step, the two halves of a word among them
    squares = [(a * a, b * b) for a, b in pairs]  # dependence that leaves the correlation at zero
    signs = [(np.sign(a), np.sign(b)) for a, b in pairs]  # the sign bits
    return max(_max_corr_z(pairs), _max_corr_z(squares), _max_corr_z(signs))


def test_independence_across_particles_steps_and_slots(sample2, big3):
    # 3 x 27 tests each: a 4.5 sigma excursion somewhere has probability < 1e-3
    assert _independence_z(sample2) < 4.5
    assert _independence_z(big3[:50_000]) < 4.5
    # the same check catches a stream whose slots repeat (a broken word split): the test can fail
    broken = sample2.copy()
    broken[:, :, 1] = np.abs(broken[:, :, 0]) * np.sign(broken[:, :, 1])
    assert _max_corr_z([(broken[:, 0, 0] ** 2, broken[:, 0, 1] ** 2)]) > 20


def test_bits_of_the_words_are_balanced():
    words = np.concatenate([stream2_words(3, p, s, 3) for p in range(500) for s in range(4)])
    bits = (words[:, None] >> np.arange(64, dtype=np.uint64)[None, :]) & np.uint64(1)
    share = bits.mean(axis=0)
    assert np.all(np.abs(share - 0.5) < 4.5 * np.sqrt(0.25 / words.size))


@pytest.mark.parametrize("stream, ref", [(3, lambda p: stream3_normals(3, p, 0, 6)),
                                         (2, lambda p: stream2_normals(3, p, 0, 6)),
                                         (1, lambda p: ziggurat_normals(3, p, 0, 6, ZIG_X, ZIG_F))])
def test_the_kernel_draws_the_documented_streams(stream, ref):
    """One inertial step from rest without drift: the velocity along each axis is s_v times the deviate of
    slot 0, 2 or 4 (the same s_v for every particle), the position c_x times it plus s_x times slot 1, 3, 5.
    Of the 2000 particles, about 50 (version 3) to 170 (version 2) take the rare path in this step."""
    tr = Tracker(Particle("300 nm", "psl"), Gas("air"), UniformGradient(300.0, gradient=(0.0, 0.0, 0.0)),
                 dt=1e-4, inertial=True, gravity=False, seed=3, stream=stream)
    n = 2000
    r = tr.run(np.zeros((n, 3)), 1, velocities=np.zeros((n, 3)))
    dev = np.array([ref(p) for p in range(n)])
    ratio = r.velocities / dev[:, 0::2]
    assert np.max(np.abs(ratio / ratio[0, 0] - 1.0)) < 1e-14
    # x = c_x d_v + s_x d_x: the slot-1, 3, 5 deviates recovered from it by a least-squares fit
    for a in range(3):
        coef, *_ = np.linalg.lstsq(dev[:, 2 * a:2 * a + 2], r.positions[:, a], rcond=None)
        assert np.max(np.abs(dev[:, 2 * a:2 * a + 2] @ coef - r.positions[:, a])) < 1e-12 * np.max(
            np.abs(r.positions[:, a]))


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


def test_stream3_layer_constants_solve_the_closure():
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


@nb.njit(cache=True)
def _sample3_without_rare_path(seed, n_part, n_step):
    out = np.empty((n_part, n_step, 6))
    for p in range(n_part):
        for s in range(n_step):
            words = stream2_words(seed, p, s, 3)
            for q in range(6):
                h = (words[q // 2] >> np.uint64(32 * (q % 2))) & np.uint64(0xFFFFFFFF)
                out[p, s, q] = float(h >> np.uint64(11)) * ZIG3_W21[h & np.uint64(2047)]
    return out


def test_a_generator_without_the_rare_path_fails_these_tests():
    """The inner-rectangle formula of version 3 applied to every half word, rejected or not (the rare path
    skipped), on the same words: the chi-square test above rejects it, so it can tell a broken rare path."""
    x = _sample3_without_rare_path(11, 1_000_000, 4).ravel()
    assert _chi2_pvalue(x) < 1e-6
    assert np.max(np.abs(x)) < ZIG3_X[0]  # and the tail is missing


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


def test_stream_1_reproduces_the_former_trajectories_bit_for_bit():
    """Inertial run with Maxwellian start velocities: final states of the kernel before stream versions
    (commit e0a3a9f, computed with it) for particles 0, 7 and 15."""
    f = UniformGradient(300.0, gradient=(0.0, 0.0, 5e4), velocity=(0.01, 0.0, 0.0))
    tr = Tracker(Particle("300 nm", "psl"), Gas("air"), f, dt=1e-4, inertial=True, gravity=True, seed=9, stream=1)
    r = tr.run(np.zeros((16, 3)), 20)
    former = {
        0: (["0x1.51be073032d87p-16", "-0x1.c09bfcad7f27cp-21", "-0x1.048a63bdc2c3ep-18"],
            ["-0x1.5cae61c0d1b0ep-6", "0x1.ee3e2ddbf2960p-7", "0x1.f403d665ae371p-7"]),
        7: (["0x1.3f2359675d6b3p-16", "0x1.05ea64e09d716p-23", "-0x1.748c6529e89aep-19"],
            ["0x1.9610874739770p-10", "0x1.8970b711de472p-11", "-0x1.4948941f1610fp-5"]),
        15: (["0x1.47bf7a672e09bp-16", "0x1.7e519ebc1e9d8p-23", "-0x1.f54813b39123bp-19"],
             ["-0x1.6717d2be7c7cdp-7", "0x1.1a2e4157b6a64p-6", "-0x1.46eeaf23757f1p-7"]),
    }
    for i, (p, v) in former.items():
        assert [float(x).hex() for x in r.positions[i]] == p
        assert [float(x).hex() for x in r.velocities[i]] == v
    # the default stream gives other trajectories for the same seed
    tr2 = Tracker(Particle("300 nm", "psl"), Gas("air"), f, dt=1e-4, inertial=True, gravity=True, seed=9)
    assert tr2.stream == 3
    assert not np.array_equal(tr2.run(np.zeros((16, 3)), 20).positions, r.positions)


def test_bad_stream_is_refused():
    for bad in (0, 4, "2", True, 2.0):
        with pytest.raises(InputError, match="stream"):
            Tracker(Particle("200 nm", "psl"), Gas("air"), UniformGradient(300.0), dt=1e-5, stream=bad)


def test_a_saved_run_resumes_only_with_its_stream(tmp_path):
    xr = pytest.importorskip("xarray")
    field = UniformGradient(300.0, gradient=(0.0, 0.0, 1e4))
    kw = dict(dt=1e-5, inertial=False, gravity=False, seed=5)
    start = np.zeros((8, 3))

    def make(**extra):
        return Tracker(Particle("200 nm", "psl"), Gas("air"), field, **kw, **extra)

    d = tmp_path / "run"
    make(stream=1).run_to_netcdf(d, start, 20, chunk_steps=10)
    assert make().fingerprint(start, 20)["stream"] != make(stream=1).fingerprint(start, 20)["stream"]
    with pytest.raises(InputError, match=r"different run: stream differ"):
        make(stream=2).run_to_netcdf(d, start, 20, chunk_steps=10)
    # a state written before stream versions existed (no stream digest) was written with version 1
    st = xr.open_dataset(d / "state.nc", engine="scipy").load()
    del st.attrs["input_stream"]
    st.to_netcdf(d / "state.nc", engine="scipy")
    calls = []
    make(stream=1).run_to_netcdf(d, start, 20, chunk_steps=10, progress=lambda *a: calls.append(a))
    assert calls == []  # resumed as finished, nothing recomputed
    with pytest.raises(InputError, match=r"different run: stream differ"):
        make(stream=2).run_to_netcdf(d, start, 20, chunk_steps=10)


def test_the_stream_version_is_a_scenario_entry():
    import pathlib

    from thermophoresis.lagrangian.scenario import build, parse

    text = (pathlib.Path(__file__).parents[2] / "examples" / "precipitator.toml").read_text()
    assert "stream" not in text
    assert build(parse(text), pathlib.Path(".")).tracker.stream == 3  # the default
    one = text.replace("[run]\n", "[run]\nstream = 1\n")
    assert build(parse(one), pathlib.Path(".")).tracker.stream == 1
    with pytest.raises(InputError, match="run.stream"):
        build(parse(text.replace("[run]\n", "[run]\nstream = 4\n")), pathlib.Path("."))
