"""The ``thermophoresis`` command line (Typer + Rich), one thin module per topic.

Every command parses its options, makes one library call and renders the result's ``to_dict()``: a Rich
table by default, JSON with ``--json`` (SI units, key names that say the unit, non-finite numbers as
``null``, the inputs echoed): one object, except ``compare``, which prints a list of the objects ``force``
prints, one per model. Exit codes follow Click: 0 success, 1 a failed computation or a missing optional
dependency, 2 bad input or an I/O failure (one line on stderr naming the option or the path; see
:mod:`thermophoresis.cli._common` for the path policy).

Modules: :mod:`._common` (options, parsing, output, files), :mod:`.gas` (gas, particle, gases, materials),
:mod:`.force` (force, compare, models, map, dipole), :mod:`.light` (photophoresis and the ``plot``
figures), :mod:`.scenarios` (wafer, precipitator, tube), :mod:`.soret`, :mod:`.dsmc`, :mod:`.kinetic` (kinetic, slip), :mod:`.track`,
:mod:`.sweep`.
"""

from __future__ import annotations

import contextlib
import sys

from ._app import app, plot_app
from . import dsmc, force, gas, kinetic, light, scenarios, soret, sweep, track  # noqa: F401,E402  (register commands)

__all__ = ["app", "main"]


def main():  # console-script entry point
    """Run the app; Click's own usage errors also become one line on stderr with exit code 2."""
    import typer

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
    from typer.main import get_command_name

    name = first_args[0] if first_args else None
    commands = [c for c in app.registered_commands
                if (c.name or get_command_name(c.callback.__name__)) == name]
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
