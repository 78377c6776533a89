"""The Typer application the topic modules register their commands on."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .._version import __version__
from ._coerce import LightGroup

app = typer.Typer(
    name="thermophoresis",
    help="Thermophoretic force and drift of particles in gases, from free-molecular to continuum.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    cls=LightGroup,  # option values converted without importing pydantic (see ._coerce)
)
plot_app = typer.Typer(help="Figures (needs matplotlib: pip install 'thermophoresis\\[plot]').", no_args_is_help=True,
                       pretty_exceptions_show_locals=False, cls=LightGroup)
app.add_typer(plot_app, name="plot")


def _version_callback(value: bool):
    if value:
        typer.echo(f"thermophoresis {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and exit."),
    ] = None,
):
    """Thermophoretic force and drift of particles in gases."""
