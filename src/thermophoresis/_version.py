"""The package version, on the bottom floor so that every layer can record it in its outputs.

A literal, not ``importlib.metadata.version(...)``: importing :mod:`importlib.metadata` costs more than a
tenth of a second of every command's start-up. ``tests/cli/test_startup.py`` checks it against
``pyproject.toml`` and against the installed distribution's metadata, so the two cannot drift apart.
"""

__version__ = "0.2.0"
