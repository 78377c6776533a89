"""Commands about the medium and the particle: ``gas``, ``particle``, ``gases``, ``materials``."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import app
from .._params import PARAMETERS
from ._common import (DEFAULT_P, DEFAULT_T, ConductivityOpt, DiameterOpt, GasOpt, JsonOpt, MaterialOpt, POpt, SlipOpt,
                      TOpt, emit_json, fmt, handle_errors, listing, make_gas, make_particle, opt, show, table)


@app.command("gas")
@handle_errors()
def gas_command(
    composition: Annotated[str, typer.Argument(help="Gas name (air, N2, argon, ...) or 'He:0.5, Ar:0.5'.")] = "air",
    temperature: TOpt = DEFAULT_T,
    pressure: POpt = DEFAULT_P,
    as_json: JsonOpt = False,
):
    """Print the state of a gas: density, viscosity, conductivity, mean free path, ..."""
    g = make_gas(composition, temperature, pressure)
    if as_json:
        emit_json(g.to_dict())
        return
    rows = [
        ("temperature", fmt(g.temperature), "K"),
        ("pressure", fmt(g.pressure), "Pa"),
        ("molar mass", fmt(g.molar_mass * 1e3), "g/mol"),
        ("density", fmt(g.density), "kg/m³"),
        ("dynamic viscosity", fmt(g.viscosity * 1e6), "µPa s"),
        ("kinematic viscosity", fmt(g.kinematic_viscosity), "m²/s"),
        ("thermal conductivity", fmt(g.thermal_conductivity), "W/(m K)"),
        ("translational conductivity", fmt(g.translational_conductivity), "W/(m K)"),
        ("cp", fmt(g.heat_capacity_cp), "J/(kg K)"),
        ("Prandtl number", fmt(g.prandtl_number), "-"),
        ("mean molecular speed", fmt(g.mean_speed), "m/s"),
        ("mean free path", fmt(g.mean_free_path * 1e9), "nm"),
    ]
    show(table(f"Gas state: {g.describe()}", rows))


@app.command("particle")
@handle_errors()
def particle_command(
    diameter: DiameterOpt = "200 nm",
    material: MaterialOpt = "psl",
    density: opt(PARAMETERS["density"]) = None,
    conductivity: ConductivityOpt = None,
    gas: GasOpt = "air",
    temperature: TOpt = DEFAULT_T,
    pressure: POpt = DEFAULT_P,
    slip: SlipOpt = "kim_2005",
    as_json: JsonOpt = False,
):
    """Knudsen number, regime, slip correction, mobility, diffusion, relaxation time, settling velocity."""
    from ..mobility import mobility_report

    g = make_gas(gas, temperature, pressure)
    p = make_particle(diameter, material, density, conductivity)
    report = mobility_report(p, g, slip=slip)
    s = report.summary
    if as_json:
        emit_json(report.to_dict())
        return
    rows = [
        ("diameter", fmt(p.diameter * 1e9), "nm"),
        ("gas mean free path", fmt(g.mean_free_path * 1e9), "nm"),
        ("Knudsen number (mfp/radius)", fmt(s.knudsen_number), "-"),
        ("regime", str(s.regime), ""),
        (f"slip correction ({s.slip_parameters})", fmt(s.slip_correction), "-"),
        ("mobility", fmt(s.mobility), "s/kg"),
        ("diffusion coefficient", fmt(s.diffusion_coefficient), "m²/s"),
        ("relaxation time", fmt(s.relaxation_time), "s"),
        ("settling velocity", fmt(s.settling_velocity), "m/s"),
    ]
    title = f"{p.describe()} particle in {g.describe()} at {fmt(g.temperature)} K, {fmt(g.pressure)} Pa"
    show(table(title, rows))


@app.command("gases")
@handle_errors()
def gases_command(as_json: JsonOpt = False):
    """List the gas species the toolkit knows."""
    from ..gas import SPECIES

    items = [s.to_dict() for s in SPECIES.values()]

    def yes(flag):
        return "yes" if flag else "no"

    listing("gases", items, as_json, "Gas species", {
        "name": lambda it: it["name"], "long name": lambda it: it["long_name"],
        "M [g/mol]": lambda it: f"{it['molar_mass_kg_per_mol'] * 1e3:.4f}",
        "σ [Å]": lambda it: f"{it['lj_sigma_m'] * 1e10:.3f}", "ε/k [K]": lambda it: f"{it['lj_epsilon_over_k_K']:g}",
        "reference μ / k": lambda it: f"{yes(it['reference_viscosity'])} / {yes(it['reference_conductivity'])}"})


@app.command("materials")
@handle_errors()
def materials_command(as_json: JsonOpt = False):
    """List the particle materials with their density, conductivity and sources."""
    from ..particle import MATERIALS

    items = [m.to_dict() for m in MATERIALS.values()]
    listing("materials", items, as_json, "Particle materials", {
        "name": lambda it: it["name"], "ρ [kg/m³]": lambda it: f"{it['density_kg_per_m3']:g}",
        "k [W/(m K)]": lambda it: f"{it['conductivity_W_per_m_K']:g}", "source": lambda it: it["source"]})
