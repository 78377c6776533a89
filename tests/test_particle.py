import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thermophoresis import MATERIALS, Gas, InputError, Particle, UnknownNameError
from thermophoresis.particle import get_material

REQUIRED = ["psl", "silica", "nacl", "dop", "soot", "alumina", "silicon", "copper", "gold", "water"]


def test_material_library_complete_with_sources():
    for name in REQUIRED:
        m = get_material(name)
        assert m.density > 0 and m.conductivity > 0 and m.source
    assert set(REQUIRED) <= set(MATERIALS)


@pytest.mark.parametrize("name, rho, k", [
    # Bergman et al. (2011) Tables A.1/A.2 at 300 K
    ("gold", 19300.0, 317.0), ("copper", 8933.0, 401.0), ("silicon", 2330.0, 148.0),
    ("alumina", 3970.0, 36.0), ("silica", 2220.0, 1.38),
])
def test_tabulated_values(name, rho, k):
    m = get_material(name)
    assert m.density == rho and m.conductivity == k


def test_aliases_and_unknown_material():
    assert get_material("Polystyrene Latex").name == "psl"
    assert get_material("Au").name == "gold"
    with pytest.raises(UnknownNameError, match=r"unknown material 'gld'; closest: gold"):
        Particle("1 um", "gld")


def test_particle_geometry_and_mass():
    p = Particle("2 um", "psl")
    assert p.radius == pytest.approx(1e-6, rel=1e-6, abs=0)
    assert p.volume == pytest.approx(math.pi / 6 * 8e-18, rel=1e-6, abs=0)
    assert p.mass == pytest.approx(1050.0 * math.pi / 6 * 8e-18, rel=1e-6, abs=0)


def test_overrides_and_units():
    p = Particle(200e-9, "psl", density="1.1 g/cm^3", conductivity="0.2 W/m/K")
    assert p.density == pytest.approx(1100.0) and p.conductivity == pytest.approx(0.2)
    q = Particle("200 nm", density=2000.0)
    assert q.conductivity is None and q.material is None
    with pytest.raises(InputError, match="no conductivity"):
        q.conductivity_ratio(Gas())


def test_defaults_for_accommodation():
    p = Particle("1 um", "silica")
    assert p.energy_accommodation == 1.0
    assert p.momentum_accommodation == 0.9


def test_array_of_diameters():
    d = np.array([10e-9, 100e-9, 1e-6])
    p = Particle(d, "nacl")
    assert p.mass.shape == (3,)
    assert d.flags.writeable  # the caller's array is not frozen


@pytest.mark.parametrize("kw, pattern", [
    (dict(diameter=-1e-7, material="psl"), r"diameter must be > 0 m, got -1e-07 m"),
    (dict(diameter=0.0, material="psl"), r"diameter must be > 0 m"),
    (dict(diameter=float("nan"), material="psl"), r"diameter must be a finite positive number, got nan"),
    (dict(diameter="200 kg", material="psl"), r"diameter: '200 kg' has dimension \[mass\], expected a length"),
    (dict(diameter=1e-7), r"Particle needs a density"),
    (dict(diameter=1e-7, density=-5.0), r"density must be > 0"),
    (dict(diameter=1e-7, material="psl", energy_accommodation=1.2), r"energy_accommodation must be in \[0.0, 1.0\]"),
    (dict(diameter=1e-7, material="psl", momentum_accommodation=-0.1), r"momentum_accommodation must be in"),
])
def test_bad_particles(kw, pattern):
    with pytest.raises(ValueError, match=pattern):
        Particle(**kw)


def test_conductivity_ratio():
    gas = Gas("air", 300.0)
    p = Particle("1 um", "psl")
    assert p.conductivity_ratio(gas) == pytest.approx(gas.thermal_conductivity / 0.14)


def test_particle_is_immutable_and_does_not_alias_inputs():
    rho = np.array([1000.0, 2000.0])
    p = Particle([1e-7, 2e-7], density=rho)
    rho[0] = 5.0
    assert p.density[0] == 1000.0
    with pytest.raises(ValueError):
        p.density[0] = 3.0
    with pytest.raises(AttributeError, match="immutable"):
        p.diameter = 1e-6
    assert "density array(2,)" in repr(p)


def test_diameter_bounds():
    with pytest.raises(InputError, match=r"diameter must be at least 1e-10 m"):
        Particle(1e-300, "psl")
    with pytest.raises(InputError, match=r"diameter must be in \(0, 0.1\] m"):
        Particle(1.0, "psl")


@settings(max_examples=50, deadline=None)
@given(bad=st.one_of(st.floats(max_value=0.0), st.just(float("nan")), st.just(float("inf"))),
       field=st.sampled_from(["diameter", "density", "conductivity"]))
def test_bad_particle_values_always_name_the_parameter(bad, field):
    kw = dict(diameter=1e-7, density=1000.0, conductivity=0.2)
    kw[field] = bad
    with pytest.raises(InputError, match=field):
        Particle(**kw)
