"""The registry of thermophoretic force models: name -> function, regime, validity range, reference.

The CLI, sweeps, plots and :mod:`thermophoresis.drift` list and call models through this table, never
by importing a model function directly. Each entry knows

- the published plain function (``function``) and how to turn the common inputs into its arguments
  (``evaluate``, returning the force coefficient Phi and the thermophoretic coefficient K_th);
- which drag turns its force into a velocity (``drag``): ``"stokes"`` (no slip), ``"slip-corrected"``
  (6 pi mu a / C_c with the chosen Cunningham set), ``"epstein"`` (free-molecular, with the particle's
  diffuse fraction) or ``"model"`` (the model's own, e.g. Talbot's built-in Cunningham factor);
- the Knudsen range (Kn = mfp/radius) in which its authors validated it; outside it a
  :class:`~thermophoresis.exceptions.ValidityWarning` is raised and the value is still returned.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .._registry import Registry

__all__ = ["ForceInputs", "ModelInfo", "MODELS", "register", "get_model", "model_names"]


@dataclass(frozen=True)
class ForceInputs:
    """Everything a model may need, as SI floats or broadcastable arrays (built by ``transport``)."""

    kn: object
    radius: object
    temperature: object
    pressure: object
    viscosity: object
    kinematic_viscosity: object
    density: object
    mean_speed: object
    mean_free_path: object
    translational_conductivity: object
    thermal_conductivity: object
    molecular_mass: float
    conductivity_ratio: object | None
    energy_accommodation: object
    momentum_accommodation: object
    slip_correction: object

    @property
    def number_density(self):
        """Gas number density p / (k T) [1/m^3]."""
        from ..constants import BOLTZMANN

        return np.asarray(self.pressure) / (BOLTZMANN * np.asarray(self.temperature))

    def stokes_to(self, friction):
        """Ratio 6 pi mu a / friction: turns Phi into K_th for a given friction coefficient."""
        return 6.0 * math.pi * self.viscosity * self.radius / friction

    @property
    def epstein_ratio(self):
        """6 pi mu a / zeta_Epstein = 9 nu / (2 a c delta)."""
        delta = 1.0 + math.pi * np.asarray(self.momentum_accommodation) / 8.0
        return 9.0 * self.kinematic_viscosity / (2.0 * self.radius * self.mean_speed * delta)


@dataclass(frozen=True)
class ModelInfo:
    """One registered force model."""

    name: str
    label: str
    regime: str
    kn_range: tuple[float, float]
    drag: str
    reference: str
    formula: str
    function: Callable
    evaluate: Callable[..., tuple]
    needs_conductivity: bool = True
    parameters: dict = field(default_factory=dict)
    notes: str = ""
    aliases: tuple[str, ...] = ()
    #: compiled twin of the velocity formula (see :mod:`thermophoresis.force.kernels`), or None
    kernel: object = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "label": self.label,
            "regime": self.regime,
            "kn_range": list(self.kn_range),
            "drag": self.drag,
            "reference": self.reference,
            "formula": self.formula,
            "needs_conductivity": self.needs_conductivity,
            "parameters": dict(self.parameters),
            "notes": self.notes,
            "aliases": list(self.aliases),
            "has_kernel": self.kernel is not None,
        }


#: Every registered force model (a :class:`~thermophoresis._registry.Registry`: case-insensitive,
#: aliases, closest names on a typo, ``MODELS.names(valid_at=Kn)``, ``MODELS.to_dict()``)
MODELS: Registry[ModelInfo] = Registry("model")


def register(info: ModelInfo) -> ModelInfo:
    """Add a model to :data:`MODELS` (call it beside the model's function)."""
    return MODELS.add(info)


def model_names(valid_at=None) -> list[str]:
    """Registered model names; with ``valid_at=Kn`` (mfp/radius) only those valid there."""
    return MODELS.names(valid_at)


def get_model(name: str | ModelInfo) -> ModelInfo:
    """Look up a model by name or alias (case-insensitive); unknown names list the closest ones."""
    if isinstance(name, ModelInfo):
        return name
    return MODELS.lookup(name)
