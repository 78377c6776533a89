"""The tube scenario warns when its continuum, incompressible assumptions break (issue 15)."""

import warnings

import pytest

from thermophoresis import Gas, Particle
from thermophoresis.exceptions import ValidityWarning
from thermophoresis.scenarios.tube import TUBE_MAX_MACH, TUBE_SLIP_KNUDSEN, tube_deposition

PSL = Particle("200 nm", "psl")


def _run(gas, velocity):
    return tube_deposition(PSL, gas, 2e-3, 0.3, velocity, 600.0, 300.0)


def test_ordinary_tube_gives_no_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        _run(Gas("air"), 0.5)


def test_rarefied_tube_warns_with_the_knudsen_number():
    g = Gas("air", pressure=1e-5)
    kn = float(g.with_state(temperature=450.0).mean_free_path) / 4e-3
    assert kn > 1e4 * TUBE_SLIP_KNUDSEN
    with pytest.warns(ValidityWarning, match="tube Knudsen number"):
        _run(g, 0.5)


def test_just_above_the_slip_limit_warns_and_just_below_does_not():
    # mean free path scales as 1/p: choose pressures putting mfp/D at 0.5x and 2x the limit
    ref = Gas("air").with_state(temperature=450.0)
    p_limit = 101325.0 * float(ref.mean_free_path) / (TUBE_SLIP_KNUDSEN * 4e-3)
    with pytest.warns(ValidityWarning, match="tube Knudsen number"):
        _run(Gas("air", pressure=0.5 * p_limit), 0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ValidityWarning)
        _run(Gas("air", pressure=2.0 * p_limit), 0.02)


def test_supersonic_tube_warns_with_the_mach_number():
    # air at the 450 K film temperature: speed of sound sqrt(1.4 * 287 * 450) ~ 425 m/s
    with pytest.warns(ValidityWarning, match="Mach number 2.3"):
        _run(Gas("air"), 1000.0)
    assert 1000.0 / 425.0 > TUBE_MAX_MACH
