"""Photophoresis: J1 from the Mie internal field, forces in both limits, Rohatschek's interpolation."""

import json
import math

import numpy as np
import pytest

from thermophoresis import Gas, InputError, Particle
from thermophoresis.force.surface_temperature import free_molecular_surface_force, slip_flow_surface_force
from thermophoresis.photophoresis import (
    MAX_SIZE_PARAMETER,
    asymmetry_factor_j1,
    geometric_optics_j1,
    mie_absorption,
    mie_coefficients,
    photophoresis,
    photophoretic_force_free_molecular,
    photophoretic_force_rohatschek,
    photophoretic_force_slip,
)

CASES = [(1.5 + 0.01j, 0.1), (1.5 + 0.1j, 1.0), (1.57 + 0.038j, 5.0), (1.33 + 1e-3j, 12.0), (1.75 + 0.5j, 20.0),
         (2.0 + 1.0j, 30.0)]


@pytest.mark.parametrize("m, x", CASES)
def test_internal_field_absorption_equals_extinction_minus_scattering(m, x):
    # energy conservation: the volume integral of the absorbed power density equals Q_ext - Q_sca from the
    # external coefficients; this checks c_n, d_n, the vector harmonics and the quadrature together
    r = mie_absorption(m, x)
    assert r.q_abs == pytest.approx(r.q_abs_external, rel=1e-9)


def test_coefficients_match_miepython():
    miepython = pytest.importorskip("miepython")
    for m, x in CASES[:4]:
        n, a, b, c, d = mie_coefficients(m, x)
        mm = complex(m.real, -m.imag)  # miepython writes m = n - i kappa
        a2, b2 = miepython.an_bn(mm, x, n.size)
        c2, d2 = miepython.cn_dn(mm, x, n.size)
        for ours, theirs in ((a, a2), (b, b2), (c, c2), (d, d2)):
            np.testing.assert_allclose(ours[:8], np.asarray(theirs)[:8], rtol=1e-8, atol=1e-14)


def test_rayleigh_limits():
    # small spheres: Q_abs -> 4 x Im[(m^2 - 1)/(m^2 + 2)] (Bohren & Huffman eq. 5.11) and J1 -> 0 as x^2
    m = 1.5 + 0.1j
    for x in (0.02, 0.05):
        assert mie_absorption(m, x).q_abs == pytest.approx(4 * x * ((m * m - 1) / (m * m + 2)).imag, rel=2e-3)
    j_a, j_b = asymmetry_factor_j1(m, 0.05), asymmetry_factor_j1(m, 0.025)
    assert abs(j_a) < 1e-5
    assert j_a / j_b == pytest.approx(4.0, rel=0.01)


def test_geometric_optics_limit_for_opaque_spheres():
    # strongly absorbing large spheres: heat on the illuminated face, J1 -> GO value (Fresnel reflection);
    # the approach is monotone in x and within 1.5 % at x = 60 (edge effects shrink as x grows)
    assert geometric_optics_j1(1.0 + 1e-12j) == pytest.approx(-0.5, abs=1e-9)
    for m in (2.0 + 1.0j, 1.5 + 0.5j):
        go = geometric_optics_j1(m)
        e20 = abs(mie_absorption(m, 20.0).j1 / go - 1)
        e60 = abs(mie_absorption(m, 60.0).j1 / go - 1)
        assert e60 < e20 and e60 < 0.015


def test_sign_of_j1_and_direction():
    assert asymmetry_factor_j1(1.57 + 0.038j, 5.0) > 0  # weak absorber focuses light onto its back
    assert asymmetry_factor_j1(1.75 + 0.5j, 20.0) < 0  # strong absorber heats its front
    assert asymmetry_factor_j1(1.5 + 0j, 5.0) == 0.0
    g = Gas("air", 293.15, 100.0)
    neg = photophoresis(Particle("2 um", "psl"), g, "532 nm", 1.57 + 0.038j, 1e3)
    pos = photophoresis(Particle("2 um", "soot"), g, "532 nm", "1.75+0.5j", 1e3)
    assert neg.force < 0 and neg.direction.startswith("negative")
    assert pos.force > 0 and pos.direction.startswith("positive")
    assert np.sign(pos.velocity) == np.sign(pos.force)


def test_force_limits_are_the_surface_temperature_forces():
    # free-molecular: a1 = I a J1 / (k_p + h a) fed to the dipole-rule force
    a, j1, k_p, i0, p, t = 1e-6, -0.3, 1.5, 1e3, 10.0, 300.0
    g = Gas("Ar", t, p)
    fm = photophoretic_force_free_molecular(i0, a, j1, k_p, p, t, g.mean_speed, g.heat_capacity_ratio, 0.9)
    h = 0.9 * p * g.mean_speed * (g.heat_capacity_ratio + 1) / (8 * t * (g.heat_capacity_ratio - 1))
    a1 = i0 * a * j1 / (k_p + h * a)
    assert fm == pytest.approx(free_molecular_surface_force([t, a1], a, p, t, 0.9), rel=1e-12, abs=0)
    assert fm > 0
    # continuum: a1 = I a J1 / (k_p + 2 k_g), with no jump
    g = Gas("air", t, 101325.0)
    c = photophoretic_force_slip(i0, a, j1, k_p, g.thermal_conductivity, g.viscosity, g.kinematic_viscosity, t)
    a1 = i0 * a * j1 / (k_p + 2 * g.thermal_conductivity)
    assert c == pytest.approx(slip_flow_surface_force([t, a1], a, g.viscosity, g.kinematic_viscosity, t), rel=1e-12, abs=0)


def test_rohatschek_interpolation_shape_and_maximum():
    g = Gas("air", 293.15, np.logspace(0, 5, 400))
    r = photophoresis(Particle("2 um", "soot"), g, "532 nm", 1.75 + 0.5j, 1e3)
    fm, c, f = (np.asarray(v) for v in (r.force_free_molecular, r.force_continuum, r.force))
    assert np.all(f <= np.minimum(fm, c) + 1e-30)
    np.testing.assert_allclose(f, fm * c / (fm + c), rtol=1e-12)  # the harmonic combination, everywhere
    np.testing.assert_allclose(f[:5], fm[:5], rtol=0.01)  # low pressure: free-molecular
    i = np.argmax(f)
    # the maximum: F_fm = F_c, i.e. Kn* = sqrt(pi alpha (1 + 2 Lambda)/(24 Cs)) when h a << k_p
    lam = float(np.asarray(g.thermal_conductivity)[i]) / 1.0
    kn_star = math.sqrt(math.pi * (1 + 2 * lam) / (24 * 1.17))
    assert np.asarray(r.knudsen)[i] == pytest.approx(kn_star, rel=0.1)
    # F = 2 F*/(p/p* + p*/p) around the peak
    p_star, f_star = np.asarray(g.pressure)[i], f[i]
    pp = np.asarray(g.pressure)
    near = slice(max(i - 40, 0), i + 40)
    np.testing.assert_allclose(f[near], 2 * f_star / (pp[near] / p_star + p_star / pp[near]), rtol=0.05)
    with pytest.raises(InputError, match="same sign"):
        photophoretic_force_rohatschek(1.0, -1.0)


@pytest.mark.parametrize("kwargs, pattern", [
    (dict(intensity=-1.0), r"intensity must be >= 0"),
    (dict(refractive_index=1.5 - 0.1j), r"n \+ i\*kappa with kappa >= 0"),
    (dict(refractive_index="abc"), r"refractive_index must be a complex number"),
    (dict(wavelength="1 kg"), r"wavelength: '1 kg' has dimension"),
    (dict(model="fm"), r"unknown photophoresis model 'fm'"),
])
def test_bad_input(kwargs, pattern):
    args = dict(wavelength="532 nm", refractive_index=1.5 + 0.1j, intensity=1e3, model="rohatschek")
    args.update(kwargs)
    with pytest.raises(ValueError, match=pattern):
        photophoresis(Particle("1 um", "psl"), Gas(), args["wavelength"], args["refractive_index"],
                      args["intensity"], args["model"])


def test_size_limits():
    with pytest.raises(InputError, match=f"size_parameter must be <= {MAX_SIZE_PARAMETER:g}"):
        mie_absorption(1.5 + 0.1j, 500.0)
    with pytest.raises(InputError, match="opaque"):
        mie_absorption(1.5 + 5.0j, 90.0)
    # the high-level call falls back to geometric optics for opaque particles
    r = photophoresis(Particle("20 um", "soot"), Gas(), "500 nm", 1.5 + 5.0j, 1e3)
    assert r.j1 == pytest.approx(geometric_optics_j1(1.5 + 5.0j))


def test_cli_photophoresis(tmp_path):
    from typer.testing import CliRunner

    from thermophoresis.cli import app

    runner = CliRunner()
    r = runner.invoke(app, ["photophoresis", "--diameter", "2 um", "--wavelength", "532 nm", "--index",
                            "1.57+0.038j", "--intensity", "1e3 W/m^2", "--pressure", "100 Pa", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["j1"] > 0 and d["force_N"] < 0 and d["direction"].startswith("negative")
    r = runner.invoke(app, ["photophoresis", "--intensity", "-5 W/m^2"])
    assert r.exit_code == 2 and "--intensity must be >= 0" in r.stderr
    pytest.importorskip("matplotlib")
    out = tmp_path / "pp.png"
    r = runner.invoke(app, ["plot", "photophoresis", "--index", "1.75+0.5j", "--material", "soot", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.stat().st_size > 10_000
