"""The ``thermophoresis`` command line (Typer + Rich).

Every command prints a Rich table by default and one JSON object with ``--json`` (SI units, key names
that say the unit, non-finite numbers as ``null``). Exit codes follow Click: 0 success, 1 a failed
computation, 2 bad input (one line on stderr naming the option, the value and what is allowed).
"""

from __future__ import annotations

import functools
import json
import math
import sys
import warnings
from typing import Annotated, Optional

import numpy as np
import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .constants import DEFAULT_PRESSURE, DEFAULT_TEMPERATURE
from .gas import SPECIES, Gas
from .mobility import SLIP_CORRECTIONS, mobility_summary
from .particle import MATERIALS, Particle

app = typer.Typer(
    name="thermophoresis",
    help="Thermophoretic force and drift of particles in gases, from free-molecular to continuum.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)

_DEFAULT_T = f"{DEFAULT_TEMPERATURE} K"
_DEFAULT_P = f"{DEFAULT_PRESSURE} Pa"

GasOpt = Annotated[str, typer.Option("--gas", help="Gas name or 'name:fraction, ...' mixture.")]
TOpt = Annotated[str, typer.Option("--temperature", "-T", help="Gas temperature, e.g. '300 K', '25 degC'.")]
POpt = Annotated[str, typer.Option("--pressure", "-p", help="Gas pressure, e.g. '1 atm', '100 Pa'.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object (SI units) instead of a table.")]


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


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist())
    if isinstance(value, (np.floating, float)):
        v = float(value)
        return v if math.isfinite(v) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.str_):
        return str(value)
    return value


_CAUGHT: list[list] = []  # warnings recorded by the running command (innermost last)


def _emit_json(payload: dict):
    if _CAUGHT:
        payload = {**payload, "warnings": [str(w.message) for w in _CAUGHT[-1]]}
    typer.echo(json.dumps(_jsonable(payload), indent=2, sort_keys=False))


def _handle_errors(func):
    """Bad input -> one line on stderr, exit code 2; warnings -> stderr (and JSON)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            _CAUGHT.append(caught)
            try:
                result = func(*args, **kwargs)
            except (ValueError, KeyError) as exc:
                typer.echo(f"Error: {exc}", err=True)
                raise typer.Exit(2) from None
            except ImportError as exc:
                typer.echo(f"Error: {exc}", err=True)
                raise typer.Exit(1) from None
            finally:
                _CAUGHT.pop()
        for w in caught:
            typer.echo(f"Warning: {w.message}", err=True)
        return result

    return wrapper


def _gas(gas: str, temperature: str, pressure: str) -> Gas:
    return Gas(gas, temperature=temperature, pressure=pressure)


def _table(title: str, rows: list[tuple[str, str, str]]) -> Table:
    table = Table(title=title, show_header=True, header_style="bold")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    table.add_column("unit")
    for r in rows:
        table.add_row(*r)
    return table


def _fmt(v) -> str:
    if isinstance(v, str):
        return v
    return f"{float(v):.5g}"


@app.command("gas")
@_handle_errors
def gas_command(
    composition: Annotated[str, typer.Argument(help="Gas name (air, N2, argon, ...) or 'He:0.5, Ar:0.5'.")] = "air",
    temperature: TOpt = _DEFAULT_T,
    pressure: POpt = _DEFAULT_P,
    as_json: JsonOpt = False,
):
    """Print the state of a gas: density, viscosity, conductivity, mean free path, ..."""
    g = _gas(composition, temperature, pressure)
    d = g.to_dict()
    if as_json:
        _emit_json({"package_version": __version__, "units": "SI", **d})
        return
    rows = [
        ("temperature", _fmt(g.temperature), "K"),
        ("pressure", _fmt(g.pressure), "Pa"),
        ("molar mass", _fmt(g.molar_mass * 1e3), "g/mol"),
        ("density", _fmt(g.density), "kg/m³"),
        ("dynamic viscosity", _fmt(g.viscosity * 1e6), "µPa s"),
        ("kinematic viscosity", _fmt(g.kinematic_viscosity), "m²/s"),
        ("thermal conductivity", _fmt(g.thermal_conductivity), "W/(m K)"),
        ("translational conductivity", _fmt(g.translational_conductivity), "W/(m K)"),
        ("cp", _fmt(g.heat_capacity_cp), "J/(kg K)"),
        ("Prandtl number", _fmt(g.prandtl_number), "-"),
        ("mean molecular speed", _fmt(g.mean_speed), "m/s"),
        ("mean free path", _fmt(g.mean_free_path * 1e9), "nm"),
    ]
    Console().print(_table(f"Gas state: {g.describe()}", rows))


@app.command("particle")
@_handle_errors
def particle_command(
    diameter: Annotated[str, typer.Option("--diameter", "-d", help="Particle diameter, e.g. '200 nm'.")] = "200 nm",
    material: Annotated[str, typer.Option("--material", "-m", help="Material name (see `thermophoresis materials`).")] = "psl",
    density: Annotated[Optional[str], typer.Option("--density", help="Override density, e.g. '1050 kg/m^3'.")] = None,
    conductivity: Annotated[
        Optional[str], typer.Option("--conductivity", help="Override conductivity, e.g. '0.15 W/m/K'.")
    ] = None,
    gas: GasOpt = "air",
    temperature: TOpt = _DEFAULT_T,
    pressure: POpt = _DEFAULT_P,
    slip: Annotated[str, typer.Option("--slip", help=f"Cunningham constants: {', '.join(SLIP_CORRECTIONS)}.")] = "kim_2005",
    as_json: JsonOpt = False,
):
    """Knudsen number, regime, slip correction, mobility, diffusion, relaxation time, settling velocity."""
    g = _gas(gas, temperature, pressure)
    p = Particle(diameter, material, density=density, conductivity=conductivity)
    s = mobility_summary(p, g, slip=slip)
    if as_json:
        _emit_json(
            {
                "package_version": __version__,
                "units": "SI",
                "particle": {
                    "diameter_m": p.diameter,
                    "material": p.material.name if p.material else None,
                    "density_kg_per_m3": p.density,
                    "conductivity_W_per_m_K": p.conductivity,
                    "energy_accommodation": p.energy_accommodation,
                    "momentum_accommodation": p.momentum_accommodation,
                },
                "gas": g.to_dict(),
                **s.to_dict(),
            }
        )
        return
    rows = [
        ("diameter", _fmt(p.diameter * 1e9), "nm"),
        ("gas mean free path", _fmt(g.mean_free_path * 1e9), "nm"),
        ("Knudsen number (mfp/radius)", _fmt(s.knudsen_number), "-"),
        ("regime", str(s.regime), ""),
        (f"slip correction ({s.slip_parameters})", _fmt(s.slip_correction), "-"),
        ("mobility", _fmt(s.mobility), "s/kg"),
        ("diffusion coefficient", _fmt(s.diffusion_coefficient), "m²/s"),
        ("relaxation time", _fmt(s.relaxation_time), "s"),
        ("settling velocity", _fmt(s.settling_velocity), "m/s"),
    ]
    title = f"{p.describe()} particle in {g.describe()} at {_fmt(g.temperature)} K, {_fmt(g.pressure)} Pa"
    Console().print(_table(title, rows))


@app.command("gases")
@_handle_errors
def gases_command(as_json: JsonOpt = False):
    """List the gas species the toolkit knows."""
    from .gas.reference import CONDUCTIVITY, VISCOSITY

    items = [
        {
            "name": s.name,
            "long_name": s.long_name,
            "molar_mass_kg_per_mol": s.molar_mass,
            "lj_sigma_m": s.lj_sigma,
            "lj_epsilon_over_k_K": s.lj_epsilon_k,
            "geometry": s.geometry,
            "aliases": list(s.aliases),
            "reference_viscosity": s.name in VISCOSITY,
            "reference_conductivity": s.name in CONDUCTIVITY,
        }
        for s in SPECIES.values()
    ]
    if as_json:
        _emit_json({"package_version": __version__, "gases": items})
        return
    table = Table(title="Gas species", header_style="bold")
    for c in ("name", "long name", "M [g/mol]", "σ [Å]", "ε/k [K]", "reference μ / k"):
        table.add_column(c)
    for it in items:
        table.add_row(
            it["name"], it["long_name"], f"{it['molar_mass_kg_per_mol'] * 1e3:.4f}",
            f"{it['lj_sigma_m'] * 1e10:.3f}", f"{it['lj_epsilon_over_k_K']:g}",
            f"{'yes' if it['reference_viscosity'] else 'no'} / {'yes' if it['reference_conductivity'] else 'no'}",
        )
    Console().print(table)


@app.command("materials")
@_handle_errors
def materials_command(as_json: JsonOpt = False):
    """List the particle materials with their density, conductivity and sources."""
    items = [
        {
            "name": m.name,
            "density_kg_per_m3": m.density,
            "conductivity_W_per_m_K": m.conductivity,
            "aliases": list(m.aliases),
            "source": m.source,
            "note": m.note,
        }
        for m in MATERIALS.values()
    ]
    if as_json:
        _emit_json({"package_version": __version__, "materials": items})
        return
    table = Table(title="Particle materials", header_style="bold")
    for c in ("name", "ρ [kg/m³]", "k [W/(m K)]", "source"):
        table.add_column(c)
    for it in items:
        table.add_row(it["name"], f"{it['density_kg_per_m3']:g}", f"{it['conductivity_W_per_m_K']:g}", it["source"])
    Console().print(table)


def main():  # console-script entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
