"""The ``soret`` command: thermal diffusion of molecules beside a particle's thermophoresis."""

from __future__ import annotations

from .._params import COMMAND_PARAMETERS, PARAMETERS
from .._params import table as _table
from ._app import app
from ._common import JsonOpt, declared, emit_json, fmt, handle_errors, make_particle, options_of, show, table

_P = PARAMETERS
# the two species and the mixture, the gas state and gradient, and the particle drifting beside them
S = _table(**COMMAND_PARAMETERS["soret"], temperature=_P["temperature"], pressure=_P["pressure"],
           gradient=_P["gradient"], delta_t=_P["delta_t"].with_(help="temperature difference for the Péclet numbers"),
           diameter=_P["diameter"], material=_P["material"])


@app.command("soret")
@handle_errors({"x1": "--fraction"})
@options_of(S, spellings={"fraction": ("-x",)})
def soret_command(*, species1, species2, fraction, temperature, pressure, gradient, delta_t, diameter, material,
                  as_json: JsonOpt = False):
    """Thermal diffusion (Soret effect) of species 1 in a binary mixture, side by side with a particle's drift."""
    from ..drift import soret_vs_particle

    v = declared(S, fraction=fraction, temperature=temperature, pressure=pressure, gradient=gradient,
                 delta_t=delta_t)
    x1, t, p_, grad, dt = v["fraction"], v["temperature"], v["pressure"], v["gradient"], v["delta_t"]
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
