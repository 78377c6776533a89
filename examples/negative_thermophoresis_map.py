"""Where could thermophoresis reverse? K_th over Knudsen number and conductivity ratio, for every model.

Negative (cold-to-hot) thermophoresis of highly conducting particles comes from kinetic solutions of the
transition regime (docs/physics.md, "Negative thermophoresis"). ``kth_map`` evaluates a model's
K_th (v = -K_th nu grad_T / T, positive from hot to cold) over a grid of Kn and of the particle-to-gas
conductivity ratio k_p/k_g, in air at 293.15 K and 1 atm, with the default accommodation (energy 1, diffuse
fraction 0.9). Each panel is one registered model; blue would mark K_th < 0, outlined by the K_th = 0
contour, and the title of each panel says whether the model reverses anywhere on the map. The dashed
lines bound the Kn range in which the model's authors validated it (it is evaluated everywhere).

The closed-form models never turn blue: Epstein, Brock and Talbot have the form
2 C_s (Lambda + C_t Kn) / (...) with Lambda = k_g/k_p, positive for every Kn and Lambda, and the
free-molecular Waldmann and Li & Wang (rigid-sphere) results are positive by construction. Their smallest
values, close to zero but positive, are for very good conductors in the continuum (Epstein's
K_th ~ 3/(2 k_p/k_g)).

The ``kinetic`` model (the linearized S-model sphere computed by ``thermophoresis.kinetic``, tabulated;
docs/kinetic_model.md) is the one panel with a blue corner: for very highly conducting particles
(k_p/k_g above a few hundred) in a narrow band of Kn just above the continuum (0.01 to 0.05) the force
reverses, weakly. The second part of the output reads the reversal off the tables with
``thermophoresis.force.kinetic.kinetic_map`` (Phi over Kn = 0.01..1000 and k_p/k_g = 0.1..1e5, the
tabulated range) for the S-model at full and at 0.5 accommodation and for BGK (Pr = 1): the region, the most
negative Phi and how it compares with the peak positive Phi of the same particle. The S-model (the
monatomic gas) reverses for k_p/k_g > ~470 at Kn = 0.01-0.049 with a most negative Phi of -0.0042, 1.7 % of
the peak; BGK, which differs only in its Prandtl number, reverses from k_p/k_g ~ 20 with -0.055, 47 % of its
peak (docs/physics.md, "Negative thermophoresis"). Below Kn = 0.01 the tables are continued by the continuum
limits, where the reversal is not computed.

Run:  python examples/negative_thermophoresis_map.py [figure.png]
"""

import sys

import numpy as np

from thermophoresis import Gas
from thermophoresis.force import MODELS
from thermophoresis.force.kinetic import kinetic_map
from thermophoresis.drift import kth_map

KNUDSEN = np.logspace(-3, 3, 61)  # Kn = mean free path / radius
RATIO = np.logspace(-1, 4, 51)  # k_p / k_g

gas = Gas("air", 293.15, 101325.0)
maps = {name: kth_map(gas, name, KNUDSEN, RATIO) for name in MODELS}

print(f"K_th over Kn = {KNUDSEN[0]:g}..{KNUDSEN[-1]:g} (mfp/radius) and k_p/k_g = {RATIO[0]:g}..{RATIO[-1]:g} "
      f"in {gas.describe()} at 293.15 K, 1 atm")
for name, m in maps.items():
    reversal = (f"reverses on {100 * np.mean(m.negative):.1f} % of the map" if np.any(m.negative)
                else "no reversal")
    if np.ptp(m.kth) < 1e-9:
        print(f"{name:9s} K_th = {m.kth.min():.4f} everywhere (independent of Kn and k_p/k_g): {reversal}")
        continue
    i, j = np.unravel_index(int(np.argmin(m.kth)), m.kth.shape)
    where_kn = "any Kn" if np.ptp(m.kth, axis=0).max() < 1e-9 else f"Kn = {m.knudsen[i]:.3g}"
    print(f"{name:9s} K_th from {m.kth.min():.3g} (at {where_kn}, k_p/k_g = {m.conductivity_ratio[j]:.3g})"
          f" to {m.kth.max():.4f}: {reversal}")
n_reversing = sum(bool(np.any(m.negative)) for m in maps.values())
print(f"models predicting negative thermophoresis somewhere on the map: {n_reversing} of {len(maps)}")

# the kinetic model's reversal, read off its tables (Phi of F = -6 pi mu nu a Phi grad_T / T)
print("\nkinetic model: where Phi < 0 on Kn = 0.01..1000 (mfp/radius), k_p/k_g = 0.1..1e5")
for kinetic_model, alpha in (("s", 1.0), ("s", 0.5), ("bgk", 1.0)):
    km = kinetic_map(accommodation=[alpha], kinetic_model=kinetic_model)
    phi = km.phi[0]
    label = f"{'S-model' if kinetic_model == 's' else 'BGK':7s} alpha = {alpha:g}"
    if not np.any(phi < 0):
        print(f"  {label}: no reversal (smallest Phi {phi.min():.4f})")
        continue
    i, j = np.unravel_index(int(np.argmin(phi)), phi.shape)
    neg_kn = km.knudsen[np.any(phi < 0, axis=1)]
    neg_ratio = km.conductivity_ratio[np.any(phi < 0, axis=0)]
    peak = float(phi[:, j].max())  # the same particle's largest (positive) Phi over Kn
    print(f"  {label}: Phi < 0 (on this grid) at Kn = {neg_kn.min():.3g}-{neg_kn.max():.3g} for k_p/k_g >= {neg_ratio.min():.3g};"
          f" most negative Phi = {phi[i, j]:.4f} at Kn = {km.knudsen[i]:.3g} (k_p/k_g = "
          f"{km.conductivity_ratio[j]:.3g}), {100 * -phi[i, j] / peak:.1f} % of that particle's peak {peak:.3f}")

if len(sys.argv) > 1:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import TwoSlopeNorm

    # one colour scale for all panels, centred on zero so that any reversal would be blue
    top = max(float(m.kth.max()) for m in maps.values())
    bottom = min(float(m.kth.min()) for m in maps.values())
    norm = TwoSlopeNorm(vmin=min(bottom, -top), vcenter=0.0, vmax=top)
    fig, axes = plt.subplots(2, 3, figsize=(12, 7.5), sharex=True, sharey=True, layout="constrained")
    for ax, (name, m) in zip(axes.flat, maps.items()):
        mesh = ax.pcolormesh(m.knudsen, m.conductivity_ratio, m.kth.T, shading="auto", cmap="RdBu_r", norm=norm)
        cs = ax.contour(m.knudsen, m.conductivity_ratio, m.kth.T, levels=[0.05, 0.2, 0.4, 0.55], colors="0.25",
                        linewidths=0.6)
        ax.clabel(cs, fontsize=6, fmt="%.2f", inline=False)
        if np.any(m.negative) and not np.all(m.negative):
            ax.contour(m.knudsen, m.conductivity_ratio, m.kth.T, levels=[0.0], colors="k", linewidths=1.8)
        lo, hi = MODELS[name].kn_range
        for edge in (lo, hi):
            if KNUDSEN[0] < edge < KNUDSEN[-1]:
                ax.axvline(edge, color="k", ls="--", lw=1)
        if np.ptp(m.kth) < 1e-9:
            ax.text(0.5, 0.5, f"$K_{{th}}$ = {m.kth.min():.3f} everywhere", transform=ax.transAxes, ha="center",
                    fontsize=9, bbox=dict(facecolor="w", alpha=0.8, lw=0))
        ax.set_xscale("log")
        ax.set_yscale("log")
        note = "reverses inside the black contour" if np.any(m.negative) else "no reversal predicted"
        ax.set_title(f"{MODELS[name].label}\n{note}", fontsize=9)
    for ax in axes[:, 0]:
        ax.set_ylabel("conductivity ratio $k_p/k_g$")
    spare = list(axes.flat[len(maps):])
    for ax in spare:
        ax.axis("off")
    for ax in axes.flat[:len(maps)]:
        # the lowest panel of each column carries the Kn axis (a spare panel below does not)
        ax.xaxis.set_tick_params(labelbottom=True)
        ax.set_xlabel("Kn = mean free path / radius")
    host = spare[0] if spare else axes.flat[-1]
    cax = host.inset_axes([0.05, 0.05, 0.07, 0.9]) if spare else None
    fig.colorbar(mesh, cax=cax, ax=None if spare else axes,
                 label="$K_{th}$\n(red: hot to cold; blue would be reversed, cold to hot)")
    verdict = ("no registered model predicts negative thermophoresis" if n_reversing == 0
               else f"{n_reversing} of {len(maps)} models predict negative thermophoresis")
    fig.suptitle(f"Sign of the thermophoretic coefficient in air, 293.15 K, 1 atm: {verdict} "
                 "(dashed: validity range)", fontsize=10)
    fig.savefig(sys.argv[1], dpi=150)
