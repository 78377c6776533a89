"""Every option of every command, given a bad value, gives exit 2 and a one-line message, never a traceback.

The walk covers all commands and options (flags, JSON switches and output paths aside: those have their
own tests in test_cli_io.py). The bad values are NaN, infinity, an empty string, a word and a quantity
of the wrong dimension. A few options accept some of them on purpose; they are listed in ACCEPTED with
the reason, so that a new option must either refuse them or be listed here.
"""

import pathlib

import pytest

typer = pytest.importorskip("typer")
from typer.testing import CliRunner  # noqa: E402

from thermophoresis.cli import app  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
BAD = ("nan", "inf", "", "abc", "200 kg")
# positional arguments a command needs before its options
POSITIONAL = {"track": [str(ROOT / "examples/precipitator.toml")], "sweep": [str(ROOT / "examples/sweep_force.toml")],
              "soret": ["He", "Ar"], "gas": ["air"]}
SKIP_OPTIONS = {"as_json", "output", "netcdf", "plot"}  # paths: tests/cli/test_cli_io.py
# (command, option, value): accepted on purpose
ACCEPTED = {
    ("dsmc", "--max-seconds", "inf"),  # no limit on the estimated cost
}


def _cases():
    import click  # noqa: F401  (typer's commands are click commands)

    root = typer.main.get_command(app)

    def walk(group, prefix=()):
        for name, sub in group.commands.items():
            if hasattr(sub, "commands"):
                yield from walk(sub, prefix + (name,))
            else:
                yield prefix + (name,), sub

    for path, sub in walk(root):
        for p in sub.params:
            opts = [o for o in getattr(p, "opts", []) if o.startswith("--")]
            if not opts or getattr(p, "is_flag", False) or p.name in SKIP_OPTIONS or getattr(p, "hidden", False):
                continue
            for bad in BAD:
                if (" ".join(path), opts[0], bad) not in ACCEPTED:
                    yield pytest.param(path, opts[0], bad, id=f"{' '.join(path)} {opts[0]}={bad!r}")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    # one directory for the whole walk (a refused command writes nothing; a per-case tmp_path cost more than
    # the case itself, now that the CLI is built once: see conftest.py)
    return tmp_path_factory.mktemp("bad_input")


@pytest.mark.parametrize("path, option, bad", list(_cases()))
def test_bad_value_is_refused_in_one_line(path, option, bad, workdir, monkeypatch):
    monkeypatch.chdir(workdir)  # nothing a command might write lands in the checkout
    cmd = path[0]
    r = CliRunner().invoke(app, [*path, *POSITIONAL.get(cmd, []), option, bad])
    assert r.exit_code == 2, f"exit {r.exit_code}: {r.output[-300:]}"
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "Traceback" not in r.output
    # one message: "Error: ..." from the toolkit, or Click's usage-error box (one line through main())
    errors = [line for line in r.output.splitlines() if line.startswith("Error") or "─ Error ─" in line]
    assert len(errors) == 1, r.output[-300:]
    bare = option.lstrip("-")
    named = any(n in r.output.lower() for n in (option, bare, bare.replace("-", "_"), bare.replace("-", " ")))
    assert named or (bad and bad in r.output), f"message names neither {option} nor {bad!r}: {r.output[-200:]}"
    assert not any(workdir.iterdir()), f"a refused command wrote {sorted(p.name for p in workdir.iterdir())}"
