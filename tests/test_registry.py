"""The one registry convention (thermophoresis._registry) and the registries built on it."""

from __future__ import annotations

import json
import math

import pytest

from thermophoresis._registry import Choice, Registry, closest, normalize
from thermophoresis.exceptions import UnknownNameError
from thermophoresis.force import MODELS, get_model, model_names
from thermophoresis.gas import SPECIES, get_species
from thermophoresis.gas.transport import CONDUCTIVITY_MODELS, VISCOSITY_MODELS
from thermophoresis.mobility import SLIP_CORRECTIONS, slip_correction
from thermophoresis.particle import MATERIALS, get_material
from thermophoresis.photophoresis import PHOTOPHORESIS_MODELS
from thermophoresis.kinetic.dsmc import DSMC_GASES, DSMC_MOLECULAR_MODELS, FourierProblem, dsmc_gas
from thermophoresis.scenarios.tube import NUSSELT_CORRELATIONS, TUBE_EFFICIENCY_FORMS, nusselt_turbulent

ALL = {
    "force models": MODELS,
    "slip sets": SLIP_CORRECTIONS,
    "photophoresis models": PHOTOPHORESIS_MODELS,
    "viscosity models": VISCOSITY_MODELS,
    "conductivity models": CONDUCTIVITY_MODELS,
    "species": SPECIES,
    "materials": MATERIALS,
    "Nusselt correlations": NUSSELT_CORRELATIONS,
    "tube efficiency forms": TUBE_EFFICIENCY_FORMS,
    "DSMC gases": DSMC_GASES,
    "DSMC molecular models": DSMC_MOLECULAR_MODELS,
}


def _toy():
    r = Registry("widget")
    r.add(Choice("alpha_one", kn_range=(0.0, 1.0), aliases=("a1",)))
    r.add(Choice("beta-two", kn_range=(10.0, math.inf)))
    r.add(Choice("gamma"))
    return r


def test_lookup_is_case_insensitive_and_reads_dash_as_underscore():
    r = _toy()
    assert r.lookup("ALPHA_ONE").name == "alpha_one"
    assert r.lookup(" alpha-one ").name == "alpha_one"
    assert r.lookup("A1").name == "alpha_one"
    assert r["beta_two"].name == "beta-two"
    assert r.canonical("Beta Two") == "beta-two"
    assert "GAMMA" in r and "delta" not in r and 3 not in r


def test_unknown_name_lists_closest_and_all_canonical_names():
    r = _toy()
    with pytest.raises(UnknownNameError, match=r"unknown widget 'alpha_on'; closest: alpha_one\b.*Known: "
                                               r"alpha_one, beta-two, gamma"):
        r.lookup("alpha_on")
    with pytest.raises(KeyError):  # also a KeyError, like a dict
        r["zzz"]
    with pytest.raises(ValueError):  # and a ValueError, like every input error
        r.lookup("zzz")
    assert r.get("zzz") is None  # Mapping.get keeps its meaning


def test_names_valid_at_filters_by_kn_range_and_keeps_unranged_entries():
    r = _toy()
    assert r.names() == ["alpha_one", "beta-two", "gamma"]
    assert r.names(valid_at=0.5) == ["alpha_one", "gamma"]
    assert r.names(valid_at=100.0) == ["beta-two", "gamma"]
    assert r.names(valid_at=5.0) == ["gamma"]


def test_duplicate_names_and_spellings_are_refused():
    r = _toy()
    with pytest.raises(ValueError, match="registered twice"):
        r.add(Choice("gamma"))
    with pytest.raises(ValueError, match="already taken by 'alpha_one'"):
        r.add(Choice("delta", aliases=("A1",)))


def test_register_decorator_and_replace_attach_a_kernel():
    r = Registry("formula")

    @r.register("double", reference="arithmetic")
    def twice(x):
        return 2 * x

    assert r.lookup("Double").function(3) == 6 and r.lookup("double").kernel is None
    r.replace("double", kernel=twice)
    assert r.lookup("double").kernel is twice


def test_normalize_and_closest():
    assert normalize("  Li-Wang ") == "li_wang"
    assert closest("talbott", ["talbot", "brock", "epstein"]) == ["talbot"]


@pytest.mark.parametrize("label", list(ALL))
def test_every_registry_follows_the_convention(label):
    reg = ALL[label]
    assert isinstance(reg, Registry) and len(reg) > 0
    for name in reg:
        entry = reg[name]
        assert reg.lookup(name.upper()) is entry
        assert reg.lookup(entry) is entry
        for alias in reg.aliases(name):
            assert reg.lookup(alias) is entry
    d = reg.to_dict()
    assert list(d) == list(reg)
    json.dumps(d, default=str)  # plain data for the CLI and docs
    with pytest.raises(UnknownNameError, match=r"; closest: "):
        reg.lookup(next(iter(reg)) + "x")


def test_force_models_keep_their_public_names_and_know_their_ranges():
    assert model_names() == ["epstein", "brock", "talbot", "waldmann", "li_wang", "kinetic"]
    assert get_model("Talbot") is MODELS["talbot"] is get_model("talbot_1980")
    assert get_model("li-wang") is MODELS["li_wang"]
    assert model_names(valid_at=100.0) == ["talbot", "waldmann", "li_wang", "kinetic"]
    # kinetic: tables resolved down to Kn = 0.01, continued by the exact continuum limits below
    assert model_names(valid_at=0.001) == ["epstein", "brock", "talbot", "kinetic"]
    assert MODELS.to_dict()["talbot"]["kn_range"] == [0.0, math.inf]
    with pytest.raises(UnknownNameError, match=r"unknown model 'talbott'; closest: talbot"):
        get_model("talbott")


def test_slip_sets_species_and_materials_resolve_any_spelling():
    assert SLIP_CORRECTIONS["KIM_2005"] is SLIP_CORRECTIONS["kim_2005"] is SLIP_CORRECTIONS["iso-15900"]
    assert slip_correction(100e-9, 66e-9, "Kim_2005") == slip_correction(100e-9, 66e-9, "kim_2005")
    assert get_species("Nitrogen") is get_species("n2") is SPECIES["N2"]
    assert get_species("WATER VAPOR").name == "H2O"
    assert get_material("Fused Silica") is MATERIALS["silica"]
    assert PHOTOPHORESIS_MODELS.canonical("Free_Molecular") == "free-molecular"
    assert PHOTOPHORESIS_MODELS.names(valid_at=100.0) == ["rohatschek", "free-molecular"]


def test_gas_models_canonicalized_so_any_spelling_computes_the_same():
    from thermophoresis import Gas

    a = Gas("N2", 400.0, conductivity_model="Modified_Eucken", viscosity_model="LJ")
    b = Gas("N2", 400.0, conductivity_model="modified-eucken", viscosity_model="lennard-jones")
    assert a.conductivity_model == "modified-eucken" and a.viscosity_model == "lennard-jones"
    assert a.thermal_conductivity == b.thermal_conductivity and a.viscosity == b.viscosity


def test_choices_filter_on_their_own_ranges():
    r = Registry("correlation")
    r.add(Choice("low", ranges={"reynolds": (0.0, 10.0)}))
    r.add(Choice("high", ranges={"reynolds": (5.0, 100.0), "prandtl": (0.5, 2.0)}))
    r.add(Choice("any"))
    assert r.names(reynolds=1.0) == ["low", "any"]
    assert r.names(reynolds=7.0) == ["low", "high", "any"]
    assert r.names(reynolds=7.0, prandtl=3.0) == ["low", "any"]
    assert r["high"].outside(reynolds=[6.0, 200.0], prandtl=1.0) == ["reynolds"]
    assert r.to_dict()["high"]["ranges"] == {"reynolds": [5.0, 100.0], "prandtl": [0.5, 2.0]}


def test_nusselt_correlations_resolve_any_spelling_and_know_their_ranges():
    assert NUSSELT_CORRELATIONS.names() == ["gnielinski", "dittus_boelter"]
    assert NUSSELT_CORRELATIONS.names(reynolds=5e3, prandtl=0.7) == ["gnielinski"]
    assert NUSSELT_CORRELATIONS.names(reynolds=1e7, prandtl=0.7) == ["dittus_boelter"]
    assert nusselt_turbulent(2e4, 0.7, "Dittus-Boelter") == nusselt_turbulent(2e4, 0.7, "dittus_boelter")
    # the registered function is the formula the dispatcher calls: 0.023 Re^0.8 Pr^0.3
    assert NUSSELT_CORRELATIONS["dittus"].function(2e4, 0.7) / (0.023 * 2e4**0.8 * 0.7**0.3) == pytest.approx(1, rel=1e-14, abs=0)
    with pytest.raises(UnknownNameError, match="closest: gnielinski") as info:
        nusselt_turbulent(1e4, 0.7, "gnielinsky")
    assert info.value.parameter == "correlation"


def test_dsmc_gases_and_molecular_models_resolve_like_every_other_gas():
    assert dsmc_gas("Ar") is dsmc_gas("ARGON") is DSMC_GASES["argon"]
    assert dsmc_gas("He").name == "helium"
    p = FourierProblem(gas="Ar", model="VSS")
    assert (p.gas, p.model) == ("argon", "vss")
    assert p.collision_parameters == FourierProblem(gas="argon", model="vss").collision_parameters == (4.11e-10, 0.81, 1.40)
    with pytest.raises(UnknownNameError, match="argon, helium only") as info:
        FourierProblem(gas="Xe")  # a known species without DSMC parameters
    assert info.value.parameter == "gas"
    with pytest.raises(UnknownNameError, match="closest: argon"):
        dsmc_gas("argn")
    with pytest.raises(UnknownNameError, match="unknown molecular model 'lj'"):
        FourierProblem(model="lj")
    # the former dict-of-dicts name keeps working
    from thermophoresis.kinetic.dsmc import MOLECULAR_MODELS

    assert "argon" in MOLECULAR_MODELS and MOLECULAR_MODELS["helium"]["vss"] == (2.30e-10, 0.66, 1.26)
