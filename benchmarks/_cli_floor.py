"""The floor for ``thermophoresis force`` start-up: the same stack (Python, NumPy, Typer, Rich) without the toolkit.

A Typer command with the same options as ``thermophoresis force`` that computes the Talbot force and
velocity in plain Python and prints the same eleven rows in a Rich table (or one JSON object with
``--json``, without Rich, as the toolkit does). ``bench_cli.py`` (and ``run_all.py``) time it next to the
real command: their difference is what the toolkit itself adds to a command's start-up.

Modes (the first argument):

- none: Typer as the toolkit runs it, with the toolkit's pydantic-free option converter
  (``src/thermophoresis/cli/_coerce.py``, loaded from its file: Typer and ``re`` are all it imports,
  the toolkit package is not imported);
- ``pydantic``: Typer's stock converter (Typer 0.29 converts every option value through pydantic);
- ``click``: the same command written with Click alone (the click package, when installed; Typer 0.29
  carries its own copy): NumPy + Click + Rich, no Typer and no pydantic, the lowest floor a command line on
  this stack can reach.
"""

from __future__ import annotations

import math
import sys

import numpy as np  # noqa: F401  (the real command needs NumPy; so does the floor)


def _si(text: str, units: dict) -> float:
    value, _, unit = text.strip().partition(" ")
    return float(value) * units[unit.strip() or ""]


def force(diameter="200 nm", gradient="1e4 K/m", gas="air", temperature="293.15 K", pressure="101325 Pa",
          json=False):
    d = _si(diameter, {"nm": 1e-9, "um": 1e-6, "m": 1.0})
    g = _si(gradient, {"K/m": 1.0, "K/mm": 1e3})
    t, p = _si(temperature, {"K": 1.0}), _si(pressure, {"Pa": 1.0})
    mu = 1.716e-5 * (t / 273.15) ** 1.5 * (273.15 + 110.4) / (t + 110.4)  # Sutherland, air
    rho = p * 0.028964 / (8.314462618 * t)
    mfp = mu / p * math.sqrt(math.pi * 8.314462618 * t / (2 * 0.028964))
    nu, lam, kn = mu / rho, 0.0257 / 0.14, 2 * mfp / d
    phi = 2 * 1.17 * (lam + 2.18 * kn) / ((1 + 3 * 1.14 * kn) * (1 + 2 * lam + 2 * 2.18 * kn))
    cc = 1 + kn * (1.2 + 0.41 * math.exp(-0.88 / kn))
    kth = phi * cc
    v = -kth * nu * g / t
    diffusion = 1.380649e-23 * t * cc / (3 * math.pi * mu * d)
    rows = {"model": "Talbot et al. (1980)", "mean free path (nm)": mfp * 1e9, "Kn (mfp/radius)": kn,
            "regime": "transition", "force (N)": -6 * math.pi * mu * nu * d / 2 * phi * g / t,
            "velocity (m/s)": v, "K_th": kth, "Phi": phi, "slip correction": cc, "drag": "model",
            "Peclet number over 0.01 m": abs(v) * 0.01 / diffusion}
    if json:
        import json as json_

        print(json_.dumps(rows, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{diameter} in {gas}, grad T = {gradient}", header_style="bold")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    for k, v in rows.items():
        table.add_row(k, v if isinstance(v, str) else f"{v:.5g}")
    Console().print(table)


OPTIONS = {"diameter": "200 nm", "gradient": "1e4 K/m", "gas": "air", "temperature": "293.15 K",
           "pressure": "101325 Pa"}


def _light_group():
    """The toolkit's TyperGroup with the pydantic-free converter, from its file (the package is not imported)."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "src" / "thermophoresis" / "cli" / "_coerce.py"
    spec = importlib.util.spec_from_file_location("_cli_floor_coerce", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.LightGroup


def typer_app(light: bool = True):
    import typer

    app = typer.Typer(add_completion=False, **({"cls": _light_group()} if light else {}))

    @app.command("force")
    def force_command(diameter: str = typer.Option("200 nm"), gradient: str = typer.Option("1e4 K/m"),
                      gas: str = typer.Option("air"), temperature: str = typer.Option("293.15 K"),
                      pressure: str = typer.Option("101325 Pa"), json: bool = typer.Option(False, "--json")):
        force(diameter, gradient, gas, temperature, pressure, json)

    @app.command()
    def other():  # a second command, so that the app is a group with subcommands like the toolkit's
        """Unused."""

    return app


def click_command():
    import click

    params = [click.Option([f"--{k}"], default=v) for k, v in OPTIONS.items()]
    params.append(click.Option(["--json"], is_flag=True, default=False))
    return click.Command("force", params=params, callback=force)


if __name__ == "__main__":
    mode = sys.argv[1] if sys.argv[1:2] in (["click"], ["pydantic"]) else None
    if mode == "click":
        click_command()(sys.argv[2:])
    elif mode == "pydantic":
        typer_app(light=False)(["force", *sys.argv[2:]])
    else:
        typer_app()(["force", *sys.argv[1:]])
