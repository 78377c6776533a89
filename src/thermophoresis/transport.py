r"""Thermophoretic force and velocity of a particle in a gas, with any registered model; drift vs diffusion.

Conventions (DESIGN.md):

.. math::

    \mathbf F = -6\pi\mu\nu a\,\Phi\,\frac{\nabla T}{T}, \qquad
    \mathbf v = -K_{th}\,\nu\,\frac{\nabla T}{T}, \qquad Kn = \lambda / a

``grad_T`` is the undisturbed gas temperature gradient [K/m], a scalar (per particle) or a vector in the
last axis; force and velocity come back with sign, in the same layout, positive down the gradient.

**Which drag?** The velocity is the force divided by the friction coefficient that belongs to the model's
regime, recorded in the result's ``drag`` field:

- ``"stokes"`` (Epstein 1929): the continuum model has no slip, so 6 pi mu a;
- ``"slip-corrected"`` (Brock 1962 and the transition-regime models): 6 pi mu a / C_c with the chosen
  Cunningham set (``slip=``, Kim et al. 2005 by default) — the empirical drag valid at every Kn;
- ``"epstein"`` (Waldmann 1959): free-molecular drag (4 pi/3) a^2 rho c (1 + pi f/8) with the particle's
  diffuse fraction f;
- ``"model"`` (Talbot et al. 1980): the Cunningham factor built into the published K_th formula.

**Drift versus diffusion.** Over a length L the thermophoretic Péclet number is
:math:`Pe = |v| L / D`; with the same drag in v and D (:math:`D = k_B T/\zeta`) it is
:math:`Pe = |F| L / (k_B T)`, independent of the drag, and across a temperature difference
:math:`\Delta T` spread over L it is :math:`Pe = K_{th}\,Sc\,\Delta T / T` with :math:`Sc = \nu / D`.
Drift overtakes Brownian spreading (:math:`|v| t = \sqrt{2 D t}`) after :math:`t^* = 2 D / v^2`.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from ._validation import as_output, check_finite, check_nonnegative, check_positive
from .constants import BOLTZMANN
from .exceptions import InputError, ValidityWarning
from .force import get_model
from .force.registry import ForceInputs, ModelInfo
from .mobility import regime as regime_of
from .mobility import slip_correction as cunningham_slip
from .units import to_si

__all__ = [
    "ThermophoresisResult",
    "thermophoresis",
    "thermophoretic_force",
    "thermophoretic_velocity",
    "force_coefficient",
    "thermophoretic_coefficient",
    "peclet_number",
    "peclet_from_temperature_difference",
    "drift_dominance_time",
]


@dataclass(frozen=True)
class ThermophoresisResult:
    """Everything :func:`thermophoresis` computes (SI units; arrays broadcast over particle and gas)."""

    model: str
    label: str
    reference: str
    drag: str
    knudsen: object
    regime: object
    force_coefficient: object
    thermophoretic_coefficient: object
    force: object
    velocity: object
    slip_correction: object
    mean_free_path: object
    friction_coefficient: object
    diffusion_coefficient: object
    in_range: object

    def peclet(self, length) -> object:
        """Thermophoretic Péclet number |v| L / D over ``length`` [m]."""
        speed = np.linalg.norm(self.velocity, axis=-1) if _is_vector(self.velocity, self.knudsen) else np.abs(self.velocity)
        return peclet_number(speed, length, self.diffusion_coefficient)

    def to_dict(self) -> dict:
        return {
            "model": self.model,
            "label": self.label,
            "reference": self.reference,
            "drag": self.drag,
            "knudsen": self.knudsen,
            "knudsen_definition": "mean free path / particle radius",
            "regime": self.regime,
            "force_N": self.force,
            "velocity_m_s": self.velocity,
            "thermophoretic_coefficient": self.thermophoretic_coefficient,
            "force_coefficient": self.force_coefficient,
            "slip_correction": self.slip_correction,
            "mean_free_path_m": self.mean_free_path,
            "friction_coefficient_kg_s": self.friction_coefficient,
            "diffusion_coefficient_m2_s": self.diffusion_coefficient,
            "in_validity_range": self.in_range,
        }


def _is_vector(value, scalar_like) -> bool:
    return np.ndim(value) == np.ndim(scalar_like) + 1 and np.shape(value)[-1] == 3


def _inputs(particle, gas, slip) -> ForceInputs:
    radius = np.asarray(particle.radius, dtype=float)
    kn = np.asarray(gas.mean_free_path) / radius
    cond_ratio = None
    if particle.conductivity is not None:
        cond_ratio = np.asarray(gas.thermal_conductivity) / particle.conductivity
    cc = cunningham_slip(particle.diameter, gas.mean_free_path, slip)
    return ForceInputs(
        kn=kn,
        radius=radius,
        temperature=gas.temperature,
        pressure=gas.pressure,
        viscosity=gas.viscosity,
        kinematic_viscosity=gas.kinematic_viscosity,
        density=gas.density,
        mean_speed=gas.mean_speed,
        mean_free_path=gas.mean_free_path,
        translational_conductivity=gas.translational_conductivity,
        thermal_conductivity=gas.thermal_conductivity,
        molecular_mass=gas.molecular_mass,
        conductivity_ratio=cond_ratio,
        energy_accommodation=particle.energy_accommodation,
        momentum_accommodation=particle.momentum_accommodation,
        slip_correction=cc,
    )


def _check_range(info: ModelInfo, kn):
    lo, hi = info.kn_range
    kn = np.asarray(kn)
    inside = (kn >= lo) & (kn <= hi)
    if not np.all(inside):
        bad = kn[~inside] if kn.ndim else kn
        warnings.warn(
            f"model {info.name!r} ({info.label}) used at Kn = mfp/radius = {float(np.ravel(bad)[0]):.3g}, "
            f"outside its validity range [{lo:g}, {hi:g}]",
            ValidityWarning,
            stacklevel=3,
        )
    return inside


def _grad(grad_t, vector):
    g = check_finite("grad_T", to_si(grad_t, "temperature_gradient", "grad_T"))
    g = np.asarray(g, dtype=float)
    if vector is None:
        vector = g.ndim >= 1 and g.shape[-1] == 3
    if vector and (g.ndim == 0 or g.shape[-1] != 3):
        raise InputError(f"grad_T: vector=True needs a last axis of length 3, got shape {g.shape}")
    return g, bool(vector)


def thermophoresis(particle, gas, grad_T, model: str = "talbot", *, slip: str = "kim_2005", vector=None,
                   **params) -> ThermophoresisResult:
    """Thermophoretic force, velocity and coefficients of ``particle`` in ``gas`` with one model.

    Parameters
    ----------
    particle : Particle
    gas : Gas
    grad_T : numeric, str or Quantity
        Gas temperature gradient [K/m]: scalar(s), or vectors along a last axis of length 3.
    model : str
        A name from :data:`thermophoresis.force.MODELS` (``"talbot"`` by default).
    slip : str
        Cunningham constants for models whose drag is ``"slip-corrected"``, and for the reported
        ``slip_correction``.
    vector : bool, optional
        Force the interpretation of ``grad_T``'s last axis (default: a vector when its length is 3).
    **params
        Model constants (e.g. ``cm=1.146, ct=2.2`` for the COMSOL variant of ``talbot``).

    Returns
    -------
    ThermophoresisResult

    Examples
    --------
    >>> from thermophoresis import Gas, Particle
    >>> r = thermophoresis(Particle("200 nm", "psl"), Gas("air"), "1e4 K/m", model="talbot")
    >>> r.regime, round(r.thermophoretic_coefficient, 3), f"{r.velocity:.3e}"
    ('transition', 0.512, '-2.637e-04')
    """
    info = get_model(model)
    unknown = set(params) - set(info.parameters)
    if unknown:
        allowed = ", ".join(info.parameters) or "none"
        raise InputError(f"model {info.name!r} has no parameter(s) {sorted(unknown)}; allowed: {allowed}")
    if info.needs_conductivity and particle.conductivity is None:
        raise InputError(
            f"model {info.name!r} needs the particle conductivity; give Particle(..., conductivity=...) or a material"
        )
    g, is_vector = _grad(grad_T, vector)
    x = _inputs(particle, gas, slip)
    inside = _check_range(info, x.kn)
    phi, kth = info.evaluate(x, **params)
    phi = np.asarray(phi, dtype=float)
    kth = np.asarray(kth, dtype=float)
    shape = np.broadcast_shapes(np.shape(phi), np.shape(kth), np.shape(x.kn))
    phi, kth = np.broadcast_to(phi, shape), np.broadcast_to(kth, shape)
    t = np.broadcast_to(np.asarray(gas.temperature, dtype=float), shape)
    mu = np.broadcast_to(np.asarray(gas.viscosity, dtype=float), shape)
    nu = np.broadcast_to(np.asarray(gas.kinematic_viscosity, dtype=float), shape)
    radius = np.broadcast_to(x.radius, shape)
    force_scale = -6.0 * math.pi * mu * nu * radius * phi / t
    velocity_scale = -kth * nu / t
    # "+ 0.0" turns the -0.0 of a zero gradient component into 0.0
    if is_vector:
        force = force_scale[..., None] * g + 0.0
        velocity = velocity_scale[..., None] * g + 0.0
    else:
        force = force_scale * g + 0.0
        velocity = velocity_scale * g + 0.0
    # friction consistent with F and v: zeta = F / v = 6 pi mu a Phi / K_th
    with np.errstate(divide="ignore", invalid="ignore"):
        friction = np.where(kth != 0, 6.0 * math.pi * mu * radius * phi / np.where(kth != 0, kth, 1.0), np.nan)
    friction = np.where(np.isfinite(friction), friction, _drag_fallback(info, x, shape))
    diffusion = BOLTZMANN * t / friction
    kn = np.broadcast_to(x.kn, shape)
    return ThermophoresisResult(
        model=info.name,
        label=info.label,
        reference=info.reference,
        drag=info.drag,
        knudsen=as_output(kn),
        regime=regime_of(kn),
        force_coefficient=as_output(phi),
        thermophoretic_coefficient=as_output(kth),
        force=as_output(force),
        velocity=as_output(velocity),
        slip_correction=as_output(np.broadcast_to(x.slip_correction, shape)),
        mean_free_path=as_output(np.broadcast_to(np.asarray(gas.mean_free_path, dtype=float), shape)),
        friction_coefficient=as_output(friction),
        diffusion_coefficient=as_output(diffusion),
        in_range=as_output(np.broadcast_to(inside, shape)),
    )


def _drag_fallback(info: ModelInfo, x: ForceInputs, shape):
    """Friction when Phi = K_th = 0 (e.g. a perfectly conducting sphere in the continuum)."""
    stokes = 6.0 * math.pi * np.asarray(x.viscosity) * x.radius
    if info.drag == "stokes":
        zeta = stokes
    elif info.drag == "epstein":
        zeta = stokes / x.epstein_ratio
    else:
        zeta = stokes / x.slip_correction
    return np.broadcast_to(zeta, shape)


def thermophoretic_force(particle, gas, grad_T, model: str = "talbot", **kwargs):
    """Thermophoretic force [N], positive down the gradient; see :func:`thermophoresis`."""
    return thermophoresis(particle, gas, grad_T, model, **kwargs).force


def thermophoretic_velocity(particle, gas, grad_T, model: str = "talbot", **kwargs):
    """Thermophoretic drift velocity [m/s], positive down the gradient; see :func:`thermophoresis`.

    For the common case — one gas state, a scalar gradient given as a number, and the ``talbot`` or
    ``brock`` model — the velocity comes from compiled kernels (:mod:`thermophoresis.force.kernels`),
    parallel over particles; everything else goes through :func:`thermophoresis`. Both give the same
    numbers.
    """
    fast = _fast_velocity(particle, gas, grad_T, model, kwargs)
    if fast is not None:
        return fast
    return thermophoresis(particle, gas, grad_T, model, **kwargs).velocity


_FAST_SCALAR = (float, int)
_FAST_MODELS = ("talbot", "brock")
_fast_state: dict = {}


def _fast_modules():
    # imported on first use so that importing the package does not load Numba
    if not _fast_state:
        from .force import kernels
        from .force.continuum import BROCK_CONSTANTS, TALBOT_CONSTANTS

        _fast_state["kernels"] = kernels
        _fast_state["talbot_kth"] = kernels.talbot_kth
        _fast_state["talbot"] = TALBOT_CONSTANTS
        _fast_state["brock"] = BROCK_CONSTANTS
        _fast_state["talbot_defaults"] = tuple(TALBOT_CONSTANTS[k] for k in ("cs", "ct", "cm", "a", "b", "c"))
    return _fast_state


def _fast_velocity(particle, gas, grad_T, model, kwargs):
    """The compiled path, or None when the inputs need the general one."""
    if model not in _FAST_MODELS or type(grad_T) not in _FAST_SCALAR or not gas._scalar_state:
        return None
    k_p = particle.conductivity
    if k_p is None or type(k_p) is not float or not math.isfinite(grad_T):
        return None
    state = _fast_state or _fast_modules()
    kernels = state["kernels"]
    TALBOT_CONSTANTS, BROCK_CONSTANTS = state["talbot"], state["brock"]
    d = particle.diameter
    scale = -gas.kinematic_viscosity * grad_T / gas.temperature
    lam = gas.thermal_conductivity / k_p
    mfp = gas.mean_free_path
    if model == "talbot":
        if kwargs:
            if set(kwargs) - set(TALBOT_CONSTANTS):
                return None
            consts = tuple({**TALBOT_CONSTANTS, **kwargs}[k] for k in ("cs", "ct", "cm", "a", "b", "c"))
        else:
            consts = state["talbot_defaults"]
        if type(d) is float:
            return scale * state["talbot_kth"](2.0 * mfp / d, lam, *consts) + 0.0
        if grad_T == 0:
            return np.zeros(d.shape)
        out = np.empty(d.shape)
        kernels.talbot_velocity(d.reshape(-1), mfp, lam, scale, *consts, out.reshape(-1))
        return out
    # brock: slip-corrected drag with the chosen Cunningham set; warn outside Kn <= 0.1 as the general path does
    kwargs = dict(kwargs)  # never alter the caller's keywords: the general path may still need them
    slip = kwargs.pop("slip", "kim_2005")
    if set(kwargs) - set(BROCK_CONSTANTS):
        return None
    from .mobility import SLIP_CORRECTIONS, convention_mean_free_path

    par = SLIP_CORRECTIONS.get(slip) if isinstance(slip, str) else None
    if par is None:
        return None
    c = {**BROCK_CONSTANTS, **kwargs}
    info = get_model("brock")
    kn_max = 2.0 * mfp / float(np.min(d))
    if kn_max > info.kn_range[1]:
        _check_range(info, kn_max)
    mfp_slip = convention_mean_free_path(mfp, par)
    dd = np.asarray(d, dtype=float)
    out = np.empty(dd.shape)
    kernels.brock_velocity(dd.reshape(-1), mfp, mfp_slip, lam, scale, c["cs"], c["ct"], c["cm"],
                           par.alpha, par.beta, par.gamma, out.reshape(-1))
    return as_output(out + 0.0)


def force_coefficient(particle, gas, model: str = "talbot", **kwargs):
    """Dimensionless force coefficient Phi (F = -6 pi mu nu a Phi grad_T / T)."""
    return thermophoresis(particle, gas, 0.0, model, **kwargs).force_coefficient


def thermophoretic_coefficient(particle, gas, model: str = "talbot", **kwargs):
    """Dimensionless thermophoretic coefficient K_th (v = -K_th nu grad_T / T)."""
    return thermophoresis(particle, gas, 0.0, model, **kwargs).thermophoretic_coefficient


def peclet_number(speed, length, diffusion_coefficient):
    """Péclet number ``|v| L / D`` [-]."""
    return as_output(
        np.abs(check_finite("speed", speed)) * check_positive("length", length, "m")
        / check_positive("diffusion_coefficient", diffusion_coefficient, "m^2/s")
    )


def peclet_from_temperature_difference(thermophoretic_coefficient, schmidt_number, delta_t, temperature):
    r"""Péclet number across a temperature difference, :math:`Pe = K_{th}\,Sc\,\Delta T / T`.

    For a linear temperature profile with difference ``delta_t`` over any length; ``Sc = nu / D`` is the
    particle Schmidt number.

    >>> peclet_from_temperature_difference(0.5, 7e4, 30.0, 300.0)
    3500.0
    """
    return as_output(
        np.abs(thermophoretic_coefficient) * check_positive("schmidt_number", schmidt_number)
        * np.abs(check_finite("delta_t", delta_t)) / check_positive("temperature", temperature, "K")
    )


def drift_dominance_time(speed, diffusion_coefficient):
    r"""Time after which drift exceeds the rms Brownian displacement, :math:`t^* = 2D/v^2` [s]."""
    v = check_nonnegative("speed", np.abs(speed))
    d = check_positive("diffusion_coefficient", diffusion_coefficient, "m^2/s")
    with np.errstate(divide="ignore"):
        return as_output(np.where(v > 0, 2.0 * d / np.where(v > 0, v, 1.0) ** 2, np.inf))


SURFACE_REGIMES = ("free-molecular", "slip")


def surface_temperature_force(particle, gas, modes, regime: str = "free-molecular", *, linear: bool = True,
                              cs=None, ct=None, cm=None):
    """Force [N] along +z on a particle whose own surface temperature has Legendre ``modes`` [K].

    The gas is uniform (no external gradient). ``regime="free-molecular"`` uses the re-emitted molecules
    (energy accommodation from the particle); ``regime="slip"`` uses thermal creep with the particle's Kn.
    See :mod:`thermophoresis.force.surface_temperature`. Only the dipole coefficient a_1 pushes.

    >>> from thermophoresis import Gas, Particle
    >>> surface_temperature_force(Particle("1 um", "silica"), Gas("air", 300.0, 100.0), [400.0])
    0.0
    """
    from .force.continuum import TALBOT_CONSTANTS
    from .force.surface_temperature import free_molecular_surface_force, slip_flow_surface_force

    if regime not in SURFACE_REGIMES:
        from ._validation import unknown_name

        raise unknown_name("regime", regime, SURFACE_REGIMES)
    for name in ("radius", "energy_accommodation"):
        if np.ndim(getattr(particle, name)) != 0:
            raise InputError(f"surface_temperature_force takes one particle (scalar {name})")
    if not gas._scalar_state:
        raise InputError("surface_temperature_force takes one gas state (scalar temperature and pressure)")
    if regime == "free-molecular":
        if (cs, ct, cm) != (None, None, None):
            raise InputError("cs, ct, cm are slip-flow coefficients; they do not apply to regime='free-molecular'")
        return free_molecular_surface_force(modes, particle.radius, gas.pressure, gas.temperature,
                                            particle.energy_accommodation, linear)
    if not linear:
        raise InputError("the slip-flow surface force is a linear theory; linear=False applies to free-molecular")
    return slip_flow_surface_force(
        modes, particle.radius, gas.viscosity, gas.kinematic_viscosity, gas.temperature, gas.mean_free_path,
        cs=TALBOT_CONSTANTS["cs"] if cs is None else cs,
        ct=TALBOT_CONSTANTS["ct"] if ct is None else ct,
        cm=TALBOT_CONSTANTS["cm"] if cm is None else cm,
    )


@dataclass(frozen=True)
class KthMap:
    """K_th over (Kn, k_p/k_g) for one model (``kth[i, j]`` at ``knudsen[i]``, ``conductivity_ratio[j]``)."""

    model: str
    knudsen: np.ndarray
    conductivity_ratio: np.ndarray
    kth: np.ndarray
    gas: str
    in_range: np.ndarray | None = None

    @property
    def negative(self) -> np.ndarray:
        """Where the model predicts reversed (cold-to-hot) thermophoresis."""
        return self.kth < 0

    @property
    def negative_in_range(self) -> np.ndarray:
        """Reversal where the model is inside its validity range (``in_range``); elsewhere False."""
        valid = np.ones_like(self.kth, dtype=bool) if self.in_range is None else self.in_range
        return self.negative & valid

    def to_dict(self) -> dict:
        neg = self.negative
        return {
            "model": self.model,
            "gas": self.gas,
            "knudsen": self.knudsen,
            "knudsen_definition": "mean free path / particle radius",
            "conductivity_ratio_kp_over_kg": self.conductivity_ratio,
            "thermophoretic_coefficient": self.kth,
            "negative_anywhere": bool(np.any(neg)),
            "negative_fraction": float(np.mean(neg)),
            "negative_in_range_anywhere": bool(np.any(self.negative_in_range)),
            "in_range_fraction": float(np.mean(self.in_range)) if self.in_range is not None else 1.0,
            "kth_min": float(np.min(self.kth)),
            "kth_max": float(np.max(self.kth)),
        }


def kth_map(gas, model: str = "talbot", knudsen=None, conductivity_ratio=None, **params) -> KthMap:
    """Sign and size of K_th over a grid of Kn = mfp/radius and particle-to-gas conductivity ratio k_p/k_g.

    The particle radius follows from Kn and the gas's mean free path, its conductivity from the ratio; its
    accommodation coefficients are the toolkit defaults (energy 1, diffuse fraction 0.9), and slip-corrected
    drags use Kim et al. (2005). Models that do not depend on the conductivity give constant rows.

    ``in_range`` marks where the model is inside the Kn range its authors validated and, for models with a
    gas-particle interaction length ``sigma`` (Li & Wang), where the particle radius is at least ``sigma``:
    outside, a fit can return anything, including a sign change that is not physics.

    >>> from thermophoresis import Gas
    >>> m = kth_map(Gas("air"), "talbot", knudsen=[0.01, 1.0, 100.0], conductivity_ratio=[1.0, 1000.0])
    >>> m.kth.shape, bool(m.negative.any())
    ((3, 2), False)
    """
    if not gas._scalar_state:
        raise InputError("kth_map takes one gas state (scalar temperature and pressure)")
    info = get_model(model)
    kn = check_positive("knudsen", np.logspace(-3, 3, 61) if knudsen is None else knudsen)
    ratio = check_positive("conductivity_ratio", np.logspace(-1, 4, 51) if conductivity_ratio is None
                           else conductivity_ratio)
    kn, ratio = np.atleast_1d(kn)[:, None], np.atleast_1d(ratio)[None, :]
    radius = gas.mean_free_path / kn
    unknown = set(params) - set(info.parameters)
    if unknown:
        raise InputError(f"model {info.name!r} has no parameter(s) {sorted(unknown)}; "
                         f"allowed: {', '.join(info.parameters) or 'none'}")
    # the map is in dimensionless variables: the particle size follows from Kn, without the sanity bounds
    # that Particle puts on user input (a map at low pressure may need very large "particles")
    from .mobility import SLIP_CORRECTIONS, convention_mean_free_path, cunningham

    par = SLIP_CORRECTIONS["kim_2005"]

    kn_slip = convention_mean_free_path(gas.mean_free_path, par) / radius
    x = ForceInputs(
        kn=kn, radius=radius, temperature=gas.temperature, pressure=gas.pressure, viscosity=gas.viscosity,
        kinematic_viscosity=gas.kinematic_viscosity, density=gas.density, mean_speed=gas.mean_speed,
        mean_free_path=gas.mean_free_path, translational_conductivity=gas.translational_conductivity,
        thermal_conductivity=gas.thermal_conductivity, molecular_mass=gas.molecular_mass,
        conductivity_ratio=1.0 / ratio, energy_accommodation=1.0, momentum_accommodation=0.9,
        slip_correction=cunningham(kn_slip, par.alpha, par.beta, par.gamma),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        _, kth = info.evaluate(x, **params)
    kth = np.broadcast_to(np.asarray(kth, dtype=float), (kn.size, ratio.size)).copy()
    lo, hi = info.kn_range
    valid = (kn >= lo) & (kn <= hi)
    sigma = float(params.get("sigma", 0.0) or 0.0)
    if sigma > 0:
        valid = valid & (radius >= sigma)
    in_range = np.broadcast_to(valid, kth.shape).copy()
    kn, ratio = kn.ravel(), ratio.ravel()
    return KthMap(model=get_model(model).name, knudsen=kn, conductivity_ratio=ratio, kth=kth, gas=gas.describe(),
                  in_range=in_range)
