r"""A sphere of any conductivity from the linear sphere problems, solved directly (no tables).

:func:`solve_conducting_sphere` solves problems B (isothermal sphere in a gradient) and C (surface-temperature
dipole) with :func:`~thermophoresis.kinetic.solve_sphere` at one Kn and combines them with the exact
conductivity algebra (:func:`thermophoresis.force.kinetic.conducting_sphere_phi`, derived in
``docs/kinetic_model.md``). It is what the shipped tables of the ``kinetic`` force model interpolate; the
tests use it to check the tables and the interpolation, and users can call it at any grid.

>>> from thermophoresis.kinetic import SphereGrid
>>> r = solve_conducting_sphere(10.0, [0.0, 1.0], grid=SphereGrid(n_r=24, n_mu=6, n_c=6))
>>> bool(0.9 < r.phi[1] / r.phi_b < 1.1)     # Kn = 10: close to the isothermal sphere
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .._validation import check_nonnegative, check_positive
from ..exceptions import InputError
from ..force.kinetic import conducting_sphere_phi, gas_conductivity_units
from .sphere import MODELS, SphereGrid, SphereSolution, solve_sphere

__all__ = ["ConductingSphere", "solve_conducting_sphere", "phi_from_solutions", "SphereCurve", "solve_sphere_curve"]


@dataclass(frozen=True)
class ConductingSphere:
    """Problems B and C at one Kn and their combination for several conductivity ratios.

    Attributes
    ----------
    knudsen, model, accommodation
        Inputs (Kn = mfp / radius).
    conductivity_ratio : numpy.ndarray
        :math:`\\Lambda = k_g/k_p` [-].
    phi : numpy.ndarray
        :math:`\\Phi` for each ratio [-].
    interior_gradient : numpy.ndarray
        :math:`A/G`: the particle's interior temperature gradient over the far-field one [-].
    phi_b, phi_c, q_b, q_c, s : float
        The ingredients of the algebra (see :func:`thermophoresis.force.kinetic.conducting_sphere_phi`).
    gradient, dipole : SphereSolution
        The two solutions.
    """

    knudsen: float
    model: str
    accommodation: float
    conductivity_ratio: np.ndarray
    phi: np.ndarray
    interior_gradient: np.ndarray
    phi_b: float
    phi_c: float
    q_b: float
    q_c: float
    s: float
    gradient: SphereSolution
    dipole: SphereSolution

    def to_dict(self) -> dict:
        return {"knudsen": self.knudsen, "model": self.model, "accommodation": self.accommodation,
                "conductivity_ratio_kg_over_kp": self.conductivity_ratio, "phi": self.phi,
                "interior_gradient": self.interior_gradient, "phi_b": self.phi_b, "phi_c": self.phi_c,
                "q_b": self.q_b, "q_c": self.q_c, "s": self.s}


def phi_from_solutions(gradient: SphereSolution, dipole: SphereSolution, conductivity_ratio):
    r""":math:`\Phi` of a sphere with :math:`\Lambda = k_g/k_p` from solved problems B and C.

    Parameters
    ----------
    gradient : SphereSolution
        Problem B (``"gradient"``): the isothermal sphere held in the gradient.
    dipole : SphereSolution
        Problem C (``"dipole"``) at the same Kn = mfp / radius, model and accommodation.
    conductivity_ratio : numeric
        :math:`\Lambda = k_{gas}/k_{particle}` [-], >= 0.

    Returns
    -------
    phi : numeric
        Force coefficient :math:`\Phi` of :math:`F = -6\pi\mu\nu a\Phi\nabla T/T` [-].
    interior_gradient : numeric
        Surface-temperature dipole per unit driving, A/G [-].
    parts : dict
        The ingredients ``phi_b``, ``phi_c``, ``q_b``, ``q_c`` and ``s`` (gas conductivity in solver units).

    References
    ----------
    .. [1] The conductivity algebra is derived in ``docs/kinetic_model.md`` (section "The conductivity
       algebra"); it is :func:`thermophoresis.force.kinetic.conducting_sphere_phi`.
    """
    if gradient.problem != "gradient" or dipole.problem != "dipole":
        raise ValueError("phi_from_solutions needs a 'gradient' and a 'dipole' solution, in that order")
    if (gradient.knudsen, gradient.model, gradient.accommodation) != (dipole.knudsen, dipole.model,
                                                                      dipole.accommodation):
        raise ValueError("the two solutions must share Kn, model and accommodation")
    kn, pr = gradient.knudsen, MODELS[gradient.model]
    lam = check_nonnegative("conductivity_ratio", conductivity_ratio)
    phi_b = float(gradient.phi)
    phi_c = -dipole.force / (12.0 * kn**2)
    q_b, q_c = gradient.heat_flux_dipole, dipole.heat_flux_dipole
    s = gas_conductivity_units(kn, pr)
    phi = conducting_sphere_phi(phi_b, phi_c, q_b, q_c, kn, lam, pr)
    ag = -q_b * np.asarray(lam) / (s + q_c * np.asarray(lam))
    return phi, ag, dict(phi_b=phi_b, phi_c=float(phi_c), q_b=float(q_b), q_c=float(q_c), s=float(s))


def solve_conducting_sphere(knudsen: float, conductivity_ratio, model: str = "s", accommodation: float = 1.0,
                            grid: SphereGrid | None = None) -> ConductingSphere:
    r"""Force coefficient of a sphere of conductivity :math:`k_p` from direct solves of problems B and C.

    Parameters
    ----------
    knudsen : float
        Kn = mfp / radius [-].
    conductivity_ratio : numeric
        :math:`\Lambda = k_{gas}/k_{particle}` [-], one or several.
    model : {"s", "bgk"}
        Kinetic model.
    accommodation : float
        Maxwell's diffuse fraction [-], in (0, 1].
    grid : SphereGrid, optional
        Discretization (default: :func:`~thermophoresis.kinetic.sphere.default_grid`).

    Returns
    -------
    ConductingSphere
        ``phi`` [-] for each ratio, with problems B and C and the ingredients of the algebra.

    References
    ----------
    .. [1] The algebra is derived in ``docs/kinetic_model.md``; the problems are those of
       :func:`~thermophoresis.kinetic.solve_sphere` (``docs/kinetic_sphere.md``).
    """
    grad = solve_sphere("gradient", knudsen, model=model, accommodation=accommodation, grid=grid)
    dip = solve_sphere("dipole", knudsen, model=model, accommodation=accommodation, grid=grid)
    lam = np.atleast_1d(np.asarray(check_nonnegative("conductivity_ratio", conductivity_ratio), dtype=float))
    phi, ag, parts = phi_from_solutions(grad, dip, lam)
    return ConductingSphere(knudsen=grad.knudsen, model=model, accommodation=grad.accommodation,
                            conductivity_ratio=lam, phi=np.asarray(phi), interior_gradient=np.asarray(ag),
                            gradient=grad, dipole=dip, **parts)



#: the headline quantity of each sphere problem (an attribute of :class:`SphereSolution`)
CURVE_QUANTITY = {"drag": "drag_ratio", "gradient": "phi", "dipole": "force"}


@dataclass(frozen=True)
class SphereCurve:
    """One sphere problem solved at several Knudsen numbers (:func:`solve_sphere_curve`).

    Attributes
    ----------
    problem, model, accommodation, wall, normal_accommodation
        The inputs shared by every point (as :func:`~thermophoresis.kinetic.solve_sphere` takes them).
    knudsen : numpy.ndarray
        Kn = mfp / radius of each point [-], in the order given.
    solutions : tuple of SphereSolution
        One solution per Knudsen number.
    """

    problem: str
    model: str
    accommodation: float
    wall: str
    normal_accommodation: float | None
    knudsen: np.ndarray
    solutions: tuple

    @property
    def quantity(self) -> str:
        """The problem's headline quantity: ``drag_ratio`` (drag), ``phi`` (gradient) or ``force`` (dipole)."""
        return CURVE_QUANTITY[self.problem]

    @property
    def values(self) -> np.ndarray:
        """:attr:`quantity` at each Knudsen number [-]."""
        return np.array([getattr(s, self.quantity) for s in self.solutions], dtype=float)

    def to_dict(self) -> dict:
        """The inputs and each point's :meth:`SphereSolution.to_dict` (the ``kinetic --json`` payload for
        several ``--knudsen`` values)."""
        return {"problem": self.problem, "model": self.model, "accommodation": self.accommodation,
                "wall": self.wall, "normal_accommodation": self.normal_accommodation,
                "knudsen": [float(k) for k in self.knudsen], "quantity": self.quantity,
                "solutions": [s.to_dict() for s in self.solutions]}


def solve_sphere_curve(problem: str, knudsen, model: str = "s", accommodation: float = 1.0,
                       grid: SphereGrid | None = None, progress: Callable[[str, float], None] | None = None,
                       wall: str = "maxwell", normal_accommodation: float | None = None) -> SphereCurve:
    r"""Solve one linear sphere problem at each of several Knudsen numbers (a drag, force or dipole curve).

    Each point is an independent :func:`~thermophoresis.kinetic.solve_sphere`, on ``grid`` or on that Kn's
    :func:`~thermophoresis.kinetic.sphere.default_grid`.

    Parameters
    ----------
    problem : {"drag", "gradient", "dipole"}
        The sphere problem (see :func:`~thermophoresis.kinetic.solve_sphere`).
    knudsen : array_like
        Kn = mfp / radius of each point [-], > 0 (one or more).
    model : {"s", "bgk"}
        Kinetic model.
    accommodation : float
        Maxwell's diffuse fraction [-], in (0, 1] (Cercignani-Lampis wall: alpha_t).
    grid : SphereGrid, optional
        One discretization for every point (default: each point's own default grid).
    progress : callable, optional
        Called as ``progress(stage, fraction)`` with ``stage`` naming the point (``"Kn = 10 (2/3): solve"``)
        and ``fraction`` the part of the whole curve done [-], in [0, 1].
    wall : {"maxwell", "cl"}
        Gas-surface kernel.
    normal_accommodation : float, optional
        CL wall only: alpha_n [-], in (0, 1].

    Returns
    -------
    SphereCurve
        The inputs, the solutions and ``values`` (drag ratio, Phi or dipole force at each Kn) [-].

    References
    ----------
    .. [1] The problems and their numerical method: :func:`~thermophoresis.kinetic.solve_sphere` and
       ``docs/kinetic_sphere.md``.
    """
    kn = np.atleast_1d(np.asarray(check_positive("knudsen", knudsen), dtype=float))
    if kn.ndim != 1 or kn.size == 0:
        raise InputError(parameter="knudsen", value=knudsen, allowed="one or more numbers > 0")
    n = kn.size
    sols = []
    for i, k in enumerate(kn):
        def report(stage, done, i=i, k=k):
            progress(f"Kn = {k:g} ({i + 1}/{n}): {stage}", (i + done) / n)

        sols.append(solve_sphere(problem, float(k), model=model, accommodation=accommodation, grid=grid,
                                 progress=None if progress is None else report, wall=wall,
                                 normal_accommodation=normal_accommodation))
    first = sols[0]
    return SphereCurve(problem=first.problem, model=first.model, accommodation=first.accommodation,
                       wall=first.wall, normal_accommodation=first.normal_accommodation, knudsen=kn,
                       solutions=tuple(sols))
