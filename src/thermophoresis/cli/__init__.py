"""The ``thermophoresis`` command line (Typer + Rich), one thin module per topic.

Every command parses its options, makes one library call and renders the result's ``to_dict()``: a Rich
table by default, JSON with ``--json`` (SI units, key names that say the unit, non-finite numbers as
``null``, the inputs echoed): one object, except ``compare``, which prints a list of the objects ``force``
prints, one per model. Exit codes follow Click: 0 success, 1 a failed computation or a missing optional
dependency, 2 bad input or an I/O failure (one line on stderr naming the option or the path; see
:mod:`thermophoresis.cli._common` for the path policy).

Start-up (issue 16, goal 5): the console script imports only the topic module of the command it runs
(:data:`COMMAND_MODULES`) and, through it, only the library modules that command uses; Rich is imported
when a table is printed (never for ``--json``), pydantic never for plain option values (:mod:`._coerce`).
``thermophoresis.cli.app`` imports every topic module. ``tests/cli/test_startup.py`` checks what a
``force`` run imports; ``benchmarks/bench_cli.py`` times it against the same command without the toolkit.

Modules: :mod:`._common` (options, parsing, output, files), :mod:`.gas` (gas, particle, gases, materials),
:mod:`.force` (force, compare, models, map, dipole), :mod:`.light` (photophoresis and the ``plot``
figures), :mod:`.scenarios` (wafer, precipitator, tube), :mod:`.soret`, :mod:`.dsmc`, :mod:`.kinetic` (kinetic, slip), :mod:`.track` (track, compile),
:mod:`.sweep`.
"""

from __future__ import annotations

import contextlib
import importlib
import sys

__all__ = ["app", "main"]

#: The topic modules, in the order their commands are listed by ``--help``, with the commands (and
#: command groups) each registers on the app. ``main`` imports only the module of the command it runs
#: (``thermophoresis force`` needs neither the DSMC nor the sweep modules); ``app`` (any other use)
#: imports them all. tests/cli/test_startup.py checks this table against what the modules register.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "dsmc": ("dsmc",),
    "force": ("force", "compare", "models", "map", "dipole"),
    "gas": ("gas", "particle", "gases", "materials"),
    "kinetic": ("kinetic", "slip"),
    "light": ("photophoresis", "plot"),
    "scenarios": ("wafer", "precipitator", "tube"),
    "soret": ("soret",),
    "sweep": ("sweep",),
    "track": ("track", "compile"),
}
_MODULE_OF = {command: module for module, commands in COMMAND_MODULES.items() for command in commands}
_ALL_LOADED = False


def _load(name: str | None = None):
    """The Typer app with the commands of the module that registers ``name`` (all modules for None or a
    name no module registers: root help, ``--version``, a typo with Click's suggestions)."""
    global _ALL_LOADED
    from . import _app

    module = _MODULE_OF.get(name) if name is not None else None
    if module is not None or _ALL_LOADED:
        if module is not None:
            importlib.import_module(f"{__name__}.{module}")
        return _app.app
    partial = bool(_app.app.registered_commands)
    for module in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    if partial:  # a module was loaded on its own first: list the commands in the table's order again
        order = {command: i for i, command in enumerate(_MODULE_OF)}
        _app.app.registered_commands.sort(key=lambda c: order.get(_command_name(c), len(order)))
    _ALL_LOADED = True
    return _app.app


def __getattr__(name: str):
    if name == "app":
        return _load()
    if name == "plot_app":
        _load("plot")
        from ._app import plot_app

        return plot_app
    if name in COMMAND_MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted({*globals(), "app", "plot_app", *COMMAND_MODULES})


def _command_name(command) -> str:
    from typer.main import get_command_name

    return command.name or get_command_name(command.callback.__name__)


def main():  # console-script entry point
    """Run the app; Click's own usage errors also become one line on stderr with exit code 2."""
    import typer

    app = _load(sys.argv[1] if len(sys.argv) > 1 else None)
    usage_error, no_args_help = _click_exceptions()
    try:
        with _only_command(sys.argv[1:2]):
            rv = app(standalone_mode=False)
    except no_args_help:
        sys.exit(2)  # the help was printed; Click's convention for "no arguments" is exit code 2
    except usage_error as exc:
        hint = f" (try '{exc.ctx.command_path} --help')" if getattr(exc, "ctx", None) is not None else ""
        typer.echo(f"Error: {' '.join(exc.format_message().split())}{hint}", err=True)
        sys.exit(2)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        sys.exit(1)
    sys.exit(rv if isinstance(rv, int) else 0)


@contextlib.contextmanager
def _only_command(first_args):
    """While running, register on ``app`` only the command (or group) that ``first_args[0]`` names.

    Typer turns every registered command into a Click command (signature and annotation introspection)
    before it parses anything: ~20 commands cost a tenth of a second of every start-up, when only one runs.
    Anything that is not exactly one command's name (``--help``, ``--version``, a typo) keeps them all,
    so root help, the version and Click's "no such command" suggestions are unchanged.
    """
    from ._app import app

    name = first_args[0] if first_args else None
    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if name is None or len(commands) + len(groups) != 1:
        yield
        return
    saved = app.registered_commands, app.registered_groups
    app.registered_commands, app.registered_groups = commands, groups
    try:
        yield
    finally:
        app.registered_commands, app.registered_groups = saved


def _click_exceptions():
    """Click's UsageError (and no-args-help error) from whichever Click Typer uses (vendored or not)."""
    try:
        from typer._click.exceptions import NoArgsIsHelpError, UsageError
    except ImportError:  # older Typer releases depend on the click package
        from click.exceptions import UsageError

        try:
            from click.exceptions import NoArgsIsHelpError
        except ImportError:
            NoArgsIsHelpError = ()
    return UsageError, NoArgsIsHelpError
