"""The compiled and plain-Python twins (ModelInfo.kernel, mobility fast paths) against the general NumPy path.

Every model with a kernel is evaluated three ways -- plain-Python scalar twin, compiled array pipeline,
compiled velocity-only loop -- and each output must equal the general NumPy path of drift.thermophoresis to
rtol 1e-12 (the same formulas evaluated in the same order; only the evaluation machinery differs).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from thermophoresis import MODELS, Gas, Particle, mobility_summary, slip_correction, thermophoresis
from thermophoresis import drift
from thermophoresis.exceptions import InputError, ValidityWarning
from thermophoresis.force import ForceKernel

FIELDS = ("knudsen", "force_coefficient", "thermophoretic_coefficient", "force", "velocity", "slip_correction",
          "mean_free_path", "friction_coefficient", "diffusion_coefficient")
KERNEL_MODELS = [name for name in MODELS if MODELS[name].kernel is not None]
PARAMS = {"talbot": [{}, {"cm": 1.146, "ct": 2.2}], "brock": [{}, {"cs": 1.17}], "epstein": [{}], "kinetic": [{}]}


def _quiet(f, *a, **k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ValidityWarning)
        return f(*a, **k)


def _general(particle, gas, grad, model, slip="kim_2005", **params):
    return _quiet(drift._general, MODELS[model], particle, gas, grad, slip, None, params)


def test_kernels_are_attached_to_the_registry_entries():
    assert set(KERNEL_MODELS) == {"epstein", "brock", "talbot", "kinetic"}
    for name in KERNEL_MODELS:
        assert isinstance(MODELS[name].kernel, ForceKernel)
        assert MODELS.to_dict()[name]["has_kernel"] is True
    assert MODELS["waldmann"].kernel is None and MODELS["li_wang"].kernel is None


@pytest.mark.parametrize("model", KERNEL_MODELS)
@pytest.mark.parametrize("slip", ["kim_2005", "davies_1945"])
def test_scalar_twin_equals_general_path(model, slip):
    gas = Gas("air", 350.0, 2e4)
    for params in PARAMS[model]:
        for d in (3e-9, 80e-9, 2e-6, 50e-6):
            for material in ("psl", "copper"):
                p = Particle(d, material)
                fast = _quiet(thermophoresis, p, gas, -3e3, model, slip=slip, **params)
                slow = _general(p, gas, -3e3, model, slip, **params)
                assert type(fast.velocity) is float and type(fast.regime_code) in (int, bool)
                for f in FIELDS:
                    assert getattr(fast, f) == pytest.approx(getattr(slow, f), rel=1e-12, abs=0), f
                assert fast.regime == slow.regime and bool(fast.in_range) == bool(slow.in_range)


@pytest.mark.parametrize("model", KERNEL_MODELS)
def test_compiled_array_pipeline_equals_general_path(model):
    gas = Gas("He", 500.0, 3e3)
    d = np.logspace(-8.7, -4.5, 257).reshape(257)
    for params in PARAMS[model]:
        p = Particle(d, "silica")
        fast = _quiet(thermophoresis, p, gas, 2.5e3, model, **params)
        slow = _general(p, gas, 2.5e3, model, **params)
        for f in FIELDS:
            np.testing.assert_allclose(getattr(fast, f), getattr(slow, f), rtol=1e-12, atol=0, err_msg=f)
        assert fast.regime_code.dtype == np.int8
        np.testing.assert_array_equal(fast.regime_code, slow.regime_code)
        np.testing.assert_array_equal(fast.regime, slow.regime)
        np.testing.assert_array_equal(fast.in_range, slow.in_range)
        v = _quiet(drift.thermophoretic_velocity, p, gas, 2.5e3, model, **params)
        np.testing.assert_allclose(v, slow.velocity, rtol=1e-12, atol=0)


def test_two_dimensional_diameters_keep_their_shape():
    d = np.logspace(-8, -6, 12).reshape(3, 4)
    r = thermophoresis(Particle(d, "psl"), Gas("air"), 1e3)
    assert r.velocity.shape == (3, 4) and r.regime.shape == (3, 4)
    np.testing.assert_allclose(r.velocity, _general(Particle(d, "psl"), Gas("air"), 1e3, "talbot").velocity,
                               rtol=1e-12, atol=0)


def test_nearly_perfect_conductor_keeps_stokes_friction():
    # Epstein's Phi = K_th -> 0 as Lambda -> 0: F/v stays the Stokes friction 6 pi mu a in both paths
    p = Particle([1e-6, 2e-6], density=1000.0, conductivity=1e300)
    g = Gas("air")
    fast = _quiet(thermophoresis, p, g, 1e3, "epstein")
    slow = _general(p, g, 1e3, "epstein")
    np.testing.assert_allclose(fast.friction_coefficient, slow.friction_coefficient, rtol=1e-12, atol=0)
    np.testing.assert_allclose(fast.friction_coefficient, 6 * np.pi * g.viscosity * p.radius, rtol=1e-12, atol=0)


def test_zero_gradient_gives_exact_zeros_with_positive_sign():
    r = thermophoresis(Particle(np.array([1e-7, 1e-6]), "psl"), Gas("air"), 0)
    assert np.all(r.force == 0.0) and not np.any(np.signbit(r.velocity))
    s = thermophoresis(Particle(1e-7, "psl"), Gas("air"), 0.0)
    assert s.velocity == 0.0 and not np.signbit(s.velocity)


def test_mobility_fast_paths_equal_the_general_path():
    gas = Gas("Ar", 400.0, 5e3)
    d = np.logspace(-8.5, -4, 101)
    for slip in ("kim_2005", "allen_raabe_1985", "davies_1945"):
        fast = _quiet(mobility_summary, Particle(d, "silica"), gas, slip)
        # an array density (same value) sends the call down the general NumPy path
        slow = _quiet(mobility_summary, Particle(d, density=np.full(d.shape, 2220.0), conductivity=1.38), gas, slip)
        one = _quiet(mobility_summary, Particle(float(d[40]), "silica"), gas, slip)
        for f in MOBILITY_FIELDS:
            np.testing.assert_allclose(getattr(fast, f), getattr(slow, f), rtol=1e-12, atol=0, err_msg=f)
            assert getattr(one, f) == pytest.approx(float(np.ravel(getattr(slow, f))[40]), rel=1e-12, abs=0), f
        np.testing.assert_array_equal(fast.regime, slow.regime)
        assert one.regime == slow.regime[40]


MOBILITY_FIELDS = ("knudsen_number", "slip_correction", "friction_coefficient", "epstein_friction_coefficient",
                   "mobility", "diffusion_coefficient", "relaxation_time", "settling_velocity", "mass",
                   "settling_reynolds_number")


def test_scalar_slip_correction_equals_array_path():
    for slip in ("kim_2005", "allen_raabe_1985", "davies_1945"):
        for d in (1e-9, 1e-7, 1e-5):
            assert slip_correction(d, 66e-9, slip) == pytest.approx(
                float(slip_correction(np.array([d]), 66e-9, slip)[0]), rel=1e-14, abs=0)
    with pytest.raises(InputError, match="diameter"):
        slip_correction(-1e-7, 66e-9)
    with pytest.raises(InputError, match="diameter"):
        slip_correction(float("nan"), 66e-9)


def test_array_threads_follow_the_load_and_never_change_the_result(monkeypatch):
    from thermophoresis.force import kernels

    monkeypatch.setattr(kernels.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(kernels, "_runnable_elsewhere", lambda: 0)
    assert kernels._threads_for(10**6, 2) == 2
    assert kernels._threads_for(kernels.PARALLEL_MIN - 1, 2) == 1  # short arrays: one thread
    assert kernels._threads_for(10**6, 1) == 1
    monkeypatch.setattr(kernels, "_runnable_elsewhere", lambda: 1)  # another process holds a core
    assert kernels._threads_for(10**6, 2) == 1
    monkeypatch.setattr(kernels, "_runnable_elsewhere", lambda: None)  # no /proc: Numba's setting
    assert kernels._threads_for(10**6, 2) == 2
    gas, d = Gas("air", 300.0, 101325.0), np.logspace(-9, -5, kernels.PARALLEL_MIN + 1001)
    p = Particle(d, "psl")
    a, va = _quiet(thermophoresis, p, gas, 1e4), _quiet(drift.thermophoretic_velocity, p, gas, 1e4)
    monkeypatch.setattr(kernels, "_runnable_elsewhere", lambda: 5)
    b, vb = _quiet(thermophoresis, p, gas, 1e4), _quiet(drift.thermophoretic_velocity, p, gas, 1e4)
    for f in FIELDS + ("regime_code", "in_range"):
        np.testing.assert_array_equal(getattr(a, f), getattr(b, f))
    np.testing.assert_array_equal(va, vb)
