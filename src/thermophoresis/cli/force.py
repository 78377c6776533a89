"""Force commands: ``force``, ``compare``, ``models``, ``map`` (K_th over Kn and k_p/k_g), ``dipole``."""

from __future__ import annotations

import warnings
from typing import Annotated

import typer

from ._app import app
from ._common import (DEFAULT_P, DEFAULT_T, ConductivityOpt, DiameterOpt, GasOpt, GradientOpt, JsonOpt, LengthOpt,
                      MaterialOpt, OutputOpt, POpt, SlipOpt, TOpt, emit_json, figure_after_output, fmt, fmt3,
                      handle_errors, listing, make_gas, make_particle, options_of, output_path, show, si, table,
                      warning_messages)
from .gas import particle_dict

_DRAG_SHORT = {"slip-corrected": "Cunningham", "model": "own", "stokes": "Stokes", "epstein": "Epstein"}


def _setup(diameter, material, conductivity, gas, temperature, pressure, length, gradient):
    """Parse the options shared by `force` and `compare` (SI values, option names in errors)."""
    g = make_gas(gas, temperature, pressure)
    p = make_particle(diameter, material, conductivity=conductivity)
    length_m = si(length, "length", "--length")
    grad = si(gradient, "temperature_gradient", "--gradient", positive=False)
    return g, p, length_m, grad


def evaluate_models(names, particle, gas, gradient, slip, length_m) -> list[dict]:
    """One payload per model: the drift result's to_dict(), the Péclet number, the inputs, its own warnings."""
    from ..transport import thermophoresis

    out = []
    inputs = {"particle": particle_dict(particle), "gas": gas.to_dict(), "gradient_K_per_m": gradient,
              "slip": slip}
    for name in names:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = thermophoresis(particle, gas, gradient, name, slip=slip)
        payload = r.to_dict()
        payload["peclet_number"] = r.peclet(length_m)
        payload["peclet_length_m"] = length_m
        payload.update(inputs)
        payload["warnings"] = warning_messages(caught)
        out.append(payload)
    return out


@app.command("force")
@handle_errors()
def force_command(
    diameter: DiameterOpt = "200 nm",
    material: MaterialOpt = "psl",
    gradient: GradientOpt = "1e4 K/m",
    model: Annotated[str, typer.Option("--model", help="Force model (see `thermophoresis models`).")] = "talbot",
    conductivity: ConductivityOpt = None,
    gas: GasOpt = "air",
    temperature: TOpt = DEFAULT_T,
    pressure: POpt = DEFAULT_P,
    slip: SlipOpt = "kim_2005",
    length: LengthOpt = "1 cm",
    as_json: JsonOpt = False,
):
    """Thermophoretic force, drift velocity, K_th, Phi, Kn, regime and Péclet number for one model."""
    g, p, length_m, grad = _setup(diameter, material, conductivity, gas, temperature, pressure, length, gradient)
    (payload,) = evaluate_models([model], p, g, grad, slip, length_m)
    for w in payload["warnings"]:
        typer.echo(f"Warning: {w}", err=True)
    if as_json:
        emit_json({"units": "SI", **payload}, warnings_key=False)
        return
    rows = [
        ("model", payload["label"], ""),
        ("mean free path", fmt(payload["mean_free_path_m"] * 1e9), "nm"),
        ("Knudsen number (mfp/radius)", fmt(payload["knudsen"]), "-"),
        ("regime", str(payload["regime"]), ""),
        ("force", fmt(payload["force_N"]), "N"),
        ("velocity", fmt(payload["velocity_m_s"]), "m/s"),
        ("thermophoretic coefficient K_th", fmt(payload["thermophoretic_coefficient"]), "-"),
        ("force coefficient Phi", fmt(payload["force_coefficient"]), "-"),
        ("slip correction", fmt(payload["slip_correction"]), "-"),
        ("drag used for the velocity", payload["drag"], ""),
        (f"Péclet number over {fmt(length_m)} m", fmt(payload["peclet_number"]), "-"),
    ]
    show(table(f"{p.describe()} {fmt(p.diameter * 1e9)} nm in {g.describe()}, grad T = {gradient}", rows))


@app.command("compare")
@handle_errors()
@options_of(force_command, drop=("model",))
def compare_command(*, diameter, material, gradient, conductivity, gas, temperature, pressure, slip, length, as_json):
    """Every registered model side by side; models used outside their validity range are flagged."""
    from rich.table import Table

    from ..force import MODELS

    g, p, length_m, grad = _setup(diameter, material, conductivity, gas, temperature, pressure, length, gradient)
    results = evaluate_models(list(MODELS), p, g, grad, slip, length_m)
    if as_json:
        emit_json(results)
        return
    kn = results[0]["knudsen"]
    t = Table(title=f"{p.describe()} {fmt(p.diameter * 1e9)} nm in {g.describe()} at {fmt(g.temperature)} K, "
                    f"{fmt(g.pressure)} Pa; Kn = {fmt(kn)} ({results[0]['regime']}); grad T = {gradient}",
              header_style="bold")
    for c in ("model", "valid Kn", "K_th", "Phi", "v [m/s]", "F [N]", "drag"):
        t.add_column(c)
    for r in results:
        info = MODELS[r["model"]]
        valid = f"{info.kn_range[0]:g}–{info.kn_range[1]:g}"
        t.add_row(info.name, valid if r["in_validity_range"] else f"[red]{valid} ✗[/red]",
                  fmt3(r["thermophoretic_coefficient"]), fmt3(r["force_coefficient"]), fmt3(r["velocity_m_s"]),
                  fmt3(r["force_N"]), _DRAG_SHORT.get(r["drag"], r["drag"]))
    show(t)
    if any(not r["in_validity_range"] for r in results):
        show("✗: model used outside its validity range (value shown anyway)", stderr=True)


@app.command("models")
@handle_errors()
def models_command(as_json: JsonOpt = False):
    """List the force models: regime, validity range (Kn = mfp/radius), drag, reference."""
    from ..force import MODELS

    listing("models", [m.to_dict() for m in MODELS.values()], as_json, "Thermophoretic force models", {
        "name": lambda m: m["name"], "model": lambda m: m["label"], "regime": lambda m: m["regime"],
        "Kn range": lambda m: f"{m['kn_range'][0]:g}–{m['kn_range'][1]:g}", "drag": lambda m: m["drag"],
        "reference": lambda m: m["reference"]})


def _log_range(option: str, lo: float, hi: float):
    from .._validation import check_positive
    from ..exceptions import InputError

    check_positive(f"{option}-min", lo)
    check_positive(f"{option}-max", hi)
    if hi <= lo:
        raise InputError(f"{{parameter}} must exceed {option}-min, got {hi:.6g} <= {lo:.6g}",
                         parameter=f"{option}-max", value=hi, allowed=f"> {lo:.6g}")


@app.command("map")
@handle_errors()
def map_command(
    model: Annotated[str, typer.Option("--model", help="Force model (see `thermophoresis models`).")] = "talbot",
    gas: GasOpt = "air",
    temperature: TOpt = DEFAULT_T,
    pressure: POpt = DEFAULT_P,
    kn_min: Annotated[float, typer.Option("--kn-min", help="Smallest Kn = mfp/radius.")] = 1e-3,
    kn_max: Annotated[float, typer.Option("--kn-max", help="Largest Kn = mfp/radius.")] = 1e3,
    ratio_min: Annotated[float, typer.Option("--ratio-min", help="Smallest k_p/k_g.")] = 0.1,
    ratio_max: Annotated[float, typer.Option("--ratio-max", help="Largest k_p/k_g.")] = 1e4,
    points: Annotated[int, typer.Option("--points", help="Grid points per axis (2-400).")] = 41,
    accommodation: Annotated[list[float], typer.Option(
        "--accommodation", help="--model kinetic only: Maxwell diffuse fraction(s) of the map (repeat).")
    ] = [1.0],  # noqa: B006
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """Sign and size of K_th over (Kn, k_p/k_g) for a model; marks where thermophoresis reverses."""
    import numpy as np

    from ..exceptions import InputError
    from ..transport import kth_map

    if not 2 <= points <= 400:
        raise InputError(parameter="--points", value=points, allowed="in [2, 400]")
    _log_range("--kn", kn_min, kn_max)
    _log_range("--ratio", ratio_min, ratio_max)
    out = output_path(output)
    from ..force import get_model

    for a in accommodation:
        if not 0.0 <= a <= 1.0:  # also NaN
            raise InputError(parameter="--accommodation", value=a, allowed="in [0, 1] (a diffuse fraction)")
    if get_model(model).name == "kinetic":
        from .kinetic import render_kinetic_map

        return render_kinetic_map(kn_min, kn_max, ratio_min, ratio_max, points, accommodation, output, out, as_json)
    g = make_gas(gas, temperature, pressure)
    m = kth_map(g, model, np.logspace(np.log10(kn_min), np.log10(kn_max), points),
                np.logspace(np.log10(ratio_min), np.log10(ratio_max), points))
    d = m.to_dict()
    if as_json:
        emit_json({**d, "figure": output})
    else:
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
        show(table(f"K_th map in {g.describe()}", rows))

    def draw():
        from ..plot import kth_map_figure

        return kth_map_figure(m)

    figure_after_output(draw, out)


def _parse_modes(text: str):
    from ..exceptions import InputError

    try:
        values = [float(v) for v in text.replace(";", ",").split(",") if v.strip()]
    except ValueError:
        raise InputError(parameter="--modes", value=text, allowed="comma-separated numbers in K (a0, a1, a2, ...)") \
            from None
    if not values:
        raise InputError("{parameter} needs at least a0", parameter="--modes", value=text, allowed="a0, a1, ...")
    return values


@app.command("dipole")
@handle_errors()
def dipole_command(
    modes: Annotated[str, typer.Option("--modes", help="Legendre coefficients of the surface temperature in K: "
                                                        "'a0, a1, a2, ...' (a1 > 0: hotter at +z).")] = "303, 1",
    diameter: DiameterOpt = "1 um",
    material: MaterialOpt = "silica",
    energy_accommodation: Annotated[float, typer.Option("--energy-accommodation", help="alpha in [0, 1].")] = 1.0,
    gas: GasOpt = "air",
    temperature: TOpt = DEFAULT_T,
    pressure: POpt = DEFAULT_P,
    as_json: JsonOpt = False,
):
    """Force from a particle's own surface temperature: only the dipole (a1) pushes."""
    from .._validation import check_in_range
    from ..force.surface_temperature import free_molecular_surface_force
    from ..mobility import mobility_summary
    from ..transport import surface_temperature_force

    values = _parse_modes(modes)
    g = make_gas(gas, temperature, pressure)
    alpha = check_in_range("--energy-accommodation", energy_accommodation, 0.0, 1.0)
    p = make_particle(diameter, material, energy_accommodation=alpha)
    fm = surface_temperature_force(p, g, values, "free-molecular")
    fm_exact = free_molecular_surface_force(values, p.radius, g.pressure, g.temperature, p.energy_accommodation,
                                            linear=False)
    slip = surface_temperature_force(p, g, values, "slip")
    kn = g.mean_free_path / p.radius
    payload = {
        "units": "SI",
        "modes_K": values,
        "particle": particle_dict(p),
        "gas": g.to_dict(),
        "knudsen": kn,
        "regime": str(mobility_summary(p, g).regime),
        "force_free_molecular_N": fm,
        "force_free_molecular_exact_N": fm_exact,
        "force_slip_flow_N": slip,
        "axis": "+z, the pole where a1 > 0 makes the surface hotter; negative force = away from the hot side",
    }
    if as_json:
        emit_json(payload)
        return
    rows = [
        ("surface modes a_l", ", ".join(f"{v:g}" for v in values), "K"),
        ("Knudsen number (mfp/radius)", fmt(kn), "-"),
        ("regime", payload["regime"], ""),
        ("free-molecular force (linear)", fmt(fm), "N"),
        ("free-molecular force (exact sqrt(T))", fmt(fm_exact), "N"),
        ("slip-flow force (thermal creep)", fmt(slip), "N"),
    ]
    show(table(f"{p.describe()} {fmt(p.diameter * 1e9)} nm in {g.describe()}; force along +z", rows))
