"""Thermophoretic deposition in a laminar tube with a cooled wall, and its closed-form long-tube limits.

Air at 600 K enters a 4 mm bore tube (radius 2 mm) at 0.5 m/s (Re ~ 60) whose wall is held at 300 K;
PSL particles of 10 nm, 100 nm and 1 µm drift to the cold wall. ``laminar_tube_deposition`` marches the
particle concentration along the tube in the Graetz temperature field and returns the deposition
efficiency eta(x). Gas properties are taken at the film temperature, 450 K.

Left: the constant-property problem (K_th, nu and D frozen at 450 K, no Brownian diffusion), the one the
closed forms of ``asymptotic_tube_efficiency`` solve. Far down the tube eta approaches the laminar
long-tube limit Pr K_th theta [1 + (1 - Pr K_th) theta] (dashed), with theta = 1 - T_wall / T_inlet = 0.5;
the first-order limit Pr K_th theta is dotted. Right: the default calculation, in which the particle
properties follow the local temperature and Brownian diffusion is included: the 10 nm particles diffuse
to the wall as well, and the larger ones collect less than the constant-property limit because K_th nu / T
is smaller in the cold gas near the wall (the temperature field keeps the 450 K diffusivity).

The grid (100 radial cells, 600 axial stations) is coarser than the default, for speed; it changes eta by
less than 0.001.

Run:  python examples/tube_deposition.py [figure.png]
"""

import sys

import numpy as np

from thermophoresis import Gas, Particle
from thermophoresis.scenarios import asymptotic_tube_efficiency, laminar_tube_deposition
from thermophoresis.drift import thermophoresis

T_IN, T_WALL = 600.0, 300.0
RADIUS, LENGTH, VELOCITY = 2e-3, 0.3, 0.5
DIAMETERS = (10e-9, 100e-9, 1e-6)
GRID = dict(n_r=100, n_x=600)

gas = Gas("air", 0.5 * (T_IN + T_WALL), 101325.0)  # film temperature
reynolds = 2 * RADIUS * VELOCITY / float(gas.kinematic_viscosity)
print(f"air {T_IN:g} K -> wall {T_WALL:g} K, tube radius {RADIUS * 1e3:g} mm, length {LENGTH * 100:g} cm, "
      f"U = {VELOCITY:g} m/s, Re = {reynolds:.0f}, Pr = {float(gas.prandtl_number):.3f}")

runs = []
for d in DIAMETERS:
    particle = Particle(d, "psl")
    prk = float(thermophoresis(particle, gas, 1.0).thermophoretic_coefficient) * float(gas.prandtl_number)
    limits = {f: float(asymptotic_tube_efficiency(prk, T_IN, T_WALL, f)) for f in ("linear", "second_order")}
    x, eta_const = laminar_tube_deposition(particle, gas, RADIUS, LENGTH, VELOCITY, T_IN, T_WALL,
                                           properties="reference", brownian=False, **GRID)
    _, eta_local = laminar_tube_deposition(particle, gas, RADIUS, LENGTH, VELOCITY, T_IN, T_WALL,
                                           properties="local", **GRID)
    runs.append((d, prk, limits, x, eta_const, eta_local))
    print(f"{d * 1e9:6g} nm: Pr K_th = {prk:.3f}; long-tube limits: first order {limits['linear']:.3f}, "
          f"second order {limits['second_order']:.3f}; outlet eta: constant properties {eta_const[-1]:.3f}, "
          f"local properties + Brownian {eta_local[-1]:.3f}")

if len(sys.argv) > 1:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 2, figsize=(11, 4.3), sharey=True)
    panels = ("constant properties, no Brownian diffusion", "local properties with Brownian diffusion")
    for k, (d, prk, limits, x, eta_const, eta_local) in enumerate(runs):
        color = f"C{k}"
        for ax, eta in zip(axes, (eta_const, eta_local)):
            ax.plot(x * 100, eta, lw=2, color=color, label=f"{d * 1e9:g} nm (Pr $K_{{th}}$ = {prk:.3f})")
            ax.axhline(limits["second_order"], ls="--", lw=0.9, color=color)
            ax.axhline(limits["linear"], ls=":", lw=0.9, color=color)
    for ax, title in zip(axes, panels):
        ax.plot([], [], ls="--", color="0.3", lw=0.9, label=r"long tube: Pr$K\theta[1+(1-$Pr$K)\theta]$")
        ax.plot([], [], ls=":", color="0.3", lw=0.9, label=r"first order: Pr$K\theta$")
        ax.set_xlim(0, LENGTH * 100)
        ax.set_ylim(0, None)
        ax.set_xlabel("distance along the tube [cm]")
        ax.set_title(title, fontsize=9)
        ax.legend(fontsize=7, loc="lower right")
    axes[0].set_ylabel("deposition efficiency η(x)")
    fig.suptitle(f"PSL in a laminar tube: air {T_IN:g} K in, wall {T_WALL:g} K, "
                 f"R = {RADIUS * 1e3:g} mm, U = {VELOCITY:g} m/s (Talbot et al. 1980)", fontsize=10)
    fig.tight_layout()
    fig.savefig(sys.argv[1], dpi=150)
