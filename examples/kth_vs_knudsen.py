"""Thermophoretic coefficient K_th and force coefficient Phi against the Knudsen number, for every model.

Every registered force model (``thermophoresis.force.MODELS``) is evaluated for a poorly conducting
particle (polystyrene latex, k_p/k_g ~ 5) and a very good conductor (copper, k_p/k_g ~ 1.6e4) in air at
293.15 K and 1 atm. The Knudsen number Kn = mean free path / particle radius (not diameter) is swept by
changing the diameter (top axis), from 1.3 nm (Kn = 100) to 130 µm (Kn = 0.001). With the conventions of
the package,

    F = -6 pi mu nu a Phi grad_T / T,        v = -K_th nu grad_T / T,

so K_th is the dimensionless drift velocity and Phi the dimensionless force; both are positive for
hot-to-cold motion. Each curve is solid inside the Kn range its authors validated it for and dotted
outside. What to look for:

 - at large Kn every model tends to a conductivity-independent K_th of about 0.55 (Waldmann's force with
   Epstein's drag, 3 / (4 (1 + pi f / 8)) with f = 0.9), and Phi to about 1 / (3 Kn);
 - in the continuum the particle conductivity matters: for copper Epstein's K_th is almost zero and
   Brock/Talbot fall steeply as Kn -> 0, for PSL they level off at 0.2-0.35.

Run:  python examples/kth_vs_knudsen.py [figure.png]
"""

import sys
import warnings

import numpy as np

from thermophoresis import Gas, Particle
from thermophoresis.exceptions import ValidityWarning
from thermophoresis.force import MODELS
from thermophoresis.drift import thermophoresis

MATERIALS = ("psl", "copper")
KN = np.logspace(-3, 2, 201)  # Kn = mean free path / radius
KN_TABLE = (0.001, 0.01, 0.1, 1.0, 10.0, 100.0)

# every model is also evaluated outside its validity range (dotted in the figure); that is the point here
warnings.filterwarnings("ignore", category=ValidityWarning)

gas = Gas("air", 293.15, 101325.0)
mfp = float(gas.mean_free_path)
diameters = 2.0 * mfp / KN

results = {}  # (material, model) -> (K_th, Phi, inside validity range)
for material in MATERIALS:
    particle = Particle(diameters, material)
    for name in MODELS:
        r = thermophoresis(particle, gas, 1.0, name)
        results[material, name] = (np.asarray(r.thermophoretic_coefficient), np.asarray(r.force_coefficient),
                                   np.asarray(r.in_range))

# table at a few Kn (the sweep contains these points exactly: 40 points per decade)
idx = [int(np.argmin(np.abs(np.log10(KN) - np.log10(k)))) for k in KN_TABLE]
print(f"air at 293.15 K and 1 atm, mean free path {mfp * 1e9:.2f} nm; Kn = mfp / radius")
for material in MATERIALS:
    ratio = Particle(1e-6, material).conductivity / float(gas.thermal_conductivity)
    print(f"\n{material}: k_p/k_g = {ratio:.4g}")
    print("K_th      " + "".join(f"{'Kn=' + format(k, 'g'):>10s}" for k in KN_TABLE))
    for name in MODELS:
        kth = results[material, name][0]
        print(f"{name:10s}" + "".join(f"{kth[i]:10.4f}" for i in idx))
kth_fm = results["psl", "waldmann"][0][0]
phi_kn = results["psl", "waldmann"][1][idx[-1]] * KN_TABLE[-1]
print(f"\nfree-molecular K_th (Waldmann, Epstein drag, f = 0.9) = {kth_fm:.4f}; "
      f"Phi * Kn at Kn = 100 = {phi_kn:.4f} (1/3 = 0.3333)")
for material in MATERIALS:
    k = results[material, "talbot"][0]
    print(f"Talbot K_th for {material:6s}: {k[idx[0]]:.4f} at Kn = 0.001, {k[idx[-1]]:.4f} at Kn = 100")

if len(sys.argv) > 1:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from thermophoresis.plot import shade_regimes

    def kn_to_diameter_um(v):  # its own inverse: d = 2 mfp / Kn and Kn = 2 mfp / d
        with np.errstate(divide="ignore"):
            return 2e6 * mfp / np.asarray(v, dtype=float)

    fig, axes = plt.subplots(2, 2, figsize=(11, 7.5), sharex=True)
    for col, material in enumerate(MATERIALS):
        ratio = Particle(1e-6, material).conductivity / float(gas.thermal_conductivity)
        ax_k, ax_p = axes[0, col], axes[1, col]
        for i, name in enumerate(MODELS):
            kth, phi, inside = results[material, name]
            color = f"C{i}"
            # Li & Wang with rigid spheres (the default) equals Waldmann: dashed, so that both stay visible
            style = dict(lw=1.5, dashes=(4, 2)) if name == "li_wang" else dict(lw=2)
            for ax, y in ((ax_k, kth), (ax_p, phi)):
                ax.plot(KN, np.where(inside, y, np.nan), color=color, label=MODELS[name].label, **style)
                ax.plot(KN, y, lw=1, ls=":", color=color)
        ax_p.plot(KN, 1.0 / (3.0 * KN), lw=0.8, ls="--", color="0.3", label=r"$1/(3\,Kn)$")
        for ax in (ax_k, ax_p):
            ax.set_xscale("log")
            shade_regimes(ax, KN.min(), KN.max())
            ax.set_xlim(KN.min(), KN.max())
        ax_k.set_ylim(0.0, 0.8)
        ax_p.set_yscale("log")
        ax_p.set_ylim(3e-5, 1e3)
        ax_k.set_title(f"{material} in air, 1 atm ($k_p/k_g$ = {ratio:.3g})", fontsize=10)
        ax_k.set_ylabel(r"thermophoretic coefficient $K_{th}$")
        ax_p.set_ylabel(r"force coefficient $\Phi$")
        ax_p.set_xlabel("Knudsen number Kn = mean free path / radius")
        top = ax_k.secondary_xaxis("top", functions=(kn_to_diameter_um, kn_to_diameter_um))
        top.set_xlabel("diameter at 1 atm [µm]", fontsize=8)
    axes[0, 0].legend(fontsize=7, loc="lower left")
    axes[1, 0].legend(fontsize=7, loc="lower left")
    fig.suptitle("Thermophoresis in air for every registered model (dotted: outside the model's validity range)",
                 fontsize=10)
    fig.tight_layout()
    fig.savefig(sys.argv[1], dpi=150)
