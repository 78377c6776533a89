r"""Linearized kinetic theory of a sphere at any Knudsen number (Shakhov S-model or BGK).

A sphere of radius :math:`a` in a monatomic gas at rest, perturbed by one vector :math:`\mathbf e`:

- ``"drag"`` (A): a uniform flow :math:`U\mathbf e` past the held sphere, at the gas temperature;
- ``"gradient"`` (B): the held isothermal sphere in a far-field temperature gradient :math:`\nabla T = (T_0 G/a)\,\mathbf e`;
- ``"dipole"`` (C): a sphere whose surface temperature is :math:`T_0[1 + a_1\cos\theta]` in a gas at rest.

Each result depends on the Knudsen number :math:`Kn = \lambda/a` only (``a`` the particle **radius**,
:math:`\lambda = (\mu/p)\sqrt{\pi k T/(2m)}`, the toolkit's convention), on the model and on the
accommodation (Maxwell's diffuse fraction :math:`\alpha`).

Method (see ``docs/kinetic_sphere.md``)
---------------------------------------
Velocities in units of :math:`v_0 = \sqrt{2kT_0/m}`, lengths in units of :math:`a`,
:math:`f = f_0[1 + \phi]`. The linearized model equation is
:math:`\mathbf c\cdot\nabla\phi = \kappa(\phi_{eq} - \phi)` with the collision frequency
:math:`\nu = p/\mu` of both models, so that :math:`\kappa = a\nu/v_0 = \sqrt\pi/(2 Kn)`; the S-model has
:math:`Pr = 2/3` (conductivity :math:`15k\mu/(4m)`), BGK :math:`Pr = 1` (:math:`5k\mu/(2m)`).
By symmetry :math:`\phi = (\mathbf e\cdot\hat r)A(r,c,\mu) + (\mathbf e\cdot\hat c)B(r,c,\mu)`. The equation is
solved in its integral form: along each straight backward characteristic the distribution is the
attenuated integral of :math:`\phi_{eq}`, which depends only on six moment functions of r (density,
temperature, two velocity and two heat-flux components) plus the wall density of the re-emitted
Maxwellian. The moment equations are assembled as one dense linear system on a stretched radial grid and
solved directly (no iteration, so small Kn costs the same as large Kn). Beyond the outer radius the moments
continue as the far field of the Chapman–Enskog solution (Stokeslet + potential dipole velocity, 1/r^2
density and temperature, 1/r^3 heat flux), matched to the outer node.

Results in the toolkit's conventions (DESIGN.md): the drag as the ratio to Stokes' :math:`6\pi\mu a U`;
the thermophoretic force as :math:`\Phi` in :math:`F = -6\pi\mu\nu a\,\Phi\,\nabla T/T`.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np

from .._docs import fill, references
from .._validation import check_positive
from ..exceptions import InputError, UnknownNameError, ValidityWarning
from . import _sphere_kernels

__all__ = ["SphereGrid", "SphereSolution", "solve_sphere", "speed_quadrature", "default_grid"]

PROBLEMS = ("drag", "gradient", "dipole")
N_MOM = _sphere_kernels.N_MOM
SPREAD_WARNING = 0.02  # relative spread of the force profile (r <= 10 a) above which a result is flagged
MODELS = {"s": 2.0 / 3.0, "bgk": 1.0}  # Prandtl number of the model

#: the works the docstrings here cite, and the References section of each function (``_docs.fill`` slots)
_WORKS = {
    "shakhov": "Shakhov, E. M. (1968). Generalization of the Krook kinetic relaxation equation. Fluid Dyn. 3, "
               "95-96 (the S-model).",
    "solver": "Derived here: ``docs/kinetic_sphere.md`` (sections \"The equations\", \"Small Kn: the "
              "micro-macro split\", \"Cercignani-Lampis walls\", \"Reciprocity\", all derived here; "
              "\"Validation\").",
    "epstein": "Epstein, P. S. (1924). Phys. Rev. 23, 710-733 (the free-molecular drag, checked at large Kn).",
    "waldmann": "Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599 (the free-molecular force of the isothermal "
                "sphere, checked at large Kn).",
    "speeds": "Computed here: the discretized Stieltjes procedure on a 600-point Gauss-Legendre rule over "
              "[0, 9] and the eigenvalues of the Jacobi matrix (``docs/kinetic_sphere.md``, section "
              "\"Discretization\"); it integrates the Maxwellian moments exactly (tested to 1e-11).",
    "grid": "Chosen here from the convergence studies of ``docs/kinetic_sphere.md`` (sections "
            "\"Discretization\", \"Small Kn: the micro-macro split\" and the grid tables of \"Validation\").",
}
_DOC = {f"references_{name}": references(*(_WORKS[w] for w in works)) for name, works in (
    ("solver", ("shakhov", "solver", "epstein", "waldmann")), ("speeds", ("speeds",)), ("grid", ("grid",)),
)}


@dataclass(frozen=True)
class SphereGrid:
    """Discretization of the sphere problem.

    Attributes
    ----------
    n_r : int
        Radial nodes from the wall (r = a) to ``r_out`` (geometric stretching, first spacing ``h_wall``).
    r_out : float
        Outer radius of the kinetic region [a]; beyond it the Chapman–Enskog far field.
    h_wall : float
        First radial spacing at the wall [a].
    n_mu : int
        Gauss–Legendre directions in each of the three panels at every node (rays that pass far from the
        sphere, rays that graze it, rays that come from it).
    n_c : int
        Gauss nodes of the speed quadrature (weight c^2 exp(-c^2) on [0, inf)).
    n_sub : int
        Subdivisions of every path segment between two node crossings.
    far_ratio : float
        Radius ratio between successive far-field points along a ray.
    s_ratio : float
        Largest ratio of successive path lengths of the source points along a ray (geometric points
        from the start of every ray resolve the mean free path whatever the radial spacing).
    harmonic_order : int
        Order N of the Chapman–Enskog series of the fields split off analytically (micro–macro split, see
        docs/kinetic_sphere.md): the harmonic temperature dipole for problems B and C, the Stokeslet and the
        potential dipole for the drag problem A (there N >= 2 is used, the lowest order whose moments are
        exactly the Stokes fields'); 0 switches the split off, -1 (default) means 2 for Kn < 0.3 and 0
        otherwise (the series is in powers of Kn/r, so it only helps near the continuum). The exact result
        does not depend on N (the residual of the truncated series is a volume source); the discrete one
        does, through the discretization error of the O(1) conduction or flow field, which the split removes.
    """

    n_r: int = 64
    r_out: float = 30.0
    h_wall: float = 0.02
    n_mu: int = 12
    n_c: int = 10
    n_sub: int = 2
    far_ratio: float = 1.25
    s_ratio: float = 1.3
    harmonic_order: int = -1

    def refined(self, factor: float = 2.0) -> "SphereGrid":
        """The grid with ``factor`` times the radial, direction and speed nodes (spacing at the wall / factor)."""
        return SphereGrid(
            n_r=int(round(self.n_r * factor)), r_out=self.r_out, h_wall=self.h_wall / factor,
            n_mu=int(round(self.n_mu * factor)), n_c=int(round(self.n_c * factor)), n_sub=self.n_sub,
            far_ratio=self.far_ratio, s_ratio=self.s_ratio, harmonic_order=self.harmonic_order,
        )

    def to_dict(self) -> dict:
        return asdict(self)


@fill(_DOC)
def default_grid(knudsen: float) -> SphereGrid:
    """The grid used when none is given.

    - Kn >= 0.3: wall spacing min(0.02, 0.04 Kn), 64 radial nodes, outer radius max(30, 4 Kn) (unchanged
      from the first version; the convergence table in docs/kinetic_sphere.md);
    - Kn < 0.3: wall spacing 0.012 (Kn/0.3)^2 (1.3e-3 a at Kn = 0.1, 1.3e-5 a at Kn = 0.01) and as many nodes
      as a geometric ratio of 1.035 needs (194 at Kn = 0.1, 330 at Kn = 0.01), outer radius 30.

    The error at small Kn is dominated by the first radial spacing (the Knudsen-layer moments have a
    logarithmic derivative at the wall, so the convergence is about first order in ``h_wall``), and the
    gradient force, a residual of relative order Kn^3, needs the wall spacing far below the mean free path.

    Parameters
    ----------
    knudsen : float
        Kn = mean free path / radius [-], > 0.

    Returns
    -------
    SphereGrid
        The discretization (lengths in units of the radius).

    %(references_grid)s
    """
    kn = float(knudsen)
    if kn >= 0.3:
        return SphereGrid(n_r=64, r_out=max(30.0, 4.0 * kn), h_wall=min(0.02, 0.04 * kn), n_mu=12, n_c=10)
    h = 0.012 * (kn / 0.3) ** 2
    q = 1.035
    n_r = int(math.ceil(math.log(1.0 + 29.0 * (q - 1.0) / h) / math.log(q))) + 1
    return SphereGrid(n_r=n_r, r_out=30.0, h_wall=h, n_mu=12, n_c=10)


@dataclass(frozen=True)
class SphereSolution:
    """Result of :func:`solve_sphere` (dimensionless, in the toolkit's conventions).

    Attributes
    ----------
    problem, model, knudsen, accommodation, grid, wall, normal_accommodation
        The inputs (``knudsen`` = mfp / a, a the radius). ``wall`` is "maxwell" (``accommodation`` the diffuse
        fraction, ``normal_accommodation`` None) or "cl" (Cercignani–Lampis: ``accommodation`` the
        tangential-momentum accommodation alpha_t, ``normal_accommodation`` the normal-energy one alpha_n).
    drag_ratio : float or None
        Drag problem: force / (6 pi mu a U); Epstein's free-molecular limit is (4/(9 Kn)) (1 + pi alpha / 8).
    phi : float or None
        Gradient problem: :math:`\\Phi` of :math:`F = -6\\pi\\mu\\nu a\\Phi\\nabla T/T` (positive: hot to cold).
    force : float
        z-force on the sphere / (p0 a^2) per unit driving (U/v0, G = a |grad T| / T0, or a1), v0 = sqrt(2kT0/m);
        the wall is at rest, e = z is the flow direction (A), the gradient direction (B, hot side at +z) or
        the hot pole of the surface-temperature dipole (C, T_wall = T0 (1 + a1 cos(theta))).
    heat_flux_dipole : float
        Radial heat flux into the gas at the wall, coefficient of cos(theta), / (p0 v0) per unit driving;
        for (B) including the far-field conduction flux. See ``heat_flux_ratio`` for the Fourier-scaled value.
    force_profile : numpy.ndarray
        The force evaluated through spheres r = r_i (momentum conservation: constant up to discretization).
    energy_functional : float
        Drag problem: the functional Lambda of the reciprocity relation (equals the gradient problem's
        ``force`` for the same Kn, model and accommodation); NaN otherwise.
    moments : dict
        Radial grid ``r`` and the moment functions (omega, tau, U1, U2, Q1, Q2) of the perturbation.
    """

    problem: str
    model: str
    knudsen: float
    accommodation: float
    grid: SphereGrid
    force: float
    drag_ratio: float | None
    phi: float | None
    heat_flux_dipole: float
    energy_functional: float
    wall_density: float
    force_profile: np.ndarray = field(repr=False)
    moments: dict = field(repr=False)
    diagnostics: dict = field(default_factory=dict, repr=False)
    wall: str = "maxwell"
    normal_accommodation: float | None = None

    @property
    def force_spread(self) -> float:
        """Relative spread of the force through the spheres r <= 10 a (momentum conservation check).

        Farther out, where the outer grid is coarse and the far field is imposed, the flux drifts by up to
        ~10 % at Kn >= 100 without changing the force on the sphere (see docs/kinetic_sphere.md).
        """
        inner = self.moments["r"] <= 10.0
        prof = self.force_profile[inner]
        return float(np.ptp(prof) / abs(self.force)) if self.force else 0.0

    @property
    def heat_flux_ratio(self) -> float:
        """``heat_flux_dipole`` in units of the model's Fourier scale: q_r / (k_g T0 / a) per unit driving.

        k_g T0 / a = (5 / (4 Pr kappa)) p0 v0 exactly (the model's conductivity, Pr = 2/3 for the S-model), so
        for the gradient problem this is q_r / (k_g |grad T|) at the wall (continuum, perfectly conducting
        sphere: -3 / (1 + 2 C_t Kn)), for the dipole problem q_r a / (k_g T0 a1) (continuum: 2 / (1 + 2 C_t Kn)).
        With these, the surface-temperature dipole of a particle of conductivity k_p held in the gradient is
        a1 / G = -R_B / (k_p / k_g + R_C) (interior conduction T = T0 (1 + a1 r cos(theta) / a), heat-flux
        balance k_p a1 = -(R_B G + R_C a1) k_g), and its force F = (F_B + F_C a1 / G) G p0 a^2.
        """
        pr = MODELS[self.model]
        kappa = math.sqrt(math.pi) / (2.0 * self.knudsen)
        return float(self.heat_flux_dipole * 4.0 * pr * kappa / 5.0)

    @property
    def stokeslet_force(self) -> float:
        """The force on the sphere from the far-field flow instead of the wall stress (same units as ``force``).

        At r = 5-15 a the induced velocity is a Stokeslet plus a potential dipole, U1 = beta/r + 3D/r^3,
        U2 = beta/r - D/r^3, so beta = r (U1 + 3 U2)/4; Stokes' law with the model viscosity (p0 a / (kappa v0)
        in these units) gives the force -8 pi beta / kappa. Median over the nodes in 5 <= r <= 15. An
        independent route to the force: it uses the velocity moments away from the wall, not the stress at it.
        """
        r = self.moments["r"]
        sel = (r >= 5.0) & (r <= 15.0)
        if not sel.any():
            return float("nan")
        beta = r[sel] * (self.moments["U1"][sel] + 3.0 * self.moments["U2"][sel]) / 4.0
        kappa = math.sqrt(math.pi) / (2.0 * self.knudsen)
        return float(-8.0 * math.pi * np.median(beta) / kappa)

    def to_dict(self) -> dict:
        return {
            "problem": self.problem,
            "model": self.model,
            "knudsen": self.knudsen,
            "accommodation": self.accommodation,
            "wall": self.wall,
            "normal_accommodation": self.normal_accommodation,
            "grid": self.grid.to_dict(),
            "force": self.force,
            "drag_ratio": self.drag_ratio,
            "phi": self.phi,
            "heat_flux_dipole": self.heat_flux_dipole,
            "heat_flux_ratio": self.heat_flux_ratio,
            "stokeslet_force": self.stokeslet_force,
            "energy_functional": self.energy_functional,
            "wall_density": self.wall_density,
            "force_spread": self.force_spread,
        }


@fill(_DOC)
def speed_quadrature(n: int) -> tuple[np.ndarray, np.ndarray]:
    r"""Gauss nodes and weights for :math:`\int_0^\infty g(c)\,c^2 e^{-c^2}\,dc` (discretized Stieltjes).

    Parameters
    ----------
    n : int
        Number of nodes, >= 2 (the ``n_c`` of :class:`SphereGrid`).

    Returns
    -------
    nodes : numpy.ndarray
        The n speeds, ascending [-] (in units of :math:`v_0 = \sqrt{2kT_0/m}`).
    weights : numpy.ndarray
        The n weights [-]; they sum to :math:`\sqrt\pi/4`.

    %(references_speeds)s
    """
    if n < 2:
        raise InputError(f"n_c must be >= 2, got {n!r}")
    nodes, weights = _speed_quadrature(int(n))
    return nodes.copy(), weights.copy()


@functools.lru_cache(maxsize=1)
def _legendre_600() -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(600)


@functools.lru_cache(maxsize=64)
def _speed_quadrature(n: int) -> tuple[np.ndarray, np.ndarray]:
    # memoized: the 600-node Gauss-Legendre rule behind it is an eigenvalue problem that took 2 s per call on
    # the loaded machine (multi-threaded LAPACK), more than the assembly of a small-Kn system
    x, w = _legendre_600()
    cmax = 9.0
    t = 0.5 * cmax * (x + 1.0)
    wt = 0.5 * cmax * w * t**2 * np.exp(-t**2)
    # Stieltjes procedure for the recurrence coefficients of the discrete measure (t, wt)
    alpha = np.zeros(n)
    beta = np.zeros(n)
    p_prev = np.zeros_like(t)
    p = np.ones_like(t)
    norm_prev = 1.0
    for k in range(n):
        norm = np.sum(wt * p * p)
        alpha[k] = np.sum(wt * t * p * p) / norm
        beta[k] = norm / norm_prev if k > 0 else norm
        p_next = (t - alpha[k]) * p - (beta[k] * p_prev if k > 0 else 0.0)
        p_prev, p, norm_prev = p, p_next, norm
    jac = np.diag(alpha) + np.diag(np.sqrt(beta[1:]), 1) + np.diag(np.sqrt(beta[1:]), -1)
    nodes, vecs = np.linalg.eigh(jac)
    weights = beta[0] * vecs[0, :] ** 2
    return nodes, weights


def _radial_grid(g: SphereGrid) -> np.ndarray:
    n = g.n_r
    span = g.r_out - 1.0
    if g.h_wall * (n - 1) >= span:
        return np.linspace(1.0, g.r_out, n)
    # geometric spacing h, h q, h q^2, ... summing to span: solve for q by bisection
    lo, hi = 1.0 + 1e-12, 2.0
    while g.h_wall * (hi ** (n - 1) - 1.0) / (hi - 1.0) < span:
        hi *= 2.0
    for _ in range(200):
        q = 0.5 * (lo + hi)
        if g.h_wall * (q ** (n - 1) - 1.0) / (q - 1.0) < span:
            lo = q
        else:
            hi = q
    q = 0.5 * (lo + hi)
    r = 1.0 + g.h_wall * (q ** np.arange(n) - 1.0) / (q - 1.0)
    r[-1] = g.r_out
    return r


def _direction_nodes(r: np.ndarray, n_mu: int) -> tuple[np.ndarray, np.ndarray]:
    """Direction nodes and weights at each radius, three Gauss-Legendre panels of ``n_mu`` nodes:

    1. rays that pass the sphere at an impact parameter b > 2 a (or that move outward and never came near):
       Gauss in mu on [-1, mu(b = 2)];
    2. rays that graze the sphere, 1 < b < min(2, (1 + r)/2): Gauss in b (they cross the Knudsen layer, and at large r
       they occupy a sliver of width ~1/r^2 in mu that a panel in mu would not resolve);
    3. rays that come from the sphere: Gauss in the emission direction mu_w at the wall
       (r^2 (1 - mu^2) = 1 - mu_w^2), in which the re-emitted distribution is smooth.

    At the wall (r = a) panel 2 is empty and gets zero weights.
    """
    x, w = np.polynomial.legendre.leggauss(n_mu)
    xu, wu = 0.5 * (x + 1.0), 0.5 * w  # on [0, 1]
    mu = np.empty((r.size, 3 * n_mu))
    wmu = np.empty_like(mu)
    for i, ri in enumerate(r):
        b2 = min(2.0, 0.5 * (1.0 + ri))  # below r, so that mu(b) has no square-root end in the panel
        m2 = math.sqrt(max(1.0 - (b2 / ri) ** 2, 0.0))
        mu[i, :n_mu] = -1.0 + (m2 + 1.0) * xu
        wmu[i, :n_mu] = (m2 + 1.0) * wu
        if b2 > 1.0:
            bb = 1.0 + (b2 - 1.0) * xu
            mb = np.sqrt(np.maximum(1.0 - (bb / ri) ** 2, 0.0))
            mu[i, n_mu:2 * n_mu] = mb
            wmu[i, n_mu:2 * n_mu] = (b2 - 1.0) * wu * bb / (ri**2 * np.maximum(mb, 1e-300))
        else:
            mu[i, n_mu:2 * n_mu] = -0.5
            wmu[i, n_mu:2 * n_mu] = 0.0
        m_in = np.sqrt(1.0 - (1.0 - xu**2) / ri**2)
        mu[i, 2 * n_mu:] = m_in
        wmu[i, 2 * n_mu:] = wu * xu / (ri**2 * m_in)
    return mu, wmu


def _harmonic_coefficients(order: int, prandtl: float) -> tuple[np.ndarray, np.ndarray]:
    r"""Coefficients of the truncated Chapman–Enskog series of the harmonic temperature dipole.

    For a harmonic temperature :math:`\tau = (\mathbf e\cdot\hat r)/r^2` with density :math:`-\tau`,
    :math:`\phi_N = \sum_{n=0}^{N} (-L)^n g`, :math:`L = \mathbf c\cdot\nabla/\kappa`,
    :math:`g = (c^2 - 5/2)(\tau + \beta\,\mathbf c\cdot\nabla\tau)`, :math:`\beta = -(1-Pr)/(Pr\,\kappa)`, has exactly
    the moments of a conduction field (u = 0, q = Fourier) for N >= 1 because every isotropic average of
    the higher derivatives contains the Laplacian of tau, and satisfies the model equation up to the source
    :math:`(-L)^{N+1}g`. With :math:`T_n = (-\mathbf c\cdot\nabla/\kappa)^n\tau` and :math:`\gamma = (1-Pr)/Pr`:
    :math:`\phi_N = (c^2-5/2)[T_0 + (1+\gamma)\sum_1^N T_n + \gamma T_{N+1}]`, source
    :math:`(c^2-5/2)[T_{N+1} + \gamma T_{N+2}]`. Returns (wall coefficients, source coefficients); empty
    arrays if ``order`` is 0.
    """
    if order <= 0:
        return np.zeros(0), np.zeros(0)
    gam = (1.0 - prandtl) / prandtl
    hwall = np.zeros(order + 2)
    hwall[0] = 1.0
    hwall[1:order + 1] = 1.0 + gam
    hwall[order + 1] = gam
    hsrc = np.zeros(order + 3)
    hsrc[order + 1] = 1.0
    hsrc[order + 2] = gam
    return hwall, hsrc


def _stokes_coefficients(order: int) -> tuple[np.ndarray, np.ndarray]:
    r"""Coefficients of the truncated Chapman–Enskog series of a Stokes field (drag split).

    :math:`\phi_N = \sum_{n=0}^{N}(-L)^n g` with g the local equilibrium of the Stokes field (Stokeslet with
    its pressure and heat flux, or the potential dipole; :func:`_sphere_kernels._stokes`); for N >= 2 its
    moments are exactly those of g, so the residual of the model equation is the source :math:`(-L)^{N+1}g`.
    Returns (wall coefficients, source coefficients), both of length N + 2.
    """
    hwall = np.zeros(order + 2)
    hwall[:order + 1] = 1.0
    hsrc = np.zeros(order + 2)
    hsrc[order + 1] = 1.0
    return hwall, hsrc


def _split_fields(problem: str, order: int, prandtl: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kinds and series coefficients of the fields split off analytically (empty for ``order`` 0).

    Problems B and C: the harmonic temperature dipole (kind 0). Problem A: the Stokeslet (kind 1) and the
    potential dipole (kind 2), with the order raised to at least 2 (below it the truncated series does not
    carry the Stokes heat flux and velocity consistently).
    """
    if order <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 1)), np.zeros((0, 1))
    if problem == "drag":
        hw, hs = _stokes_coefficients(max(order, 2))
        return np.array([1, 2], dtype=np.int64), np.vstack([hw, hw]), np.vstack([hs, hs])
    hw, hs = _harmonic_coefficients(order, prandtl)
    return np.array([0], dtype=np.int64), hw[None, :].copy(), hs[None, :].copy()


def _field_outputs(r: np.ndarray, kappa: float, sfac: float, kind: int, coef: np.ndarray) -> np.ndarray:
    """The moment outputs of an analytic split-off field at the radii r (exact quadrature of a polynomial)."""
    deg = max(16, coef.shape[0] + 12)  # exact: the integrands are polynomials of lower degree in mu and c
    mq, wq = np.polynomial.legendre.leggauss(deg)
    cq, wc = speed_quadrature(deg)
    return _sphere_kernels.field_outputs(np.asarray(r, dtype=float), kappa, sfac, int(kind),
                                         np.ascontiguousarray(coef, dtype=float), mq, wq, cq, wc)


def _stokes_amplitudes(x3: np.ndarray, r: np.ndarray) -> np.ndarray:
    """Amplitudes of the split-off Stokeslet and potential dipole: those that leave the least velocity
    (r U1, r U2, least squares) in the remainder at 1.5 a <= r <= 10 a, outside the Knudsen layer.

    ``x3[:, 0]`` is the discrete solution without the split, ``x3[:, 1 + f]`` the response to the unit
    field f (exactly minus that field); the physical solution is the same for any amplitudes.
    """
    n = r.size
    sel = (r >= 1.5) & (r <= 10.0)
    if not sel.any():
        sel = r >= r[0]
    rows = []
    for k in (2, 3):  # U1, U2
        rows.append(x3[k * n:(k + 1) * n][sel] * r[sel, None])
    a = np.vstack([blk[:, 1:] for blk in rows])
    y = np.concatenate([blk[:, 0] for blk in rows])
    amp, *_ = np.linalg.lstsq(a, -y, rcond=None)
    return amp


def _harmonic_amplitude(x2: np.ndarray, r: np.ndarray) -> float:
    """Amplitude of the split-off harmonic dipole: the one that leaves the least temperature dipole in the
    remainder at 1.5 a <= r <= 10 a (least squares in r^2 tau), outside the Knudsen layer.

    ``x2[:, 0]`` is the discrete solution without the split, ``x2[:, 1]`` the response to the unit split-off
    field (exactly minus that field); the physical solution is the same for any amplitude, and this choice
    leaves the solver only the Knudsen layer and the O(Kn^2) remainder.
    """
    n = r.size
    sel = (r >= 1.5) & (r <= 10.0)
    if not sel.any():
        sel = r >= r[0]
    t0 = x2[n:2 * n, 0][sel] * r[sel] ** 2
    t1 = x2[n:2 * n, 1][sel] * r[sel] ** 2
    den = float(np.sum(t1 * t1))
    return float(-np.sum(t0 * t1) / den) if den > 0.0 else 0.0


_WALLS = {"maxwell": "maxwell", "cl": "cl", "cercignani-lampis": "cl", "cercignani_lampis": "cl"}


def _check_inputs(problem, knudsen, model, accommodation, wall="maxwell", normal_accommodation=None):
    if problem not in PROBLEMS:
        raise UnknownNameError(parameter="problem", value=problem, allowed=f"one of {', '.join(PROBLEMS)}")
    if model not in MODELS:
        raise UnknownNameError(parameter="model", value=model,
                               allowed=f"one of {', '.join(MODELS)} (Shakhov S-model or BGK)")
    key = str(wall).strip().lower()
    if key not in _WALLS:
        raise UnknownNameError(parameter="wall", value=wall,
                               allowed="'maxwell' (diffuse fraction) or 'cl' (Cercignani-Lampis)")
    wall = _WALLS[key]
    kn = check_positive("knudsen", knudsen)
    if np.ndim(kn) != 0:
        raise InputError(f"knudsen must be a single number, got an array of shape {np.shape(kn)}")
    what = ("Maxwell diffuse fraction" if wall == "maxwell"
            else "Cercignani-Lampis tangential-momentum accommodation alpha_t")
    try:
        alpha = float(accommodation)
    except (TypeError, ValueError):
        raise InputError(f"accommodation ({what}) must be a number in (0, 1], got {accommodation!r}") from None
    if not (0.0 < alpha <= 1.0):
        raise InputError(
            f"accommodation ({what}) must be in (0, 1], got {accommodation!r} "
            "(0, pure specular reflection, leaves the wall density undetermined)" if wall == "maxwell" else
            f"accommodation ({what}) must be in (0, 1], got {accommodation!r}"
        )
    alpha_n = None
    if wall == "maxwell":
        if normal_accommodation is not None:
            raise InputError(f"normal_accommodation applies to the Cercignani-Lampis wall only (wall='cl'), "
                             f"got {normal_accommodation!r} with wall='maxwell'")
    else:
        alpha_n = alpha if normal_accommodation is None else normal_accommodation
        try:
            alpha_n = float(alpha_n)
        except (TypeError, ValueError):
            raise InputError(f"normal_accommodation (CL normal-energy accommodation alpha_n) must be a number "
                             f"in (0, 1], got {normal_accommodation!r}") from None
        if not (0.0 < alpha_n <= 1.0):
            raise InputError(f"normal_accommodation (CL normal-energy accommodation alpha_n) must be in (0, 1], "
                             f"got {normal_accommodation!r}")
    return float(kn), alpha, wall, alpha_n


#: eigenvalue of the largest Cercignani-Lampis wall mode left out above which a result is flagged (at 0.12,
#: alpha_n = 0.3 on an 8-speed grid, the free-molecular drag is still exact to the grid error, 5e-4)
CL_TRUNCATION_WARNING = 0.25


def cl_degree(n_c: int, n_mu: int) -> int:
    """Highest total degree (in c^2) of the Cercignani-Lampis wall modes kept on a grid with ``n_c`` speeds
    and ``n_mu`` directions per panel: the modes are orthonormalized on the discrete wall grid
    (n_c x n_mu points per harmonic), so their number must stay well below the number of points."""
    return max(2, min(8, min(n_c, n_mu) // 2 + 1))


def _wall_operator(wall, alpha, alpha_n, cq, wc, n_mu, degree=None):
    r"""The discrete wall: (kernel alpha, wall_a, wall_b, proj_a, proj_b, tw, sig_tau, info) for
    :func:`_sphere_kernels.build_system`.

    Maxwell: one wall unknown (the density of the re-emitted Maxwellian, emitted uniformly), the rest
    reflected specularly by the kernel. Cercignani–Lampis (derived in docs/kinetic_sphere.md): the linearized
    kernel is diagonal in products of Laguerre polynomials of the normal and tangential energies,
    :math:`L_k(c_n^2)\,c_t^m L_j^{(m)}(c_t^2)\cos m\psi` with eigenvalue
    :math:`(1-lpha_n)^k (1-lpha_t)^{2j+m}` (the Mehler / Hille–Hardy forms of its normal and tangential
    factors), orthonormal in the flux-weighted Maxwellian measure of the arriving molecules. Only the
    azimuthal orders m = 0 (the (e.n) part A + mu B of the (A, B) form) and m = 1 (the tangential part B)
    occur. The modes of total degree k + j <= ``degree`` are orthonormalized on the discrete wall grid
    (the speed nodes times the Gauss emission angles; the arriving directions at node 0 are their mirror
    images, with the same weights), so the discrete kernel is symmetric in the discrete flux measure
    (reciprocity), conserves the mass flux exactly (the unit mode is the wall density) and is the diffuse
    wall at alpha_n = alpha_t = 1.
    """
    nc = cq.shape[0]
    if wall == "maxwell":
        return (alpha, np.ones((nc, n_mu, 1)), np.zeros((nc, n_mu, 1)), np.zeros((nc, n_mu, 0)),
                np.zeros((nc, n_mu, 0)), np.array([1.0, 0.0, 0.0]), -0.5, {})
    from scipy.special import eval_genlaguerre, eval_laguerre

    x, w = np.polynomial.legendre.leggauss(n_mu)
    xu, wu = 0.5 * (x + 1.0), 0.5 * w  # emission angles mu_w (and |mu| of the arriving directions, mirrored)
    rho_n, rho_t = 1.0 - alpha_n, 1.0 - alpha
    deg = cl_degree(nc, n_mu) if degree is None else int(degree)
    c = cq[:, None]
    am = 1.0 - xu[None, :]  # |mu| of the arriving direction j at node 0 (mu = -1 + xu[j])
    cn2_in, ct2_in = (c * am) ** 2, c**2 * (1.0 - am**2)
    wflux = 4.0 * c * am * wc[:, None] * wu[None, :]  # flux-weighted measure of the arriving molecules (sum 1)
    cn2_out, ct2_out = (c * xu[None, :]) ** 2, c**2 * (1.0 - xu[None, :] ** 2)
    modes = {0: [], 1: []}
    kept_max = 0.0
    left_max = 0.0
    for m in (0, 1):
        for d in range(deg + 2):
            for k in range(d + 1):
                jj = d - k
                ev = rho_n**k * rho_t ** (2 * jj + m)
                if d > deg:
                    left_max = max(left_max, ev)
                elif ev > 1e-12:
                    modes[m].append((k, jj, ev))
                    if (k, jj, m) != (0, 0, 0):
                        kept_max = max(kept_max, ev)

    def basis(m, k, jj, cn2, ct2, cc):
        if m == 0:
            return eval_laguerre(k, cn2) * eval_laguerre(jj, ct2)
        return cc * eval_genlaguerre(jj, 1, ct2) * eval_laguerre(k, cn2) / math.sqrt(jj + 1.0)

    emis, projs = [], []
    for m in (0, 1):
        if not modes[m]:
            continue
        f_in = np.stack([basis(m, k, jj, cn2_in, ct2_in, c * np.ones_like(am)) for k, jj, _ in modes[m]], axis=-1)
        f_out = np.stack([basis(m, k, jj, cn2_out, ct2_out, c * np.ones_like(xu[None, :])) for k, jj, _ in modes[m]],
                         axis=-1)
        wm = wflux if m == 0 else wflux * (1.0 - am**2)  # m = 1: the (1 - mu^2) of the tangential harmonic
        gram = np.einsum("lqa,lq,lqb->ab", f_in, wm, f_in)
        chol = np.linalg.cholesky(gram)
        cinv = np.linalg.inv(chol)
        ev = np.array([e for *_, e in modes[m]])
        smat = cinv.T @ np.diag(ev) @ cinv
        emis.append((m, f_out @ smat))  # emission at (l, q) per unit projection
        if m == 0:
            projs.append((f_in * wflux[..., None], f_in * (wflux * (-am))[..., None]))  # on A and on mu B
        else:
            projs.append((np.zeros_like(f_in), f_in * wm[..., None]))
    wall_a = np.concatenate([e if m == 0 else -xu[None, :, None] * e for m, e in emis], axis=-1)
    wall_b = np.concatenate([np.zeros_like(e) if m == 0 else e for m, e in emis], axis=-1)
    proj_a = np.concatenate([pa for pa, _ in projs], axis=-1)[..., 1:]  # the first (unit) mode: wall density
    proj_b = np.concatenate([pb for _, pb in projs], axis=-1)[..., 1:]
    tw = np.array([0.0, alpha_n, alpha * (2.0 - alpha)])
    info = dict(cl_degree=deg, cl_modes=(len(modes[0]), len(modes[1])), cl_largest_mode=kept_max,
                cl_largest_left_out=left_max)
    return (1.0, np.ascontiguousarray(wall_a), np.ascontiguousarray(wall_b), np.ascontiguousarray(proj_a),
            np.ascontiguousarray(proj_b), tw, 0.0, info)


@fill(_DOC)
def solve_sphere(
    problem: str = "drag",
    knudsen: float = 1.0,
    model: str = "s",
    accommodation: float = 1.0,
    grid: SphereGrid | None = None,
    progress: Callable[[str, float], None] | None = None,
    wall: str = "maxwell",
    normal_accommodation: float | None = None,
) -> SphereSolution:
    r"""Solve one linear sphere problem of the linearized S-model (or BGK) at one Knudsen number.

    Parameters
    ----------
    problem : {"drag", "gradient", "dipole"}
        (A) uniform flow past the held sphere; (B) held isothermal sphere in a temperature gradient;
        (C) surface-temperature dipole in a gas at rest.
    knudsen : float
        :math:`Kn = \lambda/a` [-], > 0, with :math:`\lambda = (\mu/p)\sqrt{\pi k T/(2m)}` and ``a`` the
        radius.
    model : {"s", "bgk"}
        Shakhov S-model (Pr = 2/3) or BGK (Pr = 1); both with collision frequency p/mu.
    accommodation : float
        Maxwell's diffuse fraction [-], in (0, 1]; with ``wall="cl"`` the Cercignani–Lampis
        tangential-momentum accommodation alpha_t [-], in (0, 1].
    grid : SphereGrid, optional
        Discretization; :func:`default_grid` of ``knudsen`` if omitted.
    progress : callable, optional
        Called as ``progress(stage, fraction)`` ("assemble" 0, "solve" 0.9, "done" 1).
    wall : {"maxwell", "cl"}
        Gas-surface kernel: Maxwell (diffuse fraction + specular) or Cercignani–Lampis (alias
        "cercignani-lampis"; see docs/kinetic_sphere.md for its modal form on the sphere).
    normal_accommodation : float, optional
        CL only: the normal-energy accommodation alpha_n [-], in (0, 1] (default: ``accommodation``).

    Returns
    -------
    SphereSolution
        Dimensionless results in the toolkit's conventions: ``drag_ratio`` (drag), ``phi`` (gradient),
        ``force`` and ``heat_flux_dipole`` [-] (normalizations in ``docs/kinetic_sphere.md``).

    Warns
    -----
    ValidityWarning
        When the force through the spheres r <= 10 a varies by more than 2 % (an unresolved grid), and with
        ``wall="cl"`` when a left-out Cercignani–Lampis wall mode has an eigenvalue above 0.25 (a
        near-specular wall on too few speeds and directions).

    %(references_solver)s

    Examples
    --------
    >>> sol = solve_sphere("drag", knudsen=10.0, grid=SphereGrid(n_r=24, n_mu=8, n_c=8))
    >>> 0.05 < sol.drag_ratio < 0.07
    True
    """
    kn, alpha, wall, alpha_n = _check_inputs(problem, knudsen, model, accommodation, wall, normal_accommodation)
    g = default_grid(kn) if grid is None else grid
    if not isinstance(g, SphereGrid):
        raise InputError(f"grid must be a SphereGrid, got {type(g).__name__}")
    if g.n_r < 6 or g.n_mu < 2 or g.n_c < 2 or g.n_sub < 1 or g.r_out <= 2.0 or g.far_ratio <= 1.0 or g.s_ratio <= 1.0:
        raise InputError(f"grid is too coarse or inconsistent: {g}")
    pr = MODELS[model]
    sfac = 0.8 * (1.0 - pr)
    kappa = math.sqrt(math.pi) / (2.0 * kn)
    if progress is not None:
        progress("assemble", 0.0)
    r = _radial_grid(g)
    mu, wmu = _direction_nodes(r, g.n_mu)
    cq, wc = speed_quadrature(g.n_c)
    tau_w = ga = ub = gb = 0.0
    if problem == "drag":
        ub = 1.0  # sphere frame: gas flows with U = v0 along e; the unknown is the gas-frame perturbation
    elif problem == "gradient":
        ga = 1.0  # G = 1; background = Chapman-Enskog distribution of the uniform gradient
        gb = -1.0 / (pr * kappa)
    else:
        tau_w = 1.0
    n_h = int(g.harmonic_order)
    if n_h < 0:
        n_h = 2 if kn < 0.3 else 0
    hkind, hwall, hsrc = _split_fields(problem, n_h, pr)
    alpha_k, wall_a, wall_b, proj_a, proj_b, tw, sig_tau, wall_info = _wall_operator(
        wall, alpha, alpha_n, cq, wc, g.n_mu)
    K, b, Kx, bx = _sphere_kernels.build_system(
        r, mu, wmu, cq, wc, kappa, sfac, alpha_k, tau_w, ga, ub, gb, int(g.n_sub), float(g.far_ratio),
        float(g.s_ratio), hkind, hwall, hsrc, wall_a, wall_b, proj_a, proj_b, tw, sig_tau,
    )
    if progress is not None:
        progress("solve", 0.9)
    m = K.shape[0]
    x2 = np.linalg.solve(np.eye(m) - K, b)
    extra2 = Kx @ x2 + bx
    n = r.size
    names = ("omega", "tau", "U1", "U2", "Q1", "Q2")
    if problem == "drag" and hkind.size:
        amps = _stokes_amplitudes(x2, r)
        amp = float(amps[0])
    else:
        amp = _harmonic_amplitude(x2, r) if hkind.size else 0.0
        amps = np.array([amp]) if hkind.size else np.zeros(0)
    x = x2[:, 0] + x2[:, 1:] @ amps
    extra = extra2[:, 0] + extra2[:, 1:] @ amps
    i_f = extra[:n]
    m_e = extra[n:]
    mom = {name: x[k * n:(k + 1) * n].copy() for k, name in enumerate(names)}
    mom["r"] = r
    if problem == "drag":
        # add the split-off Stokes fields: their moments, force and energy-flux moment, by exact quadrature
        # (the moments are also known in closed form: docs/kinetic_sphere.md; a test checks the two agree)
        for f in range(hkind.size):
            out = _field_outputs(r, kappa, sfac, int(hkind[f]), hwall[f])
            for k, name in enumerate(names):
                mom[name] += amps[f] * out[:, k]
            i_f = i_f + amps[f] * out[:, 6]
            m_e = m_e + amps[f] * out[:, 7]
    else:
        # add the moments of amp * phi_h (density -tau, temperature tau = 1/r^2, Fourier heat flux)
        mom["omega"] -= amp / r**2
        mom["tau"] += amp / r**2
        mom["Q1"] += amp * 15.0 / (4.0 * pr * kappa * r**3)
        mom["Q2"] -= amp * 5.0 / (4.0 * pr * kappa * r**3)
    force_prof = -(8.0 * math.pi / 3.0) * r**2 * i_f
    force = float(force_prof[0])
    q_wall = float(mom["Q1"][0] + mom["Q2"][0])
    if problem == "gradient":
        q_wall += -5.0 / (4.0 * pr * kappa)  # the background conduction flux
    drag_ratio = phi = None
    energy = float("nan")
    if problem == "drag":
        drag_ratio = force * kappa / (6.0 * math.pi)
        energy = (4.0 * math.pi / 3.0) * (q_wall + m_e[0] / (pr * kappa))
    elif problem == "gradient":
        phi = -force * kappa**2 / (3.0 * math.pi)
    if progress is not None:
        progress("done", 1.0)
    sol = SphereSolution(
        problem=problem, model=model, knudsen=kn, accommodation=alpha, grid=g, force=force,
        drag_ratio=drag_ratio, phi=phi, heat_flux_dipole=q_wall, energy_functional=energy,
        wall_density=float(x[N_MOM * n]), force_profile=force_prof, moments=mom, wall=wall,
        normal_accommodation=alpha_n,
        diagnostics=dict(harmonic_amplitude=amp, split_amplitudes=amps,
                         force_parts=tuple(float(-(8.0 * math.pi / 3.0) * extra2[0, q]) for q in range(extra2.shape[1])),
                         profile_parts=tuple(-(8.0 * math.pi / 3.0) * r**2 * extra2[:n, q] for q in range(extra2.shape[1])),
                         x_parts=x2, **wall_info),
    )
    if sol.force_spread > SPREAD_WARNING:
        warnings.warn(
            f"solve_sphere({problem!r}, knudsen={kn:g}): the force through the spheres r <= 10 a varies by "
            f"{100 * sol.force_spread:.1f} % (momentum conservation of the discrete solution); the grid does not "
            "resolve this problem here" + (" (at Kn < 0.1 the gradient force is a small residual)"
                                           if problem == "gradient" else "") + "; refine the grid",
            ValidityWarning, stacklevel=2,
        )
    if wall_info and wall_info["cl_largest_left_out"] > CL_TRUNCATION_WARNING:
        warnings.warn(
            f"solve_sphere({problem!r}, knudsen={kn:g}, wall='cl'): the Cercignani-Lampis wall modes above degree "
            f"{wall_info['cl_degree']} are left out, and the largest of them has the eigenvalue "
            f"{wall_info['cl_largest_left_out']:.2g} (accommodation {alpha:g}, normal {alpha_n:g}); near-specular "
            "walls need more speeds and directions (grid n_c, n_mu)", ValidityWarning, stacklevel=2)
    return sol
