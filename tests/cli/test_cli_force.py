import json

import pytest
from typer.testing import CliRunner

from thermophoresis.cli import app
from thermophoresis.force import MODELS

runner = CliRunner()
KEYS = ("model", "knudsen", "regime", "force_N", "velocity_m_s", "thermophoretic_coefficient",
        "force_coefficient", "slip_correction", "mean_free_path_m", "warnings")


def run(*args):
    return runner.invoke(app, list(args))


def test_force_json_keys_and_values():
    r = run("force", "--diameter", "200 nm", "--material", "psl", "--gradient", "1e4 K/m", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    for k in KEYS:
        assert k in d
    assert d["model"] == "talbot" and d["regime"] == "transition"
    assert d["force_N"] < 0 and d["velocity_m_s"] < 0
    assert d["knudsen"] == pytest.approx(d["mean_free_path_m"] / 100e-9)
    assert d["peclet_number"] > 1000 and d["peclet_length_m"] == 0.01
    assert d["warnings"] == []


def test_force_table_and_other_model_with_warning():
    r = run("force", "--model", "waldmann")
    assert r.exit_code == 0
    assert "Waldmann" in r.stdout
    assert "outside its validity range" in r.stderr
    d = json.loads(run("force", "--model", "waldmann", "--json").stdout)
    assert any("outside its validity range" in w for w in d["warnings"])


def test_force_bad_input():
    r = run("force", "--model", "talbott")
    assert r.exit_code == 2 and "closest: talbot" in r.stderr
    r = run("force", "--gradient", "3 K")
    assert r.exit_code == 2 and "--gradient: '3 K' has dimension" in r.stderr


def test_compare_lists_every_model_and_flags_out_of_range():
    r = run("compare", "--json")
    assert r.exit_code == 0, r.output
    rows = json.loads(r.stdout)
    assert [x["model"] for x in rows] == list(MODELS)
    by = {x["model"]: x for x in rows}
    assert by["talbot"]["in_validity_range"] is True
    assert by["epstein"]["in_validity_range"] is False and by["epstein"]["warnings"]
    for x in rows:
        for k in KEYS:
            assert k in x
    r = run("compare")
    assert r.exit_code == 0 and "talbot" in r.stdout and "li_wang" in r.stdout


def test_models_command():
    d = json.loads(run("models", "--json").stdout)
    names = [m["name"] for m in d["models"]]
    assert names == list(MODELS)
    assert all(m["reference"] for m in d["models"])


def test_plot_kth(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "kth.png"
    r = run("plot", "kth", "--material", "psl", "--pressure", "1 kPa", "--conductivity-ratio", "0.1", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert out.stat().st_size > 10_000
    r = run("plot", "kth", "--kn-min", "10", "--kn-max", "1", "-o", str(out))
    assert r.exit_code == 2 and "--kn-max must exceed --kn-min" in r.stderr


def test_plot_kth_at_low_pressure(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "kth.png"
    r = run("plot", "kth", "--pressure", "100 Pa", "-o", str(out))
    assert r.exit_code == 0, r.output
    assert out.stat().st_size > 10_000
