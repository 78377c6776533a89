"""Bad starts are refused with their indices (issue 15.3); runs outside the tracker's assumptions warn,
saying what breaks and where the limit is (issue 15.2, the track cases)."""

import warnings

import numpy as np
import pytest

from thermophoresis import Gas, InputError, Particle, ValidityWarning
from thermophoresis.lagrangian import GraetzTube, ProfileZ, Tracker, UniformGradient


def _plates(gas=None, dt=0.05, **kw):
    field = ProfileZ.plates(5e-3, 293.15, 313.15, flow="poiseuille", mean_velocity=0.05)
    return Tracker(Particle("1 um", "psl"), gas or Gas("air"), field, dt=dt, inertial=False, gravity=False,
                   walls=(0.0, 5e-3), seed=1, **kw)


def _line(n=10):
    return np.column_stack([np.zeros(n), np.zeros(n), np.linspace(1e-4, 4.9e-3, n)])


@pytest.mark.parametrize("edit, pattern", [
    (lambda p: p.__setitem__((3, 2), -1e-4), r"positions: 1 particle\(s\) start outside the walls.*\[0, 0.005\] m \(indices 3\)"),
    (lambda p: p.__setitem__((slice(2, 5), 2), 6e-3), r"start outside the walls.*\(indices 2, 3, 4\)"),
    (lambda p: p.__setitem__((7, 0), np.nan), r"positions: 1 particle\(s\) have NaN or infinite coordinates.*\(indices 7\)"),
    (lambda p: p.__setitem__((0, 1), np.inf), r"NaN or infinite coordinates.*\(indices 0\)"),
    (lambda p: p.__setitem__((9, 0), 2.0), r"start beyond the exit; x must be at most x_exit = 1 m \(indices 9\)"),
])
def test_bad_start_positions_are_refused_with_their_indices(tmp_path, edit, pattern):
    tr = _plates(x_exit=1.0)
    pos = _line()
    edit(pos)
    with pytest.raises(InputError, match=pattern):
        tr.run(pos, 5)
    with pytest.raises(InputError, match=pattern):
        tr.run_to_netcdf(tmp_path / "run", pos, 5, chunk_steps=5)
    assert not (tmp_path / "run" / "state.nc").exists()


def test_nan_velocities_and_starts_outside_the_tube_are_refused():
    tr = _plates()
    vel = np.zeros((10, 3))
    vel[4, 1] = np.nan
    with pytest.raises(InputError, match=r"velocities: 1 particle\(s\) have NaN.*\(indices 4\)"):
        tr.run(_line(), 5, velocities=vel)
    tube = GraetzTube(1e-3, 0.05, 0.2, 400.0, 300.0, 2.2e-5, n_terms=10)
    tt = Tracker(Particle("1 um", "psl"), Gas("air"), tube, dt=1e-3, inertial=False, gravity=False, x_exit=0.05)
    pos = np.zeros((5, 3))
    pos[:, 2] = [0.0, 0.5e-3, 0.99e-3, 1.2e-3, 0.2e-3]
    pos[4, 1] = 0.99e-3  # r = 1.01 mm
    with pytest.raises(InputError, match=r"start outside the tube wall.*\(indices 3, 4\)"):
        tt.run(pos, 2)


def test_particles_on_the_walls_start_inside():
    res = _plates(brownian=False).run(np.array([[0.0, 0.0, 0.0], [0.0, 0.0, 5e-3]]), 1)
    assert res.positions.shape == (2, 3)


def test_a_step_that_crosses_the_gap_warns_with_the_limit():
    with pytest.warns(ValidityWarning, match=r"dt = 1e\+03 s moves a particle up to .* m per step in z.*more than a "
                                             r"tenth of the wall gap \(0.005 m\).*use dt <= "):
        _plates(dt=1000.0).run(_line(), 1)
    msgs = _plates(dt=1000.0).validity()
    limit = float(msgs[0].rsplit("dt <= ", 1)[1].split(" s")[0])
    # at the suggested step the check passes, at twice it fails
    assert not _plates(dt=limit * 0.99).validity()
    assert _plates(dt=limit * 2).validity()


def test_reflecting_walls_allow_steps_up_to_the_gap():
    field = ProfileZ.plates(5e-3, 293.15, 313.15)
    kw = dict(inertial=False, gravity=False, walls=(0.0, 5e-3), wall_mode="reflect", seed=1)
    tr = Tracker(Particle("1 um", "psl"), Gas("air"), field, dt=1000.0, **kw)
    (msg,) = tr.validity()
    assert "more than the wall gap (0.005 m)" in msg
    limit = float(msg.rsplit("dt <= ", 1)[1].split(" s")[0])
    assert not Tracker(Particle("1 um", "psl"), Gas("air"), field, dt=limit * 0.99, **kw).validity()
    assert _plates(dt=limit * 0.99).validity()  # but not with absorbing walls


def test_rarefied_gas_across_the_domain_warns():
    with pytest.warns(ValidityWarning, match=r"valid for Kn_L = mfp/L << 1 \(limit used: 0.1\).*L = 0.005 m "
                                             r"\(the wall gap\), Kn_L = "):
        _plates(gas=Gas("air", pressure=1e-2), dt=1e-4).run(_line(), 1)
    # the case, Kn_L ~ 1e5
    msgs = _plates(gas=Gas("air", pressure=1e-5), dt=1e-6).validity()
    kn = float(msgs[0].rsplit("Kn_L = ", 1)[1].split(":")[0])
    assert kn > 1e4


def test_the_example_and_ordinary_runs_do_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        _plates().run(_line(), 5)
        Tracker(Particle("200 nm", "psl"), Gas("air"), UniformGradient(293.15, gradient=(0, 0, 1e4)), dt=1e-3,
                gravity=False, seed=1).run(np.zeros((4, 3)), 5)
    assert _plates().validity() == []


def test_warned_once_per_tracker(tmp_path):
    tr = _plates(dt=1000.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        tr.run_to_netcdf(tmp_path / "run", _line(), 4, chunk_steps=1)
        tr.run(_line(), 1)
    assert sum(issubclass(w.category, ValidityWarning) and "per step" in str(w.message) for w in caught) == 1
