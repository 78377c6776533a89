"""Before collecting anything, check that the package's dependencies are installed.

Without them every test module fails to import, one error each; one clear message is more useful.
"""

import importlib.util

import pytest

REQUIRED = ("numpy", "scipy", "numba", "xarray", "pint", "typer", "rich", "matplotlib", "hypothesis")


def pytest_configure(config):
    missing = [m for m in REQUIRED if importlib.util.find_spec(m) is None]
    if missing:
        raise pytest.UsageError(
            f"the tests need thermophoresis's dependencies; missing: {', '.join(missing)}. Install them with "
            f"'pip install -e \".[test]\"' (README: python3 -m venv .venv && . .venv/bin/activate && "
            f"pip install -e \".[test]\" && python -m pytest -q)")
