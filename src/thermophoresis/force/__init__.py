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

Transition-regime kinetic solutions (Yamamoto & Ishihara 1967, Loyalka 1992, Beresnev & Chernyak 1995,
Young 2011) are not implemented yet: their formulas and tables could not be obtained from the sources
available to the developers, and none is entered from memory.

``thermophoresis.force.MODELS`` holds the full entries; :func:`thermophoresis.transport.thermophoretic_force`
evaluates any of them for a particle and a gas.
"""

import math

import numpy as np

from .._twins import formula
from ..mobility import cunningham_formula
from . import continuum, free_molecular
from .continuum import (
    COMSOL_CONSTANTS,
    TALBOT_CONSTANTS,
    brock_1962,
    brock_phi_formula,
    epstein_1929,
    epstein_formula,
    talbot_1980,
)
from .kernels import ForceKernel
from .free_molecular import waldmann_1959_force, waldmann_1959_kth, waldmann_1959_phi
from .li_wang import li_wang_collision_integrals, li_wang_diffuse_fraction, li_wang_velocity_coefficient
from .registry import MODELS, ForceInputs, ModelInfo, get_model, model_names, register

_BROCK_PARAMS = dict(continuum.BROCK_CONSTANTS)
_TALBOT_PARAMS = dict(TALBOT_CONSTANTS)


# ---- point formulas: (Kn, slip-set C_c, Lambda, constants) -> (Phi, K_th), compiled into kernels ----------
@formula
def epstein_point(kn, cc, lam, p):
    """Epstein: Phi = K_th (Stokes drag, no slip)."""
    phi = epstein_formula(lam)
    return phi, phi


@formula
def brock_point(kn, cc, lam, p):
    """Brock with slip-corrected drag: K_th = Phi C_c; p = (cs, ct, cm)."""
    phi = brock_phi_formula(kn, lam, p[0], p[1], p[2])
    return phi, phi * cc


@formula
def talbot_point(kn, cc, lam, p):
    """Talbot: Brock's Phi (Talbot's constants) and K_th with Talbot's own Cunningham factor; p = (cs, ct, cm, a, b, c)."""
    phi = brock_phi_formula(kn, lam, p[0], p[1], p[2])
    return phi, phi * cunningham_formula(kn, p[3], p[4], p[5])


def _epstein(x: ForceInputs, **params):
    phi = epstein_1929(x.conductivity_ratio)
    return phi, phi


def _brock(x: ForceInputs, **params):
    p = {**_BROCK_PARAMS, **params}
    phi = brock_1962(x.kn, x.conductivity_ratio, **p)
    return phi, phi * x.slip_correction


def _talbot(x: ForceInputs, **params):
    p = {**_TALBOT_PARAMS, **params}
    phi = brock_1962(x.kn, x.conductivity_ratio, p["cs"], p["ct"], p["cm"])
    kth = talbot_1980(x.kn, x.conductivity_ratio, **p)
    return phi, kth


def _waldmann(x: ForceInputs, **params):
    phi = waldmann_1959_phi(x.radius, x.translational_conductivity, x.mean_speed, x.temperature,
                            x.viscosity, x.kinematic_viscosity)
    return phi, phi * x.epstein_ratio


_LI_WANG_PARAMS = dict(epsilon_k=0.0, sigma=0.0, diffuse_fraction=None)


def _li_wang(x: ForceInputs, epsilon_k=0.0, sigma=0.0, diffuse_fraction=None):
    if diffuse_fraction is None:
        f = x.momentum_accommodation
    elif isinstance(diffuse_fraction, str):
        if diffuse_fraction != "li-wang-2004":
            raise ValueError(
                f"diffuse_fraction must be a number in [0, 1], None (the particle's momentum accommodation) "
                f"or 'li-wang-2004', got {diffuse_fraction!r}"
            )
        f = li_wang_diffuse_fraction(x.kn, 2.0 * x.radius)
    else:
        f = diffuse_fraction
    if epsilon_k < 0 or sigma < 0:
        raise ValueError(f"epsilon_k and sigma must be >= 0, got {epsilon_k!r} and {sigma!r}")
    t_star = np.inf if epsilon_k == 0 else np.asarray(x.temperature) / epsilon_k
    o11, o12 = li_wang_collision_integrals(t_star, np.asarray(sigma) / x.radius, f)
    c = 1.0 - 1.2 * np.asarray(o12) / np.asarray(o11)
    kth = -c * x.translational_conductivity * x.temperature / (x.pressure * x.kinematic_viscosity)
    boltzmann_t = x.pressure / x.number_density
    friction = (8.0 / 3.0) * np.sqrt(2.0 * math.pi * x.molecular_mass * boltzmann_t) * x.number_density \
        * x.radius**2 * np.asarray(o11)
    phi = kth * friction / (6.0 * math.pi * x.viscosity * x.radius)
    return phi, kth


register(ModelInfo(
    name="epstein", aliases=("epstein_1929",),
    label="Epstein (1929)", regime="continuum", kn_range=(0.0, 0.01), drag="stokes",
    reference="Epstein, P. S. (1929). Z. Phys. 54, 537-563",
    formula="Phi = K_th = (3/2) Lambda / (1 + 2 Lambda), Lambda = k_gas/k_particle",
    function=epstein_1929, evaluate=_epstein, kernel=ForceKernel("epstein", epstein_point, uses_slip=False),
    notes="no velocity slip or temperature jump; thermal creep with Maxwell's coefficient 3/4",
))
register(ModelInfo(
    name="brock", aliases=("brock_1962",),
    label="Brock (1962)", regime="slip", kn_range=(0.0, 0.1), drag="slip-corrected",
    reference="Brock, J. R. (1962). J. Colloid Sci. 17, 768-780",
    formula="Phi = 2 Cs (Lambda + Ct Kn) / ((1 + 3 Cm Kn)(1 + 2 Lambda + 2 Ct Kn))",
    function=brock_1962, evaluate=_brock, parameters=_BROCK_PARAMS, kernel=ForceKernel("brock", brock_point),
    notes="first-order slip flow; constants are arguments (cs, ct, cm)",
))
register(ModelInfo(
    name="talbot", aliases=("talbot_1980", "talbot_et_al_1980"),
    label="Talbot et al. (1980)", regime="all", kn_range=(0.0, math.inf), drag="model",
    reference="Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). J. Fluid Mech. 101, 737-758, eq. (4)",
    formula="K_th = Phi_Brock(Cs, Ct, Cm) [1 + Kn (A + B exp(-C/Kn))]",
    function=talbot_1980, evaluate=_talbot, parameters=_TALBOT_PARAMS, kernel=ForceKernel("talbot", talbot_point, uses_slip=False),
    notes="interpolation of slip-flow and free-molecular results; the usual engineering choice",
))
register(ModelInfo(
    name="waldmann", aliases=("waldmann_1959",),
    label="Waldmann (1959)", regime="free-molecular", kn_range=(10.0, math.inf),
    drag="epstein",
    reference="Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599",
    formula="F = -(32/15) a^2 k_tr grad_T / c_mean",
    function=waldmann_1959_force, evaluate=_waldmann, needs_conductivity=False,
    notes="independent of the particle's conductivity and accommodation; k_tr is the translational conductivity",
))

register(ModelInfo(
    name="li_wang", aliases=("li_wang_2004",),
    label="Li & Wang (2004)", regime="free-molecular", kn_range=(10.0, math.inf), drag="model",
    reference="Li, Z., Wang, H. (2004). Phys. Rev. E 70, 021205",
    formula="v = [1 - (6/5) Omega12*/Omega11*] k_tr grad_T / p; drag (8/3) sqrt(2 pi m k T) n a^2 Omega11*",
    function=li_wang_velocity_coefficient, evaluate=_li_wang, needs_conductivity=False,
    parameters=_LI_WANG_PARAMS,
    notes="gas-particle potential (epsilon_k [K], sigma [m]); rigid spheres by default, where it equals "
          "Waldmann with Epstein drag; fitted integrals transcribed from the MOpS code, see the module",
))

# the linearized S-model sphere (kinetic tables computed by thermophoresis.kinetic.solve_sphere)
from . import kinetic as _kinetic  # noqa: E402
from .kinetic import KineticKernel, kinetic_force_coefficient  # noqa: E402

register(ModelInfo(
    name="kinetic", aliases=("s_model", "kinetic_s"),
    label="Linearized S-model sphere (computed)", regime="all",
    kn_range=(_kinetic.resolved_from_file(), math.inf), drag="model",
    reference="computed here: linearized Shakhov S-model sphere problems (thermophoresis.kinetic.solve_sphere), "
              "tables by scripts/make_kinetic_tables.py; docs/kinetic_model.md",
    formula="Phi = Phi_B + Phi_C (-q_B Lambda)/(s + q_C Lambda), s = 5 Kn/(2 Pr sqrt(pi)); "
            "K_th = Phi / (drag / 6 pi mu a U)",
    function=kinetic_force_coefficient, evaluate=_kinetic.evaluate, kernel=KineticKernel(),
    notes="monatomic-gas kinetic theory, Maxwell wall with the particle's momentum_accommodation as diffuse "
          "fraction (tabulated 0.5-1); any conductivity; can reverse sign; below the lower end of kn_range the "
          "isothermal-sphere part is not resolved by the solver yet and is bridged to its continuum limit",
))

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
