"""A field type registered with a sweep ``ensemble`` rule is reachable from the ``track`` sweep target with no
other change (issue 14: adding a field touches one declaration; docs/contributing.md, "A new field")."""

import numpy as np
import pytest

from thermophoresis._params import Param
from thermophoresis.exceptions import InputError
from thermophoresis.fields import FIELD_TYPES, UniformGradient
from thermophoresis.fields.base import register_field_type
from thermophoresis.sweep import targets


def _at_origin(fld, half, n, z_start, length):
    return np.zeros((np.size(half), 3)), None, length


@pytest.fixture
def toy_field():
    """A new field type: a uniform gradient along z given as one scalar, ``gradient_z`` (a name no other
    field uses), with its ensemble rule: every particle at the origin, no walls."""
    register_field_type(
        "toy_z", UniformGradient,
        {"temperature": Param("temperature", positive=True, required=True, help="gas temperature"),
         "gradient_z": Param("temperature_gradient", default=0.0, help="temperature gradient along z")},
        lambda v, gas: UniformGradient(v["temperature"], (0.0, 0.0, v["gradient_z"])),
        "test field", ensemble=_at_origin)
    try:
        yield "toy_z"
    finally:
        del FIELD_TYPES["toy_z"]


def test_registered_field_joins_the_track_fields_and_parameters(toy_field):
    assert toy_field in targets._track_fields()
    assert "gradient_z" in targets._track_params()
    assert toy_field not in targets.TRACK_FIELDS  # the module's own table was built before the registration


def test_registered_field_is_tracked_as_the_field_it_declares(toy_field):
    common = dict(members=np.arange(1, 5), seed=11, particles=6, diameter=1e-6, dt=1e-4, steps=15,
                  inertial=True, gravity=False, temperature=300.0)
    new = targets.track_target(field=toy_field, gradient_z=2e4, **common)
    ref = targets.track_target(field="uniform", gradient=2e4, **common)
    for key in ref:
        np.testing.assert_array_equal(new[key], ref[key])
    assert np.all(np.isfinite(new["final_position"]))
    # the gradient reaches the tracker: a zero gradient gives other final positions
    zero = targets.track_target(field=toy_field, gradient_z=0.0, **common)
    assert not np.array_equal(zero["final_position"], new["final_position"])


def test_unknown_field_and_parameter_are_refused(toy_field):
    with pytest.raises(InputError) as exc:
        targets.track_target(members=[0], seed=1, particles=1, diameter=1e-6, dt=1e-4, steps=1, field="profile")
    assert exc.value.parameter == "field" and "toy_z" in exc.value.allowed
    with pytest.raises(InputError) as exc:
        targets.track_target(members=[0], seed=1, particles=1, diameter=1e-6, dt=1e-4, steps=1, field=toy_field,
                             gradient_y=1.0)
    assert exc.value.parameter == "gradient_y" and "gradient_z" in exc.value.allowed


def test_stream_version_reaches_the_tracker_from_a_sweep():
    """``stream`` (a tracking file's ``run.stream``) is a track-target parameter: version 1 gives the same
    particles as ``Tracker(stream=1)`` run by hand, and other numbers than version 2."""
    from thermophoresis import Gas, Particle
    from thermophoresis.lagrangian import Tracker
    from thermophoresis.sweep import get_target

    common = dict(members=np.arange(3), seed=5, particles=3, diameter=1e-6, dt=1e-4, steps=12, inertial=True,
                  gravity=False, temperature=300.0, gradient=1e4)
    one = targets.track_target(stream=1, **common)
    two = targets.track_target(stream=2, **common)
    assert not np.array_equal(one["final_position"], two["final_position"])
    fld = UniformGradient(300.0, gradient=(0.0, 0.0, 1e4), velocity=(0.0, 0.0, 0.0))
    by_hand = Tracker(Particle(1e-6, "psl"), Gas("air", pressure=101325.0), fld, model="talbot", dt=1e-4,
                      inertial=True, gravity=False, seed=5, stream=1).run(np.zeros((3, 3)), 12, particle_ids=np.arange(3))
    np.testing.assert_array_equal(one["final_position"], by_hand.positions)
    with pytest.raises(InputError) as exc:
        get_target("track").params["stream"].parse(4)
    assert exc.value.parameter == "stream"
