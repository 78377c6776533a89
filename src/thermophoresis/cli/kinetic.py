"""The ``kinetic`` and ``slip`` commands: the linearized kinetic solutions for a sphere and at a wall."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ._app import app
from ._common import JsonOpt, emit_json, fmt, handle_errors, show, table

ProblemOpt = Annotated[str, typer.Option(
    "--problem", help="drag (uniform flow), gradient (isothermal sphere in a gradient) or dipole (surface "
                      "temperature a1 cos theta).")]
KineticModelOpt = Annotated[str, typer.Option("--kinetic-model", help="Kinetic model: s (Shakhov, Pr = 2/3) or bgk.")]
AccommodationOpt = Annotated[float, typer.Option(
    "--accommodation", help="Maxwell wall: diffuse fraction in (0, 1] (CL wall: tangential momentum).")]


@app.command("kinetic")
@handle_errors({"knudsen": "--knudsen", "accommodation": "--accommodation", "model": "--kinetic-model",
                "problem": "--problem"})
def kinetic_command(
    knudsen: Annotated[float, typer.Option("--knudsen", help="Kn = mean free path / sphere radius.")] = 1.0,
    problem: ProblemOpt = "gradient",
    kinetic_model: KineticModelOpt = "s",
    accommodation: AccommodationOpt = 1.0,
    as_json: JsonOpt = False,
):
    """Solve one linear sphere problem of the linearized S-model (or BGK) at one Knudsen number."""
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn

    from ..kinetic.sphere import solve_sphere

    with Progress(TextColumn("kinetic sphere: {task.description}"), BarColumn(), console=Console(stderr=True),
                  disable=as_json) as bar:
        task = bar.add_task("assemble", total=1.0)
        sol = solve_sphere(problem, knudsen, model=kinetic_model, accommodation=accommodation,
                           progress=lambda stage, done: bar.update(task, description=stage, completed=done))
    payload = sol.to_dict()
    if as_json:
        emit_json(payload)
        return
    labels = {"drag_ratio": ("drag / Stokes drag 6 pi mu a U", "-"),
              "phi": ("force coefficient Phi (F = -6 pi mu nu a Phi grad T / T)", "-"),
              "force": ("force, dimensionless", "-"), "heat_flux_dipole": ("heat-flux dipole", "-"),
              "force_spread": ("force spread over radii (conservation check)", "-")}
    rows = [("Kn (mfp / radius)", fmt(sol.knudsen), "-"), ("model", sol.model, ""),
            ("accommodation", fmt(sol.accommodation), "-")]
    rows += [(label, fmt(payload[key]), unit) for key, (label, unit) in labels.items() if payload.get(key) is not None]
    show(table(f"linearized kinetic sphere: {sol.problem} problem", rows))


@app.command("slip")
@handle_errors({"accommodation": "--accommodation", "model": "--kinetic-model",
                "normal_accommodation": "--normal-accommodation", "wall": "--wall"})
def slip_command(
    kinetic_model: KineticModelOpt = "s",
    accommodation: AccommodationOpt = 1.0,
    wall: Annotated[str, typer.Option("--wall", help="maxwell or cl (Cercignani-Lampis).")] = "maxwell",
    normal_accommodation: Annotated[Optional[float], typer.Option(
        "--normal-accommodation", help="CL wall: normal-energy accommodation in (0, 1].")] = None,
    as_json: JsonOpt = False,
):
    """Velocity slip, thermal slip and temperature jump coefficients from the half-space problems."""
    from ..kinetic.halfspace import slip_coefficients

    c = slip_coefficients(kinetic_model, accommodation=accommodation, wall=wall, normal_accommodation=normal_accommodation)
    payload = c.to_dict()
    if as_json:
        emit_json(payload)
        return
    k = c.continuum_constants()
    rows = [("velocity slip C_m", fmt(k["cm"]), "mfp"), ("thermal slip C_s", fmt(k["cs"]), "-"),
            ("temperature jump C_t", fmt(k["ct"]), "mfp")]
    show(table(f"half-space coefficients: {kinetic_model} model, {wall} wall, accommodation {accommodation:g} "
               "(mfp = (mu/p) sqrt(pi k T / 2 m))", rows))
