"""The ``dsmc`` command: the Fourier problem (gas between plates) by DSMC, and the force on a small sphere.

One library call (:func:`thermophoresis.kinetic.dsmc.fourier_study`): it checks the time step and the
cost before running, writes the ``--netcdf`` store after every block under a lock, and resumes it on a
rerun (inputs that changed are refused by name unless ``--overwrite``).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Annotated, Optional

import typer

from ._app import app
from .._params import COMMAND_PARAMETERS
from ._common import (OutputOpt, JsonOpt, declared, emit_json, figure_after_output, fmt, handle_errors, opt,
                      options_of, saved, output_path, show, table)

D = COMMAND_PARAMETERS["dsmc"]


def dsmc_gas(name: str) -> str:
    """Resolve a gas name as every command does (``Ar``, ``argon``, ``ARGON``) to a DSMC molecular gas."""
    from ..exceptions import UnknownNameError
    from ..gas import get_species
    from ..kinetic.dsmc import MOLECULAR_MODELS

    species = get_species(name)  # unknown names: the same error (with the closest names) as --gas elsewhere
    for candidate in (species.long_name, species.name, *species.aliases):
        if candidate.lower() in MOLECULAR_MODELS:
            return candidate.lower()
    raise UnknownNameError(f"{{parameter}}: the DSMC has molecular models for {', '.join(MOLECULAR_MODELS)} only, "
                           f"got {name!r}", parameter="--gas", value=name, allowed=", ".join(MOLECULAR_MODELS))


@app.command("dsmc")
@handle_errors({"gas": "--gas", "model": "--molecular-model", "knudsen": "--knudsen", "t_lo": "--t-cold",
                "t_hi": "--t-hot", "n_cells": "--cells", "n_blocks": "--blocks", "block_steps": "--block-steps",
                "max_seconds": "--max-seconds"})
@options_of(D, drop=("molecular_model",))
def dsmc_command(
    *, gas, gap, t_cold, t_hot, knudsen, accommodation, cells, per_cell, blocks, block_steps, radius, seed,
    sample_every, max_seconds,
    molecular_model: opt(D["molecular_model"].with_(default=None), help="Molecular model: hs, vhs or vss (Bird's "
                                                                          "parameters); default hs.") = None,
    model: Annotated[Optional[str], typer.Option("--model", hidden=True,
                                                 help="Deprecated alias of --molecular-model.")] = None,
    threads: Annotated[Optional[int], typer.Option("--threads", help="Threads (the result does not depend on it).")] = None,
    netcdf: Annotated[Optional[Path], typer.Option(
        "--netcdf", help="NetCDF store, rewritten after every block; a rerun resumes it.")] = None,
    overwrite: Annotated[bool, typer.Option(
        "--overwrite", help="Discard a saved run whose inputs differ (default: refuse it).")] = False,
    restart: Annotated[bool, typer.Option("--restart", help="Start again instead of resuming a saved run.")] = False,
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """DSMC of a gas between plates: heat flux, and the force on a small sphere across the gap."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    from ..exceptions import InputError
    from ..kinetic.dsmc import FourierProblem, fourier_study

    if model is not None:
        if molecular_model is not None and molecular_model.lower() != model.lower():
            raise InputError(f"--model (deprecated) = {model!r} contradicts --molecular-model = {molecular_model!r}",
                             parameter="--molecular-model", value=molecular_model, allowed="one of the two options")
        warnings.warn("--model is deprecated for dsmc; use --molecular-model", DeprecationWarning, stacklevel=1)
    mol = D["molecular_model"].parse(molecular_model if molecular_model is not None else model if model is not None
                                     else D["molecular_model"].default, "--molecular-model")
    v = declared(D, gap=gap, t_cold=t_cold, t_hot=t_hot, knudsen=knudsen, accommodation=accommodation,
                 cells=cells, per_cell=per_cell, blocks=blocks, block_steps=block_steps, radius=radius,
                 sample_every=sample_every, max_seconds=max_seconds)
    nc_path = output_path(netcdf, "--netcdf")
    fig_path = output_path(output)
    prob = FourierProblem(gap=v["gap"], t_lo=v["t_cold"], t_hi=v["t_hot"], knudsen=v["knudsen"], gas=dsmc_gas(gas),
                          model=mol, accommodation=v["accommodation"])
    a = v["radius"]
    with Progress(TextColumn("DSMC"), BarColumn(), TextColumn("{task.completed}/{task.total} blocks"),
                  console=Console(stderr=True), disable=as_json) as bar:
        task = bar.add_task("dsmc", total=blocks)
        # the store (when --netcdf is given) is written after every block, locked, and resumed on a rerun
        study = fourier_study(prob, radius=a, n_cells=cells, per_cell=per_cell, n_blocks=blocks,
                              block_steps=block_steps, seed=seed, threads=threads, sample_every=sample_every,
                              store=nc_path, resume=not restart, overwrite=overwrite or restart,
                              progress=lambda d, t: bar.update(task, completed=d), max_seconds=max_seconds)
    if nc_path is not None:
        saved(nc_path)
    total = study.total
    payload = study.to_dict()
    if as_json:
        emit_json(payload)
    else:
        core = payload["core_force_ratio_to_waldmann"]
        fm = payload["core_force_ratio_to_free_molecular"]
        rows = [("Kn", fmt(prob.knudsen), "-"), ("wall heat flux", fmt(payload["wall_heat_flux_W_m2"]), "W/m²"),
                ("… / free-molecular",
                 f"{payload['heat_flux_ratio']:.4f} ± {payload['heat_flux_ratio_standard_error']:.4f}", ""),
                ("force / Waldmann (core of the gap)", f"{core[0]:.4f} ± {core[1]:.4f}", ""),
                ("force / free-molecular (core of the gap)", f"{fm[0]:.4f} ± {fm[1]:.4f}", "")]
        show(table(f"DSMC Fourier problem, {prob.gas} ({prob.model})", rows))

    def draw():
        from ..plot import line_figure

        z = total.z / prob.gap
        ratio, err = payload["force_ratio_to_waldmann"], payload["force_ratio_to_waldmann_standard_error"]
        fig = line_figure(z, ratio, "z / gap", "force / Waldmann force (local q, T)",
                          f"DSMC {prob.gas} ({prob.model}), Kn = {prob.knudsen:g}")
        fig.axes[0].errorbar(z, ratio, yerr=2 * err, fmt="none", ecolor="0.5")
        return fig

    figure_after_output(draw, fig_path)

