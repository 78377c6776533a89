"""Start-up of the package and the command line: what gets imported (structure, not time; issue 16 goal 5).

Wall-clock start-up is measured in ``benchmarks/run_all.py`` (never asserted here). What can be checked
without a clock is which heavy modules a command pulls in: ``thermophoresis force`` needs NumPy, Typer and
Rich, and nothing of Numba (an array kernel imports it on first use), SciPy (the constants are written out),
pint (plain unit strings are parsed without it) or Dask/xarray/matplotlib, nor pydantic (Typer 0.29 converts
option values with it; the CLI converts plain ones itself, ``cli/_coerce.py``).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from thermophoresis._version import __version__

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numba", "llvmlite", "scipy", "pint", "dask", "xarray", "matplotlib", "pydantic", "pydantic_core")


def test_version_literal_matches_pyproject_and_metadata():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert __version__ == project["version"]
    from importlib.metadata import PackageNotFoundError, version

    try:
        installed = version("thermophoresis")
    except PackageNotFoundError:  # pragma: no cover - a source tree without install
        pytest.skip("thermophoresis is not installed")
    assert installed == __version__


def _modules_after(code: str, modules=HEAVY) -> dict:
    probe = code + f"\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {tuple(modules)!r}}}))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def _force_command(as_json: bool = True) -> str:
    """Code that runs ``thermophoresis force`` through the console-script entry point and checks its output."""
    flag = ", '--json'" if as_json else ""
    check = "json.loads(buf.getvalue())['force_N'] < 0" if as_json else "'Talbot' in buf.getvalue()"
    return ("import contextlib, io, json, sys\n"
            f"sys.argv = ['thermophoresis', 'force', '--diameter', '200 nm', '--gradient', '1e4 K/m'{flag}]\n"
            "from thermophoresis.cli import main\n"
            "buf = io.StringIO()\n"
            "try:\n"
            "    with contextlib.redirect_stdout(buf):\n"
            "        main()\n"
            "except SystemExit as e:\n"
            "    assert e.code in (0, None), e.code\n"
            f"assert {check}, buf.getvalue()\n")


def test_force_command_imports_nothing_heavy():
    loaded = _modules_after(_force_command())
    assert not any(loaded.values()), {k for k, v in loaded.items() if v}


# what `force` needs none of: the other commands' modules, the kinetic tables (the `kinetic` model is
# registered without importing its module), the higher floors, and Rich/json only for the output they make
TOOLKIT_UNUSED = ("thermophoresis.cli.dsmc", "thermophoresis.cli.gas", "thermophoresis.cli.kinetic",
                  "thermophoresis.cli.light", "thermophoresis.cli.scenarios", "thermophoresis.cli.soret",
                  "thermophoresis.cli.sweep", "thermophoresis.cli.track", "thermophoresis.force.kinetic",
                  "zipfile", "thermophoresis.kinetic", "thermophoresis.fields", "thermophoresis.lagrangian",
                  "thermophoresis.scenarios", "thermophoresis.sweep", "thermophoresis.plot",
                  "thermophoresis.photophoresis", "thermophoresis.soret")


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "table"])
def test_force_command_imports_only_what_it_uses(as_json):
    unused = TOOLKIT_UNUSED + (("rich",) if as_json else ())
    loaded = _modules_after(_force_command(as_json), unused)
    assert not any(loaded.values()), {k for k, v in loaded.items() if v}


def test_command_table_matches_the_registered_commands():
    from typer.main import get_command_name

    from thermophoresis.cli import COMMAND_MODULES, app

    registered = {}
    for c in app.registered_commands:
        registered[c.name or get_command_name(c.callback.__name__)] = c.callback.__module__.rpartition(".")[2]
    for g in app.registered_groups:
        modules = {c.callback.__module__.rpartition(".")[2] for c in g.typer_instance.registered_commands}
        assert len(modules) == 1, (g.name, modules)
        registered[g.name] = modules.pop()
    table = {command: module for module, commands in COMMAND_MODULES.items() for command in commands}
    assert registered == table
    # and --help lists them in the table's order
    assert [n for n in registered if n != "plot"] == [n for n in table if n != "plot"]


def test_lazy_package_names_all_resolve_in_a_fresh_process():
    code = ("import sys\n"
            "import thermophoresis as pkg\n"
            "assert 'thermophoresis.drift' not in sys.modules\n"
            "assert set(pkg.__all__) <= set(dir(pkg))\n"
            "for name in pkg.__all__:\n"
            "    assert getattr(pkg, name) is not None, name\n"
            "from thermophoresis.drift import thermophoresis as f\n"
            "assert pkg.thermophoresis is f\n"
            "from thermophoresis import *  # noqa: F403\n"
            "assert Gas is pkg.Gas and thermophoresis is f\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr


def test_package_import_is_light():
    loaded = _modules_after("import thermophoresis")
    assert not any(loaded.values()), {k for k, v in loaded.items() if v}


def test_main_builds_only_the_invoked_command_and_restores_the_app(monkeypatch, capsys):
    from typer.testing import CliRunner

    from thermophoresis.cli import _only_command, app, main

    before = (list(app.registered_commands), list(app.registered_groups))
    with _only_command(["force"]):
        assert len(app.registered_commands) == 1 and not app.registered_groups
    with _only_command(["plot"]):
        assert not app.registered_commands and [g.name for g in app.registered_groups] == ["plot"]
    for args in (["--help"], ["forse"], []):  # not exactly one command's name: everything stays
        with _only_command(args):
            assert (app.registered_commands, app.registered_groups) == before
    assert (app.registered_commands, app.registered_groups) == before

    args = ["force", "--diameter", "200 nm", "--gradient", "1e4 K/m", "--json"]
    monkeypatch.setattr(sys, "argv", ["thermophoresis", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    assert exit_.value.code == 0
    assert json.loads(capsys.readouterr().out) == json.loads(CliRunner().invoke(app, args).stdout)
    assert (app.registered_commands, app.registered_groups) == before
