import numpy as np
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st

from thermophoresis.exceptions import UnitError
from thermophoresis.units import DIMENSIONS, registry, to_si


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        ("200 nm", "length", 200e-9),
        ("1 um", "length", 1e-6),
        ("1 atm", "pressure", 101325.0),
        ("100 Pa", "pressure", 100.0),
        ("1 torr", "pressure", 101325.0 / 760.0),
        ("25 degC", "temperature", 298.15),
        ("77 degF", "temperature", 298.15),
        ("300 K", "temperature", 300.0),
        ("1e4 K/m", "temperature_gradient", 1e4),
        ("10 degC/mm", "temperature_gradient", 1e4),
        ("10 K/cm", "temperature_gradient", 1e3),
        ("0.15 W/m/K", "thermal_conductivity", 0.15),
        ("1050 kg/m^3", "density", 1050.0),
        ("1.05 g/cm^3", "density", 1050.0),
        ("5 K", "temperature_difference", 5.0),
        ("5 degC", "temperature_difference", 5.0),
        ("1 L/min", "volumetric_flow", 1e-3 / 60.0),
    ],
)
def test_strings_to_si(text, kind, expected):
    assert to_si(text, kind, "x") == pytest.approx(expected, rel=1e-12, abs=0)


def test_plain_numbers_are_si_and_arrays_pass_through():
    assert to_si(3.5, "length") == 3.5
    arr = to_si([1.0, 2.0], "pressure")
    assert isinstance(arr, np.ndarray) and arr.tolist() == [1.0, 2.0]


def test_pint_quantities():
    u = registry()
    assert to_si(u.Quantity(25.0, "degC"), "temperature") == pytest.approx(298.15)
    np.testing.assert_allclose(to_si(u.Quantity([1.0, 2.0], "nm"), "length"), [1e-9, 2e-9])
    # a quantity from another registry is accepted too (duck typing)
    other = pint.UnitRegistry()
    assert to_si(other.Quantity(1.0, "atm"), "pressure") == pytest.approx(101325.0)


def test_offset_quantity_for_gradient_rejected():
    u = registry()
    with pytest.raises(UnitError, match="grad_T.*ambiguous"):
        to_si(u.Quantity(10.0, "degC"), "temperature_gradient", "grad_T")


@pytest.mark.parametrize(
    "value, kind, pattern",
    [
        ("200 kg", "length", r"diameter: '200 kg' has dimension \[mass\], expected a length"),
        ("1 atm", "temperature", r"diameter: '1 atm' has dimension .*expected a temperature"),
        ("abc", "length", "cannot read 'abc'"),
        ("5 furlongz", "length", "unknown unit 'furlongz'"),
        ({"a": 1}, "length", "expected a number"),
    ],
)
def test_wrong_dimension_names_parameter_value_and_dimension(value, kind, pattern):
    with pytest.raises(UnitError, match=pattern):
        to_si(value, kind, "diameter")


def test_unit_error_is_value_error():
    with pytest.raises(ValueError):
        to_si("200 kg", "length", "diameter")


def test_unknown_kind():
    with pytest.raises(ValueError, match="kind must be one of"):
        to_si(1.0, "colour")


_UNITS = {"length": ["m", "cm", "mm", "um", "nm", "inch"], "pressure": ["Pa", "kPa", "bar", "atm", "torr", "psi"]}


@given(
    value=st.floats(min_value=1e-6, max_value=1e6, allow_nan=False),
    kind=st.sampled_from(sorted(_UNITS)),
    data=st.data(),
)
def test_round_trip_through_strings_and_quantities(value, kind, data):
    unit = data.draw(st.sampled_from(_UNITS[kind]))
    u = registry()
    q = u.Quantity(value, unit)
    si = q.to(DIMENSIONS[kind][1]).magnitude
    assert to_si(q, kind) == pytest.approx(si, rel=1e-12, abs=0)
    assert to_si(f"{value!r} {unit}", kind) == pytest.approx(si, rel=1e-12, abs=0)
    # and back: SI value converted to the user's unit gives the original number
    assert u.Quantity(to_si(q, kind), DIMENSIONS[kind][1]).to(unit).magnitude == pytest.approx(value, rel=1e-12, abs=0)
