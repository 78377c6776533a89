"""Deprecated location of the ``sweep`` command; it lives in :mod:`thermophoresis.cli.sweep`."""

from .cli.sweep import register

__all__ = ["register"]
