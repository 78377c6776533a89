"""The suite-wide guard against vacuous ``pytest.approx`` (root ``conftest.py``) is installed and trips."""

import numpy as np
import pytest

from conftest import VacuousApproxError, check_approx_tolerance


def test_guard_is_installed_for_every_test():
    assert getattr(pytest.approx, "_vacuous_guard", False)


@pytest.mark.parametrize("call", [
    lambda: pytest.approx(1e-15, rel=1e-3),          # tolerance 1e-12 instead of 1e-18
    lambda: pytest.approx(1e-15),                    # default rel=1e-6: 1e-21 stated, 1e-12 effective
    lambda: pytest.approx(0.0),                      # zero needs an explicit abs=
    lambda: pytest.approx(3.0, rel=0.0),             # rel=0 alone leaves the default abs in charge
    lambda: pytest.approx([1.0, 2e-14], rel=1e-3),   # any element of a sequence
    lambda: pytest.approx(np.array([1.0, -5e-16])),  # arrays
    lambda: pytest.approx({"f": 1e-15}, rel=0.1),    # mappings
])
def test_guard_trips_on_default_absolute_tolerance(call):
    with pytest.raises(VacuousApproxError, match="effective tolerance"):
        call()


def test_guard_accepts_explicit_abs_and_values_of_order_one():
    assert 1e-15 == pytest.approx(1e-15, rel=1e-3, abs=0)
    assert 1.0 == pytest.approx(1.0)
    assert 0.0 == pytest.approx(0.0, abs=1e-30)
    assert [1.0, 2.0] == pytest.approx([1.0, 2.0 + 1e-9], rel=1e-6)
    check_approx_tolerance(1e-15, rel=1e-3, abs=0)  # no error


def test_guarded_approx_still_fails_where_it_should():
    # the whole point: with abs=0 a factor 2 in a 1e-15 N force is caught
    assert 2e-15 != pytest.approx(1e-15, rel=1e-3, abs=0)
    assert -1e-15 != pytest.approx(1e-15, rel=1e-3, abs=0)


def test_from_import_gets_the_guard_too():
    from pytest import approx

    with pytest.raises(VacuousApproxError):
        approx(1e-15, rel=1e-3)
