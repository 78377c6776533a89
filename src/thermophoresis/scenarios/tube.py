r"""Particle deposition in laminar tube flow with a cooled (or heated) wall: a numerical solution.

Fully developed Poiseuille flow :math:`u = 2U(1 - r^2/R^2)` enters at x = 0 with the uniform temperature
:math:`T_{in}` and particle concentration :math:`n_0`; the wall is at :math:`T_w` and absorbs
particles. The temperature is the Graetz solution (:class:`thermophoresis.lagrangian.GraetzTube`), and
the particle concentration obeys, with axial diffusion neglected,

.. math:: u\,\frac{\partial n}{\partial x} = \frac{1}{r}\frac{\partial}{\partial r}
          \left[r\left(D\frac{\partial n}{\partial r} - v_r n\right)\right], \qquad
          v_r = -\frac{K_{th}\nu}{T}\frac{\partial T}{\partial r}

It is marched in x with backward Euler and finite volumes in r (upwind drift), n = 0 at the wall and
symmetry on the axis. The deposition efficiency is the fraction of the particle flux lost by x:
:math:`\eta(x) = 1 - \int u n\,r\,dr / \int u n_0\,r\,dr`. Particle properties follow the local
temperature; the gas flow and the Graetz temperature use constant properties (those of the gas given).
The tracker in the same field gives the same efficiency (tests).

This is the numerical counterpart of the asymptotic results of Walker, Homsy & Geyling (1979) and Batchelor
& Shen (1985), whose formulas we could not read from the papers (see the project notes).
"""

from __future__ import annotations

import numpy as np
from scipy.linalg import solve_banded

from .._validation import check_positive

__all__ = ["laminar_tube_deposition"]


def laminar_tube_deposition(particle, gas, radius, length, mean_velocity, t_inlet, t_wall, model="talbot",
                            n_r: int = 200, n_x: int = 2000, brownian: bool = True):
    """Deposition efficiency η(x) along a laminar tube; returns (x [m], η [-]).

    ``gas`` gives the composition, pressure and the (constant) thermal diffusivity of the Graetz
    temperature field; particle properties are tabulated against temperature.
    """
    from ..lagrangian import GraetzTube
    from ..transport import thermophoresis

    r_wall = check_positive("radius", radius, "m")
    ell = check_positive("length", length, "m")
    u_mean = check_positive("mean_velocity", mean_velocity, "m/s")
    field = GraetzTube(r_wall, ell, u_mean, t_inlet, t_wall, float(gas.thermal_diffusivity),
                       nx=max(401, n_x // 4 + 1), nr=n_r + 1)
    xg, rg, tg = field.temperature_grid()
    dtdr = np.gradient(tg, rg, axis=1, edge_order=2)
    # particle properties against temperature
    t_tab = np.linspace(min(t_inlet, t_wall) * 0.999, max(t_inlet, t_wall) * 1.001, 257)
    gt = gas.with_state(temperature=t_tab)
    res = thermophoresis(particle, gt, 1.0, model)
    c_tab = np.asarray(res.thermophoretic_coefficient) * np.asarray(gt.kinematic_viscosity) / t_tab
    d_tab = np.asarray(res.diffusion_coefficient) if brownian else np.zeros_like(t_tab)

    r = np.linspace(0.0, r_wall, n_r + 1)
    dr = r[1] - r[0]
    rf = 0.5 * (r[1:] + r[:-1])  # faces between nodes
    u = 2.0 * u_mean * (1.0 - (r / r_wall) ** 2)
    vol = r * dr
    vol[0] = dr * dr / 8.0  # the axis cell
    x = np.linspace(0.0, ell, n_x + 1)
    dx = x[1] - x[0]
    n = np.ones(n_r + 1)
    n[-1] = 0.0
    flux0 = np.trapezoid(u * r, r)
    eta = np.zeros(x.size)
    for k in range(1, x.size):
        xi = min(x[k], xg[-1])
        i = min(np.searchsorted(xg, xi) , xg.size - 1)
        i0 = max(i - 1, 0)
        w = 0.0 if xg[i] == xg[i0] else (xi - xg[i0]) / (xg[i] - xg[i0])
        t_r = (1 - w) * tg[i0] + w * tg[i]
        g_r = (1 - w) * dtdr[i0] + w * dtdr[i]
        t_f = np.interp(rf, r, t_r)
        g_f = np.interp(rf, r, g_r)
        v_f = -np.interp(t_f, t_tab, c_tab) * g_f  # radial drift at faces (positive outward)
        d_f = np.interp(t_f, t_tab, d_tab)
        # face coefficients: F = rf [D (n_{j+1} - n_j)/dr - v n_up]
        a_lo = np.zeros(n_r + 1)  # coefficient of n_{j-1}
        a_hi = np.zeros(n_r + 1)  # coefficient of n_{j+1}
        a_c = np.zeros(n_r + 1)
        for j_face in range(n_r):
            cdiff = rf[j_face] * d_f[j_face] / dr
            vp, vm = max(v_f[j_face], 0.0), min(v_f[j_face], 0.0)
            # flux from node j to node j+1 (outward positive): cdiff (n_j - n_{j+1}) + rf (vp n_j + vm n_{j+1})
            out_j = cdiff + rf[j_face] * vp
            in_jp1 = cdiff - rf[j_face] * vm
            a_c[j_face] += out_j
            a_hi[j_face] -= in_jp1
            a_c[j_face + 1] += in_jp1
            a_lo[j_face + 1] -= out_j
        diag = u * vol / dx + a_c
        rhs = u * vol / dx * n
        # wall node: n = 0
        diag[-1], a_lo[-1], rhs[-1] = 1.0, 0.0, 0.0
        ab = np.zeros((3, n_r + 1))
        ab[0, 1:] = a_hi[:-1]
        ab[1] = diag
        ab[2, :-1] = a_lo[1:]
        n = solve_banded((1, 1), ab, rhs)
        eta[k] = 1.0 - np.trapezoid(u * n * r, r) / flux0
    return x, eta
