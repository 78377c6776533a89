"""Measure the toolkit's gas viscosity and conductivity against CoolProp and print a Markdown table.

Run: python docs/scripts/gas_accuracy.py   (needs the test extra: pip install -e ".[test]")

For each gas and model: the largest |deviation| from CoolProp at 1 atm over 200-1000 K (CO2 from 217 K,
where it is a gas at 1 atm; H2O at 1 kPa from 290 K, so that it stays a vapour), and where it occurs.
"""

from __future__ import annotations

import warnings

import numpy as np
from CoolProp.CoolProp import PropsSI

from thermophoresis.exceptions import ValidityWarning
from thermophoresis.gas import transport

GASES = {"air": "Air", "N2": "Nitrogen", "O2": "Oxygen", "Ar": "Argon", "He": "Helium", "H2": "Hydrogen",
         "CO2": "CarbonDioxide", "CH4": "Methane", "H2O": "Water"}


def _range(name):
    if name == "CO2":
        return np.linspace(217.0, 1000.0, 80), 101325.0
    if name == "H2O":
        return np.linspace(290.0, 1000.0, 72), 1000.0
    return np.linspace(200.0, 1000.0, 81), 101325.0


def _worst(ours, ref, t):
    dev = 100.0 * (ours / ref - 1.0)
    i = int(np.argmax(np.abs(dev)))
    return f"{dev[i]:+.2f} % ({t[i]:.0f} K)"


def main():
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        for name, cp in GASES.items():
            t, p = _range(name)
            ref_mu = np.array([PropsSI("V", "T", x, "P", p, cp) for x in t])
            ref_k = np.array([PropsSI("L", "T", x, "P", p, cp) for x in t])
            rows.append((
                name,
                _worst(transport.viscosity(name, t), ref_mu, t),
                _worst(transport.thermal_conductivity(name, t), ref_k, t),
                _worst(transport.viscosity(name, t, "lennard-jones"), ref_mu, t),
                _worst(transport.thermal_conductivity(name, t, "hirschfelder-eucken"), ref_k, t),
                _worst(transport.thermal_conductivity(name, t, "eucken"), ref_k, t),
            ))
    print("| gas | viscosity (default) | conductivity (default) | viscosity (lennard-jones) "
          "| conductivity (hirschfelder-eucken) | conductivity (eucken) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
