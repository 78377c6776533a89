"""Force commands: ``force``, ``compare``, ``models``, ``map`` (K_th over Kn and k_p/k_g), ``dipole``."""

from __future__ import annotations

import warnings

import typer

from .._params import COMMAND_PARAMETERS, PARAMETERS
from .._params import table as _table
from ._app import app
from ._common import (DEFAULT_P, DEFAULT_T, ConductivityOpt, DiameterOpt, GasOpt, GradientOpt, JsonOpt, LengthOpt,
                      MaterialOpt, ModelOpt, OutputOpt, POpt, SlipOpt, TOpt, declared, emit_json, figure_after_output,
                      fmt, fmt3, handle_errors, listing, make_gas, make_particle, options_of, output_path, show, si,
                      table, warning_messages)

_P = PARAMETERS
# the options of map and dipole: their tables and the shared vocabulary (defaults of their own where stated)
M = _table(model=_P["model"], gas=_P["gas"], temperature=_P["temperature"], pressure=_P["pressure"],
           **COMMAND_PARAMETERS["map"])
D = _table(**COMMAND_PARAMETERS["dipole"], diameter=_P["diameter"].with_(default="1 um"),
           material=_P["material"].with_(default="silica"), energy_accommodation=_P["energy_accommodation"],
           gas=_P["gas"], temperature=_P["temperature"], pressure=_P["pressure"])
_DRAG_SHORT = {"slip-corrected": "Cunningham", "model": "own", "stokes": "Stokes", "epstein": "Epstein"}


def _setup(diameter, material, conductivity, gas, temperature, pressure, length, gradient):
    """Parse the options shared by `force` and `compare` (SI values, option names in errors)."""
    g = make_gas(gas, temperature, pressure)
    p = make_particle(diameter, material, conductivity=conductivity)
    length_m = si(length, "length", "--length")
    grad = si(gradient, "temperature_gradient", "--gradient", positive=False)
    return g, p, length_m, grad


def evaluate_models(names, particle, gas, gradient, slip, length_m) -> list[dict]:
    """One payload per model: the library's ``force_report(...).to_dict()`` and the model's own warnings."""
    from ..drift import force_report

    out = []
    for name in names:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = force_report(particle, gas, gradient, name, slip=slip, length=length_m)
        out.append({**r.to_dict(), "warnings": warning_messages(caught)})
    return out


@app.command("force")
@handle_errors()
def force_command(
    diameter: DiameterOpt = "200 nm",
    material: MaterialOpt = "psl",
    gradient: GradientOpt = "1e4 K/m",
    model: ModelOpt = "talbot",
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
        emit_json(payload, warnings_key=False)
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
@options_of(M, many=("accommodation",))
def map_command(*, model, gas, temperature, pressure, kn_min, kn_max, ratio_min, ratio_max, points, accommodation,
                output: OutputOpt = None, as_json: JsonOpt = False):
    """Sign and size of K_th over (Kn, k_p/k_g) for a model; marks where thermophoresis reverses."""
    import numpy as np

    from ..force import get_model
    from ..drift import kth_map

    declared(M, points=points)
    _log_range("--kn", kn_min, kn_max)
    _log_range("--ratio", ratio_min, ratio_max)
    out = output_path(output)
    accommodation = [M["accommodation"].parse(a, "--accommodation") for a in accommodation]
    if get_model(model).name == "kinetic":
        from .kinetic import render_kinetic_map

        return render_kinetic_map(kn_min, kn_max, ratio_min, ratio_max, points, accommodation, output, out, as_json)
    g = make_gas(gas, temperature, pressure)
    m = kth_map(g, model, np.logspace(np.log10(kn_min), np.log10(kn_max), points),
                np.logspace(np.log10(ratio_min), np.log10(ratio_max), points))
    d = m.to_dict()
    if as_json:
        emit_json(d)
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
@options_of(D)
def dipole_command(*, modes, diameter, material, energy_accommodation, gas, temperature, pressure,
                   as_json: JsonOpt = False):
    """Force from a particle's own surface temperature: only the dipole (a1) pushes."""
    from ..drift import surface_force_report

    values = _parse_modes(modes)
    g = make_gas(gas, temperature, pressure)
    alpha = declared(D, energy_accommodation=energy_accommodation)["energy_accommodation"]
    p = make_particle(diameter, material, energy_accommodation=alpha)
    r = surface_force_report(p, g, values)
    payload = r.to_dict()
    if as_json:
        emit_json(payload)
        return
    rows = [
        ("surface modes a_l", ", ".join(f"{v:g}" for v in values), "K"),
        ("Knudsen number (mfp/radius)", fmt(r.knudsen), "-"),
        ("regime", r.regime, ""),
        ("free-molecular force (linear)", fmt(r.free_molecular), "N"),
        ("free-molecular force (exact sqrt(T))", fmt(r.free_molecular_exact), "N"),
        ("slip-flow force (thermal creep)", fmt(r.slip_flow), "N"),
    ]
    show(table(f"{p.describe()} {fmt(p.diameter * 1e9)} nm in {g.describe()}; force along +z", rows))
