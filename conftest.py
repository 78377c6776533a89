"""Suite-wide checks that run before any test.

1. Before collecting anything, check that the package's dependencies are installed: without them every
   test module fails to import, one error each; one clear message is more useful.
2. The vacuous-``approx`` guard. ``pytest.approx(x, rel=r)`` without ``abs=`` accepts any value within
   ``max(r*|x|, 1e-12)`` of ``x``. This package's forces are 1e-18..1e-13 N and its volumes, masses and
   diffusion coefficients are tiny too, so for them that tolerance is the default absolute 1e-12: zero,
   x100 or the wrong sign all pass. Every test gets a wrapped ``pytest.approx`` that refuses (fails the
   test) any comparison whose tolerance would be set by the default absolute tolerance, i.e.
   ``rel*|expected| < 1e-12`` with ``abs`` not given (``rel`` defaults to 1e-6, as in pytest). Compare
   dimensional values as ratios (``F / F_ref == approx(1, rel=r)``) or give ``abs=`` explicitly
   (``abs=0`` for a purely relative check; an explicit ``abs`` for a value expected to be zero).
3. No silent skips of external-reference tests. The ``[test]`` extra installs the reference libraries
   (CoolProp, Cantera, miepython, mkdocs...); tests that compare against them skip when one is missing,
   which would quietly drop the comparisons. So the run fails at the start when any is missing, unless
   ``THERMOPHORESIS_ALLOW_MISSING_REFERENCES=1`` is set (then the skips are allowed and listed at the end).
4. The CLI is built once. ``typer.testing.CliRunner.invoke(app, ...)`` rebuilds the whole Click command
   tree from the Typer app's signatures on every call (about 0.1-0.25 s here, 95 % of a typical CLI
   test: the bad-input walk alone made 684 such rebuilds). The tree depends only on the registered commands,
   so it is built once per app and reused; each invoke still gets a fresh Click context, streams and exit
   code. An app whose registered commands, groups or callback change is rebuilt.
5. Long background parts start early. A test module may define ``early_start(names, session)`` (called after
   collection with the names of its selected tests), ``early_stop()`` (called when the session ends) and
   ``RUN_LAST`` (names of its tests to move to the end of the run). tests/test_docs.py uses it to build the
   documentation site in the background, on the core the rest of the (serial) suite leaves idle, and checks
   the build in a test run last.
"""

import importlib.util
import math
import numbers
import os

import pytest

# the deprecated alias of thermophoresis.drift has no doctests of its own; importing it for doctest collection
# would only raise its DeprecationWarning (tests/test_deprecated_transport.py tests it in a fresh interpreter)
collect_ignore = ["src/thermophoresis/transport.py"]

REQUIRED = ("numpy", "scipy", "numba", "xarray", "pint", "typer", "rich", "matplotlib", "hypothesis")
#: import names of the ``[test]`` extra's reference and optional libraries that tests compare against or use
REFERENCES = ("CoolProp", "cantera", "miepython", "meshio", "distributed", "zarr", "mkdocs", "mkdocstrings")
ALLOW_MISSING = "THERMOPHORESIS_ALLOW_MISSING_REFERENCES"

DEFAULT_ABS = 1e-12  # pytest's default absolute tolerance
DEFAULT_REL = 1e-6   # pytest's default relative tolerance


class VacuousApproxError(AssertionError):
    """An ``approx`` whose tolerance is set by the default absolute tolerance, not by its stated one."""


def _numbers_in(expected):
    """The numeric scalars in what ``approx`` accepts: a number, a NumPy array, a sequence or a mapping."""
    if isinstance(expected, bool):
        return
    if isinstance(expected, numbers.Number):
        yield expected
        return
    if isinstance(expected, dict):
        for v in expected.values():
            yield from _numbers_in(v)
        return
    if isinstance(expected, (list, tuple)):
        for v in expected:
            yield from _numbers_in(v)
        return
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - the dependency check above refuses to run without NumPy
        return
    if isinstance(expected, np.ndarray) or np.isscalar(expected):
        arr = np.asarray(expected)
        if arr.dtype.kind in "iufc":
            yield from arr.ravel().tolist()


def check_approx_tolerance(expected, rel=None, abs=None):
    """Raise `VacuousApproxError` when the default absolute tolerance would decide the comparison."""
    if abs is not None:
        return
    r = DEFAULT_REL if rel is None else rel
    for x in _numbers_in(expected):
        try:
            size = math.fabs(x) if not isinstance(x, complex) else math.hypot(x.real, x.imag)
        except TypeError:  # not a plain number (e.g. Decimal or Fraction subclasses are fine, others skip)
            continue
        if math.isfinite(size) and r * size < DEFAULT_ABS:
            raise VacuousApproxError(
                f"pytest.approx({x!r}, rel={rel!r}) has effective tolerance max(rel*|x|, 1e-12) = 1e-12, wider "
                f"than its stated relative one ({r * size:.3g}); compare a ratio (value / ref == approx(1, "
                f"rel=...)) or pass abs= explicitly (abs=0 for a relative check)")


def _install_approx_guard():
    import inspect

    real = pytest.approx
    if getattr(real, "_vacuous_guard", False):
        return

    def approx(expected, rel=None, abs=None, nan_ok=False):
        check_approx_tolerance(expected, rel, abs)
        return real(expected, rel=rel, abs=abs, nan_ok=nan_ok)

    approx.__doc__ = real.__doc__
    approx._vacuous_guard = True
    approx._unguarded = real
    home = inspect.getmodule(real)  # _pytest.approx (pytest >= 8.4) or _pytest.python_api
    pytest.approx = approx
    if home is not None and getattr(home, "approx", None) is real:
        home.approx = approx


_install_approx_guard()


def _install_cli_cache():
    try:
        import typer.testing as tt
    except ImportError:  # pragma: no cover - the dependency check refuses to run without Typer
        return
    build = tt._get_command
    if getattr(build, "_cached", False):
        return
    cache = {}

    def registered(app):
        # what the Click tree is built from: a changed registration must rebuild it
        return (tuple(map(id, app.registered_commands)), tuple(map(id, app.registered_groups)),
                id(app.registered_callback), tuple(registered(g.typer_instance) for g in app.registered_groups
                                                  if g.typer_instance is not None))

    def get_command(app):
        key = registered(app)
        hit = cache.get(id(app))
        if hit is None or hit[0] is not app or hit[1] != key:
            hit = cache[id(app)] = (app, key, build(app))
        return hit[2]

    get_command._cached = True
    tt._get_command = get_command


_install_cli_cache()


def pytest_configure(config):
    missing = [m for m in REQUIRED if importlib.util.find_spec(m) is None]
    if missing:
        raise pytest.UsageError(
            f"the tests need thermophoresis's dependencies; missing: {', '.join(missing)}. Install them with "
            f"'pip install -e \".[test]\"' (README: python3 -m venv .venv && . .venv/bin/activate && "
            f"pip install -e \".[test]\" && python -m pytest -q)")
    absent = missing_references()
    if absent and os.environ.get(ALLOW_MISSING, "") not in ("1", "true", "yes"):
        raise pytest.UsageError(
            f"the [test] extra's reference libraries are missing: {', '.join(absent)}; the tests that compare "
            f"against them would skip silently. Install them with 'pip install -e \".[test]\"', or set "
            f"{ALLOW_MISSING}=1 to run without those comparisons (they are then reported as skipped)")


def missing_references():
    return [m for m in REFERENCES if importlib.util.find_spec(m) is None]


def pytest_terminal_summary(terminalreporter):
    absent = missing_references()
    if absent:
        terminalreporter.write_line(
            f"{ALLOW_MISSING} is set: the comparisons needing {', '.join(absent)} were skipped", yellow=True)


_EARLY_MODULES = []


def pytest_collection_modifyitems(session, config, items):
    last = [item for item in items
            if getattr(item, "originalname", item.name) in getattr(getattr(item, "module", None), "RUN_LAST", ())]
    if last:
        keep = set(map(id, last))
        items[:] = [item for item in items if id(item) not in keep] + last


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    names = {}
    for item in session.items:
        module = getattr(item, "module", None)
        if module is not None and callable(getattr(module, "early_start", None)):
            names.setdefault(module, set()).add(getattr(item, "originalname", item.name))
    for module, selected in names.items():
        _EARLY_MODULES.append(module)
        module.early_start(selected, session)


def pytest_sessionfinish(session):
    while _EARLY_MODULES:
        stop = getattr(_EARLY_MODULES.pop(), "early_stop", None)
        if callable(stop):
            stop()
