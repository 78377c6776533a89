"""Random stream version 2 of the tracker (two deviates per 64-bit word, 32-bit ziggurat): its statistics,
that the kernel draws exactly the documented stream, that version 1 still gives the former trajectories bit
for bit, and that the version is part of a saved run's fingerprint."""

import numpy as np
import pytest
from scipy import stats

from thermophoresis import Gas, InputError, Particle
from thermophoresis._numerics.rng import ZIG_F, ZIG_KN, ZIG_X, stream2_normals, stream2_words, ziggurat_normals
from thermophoresis.lagrangian import Tracker, UniformGradient

N_PART, N_STEP, N_DEV = 8000, 4, 6


@pytest.fixture(scope="module")
def sample():
    """Deviates [particle, step, slot] of stream 2, seed 11."""
    return np.array([[stream2_normals(11, p, s, N_DEV) for s in range(N_STEP)] for p in range(N_PART)])


def _max_corr_z(pairs):
    """The largest |correlation| of the given (a, b) pairs, in units of its standard error 1/sqrt(n)."""
    return max(abs(np.corrcoef(a, b)[0, 1]) * np.sqrt(a.size) for a, b in pairs)


def test_moments_ks_and_tails(sample):
    x = sample.ravel()
    n = x.size
    assert abs(x.mean()) < 4 / np.sqrt(n)
    assert abs(x.var() - 1.0) < 4 * np.sqrt(2 / n)
    assert abs(stats.skew(x)) < 4 * np.sqrt(6 / n)
    assert abs(stats.kurtosis(x)) < 4 * np.sqrt(24 / n)
    assert stats.kstest(x, "norm").pvalue > 1e-3
    # the tail beyond the ziggurat's base strip (R = 3.654), drawn by the rare path, at the normal rate
    for cut in (3.0, 3.7, 4.0):
        expected = 2 * stats.norm.sf(cut) * n
        assert abs(np.sum(np.abs(x) > cut) - expected) < 4 * np.sqrt(expected) + 1


def test_rare_path_is_taken_at_the_ziggurat_rate():
    """The share of half words that fail the integer test (and go through the wedge or tail) is the area
    outside the layers' inner rectangles, mean(1 - KN/2^23) = 1.5 %; the deviates of the rare path follow
    the normal density's wedges and tail (checked through the moments above, which they shift if wrong)."""
    words = np.concatenate([stream2_words(11, p, 0, 3) for p in range(3000)])
    h = np.concatenate([words & np.uint64(0xFFFFFFFF), words >> np.uint64(32)])
    rare = (h >> np.uint64(9)) >= ZIG_KN[h & np.uint64(255)]
    p_rare = float(np.mean(1.0 - ZIG_KN / 2.0**23))
    assert 0.014 < p_rare < 0.016
    assert abs(rare.mean() - p_rare) < 4 * np.sqrt(p_rare / h.size)


def test_independence_across_particles_steps_and_slots(sample):
    s = sample
    pairs = []
    for q in range(N_DEV):
        pairs.append((s[:-1, 0, q], s[1:, 0, q]))  # neighbouring particles, same step and slot
        pairs.append((s[:, 0, q], s[:, 1, q]))  # consecutive steps, same particle and slot
        for r in range(q + 1, N_DEV):
            pairs.append((s[:, 0, q], s[:, 0, r]))  # slots of one step, the two halves of a word among them
    squares = [(a * a, b * b) for a, b in pairs]  # dependence that leaves the correlation at zero
    signs = [(np.sign(a), np.sign(b)) for a, b in pairs]  # the sign bits
    z = max(_max_corr_z(pairs), _max_corr_z(squares), _max_corr_z(signs))
    assert z < 4.5  # 3 x 27 tests: a 4.5 sigma excursion somewhere has probability < 1e-3
    # the same check catches a stream whose slots repeat (a broken word split): the test can fail
    broken = s.copy()
    broken[:, :, 1] = np.abs(broken[:, :, 0]) * np.sign(broken[:, :, 1])
    bpairs = [(broken[:, 0, 0] ** 2, broken[:, 0, 1] ** 2)]
    assert _max_corr_z(bpairs) > 20


def test_bits_of_the_words_are_balanced():
    words = np.concatenate([stream2_words(3, p, s, 3) for p in range(500) for s in range(4)])
    bits = (words[:, None] >> np.arange(64, dtype=np.uint64)[None, :]) & np.uint64(1)
    share = bits.mean(axis=0)
    assert np.all(np.abs(share - 0.5) < 4.5 * np.sqrt(0.25 / words.size))


def test_the_kernel_draws_the_documented_streams():
    """One inertial step from rest without drift: the velocity along each axis is s_v times the deviate of
    slot 0, 2 or 4 (the same s_v for every particle), the position c_x times it plus s_x times slot 1, 3, 5."""
    for stream, ref in ((2, lambda p: stream2_normals(3, p, 0, 6)),
                        (1, lambda p: ziggurat_normals(3, p, 0, 6, ZIG_X, ZIG_F))):
        tr = Tracker(Particle("300 nm", "psl"), Gas("air"), UniformGradient(300.0, gradient=(0.0, 0.0, 0.0)),
                     dt=1e-4, inertial=True, gravity=False, seed=3, stream=stream)
        n = 600
        r = tr.run(np.zeros((n, 3)), 1, velocities=np.zeros((n, 3)))
        dev = np.array([ref(p) for p in range(n)])
        ratio = r.velocities / dev[:, 0::2]
        assert np.max(np.abs(ratio / ratio[0, 0] - 1.0)) < 1e-14
        # x = c_x d_v + s_x d_x: the slot-1, 3, 5 deviates recovered from it by a least-squares fit
        for a in range(3):
            coef, *_ = np.linalg.lstsq(dev[:, 2 * a:2 * a + 2], r.positions[:, a], rcond=None)
            assert np.max(np.abs(dev[:, 2 * a:2 * a + 2] @ coef - r.positions[:, a])) < 1e-12 * np.max(
                np.abs(r.positions[:, a]))


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
