"""The installed package version, on the bottom floor so that every layer can record it in its outputs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("thermophoresis")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0+unknown"
