"""The floor for ``thermophoresis force`` start-up: the same stack (Python, NumPy, Typer, Rich) without the toolkit.

A Typer command with the same options as ``thermophoresis force`` that computes the Talbot force and
velocity in plain Python and prints them in a Rich table. ``bench_cli.py`` (and ``run_all.py``) time it
next to the real command: their difference is what the toolkit itself adds to a command's start-up.

``python _cli_floor.py click --diameter ...`` runs the same command written with Click alone (the click
package, when installed; Typer 0.29 carries its own copy): NumPy + Click + Rich, no Typer and no pydantic,
the lowest floor a command line on this stack can reach.
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
    from rich.console import Console
    from rich.table import Table

    d = _si(diameter, {"nm": 1e-9, "um": 1e-6, "m": 1.0})
    g = _si(gradient, {"K/m": 1.0, "K/mm": 1e3})
    t, p = _si(temperature, {"K": 1.0}), _si(pressure, {"Pa": 1.0})
    mu = 1.716e-5 * (t / 273.15) ** 1.5 * (273.15 + 110.4) / (t + 110.4)  # Sutherland, air
    rho = p * 0.028964 / (8.314462618 * t)
    mfp = mu / p * math.sqrt(math.pi * 8.314462618 * t / (2 * 0.028964))
    nu, lam, kn = mu / rho, 0.0257 / 0.14, 2 * mfp / d
    phi = 2 * 1.17 * (lam + 2.18 * kn) / ((1 + 3 * 1.14 * kn) * (1 + 2 * lam + 2 * 2.18 * kn))
    kth = phi * (1 + kn * (1.2 + 0.41 * math.exp(-0.88 / kn)))
    rows = {"mean free path [nm]": mfp * 1e9, "Kn": kn, "force [N]": -6 * math.pi * mu * nu * d / 2 * phi * g / t,
            "velocity [m/s]": -kth * nu * g / t, "K_th": kth, "Phi": phi}
    table = Table(title=f"{diameter} in {gas}")
    for col in ("quantity", "value"):
        table.add_column(col)
    for k, v in rows.items():
        table.add_row(k, f"{v:.5g}")
    Console().print(table)


OPTIONS = {"diameter": "200 nm", "gradient": "1e4 K/m", "gas": "air", "temperature": "293.15 K",
           "pressure": "101325 Pa"}


def typer_app():
    import typer

    app = typer.Typer(add_completion=False)

    @app.command()
    def force_command(diameter: str = typer.Option("200 nm"), gradient: str = typer.Option("1e4 K/m"),
                      gas: str = typer.Option("air"), temperature: str = typer.Option("293.15 K"),
                      pressure: str = typer.Option("101325 Pa"), json: bool = typer.Option(False, "--json")):
        force(diameter, gradient, gas, temperature, pressure, json)

    return app


def click_command():
    import click

    params = [click.Option([f"--{k}"], default=v) for k, v in OPTIONS.items()]
    params.append(click.Option(["--json"], is_flag=True, default=False))
    return click.Command("force", params=params, callback=force)


if __name__ == "__main__":
    if sys.argv[1:2] == ["click"]:
        click_command()(sys.argv[2:])
    else:
        typer_app()()
