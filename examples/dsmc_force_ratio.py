"""The force on a small sphere between plates, from DSMC, across the Knudsen number.

For each Kn, a hard-sphere argon gas between plates at 250 K and 350 K (1 mm apart) is simulated and the
force on a 10 nm sphere (much smaller than the mean free path) is taken from the sampled molecules with
the free-molecular Green's function. The force averaged over the central 60 % of the gap is compared with

- Waldmann's force computed from the same cells' heat flux and temperature (the continuum reference), and
- the exact free-molecular force between the plates (two half-Maxwellians).

Error bars are two jackknife standard errors over the sampling blocks.

Run:  python examples/dsmc_force_ratio.py [figure.png]
"""

import sys

import numpy as np

from thermophoresis.kinetic.dsmc import FourierProblem, force_ratios, run_fourier_blocks

KNUDSEN = [0.05, 0.1, 0.3, 1.0, 3.0, 10.0, 100.0]
rows = []
for kn in KNUDSEN:
    cells = 60 if kn < 0.1 else (30 if kn < 0.3 else 20)  # cells no larger than a third of a mean free path
    problem = FourierProblem(knudsen=kn)
    total, blocks = run_fourier_blocks(problem, cells, 200, burn_in=2000, block_steps=1000, n_blocks=10, seed=1)
    r = force_ratios(blocks, 10e-9, core=0.6)
    q = np.array([-np.mean(b.wall_heat_flux) / b.free_molecular_heat_flux for b in blocks])
    rows.append((kn, r["waldmann"], r["waldmann_se"], r["free_molecular"], r["free_molecular_se"], q.mean(),
                 q.std(ddof=1) / np.sqrt(q.size)))
    print(f"Kn = {kn:6g}: F/F_Waldmann = {r['waldmann']:.3f} ± {r['waldmann_se']:.3f}, "
          f"F/F_fm = {r['free_molecular']:.3f} ± {r['free_molecular_se']:.3f}, q/q_fm = {rows[-1][5]:.3f}")

if len(sys.argv) > 1:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    a = np.array(rows)
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.errorbar(a[:, 0], a[:, 1], yerr=2 * a[:, 2], marker="o", capsize=3, label="F / Waldmann (local q, T)")
    ax.errorbar(a[:, 0], a[:, 3], yerr=2 * a[:, 4], marker="s", capsize=3, label="F / free-molecular plate force")
    ax.plot(a[:, 0], a[:, 5], ls=":", color="0.4", label="wall heat flux / free-molecular")
    ax.axhline(1.0, color="0.7", lw=0.8)
    ax.set(xscale="log", xlabel="Kn = mean free path / gap", ylabel="ratio",
           title="DSMC, hard-sphere argon, 250-350 K plates, 10 nm sphere")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(sys.argv[1], dpi=150)
