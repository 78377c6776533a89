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
import sys
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ._docs import fill
from ._validation import as_output, check_finite, check_in_range, check_nonnegative, check_positive
from .constants import BOLTZMANN
from .exceptions import InputError, ValidityWarning
from .force import MODELS, get_model
from .force.kernels import DRAG_CODES, REGIME_NAMES, regime_names
from .force.registry import ForceInputs, ModelInfo
from .mobility import REGIME_BOUNDS, slip_parameters_and_factor
from .mobility import slip_correction as cunningham_slip
from .particle import Particle
from .units import to_si

if TYPE_CHECKING:  # the Soret comparison imports its module on use (start-up time of every command)
    from .soret import SoretResult


__all__ = [
    "ForceReport",
    "force_report",
    "SurfaceForceReport",
    "surface_force_report",
    "SoretComparison",
    "soret_vs_particle",
    "LINEAR_RESPONSE_LIMIT",
    "ThermophoresisResult",
    "thermophoresis",
    "thermophoretic_force",
    "thermophoretic_velocity",
    "force_coefficient",
    "thermophoretic_coefficient",
    "peclet_number",
    "peclet_from_temperature_difference",
    "drift_dominance_time",
    "linear_response_parameters",
]

_PARTICLE_GAS = """particle : Particle
    Diameter [m], conductivity [W/(m K)], accommodation [-].
gas : Gas
    Temperature [K], pressure [Pa], composition."""
_MODEL = """model : str
    A name from :data:`thermophoresis.force.MODELS`."""

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    "particle_gas": _PARTICLE_GAS,
    "model": _MODEL,
    "force_velocity_parameters": f"""Parameters
----------
{_PARTICLE_GAS}
grad_T : numeric, str or Quantity
    Gas temperature gradient [K/m] (vectors along a last axis of length 3).
{_MODEL}
**kwargs
    ``slip``, ``vector`` and model constants, as for :func:`thermophoresis`.""",
    "coefficient_parameters": f"""Parameters
----------
{_PARTICLE_GAS}
{_MODEL}
**kwargs
    ``slip`` and model constants, as for :func:`thermophoresis`.""",
    "returns_peclet": """Returns
-------
numeric
    Pe [-].""",
    "references_models": """References
----------
.. [1] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). Thermophoresis of particles in a
   heated boundary layer. J. Fluid Mech. 101, 737-758, eq. (4) (the default model, ``"talbot"``).
.. [2] The reference of any other model (paper and equation) is in its entry in
   :data:`thermophoresis.force.MODELS`.""",
}

#: The linear (first-order) theory behind every force model needs lambda |grad T| / T and |v| / c_mean
#: small; beyond this value a ValidityWarning says which one and by how much.
LINEAR_RESPONSE_LIMIT = 0.1


class ThermophoresisResult(NamedTuple):
    """Everything :func:`thermophoresis` computes (SI units; arrays broadcast over particle and gas).

    ``regime_code`` is a small integer (0 continuum, 1 slip, 2 transition, 3 free-molecular, Kn = mfp/radius
    boundaries 0.01, 0.1, 10); ``regime`` gives the names (computed when asked for, and in :meth:`to_dict`).
    An immutable named tuple (cheap to build: the scalar call costs a few microseconds in all).
    """

    model: str
    label: str
    reference: str
    drag: str
    knudsen: object
    regime_code: object
    force_coefficient: object
    thermophoretic_coefficient: object
    force: object
    velocity: object
    slip_correction: object
    mean_free_path: object
    friction_coefficient: object
    diffusion_coefficient: object
    in_range: object

    @property
    def regime(self):
        """Regime names: ``"continuum"``, ``"slip"``, ``"transition"`` or ``"free-molecular"``."""
        return regime_names(self.regime_code)

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


def _warn(message: str):
    """One ValidityWarning, attributed to the first caller outside this module."""
    level, frame = 2, sys._getframe(1)
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame, level = frame.f_back, level + 1
    warnings.warn(message, ValidityWarning, stacklevel=level)


def _range_problem(info: ModelInfo, kn, inside) -> str | None:
    if inside is True or (inside is not False and np.all(inside)):
        return None
    lo, hi = info.kn_range
    kn = np.asarray(kn)
    bad = kn[~np.asarray(inside)] if kn.ndim else kn
    return (f"model {info.name!r} ({info.label}) used at Kn = mfp/radius = {float(np.ravel(bad)[0]):.3g}, "
            f"outside its validity range [{lo:g}, {hi:g}]")


@fill(_DOC)
def linear_response_parameters(mean_free_path, temperature, grad_T, velocity, mean_speed):
    r"""The two small parameters of the linear theory: :math:`\lambda|\nabla T|/T` and :math:`|v|/\bar c`.

    Parameters
    ----------
    %(mean_free_path)s
    temperature : numeric
        Gas temperature [K].
    grad_T : numeric
        Temperature gradient [K/m] (vectors along a last axis of length 3 are reduced to their norm by the
        caller).
    velocity : numeric
        Drift speed [m/s].
    mean_speed : numeric
        Mean molecular speed [m/s].

    Returns
    -------
    tuple of float
        The largest :math:`\lambda|\nabla T|/T` [-] and the largest :math:`|v|/\bar c` [-].

    Notes
    -----
    Every model here (Epstein, Brock, Talbot, Waldmann, Li & Wang) is first order in the gas's departure
    from equilibrium: the Chapman–Enskog (or Grad) distribution is linear in
    :math:`\lambda\nabla T/T` and the drag is linear in :math:`v/\bar c`. The toolkit warns above
    :data:`LINEAR_RESPONSE_LIMIT` (0.1), where second-order terms reach ~10 % (a choice, not a published
    bound).

    References
    ----------
    .. [1] Chapman, S., Cowling, T. G. (1970). The Mathematical Theory of Non-Uniform Gases, 3rd ed.
       Cambridge University Press (the first-order Chapman–Enskog distribution).
    .. [2] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599 (the force in that distribution).
    """
    gradient = np.max(np.abs(np.asarray(mean_free_path) * np.asarray(grad_T) / np.asarray(temperature)))
    speed = np.max(np.abs(np.asarray(velocity)) / np.asarray(mean_speed))
    return float(gradient), float(speed)


def _linear_problems(gradient_parameter: float, speed_parameter: float) -> list[str]:
    out = []
    if gradient_parameter > LINEAR_RESPONSE_LIMIT:
        out.append(f"lambda |grad T| / T = {gradient_parameter:.3g} exceeds {LINEAR_RESPONSE_LIMIT:g}: the "
                   f"temperature changes by that fraction over one mean free path, beyond the linear theory")
    if speed_parameter > LINEAR_RESPONSE_LIMIT:
        out.append(f"|v| / c_mean = {speed_parameter:.3g} exceeds {LINEAR_RESPONSE_LIMIT:g}: the drift is not "
                   f"small against the molecular speed (linear drag and linear response fail)")
    return out


def _report(problems):
    problems = [p for p in problems if p]
    if problems:
        _warn("; ".join(problems))


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
    """Warn (once) when Kn leaves the model's range; returns the inside mask."""
    lo, hi = info.kn_range
    kn = np.asarray(kn)
    inside = (kn >= lo) & (kn <= hi)
    _report([_range_problem(info, kn, inside)])
    return inside


def _grad(grad_t, vector):
    g = check_finite("grad_T", to_si(grad_t, "temperature_gradient", "grad_T"))
    g = np.asarray(g, dtype=float)
    if vector is None:
        vector = g.ndim >= 1 and g.shape[-1] == 3
    if vector and (g.ndim == 0 or g.shape[-1] != 3):
        raise InputError(f"grad_T: vector=True needs a last axis of length 3, got shape {g.shape}")
    return g, bool(vector)


def _check_objects(particle, gas):
    if not isinstance(particle, Particle):
        raise InputError(
            f"particle must be a Particle, e.g. Particle({particle!r}, 'psl') or Particle(d, density=..., "
            f"conductivity=...): the force depends on the particle's conductivity and accommodation, "
            f"got {type(particle).__name__} {particle!r}"
        )
    if not hasattr(gas, "mean_free_path") or not hasattr(gas, "_scalar_state"):
        raise InputError(f"gas must be a Gas, e.g. Gas('air', '300 K', '1 atm'), got {type(gas).__name__} {gas!r}")


_DEFAULT_CONSTANTS: dict = {}


def _model_constants(info: ModelInfo, params) -> tuple:
    """The model's constants as the tuple its point formula takes (order of ``info.parameters``)."""
    if not params:
        consts = _DEFAULT_CONSTANTS.get(id(info))
        if consts is None:
            consts = _DEFAULT_CONSTANTS[id(info)] = tuple(float(v) for v in info.parameters.values()) or (0.0,)
        return consts
    merged = {**info.parameters, **params}
    return tuple(float(merged[k]) for k in info.parameters) or (0.0,)


def _kernel_args(info, particle, gas, g, slip, params):
    """Arguments of the compiled pipeline after the diameters, or None when it does not apply."""
    k_p = particle.conductivity
    f = particle.momentum_accommodation
    if type(f) is not float or (type(k_p) is not float and not (k_p is None and not info.needs_conductivity)):
        return None
    if params and any(type(v) not in (float, int) for v in params.values()):
        return None
    par, factor = slip_parameters_and_factor(slip)
    mfp, t, mu, nu, c_mean, k_gas = gas._drift_scalars
    lam = k_gas / k_p if k_p is not None else 0.0
    lo, hi = info.kn_range
    return (mfp, mfp * factor, par.alpha, par.beta, par.gamma, lam, _model_constants(info, params),
            t, mu, nu, c_mean, 1.0 + math.pi * f / 8.0, g, lo, hi, DRAG_CODES[info.drag])


def thermophoresis(particle, gas, grad_T, model: str = "talbot", *, slip: str = "kim_2005", vector=None,
                   **params) -> ThermophoresisResult:
    r"""Thermophoretic force, velocity and coefficients of ``particle`` in ``gas`` with one model.

    .. math::

        \mathbf F = -6\pi\mu\nu a\,\Phi\,\frac{\nabla T}{T}, \qquad
        \mathbf v = -K_{th}\,\nu\,\frac{\nabla T}{T}, \qquad
        \zeta = \frac{6\pi\mu a\,\Phi}{K_{th}}, \qquad D = \frac{k_B T}{\zeta}

    Parameters
    ----------
    particle : Particle
        The particle(s) [diameter in m; arrays broadcast]. A bare diameter is refused with a message
        that shows how to build a :class:`~thermophoresis.particle.Particle` (the force needs its
        conductivity).
    gas : Gas
        The gas state (temperature [K], pressure [Pa]; arrays broadcast).
    grad_T : numeric, str or Quantity
        Gas temperature gradient [K/m]: scalar(s), or vectors along a last axis of length 3.
    model : str
        A name from :data:`thermophoresis.force.MODELS` (``"talbot"`` by default; any case, aliases).
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
        Force [N], velocity [m/s], Phi and K_th [-], Kn = mfp/radius [-], regime, slip correction [-], mean
        free path [m], friction coefficient [kg/s], diffusion coefficient [m^2/s], in-range mask.

    Warns
    -----
    ValidityWarning
        Once per call, listing every assumption that breaks: Kn outside the model's range, or the linear
        theory's small parameters :math:`\lambda|\nabla T|/T` and :math:`|v|/\bar c` above
        :data:`LINEAR_RESPONSE_LIMIT`.

    Notes
    -----
    One gas state, a scalar gradient and a model with a compiled twin (``MODELS[name].kernel``: Epstein,
    Brock, Talbot) take the fast path: plain-Python floats for one particle, a compiled single-pass loop
    for an array of diameters. Everything else uses the general NumPy path; both give the same numbers
    (tests compare them to 1e-12).

    References
    ----------
    .. [1] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). J. Fluid Mech. 101, 737-758
       (the default model; the others are cited in :data:`thermophoresis.force.MODELS`).

    Examples
    --------
    >>> from thermophoresis import Gas, Particle
    >>> r = thermophoresis(Particle("200 nm", "psl"), Gas("air"), "1e4 K/m", model="talbot")
    >>> r.regime, round(r.thermophoretic_coefficient, 3), f"{r.velocity:.3e}"
    ('transition', 0.512, '-2.637e-04')
    """
    info = model if isinstance(model, ModelInfo) else MODELS.lookup(model)
    if type(particle) is not Particle or not hasattr(gas, "_scalar_state"):
        _check_objects(particle, gas)
    if params:
        unknown = set(params) - set(info.parameters)
        if unknown:
            allowed = ", ".join(info.parameters) or "none"
            raise InputError(f"model {info.name!r} has no parameter(s) {sorted(unknown)}; allowed: {allowed}")
    if info.needs_conductivity and particle.conductivity is None:
        raise InputError(
            f"model {info.name!r} needs the particle conductivity; give Particle(..., conductivity=...) or a material"
        )
    kern = info.kernel
    if kern is not None and vector is not True and gas._scalar_state and type(grad_T) in (float, int) \
            and math.isfinite(grad_T):
        args = _kernel_args(info, particle, gas, float(grad_T), slip, params)
        if args is not None:
            d = particle.diameter
            if type(d) is float:
                return _scalar_result(info, kern, d, args, gas)
            return _array_result(info, kern, d, args, gas)
    return _general(info, particle, gas, grad_T, slip, vector, params)


def _scalar_result(info, kern, d, args, gas):
    kn, cc, phi, kth, force, velocity, zeta, diff, code, inside = kern.scalar(d, *args)
    g, mfp, t, c_mean = args[12], args[0], args[7], args[10]
    a = abs(mfp * g / t)
    b = abs(velocity) / c_mean
    if not inside or a > LINEAR_RESPONSE_LIMIT or b > LINEAR_RESPONSE_LIMIT:
        _report([_range_problem(info, kn, inside), *_linear_problems(a, b)])
    return ThermophoresisResult(info.name, info.label, info.reference, info.drag, kn, code, phi, kth, force,
                                velocity, cc, mfp, zeta, diff, inside)


def _array_result(info, kern, d, args, gas):
    (kn, cc, phi, kth, force, velocity, zeta, diff, code, inside), n_outside, n_fast = kern.checked_array(
        d, args, LINEAR_RESPONSE_LIMIT)
    g, mfp, t = args[12], args[0], args[7]
    a = abs(mfp * g / t)
    if n_outside or n_fast or a > LINEAR_RESPONSE_LIMIT:
        b = float(np.max(np.abs(velocity))) / args[10] if n_fast else 0.0
        _report([_range_problem(info, kn, inside) if n_outside else None, *_linear_problems(a, b)])
    return ThermophoresisResult(info.name, info.label, info.reference, info.drag, kn, code, phi, kth, force,
                                velocity, cc, np.broadcast_to(mfp, np.shape(d)), zeta, diff, inside)


def _check_shapes(particle, gas, g=None, is_vector=False):
    """An InputError naming the parameters and their shapes when they do not broadcast together."""
    shapes = {"particle.diameter": np.shape(particle.diameter), "gas state (temperature, pressure)":
              np.shape(gas.temperature)}
    for name in ("conductivity", "momentum_accommodation", "energy_accommodation"):
        value = getattr(particle, name)
        if np.ndim(value):
            shapes[f"particle.{name}"] = np.shape(value)
    if g is not None:
        shapes["grad_T" + (" (without its vector axis)" if is_vector else "")] = np.shape(g)[:-1] if is_vector \
            else np.shape(g)
    try:
        return np.broadcast_shapes(*shapes.values())
    except ValueError:
        desc = ", ".join(f"{k} {v}" for k, v in shapes.items())
        raise InputError(f"shapes do not broadcast together: {desc}") from None


def _general(info, particle, gas, grad_T, slip, vector, params):
    g, is_vector = _grad(grad_T, vector)
    _check_shapes(particle, gas, g, is_vector)
    x = _inputs(particle, gas, slip)
    lo, hi = info.kn_range
    inside = (x.kn >= lo) & (x.kn <= hi)
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
        g_mag, v_mag = np.linalg.norm(g, axis=-1), np.linalg.norm(velocity, axis=-1)
    else:
        force = force_scale * g + 0.0
        velocity = velocity_scale * g + 0.0
        g_mag, v_mag = g, velocity
    # friction consistent with F and v: zeta = F / v = 6 pi mu a Phi / K_th
    with np.errstate(divide="ignore", invalid="ignore"):
        friction = np.where(kth != 0, 6.0 * math.pi * mu * radius * phi / np.where(kth != 0, kth, 1.0), np.nan)
    friction = np.where(np.isfinite(friction), friction, _drag_fallback(info, x, shape))
    diffusion = BOLTZMANN * t / friction
    kn = np.broadcast_to(x.kn, shape)
    a, b = linear_response_parameters(gas.mean_free_path, gas.temperature, g_mag, v_mag, gas.mean_speed) \
        if np.size(velocity) else (0.0, 0.0)
    _report([_range_problem(info, x.kn, inside), *_linear_problems(a, b)])
    code = np.searchsorted(np.asarray(REGIME_BOUNDS), kn, side="right").astype(np.int8)
    return ThermophoresisResult(
        model=info.name,
        label=info.label,
        reference=info.reference,
        drag=info.drag,
        knudsen=as_output(kn),
        regime_code=int(code) if code.ndim == 0 else code,
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


@fill(_DOC)
def thermophoretic_force(particle, gas, grad_T, model: str = "talbot", **kwargs):
    """Thermophoretic force [N], positive down the gradient.

    %(force_velocity_parameters)s

    Returns
    -------
    numeric
        Force [N], in the layout of ``grad_T``.

    %(references_models)s
    """
    return thermophoresis(particle, gas, grad_T, model, **kwargs).force


@fill(_DOC)
def thermophoretic_velocity(particle, gas, grad_T, model: str = "talbot", **kwargs):
    """Thermophoretic drift velocity [m/s], positive down the gradient.

    %(force_velocity_parameters)s

    Returns
    -------
    numeric
        Velocity [m/s], in the layout of ``grad_T``.

    Notes
    -----
    For one gas state, a scalar gradient given as a number and a model with a compiled twin (talbot,
    brock, epstein), an array of diameters goes through a compiled loop that computes the velocity only;
    everything else through :func:`thermophoresis`. Both give the same numbers.

    %(references_models)s
    """
    fast = _fast_velocity(particle, gas, grad_T, model, kwargs)
    if fast is not None:
        return fast
    return thermophoresis(particle, gas, grad_T, model, **kwargs).velocity


def _fast_velocity(particle, gas, grad_T, model, kwargs):
    """The compiled velocity-only loop for arrays of diameters, or None when the inputs need more."""
    if type(grad_T) not in (float, int) or type(particle) is not Particle or not gas._scalar_state:
        return None
    d = particle.diameter
    if type(d) is float or kwargs.get("vector") is True or not math.isfinite(grad_T):
        return None
    info = model if isinstance(model, ModelInfo) else MODELS.lookup(model)
    kern = info.kernel
    if kern is None:
        return None
    params = {k: v for k, v in kwargs.items() if k not in ("slip", "vector")}
    if set(params) - set(info.parameters):
        return None
    if info.needs_conductivity and particle.conductivity is None:
        return None
    args = _kernel_args(info, particle, gas, float(grad_T), kwargs.get("slip", "kim_2005"), params)
    if args is None:
        return None
    velocity, n_outside, n_fast = kern.checked_velocity(d, args, LINEAR_RESPONSE_LIMIT)
    g, mfp, t = args[12], args[0], args[7]
    a = abs(mfp * g / t)
    if n_outside or n_fast or a > LINEAR_RESPONSE_LIMIT:
        problems = []
        if n_outside:
            lo, hi = info.kn_range
            kn_max, kn_min = 2.0 * mfp / float(np.min(d)), 2.0 * mfp / float(np.max(d))
            problems.append(_range_problem(info, kn_max if kn_max > hi else kn_min, False))
        b = float(np.max(np.abs(velocity))) / args[10] if n_fast else 0.0
        _report([*problems, *_linear_problems(a, b)])
    return velocity


@fill(_DOC)
def force_coefficient(particle, gas, model: str = "talbot", **kwargs):
    """Dimensionless force coefficient Phi (F = -6 pi mu nu a Phi grad_T / T).

    %(coefficient_parameters)s

    Returns
    -------
    numeric
        :math:`\\Phi` [-].

    %(references_models)s
    """
    return thermophoresis(particle, gas, 0.0, model, **kwargs).force_coefficient


@fill(_DOC)
def thermophoretic_coefficient(particle, gas, model: str = "talbot", **kwargs):
    """Dimensionless thermophoretic coefficient K_th (v = -K_th nu grad_T / T).

    %(coefficient_parameters)s

    Returns
    -------
    numeric
        :math:`K_{th}` [-] (positive: hot to cold).

    %(references_models)s
    """
    return thermophoresis(particle, gas, 0.0, model, **kwargs).thermophoretic_coefficient


@fill(_DOC)
def peclet_number(speed, length, diffusion_coefficient):
    """Péclet number ``|v| L / D`` [-].

    Parameters
    ----------
    speed : numeric
        Drift speed [m/s] (its magnitude is used).
    length : numeric
        Distance [m].
    diffusion_coefficient : numeric
        Particle diffusion coefficient [m^2/s].

    %(returns_peclet)s

    References
    ----------
    .. [1] Friedlander, S. K. (2000). Smoke, Dust, and Haze, 2nd ed., Oxford University Press, ch. 2.
    """
    return as_output(
        np.abs(check_finite("speed", speed)) * check_positive("length", length, "m")
        / check_positive("diffusion_coefficient", diffusion_coefficient, "m^2/s")
    )


@fill(_DOC)
def peclet_from_temperature_difference(thermophoretic_coefficient, schmidt_number, delta_t, temperature):
    r"""Péclet number across a temperature difference, :math:`Pe = K_{th}\,Sc\,\Delta T / T`.

    For a linear temperature profile with difference ``delta_t`` over any length; ``Sc = nu / D`` is the
    particle Schmidt number. Derived here: :math:`Pe = |v| L / D` with :math:`v = -K_{th}\nu\nabla T/T`
    and :math:`|\nabla T| = \Delta T / L`.

    Parameters
    ----------
    thermophoretic_coefficient : numeric
        :math:`K_{th}` [-].
    schmidt_number : numeric
        :math:`\nu / D` [-].
    delta_t : numeric
        Temperature difference [K].
    temperature : numeric
        Gas temperature [K].

    %(returns_peclet)s

    References
    ----------
    .. [1] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). J. Fluid Mech. 101, 737-758
       (the definition of K_th).

    >>> peclet_from_temperature_difference(0.5, 7e4, 30.0, 300.0)
    3500.0
    """
    return as_output(
        np.abs(thermophoretic_coefficient) * check_positive("schmidt_number", schmidt_number)
        * np.abs(check_finite("delta_t", delta_t)) / check_positive("temperature", temperature, "K")
    )


def drift_dominance_time(speed, diffusion_coefficient):
    r"""Time after which drift exceeds the rms Brownian displacement, :math:`t^* = 2D/v^2` [s].

    Derived from :math:`|v| t = \sqrt{2 D t}` (one-dimensional Brownian spreading).

    Parameters
    ----------
    speed : numeric
        Drift speed [m/s] (its magnitude is used).
    diffusion_coefficient : numeric
        [m^2/s].

    Returns
    -------
    numeric
        :math:`t^*` [s]; ``inf`` for zero speed.

    References
    ----------
    .. [1] Einstein, A. (1905). Ann. Phys. 17, 549-560 (mean-square displacement 2 D t).
    """
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


# --- thermal diffusion of molecules beside a particle's drift (the soret command) ---------------
@dataclass(frozen=True)
class SoretComparison:
    """Thermal diffusion of a molecule next to the thermophoresis of a particle in the same gradient."""

    soret: SoretResult
    gradient: float
    delta_t: float
    trace_alpha_t: float
    molecule_velocity: float
    molecule_peclet: float
    particle_diameter: float
    particle_material: str | None
    particle_velocity: float
    particle_kth: float
    particle_peclet: float

    def to_dict(self) -> dict:
        """Inputs and results; the keys of ``thermophoresis soret --json``."""
        return {
            "units": "SI",
            **self.soret.to_dict(),
            "comparison_in_gradient_K_per_m": self.gradient,
            "trace_thermal_diffusion_factor": self.trace_alpha_t,
            "molecule_drift_velocity_m_s": self.molecule_velocity,
            "molecule_peclet": self.molecule_peclet,
            "particle_diameter_m": self.particle_diameter,
            "particle_material": self.particle_material,
            "particle_velocity_m_s": self.particle_velocity,
            "particle_thermophoretic_coefficient": self.particle_kth,
            "particle_peclet": self.particle_peclet,
            "delta_t_K": self.delta_t,
        }


def soret_vs_particle(species1, species2, x1, temperature, pressure, gradient, delta_t, particle,
                      model: str = "talbot") -> SoretComparison:
    r"""Thermal diffusion of species 1 beside the thermophoretic drift of ``particle`` in the same mixture.

    A trace of species 1 drifts relative to the mixture at
    :math:`V_1 = -D_{12}\,\alpha_T(x_1 \to 0)\,\nabla T/T`; the particle at its thermophoretic velocity
    (:func:`thermophoresis` with ``model``). The Péclet numbers over a
    temperature difference ΔT are :math:`|\alpha_T|\,|\Delta T|/T` for the molecules and
    :math:`K_{th}\nu/D\,|\Delta T|/T` for the particle: how strongly each separates against its own
    diffusion. Both are positive toward the cold side.

    Parameters
    ----------
    species1, species2 : str or Species
        The molecules compared (species 1) and the carrier (species 2).
    x1 : float
        Mole fraction of species 1 in the mixture [-], in [0, 1].
    temperature : float
        Gas temperature [K].
    pressure : float
        Gas pressure [Pa].
    gradient : float
        Temperature gradient [K/m].
    delta_t : float
        Temperature difference over which the Péclet numbers are taken [K].
    particle : Particle
        The particle (one diameter) whose drift is compared.
    model : str
        Force model for the particle (a name in :data:`thermophoresis.force.MODELS`).

    Returns
    -------
    SoretComparison
        The :class:`~thermophoresis.soret.SoretResult`, molecule and particle velocities [m/s],
        thermophoretic coefficient [-] and Péclet numbers [-]; ``to_dict()`` gives the keys of
        ``thermophoresis soret --json``.

    References
    ----------
    .. [1] Ferziger, J. H., Kaper, H. G. (1972). Mathematical Theory of Transport Processes in Gases.
       North-Holland, eqs. (7.3-44), (7.3-70) (thermal diffusion factor).
    .. [2] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). Thermophoresis of particles in a
       heated boundary layer. J. Fluid Mech. 101, 737-758, eq. (4) (the default model, ``"talbot"``).
    """
    from .gas import Gas  # Gas composes this floor's inputs; imported on use as elsewhere here
    from .soret import soret, thermal_diffusion_factor

    x1 = check_in_range("x1", x1, 0.0, 1.0)
    t = check_positive("temperature", temperature, "K")
    s = soret(species1, species2, x1, t, pressure)
    composition = {s.species1: x1, s.species2: 1.0 - x1} if 0 < x1 < 1 else (s.species1 if x1 == 1 else s.species2)
    g = Gas(composition, temperature=t, pressure=pressure)
    r = thermophoresis(particle, g, gradient, model)
    alpha_trace = thermal_diffusion_factor(s.species1, s.species2, 0.0, t)
    v_molecule = -s.diffusion_coefficient * alpha_trace * gradient / t
    kth = float(r.thermophoretic_coefficient)
    return SoretComparison(
        soret=s, gradient=float(gradient), delta_t=float(delta_t), trace_alpha_t=float(alpha_trace),
        molecule_velocity=float(v_molecule), molecule_peclet=float(abs(s.alpha_t) * abs(delta_t) / t),
        particle_diameter=float(particle.diameter),
        particle_material=particle.material.name if particle.material else None,
        particle_velocity=float(r.velocity), particle_kth=kth,
        particle_peclet=float(kth * g.kinematic_viscosity / r.diffusion_coefficient * abs(delta_t) / t),
    )


@dataclass(frozen=True)
class ForceReport:
    """:func:`thermophoresis` for one particle, with its inputs and the Péclet number over a length.

    ``to_dict()`` gives the keys of ``thermophoresis force --json`` (and of each entry of ``compare``):
    the result's own keys, then ``peclet_number`` over ``peclet_length_m``, then the inputs (the particle,
    the gas state, the gradient and the slip set).
    """

    result: ThermophoresisResult
    particle: Particle
    gas: object
    gradient: object
    slip: str
    length: float

    @property
    def peclet_number(self):
        """Péclet number ``|v| L / D`` over :attr:`length` [-]."""
        return self.result.peclet(self.length)

    def to_dict(self) -> dict:
        return {"units": "SI", **self.result.to_dict(), "peclet_number": self.peclet_number,
                "peclet_length_m": self.length, "particle": self.particle.to_dict(), "gas": self.gas.to_dict(),
                "gradient_K_per_m": self.gradient, "slip": self.slip}


@fill(_DOC)
def force_report(particle, gas, grad_T, model: str = "talbot", *, slip: str = "kim_2005",
                 length=0.01) -> ForceReport:
    """:func:`thermophoresis` with its inputs echoed and the Péclet number over ``length`` [m] (default 1 cm).

    Parameters
    ----------
    %(particle_gas)s
    grad_T : numeric, str or Quantity
        Gas temperature gradient [K/m] (a number, a string with a unit or a Quantity).
    %(model)s
    slip : str
        Cunningham slip set (a name in :data:`thermophoresis.mobility.SLIP_CORRECTIONS`).
    length : numeric, str or Quantity
        Length over which the Péclet number is given [m].

    Returns
    -------
    ForceReport
        The :class:`ThermophoresisResult` (SI units), the Péclet number [-] and the inputs.

    %(references_models)s

    Examples
    --------
    >>> from thermophoresis import Gas, Particle
    >>> report = force_report(Particle("200 nm", "psl"), Gas("air"), 1e4).to_dict()
    >>> particle = report["particle"]
    >>> report["peclet_length_m"], particle["material"]
    (0.01, 'psl')
    """
    length = check_positive("length", to_si(length, "length", "length"), "m")
    grad = check_finite("grad_T", to_si(grad_T, "temperature_gradient", "grad_T"))
    return ForceReport(thermophoresis(particle, gas, grad, model, slip=slip), particle, gas, grad, slip, length)


@dataclass(frozen=True)
class SurfaceForceReport:
    """The force on a particle from its own surface temperature, free-molecular and slip-flow, with inputs.

    ``to_dict()`` gives the keys of ``thermophoresis dipole --json``.
    """

    modes: tuple
    particle: Particle
    gas: object
    knudsen: float
    regime: str
    free_molecular: float
    free_molecular_exact: float
    slip_flow: float

    def to_dict(self) -> dict:
        return {"units": "SI", "modes_K": list(self.modes), "particle": self.particle.to_dict(),
                "gas": self.gas.to_dict(), "knudsen": self.knudsen, "regime": self.regime,
                "force_free_molecular_N": self.free_molecular,
                "force_free_molecular_exact_N": self.free_molecular_exact, "force_slip_flow_N": self.slip_flow,
                "axis": "+z, the pole where a1 > 0 makes the surface hotter; negative force = away from the hot "
                        "side"}


@fill(_DOC)
def surface_force_report(particle, gas, modes) -> SurfaceForceReport:
    """:func:`surface_temperature_force` in both regimes (free-molecular linear and exact, slip flow), the
    Knudsen number ``mfp / radius`` and its regime, for one particle with surface Legendre ``modes`` [K].

    Parameters
    ----------
    %(particle_gas)s
    modes : sequence of float
        Legendre coefficients :math:`a_0, a_1, \\ldots` of the particle's surface temperature [K].

    Returns
    -------
    SurfaceForceReport
        The three forces [N], Kn [-] and its regime name, with the inputs.

    References
    ----------
    .. [1] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599 (free-molecular force).
    .. [2] Epstein, P. S. (1929). Z. Phys. 54, 537-563 (thermal creep on a sphere: the slip-flow force).
    """
    from .force.surface_temperature import free_molecular_surface_force
    from .mobility import regime as regime_of

    modes = tuple(float(m) for m in np.atleast_1d(np.asarray(modes, dtype=float)))
    fm = surface_temperature_force(particle, gas, modes, "free-molecular")
    exact = free_molecular_surface_force(modes, particle.radius, gas.pressure, gas.temperature,
                                         particle.energy_accommodation, linear=False)
    slip = surface_temperature_force(particle, gas, modes, "slip")
    kn = float(gas.mean_free_path / particle.radius)
    return SurfaceForceReport(modes, particle, gas, kn, str(regime_of(kn)), float(fm), float(exact), float(slip))
