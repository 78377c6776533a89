"""Thermophoretic force models, one module per family, and their registry.

==================  ==========================  ===============  =================================
name                model                       regime           drag used for the velocity
==================  ==========================  ===============  =================================
``epstein``         Epstein (1929)              continuum        Stokes
``brock``           Brock (1962)                slip             slip-corrected Stokes
``talbot``          Talbot et al. (1980)        all Kn           its own Cunningham factor
``waldmann``        Waldmann (1959)             free-molecular   Epstein
``li_wang``         Li & Wang (2004)            free-molecular   its own (collision integrals)
``kinetic``         linearized S-model sphere   all Kn           its own (kinetic drag, same model)
==================  ==========================  ===============  =================================

The published transition-regime kinetic solutions (Yamamoto & Ishihara 1967, Loyalka 1992, Beresnev &
Chernyak 1995, Young 2011) are not transcribed: their tables could not be obtained from the sources
available to the developers, and none is entered from memory. The ``kinetic`` model computes the
linearized S-model sphere problems here instead (see ``docs/kinetic_model.md``).

Each model is registered beside its function in its family module (``continuum``, ``free_molecular``,
``li_wang``, ``kinetic``): ``register(ModelInfo(...))`` right below the published function.
``thermophoresis.force.MODELS`` holds the full entries; :func:`thermophoresis.drift.thermophoretic_force`
evaluates any of them for a particle and a gas.
"""

from typing import TYPE_CHECKING

# Each family module registers its models beside their functions (``register(ModelInfo(...))`` right below
# the published function); importing them here, in this order, fills MODELS in the order of the table above.
from . import continuum, free_molecular, li_wang  # noqa: F401  (registration order = the table's order)
from .continuum import (
    COMSOL_CONSTANTS,
    TALBOT_CONSTANTS,
    brock_1962,
    brock_point,
    epstein_1929,
    epstein_point,
    talbot_1980,
    talbot_point,
)
from .free_molecular import waldmann_1959_force, waldmann_1959_kth, waldmann_1959_phi
from .kernels import ForceKernel
from .li_wang import li_wang_collision_integrals, li_wang_diffuse_fraction, li_wang_velocity_coefficient
from .registry import MODELS, ForceInputs, ModelInfo, get_model, model_names, register

# The kinetic family (a 900-line module that reads its data file for its validity range) is reserved here,
# in its place in the table: its module is imported the first time its entry is needed (a lookup of
# "kinetic", MODELS.values(), names(valid_at=...), to_dict(); see Registry.add_lazy), so callers of the
# closed forms never load it. The spellings must be those of its register(...) call (add checks them).
MODELS.add_lazy("kinetic", f"{__name__}.kinetic", aliases=("s_model", "kinetic_s"))

if TYPE_CHECKING:
    from . import kinetic
    from .kinetic import KineticKernel, kinetic_force_coefficient  # noqa: F401  (kept: old import path)

__all__ = [
    "COMSOL_CONSTANTS",
    "ForceKernel",
    "brock_point",
    "epstein_point",
    "talbot_point",
    "ForceInputs",
    "MODELS",
    "ModelInfo",
    "TALBOT_CONSTANTS",
    "brock_1962",
    "li_wang_collision_integrals",
    "li_wang_diffuse_fraction",
    "li_wang_velocity_coefficient",
    "epstein_1929",
    "get_model",
    "model_names",
    "register",
    "talbot_1980",
    "waldmann_1959_force",
    "waldmann_1959_kth",
    "waldmann_1959_phi",
]


def __getattr__(name: str):
    # the kinetic family on first use: ``force.kinetic`` and its names kept at the old import path
    if name in ("kinetic", "KineticKernel", "kinetic_force_coefficient"):
        from importlib import import_module

        module = import_module(f"{__name__}.kinetic")
        return module if name == "kinetic" else getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
