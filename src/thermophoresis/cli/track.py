"""The ``track`` command: particles through a field from a scenario file (TOML), resumable NetCDF output."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import app
from .._params import COMMAND_PARAMETERS
from ._common import JsonOpt, emit_json, fmt, handle_errors, options_of, output_path, save_figure, saved, show, table


@app.command("track")
@handle_errors()
def track_command(
    scenario: Annotated[str, typer.Argument(help="Scenario file (TOML); see thermophoresis.lagrangian.scenario.")],
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Discard a saved run whose inputs differ and recompute (default: refuse it).")] = False,
    as_json: JsonOpt = False,
):
    """Track particles through a field; writes NetCDF as it goes (resumes if interrupted) and a plot.

    The results are written and the summary printed before the figure is drawn, so a plotting failure
    never loses the run.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from ..lagrangian.scenario import load

    sc = load(scenario)
    sc.overwrite = sc.overwrite or overwrite
    plot_file = output_path(sc.plot, "plot") if sc.plot is not None else None
    with Progress(TextColumn("tracking"), BarColumn(), TextColumn("{task.completed}/{task.total} steps"),
                  TimeRemainingColumn(), console=Console(stderr=True), disable=as_json) as bar:
        task = bar.add_task("track", total=sc.steps)
        ds = sc.run(progress=lambda done, total: bar.update(task, completed=done))
    saved(sc.directory / "result.nc")
    summary = sc.summary(ds).to_dict()
    if as_json:
        emit_json(summary)
    else:
        rows = [(k.replace("_", " "), fmt(v) if isinstance(v, float) else str(v), "") for k, v in summary.items()]
        show(table(f"tracking: {scenario}", rows))
    if plot_file is not None:
        try:
            from ..plot import trajectories_figure

            save_figure(trajectories_figure(ds), plot_file)
        except ImportError as exc:  # the results are written; only the figure is missing
            typer.echo(f"Warning: no trajectory plot ({exc}); the results are in {summary['result_file']}", err=True)


@app.command("compile")
@handle_errors()
@options_of(COMMAND_PARAMETERS["compile"])
def compile_command(*, targets, fields, integrators, stream, models, as_json: JsonOpt = False):
    """Compile the toolkit's kernels ahead of their first use, into Numba's on-disk cache.

    The first run of each tracker field type and integrator, the first DSMC run and the first array call of
    a force model otherwise compile their kernels (seconds to tens of seconds). What each target covers:
    thermophoresis.precompile; where the kernels go and when a run finds them:
    thermophoresis.lagrangian.precompile.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    from .. import precompile

    todo = precompile.plan(targets, fields, integrators, stream, models)  # bad names refused before any work
    with Progress(TextColumn("compiling"), BarColumn(), TextColumn("{task.completed}/{task.total} kernels"),
                  console=Console(stderr=True), disable=as_json) as bar:
        task = bar.add_task("compile", total=len(todo))
        report = precompile.compile_kernels(targets, fields, integrators, stream, models,
                                            progress=lambda done, total, _: bar.update(task, completed=done))
    if as_json:
        emit_json(report.to_dict())
        return
    rows = [(_kernel_label(e), f"{e['status']} in {e['seconds']:.1f}", "s") for e in report.kernels]
    rows.append(("cache", report.cache_dir, ""))
    show(table("kernels", rows))


def _kernel_label(entry: dict) -> str:
    if entry["target"] == "tracker":
        return f"tracker: {entry['field']}, {entry['integrator']}, stream {entry['stream']}"
    if entry["target"] == "force":
        return f"force: {entry['model']}"
    return entry["target"]
