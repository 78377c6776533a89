"""Particle deposition onto a horizontal wafer in stagnation-point flow, unheated and heated by a few K.

A face-up wafer faces a stagnation-point flow of air at 293.15 K and 1 atm (strain rate a = 100 1/s, about a
showerhead 1 m/s at 1 cm). Particles reach it by Brownian diffusion (small sizes) and by settling (large
sizes), so the deposition velocity v_d = flux / far-field concentration has a minimum near a few tenths of
a micrometre. Warming the wafer by ΔT pushes particles away by thermophoresis (Talbot et al. 1980) inside
the thermal layer; ``HeatedWafer.deposition_velocities`` solves the steady convection–diffusion–drift
problem along the stagnation line for each size. What to look for:

 - with diffusion only, v_d = sqrt(2 a D / pi), falling as the particle grows;
 - a few kelvin cut the deposition of the sizes around the minimum by orders of magnitude: there the
   thermophoretic drift (K_th only varies from 0.33 to 0.55 over these sizes) beats both diffusion and
   settling;
 - the smallest particles still diffuse through, and the largest still settle: the protected window
   (here: v_d below 10 % of the unheated value) widens as ΔT grows.

Run:  python examples/wafer_deposition.py [figure.png]
"""

import sys

import numpy as np

from thermophoresis import Gas
from thermophoresis.scenarios import HeatedWafer

MATERIAL = "psl"
STRAIN_RATE = 100.0  # 1/s
DELTA_T = (0.0, 2.0, 5.0, 10.0)  # wafer minus gas temperature [K]
DIAMETERS = np.logspace(-8, -5, 37)  # 10 nm to 10 µm, 12 points per decade
PROTECTED = 0.1  # "protected": deposition velocity below this fraction of the unheated one

gas = Gas("air", 293.15, 101325.0)
v_d = {dt: HeatedWafer(gas, STRAIN_RATE, dt, model="talbot").deposition_velocities(MATERIAL, DIAMETERS)
       for dt in DELTA_T}
unheated = v_d[0.0]


def crossings(x, y, level):
    """Where y crosses level, interpolating log(y) against log(x) between grid points."""
    ly, lx = np.log(y) - np.log(level), np.log(x)
    out = []
    for i in np.flatnonzero(np.sign(ly[:-1]) != np.sign(ly[1:])):
        out.append(float(np.exp(lx[i] - ly[i] * (lx[i + 1] - lx[i]) / (ly[i + 1] - ly[i]))))
    return out


wafer = HeatedWafer(gas, STRAIN_RATE, 10.0)
print(f"{MATERIAL} onto a face-up wafer in air (293.15 K, 1 atm), stagnation flow a = {STRAIN_RATE:g} 1/s, "
      f"thermal layer {wafer.thermal_layer * 1e3:.3f} mm")
i0 = int(np.argmin(unheated))
print(f"unheated: minimum deposition velocity {unheated[i0]:.3g} m/s at d = {DIAMETERS[i0] * 1e6:.3g} µm; "
      f"{unheated[0]:.3g} m/s at 10 nm, {unheated[-1]:.3g} m/s at 10 µm")
for dt in DELTA_T[1:]:
    ratio = v_d[dt] / unheated
    i = int(np.argmin(ratio))
    cut = crossings(DIAMETERS, ratio, PROTECTED)
    window = (f"for {cut[0] * 1e6:.3g}-{cut[1] * 1e6:.3g} µm" if len(cut) == 2 else "for no size")
    print(f"ΔT = {dt:4.1f} K: strongest reduction x{ratio[i]:.2g} at d = {DIAMETERS[i] * 1e6:.3g} µm; "
          f"v_d < {PROTECTED:g} x unheated {window}")

if len(sys.argv) > 1:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    floor = 1e-12  # m/s: below this the deposition is negligible (and the plot would span 20 decades)
    fig, ax = plt.subplots(figsize=(7.0, 4.6))
    d_um = DIAMETERS * 1e6
    for k, dt in enumerate(DELTA_T):
        label = "unheated" if dt == 0 else f"wafer {dt:g} K warmer than the gas"
        ax.loglog(d_um, np.maximum(v_d[dt], floor), lw=2, color=f"C{k}", label=label)
    cut = crossings(DIAMETERS, v_d[DELTA_T[-1]] / unheated, PROTECTED)
    if len(cut) == 2:
        ax.axvspan(cut[0] * 1e6, cut[1] * 1e6, color="C3", alpha=0.08, lw=0)
        ax.text(np.sqrt(cut[0] * cut[1]) * 1e6, 4e-3,
                f"ΔT = {DELTA_T[-1]:g} K: v_d < {PROTECTED:g} × unheated", ha="center", fontsize=8, color="C3")
    ax.text(0.01, 0.99, f"values below {floor:g} m/s drawn at {floor:g}", transform=ax.transAxes, ha="left",
            va="top", fontsize=7, color="0.4")
    ax.set_ylim(floor, 1e-2)
    ax.set_xlim(d_um.min(), d_um.max())
    ax.set_xlabel("particle diameter [µm]")
    ax.set_ylabel("deposition velocity [m/s]")
    ax.set_title(f"{MATERIAL} onto a face-up wafer, air 1 atm, stagnation flow a = {STRAIN_RATE:g} 1/s "
                 "(Talbot et al. 1980)", fontsize=9)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    fig.savefig(sys.argv[1], dpi=150)
