"""The ``kinetic`` and ``slip`` commands print the library results, and refuse bad input with exit 2."""

import json

import pytest

typer = pytest.importorskip("typer")
from typer.testing import CliRunner  # noqa: E402

from thermophoresis.cli import app  # noqa: E402

runner = CliRunner()


def test_slip_json_matches_the_library_and_the_bgk_kramers_value():
    from thermophoresis.kinetic.halfspace import slip_coefficients

    r = runner.invoke(app, ["slip", "--kinetic-model", "bgk", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["velocity_slip"] == slip_coefficients("bgk").velocity_slip
    # Kramers' BGK slip 1.01619 in units of l = (mu/p) sqrt(2kT/m) = (2/sqrt(pi)) mfp
    assert d["velocity_slip"] / (1.01619 * 2 / 3.141592653589793**0.5) == pytest.approx(1.0, rel=2e-5, abs=0)


def test_kinetic_gradient_tends_to_waldmann_at_large_kn():
    r = runner.invoke(app, ["kinetic", "--knudsen", "1000", "--problem", "gradient", "--json"])
    assert r.exit_code == 0, r.output
    phi = json.loads(r.stdout)["phi"]
    assert phi * 3 * 1000 == pytest.approx(1.0, rel=5e-3, abs=0)  # Waldmann: Phi = 1/(3 Kn)


@pytest.mark.parametrize("args, option", [
    (["kinetic", "--knudsen", "0"], "--knudsen"),
    (["kinetic", "--kinetic-model", "boltzmann"], "boltzmann"),
    (["slip", "--accommodation", "1.5"], "1.5"),
])
def test_bad_input_is_one_line_exit_2(args, option):
    r = runner.invoke(app, args)
    assert r.exit_code == 2
    assert option in r.output
    assert "Traceback" not in r.output
