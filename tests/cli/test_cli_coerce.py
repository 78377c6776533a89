"""The CLI's own option-value converter (``cli/_coerce.py``) agrees with Typer's (pydantic) converter.

For every value it handles itself it must return what Typer would; every other value (and every error)
goes to Typer's converter, so messages do not change.
"""

import pytest

typer = pytest.importorskip("typer")
pytest.importorskip("pydantic")

from typer.testing import CliRunner  # noqa: E402

from thermophoresis.cli import app  # noqa: E402
from thermophoresis.cli._coerce import LightConverter, _leaf, _MISS  # noqa: E402

FLOATS = ["1", "-2.5", "+.5", "1.", "1e-3", " 3 ", "1E+3", "007", "1_000", "inf", "nan", "-inf", "0x10", "abc", "",
          "1e", "--1", "1.5.2", 2, 2.5, True]
INTS = ["41", "+3", "-7", " 2 ", "1.0", "1.5", "1e3", "1_000", "abc", "", 5, 2.0, True]


def _typer_map_command():
    import typer.main as tm

    return tm.get_command(app).commands["map"]


def _typer_value(param, value):
    """What Typer's own converter makes of ``value`` for ``param`` (or the message of its error)."""
    from typer._coercion import build_runtime_param

    try:
        return build_runtime_param(param.type_descriptor).coerce(value, param=param, ctx=None)
    except Exception as exc:  # noqa: BLE001
        return ("error", str(exc))


@pytest.mark.parametrize("name, values", [("kn_min", FLOATS), ("points", INTS), ("model", ["talbot", " x "]),
                                          ("accommodation", [("0.5", "1"), ("0.5", "x"), ()])])
def test_light_converter_equals_typer(name, values):
    command = _typer_map_command()
    (param,) = [p for p in command.params if p.name == name]
    light = LightConverter(float if name in ("kn_min", "accommodation") else int if name == "points" else str)
    for value in values:
        want = _typer_value(param, value)
        try:
            got = light.coerce(value, param=param, ctx=None)
        except Exception as exc:  # noqa: BLE001
            got = ("error", str(exc))
        assert repr(got) == repr(want) and type(got) is type(want), (name, value, got, want)


def test_leaf_leaves_unusual_values_to_typer():
    for value in ("1_000", "inf", "nan", "0x10", True):
        assert _leaf(float, value) is _MISS
    for value in ("1.0", "1e3", 2.0, True):
        assert _leaf(int, value) is _MISS


def test_bad_number_message_is_typers():
    r = CliRunner().invoke(app, ["map", "--points", "many"])
    assert r.exit_code == 2
    assert "Invalid value for '--points'" in r.output and "valid integer" in r.output
