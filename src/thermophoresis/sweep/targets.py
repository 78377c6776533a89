"""The named sweep targets: the toolkit's functions, scenarios, tracker and DSMC, ready to sweep.

======================  ==================================================================================
``force``               :func:`thermophoresis.transport.thermophoresis`: force, velocity and coefficients of a
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

import math
import warnings

import numpy as np

from ..exceptions import InputError, ValidityWarning
from .spec import Output, Param, Target, register_target
from ..lagrangian.events import FLAG_VALUES, Event

__all__ = ["force_target", "tube_target", "wafer_target", "precipitator_target", "track_target", "dsmc_target"]

_DIAMETER = Param("length", positive=True, required=True, help="particle diameter")
_MATERIAL = Param(type=str, help="particle material (see `thermophoresis materials`)")
_GAS = Param(type=str, help="gas name or 'name:fraction, ...' mixture")
_PRESSURE = Param("pressure", positive=True, help="gas pressure")
_MODEL = Param(type=str, help="force model (see `thermophoresis models`)")


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
    from ..transport import thermophoresis

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
        "diameter": _DIAMETER, "material": _MATERIAL, "gas": _GAS,
        "temperature": Param("temperature", positive=True, help="gas temperature"),
        "pressure": _PRESSURE,
        "grad_T": Param("temperature_gradient", help="gas temperature gradient (scalar)"),
        "model": _MODEL, "slip": Param(type=str, help="Cunningham constants"),
        "density": Param("density", positive=True, help="particle density (default: the material's)"),
        "conductivity": Param("thermal_conductivity", positive=True, help="particle conductivity"),
        "energy_accommodation": Param("dimensionless", help="energy accommodation coefficient"),
        "momentum_accommodation": Param("dimensionless", help="momentum accommodation coefficient"),
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
))


# --- tube ----------------------------------------------------------------------------------------------
def tube_target(diameter, material="psl", gas="air", pressure=101325.0, radius=2e-3, length=0.3,
                mean_velocity=None, flow_rate=None, t_inlet=600.0, t_wall=300.0, model="talbot", n_r=100,
                n_x=1000, brownian=True):
    """Deposition efficiency at the outlet of a laminar tube (the gas state at the mean temperature)."""
    from ..gas import Gas
    from ..scenarios import laminar_tube_deposition

    if mean_velocity is not None and flow_rate is not None:
        raise InputError("tube: give mean_velocity or flow_rate, not both")
    if flow_rate is not None:
        mean_velocity = flow_rate / (math.pi * radius**2)
    elif mean_velocity is None:
        mean_velocity = 0.5
    g = Gas(gas, temperature=0.5 * (t_inlet + t_wall), pressure=pressure)
    p = _particle(diameter, material)
    _, eta = laminar_tube_deposition(p, g, radius, length, mean_velocity, t_inlet, t_wall, model, n_r=n_r,
                                     n_x=n_x, brownian=brownian)
    return {"deposition_efficiency": eta[-1], "mean_velocity": mean_velocity,
            "reynolds_number": 2.0 * radius * mean_velocity / float(g.kinematic_viscosity)}


register_target(Target(
    "tube", tube_target,
    params={
        "diameter": _DIAMETER, "material": _MATERIAL, "gas": _GAS, "pressure": _PRESSURE,
        "radius": Param("length", positive=True, help="tube radius"),
        "length": Param("length", positive=True, help="tube length"),
        "mean_velocity": Param("velocity", positive=True, help="mean gas velocity (or flow_rate)"),
        "flow_rate": Param("volumetric_flow", positive=True, help="volumetric flow rate (or mean_velocity)"),
        "t_inlet": Param("temperature", positive=True, help="inlet gas temperature"),
        "t_wall": Param("temperature", positive=True, help="wall temperature"),
        "model": _MODEL,
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
    params={
        "diameter": _DIAMETER, "material": _MATERIAL, "gas": _GAS,
        "temperature": Param("temperature", positive=True, help="free-stream gas temperature"),
        "pressure": _PRESSURE,
        "strain_rate": Param("rate", positive=True, help="stagnation-flow strain rate a (about U/H)"),
        "delta_t": Param("temperature_difference", help="wafer minus gas temperature"),
        "model": _MODEL, "gravity": Param(type=bool, help="face-up wafer (settling)"),
    },
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
    params={
        "diameter": _DIAMETER, "material": _MATERIAL, "gas": _GAS, "pressure": _PRESSURE,
        "gap": Param("length", positive=True, help="plate spacing"),
        "t_cold": Param("temperature", positive=True, help="collecting plate temperature"),
        "t_hot": Param("temperature", positive=True, help="hot plate temperature"),
        "mean_velocity": Param("velocity", positive=True, help="mean gas velocity"),
        "length": Param("length", positive=True, help="collecting plate length"),
        "flow": Param(type=str, choices=("plug", "poiseuille"), help="velocity profile"),
        "model": _MODEL,
    },
    outputs={"collection_efficiency": Output("1", description="flux-weighted fraction collected")},
    description="parallel-plate thermophoretic precipitator (scenarios.collection_efficiency)",
))


# --- track ---------------------------------------------------------------------------------------------


def track_target(*, members, seed, particles, diameter, dt, steps, material="psl", gas="air",
                 pressure=101325.0, field="uniform", temperature=293.15, gradient=1e4, velocity=0.0, gap=5e-3,
                 t_bottom=293.15, t_top=313.15, flow="none", mean_velocity=0.0, length=math.inf,
                 model="talbot", inertial=True, gravity=True, brownian=True):
    """Track the ensemble members ``members`` (global particle indices) of ``particles``.

    ``field = "uniform"``: a gradient ``gradient`` along z at ``temperature``, gas velocity ``velocity``
    along x, no walls; every particle starts at the origin. ``field = "plates"``: conduction between plates
    at z = 0 (``t_bottom``) and z = ``gap`` (``t_top``), absorbing, with ``flow`` ("none", "plug",
    "poiseuille") of ``mean_velocity`` along x and an exit at x = ``length``; particle i starts at
    x = y = 0, z = gap (i + 1/2) / particles. Start positions and random streams depend only on the global
    index, so any split into chunks gives the same particles.
    """
    from ..gas import Gas
    from ..lagrangian import ProfileZ, Tracker, UniformGradient

    ids = np.asarray(members, dtype=np.int64)
    start = np.zeros((ids.size, 3))
    if field == "uniform":
        fld = UniformGradient(temperature, gradient=(0.0, 0.0, gradient), velocity=(velocity, 0.0, 0.0))
        walls = None
    else:
        fld = ProfileZ.plates(gap, t_bottom, t_top, flow, mean_velocity)
        walls = (0.0, gap)
        start[:, 2] = gap * (ids + 0.5) / particles
    tracker = Tracker(_particle(diameter, material), Gas(gas, pressure=pressure), fld, model=model, dt=dt,
                      inertial=inertial, gravity=gravity, walls=walls, x_exit=length, seed=seed,
                      brownian=brownian)
    r = tracker.run(start, steps, particle_ids=ids)
    return {"final_position": r.positions, "event_wall": r.event_wall.astype(np.int8),
            "event_time": r.event_time, "event_position": r.event_position}


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


register_target(Target(
    "track", track_target,
    params={
        "particles": Param(type=int, positive=True, required=True, help="ensemble size"),
        "diameter": _DIAMETER, "material": _MATERIAL, "gas": _GAS, "pressure": _PRESSURE,
        "dt": Param("time", positive=True, required=True, help="time step"),
        "steps": Param(type=int, positive=True, required=True, help="number of steps"),
        "field": Param(type=str, choices=("uniform", "plates"), help="temperature and flow field"),
        "temperature": Param("temperature", positive=True, help="uniform field: gas temperature at the origin"),
        "gradient": Param("temperature_gradient", help="uniform field: temperature gradient along z"),
        "velocity": Param("velocity", help="uniform field: gas velocity along x"),
        "gap": Param("length", positive=True, help="plates: spacing"),
        "t_bottom": Param("temperature", positive=True, help="plates: temperature at z = 0"),
        "t_top": Param("temperature", positive=True, help="plates: temperature at z = gap"),
        "flow": Param(type=str, choices=("none", "plug", "poiseuille"), help="plates: velocity profile"),
        "mean_velocity": Param("velocity", help="plates: mean gas velocity along x"),
        "length": Param("length", positive=True, help="plates: exit at x = length"),
        "model": _MODEL,
        "inertial": Param(type=bool, help="keep particle inertia"),
        "gravity": Param(type=bool, help="standard gravity along -z"),
        "brownian": Param(type=bool, help="Brownian motion"),
    },
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


register_target(Target(
    "dsmc", dsmc_target,
    params={
        "knudsen": Param("dimensionless", positive=True, required=True,
                         help="hard-sphere mean free path at the mean density / gap"),
        "gap": Param("length", positive=True, help="plate spacing"),
        "t_lo": Param("temperature", positive=True, help="plate at z = 0"),
        "t_hi": Param("temperature", positive=True, help="plate at z = gap"),
        "accommodation": Param("dimensionless", help="Maxwell accommodation of the walls"),
        "n_cells": Param(type=int, positive=True, help="cells (not sweepable: it sets the 'cell' dimension)"),
        "per_cell": Param(type=int, positive=True, help="simulated molecules per cell"),
        "burn_in": Param(type=int, help="steps before sampling"),
        "n_steps": Param(type=int, positive=True, help="sampled steps"),
        "radius": Param("length", positive=True, help="radius of the test sphere for the force"),
        "gas": Param(type=str, help="molecular species of the DSMC gas (see kinetic.dsmc.MOLECULAR_MODELS)"),
        "model": Param(type=str, help="molecular model: hs, vhs or vss"),
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
