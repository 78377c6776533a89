"""The ``soret`` command: thermal diffusion of molecules beside a particle's thermophoresis."""

from __future__ import annotations

from typing import Annotated

import typer

from .._params import COMMAND_PARAMETERS, PARAMETERS
from ._app import app
from ._common import (DEFAULT_P, DEFAULT_T, DiameterOpt, GradientOpt, JsonOpt, MaterialOpt, POpt, TOpt, emit_json,
                      fmt, handle_errors, make_particle, opt, show, si, table)

S = COMMAND_PARAMETERS["soret"]


@app.command("soret")
@handle_errors({"x1": "--fraction"})
def soret_command(
    species1: Annotated[str, typer.Argument(help=S["species1"].help.capitalize() + ".")],
    species2: Annotated[str, typer.Argument(help=S["species2"].help.capitalize() + ".")],
    fraction: opt(S["fraction"], "-x") = S["fraction"].default,
    temperature: TOpt = DEFAULT_T,
    pressure: POpt = DEFAULT_P,
    gradient: GradientOpt = "1e4 K/m",
    delta_t: opt(PARAMETERS["delta_t"], help="Temperature difference for the Péclet numbers.") = "10 K",
    diameter: DiameterOpt = "200 nm",
    material: MaterialOpt = "psl",
    as_json: JsonOpt = False,
):
    """Thermal diffusion (Soret effect) of species 1 in a binary mixture, side by side with a particle's drift."""
    from .._validation import check_in_range
    from ..drift import soret_vs_particle

    x1 = check_in_range("--fraction", fraction, 0.0, 1.0)
    t = si(temperature, "temperature", "--temperature")
    p_ = si(pressure, "pressure", "--pressure")
    grad = si(gradient, "temperature_gradient", "--gradient", positive=False)
    dt = si(delta_t, "temperature_difference", "--delta-t", positive=False)
    part = make_particle(diameter, material)
    c = soret_vs_particle(species1, species2, x1, t, p_, grad, dt, part)
    if as_json:
        emit_json(c.to_dict())
        return
    s = c.soret
    rows = [
        ("thermal diffusion factor alpha_T", fmt(s.alpha_t), "-"),
        ("thermal diffusion ratio k_T", fmt(s.k_t), "-"),
        ("Soret coefficient S_T", fmt(s.soret_coefficient), "1/K"),
        ("binary diffusion coefficient D12", fmt(s.diffusion_coefficient), "m²/s"),
        ("steady separation dx1/dT", fmt(s.separation_per_kelvin), "1/K"),
        ("drift of a trace molecule of species 1", fmt(c.molecule_velocity), "m/s"),
        (f"drift of a {fmt(part.diameter * 1e9)} nm {part.describe()} particle", fmt(c.particle_velocity), "m/s"),
        (f"Péclet over ΔT = {fmt(dt)} K: molecule", fmt(c.molecule_peclet), "-"),
        (f"Péclet over ΔT = {fmt(dt)} K: particle", fmt(c.particle_peclet), "-"),
    ]
    title = f"{s.species1} in {s.species1}–{s.species2} (x1 = {x1:g}) at {fmt(t)} K; + = toward the cold side"
    show(table(title, rows))
