"""``kinetic`` with several ``--knudsen`` values prints the library curve (kinetic.model.solve_sphere_curve)."""

import json
import math

import numpy as np
import pytest

typer = pytest.importorskip("typer")
from typer.testing import CliRunner  # noqa: E402

from thermophoresis.cli import app  # noqa: E402
from thermophoresis.cli._common import jsonable  # noqa: E402
from thermophoresis.exceptions import InputError  # noqa: E402
from thermophoresis.kinetic import SphereGrid, solve_sphere  # noqa: E402
from thermophoresis.kinetic import model as kmodel  # noqa: E402

COARSE = SphereGrid(n_r=16, n_mu=6, n_c=6)


def test_curve_is_the_points_solved_one_by_one():
    kn = [100.0, 50.0]
    seen = []
    curve = kmodel.solve_sphere_curve("drag", kn, accommodation=0.9, grid=COARSE,
                                      progress=lambda stage, done: seen.append((stage, done)))
    assert list(curve.knudsen) == kn and curve.quantity == "drag_ratio"
    for k, sol, v in zip(kn, curve.solutions, curve.values):
        one = solve_sphere("drag", k, accommodation=0.9, grid=COARSE)
        assert sol.to_dict() == one.to_dict()
        assert v == one.drag_ratio
    # progress runs over the whole curve, point by point
    assert seen[0][1] == 0.0 and seen[-1][1] == 1.0
    assert all(b >= a for (_, a), (_, b) in zip(seen, seen[1:]))
    assert seen[-1][0].startswith("Kn = 50 (2/2)")
    d = curve.to_dict()
    assert (d["problem"], d["model"], d["accommodation"], d["knudsen"]) == ("drag", "s", 0.9, kn)
    assert [s["knudsen"] for s in d["solutions"]] == kn


@pytest.mark.parametrize("kn", [[], [1.0, -2.0], [[1.0, 2.0]]])
def test_curve_refuses_bad_knudsen(kn):
    with pytest.raises(InputError, match="knudsen"):
        kmodel.solve_sphere_curve("drag", kn, grid=COARSE)


def test_cli_json_is_the_curve_to_dict(monkeypatch):
    returned = []
    original = kmodel.SphereCurve.to_dict

    def recording(self):
        out = original(self)
        returned.append(out)
        return out

    monkeypatch.setattr(kmodel.SphereCurve, "to_dict", recording)
    r = CliRunner().invoke(app, ["kinetic", "--knudsen", "1000", "--knudsen", "300", "--problem", "drag", "--json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert returned
    assert {k: v for k, v in d.items() if k not in ("package_version", "warnings")} == jsonable(returned[-1])
    # the keys of the earlier payload are kept, the inputs echoed
    assert {"problem", "model", "accommodation", "solutions"} <= set(d)
    assert (d["problem"], d["model"], d["accommodation"], d["knudsen"]) == ("drag", "s", 1.0, [1000.0, 300.0])
    ratios = np.array([s["drag_ratio"] for s in d["solutions"]])
    # Epstein's free-molecular drag (diffuse wall): drag / Stokes drag = (4 / (9 Kn)) (1 + pi / 8)
    epstein = 4.0 / (9.0 * np.array([1000.0, 300.0])) * (1.0 + math.pi / 8.0)
    assert ratios / epstein == pytest.approx([1.0, 1.0], rel=3e-3, abs=0)  # O(1/Kn) from the limit
