"""Engineering scenarios: ``wafer``, ``precipitator``, ``tube``. Each: parse -> one library call -> render."""

from __future__ import annotations

from .._params import COMMAND_PARAMETERS, PARAMETERS
from .._params import table as _table
from ._app import app
from ._common import (DEFAULT_T, JsonOpt, OutputOpt, declared, emit_json, figure_after_output, fmt, handle_errors,
                      make_gas, make_particle, options_of, output_path, show, table)

_GAS = {k: PARAMETERS[k] for k in ("material", "gas", "pressure")}
# each command's options: its scenario table, then the particle and gas (the shared vocabulary)
P = _table(**COMMAND_PARAMETERS["precipitator"], **_GAS, model=PARAMETERS["model"])
T = _table(**COMMAND_PARAMETERS["tube"], diameter=PARAMETERS["diameter"], **_GAS, model=PARAMETERS["model"])
W = _table(**COMMAND_PARAMETERS["wafer"], **_GAS, temperature=PARAMETERS["temperature"], model=PARAMETERS["model"])


@app.command("wafer")
@handle_errors({"delta_t": "--delta-t", "strain_rate": "--strain-rate"})
@options_of(W)
def wafer_command(
    *, delta_t, strain_rate, gravity, material, gas, temperature, pressure, model,
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """Heated-wafer protection: deposition velocity against size with and without heating, and levitation."""
    from rich.table import Table

    from ..scenarios import wafer_protection

    out = output_path(output)
    g = make_gas(gas, temperature, pressure)
    v = declared(W, delta_t=delta_t, strain_rate=strain_rate)
    dt, a = v["delta_t"], v["strain_rate"]
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
@options_of(P, rename={"mean_velocity": "velocity"})
def precipitator_command(
    *, gap, t_cold, t_hot, velocity, length, flow, material, gas, pressure, model,
    output: OutputOpt = None,
    as_json: JsonOpt = False,
):
    """Thermophoretic precipitator (parallel plates): collection efficiency against particle size."""
    from ..scenarios import precipitator_efficiency

    out = output_path(output)
    v = declared(P, gap=gap, t_cold=t_cold, t_hot=t_hot, length=length, flow=flow)
    h, tc, th, ell, flow = v["gap"], v["t_cold"], v["t_hot"], v["length"], v["flow"]
    u = P["mean_velocity"].parse(velocity, "--velocity")
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
@options_of(T, rename={"mean_velocity": "velocity"})
def tube_command(
    *, diameter, material, gas, pressure, model,
    output: OutputOpt = None,
    as_json: JsonOpt = False,
    **tube,
):
    """Tube with a cooled wall: thermophoretic deposition efficiency (laminar marching solution or the
    turbulent well-mixed model), with the closed-form long-tube limits."""
    from ..scenarios.tube import tube_deposition

    out = output_path(output)
    g = make_gas(gas, DEFAULT_T, pressure)
    p = make_particle(diameter, material)
    # the tube's own options (its table, scenarios.tube.PARAMETERS) go to the library as they are: it parses
    # them through the same declarations, and errors name the options
    tube["mean_velocity"] = tube.pop("velocity")
    res = tube_deposition(p, g, **tube, model=model)
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
                           f"{res.flow}: {fmt(p.diameter * 1e9)} nm {p.describe()}, {res.t_inlet:g} K gas, "
                           f"{res.t_wall:g} K wall")

    figure_after_output(draw, out)
