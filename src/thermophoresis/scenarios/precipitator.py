r"""Thermophoretic precipitator (parallel-plate sampler): collection efficiency by particle size.

Gas flows along x between plates at z = 0 (cold, collecting) and z = H (hot), mean velocity U, plug or
plane Poiseuille profile; conduction gives a linear temperature profile. A particle entering at height
z0 drifts toward the cold plate with the thermophoretic velocity :math:`v(z) = c_{th}(T(z))\,|dT/dz|`
(:math:`c_{th} = K_{th}\nu/T` at the local temperature) and lands at

.. math:: x_{dep}(z_0) = \int_0^{z_0} \frac{u(z)}{v(z)}\,dz

The collection efficiency of a plate of length L is the flux-weighted fraction of the inlet with
:math:`x_{dep} \le L`: with plug flow and a uniform drift it is the classical
:math:`\eta = \min(1, vL/(UH))`. Brownian diffusion and gravity are neglected (the tracker includes them;
the tests compare the two).
"""

from __future__ import annotations

import numpy as np

from .._validation import check_positive
from ..exceptions import InputError

__all__ = ["deposition_distance", "collection_efficiency"]


def _drift_profile(particle, gas, gap, t_cold, t_hot, model, n):
    from ..transport import thermophoresis

    z = np.linspace(0.0, gap, n)
    t = t_cold + (t_hot - t_cold) * z / gap
    r = thermophoresis(particle, gas.with_state(temperature=t), 1.0, model)
    c_th = np.asarray(r.thermophoretic_coefficient) * np.asarray(gas.with_state(temperature=t).kinematic_viscosity) / t
    return z, c_th * (t_hot - t_cold) / gap


def _velocity(z, gap, mean_velocity, flow):
    if flow == "plug":
        return np.full_like(z, mean_velocity)
    if flow == "poiseuille":
        return 6.0 * mean_velocity * (z / gap) * (1.0 - z / gap)
    raise InputError(f"flow must be 'plug' or 'poiseuille', got {flow!r}")


def deposition_distance(particle, gas, gap, t_cold, t_hot, mean_velocity, flow="poiseuille", model="talbot",
                        n: int = 2001):
    """Landing distance x_dep(z0) [m] on the cold plate for inlet heights z0 on a grid; returns (z0, x_dep)."""
    h = check_positive("gap", gap, "m")
    check_positive("mean_velocity", mean_velocity, "m/s")
    if not t_hot > t_cold:
        raise InputError(f"t_hot must exceed t_cold (the collecting plate is the cold one), got {t_hot} <= {t_cold}")
    z, v = _drift_profile(particle, gas, h, t_cold, t_hot, model, n)
    u = _velocity(z, h, mean_velocity, flow)
    integrand = u / v
    x = np.concatenate([[0.0], np.cumsum(0.5 * (integrand[1:] + integrand[:-1]) * np.diff(z))])
    return z, x


def collection_efficiency(particle, gas, gap, t_cold, t_hot, mean_velocity, length, flow="poiseuille",
                          model="talbot"):
    """Fraction of the particles entering (flux-weighted) that land within ``length`` [-]."""
    length = np.asarray(check_positive("length", length, "m"), dtype=float)
    z, x = deposition_distance(particle, gas, gap, t_cold, t_hot, mean_velocity, flow, model)
    u = _velocity(z, gap, mean_velocity, flow)
    flux = np.concatenate([[0.0], np.cumsum(0.5 * (u[1:] + u[:-1]) * np.diff(z))])
    flux /= flux[-1]
    # x_dep increases with z0: the collected fraction is the inlet flux below the height landing at L
    z_at_l = np.interp(length, x, z, right=gap)
    out = np.interp(z_at_l, z, flux)
    return out.item() if out.ndim == 0 else out
