"""The tracker kernel as it was before the per-field, block-interleaved kernel (kept for benchmarks/bench_tracker.py
only, to measure the new kernel side by side with it). Numba kernels of the particle tracker: the loops only.

Each particle is advanced independently (``prange`` over particles), all its steps in a row. The physics
(thermophoretic coefficient, relaxation time, diffusion coefficient as functions of the local gas
temperature) comes in as tables built by :mod:`thermophoresis.lagrangian.tracker` from the force-model
registry, so that every registered model can be tracked without being compiled.

Integrator (``inertial=True``). The Langevin equation of a particle with relaxation time τ, drift
velocity w (the sum of the gas velocity, the thermophoretic velocity and the settling velocity) and
diffusion coefficient D,

    dv = -(v - w)/τ dt + sqrt(2D)/τ dW,    dx = v dt,

is integrated exactly over a step h with w held at its value at the start of the step (Chandrasekhar
1943, eqs. 171–173 for the joint Gaussian of position and velocity increments):

    v' = w + (v - w) e^{-h/τ} + ξ_v,    x' = x + w h + (v - w) τ (1 - e^{-h/τ}) + ξ_x
    Var ξ_v = (D/τ)(1 - e^{-2h/τ}),     Var ξ_x = D τ (2h/τ - 3 + 4e^{-h/τ} - e^{-2h/τ}),
    Cov(ξ_x, ξ_v) = D (1 - e^{-h/τ})^2

This is exact for the linear (Ornstein–Uhlenbeck) part whatever h/τ is, so the step may be much longer
than τ (nanoparticles) or much shorter (inertial particles). The error comes only from freezing w over
the step, which is first order in h times the gradient of w. Overdamped mode (``inertial=False``):
x' = x + w h + sqrt(2 D h) ξ.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np

from thermophoresis._numerics.rng import particle_key, step_stream, ziggurat_normal

FIELD_UNIFORM = 0
FIELD_PROFILE_Z = 1
FIELD_GRID_3D = 2
FIELD_STAGNATION = 3
FIELD_TUBE = 4

WALL_NONE = 0
WALL_LOW = 1
WALL_HIGH = 2
WALL_EXIT = 3
WALL_TUBE = 4

MODE_ABSORB = 0
MODE_REFLECT = 1


@nb.njit(cache=True, inline="always")
def _cell(x, x0, dx, n):
    """Cell index and fraction on a uniform axis, clamped (constant beyond the ends)."""
    s = (x - x0) / dx
    if s <= 0.0:
        return 0, 0.0
    if s >= n - 1:
        return n - 2, 1.0
    i = int(s)
    return i, s - i


@nb.njit(cache=True, inline="always")
def _field(kind, fp, data, x0, x1, x2):
    """Gas temperature, its gradient and velocity at a point: (T, dT/dx, dT/dy, dT/dz, ux, uy, uz).

    kind 0 (uniform gradient): fp = [T0, Gx, Gy, Gz, Ux, Uy, Uz, X0, Y0, Z0]
    kind 1 (profile in z):     fp = [z0, dz]; data[0] = T(z0 + i dz), data[1] = u_x(z0 + i dz)
    kind 2 (3-D grid):         fp = [x0, dx, y0, dy, z0, dz, nx, ny, nz]; data[0] = T, data[1:4] = grad T,
                               data[4:7] = u, each flattened in C order over (nx, ny, nz); trilinear
    kind 3 (plane stagnation-point flow on the wall z = 0): fp = [a, T_wall, T_inf, k]; u = (a x, 0, -a z),
                               T = T_inf + (T_wall - T_inf) erfc(k z), k = sqrt(a / (2 alpha))
    kind 4 (tube along x, axis y = z = 0): fp = [dx, nx, dr, nr, U_mean, R]; data[0] = T(x_i, r_j),
                               data[1] = dT/dx, data[2] = dT/dr on the (nx, nr) grid; bilinear;
                               u = (2 U (1 - r^2/R^2), 0, 0)
    """
    if kind == 0:
        t = fp[0] + fp[1] * (x0 - fp[7]) + fp[2] * (x1 - fp[8]) + fp[3] * (x2 - fp[9])
        return t, fp[1], fp[2], fp[3], fp[4], fp[5], fp[6]
    if kind == 1:
        n = data.shape[1]
        i, f = _cell(x2, fp[0], fp[1], n)
        t = data[0, i] * (1.0 - f) + data[0, i + 1] * f
        # constant beyond the ends: no gradient there
        inside = fp[0] <= x2 <= fp[0] + fp[1] * (n - 1)
        gz = (data[0, i + 1] - data[0, i]) / fp[1] if inside else 0.0
        ux = data[1, i] * (1.0 - f) + data[1, i + 1] * f
        return t, 0.0, 0.0, gz, ux, 0.0, 0.0
    if kind == 3:
        zz = max(x2, 0.0)
        dtw = fp[1] - fp[2]
        t = fp[2] + dtw * math.erfc(fp[3] * zz)
        gz = -dtw * 2.0 / math.sqrt(math.pi) * fp[3] * math.exp(-(fp[3] * zz) ** 2)
        return t, 0.0, 0.0, gz, fp[0] * x0, 0.0, -fp[0] * x2
    if kind == 4:
        nxx, nr = int(fp[1]), int(fp[3])
        r = math.sqrt(x1 * x1 + x2 * x2)
        i, fx = _cell(x0, 0.0, fp[0], nxx)
        j, fr = _cell(r, 0.0, fp[2], nr)
        c00 = i * nr + j
        c10 = c00 + nr
        a00 = (1 - fx) * (1 - fr)
        a10 = fx * (1 - fr)
        a01 = (1 - fx) * fr
        a11 = fx * fr
        t = a00 * data[0, c00] + a10 * data[0, c10] + a01 * data[0, c00 + 1] + a11 * data[0, c10 + 1]
        gx = a00 * data[1, c00] + a10 * data[1, c10] + a01 * data[1, c00 + 1] + a11 * data[1, c10 + 1]
        gr = a00 * data[2, c00] + a10 * data[2, c10] + a01 * data[2, c00 + 1] + a11 * data[2, c10 + 1]
        gy, gz = 0.0, 0.0
        if r > 0.0:
            gy = gr * x1 / r
            gz = gr * x2 / r
        rr = min(r / fp[5], 1.0)
        return t, gx, gy, gz, 2.0 * fp[4] * (1.0 - rr * rr), 0.0, 0.0
    nx, ny, nz = int(fp[6]), int(fp[7]), int(fp[8])
    i, fx = _cell(x0, fp[0], fp[1], nx)
    j, fy = _cell(x1, fp[2], fp[3], ny)
    k, fz = _cell(x2, fp[4], fp[5], nz)
    w000 = (1 - fx) * (1 - fy) * (1 - fz)
    w100 = fx * (1 - fy) * (1 - fz)
    w010 = (1 - fx) * fy * (1 - fz)
    w110 = fx * fy * (1 - fz)
    w001 = (1 - fx) * (1 - fy) * fz
    w101 = fx * (1 - fy) * fz
    w011 = (1 - fx) * fy * fz
    w111 = fx * fy * fz
    c000 = (i * ny + j) * nz + k
    c100 = c000 + ny * nz
    c010 = c000 + nz
    c110 = c100 + nz
    out0 = 0.0
    out1 = 0.0
    out2 = 0.0
    out3 = 0.0
    out4 = 0.0
    out5 = 0.0
    out6 = 0.0
    for q in range(7):
        v = (w000 * data[q, c000] + w100 * data[q, c100] + w010 * data[q, c010] + w110 * data[q, c110]
             + w001 * data[q, c000 + 1] + w101 * data[q, c100 + 1] + w011 * data[q, c010 + 1]
             + w111 * data[q, c110 + 1])
        if q == 0:
            out0 = v
        elif q == 1:
            out1 = v
        elif q == 2:
            out2 = v
        elif q == 3:
            out3 = v
        elif q == 4:
            out4 = v
        elif q == 5:
            out5 = v
        else:
            out6 = v
    # constant beyond the grid: no gradient along an axis outside its range
    if not (fp[0] <= x0 <= fp[0] + fp[1] * (nx - 1)):
        out1 = 0.0
    if not (fp[2] <= x1 <= fp[2] + fp[3] * (ny - 1)):
        out2 = 0.0
    if not (fp[4] <= x2 <= fp[4] + fp[5] * (nz - 1)):
        out3 = 0.0
    return out0, out1, out2, out3, out4, out5, out6


@nb.njit(cache=True, fastmath=True, parallel=True, error_model="numpy")
def advance(pos, vel, alive, pid, step0, n_steps, h, seed, inertial,
            kind, fp, data, tab_t0, tab_dt, tab, zx, zf,
            z_lo, z_hi, x_exit, wall_mode, r_wall,
            sample_every, samples, event_step, event_wall, event_pos, event_vel, out_of_range):
    """Advance every alive particle by ``n_steps`` steps.

    pos, vel : (N, 3) in/out; alive : (N,) bool in/out; pid : (N,) global particle ids (random streams).
    tab : (n_T, 10) per-step coefficients on a uniform temperature grid (built by the tracker for its step
    h): columns c_th = K_th nu / T, settling velocity (3), then for the inertial step e^{-h/tau},
    tau (1 - e^{-h/tau}), and the noise amplitudes s_v, c_x, s_x; for the overdamped step sqrt(2 D h) in
    column 7; column 9 is the thermal speed sqrt(kT/m) used for initial velocities.
    samples : (S, N, 3) positions every ``sample_every`` steps (S = n_steps // sample_every).
    Events: the step (global), wall code, position and velocity where a particle left the domain.
    """
    n = pos.shape[0]
    n_t = tab.shape[0]
    for i in nb.prange(n):
        if not alive[i]:
            continue
        x0, x1, x2 = pos[i, 0], pos[i, 1], pos[i, 2]
        v0, v1, v2 = vel[i, 0], vel[i, 1], vel[i, 2]
        pkey = particle_key(seed, pid[i])
        for k in range(n_steps):
            t, gx, gy, gz, ux, uy, uz = _field(kind, fp, data, x0, x1, x2)
            j, f = _cell(t, tab_t0, tab_dt, n_t)  # one index for every tabulated coefficient
            if t < tab_t0 or t > tab_t0 + tab_dt * (n_t - 1):
                out_of_range[i] = True
            g = 1.0 - f
            cth = tab[j, 0] * g + tab[j + 1, 0] * f
            w0 = ux - cth * gx + tab[j, 1] * g + tab[j + 1, 1] * f
            w1 = uy - cth * gy + tab[j, 2] * g + tab[j + 1, 2] * f
            w2 = uz - cth * gz + tab[j, 3] * g + tab[j + 1, 3] * f
            st = step_stream(pkey, step0 + k)
            if inertial:
                e1 = tab[j, 4] * g + tab[j + 1, 4] * f
                b = tab[j, 5] * g + tab[j + 1, 5] * f
                sv = tab[j, 6] * g + tab[j + 1, 6] * f
                cx = tab[j, 7] * g + tab[j + 1, 7] * f
                sx = tab[j, 8] * g + tab[j + 1, 8] * f
                st, g0 = ziggurat_normal(st, zx, zf)
                st, g1 = ziggurat_normal(st, zx, zf)
                st, g2 = ziggurat_normal(st, zx, zf)
                st, g3 = ziggurat_normal(st, zx, zf)
                st, g4 = ziggurat_normal(st, zx, zf)
                st, g5 = ziggurat_normal(st, zx, zf)
                d0, d1, d2 = v0 - w0, v1 - w1, v2 - w2
                x0 += w0 * h + d0 * b + cx * g0 + sx * g1
                x1 += w1 * h + d1 * b + cx * g2 + sx * g3
                x2 += w2 * h + d2 * b + cx * g4 + sx * g5
                v0 = w0 + d0 * e1 + sv * g0
                v1 = w1 + d1 * e1 + sv * g2
                v2 = w2 + d2 * e1 + sv * g4
            else:
                sd = tab[j, 7] * g + tab[j + 1, 7] * f
                st, g0 = ziggurat_normal(st, zx, zf)
                st, g1 = ziggurat_normal(st, zx, zf)
                st, g2 = ziggurat_normal(st, zx, zf)
                x0 += w0 * h + sd * g0
                x1 += w1 * h + sd * g1
                x2 += w2 * h + sd * g2
                v0, v1, v2 = w0, w1, w2
            hit = WALL_NONE
            if x2 < z_lo:
                if wall_mode == MODE_REFLECT:
                    x2 = 2.0 * z_lo - x2
                    v2 = -v2
                else:
                    hit = WALL_LOW
            elif x2 > z_hi:
                if wall_mode == MODE_REFLECT:
                    x2 = 2.0 * z_hi - x2
                    v2 = -v2
                else:
                    hit = WALL_HIGH
            if hit == WALL_NONE and x1 * x1 + x2 * x2 > r_wall * r_wall:
                if wall_mode == MODE_REFLECT:
                    # mirror the radial position in the wall and reverse the radial velocity
                    r = math.sqrt(x1 * x1 + x2 * x2)
                    r_new = 2.0 * r_wall - r
                    n1, n2 = x1 / r, x2 / r
                    x1, x2 = n1 * r_new, n2 * r_new
                    vr = v1 * n1 + v2 * n2
                    v1 -= 2.0 * vr * n1
                    v2 -= 2.0 * vr * n2
                else:
                    hit = WALL_TUBE
            if hit == WALL_NONE and x0 > x_exit:
                hit = WALL_EXIT
            if hit != WALL_NONE:
                alive[i] = False
                event_step[i] = step0 + k + 1
                event_wall[i] = hit
                event_pos[i, 0], event_pos[i, 1], event_pos[i, 2] = x0, x1, x2
                event_vel[i, 0], event_vel[i, 1], event_vel[i, 2] = v0, v1, v2
            if sample_every > 0 and (k + 1) % sample_every == 0:
                j = (k + 1) // sample_every - 1
                samples[j, i, 0], samples[j, i, 1], samples[j, i, 2] = x0, x1, x2
            if hit != WALL_NONE:
                # the remaining samples keep the last position
                if sample_every > 0:
                    for jj in range((k + 1) // sample_every, samples.shape[0]):
                        samples[jj, i, 0], samples[jj, i, 1], samples[jj, i, 2] = x0, x1, x2
                break
        pos[i, 0], pos[i, 1], pos[i, 2] = x0, x1, x2
        vel[i, 0], vel[i, 1], vel[i, 2] = v0, v1, v2


@nb.njit(cache=True, parallel=True)
def initial_velocities(pos, pid, seed, kind, fp, data, tab_t0, tab_dt, tab, zx, zf, out):
    """Local drift velocity plus a Maxwellian thermal velocity (column 9 of ``tab``: sqrt(kT/m)).

    The deviates come from the step index 2^62 of each particle's stream, which no run reaches, so they
    too are independent of the chunking.
    """
    n_t = tab.shape[0]
    for i in nb.prange(pos.shape[0]):
        t, gx, gy, gz, ux, uy, uz = _field(kind, fp, data, pos[i, 0], pos[i, 1], pos[i, 2])
        j, f = _cell(t, tab_t0, tab_dt, n_t)
        g = 1.0 - f
        cth = tab[j, 0] * g + tab[j + 1, 0] * f
        vt = tab[j, 9] * g + tab[j + 1, 9] * f
        st = step_stream(particle_key(seed, pid[i]), np.uint64(1) << np.uint64(62))
        st, a0 = ziggurat_normal(st, zx, zf)
        st, a1 = ziggurat_normal(st, zx, zf)
        st, a2 = ziggurat_normal(st, zx, zf)
        out[i, 0] = ux - cth * gx + tab[j, 1] * g + tab[j + 1, 1] * f + vt * a0
        out[i, 1] = uy - cth * gy + tab[j, 2] * g + tab[j + 1, 2] * f + vt * a1
        out[i, 2] = uz - cth * gz + tab[j, 3] * g + tab[j + 1, 3] * f + vt * a2
