"""The root conftest refuses to run when a reference library of the [test] extra is missing (no silent skips)."""

import pytest

import conftest


def test_missing_reference_library_fails_the_run_unless_allowed(monkeypatch):
    monkeypatch.setattr(conftest, "REFERENCES", (*conftest.REFERENCES, "surely_not_installed_reference_lib"))
    monkeypatch.delenv(conftest.ALLOW_MISSING, raising=False)
    with pytest.raises(pytest.UsageError, match="surely_not_installed_reference_lib.*would skip silently"):
        conftest.pytest_configure(None)
    monkeypatch.setenv(conftest.ALLOW_MISSING, "1")
    conftest.pytest_configure(None)  # allowed: the skips are then reported in the summary
