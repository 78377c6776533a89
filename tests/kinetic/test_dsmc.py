"""DSMC of the Fourier problem: free-molecular limits, reproducibility, trends."""

import math

import numpy as np
import pytest

from thermophoresis import InputError
from thermophoresis.kinetic import half_maxwellian_plates_force
from thermophoresis.kinetic.dsmc import FourierProblem, free_molecular_heat_flux, run_fourier


def _runs(kn, seeds=(0, 1, 2, 3)):
    p = FourierProblem(knudsen=kn)
    return p, [run_fourier(p, n_cells=20, per_cell=200, n_steps=3000, burn_in=600, seed=s) for s in seeds]


def test_free_molecular_limit_heat_flux_and_force():
    # Kn = 1000: the gas is two half-Maxwellians; the wall heat flux and the force on a small sphere at every
    # height must equal the exact two-stream results. Tolerance: 4 standard errors over independent seeds,
    # plus 0.5 % for the O(ln(Kn)/Kn) effect of the remaining collisions.
    p, runs = _runs(1000.0)
    q = np.array([-np.mean(r.wall_heat_flux) for r in runs]) / free_molecular_heat_flux(
        p.number_density, p.molecular_mass, p.t_lo, p.t_hi)
    assert abs(q.mean() - 1) < 4 * q.std(ddof=1) / math.sqrt(q.size) + 0.005
    exact = half_maxwellian_plates_force(10e-9, p.number_density, p.t_hi, p.t_lo)  # hot plate is at z = L here
    f = np.array([r.force_profile(10e-9).mean() for r in runs]) / -exact
    assert abs(f.mean() - 1) < 4 * f.std(ddof=1) / math.sqrt(f.size) + 0.005
    # both walls see the same heat flux in a steady state
    for r in runs:
        assert r.wall_heat_flux[0] == pytest.approx(r.wall_heat_flux[1], rel=0.05)


def test_heat_flux_falls_below_free_molecular_as_collisions_set_in():
    ratios = []
    for kn in (10.0, 1.0, 0.1):
        p, runs = _runs(kn, seeds=(0, 1))
        ratios.append(np.mean([-np.mean(r.wall_heat_flux) for r in runs]) / free_molecular_heat_flux(
            p.number_density, p.molecular_mass, p.t_lo, p.t_hi))
    assert ratios[0] > ratios[1] > ratios[2]
    assert 0.9 < ratios[0] < 1.0 and 0.2 < ratios[2] < 0.35


def test_reproducible_with_seed_and_profiles_sensible():
    p = FourierProblem(knudsen=0.5)
    a = run_fourier(p, n_cells=10, per_cell=50, n_steps=200, burn_in=50, seed=7)
    b = run_fourier(p, n_cells=10, per_cell=50, n_steps=200, burn_in=50, seed=7)
    np.testing.assert_array_equal(a.temperature, b.temperature)
    c = run_fourier(p, n_cells=10, per_cell=50, n_steps=200, burn_in=50, seed=8)
    assert not np.array_equal(a.temperature, c.temperature)
    # temperature rises from the cold to the hot plate, with jumps at both walls
    big = run_fourier(p, n_cells=10, per_cell=400, n_steps=2000, burn_in=400, seed=1)
    assert big.temperature[0] > p.t_lo and big.temperature[-1] < p.t_hi
    assert big.temperature[-1] > big.temperature[0]
    assert np.allclose(big.density.mean(), p.number_density, rtol=1e-12)


def test_bad_input():
    with pytest.raises(InputError, match="knudsen must be > 0"):
        FourierProblem(knudsen=0.0)
    with pytest.raises(InputError, match="model"):
        FourierProblem(model="lj")
    with pytest.raises(InputError, match="gas"):
        FourierProblem(gas="xenon")
    with pytest.raises(InputError, match="n_cells = 1"):
        run_fourier(FourierProblem(), n_cells=1)


def test_blocks_low_variance_estimator_and_cli():
    import json

    from typer.testing import CliRunner

    from thermophoresis.cli import app
    from thermophoresis.kinetic.dsmc import run_fourier_blocks

    p = FourierProblem(knudsen=1000.0)
    total, parts = run_fourier_blocks(p, 10, 200, block_steps=400, n_blocks=6, seed=2)
    exact = -half_maxwellian_plates_force(10e-9, p.number_density, p.t_hi, p.t_lo)
    lv = np.array([b.force_profile(10e-9) / exact for b in parts])
    raw = np.array([b.force_profile(10e-9, 1.0, 300.0, low_variance=False) / exact for b in parts])
    with pytest.raises(InputError, match="low_variance=False"):
        parts[0].force_profile(10e-9, 1.0, 300.0)
    # both estimate the same force (the subtracted terms have zero mean) ...
    assert abs(lv.mean() - raw.mean()) < 4 * np.hypot(lv.std(ddof=1), raw.std(ddof=1)) / math.sqrt(lv.size)
    assert abs(lv.mean() - 1) < 4 * lv.std(ddof=1) / math.sqrt(lv.size) + 0.01
    # ... and the combined run equals the blocks pooled
    assert total.n_samples == 6 * 400
    r = CliRunner().invoke(app, ["dsmc", "--knudsen", "100", "--cells", "8", "--per-cell", "50", "--blocks", "3",
                                 "--block-steps", "100", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert 0.8 < d["heat_flux_ratio"] < 1.1 and len(d["force_ratio_to_free_molecular"]) == 8
    assert len(d["force_ratio_to_waldmann"]) == 8
    r = CliRunner().invoke(app, ["dsmc", "--gas", "xenon"])
    assert r.exit_code == 2 and "gas" in r.stderr and "argon" in r.stderr


def test_bit_identical_on_one_and_two_threads():
    import numba

    if numba.config.NUMBA_NUM_THREADS < 2:
        pytest.skip("needs two Numba threads")
    p = FourierProblem(knudsen=0.05, model="vss")
    # 6000 molecules: two blocks, so the two threads really split the work
    a = run_fourier(p, n_cells=30, per_cell=200, n_steps=150, burn_in=30, seed=3, threads=1)
    b = run_fourier(p, n_cells=30, per_cell=200, n_steps=150, burn_in=30, seed=3, threads=2)
    np.testing.assert_array_equal(a.moments, b.moments)
    assert a.wall_heat_flux == b.wall_heat_flux


def test_model_parameters_reproduce_the_reference_viscosity():
    # Bird's d_ref, omega (and alpha) are fits to the viscosity at 273 K: with the first Chapman-Enskog
    # formula they must give it back (HS: the 1.016 of the converged approximation is in the diameter).
    from thermophoresis import Gas

    for gas, name in (("argon", "Ar"), ("helium", "He")):
        mu = float(Gas(name, 273.0).viscosity)
        for model in ("vhs", "vss"):
            assert FourierProblem(gas=gas, model=model).viscosity(273.0) == pytest.approx(mu, rel=0.01)
        assert 1.016 * FourierProblem(gas=gas).viscosity(273.0) == pytest.approx(mu, rel=0.01)


def _fits(problem, cells, per_cell, n_blocks=10, seed=1):
    from thermophoresis.kinetic.dsmc import run_fourier_blocks

    total, blocks = run_fourier_blocks(problem, cells, per_cell, burn_in=3000, block_steps=2000, n_blocks=n_blocks,
                                       seed=seed)
    fits = [b.continuum_fit() for b in blocks]
    mean = total.continuum_fit()
    se = {k: np.std([f[k] for f in fits], ddof=1) / math.sqrt(len(fits)) for k in mean}
    return mean, se


def test_continuum_limit_hard_spheres_conductivity_and_temperature_jump():
    # Kn = 0.05, cells of lambda/3: in the core, Fourier's law with the converged Chapman-Enskog conductivity of
    # hard spheres (1.02513 x first approximation); +0.5 % allowed for the cell size. The jump at each wall,
    # in local mean free paths, is the kinetic-theory value for hard spheres and diffuse walls:
    # d1 = 2.4001 in units of (sqrt(pi)/2) l (Sone, Ohwada & Aoki 1989), i.e. 2.127 l. Measured: 1.009, 2.13.
    jump = 2.4001 * math.sqrt(math.pi) / 2
    report = _validation_report_rows()
    if report is not None and all(q in report for q in VALIDATION_ROWS):
        # The documentation's validation report (docs/scripts/validation_report.py, dsmc()), built beside the
        # suite by tests/test_docs.py, runs this same simulation (same problem, 60 cells, 200 per cell, burn-in
        # 3000, 10 blocks of 2000 steps, seed 1: the same numbers on any number of threads) with these same
        # three checks (|ratio - 1| <= 4 SE + 0.005; |jump - d1| <= 4 SE, written relative to d1). Its
        # verdicts are taken instead of running it a second time; alone, this test runs it.
        for quantity, reference in zip(VALIDATION_ROWS, (1.0, jump, jump)):
            row = report[quantity]
            assert row["reference"] == pytest.approx(reference, rel=1e-5, abs=0), quantity  # 6 digits printed
            assert row["ok"], (quantity, row)
        return
    p = FourierProblem(knudsen=0.05, t_lo=200.0, t_hi=400.0)
    mean, se = _fits(p, 60, 200)
    assert abs(mean["conductivity_ratio"] - 1) < 4 * se["conductivity_ratio"] + 0.005
    for wall in ("jump_cold", "jump_hot"):
        assert abs(mean[wall] - jump) < 4 * se[wall]


#: the rows of the validation report that check test_continuum_limit_hard_spheres_conductivity_and_temperature_jump
VALIDATION_ROWS = ("Kn = 0.05: conductivity / Chapman–Enskog (converged)",
                   "Kn = 0.05: temperature jump, cold wall [local λ]",
                   "Kn = 0.05: temperature jump, hot wall [local λ]")


def _validation_report_rows():
    import sys

    docs = sys.modules.get("test_docs")
    rows = getattr(docs, "validation_rows", None)
    return rows() if callable(rows) else None


def _second_chapman_enskog_conductivity_factor(omega):
    # [k]_2/[k]_1 = 1 + a12^2/(a11 a22 - a12^2) (Chapman & Cowling, the conductivity bracket integrals of a
    # simple gas: a11 = 4 W22, a12 = 7 W22 - 2 W23, a22 = 77/4 W22 - 7 W23 + W24, W2s = Omega(2,s)). For VHS and
    # VSS the angular factor of Q(2) does not depend on g and sigma_T ~ g^(1 - 2 omega), so Omega(2,s) ~
    # Gamma(s + 5/2 - omega): W23/W22 = 9/2 - omega, W24/W22 = (9/2 - omega)(11/2 - omega). Hard spheres
    # (omega = 1/2): 1 + 1/44 = 1.0227 (the known second approximation); Maxwell molecules (omega = 1): 1.
    r3 = 4.5 - omega
    r4 = r3 * (5.5 - omega)
    a11, a12, a22 = 4.0, 7.0 - 2.0 * r3, 77.0 / 4.0 - 7.0 * r3 + r4
    return 1.0 + a12**2 / (a11 * a22 - a12**2)


def test_continuum_limit_vss_helium():
    # VSS helium at Kn = 0.05, cells of lambda/3. conductivity_ratio is the simulated conductivity over the
    # first Chapman-Enskog one of the VSS model. Expected, derived before measuring:
    # - at least the second approximation, 1.0107 for omega = 0.66 (above; the same for VHS and VSS: alpha only
    #   scales Omega(2,s));
    # - at most that x 1.0025 for the higher approximations (their share for hard spheres, 1.02513/1.02273, the
    #   largest of all omega >= 1/2), x (1 + 32/(225 pi)(dz/lambda)^2) for the cell size (Alexander, Garcia &
    #   Alder 1998; lambda the local hard-sphere-equivalent mean free path 32 mu/(5 pi rho c_mean), its
    #   smallest value in the core), the time-step error (~0.03 % at a quarter of a cell crossing) aside.
    # The bound is 4 standard errors of the 10 blocks on each side of that window. Isotropic scattering with the
    # VSS diameter is 6 alpha/((alpha + 1)(alpha + 2)) = 1.026 times the conductivity: this test's standard
    # error (1.5 %) cannot resolve it (0.3 % would need ~25x the run); tests/kinetic/test_dsmc_exact.py does, through the
    # momentum-transfer rate, where the difference is 13 %.
    from thermophoresis.constants import BOLTZMANN

    p = FourierProblem(knudsen=0.05, t_lo=200.0, t_hi=400.0, gas="helium", model="vss")
    from thermophoresis.kinetic.dsmc import run_fourier_blocks

    total, blocks = run_fourier_blocks(p, 60, 200, burn_in=3000, block_steps=2000, n_blocks=10, seed=1)
    ratios = np.array([b.continuum_fit()["conductivity_ratio"] for b in blocks])
    ratio, se = total.continuum_fit()["conductivity_ratio"], ratios.std(ddof=1) / math.sqrt(ratios.size)
    core = np.abs(total.z / p.gap - 0.5) < 0.3
    t, n = total.temperature[core], total.density[core]
    c_mean = np.sqrt(8 * BOLTZMANN * t / (math.pi * p.molecular_mass))
    mfp = 32 * p.viscosity(t) / (5 * math.pi * p.molecular_mass * n * c_mean)
    low = _second_chapman_enskog_conductivity_factor(p.omega)
    high = low * (1.02513 / 1.02273) * (1 + 32 / (225 * math.pi) * (p.gap / 60 / mfp.min()) ** 2)
    assert _second_chapman_enskog_conductivity_factor(0.5) == pytest.approx(1 + 1 / 44, rel=1e-12, abs=0)
    assert se < 0.025  # about 1.5 %
    assert low - 4 * se < ratio < high + 4 * se


def test_convergence_in_cells_time_step_and_particles_per_cell():
    # Kn = 0.1, wall heat flux / free-molecular. Cells of 2 lambda overestimate the heat flux (the collision
    # partners are too far apart: measured +0.03); at lambda/3 and lambda/6 it has converged. The time step
    # (0.5 and 0.125 of a cell crossing at the most probable speed) and 20 vs 100 particles per cell agree.
    from thermophoresis.kinetic.dsmc import _default_dt, run_fourier_blocks

    p = FourierProblem(knudsen=0.1)

    def q(cells, per_cell, dt_factor=0.25, n_blocks=16):
        dt = _default_dt(p, cells) * dt_factor / 0.25
        steps = int(round(1500 * 0.25 / dt_factor))
        _, blocks = run_fourier_blocks(p, cells, per_cell, dt=dt, burn_in=steps, block_steps=steps,
                                       n_blocks=n_blocks, seed=cells + per_cell)
        r = np.array([-np.mean(b.wall_heat_flux) / b.free_molecular_heat_flux for b in blocks])
        return r.mean(), r.std(ddof=1) / math.sqrt(r.size)

    def close(a, b, slack=0.01):
        return abs(a[0] - b[0]) < 4 * math.hypot(a[1], b[1]) + slack * b[0]

    fine = q(60, 100)
    base = q(30, 100)
    coarse = q(5, 100)
    assert close(base, fine)
    assert coarse[0] - fine[0] > 4 * math.hypot(coarse[1], fine[1])
    assert close(q(30, 100, dt_factor=0.5), q(30, 100, dt_factor=0.125))
    assert close(q(30, 20, n_blocks=32), base)


def test_cli_writes_netcdf_as_it_goes_and_force_ratios(tmp_path):
    import xarray as xr
    from typer.testing import CliRunner

    from thermophoresis.cli import app
    from thermophoresis.kinetic.dsmc import force_ratios, run_fourier_blocks

    nc = tmp_path / "run.nc"
    r = CliRunner().invoke(app, ["dsmc", "--gas", "helium", "--model", "vss", "--knudsen", "1", "--cells", "8",
                                 "--per-cell", "50", "--blocks", "3", "--block-steps", "100", "--netcdf", str(nc),
                                 "--output", str(tmp_path / "f.png")])
    assert r.exit_code == 0, r.output
    with xr.open_dataset(nc) as ds:
        assert ds.attrs["blocks_done"] == 3 and ds.attrs["gas"] == "helium"
        assert ds["temperature"].attrs["units"] == "K" and ds.sizes["z"] == 8
        assert np.all(ds["temperature_standard_error"] > 0)
    # free-molecular limit: the force / Waldmann's force from the same q and T equals the two-stream value
    # F_fm / F_W(q_fm, sqrt(T_hot T_cold)) (the kinetic temperature of the two half-Maxwellians)
    from thermophoresis.kinetic import half_maxwellian_plates_force

    p = FourierProblem(knudsen=1000.0)
    _, blocks = run_fourier_blocks(p, 10, 200, block_steps=400, n_blocks=8, seed=5)
    ratio = force_ratios(blocks, 10e-9, core=0.6)
    t_kin = math.sqrt(p.t_lo * p.t_hi)
    f_w = 8 * math.sqrt(2 * math.pi) / 15 * 1e-16 * math.sqrt(p.molecular_mass / (1.380649e-23 * t_kin)) * \
        free_molecular_heat_flux(p.number_density, p.molecular_mass, p.t_lo, p.t_hi)
    expected = half_maxwellian_plates_force(10e-9, p.number_density, p.t_hi, p.t_lo) / f_w
    assert abs(ratio["waldmann"] - expected) < 4 * ratio["waldmann_se"] + 0.01 * expected


def test_sampling_every_few_steps():
    p = FourierProblem(knudsen=0.5)
    a = run_fourier(p, n_cells=10, per_cell=100, n_steps=400, burn_in=100, seed=4, sample_every=4)
    assert a.n_samples == 100
    assert np.allclose(a.density.mean(), p.number_density, rtol=1e-12)   # normalised by the samples taken
    b = run_fourier(p, n_cells=10, per_cell=100, n_steps=400, burn_in=100, seed=4)
    # the dynamics do not depend on sampling: the wall heat flux (summed every step) is identical
    assert a.wall_heat_flux == b.wall_heat_flux
    with pytest.raises(InputError, match="sample_every"):
        run_fourier(p, sample_every=0)
