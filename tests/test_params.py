"""The parameter vocabulary (_params), the structured InputError and the pint-free unit fast path."""

import pickle

import numpy as np
import pytest

from thermophoresis import units
from thermophoresis._params import PARAMETERS, Param, option_name, parse_many, table
from thermophoresis._validation import check_in_range, check_positive, check_positive_at_most
from thermophoresis.exceptions import InputError, UnitError, UnknownNameError, format_value


# --- the structured error ------------------------------------------------------------------------
def test_input_error_fields_and_renaming():
    with pytest.raises(InputError) as info:
        check_positive("diameter", -2.0000000000000002e-07, "m")
    exc = info.value
    assert (exc.parameter, exc.value, exc.allowed, exc.unit) == ("diameter", -2.0000000000000002e-07, "> 0 m", "m")
    assert str(exc) == "diameter must be > 0 m, got -2e-07 m"  # no float noise
    assert exc.message_for("--diameter") == "--diameter must be > 0 m, got -2e-07 m"
    new = exc.renamed("grid.diameter")
    assert type(new) is InputError and str(new) == "grid.diameter must be > 0 m, got -2e-07 m"
    assert new.parameter == "grid.diameter" and new.value == exc.value


def test_plain_message_constructor_still_works():
    exc = InputError("shapes do not broadcast")
    assert str(exc) == "shapes do not broadcast" and exc.parameter is None
    assert exc.message_for("--x") == "shapes do not broadcast"
    legacy = InputError("t_hot must exceed t_cold, got 1 <= 2", parameter="t_hot")
    assert legacy.message_for("--t-hot") == "--t-hot must exceed t_cold, got 1 <= 2"
    assert isinstance(UnknownNameError("unknown gas 'x'"), KeyError)
    assert str(UnknownNameError("unknown gas 'x'")) == "unknown gas 'x'"


@pytest.mark.parametrize("make", [
    lambda: check_positive("diameter", -1.0, "m"),
    lambda: check_in_range("fraction", 2.0, 0.0, 1.0),
    lambda: check_positive_at_most("temperature", 1e300, 1e5, "K", "dilute gas"),
    lambda: units.to_si("200 kg", "length", "diameter"),
])
def test_errors_survive_pickling_with_their_fields(make):
    with pytest.raises(InputError) as info:
        make()
    back = pickle.loads(pickle.dumps(info.value))
    assert type(back) is type(info.value) and str(back) == str(info.value)
    assert (back.parameter, back.allowed) == (info.value.parameter, info.value.allowed)
    assert back.message_for("X").startswith("X")


def test_format_value():
    assert format_value(-5.0) == "-5.0" and format_value(1e-07) == "1e-07"
    assert format_value(-2.0000000000000002e-07) == "-2e-07" and format_value(0.1 + 0.2) == "0.3"
    assert format_value(float("nan")) == "nan" and format_value(3) == "3" and format_value("a") == "'a'"


def test_unit_errors_are_structured():
    with pytest.raises(UnitError) as info:
        units.to_si("200 kg", "length", "diameter")
    assert info.value.parameter == "diameter" and "length" in info.value.allowed
    assert info.value.message_for("--diameter").startswith("--diameter: '200 kg' has dimension")
    with pytest.raises(UnitError) as info:
        units.to_si("nan nm", "length", "diameter")
    assert info.value.message_for("particle.diameter").startswith("particle.diameter: cannot read")


# --- Param ---------------------------------------------------------------------------------------
def test_param_parses_strings_quantities_and_floats():
    d = PARAMETERS["diameter"]
    assert d.parse("200 nm") == 2e-07 and d.parse(2e-7) == 2e-7 and d.unit == "m"
    q = units.registry().Quantity(0.2, "um")
    assert d.parse(q) == pytest.approx(2e-7, rel=1e-15, abs=0)
    np.testing.assert_allclose(d.parse(np.array([1e-7, 2e-7])), [1e-7, 2e-7], rtol=0)
    assert PARAMETERS["temperature"].parse("25 degC") == pytest.approx(298.15, rel=1e-15, abs=0)
    assert PARAMETERS["gradient"].parse("-10 K/mm") == -1e4
    assert d.parse(None) is None


@pytest.mark.parametrize("param, value, message", [
    (PARAMETERS["diameter"], "-5 nm", "diameter must be > 0 m, got -5e-09 m"),
    (PARAMETERS["diameter"], float("nan"), "diameter must be a finite positive number, got nan"),
    (PARAMETERS["energy_accommodation"], 1.5, "energy_accommodation must be in [0.0, 1.0], got 1.5"),
    (Param("length", name="gap", low=1e-6, high=1.0), "2 m", "gap must be in [1e-06, 1.0] m, got 2.0 m"),
    (Param(type=int, name="cells", low=2), 1, "cells must be >= 2, got 1"),
    (Param(type=int, name="cells"), 1.5, "cells must be an integer, got 1.5"),
    (Param(type=str, name="flow", choices=("laminar", "turbulent")), "lamnar", "unknown flow 'lamnar'; closest: laminar"),
    (Param(type=bool, name="gravity"), "maybe", "gravity must be true or false, got 'maybe'"),
    (Param(type=complex, name="index"), "x", "index must be a complex number"),
    (Param("length", name="gap", required=True), None, "gap is required"),
])
def test_param_errors_name_parameter_value_and_allowed(param, value, message):
    with pytest.raises(InputError) as info:
        param.parse(value)
    assert str(info.value).startswith(message)
    assert info.value.parameter == param.name
    assert param.option in info.value.message_for(param.option)


def test_choices_are_case_insensitive_and_return_the_declared_spelling():
    p = Param(type=str, name="flow", choices=("auto", "laminar", "turbulent"))
    assert p.parse("Laminar") == "laminar"
    assert p.allowed == "one of auto, laminar, turbulent"


def test_table_parse_many_and_option_names():
    t = table(gap=Param("length", positive=True, default="5 mm"), t_hot=PARAMETERS["temperature"].with_(default="313 K"))
    assert t["t_hot"].name == "t_hot" and t["t_hot"].option == "--t-hot" == option_name("t_hot")
    out = parse_many({"gap": "1 cm"}, t)
    assert out == {"gap": 0.01, "t_hot": 313.0}
    with pytest.raises(InputError, match=r"^--t-hot must be > 0 K, got -1.0 K"):
        parse_many({"t_hot": "-1 K"}, t, names={"t_hot": "--t-hot"})
    with pytest.raises(UnknownNameError, match="closest: gap"):
        parse_many({"gapp": 1.0}, t)
    assert t["gap"].to_dict()["unit"] == "m"


# --- the unit fast path against pint -------------------------------------------------------------
CASES = {
    "length": ["200 nm", "1 um", "1 µm", "2 mm", "30 cm", "1e-3 km", "0.5 m", "10nm", "3 pm"],
    "temperature": ["300 K", "25 degC", "1 mK", "-40 degC"],
    "temperature_difference": ["10 K", "-5 K"],
    "pressure": ["1 atm", "100 Pa", "1 mTorr", "1 Torr", "3 torr", "101.325 kPa", "1 bar", "10 mbar", "2 MPa"],
    "temperature_gradient": ["1e4 K/m", "10 K/mm", "-1e12 K/m"],
    "thermal_conductivity": ["0.15 W/m/K", "1 W m^-1 K^-1", "1 W*m**-1*K**-1"],
    "density": ["1050 kg/m^3", "1 g/cm^3", "1 g/cm**3"],
    "velocity": ["5 cm/s", "0.5 m/s"],
    "rate": ["100 1/s", "100 Hz", "1 kHz"],
    "intensity": ["1e3 W/m^2", "1 mW/cm^2"],
    "time": ["1 ms", "3 us", "2 ns"],
    "dynamic_viscosity": ["1.8e-5 Pa*s", "1.8e-5 Pa s"],
    "molar_mass": ["28 g/mol", "0.028 kg/mol"],
    "force": ["1 nN", "2 fN"],
}


@pytest.mark.parametrize("kind, text", [(k, t) for k, v in CASES.items() for t in v])
def test_fast_path_agrees_with_pint(kind, text, monkeypatch):
    fast = units._fast_parse(text, kind)
    assert fast is not None, "this string should not need pint"
    monkeypatch.setattr(units, "_fast_parse", lambda *a: None)
    ref = units.to_si(text, kind, "x")
    assert fast == pytest.approx(ref, rel=4e-16, abs=0)


@pytest.mark.parametrize("kind, text", [
    ("thermal_conductivity", "0.02 W/(m K)"), ("temperature_gradient", "10 degC/mm"), ("time", "2 min"),
    ("length", "1 inch"), ("temperature_difference", "5 degC"), ("length", "200 kg"), ("pressure", "1 psi"),
])
def test_fast_path_leaves_the_rest_to_pint(kind, text):
    assert units._fast_parse(text, kind) is None


def test_fast_path_does_not_import_pint():
    import subprocess
    import sys

    code = ("import sys; from thermophoresis.units import to_si; "
            "v = [to_si('200 nm', 'length'), to_si('1e4 K/m', 'temperature_gradient'), to_si('1 atm', 'pressure')]; "
            "print('pint' in sys.modules, v)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("False"), out


def test_constants_equal_scipy_codata():
    from scipy import constants as c

    from thermophoresis import constants as k

    pairs = [(k.BOLTZMANN, c.k), (k.AVOGADRO, c.N_A), (k.GAS_CONSTANT, c.R), (k.STANDARD_GRAVITY, c.g),
             (k.STANDARD_ATMOSPHERE, c.atm), (k.ZERO_CELSIUS, c.zero_Celsius)]
    for ours, theirs in pairs:
        assert ours == theirs
    # the atomic mass unit is measured: equal to scipy's CODATA edition, or within its uncertainty (3e-10)
    assert k.ATOMIC_MASS == pytest.approx(c.atomic_mass, rel=1e-9, abs=0)


@pytest.mark.parametrize("name, value, make", [
    ("diameter", 1.0, lambda v: __import__("thermophoresis").Particle(v, "psl")),
    ("diameter", 1e-300, lambda v: __import__("thermophoresis").Particle(v, "psl")),
    ("diameter", -1e-7, lambda v: __import__("thermophoresis").Particle(v, "psl")),
    ("density", "-5 kg/m^3", lambda v: __import__("thermophoresis").Particle(1e-7, density=v)),
    ("conductivity", "nan W/m/K", lambda v: __import__("thermophoresis").Particle(1e-7, "psl", conductivity=v)),
    ("temperature", 1e300, lambda v: __import__("thermophoresis").Gas("air", temperature=v)),
    ("temperature", "-3 K", lambda v: __import__("thermophoresis").Gas("air", temperature=v)),
    ("pressure", [1e5, 1e12], lambda v: __import__("thermophoresis").Gas("air", pressure=v)),
])
def test_constructors_check_with_the_shared_declarations(name, value, make):
    """Particle and Gas refuse exactly what the declaration (read by the CLI, files and sweeps) refuses,
    with the same parameter, value, allowed range and message."""
    with pytest.raises(InputError) as declared:
        PARAMETERS[name].parse(value)
    with pytest.raises(InputError) as built:
        make(value)
    for attr in ("parameter", "value", "allowed"):
        a, b = getattr(declared.value, attr), getattr(built.value, attr)
        assert a == b or (a != a and b != b), (attr, a, b)  # NaN values compare unequal to themselves
    assert str(declared.value) == str(built.value)


def test_sanity_bounds_are_declared_once():
    from thermophoresis import particle
    from thermophoresis.gas import state

    assert (particle.MIN_DIAMETER, particle.MAX_DIAMETER) == (PARAMETERS["diameter"].at_least,
                                                              PARAMETERS["diameter"].at_most) == (1e-10, 0.1)
    assert (state.MAX_TEMPERATURE, state.MAX_PRESSURE) == (PARAMETERS["temperature"].at_most,
                                                           PARAMETERS["pressure"].at_most) == (1e5, 1e9)
    assert PARAMETERS["diameter"].parse("50 mm") == pytest.approx(0.05, rel=1e-12, abs=0)
