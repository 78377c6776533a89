"""Transport properties against reference implementations and published values.

CoolProp (the reference equations of state and transport correlations of NIST/REFPROP) is the
cross-check the foundation issue asks for: viscosity and conductivity within 2 % from 200 K to 1000 K at
1 atm for air, N2, Ar, He, CO2 and H2. CoolProp's CO2 model starts at the triple point (216.6 K), so
the CO2 comparison starts at 217 K (at 1 atm CO2 is a gas down to 194.7 K, where it sublimes). The toolkit's values are dilute-gas values; CoolProp's at 1 atm include the small density-dependent
part (<0.7 % here), which is part of the measured deviation.
"""

import warnings

import numpy as np
import pytest

from thermophoresis import Gas, ValidityWarning
from thermophoresis.gas import transport
from thermophoresis.gas.collision_integrals import a_star, omega11, omega22

class _LazyCoolProp:  # only the tests that call CoolProp need it (the root conftest fails a run without it)
    def __getattr__(self, name):
        return getattr(pytest.importorskip("CoolProp.CoolProp"), name)


CoolProp = _LazyCoolProp()

COOLPROP_NAMES = {"air": "Air", "N2": "Nitrogen", "Ar": "Argon", "He": "Helium", "CO2": "CarbonDioxide",
                  "H2": "Hydrogen", "O2": "Oxygen", "CH4": "Methane"}
ATM = 101325.0


def _coolprop(prop, name, temps, pressure=ATM):
    return np.array([CoolProp.PropsSI(prop, "T", t, "P", pressure, COOLPROP_NAMES[name]) for t in temps])


def _temps(name):
    return np.linspace(217.0 if name == "CO2" else 200.0, 1000.0, 33)


@pytest.mark.parametrize("name", ["air", "N2", "Ar", "He", "CO2", "H2"])
def test_viscosity_and_conductivity_within_2_percent_of_coolprop(name):
    t = _temps(name)
    gas = Gas(name, temperature=t, pressure=ATM)
    dev_mu = gas.viscosity / _coolprop("V", name, t) - 1.0
    dev_k = gas.thermal_conductivity / _coolprop("L", name, t) - 1.0
    assert np.max(np.abs(dev_mu)) < 0.02
    assert np.max(np.abs(dev_k)) < 0.02


@pytest.mark.parametrize("name", ["air", "N2", "O2", "Ar", "He", "CO2", "H2", "CH4"])
def test_dilute_values_reproduce_coolprop_zero_density_limit(name):
    # At 1 Pa CoolProp's density-dependent terms vanish (<1e-5); what remains checks our transcription of
    # the published dilute-gas correlations to near machine precision.
    t = np.linspace(220.0, 600.0, 9)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        mu = transport.viscosity(name, t, model="reference")
        k = transport.thermal_conductivity(name, t, model="reference")
    # CH4: CoolProp's methane viscosity is a different model (friction theory, Quinones-Cisneros & Deiters
    # 2006) from the Friend et al. (1989) correlation we use; they differ by up to 1.7 % (at 1000 K).
    np.testing.assert_allclose(mu, _coolprop("V", name, t, 1.0), rtol=1e-4 if name != "CH4" else 0.02)
    np.testing.assert_allclose(k, _coolprop("L", name, t, 1.0), rtol=1e-4)


def test_water_vapour_against_iapws_in_coolprop():
    # Low pressure keeps water a gas at room temperature; IAPWS dilute terms reproduce CoolProp closely.
    t = np.array([300.0, 400.0, 600.0, 900.0])
    g = Gas("H2O", temperature=t, pressure=1000.0)
    ref_mu = np.array([CoolProp.PropsSI("V", "T", x, "P", 1000.0, "Water") for x in t])
    ref_k = np.array([CoolProp.PropsSI("L", "T", x, "P", 1000.0, "Water") for x in t])
    np.testing.assert_allclose(g.viscosity, ref_mu, rtol=2e-3)
    np.testing.assert_allclose(g.thermal_conductivity, ref_k, rtol=2e-3)


def test_air_prandtl_and_cp_against_coolprop():
    t = np.array([250.0, 300.0, 500.0, 800.0])
    g = Gas("air", temperature=t)
    ref_cp = np.array([CoolProp.PropsSI("CP0MASS", "T", x, "P", ATM, "Air") for x in t])
    np.testing.assert_allclose(g.heat_capacity_cp, ref_cp, rtol=5e-3)
    ref_pr = np.array([CoolProp.PropsSI("PRANDTL", "T", x, "P", ATM, "Air") for x in t])
    np.testing.assert_allclose(g.prandtl_number, ref_pr, rtol=0.01)


def test_lennard_jones_path_is_within_a_few_percent_for_nonpolar_gases():
    # The general Chapman-Enskog path (used for species without a reference correlation) with the
    # Chemkin parameters: within 3 % of CoolProp for N2, Ar, CO2, O2 over 250-1000 K.
    t = np.linspace(250.0, 1000.0, 16)
    for name in ("N2", "Ar", "CO2", "O2", "air"):
        mu = transport.viscosity(name, t, model="lennard-jones")
        assert np.max(np.abs(mu / _coolprop("V", name, t) - 1)) < 0.03, name


def test_heavy_noble_gases_against_correlations_at_room_temperature():
    # Dilute-gas viscosity at 298.15 K [uPa s]: Kr 25.3062, the reference value of Xiao, Rowland, Al Ghafri &
    # May (2020), J. Phys. Chem. Ref. Data 49, 013101 (their eq. for eta0 is 25.3062 exp(...) with the sum
    # vanishing at 298.15 K); Ne 31.97 and Xe 23.02 from the corresponding-states correlation of Kestin et
    # al. (1984), J. Phys. Chem. Ref. Data 13, 229. The 12-6 path with Svehla's parameters is within 3 % at
    # room temperature (it drifts to -4 % (Ne, Kr) and -6 % (Xe) by 1000 K; see docs/gas.md).
    for name, ref in (("Ne", 31.97e-6), ("Kr", 25.3062e-6), ("Xe", 23.02e-6)):
        assert transport.viscosity(name, 298.15) == pytest.approx(ref, rel=0.03), name


def test_collision_integrals_high_temperature_behaviour_and_ratio():
    # Omega* fall monotonically with T*; A* = Omega22/Omega11 stays near 1.1 (Hirschfelder et al. 1954)
    t = np.logspace(np.log10(0.3), 2, 50)
    assert np.all(np.diff(omega11(t)) < 0) and np.all(np.diff(omega22(t)) < 0)
    assert np.all((a_star(t) > 1.05) & (a_star(t) < 1.15))


def test_lennard_jones_outside_fit_range_warns():
    with pytest.warns(ValidityWarning, match="Neufeld"):
        transport.chapman_enskog_viscosity(5000.0, 4.0e-3, 2.576e-10, 10.2)


def test_polar_species_warns_on_lennard_jones_path():
    with pytest.warns(ValidityWarning, match="polar"):
        transport.viscosity("H2O", 400.0, model="lennard-jones")


def test_reference_outside_its_range_warns_but_returns_value():
    with pytest.warns(ValidityWarning, match="Friend"):
        v = transport.viscosity("CH4", 900.0)
    assert 2e-5 < v < 3e-5


def test_reference_model_unavailable_is_a_clear_error():
    with pytest.raises(ValueError, match="no reference viscosity correlation for 'Xe'"):
        transport.viscosity("Xe", 300.0, model="reference")
    with pytest.raises(ValueError, match="unknown model 'sutherland'"):
        transport.viscosity("N2", 300.0, model="sutherland")


def test_translational_conductivity_fraction_for_polyatomics():
    # k_tr / k = (15/4) R mu / (M k): 0.76 for N2 and air at 300 K, smaller for CO2 and CH4 whose
    # internal modes carry more heat
    for name, lo, hi in (("N2", 0.74, 0.79), ("air", 0.74, 0.79), ("CO2", 0.55, 0.70), ("CH4", 0.5, 0.7)):
        g = Gas(name, 300.0)
        assert lo < g.translational_conductivity / g.thermal_conductivity < hi, name
