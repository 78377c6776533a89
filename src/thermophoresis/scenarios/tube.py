r"""Particle deposition in laminar tube flow with a cooled (or heated) wall: a numerical solution.

Fully developed Poiseuille flow :math:`u = 2U(1 - r^2/R^2)` enters at x = 0 with the uniform temperature
:math:`T_{in}` and particle concentration :math:`n_0`; the wall is at :math:`T_w` and absorbs
particles. The temperature is the Graetz solution (:class:`thermophoresis.lagrangian.GraetzTube`), and
the particle concentration obeys, with axial diffusion neglected,

.. math:: u\,\frac{\partial n}{\partial x} = \frac{1}{r}\frac{\partial}{\partial r}
          \left[r\left(D\frac{\partial n}{\partial r} - v_r n\right)\right], \qquad
          v_r = -\frac{K_{th}\nu}{T}\frac{\partial T}{\partial r}

It is marched in x with backward Euler and finite volumes in r (upwind drift), n = 0 at the wall and
symmetry on the axis. The deposition efficiency is the fraction of the particle flux lost by x:
:math:`\eta(x) = 1 - \int u n\,r\,dr / \int u n_0\,r\,dr`. Particle properties follow the local
temperature; the gas flow and the Graetz temperature use constant properties (those of the gas given).
The tracker in the same field gives the same efficiency (tests).

Closed forms (:func:`asymptotic_tube_efficiency`)
-------------------------------------------------
With :math:`v = -K\nu\nabla\ln T` and constant :math:`K\nu` and thermal diffusivity α (so
:math:`\Pr K = K\nu/\alpha`), no Brownian diffusion, and :math:`n = (T/T_{in})^{\Pr K} g`, particle
conservation with :math:`\mathbf u\cdot\nabla T = \alpha\nabla^2 T` becomes exactly
:math:`\mathbf u\cdot\nabla g = -K\nu(1-\Pr K)|\nabla\ln T|^2 g + K\nu\nabla\ln T\cdot\nabla g`.
So for Pr K = 1, :math:`\eta = 1 - T_b/T_{in}` exactly, and in general :math:`\eta(x) = \Pr K\,(1 -
T_b(x)/T_{in}) + O(\theta^2)` at any x, with :math:`T_b` the bulk temperature and
:math:`\theta = 1 - T_w/T_{in}`. Treating the core as well mixed (g = 1) gives
:math:`\eta = 1 - (T_b/T_{in})^{\Pr K}`, the form of the turbulent model of Romay et al. (1998) as
quoted in later work. For the long laminar tube, the form quoted for Batchelor & Shen (1985) is
:math:`\eta_\infty = \Pr K\theta[1 + (1-\Pr K)\theta]`. The near-wall region, where g departs from 1
because u vanishes there, makes the second-order coefficient of this marching problem slightly smaller: we
measure 0.594 for Pr K = 0.361 (quoted: 0.639), from both this solver and independent pathline
integration. We could not read Walker, Homsy & Geyling (1979), Batchelor & Shen (1985), Lin & Tsai (2003)
or Romay et al. (1998) themselves; the tests check the quoted forms against the marching solution, which
does not use them.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.linalg import solve_banded

import warnings
from dataclasses import dataclass

from .._docs import fill, references
from .._params import COMMAND_PARAMETERS, check_args, table
from .._registry import Choice, Registry
from .._validation import check_positive, unknown_name
from ..exceptions import InputError, ValidityWarning

__all__ = ["asymptotic_tube_efficiency", "laminar_tube_deposition", "turbulent_tube_deposition",
           "TurbulentTubeResult", "nusselt_turbulent", "nusselt_gnielinski", "nusselt_dittus_boelter",
           "NUSSELT_CORRELATIONS", "TUBE_EFFICIENCY_FORMS", "TubeDepositionResult", "tube_deposition",
           "TRANSITION_REYNOLDS"]

#: The tube's parameters: one declaration (in _params, so the CLI reads it without importing this module)
PARAMETERS = COMMAND_PARAMETERS["tube"]
#: :func:`turbulent_tube_deposition` takes the tube diameter (its correlations are written with it)
_TURBULENT_PARAMETERS = table(**PARAMETERS, diameter=PARAMETERS["radius"].with_(default="4 mm",
                                                                             help="tube diameter, e.g. '4 mm'"))

#: each work the docstrings here cite, written once (composed by :func:`thermophoresis._docs.references`)
_WORKS = {
    "romay": "Romay, F. J., Takagaki, S. S., Pui, D. Y. H., Liu, B. Y. H. (1998). Thermophoretic deposition of "
             "aerosol particles in turbulent pipe flow. J. Aerosol Sci. 29.",
    "batchelor": "Batchelor, G. K., Shen, C. (1985). Thermophoretic deposition of particles in gas flowing over "
                 "cold surfaces. J. Colloid Interface Sci. 107.",
    "walker": "Walker, K. L., Homsy, G. M., Geyling, F. T. (1979). Thermophoretic deposition of small particles "
              "in laminar tube flow. J. Colloid Interface Sci. 69.",
    "graetz": "Graetz, L. (1883). Über die Wärmeleitungsfähigkeit von Flüssigkeiten. Annalen der Physik.",
    "gnielinski": "Gnielinski, V. (1976). New equations for heat and mass transfer in turbulent pipe and channel "
                  "flow. Int. Chem. Eng. 16, 359-368.",
    "petukhov": "Petukhov, B. S. (1970). Heat transfer and friction in turbulent pipe flow with variable physical "
                "properties. Adv. Heat Transfer 6, 503-564.",
    "dittus": "Dittus, F. W., Boelter, L. M. K. (1930). Heat transfer in automobile radiators of the tubular "
              "type. University of California Publications in Engineering 2, 443-461.",
}

_LENGTH_VELOCITY_INLET = """length : float
    Tube length [m].
mean_velocity : float
    Mean gas velocity [m/s].
t_inlet : float
    Inlet gas temperature [K]."""

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    **{f"references_{name}": references(*(_WORKS[w] for w in works)) for name, works in (
        ("asymptotic", ("romay", "batchelor")), ("laminar", ("walker", "graetz")),
        ("gnielinski", ("gnielinski", "petukhov")), ("dittus", ("dittus",)),
        ("nusselt", ("gnielinski", "dittus")), ("turbulent", ("romay", "gnielinski")),
        ("tube", ("walker", "romay", "gnielinski")))},
    "nusselt_parameters_returns": """Parameters
----------
reynolds : float or array_like
    Reynolds number on the tube diameter [-].
prandtl : float or array_like
    Prandtl number of the gas [-].

Returns
-------
numpy.ndarray or float
    Nusselt number on the tube diameter [-].""",
    "length_velocity_inlet": _LENGTH_VELOCITY_INLET,
    "particle_tube_temperatures": f"""particle : Particle
    The particle (one diameter).
gas : Gas
    Composition and pressure (see below for the temperature its properties are taken at).
radius : float
    Tube radius [m].
{_LENGTH_VELOCITY_INLET}
t_wall : float
    Wall temperature [K].""",
    "model": """model : str
    Force model (a name in :data:`thermophoresis.force.MODELS`).""",
}

#: Reynolds number (on the diameter) above which ``flow="auto"`` treats pipe flow as turbulent
TRANSITION_REYNOLDS = 2300.0

#: The closed forms of :func:`asymptotic_tube_efficiency` (a :class:`~thermophoresis._registry.Registry`;
#: ``function(pr_kth, theta)`` with theta = 1 - T_out/T_in), each registered above its formula
TUBE_EFFICIENCY_FORMS: Registry[Choice] = Registry("efficiency form")


@TUBE_EFFICIENCY_FORMS.register(
    "power", label="well-mixed core", aliases=("romay",),
    reference="the form of Romay, Takagaki, Pui & Liu (1998) as quoted in later work (paper not read)",
    description="1 - (T_out/T_in)^(Pr K): turbulent or well-mixed core; exact for Pr K = 1")
def _power_form(prk, theta):
    return 1.0 - (1.0 - theta) ** prk


@TUBE_EFFICIENCY_FORMS.register(
    "second_order", label="long laminar tube, second order", aliases=("batchelor_shen",),
    reference="the form quoted for Batchelor & Shen (1985) (paper not read)",
    description="Pr K theta [1 + (1 - Pr K) theta]")
def _second_order_form(prk, theta):
    return prk * theta * (1.0 + (1.0 - prk) * theta)


@TUBE_EFFICIENCY_FORMS.register(
    "linear", label="first order", reference="derived here (module docstring)",
    description="Pr K theta: exact as theta -> 0")
def _linear_form(prk, theta):
    return prk * theta


_N_TERMS = 120  # Graetz series terms for the marching solution


@fill(_DOC)
def asymptotic_tube_efficiency(pr_kth, t_inlet, t_outlet, form: str = "power"):
    r"""Thermophoretic deposition efficiency from the temperature drop alone (module docstring).

    Parameters
    ----------
    pr_kth : array_like
        Prandtl number times the thermophoretic coefficient K_th [-].
    t_inlet, t_outlet : array_like
        Inlet gas temperature and the (bulk) temperature the gas has cooled to [K]; for a long laminar
        tube, the wall temperature.
    form : str
        A name in :data:`TUBE_EFFICIENCY_FORMS`: ``"power"`` (well-mixed core, the Romay et al. form):
        :math:`1-(T_{out}/T_{in})^{\Pr K}`; ``"second_order"`` (long laminar tube, the form quoted for
        Batchelor & Shen 1985): :math:`\Pr K\theta[1+(1-\Pr K)\theta]`; ``"linear"`` (first order, exact as
        θ → 0): :math:`\Pr K\theta`, with :math:`\theta = 1 - T_{out}/T_{in}`.

    Returns
    -------
    float or numpy.ndarray
        Deposition efficiency [-].

    Notes
    -----
    A gas that warms (t_outlet > t_inlet) gives no thermophoretic deposition: the result is 0 there,
    with a :class:`ValidityWarning`. The forms are as quoted in later work; the papers themselves were
    not read (module docstring).

    %(references_asymptotic)s

    Examples
    --------
    >>> round(float(asymptotic_tube_efficiency(0.4, 600.0, 300.0, "linear")), 6)
    0.2
    >>> round(float(asymptotic_tube_efficiency(0.4, 600.0, 300.0, "second_order")), 6)
    0.26
    >>> round(float(asymptotic_tube_efficiency(1.0, 600.0, 300.0)), 6)   # Pr K = 1: all three agree to O(θ²)
    0.5
    """
    evaluate = TUBE_EFFICIENCY_FORMS.lookup(form, parameter="form").function
    prk = np.asarray(check_positive("pr_kth", pr_kth), dtype=float)
    t_in = np.asarray(check_positive("t_inlet", t_inlet, "K"), dtype=float)
    t_out = np.asarray(check_positive("t_outlet", t_outlet, "K"), dtype=float)
    theta = 1.0 - t_out / t_in
    if np.any(theta < 0):
        warnings.warn("t_outlet > t_inlet: the gas warms, so thermophoresis drives particles away from the wall; "
                      "the efficiency is set to 0 there", ValidityWarning, stacklevel=2)
    eta = np.asarray(evaluate(prk, np.maximum(theta, 0.0)))
    return eta[()] if eta.ndim == 0 else eta


@fill(_DOC)
def laminar_tube_deposition(particle, gas, radius, length, mean_velocity, t_inlet, t_wall, model="talbot",
                            n_r: int = 200, n_x: int = 2000, brownian: bool = True, properties: str = "reference"):
    """Deposition efficiency η(x) along a laminar tube, by marching the drift–diffusion equation.

    ``gas`` gives the composition, the pressure and the reference temperature of the constant-property
    problem: the Graetz field uses its thermal diffusivity α, and with ``properties="reference"``
    (default) K_th, ν and D are taken at the same temperature, so that only the 1/T of the drift varies.
    This is the consistent constant-property problem, and the one the closed forms of
    :func:`asymptotic_tube_efficiency` solve; use a mean (film) temperature for ``gas``. With
    ``"local"``, K_th ν/T and D follow the local temperature while α stays constant. That mixes a
    variable Pr·K_th into a constant-property temperature field (near a cold wall ν falls but α does not),
    and typically gives less deposition; it is kept for comparison with the tracker, which tabulates
    particle properties by local temperature.

    Parameters
    ----------
    %(particle_tube_temperatures)s
    %(model)s
    n_r : int
        Radial finite volumes.
    n_x : int
        Axial marching steps.
    brownian : bool
        Include Brownian diffusion (default) or drift only.
    properties : {"reference", "local"}
        Where the particle properties are taken (above).

    Returns
    -------
    x : numpy.ndarray
        Axial positions [m].
    eta : numpy.ndarray
        Deposition efficiency [-] at each x (one particle size).

    %(references_laminar)s
    """
    if properties not in ("local", "reference"):
        raise unknown_name("properties", properties, ("local", "reference"))
    from ..fields import GraetzTube
    from ..drift import thermophoresis

    r_wall, ell, u_mean, t_inlet, t_wall = check_args(PARAMETERS, radius=radius, length=length,
                                                      mean_velocity=mean_velocity, t_inlet=t_inlet, t_wall=t_wall)
    field = GraetzTube(r_wall, ell, u_mean, t_inlet, t_wall, float(gas.thermal_diffusivity), n_terms=_N_TERMS)
    # particle properties against temperature
    t_tab = np.linspace(min(t_inlet, t_wall) * 0.999, max(t_inlet, t_wall) * 1.001, 257)
    if properties == "reference":
        ref = thermophoresis(particle, gas, 1.0, model)
        c_tab = float(ref.thermophoretic_coefficient) * float(gas.kinematic_viscosity) / t_tab
        d_tab = np.full_like(t_tab, float(ref.diffusion_coefficient) if brownian else 0.0)
    else:
        gt = gas.with_state(temperature=t_tab)
        res = thermophoresis(particle, gt, 1.0, model)
        c_tab = np.asarray(res.thermophoretic_coefficient) * np.asarray(gt.kinematic_viscosity) / t_tab
        d_tab = np.asarray(res.diffusion_coefficient) if brownian else np.zeros_like(t_tab)

    r = np.linspace(0.0, r_wall, n_r + 1)
    dr = r[1] - r[0]
    rf = 0.5 * (r[1:] + r[:-1])  # faces between nodes
    u = 2.0 * u_mean * (1.0 - (r / r_wall) ** 2)
    vol = r * dr
    vol[0] = dr * dr / 8.0  # the axis cell
    # stations crowd towards the inlet (x ~ s^3), where the thermal layer grows as x^(1/3); the first one is
    # where the truncated Graetz series still resolves the layer (its last term decayed by e^-4)
    from ..fields import graetz_eigen

    beta_last = graetz_eigen(_N_TERMS)[0][-1]
    x0 = min(8.0 / beta_last**2 * u_mean * r_wall**2 / float(gas.thermal_diffusivity), 0.01 * ell)
    x = np.concatenate([[0.0], x0 + (ell - x0) * np.linspace(0.0, 1.0, n_x) ** 3])
    n = np.ones(n_r + 1)
    n[-1] = 0.0
    flux0 = np.trapezoid(u * r, r)
    eta = np.zeros(x.size)
    t_all, g_all = field.profiles(x[1:], rf)
    for k in range(1, x.size):
        dx = x[k] - x[k - 1]
        t_f, g_f = t_all[k - 1], g_all[k - 1]
        v_f = -np.interp(t_f, t_tab, c_tab) * g_f  # radial drift at faces (positive outward)
        d_f = np.interp(t_f, t_tab, d_tab)
        # flux through face j (node j -> j+1, outward positive): cdiff (n_j - n_{j+1}) + rf (vp n_j + vm n_{j+1})
        cdiff = rf * d_f / dr
        out_j = cdiff + rf * np.maximum(v_f, 0.0)
        in_jp1 = cdiff - rf * np.minimum(v_f, 0.0)
        a_c = np.zeros(n_r + 1)
        a_c[:-1] += out_j
        a_c[1:] += in_jp1
        a_hi = np.zeros(n_r + 1)  # coefficient of n_{j+1} in row j
        a_hi[:-1] = -in_jp1
        a_lo = np.zeros(n_r + 1)  # coefficient of n_{j-1} in row j
        a_lo[1:] = -out_j
        diag = u * vol / dx + a_c
        rhs = u * vol / dx * n
        # wall node: n = 0
        diag[-1], a_lo[-1], rhs[-1] = 1.0, 0.0, 0.0
        ab = np.zeros((3, n_r + 1))
        ab[0, 1:] = a_hi[:-1]
        ab[1] = diag
        ab[2, :-1] = a_lo[1:]
        n = solve_banded((1, 1), ab, rhs)
        eta[k] = 1.0 - np.trapezoid(u * n * r, r) / flux0
    return x, eta


#: Nusselt correlations for fully developed turbulent flow in a smooth tube (a
#: :class:`~thermophoresis._registry.Registry`: case-insensitive, aliases, closest names,
#: ``NUSSELT_CORRELATIONS.names(reynolds=Re, prandtl=Pr)`` lists those valid there, ``to_dict()``).
#: Each correlation registers itself with the decorator above its function.
NUSSELT_CORRELATIONS: Registry[Choice] = Registry("Nusselt correlation")


@NUSSELT_CORRELATIONS.register(
    "gnielinski", label="Gnielinski (1976)", aliases=("gnielinski_1976",),
    reference="Gnielinski, V. (1976). Int. Chem. Eng. 16, 359-368; friction factor of Petukhov (1970)",
    description="Nu = (f/8)(Re-1000)Pr / [1 + 12.7 sqrt(f/8)(Pr^(2/3)-1)], f = (0.790 ln Re - 1.64)^-2",
    ranges={"reynolds": (3000.0, 5e6), "prandtl": (0.5, 2000.0)})
@fill(_DOC)
def nusselt_gnielinski(reynolds, prandtl):
    r"""Gnielinski's (1976) mean Nusselt number of fully developed turbulent flow in a smooth tube.

    .. math:: Nu = \frac{(f/8)(Re - 1000)\,Pr}{1 + 12.7\sqrt{f/8}\,(Pr^{2/3} - 1)}, \qquad
              f = (0.790 \ln Re - 1.64)^{-2}

    with Petukhov's friction factor for smooth tubes.

    %(nusselt_parameters_returns)s

    Notes
    -----
    The formula alone (no checks); :func:`nusselt_turbulent` checks the inputs and warns outside
    3000 <= Re <= 5e6, 0.5 <= Pr <= 2000, the range usually quoted for it.

    %(references_gnielinski)s
    """
    re = np.asarray(reynolds, dtype=float)
    pr = np.asarray(prandtl, dtype=float)
    f = (0.790 * np.log(re) - 1.64) ** -2
    return (f / 8) * (re - 1000.0) * pr / (1.0 + 12.7 * np.sqrt(f / 8) * (pr ** (2.0 / 3.0) - 1.0))


@NUSSELT_CORRELATIONS.register(
    "dittus_boelter", label="Dittus & Boelter (1930), cooled fluid", aliases=("dittus-boelter", "dittus"),
    reference="Dittus, F. W., Boelter, L. M. K. (1930). Univ. Calif. Publ. Eng. 2, 443-461",
    description="Nu = 0.023 Re^0.8 Pr^0.3 (exponent 0.3: the gas is cooled by the wall)",
    ranges={"reynolds": (1e4, math.inf), "prandtl": (0.6, 160.0)})
@fill(_DOC)
def nusselt_dittus_boelter(reynolds, prandtl):
    r"""Dittus–Boelter mean Nusselt number for a fluid cooled in a smooth tube, :math:`0.023 Re^{0.8} Pr^{0.3}`.

    %(nusselt_parameters_returns)s

    Notes
    -----
    The formula alone (no checks); :func:`nusselt_turbulent` checks the inputs and warns outside
    Re >= 1e4, 0.6 <= Pr <= 160. The exponent 0.3 is the one for cooling (0.4 for heating the fluid);
    the thermophoretic tube deposits particles where the wall cools the gas.

    %(references_dittus)s
    """
    re = np.asarray(reynolds, dtype=float)
    pr = np.asarray(prandtl, dtype=float)
    return 0.023 * re**0.8 * pr**0.3


@fill(_DOC)
def nusselt_turbulent(reynolds, prandtl, correlation: str = "gnielinski"):
    r"""Mean Nusselt number (based on the diameter) of fully developed turbulent flow in a smooth tube.

    Parameters
    ----------
    reynolds : float or array_like
        Reynolds number on the tube diameter [-]; at least 2300 (below it the flow is laminar: an error).
    prandtl : float or array_like
        Prandtl number of the gas [-].
    correlation : str
        A name in :data:`NUSSELT_CORRELATIONS` (any case, aliases accepted): ``"gnielinski"``
        (:func:`nusselt_gnielinski`; 3000 <= Re <= 5e6, 0.5 <= Pr <= 2000) or ``"dittus_boelter"``
        (:func:`nusselt_dittus_boelter`, cooled gas; Re >= 1e4, 0.6 <= Pr <= 160).

    Returns
    -------
    numpy.ndarray or float
        Nusselt number on the tube diameter [-]. Outside the correlation's ranges a
        :class:`ValidityWarning` is emitted and the value is still returned.

    %(references_nusselt)s

    Examples
    --------
    >>> round(float(nusselt_turbulent(1e4, 0.7)), 2)
    29.82
    """
    entry = NUSSELT_CORRELATIONS.lookup(correlation, parameter="correlation")
    re = np.asarray(check_positive("reynolds", reynolds), dtype=float)
    pr = np.asarray(check_positive("prandtl", prandtl), dtype=float)
    if np.any(re < 2300):
        raise InputError(f"reynolds = {float(np.min(re)):.4g} is below 2300: the flow is laminar; use "
                         "laminar_tube_deposition")
    for key, value in (("reynolds", re), ("prandtl", pr)):
        if key in entry.outside(**{key: value}):
            lo, hi = entry.ranges[key]
            warnings.warn(f"{key} outside the {entry.name} range {lo:g}..{hi:g}", ValidityWarning, stacklevel=2)
    nu = np.asarray(entry.function(re, pr))
    return nu[()] if nu.ndim == 0 else nu


@dataclass(frozen=True)
class TurbulentTubeResult:
    """Result of :func:`turbulent_tube_deposition` (SI units)."""

    efficiency: object
    t_outlet: float
    reynolds: float
    nusselt: float
    heat_transfer_coefficient: float
    pr_kth: object
    film_temperature: float


@fill(_DOC)
def turbulent_tube_deposition(particle, gas, diameter, length, mean_velocity, t_inlet, t_wall,
                              model: str = "talbot", correlation: str = "gnielinski"):
    r"""Thermophoretic deposition in turbulent flow through a cooled tube (well-mixed core model).

    The turbulent core mixes particles and heat alike, and both cross the wall layer by the same gradient:
    the wall particle flux :math:`n K\nu\,\partial_y T/T` and the wall heat flux
    :math:`k\,\partial_y T` give, along the tube, :math:`d\ln n_b = \Pr K\,d\ln T_b`. With the bulk
    temperature from the wall heat transfer,
    :math:`T_b(L) = T_w + (T_{in}-T_w)\exp(-4\,Nu\,L/(D\,Re\,Pr))`, the efficiency is
    :math:`\eta = 1 - (T_b(L)/T_{in})^{\Pr K}`: the form of the model of Romay, Takagaki, Pui & Liu
    (1998) as quoted in later work (we could not read the paper). Brownian and turbulent-inertial
    deposition are not included. Gas properties, Pr and K_th are taken at the film temperature
    :math:`(T_{in} + T_w)/2`; ``gas`` supplies the composition and pressure. A wall hotter than the gas is
    an error: this model assumes cooling.

    Parameters
    ----------
    particle : Particle
        The particle (the diameter may be an array; ``efficiency`` and ``pr_kth`` then have its shape).
    gas : Gas
        Composition and pressure.
    diameter : float
        Tube diameter [m].
    %(length_velocity_inlet)s
    t_wall : float
        Wall temperature [K], <= ``t_inlet``.
    %(model)s
    correlation : str
        Nusselt correlation (a name in :data:`NUSSELT_CORRELATIONS`).

    Returns
    -------
    TurbulentTubeResult
        ``efficiency`` [-], ``t_outlet`` [K], ``reynolds`` [-], ``nusselt`` [-],
        ``heat_transfer_coefficient`` [W/(m^2 K)], ``pr_kth`` [-], ``film_temperature`` [K].

    %(references_turbulent)s
    """
    from ..drift import thermophoresis

    d_tube, ell, u_mean, t_in, t_w = check_args(_TURBULENT_PARAMETERS, diameter=diameter, length=length,
                                                mean_velocity=mean_velocity, t_inlet=t_inlet, t_wall=t_wall)
    if t_w > t_in:
        raise InputError(f"t_wall = {t_w:g} K is above t_inlet = {t_in:g} K: the turbulent-tube model assumes a "
                         "cooled wall (t_wall <= t_inlet); a heated wall collects no particles by thermophoresis")
    film = 0.5 * (t_in + t_w)
    g = gas.with_state(temperature=film)
    re = u_mean * d_tube / float(g.kinematic_viscosity)
    pr = float(g.prandtl_number)
    nu = float(nusselt_turbulent(re, pr, correlation))
    h = nu * float(g.thermal_conductivity) / d_tube
    t_out = t_w + (t_in - t_w) * np.exp(-4.0 * nu * ell / (d_tube * re * pr))
    kth = np.asarray(thermophoresis(particle, g, 1.0, model).thermophoretic_coefficient, dtype=float)
    prk = pr * kth
    eta = 1.0 - (t_out / t_in) ** prk
    return TurbulentTubeResult(eta[()] if eta.ndim == 0 else eta, float(t_out), float(re), nu, float(h),
                               prk[()] if prk.ndim == 0 else prk, film)


@dataclass(frozen=True)
class TubeDepositionResult:
    """Thermophoretic deposition along a tube with a cooled wall (:func:`tube_deposition`), SI units."""

    particle: object
    gas: object
    radius: float
    length: float
    mean_velocity: float
    t_inlet: float
    t_wall: float
    model: str
    flow_requested: str
    flow: str
    reynolds: float
    pr_kth: float
    x: np.ndarray
    efficiency_along: np.ndarray
    nusselt: float | None = None
    t_outlet: float | None = None

    @property
    def efficiency(self) -> float:
        """Deposition efficiency at the outlet [-]."""
        return float(self.efficiency_along[-1])

    @property
    def long_tube_limits(self) -> dict:
        """The closed forms of :func:`asymptotic_tube_efficiency` (only for a cooled wall)."""
        if not self.t_inlet > self.t_wall:
            return {}
        return {f: float(asymptotic_tube_efficiency(self.pr_kth, self.t_inlet, self.t_wall, f))
                for f in ("linear", "second_order", "power")}

    def to_dict(self) -> dict:
        """Inputs and results; the keys of ``thermophoresis tube --json`` (the profile thinned to ~40 points)."""
        step = max(1, (self.x.size - 1) // 40)
        out = {
            "units": "SI",
            "radius_m": self.radius, "length_m": self.length, "mean_velocity_m_s": self.mean_velocity,
            "particle_diameter_m": float(np.asarray(self.particle.diameter)),
            "material": self.particle.material.name if self.particle.material else None,
            "gas": self.gas.to_dict(), "model": self.model, "flow_requested": self.flow_requested,
            "flow": self.flow, "reynolds_number": self.reynolds, "pr_kth": self.pr_kth,
            "temperatures_K": {"inlet": self.t_inlet, "wall": self.t_wall},
            "deposition_efficiency": self.efficiency,
            "x_m": self.x[::step], "efficiency_along_tube": self.efficiency_along[::step],
        }
        if self.flow == "laminar":
            out["assumptions"] = "fully developed laminar flow, Graetz temperature with constant gas properties"
        else:
            out |= {"nusselt_number": self.nusselt, "t_outlet_K": self.t_outlet,
                    "assumptions": "well-mixed turbulent core (Romay et al. form), Gnielinski Nu, film properties"}
        limits = self.long_tube_limits
        if limits:
            out["long_tube_limits"] = limits
        return out


#: Knudsen number of the tube, mfp / diameter, above which the no-slip (continuum) flow and heat transfer fail
TUBE_SLIP_KNUDSEN = 0.01
#: Mach number above which the incompressible, constant-pressure flow of the tube solutions fails
TUBE_MAX_MACH = 0.3


def _warn_outside_tube_assumptions(gas, radius, mean_velocity):
    """One ValidityWarning when the tube gas is rarefied (slip or free-molecular flow) or compressible."""
    problems = []
    kn = float(np.max(gas.mean_free_path)) / (2.0 * radius)
    if kn > TUBE_SLIP_KNUDSEN:
        problems.append(f"tube Knudsen number mfp/D = {kn:.3g} exceeds {TUBE_SLIP_KNUDSEN:g} (mean free path "
                        f"{float(np.max(gas.mean_free_path)):.3g} m): the no-slip flow and heat transfer of the "
                        "tube solutions fail (slip flow; free-molecular above ~10)")
    # speed of sound sqrt(gamma k T / m) = sqrt(gamma pi / 8) c_mean
    sound = float(np.min(np.sqrt(np.asarray(gas.heat_capacity_ratio) * math.pi / 8.0) * np.asarray(gas.mean_speed)))
    mach = mean_velocity / sound
    if mach > TUBE_MAX_MACH:
        problems.append(f"Mach number {mach:.3g} exceeds {TUBE_MAX_MACH:g}: the flow is compressible "
                        "(the tube solutions assume constant density and pressure)")
    if problems:
        warnings.warn("; ".join(problems), ValidityWarning, stacklevel=3)


@fill(_DOC)
def tube_deposition(particle, gas, radius, length, mean_velocity, t_inlet, t_wall, flow: str = "auto",
                    model: str = "talbot") -> TubeDepositionResult:
    r"""Deposition along a tube: the laminar marching solution or the turbulent well-mixed model.

    ``flow="auto"`` picks laminar below Re = 2300 (:data:`TRANSITION_REYNOLDS`, Re on the tube diameter
    with the gas at the film temperature (T_in + T_w)/2) and turbulent above; ``"laminar"`` above it
    warns. ``gas`` supplies the composition and pressure; its properties are taken at the film temperature.
    In turbulent flow the efficiency along the tube follows the bulk temperature
    :math:`T_b(x) = T_w + (T_{in}-T_w)\exp(-4\,Nu\,x/(D\,Re\,Pr))` as
    :math:`\eta(x) = 1-(T_b/T_{in})^{\Pr K}` (:func:`turbulent_tube_deposition`).

    Parameters
    ----------
    %(particle_tube_temperatures)s
    flow : {"auto", "laminar", "turbulent"}
        Flow regime, or ``"auto"`` (by Re).
    %(model)s

    Returns
    -------
    TubeDepositionResult
        ``x`` [m], ``efficiency_along`` [-], ``reynolds`` [-], ``pr_kth`` [-] and, in turbulent flow,
        ``nusselt`` [-] and ``t_outlet`` [K]; ``to_dict()`` gives the keys of ``thermophoresis tube --json``.

    %(references_tube)s
    """
    from ..drift import thermophoresis

    flow, r_wall, ell, u_mean, t_in, t_w = check_args(PARAMETERS, flow=flow, radius=radius, length=length,
                                                      mean_velocity=mean_velocity, t_inlet=t_inlet, t_wall=t_wall)
    g = gas.with_state(temperature=0.5 * (t_in + t_w))
    re = 2.0 * r_wall * u_mean / float(g.kinematic_viscosity)
    regime = flow if flow != "auto" else ("turbulent" if re > TRANSITION_REYNOLDS else "laminar")
    _warn_outside_tube_assumptions(g, r_wall, u_mean)
    prk = float(thermophoresis(particle, g, 1.0, model).thermophoretic_coefficient) * float(g.prandtl_number)
    if regime == "laminar":
        if re > TRANSITION_REYNOLDS:
            warnings.warn(f"Reynolds number {re:.0f} > {TRANSITION_REYNOLDS:g}: the flow is probably not laminar",
                          ValidityWarning, stacklevel=2)
        x, eta = laminar_tube_deposition(particle, g, r_wall, ell, u_mean, t_in, t_w, model)
        return TubeDepositionResult(particle, g, r_wall, ell, u_mean, t_in, t_w, model, flow, regime, re, prk,
                                    x, eta)
    res = turbulent_tube_deposition(particle, g, 2.0 * r_wall, ell, u_mean, t_in, t_w, model)
    x = np.linspace(0.0, ell, 101)
    t_bulk = t_w + (t_in - t_w) * np.exp(-4.0 * res.nusselt * x / (2.0 * r_wall * res.reynolds * float(g.prandtl_number)))
    eta = 1.0 - (t_bulk / t_in) ** float(res.pr_kth)
    return TubeDepositionResult(particle, g, r_wall, ell, u_mean, t_in, t_w, model, flow, regime, re, prk, x, eta,
                                nusselt=float(res.nusselt), t_outlet=float(res.t_outlet))
