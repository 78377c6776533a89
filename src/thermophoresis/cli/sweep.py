"""The ``thermophoresis sweep`` command: run a sweep file with a progress bar, locally or on Dask.

:func:`register` adds the command to a Typer app (the package registers it on the main app at import).
The store path follows the CLI's path policy: its missing parent directories are created.
"""

from __future__ import annotations


from typing import Annotated, Optional

import typer

from ._common import JsonOpt, emit_json, fmt, handle_errors, output_path, save_figure, saved, show, table

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add the ``sweep`` command to ``app``."""
    @app.command("sweep")
    @handle_errors()
    def sweep_command(
        config: Annotated[str, typer.Argument(help="Sweep file (TOML) with the tables sweep (target), fixed, grid, "
                                                   "points, output, plot and execution; see docs/sweep.md.")],
        backend: Annotated[Optional[str], typer.Option(
            "--backend", help="inprocess, processes or dask (default: the file's execution table, else "
                              "inprocess; dask with --scheduler).")] = None,
        workers: Annotated[Optional[int], typer.Option(
            "--workers", "-w", help="Local worker processes: the processes backend (the default with --workers), or "
                                    "the size of a new local Dask cluster with --backend dask.")] = None,
        scheduler: Annotated[Optional[str], typer.Option(
            "--scheduler", help="Dask scheduler address, e.g. 'tcp://10.0.0.5:8786' (its workers need this package).")] = None,
        output: Annotated[Optional[str], typer.Option(
            "--output", "-o", help="Store for the results, .nc or .zarr (default: output.store in the file, else "
                                   "the sweep file's name with .nc). Rerunning resumes it.")] = None,
        plot: Annotated[Optional[str], typer.Option(
            "--plot", help="Write a figure (png, pdf, svg) as the plot table says (default: a line plot of "
                           "the first output).")] = None,
        overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace a store that holds another sweep.")] = False,
        restart: Annotated[bool, typer.Option("--restart", help="Recompute chunks finished by an earlier run.")] = False,
        as_json: JsonOpt = False,
    ):
        """Sweep a toolkit function, scenario, tracking ensemble or DSMC over a grid of parameters.

        Results go to a NetCDF or Zarr store chunk by chunk; an interrupted sweep resumes where it stopped.
        """
        import pathlib

        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        from ..sweep import SweepError, load

        sf = load(config)
        # options on the command line win over the file's [execution]; a scheduler means Dask on that cluster
        execution = dict(sf.execution)
        if scheduler is not None:
            execution.pop("workers", None)
            execution.update(scheduler=scheduler, backend="dask")
        if backend is not None:
            execution["backend"] = backend
            if backend != "dask" and scheduler is None:
                execution.pop("scheduler", None)
            if backend == "inprocess" and workers is None:
                execution.pop("workers", None)  # the file's workers belong to its own backend
        if workers is not None:
            execution["workers"] = workers
            if scheduler is None:
                execution.pop("scheduler", None)
            if backend is None and execution.get("backend", "inprocess") == "inprocess":
                execution["backend"] = "processes"  # --workers alone: local worker processes
        store = output_path(pathlib.Path(output) if output is not None else sf.store)
        plot_file = output_path(pathlib.Path(plot) if plot is not None else sf.plot_file, "--plot")
        s = sf.sweep
        console = Console(stderr=True)
        try:
            with Progress(TextColumn(f"sweep {s.target.name}"), BarColumn(),
                          TextColumn("{task.completed}/{task.total} chunks"), TimeElapsedColumn(),
                          TimeRemainingColumn(), console=console, disable=as_json) as bar:
                task = bar.add_task("sweep", total=s.n_chunks)
                ds = s.run(store=store, resume=not restart, overwrite=overwrite,
                           progress=lambda done, total: bar.update(task, completed=done), **execution)
        except KeyboardInterrupt:
            typer.echo(f"Interrupted: finished chunks are saved beside {store}; run the same command again to "
                       f"resume.", err=True)
            raise typer.Exit(130) from None
        except SweepError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None
        saved(store)
        plot_written = None
        if plot_file is not None:
            try:
                from ..sweep import plot as sweep_plot

                options = {k: v for k, v in sf.plot.items() if k in ("logx", "logy", "logc", "title")}
                fig = sweep_plot(ds, sf.plot.get("variable"), sf.plot.get("kind"), sf.plot.get("x"),
                                 sf.plot.get("y"), sf.plot.get("hue"), sf.plot.get("select"), **options)
                save_figure(fig, plot_file)
                plot_written = plot_file
            except (ImportError, ValueError) as exc:  # the results are written; only the figure is missing
                typer.echo(f"Warning: no plot ({exc})", err=True)
        from ..sweep import sweep_summary

        rep = s.report
        payload = sweep_summary(s, ds, store, sweep_file=config, plot=plot_written).to_dict()
        variables = payload["variables"]
        if as_json:
            emit_json(payload)
            return
        rows = [("target", s.target.name, ""),
                ("dimensions", ", ".join(f"{k} {v}" for k, v in s.dims.items()), ""),
                ("chunks (computed / skipped)", f"{rep.computed} / {rep.skipped} of {rep.chunks}", ""),
                ("backend", f"{rep.backend} ({rep.workers} workers)" if rep.workers > 1 else rep.backend, ""),
                ("elapsed", fmt(rep.seconds), "s"),
                ("store", str(store), "")]
        rows += [(f"{k} range", f"{fmt(v['min'])} … {fmt(v['max'])}", v["units"]) for k, v in variables.items()
                 if "min" in v][:12]
        if plot_written:
            rows.append(("plot", str(plot_written), ""))
        show(table(f"sweep: {config}", rows))

    return sweep_command


from ._app import app as _app  # noqa: E402

register(_app)
