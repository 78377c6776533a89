"""Thermophoretic levitation: the temperature gradient that holds a particle against gravity.

Above a surface warmer than the gas, thermophoresis pushes particles up (down the gradient) while gravity
pulls them down. ``levitation_gradient`` gives the gradient at which the two balance,

    |grad T|_lev = m g (1 - rho_g / rho_p) / |F_th per unit gradient|,

here with the Talbot et al. (1980) force, valid at every Knudsen number, for polystyrene latex (PSL)
spheres in air at 293.15 K, over diameters from 10 nm to 100 µm and pressures from 1 Pa to 1 atm.
What to look for:

 - in the free-molecular corner (small particles, low pressure) the force does not depend on pressure
   (Waldmann: F ~ a^2 k_tr grad_T / c_mean), so the contours are vertical and the gradient grows as d;
 - in the continuum (large particles, high pressure) the force scales as a (mu nu / T) and the gradient as
   d^2, so big particles are hard to hold at 1 atm;
 - the dashed line Kn = mean free path / radius = 1 separates the two.

``protected_size_range`` then gives the largest diameter a given gradient (10^4 K/m, 10 K across 1 mm)
holds at each pressure.

Run:  python examples/levitation_map.py [figure.png]
"""

import sys

import numpy as np

from thermophoresis import Gas, Particle
from thermophoresis.scenarios import levitation_gradient, protected_size_range

MATERIAL = "psl"
T_GAS = 293.15
DIAMETERS = np.logspace(-8, -4, 81)  # 10 nm to 100 µm
PRESSURES = np.logspace(0.0, np.log10(101325.0), 71)  # 1 Pa to 1 atm
GRADIENT = 1e4  # K/m: 10 K across 1 mm

gas = Gas("air", T_GAS, PRESSURES)
# diameters along the first axis, pressures along the second: the result broadcasts to (81, 71)
grad_lev = np.asarray(levitation_gradient(Particle(DIAMETERS[:, None], MATERIAL), gas, "talbot"))

print(f"{MATERIAL} in air at {T_GAS} K: temperature gradient needed to levitate (Talbot et al. 1980)")
print("diameter    " + "".join(f"{p:>12s}" for p in ("1 Pa", "100 Pa", "1 atm")))
for d in (10e-9, 100e-9, 1e-6, 10e-6):
    row = levitation_gradient(Particle(d, MATERIAL), Gas("air", T_GAS, np.array([1.0, 100.0, 101325.0])))
    print(f"{d * 1e6:8.3g} µm " + "".join(f"{g:9.3g} K/m" for g in np.asarray(row)))
print(f"\nlargest {MATERIAL} diameter held by {GRADIENT:g} K/m ({GRADIENT * 1e-3:g} K across 1 mm):")
largest = {}
for p in (1.0, 100.0, 101325.0):
    _, _, d_max = protected_size_range(MATERIAL, Gas("air", T_GAS, p), GRADIENT, np.logspace(-8, -4, 401))
    largest[p] = d_max
    print(f"  at {p:8g} Pa: {d_max * 1e6:.3g} µm")

if len(sys.argv) > 1:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import LogNorm

    fig, ax = plt.subplots(figsize=(7.5, 5.0))
    d_um = DIAMETERS * 1e6
    mesh = ax.pcolormesh(d_um, PRESSURES, grad_lev.T, shading="auto", cmap="viridis",
                         norm=LogNorm(vmin=1.0, vmax=1e8))
    levels = 10.0 ** np.arange(1, 8)
    cs = ax.contour(d_um, PRESSURES, grad_lev.T, levels=levels, colors="w", linewidths=0.8)
    # labels at 10 Pa where the contour reaches down that far, else at 3e4 Pa
    places = []
    for level in levels:
        for p_label in (10.0, 3e4):
            row = grad_lev[:, int(np.argmin(np.abs(PRESSURES - p_label)))]
            if row.min() < level < row.max():
                places.append((np.exp(np.interp(np.log(level), np.log(row), np.log(d_um))), p_label))
                break
    ax.clabel(cs, fmt=lambda v: f"$10^{{{int(round(np.log10(v)))}}}$ K/m", fontsize=7, manual=places,
              inline=False)
    # Kn = mfp / radius = 1: d = 2 mfp(p)
    ax.plot(2e6 * np.asarray(gas.mean_free_path), PRESSURES, ls="--", color="w", lw=1.2)
    ax.annotate("Kn = mfp/radius = 1", (2e6 * float(Gas("air", T_GAS, 4e3).mean_free_path), 4e3), color="w",
                fontsize=8, xytext=(2, 3), textcoords="offset points", rotation=-31, rotation_mode="anchor")
    # the largest diameter held by GRADIENT, at every pressure of the map (the 10^4 contour, highlighted)
    ax.contour(d_um, PRESSURES, grad_lev.T, levels=[GRADIENT], colors="tab:red", linewidths=2.0)
    ax.plot([], [], color="tab:red", lw=2, label=f"{GRADIENT:g} K/m ({GRADIENT * 1e-3:g} K across 1 mm)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(d_um.min(), d_um.max())
    ax.set_ylim(PRESSURES.min(), PRESSURES.max())
    ax.set_xlabel("particle diameter [µm]")
    ax.set_ylabel("gas pressure [Pa]")
    ax.legend(fontsize=8, loc="lower left")
    fig.colorbar(mesh, ax=ax, label="temperature gradient to levitate [K/m]")
    ax.set_title(f"Thermophoretic levitation of {MATERIAL} in air at {T_GAS} K (Talbot et al. 1980)", fontsize=10)
    fig.tight_layout()
    fig.savefig(sys.argv[1], dpi=150)
