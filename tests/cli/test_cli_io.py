"""I/O failures in the CLI: one line, exit code 2, the path named, what was saved, no temporary files.

Path policy (every command): missing parent directories are created; an output path that is a directory,
a parent that is a file, or an unwritable directory is refused before any work.
"""

import errno
import json
import os

import pytest
from typer.testing import CliRunner

from thermophoresis.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _one_line_exit_2(r, *fragments):
    assert r.exit_code == 2, r.output
    err = r.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in r.output
    for f in fragments:
        assert f in err, err
    return err


def _no_temp_files(directory):
    left = [p.name for p in directory.rglob("*") if ".tmp" in p.name or p.name.endswith(".part")]
    assert left == [], left


QUICK = {"precipitator": ["precipitator"], "map": ["map", "--points", "3"]}


@pytest.mark.parametrize("cmd", list(QUICK))
def test_output_path_that_is_a_directory(cmd, tmp_path):
    r = run(*QUICK[cmd], "-o", tmp_path)
    _one_line_exit_2(r, "--output", str(tmp_path), "is a directory")
    assert r.stdout == ""


@pytest.mark.parametrize("cmd", list(QUICK))
def test_output_parent_that_is_a_file(cmd, tmp_path):
    f = tmp_path / "afile"
    f.write_text("x")
    r = run(*QUICK[cmd], "-o", f / "fig.png")
    _one_line_exit_2(r, "--output", "is a file, not a directory")


def test_missing_parent_directories_are_created(tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "new" / "deeper" / "p.png"
    r = run("precipitator", "-o", target, "--json")
    assert r.exit_code == 0, r.output
    assert target.stat().st_size > 1000
    _no_temp_files(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes to read-only directories")
def test_read_only_directory(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        r = run("precipitator", "-o", ro / "p.png")
        _one_line_exit_2(r, "not writable", str(ro))
    finally:
        ro.chmod(0o700)


def test_plot_failure_after_the_data_keeps_the_data(tmp_path):
    pytest.importorskip("matplotlib")
    r = run("wafer", "--json", "-o", tmp_path / "fig.unknownformat")
    err = _one_line_exit_2(r)
    assert "unknownformat" in err
    d = json.loads(r.stdout)  # the result was printed before the figure failed
    assert d["protected_range_m"] is not None and d["delta_t_K"] == 10.0
    _no_temp_files(tmp_path)


def test_disk_full_while_writing_a_figure(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    from matplotlib.figure import Figure

    def full(self, fname, **kw):
        with open(fname, "wb") as fh:
            fh.write(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device", str(fname))

    monkeypatch.setattr(Figure, "savefig", full)
    r = run("precipitator", "-o", tmp_path / "p.png")
    err = _one_line_exit_2(r, "No space left on device", "nothing was saved")
    assert "collection efficiency" in r.stdout  # the table came first
    assert not (tmp_path / "p.png").exists()
    _no_temp_files(tmp_path)
    assert "p.png" in err


def test_dsmc_netcdf_saved_before_a_failing_figure(tmp_path, monkeypatch):
    pytest.importorskip("matplotlib")
    pytest.importorskip("xarray")
    from matplotlib.figure import Figure

    def full(self, fname, **kw):
        raise OSError(errno.ENOSPC, "No space left on device", str(fname))

    monkeypatch.setattr(Figure, "savefig", full)
    nc = tmp_path / "run.nc"
    r = run("dsmc", "--gas", "Ar", "--knudsen", "10", "--cells", "6", "--per-cell", "30", "--blocks", "2",
            "--block-steps", "40", "--netcdf", nc, "-o", tmp_path / "f.png", "--json")
    err = _one_line_exit_2(r, "No space left on device", f"already saved: {nc}")
    assert nc.exists() and json.loads(r.stdout)["gas"] == "argon"
    _no_temp_files(tmp_path)
    assert "f.png" in err


def test_dsmc_refuses_a_bad_netcdf_path_before_running(tmp_path):
    f = tmp_path / "afile"
    f.write_text("x")
    r = run("dsmc", "--netcdf", f / "run.nc")
    _one_line_exit_2(r, "--netcdf", "is a file")


def test_dsmc_gas_resolves_like_other_commands_and_model_alias():
    args = ["--knudsen", "10", "--cells", "6", "--per-cell", "30", "--blocks", "2", "--block-steps", "40", "--json"]
    r = run("dsmc", "--gas", "He", "--molecular-model", "VHS", *args)
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["gas"] == "helium" and d["molecular_model"] == "vhs" and d["inputs"]["cells"] == 6
    r = run("dsmc", "--gas", "argon", "--model", "vss", *args)
    assert r.exit_code == 0 and "deprecated" in r.stderr and json.loads(r.stdout)["model"] == "vss"
    _one_line_exit_2(run("dsmc", "--gas", "N2", *args), "--gas", "argon, helium")
    _one_line_exit_2(run("dsmc", "--gas", "argn", *args), "closest: argon")
    _one_line_exit_2(run("dsmc", "--model", "hs", "--molecular-model", "vss", *args), "contradicts")


def test_sweep_store_path_policy(tmp_path):
    f = tmp_path / "afile"
    f.write_text("x")
    cfg = tmp_path / "s.toml"
    cfg.write_text('[sweep]\ntarget = "force"\n[grid]\ndiameter = ["100 nm", "200 nm"]\n')
    r = run("sweep", cfg, "-o", f / "s.nc")
    _one_line_exit_2(r, "--output", "is a file")


def test_messages_name_options_not_internal_names():
    err = _one_line_exit_2(run("precipitator", "--t-hot", "280 K"), "--t-hot must exceed --t-cold")
    assert "t_hot" not in err and "t_cold" not in err
    err = _one_line_exit_2(run("tube", "--velocity", "-1 m/s"), "--velocity must be > 0")
    err = _one_line_exit_2(run("photophoresis", "--index", "abc"), "--index")
    err = _one_line_exit_2(run("particle", "--diameter", "-0.2 um"), "--diameter must be > 0 m, got -2e-07 m")
    assert "0000" not in err  # no float noise


def test_warnings_are_printed_once():
    r = run("tube", "--flow", "laminar", "--velocity", "20 m/s", "--json")
    assert r.exit_code == 0, r.output
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("Warning:")]
    assert len(lines) == len(set(lines)) >= 1
    assert len(json.loads(r.stdout)["warnings"]) == len(lines)


@pytest.mark.parametrize("cmd, keys", [
    (["tube", "--json"], ("radius_m", "length_m", "mean_velocity_m_s", "particle_diameter_m", "gas", "flow")),
    (["precipitator", "--json"], ("gap_m", "t_cold_K", "t_hot_K", "material", "gas", "model")),
    (["wafer", "--json"], ("delta_t_K", "strain_rate_per_s", "material", "gas", "model", "gravity")),
    (["soret", "He", "Ar", "--json"], ("species1", "mole_fraction_1", "temperature_K", "particle_diameter_m")),
    (["force", "--json"], ("particle", "gas", "gradient_K_per_m", "slip", "peclet_length_m")),
])
def test_json_echoes_inputs(cmd, keys):
    r = run(*cmd)
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    for k in keys:
        assert k in d, k


def test_json_equals_the_library_result():
    from thermophoresis import Gas
    from thermophoresis.cli._common import jsonable
    from thermophoresis.scenarios import precipitator_efficiency

    d = json.loads(run("precipitator", "--json").stdout)
    lib = jsonable(precipitator_efficiency("psl", Gas("air", temperature=303.15), 5e-3, 293.15, 313.15, 0.05,
                                           0.1).to_dict())
    for k, v in lib.items():
        assert d[k] == v, k
