r"""Direct Simulation Monte Carlo of the Fourier problem: a gas at rest between two parallel plates.

One dimension in space (z, between plates at z = 0 and z = L), three in velocity. Bird's (1994) algorithm:
free flight; wall interaction by the Maxwell model (a fraction α of the molecules is re-emitted diffusely
at the wall temperature, the rest reflected specularly); no-time-counter (NTC) collisions in each cell,
with the variable-hard-sphere (VHS) cross-section σ = π d_ref² (c_ref/c_r)^(2ω−1) (hard spheres for ω = ½)
and isotropic scattering. Sampling after a burn-in gives the density, temperature and heat flux in each
cell, the wall heat flux from the energy molecules carry across each wall, and the moments that the
free-molecular Green's function needs for the force on a small sphere at every height
(:func:`thermophoresis.kinetic.greens.free_molecular_force`).

Molecular models: hard spheres (``"hs"``), VHS and VSS (Koura & Matsumoto 1991), with Bird's (1994,
Table A1) parameters at T_ref = 273 K for argon and helium; the VSS scattering law is
:math:`\cos\chi = 2u^{1/\alpha} - 1`. The kernels (:mod:`thermophoresis.kinetic._kernels`) are compiled
with Numba (``cache=True``) and run in parallel over blocks of molecules and over cells with counter-based
random streams, so a seed reproduces a run bit for bit on any number of threads.

References
----------
.. [1] Bird, G. A. (1994). Molecular Gas Dynamics and the Direct Simulation of Gas Flows. Oxford.
   (NTC: §11.1; VHS: §4.3; diffuse reflection: §12.3.)
"""

from __future__ import annotations

import math
import os
import time
from dataclasses import dataclass, field

import numba as nb
import numpy as np

from .._registry import Choice, Registry
from .._validation import check_in_range, check_positive
from .._docs import fill
from ..constants import AVOGADRO, BOLTZMANN
from ..exceptions import InputError, UnknownNameError, ValidityWarning
from .._numerics.rng import ZIG_F, ZIG_X
# the slices' thread choice (ThreadGovernor is also used by the array force loops)
from .._twins import cache_counts, cache_status
from .._twins import ThreadGovernor, start_threads_quietly, threads_wait_passively  # noqa: F401
from . import _kernels

T_REF = 273.0


@dataclass(frozen=True)
class DSMCGas:
    """Bird's (1994, Table A1) molecular parameters of one gas at T_ref = 273 K.

    ``hs``, ``vhs`` and ``vss`` are ``(d_ref [m], omega [-], alpha [-])`` of the hard-sphere, variable-hard-
    sphere and variable-soft-sphere models; the argon hard-sphere diameter is the benchmark's 3.6579e-10 m.
    ``aliases`` are the species-table spellings (``"Ar"``), so any name ``Gas`` takes finds it.
    """

    name: str
    molar_mass: float
    hs: tuple[float, float, float]
    vhs: tuple[float, float, float]
    vss: tuple[float, float, float]
    aliases: tuple[str, ...] = ()

    def __getitem__(self, key):  # the former dict-of-dicts access, entry["vhs"], entry["molar_mass"]
        if key in ("molar_mass", "hs", "vhs", "vss"):
            return getattr(self, key)
        raise KeyError(key)

    def to_dict(self) -> dict:
        return {"name": self.name, "molar_mass_kg_mol": self.molar_mass, "aliases": list(self.aliases),
                **{m: {"d_ref_m": p[0], "omega": p[1], "alpha": p[2]}
                   for m, p in (("hs", self.hs), ("vhs", self.vhs), ("vss", self.vss))},
                "t_ref_K": T_REF, "reference": "Bird (1994), Table A1"}


#: Gases the DSMC has molecular parameters for (a :class:`~thermophoresis._registry.Registry`; any spelling
#: of the species table: ``"Ar"``, ``"argon"``, ``"ARGON"``; see :func:`dsmc_gas`)
DSMC_GASES: Registry[DSMCGas] = Registry("DSMC gas")
DSMC_GASES.add(DSMCGas("argon", 39.948e-3, hs=(3.6579e-10, 0.5, 1.0), vhs=(4.17e-10, 0.81, 1.0),
                       vss=(4.11e-10, 0.81, 1.40), aliases=("Ar",)))
DSMC_GASES.add(DSMCGas("helium", 4.002602e-3, hs=(2.193e-10, 0.5, 1.0), vhs=(2.33e-10, 0.66, 1.0),
                       vss=(2.30e-10, 0.66, 1.26), aliases=("He", "helium-4")))
#: Deprecated name of :data:`DSMC_GASES` (it was a dict of dicts gas -> {"molar_mass", "hs", "vhs", "vss"};
#: ``MOLECULAR_MODELS["argon"]["vhs"]`` and ``"argon" in MOLECULAR_MODELS`` still work)
MOLECULAR_MODELS = DSMC_GASES

#: The molecular (collision) models of the DSMC; ``FourierProblem(model=...)``, ``dsmc --molecular-model``
DSMC_MOLECULAR_MODELS: Registry[Choice] = Registry("molecular model")
DSMC_MOLECULAR_MODELS.add(Choice(
    "hs", label="hard spheres", aliases=("hard_sphere", "hard_spheres"),
    reference="Bird, G. A. (1994). Molecular Gas Dynamics and the Direct Simulation of Gas Flows, section 2.6",
    description="constant cross-section pi d^2, isotropic scattering; mu ~ T^(1/2)"))
DSMC_MOLECULAR_MODELS.add(Choice(
    "vhs", label="variable hard spheres", aliases=("variable_hard_sphere",),
    reference="Bird, G. A. (1994). Molecular Gas Dynamics and the Direct Simulation of Gas Flows, section 4.3",
    description="cross-section ~ c_r^(1 - 2 omega), isotropic scattering; mu ~ T^omega"))
DSMC_MOLECULAR_MODELS.add(Choice(
    "vss", label="variable soft spheres", aliases=("variable_soft_sphere",),
    reference="Koura, K., Matsumoto, H. (1991). Phys. Fluids A 3, 2459-2465",
    description="VHS cross-section with the scattering law cos(chi) = 2 u^(1/alpha) - 1"))


def dsmc_gas(name) -> DSMCGas:
    """The DSMC gas for any gas name the rest of the toolkit takes (``"Ar"``, ``"argon"``, ``"ARGON"``).

    A name the species table knows but the DSMC has no molecular parameters for (``"xenon"``) and a name
    nobody knows (with the closest species names) both raise :class:`~thermophoresis.exceptions.UnknownNameError`
    with ``parameter="gas"``.

    Parameters
    ----------
    name : str
        A gas name or alias of the species table (``"Ar"``, ``"argon"``, ``"He"``), any case.

    Returns
    -------
    DSMCGas
        The molar mass [kg/mol] and the hard-sphere, VHS and VSS parameters (d_ref [m], omega [-], alpha [-])
        at T_ref = 273 K.

    Raises
    ------
    UnknownNameError
        For a gas without DSMC parameters or an unknown name (``parameter="gas"``).

    References
    ----------
    .. [1] Bird, G. A. (1994). Molecular Gas Dynamics and the Direct Simulation of Gas Flows. Oxford,
       Table A1 (the molecular parameters).
    """
    hit = DSMC_GASES.get(name) if isinstance(name, str) else None
    if hit is not None:
        return hit
    from ..gas import get_species

    try:
        species = get_species(name)
    except UnknownNameError as exc:
        raise UnknownNameError(f"gas: {exc}", parameter="gas", value=name,
                               allowed=f"one of {', '.join(DSMC_GASES)}") from None
    for candidate in (species.name, species.long_name, *species.aliases):
        hit = DSMC_GASES.get(candidate)
        if hit is not None:
            return hit
    known = ", ".join(DSMC_GASES)
    raise UnknownNameError(f"gas {name!r}: the DSMC has molecular parameters (Bird 1994, Table A1) for {known} only",
                           parameter="gas", value=name, allowed=f"one of {known}")


__all__ = ["DSMC_GASES", "DSMC_MOLECULAR_MODELS", "DSMCGas", "dsmc_gas",
           "CostWarning", "FourierCost", "FourierProblem", "FourierResult", "FourierStudy", "estimate_cost",
           "compile_kernels", "force_ratios", "fourier_study", "free_molecular_heat_flux", "profile_standard_errors",
           "run_fourier", "run_fourier_blocks"]


def free_molecular_heat_flux(number_density, molecular_mass, t_lo, t_hi):
    r"""Exact free-molecular heat flux [W/m^2] between diffuse plates (from the hot to the cold plate).

    Each wall re-emits the flux Γ it receives, with mean energy 2kT_w per molecule, so
    :math:`q = 2k\Gamma(T_{hi} - T_{lo})`. A half-stream of partial density :math:`n_i` (all molecules
    moving one way) carries :math:`\Gamma = n_i\sqrt{2kT_i/(\pi m)}`; zero net flux makes
    :math:`n_i\sqrt{T_i}` equal, so
    :math:`q = 2k(T_{hi} - T_{lo})\,n\sqrt{2k/(\pi m)}/(1/\sqrt{T_{lo}} + 1/\sqrt{T_{hi}})`.

    Parameters
    ----------
    number_density : float
        Mean number density n between the plates [1/m^3], > 0.
    molecular_mass : float
        Mass of one molecule m [kg], > 0.
    t_lo, t_hi : float
        Temperatures of the two plates [K], > 0.

    Returns
    -------
    float
        Heat flux q [W/m^2], positive when ``t_hi > t_lo``.

    References
    ----------
    .. [1] Derived here (the two half-streams above); the DSMC reproduces it at Kn = 1000 within 4 standard
       errors + 0.5 % (``tests/kinetic/test_dsmc.py``; ``docs/kinetic.md``, section "Validation (tests)").
    """
    n = check_positive("number_density", number_density, "1/m^3")
    m = check_positive("molecular_mass", molecular_mass, "kg")
    lo, hi = check_positive("t_lo", t_lo, "K"), check_positive("t_hi", t_hi, "K")
    return 2.0 * BOLTZMANN * (hi - lo) * n * math.sqrt(2.0 * BOLTZMANN / (math.pi * m)) / (
        1.0 / math.sqrt(lo) + 1.0 / math.sqrt(hi))


@dataclass(frozen=True)
class FourierProblem:
    """A monatomic gas between plates; Kn = mean free path / gap with the hard-sphere λ = 1/(√2 π d_hs² n).

    Parameters
    ----------
    gap : float
        L [m].
    t_lo, t_hi : float
        Plate temperatures at z = 0 and z = L [K].
    knudsen : float
        Sets the mean number density n = 1/(√2 π d_hs² Kn L), d_hs the gas's hard-sphere diameter (also for
        the VHS and VSS models, so that Kn means the same density for all three).
    gas : str
        ``"argon"`` or ``"helium"``, in any spelling the species table takes (``"Ar"``, ``"He"``); stored
        canonical (:data:`DSMC_GASES`).
    model : {"hs", "vhs", "vss"}
        Hard spheres, variable hard spheres or variable soft spheres (:data:`DSMC_MOLECULAR_MODELS`, any
        case), with Bird's parameters.
    accommodation : float
        α of the Maxwell wall model (fraction re-emitted diffusely).
    """

    gap: float = 1e-3
    t_lo: float = 250.0
    t_hi: float = 350.0
    knudsen: float = 1.0
    gas: str = "argon"
    model: str = "hs"
    accommodation: float = 1.0

    def __post_init__(self):
        check_positive("gap", self.gap, "m")
        check_positive("t_lo", self.t_lo, "K")
        check_positive("t_hi", self.t_hi, "K")
        check_positive("knudsen", self.knudsen)
        check_in_range("accommodation", self.accommodation, 0.0, 1.0)
        if self.t_lo == self.t_hi:
            raise InputError(f"t_lo = t_hi = {self.t_lo:g} K: the Fourier problem needs two different wall "
                             f"temperatures (its heat flux, force and their ratios to the free-molecular values, "
                             f"which vanish, are what it computes); give t_lo != t_hi")
        # any spelling of the gas (as Gas takes it) and of the model; stored canonical ("argon", "vhs")
        object.__setattr__(self, "gas", dsmc_gas(self.gas).name)
        object.__setattr__(self, "model", DSMC_MOLECULAR_MODELS.canonical(self.model, parameter="model"))

    @property
    def molecular_mass(self) -> float:
        return MOLECULAR_MODELS[self.gas]["molar_mass"] / AVOGADRO

    @property
    def diameter(self) -> float:
        """Hard-sphere diameter [m] (defines Kn)."""
        return MOLECULAR_MODELS[self.gas]["hs"][0]

    @property
    def collision_parameters(self):
        """(d_ref [m], ω, α) of the molecular model at T_ref = 273 K."""
        return MOLECULAR_MODELS[self.gas][self.model]

    @property
    def omega(self) -> float:
        return self.collision_parameters[1]

    @property
    def number_density(self) -> float:
        return 1.0 / (math.sqrt(2.0) * math.pi * self.diameter**2 * self.knudsen * self.gap)

    def viscosity(self, temperature):
        r"""Viscosity of the model gas [Pa s], first Chapman–Enskog approximation (Bird 1994, eqs. 4.62, 4.77).

        :math:`\mu = \frac{5(\alpha+1)(\alpha+2)\sqrt{\pi m k T_{ref}}}{4\alpha(5-2\omega)(7-2\omega)\pi
        d_{ref}^2}(T/T_{ref})^\omega`; hard spheres: :math:`(5/16)\sqrt{\pi m k T}/(\pi d^2)`.
        """
        d, w, a = self.collision_parameters
        t_ref = T_REF if self.model != "hs" else np.asarray(temperature, dtype=float)
        mu_ref = (5.0 * (a + 1.0) * (a + 2.0) * np.sqrt(math.pi * self.molecular_mass * BOLTZMANN * t_ref)
                  / (4.0 * a * (5.0 - 2.0 * w) * (7.0 - 2.0 * w) * math.pi * d**2))
        return mu_ref * (np.asarray(temperature, dtype=float) / t_ref) ** w

    def conductivity(self, temperature):
        """Thermal conductivity [W/(m K)], first Chapman–Enskog approximation: (15/4)(k/m) μ.

        For hard spheres the converged Chapman–Enskog value is 1.02513 times this (Chapman & Cowling).
        """
        return 3.75 * BOLTZMANN / self.molecular_mass * self.viscosity(temperature)

    def _kernel_constants(self):
        d, w, a = self.collision_parameters
        m = self.molecular_mass
        # sigma(c_r) c_r = pi d_ref^2 (4 k T_ref / (m c_r^2))^(w - 1/2) / Gamma(5/2 - w) * c_r
        sig_coef = math.pi * d * d * (4.0 * BOLTZMANN * T_REF / m) ** (w - 0.5) / math.gamma(2.5 - w)
        return sig_coef, w, 1.0 / a


@dataclass
class FourierResult:
    """Sampled profiles (cell centres z) and wall heat fluxes."""

    z: np.ndarray
    density: np.ndarray
    temperature: np.ndarray
    heat_flux: np.ndarray
    wall_heat_flux: tuple
    free_molecular_heat_flux: float
    moments: np.ndarray  # raw accumulators (see _kernels.advance)
    n_samples: int
    problem: FourierProblem

    def continuum_fit(self, core: float = 0.6):
        r"""Fourier's law fitted to the core of the gap: conductivity ratio and temperature jumps.

        :math:`\Theta(T) = \int k_{CE}\,dT` is fitted linearly in z over the central fraction ``core`` of the
        gap; the wall heat flux q (mean of both walls) then gives the ratio of the simulated conductivity to
        the Chapman–Enskog one, :math:`-q/(d\Theta/dz)` (hard spheres: the converged value, 1.02513 times
        the first approximation; VHS/VSS: the first approximation). The fit extrapolated to the walls gives
        the temperature jumps, returned in units of the local hard-sphere mean free path there (density
        from the core pressure).

        Returns a dict: ``conductivity_ratio``, ``jump_cold``, ``jump_hot`` (at z = 0 and z = L).
        """
        p = self.problem
        lo, hi = sorted((p.t_lo, p.t_hi))
        t_grid = np.linspace(0.5 * lo, 1.5 * hi, 4001)
        k_grid = p.conductivity(t_grid)
        theta = np.concatenate([[0.0], np.cumsum(0.5 * (k_grid[1:] + k_grid[:-1]) * np.diff(t_grid))])
        sel = np.abs(self.z / p.gap - 0.5) < 0.5 * core
        slope, icpt = np.polyfit(self.z[sel], np.interp(self.temperature[sel], t_grid, theta), 1)
        q = 0.5 * (self.wall_heat_flux[0] + self.wall_heat_flux[1])
        factor = 1.02513 if p.model == "hs" else 1.0
        pressure = np.mean(self.density[sel] * BOLTZMANN * self.temperature[sel])
        out = {"conductivity_ratio": float(-q / slope / factor)}
        for key, z_wall, t_wall in (("jump_cold", 0.0, p.t_lo), ("jump_hot", p.gap, p.t_hi)):
            t_gas = float(np.interp(slope * z_wall + icpt, theta, t_grid))
            gradient = slope / float(p.conductivity(t_gas))
            mfp = BOLTZMANN * t_gas / (math.sqrt(2.0) * math.pi * p.diameter**2 * pressure)
            out[key] = float((t_gas - t_wall) / gradient / mfp) * (1.0 if z_wall == 0.0 else -1.0)
        return out

    def waldmann_force(self, radius):
        r"""Waldmann's force [N] from each cell's sampled heat flux and temperature (z component).

        :math:`F = \frac{32}{15}\frac{a^2}{\bar c}q = \frac{8\sqrt{2\pi}}{15}a^2\sqrt{\frac{m}{kT}}\,q`, the
        force of a first-order Chapman–Enskog gas on a free-molecular sphere; it points along q.
        """
        m = self.problem.molecular_mass
        t = np.maximum(self.temperature, 1e-30)
        return 8.0 * math.sqrt(2.0 * math.pi) / 15.0 * radius**2 * np.sqrt(m / (BOLTZMANN * t)) * self.heat_flux

    def to_dataset(self, radius=None):
        """The profiles as an xarray Dataset (with the force on a sphere of ``radius`` if given)."""
        import xarray as xr

        p = self.problem
        data = {"number_density": ("z", self.density, {"units": "m-3"}),
                "temperature": ("z", self.temperature, {"units": "K"}),
                "heat_flux": ("z", self.heat_flux, {"units": "W m-2", "long_name": "z component of the heat flux"})}
        if radius is not None:
            data["force"] = ("z", self.force_profile(radius),
                             {"units": "N", "long_name": f"force on a {radius:g} m sphere"})
            data["waldmann_force"] = ("z", self.waldmann_force(radius), {"units": "N"})
        ds = xr.Dataset(data, coords={"z": ("z", self.z, {"units": "m"})})
        ds.attrs.update({"gas": p.gas, "model": p.model, "knudsen": p.knudsen, "gap_m": p.gap, "t_lo_K": p.t_lo,
                         "t_hi_K": p.t_hi, "accommodation": p.accommodation, "n_samples": self.n_samples,
                         "wall_heat_flux_W_m2": list(self.wall_heat_flux),
                         "free_molecular_heat_flux_W_m2": self.free_molecular_heat_flux})
        return ds

    def force_profile(self, radius, diffuse_fraction=None, particle_temperature=None, low_variance: bool = True):
        """Force [N] on a small sphere at rest in each cell (z component), from the sampled moments.

        With ``low_variance`` (default) the drag of the sampled mean velocity is subtracted: in the steady
        state the mean gas velocity is zero, so the terms proportional to it (Epstein's drag
        (4/3)πa²nm c̄ <v_z>, and the diffuse re-emission term) have zero expectation but add noise that
        is correlated with the force. Removing them halves the standard error at Kn ≈ 1. The estimate then
        does not depend on the sphere's diffuse fraction or temperature (they only scale those zero-mean
        terms), so giving them is an error; with ``low_variance=False`` they default to 1 and the local gas
        temperature.
        """
        m = self.problem.molecular_mass
        acc = self.moments
        cnt = np.maximum(acc[:, 0], 1.0)
        mean_vz = acc[:, 3] / cnt
        if low_variance and (diffuse_fraction is not None or particle_temperature is not None):
            raise InputError("diffuse_fraction and particle_temperature only enter the raw estimator: they multiply "
                             "terms of zero mean that the low-variance estimator removes; pass low_variance=False")
        diffuse_fraction = 1.0 if diffuse_fraction is None else diffuse_fraction
        if low_variance:
            c_mean = np.sqrt(8.0 * BOLTZMANN * self.temperature / (math.pi * m))
            return math.pi * radius**2 * m * self.density * (acc[:, 9] / cnt - 4.0 / 3.0 * c_mean * mean_vz)
        tp = self.temperature if particle_temperature is None else np.full_like(self.temperature, particle_temperature)
        emit = diffuse_fraction * (2.0 / 3.0) * np.sqrt(math.pi * BOLTZMANN * tp / (2.0 * m))
        return math.pi * radius**2 * m * self.density * (acc[:, 9] / cnt + emit * mean_vz)


class _State:
    """Molecules, their cells, the kernel constants and the step counter of one run."""

    def __init__(self, problem, n_cells, per_cell, dt, seed, threads):
        if n_cells < 2 or per_cell < 2:
            raise InputError(f"n_cells = {n_cells} and per_cell = {per_cell}: both must be >= 2")
        p = problem
        self.problem, self.n_cells, self.per_cell = p, int(n_cells), int(per_cell)
        self.dt = float(check_positive("dt", _default_dt(p, n_cells) if dt is None else dt, "s"))
        self.seed = int(seed)
        if threads is not None and not 1 <= int(threads) <= nb.config.NUMBA_NUM_THREADS:
            raise InputError(f"threads = {threads}; allowed: 1 to {nb.config.NUMBA_NUM_THREADS}")
        self.threads = threads
        m = p.molecular_mass
        n_total = self.n_cells * self.per_cell
        rng = np.random.default_rng(seed)
        # in cell order from the start (the order the kernel puts them in every few steps): unsorted, the first
        # steps read memory at random, which made them cost 1.5-2.9x more per molecule at 25,000 cells than at 500
        # (issue 16.4). Sorting the uniform positions does not change their distribution, and the velocities are
        # drawn after them, independently, as before.
        z = np.sort(rng.uniform(0.0, p.gap, n_total))
        t_lin = p.t_lo + (p.t_hi - p.t_lo) * z / p.gap
        v = rng.standard_normal((3, n_total)) * np.sqrt(BOLTZMANN * t_lin / m)[None, :]
        self.z, self.vx, self.vy, self.vz = z, v[0].copy(), v[1].copy(), v[2].copy()
        self.cell = _kernels.cell_index(self.z, p.gap, self.n_cells)
        self.sig_coef, self.omega, self.inv_alpha = p._kernel_constants()
        vmp = math.sqrt(2.0 * BOLTZMANN * max(p.t_lo, p.t_hi) / m)
        self.sigma_cr_max = np.full(self.n_cells, self.sig_coef * (3.0 * vmp) ** (2.0 - 2.0 * self.omega))
        self.fnum = p.number_density * p.gap / n_total
        self.step = 0
        self.thread_history = []  # threads used by each slice of steps
        self._governor = ThreadGovernor()

    def advance(self, n_steps, acc, wall, sample=True, sample_every=1):
        """Advance ``n_steps``, sampling every ``sample_every`` steps counted from now (into ``acc``, ``wall``).

        The steps run in slices of about :data:`SLICE_MOLECULE_STEPS` molecule-steps; before each slice the
        number of threads is chosen by the :class:`ThreadGovernor` (more threads only while timed at least as
        fast as one), within the cores that other processes leave free (:func:`choose_threads`) unless the
        threads wait passively (:func:`start_threads_quietly`). Results do not depend on it.
        """
        p = self.problem
        n_steps = int(n_steps)
        start_threads_quietly()  # OpenMP threads that sleep, not spin, while they wait (unless the user chose)
        previous = nb.get_num_threads()
        groups = _kernels.n_groups(self.z.size)
        if self.threads is not None:
            wanted = int(self.threads)
        else:  # by default a second thread only from MOLECULES_PER_THREAD molecules per thread
            wanted = max(1, min(previous, self.z.size // MOLECULES_PER_THREAD))
        wanted = max(1, min(wanted, groups))
        per_slice = max(1, SLICE_MOLECULE_STEPS // max(self.z.size, 1))
        # a measuring slice of the governor runs at most PROBE_SHARE of this call's steps (and at least
        # PROBE_MOLECULE_STEPS, a few ms, for a timing that means something): in a short run the slice on
        # one thread at 1/8 of a full slice was a quarter of a 100-step run (2 threads 1.28x one, 1.46x forced)
        probe = probe_steps(self.z.size, n_steps)
        group_acc, acc_range = _kernels.new_accumulators(self.z.size, self.n_cells)
        phase = self.step
        done = sampled = 0
        governor = self._governor
        try:
            while done < n_steps:
                if ADAPTIVE_THREADS:
                    # threads that sleep while they wait cost little when a core is taken (measured 0.96-1.2x
                    # of one thread with a busy core), so the governor's timing decides; threads that spin
                    # collapse (0.2x) and the load check caps them first
                    allowed = wanted if threads_wait_passively() else choose_threads(wanted)
                    threads, fraction = governor.choose(allowed)
                else:
                    threads, fraction = wanted, 1.0
                k = max(1, int(per_slice * fraction))
                if fraction < 1.0:  # a measuring slice: short against this call's steps too
                    k = min(k, probe)
                k = min(k, n_steps - done)
                self.thread_history.append(threads)
                nb.set_num_threads(threads)
                t0 = time.perf_counter()
                sampled += _kernels.advance(
                    self.z, self.vx, self.vy, self.vz, self.cell, k, self.step, self.seed, self.dt, p.gap, p.t_lo,
                    p.t_hi, p.accommodation, p.molecular_mass, self.n_cells, self.fnum, self.sig_coef, self.omega,
                    self.inv_alpha, self.sigma_cr_max, sample, group_acc, acc_range, wall, ZIG_X, ZIG_F,
                    int(sample_every), phase, _kernels.REORDER_EVERY)
                governor.record(threads, k * self.z.size / max(time.perf_counter() - t0, 1e-9))
                self.step += k
                done += k
        finally:
            nb.set_num_threads(previous)
        if sample:
            _kernels.reduce_groups(group_acc, acc, sampled, acc_range)


#: Molecule-steps per call of the compiled kernel (about 0.05-0.5 s); the thread count is chosen before each.
SLICE_MOLECULE_STEPS = 20_000_000
#: The governor's measuring slices (one thread, then more) are at most this share of a call's steps ...
PROBE_SHARE = 0.03
#: ... but at least this many molecule-steps (about 4 ms on one thread), and at most 1/8 of a full slice.
PROBE_MOLECULE_STEPS = 200_000
#: Molecules per thread below which a second thread does not pay (two synchronisations per step).
MOLECULES_PER_THREAD = 16_384
#: Choose the threads of each slice from the load (False: always the requested number; for benchmarks).
ADAPTIVE_THREADS = True


def probe_steps(n_molecules: int, n_steps: int) -> int:
    """The most steps of a measuring slice of the thread governor in a call of ``n_steps`` steps: the larger of
    :data:`PROBE_SHARE` of them and :data:`PROBE_MOLECULE_STEPS` molecule-steps (the slice is also at most
    ``ThreadGovernor.PROBE`` of a full slice). The probe's steps are steps of the run, only on one thread (then
    on two while timed): at 3 % of a call a run loses at most about 3 % of the second thread's gain to it."""
    return max(1, -(-PROBE_MOLECULE_STEPS // max(int(n_molecules), 1)), math.ceil(PROBE_SHARE * int(n_steps)))


def _runnable_elsewhere():
    """Threads of other processes that are runnable now (from /proc/loadavg, minus this process's running
    threads); None where /proc is not available."""
    try:
        with open("/proc/loadavg") as f:
            running = int(f.read().split()[3].split("/")[0])
        own = 0
        for task in os.listdir("/proc/self/task"):
            try:
                with open(f"/proc/self/task/{task}/stat", "rb") as f:
                    stat = f.read()
            except OSError:
                continue
            if stat[stat.rindex(b")") + 2:stat.rindex(b")") + 3] == b"R":
                own += 1
    except (OSError, ValueError, IndexError):
        return None
    return max(0, running - own)


def choose_threads(cap: int) -> int:
    """Threads for the next slice of steps: at most ``cap``, and no more than the cores of this process's CPU
    set that other processes leave free.

    A thread that shares its core with a busy process arrives late at each of the two synchronisations of
    a step, and the others wait for it (15-100x slower than one thread, measured); one thread is then
    faster. The load is sampled from /proc (Linux); elsewhere only ``cap`` and the size count.
    """
    n = max(1, int(cap))
    if n == 1:
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cpus = os.cpu_count() or 1
    busy = [b for b in (_runnable_elsewhere() for _ in range(3)) if b is not None]
    if busy:
        n = min(n, max(1, cpus - max(busy)))
    return n


def _default_dt(problem, n_cells):
    vmp = math.sqrt(2.0 * BOLTZMANN * 0.5 * (problem.t_lo + problem.t_hi) / problem.molecular_mass)
    return 0.25 * (problem.gap / n_cells) / vmp


# --- before a run: what it costs, and whether its time step and cells can give an answer ---------------------
#: Seconds per molecule-step (move, walls, sort, sampling) and per candidate collision pair, on one thread,
#: calibrated with benchmarks/bench_dsmc.py on the 2-core AMD EPYC development machine under load (about 20
#: million molecule-steps per second, 50 ns per candidate pair); an estimate, not a promise.
MOLECULE_STEP_SECONDS = 5e-8
PAIR_SECONDS = 5e-8
#: Estimated runs longer than this (seconds) give a :class:`CostWarning` before they start.
WARN_SECONDS = 300.0


class CostWarning(UserWarning):
    """A DSMC run is estimated to take long (the estimate is in the message)."""


@dataclass(frozen=True)
class FourierCost:
    """What a DSMC run will cost and how its time step and cells compare with the gas's scales.

    Times in seconds, lengths in metres. ``mean_collision_time`` and ``mean_free_path`` are the hard-sphere
    values at the mean density and the mean wall temperature (the definition of Kn); at the cold wall both
    are shorter by about T_cold / T_mean.
    """

    molecules: int
    steps: int
    molecule_steps: float
    candidate_pairs: float
    seconds: float
    threads: int
    dt: float
    mean_collision_time: float
    cell_crossing_time: float
    gap_crossing_time: float
    cell_size: float
    mean_free_path: float

    @property
    def collisions_per_molecule_step(self) -> float:
        return self.dt / self.mean_collision_time

    def __str__(self):
        return (f"{self.molecules:.3g} molecules x {self.steps} steps = {self.molecule_steps:.3g} molecule-steps and "
                f"{self.candidate_pairs:.3g} candidate collision pairs, about {_duration(self.seconds)} on "
                f"{self.threads} thread(s)")

    def to_dict(self) -> dict:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["collisions_per_molecule_step"] = self.collisions_per_molecule_step
        return out


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.2g} s"
    if seconds < 7200:
        return f"{seconds / 60:.3g} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.3g} h"
    return f"{seconds / 86400:.3g} days"


def estimate_cost(problem: FourierProblem, n_cells: int = 50, per_cell: int = 100, dt=None, steps: int = 2400,
                  threads: int | None = None) -> FourierCost:
    """Cost of a run of ``steps`` time steps (burn-in included), without running it.

    The candidate pairs follow from the NTC rule with the initial σc_r,max (that of a pair at three times the
    most probable speed of the hotter wall): per cell and step, ½ N_c (N_c − 1) F_N (σc_r)_max Δt / V_c.
    The seconds use :data:`MOLECULE_STEP_SECONDS` and :data:`PAIR_SECONDS` (measured with
    ``benchmarks/bench_dsmc.py``): an estimate, not a promise.

    Parameters
    ----------
    problem : FourierProblem
        The gas, plates and Knudsen number.
    n_cells : int
        Cells across the gap, >= 1.
    per_cell : int
        Simulated molecules per cell at the start.
    dt : float, optional
        Time step [s], > 0; default a quarter of a cell crossing at the most probable speed at the mean wall
        temperature.
    steps : int
        Time steps of the whole run (burn-in included).
    threads : int, optional
        The most threads the run would use (default 1 in the estimate).

    Returns
    -------
    FourierCost
        Molecule-steps and candidate pairs [-], seconds [s], and the time step, collision and crossing
        times [s], cell size and mean free path [m] it is compared with.

    References
    ----------
    .. [1] Bird, G. A. (1994). Molecular Gas Dynamics and the Direct Simulation of Gas Flows. Oxford
       (the NTC collision count: §11.1).

    Examples
    --------
    >>> c = estimate_cost(FourierProblem(knudsen=1e-6), n_cells=40, per_cell=100, steps=2400)
    >>> c.collisions_per_molecule_step > 1000
    True
    """
    p = problem
    n_cells, per_cell, steps = int(n_cells), int(per_cell), int(steps)
    dt = _default_dt(p, n_cells) if dt is None else float(dt)
    m = p.molecular_mass
    t_mean = 0.5 * (p.t_lo + p.t_hi)
    c_mean = math.sqrt(8.0 * BOLTZMANN * t_mean / (math.pi * m))
    mfp = p.knudsen * p.gap
    vmp = math.sqrt(2.0 * BOLTZMANN * t_mean / m)
    molecules = n_cells * per_cell
    sig_coef, omega, _ = p._kernel_constants()
    vmp_hot = math.sqrt(2.0 * BOLTZMANN * max(p.t_lo, p.t_hi) / m)
    scr_max = sig_coef * (3.0 * vmp_hot) ** (2.0 - 2.0 * omega)
    fnum = p.number_density * p.gap / molecules
    pairs = n_cells * 0.5 * per_cell * (per_cell - 1) * fnum * scr_max * dt / (p.gap / n_cells) * steps
    used = max(1, min(int(threads or 1), _kernels.n_groups(molecules)))
    seconds = (molecules * steps * MOLECULE_STEP_SECONDS + pairs * PAIR_SECONDS) / used
    return FourierCost(molecules, steps, float(molecules) * steps, float(pairs), seconds, used, dt, mfp / c_mean,
                       (p.gap / n_cells) / vmp, p.gap / vmp, p.gap / n_cells, mfp)


def check_run(problem: FourierProblem, n_cells: int, per_cell: int, dt, steps: int, threads=None,
              max_seconds: float | None = None, stacklevel: int = 3) -> FourierCost:
    """Check a run before it starts; returns its :class:`FourierCost`.

    Refused (:class:`InputError`, with the estimate): a time step of a mean collision time or more (the NTC
    scheme then selects more collisions per step than it can resolve: ``--knudsen 1e-6`` wanted ~10^4
    collisions per molecule per step), a time step in which a molecule at the most probable speed crosses the
    whole gap (``dt = 1e-4 s`` gave a nonsense profile), and an estimate above ``max_seconds``.
    :class:`~thermophoresis.exceptions.ValidityWarning`: a time step above half a mean collision time or above
    one cell crossing, and cells larger than the mean free path (Bird 1994, §11.1: a cell should be a fraction
    of λ; at 2λ the heat flux here is 3 % high). :class:`CostWarning`: an estimate above :data:`WARN_SECONDS`.
    """
    import warnings

    cost = estimate_cost(problem, n_cells, per_cell, dt, steps, threads)
    tau, k = cost.mean_collision_time, cost.collisions_per_molecule_step
    if cost.dt >= tau:
        raise InputError(
            f"dt = {cost.dt:.3g} s is {k:.3g} mean collision times (lambda/c_mean = {tau:.3g} s at Kn = "
            f"{problem.knudsen:g}); DSMC needs dt well below it: give dt <= {0.25 * tau:.3g} s (and cells of "
            f"<= {cost.mean_free_path / 3:.3g} m, i.e. n_cells >= {math.ceil(3 * problem.gap / cost.mean_free_path)}),"
            f" or a larger knudsen. As asked, the run would be {cost}")
    if cost.dt >= cost.gap_crossing_time:
        raise InputError(
            f"dt = {cost.dt:.3g} s: a molecule at the most probable speed crosses the whole gap "
            f"{cost.dt / cost.gap_crossing_time:.3g} times per step; give dt <= {0.25 * cost.cell_crossing_time:.3g} "
            f"s (a quarter of a cell crossing, the default)")
    if max_seconds is not None and not (max_seconds > 0):  # also refuses NaN
        raise InputError(parameter="max_seconds", value=max_seconds, allowed="> 0 s (or None: no limit)")
    if max_seconds is not None and cost.seconds > max_seconds:
        raise InputError(f"the run is estimated at {_duration(cost.seconds)} (> max_seconds = {max_seconds:g}): {cost}")
    if k > 0.5:
        warnings.warn(f"dt = {cost.dt:.3g} s is {k:.2g} mean collision times (> 0.5): collisions are resolved "
                      f"coarsely in time; give dt <= {0.25 * tau:.3g} s", ValidityWarning, stacklevel=stacklevel)
    if cost.dt > cost.cell_crossing_time:
        warnings.warn(f"dt = {cost.dt:.3g} s: molecules cross {cost.dt / cost.cell_crossing_time:.3g} cells per step "
                      f"(> 1); give dt <= {0.25 * cost.cell_crossing_time:.3g} s (the default)", ValidityWarning,
                      stacklevel=stacklevel)
    if cost.cell_size > cost.mean_free_path:
        warnings.warn(f"cells of {cost.cell_size / cost.mean_free_path:.3g} mean free paths (> 1) at Kn = "
                      f"{problem.knudsen:g}: collision partners are too far apart and the heat flux is biased (+3 % "
                      f"at 2 mean free paths); use n_cells >= {math.ceil(3 * problem.gap / cost.mean_free_path)} "
                      f"(cells of lambda/3)", ValidityWarning, stacklevel=stacklevel)
    if cost.seconds > WARN_SECONDS:
        warnings.warn(f"this DSMC run is estimated at {_duration(cost.seconds)}: {cost}", CostWarning,
                      stacklevel=stacklevel)
    return cost


def _result(problem, acc, wall, n_steps, dt, n_cells, per_cell):
    p = problem
    m = p.molecular_mass
    fnum = p.number_density * p.gap / (n_cells * per_cell)
    dz = p.gap / n_cells
    cnt = np.maximum(acc[:, 0], 1.0)
    n_samples = max(int(acc[0, 10]), 1)  # steps at which the molecules were sampled
    density = acc[:, 0] * fnum / (dz * n_samples)
    u = acc[:, 1:4] / cnt[:, None]
    v2 = acc[:, 4] / cnt
    vvz = acc[:, 5:8] / cnt[:, None]
    v2vz = acc[:, 8] / cnt
    temperature = m / (3.0 * BOLTZMANN) * (v2 - np.sum(u**2, axis=1))
    # <C^2 C_z> = <v^2 v_z> - u_z <v^2> - 2 sum_i u_i <v_i v_z> + 2 u_z |u|^2   (using <v_i> = u_i)
    c2cz = v2vz - u[:, 2] * v2 - 2.0 * np.sum(u * vvz, axis=1) + 2.0 * u[:, 2] * np.sum(u * u, axis=1)
    heat_flux = 0.5 * m * density * c2cz
    time = n_steps * dt
    q_walls = (-wall[0] / time, wall[1] / time)  # both negative when heat flows from z = L to z = 0
    z_c = (np.arange(n_cells) + 0.5) * dz
    q_fm = free_molecular_heat_flux(p.number_density, m, p.t_lo, p.t_hi)
    return FourierResult(z_c, density, temperature, heat_flux, q_walls, q_fm, acc.copy(), n_samples, p)


# --- resumable runs: the same store mechanism as sweeps --------------------------------------------------------
class _FourierStore:
    """``<store>`` (NetCDF, rewritten after every block), ``<store>.dsmc/`` (manifest.json with the run's
    definition and fingerprint; state.npz with the molecules and the block accumulators after the last finished
    block) and the lock ``<store>.lock`` (:class:`thermophoresis._resume.StoreLock`)."""

    FORMAT = 1

    def __init__(self, path, definition: dict, *, resume: bool, overwrite: bool):
        import json
        import pathlib
        import shutil

        from .._resume import StoreLock, differences, fingerprint, read_manifest, remove_temporaries

        p = pathlib.Path(path)
        if p.suffix.lower() not in (".nc", ".nc4", ".netcdf"):
            raise InputError(f"store must be a path ending in .nc, got {str(path)!r}")
        if p.is_dir():
            raise InputError(f"store {str(path)!r} is a directory; a DSMC store is a NetCDF file")
        self.path, self.meta = p, p.with_name(p.name + ".dsmc")
        self.manifest_file, self.state_file = self.meta / "manifest.json", self.meta / "state.npz"
        self.lock = StoreLock(p).acquire()
        try:
            remove_temporaries(p, self.meta)
            self.fingerprint = fingerprint(definition)
            manifest = read_manifest(self.manifest_file, self.meta)
            if overwrite or (manifest is not None and not resume and manifest.get("fingerprint") == self.fingerprint):
                if self.meta.exists():
                    shutil.rmtree(self.meta)
                p.unlink(missing_ok=True)
                manifest = None
            elif manifest is not None and manifest.get("fingerprint") != self.fingerprint:
                diff = differences(manifest.get("definition", {}), json.loads(json.dumps(definition)))
                raise InputError(f"store {str(path)!r} holds another DSMC run ({', '.join(diff) or 'the definition'} "
                                 f"differ); use another store, or overwrite=True (CLI: --overwrite) to discard it")
            elif manifest is None and p.exists():
                raise InputError(f"store {str(path)!r} exists but was not written by a DSMC run (no "
                                 f"{self.manifest_file}); choose another store, or pass overwrite=True (CLI: "
                                 f"--overwrite) to replace it")
            if manifest is None:
                from .._version import __version__
                from .._resume import atomic_write_text

                self.meta.mkdir(parents=True, exist_ok=True)
                atomic_write_text(self.manifest_file, json.dumps(
                    {"format": self.FORMAT, "kind": "dsmc-fourier", "fingerprint": self.fingerprint,
                     "definition": definition, "package_version": __version__}, indent=1))
        except BaseException:
            self.lock.release()
            raise

    def close(self):
        self.lock.release()

    def load(self):
        """The saved state (dict of arrays) or None."""
        if not self.state_file.exists():
            return None
        with np.load(self.state_file) as f:
            return {k: f[k] for k in f.files}

    def save(self, st: "_State", block_acc: list, block_wall: list):
        from .._resume import atomic_write

        n_cells = st.n_cells
        with atomic_write(self.state_file) as tmp, open(tmp, "wb") as f:
            np.savez(f, z=st.z, vx=st.vx, vy=st.vy, vz=st.vz, cell=st.cell, sigma_cr_max=st.sigma_cr_max,
                     step=np.int64(st.step), block_acc=np.array(block_acc).reshape(-1, n_cells, 11),
                     block_wall=np.array(block_wall).reshape(-1, 2))

    def write(self, ds):
        from .._resume import atomic_write

        with atomic_write(self.path) as tmp:
            ds.to_netcdf(tmp, engine="scipy")


def _definition(p: FourierProblem, n_cells, per_cell, dt, burn_in, block_steps, seed, sample_every, radius) -> dict:
    return {"format": 1, "kind": "dsmc-fourier",
            "problem": {"gap": float(p.gap), "t_lo": float(p.t_lo), "t_hi": float(p.t_hi),
                        "knudsen": float(p.knudsen), "gas": p.gas, "model": p.model,
                        "accommodation": float(p.accommodation)},
            "n_cells": int(n_cells), "per_cell": int(per_cell), "dt": float(dt), "burn_in": int(burn_in),
            "block_steps": int(block_steps), "seed": int(seed), "sample_every": int(sample_every),
            "radius": None if radius is None else float(radius)}


def _blocks_dataset(so_far: "FourierResult", blocks: list, radius, n_blocks: int, fingerprint: str):
    ds = so_far.to_dataset(radius)
    if len(blocks) >= 2:
        for name, err in profile_standard_errors(blocks).items():
            var = "number_density" if name == "density" else name
            ds[f"{var}_standard_error"] = ("z", err, {"units": ds[var].attrs["units"]})
    ds.attrs["blocks_done"] = len(blocks)
    ds.attrs["blocks_planned"] = int(n_blocks)
    ds.attrs["run_fingerprint"] = fingerprint
    return ds


#: docstring text the Fourier-run functions share (filled by :func:`~thermophoresis._docs.fill`)
_DOC = {"fourier_inputs": """problem : FourierProblem
    The gas, molecular model, plates, wall accommodation and Knudsen number.
n_cells : int
    Cells across the gap (cells of a fraction of the mean free path: a ValidityWarning above one).
per_cell : int
    Simulated molecules per cell at the start.
dt : float, optional
    Time step [s], > 0, below a mean collision time and a gap crossing (refused otherwise); default a
    quarter of a cell crossing at the most probable speed at the mean wall temperature.
burn_in : int
    Time steps before sampling starts."""}


def _cache_counts():
    """(misses, hits) of Numba's on-disk cache, summed over the DSMC's compiled functions."""
    return cache_counts(vars(_kernels).values())


def compile_kernels() -> dict:
    """Compile the DSMC's kernels into Numba's on-disk cache (or load them from it) ahead of a first run.

    The first :func:`run_fourier` in a process whose cache has not seen the kernels compiles them: 16-20 s
    on the development machine (docs/kinetic.md, "First run on a fresh cache"); a later process loads them in
    about 0.3 s. This pays that ahead (``thermophoresis compile --targets dsmc``) with a run of one burn-in
    and one sampled step of 64 molecules, whose compiled types are those of every run, whatever the gas,
    molecular model, Knudsen number, cells, threads or sampling (tests/kinetic/test_dsmc_compile.py). Where
    the cache is and when a run finds it: :mod:`thermophoresis.lagrangian.precompile`.

    Returns
    -------
    dict
        ``{"target": "dsmc", "status": ..., "seconds": ...}``: the status one of ``"compiled"`` (and written
        to the cache), ``"loaded"`` (from it) or ``"in memory"`` (compiled or loaded earlier in this
        process); the seconds of wall time.

    References
    ----------
    .. [1] Lam, S. K., Pitrou, A., Seibert, S. (2015). Numba: a LLVM-based Python JIT compiler. Proceedings of
       the Second Workshop on the LLVM Compiler Infrastructure in HPC, doi:10.1145/2833157.2833162 (the
       compiler; its on-disk cache, ``cache=True``, is described in its documentation, "Notes on caching").
    """
    import warnings

    before = _cache_counts()
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)  # a tiny run, numbers unused
        run_fourier(FourierProblem(knudsen=1.0), n_cells=4, per_cell=16, burn_in=1, n_steps=1, seed=0, threads=1)
    status = cache_status(vars(_kernels).values(), before)
    return {"target": "dsmc", "status": status, "seconds": time.perf_counter() - t0}


@fill(_DOC)
def run_fourier(problem: FourierProblem, n_cells: int = 50, per_cell: int = 100, dt=None, burn_in: int = 400,
                n_steps: int = 2000, seed: int = 0, threads: int | None = None,
                sample_every: int = 1, max_seconds: float | None = None) -> FourierResult:
    """Run the DSMC Fourier problem and return sampled profiles.

    ``dt`` defaults to a quarter of a cell crossing at the most probable speed at the mean wall
    temperature. ``threads`` (default: Numba's setting) is the most threads used (fewer while other processes
    hold the cores); it does not change the result. The molecules are sampled every ``sample_every`` steps
    (successive steps are strongly correlated; sampling costs about as much as moving); the wall heat flux is
    accumulated at every step. The run is checked first (:func:`check_run`: refused when the time step
    reaches the mean collision time or a gap crossing, or the estimate exceeds ``max_seconds``; warned when
    the time step or the cells are too coarse).

    Parameters
    ----------
    %(fourier_inputs)s
    n_steps : int
        Sampled time steps after the burn-in.
    seed : int
        Seed of the counter-based random streams (a seed gives the same result on any number of threads).
    threads : int, optional
        The most threads used (default: Numba's setting); it does not change the result.
    sample_every : int
        Steps between samples of the molecules, >= 1 (the wall heat flux is accumulated at every step).
    max_seconds : float, optional
        Refuse the run if its estimate (:func:`estimate_cost`) exceeds this [s], > 0.

    Returns
    -------
    FourierResult
        Cell-centre profiles of density [1/m^3], temperature [K] and heat flux [W/m^2], the wall heat
        fluxes [W/m^2] and the moments for the force on a small sphere.

    References
    ----------
    .. [1] Bird, G. A. (1994). Molecular Gas Dynamics and the Direct Simulation of Gas Flows. Oxford
       (NTC: §11.1; VHS: §4.3; diffuse reflection: §12.3; molecular parameters: Table A1).
    .. [2] Koura, K., Matsumoto, H. (1991). Phys. Fluids A 3, 2459-2465 (the VSS model).
    .. [3] Checked against the exact free-molecular heat flux and force (Kn = 1000; derived here), the
       Chapman-Enskog conductivity and the temperature jump of Sone, Ohwada & Aoki (1989) as quoted in
       ``docs/kinetic.md``, section "Validation (tests)" (``tests/kinetic/test_dsmc.py``).
    """
    if int(sample_every) < 1:
        raise InputError(f"sample_every = {sample_every}; must be >= 1")
    st = _State(problem, n_cells, per_cell, dt, seed, threads)
    st.cost = check_run(problem, n_cells, per_cell, st.dt, burn_in + n_steps, threads, max_seconds)
    acc = np.zeros((n_cells, 11))
    wall = np.zeros(2)
    st.advance(burn_in, acc, wall, sample=False)
    st.advance(n_steps, acc, wall, sample_every=sample_every)
    return _result(problem, acc, wall, n_steps, st.dt, n_cells, per_cell)


@fill(_DOC)
def run_fourier_blocks(problem: FourierProblem, n_cells: int = 50, per_cell: int = 100, dt=None, burn_in: int = 400,
                       block_steps: int = 500, n_blocks: int = 10, seed: int = 0, progress=None,
                       threads: int | None = None, on_block=None, sample_every: int = 1, *, store=None,
                       resume: bool = True, overwrite: bool = False, radius=None, max_seconds: float | None = None):
    """Run in sampling blocks and return (combined result, list of per-block results).

    The spread of the block results gives standard errors (blocks longer than the correlation time are
    nearly independent). ``progress(done_blocks, n_blocks)`` is called at the start and after each block, and
    ``on_block(index, block_result, combined_so_far)`` after each block computed in this call.

    With ``store`` (a ``.nc`` path) the run is resumable, like a sweep: after every block the molecules and
    the block sums are saved in ``<store>.dsmc/`` and the profiles so far (with standard errors, attributes
    ``blocks_done`` and ``blocks_planned``, and the force on a sphere of ``radius`` if given) are written to
    ``<store>``. A rerun with the same inputs continues from the last finished block and gives the result of
    an uninterrupted run bit for bit (a larger ``n_blocks`` extends a finished run); other inputs are refused,
    naming what differs, unless ``overwrite=True``; ``resume=False`` starts again. The store is locked while
    the run uses it (a second run on it is refused). ``threads`` and ``progress`` may differ between runs.

    Parameters
    ----------
    %(fourier_inputs)s
    block_steps : int
        Time steps per sampling block, >= 1.
    n_blocks : int
        Sampling blocks, >= 2 (their spread gives the standard errors).
    seed : int
        Seed of the counter-based random streams (a seed gives the same result on any number of threads).
    progress : callable, optional
        Called as ``progress(done_blocks, n_blocks)``.
    threads : int, optional
        The most threads used (default: Numba's setting); it does not change the result.
    on_block : callable, optional
        Called as ``on_block(index, block_result, combined_so_far)`` after each block computed in this call.
    sample_every : int
        Steps between samples of the molecules, between 1 and ``block_steps``.
    store : str or path-like, optional
        A ``.nc`` path that makes the run resumable (see above).
    resume : bool
        Continue from the store's last finished block (``False``: start again).
    overwrite : bool
        Replace a store whose run definition differs.
    radius : float, optional
        Test-sphere radius [m], > 0, for the force profile written to the store.
    max_seconds : float, optional
        Refuse the run if its estimate (:func:`estimate_cost`) exceeds this [s], > 0.

    Returns
    -------
    total : FourierResult
        The whole sampling period combined: profiles of density [1/m^3], temperature [K], heat flux
        [W/m^2], and the wall heat fluxes [W/m^2].
    blocks : list of FourierResult
        One result per block, in order.

    References
    ----------
    .. [1] Bird, G. A. (1994). Molecular Gas Dynamics and the Direct Simulation of Gas Flows. Oxford
       (NTC: §11.1; VHS: §4.3; diffuse reflection: §12.3; molecular parameters: Table A1).
    .. [2] Koura, K., Matsumoto, H. (1991). Phys. Fluids A 3, 2459-2465 (the VSS model).
    .. [3] Block standard errors and the resumable store: designed here (``docs/kinetic.md``, sections
       "Resumable runs and the dsmc command" and "Results").
    """
    if isinstance(n_blocks, bool) or int(n_blocks) < 2 or int(block_steps) < 1:
        raise InputError(f"n_blocks = {n_blocks}, block_steps = {block_steps}: need n_blocks >= 2, block_steps >= 1")
    if not 1 <= int(sample_every) <= block_steps:
        raise InputError(f"sample_every = {sample_every}; must be between 1 and block_steps = {block_steps}")
    if radius is not None:
        radius = check_positive("radius", radius, "m")
    p = problem
    st = _State(p, n_cells, per_cell, dt, seed, threads)
    st.cost = check_run(p, n_cells, per_cell, st.dt, burn_in + block_steps * n_blocks, threads, max_seconds)
    saved = None
    if store is not None:
        saved = _FourierStore(store, _definition(p, n_cells, per_cell, st.dt, burn_in, block_steps, seed,
                                                 sample_every, radius), resume=resume, overwrite=overwrite)
    try:
        block_acc, block_wall = [], []
        state = saved.load() if saved is not None else None
        if state is not None:
            done = state["block_acc"].shape[0]
            if done > n_blocks:
                raise InputError(f"store {str(store)!r} holds {done} finished blocks, more than n_blocks = {n_blocks}; "
                                 f"ask for n_blocks >= {done}, or overwrite=True to start again")
            for name in ("z", "vx", "vy", "vz", "cell", "sigma_cr_max"):
                setattr(st, name, np.ascontiguousarray(state[name]))
            st.step = int(state["step"])
            block_acc = list(state["block_acc"])
            block_wall = list(state["block_wall"])
        else:
            st.advance(burn_in, np.zeros((n_cells, 11)), np.zeros(2), sample=False)
            if saved is not None:
                saved.save(st, block_acc, block_wall)

        def result(acc, wall, steps):
            return _result(p, acc, wall, steps, st.dt, n_cells, per_cell)

        blocks = [result(a, w, block_steps) for a, w in zip(block_acc, block_wall)]
        total_acc = np.zeros((n_cells, 11))
        total_wall = np.zeros(2)
        for a, w in zip(block_acc, block_wall):  # the same additions, in the same order, as the run that made them
            total_acc += a
            total_wall += w
        if progress is not None:
            progress(len(blocks), n_blocks)
        for b in range(len(blocks), n_blocks):
            acc = np.zeros((n_cells, 11))
            wall = np.zeros(2)
            st.advance(block_steps, acc, wall, sample_every=sample_every)
            blocks.append(result(acc, wall, block_steps))
            block_acc.append(acc)
            block_wall.append(wall)
            total_acc += acc
            total_wall += wall
            so_far = result(total_acc, total_wall, block_steps * (b + 1))
            if saved is not None:
                saved.save(st, block_acc, block_wall)
                saved.write(_blocks_dataset(so_far, blocks, radius, n_blocks, saved.fingerprint))
            if on_block is not None:
                on_block(b, blocks[-1], so_far)
            if progress is not None:
                progress(b + 1, n_blocks)
        total = result(total_acc, total_wall, block_steps * n_blocks)
        if saved is not None:
            saved.write(_blocks_dataset(total, blocks, radius, n_blocks, saved.fingerprint))
    finally:
        if saved is not None:
            saved.close()
    return total, blocks


@dataclass
class FourierStudy:
    """A block-sampled DSMC run with everything a report needs: :meth:`to_dict` (for ``dsmc --json``) and
    :meth:`to_dataset`. Standard errors are magnitudes (also with the walls swapped, t_lo > t_hi)."""

    problem: FourierProblem
    radius: float
    total: FourierResult
    blocks: list
    cost: FourierCost
    #: the run's settings (cells, per_cell, blocks, block_steps, seed, sample_every, netcdf), echoed by to_dict
    inputs: dict = field(default_factory=dict)

    def wall_heat_flux(self):
        """Mean over both walls of the heat flux from z = L towards z = 0 [W/m^2], and its standard error."""
        q = np.array([-np.mean(b.wall_heat_flux) for b in self.blocks])
        return float(q.mean()), float(q.std(ddof=1) / math.sqrt(q.size))

    def to_dataset(self):
        return _blocks_dataset(self.total, self.blocks, self.radius, len(self.blocks), "")

    def to_dict(self) -> dict:
        p, a, total, parts = self.problem, self.radius, self.total, self.blocks
        prof = force_ratios(parts, a)
        core = force_ratios(parts, a, core=0.6)
        q, se = self.wall_heat_flux()
        q_fm = total.free_molecular_heat_flux
        errors = profile_standard_errors(parts)
        return {
            "units": "SI",
            "gas": p.gas,
            "model": p.model,
            "knudsen": p.knudsen,
            "gap_m": p.gap,
            "t_lo_K": p.t_lo,
            "t_hi_K": p.t_hi,
            "accommodation": p.accommodation,
            "radius_m": a,
            "n_blocks": len(parts),
            "number_density_per_m3": p.number_density,
            "wall_heat_flux_W_m2": q,
            "wall_heat_flux_standard_error": se,
            "free_molecular_heat_flux_W_m2": q_fm,
            "heat_flux_ratio": q / q_fm,
            "heat_flux_ratio_standard_error": se / abs(q_fm),
            "z_m": total.z,
            "temperature_K": total.temperature,
            "temperature_standard_error": errors["temperature"],
            "number_density_per_m3_profile": total.density,
            "heat_flux_W_m2_profile": total.heat_flux,
            "heat_flux_standard_error": errors["heat_flux"],
            "force_N": total.force_profile(a),
            "force_ratio_to_waldmann": prof["waldmann"],
            "force_ratio_to_waldmann_standard_error": prof["waldmann_se"],
            "force_ratio_to_free_molecular": prof["free_molecular"],
            "force_ratio_standard_error": prof["free_molecular_se"],
            "core_force_ratio_to_waldmann": [core["waldmann"], core["waldmann_se"]],
            "core_force_ratio_to_free_molecular": [core["free_molecular"], core["free_molecular_se"]],
            "cost_estimate": self.cost.to_dict(),
            "force_reference": "Waldmann's force from each cell's heat flux and temperature; free-molecular: the "
                               "exact force between the plates (two half-Maxwellians)",
            "molecular_model": p.model,
            "inputs": dict(self.inputs),
        }


def fourier_study(problem: FourierProblem, radius: float = 1e-8, n_cells: int = 40, per_cell: int = 100,
                  n_blocks: int = 10, block_steps: int = 500, burn_in: int = 400, dt=None, seed: int = 0,
                  threads: int | None = None, sample_every: int = 1, store=None, resume: bool = True,
                  overwrite: bool = False, progress=None, max_seconds: float | None = None) -> FourierStudy:
    """The ``dsmc`` command as one library call: checks, runs (resumably with ``store``) and summarises.

    Parameters
    ----------
    problem : FourierProblem
        The gas, molecular model, plates, wall accommodation and Knudsen number.
    radius : float
        Radius of the test sphere of the force profile [m], > 0 (small against the mean free path).
    n_cells, per_cell : int
        Cells across the gap and molecules per cell, as in :func:`run_fourier_blocks`.
    n_blocks, block_steps, burn_in : int
        Sampling blocks (>= 2), steps per block (>= 1) and burn-in steps.
    dt : float, optional
        Time step [s], > 0 (default as in :func:`run_fourier_blocks`).
    seed : int
        Seed of the random streams.
    threads : int, optional
        The most threads used; it does not change the result.
    sample_every : int
        Steps between samples of the molecules.
    store : str or path-like, optional
        A ``.nc`` path that makes the run resumable.
    resume, overwrite : bool
        As in :func:`run_fourier_blocks`.
    progress : callable, optional
        Called as ``progress(done_blocks, n_blocks)``.
    max_seconds : float, optional
        Refuse the run if its estimate exceeds this [s], > 0.

    Returns
    -------
    FourierStudy
        The run (combined and per block), its cost estimate and inputs; ``to_dict()`` is the ``dsmc --json``
        payload (SI units, keys carry them: ``wall_heat_flux_W_m2``, ``force_N``, ...).

    References
    ----------
    .. [1] Bird, G. A. (1994). Molecular Gas Dynamics and the Direct Simulation of Gas Flows. Oxford
       (the method, see :func:`run_fourier`).
    .. [2] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599 (the force each ratio is taken against).
    """
    radius = check_positive("radius", radius, "m")
    total, blocks = run_fourier_blocks(problem, n_cells, per_cell, dt=dt, burn_in=burn_in, block_steps=block_steps,
                                       n_blocks=n_blocks, seed=seed, progress=progress, threads=threads,
                                       sample_every=sample_every, store=store, resume=resume, overwrite=overwrite,
                                       radius=radius, max_seconds=max_seconds)
    cost = estimate_cost(problem, n_cells, per_cell, dt, burn_in + block_steps * n_blocks, threads)
    inputs = {"cells": n_cells, "per_cell": per_cell, "blocks": n_blocks, "block_steps": block_steps, "seed": seed,
              "sample_every": sample_every, "netcdf": None if store is None else str(store)}
    return FourierStudy(problem, radius, total, blocks, cost, inputs)


def _jackknife_ratio(num, den):
    """Ratio of block sums and its jackknife standard error (blocks along axis 0)."""
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    nb_ = num.shape[0]
    ratio = num.sum(axis=0) / den.sum(axis=0)
    leave = (num.sum(axis=0) - num) / (den.sum(axis=0) - den)
    se = np.sqrt((nb_ - 1) / nb_ * np.sum((leave - leave.mean(axis=0)) ** 2, axis=0))
    return ratio, se


def force_ratios(blocks, radius, core: float | None = None):
    """Force on a small sphere relative to Waldmann's (local q and T) and to the free-molecular plate force.

    Returns a dict of profiles (or, with ``core``, averages over the central fraction ``core`` of the gap):
    ``waldmann`` and ``free_molecular`` ratios with jackknife standard errors over the blocks.

    Parameters
    ----------
    blocks : list of FourierResult
        Per-block results of one run (:func:`run_fourier_blocks`), at least 2.
    radius : float
        Radius of the test sphere [m], > 0 (small against the mean free path).
    core : float, optional
        Central fraction of the gap to average over [-], in (0, 1]; default: the whole profile.

    Returns
    -------
    dict
        ``z`` [m]; ``waldmann``, ``waldmann_se``, ``free_molecular``, ``free_molecular_se`` [-] (profiles, or
        averages over the core).

    References
    ----------
    .. [1] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599 (the force from each cell's heat flux and
       temperature).
    .. [2] The free-molecular plate force is derived here
       (:func:`thermophoresis.kinetic.greens.half_maxwellian_plates_force`); the ratios and their jackknife
       errors are described in ``docs/kinetic.md``, section "Results".
    """
    from .greens import half_maxwellian_plates_force

    if len(blocks) < 2:
        raise InputError(f"need at least 2 blocks for standard errors, got {len(blocks)}")
    p = blocks[0].problem
    z = blocks[0].z
    sel = np.abs(z / p.gap - 0.5) < 0.5 * core if core is not None else slice(None)
    force = np.array([b.force_profile(radius)[sel] for b in blocks])
    wald = np.array([b.waldmann_force(radius)[sel] for b in blocks])
    # the hot plate is at z = L when t_hi > t_lo, so the free-molecular force points to -z
    f_fm = -half_maxwellian_plates_force(radius, p.number_density, p.t_hi, p.t_lo)
    if core is not None:
        force, wald = force.sum(axis=1), wald.sum(axis=1)
    rw, rw_se = _jackknife_ratio(force, wald)
    fm = force / f_fm / (1 if core is None else np.count_nonzero(sel))
    return {"z": z[sel], "waldmann": rw, "waldmann_se": rw_se, "free_molecular": fm.mean(axis=0),
            "free_molecular_se": fm.std(axis=0, ddof=1) / math.sqrt(fm.shape[0])}


def profile_standard_errors(blocks):
    """Standard errors of the density, temperature and heat-flux profiles from the spread of the blocks.

    Parameters
    ----------
    blocks : list of FourierResult
        Per-block results of one run (:func:`run_fourier_blocks`), at least 2.

    Returns
    -------
    dict
        ``density`` [1/m^3], ``temperature`` [K] and ``heat_flux`` [W/m^2]: the standard deviation of the block
        profiles over the square root of their number (blocks longer than the correlation time are nearly
        independent).

    References
    ----------
    .. [1] Block averages as described here (:func:`run_fourier_blocks`, ``docs/kinetic.md``); no published
       estimator beyond the mean's standard error is implemented.
    """
    if len(blocks) < 2:
        raise InputError(f"need at least 2 blocks for standard errors, got {len(blocks)}")
    out = {}
    for name in ("density", "temperature", "heat_flux"):
        x = np.array([getattr(b, name) for b in blocks])
        out[name] = x.std(axis=0, ddof=1) / math.sqrt(x.shape[0])
    return out
