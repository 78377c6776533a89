r"""Heated wafers: levitation, deposition velocity and the particle-free zone.

**Levitation.** A particle above a horizontal surface that is warmer than the gas is pushed up by
thermophoresis and pulled down by gravity. The gradient that holds it is

.. math:: |\nabla T|_{lev} = \frac{m g (1 - \rho_g/\rho_p)}{|F_{th}| \text{ per unit gradient}}

with the force from any registered model (:func:`levitation_gradient`). Across a gap with linear
conduction the wafer must be :math:`\Delta T = |\nabla T|_{lev}\,d` warmer than the gas at the far side.

**Deposition onto a wafer facing a stagnation-point flow** (strain rate a, the flow of a jet or of a
showerhead onto a wafer). The particle concentration obeys
:math:`D n'' + a z n' - (v_p n)' = 0` in the inviscid stagnation flow :math:`w = -a z`. Here
:math:`v_p(z)` is the particle velocity relative to the gas along +z: thermophoresis in the erfc thermal
layer of :class:`thermophoresis.lagrangian.StagnationPoint`, minus settling. The wall absorbs
(n(0) = 0) and n → n∞ far away. The deposition velocity :math:`v_d = D n'(0)/n_\infty` is computed by
solving this two-point problem (:func:`stagnation_deposition_velocity`). With diffusion only it is
exactly :math:`\sqrt{2aD/\pi}`.

The classical simpler estimate, used by the drift–diffusion boundary-layer models of wafer deposition,
treats a stagnant film of thickness δ = D/v_diff with a uniform drift V toward the wall:

.. math:: v_d = \frac{V}{1 - \exp(-V\delta/D)}

It tends to V for strong drift toward the wall, to :math:`|V| e^{-|V|\delta/D}` for drift away from it
(protection), and to D/δ without drift (:func:`deposition_velocity_film`). The tests compare it with the
full solution, and the full solution with the particle tracker in the same flow.

Limits. The flow is the potential (inviscid) stagnation flow. Near a real wall the viscous layer slows
the approach of the gas, so the film thickness and the convective supply differ. Gas properties are those
of the free stream, and the thermal layer is the exact solution for the potential flow.

References
----------
.. [1] Friedlander, S. K. (2000). Smoke, Dust, and Haze, 2nd ed., ch. 3 (convective diffusion, the
   stagnation-point solution, deposition velocity).
.. [2] Nazaroff, W. W., Cass, G. R. (1991). Systems for reducing deposition of fluid-borne particles.
   US Patent 5,061,444 (claim 1: surface at most 10 K warmer than the gas, particles 0.01 µm to several
   µm, "from a convection boundary layer flow").
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from .._params import COMMAND_PARAMETERS
from .._validation import as_output, check_finite, check_positive
from ..constants import STANDARD_GRAVITY
from ..exceptions import InputError, ValidityWarning

__all__ = [
    "levitation_gradient",
    "protected_size_range",
    "deposition_velocity_film",
    "stagnation_deposition_velocity",
    "HeatedWafer",
    "WaferProtection",
    "wafer_protection",
]


#: The wafer's parameters: one declaration (in _params, so the CLI reads it without importing this module)
PARAMETERS = COMMAND_PARAMETERS["wafer"]


def _weight(particle, gas):
    return np.asarray(particle.mass) * STANDARD_GRAVITY * (1.0 - np.asarray(gas.density) / np.asarray(particle.density))


def levitation_gradient(particle, gas, model: str = "talbot", **params):
    r"""Temperature gradient [K/m] whose thermophoretic force balances the particle's weight.

    .. math:: |\nabla T|_{lev} = \frac{m g (1 - \rho_g/\rho_p)}{|F_{th}| \text{ per unit gradient}}

    The surface below must be hotter (the gradient points down). Vectorized over particle diameters.

    Parameters
    ----------
    particle : Particle
        The particle (diameter may be an array; needs a density).
    gas : Gas
        The gas around it.
    model : str
        Force model (a name in :data:`thermophoresis.force.MODELS`).
    **params
        Model constants, as for :func:`thermophoresis.drift.thermophoresis`.

    Returns
    -------
    float or numpy.ndarray
        Levitation gradient [K/m] (magnitude).

    References
    ----------
    .. [1] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). Thermophoresis of particles in a
       heated boundary layer. J. Fluid Mech. 101, 737-758 (the default force model).
    .. [2] Hinds, W. C. (1999). Aerosol Technology, 2nd ed. Wiley, ch. 10.

    Examples
    --------
    >>> from thermophoresis import Gas, Particle
    >>> g = levitation_gradient(Particle("1 um", "psl"), Gas("air"))
    >>> 1e3 < g < 1e5
    True
    """
    from ..drift import thermophoresis

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        per_unit = np.abs(np.asarray(thermophoresis(particle, gas, 1.0, model, **params).force))
    return as_output(_weight(particle, gas) / per_unit)


def protected_size_range(material: str, gas, gradient, diameters=None, model: str = "talbot"):
    """Diameters whose thermophoretic force exceeds their weight in ``gradient`` [K/m] (levitated).

    This balance sets the upper end of protection; the lower end is set by Brownian diffusion, which it
    does not contain. The one protection criterion of the toolkit, :func:`wafer_protection` (deposition
    velocity reduced below a fraction of the unheated one, from the full stagnation-flow solution),
    contains both; its upper end agrees with this function's largest levitated diameter at the wall
    gradient (both are reported).

    Parameters
    ----------
    material : str or Material
        Particle material (a name in :data:`thermophoresis.particle.MATERIALS`).
    gas : Gas
        The gas.
    gradient : float
        Temperature gradient above the surface [K/m] (its magnitude is used).
    diameters : array_like, optional
        Diameters to test [m]; default 10 nm to 100 µm, 161 points.
    model : str
        Force model (a name in :data:`thermophoresis.force.MODELS`).

    Returns
    -------
    diameters : numpy.ndarray
        The diameters tested [m].
    levitated : numpy.ndarray of bool
        Where the force exceeds the weight.
    largest : float
        Largest levitated diameter [m], or nan.

    References
    ----------
    .. [1] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). Thermophoresis of particles in a
       heated boundary layer. J. Fluid Mech. 101, 737-758 (the default force model).
    """
    from ..particle import Particle

    g = check_positive("gradient", abs(check_finite("gradient", gradient)), "K/m")
    d = np.logspace(-8, -4, 161) if diameters is None else check_positive("diameters", diameters, "m")
    need = np.asarray(levitation_gradient(Particle(d, material), gas, model))
    ok = need <= g
    largest = float(d[ok].max()) if np.any(ok) else float("nan")
    return d, ok, largest


def deposition_velocity_film(drift_toward_wall, diffusion_coefficient, film_thickness):
    r"""Deposition velocity through a stagnant film with uniform drift V toward the wall [m/s].

    .. math:: v_d = \frac{V}{1 - e^{-V\delta/D}} \quad (\to D/\delta \text{ for } V \to 0)

    Negative V (drift away from the wall, e.g. a heated wafer) gives the exponentially small
    :math:`|V| e^{-|V|\delta/D}/(1 - e^{-|V|\delta/D})`.

    Parameters
    ----------
    drift_toward_wall : float or array_like
        Particle drift velocity toward the wall V [m/s] (negative: away from it).
    diffusion_coefficient : float or array_like
        Particle diffusion coefficient D [m^2/s].
    film_thickness : float or array_like
        Film thickness δ [m].

    Returns
    -------
    float or numpy.ndarray
        Deposition velocity [m/s].

    References
    ----------
    .. [1] Friedlander, S. K. (2000). Smoke, Dust, and Haze, 2nd ed. Oxford University Press, ch. 3.

    Examples
    --------
    >>> round(deposition_velocity_film(0.0, 1e-9, 1e-4), 12)    # no drift: D / delta
    1e-05
    """
    v = np.asarray(check_finite("drift_toward_wall", drift_toward_wall), dtype=float)
    d = np.asarray(check_positive("diffusion_coefficient", diffusion_coefficient, "m^2/s"), dtype=float)
    delta = np.asarray(check_positive("film_thickness", film_thickness, "m"), dtype=float)
    pe = v * delta / d
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        out = np.where(np.abs(pe) < 1e-8, d / delta * (1.0 + 0.5 * pe), v / -np.expm1(-pe))
    return as_output(out)


def stagnation_deposition_velocity(strain_rate, diffusion_coefficient, drift_away, z_max=None, n: int = 4001):
    r"""Deposition velocity [m/s] in inviscid stagnation flow with a particle drift profile.

    Solves :math:`D n'' + a z n' - (v_p n)' = 0`, n(0) = 0, n(z_max) = 1, where ``drift_away(z)`` is the
    particle velocity relative to the gas along +z (away from the wall) [m/s], vectorized in z. The
    equation is integrated once exactly: with the flux-like variable
    :math:`J(z) = D n' - v_p n`, :math:`J' = -a z n'`; we solve the linear two-point problem by finite
    differences on a grid refined toward the wall. With diffusion only the result is
    :math:`\sqrt{2aD/\pi}` exactly.

    Parameters
    ----------
    strain_rate : float
        Strain rate a of the stagnation flow w = -a z [1/s].
    diffusion_coefficient : float
        Particle diffusion coefficient D [m^2/s].
    drift_away : callable
        ``drift_away(z)`` [m/s], the particle velocity relative to the gas along +z, vectorized in z [m].
    z_max : float, optional
        Outer edge of the domain [m]; default 12 diffusion lengths :math:`\sqrt{D/a}`.
    n : int
        Grid points.

    Returns
    -------
    float
        Deposition velocity :math:`D n'(0)/n_\infty` [m/s].

    References
    ----------
    .. [1] Friedlander, S. K. (2000). Smoke, Dust, and Haze, 2nd ed. Oxford University Press, ch. 3.
    """
    a = check_positive("strain_rate", strain_rate, "1/s")
    d = check_positive("diffusion_coefficient", diffusion_coefficient, "m^2/s")
    scale = math.sqrt(d / a)
    if z_max is None:
        z_max = 12.0 * scale
    # stretched grid: fine near the wall where the layers are
    s = np.linspace(0.0, 1.0, n)
    z = z_max * (np.expm1(4.0 * s) / math.expm1(4.0))
    vp = np.asarray(drift_away(z), dtype=float) * np.ones_like(z)
    # conservative finite volumes for D n'' + a z n' - (v_p n)' = 0 (the a z n' term is not a divergence)
    from scipy.sparse import diags
    from scipy.sparse.linalg import spsolve

    h = np.diff(z)
    zc = 0.5 * (z[1:] + z[:-1])
    vc = 0.5 * (vp[1:] + vp[:-1])
    main = np.zeros(n)
    lower = np.zeros(n - 1)
    upper = np.zeros(n - 1)
    rhs = np.zeros(n)
    for i in range(1, n - 1):
        hl, hr = h[i - 1], h[i]
        hm = 0.5 * (hl + hr)
        # diffusion
        main[i] += -d / hl / hm - d / hr / hm
        lower[i - 1] += d / hl / hm
        upper[i] += d / hr / hm
        # a z n' (central) and -(v_p n)' (central, at faces)
        cz = a * z[i]
        lower[i - 1] += -cz * hr / (hl * (hl + hr))
        upper[i] += cz * hl / (hr * (hl + hr))
        main[i] += cz * (hr - hl) / (hl * hr)
        upper[i] += -0.5 * vc[i] / hm
        main[i] += -0.5 * vc[i] / hm + 0.5 * vc[i - 1] / hm
        lower[i - 1] += 0.5 * vc[i - 1] / hm
    main[0] = 1.0
    main[-1] = 1.0
    rhs[-1] = 1.0
    mat = diags([lower, main, upper], [-1, 0, 1], format="csc")
    conc = spsolve(mat, rhs)
    # wall flux D n'(0) - v_p(0) n(0) with n(0) = 0, second-order one-sided difference
    h0, h1 = h[0], h[1]
    dn0 = (-(2 * h0 + h1) / (h0 * (h0 + h1)) * conc[0] + (h0 + h1) / (h0 * h1) * conc[1]
           - h0 / (h1 * (h0 + h1)) * conc[2])
    return d * dn0


@dataclass
class HeatedWafer:
    """A horizontal wafer facing a stagnation-point flow, warmer than the gas by ``delta_t``.

    Parameters
    ----------
    gas : Gas
        The free-stream gas (scalar state).
    strain_rate : float
        a [1/s]: for a jet or showerhead of velocity U at a distance H, roughly U/H.
    delta_t : float
        Wafer minus gas temperature [K] (negative: a cooled wafer).
    model : str
        Thermophoretic model.
    gravity : bool
        Settling onto the face-up wafer.
    """

    gas: object
    strain_rate: float
    delta_t: float
    model: str = "talbot"
    gravity: bool = True

    def __post_init__(self):
        check_positive("strain_rate", self.strain_rate, "1/s")
        check_finite("delta_t", self.delta_t)
        if not self.gas._scalar_state:
            raise InputError("HeatedWafer takes one gas state")

    @property
    def thermal_layer(self) -> float:
        """sqrt(2 alpha / a) [m], the e-folding scale of the erfc temperature profile."""
        return math.sqrt(2.0 * float(self.gas.thermal_diffusivity) / self.strain_rate)

    def _profile(self, particle):
        """Particle properties and its drift-away velocity profile v_p(z)."""
        from ..drift import thermophoresis

        t_inf = float(self.gas.temperature)
        t_w = t_inf + self.delta_t
        if t_w <= 0:
            raise InputError(f"delta_t = {self.delta_t} K makes the wafer temperature non-positive")
        ell = self.thermal_layer
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ValidityWarning)
            r = thermophoresis(particle, self.gas, 1.0, self.model)
        c_th = float(r.thermophoretic_coefficient) * float(self.gas.kinematic_viscosity) / t_inf
        diff = float(r.diffusion_coefficient)
        settle = float(np.asarray(particle.mass) / r.friction_coefficient * STANDARD_GRAVITY
                       * (1.0 - float(self.gas.density) / float(particle.density))) if self.gravity else 0.0

        def drift_away(z):
            dtdz = -self.delta_t * 2.0 / math.sqrt(math.pi) / ell * np.exp(-(np.asarray(z) / ell) ** 2)
            return -c_th * dtdz - settle

        return diff, settle, c_th, drift_away

    def deposition_velocity(self, particle) -> float:
        """Deposition velocity [m/s] from the full stagnation-flow solution (gas properties of the free
        stream; the particle properties do not follow the local temperature here)."""
        diff, _, _, drift_away = self._profile(particle)
        return stagnation_deposition_velocity(self.strain_rate, diff, drift_away)

    def deposition_velocity_film(self, particle) -> float:
        """The stagnant-film estimate, with the drift at the wall and δ = sqrt(π D/(2a))."""
        diff, _, _, drift_away = self._profile(particle)
        return deposition_velocity_film(-float(drift_away(0.0)), diff, math.sqrt(math.pi * diff / (2.0 * self.strain_rate)))

    def deposition_velocities(self, material: str, diameters, film: bool = False):
        """Deposition velocity for each diameter [m/s]."""
        from ..particle import Particle

        d = np.atleast_1d(check_positive("diameters", diameters, "m"))
        f = self.deposition_velocity_film if film else self.deposition_velocity
        return np.array([f(Particle(float(x), material)) for x in d])


@dataclass(frozen=True)
class WaferProtection:
    """Deposition onto a heated wafer with and without heating, and the protected size range."""

    material: str
    gas: object
    strain_rate: float
    delta_t: float
    model: str
    gravity: bool
    reduction: float
    thermal_layer: float
    wall_gradient: float
    diameters: np.ndarray
    heated: np.ndarray
    unheated: np.ndarray
    levitation_gradient: np.ndarray
    levitation_limit: float

    @property
    def ratio(self) -> np.ndarray:
        """Heated over unheated deposition velocity (nan where the unheated one is zero)."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.unheated > 0, self.heated / self.unheated, np.nan)

    @property
    def protected_range(self):
        """(smallest, largest) protected diameter on the grid [m], or None."""
        d = self.diameters[self.ratio < self.reduction]
        return (float(d.min()), float(d.max())) if d.size else None

    def to_dict(self) -> dict:
        """Inputs and results; the keys of ``thermophoresis wafer --json``."""
        rng = self.protected_range
        return {
            "units": "SI", "material": self.material, "gas": self.gas.to_dict(), "model": self.model,
            "gravity": self.gravity, "delta_t_K": self.delta_t, "strain_rate_per_s": self.strain_rate,
            "thermal_layer_m": self.thermal_layer, "wall_temperature_gradient_K_per_m": self.wall_gradient,
            "diameters_m": self.diameters, "deposition_velocity_heated_m_s": self.heated,
            "deposition_velocity_unheated_m_s": self.unheated, "ratio_heated_to_unheated": self.ratio,
            "levitation_gradient_K_per_m": self.levitation_gradient,
            "protected_range_m": list(rng) if rng else None,
            "protection_criterion": f"deposition velocity reduced below {100 * self.reduction:g} % of the "
                                    "unheated value",
            "levitation_limit_m": self.levitation_limit,
        }


def wafer_protection(gas, strain_rate, delta_t, material: str = "psl", diameters=None, model: str = "talbot",
                     gravity: bool = True, reduction: float = 0.1) -> WaferProtection:
    r"""Protection of a heated wafer in stagnation flow, over particle size (the toolkit's one criterion).

    A size is protected when heating the wafer by ``delta_t`` reduces its deposition velocity
    (:meth:`HeatedWafer.deposition_velocity`, diffusion, thermophoresis and settling together) below
    ``reduction`` times the unheated value. ``levitation_limit`` is the largest diameter that
    :func:`protected_size_range` levitates at the wall gradient :math:`2|\Delta T|/(\sqrt\pi\,\ell)`;
    it is the same physics as the upper end of the range.

    Parameters
    ----------
    gas : Gas
        The free-stream gas.
    strain_rate : float
        Strain rate a of the stagnation flow [1/s].
    delta_t : float
        Wafer minus gas temperature [K].
    material : str or Material
        Particle material (a name in :data:`thermophoresis.particle.MATERIALS`).
    diameters : array_like, optional
        Particle diameters [m]; default 10 nm to 5 µm, 28 points.
    model : str
        Force model (a name in :data:`thermophoresis.force.MODELS`).
    gravity : bool
        A face-up wafer (settling toward it) or not.
    reduction : float
        Protected where heated / unheated deposition velocity < ``reduction`` [-].

    Returns
    -------
    WaferProtection
        ``heated`` and ``unheated`` deposition velocities [m/s] over ``diameters`` [m], the
        ``thermal_layer`` [m], ``wall_gradient`` [K/m], ``levitation_limit`` [m]; ``to_dict()`` gives the
        keys of ``thermophoresis wafer --json``.

    References
    ----------
    .. [1] Friedlander, S. K. (2000). Smoke, Dust, and Haze, 2nd ed. Oxford University Press, ch. 3.
    .. [2] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). Thermophoresis of particles in a
       heated boundary layer. J. Fluid Mech. 101, 737-758 (the default force model).
    """
    from ..particle import Particle

    if not 0 < reduction < 1:
        raise InputError(parameter="reduction", value=reduction, allowed="in (0, 1)")
    d = np.logspace(-8, np.log10(5e-6), 28) if diameters is None else np.atleast_1d(
        check_positive("diameters", diameters, "m"))
    heated = HeatedWafer(gas, strain_rate, delta_t, model=model, gravity=gravity)
    plain = HeatedWafer(gas, strain_rate, 0.0, model=model, gravity=gravity)
    v_h = heated.deposition_velocities(material, d)
    v_0 = plain.deposition_velocities(material, d)
    lev = np.atleast_1d(np.asarray(levitation_gradient(Particle(d, material), gas, model)))
    wall_gradient = abs(heated.delta_t) * 2.0 / math.sqrt(math.pi) / heated.thermal_layer
    limit = float("nan")
    if heated.delta_t > 0:
        limit = protected_size_range(material, gas, wall_gradient, model=model)[2]
    return WaferProtection(str(material), gas, float(strain_rate), float(delta_t), model, bool(gravity),
                           float(reduction), heated.thermal_layer, wall_gradient, d, v_h, v_0, lev, limit)
