"""The particle tracker: where particles go in temperature and flow fields.

>>> import numpy as np
>>> from thermophoresis import Gas, Particle
>>> from thermophoresis.lagrangian import Tracker, UniformGradient
>>> tr = Tracker(Particle("200 nm", "psl"), Gas("air"), UniformGradient(293.15, gradient=(0, 0, 1e4)),
...              dt=1e-3, gravity=False, seed=1)
>>> res = tr.run(np.zeros((1000, 3)), n_steps=100)
>>> bool(res.positions[:, 2].mean() < 0)        # drift toward the cold side
True

Physics per particle: drag toward the local gas velocity with the friction of the chosen force model's
drag (slip-corrected Stokes for most models), gravity (with buoyancy), the thermophoretic velocity of
any registered model at the local temperature and gradient, and Brownian motion consistent with the
fluctuation–dissipation theorem (D = kT/ζ). The integrator is exact for the Ornstein–Uhlenbeck part
(see :mod:`thermophoresis.lagrangian.kernels`); ``inertial=False`` drops particle inertia.

Particle properties that depend on the local gas temperature (K_th, ν, ζ, D, τ) are tabulated once per run
over the field's temperature range with the vectorized model functions, then interpolated in the kernel.
The pressure is uniform.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from .._resume import StoreLock
from .._validation import check_positive
from ..constants import BOLTZMANN, STANDARD_GRAVITY
from ..exceptions import InputError, ValidityWarning
from ..fields import GraetzTube, UniformGradient
from . import kernels
from .events import EVENT_NAMES, FLAG_VALUES, Event
from .kernels import MODE_ABSORB, MODE_REFLECT
from .._numerics.digest import content_digest

__all__ = ["Tracker", "TrackResult", "WALL_NAMES"]

FINGERPRINT_PREFIX = "input_"  # state-file attributes holding the digests of the inputs
WALL_MODES = {MODE_ABSORB: "absorb", MODE_REFLECT: "reflect"}
WALL_NAMES = EVENT_NAMES  # event code -> readable name (see Event)


@dataclass
class TrackResult:
    """Positions sampled during the run, final state, and the events of particles that left the domain."""

    time: np.ndarray  # (S,) sample times [s]
    samples: np.ndarray  # (S, N, 3) [m]
    positions: np.ndarray  # (N, 3) final [m]
    velocities: np.ndarray  # (N, 3) final [m/s]
    alive: np.ndarray  # (N,) still in the domain
    particle_id: np.ndarray  # (N,)
    event_time: np.ndarray  # (N,) [s], NaN if none
    event_wall: np.ndarray  # (N,) Event codes: 0 none, 1 lower wall, 2 upper wall, 3 exit, 4 tube wall
    event_position: np.ndarray  # (N, 3)
    event_velocity: np.ndarray  # (N, 3)

    def fraction(self, wall: int) -> float:
        """Fraction of the particles that ended on ``wall`` (an :class:`Event`, or its code)."""
        return float(np.mean(self.event_wall == int(wall)))

    def fractions(self) -> dict:
        """Fraction of the particles per event: ``{"fraction_in_domain": ..., "fraction_lower_wall": ...}``."""
        from .events import event_fractions

        return event_fractions(self.event_wall)

    def to_xarray(self):
        """The result as an xarray Dataset (needs xarray)."""
        import xarray as xr

        return xr.Dataset(
            {
                "position": (("time", "particle", "axis"), self.samples, {"units": "m"}),
                "final_position": (("particle", "axis"), self.positions, {"units": "m"}),
                "final_velocity": (("particle", "axis"), self.velocities, {"units": "m/s"}),
                "alive": (("particle",), self.alive),
                "event_time": (("particle",), self.event_time, {"units": "s"}),
                "event_wall": (("particle",), self.event_wall,
                               {"flag_values": FLAG_VALUES}),
                "event_position": (("particle", "axis"), self.event_position, {"units": "m"}),
                "event_velocity": (("particle", "axis"), self.event_velocity, {"units": "m/s"}),
            },
            coords={"time": self.time, "particle": self.particle_id, "axis": ["x", "y", "z"]},
        )


class Tracker:
    """Lagrangian tracker for one particle size in one gas.

    Parameters
    ----------
    particle : Particle
        Scalar diameter (run several trackers for several sizes).
    gas : Gas
        Composition and (uniform) pressure; its temperature is replaced by the field's.
    field : UniformGradient, ProfileZ, StagnationPoint, GraetzTube or Grid3D
    model : str
        Thermophoretic model from :data:`thermophoresis.force.MODELS`.
    dt : float
        Time step [s]. The inertial integrator is exact for any dt/τ in a uniform field.
    inertial : bool
        Keep particle inertia (exact Ornstein–Uhlenbeck step) or use the overdamped step.
    gravity : bool or (3,) sequence
        ``True``: standard gravity along −z; a vector [m/s²]; ``False``: none.
    walls : tuple (z_lo, z_hi) or None
        Planes bounding the domain in z.
    wall_mode : {"absorb", "reflect"}
        What a wall does: record a deposition and stop the particle, or reflect it specularly.
    x_exit : float
        Particles crossing x = x_exit leave (an exit event).
    tube_radius : float
        A cylindrical wall y² + z² = R² (the tube of a :class:`GraetzTube` field by default).
    seed : int
        Random streams are functions of (seed, particle id, step): the same seed gives the same
        trajectories whatever the chunking.
    stream : int
        Version of the random streams (:data:`thermophoresis.lagrangian.kernels.STREAMS`): 3 (default), two
        deviates per 64-bit word through a 1024-layer ziggurat; 2, the same words through a 256-layer one
        (the default of version 0.1); 1, one 64-bit word per deviate (the streams before that). Earlier
        versions reproduce earlier trajectories. A different version gives different trajectories for the same seed,
        and a saved run is resumed only with its own version.
    slip : str
        Cunningham set for slip-corrected drags.
    brownian : bool
        Brownian motion on (default) or off (deterministic drift, e.g. for convergence studies).
    force : (3,) sequence, optional
        A constant user force on every particle [N] (electrostatic, optical, ...), added to the drift as
        F/ζ at the local temperature.
    threads : int, optional
        Threads for the kernel (default: the cores this process may use). Blocks of particles are handed
        out dynamically, so a thread on a busy core does not hold the others back; the results do not
        depend on the thread count.
    temperature_range : (t_min, t_max), optional
        Temperatures over which particle properties are tabulated, once per tracker (so that chunked and
        resumed runs use the same numbers). Default: the field's own range for bounded fields, and
        [T0/2, 2 T0] for a uniform gradient. A particle that meets a temperature outside the range uses the
        end values and the run raises a :class:`ValidityWarning`.
    """

    def __init__(self, particle, gas, field, *, model: str = "talbot", dt: float, inertial: bool = True,
                 gravity=True, walls=None, wall_mode: str = "absorb", x_exit: float = math.inf,
                 tube_radius: float = math.inf, seed: int = 0, stream: int = kernels.STREAM_VERSION,
                 slip: str = "kim_2005", brownian: bool = True, force=None, temperature_range=None,
                 threads: int | None = None, **model_params):
        from ..force import get_model

        if np.ndim(particle.diameter) != 0:
            raise InputError("Tracker takes one particle size (scalar diameter)")
        if not gas._scalar_state:
            raise InputError("Tracker takes a gas with one pressure (scalar state)")
        self.particle, self.gas, self.field = particle, gas, field
        self.model = get_model(model).name
        self.model_params = model_params
        self.dt = float(check_positive("dt", dt, "s"))
        self.inertial = bool(inertial)
        if gravity is True:
            g = np.array([0.0, 0.0, -STANDARD_GRAVITY])
        elif gravity is False or gravity is None:
            g = np.zeros(3)
        else:
            g = np.asarray(gravity, dtype=float)
            if g.shape != (3,):
                raise InputError(f"gravity must be True, False or a 3-vector, got {gravity!r}")
        self.gravity = g
        if walls is None:
            self.walls = (-math.inf, math.inf)
        else:
            z_lo, z_hi = (float(w) for w in walls)
            if not z_hi > z_lo:
                raise InputError(f"walls must be (z_lo, z_hi) with z_hi > z_lo, got {walls!r}")
            self.walls = (z_lo, z_hi)
        if wall_mode not in ("absorb", "reflect"):
            raise InputError(f"wall_mode must be 'absorb' or 'reflect', got {wall_mode!r}")
        self.wall_mode = MODE_ABSORB if wall_mode == "absorb" else MODE_REFLECT
        self.x_exit = float(x_exit)
        self.tube_radius = float(tube_radius) if math.isinf(tube_radius) else float(
            check_positive("tube_radius", tube_radius, "m"))
        if not hasattr(field, "kernel_data"):
            raise InputError(f"field must be one of the fields of thermophoresis.fields, got {type(field).__name__}")
        if isinstance(field, GraetzTube) and math.isinf(self.tube_radius):
            self.tube_radius = field.radius
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise InputError(f"seed must be a non-negative integer, got {seed!r}")
        self.seed = int(seed)
        if isinstance(stream, bool) or not isinstance(stream, (int, np.integer)) or int(stream) not in kernels.STREAMS:
            raise InputError(f"stream must be a random stream version, one of {sorted(kernels.STREAMS)}, got {stream!r}")
        self.stream = int(stream)
        self.slip = slip
        self.brownian = bool(brownian)
        f = np.zeros(3) if force is None else np.asarray(force, dtype=float)
        if f.shape != (3,) or not np.all(np.isfinite(f)):
            raise InputError(f"force must be a finite 3-vector [N], got {force!r}")
        self.force = f
        if temperature_range is None:
            temperature_range = _default_range(field)
        lo, hi = (float(v) for v in temperature_range)
        if not (0.0 < lo < hi and math.isfinite(hi)):
            raise InputError(f"temperature_range must be (t_min, t_max) with 0 < t_min < t_max, got {temperature_range!r}")
        self.temperature_range = (lo, hi)
        if not math.isfinite(self.x_exit) and not math.isinf(self.x_exit):
            raise InputError(f"x_exit must be a number or inf, got {x_exit!r}")
        if threads is not None and (isinstance(threads, bool) or not isinstance(threads, (int, np.integer))
                                    or threads < 1):
            raise InputError(f"threads must be a positive integer or None, got {threads!r}")
        self.threads = None if threads is None else int(threads)
        self._tables = None
        self._coeff = None
        self._validity_warned = False

    # -- particle properties as functions of the local gas temperature ------------------------------------
    def tables(self, t_min=None, t_max=None, n: int = 513):
        """Tabulate c_th = K_th ν/T, τ and D on a uniform temperature grid covering [t_min, t_max]
        (the tracker's ``temperature_range`` by default)."""
        from ..drift import thermophoresis

        if t_min is None or t_max is None:
            t_min, t_max = self.temperature_range
        pad = max(1e-6 * t_max, 1e-3 * (t_max - t_min))
        grid = np.linspace(max(t_min - pad, 1e-3), t_max + pad, n) if t_max > t_min else np.array([t_min, t_min + 1e-9])
        if self.gas._external:
            raise InputError("Tracker needs a gas it can evaluate at other temperatures; gases from Cantera or "
                             "CoolProp are fixed states")
        gas = self.gas.with_state(temperature=grid)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ValidityWarning)
            r = thermophoresis(self.particle, gas, 1.0, self.model, slip=self.slip, **self.model_params)
        if caught:
            warnings.warn(f"tracking with {self.model!r}: {caught[0].message} (somewhere in "
                          f"{grid[0]:.4g}-{grid[-1]:.4g} K)", ValidityWarning, stacklevel=2)
        kth = np.broadcast_to(np.asarray(r.thermophoretic_coefficient, float), grid.shape)
        zeta = np.broadcast_to(np.asarray(r.friction_coefficient, float), grid.shape)
        nu = np.broadcast_to(np.asarray(gas.kinematic_viscosity, float), grid.shape)
        c_th = kth * nu / grid
        tau = self.particle.mass / zeta
        dif = BOLTZMANN * grid / zeta if self.brownian else np.zeros_like(grid)
        rho_gas = float(np.mean(np.asarray(gas.density)))
        buoyancy = 1.0 - rho_gas / float(self.particle.density)
        self._tables = (float(grid[0]), float(grid[1] - grid[0]), np.ascontiguousarray(c_th),
                        np.ascontiguousarray(tau), np.ascontiguousarray(dif), self.gravity * buoyancy)
        self._coeff = None  # the step coefficients follow the tables
        return self._tables

    def run(self, positions, n_steps: int, velocities=None, sample_every: int = 0, particle_ids=None,
            step0: int = 0) -> TrackResult:
        """Advance particles from ``positions`` (N, 3) by ``n_steps`` steps.

        ``velocities``: initial velocities (N, 3); by default the local drift velocity plus a Maxwellian
        thermal velocity (inertial mode). ``particle_ids`` (default 0..N-1) and ``step0`` select the random
        streams, so a run split into chunks of particles (or of steps) reproduces the single run exactly.
        """
        pos = np.array(positions, dtype=float, order="C")
        if pos.ndim != 2 or pos.shape[1] != 3:
            raise InputError(f"positions must have shape (N, 3), got {pos.shape}")
        n = pos.shape[0]
        if not isinstance(n_steps, (int, np.integer)) or n_steps < 0:
            raise InputError(f"n_steps must be a non-negative integer, got {n_steps!r}")
        # contiguous ids: a strided array (reversed, sliced with a step) would compile a second kernel
        pid = (np.arange(n, dtype=np.int64) if particle_ids is None
               else np.ascontiguousarray(particle_ids, dtype=np.int64))
        if pid.shape != (n,):
            raise InputError("particle_ids must have one id per particle")
        if isinstance(sample_every, bool) or not isinstance(sample_every, (int, np.integer)) or sample_every < 0:
            raise InputError(f"sample_every must be a non-negative integer, got {sample_every!r}")
        if velocities is not None:
            velocities = np.array(velocities, dtype=float, order="C")
            if velocities.shape != pos.shape:
                raise InputError(f"velocities must have the shape of positions {pos.shape}, got {velocities.shape}")
        self._check_start(pos, velocities)
        self._warn_validity()
        return self._run(pos, n_steps, velocities, sample_every, pid, step0, np.ones(n, dtype=np.bool_))

    def validity(self) -> list[str]:
        """What breaks the assumptions of the tracking, as messages (empty if nothing):

        - the continuum field: its temperature and flow are solutions of the continuum equations (Fourier
          conduction, no temperature jump or velocity slip at the walls), which need a Knudsen number of the
          domain Kn_L = mfp / L well below 0.1 (L: the smallest of the wall gap, the tube diameter and the
          field's own length scale, mfp at the hottest tabulated temperature);
        - the time step: one step should move a particle across the domain by much less than its size; it
          is flagged when the largest drift step plus three Brownian standard deviations,
          |w|max dt + 3 sqrt(2 D dt), exceeds a tenth of the wall gap or of the tube radius with absorbing
          walls (wall hits are found only at the end of a step, and the drift is frozen over it), or the gap
          or radius itself with reflecting walls (a mirrored step must stay inside).
        """
        msgs = []
        tab = self._tables if self._tables is not None else self.tables()
        coeff = self._coefficients()
        t_hot = tab[0] + tab[1] * (tab[2].size - 1)
        sizes = {}
        if math.isfinite(self.walls[0]) and math.isfinite(self.walls[1]):
            sizes["the wall gap"] = self.walls[1] - self.walls[0]
        if math.isfinite(self.tube_radius):
            sizes["the tube diameter"] = 2.0 * self.tube_radius
        scale = float(self.field.length_scale()) if hasattr(self.field, "length_scale") else math.inf
        if math.isfinite(scale) and scale > 0:
            sizes[f"the length scale of the {type(self.field).__name__} field"] = scale
        if sizes and not self.gas._external:
            name, length = min(sizes.items(), key=lambda kv: kv[1])
            mfp = float(self.gas.with_state(temperature=t_hot).mean_free_path)
            kn = mfp / length
            if kn > 0.1:
                msgs.append(
                    f"the {type(self.field).__name__} field is a continuum solution (Fourier conduction, no "
                    f"temperature jump or slip at walls), valid for Kn_L = mfp/L << 1 (limit used: 0.1); here "
                    f"mfp = {mfp:.3g} m at {t_hot:.4g} K and L = {length:.3g} m ({name}), Kn_L = {kn:.3g}: the "
                    f"gas between the walls is rarefied and the field's gradient is not the real one")
        if hasattr(self.field, "gradient_bound"):
            grad = np.asarray(self.field.gradient_bound(), dtype=float)
            speed = np.asarray(self.field.speed_bound(), dtype=float)
            c_th = float(np.max(np.abs(tab[2])))
            noise = float(np.sqrt(2.0 * np.max(tab[4]) * self.dt))  # sqrt(2 D dt) at its largest
            checks = []
            if "the wall gap" in sizes:
                checks.append(("z", [2], sizes["the wall gap"], "the wall gap"))
            if math.isfinite(self.tube_radius):
                checks.append(("radial", [1, 2], self.tube_radius, "the tube radius"))
            # absorbing walls: a tenth of the size (hits are found at the end of a step); reflecting walls
            # mirror a step correctly as long as it stays shorter than the size itself
            share, part = (1.0, "") if self.wall_mode == MODE_REFLECT else (0.1, "a tenth of ")
            for what, axes, length, name in checks:
                drift = max(c_th * grad[a] + float(np.max(np.abs(coeff[:, kernels.COL_SETTLE + a]))) + speed[a]
                            for a in axes)
                step = drift * self.dt + 3.0 * noise
                if not step <= share * length:
                    target = share * length  # solve drift * dt + 3 sqrt(2 D dt) = target for dt
                    b = 3.0 * noise / math.sqrt(self.dt)
                    root = (target / b) if drift == 0 else (-b + math.sqrt(b * b + 4.0 * drift * target)) / (2.0 * drift)
                    msgs.append(
                        f"dt = {self.dt:.3g} s moves a particle up to {step:.3g} m per step in {what} "
                        f"(drift up to {drift:.3g} m/s, Brownian 3 sqrt(2 D dt) = {3.0 * noise:.3g} m), more than "
                        f"{part}{name} ({length:.3g} m): wall hits are resolved only to a step and the drift is "
                        f"frozen across much of the domain; use dt <= {root * root:.2g} s")
        return msgs

    def _warn_validity(self):
        if self._validity_warned:
            return
        self._validity_warned = True
        for msg in self.validity():
            warnings.warn(f"tracking outside its assumptions: {msg}", ValidityWarning, stacklevel=3)

    def _check_start(self, pos, vel, alive=None):
        """Refuse non-finite start states and particles that start outside the domain (with their indices)."""
        idx = np.arange(pos.shape[0]) if alive is None else np.flatnonzero(alive)
        p = pos[idx]

        def refuse(what, bad, allowed):
            where = idx[bad]
            shown = ", ".join(str(int(i)) for i in where[:10]) + (", ..." if where.size > 10 else "")
            raise InputError(f"{what}: {where.size} particle(s) {allowed} (indices {shown})")

        bad = ~np.all(np.isfinite(p), axis=1)
        if np.any(bad):
            refuse("positions", bad, "have NaN or infinite coordinates; every start position must be finite")
        if vel is not None:
            bad = ~np.all(np.isfinite(vel[idx]), axis=1)
            if np.any(bad):
                refuse("velocities", bad, "have NaN or infinite components; every start velocity must be finite")
        z_lo, z_hi = self.walls
        bad = (p[:, 2] < z_lo) | (p[:, 2] > z_hi)
        if np.any(bad):
            refuse("positions", bad, f"start outside the walls; z must be within [{z_lo:g}, {z_hi:g}] m")
        if math.isfinite(self.tube_radius):
            bad = p[:, 1] ** 2 + p[:, 2] ** 2 > self.tube_radius**2
            if np.any(bad):
                refuse("positions", bad, f"start outside the tube wall; y^2 + z^2 must be at most "
                                         f"R^2 = ({self.tube_radius:g} m)^2")
        bad = p[:, 0] > self.x_exit
        if np.any(bad):
            refuse("positions", bad, f"start beyond the exit; x must be at most x_exit = {self.x_exit:g} m")

    def _run(self, pos, n_steps, velocities, sample_every, pid, step0, alive) -> TrackResult:
        """Advance the ``alive`` particles (checked inputs; ``pos`` is modified in place)."""
        n = pos.shape[0]
        z_lo, z_hi = self.walls
        tab = self._tables if self._tables is not None else self.tables()
        coeff = self._coefficients()
        fd = self.field.kernel_data  # built once per field object
        draw = velocities is None and self.inertial  # drift + Maxwellian start velocities, drawn in the kernel
        vel = np.zeros_like(pos) if velocities is None else np.array(velocities, dtype=float, order="C")
        alive = np.array(alive, dtype=np.bool_)
        n_samples = n_steps // sample_every if sample_every else 0
        samples = np.empty((max(n_samples, 0), n, 3))
        ev_step = np.full(n, -1, dtype=np.int64)
        ev_wall = np.zeros(n, dtype=np.int64)
        ev_pos = np.full((n, 3), np.nan)
        ev_vel = np.full((n, 3), np.nan)
        out_of_range = np.zeros(n, dtype=np.bool_)
        integ = kernels.InertialStep(self.dt) if self.inertial else kernels.OverdampedStep(self.dt)
        dom = kernels.Domain(float(z_lo), float(z_hi), self.x_exit, self.tube_radius, self.wall_mode == MODE_REFLECT)
        n_blocks = (n + kernels.BLOCK - 1) // kernels.BLOCK
        args = (pos, vel, alive, pid, int(step0), int(n_steps), self.seed, tab[0], tab[1], coeff, dom,
                int(sample_every), samples, ev_step, ev_wall, ev_pos, ev_vel, out_of_range, draw)
        stream = kernels.STREAMS[self.stream]
        _run_blocks(lambda lo, hi: kernels.advance(fd, integ, stream, lo, hi, *args), n_blocks, self.threads,
                    work=n_steps * kernels.BLOCK)
        if np.any(out_of_range):
            warnings.warn(
                f"{int(out_of_range.sum())} particle(s) met gas temperatures outside the tabulated range "
                f"{self.temperature_range[0]:.4g}-{self.temperature_range[1]:.4g} K, where the end values were used; "
                f"give Tracker(..., temperature_range=...)", ValidityWarning, stacklevel=2)
        times = (step0 + sample_every * np.arange(1, n_samples + 1)) * self.dt if n_samples else np.zeros(0)
        ev_time = np.where(ev_step >= 0, ev_step * self.dt, np.nan)
        return TrackResult(times, samples, pos, vel, alive, pid, ev_time, ev_wall, ev_pos, ev_vel)

    def run_to_netcdf(self, directory, positions, n_steps: int, *, chunk_steps: int = 1000, sample_every: int = 0,
                      velocities=None, progress=None, overwrite: bool = False):
        """Run in segments of ``chunk_steps`` steps, writing each segment's samples and the state to
        ``directory`` as it goes; an interrupted run continues from the last finished segment.

        Files: ``segment_NNNNNNNNN.nc`` (samples of each segment), ``state.nc`` (positions, velocities,
        events and the step reached, rewritten after every segment), and at the end ``result.nc`` (the
        whole run). ``progress(done_steps, n_steps)`` is called after each segment. Returns the
        combined result as an xarray Dataset. The random streams make a resumed run identical to an
        uninterrupted one.

        A saved state is resumed only when it was written by the same run: its fingerprint (a digest of
        every input that changes the result, see :meth:`fingerprint`) must match, otherwise the run is refused
        with an :class:`InputError` naming the inputs that differ. ``overwrite=True`` instead discards the
        saved state and segments of the other run and computes this one from the start.
        """
        import pathlib

        import xarray as xr

        out = pathlib.Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        if not isinstance(chunk_steps, (int, np.integer)) or chunk_steps < 1:
            raise InputError(f"chunk_steps must be a positive integer, got {chunk_steps!r}")
        if sample_every and chunk_steps % sample_every:
            raise InputError(f"chunk_steps ({chunk_steps}) must be a multiple of sample_every ({sample_every})")
        state_file = out / "state.nc"
        pos = np.array(positions, dtype=float)
        if pos.ndim != 2 or pos.shape[1] != 3:
            raise InputError(f"positions must have shape (N, 3), got {pos.shape}")
        n = pos.shape[0]
        pid = np.arange(n, dtype=np.int64)
        if velocities is not None:
            velocities = np.array(velocities, dtype=float)
            if velocities.shape != pos.shape:
                raise InputError(f"velocities must have the shape of positions {pos.shape}, got {velocities.shape}")
        self._check_start(pos, velocities)
        self._warn_validity()
        fingerprint = {FINGERPRINT_PREFIX + k: v for k, v in
                       self.fingerprint(pos, n_steps, velocities=velocities, sample_every=sample_every,
                                        chunk_steps=chunk_steps).items()}
        # one run per output directory at a time: a second one is refused while this one lives, and a
        # lock left by a killed run is taken over (with the temporary state file it may have left)
        lock = StoreLock(state_file).acquire()
        try:
            (out / "state.nc.tmp").unlink(missing_ok=True)
            done = 0
            events = None
            if state_file.exists():
                with xr.open_dataset(state_file, engine="scipy") as st:
                    st = st.load()
                # a state saved before stream versions existed was written with version 1
                legacy = {FINGERPRINT_PREFIX + "stream": content_digest(1)[:16]}
                mismatch = [k[len(FINGERPRINT_PREFIX):] for k, v in fingerprint.items()
                            if str(st.attrs.get(k, legacy.get(k))) != v]
                if mismatch and overwrite:
                    for f in [state_file, out / "result.nc", *out.glob("segment_*.nc")]:
                        f.unlink(missing_ok=True)
                elif mismatch:
                    if not any(k.startswith(FINGERPRINT_PREFIX) for k in st.attrs):
                        mismatch = ["all inputs (the state was written by an older version without a fingerprint)"]
                    raise InputError(f"{state_file} belongs to a different run: {', '.join(mismatch)} differ from the "
                                     f"saved run; use another directory, delete it, or overwrite it "
                                     f"(run_to_netcdf(..., overwrite=True); TOML: [output] overwrite = true; CLI: track --overwrite)")
            if state_file.exists():
                done = int(st.attrs["step"])
                pos = st["position"].values.copy()
                velocities = st["velocity"].values.copy()
                events = {k: st[k].values.copy() for k in ("alive", "event_time", "event_wall", "event_position",
                                                           "event_velocity")}
                events["alive"] = events["alive"].astype(bool)
            while done < n_steps:
                k = min(chunk_steps, n_steps - done)
                alive = events["alive"] if events is not None else np.ones(n, dtype=bool)
                res = self._run(np.array(pos, dtype=float, order="C"), k, velocities, sample_every, pid, done, alive)
                # particles already gone stay where their event left them
                if events is not None:
                    gone = ~alive
                    res.positions[gone] = pos[gone]
                    res.velocities[gone] = velocities[gone]
                    res.alive[gone] = False
                    for key in ("event_time", "event_wall", "event_position", "event_velocity"):
                        getattr(res, key)[gone] = events[key][gone]
                    if res.samples.size:
                        res.samples[:, gone] = pos[gone][None]
                if res.samples.size:
                    seg = xr.Dataset({"position": (("time", "particle", "axis"), res.samples, {"units": "m"})},
                                     coords={"time": res.time, "particle": pid})
                    seg.to_netcdf(out / f"segment_{done:09d}.nc", engine="scipy")
                done += k
                pos, velocities = res.positions, res.velocities
                events = {"alive": res.alive, "event_time": res.event_time, "event_wall": res.event_wall,
                          "event_position": res.event_position, "event_velocity": res.event_velocity}
                st = xr.Dataset(
                    {"position": (("particle", "axis"), pos), "velocity": (("particle", "axis"), velocities),
                     "alive": (("particle",), events["alive"].astype(np.int8)),
                     "event_time": (("particle",), events["event_time"]),
                     "event_wall": (("particle",), events["event_wall"].astype(np.int32)),
                     "event_position": (("particle", "axis"), events["event_position"]),
                     "event_velocity": (("particle", "axis"), events["event_velocity"])},
                    attrs={"step": done, **fingerprint},
                )
                tmp = out / "state.nc.tmp"
                st.to_netcdf(tmp, engine="scipy")
                tmp.replace(state_file)  # atomic: an interruption never leaves a half-written state
                if progress is not None:
                    progress(done, n_steps)
            segments = sorted(out.glob("segment_*.nc"))
            parts = []
            for f in segments:
                with xr.open_dataset(f, engine="scipy") as d:
                    parts.append(d.load())
            final = TrackResult(np.zeros(0), np.empty((0, n, 3)), pos, velocities, events["alive"], pid,
                                events["event_time"], events["event_wall"], events["event_position"],
                                events["event_velocity"]).to_xarray()
            if parts:
                final = final.drop_dims("time").assign(position=xr.concat(parts, dim="time")["position"])
            final.attrs.update({"dt": self.dt, "seed": self.seed, "stream": self.stream, "model": self.model, "n_steps": int(n_steps)})
            final.to_netcdf(out / "result.nc", engine="scipy")
            return final
        finally:
            lock.release()

    def fingerprint(self, positions, n_steps: int, *, velocities=None, sample_every: int = 0,
                    chunk_steps: int = 0) -> dict:
        """Digests of every input that changes the result of a run, one per named input.

        Covers the gas (composition, temperature, pressure, property models), the particle (diameter,
        density, conductivity, both accommodation coefficients, material), the full numeric content of the
        field (every parameter and array), the start positions and velocities, the walls, ``x_exit``, the
        tube radius, the wall mode, gravity, the user force, ``dt``, ``n_steps``, the integrator, Brownian
        motion, the force model with its parameters, the slip set, the tabulated temperature range, the seed,
        the random stream version and the sampling (``sample_every``, ``chunk_steps``, which decide what is written). Values are
        SHA-256 digests (:func:`thermophoresis._numerics.digest.content_digest`) truncated to 64 bits each.
        """
        pos = np.asarray(positions, dtype=float)
        items = {
            "gas": _gas_content(self.gas),
            "particle": _particle_content(self.particle),
            "field": (type(self.field).__qualname__, self.field),
            "start_positions": pos,
            "start_velocities": "maxwellian" if velocities is None else np.asarray(velocities, dtype=float),
            "particle_count": int(pos.shape[0]),
            "walls": tuple(self.walls),
            "x_exit": self.x_exit,
            "tube_radius": self.tube_radius,
            "wall_mode": WALL_MODES[self.wall_mode],
            "gravity": self.gravity,
            "force": self.force,
            "dt": self.dt,
            "n_steps": int(n_steps),
            "integrator": "inertial" if self.inertial else "overdamped",
            "brownian": self.brownian,
            "model": (self.model, dict(self.model_params)),
            "slip": self.slip,
            "temperature_range": self.temperature_range,
            "seed": self.seed,
            "stream": self.stream,
            "sample_every": int(sample_every),
            "chunk_steps": int(chunk_steps),
        }
        return {k: content_digest(v)[:16] for k, v in items.items()}

    def _step_coefficients(self, tab):
        """Per-step coefficients on the temperature grid for this dt (see kernels.advance)."""
        _, _, c_th, tau, dif, grav = tab
        h = self.dt
        out = np.zeros((c_th.size, 10))
        grid = tab[0] + tab[1] * np.arange(c_th.size)
        if self.brownian:
            out[:, 9] = np.sqrt(BOLTZMANN * grid / float(self.particle.mass))
        out[:, 0] = c_th
        # settling velocity plus the drift of the user force, F / zeta = F tau / m
        out[:, 1:4] = tau[:, None] * (grav[None, :] + self.force[None, :] / float(self.particle.mass))
        if self.inertial:
            a = h / tau
            e1 = np.exp(-a)
            one_m_e1 = -np.expm1(-a)
            var_v = dif / tau * -np.expm1(-2.0 * a)
            # Var x = D tau (2a - 3 + 4e^-a - e^-2a); its series for small a avoids the cancellation
            f = np.where(a < 1e-2, a**3 * (2.0 / 3.0 - a * (0.5 - a * (7.0 / 30.0 - a / 12.0))),
                         2.0 * a - 3.0 + 4.0 * e1 - np.exp(-2.0 * a))
            var_x = dif * tau * f
            cov = dif * one_m_e1**2
            sv = np.sqrt(var_v)
            cx = np.divide(cov, sv, out=np.zeros_like(cov), where=sv > 0)
            out[:, 4] = e1
            out[:, 5] = tau * one_m_e1
            out[:, 6] = sv
            out[:, 7] = cx
            out[:, 8] = np.sqrt(np.maximum(var_x - cx**2, 0.0))
        else:
            out[:, 7] = np.sqrt(2.0 * dif * h)
        return np.ascontiguousarray(out)

    def _coefficients(self):
        """The per-step coefficient table for this tracker's dt (built once)."""
        if self._coeff is None:
            tab = self._tables if self._tables is not None else self.tables()
            self._coeff = self._step_coefficients(tab)
        return self._coeff


PROBE_SECONDS = 0.1  # longest measuring window (one thread, then all)
PROBE_MIN_SECONDS = 0.01  # shortest measuring window
PROBE_SHARE = 0.04  # a window's length as a fraction of the run's expected time on one thread
THREAD_GAIN = 1.1  # throughput of all threads over that of one thread needed to keep the threads
MAX_BACKOFF = 32  # longest stretch on one thread between two tries of all threads, in windows
RANGES_PER_THREAD = 32  # block ranges per thread (small enough for the probe to time several)
LAST_PROBE: dict = {}  # the last threaded run: blocks per second on one thread and on all (the last try), the tries
# of all threads, whether a try kept them, the threads taking ranges at the end, the share of blocks run on all


def _run_blocks(call, n_blocks: int, threads, work: int) -> None:
    """Run ``call(lo, hi)`` over block ranges covering ``range(n_blocks)``, on up to ``threads`` threads.

    The kernel releases the GIL; ranges (about :data:`RANGES_PER_THREAD` per thread) are taken one at a time
    from a common list, so a thread on a core shared with another process takes fewer of them and never holds
    the others back. Small runs (little ``work`` per block times blocks) stay on the calling thread.

    Threads never make a run much slower: the run starts on one thread, which after its first range (the
    kernel may be compiling in it) times the ranges it runs alone (blocks per second of its own time); then
    all threads take ranges, and the blocks they finish together per second of wall time are compared with
    that. The threads are kept for the rest of the run if together they advance at least
    :data:`THREAD_GAIN` times as many blocks per second as one thread did. Otherwise (other processes hold
    the cores, the scheduler gives this process one share whatever its thread count, or the second core was
    slow to start) one thread goes on alone for 4 windows, timing itself again, and then all threads try
    once more; each refusal doubles the stretch on one thread, up to :data:`MAX_BACKOFF` windows. So a wrong
    first verdict (a window is short, and on a shared machine noisy) costs a few windows instead of the rest
    of the run; on a busy machine each try costs about a window on threads that are slower than one, which
    in a short run (a few tenths of a second) is a sizeable share of it, in a long one a few per cent. A
    window lasts :data:`PROBE_SHARE` of the run's expected one-thread time, within
    [:data:`PROBE_MIN_SECONDS`, :data:`PROBE_SECONDS`], and at least one range per thread. Results do not
    depend on the thread count. :data:`LAST_PROBE` describes the last threaded run.
    """
    import os
    import threading
    import time

    if threads is None:
        threads = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    threads = max(1, min(int(threads), n_blocks))
    if threads == 1 or n_blocks * work < 2_000_000:
        call(0, n_blocks)
        return
    size = max(1, n_blocks // (RANGES_PER_THREAD * threads))
    todo = [(lo, min(lo + size, n_blocks)) for lo in range(0, n_blocks, size)][::-1]
    cond = threading.Condition()
    errors = []
    # phases: "first" (thread 0's first range, not timed: a first call may compile the kernel), "one" (thread
    # 0 alone, timed), "all" (every thread, timed), "kept" (every thread, for good); a refusal in "all" goes
    # back to "one" for `backoff` windows. A range counts in the phase (the epoch) it was taken in, and only
    # if that phase is still on when it ends. Per thread: blocks and seconds of the ranges counted.
    st = {"phase": "first", "epoch": 0, "active": 1, "window": 0.0, "start": 0.0, "until": math.inf,
          "rate_one": 0.0, "rate_all": 0.0, "backoff": 4, "tries": 0, "done": False,
          "blocks": [0] * threads, "seconds": [0.0] * threads, "on_all": 0}

    def begin(phase, t, active):  # under the lock
        st.update(phase=phase, epoch=st["epoch"] + 1, start=t, active=active, blocks=[0] * threads,
                  seconds=[0.0] * threads)
        cond.notify_all()

    def record(index, blocks, t0, t1, epoch, shared):  # under the lock
        if shared:
            st["on_all"] += blocks
        phase = st["phase"]
        if phase == "first":
            begin("one", t1, 1)  # the window's length is set by the first range timed in it
            return
        if phase == "kept" or epoch != st["epoch"]:  # taken in an earlier phase: not counted
            return
        st["blocks"][index] += blocks
        st["seconds"][index] += t1 - t0
        if phase == "one":
            if index != 0:
                return
            rate = st["blocks"][0] / max(st["seconds"][0], 1e-9)
            if st["until"] == math.inf:  # the windows: a share of the expected one-thread time of the run
                st["window"] = min(PROBE_SECONDS, max(PROBE_MIN_SECONDS, PROBE_SHARE * n_blocks / rate))
                st["until"] = st["start"] + st["window"]
            if t1 >= st["until"]:
                st["rate_one"] = rate
                st["tries"] += 1
                begin("all", t1, threads)
        elif t1 - st["start"] >= st["window"] and all(st["blocks"]):  # phase "all", every thread counted
            # every block the threads finished in the phase over its wall time: ranges still running are left
            # out (an underestimate by at most a range per thread), but a thread that ran a quick range
            # while the others were slow is not counted at that range's speed
            st["rate_all"] = sum(st["blocks"]) / (t1 - st["start"])
            if st["rate_all"] >= THREAD_GAIN * st["rate_one"]:
                begin("kept", t1, threads)
            else:  # one thread alone for a while, timed afresh, then all threads once more
                begin("one", t1, 1)
                st["until"] = t1 + st["backoff"] * st["window"]
                st["backoff"] = min(2 * st["backoff"], MAX_BACKOFF)

    def worker(index):
        try:
            while True:
                with cond:
                    while not st["done"] and index >= st["active"]:
                        cond.wait()
                    if st["done"] or not todo:
                        return
                    lo, hi = todo.pop()
                    epoch, shared = st["epoch"], st["active"] > 1
                    t0 = time.perf_counter()
                call(lo, hi)
                t1 = time.perf_counter()
                with cond:
                    record(index, hi - lo, t0, t1, epoch, shared)
        except BaseException as exc:  # re-raised in the calling thread
            with cond:
                errors.append(exc)
                st["done"] = True
                cond.notify_all()
        finally:
            if index == 0:  # no more work (or an error): wake the threads that wait for a phase
                with cond:
                    st["done"] = True
                    cond.notify_all()

    pool = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    LAST_PROBE.clear()
    LAST_PROBE.update(rate_one=st["rate_one"], rate_all=st["rate_all"], tries=st["tries"],
                      kept=st["phase"] == "kept", threads=st["active"], share_on_all=st["on_all"] / n_blocks)
    if errors:
        raise errors[0]


def _gas_content(gas):
    """Everything of a gas that the tracker's numbers depend on (for the resume fingerprint)."""
    return {"composition": dict(gas.composition), "temperature": np.asarray(gas.temperature, dtype=float),
            "pressure": np.asarray(gas.pressure, dtype=float), "viscosity_model": gas.viscosity_model,
            "conductivity_model": gas.conductivity_model, "source": gas.source,
            "external": {k: np.asarray(v, dtype=float) if np.ndim(v) or isinstance(v, float) else repr(v)
                         for k, v in gas._external.items()}}


def _particle_content(particle):
    """Everything of a particle that the tracker's numbers depend on (for the resume fingerprint)."""
    mat = particle.material
    return {"diameter": np.asarray(particle.diameter, dtype=float), "density": np.asarray(particle.density, dtype=float),
            "conductivity": None if particle.conductivity is None else np.asarray(particle.conductivity, dtype=float),
            "energy_accommodation": np.asarray(particle.energy_accommodation, dtype=float),
            "momentum_accommodation": np.asarray(particle.momentum_accommodation, dtype=float),
            "material": None if mat is None else getattr(mat, "name", repr(mat))}


def _default_range(field):
    if isinstance(field, UniformGradient):
        return 0.5 * field.temperature, 2.0 * field.temperature
    lo, hi = field.temperature_bounds(None, None)
    if hi - lo < 1e-3 * hi:  # an isothermal field: a narrow table around its temperature
        mid = 0.5 * (lo + hi)
        lo, hi = mid * (1 - 1e-3), mid * (1 + 1e-3)
    return lo, hi
