"""The tube and precipitator functions check their inputs through their PARAMETERS declarations
(``_params.check_args``): quantities with units are read, bad values name the argument, value and allowed."""

import pytest

from thermophoresis import Gas, Particle
from thermophoresis.exceptions import InputError, UnitError, UnknownNameError
from thermophoresis.scenarios import (collection_efficiency, deposition_distance, precipitator_efficiency,
                                      tube_deposition, turbulent_tube_deposition)

AIR = Gas("air")
PSL = Particle(3e-7, "psl")


def test_precipitator_reads_quantities_like_si_numbers():
    si = collection_efficiency(PSL, AIR, 5e-3, 293.15, 313.15, 0.05, 0.1)
    units = collection_efficiency(PSL, AIR, "5 mm", "20 degC", "40 degC", "5 cm/s", "10 cm")
    assert units / si == pytest.approx(1.0, rel=1e-12, abs=0)


@pytest.mark.parametrize("call, parameter, value", [
    (lambda: deposition_distance(PSL, AIR, -1e-3, 293.0, 313.0, 0.05), "gap", -1e-3),
    (lambda: deposition_distance(PSL, AIR, 5e-3, float("nan"), 313.0, 0.05), "t_cold", None),
    (lambda: collection_efficiency(PSL, AIR, 5e-3, 293.0, 313.0, 0.0, 0.1), "mean_velocity", 0.0),
    (lambda: precipitator_efficiency("psl", AIR, 5e-3, 293.0, 313.0, 0.05, -0.1), "length", -0.1),
    (lambda: tube_deposition(PSL, AIR, 2e-3, 0.3, 0.5, 600.0, -300.0), "t_wall", -300.0),
    (lambda: turbulent_tube_deposition(PSL, AIR, 0.0, 1.0, 20.0, 600.0, 300.0), "diameter", 0.0),
])
def test_bad_values_name_parameter_value_and_allowed(call, parameter, value):
    with pytest.raises(InputError) as info:
        call()
    exc = info.value
    assert exc.parameter == parameter and exc.allowed
    assert str(exc).startswith(parameter)
    if value is not None:
        assert exc.value == value


def test_wrong_dimension_and_unknown_flow():
    with pytest.raises(UnitError, match="radius"):
        tube_deposition(PSL, AIR, "2 kg", 0.3, 0.5, 600.0, 300.0)
    with pytest.raises(UnknownNameError, match="closest: laminar"):
        tube_deposition(PSL, AIR, 2e-3, 0.3, 0.5, 600.0, 300.0, flow="lamnar")


def test_plates_must_be_ordered():
    with pytest.raises(InputError, match="t_hot must exceed t_cold"):
        deposition_distance(PSL, AIR, "5 mm", "313 K", "293 K", "5 cm/s")
