import json

import pytest
from typer.testing import CliRunner

from thermophoresis import __version__
from thermophoresis.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, list(args))


def test_version():
    r = run("--version")
    assert r.exit_code == 0 and __version__ in r.stdout


def test_gas_table_and_json():
    r = run("gas", "air", "--temperature", "300 K", "--pressure", "1 atm")
    assert r.exit_code == 0, r.output
    assert "mean free path" in r.stdout
    r = run("gas", "argon", "--temperature", "25 degC", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["temperature_K"] == pytest.approx(298.15)
    assert d["pressure_Pa"] == pytest.approx(101325.0)
    for key in ("mean_free_path_m", "dynamic_viscosity_Pa_s", "thermal_conductivity_W_per_m_K",
                "translational_conductivity_W_per_m_K", "density_kg_per_m3", "mean_molecular_speed_m_per_s"):
        assert d[key] > 0
    assert d["composition"] == {"Ar": 1.0}


def test_gas_defaults_are_air_at_293K_1atm():
    d = json.loads(run("gas", "--json").stdout)
    assert d["temperature_K"] == pytest.approx(293.15) and d["pressure_Pa"] == pytest.approx(101325.0)
    assert d["composition"] == {"air": 1.0}


def test_gas_mixture():
    r = run("gas", "He:0.5, Ar:0.5", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["composition"] == {"He": 0.5, "Ar": 0.5}


def test_particle_defaults_and_json():
    r = run("particle")
    assert r.exit_code == 0, r.output
    assert "slip correction" in r.stdout
    r = run("particle", "--diameter", "100 nm", "--material", "psl", "--temperature", "296.15 K",
            "--pressure", "101.325 kPa", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["slip_correction"] == pytest.approx(2.878, rel=1e-3)
    assert d["knudsen_definition"] == "mean free path / particle radius"
    assert d["knudsen_number"] == pytest.approx(d["gas"]["mean_free_path_m"] / 50e-9)
    for key in ("mobility_s_per_kg", "diffusion_coefficient_m2_per_s", "relaxation_time_s",
                "settling_velocity_m_per_s"):
        assert d[key] > 0
    assert d["regime"] == "transition"
    assert d["particle"]["material"] == "psl"


def test_particle_in_other_gas_and_slip_set():
    r = run("particle", "-d", "1 um", "-m", "silica", "--gas", "helium", "--pressure", "100 Pa",
            "--slip", "allen_raabe_1985", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["regime"] == "free-molecular" and d["slip_parameters"] == "allen_raabe_1985"


@pytest.mark.parametrize("args, fragment", [
    (("particle", "--diameter", "-5 nm"), "diameter must be > 0"),
    (("particle", "--diameter", "200 kg"), "expected a length"),
    (("particle", "--diameter", "nan nm"), "cannot read"),
    (("particle", "--material", "polystyren"), "closest: polystyrene"),
    (("particle", "--gas", "nitrogn"), "closest: nitrogen"),
    (("particle", "--temperature", "-3 K"), "temperature must be > 0"),
    (("particle", "--pressure", "0 Pa"), "pressure must be > 0"),
    (("particle", "--slip", "kim"), "unknown slip correction 'kim'"),
    (("gas", "He:0.5, Ar:0.4"), "mole fractions must sum to 1"),
    (("gas", "argn"), "closest: argon"),
])
def test_bad_input_exit_code_2_one_line_no_traceback(args, fragment):
    r = run(*args)
    assert r.exit_code == 2, r.output
    err = r.stderr.strip()
    assert fragment in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in r.output
    assert r.stdout == ""


def test_listing_commands():
    r = run("gases", "--json")
    assert r.exit_code == 0
    names = [g["name"] for g in json.loads(r.stdout)["gases"]]
    assert {"air", "N2", "He", "H2O"} <= set(names)
    r = run("materials", "--json")
    assert {m["name"] for m in json.loads(r.stdout)["materials"]} >= {"psl", "gold", "soot"}
    assert run("gases").exit_code == 0 and run("materials").exit_code == 0


def test_validity_warning_goes_to_stderr_and_does_not_fail():
    r = run("gas", "CH4", "--temperature", "900 K", "--json")
    assert r.exit_code == 0
    assert "Warning:" in r.stderr and "Friend" in r.stderr
    d = json.loads(r.stdout)
    assert any("Friend" in w for w in d["warnings"])
    assert json.loads(run("gas", "--json").stdout)["warnings"] == []


def _main(*args):
    import os
    import pathlib
    import subprocess
    import sys

    import thermophoresis

    # the child must import the same package as this process (installed or from the source tree)
    src = str(pathlib.Path(thermophoresis.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "thermophoresis.cli", *args], capture_output=True, text=True,
                          env=env)


@pytest.mark.parametrize("args, fragment", [
    (("--bogus",), "No such option: --bogus"),
    (("particle", "--diameter"), "Option '--diameter' requires an argument"),
    (("particle", "extra"), "unexpected extra argument"),
])
def test_click_usage_errors_are_one_line_exit_2(args, fragment):
    r = _main(*args)
    assert r.returncode == 2
    assert fragment in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr


def test_option_names_in_messages_and_bare_numbers_as_si():
    r = run("particle", "--diameter", "-5 nm")
    assert "--diameter must be > 0 m" in r.stderr
    d = json.loads(run("particle", "-T", "300", "-p", "1 mTorr", "--json").stdout)
    assert d["gas"]["temperature_K"] == 300.0
    assert d["gas"]["pressure_Pa"] == pytest.approx(101325.0 / 760.0 / 1000.0)
    r = run("gas", "-T", "1e300 K")
    assert r.exit_code == 2 and "--temperature must be in (0, 100000] K" in r.stderr
