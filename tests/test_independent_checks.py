"""Checks against independent values for areas the other tests covered only by sign, band or self-consistency.

Each test says what the reference is: an exact limit, a third-party library (CoolProp, Cantera), a second
method, or a composition of two separately tested modules. Each is tight enough that the planted errors of
issue 17 (a dropped factor, a constant x1.07, an exponent changed) fail.
"""

import math
import warnings

import numpy as np
import pytest

from thermophoresis import Gas, Particle, ValidityWarning
from thermophoresis.constants import GAS_CONSTANT


def quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        return fn(*args, **kwargs)


# ---- photophoresis: the velocity's Cunningham factor and the finite-Kn jump factor --------------------------

def _kim_cc(diameter, gas):
    # Kim et al. (2005) constants with their mean free path 67.30 nm at 296.15 K, 101.325 kPa, scaled by the
    # kinetic mean free path (the convention of thermophoresis.mobility, tested in test_mobility.py)
    lam = float(gas.mean_free_path) * 67.30e-9 / float(Gas("air", 296.15, 101325.0).mean_free_path)
    kn = 2 * lam / diameter
    return 1 + kn * (1.165 + 0.483 * math.exp(-0.997 / kn))


@pytest.mark.parametrize("pressure", [100.0, 1e3, 101325.0])
def test_photophoretic_velocity_is_force_times_mobility(pressure):
    from thermophoresis.photophoresis import photophoresis

    p, g = Particle("2 um", "soot"), Gas("air", 296.15, pressure)
    r = photophoresis(p, g, "532 nm", 1.75 + 0.5j, 1e3)
    mobility = _kim_cc(2e-6, g) / (6 * math.pi * float(g.viscosity) * 1e-6)
    assert r.velocity / (r.force * mobility) == pytest.approx(1.0, rel=1e-12, abs=0)


def test_photophoretic_velocity_free_molecular_limit_is_epstein_drag():
    # second method: at Kn ~ 1e4 slip-corrected Stokes drag is Epstein's drag with Kim et al.'s equivalent
    # diffuse fraction 9/(4 (alpha + beta)) = 1 + pi f / 8, in their mean-free-path convention (to ~1e-4)
    from thermophoresis.photophoresis import photophoresis

    p, g = Particle("2 um", "soot"), Gas("air", 296.15, 1.0)
    r = photophoresis(p, g, "532 nm", 1.75 + 0.5j, 1e3, model="free-molecular")
    scale = 67.30e-9 / float(Gas("air", 296.15, 101325.0).mean_free_path)
    zeta = 4 * math.pi / 3 * 1e-12 * float(g.density) * float(g.mean_speed) * 9 / (4 * (1.165 + 0.483)) / scale
    assert r.velocity / (r.force / zeta) == pytest.approx(1.0, rel=1e-3, abs=0)


@pytest.mark.parametrize("kn", [0.01, 0.1, 0.5])
def test_slip_photophoretic_force_is_the_dipole_force_of_the_jump_limited_surface_temperature(kn):
    # composition of two modules: conduction into the gas with the temperature jump, h = 2 k_g/(a (1 + 2 Ct Kn)),
    # gives a1 = I a J1 / (k_p + h a); the creep force of that dipole (surface_temperature module, which has
    # its own jump and slip factors) must be the photophoretic slip force
    from thermophoresis.force.surface_temperature import slip_flow_surface_force
    from thermophoresis.photophoresis import photophoretic_force_slip

    a, j1, k_p, i0, t = 1e-6, -0.3, 1.5, 1e3, 300.0
    g = Gas("air", t, 101325.0)
    k_g, mu, nu = float(g.thermal_conductivity), float(g.viscosity), float(g.kinematic_viscosity)
    mfp = kn * a
    f = photophoretic_force_slip(i0, a, j1, k_p, k_g, mu, nu, t, mfp)
    h = 2 * k_g / (a * (1 + 2 * 2.18 * kn))
    a1 = i0 * a * j1 / (k_p + h * a)
    ref = slip_flow_surface_force([t, a1], a, mu, nu, t, mfp)
    assert f / ref == pytest.approx(1.0, rel=1e-12, abs=0)


def test_free_molecular_heat_transfer_coefficient_monatomic_exact():
    # monatomic gas, full accommodation: the energy flux of the incident Maxwellian, 2 k T per molecule
    # striking n c/4, against the 2k T_p re-emitted: h = (1/2) n k c  = p c / (2 T); (gamma+1)/(8(gamma-1)) = 1/2
    from thermophoresis.photophoresis import free_molecular_heat_transfer_coefficient

    g = Gas("Ar", 300.0, 10.0)
    h = free_molecular_heat_transfer_coefficient(10.0, 300.0, float(g.mean_speed), 5 / 3)
    assert h / (10.0 * float(g.mean_speed) / (2 * 300.0)) == pytest.approx(1.0, rel=1e-12, abs=0)


# ---- polyatomic heat capacities against CoolProp, per species --------------------------------------------------

COOLPROP_NAMES = {"CO2": "CO2", "H2O": "Water", "N2": "Nitrogen", "O2": "Oxygen", "H2": "Hydrogen",
                  "CH4": "Methane"}


# (CH4 only to 500 K: CoolProp's methane equation of state, Setzmann & Wagner 1991, is fitted up to 625 K, and
# above it its cp0 drifts from the GRI-Mech NASA fit we use by -0.8 % at 700 K, -1.1 % at 1000 K)
CP_CASES = [(s, t) for s in COOLPROP_NAMES for t in (300.0, 500.0, 700.0) if not (s == "CH4" and t > 625.0)]


@pytest.mark.parametrize("species, temperature", CP_CASES)
def test_ideal_gas_heat_capacity_against_coolprop(species, temperature):
    # CoolProp's ideal-gas part of each reference equation of state (CP0MOLAR, pressure-independent).
    # The NASA 7-coefficient fits reproduce such data to ~0.1-0.3 %: 0.5 % here; a +7 % error fails.
    coolprop = pytest.importorskip("CoolProp.CoolProp")
    from thermophoresis.gas.thermo import heat_capacity_cp_molar

    ref = coolprop.PropsSI("CP0MOLAR", "T", temperature, "P", 100.0, COOLPROP_NAMES[species])
    assert float(heat_capacity_cp_molar(species, temperature)) / ref == pytest.approx(1.0, rel=5e-3, abs=0)


# ---- Eucken-type conductivities: exact monatomic limit and bracketing of CoolProp -----------------------------

def test_eucken_family_reduces_to_the_monatomic_result_for_translational_heat_capacity():
    # with Cv = 3/2 R (no internal energy) all three must give the Chapman-Enskog 15/4 (R/M) mu: Eucken
    # 3/2 + 9/4 = 15/4; modified 1.32 * 3/2 + 1.77 = 3.75; Hirschfelder-Eucken's internal term vanishes
    from thermophoresis.gas.transport import (
        eucken_conductivity,
        hirschfelder_eucken_conductivity,
        modified_eucken_conductivity,
    )

    mu, m = 2.0e-5, 0.028
    exact = 15 / 4 * GAS_CONSTANT / m * mu
    cv = 1.5 * GAS_CONSTANT
    assert eucken_conductivity(mu, m, cv) / exact == pytest.approx(1.0, rel=1e-12, abs=0)
    assert modified_eucken_conductivity(mu, m, cv) / exact == pytest.approx(1.0, rel=1e-12, abs=0)
    for t_star in (1.0, 3.0, 30.0):
        assert hirschfelder_eucken_conductivity(mu, m, cv, t_star) / exact == pytest.approx(1.0, rel=1e-12, abs=0)
    # and the internal part is carried with rho D / mu: 1 (Eucken), 1.32 (modified), 6/5 A* (= 1.32 at A* = 1.1)
    dcv = GAS_CONSTANT
    assert (eucken_conductivity(mu, m, cv + dcv) - eucken_conductivity(mu, m, cv)) / (mu / m * dcv) == \
        pytest.approx(1.0, rel=1e-9, abs=0)
    assert (modified_eucken_conductivity(mu, m, cv + dcv) - modified_eucken_conductivity(mu, m, cv)) / \
        (mu / m * dcv) == pytest.approx(1.32, rel=1e-9, abs=0)


@pytest.mark.parametrize("species", ["N2", "O2", "CO2"])
@pytest.mark.parametrize("temperature", [300.0, 600.0])
def test_eucken_and_modified_eucken_bracket_coolprop(species, temperature):
    # Poling et al. (2001) sec. 10-3: Eucken underpredicts, modified Eucken overpredicts polyatomic
    # conductivities; both within 12 % for these simple molecules; Hirschfelder-Eucken lies between 0.9 and 1.1
    coolprop = pytest.importorskip("CoolProp.CoolProp")
    from thermophoresis.gas.transport import thermal_conductivity

    ref = coolprop.PropsSI("L", "T", temperature, "P", 1000.0, COOLPROP_NAMES[species])
    e = float(thermal_conductivity(species, temperature, "eucken")) / ref
    me = float(thermal_conductivity(species, temperature, "modified-eucken")) / ref
    he = float(thermal_conductivity(species, temperature, "hirschfelder-eucken")) / ref
    assert 0.88 < e < 1.0 < me < 1.12
    assert 0.9 < he < 1.1


# ---- Wilke's rule on a sensitive mixture against Cantera -------------------------------------------------------

@pytest.mark.parametrize("x_h2", [0.1, 0.5, 0.9])
def test_wilke_viscosity_of_h2_co2_equals_canteras_mixture_averaged_viscosity(x_h2):
    # Cantera's mixture-averaged viscosity is Wilke's rule; fed the same pure-species viscosities, an
    # independent implementation must agree to round-off. H2-CO2 (mass ratio 22) is sensitive to the
    # exponents: (M_j/M_i)^(1/4) -> ^(1/2) changes the 50/50 viscosity by tens of percent.
    ct = pytest.importorskip("cantera")
    from thermophoresis.gas.mixture import wilke_viscosity

    g = ct.Solution("gri30.yaml")
    g.transport_model = "mixture-averaged"
    g.TPX = 300.0, 101325.0, {"H2": x_h2, "CO2": 1 - x_h2}
    idx = [g.species_index("H2"), g.species_index("CO2")]
    mu = g.species_viscosities[idx]
    m = g.molecular_weights[idx] / 1000.0
    assert wilke_viscosity([x_h2, 1 - x_h2], mu, m) / g.viscosity == pytest.approx(1.0, rel=1e-9, abs=0)


# ---- force_coefficient and thermophoretic_coefficient ----------------------------------------------------------

@pytest.mark.parametrize("gas_name", ["Ar", "He"])
def test_force_and_thermophoretic_coefficients_free_molecular_exact(gas_name):
    # Waldmann's force for a monatomic gas is Phi = 1/(3 Kn); with specular reflection (Epstein drag 1)
    # K_th = 3/4, with diffuse 3/(4 (1 + pi/8)) (Waldmann 1959 with Epstein 1924)
    from thermophoresis.drift import force_coefficient, thermophoretic_coefficient

    gas = Gas(gas_name, 300.0, 10.0)
    a = 25e-9
    kn = float(gas.mean_free_path) / a
    assert force_coefficient(Particle(2 * a, "silica"), gas, "waldmann") * 3 * kn == \
        pytest.approx(1.0, rel=1e-12, abs=0)
    spec = Particle(2 * a, "silica", momentum_accommodation=0.0)
    diff = Particle(2 * a, "silica", momentum_accommodation=1.0)
    assert thermophoretic_coefficient(spec, gas, "waldmann") == pytest.approx(0.75, rel=1e-12, abs=0)
    assert thermophoretic_coefficient(diff, gas, "waldmann") == pytest.approx(0.75 / (1 + math.pi / 8), rel=1e-12,
                                                                             abs=0)


def test_talbot_coefficient_continuum_limit_through_the_public_function():
    # Kn -> 0: K_th = 2 Cs Lambda / (1 + 2 Lambda), Cs = 1.17 (Talbot et al. 1980), Lambda = k_g / k_p
    from thermophoresis.drift import thermophoretic_coefficient

    gas = Gas("air", 300.0, 101325.0)
    p = Particle("2 mm", "psl")  # Kn ~ 7e-5
    lam = float(gas.thermal_conductivity) / 0.14
    assert thermophoretic_coefficient(p, gas, "talbot") / (2 * 1.17 * lam / (1 + 2 * lam)) == \
        pytest.approx(1.0, rel=2e-3, abs=0)  # first-order Kn corrections ~ (2 Ct + 3 Cm) Kn = 8e-4


# ---- Brownian deposition in a laminar tube: Gormley & Kennedy ---------------------------------------------------

def _gormley_kennedy_penetration(xi):
    # Gormley & Kennedy (1949) laminar-tube penetration in xi = pi D L / Q = D L / (R^2 U) (the series as
    # usually quoted, e.g. Hinds 1999 eqs. 7.29-7.30 with mu = D L / Q = xi / pi; not read from the paper here:
    # the coefficients are the Graetz mass-transfer eigen-series, 3.6568 = the fully developed Sherwood number)
    if xi <= 0.02:
        return 1 - 2.5638 * xi ** (2 / 3) + 1.2 * xi + 0.1767 * xi ** (4 / 3)
    return (0.81905 * math.exp(-3.6568 * xi) + 0.09753 * math.exp(-22.305 * xi)
            + 0.0325 * math.exp(-56.961 * xi) + 0.01544 * math.exp(-107.62 * xi))


@pytest.mark.parametrize("diameter, length", [("20 nm", 0.05), ("20 nm", 0.5), ("5 nm", 0.05), ("5 nm", 0.5)])
def test_isothermal_laminar_tube_deposition_is_gormley_kennedy(diameter, length):
    from thermophoresis.scenarios.tube import laminar_tube_deposition
    from thermophoresis.drift import thermophoresis

    gas, radius, u = Gas("air"), 2e-3, 0.05
    p = Particle(diameter, "psl")
    d = float(thermophoresis(p, gas, 1.0).diffusion_coefficient)
    _, eta = laminar_tube_deposition(p, gas, radius, length, u, 293.15, 293.15)
    ref = 1 - _gormley_kennedy_penetration(d * length / (radius**2 * u))
    # the series is good to ~1e-3 near its switch; the finite-volume march to a few 1e-4
    assert eta[-1] / ref == pytest.approx(1.0, rel=2e-3, abs=0)


# ---- Li & Wang: the public coefficient function, exact rigid limits and the registered model's twin formula ------

def test_li_wang_velocity_coefficient_rigid_limits_and_agreement_with_the_model():
    # rigid spheres: Waldmann's force with Epstein's drag, v = C k_tr grad T / p with C = -1/5 (specular) and
    # -1/(5 (1 + pi/8)) (diffuse), exact (Li & Wang 2004 reduce to these; derived from Waldmann 1959, Epstein 1924)
    from thermophoresis.force import li_wang_velocity_coefficient
    from thermophoresis.drift import thermophoresis

    assert li_wang_velocity_coefficient(np.inf, 0.0, 0.0) == pytest.approx(-0.2, rel=1e-12, abs=0)
    assert li_wang_velocity_coefficient(np.inf, 0.0, 1.0) == pytest.approx(-0.2 / (1 + math.pi / 8), rel=1e-12, abs=0)
    # the registered model evaluates the same coefficient (its own copy of the formula): they must agree
    gas = Gas("N2", 300.0, 5.0)
    p = Particle(2e-9, "silica", momentum_accommodation=0.9)
    r = quiet(thermophoresis, p, gas, 1e3, "li_wang", epsilon_k=300.0, sigma=0.35e-9)
    c = li_wang_velocity_coefficient(300.0 / 300.0, 0.35e-9 / 1e-9, 0.9)
    v = c * float(gas.translational_conductivity) * 1e3 / float(gas.pressure)
    assert r.velocity / v == pytest.approx(1.0, rel=1e-12, abs=0)


# ---- Li & Wang: the non-rigid specular fits obey the exact temperature recursion of collision integrals ---------

@pytest.mark.parametrize("sigma_ratio", [0.1, 0.25, 0.5])
@pytest.mark.parametrize("t_star", [0.7, 1.0, 3.0, 10.0, 100.0])
def test_li_wang_specular_fits_obey_the_collision_integral_recursion(t_star, sigma_ratio):
    # For scattering in any central potential (Li & Wang's specular case), the reduced collision integrals
    # Omega(l,s)* = J_s / J_s(rigid), J_s(T) = int exp(-x) x^(s+1) Q_l(x kT) dx, satisfy exactly
    #     T dJ_s/dT = J_{s+1} - (s+2) J_s   (differentiate under the integral with E = x kT),
    # i.e. Omega(1,2)* = Omega(1,1)* [1 + (1/3) dln Omega(1,1)*/dln T*]   (Chapman & Cowling; Hirschfelder,
    # Curtiss & Bird, the recursion of the Omega(l,s)). Li & Wang fit Omega(1,1)* and Omega(1,2)* separately,
    # so the identity is an independent check of the non-rigid coefficients (both fits, every term that
    # depends on T* or sigma'/a): the rigid limits test only the constant c0. The fits reproduce it to 0.40 %
    # over T* = 0.5..1e4, sigma'/a <= 0.5 (their fitting error); 0.5 % is allowed. A coefficient error that moves
    # the velocity coefficient by 10 % (a 2 % change of Omega12/Omega11 at C = -0.2) fails.
    from thermophoresis.force import li_wang_collision_integrals

    h = 1e-4
    o11, o12 = li_wang_collision_integrals(t_star, sigma_ratio, 0.0)
    up, _ = li_wang_collision_integrals(t_star * math.exp(h), sigma_ratio, 0.0)
    down, _ = li_wang_collision_integrals(t_star * math.exp(-h), sigma_ratio, 0.0)
    dln = (math.log(up) - math.log(down)) / (2 * h)
    assert o12 / (o11 * (1 + dln / 3)) == pytest.approx(1.0, rel=5e-3, abs=0)


# ---- Hirschfelder-Eucken: the internal-energy term is rho D / mu = 6/5 A*, against Cantera's own D and mu ------

@pytest.mark.parametrize("species", ["N2", "CH4"])
@pytest.mark.parametrize("temperature", [300.0, 600.0, 1200.0])
def test_hirschfelder_eucken_internal_term_is_canteras_self_diffusion_ratio(species, temperature):
    # Hirschfelder-Eucken carries the internal energy with the self-diffusion coefficient: the internal term is
    # (mu/M)(rho D/mu)(Cv - 3/2 R), and in the first Chapman-Enskog approximation rho D/mu = (6/5) A*(T*)
    # (HCB eq. 8.2-31). Cantera computes the pure-species viscosity and the self-diffusion coefficient from
    # its own collision integrals (Monchick-Mason tables, its own fits) for the same Lennard-Jones parameters,
    # so rho D/mu from Cantera is an independent value of that factor: they agree within 0.13 % for N2, O2,
    # Ar, CH4, CO at 300-1200 K; 0.5 % is allowed (6/5 -> 1.24 is +3.3 %).
    ct = pytest.importorskip("cantera")
    from thermophoresis.gas.transport import hirschfelder_eucken_conductivity

    g = ct.Solution("gri30.yaml")
    g.transport_model = "mixture-averaged"
    g.TPX = temperature, 1e5, {species: 1.0}
    i = g.species_index(species)
    rho_d_over_mu = g.density * g.binary_diff_coeffs[i, i] / g.species_viscosities[i]
    t_star = temperature / (g.species(species).transport.well_depth / ct.boltzmann)
    mu, m, cv = 2.0e-5, g.molecular_weights[i] / 1000.0, 1.5 * GAS_CONSTANT
    internal = (hirschfelder_eucken_conductivity(mu, m, cv + GAS_CONSTANT, t_star)
                - hirschfelder_eucken_conductivity(mu, m, cv, t_star)) / (mu / m * GAS_CONSTANT)
    assert internal / rho_d_over_mu == pytest.approx(1.0, rel=5e-3, abs=0)
