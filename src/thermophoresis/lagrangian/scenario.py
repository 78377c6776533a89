"""Tracking scenarios from TOML files: a validated schema, with errors that name the entry at fault.

Example (``thermophoresis track precipitator.toml``)::

    [gas]
    composition = "air"
    pressure = "1 atm"

    [particle]
    diameter = "1 um"
    material = "psl"

    [field]
    type = "plates"            # any type of thermophoresis.fields.FIELD_TYPES: "uniform", "plates",
                               # "profile", "stagnation", "tube", "grid"; its entries are that type's
                               # parameter table (FIELD_TYPES[type].parameters)
    gap = "5 mm"
    t_bottom = "293.15 K"
    t_top = "313.15 K"
    flow = "poiseuille"        # "none", "plug" or "poiseuille"
    mean_velocity = "5 cm/s"

    [start]
    type = "line"              # particles spread along z at x = y = 0 ("line"), or all at one "point"
    count = 2000
    z = ["0.1 mm", "4.9 mm"]   # for "line"; "point" takes position = ["0 m", "0 m", "1 mm"]

    [run]
    model = "talbot"
    dt = "50 ms"
    steps = 4000
    seed = 42
    inertial = false
    gravity = false
    sample_every = 100
    chunk_steps = 1000

    [walls]
    z = ["0 m", "5 mm"]
    mode = "absorb"
    x_exit = "10 m"

    [output]
    directory = "precipitator_run"  # segments, state (resume) and result.nc
    plot = "precipitator.png"       # optional
    overwrite = false               # true: a saved run with other inputs is discarded and recomputed
                                    # (false: it is refused, naming the inputs that differ)
"""

from __future__ import annotations

import math
import pathlib
import tomllib
from dataclasses import dataclass

import numpy as np

from .._params import PARAMETERS, STREAM, Param, load_section, table
from ..exceptions import InputError

_P = PARAMETERS
#: section -> its parameter table (``[field]`` takes the table of its type, thermophoresis.fields.FIELD_TYPES).
#: The sweep target ``track`` reads the same declarations (thermophoresis.sweep.targets).
SCHEMA = {
    "gas": table(composition=_P["gas"], pressure=_P["pressure"]),
    "particle": table(diameter=_P["diameter"].with_(required=True, default=None), material=_P["material"],
                      density=_P["density"], conductivity=_P["conductivity"]),
    "field": "the parameter tables of thermophoresis.fields.FIELD_TYPES",
    "start": table(type=Param(type=str, choices=("line", "point"), default="line",
                              help="particles spread along z at x = y = 0 ('line'), or all at one 'point'"),
                   count=Param(type=int, low=1, required=True, help="number of particles"),
                   z=Param("length", shape=2, help="line start: [z_from, z_to] (default: just inside walls.z)"),
                   position=Param("length", shape=3, default=(0.0, 0.0, 0.0), help="point start: [x, y, z]")),
    "run": table(model=_P["model"], dt=Param("time", positive=True, required=True, help="time step"),
                 steps=Param(type=int, low=1, required=True, help="number of time steps"),
                 seed=_P["seed"], inertial=Param(type=bool, default=True, help="keep particle inertia"),
                 gravity=Param(type=bool, default=True, help="standard gravity along -z"),
                 sample_every=Param(type=int, low=1, help="record positions every n steps (default: steps // 100)"),
                 chunk_steps=Param(type=int, low=1, help="steps per saved chunk (a multiple of sample_every)"),
                 slip=_P["slip"], brownian=Param(type=bool, default=True, help="Brownian motion"),
                 stream=STREAM),
    "walls": table(z=Param("length", shape=2, help="[z_low, z_high] of two plane walls"),
                   mode=Param(type=str, choices=("absorb", "reflect"), default="absorb", help="what a wall does"),
                   x_exit=Param("length", default=math.inf, help="particles crossing x = x_exit leave"),
                   tube_radius=Param("length", positive=True, help="a tube wall at sqrt(y^2 + z^2) = radius")),
    "output": table(directory=Param(type=str, default="track_output", help="segments, state and result.nc"),
                    plot=Param(type=str, help="trajectory figure (png, pdf, svg)"),
                    overwrite=Param(type=bool, default=False, help="discard a saved run with other inputs")),
}


@dataclass
class Scenario:
    """A parsed, validated scenario: the objects to run and where to write."""

    tracker: object
    start: np.ndarray
    steps: int
    sample_every: int
    chunk_steps: int
    directory: pathlib.Path
    plot: pathlib.Path | None
    overwrite: bool = False
    source: pathlib.Path | None = None  # the scenario file, when read with load()

    def run(self, progress=None):
        """Run (or resume) the scenario into its output directory; returns the result Dataset."""
        return self.tracker.run_to_netcdf(self.directory, self.start, self.steps, chunk_steps=self.chunk_steps,
                                          sample_every=self.sample_every, progress=progress,
                                          overwrite=self.overwrite)

    def summary(self, ds) -> TrackSummary:
        """A finished run in brief (``ds`` from :meth:`run`): the scenario file, particles, steps and time
        [s], the fraction of particles at each wall or exit, the result file and the figure file (what
        ``thermophoresis track --json`` prints: :meth:`TrackSummary.to_dict`)."""
        from .events import event_fractions

        wall = ds["event_wall"].values
        return TrackSummary(scenario_file=None if self.source is None else str(self.source),
                            particles=int(wall.size), steps=self.steps, time_s=self.steps * self.tracker.dt,
                            fractions={k: float(v) for k, v in event_fractions(wall).items()},
                            result_file=str(self.directory / "result.nc"),
                            plot=None if self.plot is None else str(self.plot))


@dataclass(frozen=True)
class TrackSummary:
    """A finished tracking run in brief (:meth:`Scenario.summary`); ``to_dict()`` gives the keys of
    ``thermophoresis track --json``: the fields in order, with ``fractions`` spread out as
    ``fraction_<event>`` keys (one per event of :class:`thermophoresis.lagrangian.events.Event`)."""

    scenario_file: str | None
    particles: int
    steps: int
    #: simulated time, steps times the time step [s]
    time_s: float
    #: ``fraction_<event>`` -> fraction of the particles [-]
    fractions: dict
    result_file: str
    plot: str | None

    def to_dict(self) -> dict:
        return {"scenario_file": self.scenario_file, "particles": self.particles, "steps": self.steps,
                "time_s": self.time_s, **self.fractions, "result_file": self.result_file, "plot": self.plot}


def _parse_field(entries: dict) -> dict:
    """Check and convert the [field] table against the parameter table of its type (thermophoresis.fields)."""
    from ..fields import FIELD_TYPES

    kind = entries.get("type")
    if kind is None:
        return dict(entries)  # reported as a missing required entry below
    if kind not in FIELD_TYPES:
        raise InputError(f"field.type must be one of {', '.join(map(repr, FIELD_TYPES))}, got {kind!r}",
                         parameter="field.type", value=kind, allowed=", ".join(FIELD_TYPES))
    return {"type": kind, **load_section("field", entries, FIELD_TYPES[kind].parameters, extra=("type",))}


def parse(text: str, base_dir: pathlib.Path | None = None) -> dict:
    """Parse and validate a scenario; returns ``{section: {key: SI value}}``."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"scenario is not valid TOML: {exc}") from None
    out: dict = {}
    for section, entries in raw.items():
        if section not in SCHEMA:
            raise InputError(f"unknown section [{section}]; allowed: {', '.join(SCHEMA)}")
        if not isinstance(entries, dict):
            raise InputError(f"[{section}] must be a table")
        out[section] = {}
        if section == "field":
            out[section] = _parse_field(entries)
            continue
        out[section] = load_section(section, entries, SCHEMA[section])
    for section, params in SCHEMA.items():
        keys = ("type",) if section == "field" else [k for k, p in params.items() if p.required]
        for key in keys:
            if key not in out.get(section, {}):
                raise InputError(f"missing required entry {section}.{key}", parameter=f"{section}.{key}",
                                 value=None, allowed="required")
    return out


def build(cfg: dict, base_dir: pathlib.Path) -> Scenario:
    """Turn a parsed scenario into a Tracker and start positions."""
    from ..gas import Gas
    from ..particle import Particle
    from ..fields import field_from_dict
    from .tracker import Tracker

    gas_cfg = cfg.get("gas", {})
    gas = Gas(gas_cfg.get("composition", "air"), pressure=gas_cfg.get("pressure", 101325.0))
    pc = cfg["particle"]
    particle = Particle(pc["diameter"], pc.get("material"), density=pc.get("density"),
                        conductivity=pc.get("conductivity"))
    fc = dict(cfg["field"])
    if fc.get("type") == "grid" and "file" in fc:
        fc["file"] = str(base_dir / fc["file"])  # relative to the scenario file
    field = field_from_dict(fc, gas=gas)
    rc = cfg["run"]
    wc = cfg.get("walls", {})
    walls = None
    if "z" in wc:
        walls = tuple(wc["z"])
    tracker = Tracker(particle, gas, field, model=rc.get("model", "talbot"), dt=rc["dt"],
                      inertial=rc.get("inertial", True), gravity=rc.get("gravity", True), walls=walls,
                      wall_mode=wc.get("mode", "absorb"), x_exit=wc.get("x_exit", math.inf),
                      tube_radius=wc.get("tube_radius", math.inf), seed=rc.get("seed", 0),
                      slip=rc.get("slip", "kim_2005"), brownian=rc.get("brownian", True), stream=rc.get("stream", STREAM.default))
    sc = cfg["start"]
    count = sc["count"]
    stype = sc.get("type", "line")
    if stype == "line":
        z = sc.get("z")
        if z is None:
            if walls is None:
                raise InputError("start.type = 'line' needs start.z = [z_from, z_to] (or walls.z)")
            z = [walls[0] + 1e-3 * (walls[1] - walls[0]), walls[1] - 1e-3 * (walls[1] - walls[0])]
        start = np.column_stack([np.zeros(count), np.zeros(count), np.linspace(z[0], z[1], count)])
    elif stype == "point":
        pos = sc.get("position", [0.0, 0.0, 0.0])
        start = np.tile(np.asarray(pos, dtype=float), (count, 1))
    steps = rc["steps"]
    oc = cfg.get("output", {})
    directory = base_dir / oc.get("directory", "track_output")
    plot = base_dir / oc["plot"] if "plot" in oc else None
    sample_every = rc.get("sample_every", max(steps // 100, 1))
    if sample_every < 1:
        raise InputError(f"run.sample_every must be >= 1, got {sample_every}")
    chunk = rc.get("chunk_steps", max(sample_every, (steps // 20) // sample_every * sample_every) or sample_every)
    if chunk < 1 or chunk % sample_every:
        raise InputError(f"run.chunk_steps must be a positive multiple of run.sample_every ({sample_every}), got {chunk}")
    return Scenario(tracker, start, steps, sample_every, chunk, directory, plot, bool(oc.get("overwrite", False)))


def load(path) -> Scenario:
    """Read, validate and build a scenario file."""
    p = pathlib.Path(path)
    if not p.is_file():
        raise InputError(f"scenario file {str(p)!r} not found")
    sc = build(parse(p.read_text()), p.parent)
    sc.source = p
    return sc
