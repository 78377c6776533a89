"""Photophoretic force against gas pressure: the maximum between the free-molecular and continuum limits.

A 2 µm sphere in air at 293.15 K is lit by a 532 nm plane wave of 1 kW/m^2. The light absorbed inside the
sphere heats one side; the asymmetry factor J1 (from the Mie internal field) says which. Two particles:

 - weakly absorbing polystyrene (PSL, m = 1.57 + 0.038i): the sphere focuses light onto its back, J1 > 0,
   and the force points toward the light source (negative photophoresis);
 - a black-carbon sphere (soot material, m = 1.95 + 0.79i, the value Bond & Bergstrom 2006 recommend at
   550 nm): it absorbs on its lit face, J1 < 0, and is pushed away from the source (positive photophoresis).

The free-molecular force grows with pressure (more molecules), the continuum force falls with it (the
temperature difference shrinks as conduction into the gas improves); Rohatschek's (1995) interpolation
F = F_fm F_c / (F_fm + F_c) joins them and peaks where the two limits are equal, at
Kn = mean free path / radius ~ sqrt(pi alpha (1 + 2 k_g/k_p) / (24 C_s)) (about 0.3-0.4; the small
free-molecular Biot number shifts it a little).

Run:  python examples/photophoresis_pressure.py [figure.png]
"""

import math
import sys

import numpy as np

from thermophoresis import Gas, Particle
from thermophoresis.photophoresis import photophoresis

WAVELENGTH, INTENSITY, DIAMETER = 532e-9, 1e3, 2e-6  # m, W/m^2, m
CASES = (("psl", 1.57 + 0.038j), ("soot", 1.95 + 0.79j))
CS = 1.17  # thermal-creep coefficient of the slip-flow force (the default of photophoresis())
PRESSURES = np.logspace(-1, np.log10(101325.0), 241)  # 0.1 Pa to 1 atm, 40 points per decade

gas = Gas("air", 293.15, PRESSURES)
results = {}
print(f"{DIAMETER * 1e6:g} µm spheres in air at 293.15 K, {WAVELENGTH * 1e9:g} nm light, {INTENSITY:g} W/m^2")
for material, index in CASES:
    particle = Particle(DIAMETER, material)
    r = photophoresis(particle, gas, WAVELENGTH, index, INTENSITY)
    results[material] = r
    force = np.asarray(r.force)
    i = int(np.argmax(np.abs(force)))
    # where the two limits are equal: the peak, but for the pressure dependence of the free-molecular Biot
    # number; located between grid points by log-log interpolation
    gap = np.log(np.abs(np.asarray(r.force_free_molecular))) - np.log(np.abs(np.asarray(r.force_continuum)))
    j = int(np.flatnonzero(np.diff(np.sign(gap)))[0])
    w = gap[j] / (gap[j] - gap[j + 1])
    p_star = float(np.exp((1 - w) * np.log(PRESSURES[j]) + w * np.log(PRESSURES[j + 1])))
    kn_star = float(Gas("air", 293.15, p_star).mean_free_path) / float(particle.radius)
    lam = float(gas.thermal_conductivity[0]) / float(particle.conductivity)
    kn_estimate = math.sqrt(math.pi * float(particle.energy_accommodation) * (1 + 2 * lam) / (24 * CS))
    at_p_star = photophoresis(particle, Gas("air", 293.15, p_star), WAVELENGTH, index, INTENSITY)
    print(f"\n{material}, m = {index.real:g}+{index.imag:g}i: x = {r.size_parameter:.3f}, J1 = {r.j1:+.4f}, "
          f"Q_abs = {r.q_abs:.4f}, {r.direction[i]}")
    print(f"  largest |F| on the grid: {abs(force[i]):.3e} N at {PRESSURES[i]:.4g} Pa "
          f"(Kn = {np.asarray(r.knudsen)[i]:.3f})")
    print(f"  limits equal at p* = {p_star:.4g} Pa, Kn* = {kn_star:.3f} (estimate without the Biot number "
          f"{kn_estimate:.3f}), |F(p*)| = {abs(float(at_p_star.force)):.3e} N")
    print(f"  at 1 Pa: {force[np.argmin(np.abs(PRESSURES - 1.0))]:+.3e} N; at 1 atm: {force[-1]:+.3e} N; "
          f"drift velocity at p*: {float(at_p_star.velocity):+.3e} m/s")

if len(sys.argv) > 1:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    for k, (material, index) in enumerate(CASES):
        r, color = results[material], f"C{k}"
        force = np.asarray(r.force)
        sign = "toward the light" if np.mean(force) < 0 else "away from the light"
        ax.loglog(PRESSURES, np.abs(force), lw=2.5, color=color,
                  label=f"{material}, m = {index.real:g}+{index.imag:g}i, J1 = {r.j1:+.3f}: {sign}")
        ax.loglog(PRESSURES, np.abs(r.force_free_molecular), lw=1, ls="--", color=color)
        ax.loglog(PRESSURES, np.abs(r.force_continuum), lw=1, ls=":", color=color)
        i = int(np.argmax(np.abs(force)))
        ax.plot(PRESSURES[i], abs(force[i]), "o", color=color, ms=5)
        ax.annotate(f"max at {PRESSURES[i]:.3g} Pa (Kn = {np.asarray(r.knudsen)[i]:.2f})",
                    (PRESSURES[i], abs(force[i])),
                    xytext=(-165, 4) if k else (-175, -14),
                    textcoords="offset points", fontsize=7, color=color)
    ax.plot([], [], lw=1, ls="--", color="0.3", label="free-molecular limit (∝ p)")
    ax.plot([], [], lw=1, ls=":", color="0.3", label="continuum limit (∝ 1/p)")
    top = max(float(np.max(np.abs(results[m].force))) for m, _ in CASES)
    bottom = min(float(np.min(np.abs(results[m].force))) for m, _ in CASES)
    ax.set_ylim(bottom / 3, top * 10)
    ax.set_xlim(PRESSURES.min(), PRESSURES.max())
    ax.set_xlabel("gas pressure [Pa]")
    ax.set_ylabel("|photophoretic force| [N]")
    ax.set_title(f"Photophoresis of {DIAMETER * 1e6:g} µm spheres in air, {WAVELENGTH * 1e9:g} nm, "
                 f"{INTENSITY:g} W/m² (Rohatschek 1995 interpolation)", fontsize=9)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(sys.argv[1], dpi=150)
