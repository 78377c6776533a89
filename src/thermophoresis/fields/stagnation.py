"""Plane stagnation-point flow onto a wall with its analytic thermal boundary layer (a wafer facing a jet)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numba as nb
import numpy as np

from .._validation import check_positive
from ..exceptions import InputError
from .._params import Param
from .base import register_evaluator, register_field_type


class StagnationData(NamedTuple):
    strain_rate: float  # a [1/s]
    t_wall: float  # [K]
    t_infinity: float  # [K]
    inverse_scale: float  # k = sqrt(a / (2 alpha)) [1/m]


@nb.njit(cache=True, inline="always")
def evaluate_stagnation(d, x0, x1, x2):
    zz = max(x2, 0.0)
    dtw = d.t_wall - d.t_infinity
    t = d.t_infinity + dtw * math.erfc(d.inverse_scale * zz)
    gz = -dtw * 2.0 / math.sqrt(math.pi) * d.inverse_scale * math.exp(-(d.inverse_scale * zz) ** 2)
    return t, 0.0, 0.0, gz, d.strain_rate * x0, 0.0, -d.strain_rate * x2


register_evaluator(StagnationData, evaluate_stagnation)


@dataclass(frozen=True)
class StagnationPoint:
    r"""Plane stagnation-point flow onto the wall z = 0, with its analytic temperature field.

    Inviscid (potential) flow :math:`u = a x`, :math:`w = -a z` with strain rate a; the energy equation
    :math:`\alpha T'' + a z T' = 0` then has the exact solution

    .. math:: T(z) = T_\infty + (T_w - T_\infty)\,\mathrm{erfc}\left(z\sqrt{a/(2\alpha)}\right)

    with α the gas thermal diffusivity. This is the classic model of a wafer facing an impinging flow. The
    potential flow ignores the viscous boundary layer (thickness about 2.4 sqrt(ν/a)), inside which the
    real flow toward the wall is slower: the model overestimates convective transport to the wall there.

    Parameters
    ----------
    strain_rate : float
        a [1/s].
    t_wall, t_infinity : float
        [K]
    thermal_diffusivity : float
        α of the gas [m^2/s] (e.g. ``Gas(...).thermal_diffusivity``).
    """

    strain_rate: float
    t_wall: float
    t_infinity: float
    thermal_diffusivity: float

    def __post_init__(self):
        check_positive("strain_rate", self.strain_rate, "1/s")
        check_positive("t_wall", self.t_wall, "K")
        check_positive("t_infinity", self.t_infinity, "K")
        check_positive("thermal_diffusivity", self.thermal_diffusivity, "m^2/s")

    @property
    def thermal_layer_scale(self) -> float:
        """sqrt(2 alpha / a) [m]: T is within 16 % of T_wall - T_inf of T_inf at z = 1 scale."""
        return float(np.sqrt(2.0 * self.thermal_diffusivity / self.strain_rate))

    def temperature_at(self, z):
        from scipy.special import erfc

        z = np.maximum(np.asarray(z, dtype=float), 0.0)
        return self.t_infinity + (self.t_wall - self.t_infinity) * erfc(z / self.thermal_layer_scale)

    @cached_property
    def kernel_data(self) -> StagnationData:
        return StagnationData(float(self.strain_rate), float(self.t_wall), float(self.t_infinity),
                              1.0 / self.thermal_layer_scale)

    def kernel_arrays(self):
        """Deprecated: the integer-switch layout of the former kernel (kept for the benchmark)."""
        k = 1.0 / self.thermal_layer_scale
        return 3, np.array([self.strain_rate, self.t_wall, self.t_infinity, k]), np.zeros((1, 2))

    def temperature_bounds(self, lo=None, hi=None):
        return float(min(self.t_wall, self.t_infinity)), float(max(self.t_wall, self.t_infinity))

    def length_scale(self) -> float:
        """The thermal layer scale sqrt(2 alpha / a) [m]."""
        return self.thermal_layer_scale

    def gradient_bound(self) -> np.ndarray:
        g = abs(self.t_wall - self.t_infinity) * 2.0 / math.sqrt(math.pi) / self.thermal_layer_scale
        return np.array([0.0, 0.0, g])

    def speed_bound(self) -> np.ndarray:
        """The flow toward the wall is a z; within a few thermal layers of the wall it is at most a * 3 scales."""
        return np.array([math.inf, 0.0, self.strain_rate * 3.0 * self.thermal_layer_scale])


def _build_stagnation(v, gas):
    alpha = v["thermal_diffusivity"]
    if alpha is None:
        if gas is None:
            raise InputError("field.type = 'stagnation' needs field.thermal_diffusivity (or a gas to take it from)")
        alpha = float(gas.with_state(temperature=v["t_infinity"]).thermal_diffusivity)
    return StagnationPoint(v["strain_rate"], v["t_wall"], v["t_infinity"], alpha)


def _stagnation_ensemble(fld, half, n, z_start, length):
    """A sweep's ensemble: every particle at x = y = 0, z = ``z_start`` (required) above the absorbing wall."""
    if z_start is None:
        raise InputError("{parameter} is required with field = 'stagnation' (the start height above the wall)",
                         parameter="z_start", value=None, allowed="a height > 0 m")
    start = np.zeros((np.size(half), 3))
    start[:, 2] = z_start
    return start, (0.0, math.inf), length


register_field_type(
    "stagnation", StagnationPoint,
    {"strain_rate": Param("rate", positive=True, required=True, help="strain rate a of the potential flow (about U/H)"),
     "t_wall": Param("temperature", positive=True, required=True, help="wall temperature at z = 0"),
     "t_infinity": Param("temperature", positive=True, required=True, help="temperature of the oncoming gas"),
     "thermal_diffusivity": Param("diffusivity", positive=True,
                                  help="gas thermal diffusivity (default: of the gas at t_infinity)")},
    _build_stagnation, "plane stagnation-point flow onto the wall z = 0 with its thermal layer",
    ensemble=_stagnation_ensemble)
