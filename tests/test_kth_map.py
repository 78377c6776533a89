import json

import numpy as np
import pytest
from typer.testing import CliRunner

from thermophoresis import Gas
from thermophoresis.cli import app
from thermophoresis.force import talbot_1980
from thermophoresis.drift import KthMap, kth_map


def test_map_values_are_the_model_values():
    g = Gas("air", 300.0, 101325.0)
    kn = np.array([0.01, 0.3, 10.0])
    ratio = np.array([0.5, 50.0])
    m = kth_map(g, "talbot", kn, ratio)
    for i, k in enumerate(kn):
        for j, r in enumerate(ratio):
            assert m.kth[i, j] == pytest.approx(talbot_1980(k, 1.0 / r), rel=1e-10)


@pytest.mark.parametrize("model", ["epstein", "brock", "talbot"])
def test_published_slip_models_never_reverse(model):
    # With positive creep, jump and slip coefficients the Brock form is positive for every Kn and
    # conductivity ratio: these models cannot produce negative thermophoresis.
    m = kth_map(Gas("air"), model)
    assert not m.negative.any()
    assert np.all(m.kth > 0)
    # conductive particles (large k_p/k_g) have the smallest K_th at small Kn
    assert m.kth[0, -1] < m.kth[0, 0]


def test_free_molecular_models_do_not_depend_on_conductivity():
    m = kth_map(Gas("Ar", 300.0, 100.0), "waldmann")
    np.testing.assert_allclose(m.kth, m.kth[:, :1].repeat(m.kth.shape[1], axis=1), rtol=1e-12)


def test_negative_region_reporting():
    kth = np.array([[0.3, -0.02], [0.5, 0.4]])
    m = KthMap("synthetic", np.array([0.1, 1.0]), np.array([1.0, 100.0]), kth, "air")
    d = m.to_dict()
    assert d["negative_anywhere"] and d["negative_fraction"] == 0.25 and d["kth_min"] == -0.02


def test_map_cli(tmp_path):
    r = CliRunner().invoke(app, ["map", "--model", "brock", "--points", "5", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert np.shape(d["thermophoretic_coefficient"]) == (5, 5) and d["negative_anywhere"] is False
    pytest.importorskip("matplotlib")
    out = tmp_path / "map.png"
    r = CliRunner().invoke(app, ["map", "-o", str(out)])
    assert r.exit_code == 0 and out.stat().st_size > 10_000
    r = CliRunner().invoke(app, ["map", "--kn-min", "10", "--kn-max", "1"])
    assert r.exit_code == 2 and "--kn-max must exceed --kn-min" in r.stderr


def test_a_fit_pushed_outside_its_range_is_flagged_not_reported_as_reversal():
    # Li & Wang with a 100 K well and sigma = 0.36 nm goes negative only where the "particle" is smaller than
    # sigma (and far outside the validated Kn): the map marks that region out of range.
    from thermophoresis import Gas
    from thermophoresis.drift import kth_map

    m = kth_map(Gas("air"), "li_wang", epsilon_k=100.0, sigma=3.6e-10)
    assert m.negative.any()
    assert not m.negative_in_range.any()
    assert not m.to_dict()["negative_in_range_anywhere"]
    t = kth_map(Gas("air"), "talbot")
    assert t.in_range.all()   # Talbot claims every Kn
