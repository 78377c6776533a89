"""Figures (matplotlib, an optional dependency: ``pip install thermophoresis[plot]``).

Plotting functions take plain inputs and return the matplotlib Figure; they never compute physics
themselves beyond calling the toolkit's public functions.
"""

from __future__ import annotations

import warnings

import numpy as np

from ._figures import _figure, _pyplot  # noqa: F401  (re-exported for callers of the old names)
from .exceptions import ValidityWarning
from .force import MODELS
from .mobility import REGIME_BOUNDS, REGIMES


def shade_regimes(ax, kn_min, kn_max):
    """Shade the continuum / slip / transition / free-molecular bands on a Kn axis."""
    edges = [kn_min, *REGIME_BOUNDS, kn_max]
    colors = ["#dbe9f6", "#e8f3e0", "#fdf2d9", "#f6dede"]
    for lo, hi, name, col in zip(edges[:-1], edges[1:], REGIMES, colors):
        lo, hi = max(lo, kn_min), min(hi, kn_max)
        if hi > lo:
            ax.axvspan(lo, hi, color=col, alpha=0.6, lw=0)
            ax.text(np.sqrt(lo * hi), 0.98, name, transform=ax.get_xaxis_transform(), ha="center", va="top",
                    fontsize=8, color="0.35")


def kth_against_knudsen(gas, conductivity_ratio, kn, models=None, title=None):
    """K_th against Kn = mfp/radius for every model at one particle-to-gas conductivity ratio k_p/k_g,
    regimes shaded; dotted where a model is outside its validity range. Works in the dimensionless
    variables (:func:`thermophoresis.drift.kth_map`), so any pressure is fine."""
    from .drift import kth_map

    models = list(MODELS) if models is None else models
    kn = np.asarray(kn, dtype=float)
    fig, ax = _figure((7.0, 4.5))
    for name in models:
        k = kth_map(gas, name, kn, [conductivity_ratio]).kth[:, 0]
        lo, hi = MODELS[name].kn_range
        inside = (kn >= lo) & (kn <= hi)
        line, = ax.plot(kn, np.where(inside, k, np.nan), lw=2, label=MODELS[name].label)
        ax.plot(kn, k, lw=1, ls=":", color=line.get_color())
    ax.set_xscale("log")
    shade_regimes(ax, kn.min(), kn.max())
    ax.set_xlim(kn.min(), kn.max())
    ax.set_xlabel("Knudsen number Kn = mean free path / radius")
    ax.set_ylabel(r"thermophoretic coefficient $K_{th}$")
    ax.set_title(title or "Thermophoretic coefficient (dotted: outside the model's validity range)")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def photophoretic_force_against_pressure(pressures, result, title=None):
    """|F| against pressure: the free-molecular and continuum limits and Rohatschek's interpolation."""
    fig, ax = _figure((7.0, 4.5))
    p = np.asarray(pressures)
    ax.loglog(p, np.abs(result.force_free_molecular), ls="--", label="free-molecular limit")
    ax.loglog(p, np.abs(result.force_continuum), ls="--", label="continuum limit")
    ax.loglog(p, np.abs(result.force), lw=2.5, label="Rohatschek (1995) interpolation")
    i = int(np.nanargmax(np.abs(result.force)))
    kn = np.asarray(result.knudsen)
    ax.axvline(p[i], color="0.5", lw=0.8)
    ax.text(p[i], ax.get_ylim()[0] * 3, f"  max at Kn = {kn[i]:.2g}", fontsize=8, color="0.35")
    sign = "positive (away from the light)" if np.nanmax(result.force) > 0 else "negative (toward the light)"
    ax.set_xlabel("gas pressure [Pa]")
    ax.set_ylabel("|photophoretic force| [N]")
    ax.set_title(title or "Photophoretic force", fontsize=10)
    ax.legend(fontsize=8, title=sign, title_fontsize=8)
    fig.tight_layout()
    return fig


def kth_map_figure(kmap, title=None):
    """K_th over (Kn, k_p/k_g), with the K_th = 0 contour where the model predicts reversal."""
    from matplotlib.colors import TwoSlopeNorm

    fig, ax = _figure((7.0, 4.8))
    k = kmap.kth
    vmin, vmax = float(min(k.min(), -1e-3)), float(max(k.max(), 1e-3))
    mesh = ax.pcolormesh(kmap.knudsen, kmap.conductivity_ratio, k.T, shading="auto", cmap="RdBu_r",
                         norm=TwoSlopeNorm(vmin=vmin, vcenter=0.0, vmax=vmax))
    if np.any(k < 0) and np.any(k > 0):
        ax.contour(kmap.knudsen, kmap.conductivity_ratio, k.T, levels=[0.0], colors="k", linewidths=1.5)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("Knudsen number Kn = mean free path / radius")
    ax.set_ylabel("conductivity ratio $k_p/k_g$")
    fig.colorbar(mesh, ax=ax, label=r"$K_{th}$ (blue: reversed, cold to hot)")
    note = "reverses inside the black contour" if np.any(k < 0) else "no reversal predicted by this model"
    ax.set_title(title or f"{kmap.model} in {kmap.gas}: {note}", fontsize=10)
    fig.tight_layout()
    return fig


def trajectories_figure(dataset, max_particles: int = 60, title=None):
    """x–z view of sampled trajectories (a subset) and of where particles left the domain."""
    fig, ax = _figure((7.0, 4.0))
    pos = dataset["position"].values
    n = pos.shape[1]
    pick = np.linspace(0, n - 1, min(n, max_particles)).astype(int)
    for i in pick:
        ax.plot(pos[:, i, 0] * 1e3, pos[:, i, 2] * 1e3, lw=0.7, color="0.4", alpha=0.7)
    wall = dataset["event_wall"].values
    ev = dataset["event_position"].values
    for code, name, color in ((1, "lower wall", "tab:blue"), (2, "upper wall", "tab:red"), (3, "exit", "tab:green")):
        m = wall == code
        if np.any(m):
            ax.scatter(ev[m, 0] * 1e3, ev[m, 2] * 1e3, s=6, color=color, label=f"{name} ({m.sum()})")
    ax.set_xlabel("x [mm]")
    ax.set_ylabel("z [mm]")
    ax.set_title(title or "Particle trajectories", fontsize=10)
    if np.any(wall > 0):
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def wafer_deposition_figure(diameters, curves: dict, title=None):
    """Deposition velocity against particle diameter for several wafer temperature differences."""
    fig, ax = _figure((7.0, 4.5))
    for label, v in curves.items():
        ax.loglog(np.asarray(diameters) * 1e6, np.maximum(v, 1e-16), lw=2, label=label)
    ax.set_xlabel("particle diameter [µm]")
    ax.set_ylabel("deposition velocity [m/s]")
    ax.set_ylim(bottom=max(1e-12, ax.get_ylim()[0]))
    ax.set_title(title or "Deposition onto a wafer in stagnation-point flow", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def line_figure(x, y, xlabel, ylabel, title, logx=False):
    """A single-curve figure (scenario CLIs)."""
    fig, ax = _figure((6.5, 4.0))
    (ax.semilogx if logx else ax.plot)(x, y, lw=2)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title, fontsize=9)
    fig.tight_layout()
    return fig
