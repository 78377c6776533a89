"""The computed kinetic curves: K_th and Phi against Kn for several conductivity ratios, and the drag.

The ``kinetic`` force model interpolates the shipped tables of the linearized S-model sphere solver
(docs/kinetic_model.md); nothing is solved here, so the script runs in a second. Left: the thermophoretic
coefficient K_th (v = -K_th nu grad_T / T) with the kinetic drag of the same model, for k_p/k_g = 1, 10,
100 and 10^4, next to Talbot et al. (1980) at the same ratios, Waldmann's free-molecular value with Epstein's
drag and Epstein's continuum value. Middle: the force coefficient Phi. Right: the Cunningham fits and the
kinetic drag at other accommodations, relative to the kinetic drag at 0.9 (the fits are read here with
Kn = mfp/radius, not rescaled to their own mean-free-path conventions).
Accommodation 0.9 (the toolkit's default diffuse fraction) for the kinetic curves and Waldmann.

Run:  python examples/kinetic_curves.py [figure.png]
"""

import sys
import warnings

import numpy as np

from thermophoresis.exceptions import ValidityWarning
from thermophoresis.force.continuum import epstein_1929, talbot_1980
from thermophoresis.force.kinetic import (kinetic_drag_ratio, kinetic_force_coefficient,
                                          kinetic_thermophoretic_coefficient)
from thermophoresis.mobility import SLIP_CORRECTIONS, cunningham

ALPHA = 0.9
KN = np.logspace(-2, 3, 121)  # Kn = mean free path / radius
RATIOS = (1.0, 10.0, 100.0, 1e4)  # k_p / k_g
warnings.simplefilter("ignore", ValidityWarning)  # below Kn = 0.1 the isothermal part is bridged (see docs)

waldmann_kth = 3.0 / (4.0 * (1.0 + np.pi * ALPHA / 8.0))  # Phi_W / Epstein drag, Kn -> infinity
kth = {r: kinetic_thermophoretic_coefficient(KN, 1.0 / r, ALPHA) for r in RATIOS}
phi = {r: kinetic_force_coefficient(KN, 1.0 / r, ALPHA) for r in RATIOS}
talbot = {r: talbot_1980(KN, 1.0 / r) for r in RATIOS}
drag = {a: kinetic_drag_ratio(KN, a) for a in (1.0, 0.9, 0.5)}
sets = ("kim_2005", "allen_raabe_1985", "davies_1945", "kinetic")
cunn = {s: 1.0 / cunningham(KN, SLIP_CORRECTIONS[s].alpha, SLIP_CORRECTIONS[s].beta, SLIP_CORRECTIONS[s].gamma)
        for s in sets}

print(f"kinetic model (S-model, accommodation {ALPHA}); Kn = mfp/radius")
for r in RATIOS:
    i = int(np.argmax(phi[r]))
    print(f"k_p/k_g = {r:<7g} K_th(Kn=0.1) = {np.interp(-1, np.log10(KN), kth[r]):.3f}  "
          f"K_th(Kn=1) = {np.interp(0, np.log10(KN), kth[r]):.3f}  K_th(Kn=1000) = {kth[r][-1]:.4f} "
          f"(Waldmann/Epstein drag {waldmann_kth:.4f}); Talbot at Kn=1: {np.interp(0, np.log10(KN), talbot[r]):.3f}; "
          f"peak Phi {phi[r][i]:.3f} at Kn = {KN[i]:.2g}")
print(f"smallest Phi on the grid: {min(float(p.min()) for p in phi.values()):.3g} (no reversal for Kn >= 0.1)")
for s in sets:
    dev = cunn[s] / drag[0.9] - 1.0
    print(f"1/C_c({s:16s}) against the kinetic drag at accommodation 0.9: {100 * dev.min():+.1f} % to "
          f"{100 * dev.max():+.1f} %")

if len(sys.argv) > 1:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(14, 4.4), layout="constrained")
    ax1, ax2, ax3 = fig.subplots(1, 3)
    colors = ("C0", "C1", "C2", "C3")
    for c, r in zip(colors, RATIOS):
        ax1.semilogx(KN, kth[r], color=c, lw=2, label=f"kinetic, $k_p/k_g$ = {r:g}")
        ax1.semilogx(KN, talbot[r], color=c, lw=1, ls="--")
        ax1.axhline(epstein_1929(1.0 / r), color=c, lw=0.8, ls=":", xmax=0.12)
        ax2.semilogx(KN, phi[r], color=c, lw=2, label=f"$k_p/k_g$ = {r:g}")
    ax1.axhline(waldmann_kth, color="k", lw=1, ls="-.", label="Waldmann, Epstein drag")
    ax1.plot([], [], "k--", lw=1, label="Talbot et al. (1980)")
    ax1.plot([], [], "k:", lw=0.8, label="Epstein (1929), continuum")
    ax1.set_xlabel("Kn = mean free path / radius")
    ax1.set_ylabel("$K_{th}$")
    ax1.legend(fontsize=7)
    ax1.set_title(f"thermophoretic coefficient, accommodation {ALPHA}", fontsize=9)
    ax2.loglog(KN, 1.0 / (3.0 * KN), "k-.", lw=1, label="Waldmann 1/(3 Kn)")
    ax2.axvspan(KN[0], 0.1, color="0.9", label="isothermal part bridged (unresolved)")
    ax2.set_xlabel("Kn = mean free path / radius")
    ax2.set_ylabel(r"$\Phi$ (F = -6$\pi\mu\nu a\Phi\nabla T/T$)")
    ax2.legend(fontsize=7)
    ax2.set_title("force coefficient", fontsize=9)
    for a, ls in zip(drag, ("-", "--", ":")):
        ax3.semilogx(KN, 100 * (drag[a] / drag[0.9] - 1), "k", ls=ls, lw=2, label=f"kinetic, accommodation {a:g}")
    for c, s in zip(("C0", "C1", "C2", "C4"), sets):
        ax3.semilogx(KN, 100 * (cunn[s] / drag[0.9] - 1), color=c, lw=1, label=f"1/C_c {s}")
    ax3.set_xlabel("Kn = mean free path / radius")
    ax3.set_ylabel("drag / kinetic drag at accommodation 0.9 - 1 [%]")
    ax3.legend(fontsize=7)
    ax3.set_title("drag against the Cunningham fits", fontsize=9)
    fig.savefig(sys.argv[1], dpi=120)
    print(f"figure: {sys.argv[1]}")
