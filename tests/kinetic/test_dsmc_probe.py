"""The DSMC thread governor's measuring slices are short against the call (issue 16.3): a short run no longer
spends a quarter of its steps on one thread timing it."""

from thermophoresis.kinetic import dsmc
from thermophoresis.kinetic.dsmc import ThreadGovernor


def test_probe_is_a_small_share_of_the_call_and_long_enough_to_time():
    n = 100_000
    assert dsmc.probe_steps(n, 100) == 3  # 3 % of 100 steps (was 1/8 of a 200-step slice: 25 steps)
    assert dsmc.probe_steps(n, 200) == 6
    assert dsmc.probe_steps(n, 1) == 2  # at least PROBE_MOLECULE_STEPS molecule-steps
    assert dsmc.probe_steps(1000, 10) == 200
    # in a long call the governor's 1/8 of a full slice is the shorter one, as before
    per_slice = dsmc.SLICE_MOLECULE_STEPS // n
    assert int(per_slice * ThreadGovernor.PROBE) < dsmc.probe_steps(n, 10_000)


def test_a_short_governed_run_spends_few_steps_on_one_thread(monkeypatch):
    # the thread choice itself is timed; record the slices' lengths by wrapping the kernel call
    lengths = []
    real = dsmc._kernels.advance

    def counting(*args):
        lengths.append(args[5])
        return real(*args)

    monkeypatch.setattr(dsmc._kernels, "advance", counting)
    monkeypatch.setattr(dsmc, "choose_threads", lambda cap: cap)
    monkeypatch.setattr(dsmc, "threads_wait_passively", lambda: False)
    p = dsmc.FourierProblem(knudsen=0.1)
    st = dsmc._State(p, 20, 1700, None, 1, None)  # 34,000 molecules: 2 threads wanted where Numba has 2
    st._governor.record = lambda threads, rate: ThreadGovernor.record(st._governor, threads, 1.0 + threads)
    wanted = min(dsmc.nb.get_num_threads(), st.z.size // dsmc.MOLECULES_PER_THREAD)
    st.advance(100, dsmc.np.zeros((20, 11)), dsmc.np.zeros(2), sample=False)
    assert sum(lengths) == 100
    if wanted >= 2:
        assert st.thread_history[:2] == [1, 2] and lengths[:2] == [6, 6]  # 200k molecule-steps each
        assert st.thread_history[2:] == [2] * (len(lengths) - 2)
    else:
        assert st.thread_history == [1]
