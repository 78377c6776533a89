"""The ``thermophoresis`` command line (Typer + Rich).

Every command prints a Rich table by default and JSON with ``--json`` (SI units, key names that say the
unit, non-finite numbers as ``null``): one object, except ``compare``, which prints a list of the objects
``force`` prints, one per model. Exit codes follow Click: 0 success, 1 a failed
computation, 2 bad input (one line on stderr naming the option, the value and what is allowed).
"""

from __future__ import annotations

import contextlib
import functools
import json
import math
import sys
import warnings
from pathlib import Path
from typing import Annotated, Optional

import numpy as np
import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .constants import DEFAULT_PRESSURE, DEFAULT_TEMPERATURE
from .exceptions import InputError
from .gas import SPECIES, Gas
from .force import MODELS
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
ModelOpt = Annotated[str, typer.Option("--model", help="Force model (see `thermophoresis models`).")]
OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", help="Also write a figure (png, pdf, svg).")]
SlipOpt = Annotated[str, typer.Option("--slip", help=f"Cunningham constants: {', '.join(SLIP_CORRECTIONS)}.")]


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


def _si(value, kind: str, option: str, positive: bool = True):
    """Parse an option value to SI, naming the option (not the Python parameter) in errors."""
    from ._validation import check_finite, check_positive
    from .units import to_si

    if value is None:
        return None
    from .units import DIMENSIONS

    v = to_si(value, kind, option)
    return check_positive(option, v, DIMENSIONS[kind][1]) if positive else check_finite(option, v)


@contextlib.contextmanager
def _options(names: dict[str, str]):
    """Rename the parameter of an InputError raised inside to its option (structured, no string edits)."""
    try:
        yield
    except InputError as exc:
        if exc.parameter in names:
            raise exc.renamed(names[exc.parameter]) from None
        raise


def _gas(gas: str, temperature: str, pressure: str) -> Gas:
    t = _si(temperature, "temperature", "--temperature")
    p = _si(pressure, "pressure", "--pressure")
    with _options({"temperature": "--temperature", "pressure": "--pressure"}):
        return Gas(gas, temperature=t, pressure=p)


def _particle(diameter, material, density=None, conductivity=None) -> Particle:
    d = _si(diameter, "length", "--diameter")
    rho = _si(density, "density", "--density")
    k = _si(conductivity, "thermal_conductivity", "--conductivity")
    with _options({"diameter": "--diameter", "density": "--density", "conductivity": "--conductivity"}):
        return Particle(d, material, density=rho, conductivity=k)


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


def _fmt4(v) -> str:
    return f"{float(v):.3g}"


_DRAG_SHORT = {"slip-corrected": "Cunningham", "model": "own", "stokes": "Stokes", "epstein": "Epstein"}


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
    slip: SlipOpt = "kim_2005",
    as_json: JsonOpt = False,
):
    """Knudsen number, regime, slip correction, mobility, diffusion, relaxation time, settling velocity."""
    g = _gas(gas, temperature, pressure)
    p = _particle(diameter, material, density, conductivity)
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


DiameterOpt = Annotated[str, typer.Option("--diameter", "-d", help="Particle diameter, e.g. '200 nm'.")]
MaterialOpt = Annotated[str, typer.Option("--material", "-m", help="Material name (see `thermophoresis materials`).")]
GradientOpt = Annotated[str, typer.Option("--gradient", "-g", help="Gas temperature gradient, e.g. '1e4 K/m'.")]
ConductivityOpt = Annotated[
    Optional[str], typer.Option("--conductivity", help="Override particle conductivity, e.g. '0.15 W/m/K'.")
]
LengthOpt = Annotated[str, typer.Option("--length", help="Length for the Péclet number, e.g. '1 cm'.")]


def _force_setup(diameter, material, conductivity, gas, temperature, pressure, length, gradient):
    """Parse the options shared by `force` and `compare` (SI values, option names in errors)."""
    g = _gas(gas, temperature, pressure)
    p = _particle(diameter, material, conductivity=conductivity)
    length_m = _si(length, "length", "--length")
    grad = _si(gradient, "temperature_gradient", "--gradient", positive=False)
    return g, p, length_m, grad


def _force_payload(result, length_m: float) -> dict:
    d = result.to_dict()
    d["peclet_number"] = result.peclet(length_m)
    d["peclet_length_m"] = length_m
    return d


def _evaluate_models(names, particle, gas, gradient, slip, length_m):
    """Evaluate models one by one, recording each model's own validity warnings."""
    from .transport import thermophoresis

    out = []
    for name in names:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = thermophoresis(particle, gas, gradient, name, slip=slip)
        payload = _force_payload(r, length_m)
        payload["warnings"] = [str(w.message) for w in caught]
        out.append(payload)
    return out


@app.command("force")
@_handle_errors
def force_command(
    diameter: DiameterOpt = "200 nm",
    material: MaterialOpt = "psl",
    gradient: GradientOpt = "1e4 K/m",
    model: Annotated[str, typer.Option("--model", help="Force model (see `thermophoresis models`).")] = "talbot",
    conductivity: ConductivityOpt = None,
    gas: GasOpt = "air",
    temperature: TOpt = _DEFAULT_T,
    pressure: POpt = _DEFAULT_P,
    slip: SlipOpt = "kim_2005",
    length: LengthOpt = "1 cm",
    as_json: JsonOpt = False,
):
    """Thermophoretic force, drift velocity, K_th, Phi, Kn, regime and Péclet number for one model."""
    g, p, length_m, grad = _force_setup(diameter, material, conductivity, gas, temperature, pressure, length, gradient)
    (payload,) = _evaluate_models([model], p, g, grad, slip, length_m)
    for w in payload["warnings"]:
        typer.echo(f"Warning: {w}", err=True)
    if as_json:
        typer.echo(json.dumps(_jsonable({"package_version": __version__, "units": "SI", **payload}), indent=2))
        return
    rows = [
        ("model", payload["label"], ""),
        ("mean free path", _fmt(payload["mean_free_path_m"] * 1e9), "nm"),
        ("Knudsen number (mfp/radius)", _fmt(payload["knudsen"]), "-"),
        ("regime", str(payload["regime"]), ""),
        ("force", _fmt(payload["force_N"]), "N"),
        ("velocity", _fmt(payload["velocity_m_s"]), "m/s"),
        ("thermophoretic coefficient K_th", _fmt(payload["thermophoretic_coefficient"]), "-"),
        ("force coefficient Phi", _fmt(payload["force_coefficient"]), "-"),
        ("slip correction", _fmt(payload["slip_correction"]), "-"),
        (f"drag used for the velocity", payload["drag"], ""),
        (f"Péclet number over {_fmt(length_m)} m", _fmt(payload["peclet_number"]), "-"),
    ]
    Console().print(_table(f"{p.describe()} {_fmt(p.diameter * 1e9)} nm in {g.describe()}, grad T = {gradient}", rows))


@app.command("compare")
@_handle_errors
def compare_command(
    diameter: DiameterOpt = "200 nm",
    material: MaterialOpt = "psl",
    gradient: GradientOpt = "1e4 K/m",
    conductivity: ConductivityOpt = None,
    gas: GasOpt = "air",
    temperature: TOpt = _DEFAULT_T,
    pressure: POpt = _DEFAULT_P,
    slip: SlipOpt = "kim_2005",
    length: LengthOpt = "1 cm",
    as_json: JsonOpt = False,
):
    """Every registered model side by side; models used outside their validity range are flagged."""
    g, p, length_m, grad = _force_setup(diameter, material, conductivity, gas, temperature, pressure, length, gradient)
    results = _evaluate_models(list(MODELS), p, g, grad, slip, length_m)
    if as_json:
        typer.echo(json.dumps(_jsonable(results), indent=2))
        return
    kn = results[0]["knudsen"]
    table = Table(title=f"{p.describe()} {_fmt(p.diameter * 1e9)} nm in {g.describe()} at {_fmt(g.temperature)} K, "
                        f"{_fmt(g.pressure)} Pa; Kn = {_fmt(kn)} ({results[0]['regime']}); grad T = {gradient}",
                  header_style="bold")
    for c in ("model", "valid Kn", "K_th", "Phi", "v [m/s]", "F [N]", "drag"):
        table.add_column(c)
    for r in results:
        info = MODELS[r["model"]]
        ok = bool(r["in_validity_range"])
        valid = f"{info.kn_range[0]:g}–{info.kn_range[1]:g}"
        table.add_row(
            info.name, valid if ok else f"[red]{valid} ✗[/red]",
            _fmt4(r["thermophoretic_coefficient"]), _fmt4(r["force_coefficient"]), _fmt4(r["velocity_m_s"]),
            _fmt4(r["force_N"]), _DRAG_SHORT.get(r["drag"], r["drag"]),
        )
    Console().print(table)
    if any(not r["in_validity_range"] for r in results):
        Console(stderr=True).print("✗: model used outside its validity range (value shown anyway)")


@app.command("models")
@_handle_errors
def models_command(as_json: JsonOpt = False):
    """List the force models: regime, validity range (Kn = mfp/radius), drag, reference."""
    items = [m.to_dict() for m in MODELS.values()]
    if as_json:
        _emit_json({"package_version": __version__, "models": items})
        return
    table = Table(title="Thermophoretic force models", header_style="bold")
    for c in ("name", "model", "regime", "Kn range", "drag", "reference"):
        table.add_column(c)
    for m in MODELS.values():
        table.add_row(m.name, m.label, m.regime, f"{m.kn_range[0]:g}–{m.kn_range[1]:g}", m.drag, m.reference)
    Console().print(table)


def _parse_modes(text: str):
    try:
        values = [float(v) for v in text.replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise ValueError(f"--modes must be comma-separated numbers in K (a0, a1, a2, ...), got {text!r}") from None
    if not values:
        raise ValueError("--modes needs at least a0")
    return values


@app.command("dipole")
@_handle_errors
def dipole_command(
    modes: Annotated[str, typer.Option("--modes", help="Legendre coefficients of the surface temperature in K: "
                                                        "'a0, a1, a2, ...' (a1 > 0: hotter at +z).")] = "303, 1",
    diameter: DiameterOpt = "1 um",
    material: MaterialOpt = "silica",
    energy_accommodation: Annotated[float, typer.Option("--energy-accommodation", help="alpha in [0, 1].")] = 1.0,
    gas: GasOpt = "air",
    temperature: TOpt = _DEFAULT_T,
    pressure: POpt = _DEFAULT_P,
    as_json: JsonOpt = False,
):
    """Force from a particle's own surface temperature: only the dipole (a1) pushes."""
    from .force.surface_temperature import free_molecular_surface_force
    from .transport import surface_temperature_force

    values = _parse_modes(modes)
    g = _gas(gas, temperature, pressure)
    d = _si(diameter, "length", "--diameter")
    from ._validation import check_in_range

    alpha = check_in_range("--energy-accommodation", energy_accommodation, 0.0, 1.0)
    p = Particle(d, material, energy_accommodation=alpha)
    fm = surface_temperature_force(p, g, values, "free-molecular")
    fm_exact = free_molecular_surface_force(values, p.radius, g.pressure, g.temperature, p.energy_accommodation,
                                            linear=False)
    slip = surface_temperature_force(p, g, values, "slip")
    kn = g.mean_free_path / p.radius
    payload = {
        "package_version": __version__,
        "units": "SI",
        "modes_K": values,
        "knudsen": kn,
        "regime": str(mobility_summary(p, g).regime),
        "force_free_molecular_N": fm,
        "force_free_molecular_exact_N": fm_exact,
        "force_slip_flow_N": slip,
        "axis": "+z, the pole where a1 > 0 makes the surface hotter; negative force = away from the hot side",
    }
    if as_json:
        _emit_json(payload)
        return
    rows = [
        ("surface modes a_l", ", ".join(f"{v:g}" for v in values), "K"),
        ("Knudsen number (mfp/radius)", _fmt(kn), "-"),
        ("regime", payload["regime"], ""),
        ("free-molecular force (linear)", _fmt(fm), "N"),
        ("free-molecular force (exact sqrt(T))", _fmt(fm_exact), "N"),
        ("slip-flow force (thermal creep)", _fmt(slip), "N"),
    ]
    Console().print(_table(f"{p.describe()} {_fmt(d * 1e9)} nm in {g.describe()}; force along +z", rows))


def _photophoresis_inputs(diameter, material, conductivity, wavelength, index, intensity, gas, temperature, pressure,
                          energy_accommodation):
    g = _gas(gas, temperature, pressure)
    d = _si(diameter, "length", "--diameter")
    k = _si(conductivity, "thermal_conductivity", "--conductivity")
    from ._validation import check_in_range

    alpha = check_in_range("--energy-accommodation", energy_accommodation, 0.0, 1.0)
    p = Particle(d, material, conductivity=k, energy_accommodation=alpha)
    lam = _si(wavelength, "length", "--wavelength")
    i0 = _si(intensity, "intensity", "--intensity", positive=False)
    if i0 < 0:
        raise ValueError(f"--intensity must be >= 0 W/m^2, got {i0!r} W/m^2")
    try:
        m = complex(index.replace(" ", "").replace("i", "j"))
    except ValueError:
        raise ValueError(f"--index must be a complex number such as '1.57+0.038j', got {index!r}") from None
    if m.imag < 0 or m.real <= 0:
        raise ValueError(f"--index must be n+kj with n > 0 and k >= 0 (absorbing media have k > 0), got {index!r}")
    return g, p, lam, m, i0


IndexOpt = Annotated[str, typer.Option("--index", help="Complex refractive index n+kj (k >= 0), e.g. '1.57+0.038j'.")]
WavelengthOpt = Annotated[str, typer.Option("--wavelength", help="Vacuum wavelength, e.g. '532 nm'.")]
IntensityOpt = Annotated[str, typer.Option("--intensity", help="Light intensity, e.g. '1e3 W/m^2'.")]
AlphaOpt = Annotated[float, typer.Option("--energy-accommodation", help="alpha in [0, 1].")]


@app.command("photophoresis")
@_handle_errors
def photophoresis_command(
    diameter: DiameterOpt = "2 um",
    wavelength: WavelengthOpt = "532 nm",
    index: IndexOpt = "1.57+0.038j",
    intensity: IntensityOpt = "1e3 W/m^2",
    material: MaterialOpt = "psl",
    conductivity: ConductivityOpt = None,
    model: Annotated[str, typer.Option("--model", help="rohatschek (all pressures), free-molecular or slip.")] = "rohatschek",
    energy_accommodation: AlphaOpt = 1.0,
    gas: GasOpt = "air",
    temperature: TOpt = _DEFAULT_T,
    pressure: POpt = _DEFAULT_P,
    as_json: JsonOpt = False,
):
    """Photophoretic force on a lit particle: J1 from Mie theory, force and velocity along the light."""
    from .photophoresis import photophoresis

    g, p, lam, m, i0 = _photophoresis_inputs(diameter, material, conductivity, wavelength, index, intensity, gas,
                                             temperature, pressure, energy_accommodation)
    r = photophoresis(p, g, lam, m, i0, model)
    if as_json:
        _emit_json({"package_version": __version__, "units": "SI", "wavelength_m": lam, "intensity_W_m2": i0,
                    **r.to_dict()})
        return
    rows = [
        ("size parameter x = 2 pi a / lambda", _fmt(r.size_parameter), "-"),
        ("asymmetry factor J1", _fmt(r.j1), "-"),
        ("absorption efficiency Q_abs", _fmt(r.q_abs), "-"),
        ("Knudsen number (mfp/radius)", _fmt(r.knudsen), "-"),
        (f"force ({r.model})", _fmt(r.force), "N"),
        ("free-molecular limit", _fmt(r.force_free_molecular), "N"),
        ("continuum limit", _fmt(r.force_continuum), "N"),
        ("velocity", _fmt(r.velocity), "m/s"),
        ("direction", str(r.direction), ""),
    ]
    Console().print(_table(f"{p.describe()} {_fmt(p.diameter * 1e9)} nm, m = {m}, in {g.describe()}", rows))


plot_app = typer.Typer(help="Figures (needs matplotlib: pip install 'thermophoresis\\[plot]').", no_args_is_help=True)
app.add_typer(plot_app, name="plot")


@plot_app.command("kth")
@_handle_errors
def plot_kth_command(
    material: MaterialOpt = "psl",
    conductivity: ConductivityOpt = None,
    conductivity_ratio: Annotated[
        Optional[float], typer.Option("--conductivity-ratio", help="k_gas / k_particle (overrides the material's).")
    ] = None,
    gas: GasOpt = "air",
    temperature: TOpt = _DEFAULT_T,
    pressure: POpt = _DEFAULT_P,
    kn_min: Annotated[float, typer.Option("--kn-min", help="Smallest Kn = mfp/radius.")] = 1e-3,
    kn_max: Annotated[float, typer.Option("--kn-max", help="Largest Kn = mfp/radius.")] = 1e3,
    output: Annotated[str, typer.Option("--output", "-o", help="Image file to write (png, pdf, svg).")] = "kth.png",
):
    """K_th against Kn for every model, regimes shaded."""
    from ._validation import check_positive
    from .plot import kth_against_knudsen

    g = _gas(gas, temperature, pressure)
    if conductivity_ratio is not None:
        k_ratio = check_positive("--conductivity-ratio", conductivity_ratio)
        conductivity = float(np.asarray(g.thermal_conductivity).ravel()[0]) / k_ratio
    kn_min = check_positive("--kn-min", kn_min)
    kn_max = check_positive("--kn-max", kn_max)
    if kn_max <= kn_min:
        raise ValueError(f"--kn-max must exceed --kn-min, got {kn_max} <= {kn_min}")
    base = Particle(1e-6, material, conductivity=conductivity)
    ratio = float(np.asarray(g.thermal_conductivity).ravel()[0]) / base.conductivity
    kn = np.logspace(np.log10(kn_min), np.log10(kn_max), 200)
    fig = kth_against_knudsen(g, 1.0 / ratio, kn,
                              title=f"{base.describe()} in {g.describe()}, k_gas/k_particle = {ratio:.3g}")
    fig.savefig(output, dpi=150)
    typer.echo(output)


@plot_app.command("photophoresis")
@_handle_errors
def plot_photophoresis_command(
    diameter: DiameterOpt = "2 um",
    wavelength: WavelengthOpt = "532 nm",
    index: IndexOpt = "1.57+0.038j",
    intensity: IntensityOpt = "1e3 W/m^2",
    material: MaterialOpt = "psl",
    conductivity: ConductivityOpt = None,
    energy_accommodation: AlphaOpt = 1.0,
    gas: GasOpt = "air",
    temperature: TOpt = _DEFAULT_T,
    p_min: Annotated[str, typer.Option("--p-min", help="Lowest pressure.")] = "0.1 Pa",
    p_max: Annotated[str, typer.Option("--p-max", help="Highest pressure.")] = "1 atm",
    output: Annotated[str, typer.Option("--output", "-o", help="Image file to write.")] = "photophoresis.png",
):
    """Photophoretic force against pressure: free-molecular, continuum and Rohatschek's interpolation."""
    from .photophoresis import photophoresis
    from .plot import photophoretic_force_against_pressure

    lo = _si(p_min, "pressure", "--p-min")
    hi = _si(p_max, "pressure", "--p-max")
    if hi <= lo:
        raise ValueError(f"--p-max must exceed --p-min, got {hi} <= {lo}")
    pressures = np.logspace(np.log10(lo), np.log10(hi), 120)
    g, p, lam, m, i0 = _photophoresis_inputs(diameter, material, conductivity, wavelength, index, intensity, gas,
                                             temperature, f"{lo} Pa", energy_accommodation)
    g = Gas(gas, temperature=g.temperature, pressure=pressures)
    r = photophoresis(p, g, lam, m, i0)
    fig = photophoretic_force_against_pressure(pressures, r, title=f"{p.describe()} {_fmt(p.diameter * 1e6)} µm, "
                                                                   f"m = {m}, I = {i0:g} W/m², J1 = {r.j1:.3g}")
    fig.savefig(output, dpi=150)
    typer.echo(output)


@app.command("map")
@_handle_errors
def map_command(
    model: Annotated[str, typer.Option("--model", help="Force model (see `thermophoresis models`).")] = "talbot",
    gas: GasOpt = "air",
    temperature: TOpt = _DEFAULT_T,
    pressure: POpt = _DEFAULT_P,
    kn_min: Annotated[float, typer.Option("--kn-min", help="Smallest Kn = mfp/radius.")] = 1e-3,
    kn_max: Annotated[float, typer.Option("--kn-max", help="Largest Kn = mfp/radius.")] = 1e3,
    ratio_min: Annotated[float, typer.Option("--ratio-min", help="Smallest k_p/k_g.")] = 0.1,
    ratio_max: Annotated[float, typer.Option("--ratio-max", help="Largest k_p/k_g.")] = 1e4,
    points: Annotated[int, typer.Option("--points", help="Grid points per axis (2-400).")] = 41,
    output: Annotated[Optional[str], typer.Option("--output", "-o", help="Also write a figure (png, pdf, svg).")] = None,
    as_json: JsonOpt = False,
):
    """Sign and size of K_th over (Kn, k_p/k_g) for a model; marks where thermophoresis reverses."""
    from ._validation import check_positive
    from .transport import kth_map

    if not 2 <= points <= 400:
        raise ValueError(f"--points must be in [2, 400], got {points}")
    for name, lo, hi in (("--kn", kn_min, kn_max), ("--ratio", ratio_min, ratio_max)):
        check_positive(f"{name}-min", lo)
        check_positive(f"{name}-max", hi)
        if hi <= lo:
            raise ValueError(f"{name}-max must exceed {name}-min, got {hi} <= {lo}")
    g = _gas(gas, temperature, pressure)
    m = kth_map(g, model, np.logspace(np.log10(kn_min), np.log10(kn_max), points),
                np.logspace(np.log10(ratio_min), np.log10(ratio_max), points))
    if output:
        from .plot import kth_map_figure

        kth_map_figure(m).savefig(output, dpi=150)
    if as_json:
        _emit_json({"package_version": __version__, **m.to_dict(), "figure": output})
        return
    d = m.to_dict()
    rows = [
        ("model", d["model"], ""),
        ("Kn range", f"{kn_min:g} – {kn_max:g}", "-"),
        ("k_p/k_g range", f"{ratio_min:g} – {ratio_max:g}", "-"),
        ("K_th range", f"{d['kth_min']:.4g} – {d['kth_max']:.4g}", "-"),
        ("reversal (K_th < 0)", f"{100 * d['negative_fraction']:.1f} % of the map" if d["negative_anywhere"]
         else "none predicted by this model", ""),
        ("reversal inside the model's validity range", "yes" if d["negative_in_range_anywhere"] else "no", ""),
    ]
    if output:
        rows.append(("figure", output, ""))
    Console().print(_table(f"K_th map in {g.describe()}", rows))


@app.command("soret")
@_handle_errors
def soret_command(
    species1: Annotated[str, typer.Argument(help="First species (its thermal diffusion is reported).")],
    species2: Annotated[str, typer.Argument(help="Second species.")],
    fraction: Annotated[float, typer.Option("--fraction", "-x", help="Mole fraction of species 1, in [0, 1].")] = 0.5,
    temperature: TOpt = _DEFAULT_T,
    pressure: POpt = _DEFAULT_P,
    gradient: GradientOpt = "1e4 K/m",
    delta_t: Annotated[str, typer.Option("--delta-t", help="Temperature difference for the Péclet numbers.")] = "10 K",
    diameter: DiameterOpt = "200 nm",
    material: MaterialOpt = "psl",
    as_json: JsonOpt = False,
):
    """Thermal diffusion (Soret effect) of species 1 in a binary mixture, side by side with a particle's drift."""
    from ._validation import check_in_range
    from .soret import soret
    from .transport import thermophoresis

    x1 = check_in_range("--fraction", fraction, 0.0, 1.0)
    t = _si(temperature, "temperature", "--temperature")
    p_ = _si(pressure, "pressure", "--pressure")
    grad = _si(gradient, "temperature_gradient", "--gradient", positive=False)
    dt = _si(delta_t, "temperature_difference", "--delta-t", positive=False)
    s = soret(species1, species2, x1, t, p_)
    # the same gradient acting on a particle suspended in the same mixture
    g = Gas({s.species1: x1, s.species2: 1.0 - x1} if 0 < x1 < 1 else (s.species1 if x1 == 1 else s.species2),
            temperature=t, pressure=p_)
    part = _particle(diameter, material)
    r = thermophoresis(part, g, grad)
    # a trace of species 1 drifts relative to the mixture at V1 = -D12 alpha_T(x1 -> 0) grad T / T
    from .soret import thermal_diffusion_factor

    alpha_trace = thermal_diffusion_factor(s.species1, s.species2, 0.0, t)
    v_molecule = -s.diffusion_coefficient * alpha_trace * grad / t
    payload = {
        "package_version": __version__,
        "units": "SI",
        **s.to_dict(),
        "comparison_in_gradient_K_per_m": grad,
        "trace_thermal_diffusion_factor": alpha_trace,
        "molecule_drift_velocity_m_s": v_molecule,
        "molecule_peclet": abs(s.alpha_t) * abs(dt) / t,
        "particle_diameter_m": part.diameter,
        "particle_velocity_m_s": r.velocity,
        "particle_thermophoretic_coefficient": r.thermophoretic_coefficient,
        "particle_peclet": r.thermophoretic_coefficient * g.kinematic_viscosity / r.diffusion_coefficient * abs(dt) / t,
        "delta_t_K": dt,
    }
    if as_json:
        _emit_json(payload)
        return
    rows = [
        ("thermal diffusion factor alpha_T", _fmt(s.alpha_t), "-"),
        ("thermal diffusion ratio k_T", _fmt(s.k_t), "-"),
        ("Soret coefficient S_T", _fmt(s.soret_coefficient), "1/K"),
        ("binary diffusion coefficient D12", _fmt(s.diffusion_coefficient), "m²/s"),
        ("steady separation dx1/dT", _fmt(s.separation_per_kelvin), "1/K"),
        ("drift of a trace molecule of species 1", _fmt(v_molecule), "m/s"),
        (f"drift of a {_fmt(part.diameter * 1e9)} nm {part.describe()} particle", _fmt(r.velocity), "m/s"),
        (f"Péclet over ΔT = {_fmt(dt)} K: molecule", _fmt(payload["molecule_peclet"]), "-"),
        (f"Péclet over ΔT = {_fmt(dt)} K: particle", _fmt(payload["particle_peclet"]), "-"),
    ]
    title = f"{s.species1} in {s.species1}–{s.species2} (x1 = {x1:g}) at {_fmt(t)} K; + = toward the cold side"
    Console().print(_table(title, rows))


@app.command("track")
@_handle_errors
def track_command(
    scenario: Annotated[str, typer.Argument(help="Scenario file (TOML); see thermophoresis.lagrangian.scenario.")],
    as_json: JsonOpt = False,
):
    """Track particles through a field; writes NetCDF as it goes (resumes if interrupted) and a plot."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from .lagrangian.scenario import load

    sc = load(scenario)
    console = Console(stderr=True)
    with Progress(TextColumn("tracking"), BarColumn(), TextColumn("{task.completed}/{task.total} steps"),
                  TimeRemainingColumn(), console=console, disable=as_json) as bar:
        task = bar.add_task("track", total=sc.steps)
        ds = sc.tracker.run_to_netcdf(sc.directory, sc.start, sc.steps, chunk_steps=sc.chunk_steps,
                                      sample_every=sc.sample_every,
                                      progress=lambda done, total: bar.update(task, completed=done))
    plot_written = None
    if sc.plot is not None:
        try:
            from .plot import trajectories_figure

            trajectories_figure(ds).savefig(sc.plot, dpi=150)
            plot_written = sc.plot
        except ImportError as exc:  # the results are written; only the figure is missing
            typer.echo(f"Warning: no trajectory plot ({exc})", err=True)
    wall = ds["event_wall"].values
    summary = {
        "package_version": __version__,
        "particles": int(wall.size),
        "steps": sc.steps,
        "time_s": sc.steps * sc.tracker.dt,
        "fraction_lower_wall": float(np.mean(wall == 1)),
        "fraction_upper_wall": float(np.mean(wall == 2)),
        "fraction_exit": float(np.mean(wall == 3)),
        "fraction_in_domain": float(np.mean(wall == 0)),
        "result_file": str(sc.directory / "result.nc"),
        "plot": str(plot_written) if plot_written else None,
    }
    if as_json:
        _emit_json(summary)
        return
    rows = [(k.replace("_", " "), _fmt(v) if isinstance(v, float) else str(v), "") for k, v in summary.items()
            if k != "package_version"]
    Console().print(_table(f"tracking: {scenario}", rows))


@app.command("wafer")
@_handle_errors
def wafer_command(
    delta_t: Annotated[str, typer.Option("--delta-t", help="Wafer minus gas temperature, e.g. '10 K'.")] = "10 K",
    strain_rate: Annotated[str, typer.Option("--strain-rate", help="Stagnation-flow strain rate a, e.g. '100 1/s' (about U/H).")] = "100 1/s",
    material: MaterialOpt = "psl",
    gas: GasOpt = "air",
    temperature: TOpt = _DEFAULT_T,
    pressure: POpt = _DEFAULT_P,
    model: ModelOpt = "talbot",
    gravity: Annotated[bool, typer.Option("--gravity/--no-gravity", help="Face-up wafer (settling) or not.")] = True,
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """Heated-wafer protection: deposition velocity against size with and without heating, and levitation."""
    from .scenarios import HeatedWafer, levitation_gradient

    g = _gas(gas, temperature, pressure)
    dt = _si(delta_t, "temperature_difference", "--delta-t", positive=False)
    a = _si(strain_rate, "rate", "--strain-rate")
    d = np.logspace(-8, np.log10(5e-6), 28)
    heated = HeatedWafer(g, a, dt, model=model, gravity=gravity)
    plain = HeatedWafer(g, a, 0.0, model=model, gravity=gravity)
    v_h = heated.deposition_velocities(material, d)
    v_0 = plain.deposition_velocities(material, d)
    lev = np.asarray(levitation_gradient(Particle(d, material), g, model))
    wall_gradient = abs(dt) * 2.0 / np.sqrt(np.pi) / heated.thermal_layer
    ratio = np.where(v_0 > 0, v_h / v_0, np.nan)
    protected = d[ratio < 0.1]
    payload = {
        "package_version": __version__,
        "units": "SI",
        "delta_t_K": dt,
        "strain_rate_per_s": a,
        "thermal_layer_m": heated.thermal_layer,
        "wall_temperature_gradient_K_per_m": wall_gradient,
        "diameters_m": d,
        "deposition_velocity_heated_m_s": v_h,
        "deposition_velocity_unheated_m_s": v_0,
        "ratio_heated_to_unheated": ratio,
        "levitation_gradient_K_per_m": lev,
        "protected_range_m": [float(protected.min()), float(protected.max())] if protected.size else None,
        "protection_criterion": "deposition velocity reduced below 10 % of the unheated value",
    }
    if output:
        from .plot import wafer_deposition_figure

        wafer_deposition_figure(d, {f"ΔT = {dt:g} K": v_h, "unheated": v_0},
                                title=f"{material} in {g.describe()}, a = {a:g} 1/s").savefig(output, dpi=150)
    if as_json:
        _emit_json(payload)
        return
    table = Table(title=f"{material} onto a wafer {dt:+g} K vs gas, stagnation flow a = {a:g} 1/s", header_style="bold")
    for c in ("d [µm]", "v_d heated [m/s]", "v_d unheated [m/s]", "ratio", "∇T to levitate [K/m]"):
        table.add_column(c, justify="right")
    for i in range(0, d.size, 3):
        table.add_row(f"{d[i] * 1e6:.3g}", f"{v_h[i]:.3g}", f"{v_0[i]:.3g}", f"{ratio[i]:.3g}", f"{lev[i]:.3g}")
    Console().print(table)
    rng = payload["protected_range_m"]
    Console().print(f"wall gradient {wall_gradient:.3g} K/m; protected (<10 % of unheated): "
                    + (f"{rng[0] * 1e6:.3g}–{rng[1] * 1e6:.3g} µm" if rng else "none"))


@app.command("precipitator")
@_handle_errors
def precipitator_command(
    gap: Annotated[str, typer.Option("--gap", help="Plate spacing, e.g. '5 mm'.")] = "5 mm",
    t_cold: Annotated[str, typer.Option("--t-cold", help="Collecting (cold) plate temperature.")] = "293.15 K",
    t_hot: Annotated[str, typer.Option("--t-hot", help="Hot plate temperature.")] = "313.15 K",
    velocity: Annotated[str, typer.Option("--velocity", help="Mean gas velocity, e.g. '5 cm/s'.")] = "5 cm/s",
    length: Annotated[str, typer.Option("--length", help="Collecting plate length, e.g. '10 cm'.")] = "10 cm",
    flow: Annotated[str, typer.Option("--flow", help="plug or poiseuille.")] = "poiseuille",
    material: MaterialOpt = "psl",
    gas: GasOpt = "air",
    pressure: POpt = _DEFAULT_P,
    model: ModelOpt = "talbot",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """Thermophoretic precipitator (parallel plates): collection efficiency against particle size."""
    from .scenarios import collection_efficiency

    h = _si(gap, "length", "--gap")
    tc = _si(t_cold, "temperature", "--t-cold")
    th = _si(t_hot, "temperature", "--t-hot")
    u = _si(velocity, "velocity", "--velocity")
    ell = _si(length, "length", "--length")
    g = _gas(gas, f"{0.5 * (tc + th)} K", pressure)
    d = np.logspace(-8, -5, 31)
    eta = np.array([collection_efficiency(Particle(float(x), material), g, h, tc, th, u, ell, flow, model) for x in d])
    payload = {"package_version": __version__, "units": "SI", "gap_m": h, "t_cold_K": tc, "t_hot_K": th,
               "mean_velocity_m_s": u, "length_m": ell, "flow": flow, "diameters_m": d, "collection_efficiency": eta,
               "assumptions": "linear conduction profile, no Brownian diffusion or gravity"}
    if output:
        from .plot import line_figure

        line_figure(d * 1e6, eta, "particle diameter [µm]", "collection efficiency",
                    f"precipitator: gap {h * 1e3:g} mm, {tc:g}/{th:g} K, U = {u:g} m/s, L = {ell:g} m",
                    logx=True).savefig(output, dpi=150)
    if as_json:
        _emit_json(payload)
        return
    rows = [(f"{x * 1e6:.3g} µm", f"{e:.3g}", "") for x, e in zip(d[::3], eta[::3])]
    Console().print(_table(f"collection efficiency ({flow} flow, L = {ell:g} m)", rows))


@app.command("tube")
@_handle_errors
def tube_command(
    radius: Annotated[str, typer.Option("--radius", help="Tube radius, e.g. '2 mm'.")] = "2 mm",
    length: Annotated[str, typer.Option("--length", help="Tube length, e.g. '30 cm'.")] = "30 cm",
    velocity: Annotated[str, typer.Option("--velocity", help="Mean gas velocity.")] = "0.5 m/s",
    t_inlet: Annotated[str, typer.Option("--t-inlet", help="Inlet gas temperature.")] = "600 K",
    t_wall: Annotated[str, typer.Option("--t-wall", help="Wall temperature.")] = "300 K",
    flow: Annotated[str, typer.Option("--flow", help="laminar, turbulent or auto (by Re = 2300).")] = "auto",
    diameter: DiameterOpt = "200 nm",
    material: MaterialOpt = "psl",
    gas: GasOpt = "air",
    pressure: POpt = _DEFAULT_P,
    model: ModelOpt = "talbot",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """Tube with a cooled wall: thermophoretic deposition efficiency (laminar marching solution or the
    turbulent well-mixed model), with the closed-form long-tube limits."""
    from .scenarios import asymptotic_tube_efficiency, laminar_tube_deposition, turbulent_tube_deposition
    from .transport import thermophoresis

    rr = _si(radius, "length", "--radius")
    ll = _si(length, "length", "--length")
    u = _si(velocity, "velocity", "--velocity")
    ti = _si(t_inlet, "temperature", "--t-inlet")
    tw = _si(t_wall, "temperature", "--t-wall")
    if flow not in ("auto", "laminar", "turbulent"):
        raise InputError(f"--flow = {flow!r}; allowed: auto, laminar, turbulent")
    g = _gas(gas, f"{0.5 * (ti + tw)} K", pressure)
    p = _particle(diameter, material)
    re = 2 * rr * u / float(g.kinematic_viscosity)
    regime = flow if flow != "auto" else ("turbulent" if re > 2300 else "laminar")
    prk = float(thermophoresis(p, g, 1.0, model).thermophoretic_coefficient) * float(g.prandtl_number)
    payload = {"package_version": __version__, "units": "SI", "flow": regime, "reynolds_number": re,
               "pr_kth": prk, "temperatures_K": {"inlet": ti, "wall": tw}}
    warn = []
    if regime == "laminar":
        x, eta = laminar_tube_deposition(p, g, rr, ll, u, ti, tw, model)
        payload |= {"deposition_efficiency": eta[-1], "x_m": x[::50], "efficiency_along_tube": eta[::50],
                    "assumptions": "fully developed laminar flow, Graetz temperature with constant gas properties"}
        if re > 2300:
            warn.append(f"Reynolds number {re:.0f} > 2300: the flow is probably not laminar")
    else:
        res = turbulent_tube_deposition(p, g, 2 * rr, ll, u, ti, tw, model)
        xs = np.linspace(0.0, ll, 101)
        tb = tw + (ti - tw) * np.exp(-4.0 * res.nusselt * xs / (2 * rr * res.reynolds * float(g.prandtl_number)))
        x, eta = xs, 1.0 - (tb / ti) ** res.pr_kth
        payload |= {"deposition_efficiency": float(res.efficiency), "x_m": x[::10], "efficiency_along_tube": eta[::10],
                    "nusselt_number": res.nusselt, "t_outlet_K": res.t_outlet,
                    "assumptions": "well-mixed turbulent core (Romay et al. form), Gnielinski Nu, film properties"}
    if ti > tw:
        payload["long_tube_limits"] = {f: float(asymptotic_tube_efficiency(prk, ti, tw, f))
                                       for f in ("linear", "second_order", "power")}
    if warn:
        payload["warnings"] = warn
    if output:
        from .plot import line_figure

        line_figure(x * 100, eta, "distance along the tube [cm]", "deposition efficiency",
                    f"{regime}: {_fmt(p.diameter * 1e9)} nm {p.describe()}, {ti:g} K gas, {tw:g} K wall"
                    ).savefig(output, dpi=150)
    if as_json:
        _emit_json(payload)
        return
    rows = [("flow", regime, ""), ("Reynolds number", _fmt(re), "-"), ("Pr K_th", _fmt(prk), "-"),
            ("deposition efficiency at the outlet", _fmt(payload["deposition_efficiency"]), "-")]
    for f, v in payload.get("long_tube_limits", {}).items():
        rows.append((f"long-tube limit ({f})", _fmt(v), "-"))
    Console().print(_table(f"{regime} tube deposition", rows))
    for w in warn:
        Console(stderr=True).print(f"warning: {w}")


@app.command("dsmc")
@_handle_errors
def dsmc_command(
    gas: Annotated[str, typer.Option("--gas", help="argon or helium.")] = "argon",
    model: Annotated[str, typer.Option("--model", help="Molecular model: hs, vhs or vss (Bird's parameters).")] = "hs",
    gap: Annotated[str, typer.Option("--gap", help="Plate spacing, e.g. '1 mm'.")] = "1 mm",
    t_cold: Annotated[str, typer.Option("--t-cold", help="Plate at z = 0.")] = "250 K",
    t_hot: Annotated[str, typer.Option("--t-hot", help="Plate at z = gap.")] = "350 K",
    knudsen: Annotated[float, typer.Option("--knudsen", help="Hard-sphere mean free path at the mean density / gap.")] = 0.1,
    accommodation: Annotated[float, typer.Option("--accommodation", help="Maxwell wall: diffuse fraction.")] = 1.0,
    cells: Annotated[int, typer.Option("--cells", help="Number of cells.")] = 40,
    per_cell: Annotated[int, typer.Option("--per-cell", help="Simulated molecules per cell.")] = 100,
    blocks: Annotated[int, typer.Option("--blocks", help="Sampling blocks (standard errors from their spread).")] = 10,
    block_steps: Annotated[int, typer.Option("--block-steps", help="Time steps per block.")] = 500,
    radius: Annotated[str, typer.Option("--radius", help="Radius of the test sphere for the force.")] = "10 nm",
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    threads: Annotated[Optional[int], typer.Option("--threads", help="Threads (the result does not depend on it).")] = None,
    sample_every: Annotated[int, typer.Option("--sample-every", help="Sample the molecules every n steps.")] = 1,
    netcdf: Annotated[Optional[Path], typer.Option("--netcdf", help="NetCDF file, rewritten after every block.")] = None,
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """DSMC of a gas between plates: heat flux, and the force on a small sphere across the gap."""
    from rich.progress import BarColumn, Progress, TextColumn

    from .kinetic.dsmc import FourierProblem, force_ratios, profile_standard_errors, run_fourier_blocks

    prob = FourierProblem(gap=_si(gap, "length", "--gap"), t_lo=_si(t_cold, "temperature", "--t-cold"),
                          t_hi=_si(t_hot, "temperature", "--t-hot"), knudsen=_si(knudsen, "dimensionless", "--knudsen"),
                          gas=gas.lower(), model=model.lower(), accommodation=accommodation)
    a = _si(radius, "length", "--radius")

    done = []

    def write(index, block, so_far):
        done.append(block)
        if netcdf is None:
            return
        ds = so_far.to_dataset(a)
        if len(done) >= 2:
            for name, err in profile_standard_errors(done).items():
                var = "number_density" if name == "density" else name
                ds[f"{var}_standard_error"] = ("z", err, {"units": ds[var].attrs["units"]})
        ds.attrs["blocks_done"] = index + 1
        ds.attrs["blocks_planned"] = blocks
        tmp = Path(str(netcdf) + ".part")
        ds.to_netcdf(tmp)
        tmp.replace(netcdf)

    with Progress(TextColumn("DSMC"), BarColumn(), TextColumn("{task.completed}/{task.total} blocks"),
                  console=Console(stderr=True), disable=as_json) as bar:
        task = bar.add_task("dsmc", total=blocks)
        total, parts = run_fourier_blocks(prob, cells, per_cell, block_steps=block_steps, n_blocks=blocks, seed=seed,
                                          progress=lambda d, t: bar.update(task, completed=d), threads=threads,
                                          on_block=write, sample_every=sample_every)
    prof = force_ratios(parts, a)
    core = force_ratios(parts, a, core=0.6)
    q = np.array([-np.mean(b.wall_heat_flux) for b in parts])
    se = q.std(ddof=1) / np.sqrt(q.size)
    payload = {
        "package_version": __version__,
        "units": "SI",
        "gas": prob.gas,
        "model": prob.model,
        "knudsen": prob.knudsen,
        "number_density_per_m3": prob.number_density,
        "wall_heat_flux_W_m2": q.mean(),
        "wall_heat_flux_standard_error": se,
        "free_molecular_heat_flux_W_m2": total.free_molecular_heat_flux,
        "heat_flux_ratio": q.mean() / total.free_molecular_heat_flux,
        "heat_flux_ratio_standard_error": se / total.free_molecular_heat_flux,
        "z_m": total.z,
        "temperature_K": total.temperature,
        "temperature_standard_error": profile_standard_errors(parts)["temperature"],
        "number_density_per_m3_profile": total.density,
        "heat_flux_W_m2_profile": total.heat_flux,
        "heat_flux_standard_error": profile_standard_errors(parts)["heat_flux"],
        "force_N": total.force_profile(a),
        "force_ratio_to_waldmann": prof["waldmann"],
        "force_ratio_to_waldmann_standard_error": prof["waldmann_se"],
        "force_ratio_to_free_molecular": prof["free_molecular"],
        "force_ratio_standard_error": prof["free_molecular_se"],
        "core_force_ratio_to_waldmann": [core["waldmann"], core["waldmann_se"]],
        "force_reference": "Waldmann's force from each cell's heat flux and temperature; free-molecular: the exact "
                           "force between the plates (two half-Maxwellians)",
    }
    if output:
        from .plot import line_figure

        fig = line_figure(total.z / prob.gap, prof["waldmann"], "z / gap", "force / Waldmann force (local q, T)",
                          f"DSMC {prob.gas} ({prob.model}), Kn = {prob.knudsen:g}")
        fig.axes[0].errorbar(total.z / prob.gap, prof["waldmann"], yerr=2 * prof["waldmann_se"], fmt="none",
                             ecolor="0.5")
        fig.savefig(output, dpi=150)
    if as_json:
        _emit_json(payload)
        return
    rows = [("Kn", _fmt(prob.knudsen), "-"), ("wall heat flux", _fmt(q.mean()), "W/m²"),
            ("… / free-molecular", f"{payload['heat_flux_ratio']:.4f} ± {payload['heat_flux_ratio_standard_error']:.4f}", ""),
            ("force / Waldmann (core of the gap)", f"{core['waldmann']:.4f} ± {core['waldmann_se']:.4f}", ""),
            ("force / free-molecular (core of the gap)",
             f"{core['free_molecular']:.4f} ± {core['free_molecular_se']:.4f}", "")]
    Console().print(_table(f"DSMC Fourier problem, {prob.gas} ({prob.model})", rows))


from ._cli_sweep import register as _register_sweep  # noqa: E402  (uses the helpers above)

_register_sweep(app)


def main():  # console-script entry point
    """Run the app; Click's own usage errors also become one line on stderr with exit code 2."""
    usage_error, no_args_help = _click_exceptions()
    try:
        rv = app(standalone_mode=False)
    except no_args_help:
        sys.exit(2)  # the help was printed; Click's convention for "no arguments" is exit code 2
    except usage_error as exc:
        hint = f" (try '{exc.ctx.command_path} --help')" if getattr(exc, "ctx", None) is not None else ""
        typer.echo(f"Error: {exc.format_message()}{hint}", err=True)
        sys.exit(2)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        sys.exit(1)
    sys.exit(rv if isinstance(rv, int) else 0)


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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
