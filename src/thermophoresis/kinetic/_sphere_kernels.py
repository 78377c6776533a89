"""Numba kernels of the linearized kinetic sphere solver (private; see :mod:`thermophoresis.kinetic.sphere`).

The kernel assembles the dense linear system ``x = K x + b`` of the integral (characteristics) form of the
linearized BGK / Shakhov equation for the moments of a perturbation of dipole symmetry,

    phi = (e.r^) A(r, c, mu) + (e.c^) B(r, c, mu),

on a radial grid. Unknowns per radial node: omega (density), tau (temperature), U1, U2 (velocity
u = U1 (e.r^) r^ + U2 e), Q1, Q2 (heat flux, same form); plus the wall density sigma_w of the
re-emitted Maxwellian. Every ray (backward characteristic) from a node and a direction is traced through
the radial grid; along it the source is taken linear in the path length between points (node crossings and
their subdivisions) and integrated against the exact exponential attenuation.
"""

from __future__ import annotations

import math

import numba as nb
import numpy as np
from numba import prange

N_MOM = 6  # omega, tau, U1, U2, Q1, Q2
N_OUT = 9  # the six moments, force moment I_F, energy-flux moment M, wall density (node 0 only)


N_INTERP = 6  # Lagrange interpolation stencil in r (quintic: in the continuum limit the moment equations
#              need the source to an accuracy below (mfp / r)^2, which a cubic misses on a coarse outer grid)


@nb.njit(cache=True)
def _lagrange(rg, rp, w):
    """Lagrange interpolation weights (N_INTERP nodes) at rp on the non-uniform grid rg; returns the first node."""
    n = rg.shape[0]
    k = np.searchsorted(rg, rp) - 1  # rg[k] <= rp < rg[k+1]
    if k < 0:
        k = 0
    k0 = k - (N_INTERP // 2 - 1)
    if k0 < 0:
        k0 = 0
    if k0 > n - N_INTERP:
        k0 = n - N_INTERP
    for a in range(N_INTERP):
        xa = rg[k0 + a]
        v = 1.0
        for q in range(N_INTERP):
            if q != a:
                v *= (rp - rg[k0 + q]) / (xa - rg[k0 + q])
        w[a] = v
    return k0


@nb.njit(cache=True)
def _ray(r0, mu0, i0, rg, n_sub, far_ratio, s_max, s_min, s_ratio, s_out, r_out, kind, idx):
    """Points of the backward ray from radius r0 (node index i0, or -1) in direction mu0.

    Returns (n_points, hits_wall, s_wall, mu_wall). ``kind``: 0 = a grid node (``idx``), 1 = interpolated,
    2 = beyond the outer node (far field). The ray is cut where the path exceeds ``s_max``.
    """
    n = rg.shape[0]
    b2 = r0 * r0 * (1.0 - mu0 * mu0)
    if b2 < 0.0:
        b2 = 0.0
    rmu = r0 * mu0
    npt = 0
    # list of break points (s, r, kind, idx) before subdivision
    cap = 2 * n + 404
    bs = np.empty(cap)
    br = np.empty(cap)
    bk = np.empty(cap, dtype=np.int64)
    bi = np.empty(cap, dtype=np.int64)
    nb_ = 0
    bs[0] = 0.0
    br[0] = r0
    if i0 >= 0:
        bk[0] = 0
        bi[0] = i0
    else:
        bk[0] = 1
        bi[0] = -1
    nb_ = 1
    hit = False
    s_wall = 0.0
    mu_wall = 0.0
    ascend_from = 0
    if mu0 > 0.0:
        # descending branch: nodes below r0
        kstart = i0 - 1 if i0 >= 0 else np.searchsorted(rg, r0) - 1
        for k in range(kstart, -1, -1):
            rk = rg[k]
            if rk * rk <= b2:
                break
            s = rmu - math.sqrt(rk * rk - b2)
            if k == 0:
                hit = True
                s_wall = s
                mu_wall = math.sqrt(max(1.0 - b2, 0.0))
            bs[nb_] = s
            br[nb_] = rk
            bk[nb_] = 0
            bi[nb_] = k
            nb_ += 1
            if hit:
                break
        if not hit:
            # closest approach, then the ascending branch from the first node above b
            bs[nb_] = rmu
            br[nb_] = math.sqrt(b2)
            bk[nb_] = 1
            bi[nb_] = -1
            nb_ += 1
            ascend_from = np.searchsorted(rg, math.sqrt(b2), side="right")
    else:
        ascend_from = i0 + 1 if i0 >= 0 else np.searchsorted(rg, r0, side="right")
    if not hit:
        for k in range(ascend_from, n):
            rk = rg[k]
            s = rmu + math.sqrt(max(rk * rk - b2, 0.0))
            bs[nb_] = s
            br[nb_] = rk
            bk[nb_] = 0
            bi[nb_] = k
            nb_ += 1
            if s > s_max:
                break
        # far field beyond the outer node: geometric steps in radius
        rr = rg[n - 1]
        while bs[nb_ - 1] <= s_max and nb_ < cap:
            rr *= far_ratio
            bs[nb_] = rmu + math.sqrt(max(rr * rr - b2, 0.0))
            br[nb_] = rr
            bk[nb_] = 2
            bi[nb_] = n - 1
            nb_ += 1
    # subdivide and cut
    rmax = rg[n - 1]
    s_out[0] = bs[0]
    r_out[0] = br[0]
    kind[0] = bk[0]
    idx[0] = bi[0]
    npt = 1
    lq = math.log(s_ratio)
    for q in range(1, nb_):
        sa = bs[q - 1]
        sb = bs[q]
        if sa <= 0.0:
            # first segment: geometric points from s_min (the attenuation length c / kappa is resolved for
            # every speed, whatever the radial spacing)
            nk = 0
            if sb > s_min:
                nk = int(math.ceil(math.log(sb / s_min) / lq))
            geometric = nk > n_sub
            ns = nk if geometric else n_sub
        else:
            geometric = False
            ns = max(n_sub, int(math.ceil(math.log(sb / sa) / lq)))
        for m in range(1, ns):
            if geometric:
                s = sb * math.exp((ns - m) / (ns - 1.0) * math.log(s_min / sb))
            else:
                s = sa + (sb - sa) * m / ns
            rr = math.sqrt(max(r0 * r0 - 2.0 * rmu * s + s * s, 1.0))
            s_out[npt] = s
            r_out[npt] = rr
            if rr > rmax:
                kind[npt] = 2
                idx[npt] = n - 1
            else:
                kind[npt] = 1
                idx[npt] = -1
            npt += 1
        s_out[npt] = sb
        r_out[npt] = br[q]
        kind[npt] = bk[q]
        idx[npt] = bi[q]
        npt += 1
        if sb > s_max:
            return npt, False, 0.0, 0.0  # cut: a wall beyond s_max is too far to matter
    return npt, hit, s_wall, mu_wall


# reciprocals 1/n (index n; 0 unused): the series recurrences multiply instead of dividing in the hot loop
_INV_N = np.array([0.0] + [1.0 / n for n in range(1, 128)])

# series coefficients (-1)^k / (k! (n + k + 1)) of integral_0^x t^n exp(-t) dt / x^(n+1), n = 0, 1, 2
_GAMMA_SERIES = np.array([[(-1.0) ** k / (math.factorial(k) * (n + k + 1)) for k in range(16)] for n in range(3)])


@nb.njit(cache=True)
def _gamma_lower(x, out):
    """out[n] = integral_0^x t^n exp(-t) dt for n = 0, 1, 2 (series for small x, closed form otherwise).

    The series (16 terms, x < 0.5) is evaluated by Horner's rule on tabulated coefficients: the former
    term-by-term form cost 48 divisions per call, more than the rest of the per-point work of a ray.
    """
    if x < 0.5:
        xn = x
        for n in range(3):
            acc = 0.0
            for k in range(15, -1, -1):
                acc = acc * x + _GAMMA_SERIES[n, k]
            out[n] = acc * xn
            xn *= x
        return math.exp(-x)
    e = math.exp(-x)
    out[0] = 1.0 - e
    out[1] = 1.0 - e * (1.0 + x)
    out[2] = 2.0 - e * (2.0 + x * (2.0 + x))
    return e


# attenuation below which the rest of a ray is dropped, at each speed: its weights are below this fraction of
# the first point's, i.e. below round-off of every output (the earlier cut was 1e-300)
ATTENUATION_CUT = 1e-20


@nb.njit(cache=True)
def _seg_weights(s, npt, lam, w):
    """Weights of point values for the integral of (1/lam) exp(-s/lam) g(s) along the ray.

    g is interpolated quadratically through consecutive triples of points (a trailing single segment
    linearly), and integrated exactly against the exponential, so the attenuation length c / kappa may be
    much smaller or larger than the point spacing. Returns the number of leading points with nonzero
    weights: the integration stops where the attenuation falls below ``ATTENUATION_CUT`` (the slow speeds'
    rays are cut long before the fastest speed's, which sets the ray length).
    """
    jn = np.empty(3)
    e0 = 1.0
    p = 0
    ilam = 1.0 / lam
    w[0] = 0.0  # the others are cleared as the integration reaches them
    while p + 2 < npt:
        h1 = s[p + 1] - s[p]
        h2 = s[p + 2] - s[p + 1]
        hh = h1 + h2
        x = hh * ilam
        ex = _gamma_lower(x, jn)
        i0 = e0 * jn[0]
        i1 = e0 * lam * jn[1]
        i2 = e0 * lam * lam * jn[2]
        inv = 1.0 / (h1 * h2 * hh)
        w[p] += (i2 - (h1 + hh) * i1 + h1 * hh * i0) * (h2 * inv)
        w[p + 1] = -(i2 - hh * i1) * (hh * inv)
        w[p + 2] = (i2 - h1 * i1) * (h1 * inv)
        e0 *= ex
        p += 2
        if e0 < ATTENUATION_CUT:
            return p + 1
    if p + 1 < npt:
        h = s[p + 1] - s[p]
        x = h / lam
        _gamma_lower(x, jn)
        wb = e0 * jn[1] / x
        w[p] += e0 * jn[0] - wb
        w[p + 1] = wb
    return npt


@nb.njit(cache=True)
def _source_coefs(c, mup, sfac, ea, eb):
    """Source phi_eq = a_eq (e.r'^) + b_eq (e.c^): coefficients of each moment in a_eq and b_eq."""
    ea[0] = 1.0
    ea[1] = c * c - 1.5
    ea[2] = 2.0 * c * mup
    ea[3] = 0.0
    ea[4] = sfac * c * mup * (c * c - 2.5)
    ea[5] = 0.0
    eb[0] = 0.0
    eb[1] = 0.0
    eb[2] = 0.0
    eb[3] = 2.0 * c
    eb[4] = 0.0
    eb[5] = sfac * c * (c * c - 2.5)


@nb.njit(cache=True)
def _harmonic(c, r, mu, kappa, coef):
    """A and B parts of sum_n coef[n] T_n (times c^2 - 5/2), T_n = (-c.grad/kappa)^n tau of the harmonic
    temperature dipole tau = (e.r^)/r^2 in the (A, B) form phi = (e.r^) A + (e.c^) B:

        T_n: A = n! (c/(kappa r))^n (mu P_n'(mu) + (n+1) P_n(mu)) / r^2,  B = -n! (c/(kappa r))^n P_n'(mu) / r^2.

    The Legendre parts are :func:`_harmonic_terms` (the speed-independent form the ray sweep uses); the speed
    enters as n! (c/kappa)^n (c^2 - 5/2).
    """
    terms = np.empty((coef.shape[0], 2))
    _harmonic_terms(r, mu, coef, terms)
    ck = c / kappa
    fac = 1.0      # n! (c/kappa)^n
    sa = 0.0
    sb = 0.0
    for n in range(coef.shape[0]):
        if n > 0:
            fac *= n * ck
        cn = coef[n]
        if cn != 0.0:
            sa += cn * fac * terms[n, 0]
            sb += cn * fac * terms[n, 1]
    h = c * c - 2.5
    return sa * h, sb * h


@nb.njit(cache=True)
def _stokes(c, r, mu, kappa, coef, kind, sfac):
    """A and B parts of sum_n coef[n] (-L)^n g, L = c.grad/kappa, for the Stokes fields of the drag split.

    ``kind`` 1: the Stokeslet u = e/r + (e.r^) r^/r with its pressure P = (2/kappa)(e.r^)/r^2 and the
    heat flux q = grad P / (2 Pr kappa): g = P + 2 c.u + sfac (c.q)(c^2 - 5/2) (density P, no temperature);
    ``kind`` 2: the potential dipole u = (e - 3 (e.r^) r^)/r^3, g = 2 c.u. In the (A, B) form both are
    g = (e.r^) a(r, mu) + (e.c^) h(r, mu) with a = k1/r^2 + k2 mu/r + k3 mu/r^3, h = k4/r + k5/r^3.
    Along the backward ray x - s c^ (r'^2 = r^2 - 2 r mu s + s^2, mu' = (r mu - s)/r',
    e.r'^ = [r (e.r^) - s (e.c^)]/r') the field is (e.r^) r alpha(s) + (e.c^) [eta(s) - s alpha(s)] with
    alpha = a/r', eta = h, and (-c^.grad)^n g = n! [s^n] g(x - s c^). The powers r'^-m have the Gegenbauer
    expansion sum_n C_n^(m/2)(mu) s^n / r^(n+m). See docs/kinetic_sphere.md (drag split).
    """
    k1, k2, k3, k4, k5 = _stokes_k(c, kappa, kind, sfac)
    a1, a2, a3, b1, b2, b3, b4, b5 = _stokes_basis(c, r, mu, kappa, coef)
    return k1 * a1 + k2 * a2 + k3 * a3, k1 * b1 + k2 * b2 + k3 * b3 + k4 * b4 + k5 * b5


@nb.njit(cache=True)
def _stokes_k(c, kappa, kind, sfac):
    """The coefficients k1..k5 of :func:`_stokes` for the Stokeslet (kind 1) or the potential dipole (kind 2)."""
    if kind == 1:
        pr = 1.0 - 1.25 * sfac
        h5 = sfac * c * (c * c - 2.5) / (pr * kappa * kappa)
        return 2.0 / kappa, 2.0 * c, -3.0 * h5, 2.0 * c, h5
    return 0.0, 0.0, -6.0 * c, 0.0, 2.0 * c


@nb.njit(cache=True)
def _stokes_basis(c, r, mu, kappa, coef):
    """The series of :func:`_stokes` for unit k1..k5: (A parts of k1, k2, k3; B parts of k1 .. k5).

    Both Stokes fields are linear combinations of these. The Gegenbauer parts are :func:`_stokes_terms` (the
    speed-independent form the ray sweep uses); the speed enters as the factor n! (c/kappa)^n.
    """
    terms = np.empty((coef.shape[0], 8))
    _stokes_terms(r, mu, coef, terms)
    sums = np.zeros(8)
    ck = c / kappa
    fac = 1.0      # n! (c/kappa)^n
    for n in range(coef.shape[0]):
        if n > 0:
            fac *= n * ck
        cn = coef[n]
        if cn != 0.0:
            w = cn * fac
            for t in range(8):
                sums[t] += w * terms[n, t]
    return sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], sums[6], sums[7]


@nb.njit(cache=True)
def _split_field(c, r, mu, kappa, coef, kind, sfac):
    """The split-off field of kind 0 (harmonic temperature dipole) or 1, 2 (Stokes fields, :func:`_stokes`)."""
    if kind == 0:
        return _harmonic(c, r, mu, kappa, coef)
    return _stokes(c, r, mu, kappa, coef, kind, sfac)


@nb.njit(cache=True)
def field_outputs(rg, kappa, sfac, kind, coef, mq, wq, cq, wc):
    """The nine outputs (moments, I_F, M; no wall density) of the analytic field sum_n coef[n] (-L)^n g at
    the radii ``rg``, by direct quadrature (Gauss in mu on [-1, 1] and the speed quadrature). The field is a
    polynomial in mu and c, so a few more nodes than its degree make this exact."""
    out = np.zeros((rg.shape[0], N_OUT))
    oa = np.empty(N_OUT)
    ob = np.empty(N_OUT)
    for i in range(rg.shape[0]):
        for j in range(mq.shape[0]):
            for l in range(cq.shape[0]):
                c = cq[l]
                a, b = _split_field(c, rg[i], mq[j], kappa, coef, kind, sfac)
                _out_coefs(c, mq[j], wc[l] * wq[j], False, oa, ob)
                for mo in range(N_OUT - 1):
                    out[i, mo] += oa[mo] * a + ob[mo] * b
    return out


@nb.njit(cache=True)
def _out_coefs(c, mu, wb, node0_in, oa, ob):
    """Weights of A and B in the output moments at a node (quadrature weight wb included)."""
    nrm = 2.0 / math.sqrt(math.pi) * wb
    h = c * c - 2.5
    oa[0] = nrm
    ob[0] = nrm * mu
    t = nrm * (2.0 / 3.0) * (c * c - 1.5)
    oa[1] = t
    ob[1] = t * mu
    oa[2] = nrm * c * mu
    ob[2] = nrm * c * 0.5 * (3.0 * mu * mu - 1.0)
    oa[3] = 0.0
    ob[3] = nrm * c * 0.5 * (1.0 - mu * mu)
    oa[4] = oa[2] * h
    ob[4] = ob[2] * h
    oa[5] = 0.0
    ob[5] = ob[3] * h
    oa[6] = nrm * c * c * mu * mu
    ob[6] = nrm * c * c * mu
    oa[7] = oa[6] * h
    ob[7] = ob[6] * h
    if node0_in:
        oa[8] = wb * 4.0 * c * (-mu)
        ob[8] = oa[8] * mu
    else:
        oa[8] = 0.0
        ob[8] = 0.0


@nb.njit(cache=True)
def _stokes_terms(r, mu, coef, out):
    """The speed-independent parts of :func:`_stokes_basis`: out[n, :] are its eight sums' terms of order n
    for coef[n] = 1 and c = kappa (so n! (c/kappa)^n = n!), i.e. the Gegenbauer parts only; the speed
    enters as the factor coef[n] n! (c/kappa)^n (:func:`_split_speed_factors`)."""
    g1 = 1.0
    g3 = 1.0
    g5 = 1.0
    p1 = 0.0
    p3 = 0.0
    p5 = 0.0
    x1p = 0.0
    x2p = 0.0
    x3p = 0.0
    rn = 1.0
    ir = 1.0 / r
    for n in range(coef.shape[0]):
        if n > 0:
            rn *= ir
            if n == 1:
                q1 = mu
                q3 = 3.0 * mu
                q5 = 5.0 * mu
            else:
                inv = _INV_N[n]
                q1 = (2.0 * mu * (n - 0.5) * g1 - (n - 1.0) * p1) * inv
                q3 = (2.0 * mu * (n + 0.5) * g3 - (n + 1.0) * p3) * inv
                q5 = (2.0 * mu * (n + 1.5) * g5 - (n + 3.0) * p5) * inv
            p1, g1 = g1, q1
            p3, g3 = g3, q3
            p5, g5 = g5, q5
        r3 = rn * ir * ir * ir
        x1 = g3 * r3
        x2 = (mu * g3 - p3) * r3 * r
        x3 = (mu * g5 - p5) * r3 * ir
        out[n, 0] = r * x1
        out[n, 1] = r * x2
        out[n, 2] = r * x3
        out[n, 3] = -x1p
        out[n, 4] = -x2p
        out[n, 5] = -x3p
        out[n, 6] = g1 * rn * ir
        out[n, 7] = g3 * r3
        x1p = x1
        x2p = x2
        x3p = x3


@nb.njit(cache=True)
def _harmonic_terms(r, mu, coef, out):
    """The speed-independent parts of :func:`_harmonic`: out[n, 0] (A) and out[n, 1] (B) of T_n / (n! (c/kappa)^n
    (c^2 - 5/2)), i.e. (mu P_n' + (n+1) P_n) / r^(n+2) and -P_n' / r^(n+2)."""
    p_prev = 0.0
    p = 1.0
    d_prev = 0.0
    d = 0.0
    ir = 1.0 / r
    rn = ir * ir
    for n in range(coef.shape[0]):
        if n > 0:
            rn *= ir
            p_next = ((2 * n - 1) * mu * p - (n - 1) * p_prev) * _INV_N[n]
            d_next = d_prev + (2 * n - 1) * p
            p_prev, p = p, p_next
            d_prev, d = d, d_next
        out[n, 0] = (mu * d + (n + 1) * p) * rn
        out[n, 1] = -d * rn


# number of speed-independent basis terms of the split-off source per order n: A parts, B parts
_N_TA_STOKES = 3
_N_TB_STOKES = 5


@nb.njit(cache=True)
def _split_ray_basis(s, rp, npt, r0, rmu, hkind, hsrc, z, terms):
    """Speed-independent part of the split-off volume source along one ray (evaluated once per ray point,
    before the loop over speeds; the ray points are the same for every speed).

    For every order n with hsrc[0, n] != 0 and every basis term t the columns of z[p, :] hold
    (r0 / r') A_t, (s / r') A_t for the A terms and B_t for the B terms (ray map of :func:`_accumulate`), so
    that the source's contribution at one speed is a handful of dot products of z with the weights along
    the ray. Returns the number of columns. All split-off fields of one problem share hsrc (Stokes: the
    Stokeslet and the potential dipole differ only in the speed-dependent k's)."""
    coef = hsrc[0]
    nn = coef.shape[0]
    stokes = hkind[0] != 0
    nta = _N_TA_STOKES if stokes else 1
    ntb = _N_TB_STOKES if stokes else 1
    ncol = 0
    for n in range(nn):
        if coef[n] != 0.0:
            ncol += 2 * nta + ntb
    for p in range(npt):
        r = rp[p]
        ir = 1.0 / r
        mup = (rmu - s[p]) * ir
        if stokes:
            _stokes_terms(r, mup, coef, terms)
        else:
            _harmonic_terms(r, mup, coef, terms)
        ga = r0 * ir
        gb = s[p] * ir
        q = 0
        for n in range(nn):
            if coef[n] == 0.0:
                continue
            for t in range(nta):
                z[p, q] = ga * terms[n, t]
                z[p, q + 1] = gb * terms[n, t]
                q += 2
            for t in range(ntb):
                z[p, q] = terms[n, nta + t]
                q += 1
    return ncol


@nb.njit(cache=True)
def _accumulate(cm, s, rp, kind, npt, r0, mu0, rmu, c, lam, sfac, t_aa, t_ab, t_ba, t_bb, oa, ob, w, oa2, ob2,
                kappa, hkind, hsrc, sv, z, ncol, dz):
    """Add the contributions of one ray at one speed to cm[p, out, moment] (after the 2x2 map t).

    The source phi_eq = a_eq (e.r'^) + b_eq (e.c^) (:func:`_source_coefs`) has a_eq = omega + (c^2 - 3/2) tau +
    mu' [2 c U + sfac c (c^2 - 5/2) Q] for the radial parts and b_eq = 2 c U2 + sfac c (c^2 - 5/2) Q2; with the
    ray map (r/r') a_eq -> A, b_eq - (s/r') a_eq -> B and the output weights mapped by t once per call
    (oa2, ob2), each point costs one 9-vector and six scaled copies of it.

    For every split-off field f (``hkind[f]``, see :func:`_split_field`) the known volume source
    sum_n hsrc[f, n] (-L)^n g_f is integrated along the ray too and added to ``sv[out, 1 + f]``: its
    speed-independent parts are in z[p, :ncol] (:func:`_split_ray_basis`), so at this speed it costs the
    ncol dot products dz = w . z and a few products with the speed factors.
    """
    npw = _seg_weights(s, npt, lam, w)
    n_f = hkind.shape[0]
    n_o = oa.shape[0]  # N_OUT, plus the wall projections of the CL kernel at node 0
    nout = n_o if (oa[8] != 0.0 or ob[8] != 0.0) else N_OUT - 1
    for mo in range(n_o):
        oa2[mo] = t_aa * oa[mo] + t_ba * ob[mo]
        ob2[mo] = t_ab * oa[mo] + t_bb * ob[mo]
    h = c * c
    al1 = h - 1.5
    be2 = 2.0 * c
    be4 = sfac * c * (h - 2.5)
    for q in range(ncol):
        dz[q] = 0.0
    for p in range(npw):
        wp = w[p]
        if wp == 0.0:
            continue
        ir = 1.0 / rp[p]
        mup = (rmu - s[p]) * ir
        fa = wp * r0 * ir
        fb = wp * s[p] * ir
        g2 = mup * be2
        g4 = mup * be4
        for mo in range(nout):
            v = fa * oa2[mo] - fb * ob2[mo]
            u = wp * ob2[mo]
            cm[p, mo, 0] += v
            cm[p, mo, 1] += al1 * v
            cm[p, mo, 2] += g2 * v
            cm[p, mo, 3] += be2 * u
            cm[p, mo, 4] += g4 * v
            cm[p, mo, 5] += be4 * u
        for q in range(ncol):
            dz[q] += wp * z[p, q]
    if n_f == 0:
        return
    coef = hsrc[0]
    stokes = hkind[0] != 0
    nta = _N_TA_STOKES if stokes else 1
    ntb = _N_TB_STOKES if stokes else 1
    ck = c / kappa
    for f in range(n_f):
        if stokes:
            k1, k2, k3, k4, k5 = _stokes_k(c, kappa, hkind[f], sfac)
        else:
            k1 = k2 = k3 = k4 = k5 = h - 2.5
        sa = 0.0  # sum_p w (r0/r') a_src
        sb = 0.0  # sum_p w (b_src - (s/r') a_src)
        q = 0
        fac = 1.0  # n! (c/kappa)^n
        for n in range(coef.shape[0]):
            if n > 0:
                fac *= n * ck
            if coef[n] == 0.0:
                continue
            wn = coef[n] * fac
            if stokes:
                sa += wn * (k1 * dz[q] + k2 * dz[q + 2] + k3 * dz[q + 4])
                sb += wn * (k1 * dz[q + 6] + k2 * dz[q + 7] + k3 * dz[q + 8] + k4 * dz[q + 9] + k5 * dz[q + 10]
                            - k1 * dz[q + 1] - k2 * dz[q + 3] - k3 * dz[q + 5])
            else:
                sa += wn * k1 * dz[q]
                sb += wn * k1 * (dz[q + 2] - dz[q + 1])
            q += 2 * nta + ntb
        for mo in range(nout):
            sv[mo, 1 + f] += oa2[mo] * sa + ob2[mo] * sb


@nb.njit(cache=True)
def _scatter(cm, npt, kind, idx, rp, rg, K, row_of, col_base, far_r):
    """Spread cm[p, out, moment] onto the matrix columns of the node values (interpolation / far field)."""
    n = rg.shape[0]
    wl = np.empty(N_INTERP)
    rmax = rg[n - 1]
    for p in range(npt):
        if kind[p] == 0:
            k = idx[p]
            for mo in range(row_of.shape[0]):
                ro = row_of[mo]
                if ro < 0:
                    continue
                for mi in range(N_MOM):
                    K[ro, mi * n + k] += cm[p, mo, mi]
        elif kind[p] == 1:
            k0 = _lagrange(rg, rp[p], wl)
            for mo in range(row_of.shape[0]):
                ro = row_of[mo]
                if ro < 0:
                    continue
                for mi in range(N_MOM):
                    v = cm[p, mo, mi]
                    if v == 0.0:
                        continue
                    for a in range(N_INTERP):
                        K[ro, mi * n + k0 + a] += v * wl[a]
        else:
            x = rmax / rp[p]
            x2 = x * x
            x3 = x2 * x
            f11 = 0.25 * x + 0.75 * x3
            f12 = 0.75 * x - 0.75 * x3
            f21 = 0.25 * x - 0.25 * x3
            f22 = 0.75 * x + 0.25 * x3
            k = n - 1
            for mo in range(row_of.shape[0]):
                ro = row_of[mo]
                if ro < 0:
                    continue
                K[ro, 0 * n + k] += cm[p, mo, 0] * x2
                K[ro, 1 * n + k] += cm[p, mo, 1] * x2
                K[ro, 2 * n + k] += cm[p, mo, 2] * f11 + cm[p, mo, 3] * f21
                K[ro, 3 * n + k] += cm[p, mo, 2] * f12 + cm[p, mo, 3] * f22
                K[ro, 4 * n + k] += cm[p, mo, 4] * x3
                K[ro, 5 * n + k] += cm[p, mo, 5] * x3


@nb.njit(cache=True)
def _scatter_wall(csig, cb, K, b, row_of, col_base):
    """Add each output's wall-unknown coefficients csig[out, w] (columns col_base + w) and right-hand sides
    cb[out, q] to its row ``row_of[out]`` of K and b (no row: -1)."""
    for mo in range(row_of.shape[0]):
        ro = row_of[mo]
        if ro < 0:
            continue
        for q in range(csig.shape[1]):
            K[ro, col_base + q] += csig[mo, q]
        for q in range(cb.shape[1]):
            b[ro, q] += cb[mo, q]


@nb.njit(cache=True, parallel=True)
def build_system(rg, mu, wmu, cq, wc, kappa, sfac, alpha, tau_w, ga, ub, gb, n_sub, far_ratio, s_ratio,
                 hkind, hwall, hsrc, wall_a, wall_b, proj_a, proj_b, tw, sig_tau):
    """Assemble K (m x m), b (m, 1 + F), Kx (2n x m), bx (2n, 1 + F) with m = 6 n + n_w (the last n_w unknowns
    belong to the wall: the density of the re-emitted Maxwellian, and for the Cercignani-Lampis wall the
    projections of the arriving distribution on the kernel's modes) and F = len(hkind) split-off fields.

    Right-hand side 0 is the problem set by (tau_w, ga, ub, gb). Right-hand side 1 + f is the response to a
    known free-space distribution phi_f = sum_n hwall[f, n] (-L)^n g_f of kind ``hkind[f]`` (see
    :func:`_split_field`: 0 the harmonic temperature dipole, 1 the Stokeslet, 2 the potential dipole) taken
    as part of the background: its wall data enter like the background's, and the residual of phi_f in the
    model equation, sum_n hsrc[f, n] (-L)^n g_f, is a volume source along every ray.

    ``mu[i, :]``, ``wmu[i, :]``: direction nodes and weights at node i (three panels of n_mu, the third the
    rays that come from the wall, at the same emission angles mu_w at every node). Background distribution
    at the wall (the part of the far-field solution that the perturbation is measured from):
    A_bg = ga (c^2 - 5/2), B_bg = 2 ub c + gb c (c^2 - 5/2). ``tau_w``: dipole of the wall temperature.

    Wall (the re-emitted distribution, per unit of wall unknown w, at speed node l and emission angle q):
    (e.n) ``wall_a[l, q, w]`` + (e.c^) ``wall_b[l, q, w]``, times ``alpha`` (Maxwell's diffuse fraction; the
    rest, 1 - alpha, is reflected specularly and traced; 1 for the CL wall). Unknown 6 n + w > 0 (CL only)
    is the projection of the arriving distribution at the wall (node 0, incoming directions q < n_mu) with
    the weights ``proj_a[l, q, w - 1]`` on A and ``proj_b[l, q, w - 1]`` on B; unknown 6 n is the wall density,
    the arriving mass flux (the unit mode). The wall temperature adds the re-emitted
    tau_w [tw[0] (c^2 - 3/2) + tw[1] (c_n^2 - 1) + tw[2] (c_t^2 - 1)] (e.n), and ``sig_tau`` tau_w to the
    wall-density equation (Maxwell: tw = (alpha, 0, 0), sig_tau = -1/2).
    """
    n = rg.shape[0]
    nj = mu.shape[1]
    n_mu = nj // 3
    nc = cq.shape[0]
    n_w = wall_a.shape[2]
    n_p = proj_a.shape[2]  # n_w - 1
    m = N_MOM * n + n_w
    isig = N_MOM * n
    K = np.zeros((m, m))
    n_f = hkind.shape[0]
    nrhs = 1 + n_f
    b = np.zeros((m, nrhs))
    # the wall-density row's own term, set before the parallel loop adds the arriving flux: written after the
    # loop (as `b[isig, 0] += ...`), Numba's parfor lowering lost the loop's contribution to this entry once
    # the loop wrote b only through _scatter_wall (checked against the Python function)
    b[isig, 0] = sig_tau * tau_w
    Kx = np.zeros((2 * n, m))
    bx = np.zeros((2 * n, nrhs))
    s_max = 46.0 * cq[nc - 1] / kappa
    s_min = 0.02 * cq[0] / kappa
    # points per ray: crossings x subdivisions, the geometric start, the far field
    span = 2.0 * (rg[n - 1] + s_max)
    n_geo = int(math.log(max(span / s_min, 2.0)) / math.log(s_ratio)) + 2
    maxp = (2 * n + 404) * (n_sub + 1) + 2 * n_geo + 10
    for i in prange(n):
        n_o = N_OUT + (n_p if i == 0 else 0)  # outputs: N_OUT, plus the CL wall projections at node 0
        s1 = np.empty(maxp)
        r1 = np.empty(maxp)
        k1 = np.empty(maxp, dtype=np.int64)
        i1 = np.empty(maxp, dtype=np.int64)
        s2 = np.empty(maxp)
        r2 = np.empty(maxp)
        k2 = np.empty(maxp, dtype=np.int64)
        i2 = np.empty(maxp, dtype=np.int64)
        w = np.empty(maxp)
        cm1 = np.zeros((maxp, n_o, N_MOM))
        cm2 = np.zeros((maxp, n_o, N_MOM))
        nz = 0
        if n_f > 0:
            nz = (2 * _N_TA_STOKES + _N_TB_STOKES) * hsrc.shape[1]
        z1 = np.empty((maxp, nz))
        z2 = np.empty((maxp, nz))
        dz = np.empty(nz)
        terms = np.empty((max(hsrc.shape[1], 1), _N_TA_STOKES + _N_TB_STOKES))
        oa = np.empty(n_o)
        ob = np.empty(n_o)
        ea = np.empty(n_o)  # scratch of _accumulate (output weights after the ray map)
        eb = np.empty(n_o)
        csig = np.zeros((n_o, n_w))
        cb = np.zeros((n_o, nrhs))
        row_of = np.empty(n_o, dtype=np.int64)
        row_x = np.empty(n_o, dtype=np.int64)
        for mo in range(n_o):
            row_of[mo] = -1
            row_x[mo] = -1
        for mo in range(N_MOM):
            row_of[mo] = mo * n + i
        if i == 0:
            row_of[8] = isig
            for e in range(n_p):
                row_of[N_OUT + e] = isig + 1 + e
        row_x[6] = i
        row_x[7] = n + i
        r0 = rg[i]
        for j in range(nj):
            mu0 = mu[i, j]
            rmu = r0 * mu0
            if i == 0 and mu0 > 0.0:
                np1, hit, s_w, mu_w = 1, True, 0.0, mu0
                s1[0] = 0.0
                r1[0] = 1.0
                k1[0] = 0
                i1[0] = 0
            else:
                np1, hit, s_w, mu_w = _ray(r0, mu0, i, rg, n_sub, far_ratio, s_max, s_min, s_ratio, s1, r1, k1, i1)
            q_w = j - 2 * n_mu  # the emission angle's index (only the third panel's rays come from the wall)
            np2 = 0
            if hit and alpha < 1.0:
                np2, h2, sw2, mw2 = _ray(1.0, -mu_w, 0, rg, n_sub, far_ratio, s_max, s_min, s_ratio, s2, r2, k2, i2)
            nc1 = 0
            nc2 = 0
            if n_f > 0:
                nc1 = _split_ray_basis(s1, r1, np1, r0, rmu, hkind, hsrc, z1, terms)
                if np2 > 0:
                    nc2 = _split_ray_basis(s2, r2, np2, 1.0, -mu_w, hkind, hsrc, z2, terms)
            # a wall-hit ray ends on node 0: the gas source is integrated up to the wall, and the
            # re-emitted distribution is added with its attenuation exp(-s_w / lam)
            for p in range(np1):
                for mo in range(n_o):
                    for mi in range(N_MOM):
                        cm1[p, mo, mi] = 0.0
            for p in range(np2):
                for mo in range(n_o):
                    for mi in range(N_MOM):
                        cm2[p, mo, mi] = 0.0
            for mo in range(n_o):
                for q in range(n_w):
                    csig[mo, q] = 0.0
                for q in range(nrhs):
                    cb[mo, q] = 0.0
            node0_in = i == 0 and mu0 < 0.0
            proj_in = node0_in and j < n_mu  # the arriving directions at the wall (panel 2 is empty there)
            for l in range(nc):
                c = cq[l]
                lam = c / kappa
                _out_coefs(c, mu0, wc[l] * wmu[i, j], node0_in, oa, ob)
                for e in range(n_o - N_OUT):
                    if proj_in:
                        oa[N_OUT + e] = proj_a[l, j, e]
                        ob[N_OUT + e] = proj_b[l, j, e]
                    else:
                        oa[N_OUT + e] = 0.0
                        ob[N_OUT + e] = 0.0
                _accumulate(cm1, s1, r1, k1, np1, r0, mu0, rmu, c, lam, sfac, 1.0, 0.0, 0.0, 1.0,
                            oa, ob, w, ea, eb, kappa, hkind, hsrc, cb, z1, nc1, dz)
                if not hit:
                    if i == 0:
                        # incoming at the wall: the background enters the wall-density balance (and the
                        # projections of the CL kernel)
                        abg = ga * (c * c - 2.5)
                        bbg = 2.0 * ub * c + gb * c * (c * c - 2.5)
                        for mo in range(8, n_o):
                            cb[mo, 0] += oa[mo] * abg + ob[mo] * bbg
                        for f in range(n_f):
                            ah, bh = _split_field(c, 1.0, mu0, kappa, hwall[f], hkind[f], sfac)
                            for mo in range(8, n_o):
                                cb[mo, 1 + f] += oa[mo] * ah + ob[mo] * bh
                    continue
                ew = math.exp(-s_w / lam)
                abg = ga * (c * c - 2.5)
                bbg = 2.0 * ub * c + gb * c * (c * c - 2.5)
                cn2 = c * c * mu_w * mu_w
                ct2 = c * c - cn2
                a_c = (alpha * tau_w * (tw[0] * (c * c - 1.5) + tw[1] * (cn2 - 1.0) + tw[2] * (ct2 - 1.0))
                       - alpha * abg - (1.0 - alpha) * 2.0 * mu_w * bbg)
                b_c = -alpha * bbg
                af = ew * r0 * a_c
                bf = ew * (b_c - s_w * a_c)
                for mo in range(n_o):
                    cb[mo, 0] += oa[mo] * af + ob[mo] * bf
                for q in range(n_w):
                    wa = wall_a[l, q_w, q]
                    wb_ = wall_b[l, q_w, q]
                    sa = ew * r0 * alpha * wa
                    sb = ew * alpha * (wb_ - s_w * wa)
                    for mo in range(n_o):
                        csig[mo, q] += oa[mo] * sa + ob[mo] * sb
                for f in range(n_f):
                    # phi_f as background: diffuse part -alpha phi_f(+), specular part (1 - alpha) times
                    # phi_f(reflected incoming) - phi_f(+)
                    ap, bp = _split_field(c, 1.0, mu_w, kappa, hwall[f], hkind[f], sfac)
                    am, bm = _split_field(c, 1.0, -mu_w, kappa, hwall[f], hkind[f], sfac)
                    a_h = -alpha * ap + (1.0 - alpha) * (am - ap - 2.0 * mu_w * bm)
                    b_h = -alpha * bp + (1.0 - alpha) * (bm - bp)
                    af = ew * r0 * a_h
                    bf = ew * (b_h - s_w * a_h)
                    for mo in range(n_o):
                        cb[mo, 1 + f] += oa[mo] * af + ob[mo] * bf
                if np2 > 0:
                    g = ew * (1.0 - alpha)
                    _accumulate(cm2, s2, r2, k2, np2, 1.0, -mu_w, -mu_w, c, lam, sfac,
                                g * r0, -g * 2.0 * mu_w * r0, -g * s_w, g * (1.0 + 2.0 * mu_w * s_w),
                                oa, ob, w, ea, eb, kappa, hkind, hsrc, cb, z2, nc2, dz)
            _scatter(cm1, np1, k1, i1, r1, rg, K, row_of, 0, 0.0)
            _scatter(cm1, np1, k1, i1, r1, rg, Kx, row_x, 0, 0.0)
            if np2 > 0:
                _scatter(cm2, np2, k2, i2, r2, rg, K, row_of, 0, 0.0)
                _scatter(cm2, np2, k2, i2, r2, rg, Kx, row_x, 0, 0.0)
            _scatter_wall(csig, cb, K, b, row_of, isig)
            _scatter_wall(csig, cb, Kx, bx, row_x, isig)
    return K, b, Kx, bx
