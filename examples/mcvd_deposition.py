"""MCVD-style thermophoretic deposition: silica particles formed in hot O2 deposit as the gas cools.

In modified chemical vapour deposition, the torch heats the gas inside a silica tube to the reaction
temperature T_rxn, where SiO2 particles form; downstream, gas and wall equilibrate at T_e and the particles
that have drifted to the wall deposit. The efficiency is, to first order, Pr K_th (1 - T_e/T_rxn).

Run:  python examples/mcvd_deposition.py [figure.png]
"""

import sys
import warnings

import numpy as np

from thermophoresis import Gas, Particle
from thermophoresis.exceptions import ValidityWarning
from thermophoresis.scenarios import asymptotic_tube_efficiency, laminar_tube_deposition
from thermophoresis.drift import thermophoresis

T_RXN, T_E = 2273.0, 673.0  # 2000 degC reaction zone, 400 degC downstream
RADIUS, LENGTH, VELOCITY = 9.5e-3, 0.5, 0.2  # a 19 mm bore tube, 20 cm/s of O2

# O2 above 2000 K is just outside the Lemmon-Jacobsen range; the extrapolation is small
warnings.filterwarnings("ignore", category=ValidityWarning, message=".*Lemmon & Jacobsen.*")

gas = Gas("O2", 0.5 * (T_RXN + T_E))
particle = Particle(100e-9, "silica")
prk = float(thermophoresis(particle, gas, 1.0).thermophoretic_coefficient) * float(gas.prandtl_number)
forms = {f: float(asymptotic_tube_efficiency(prk, T_RXN, T_E, f)) for f in ("linear", "second_order", "power")}
x, eta = laminar_tube_deposition(particle, gas, RADIUS, LENGTH, VELOCITY, T_RXN, T_E)
re = 2 * RADIUS * VELOCITY / float(gas.kinematic_viscosity)

print(f"100 nm silica in O2, {T_RXN:.0f} K -> {T_E:.0f} K wall, Re = {re:.0f}")
print(f"Pr K_th at the film temperature             = {prk:.3f}")
for f, v in forms.items():
    print(f"long-tube closed form ({f:12s})        = {v:.3f}")
print(f"laminar marching solution, film properties  = {eta[-1]:.3f}")
print(f"handbook rule 0.8 (1 - T_e/T_rxn)           = {0.8 * (1 - T_E / T_RXN):.3f}")

if len(sys.argv) > 1:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(x * 100, eta, label="laminar marching solution (properties at the film temperature)")
    for f, v in forms.items():
        ax.axhline(v, ls="--", lw=0.8, color={"linear": "C1", "second_order": "C2", "power": "C3"}[f],
                   label=f"long-tube limit, {f}")
    ax.set_xlabel("distance downstream of the reaction zone [cm]")
    ax.set_ylabel("deposition efficiency")
    ax.set_title("MCVD: 100 nm SiO2 in O2, 2273 K gas, 673 K wall")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(sys.argv[1], dpi=150)
