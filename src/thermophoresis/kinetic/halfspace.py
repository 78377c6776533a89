r"""Half-space problems of the linearized BGK and Shakhov (S) models: velocity slip, thermal slip, temperature jump.

A gas fills :math:`x > 0` above a plane wall. Far from the wall it obeys the Navier–Stokes–Fourier
equations; within a few mean free paths (the Knudsen layer) it does not, and what continuum theory keeps of
that layer is a set of boundary constants:

- **Kramers problem** (shear flow along the wall): far away :math:`u_y = (du/dx)(x + \zeta_P)`; the
  *viscous slip length* :math:`\zeta_P`;
- **thermal creep** (temperature gradient along the wall): far away the gas slides at
  :math:`u_y = \sigma_T\,(\mu/\rho T)\,\partial T/\partial y`, from cold to hot; the *thermal slip
  coefficient* :math:`\sigma_T` (Maxwell's estimate 3/4);
- **temperature jump** (heat flux through the wall): far away :math:`T = T_w + (dT/dx)(x + \zeta_T)`;
  the *temperature-jump length* :math:`\zeta_T`.

Mean free paths
---------------
Three lengths are in use; this module computes in the first and reports in the second:

- :math:`l = (\mu/p)\sqrt{2kT/m}` (Siewert, Sharipov), the natural unit of the dimensionless equation;
- the toolkit's :math:`\lambda = (\mu/p)\sqrt{\pi kT/(2m)} = (\sqrt\pi/2)\,l` (DESIGN.md), so a length
  :math:`\zeta` is :math:`\zeta/\lambda = (2/\sqrt\pi)\,\zeta/l`;
- Sone's :math:`\ell_0 = (2/\sqrt\pi)\,l = (4/\pi)\lambda` (for the BGK model, whose viscosity is
  :math:`\mu = (\sqrt\pi/2) p\,\ell_0/\sqrt{2kT/m}`), used with :math:`k = (\sqrt\pi/2)\ell_0/L`, so that
  Sone's coefficients are :math:`k_0 = -\zeta_P/l`, :math:`K_1 = -\sigma_T/2`, :math:`d_1 = \zeta_T/l`.

:math:`\mu` is the model's own viscosity: both models have the collision frequency :math:`\nu = p/\mu`.
Their conductivities differ: the BGK model has :math:`k = \tfrac52 (k_B/m)\mu` (Pr = 1), the S-model the
monatomic :math:`k = \tfrac{15}{4}(k_B/m)\mu` (Pr = 2/3). The temperature jump of BGK in units of the
*viscosity* mean free path therefore belongs to a gas with the wrong conductivity; see the docs
(``docs/kinetic_halfspace.md``).

The equations
-------------
With :math:`c` in units of :math:`\sqrt{2kT/m}`, x in units of l and :math:`f = f_0(1 + h)`,
:math:`f_0 = \pi^{-3/2}e^{-c^2}`,

.. math::

    c_x \partial_x h + h = n + 2\mathbf c\cdot\mathbf u + (c^2 - \tfrac32)\tau
        + \tfrac45(1 - \mathrm{Pr})\,(c^2 - \tfrac52)\,\mathbf c\cdot\mathbf q,

with :math:`n, \mathbf u, \tau, \mathbf q` the density, velocity, temperature and heat-flux moments of h
(the last term is Shakhov's; it is absent for BGK). The dependence on the velocity components along the
wall is exact in two functions of :math:`(x, \xi = c_x)`: :math:`h = c_y[A + (c_\perp^2 - 2)B]` for the two
tangential problems and :math:`h = A + (c_\perp^2 - 1)B` for the jump problem.

The method (discrete ordinates, solved analytically in x)
---------------------------------------------------------
:math:`\xi` is discretized on :math:`\pm\xi_k`, the nodes of the half-range Gauss rule for the weight
:math:`e^{-\xi^2}` on :math:`[0, \infty)` (computed here by the discretized Stieltjes procedure and
Golub–Welsch). The discrete system :math:`D\,\Psi' = -(I - K)\Psi` is linear with constant coefficients,
so its solutions are the exponentials :math:`v_j e^{-\lambda_j x}` of the eigenproblem
:math:`(I - K) v = \lambda D v` plus the polynomial (Chapman–Enskog) solutions that belong to the zero
eigenvalues. The half-space solution keeps the decaying modes (:math:`\lambda_j > 0`) and the exact
Chapman–Enskog solution with the unknown slip/jump constant; the wall condition on the outgoing
ordinates is a square linear system for the mode amplitudes and the constant. This is the idea of the
analytical discrete-ordinates method of Barichello & Siewert, here without its half-size reduction:
there is no spatial grid, so the only discretization parameter is the number of nodes ``n_velocity``,
and 16 nodes give six significant digits. There is no hot loop: the cost is one dense
eigen-decomposition of size ``4 * n_velocity`` per problem.

An independent check, ``method='slab'``, puts the same ordinates on a graded grid over a finite slab
whose far side carries the Chapman–Enskog distribution: linear-characteristic transport sweeps (the hot
loop, compiled with Numba, ``cache=True``) accelerated by GMRES. It shares nothing with the eigenmode
solution but the velocity nodes, and converges to it at second order in the cell size.

Gas–surface interaction: Maxwell's kernel with diffuse fraction ``accommodation`` in (0, 1], or the
Cercignani–Lampis kernel (``wall='cl'``) with tangential-momentum accommodation ``accommodation`` and
normal-energy accommodation ``normal_accommodation``. The CL kernel keeps the reduction exact: its
tangential part maps the Hermite polynomials of degree k in the wall-parallel velocity onto themselves
times :math:`(1-\alpha_t)^k` (degrees 1 and 3 for the tangential problems, 0 and 2 for the jump), and its
normal part is discretized by a Galerkin projection that keeps reciprocity and mass conservation exact.

References
----------
None of these could be read here; the formulation above is derived from the model equations, and the
published numbers quoted in the tests and docs are from memory unless marked as read.

.. [1] Barichello, L. B., Siewert, C. E.: the analytical discrete-ordinates (ADO) method; and Siewert,
   C. E., Sharipov, F. (2002), Model equations in rarefied gas dynamics: viscous-slip and thermal-slip
   coefficients, Phys. Fluids 14, 4123 (as remembered).
.. [2] Sone, Y. (2007). Molecular Gas Dynamics. Birkhäuser (its slip-coefficient notation).
.. [3] Loyalka, S. K., Petrellis, N., Storvick, T. S. (1975). Some numerical results for the BGK model:
   thermal creep and viscous slip problems with arbitrary accommodation at the surface. Phys. Fluids 18,
   1094-1099 (only the abstract was read).
"""

from __future__ import annotations

import difflib
import functools
import math
from dataclasses import asdict, dataclass, field

import numba as nb
import numpy as np
import scipy.linalg
import scipy.special
from scipy.sparse.linalg import LinearOperator, gmres

from .._docs import fill, references
from ..exceptions import InputError, UnknownNameError

__all__ = [
    "HalfSpaceCoefficients",
    "KnudsenLayer",
    "MODELS",
    "half_range_gauss_hermite",
    "knudsen_layer",
    "slip_coefficients",
]

#: Kinetic models and their Prandtl numbers (both have the collision frequency p/mu)
MODELS = {"bgk": 1.0, "s": 2.0 / 3.0}
_ALIASES = {"bgk": "bgk", "s": "s", "s-model": "s", "shakhov": "s"}
PROBLEMS = ("kramers", "creep", "jump")

_SQRT_PI = math.sqrt(math.pi)
#: l / lambda: Siewert's mean free path over the toolkit's
_L_OVER_MFP = 2.0 / _SQRT_PI

#: the works the docstrings here cite (as the module docstring does: the papers could not be read here), and
#: the References section of each function (``_docs.fill`` slots)
_WORKS = {
    "quadrature": "Computed here: the discretized Stieltjes procedure for the recurrence coefficients and the "
                  "Golub-Welsch eigenproblem for the rule (``docs/kinetic_halfspace.md``, section \"Method\"); "
                  "tested against the moments of the weight. No publication was read for it.",
    "method": "Derived here: the discrete ordinates solved analytically in x (module docstring; "
              "``docs/kinetic_halfspace.md``, sections \"Method\" and \"Exact relations (derived here, used as "
              "tests)\"), with the independent slab solution as a check.",
    "ado": "Barichello, L. B., Siewert, C. E.: the analytical discrete-ordinates (ADO) method (the idea of "
           "the method; not read here).",
    "siewert": "Siewert, C. E., Sharipov, F. (2002). Model equations in rarefied gas dynamics: viscous-slip "
               "and thermal-slip coefficients. Phys. Fluids 14, 4123 (the S-model values compared with, as "
               "remembered; not read here).",
    "sone": "Sone, Y. (2007). Molecular Gas Dynamics. Birkhäuser (its slip-coefficient notation, "
            "``in_sone_units``, and its BGK values, as remembered).",
    "loyalka": "Loyalka, S. K., Petrellis, N., Storvick, T. S. (1975). Some numerical results for the BGK model: "
               "thermal creep and viscous slip problems with arbitrary accommodation at the surface. Phys. "
               "Fluids 18, 1094-1099 (only the abstract was read).",
    "talbot": "Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). Thermophoresis of particles in a "
              "heated boundary layer. J. Fluid Mech. 101, 737-758 (the C_s, C_t, C_m compared with, as typed in "
              "``force/continuum.py``).",
}
_DOC = {f"references_{name}": references(*(_WORKS[w] for w in works)) for name, works in (
    ("quadrature", ("quadrature",)), ("layer", ("method", "ado")),
    ("slip", ("method", "ado", "siewert", "sone", "loyalka", "talbot")),
)}

# Separates the decaying modes from the numerically zero (hydrodynamic) eigenvalues, which sit at
# O(sqrt(machine eps)) because they form Jordan blocks; the smallest true decay rate is ~ 1 / max(xi) > 0.05.
_ZERO_EIGENVALUE = 1e-5


def _model_name(model) -> str:
    key = str(model).strip().lower()
    if key not in _ALIASES:
        close = difflib.get_close_matches(key, list(_ALIASES), n=3, cutoff=0.4)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise UnknownNameError(f"unknown kinetic model {model!r}{hint}. Known: 's' (Shakhov S-model, "
                               f"Pr = 2/3; aliases 'shakhov', 's-model'), 'bgk' (Pr = 1)")
    return _ALIASES[key]


def _check_accommodation(value) -> float:
    try:
        a = float(value)
    except (TypeError, ValueError):
        raise InputError(f"accommodation must be a number in (0, 1], got {value!r}") from None
    if not (0.0 < a <= 1.0):  # NaN fails too
        raise InputError(f"accommodation (Maxwell's diffuse fraction) must be in (0, 1], got {value!r}; "
                         "at 0 (specular wall) the slip is infinite")
    return a


_WALLS = {"maxwell": "maxwell", "cl": "cl", "cercignani-lampis": "cl", "cercignani_lampis": "cl"}
#: smallest CL normal accommodation the kernel quadrature resolves (its width is ~ sqrt(alpha_n))
_MIN_NORMAL_ACCOMMODATION = 0.02


def _check_wall(wall, normal_accommodation, accommodation):
    key = str(wall).strip().lower()
    if key not in _WALLS:
        close = difflib.get_close_matches(key, list(_WALLS), n=2, cutoff=0.4)
        hint = f"; closest: {', '.join(close)}" if close else ""
        raise UnknownNameError(f"unknown wall model {wall!r}{hint}. Known: 'maxwell' (diffuse fraction "
                               "`accommodation`), 'cl' (Cercignani-Lampis; alias 'cercignani-lampis')")
    key = _WALLS[key]
    if key == "maxwell":
        if normal_accommodation is not None:
            raise InputError(f"normal_accommodation applies to the Cercignani-Lampis wall only (wall='cl'), "
                             f"got {normal_accommodation!r} with wall='maxwell'")
        return key, None
    if normal_accommodation is None:
        return key, accommodation
    try:
        an = float(normal_accommodation)
    except (TypeError, ValueError):
        raise InputError(f"normal_accommodation must be a number in [{_MIN_NORMAL_ACCOMMODATION}, 1], "
                         f"got {normal_accommodation!r}") from None
    if not (_MIN_NORMAL_ACCOMMODATION <= an <= 1.0):
        raise InputError(f"normal_accommodation (CL normal-energy accommodation) must be in "
                         f"[{_MIN_NORMAL_ACCOMMODATION}, 1], got {normal_accommodation!r}; below "
                         f"{_MIN_NORMAL_ACCOMMODATION} the kernel is narrower than its quadrature resolves")
    return key, an


def _check_n_velocity(value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 4 <= value <= 200:
        raise InputError(f"n_velocity (half-range nodes in the normal velocity) must be an integer in "
                         f"[4, 200], got {value!r}")
    return int(value)


@fill(_DOC)
def half_range_gauss_hermite(n: int):
    r"""Nodes and weights of the n-point Gauss rule for :math:`\int_0^\infty e^{-\xi^2} F(\xi)\,d\xi`.

    The recurrence coefficients of the orthogonal polynomials come from the discretized Stieltjes
    procedure on a 2560-point composite Gauss–Legendre rule (exact to rounding for the polynomial
    degrees used), the rule from the Golub–Welsch eigenproblem.

    Parameters
    ----------
    n : int
        Number of nodes, in [4, 200].

    Returns
    -------
    nodes : numpy.ndarray
        The n nodes :math:`\xi_k > 0`, ascending [-] (speeds in units of :math:`\sqrt{2kT/m}`).
    weights : numpy.ndarray
        The n weights [-]; they sum to :math:`\sqrt\pi/2`.

    %(references_quadrature)s

    Examples
    --------
    >>> x, w = half_range_gauss_hermite(8)
    >>> round(float(w.sum()), 12) == round(math.sqrt(math.pi) / 2, 12), round(float(w @ x), 12)
    (True, 0.5)
    """
    n = _check_n_velocity(n)
    alpha, beta = _recurrence(n)
    nodes, vectors = scipy.linalg.eigh_tridiagonal(alpha, np.sqrt(beta[1:]))
    return nodes, beta[0] * vectors[0] ** 2


@functools.lru_cache(maxsize=32)
def _recurrence(n):
    """Recurrence coefficients (alpha_k, beta_k) of the polynomials orthogonal for exp(-x^2) on [0, inf)."""
    t, wt = np.polynomial.legendre.leggauss(40)
    edges = np.linspace(0.0, math.sqrt(2.0 * n) + 12.0, 65)
    lo, hi = edges[:-1, None], edges[1:, None]
    x = (0.5 * (hi - lo) * t + 0.5 * (hi + lo)).ravel()
    w = (0.5 * (hi - lo) * wt).ravel() * np.exp(-x * x)
    alpha = np.empty(n)
    beta = np.empty(n)
    beta[0] = w.sum()
    p_prev = np.zeros_like(x)
    p = np.full_like(x, 1.0 / math.sqrt(beta[0]))
    for k in range(n):
        alpha[k] = np.sum(w * x * p * p)
        q = (x - alpha[k]) * p - (math.sqrt(beta[k]) * p_prev if k else 0.0)
        if k + 1 < n:
            beta[k + 1] = np.sum(w * q * q)
            p_prev, p = p, q / math.sqrt(beta[k + 1])
    alpha.flags.writeable = False
    beta.flags.writeable = False
    return alpha, beta


def _orthonormal(alpha, beta, x):
    """The orthonormal polynomials p_0 .. p_{n-1} (weight exp(-x^2) on [0, inf)) at x: shape (n, len(x))."""
    n = alpha.size
    p = np.empty((n, x.size))
    p[0] = 1.0 / math.sqrt(beta[0])
    if n > 1:
        p[1] = (x - alpha[0]) * p[0] / math.sqrt(beta[1])
    for k in range(1, n - 1):
        p[k + 1] = ((x - alpha[k]) * p[k] - math.sqrt(beta[k]) * p[k - 1]) / math.sqrt(beta[k + 1])
    return p


@functools.lru_cache(maxsize=64)
def _cercignani_lampis_normal(n, alpha_n):
    r"""The normal part of the Cercignani–Lampis kernel acting on nodal values, (n, n).

    For h = f/f0 - 1 the kernel maps what arrives at the wall, h(-xi'), to what leaves,
    :math:`h(\xi) = \int_0^\infty R_n(\xi\to\xi')\,h(-\xi')\,d\xi'` (by reciprocity), with
    :math:`\xi e^{-\xi^2}R_n(\xi\to\xi') = (2\xi\xi'/\alpha_n)\,e^{-(\xi^2+\xi'^2)/\alpha_n}
    I_0(2\sqrt{1-\alpha_n}\,\xi\xi'/\alpha_n)` symmetric. Discretized by Galerkin projection on the
    polynomials of degree < n (the interpolants through the Gauss nodes) in the flux-weighted product,
    with a fine quadrature that resolves the kernel's width ~ sqrt(alpha_n): the discrete kernel is then
    symmetric (reciprocity) and conserves the mass flux exactly, and alpha_n = 1 is the diffuse kernel.
    """
    alpha, beta = _recurrence(n)
    nodes, weights = half_range_gauss_hermite(n)
    t, wt = np.polynomial.legendre.leggauss(10)
    top = math.sqrt(2.0 * n) + 8.0
    panels = int(math.ceil(top / min(0.5, 0.4 * math.sqrt(alpha_n))))
    edges = np.linspace(0.0, top, panels + 1)
    lo, hi = edges[:-1, None], edges[1:, None]
    x = (0.5 * (hi - lo) * t + 0.5 * (hi + lo)).ravel()
    wx = (0.5 * (hi - lo) * wt).ravel()
    # Lagrange interpolants through the Gauss nodes (Christoffel-Darboux): l_j(x) = w_j sum_k p_k(x_j) p_k(x)
    lagrange = (_orthonormal(alpha, beta, nodes) * weights).T @ _orthonormal(alpha, beta, x)   # (n, M)
    z = 2.0 * math.sqrt(1.0 - alpha_n) * np.outer(x, x) / alpha_n
    kernel = (2.0 / alpha_n) * np.outer(x, x) * np.exp(z - (x[:, None] ** 2 + x[None, :] ** 2) / alpha_n)
    kernel *= scipy.special.i0e(z)
    lw = lagrange * wx
    symmetric = lw @ kernel @ lw.T
    symmetric = 0.5 * (symmetric + symmetric.T)
    return symmetric / (weights * nodes)[:, None]


@dataclass(frozen=True)
class _Discrete:
    """The discretized problem: ordinates, moment functionals and the decaying modes."""

    problem: str
    prandtl: float
    accommodation: float
    xi: np.ndarray            # (N,) positive nodes
    mu: np.ndarray            # (2N,) ordinates [xi, -xi]
    weight: np.ndarray        # (2N,) weights of int psi(xi) F dxi, psi = exp(-xi^2)/sqrt(pi)
    moments: np.ndarray       # (r, 2 * 2N) rows: moment functionals on the state [A(mu), B(mu)]
    names: tuple              # moment names
    rates: np.ndarray         # (M,) decay rates lambda_j > 0 [1/l]
    modes: np.ndarray         # (2 * 2N, M) eigenvectors
    amplitudes: np.ndarray    # (M,)
    constants: np.ndarray     # hydrodynamic unknowns (slip, jump, ...)
    particular: tuple         # (P0, P1): Chapman-Enskog solution P0 + x P1 with unit forcing
    directions: np.ndarray    # (2 * 2N, n_const): hydrodynamic solutions multiplying `constants`
    residual: float           # of the wall condition solve

    def state(self, x):
        """[A, B] at the ordinates for each x [l]: shape (len(x), 4N)."""
        x = np.atleast_1d(np.asarray(x, dtype=float))
        p0, p1 = self.particular
        hydro = p0[None, :] + x[:, None] * p1[None, :] + (self.directions @ self.constants)[None, :]
        layer = (np.exp(-np.outer(x, self.rates)) * self.amplitudes) @ self.modes.T
        return hydro + layer

    def moment(self, name, x):
        return self.state(x) @ self.moments[self.names.index(name)]

    def layer_integral(self, name):
        """Integral over x in (0, inf) of the Knudsen-layer part of a moment [l]."""
        row = self.moments[self.names.index(name)]
        return float(np.sum(self.amplitudes * (row @ self.modes) / self.rates))


def _operators(problem, prandtl, n):
    xi, w = half_range_gauss_hermite(n)
    w = w / _SQRT_PI
    mu = np.concatenate([xi, -xi])
    W = np.concatenate([w, w])
    m2 = 2 * n
    kappa = 0.8 * (1.0 - prandtl)
    zeros, ones = np.zeros(m2), np.ones(m2)
    if problem in ("kramers", "creep"):
        # h = c_y [A + (c_perp^2 - 2) B]; moments u_y, q_y, and the shear stress p_xy = int f0 c_x c_y h
        names = ("u", "q", "p_xy")
        G = np.array([np.concatenate([0.5 * W, zeros]),
                      np.concatenate([0.5 * (mu ** 2 - 0.5) * W, W]),
                      np.concatenate([0.5 * mu * W, zeros])])
        F = np.zeros((2 * m2, 3))
        F[:m2, 0] = 2.0
        F[:m2, 1] = kappa * (mu ** 2 - 0.5)
        F[m2:, 1] = kappa
        if problem == "kramers":        # unit shear: u -> x + zeta
            p0 = np.concatenate([-2.0 * mu, zeros])
            p1 = np.concatenate([2.0 * ones, zeros])
        else:                           # unit gradient d(ln T)/dy per l; h = y (c^2 - 5/2) + h~(x, c)
            p0 = np.concatenate([-(mu ** 2 - 0.5) / prandtl, -ones / prandtl])
            p1 = np.zeros(2 * m2)
        directions = np.concatenate([2.0 * ones, zeros])[:, None]   # uniform slip velocity
    else:
        # h = A + (c_perp^2 - 1) B; moments n, u_x, tau, q_x
        names = ("n", "u", "tau", "q")
        G = np.array([np.concatenate([W, zeros]),
                      np.concatenate([mu * W, zeros]),
                      np.concatenate([2.0 / 3.0 * (mu ** 2 - 0.5) * W, 2.0 / 3.0 * W]),
                      np.concatenate([mu * (mu ** 2 - 1.5) * W, mu * W])])
        F = np.zeros((2 * m2, 4))
        F[:m2, 0] = 1.0
        F[:m2, 1] = 2.0 * mu
        F[:m2, 2] = mu ** 2 - 0.5
        F[:m2, 3] = kappa * mu * (mu ** 2 - 1.5)
        F[m2:, 2] = 1.0
        F[m2:, 3] = kappa * mu
        # unit gradient: tau = x, n = -x (constant pressure), heat flux -(5/4)/Pr
        p0 = np.concatenate([-mu * (mu ** 2 - 1.5) / prandtl, -mu / prandtl])
        p1 = np.concatenate([mu ** 2 - 1.5, ones])
        directions = np.column_stack([np.concatenate([mu ** 2 - 1.5, ones]),   # tau shift (the jump)
                                      np.concatenate([ones, zeros])])         # pressure level
    source = np.zeros(2 * m2)
    if problem == "creep":
        source = -np.concatenate([mu ** 2 - 0.5, ones])
    return xi, mu, W, G, names, F, source, (p0, p1), directions


def _wall_blocks(problem, n, wall, accommodation, normal_accommodation):
    """Per component (A, B), the (n, n) matrix taking arriving to leaving nodal values at the wall."""
    if wall == "maxwell":
        # out = (1 - a) in + a * diffuse; the diffuse part is zero here: the c_y-odd problems have none,
        # and the jump problem is normalized so that the wall re-emits at the reference density
        return [(1.0 - accommodation) * np.eye(n)] * 2
    normal = _cercignani_lampis_normal(n, normal_accommodation)
    keep = 1.0 - accommodation          # CL tangential kernel: Hermite polynomials of degree k -> keep**k
    degrees = (1, 3) if problem in ("kramers", "creep") else (0, 2)
    return [keep ** d * normal for d in degrees]


def _solve(problem, model, accommodation, n_velocity, wall="maxwell", normal_accommodation=None) -> _Discrete:
    prandtl = MODELS[model]
    xi, mu, W, G, names, F, source, particular, directions = _operators(problem, prandtl, n_velocity)
    n = xi.size
    D = np.tile(mu, 2)
    rates, modes = scipy.linalg.eig((np.eye(D.size) - F @ G) / D[:, None])
    keep = (np.abs(rates) > _ZERO_EIGENVALUE) & (rates.real > 0)
    if np.max(np.abs(rates[keep].imag), initial=0.0) > 1e-8:
        raise RuntimeError("complex decay rates: the discrete kinetic operator lost its symmetry")
    rates, modes = rates[keep].real, modes[:, keep].real
    # wall at x = 0, on the outgoing ordinates (the first n of each component): out = W_c in
    rows = np.zeros((2 * n, 4 * n))
    for c, block in enumerate(_wall_blocks(problem, n, wall, accommodation, normal_accommodation)):
        rows[c * n:(c + 1) * n, c * 2 * n:c * 2 * n + n] = np.eye(n)
        rows[c * n:(c + 1) * n, c * 2 * n + n:(c + 1) * 2 * n] = -block
    if wall != "maxwell" and problem == "jump":
        # the CL wall conserves mass by itself, so a uniform density is a null solution: fix the pressure
        # level (drop that unknown); the remaining overdetermined system is consistent
        directions = directions[:, :1]
    matrix = np.column_stack([rows @ directions, rows @ modes])
    rhs = -rows @ particular[0]
    if matrix.shape[0] == matrix.shape[1]:
        solution = np.linalg.solve(matrix, rhs)
    else:
        solution = np.linalg.lstsq(matrix, rhs, rcond=None)[0]
    residual = float(np.linalg.norm(matrix @ solution - rhs) / max(np.linalg.norm(rhs), 1e-300))
    nc = directions.shape[1]
    return _Discrete(problem, prandtl, accommodation, xi, mu, W, G, names, rates, modes, solution[nc:],
                     solution[:nc], particular, directions, residual)


# ---------------------------------------------------------------------------------------------------------
# Independent check: the same discrete ordinates on a graded slab grid, transport sweeps + GMRES
# ---------------------------------------------------------------------------------------------------------

@nb.njit(cache=True)
def _linear_source_weights(tau):
    """exp(-tau) and the weights of the source at the far and near end of a cell of optical depth tau,
    for a source linear across the cell, integrated exactly along the characteristic."""
    e = math.exp(-tau)
    if tau < 1e-4:
        a = tau * (0.5 - tau * (1.0 / 3.0 - tau / 8.0))
        return e, a, tau * (0.5 - tau * (1.0 / 6.0 - tau / 24.0))
    a = (1.0 - e - tau * e) / tau
    return e, a, (1.0 - e) - a


@nb.njit(cache=True)
def _sweep(moments, x, mu, gain, source, incoming, specular, functionals, out):
    """One transport sweep: moments (r, nx) -> the moments of the distribution they source.

    gain (m, 2n, r) and source (m, 2n) give the right-hand side at each ordinate; incoming (m, n) the
    distribution entering at x = L on the ordinates -xi; the wall re-emits ``specular`` times what hits
    it (Maxwell's kernel with the diffuse part normalized away); functionals (r, m, 2n) take moments.
    """
    r, nx = moments.shape
    m, n2, _ = gain.shape
    n = n2 // 2
    out[:, :] = 0.0
    for c in range(m):
        for j in range(n):
            xi = mu[j]
            jm = j + n
            h = incoming[c, j]
            s_far = source[c, jm]
            for k in range(r):
                s_far += gain[c, jm, k] * moments[k, nx - 1]
                out[k, nx - 1] += functionals[k, c, jm] * h
            for i in range(nx - 2, -1, -1):
                s_near = source[c, jm]
                for k in range(r):
                    s_near += gain[c, jm, k] * moments[k, i]
                e, a, b = _linear_source_weights((x[i + 1] - x[i]) / xi)
                h = h * e + a * s_far + b * s_near
                for k in range(r):
                    out[k, i] += functionals[k, c, jm] * h
                s_far = s_near
            h = specular * h
            s_far = source[c, j]
            for k in range(r):
                s_far += gain[c, j, k] * moments[k, 0]
                out[k, 0] += functionals[k, c, j] * h
            for i in range(1, nx):
                s_near = source[c, j]
                for k in range(r):
                    s_near += gain[c, j, k] * moments[k, i]
                e, a, b = _linear_source_weights((x[i] - x[i - 1]) / xi)
                h = h * e + a * s_far + b * s_near
                for k in range(r):
                    out[k, i] += functionals[k, c, j] * h
                s_far = s_near


def _slab_grid(n_cells, length):
    """Nodes on [0, length], graded toward the wall (sinh stretching: first cell ~ length/(33 n_cells))."""
    s = np.linspace(0.0, 1.0, n_cells + 1)
    return length * np.sinh(6.0 * s) / math.sinh(6.0)


def _solve_slab(problem, model, accommodation, n_velocity, n_cells, length):
    """Constants (and Kramers heat flow) from the slab [0, length] (length in l), far side held at the
    Chapman-Enskog distribution with the unknown constants, which are updated from the computed moments
    at the far side. The affine fixed-point map (the transport sweep) is solved by GMRES."""
    prandtl = MODELS[model]
    xi, mu, W, G, names, F, source, (p0, p1), directions = _operators(problem, prandtl, n_velocity)
    n2, r = mu.size, F.shape[1]
    gain = np.ascontiguousarray(F.reshape(2, n2, r))
    functionals = np.ascontiguousarray(G[:r].reshape(r, 2, n2))
    src = np.ascontiguousarray(source.reshape(2, n2))
    x = _slab_grid(n_cells, length)
    nx, nc = x.size, directions.shape[1]
    far_base = p0 + length * p1
    iu = names.index("u")

    def fixed_point(y):
        moments = y[: r * nx].reshape(r, nx)
        far = (far_base + directions @ y[r * nx:]).reshape(2, n2)
        out = np.empty((r, nx))
        _sweep(moments, x, mu, gain, src, np.ascontiguousarray(far[:, n2 // 2:]), 1.0 - accommodation,
               functionals, out)
        if problem == "kramers":
            const = [out[iu, -1] - length]
        elif problem == "creep":
            const = [out[iu, -1]]
        else:
            tau, dens = out[names.index("tau"), -1], out[names.index("n"), -1]
            const = [tau - length, dens + tau]
        return np.concatenate([out.ravel(), const])

    size = r * nx + nc
    b = fixed_point(np.zeros(size))
    op = LinearOperator((size, size), matvec=lambda y: y - (fixed_point(y) - b), dtype=float)
    y, info = gmres(op, b, rtol=1e-11, atol=0.0, restart=300, maxiter=20)
    if info != 0:
        raise RuntimeError(f"slab {problem}: GMRES did not converge (info={info})")
    residual = float(np.linalg.norm(op.matvec(y) - b) / np.linalg.norm(b))
    moments = y[: r * nx].reshape(r, nx)
    heat = float(np.trapezoid(moments[names.index("q")], x)) if problem == "kramers" else float("nan")
    return y[r * nx:], heat, residual


@dataclass(frozen=True)
class HalfSpaceCoefficients:
    r"""Slip and jump coefficients of one kinetic model and wall, in the toolkit's mean free path.

    Lengths are in units of :math:`\lambda = (\mu/p)\sqrt{\pi kT/(2m)}` (DESIGN.md), with :math:`\mu` the
    model's viscosity, so they are directly the slip-flow constants of Brock (1962) and Talbot et al.
    (1980) in :mod:`thermophoresis.force.continuum` (:meth:`continuum_constants`).

    Attributes
    ----------
    velocity_slip : float
        :math:`\zeta_P/\lambda`: :math:`u_{slip} = \zeta_P\,\partial u/\partial n` (Brock's :math:`C_m`).
    thermal_slip : float
        :math:`\sigma_T`: :math:`u_{slip} = \sigma_T\,(\mu/\rho T)\,\partial T/\partial s` (Brock's
        :math:`C_s`; no length in it).
    temperature_jump : float
        :math:`\zeta_T/\lambda`: :math:`T_{gas} - T_w = \zeta_T\,\partial T/\partial n` (Brock's :math:`C_t`).
    kramers_heat_flow : float
        :math:`\int_0^\infty q_y\,dx` of the Kramers problem over :math:`p\,l^2\,du/dx`, the heat carried
        along the wall by the Knudsen layer of a shear flow (l = Siewert's mean free path). Onsager
        reciprocity (derived in the docs): :math:`\sigma_T = 1/\mathrm{Pr} - 2\,Q_K`.
    model, prandtl, accommodation, n_velocity
        The model ('s' or 'bgk'), its Prandtl number, Maxwell's diffuse fraction and the number of
        half-range velocity nodes used.
    residual : float
        Largest relative residual of the three linear solves.
    wall, normal_accommodation
        The gas-surface kernel: 'maxwell' (``accommodation`` is the diffuse fraction;
        ``normal_accommodation`` None) or 'cl' (Cercignani–Lampis: ``accommodation`` is the tangential
        momentum accommodation :math:`\alpha_t`, ``normal_accommodation`` the normal-energy one
        :math:`\alpha_n`).
    method, n_cells, slab_length
        'ado' (discrete ordinates solved analytically in x; no spatial grid, ``n_cells`` and
        ``slab_length`` are None) or 'slab' (the check on a graded grid of ``n_cells`` cells over
        ``slab_length`` mean free paths :math:`\lambda`).
    """

    model: str
    prandtl: float
    accommodation: float
    n_velocity: int
    velocity_slip: float
    thermal_slip: float
    temperature_jump: float
    kramers_heat_flow: float
    residual: float
    wall: str = field(default="maxwell")
    normal_accommodation: float | None = field(default=None)
    method: str = field(default="ado")
    n_cells: int | None = field(default=None)
    slab_length: float | None = field(default=None)

    def continuum_constants(self) -> dict:
        """``dict(cs=, ct=, cm=)``, the keyword arguments of :func:`~thermophoresis.force.continuum.brock_1962`
        and :func:`~thermophoresis.force.continuum.talbot_1980` (Kn = mfp / radius there too)."""
        return dict(cs=self.thermal_slip, ct=self.temperature_jump, cm=self.velocity_slip)

    def in_siewert_units(self) -> dict:
        r"""The coefficients with lengths in :math:`l = (\mu/p)\sqrt{2kT/m}` (Siewert & Sharipov's
        :math:`\sigma_P, \sigma_T, \zeta_T`)."""
        return dict(sigma_p=self.velocity_slip / _L_OVER_MFP, sigma_t=self.thermal_slip,
                    zeta_t=self.temperature_jump / _L_OVER_MFP)

    def in_sone_units(self) -> dict:
        r"""Sone's notation (lengths :math:`k = (\sqrt\pi/2)\ell_0/L`, :math:`\ell_0 = (2/\sqrt\pi) l`):
        :math:`k_0 = -\zeta_P/l`, :math:`K_1 = -\sigma_T/2`, :math:`d_1 = \zeta_T/l`."""
        s = self.in_siewert_units()
        return dict(k0=-s["sigma_p"], K1=-0.5 * s["sigma_t"], d1=s["zeta_t"])

    def to_dict(self) -> dict:
        d = asdict(self)
        d["continuum_constants"] = self.continuum_constants()
        d["siewert_units"] = self.in_siewert_units()
        d["sone_units"] = self.in_sone_units()
        d["mean_free_path"] = "lambda = (mu/p) sqrt(pi k T / (2 m)), mu the model's viscosity"
        return d


@fill(_DOC)
def slip_coefficients(model="s", accommodation=1.0, n_velocity=16, method="ado", n_cells=240,
                      slab_length=40.0, wall="maxwell", normal_accommodation=None) -> HalfSpaceCoefficients:
    r"""Velocity slip, thermal slip and temperature jump of a kinetic model at a Maxwell wall.

    Parameters
    ----------
    model : {'s', 'bgk'}
        Linearized Shakhov S-model (Pr = 2/3; also 'shakhov', 's-model') or BGK (Pr = 1).
    accommodation : float
        Maxwell's diffuse fraction :math:`\alpha` [-], in (0, 1] (1 = fully diffuse); with ``wall='cl'``
        the Cercignani–Lampis tangential-momentum accommodation :math:`\alpha_t` [-], in (0, 1].
    n_velocity : int
        Half-range Gauss nodes in the normal velocity (4 to 200). 16 give six digits, 8 give four.
    method : {'ado', 'slab'}
        'ado' (default): the discrete-ordinates system solved analytically in x (eigenmodes), exact in
        space. 'slab': an independent check, the same ordinates on a finite slab of ``slab_length``
        mean free paths with ``n_cells`` graded cells, linear-characteristic transport sweeps (Numba)
        accelerated by GMRES; second order in the cell size (240 cells: 3e-4 relative, 1e-3 for the
        thermal slip).
    n_cells : int
        Cells of the 'slab' method's graded grid, in [8, 100000] (ignored by 'ado').
    slab_length : float
        Slab length of the 'slab' method in mean free paths :math:`\lambda` [-], in [5, 1e4] (ignored by
        'ado').
    wall : {'maxwell', 'cl'}
        Maxwell's kernel, or Cercignani–Lampis ('cl', method 'ado' only).
    normal_accommodation : float, optional
        CL normal-energy accommodation :math:`\alpha_n` [-], in [0.02, 1]; default ``accommodation``.
        CL with :math:`\alpha_t = \alpha_n = 1` is the diffuse wall.

    Returns
    -------
    HalfSpaceCoefficients
        Lengths in the toolkit's mean free path :math:`\lambda = (\mu/p)\sqrt{\pi kT/(2m)}`:
        ``velocity_slip`` = :math:`C_m`, ``temperature_jump`` = :math:`C_t`, and ``thermal_slip`` =
        :math:`C_s`, as used by :func:`thermophoresis.force.continuum.brock_1962` (all three [-]).

    %(references_slip)s

    Examples
    --------
    >>> c = slip_coefficients("bgk", n_velocity=16)
    >>> round(c.in_siewert_units()["sigma_p"], 5), round(c.in_sone_units()["K1"], 5)
    (1.01619, -0.38316)
    >>> round(slip_coefficients("s", n_velocity=16).thermal_slip, 4)
    1.1747
    """
    name = _model_name(model)
    alpha = _check_accommodation(accommodation)
    n = _check_n_velocity(n_velocity)
    wall, alpha_n = _check_wall(wall, normal_accommodation, alpha)
    if method == "slab" and wall != "maxwell":
        raise InputError(f"method='slab' supports wall='maxwell' only, got wall={wall!r}; use method='ado'")
    if method == "slab":
        if isinstance(n_cells, bool) or not isinstance(n_cells, (int, np.integer)) or not 8 <= n_cells <= 100000:
            raise InputError(f"n_cells must be an integer in [8, 100000], got {n_cells!r}")
        length = float(slab_length) if isinstance(slab_length, (int, float, np.number)) else float("nan")
        if not (5.0 <= length <= 1e4):
            raise InputError(f"slab_length (mean free paths) must be in [5, 1e4], got {slab_length!r}; the "
                             "Knudsen layer must have decayed at the far side")
        sols = [_solve_slab(p, name, alpha, n, int(n_cells), length / _L_OVER_MFP) for p in PROBLEMS]
        return HalfSpaceCoefficients(
            model=name, prandtl=MODELS[name], accommodation=alpha, n_velocity=n,
            velocity_slip=float(sols[0][0][0]) * _L_OVER_MFP, thermal_slip=2.0 * float(sols[1][0][0]),
            temperature_jump=float(sols[2][0][0]) * _L_OVER_MFP, kramers_heat_flow=sols[0][1],
            residual=max(sol[2] for sol in sols), method="slab", n_cells=int(n_cells), slab_length=length)
    if method != "ado":
        raise UnknownNameError(f"unknown half-space method {method!r}. Known: 'ado', 'slab'")
    return _ado_coefficients(name, alpha, n, wall, alpha_n)


@functools.lru_cache(maxsize=256)
def _ado_coefficients(name, alpha, n, wall, alpha_n) -> HalfSpaceCoefficients:
    """Cached: the result is immutable, and callers (the sphere solver's limits, tables) repeat points."""
    kramers, creep, jump = (_solve(p, name, alpha, n, wall, alpha_n) for p in PROBLEMS)
    return HalfSpaceCoefficients(
        model=name, prandtl=MODELS[name], accommodation=alpha, n_velocity=n,
        velocity_slip=float(kramers.constants[0]) * _L_OVER_MFP,
        thermal_slip=2.0 * float(creep.constants[0]),
        temperature_jump=float(jump.constants[0]) * _L_OVER_MFP,
        kramers_heat_flow=kramers.layer_integral("q"),
        residual=max(kramers.residual, creep.residual, jump.residual), wall=wall,
        normal_accommodation=alpha_n,
    )


@dataclass(frozen=True)
class KnudsenLayer:
    r"""Profiles across the Knudsen layer of one half-space problem, x in units of the toolkit's mfp.

    ``profile`` is the normalized main quantity; ``asymptote`` its Navier–Stokes–Fourier continuation with
    the slip/jump condition (so ``profile - asymptote`` is the Knudsen-layer defect, decaying away from
    the wall); ``fluxes`` the conserved flux(es), which must be constant across the layer; ``moments``
    other moments.

    - 'kramers': :math:`u_y/(\lambda\,du/dx)` → ``x + velocity_slip``; flux ``shear_stress``
      :math:`P_{xy}/(\mu\,du/dx)` (exactly -1); moment ``heat_flux`` :math:`q_y/(p\,l\,du/dx)`.
    - 'creep': :math:`u_y / ((\mu/\rho T)\,\partial T/\partial y)` → ``thermal_slip``; flux
      ``shear_stress`` (exactly 0); moment ``heat_flux``, the excess of :math:`q_y` over its far value, over
      :math:`p\,l\,\partial\ln T/\partial y`.
    - 'jump': :math:`(T - T_w)/(\lambda\,dT/dx)` → ``x + temperature_jump``; fluxes ``heat_flux``
      :math:`q_x/(-k\,dT/dx)` (exactly 1) and ``mass_flux`` (exactly 0); moment ``density``
      :math:`(n - n_w)/(n\,\lambda\,d\ln T/dx)`, with :math:`n_w` the density of the gas the wall re-emits
      (Maxwell); for the CL wall, whose re-emitted gas is not a Maxwellian, the density is taken relative
      to the far field's constant pressure, :math:`n + \tau \to 0`.
    """

    problem: str
    model: str
    accommodation: float
    n_velocity: int
    x: np.ndarray
    profile: np.ndarray
    asymptote: np.ndarray
    fluxes: dict
    moments: dict
    wall: str = "maxwell"
    normal_accommodation: float | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        for k in ("x", "profile", "asymptote"):
            d[k] = d[k].tolist()
        for k in ("fluxes", "moments"):
            d[k] = {name: v.tolist() for name, v in d[k].items()}
        return d


@fill(_DOC)
def knudsen_layer(problem, x, model="s", accommodation=1.0, n_velocity=16, wall="maxwell",
                  normal_accommodation=None) -> KnudsenLayer:
    r"""Knudsen-layer profiles of 'kramers', 'creep' or 'jump' at distances x [in mfp :math:`\lambda`].

    Parameters
    ----------
    problem : {'kramers', 'creep', 'jump'}
        Shear flow along the wall, thermal creep along it, or heat flux through it.
    x : float or array_like
        Distances from the wall in the toolkit's mean free path :math:`\lambda` [-], finite and >= 0.
    model : {'s', 'bgk'}
        Linearized Shakhov S-model (Pr = 2/3; also 'shakhov', 's-model') or BGK (Pr = 1).
    accommodation : float
        Maxwell's diffuse fraction [-], in (0, 1]; with ``wall='cl'`` the tangential-momentum
        accommodation :math:`\alpha_t` [-], in (0, 1].
    n_velocity : int
        Half-range Gauss nodes in the normal velocity (4 to 200).
    wall : {'maxwell', 'cl'}
        Maxwell's kernel or Cercignani–Lampis.
    normal_accommodation : float, optional
        CL normal-energy accommodation :math:`\alpha_n` [-], in [0.02, 1]; default ``accommodation``.

    Returns
    -------
    KnudsenLayer
        ``profile``, ``asymptote``, ``fluxes`` and ``moments`` at ``x``, dimensionless [-] with the
        normalizations of :class:`KnudsenLayer`.

    %(references_layer)s

    Examples
    --------
    The BGK gas at a diffuse wall moves at exactly :math:`l/\sqrt2 = \sqrt{2/\pi}\,\lambda` times the
    far shear rate; the velocity defect has decayed to 1e-5 at 20 mean free paths:

    >>> k = knudsen_layer("kramers", [0.0, 20.0], model="bgk", n_velocity=16)
    >>> round(float(k.profile[0]), 6) == round(math.sqrt(2 / math.pi), 6), k.fluxes["shear_stress"]
    (True, array([-1., -1.]))
    >>> bool(abs(k.profile[1] - k.asymptote[1]) < 2e-5)
    True
    """
    if problem not in PROBLEMS:
        close = difflib.get_close_matches(str(problem), PROBLEMS, n=1)
        hint = f"; closest: {close[0]}" if close else ""
        raise UnknownNameError(f"unknown half-space problem {problem!r}{hint}. Known: {', '.join(PROBLEMS)}")
    name = _model_name(model)
    alpha = _check_accommodation(accommodation)
    n = _check_n_velocity(n_velocity)
    x = np.atleast_1d(np.asarray(x, dtype=float))
    if x.ndim != 1 or not np.all(np.isfinite(x)) or np.any(x < 0):
        raise InputError(f"x (distance from the wall in mean free paths) must be a 1-d array of finite "
                         f"values >= 0, got {x!r}")
    wall, alpha_n = _check_wall(wall, normal_accommodation, alpha)
    sol = _solve(problem, name, alpha, n, wall, alpha_n)
    xl = x / _L_OVER_MFP                       # in Siewert's l
    pr = MODELS[name]
    if problem == "kramers":
        profile = sol.moment("u", xl) * _L_OVER_MFP
        asymptote = x + sol.constants[0] * _L_OVER_MFP
        # shear stress P_xy = 2 p p_xy, and mu du/dx = p in these units
        fluxes = {"shear_stress": np.round(2.0 * sol.moment("p_xy", xl), 12)}
        moments = {"heat_flux": sol.moment("q", xl)}
    elif problem == "creep":
        profile = 2.0 * sol.moment("u", xl)    # u / (mu/(rho T) dT/dy) = 2 u_hat
        asymptote = np.full_like(x, 2.0 * sol.constants[0])
        fluxes = {"shear_stress": np.round(2.0 * sol.moment("p_xy", xl), 12)}
        moments = {"heat_flux": sol.moment("q", xl) + 1.25 / pr}
    else:
        profile = sol.moment("tau", xl) * _L_OVER_MFP
        asymptote = x + sol.constants[0] * _L_OVER_MFP
        fluxes = {"heat_flux": np.round(sol.moment("q", xl) / (-1.25 / pr), 12),
                  "mass_flux": np.round(sol.moment("u", xl), 12)}
        moments = {"density": sol.moment("n", xl) * _L_OVER_MFP}
    return KnudsenLayer(problem, name, alpha, n, x, profile, asymptote, fluxes, moments, wall, alpha_n)
