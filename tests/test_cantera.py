"""Cross-checks against Cantera: the same Lennard-Jones parameters through Cantera's own collision-integral
tables (Monchick & Mason), and the Gas.from_cantera constructor."""

import numpy as np
import pytest

from thermophoresis import Gas
from thermophoresis.gas import get_species, transport

ct = pytest.importorskip("cantera")


@pytest.fixture(scope="module")
def gri():
    return ct.Solution("gri30.yaml")


@pytest.mark.parametrize("name, ct_name", [("N2", "N2"), ("O2", "O2"), ("Ar", "AR"), ("CO2", "CO2"),
                                           ("CH4", "CH4"), ("H2", "H2")])
def test_species_table_uses_the_chemkin_parameters_cantera_uses(gri, name, ct_name):
    sp = get_species(name)
    tr = gri.species(ct_name).transport
    assert sp.lj_sigma == pytest.approx(tr.diameter, rel=1e-6)
    assert sp.lj_epsilon_k == pytest.approx(tr.well_depth / ct.boltzmann, rel=1e-6)


@pytest.mark.parametrize("name, ct_name", [("N2", "N2"), ("Ar", "AR"), ("CO2", "CO2"), ("CH4", "CH4")])
def test_lennard_jones_viscosity_matches_cantera(gri, name, ct_name):
    # Same 12-6 parameters; Cantera interpolates the Monchick-Mason tables (and adds a small
    # polarizability correction for some species), we use the Neufeld fits: agreement to 0.5 %.
    for t in (300.0, 600.0, 1000.0):
        gri.TPX = t, ct.one_atm, {ct_name: 1.0}
        ours = transport.viscosity(name, t, model="lennard-jones")
        assert ours == pytest.approx(gri.viscosity, rel=5e-3), (name, t)


def test_wilke_mixture_viscosity_matches_cantera_mixture_averaged(gri):
    # Cantera's mixture-averaged viscosity is Wilke's rule too; with LJ pure viscosities both agree.
    x = {"N2": 0.5, "CH4": 0.3, "CO2": 0.2}
    ct_x = {"N2": 0.5, "CH4": 0.3, "CO2": 0.2}
    for t in (300.0, 800.0):
        gri.TPX = t, ct.one_atm, ct_x
        g = Gas(x, temperature=t, viscosity_model="lennard-jones")
        assert g.viscosity == pytest.approx(gri.viscosity, rel=0.01)


def test_from_cantera(gri):
    gri.TPX = 500.0, 2e4, {"N2": 0.79, "O2": 0.21}
    g = Gas.from_cantera(gri)
    assert g.temperature == pytest.approx(500.0) and g.pressure == pytest.approx(2e4)
    assert g.viscosity == pytest.approx(gri.viscosity)
    assert g.thermal_conductivity == pytest.approx(gri.thermal_conductivity)
    assert g.density == pytest.approx(gri.density, rel=1e-6)
    assert g.mean_free_path > 0 and g.translational_conductivity < g.thermal_conductivity
    own = Gas({"N2": 0.79, "O2": 0.21}, 500.0, 2e4)
    assert g.mean_free_path == pytest.approx(own.mean_free_path, rel=0.02)
    with pytest.raises(ValueError, match="with_state"):
        g.with_state(temperature=300.0)


def test_from_coolprop():
    pytest.importorskip("CoolProp")
    g = Gas.from_coolprop("Argon", "300 K", "1 atm")
    own = Gas("Ar", 300.0, 101325.0)
    assert g.viscosity == pytest.approx(own.viscosity, rel=5e-3)
    assert g.mean_free_path == pytest.approx(own.mean_free_path, rel=5e-3)
    assert g.translational_conductivity == pytest.approx(own.translational_conductivity, rel=5e-3)
    with pytest.raises(ValueError, match="CoolProp cannot evaluate fluid 'Unobtainium'"):
        Gas.from_coolprop("Unobtainium", 300.0, 1e5)
    with pytest.raises(ValueError, match="scalar"):
        Gas.from_coolprop("Argon", [300.0, 400.0], 1e5)
