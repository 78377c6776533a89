"""Photophoresis and the ``plot`` figures: ``photophoresis``, ``plot kth``, ``plot photophoresis``."""

from __future__ import annotations

from typing import Annotated

import typer

from .._params import COMMAND_PARAMETERS, PARAMETERS
from .._params import table as _table
from ._app import app, plot_app
from ._common import (DEFAULT_P, DEFAULT_T, ConductivityOpt, GasOpt, JsonOpt, MaterialOpt, POpt, TOpt, emit_json, fmt,
                      declared, handle_errors, make_gas, make_particle, opt, output_path, options_of, save_figure,
                      show, si, table)

K = COMMAND_PARAMETERS["plot kth"]

L = COMMAND_PARAMETERS["plot photophoresis"]
_P = PARAMETERS
# photophoresis: a 2 um particle by default, the light, the particle and the gas
PH = _table(diameter=_P["diameter"].with_(default="2 um"), **COMMAND_PARAMETERS["photophoresis"],
            material=_P["material"], conductivity=_P["conductivity"], energy_accommodation=_P["energy_accommodation"],
            gas=_P["gas"], temperature=_P["temperature"], pressure=_P["pressure"])
_RENAMES = {"size_parameter": "--diameter/--wavelength (size parameter 2 pi a / lambda)",
            "refractive_index": "--index", "intensity": "--intensity", "wavelength": "--wavelength"}


def _inputs(diameter, material, conductivity, wavelength, index, intensity, gas, temperature, pressure,
            energy_accommodation):
    from ..exceptions import InputError

    g = make_gas(gas, temperature, pressure)
    v = declared(PH, energy_accommodation=energy_accommodation, wavelength=wavelength, intensity=intensity,
                 index=index)
    p = make_particle(diameter, material, conductivity=conductivity, energy_accommodation=v["energy_accommodation"])
    lam, i0, m = v["wavelength"], v["intensity"], v["index"]
    if m.imag < 0 or m.real <= 0:
        raise InputError(parameter="--index", value=index,
                         allowed="n+kj with n > 0 and k >= 0 (absorbing media have k > 0)")
    return g, p, lam, m, i0


@app.command("photophoresis")
@handle_errors(_RENAMES)
@options_of(PH)
def photophoresis_command(*, diameter, wavelength, index, intensity, material, conductivity, model,
                          energy_accommodation, gas, temperature, pressure, as_json: JsonOpt = False):
    """Photophoretic force on a lit particle: J1 from Mie theory, force and velocity along the light."""
    from ..photophoresis import photophoresis

    g, p, lam, m, i0 = _inputs(diameter, material, conductivity, wavelength, index, intensity, gas, temperature,
                               pressure, energy_accommodation)
    r = photophoresis(p, g, lam, m, i0, model)
    if as_json:
        emit_json(r.to_dict())
        return
    rows = [
        ("size parameter x = 2 pi a / lambda", fmt(r.size_parameter), "-"),
        ("asymmetry factor J1", fmt(r.j1), "-"),
        ("absorption efficiency Q_abs", fmt(r.q_abs), "-"),
        ("Knudsen number (mfp/radius)", fmt(r.knudsen), "-"),
        (f"force ({r.model})", fmt(r.force), "N"),
        ("free-molecular limit", fmt(r.force_free_molecular), "N"),
        ("continuum limit", fmt(r.force_continuum), "N"),
        ("velocity", fmt(r.velocity), "m/s"),
        ("direction", str(r.direction), ""),
    ]
    show(table(f"{p.describe()} {fmt(p.diameter * 1e9)} nm, m = {m}, in {g.describe()}", rows))


@plot_app.command("kth")
@handle_errors()
def plot_kth_command(
    material: MaterialOpt = "psl",
    conductivity: ConductivityOpt = None,
    conductivity_ratio: opt(K["conductivity_ratio"]) = None,
    gas: GasOpt = "air",
    temperature: TOpt = DEFAULT_T,
    pressure: POpt = DEFAULT_P,
    kn_min: opt(K["kn_min"]) = K["kn_min"].default,
    kn_max: opt(K["kn_max"]) = K["kn_max"].default,
    output: Annotated[str, typer.Option("--output", "-o", help="Image file to write (png, pdf, svg).")] = "kth.png",
):
    """K_th against Kn for every model, regimes shaded."""
    import numpy as np

    from .._validation import check_positive
    from ..plot import kth_against_knudsen
    from .force import _log_range

    out = output_path(output)
    g = make_gas(gas, temperature, pressure)
    k_gas = float(np.asarray(g.thermal_conductivity).ravel()[0])
    if conductivity_ratio is not None:
        conductivity = k_gas / check_positive("--conductivity-ratio", conductivity_ratio)
    _log_range("--kn", kn_min, kn_max)
    base = make_particle(1e-6, material, conductivity=conductivity)
    ratio = k_gas / base.conductivity
    kn = np.logspace(np.log10(kn_min), np.log10(kn_max), 200)
    fig = kth_against_knudsen(g, 1.0 / ratio, kn,
                              title=f"{base.describe()} in {g.describe()}, k_gas/k_particle = {ratio:.3g}")
    save_figure(fig, out)
    typer.echo(output)


@plot_app.command("photophoresis")
@handle_errors(_RENAMES)
@options_of(photophoresis_command, drop=("model", "pressure", "as_json"))
def plot_photophoresis_command(
    p_min: opt(L["p_min"]) = L["p_min"].default,
    p_max: opt(L["p_max"]) = L["p_max"].default,
    output: Annotated[str, typer.Option("--output", "-o", help="Image file to write.")] = "photophoresis.png",
    **shared,
):
    """Photophoretic force against pressure: free-molecular, continuum and Rohatschek's interpolation."""
    import numpy as np

    from ..exceptions import InputError
    from ..gas import Gas
    from ..photophoresis import photophoresis
    from ..plot import photophoretic_force_against_pressure

    out = output_path(output)
    lo = si(p_min, "pressure", "--p-min")
    hi = si(p_max, "pressure", "--p-max")
    if hi <= lo:
        raise InputError(f"{{parameter}} must exceed --p-min, got {hi:.6g} <= {lo:.6g}", parameter="--p-max",
                         value=hi, allowed=f"> {lo:.6g} Pa")
    pressures = np.logspace(np.log10(lo), np.log10(hi), 120)
    g, p, lam, m, i0 = _inputs(**shared, pressure=f"{lo} Pa")
    g = Gas(shared["gas"], temperature=g.temperature, pressure=pressures)
    r = photophoresis(p, g, lam, m, i0)
    fig = photophoretic_force_against_pressure(pressures, r, title=f"{p.describe()} {fmt(p.diameter * 1e6)} µm, "
                                                                   f"m = {m}, I = {i0:g} W/m², J1 = {r.j1:.3g}")
    save_figure(fig, out)
    typer.echo(output)
