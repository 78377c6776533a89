"""The ``kinetic`` and ``slip`` commands: the linearized kinetic solutions for a sphere and at a wall."""

from __future__ import annotations

from .._params import COMMAND_PARAMETERS
from ._app import app
from ._common import JsonOpt, OutputOpt, emit_json, fmt, handle_errors, options_of, show, table
from ._files import figure_after_output, output_path

K, S = COMMAND_PARAMETERS["kinetic"], COMMAND_PARAMETERS["slip"]

_LABELS = {"drag_ratio": ("drag / Stokes drag 6 pi mu a U", "-"),
           "phi": ("force coefficient Phi (F = -6 pi mu nu a Phi grad T / T)", "-"),
           "force": ("force F / (p a^2) per unit driving", "-"), "heat_flux_dipole": ("heat-flux dipole", "-"),
           "force_spread": ("force spread over radii (conservation check)", "-")}
_QUANTITY = {"drag": "drag / Stokes drag", "gradient": "force coefficient Phi",
             "dipole": "dipole force F / (p a^2 a1/T)"}


@app.command("kinetic")
@handle_errors({"knudsen": "--knudsen", "accommodation": "--accommodation", "model": "--kinetic-model",
                "problem": "--problem"})
@options_of(K, many=("knudsen",), spellings={"kinetic_model": ("--model",)})
def kinetic_command(*, knudsen, problem, kinetic_model, accommodation, output: OutputOpt = None,
                    as_json: JsonOpt = False):
    """Solve one linear sphere problem of the linearized S-model (or BGK) at one or several Knudsen numbers.

    With one ``--knudsen`` the payload is the solution's ``to_dict()``; with several, the curve's
    (:class:`thermophoresis.kinetic.model.SphereCurve`).
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ..kinetic.model import solve_sphere_curve

    out = output_path(output)
    points = list(knudsen) or [1.0]
    with Progress(TextColumn("kinetic sphere: {task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), disable=as_json) as bar:
        task = bar.add_task("assemble", total=1.0)
        curve = solve_sphere_curve(problem, points, model=kinetic_model, accommodation=accommodation,
                                   progress=lambda stage, done: bar.update(task, description=stage, completed=done))
    sols = curve.solutions
    if as_json:
        emit_json((sols[0] if len(sols) == 1 else curve).to_dict())
    else:
        for sol in sols:
            payload = sol.to_dict()
            rows = [("Kn (mfp / radius)", fmt(sol.knudsen), "-"), ("model", sol.model, ""),
                    ("accommodation", fmt(sol.accommodation), "-")]
            rows += [(label, fmt(payload[key]), unit) for key, (label, unit) in _LABELS.items()
                     if payload.get(key) is not None]
            if output and sol is sols[-1]:
                rows.append(("figure", output, ""))
            show(table(f"linearized kinetic sphere: {sol.problem} problem", rows))

    def draw():
        from ..plot import line_figure

        title = f"linearized {kinetic_model} model, accommodation {accommodation:g}: {problem} problem"
        if len(sols) == 1:
            return line_figure(sols[0].moments["r"], sols[0].force_profile, "r / a", "force through the sphere r",
                               title, logx=True)
        return line_figure(curve.knudsen, curve.values, "Kn = mean free path / radius", _QUANTITY[problem], title,
                           logx=True)

    figure_after_output(draw, out)


@app.command("slip")
@handle_errors({"accommodation": "--accommodation", "model": "--kinetic-model",
                "normal_accommodation": "--normal-accommodation", "wall": "--wall"})
@options_of(S)
def slip_command(*, kinetic_model, accommodation, wall, normal_accommodation, as_json: JsonOpt = False):
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


def render_kinetic_map(kn_min, kn_max, ratio_min, ratio_max, points, accommodation, output, out, as_json):
    """``map --model kinetic``: Phi over (accommodation, Kn, k_p/k_g) from the kinetic tables."""
    import numpy as np

    from ..force.kinetic import kinetic_map
    from ..drift import KthMap

    m = kinetic_map(np.logspace(np.log10(kn_min), np.log10(kn_max), points),
                    np.logspace(np.log10(ratio_min), np.log10(ratio_max), points), accommodation)
    d = m.to_dict()
    if as_json:
        emit_json(d)
    else:
        def where(e):
            return (f"{e['value']:.4g} at Kn = {e['knudsen']:.3g}, "
                    f"k_p/k_g = {e['conductivity_ratio_kp_over_kg']:.3g}, accommodation {e['accommodation']:g}")

        def region(r):
            return ("none" if r is None else f"Kn {r['knudsen'][0]:.3g}-{r['knudsen'][1]:.3g}, k_p/k_g "
                    f"{r['conductivity_ratio_kp_over_kg'][0]:.3g}-{r['conductivity_ratio_kp_over_kg'][1]:.3g}")

        rows = [("model", d["model"], ""), ("Kn range", f"{kn_min:g} – {kn_max:g}", "-"),
                ("k_p/k_g range", f"{ratio_min:g} – {ratio_max:g}", "-"),
                ("accommodation", ", ".join(f"{a:g}" for a in m.accommodation), "-"),
                ("largest Phi", where(d["phi_max"]), "-"), ("smallest Phi", where(d["phi_min"]), "-"),
                (f"reversal (Phi < 0) where resolved (Kn >= {m.resolved_from:g})" if m.resolved_from > 0
                 else "reversal (Phi < 0)", region(d["negative_region_resolved"]), "")]
        if m.resolved_from > 0:
            rows.append((f"reversal below Kn = {m.resolved_from:g} (unresolved, bridged)",
                         region(d["negative_region_bridged"]), ""))
        if output:
            rows.append(("figure", output, ""))
        show(table("kinetic model: force coefficient Phi (F = -6 pi mu nu a Phi grad T / T)", rows))

    def draw():
        from ..plot import kth_map_figure

        km = KthMap(model="kinetic", knudsen=m.knudsen, conductivity_ratio=m.conductivity_ratio, kth=m.kth[0],
                    gas=f"any gas (accommodation {m.accommodation[0]:g})", in_range=m.resolved[0])
        return kth_map_figure(km)

    figure_after_output(draw, out)
