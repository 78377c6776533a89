"""The named sweep targets: the toolkit's functions, scenarios, tracker and DSMC, ready to sweep.

======================  ==================================================================================
``force``               :func:`thermophoresis.drift.thermophoresis`: force, velocity and coefficients of a
                        particle in a gas (vectorized over diameter, temperature, pressure and gradient)
``tube``                :func:`thermophoresis.scenarios.laminar_tube_deposition`: deposition efficiency at the
                        outlet of a laminar tube with a cooled wall
``wafer``               :class:`thermophoresis.scenarios.HeatedWafer`: deposition velocity onto a heated or
                        cooled wafer facing a stagnation-point flow
``precipitator``        :func:`thermophoresis.scenarios.collection_efficiency`: parallel-plate sampler
``track``               :class:`thermophoresis.lagrangian.Tracker`: an ensemble of particles, split into chunks
                        of particles whose random streams are keyed by (seed, global particle index)
``dsmc``                :func:`thermophoresis.kinetic.dsmc.run_fourier`: the gas between plates at one Knudsen
                        number, with a seed derived from the sweep seed and the point
======================  ==================================================================================

Each function takes SI values and returns a dict of arrays; the sweep converts units at the edge.
"""

from __future__ import annotations

import inspect
import math
import warnings

import numpy as np

from .._params import COMMAND_PARAMETERS, PARAMETERS as _P
from ..exceptions import InputError, ValidityWarning
from .spec import Output, Param, Target, register_target
from ..lagrangian.events import FLAG_VALUES, Event

__all__ = ["force_target", "tube_target", "wafer_target", "precipitator_target", "track_target", "dsmc_target",
           "TRACK_FIELDS"]

# every parameter comes from its one declaration: the shared vocabulary (_params.PARAMETERS), the scenario
# tables (scenarios.*.PARAMETERS), the tracking file schema (lagrangian.scenario.SCHEMA), the field tables
# (fields.FIELD_TYPES) and the DSMC table (kinetic.dsmc.PARAMETERS)
_DIAMETER = _P["diameter"].with_(required=True, default=None)
_PARTICLE_GAS = {"diameter": _DIAMETER, "material": _P["material"], "gas": _P["gas"], "pressure": _P["pressure"]}


# --- force ---------------------------------------------------------------------------------------------
def _particle(diameter, material, density=None, conductivity=None, energy_accommodation=None,
              momentum_accommodation=None):
    from ..particle import Particle

    kw = {k: v for k, v in (("energy_accommodation", energy_accommodation),
                            ("momentum_accommodation", momentum_accommodation)) if v is not None}
    return Particle(diameter, material, density=density, conductivity=conductivity, **kw)


def force_target(diameter, material="psl", gas="air", temperature=293.15, pressure=101325.0, grad_T=1e4,
                 model="talbot", slip="kim_2005", density=None, conductivity=None, energy_accommodation=None,
                 momentum_accommodation=None):
    """Thermophoretic force, velocity and coefficients (arrays over points broadcast elementwise)."""
    from ..gas import Gas
    from ..drift import thermophoresis

    p = _particle(diameter, material, density, conductivity, energy_accommodation, momentum_accommodation)
    g = Gas(gas, temperature=temperature, pressure=pressure)
    with warnings.catch_warnings():
        # recorded per point in `in_validity_range` and summarised once by _force_finalize
        warnings.simplefilter("ignore", ValidityWarning)
        r = thermophoresis(p, g, grad_T, model, slip=slip, vector=False)
    return {
        "force": r.force,
        "velocity": r.velocity,
        "thermophoretic_coefficient": r.thermophoretic_coefficient,
        "force_coefficient": r.force_coefficient,
        "knudsen": r.knudsen,
        "slip_correction": r.slip_correction,
        "mean_free_path": r.mean_free_path,
        "friction_coefficient": r.friction_coefficient,
        "diffusion_coefficient": r.diffusion_coefficient,
        "in_validity_range": r.in_range,
    }


def _force_finalize(ds):
    inside = ds["in_validity_range"].values
    if inside.size and not inside.all():
        model = ds.coords["model"].values if "model" in ds.coords else "talbot"
        models = sorted({str(m) for m in np.ravel(model)})
        msg = (f"model {', '.join(models)} used outside its validity range (Kn = mean free path / radius) at "
               f"{int((~inside).sum())} of {inside.size} points; see the variable 'in_validity_range'")
        warnings.warn(msg, ValidityWarning, stacklevel=2)
        ds.attrs["warnings"] = "\n".join(filter(None, [ds.attrs.get("warnings", ""), msg]))
    return ds


register_target(Target(
    "force", force_target,
    params={
        **_PARTICLE_GAS, "temperature": _P["temperature"], "grad_T": _P["gradient"], "model": _P["model"],
        "slip": _P["slip"], "density": _P["density"], "conductivity": _P["conductivity"],
        "energy_accommodation": _P["energy_accommodation"].with_(default=None),
        "momentum_accommodation": _P["momentum_accommodation"],
    },
    outputs={
        "force": Output("N", description="thermophoretic force, positive down the gradient"),
        "velocity": Output("m/s", description="thermophoretic velocity, positive down the gradient"),
        "thermophoretic_coefficient": Output("1", description="K_th in v = -K_th nu grad T / T"),
        "force_coefficient": Output("1", description="Phi in F = -6 pi mu nu a Phi grad T / T"),
        "knudsen": Output("1", description="Kn = mean free path / particle radius"),
        "slip_correction": Output("1", description="Cunningham slip correction"),
        "mean_free_path": Output("m", description="gas mean free path"),
        "friction_coefficient": Output("kg/s", description="friction coefficient F/v"),
        "diffusion_coefficient": Output("m^2/s", description="Brownian diffusion coefficient kT/friction"),
        "in_validity_range": Output("", dtype="bool", description="Kn within the model's validity range"),
    },
    vectorized=("diameter", "temperature", "pressure", "grad_T"),
    chunk_points=1024,
    finalize=_force_finalize,
    description="thermophoretic force and velocity (transport.thermophoresis)",
    aliases=("thermophoresis",),
))


# --- tube ----------------------------------------------------------------------------------------------
def tube_target(diameter, material="psl", gas="air", pressure=101325.0, flow_rate=None, model="talbot", n_r=100,
                n_x=1000, brownian=True, **tube):
    """Deposition efficiency at the outlet of a laminar tube (the gas state at the mean temperature).

    ``tube``: the entries of the tube's parameter table (:data:`thermophoresis.scenarios.tube.PARAMETERS`
    but ``flow``: radius, length, mean_velocity, t_inlet, t_wall), passed by name to
    :func:`~thermophoresis.scenarios.laminar_tube_deposition`; those not given take the table's defaults.
    ``mean_velocity`` or ``flow_rate`` (not both; neither: 0.5 m/s).
    """
    from ..gas import Gas
    from ..scenarios import laminar_tube_deposition

    table = {k: p for k, p in _TUBE.items() if k != "flow"}
    unknown = sorted(set(tube) - set(table))
    if unknown:
        raise InputError("{parameter} is not a parameter of the tube target", parameter=unknown[0],
                         value=tube[unknown[0]], allowed=", ".join(table))
    values = {k: p.parse(p.default) for k, p in table.items()}
    values.update(mean_velocity=None)
    values.update(tube)
    if values["mean_velocity"] is not None and flow_rate is not None:
        raise InputError("tube: give mean_velocity or flow_rate, not both")
    if flow_rate is not None:
        values["mean_velocity"] = flow_rate / (math.pi * values["radius"]**2)
    elif values["mean_velocity"] is None:
        values["mean_velocity"] = 0.5
    g = Gas(gas, temperature=0.5 * (values["t_inlet"] + values["t_wall"]), pressure=pressure)
    p = _particle(diameter, material)
    _, eta = laminar_tube_deposition(p, g, **values, model=model, n_r=n_r, n_x=n_x, brownian=brownian)
    return {"deposition_efficiency": eta[-1], "mean_velocity": values["mean_velocity"],
            "reynolds_number": 2.0 * values["radius"] * values["mean_velocity"] / float(g.kinematic_viscosity)}


from ..scenarios.tube import PARAMETERS as _TUBE  # noqa: E402
from ..scenarios.wafer import PARAMETERS as _WAFER  # noqa: E402
from ..scenarios.precipitator import PARAMETERS as _PRECIPITATOR  # noqa: E402

register_target(Target(
    "tube", tube_target,
    params={
        **_PARTICLE_GAS, **{k: v for k, v in _TUBE.items() if k != "flow"},
        "mean_velocity": _TUBE["mean_velocity"].with_(help="mean gas velocity (or flow_rate)", default=None),
        "flow_rate": Param("volumetric_flow", positive=True, help="volumetric flow rate (or mean_velocity)"),
        "model": _P["model"],
        "n_r": Param(type=int, positive=True, help="radial grid nodes"),
        "n_x": Param(type=int, positive=True, help="axial steps"),
        "brownian": Param(type=bool, help="include Brownian diffusion"),
    },
    outputs={
        "deposition_efficiency": Output("1", description="fraction of the particle flux deposited by the outlet"),
        "mean_velocity": Output("m/s", description="mean gas velocity"),
        "reynolds_number": Output("1", description="2 R U / nu"),
    },
    description="deposition in a laminar tube with a cooled wall (scenarios.laminar_tube_deposition)",
))


# --- wafer ---------------------------------------------------------------------------------------------
def wafer_target(diameter, material="psl", gas="air", temperature=293.15, pressure=101325.0, strain_rate=100.0,
                 delta_t=10.0, model="talbot", gravity=True):
    """Deposition velocity onto a wafer ``delta_t`` warmer than the gas, stagnation-point flow."""
    from ..gas import Gas
    from ..scenarios import HeatedWafer

    wafer = HeatedWafer(Gas(gas, temperature=temperature, pressure=pressure), strain_rate, delta_t, model=model,
                        gravity=gravity)
    p = _particle(diameter, material)
    return {"deposition_velocity": wafer.deposition_velocity(p),
            "deposition_velocity_film": wafer.deposition_velocity_film(p)}


register_target(Target(
    "wafer", wafer_target,
    params={**_PARTICLE_GAS, "temperature": _P["temperature"].with_(help="free-stream gas temperature"),
            **_WAFER, "model": _P["model"]},
    outputs={
        "deposition_velocity": Output("m/s", description="full stagnation-flow solution"),
        "deposition_velocity_film": Output("m/s", description="stagnant-film estimate"),
    },
    description="deposition onto a heated or cooled wafer (scenarios.HeatedWafer)",
))


# --- precipitator --------------------------------------------------------------------------------------
def precipitator_target(diameter, material="psl", gas="air", pressure=101325.0, gap=5e-3, t_cold=293.15,
                        t_hot=313.15, mean_velocity=0.05, length=0.1, flow="poiseuille", model="talbot"):
    """Collection efficiency of a parallel-plate thermophoretic precipitator."""
    from ..gas import Gas
    from ..scenarios import collection_efficiency

    g = Gas(gas, temperature=0.5 * (t_cold + t_hot), pressure=pressure)
    eta = collection_efficiency(_particle(diameter, material), g, gap, t_cold, t_hot, mean_velocity, length,
                                flow, model)
    return {"collection_efficiency": eta}


register_target(Target(
    "precipitator", precipitator_target,
    params={**_PARTICLE_GAS, **_PRECIPITATOR, "model": _P["model"]},
    outputs={"collection_efficiency": Output("1", description="flux-weighted fraction collected")},
    description="parallel-plate thermophoretic precipitator (scenarios.collection_efficiency)",
))


# --- track ---------------------------------------------------------------------------------------------


def _track_fields() -> tuple:
    """The field types a sweep can track through: the uniform field (its gradient and velocity as scalars
    along z and x), then every registered field type that declares a sweep ensemble (``ensemble=`` of
    :func:`~thermophoresis.fields.base.register_field_type`; ``profile`` declares none: it needs lists of
    values, which a sweep does not vary)."""
    from ..fields import FIELD_TYPES

    return ("uniform",) + tuple(n for n, ft in FIELD_TYPES.items() if ft.ensemble is not None and n != "uniform")


TRACK_FIELDS = _track_fields()


def track_target(*, members, seed, particles, diameter, dt, steps, material="psl", gas="air",
                 pressure=101325.0, field="uniform", gradient=1e4, velocity=0.0, length=math.inf, z_start=None,
                 model="talbot", slip="kim_2005", inertial=True, gravity=True, brownian=True, density=None,
                 conductivity=None, stream=3, **field_values):
    """Track the ensemble members ``members`` (global particle indices) of ``particles``.

    ``field = "uniform"``: a gradient ``gradient`` along z at ``temperature``, gas velocity ``velocity``
    along x, no walls; every particle starts at the origin. Any other ``field`` is a registered field type
    (:data:`~thermophoresis.fields.FIELD_TYPES`) built from its own parameters (``field_values``, by their
    names in its table; those not given take the track target's defaults), whose ``ensemble`` rule gives
    the start positions, walls and exit: ``"plates"``, conduction between plates at z = 0 (``t_bottom``)
    and z = ``gap`` (``t_top``), absorbing, with ``flow`` ("none", "plug", "poiseuille") of
    ``mean_velocity`` along x and an exit at x = ``length``; particle i starts at x = y = 0,
    z = gap (i + 1/2) / particles. ``"tube"``: the Graetz tube (``radius``, heated ``length``,
    ``mean_velocity``, ``t_inlet``, ``t_wall``), its wall absorbing and an exit at x = length; particle i
    starts at the inlet, x = y = 0, z = radius (i + 1/2) / particles. ``"stagnation"``: stagnation-point
    flow onto the absorbing wall z = 0 (``strain_rate``, ``t_wall``, ``t_infinity``); every particle starts
    at x = y = 0, z = ``z_start``. ``"grid"``: the grid ``file`` (relative to the working directory); every
    particle starts at the centre of the grid (z = ``z_start`` when given), exit at x = ``length``. Field
    entries not given take the field table's defaults (the gas's thermal diffusivity for the stagnation and
    tube fields). Start positions and random streams depend only on the global index, so any split into
    chunks gives the same particles; ``stream`` is the random stream version (3, or 2 or 1 for the streams of
    earlier versions; ``stream`` of :class:`~thermophoresis.lagrangian.Tracker` and of a tracking file's
    ``[run]``).
    """
    from ..fields import FIELD_TYPES, field_from_dict
    from ..gas import Gas
    from ..lagrangian import Tracker, UniformGradient

    fields = _track_fields()  # also a field registered after this module
    if field not in fields:
        raise InputError("{parameter} must be one of the field types a sweep tracks through", parameter="field",
                         value=field, allowed=", ".join(fields))
    own = () if field == "uniform" else FIELD_TYPES[field].parameters
    unknown = sorted(set(field_values) - set(_TRACK_FIELD_DEFAULTS) - set(own))
    if unknown:
        raise InputError("{parameter} is not a parameter of the track target", parameter=unknown[0],
                         value=field_values[unknown[0]], allowed=", ".join([*_TRACK_PARAMS, *own]))
    given = {**_TRACK_FIELD_DEFAULTS, **field_values, "length": length}
    ids = np.asarray(members, dtype=np.int64)
    half = ids + 0.5  # particle i at (i + 1/2) / particles of the span (same float order as before)
    g = Gas(gas, pressure=pressure)
    if field == "uniform":
        fld = UniformGradient(given["temperature"], gradient=(0.0, 0.0, gradient), velocity=(velocity, 0.0, 0.0))
        start, walls, x_exit = np.zeros((ids.size, 3)), None, length
    else:
        values = {k: given[k] for k in FIELD_TYPES[field].parameters if given.get(k) is not None}
        fld = field_from_dict({"type": field, **values}, gas=g)
        start, walls, x_exit = FIELD_TYPES[field].ensemble(fld, half, particles, z_start, length)
    tracker = Tracker(_particle(diameter, material, density, conductivity), g, fld, model=model, dt=dt, inertial=inertial, gravity=gravity,
                      walls=walls, x_exit=x_exit, seed=seed, brownian=brownian, slip=slip, stream=stream)
    r = tracker.run(start, steps, particle_ids=ids)
    return {"final_position": r.positions, "event_wall": r.event_wall.astype(np.int8),
            "event_time": r.event_time, "event_position": r.event_position}


def _track_params() -> dict:
    """The track target's parameters: the tracking-file declarations, and the tables of the field types
    (the uniform field's gradient and velocity as scalars along z and x; plate defaults as before)."""
    from ..fields import FIELD_TYPES
    from ..lagrangian.scenario import SCHEMA

    run = SCHEMA["run"]
    fields = _track_fields()
    out = {"particles": SCHEMA["start"]["count"].with_(help="ensemble size (start.count in a tracking file)"),
           **_PARTICLE_GAS, "density": _P["density"], "conductivity": _P["conductivity"], "dt": run["dt"], "steps": run["steps"],
           "field": Param(type=str, choices=fields, default="uniform", help="temperature and flow field")}
    legacy = {"temperature": 293.15, "gap": 5e-3, "t_bottom": 293.15, "t_top": 313.15, "mean_velocity": 0.0}
    for name in fields:
        for key, p in FIELD_TYPES[name].parameters.items():
            if p.shape is None and key not in out:
                out[key] = p.with_(required=False, default=legacy.get(key, p.default), help=f"{name}: {p.help}")
    out.update(
        gradient=_P["gradient"].with_(help="uniform: temperature gradient along z"),
        velocity=Param("velocity", default=0.0, help="uniform: gas velocity along x"),
        length=Param("length", positive=True, default=math.inf,
                     help="plates, grid: exit at x = length; tube: the heated length (exit there too)"),
        z_start=Param("length", help="stagnation, grid: start height of every particle"),
        model=run["model"], slip=run["slip"], inertial=run["inertial"], gravity=run["gravity"],
        brownian=run["brownian"], stream=run["stream"])
    return out


def _track_finalize(ds):
    member = "particle"
    wall = ds["event_wall"]
    for event in Event:
        name = event.key
        ds[f"fraction_{name}"] = (wall == int(event)).mean(member)
        ds[f"fraction_{name}"].attrs = {"units": "1", "description": f"fraction of the particles ending: {name}"}
    pos = ds["final_position"]
    ds["mean_final_position"] = pos.mean(member)
    ds["std_final_position"] = pos.std(member, ddof=1) if ds.sizes[member] > 1 else pos.std(member)
    for k in ("mean_final_position", "std_final_position"):
        ds[k].attrs = {"units": "m"}
    return ds


_TRACK_PARAMS = _track_params()
#: defaults of the field parameters the track target takes through ``**field_values`` (every scalar entry
#: of the field tables of TRACK_FIELDS, with the track target's defaults)
_TRACK_FIELD_DEFAULTS = {k: p.default for k, p in _TRACK_PARAMS.items()
                         if k not in inspect.signature(track_target).parameters}

register_target(Target(
    "track", track_target,
    params=_TRACK_PARAMS,
    outputs={
        "final_position": Output("m", dims=("axis",)),
        "event_wall": Output("", dtype="int8", description=FLAG_VALUES),
        "event_time": Output("s", description="time of leaving the domain (NaN: still inside)"),
        "event_position": Output("m", dims=("axis",), description="where the particle left the domain"),
    },
    coords={"axis": (["x", "y", "z"], {})},
    ensemble="particles",
    member_dim="particle",
    stochastic=True,
    seed_bits=63,
    chunk_members=100_000,
    finalize=_track_finalize,
    derived={"fraction_lower_wall": "fraction of the particles deposited on the lower wall",
             "fraction_upper_wall": "fraction deposited on the upper wall",
             "fraction_exit": "fraction that left through the exit",
             "fraction_tube_wall": "fraction deposited on a tube wall",
             "fraction_in_domain": "fraction still in the domain at the end",
             "mean_final_position": "mean final position (axis)",
             "std_final_position": "standard deviation of the final position (axis)"},
    description="Lagrangian tracking ensemble (lagrangian.Tracker), chunked over particles",
    aliases=("tracking", "tracker"),
))


# --- dsmc ----------------------------------------------------------------------------------------------
def dsmc_target(*, seed, knudsen, gap=1e-3, t_lo=250.0, t_hi=350.0, accommodation=1.0, n_cells=40,
                per_cell=100, burn_in=400, n_steps=2000, radius=1e-8, gas=None, model=None):
    """DSMC of the Fourier problem at one Knudsen number (the solver's default gas and molecular model
    unless ``gas`` and ``model`` are given)."""
    import xarray as xr

    from ..kinetic import half_maxwellian_plates_force
    from ..kinetic.dsmc import FourierProblem, run_fourier

    molecules = {k: v for k, v in (("gas", gas), ("model", model)) if v is not None}
    prob = FourierProblem(gap=gap, t_lo=t_lo, t_hi=t_hi, knudsen=knudsen, accommodation=accommodation, **molecules)
    r = run_fourier(prob, n_cells=n_cells, per_cell=per_cell, burn_in=burn_in, n_steps=n_steps, seed=seed)
    # the exact free-molecular force between the plates; the hot plate is at z = gap, so it points to -z
    f_fm = -half_maxwellian_plates_force(radius, prob.number_density, prob.t_hi, prob.t_lo)
    q = -float(np.mean(r.wall_heat_flux))
    coords = {"z_over_gap": ("cell", r.z / gap, {"units": "1", "description": "cell centre / gap"})}

    def profile(values, units):
        return xr.DataArray(np.asarray(values, dtype=float), dims=("cell",), coords=coords, attrs={"units": units})

    return {
        "wall_heat_flux": q,
        "heat_flux_ratio": q / r.free_molecular_heat_flux,
        "temperature": profile(r.temperature, "K"),
        "density": profile(r.density, "1/m^3"),
        "force_ratio": profile(r.force_profile(radius) / f_fm, "1"),
    }


_DSMC = COMMAND_PARAMETERS["dsmc"]
#: sweep name -> the dsmc command's parameter name, where they differ
DSMC_NAMES = {"t_lo": "t_cold", "t_hi": "t_hot", "n_cells": "cells", "model": "molecular_model"}

register_target(Target(
    "dsmc", dsmc_target,
    params={
        "knudsen": _DSMC["knudsen"].with_(required=True, default=None), "gap": _DSMC["gap"],
        # the sweep's historical names of the command's --t-cold, --t-hot, --cells, --molecular-model
        "t_lo": _DSMC["t_cold"], "t_hi": _DSMC["t_hot"], "accommodation": _DSMC["accommodation"],
        "n_cells": _DSMC["cells"].with_(help="cells (not sweepable: it sets the 'cell' dimension)"),
        "per_cell": _DSMC["per_cell"],
        "burn_in": Param(type=int, low=0, default=400, help="steps before sampling"),
        "n_steps": Param(type=int, positive=True, default=2000, help="sampled steps"),
        "radius": _DSMC["radius"],
        "gas": _DSMC["gas"].with_(default=None, help="molecular species of the DSMC gas (default argon)"),
        "model": _DSMC["molecular_model"].with_(default=None, help="molecular model: hs, vhs or vss"),
    },
    outputs={
        "wall_heat_flux": Output("W/m^2", description="mean of the two walls, from hot to cold"),
        "heat_flux_ratio": Output("1", description="wall heat flux / free-molecular heat flux"),
        "temperature": Output("K", dims=("cell",), coords=("z_over_gap",)),
        "density": Output("1/m^3", dims=("cell",), coords=("z_over_gap",)),
        "force_ratio": Output("1", dims=("cell",), coords=("z_over_gap",),
                              description="force on a small sphere / exact free-molecular force"),
    },
    stochastic=True,
    seed_bits=32,
    description="DSMC of the gas between plates (kinetic.dsmc.run_fourier), one run per point",
))
