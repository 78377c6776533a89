"""The run summaries of the sweep and the tracker are result objects whose ``to_dict()`` is the CLI JSON
(issue 14: library results as objects, ``--json`` equals ``to_dict()``), with the keys and the order the
JSON had when they were plain dicts. Cheap: the summaries are built from small stand-ins of a finished run
(the JSON equality over real runs is tests/cli/test_cli_json.py)."""

from __future__ import annotations

import dataclasses
import pathlib
from types import SimpleNamespace

import numpy as np
import pytest

xr = pytest.importorskip("xarray")

from thermophoresis.lagrangian.events import Event  # noqa: E402
from thermophoresis.lagrangian.scenario import Scenario, TrackSummary  # noqa: E402
from thermophoresis.sweep import SweepSummary, sweep_summary  # noqa: E402

SWEEP_KEYS = ["target", "sweep_file", "store", "dims", "coordinates", "variables", "chunks", "chunks_computed",
              "chunks_skipped", "elapsed_s", "backend", "workers", "plot"]


def _finished_sweep():
    report = SimpleNamespace(chunks=2, computed=1, skipped=1, seconds=0.25, backend="serial", workers=1)
    s = SimpleNamespace(report=report, target=SimpleNamespace(name="force"), dims={"diameter": np.int64(2)},
                        grid={"diameter": None}, points=[])
    ds = xr.Dataset({"force": ("diameter", [1e-15, 3e-15], {"units": "N"}),
                     "regime": ("diameter", np.array(["slip", "transition"]))},
                    coords={"diameter": ("diameter", [1e-7, 2e-7], {"units": "m"})})
    return s, ds


def test_sweep_summary_is_a_result_object_with_the_json_keys():
    s, ds = _finished_sweep()
    out = sweep_summary(s, ds, pathlib.Path("s.nc"), sweep_file="sweep.toml", plot=None)
    assert isinstance(out, SweepSummary)
    with pytest.raises(dataclasses.FrozenInstanceError):
        out.target = "other"
    d = out.to_dict()
    assert list(d) == SWEEP_KEYS
    assert d["store"] == "s.nc" and d["sweep_file"] == "sweep.toml" and d["plot"] is None
    assert d["dims"] == {"diameter": 2} and type(d["dims"]["diameter"]) is int
    assert d["coordinates"] == {"diameter": {"units": "m", "values": [1e-7, 2e-7]}}
    assert d["variables"]["force"] == {"dims": ["diameter"], "units": "N", "min": 1e-15, "max": 3e-15}
    assert d["variables"]["regime"] == {"dims": ["diameter"], "units": ""}  # no range for text
    assert (d["chunks"], d["chunks_computed"], d["chunks_skipped"], d["workers"]) == (2, 1, 1, 1)


def test_track_summary_is_a_result_object_with_the_json_keys(tmp_path):
    walls = np.array([Event(0).value, 1, 1, 4], dtype=np.int8)
    scenario = SimpleNamespace(source=tmp_path / "track.toml", steps=40, tracker=SimpleNamespace(dt=0.05),
                               directory=tmp_path / "run", plot=None)
    out = Scenario.summary(scenario, xr.Dataset({"event_wall": ("particle", walls)}))
    assert isinstance(out, TrackSummary)
    d = out.to_dict()
    fractions = [f"fraction_{e.key}" for e in Event]
    assert list(d) == ["scenario_file", "particles", "steps", "time_s", *fractions, "result_file", "plot"]
    assert d["particles"] == 4 and d["steps"] == 40 and d["time_s"] == pytest.approx(2.0, rel=1e-12, abs=0)
    assert sum(d[k] for k in fractions) == pytest.approx(1.0, rel=1e-12, abs=0)
    assert d["fraction_lower_wall"] == 0.5
    assert d["result_file"] == str(tmp_path / "run" / "result.nc")
    assert d["scenario_file"] == str(tmp_path / "track.toml")
