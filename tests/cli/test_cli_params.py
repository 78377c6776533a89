"""Every CLI option maps to a declared parameter (_params vocabulary or a scenario's table).

Walks every command of the app. An option is either a front-end option (output files, --json, sweep
execution settings, ...), the shared vocabulary (:data:`thermophoresis._params.PARAMETERS`), or the
command's scenario table; its default must parse with the declaration and, for declared options, equal
the declared default. Options not declared yet are listed per command in ``UNDECLARED``, so a new option
forces a decision. The CLI = TOML = sweep equality is checked in ``tests/cli/test_params_vocab.py``.
"""

import pytest

typer = pytest.importorskip("typer")

from thermophoresis._params import COMMAND_PARAMETERS, PARAMETERS  # noqa: E402
from thermophoresis.cli import app  # noqa: E402
from thermophoresis.scenarios import precipitator, tube, wafer  # noqa: E402

FRONT_END = {"as_json", "output", "netcdf", "composition", "config", "scenario", "backend", "workers", "scheduler",
             "plot", "overwrite", "restart", "threads", "model_alias"}
# the model tables: scenarios keep theirs in their modules, the other commands in _params.COMMAND_PARAMETERS
TABLES = {"tube": tube.PARAMETERS, "precipitator": precipitator.PARAMETERS, "wafer": wafer.PARAMETERS,
          **COMMAND_PARAMETERS}
# CLI parameter -> declared name, where the command's option is shorter than the library's name
ALIASES = {"velocity": "mean_velocity"}
# commands whose own options are not declared in a table yet: none left (a new option must be declared)
UNDECLARED: dict[str, set] = {}
# deprecated options kept for old scripts (not parameters of their own)
DEPRECATED = {("dsmc", "model")}
# where a command deliberately uses another default than the shared vocabulary
OWN_DEFAULTS = {("dipole", "diameter"), ("dipole", "material"), ("photophoresis", "diameter"),
                ("plot photophoresis", "diameter"), ("tube", "length")}


def _commands():
    import typer.main as tm

    out = []

    def walk(group, path=()):
        for name, sub in group.commands.items():
            if hasattr(sub, "commands"):
                walk(sub, (*path, name))
            else:
                out.append((" ".join((*path, name)), sub))

    walk(tm.get_command(app))
    return out


COMMANDS = _commands()


def test_walk_finds_every_command():
    names = {n for n, _ in COMMANDS}
    assert {"force", "compare", "tube", "wafer", "precipitator", "dsmc", "sweep", "track", "plot kth"} <= names


@pytest.mark.parametrize("name, command", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_option_is_declared(name, command):
    table = {**PARAMETERS, **TABLES.get(name, {})}
    for param in command.params:
        key = ALIASES.get(param.name, param.name)
        if param.name in FRONT_END or param.name in UNDECLARED.get(name, ()) or (name, param.name) in DEPRECATED:
            continue
        assert key in table, f"{name}: option {param.opts} has no declaration"
        decl = table[key]
        if param.default is not None:
            decl.parse(param.default)  # the CLI default is valid for the declaration
        if (name, param.name) not in OWN_DEFAULTS and decl.default is not None and param.default is not None:
            assert decl.parse(param.default) == decl.parse(decl.default), (name, param.name)
        long_opts = [o for o in param.opts if o.startswith("--")]
        if long_opts and key == param.name:
            assert decl.option in long_opts or decl.option.replace("--", "--no-") in long_opts, (name, long_opts)


def test_undeclared_lists_only_real_options():
    by_name = dict(COMMANDS)
    for name, opts in UNDECLARED.items():
        assert opts <= {p.name for p in by_name[name].params}, name


def test_scenario_tables_match_the_library_signatures():
    import inspect

    for func, tab in ((tube.tube_deposition, tube.PARAMETERS),
                      (precipitator.precipitator_efficiency, precipitator.PARAMETERS)):
        sig = set(inspect.signature(func).parameters)
        assert set(tab) <= sig, (func.__name__, set(tab) - sig)
    sig = set(inspect.signature(wafer.wafer_protection).parameters)
    assert set(wafer.PARAMETERS) <= sig
