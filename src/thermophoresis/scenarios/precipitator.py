r"""Thermophoretic precipitator (parallel-plate sampler): collection efficiency by particle size.

Gas flows along x between plates at z = 0 (cold, collecting) and z = H (hot), mean velocity U, plug or
plane Poiseuille profile; conduction gives a linear temperature profile. A particle entering at height
z0 drifts toward the cold plate with the thermophoretic velocity :math:`v(z) = c_{th}(T(z))\,|dT/dz|`
(:math:`c_{th} = K_{th}\nu/T` at the local temperature) and lands at

.. math:: x_{dep}(z_0) = \int_0^{z_0} \frac{u(z)}{v(z)}\,dz

The collection efficiency of a plate of length L is the flux-weighted fraction of the inlet with
:math:`x_{dep} \le L`: with plug flow and a uniform drift it is the classical
:math:`\eta = \min(1, vL/(UH))`. Brownian diffusion and gravity are neglected (the tracker includes them;
the tests compare the two).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._docs import fill
from .._params import COMMAND_PARAMETERS, check_args
from .._validation import check_positive
from ..exceptions import InputError

__all__ = ["deposition_distance", "collection_efficiency", "PrecipitatorResult", "precipitator_efficiency"]


#: The precipitator's parameters: one declaration (in _params, so the CLI reads it without importing this module)
PARAMETERS = COMMAND_PARAMETERS["precipitator"]

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    "particle_gas": """particle : Particle
    The particle (its diameter may be an array only where stated).
gas : Gas
    Composition and pressure; properties follow the local temperature of the linear profile.""",
    "plates": """gap : float
    Plate spacing H [m].
t_cold : float
    Collecting (cold) plate temperature at z = 0 [K].
t_hot : float
    Hot plate temperature at z = H [K], > ``t_cold``.
mean_velocity : float
    Mean gas velocity U [m/s].""",
    "flow_model": """flow : {"plug", "poiseuille"}
    Velocity profile between the plates.
model : str
    Force model (a name in :data:`thermophoresis.force.MODELS`).""",
    "references": """References
----------
.. [1] Hinds, W. C. (1999). Aerosol Technology, 2nd ed. Wiley, ch. 10 (thermophoresis, thermal precipitators).
.. [2] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). Thermophoresis of particles in a
   heated boundary layer. J. Fluid Mech. 101, 737-758 (the default force model).""",
}


def _plates(gap, t_cold, t_hot, mean_velocity):
    """The plate inputs in SI, checked through :data:`PARAMETERS`, with the hot plate hotter than the cold."""
    h, tc, th, u = check_args(PARAMETERS, gap=gap, t_cold=t_cold, t_hot=t_hot, mean_velocity=mean_velocity)
    _check_plates(tc, th)
    return h, tc, th, u


def _check_plates(t_cold, t_hot):
    if not t_hot > t_cold:
        raise InputError(f"{{parameter}} must exceed t_cold (the collecting plate is the cold one), got "
                         f"{t_hot:.6g} K <= {t_cold:.6g} K", parameter="t_hot", value=t_hot,
                         allowed=f"> {t_cold:.6g} K", unit="K")


def _drift_profile(particle, gas, gap, t_cold, t_hot, model, n):
    """Heights z (n points, 0 to H) and the drift speed toward the cold plate there, in the particle's layout
    (a diameter column ``(m, 1)`` gives ``(m, n)``)."""
    from ..drift import thermophoresis

    z = np.linspace(0.0, gap, n)
    t = t_cold + (t_hot - t_cold) * z / gap
    local = gas.with_state(temperature=t)
    r = thermophoresis(particle, local, 1.0, model)
    c_th = np.asarray(r.thermophoretic_coefficient) * np.asarray(local.kinematic_viscosity) / t
    return z, c_th * (t_hot - t_cold) / gap


def _cumulative(f, z):
    """Trapezoidal integral of ``f`` from z[0] to each z, along the last axis (0 at z[0])."""
    steps = np.cumsum(0.5 * (f[..., 1:] + f[..., :-1]) * np.diff(z), axis=-1)
    return np.concatenate([np.zeros(steps.shape[:-1] + (1,)), steps], axis=-1)


def _inlet_flux(z, u):
    """Fraction of the inlet flow below each height z."""
    flux = _cumulative(u, z)
    return flux / flux[-1]


def _velocity(z, gap, mean_velocity, flow):
    if flow == "plug":
        return np.full_like(z, mean_velocity)
    if flow == "poiseuille":
        return 6.0 * mean_velocity * (z / gap) * (1.0 - z / gap)
    raise InputError(parameter="flow", value=flow, allowed="'plug' or 'poiseuille'")


@fill(_DOC)
def deposition_distance(particle, gas, gap, t_cold, t_hot, mean_velocity, flow="poiseuille", model="talbot",
                        n: int = 2001):
    r"""Landing distance on the cold plate, :math:`x_{dep}(z_0) = \int_0^{z_0} u/v\,dz`, on a grid of inlet heights.

    Parameters
    ----------
    %(particle_gas)s
    %(plates)s
    %(flow_model)s
    n : int
        Grid points across the gap.

    Returns
    -------
    z0 : numpy.ndarray
        Inlet heights [m], 0 to H.
    x_dep : numpy.ndarray
        Landing distances [m] (increasing with z0).

    %(references)s
    """
    return _landing(particle, gas, *_plates(gap, t_cold, t_hot, mean_velocity), flow, model, n)


def _landing(particle, gas, h, tc, th, u, flow, model, n=2001):
    """(z0, x_dep) of :func:`deposition_distance` for checked SI plate inputs."""
    z, v = _drift_profile(particle, gas, h, tc, th, model, n)
    return z, _cumulative(_velocity(z, h, u, flow) / v, z)


@fill(_DOC)
def collection_efficiency(particle, gas, gap, t_cold, t_hot, mean_velocity, length, flow="poiseuille",
                          model="talbot"):
    r"""Fraction of the particles entering (flux-weighted) that land within ``length`` [-].

    With plug flow and a uniform drift v it is the classical :math:`\min(1, vL/(UH))`.

    Parameters
    ----------
    %(particle_gas)s
    %(plates)s
    length : float or array_like
        Collecting plate length L [m].
    %(flow_model)s

    Returns
    -------
    float or numpy.ndarray
        Collection efficiency [-], in [0, 1], shape of ``length``.

    %(references)s
    """
    length = np.asarray(check_args(PARAMETERS, length=length)[0], dtype=float)
    h, tc, th, u = _plates(gap, t_cold, t_hot, mean_velocity)
    z, x = _landing(particle, gas, h, tc, th, u, flow, model)
    flux = _inlet_flux(z, _velocity(z, h, u, flow))
    # x_dep increases with z0: the collected fraction is the inlet flux below the height landing at L
    z_at_l = np.interp(length, x, z, right=h)
    out = np.interp(z_at_l, z, flux)
    return out.item() if out.ndim == 0 else out


@dataclass(frozen=True)
class PrecipitatorResult:
    """Collection efficiency against particle diameter (:func:`precipitator_efficiency`), SI units."""

    material: str
    gas: object
    gap: float
    t_cold: float
    t_hot: float
    mean_velocity: float
    length: float
    flow: str
    model: str
    diameters: np.ndarray
    efficiency: np.ndarray

    def to_dict(self) -> dict:
        """Inputs and results; the keys of ``thermophoresis precipitator --json``."""
        return {"units": "SI", "material": self.material, "gas": self.gas.to_dict(), "model": self.model,
                "gap_m": self.gap, "t_cold_K": self.t_cold, "t_hot_K": self.t_hot,
                "mean_velocity_m_s": self.mean_velocity, "length_m": self.length, "flow": self.flow,
                "diameters_m": self.diameters, "collection_efficiency": self.efficiency,
                "assumptions": "linear conduction profile, no Brownian diffusion or gravity"}


@fill(_DOC)
def precipitator_efficiency(material, gas, gap, t_cold, t_hot, mean_velocity, length, diameters=None,
                            flow="poiseuille", model="talbot", n: int = 2001) -> PrecipitatorResult:
    """Collection efficiency for many diameters at once (vectorized over diameters and heights).

    The same calculation as :func:`collection_efficiency` for each diameter, in one array evaluation.
    ``gas`` supplies the composition and pressure; the properties follow the local temperature of the
    linear profile between ``t_cold`` and ``t_hot``.

    Parameters
    ----------
    material : str or Material
        Particle material (a name in :data:`thermophoresis.particle.MATERIALS`).
    gas : Gas
        Composition and pressure.
    %(plates)s
    length : float
        Collecting plate length L [m].
    diameters : array_like, optional
        Particle diameters [m]; default 10 nm to 10 µm, 31 points.
    %(flow_model)s
    n : int
        Grid points across the gap.

    Returns
    -------
    PrecipitatorResult
        ``diameters`` [m] and ``efficiency`` [-] with the inputs; ``to_dict()`` gives the keys of
        ``thermophoresis precipitator --json``.

    %(references)s
    """
    from ..particle import Particle

    h, tc, th, u_mean = _plates(gap, t_cold, t_hot, mean_velocity)
    (ell,) = check_args(PARAMETERS, length=length)
    d = np.atleast_1d(np.logspace(-8, -5, 31) if diameters is None else check_positive("diameters", diameters, "m"))
    z, v = _drift_profile(Particle(d[:, None], material), gas, h, tc, th, model, n)  # v: (diameter, z)
    u = _velocity(z, h, u_mean, flow)
    x = _cumulative(u / v, z)
    flux = _inlet_flux(z, u)
    eta = np.array([np.interp(np.interp(ell, xi, z, right=h), z, flux) for xi in x])
    return PrecipitatorResult(str(material), gas.with_state(temperature=0.5 * (tc + th)), h, tc, th, u_mean, ell,
                              flow, model, d, eta)
