"""Engineering scenarios: ``wafer``, ``precipitator``, ``tube``. Each: parse -> one library call -> render."""

from __future__ import annotations

from typing import Annotated

import typer

from ._app import app
from ._common import (DEFAULT_P, DEFAULT_T, DiameterOpt, GasOpt, JsonOpt, MaterialOpt, ModelOpt, OutputOpt, POpt,
                      TOpt, emit_json, figure_after_output, fmt, handle_errors, make_gas, make_particle,
                      output_path, show, si, table)


@app.command("wafer")
@handle_errors({"delta_t": "--delta-t", "strain_rate": "--strain-rate"})
def wafer_command(
    delta_t: Annotated[str, typer.Option("--delta-t", help="Wafer minus gas temperature, e.g. '10 K'.")] = "10 K",
    strain_rate: Annotated[str, typer.Option("--strain-rate", help="Stagnation-flow strain rate a, e.g. '100 1/s' (about U/H).")] = "100 1/s",
    material: MaterialOpt = "psl",
    gas: GasOpt = "air",
    temperature: TOpt = DEFAULT_T,
    pressure: POpt = DEFAULT_P,
    model: ModelOpt = "talbot",
    gravity: Annotated[bool, typer.Option("--gravity/--no-gravity", help="Face-up wafer (settling) or not.")] = True,
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """Heated-wafer protection: deposition velocity against size with and without heating, and levitation."""
    from rich.table import Table

    from ..scenarios import wafer_protection

    out = output_path(output)
    g = make_gas(gas, temperature, pressure)
    dt = si(delta_t, "temperature_difference", "--delta-t", positive=False)
    a = si(strain_rate, "rate", "--strain-rate")
    res = wafer_protection(g, a, dt, material, model=model, gravity=gravity)
    payload = res.to_dict()
    if as_json:
        emit_json(payload)
    else:
        d, ratio = res.diameters, res.ratio
        t = Table(title=f"{material} onto a wafer {dt:+g} K vs gas, stagnation flow a = {a:g} 1/s", header_style="bold")
        for c in ("d [µm]", "v_d heated [m/s]", "v_d unheated [m/s]", "ratio", "∇T to levitate [K/m]"):
            t.add_column(c, justify="right")
        for i in range(0, d.size, 3):
            t.add_row(f"{d[i] * 1e6:.3g}", f"{res.heated[i]:.3g}", f"{res.unheated[i]:.3g}", f"{ratio[i]:.3g}",
                      f"{res.levitation_gradient[i]:.3g}")
        show(t)
        rng = res.protected_range
        show(f"wall gradient {res.wall_gradient:.3g} K/m; protected (<{100 * res.reduction:g} % of unheated): "
             + (f"{rng[0] * 1e6:.3g}–{rng[1] * 1e6:.3g} µm" if rng else "none"))

    def draw():
        from ..plot import wafer_deposition_figure

        return wafer_deposition_figure(res.diameters, {f"ΔT = {dt:g} K": res.heated, "unheated": res.unheated},
                                       title=f"{material} in {g.describe()}, a = {a:g} 1/s")

    figure_after_output(draw, out)


@app.command("precipitator")
@handle_errors({"mean_velocity": "--velocity"})
def precipitator_command(
    gap: Annotated[str, typer.Option("--gap", help="Plate spacing, e.g. '5 mm'.")] = "5 mm",
    t_cold: Annotated[str, typer.Option("--t-cold", help="Collecting (cold) plate temperature.")] = "293.15 K",
    t_hot: Annotated[str, typer.Option("--t-hot", help="Hot plate temperature.")] = "313.15 K",
    velocity: Annotated[str, typer.Option("--velocity", help="Mean gas velocity, e.g. '5 cm/s'.")] = "5 cm/s",
    length: Annotated[str, typer.Option("--length", help="Collecting plate length, e.g. '10 cm'.")] = "10 cm",
    flow: Annotated[str, typer.Option("--flow", help="plug or poiseuille.")] = "poiseuille",
    material: MaterialOpt = "psl",
    gas: GasOpt = "air",
    pressure: POpt = DEFAULT_P,
    model: ModelOpt = "talbot",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """Thermophoretic precipitator (parallel plates): collection efficiency against particle size."""
    from ..scenarios import precipitator_efficiency

    out = output_path(output)
    h = si(gap, "length", "--gap")
    tc = si(t_cold, "temperature", "--t-cold")
    th = si(t_hot, "temperature", "--t-hot")
    u = si(velocity, "velocity", "--velocity")
    ell = si(length, "length", "--length")
    if not th > tc:
        from ..exceptions import InputError

        raise InputError(f"{{parameter}} must exceed --t-cold (the collecting plate is the cold one), got "
                         f"{th:.6g} K <= {tc:.6g} K", parameter="--t-hot", value=th, allowed=f"> {tc:.6g} K")
    g = make_gas(gas, f"{0.5 * (tc + th)} K", pressure)
    res = precipitator_efficiency(material, g, h, tc, th, u, ell, flow=flow, model=model)
    d, eta = res.diameters, res.efficiency
    if as_json:
        emit_json(res.to_dict())
    else:
        rows = [(f"{x * 1e6:.3g} µm", f"{e:.3g}", "") for x, e in zip(d[::3], eta[::3])]
        show(table(f"collection efficiency ({flow} flow, L = {ell:g} m)", rows))

    def draw():
        from ..plot import line_figure

        return line_figure(d * 1e6, eta, "particle diameter [µm]", "collection efficiency",
                           f"precipitator: gap {h * 1e3:g} mm, {tc:g}/{th:g} K, U = {u:g} m/s, L = {ell:g} m",
                           logx=True)

    figure_after_output(draw, out)


@app.command("tube")
@handle_errors({"mean_velocity": "--velocity"})
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
    pressure: POpt = DEFAULT_P,
    model: ModelOpt = "talbot",
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """Tube with a cooled wall: thermophoretic deposition efficiency (laminar marching solution or the
    turbulent well-mixed model), with the closed-form long-tube limits."""
    from ..scenarios.tube import tube_deposition

    out = output_path(output)
    rr = si(radius, "length", "--radius")
    ll = si(length, "length", "--length")
    u = si(velocity, "velocity", "--velocity")
    ti = si(t_inlet, "temperature", "--t-inlet")
    tw = si(t_wall, "temperature", "--t-wall")
    g = make_gas(gas, DEFAULT_T, pressure)
    p = make_particle(diameter, material)
    res = tube_deposition(p, g, rr, ll, u, ti, tw, flow=flow, model=model)
    if as_json:
        emit_json(res.to_dict())
    else:
        rows = [("flow", res.flow, ""), ("Reynolds number", fmt(res.reynolds), "-"), ("Pr K_th", fmt(res.pr_kth), "-"),
                ("deposition efficiency at the outlet", fmt(res.efficiency), "-")]
        for f, v in res.long_tube_limits.items():
            rows.append((f"long-tube limit ({f})", fmt(v), "-"))
        show(table(f"{res.flow} tube deposition", rows))

    def draw():
        from ..plot import line_figure

        return line_figure(res.x * 100, res.efficiency_along, "distance along the tube [cm]", "deposition efficiency",
                           f"{res.flow}: {fmt(p.diameter * 1e9)} nm {p.describe()}, {ti:g} K gas, {tw:g} K wall")

    figure_after_output(draw, out)
