"""thermophoresis.precompile: what ``thermophoresis compile`` would do, and the names it refuses (no compiling
here; the tracker and DSMC targets are run in tests/lagrangian/test_precompile.py and
tests/kinetic/test_dsmc_compile.py)."""

from __future__ import annotations

import pytest

from thermophoresis import InputError
from thermophoresis import precompile
from thermophoresis.force import MODELS
from thermophoresis.lagrangian import precompile as tracker_precompile


def test_the_default_plan_covers_every_target_with_the_default_model():
    todo = precompile.plan()
    tracker = [item[1:] for item in todo if item[0] == "tracker"]
    assert tracker == tracker_precompile.plan()  # every field type and integrator
    assert [item for item in todo if item[0] != "tracker"] == [("dsmc",), ("force", "talbot"), ("mobility",)]


def test_force_models_are_those_with_compiled_loops():
    models = precompile.force_models()
    assert "talbot" in models and "epstein" in models
    assert all(MODELS.lookup(m).kernel is not None for m in models)
    assert set(models) | {m for m in MODELS.names() if MODELS.lookup(m).kernel is None} == set(MODELS.names())
    assert precompile.plan("force", models="all") == [("force", m) for m in models]
    assert precompile.plan(["mobility", "dsmc"]) == [("dsmc",), ("mobility",)]  # in TARGETS order


@pytest.mark.parametrize("kwargs, parameter, value", [
    ({"targets": "tracker,nope"}, "targets", "nope"),
    ({"targets": "force", "models": "talbot,waldmann"}, "models", "waldmann"),  # no compiled loop
    ({"targets": "tracker", "fields": "nope"}, "fields", "nope"),
])
def test_bad_names_are_refused_by_name(kwargs, parameter, value):
    with pytest.raises(InputError) as err:
        precompile.plan(**kwargs)
    assert err.value.parameter == parameter and value in str(err.value)
