r"""The ``kinetic`` force model: the linearized S-model sphere solution, tabulated, for any conductivity.

The shipped tables (``thermophoresis/data/kinetic_tables.npz``, made by ``scripts/make_kinetic_tables.py``
with :func:`thermophoresis.kinetic.solve_sphere`) hold, on a log grid of Kn = mfp/radius from 0.01 to 1000
and for each tabulated (model, Maxwell diffuse fraction alpha), five curves of Kn:

- the drag ratio F/(6 pi mu a U) (problem A);
- :math:`\Phi_B` and the wall heat-flux dipole :math:`q_B` of the held isothermal sphere in a gradient (B);
- :math:`\Phi_C` and :math:`q_C` of a sphere whose surface temperature is :math:`T_0(1 + a_1\cos\theta)` (C).

A particle of conductivity :math:`k_p` is then exact algebra (derived in ``docs/kinetic_model.md``): inside,
:math:`T = T_0[1 + A (r/a)\cos\theta]`; the gas around it is the sum of problem B (far-field gradient
:math:`G = a|\nabla T|/T_0`) and problem C with :math:`a_1 = A`; continuity of the normal heat flux at
the surface gives

.. math::

    \frac{A}{G} = \frac{-q_B}{R\,s + q_C}, \qquad s = \frac{5 Kn}{2\,Pr\sqrt\pi}, \qquad
    R = \frac{k_p}{k_g}, \qquad \Phi = \Phi_B + \Phi_C\,\frac{A}{G}

(``s`` is the gas conductivity in the solver's units, q in units of :math:`p_0\sqrt{2kT_0/m}` per unit G or
A). The velocity uses the kinetic drag of the same table: :math:`K_{th} = \Phi / (F_A/6\pi\mu a U)`.

Interpolation: each curve is divided by a normalization with the exact limits (so that it tends to a known
constant at both ends), then interpolated by PCHIP (monotone cubic Hermite) in ln Kn, and linearly in alpha
between the tabulated values. Beyond the table the normalized curve goes to its exact limit: for Kn > 1000
as :math:`Y_\infty + (Y_N - Y_\infty) Kn_N/Kn` (free-molecular: Epstein's drag, Waldmann's force, the
free-molecular heat fluxes); below the smallest resolved Kn as :math:`Y_0 + (Y_1 - Y_0)(Kn/Kn_1)^p`
(continuum: Stokes, the Fourier fluxes, the creep coefficient C_s of the half-space problem of the same
model; :math:`\Phi_B \to 0` linearly in Kn). Where the solver flagged a point as unresolved (a
ValidityWarning of :func:`~thermophoresis.kinetic.solve_sphere`; in the shipped tables every point is resolved) the point
is not used: :math:`\Phi_B` is bridged from the smallest resolved Kn to its continuum limit 0, and the
model's validity range starts there (a ValidityWarning below it).

The same evaluation runs three ways: NumPy (``kinetic_force_coefficient`` and the registry's ``evaluate``),
plain-Python floats for one particle, and a compiled Numba loop (:class:`KineticKernel`, the registry's
``kernel`` slot) that takes the tables as arguments (no table is frozen into the on-disk Numba cache).
"""

from __future__ import annotations

import math
import pathlib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .._docs import fill, references
from .._validation import as_output, check_nonnegative, check_positive
from ..constants import BOLTZMANN
from ..exceptions import InputError, UnknownNameError, ValidityWarning
from ..mobility import cunningham_formula
from .kernels import _FLOAT_MAX, ForceKernel, _run_threaded
from .registry import ModelInfo, register

__all__ = [
    "DATA_FILE", "KineticTables", "KineticKernel", "conducting_sphere_phi", "kinetic_tables",
    "kinetic_force_coefficient", "kinetic_drag_ratio", "kinetic_thermophoretic_coefficient", "kinetic_curves",
    "free_molecular_insulator_phi", "KineticMap", "kinetic_map",
]

DATA_FILE = pathlib.Path(__file__).resolve().parents[1] / "data" / "kinetic_tables.npz"
_PRANDTL = {"s": 2.0 / 3.0, "bgk": 1.0}
_SQRT_PI = math.sqrt(math.pi)
#: Epstein's free-molecular drag ratio times Kn at full accommodation, (4/9)(1 + pi/8)
_E1 = 4.0 / 9.0 * (1.0 + math.pi / 8.0)
#: Phi_C is normalized by 1 / (1 + B Kn)^2 with B^2 = 36/pi (its free-molecular form pi alpha / (36 Kn^2)):
#: bounded at both ends and monotone enough for PCHIP (leave-one-out error 0.6 % against 3 % with 1 + B^2 Kn^2)
_BC = math.sqrt(36.0 / math.pi)
QUANTITIES = ("drag_ratio", "phi_b", "q_b", "phi_c", "q_c")
#: exponent of the approach to the continuum limit of each normalized curve (Phi_B/Phi_W ~ Kn^2)
_SMALL_KN_POWER = (1, 2, 1, 1, 1)
_TOL = 1e-9  # accommodation tolerance at the ends of the tabulated range (round trips through 1 + pi f / 8)

#: the works the docstrings of this module cite (composed into References sections by ``_docs.references``)
_WORKS = {
    "shakhov": "Shakhov, E. M. (1968). Generalization of the Krook kinetic relaxation equation. Fluid Dyn. 3, "
               "95-96 (the S-model).",
    "epstein": "Epstein, P. S. (1924). Phys. Rev. 23, 710-733 (the free-molecular drag, the large-Kn limit).",
    "waldmann": "Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599 (the free-molecular force of the isothermal "
                "sphere, the large-Kn limit).",
    "algebra": "Derived here: ``docs/kinetic_model.md``, section \"The conductivity algebra (derived here)\".",
    "tables": "Computed here: the curves are solutions of :func:`thermophoresis.kinetic.solve_sphere` "
              "(``docs/kinetic_sphere.md``), tabulated and interpolated as ``docs/kinetic_model.md`` (section "
              "\"The tables (computed here)\") describes.",
}
#: the References section of each kind of function here (slots for :func:`~thermophoresis._docs.fill`)
_REFS = {f"references_{name}": references(*(_WORKS[w] for w in works)) for name, works in (
    ("algebra", ("algebra",)), ("insulator", ("algebra", "waldmann")),
    ("tables", ("shakhov", "tables", "epstein", "waldmann")),
    ("coefficient", ("shakhov", "tables", "algebra", "epstein", "waldmann")),
)}


# ---- the algebra -------------------------------------------------------------------------------------
def gas_conductivity_units(knudsen, prandtl):
    r"""The model's gas conductivity in the solver's units, :math:`s = 5/(4 Pr \kappa) = 5 Kn/(2 Pr\sqrt\pi)`.

    The far-field conduction flux of problem B is :math:`-s\,G` in units of :math:`p_0\sqrt{2kT_0/m}`.
    """
    return 5.0 * knudsen / (2.0 * prandtl * _SQRT_PI)


@fill(_REFS)
def conducting_sphere_phi(phi_b, phi_c, q_b, q_c, knudsen, conductivity_ratio, prandtl=2.0 / 3.0):
    r"""Force coefficient of a sphere of any conductivity from problems B and C (exact, linear theory).

    .. math:: \Phi = \Phi_B + \Phi_C\,\frac{-q_B\,\Lambda}{s + q_C\,\Lambda}, \qquad \Lambda = k_g/k_p

    Parameters
    ----------
    phi_b : numeric
        :math:`\Phi` of the held isothermal sphere in a gradient (problem B) [-].
    phi_c : numeric
        :math:`\Phi_C = -F_C/(12\,Kn^2)`: the force of a surface-temperature dipole :math:`a_1` (problem C,
        ``force`` of :class:`~thermophoresis.kinetic.SphereSolution`, F/(p a^2) per unit a1) in the units of
        :math:`\Phi` per unit :math:`a_1/G` [-].
    q_b, q_c : numeric
        Wall heat-flux dipoles of problems B and C, in units of :math:`p_0\sqrt{2kT_0/m}` per unit G or a1 [-].
    knudsen : numeric
        Kn = mfp / radius [-].
    conductivity_ratio : numeric
        :math:`\Lambda = k_{gas}/k_{particle}` [-] (0: a perfect conductor).
    prandtl : float
        The model's Prandtl number [-] (2/3 for the S-model, 1 for BGK), which fixes its conductivity.

    Returns
    -------
    numeric
        :math:`\Phi` [-] of :math:`F = -6\pi\mu\nu a\Phi\nabla T/T`.

    %(references_algebra)s

    Examples
    --------
    Continuum limit without slip (Fourier fluxes q_B = -3s, q_C = 2s, Phi_B = 0, Phi_C = (2/3) C_s): Epstein's
    form 2 C_s Lambda / (1 + 2 Lambda):

    >>> s = gas_conductivity_units(1e-6, 2 / 3)
    >>> round(conducting_sphere_phi(0.0, 2 / 3 * 0.75, -3 * s, 2 * s, 1e-6, 1.0), 12)
    0.5
    """
    lam = np.asarray(conductivity_ratio, dtype=float) if np.ndim(conductivity_ratio) else float(conductivity_ratio)
    s = gas_conductivity_units(knudsen, prandtl)
    return phi_b + phi_c * (-q_b * lam / (s + q_c * lam))


@fill(_REFS)
def free_molecular_insulator_phi(knudsen, accommodation=1.0, prandtl=2.0 / 3.0):
    r"""Free-molecular limit of :math:`\Phi` for a perfect insulator (:math:`k_p \to 0` before Kn → ∞).

    With the free-molecular wall fluxes :math:`q_B = -(\alpha/2)s`, :math:`q_C = \alpha/\sqrt\pi` and
    :math:`\Phi_C = \pi\alpha/(36 Kn^2)` the algebra gives :math:`A/G = s\sqrt\pi/2` and
    :math:`\Phi = \Phi_W\,(1 + 5\pi\alpha/32)`, :math:`\Phi_W = 2/(9\,Pr\,Kn)` (Waldmann with the model's
    conductivity): an insulating particle is pushed up to 1.49 times harder than Waldmann's isothermal
    sphere. Waldmann's result holds when :math:`(k_p/k_g)\,Kn \gg 1`, i.e. when conduction inside the
    particle outruns the free-molecular heat exchange with the gas.

    Parameters
    ----------
    knudsen : numeric
        Kn = mfp / radius [-].
    accommodation : float
        Maxwell's diffuse fraction [-], in [0, 1].
    prandtl : float
        The model's Prandtl number [-] (2/3 for the S-model, 1 for BGK).

    Returns
    -------
    numeric
        :math:`\Phi` [-] (leading order in 1/Kn).

    %(references_insulator)s

    Examples
    --------
    >>> round(free_molecular_insulator_phi(1e4) * 3e4, 4)
    1.4909
    """
    phi_w = 2.0 / (9.0 * prandtl * knudsen)
    s = gas_conductivity_units(knudsen, prandtl)
    return phi_w + math.pi * accommodation / (36.0 * knudsen**2) * (s * _SQRT_PI / 2.0)


# ---- tables ------------------------------------------------------------------------------------------
def pchip_slopes(x, y):
    """Node slopes of the monotone piecewise-cubic Hermite interpolant (Fritsch & Carlson 1980; the
    three-point, shape-preserving end rule), as in SciPy's ``PchipInterpolator`` (tests compare them)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    h = np.diff(x)
    delta = np.diff(y) / h
    n = x.size
    d = np.zeros(n)
    if n == 2:
        d[:] = delta[0]
        return d
    w1 = 2.0 * h[1:] + h[:-1]
    w2 = h[1:] + 2.0 * h[:-1]
    same = (np.sign(delta[1:]) * np.sign(delta[:-1]) > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        harmonic = (w1 + w2) / (w1 / delta[:-1] + w2 / delta[1:])
    d[1:-1] = np.where(same, harmonic, 0.0)

    def edge(h0, h1, m0, m1):
        slope = ((2.0 * h0 + h1) * m0 - h0 * m1) / (h0 + h1)
        if np.sign(slope) != np.sign(m0):
            return 0.0
        if np.sign(m0) != np.sign(m1) and abs(slope) > abs(3.0 * m0):
            return 3.0 * m0
        return slope

    d[0] = edge(h[0], h[1], delta[0], delta[1])
    d[-1] = edge(h[-1], h[-2], delta[-1], delta[-2])
    return d


def resolved_from_file(path=DATA_FILE, model: str = "s") -> float:
    """Smallest Kn from which the solver resolved every point of ``model`` (0 if all): read from the data file
    without building the interpolation tables (cheap enough for the registry at import). Without a data
    file (before the first ``scripts/make_kinetic_tables.py`` run) nothing is resolved: inf."""
    if not pathlib.Path(path).exists():
        return math.inf
    with np.load(path, allow_pickle=False) as z:
        kn, models, res = z["knudsen"], z["models"], z["resolved"]
    sel = np.array([str(m) == model for m in models])
    ok = res[sel][:, 0].all(axis=0) & res[sel][:, 2].all(axis=0) & res[sel][:, 1].all(axis=0)
    bad = np.flatnonzero(~ok)
    return 0.0 if bad.size == 0 else float(kn[min(bad.max() + 1, kn.size - 1)])


@dataclass(frozen=True)
class _ModelTable:
    """Normalized curves of one kinetic model over its tabulated accommodations (ascending)."""

    model: str
    prandtl: float
    accommodation: np.ndarray  # (n_a,)
    knudsen: np.ndarray  # (n_k,)
    x: np.ndarray  # ln Kn
    y: np.ndarray  # (n_a, 5, n_k) normalized curves
    d: np.ndarray  # (n_a, 5, n_k) PCHIP slopes d y / d ln Kn
    y0: np.ndarray  # (n_a, 5) continuum limits
    yinf: np.ndarray  # (n_a, 5) free-molecular limits
    first: np.ndarray  # (5,) first node used by each curve (unresolved points below are dropped)


class KineticTables:
    """The shipped tables, normalized and ready to interpolate (see the module docstring).

    Attributes
    ----------
    raw : dict
        The arrays of the data file (``drag_ratio``, ``force_b``, ``q_b``, ``force_c``, ``q_c`` with shape
        (set, Kn), the solver's ``resolved`` flags (set, problem A/B/C, Kn), spreads, reciprocity, grids).
    models : dict
        ``{"s": _ModelTable, "bgk": _ModelTable}``.
    """

    def __init__(self, path=DATA_FILE):
        if not pathlib.Path(path).exists():
            raise FileNotFoundError(f"the kinetic tables {path} are missing: run scripts/make_kinetic_tables.py")
        with np.load(path, allow_pickle=False) as z:
            self.raw = {k: z[k] for k in z.files}
        self.path = pathlib.Path(path)
        kn = self.raw["knudsen"]
        models = [str(m) for m in self.raw["models"]]
        alphas = self.raw["accommodation"]
        self.models = {}
        for model in sorted(set(models)):
            pr = _PRANDTL[model]
            idx = sorted((i for i, m in enumerate(models) if m == model), key=lambda i: alphas[i])
            a = alphas[idx]
            y = np.empty((len(idx), 5, kn.size))
            y0 = np.empty((len(idx), 5))
            yinf = np.empty((len(idx), 5))
            resolved = np.ones((5, kn.size), dtype=bool)
            for j, i in enumerate(idx):
                y[j] = self.normalize(kn, pr, self.raw["drag_ratio"][i], self.raw["force_b"][i], self.raw["q_b"][i],
                                      self.raw["force_c"][i], self.raw["q_c"][i])
                cs = self.raw["halfspace_cs_ct_cm"][i, 0]
                al = float(alphas[i])
                y0[j] = (1.0, 0.0, 3.0, 2.0 / 3.0 * cs, 1.0)
                yinf[j] = ((1.0 + math.pi * al / 8.0) / (1.0 + math.pi / 8.0), 1.0, al / 2.0, al, al)
                r = self.raw["resolved"][i]  # problems A, B, C
                # q_B is kept where only B's force is flagged: the flag is the momentum balance of the
                # discrete solution, and q_B follows the jump law 3/(1 + 2 C_t Kn) there (docs/kinetic_model.md)
                resolved &= np.array([r[0], r[1], np.ones_like(r[1]), r[2], r[2]])
            first = np.zeros(5, dtype=np.int64)
            for q in range(5):
                bad = np.flatnonzero(~resolved[q])
                first[q] = bad.max() + 1 if bad.size else 0
                if first[q] > kn.size - 2:
                    raise InputError(f"kinetic tables: curve {QUANTITIES[q]} of model {model!r} is unresolved "
                                     "almost everywhere; regenerate the tables")
            x = np.log(kn)
            d = np.zeros_like(y)
            for j in range(len(idx)):
                for q in range(5):
                    f = first[q]
                    d[j, q, f:] = pchip_slopes(x[f:], y[j, q, f:])
            self.models[model] = _ModelTable(model, pr, a, kn, x, y, d, y0, yinf, first)

    @staticmethod
    def normalize(kn, prandtl, drag_ratio, force_b, q_b, force_c, q_c):
        r"""The five curves divided by normalizations with the exact limits (rows of the interpolated table).

        Y_drag = drag (1 + Kn/E1), Y_B = Phi_B / Phi_W, Y_qB = q_B/(-s), Y_C = Phi_C (1 + sqrt(36/pi) Kn)^2,
        Y_qC = q_C (1/(2s) + sqrt(pi)); with Phi_B = -F_B/(12 Kn^2), Phi_C = -F_C/(12 Kn^2) (F per p a^2 and
        unit G or a1), Phi_W = 2/(9 Pr Kn) (Waldmann with the model's conductivity), E1 = (4/9)(1 + pi/8).
        """
        s = gas_conductivity_units(kn, prandtl)
        phi_b = -force_b / (12.0 * kn**2)
        phi_c = -force_c / (12.0 * kn**2)
        return np.array([
            drag_ratio * (1.0 + kn / _E1),
            phi_b * (9.0 * prandtl * kn / 2.0),
            q_b / (-s),
            phi_c * ((1.0 + _BC * kn) * (1.0 + _BC * kn)),
            q_c * (1.0 / (2.0 * s) + _SQRT_PI),
        ])

    def table(self, model: str) -> _ModelTable:
        try:
            return self.models[model]
        except KeyError:
            raise UnknownNameError(parameter="kinetic_model", value=model,
                                   allowed=f"one of {', '.join(self.models)}") from None

    def accommodation_range(self, model: str = "s") -> tuple[float, float]:
        a = self.table(model).accommodation
        return float(a[0]), float(a[-1])

    def resolved_from(self, model: str = "s") -> float:
        """Smallest Kn from which every curve of ``model`` is resolved by the solver (0 if all are)."""
        t = self.table(model)
        f = int(t.first.max())
        return 0.0 if f == 0 else float(t.knudsen[f])

    @lru_cache(maxsize=64)
    def combined(self, model: str, accommodation: float):
        """The evaluation arrays (:func:`_pack`) of the curves at one accommodation (linear in alpha between
        the tabulated values; exact at a tabulated value)."""
        t = self.table(model)
        a = t.accommodation
        lo, hi = float(a[0]), float(a[-1])
        al = float(accommodation)
        if not (lo - _TOL <= al <= hi + _TOL):
            raise InputError(
                f"accommodation (Maxwell diffuse fraction, the particle's momentum_accommodation) = {al!r} is "
                f"outside the tabulated range [{lo:g}, {hi:g}] of the kinetic model ({model})",
                parameter="accommodation", value=al, allowed=f"in [{lo:g}, {hi:g}]")
        al = min(max(al, lo), hi)
        if a.size == 1:
            j, w = 0, 0.0
        else:
            j = int(min(np.searchsorted(a, al, side="right") - 1, a.size - 2))
            w = (al - a[j]) / (a[j + 1] - a[j])
        if w == 0.0 or a.size == 1:
            y, d, y0, yinf = t.y[j], t.d[j], t.y0[j], t.yinf[j]
        elif w == 1.0:
            y, d, y0, yinf = t.y[j + 1], t.d[j + 1], t.y0[j + 1], t.yinf[j + 1]
        else:
            y = (1.0 - w) * t.y[j] + w * t.y[j + 1]
            d = (1.0 - w) * t.d[j] + w * t.d[j + 1]
            y0 = (1.0 - w) * t.y0[j] + w * t.y0[j + 1]
            yinf = (1.0 - w) * t.yinf[j] + w * t.yinf[j + 1]
        return _pack(t, y, d, y0, yinf)

    @lru_cache(maxsize=64)
    def combined_lists(self, model: str, accommodation: float):
        """:meth:`combined` as tuples of Python floats (for the plain-Python scalar path)."""
        arrs = self.combined(model, accommodation)
        return tuple(tuple(float(v) for v in a) for a in arrs[:-1]) + (arrs[-1],)


def _pack(t: _ModelTable, y, d, y0, yinf):
    """The evaluation arrays ``(grid, xs, ihs, coef, ends, prandtl)`` of one set of curves.

    grid = (ln Kn_0, 1/h, Kn_N, intervals, 2/(9 Pr), 5/Pr) with h the mean ln-spacing (an index guess, refined
    by the exact node positions xs and inverse interval widths ihs) and the two constants of the algebra
    (:func:`_core`); coef: the cubic Hermite piece of every interval and curve as polynomial coefficients in
    t = (ln Kn - x_k)/h_k, flattened (interval, curve, power) so that one interval's 20 numbers are adjacent;
    ends, per curve: (value at the last node, Kn -> inf limit, value at the first used node, Kn -> 0 limit,
    1 / Kn of the first used node).
    """
    x = np.asarray(t.x, dtype=float)
    n = x.size
    h = np.diff(x)
    if np.ptp(h) > 1e-6 * h.mean():
        raise InputError("kinetic tables: the Kn grid must be uniform in ln Kn; regenerate the tables")
    coef = np.empty((n - 1, 5, 4))
    for q in range(5):
        yk, yk1 = y[q, :-1], y[q, 1:]
        dk, dk1 = h * d[q, :-1], h * d[q, 1:]
        delta = yk1 - yk
        coef[:, q] = np.stack([yk, dk, 3.0 * delta - 2.0 * dk - dk1, -2.0 * delta + dk + dk1], axis=-1)
    ends = np.empty((5, 5))
    for q in range(5):
        f = int(t.first[q])
        ends[q] = (y[q, -1], yinf[q], y[q, f], y0[q], 1.0 / t.knudsen[f])
    pr = float(t.prandtl)
    grid = np.array([x[0], (n - 1) / (x[-1] - x[0]), float(t.knudsen[-1]), float(n - 1), 2.0 / (9.0 * pr),
                     5.0 / pr])
    arrays = tuple(np.ascontiguousarray(v, dtype=float).reshape(-1) for v in (grid, x, 1.0 / h, coef, ends))
    for arr in arrays:
        arr.setflags(write=False)
    return arrays + (pr,)


@lru_cache(maxsize=None)
def kinetic_tables() -> KineticTables:
    """The shipped tables (loaded once)."""
    return KineticTables(DATA_FILE)


# ---- the evaluation: one scalar core (plain Python and Numba) and its NumPy twin ---------------------
# The algebra of the module docstring with the normalizations of KineticTables.normalize written out and
# simplified (three divisions per particle instead of a dozen: the compiled loop was bound by divisions).
# With Y the five interpolated curves, Q = 1 + 2 s sqrt(pi) = 1 + 5 Kn/Pr, W = Q + 2 Y_qC Lambda and
# P = (1 + sqrt(36/pi) Kn)^2:
#     Phi = Y_B (2/(9 Pr)) / Kn + Y_C Y_qB Lambda Q / (P W),   drag = Y_drag E1 / (E1 + Kn),
# the same numbers as Phi_B + Phi_C (-q_B Lambda)/(s + q_C Lambda) to rounding (Phi_B + 0 exactly at Lambda = 0).
def _piece(q, c, t, kn, big, r_big, coef, ends):
    """Curve q at one Kn: the Hermite cubic of its interval, or an exact continuation beyond the nodes."""
    c = c + 4 * q
    inner = coef[c] + t * (coef[c + 1] + t * (coef[c + 2] + t * coef[c + 3]))
    e = 5 * q
    r = kn * ends[e + 4]
    if q == 1:
        r = r * r
    small = ends[e + 3] + (ends[e + 2] - ends[e + 3]) * r
    large = ends[e + 1] + (ends[e] - ends[e + 1]) * r_big
    return large if big else (small if r < 1.0 else inner)


def _core(kn, lam, grid, xs, ihs, coef, ends):
    """(Phi, K_th, drag ratio) at one Kn and Lambda = k_g/k_p from the packed curves (Python floats or Numba)."""
    m = int(grid[3])
    x = math.log(kn)
    k = int(math.floor((x - grid[0]) * grid[1]))
    k = min(max(k, 0), m - 1)
    t = (x - xs[k]) * ihs[k]
    big = kn > grid[2]
    r_big = grid[2] / kn
    c = 20 * k
    ya = _piece(0, c, t, kn, big, r_big, coef, ends)
    yb = _piece(1, c, t, kn, big, r_big, coef, ends)
    yqb = _piece(2, c, t, kn, big, r_big, coef, ends)
    yc = _piece(3, c, t, kn, big, r_big, coef, ends)
    yqc = _piece(4, c, t, kn, big, r_big, coef, ends)
    q = 1.0 + grid[5] * kn
    phi = yb * grid[4] / kn + yc * yqb * lam * q / ((1.0 + _BC * kn) * (1.0 + _BC * kn) * (q + 2.0 * yqc * lam))
    e1k = _E1 + kn
    return phi, phi * e1k / (ya * _E1), ya * _E1 / e1k


def _ys_numpy(kn, arrays):
    """The five interpolated (normalized) curves on an array of Kn (NumPy twin of ``_piece``)."""
    grid, xs, ihs, coef, ends, _ = arrays
    m = int(grid[3])
    kn = np.asarray(kn, dtype=float)
    x = np.log(kn)
    k = np.clip(np.floor((x - grid[0]) * grid[1]), 0, m - 1).astype(np.int64)
    t = (x - xs[k]) * ihs[k]
    big = kn > grid[2]
    r_big = grid[2] / kn
    out = []
    for q in range(5):
        e = 5 * q
        c = 20 * k + 4 * q
        inner = coef[c] + t * (coef[c + 1] + t * (coef[c + 2] + t * coef[c + 3]))
        r = kn * ends[e + 4]
        if q == 1:
            r = r * r
        small = ends[e + 3] + (ends[e + 2] - ends[e + 3]) * r
        large = ends[e + 1] + (ends[e] - ends[e + 1]) * r_big
        out.append(np.where(big, large, np.where(r < 1.0, small, inner)))
    return out


def _curves_numpy(kn, arrays):
    """The five physical curves (drag, Phi_B, q_B, Phi_C, q_C) and s on an array of Kn (undoing
    :meth:`KineticTables.normalize`)."""
    ya, yb, yqb, yc, yqc = _ys_numpy(kn, arrays)
    pr = arrays[5]
    kn = np.asarray(kn, dtype=float)
    drag = ya / (1.0 + kn / _E1)
    phi_b = yb * arrays[0][4] / kn  # as in _core: bit-identical Phi at Lambda = 0
    s = 5.0 * kn / (2.0 * pr * _SQRT_PI)
    q_b = -s * yqb
    phi_c = yc / ((1.0 + _BC * kn) * (1.0 + _BC * kn))
    q_c = yqc / (1.0 / (2.0 * s) + _SQRT_PI)
    return drag, phi_b, q_b, phi_c, q_c, s


def _phi_kth_numpy(kn, lam, arrays):
    """(Phi, K_th, drag ratio) on arrays (NumPy twin of ``_core``, the same operations in the same order)."""
    grid = arrays[0]
    ya, yb, yqb, yc, yqc = _ys_numpy(kn, arrays)
    kn = np.asarray(kn, dtype=float)
    q = 1.0 + grid[5] * kn
    phi = yb * grid[4] / kn + yc * yqb * lam * q / ((1.0 + _BC * kn) * (1.0 + _BC * kn) * (q + 2.0 * yqc * lam))
    e1k = _E1 + kn
    return phi, phi * e1k / (ya * _E1), ya * _E1 / e1k


def _check_model(model):
    if not isinstance(model, str) or model.lower() not in _PRANDTL:
        raise UnknownNameError(parameter="kinetic_model", value=model, allowed="s (Shakhov S-model) or bgk")
    return model.lower()


def _warn_below(kn, model, stacklevel=3):
    lo = kinetic_tables().resolved_from(model)
    if lo > 0 and np.any(np.asarray(kn) < lo):
        import warnings

        warnings.warn(
            f"kinetic model used at Kn = mfp/radius = {float(np.min(kn)):.3g} < {lo:g}, below the smallest Kn at "
            "which the sphere solver resolves the isothermal-sphere force Phi_B: there Phi_B is bridged linearly "
            "to its continuum limit 0 (unresolved; it matters for highly conducting particles)",
            ValidityWarning, stacklevel=stacklevel)


def _tabulated_phi_kth(knudsen, conductivity_ratio, accommodation, kinetic_model):
    """(Phi, K_th) of the shipped tables, inputs checked; for the two public functions below, so the
    warning names their caller."""
    model = _check_model(kinetic_model)
    kn = check_positive("knudsen", knudsen)
    lam = check_nonnegative("conductivity_ratio", conductivity_ratio)
    _warn_below(kn, model, stacklevel=4)
    return _phi_kth_numpy(kn, lam, kinetic_tables().combined(model, float(accommodation)))


#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    **_REFS,
    "parameters_tabulated": """Parameters
----------
knudsen : numeric
    Kn = mfp / radius [-].
accommodation : float
    Maxwell's diffuse fraction [-], within the tabulated range.
kinetic_model : {"s", "bgk"}
    Shakhov S-model (tabulated at several accommodations) or BGK.""",
}


@fill(_DOC)
def kinetic_curves(knudsen, accommodation=1.0, kinetic_model="s") -> dict:
    r"""The interpolated curves of the shipped tables at ``knudsen`` (Kn = mfp/radius) and one accommodation.

    %(parameters_tabulated)s

    Returns
    -------
    dict
        ``drag_ratio`` (F/(6 pi mu a U)), ``phi_b``, ``q_b``, ``phi_c``, ``q_c`` (normalizations of
        :func:`conducting_sphere_phi`) and ``s`` (the gas conductivity in the same units) [-].

    %(references_tables)s
    """
    model = _check_model(kinetic_model)
    kn = check_positive("knudsen", knudsen)
    drag, phi_b, q_b, phi_c, q_c, s = _curves_numpy(kn, kinetic_tables().combined(model, float(accommodation)))
    return {k: as_output(v) for k, v in zip(("drag_ratio", "phi_b", "q_b", "phi_c", "q_c", "s"),
                                            (drag, phi_b, q_b, phi_c, q_c, s))}


def kinetic_force_coefficient(knudsen, conductivity_ratio, accommodation=1.0, kinetic_model="s"):
    r"""Force coefficient :math:`\Phi` of the linearized S-model (or BGK) sphere, any Kn and conductivity.

    :math:`F = -6\pi\mu\nu a\,\Phi\,\nabla T/T`, with :math:`\Phi = \Phi_B + \Phi_C A/G` from the shipped
    kinetic tables (see the module docstring and ``docs/kinetic_model.md``).

    Parameters
    ----------
    knudsen : numeric
        Kn = mfp / radius [-], mfp = (mu/p) sqrt(pi k T / (2 m)).
    conductivity_ratio : numeric
        :math:`\Lambda = k_{gas}/k_{particle}` [-].
    accommodation : float
        Maxwell's diffuse fraction [-], within the tabulated range (0.5 to 1 for the S-model).
    kinetic_model : {"s", "bgk"}
        Shakhov S-model (Pr = 2/3, the default) or BGK (Pr = 1, tabulated at accommodation 1 only).

    Returns
    -------
    numeric
        :math:`\Phi` [-] (negative: thermophoresis reversed, towards the hot side).

    Warns
    -----
    ValidityWarning
        Below the smallest Kn at which the solver resolves the isothermal-sphere force (0.1 with the solver
        of this release), where that part is bridged to its continuum limit.

    References
    ----------
    .. [1] Shakhov, E. M. (1968). Generalization of the Krook kinetic relaxation equation. Fluid Dyn. 3, 95-96
       (the S-model); the solution is computed by :func:`thermophoresis.kinetic.solve_sphere`.

    Examples
    --------
    >>> round(float(kinetic_force_coefficient(1000.0, 0.01)) * 3000.0, 3)   # Waldmann: 1/(3 Kn)
    1.0
    """
    return as_output(_tabulated_phi_kth(knudsen, conductivity_ratio, accommodation, kinetic_model)[0])


@fill(_DOC)
def kinetic_drag_ratio(knudsen, accommodation=1.0, kinetic_model="s"):
    r"""Drag of the linearized S-model (or BGK) sphere over Stokes' :math:`6\pi\mu a U`, from the tables.

    %(parameters_tabulated)s

    Returns
    -------
    numeric
        F / (6 pi mu a U) [-]: 1 as Kn -> 0, Epstein's (4/(9 Kn))(1 + pi alpha/8) as Kn -> infinity.

    References
    ----------
    .. [1] Epstein, P. S. (1924). Phys. Rev. 23, 710-733 (the free-molecular limit);
       :func:`thermophoresis.kinetic.solve_sphere` (the tabulated values).

    >>> round(float(kinetic_drag_ratio(1e6)) * 1e6 / (4 / 9 * (1 + 3.141592653589793 / 8)), 6)
    1.0
    """
    return kinetic_curves(knudsen, accommodation, kinetic_model)["drag_ratio"]


@fill(_DOC)
def kinetic_thermophoretic_coefficient(knudsen, conductivity_ratio, accommodation=1.0, kinetic_model="s"):
    r""":math:`K_{th} = \Phi/(F_A/6\pi\mu a U)`: the drift coefficient with the kinetic drag of the same model.

    Parameters
    ----------
    knudsen : numeric
        Kn = mfp / radius [-].
    conductivity_ratio : numeric
        :math:`\Lambda = k_{gas}/k_{particle}` [-], >= 0 (0: a perfect conductor).
    accommodation : float
        Maxwell's diffuse fraction [-], within the tabulated range (0.5 to 1 for the S-model).
    kinetic_model : {"s", "bgk"}
        Shakhov S-model (the default) or BGK (tabulated at accommodation 1 only).

    Returns
    -------
    numeric
        :math:`K_{th}` [-] of :math:`v = -K_{th}\nu\nabla T/T`.

    Warns
    -----
    ValidityWarning
        Below the smallest resolved Kn of the tables, as :func:`kinetic_force_coefficient`.

    %(references_coefficient)s
    """
    return as_output(_tabulated_phi_kth(knudsen, conductivity_ratio, accommodation, kinetic_model)[1])


# ---- the registry's evaluate and kernel --------------------------------------------------------------
def _accommodation_from_delta(delta):
    """The diffuse fraction f back from Epstein's 1 + pi f / 8 (what the compiled pipeline receives)."""
    return (delta - 1.0) * 8.0 / math.pi


def evaluate(x, **params):
    """Registry ``evaluate``: (Phi, K_th) for :class:`~thermophoresis.force.ForceInputs` (S-model tables).

    The accommodation is the particle's ``momentum_accommodation`` (Maxwell's diffuse fraction, which in
    Maxwell's wall model also sets the energy exchange), taken through the same round trip as the compiled path.
    """
    tables = kinetic_tables()
    f = _accommodation_from_delta(1.0 + math.pi * np.asarray(x.momentum_accommodation, dtype=float) / 8.0)
    kn = np.asarray(x.kn, dtype=float)
    lam = np.asarray(x.conductivity_ratio, dtype=float)
    if f.ndim == 0:
        phi, kth, _ = _phi_kth_numpy(kn, lam, tables.combined("s", float(f)))
    else:
        shape = np.broadcast_shapes(kn.shape, lam.shape, f.shape)
        kn_b, lam_b, f_b = (np.broadcast_to(v, shape) for v in (kn, lam, f))
        phi, kth = np.empty(shape), np.empty(shape)
        for value in np.unique(f_b):
            sel = f_b == value
            phi[sel], kth[sel], _ = _phi_kth_numpy(kn_b[sel], lam_b[sel], tables.combined("s", float(value)))
    return phi, kth


def _element(d, mfp, mfp_slip, sa, sb, sg, lam, t, mu, nu, c_mean, delta, g, kn_lo, kn_hi, drag_code,
             grid, xs, ihs, coef, ends, pr):
    radius = 0.5 * d
    kn = mfp / radius
    cc = cunningham_formula(mfp_slip / radius, sa, sb, sg)
    phi, kth, _ = _core(kn, lam, grid, xs, ihs, coef, ends)
    stokes = 6.0 * math.pi * mu * radius
    force = -stokes * nu * phi * g / t + 0.0
    velocity = -kth * nu * g / t + 0.0
    if kth != 0.0:
        zeta = stokes * phi / kth
    else:  # Phi = 0: F/v undefined; the slip-set friction (drag "model" falls back to it in drift)
        zeta = stokes / cc
    code = (kn >= 0.01) + (kn >= 0.1) + (kn >= 10.0)
    inside = kn_lo <= kn <= kn_hi
    return kn, cc, phi, kth, force, velocity, zeta, BOLTZMANN * t / zeta, code, inside


_COMPILED = {}


def _compiled():
    """The Numba loops (built on first use; cached on disk, keyed on this file; tables are arguments).

    Like the other models' loops (:mod:`thermophoresis.force.kernels`): the per-particle code is inlined at
    Numba-IR level, the checks of the result (Kn outside the model's range, |v|/c_mean above the linear-response
    limit) are counted inside the loop, the full pipeline is strict IEEE and the velocity-only loop keeps the
    other velocity loops' fastmath.
    """
    if "velocity" in _COMPILED:
        return _COMPILED["array"], _COMPILED["velocity"]
    import types

    import numba as nb

    from .._twins import cache_by_source, compiled_twin
    from .kernels import _JIT_OPTIONS as strict_opts
    from .kernels import _VELOCITY_JIT_OPTIONS as fast_opts

    def copy(func, globals_, name):
        # a copy with its own globals and its own qualified name (Numba's disk cache is keyed on the latter)
        out = types.FunctionType(func.__code__, globals_, name)
        out.__qualname__ = name
        return out

    def build(options, suffix):
        piece = nb.njit(inline="always", **options)(copy(_piece, dict(_piece.__globals__), f"_kinetic_piece{suffix}"))
        g = dict(_core.__globals__, _piece=piece)
        return nb.njit(inline="always", **options)(copy(_core, g, f"_kinetic_core{suffix}"))

    core = build(dict(strict_opts, cache=True), "")
    core_fast = build(dict(fast_opts, cache=True), "_fast")
    cunningham = compiled_twin(cunningham_formula)
    ge = dict(_element.__globals__, _core=core, cunningham_formula=cunningham)
    element = nb.njit(inline="always", cache=True, **strict_opts)(copy(_element, ge, "_kinetic_element"))

    @nb.njit(parallel=True, cache=True, **strict_opts)
    def kinetic_array(dd, mfp, mfp_slip, sa, sb, sg, lam, t, mu, nu, c_mean, delta, g, kn_lo, kn_hi, drag_code,
                      speed_limit, grid, xs, ihs, coef, ends, pr, kn, cc, phi, kth, force, velocity, zeta, diff,
                      code, inside):
        n_outside = 0
        n_fast = 0
        for i in nb.prange(dd.size):
            (kn[i], cc[i], phi[i], kth[i], force[i], v, zeta[i], diff[i], code[i],
             ins) = element(dd[i], mfp, mfp_slip, sa, sb, sg, lam, t, mu, nu, c_mean, delta, g, kn_lo,
                            kn_hi, drag_code, grid, xs, ihs, coef, ends, pr)
            velocity[i] = v
            inside[i] = ins
            n_outside += 1 - ins
            n_fast += abs(v) / c_mean > speed_limit
        return n_outside, n_fast

    @nb.njit(parallel=True, cache=True, **fast_opts)
    def kinetic_velocity(dd, mfp, lam, t, nu, g, c_mean, kn_lo, kn_hi, speed_limit, grid, xs, ihs, coef, ends,
                         out):
        n_outside = 0
        n_fast = 0
        for i in nb.prange(dd.size):
            kn = mfp / (0.5 * dd[i])
            v = -core_fast(kn, lam, grid, xs, ihs, coef, ends)[1] * nu * g / t + 0.0
            out[i] = v
            n_outside += (kn < kn_lo) | (kn > kn_hi)
            n_fast += abs(v) / c_mean > speed_limit
        return n_outside, n_fast

    _COMPILED["array"], _COMPILED["velocity"] = cache_by_source(kinetic_array), cache_by_source(kinetic_velocity)
    return kinetic_array, kinetic_velocity


class KineticKernel(ForceKernel):
    """The compiled twin of the ``kinetic`` model (registry ``kernel`` slot).

    Same interface as :class:`~thermophoresis.force.kernels.ForceKernel` (``scalar``, ``run_array``,
    ``run_velocity``, ``checked_array``, ``checked_velocity``, threads chosen from the load as for the other
    models); the loops additionally take the interpolation tables at the particle's accommodation, which
    are recovered from Epstein's factor ``delta = 1 + pi f / 8`` of the argument list.
    """

    def __init__(self, name: str = "kinetic", model: str = "s"):
        self.name = name
        self.model = model
        self.point = None
        self.uses_slip = False
        self._array = None
        self._velocity = None

    def _tables(self, delta, as_lists=False):
        f = _accommodation_from_delta(delta)
        tabs = kinetic_tables()
        return tabs.combined_lists(self.model, f) if as_lists else tabs.combined(self.model, f)

    def scalar(self, d, mfp, mfp_slip, sa, sb, sg, lam, p, t, mu, nu, c_mean, delta, g, kn_lo, kn_hi, drag):
        """Everything for one particle as Python floats (plain-Python twin of the compiled element)."""
        return _element(d, mfp, mfp_slip, sa, sb, sg, lam, t, mu, nu, c_mean, delta, g, kn_lo, kn_hi, drag,
                        *self._tables(delta, as_lists=True))

    @property
    def array(self):
        return _compiled()[0]

    @property
    def velocity_array(self):
        return _compiled()[1]

    def checked_velocity(self, d, args, speed_limit=_FLOAT_MAX):
        """``(velocity, n_outside, n_fast)`` as :meth:`ForceKernel.checked_velocity`."""
        mfp, mfp_slip, sa, sb, sg, lam, p, t, mu, nu, c_mean, delta, g, kn_lo, kn_hi, drag = args
        grid, xs, ihs, coef, ends, _ = self._tables(delta)
        flat = np.ascontiguousarray(d, dtype=float).reshape(-1)
        out = np.empty(flat.size)
        # the fastmath loop assumes no infinities: an infinite bound becomes the largest float
        n_outside, n_fast = _run_threaded(self.velocity_array, flat.size, flat, mfp, lam, t, nu, g, c_mean,
                                          min(kn_lo, _FLOAT_MAX), min(kn_hi, _FLOAT_MAX),
                                          min(float(speed_limit), _FLOAT_MAX), grid, xs, ihs, coef, ends, out)
        return out.reshape(np.shape(d)), int(n_outside), int(n_fast)

    def checked_array(self, d, args, speed_limit=_FLOAT_MAX):
        """``(outputs, n_outside, n_fast)`` as :meth:`ForceKernel.checked_array`."""
        delta = args[11]
        tabs = self._tables(delta)
        flat = np.ascontiguousarray(d, dtype=float).reshape(-1)
        outs = np.empty((8, flat.size))  # one block, as ForceKernel.checked_array
        flags = np.empty((2, flat.size), dtype=np.int8)
        code, inside = flags[0], flags[1].view(np.bool_)
        rest = tuple(a for i, a in enumerate(args) if i != 6)  # no model constants
        n_outside, n_fast = _run_threaded(self.array, flat.size, flat, *rest, float(speed_limit), *tabs, *outs,
                                          code, inside)
        shape = np.shape(d)
        return [o.reshape(shape) for o in (*outs, code, inside)], int(n_outside), int(n_fast)

    def __repr__(self) -> str:
        return f"KineticKernel({self.name!r}, model={self.model!r})"


register(ModelInfo(
    name="kinetic", aliases=("s_model", "kinetic_s"),
    label="Linearized S-model sphere (computed)", regime="all",
    kn_range=(resolved_from_file(), math.inf), drag="model",
    reference="computed here: linearized Shakhov S-model sphere problems (thermophoresis.kinetic.solve_sphere), "
              "tables by scripts/make_kinetic_tables.py; docs/kinetic_model.md",
    formula="Phi = Phi_B + Phi_C (-q_B Lambda)/(s + q_C Lambda), s = 5 Kn/(2 Pr sqrt(pi)); "
            "K_th = Phi / (drag / 6 pi mu a U)",
    function=kinetic_force_coefficient, evaluate=evaluate, kernel=KineticKernel(),
    notes="monatomic-gas kinetic theory, Maxwell wall with the particle's momentum_accommodation as diffuse "
          "fraction (tabulated 0.5-1); any conductivity; can reverse sign; below the lower end of kn_range the "
          "isothermal-sphere part is not resolved by the solver yet and is bridged to its continuum limit",
))


# ---- where does the force reverse? ---------------------------------------------------------------------
@dataclass(frozen=True)
class KineticMap:
    """:math:`\\Phi` and :math:`K_{th}` of the ``kinetic`` tables over (accommodation, Kn, k_p/k_g).

    ``phi[a, i, j]`` is at ``accommodation[a]``, ``knudsen[i]`` (mfp/radius) and ``conductivity_ratio[j]``
    (**k_p/k_g**, the particle over the gas). ``resolved`` marks Kn at or above the smallest Kn at which the
    solver resolves every curve (below it the isothermal-sphere part is bridged, see the module docstring).
    """

    model: str
    accommodation: np.ndarray
    knudsen: np.ndarray
    conductivity_ratio: np.ndarray
    phi: np.ndarray
    kth: np.ndarray
    resolved_from: float

    @property
    def resolved(self) -> np.ndarray:
        return np.broadcast_to((self.knudsen >= self.resolved_from)[None, :, None], self.phi.shape)

    @property
    def negative(self) -> np.ndarray:
        return self.phi < 0

    def _extreme(self, values, pick):
        a, i, j = np.unravel_index(int(pick(values)), values.shape)
        return {"value": float(values[a, i, j]), "accommodation": float(self.accommodation[a]),
                "knudsen": float(self.knudsen[i]), "conductivity_ratio_kp_over_kg": float(self.conductivity_ratio[j])}

    def _region(self, mask) -> dict | None:
        if not np.any(mask):
            return None
        a, i, j = np.nonzero(mask)
        return {"knudsen": [float(self.knudsen[i].min()), float(self.knudsen[i].max())],
                "conductivity_ratio_kp_over_kg": [float(self.conductivity_ratio[j].min()),
                                                  float(self.conductivity_ratio[j].max())],
                "accommodation": sorted({float(v) for v in self.accommodation[a]}),
                "fraction_of_map": float(np.mean(mask))}

    def to_dict(self) -> dict:
        res = self.resolved
        neg = self.negative
        phi_res = np.where(res, self.phi, np.nan)
        out = {
            "model": f"kinetic ({self.model} model, Maxwell wall)",
            "knudsen_definition": "mean free path / particle radius",
            "accommodation": self.accommodation, "knudsen": self.knudsen,
            "conductivity_ratio_kp_over_kg": self.conductivity_ratio,
            "force_coefficient": self.phi, "thermophoretic_coefficient": self.kth,
            "resolved_from_knudsen": self.resolved_from,
            "negative_region_resolved": self._region(neg & res),
            "negative_region_bridged": self._region(neg & ~res),
            "phi_max": self._extreme(self.phi, np.argmax),
            "phi_min": self._extreme(self.phi, np.argmin),
        }
        if np.any(res):
            out["phi_min_resolved"] = self._extreme(np.where(res, self.phi, np.inf), np.argmin)
            out["phi_max_resolved"] = self._extreme(np.nan_to_num(phi_res, nan=-np.inf), np.argmax)
        return out


@fill(_DOC)
def kinetic_map(knudsen=None, conductivity_ratio=None, accommodation=(1.0,), kinetic_model="s") -> KineticMap:
    """:math:`\\Phi` and :math:`K_{th}` of the kinetic tables over a grid (Kn = mfp/radius, k_p/k_g, accommodation).

    Parameters
    ----------
    knudsen : array_like, optional
        Kn = mfp / radius [-] (default 61 points from 0.01 to 1000).
    conductivity_ratio : array_like, optional
        **k_p/k_g** [-], > 0 (the inverse of the ratio the other functions here take; default 61 points from
        0.1 to 1e5).
    accommodation : sequence of float
        Maxwell diffuse fractions [-] within the tabulated range (0.5 to 1 for the S-model).
    kinetic_model : {"s", "bgk"}
        Shakhov S-model (the default) or BGK (tabulated at accommodation 1 only).

    Returns
    -------
    KineticMap
        ``phi`` and ``kth`` [-] of shape (accommodation, knudsen, conductivity_ratio), with the smallest
        resolved Kn of the tables and the regions of negative :math:`\\Phi`.

    %(references_coefficient)s

    Examples
    --------
    >>> m = kinetic_map([0.3, 1.0, 10.0], [1.0, 1e4], [1.0])
    >>> m.phi.shape, bool(m.negative.any())
    ((1, 3, 2), False)
    """
    model = _check_model(kinetic_model)
    kn = np.atleast_1d(check_positive("knudsen", np.logspace(-2, 3, 61) if knudsen is None else knudsen))
    ratio = np.atleast_1d(check_positive("conductivity_ratio", np.logspace(-1, 5, 61) if conductivity_ratio is None
                                         else conductivity_ratio))
    alphas = np.atleast_1d(np.asarray(accommodation, dtype=float))
    tabs = kinetic_tables()
    phi = np.empty((alphas.size, kn.size, ratio.size))
    kth = np.empty_like(phi)
    for a, al in enumerate(alphas):
        phi[a], kth[a], _ = _phi_kth_numpy(kn[:, None], 1.0 / ratio[None, :], tabs.combined(model, float(al)))
    return KineticMap(model=model, accommodation=alphas, knudsen=kn, conductivity_ratio=ratio, phi=phi, kth=kth,
                      resolved_from=tabs.resolved_from(model))
