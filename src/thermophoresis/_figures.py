"""Matplotlib figures without pyplot (private, bottom floor; matplotlib is imported on use).

The library never selects a matplotlib backend and never registers figures with pyplot. Both the
figure module (:mod:`thermophoresis.plot`) and the sweep plots build their figures here, so neither
imports the other.
"""

from __future__ import annotations


def _figure(figsize):
    """A new matplotlib Figure with an Agg canvas, made without pyplot.

    The library never selects a matplotlib backend and never registers figures with pyplot: a user's
    backend (a notebook's inline backend, a GUI) is left alone, and ``fig.savefig`` writes files directly.
    In a notebook the returned figure displays as usual (it is the last expression of a cell).
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("plotting needs matplotlib: pip install 'thermophoresis[plot]'") from exc
    fig = Figure(figsize=figsize)
    FigureCanvasAgg(fig)
    return fig, fig.subplots()


class _FigureFactory:
    """What ``sweep/plot.py`` calls ``plt``: only ``subplots``, built on :func:`_figure` (no pyplot)."""

    @staticmethod
    def subplots(figsize=(6.4, 4.8), **kwargs):
        fig, _ = _figure(figsize)
        fig.clear()
        return fig, fig.subplots(**kwargs)


def _pyplot():
    """Deprecated helper kept for callers: a figure factory that never touches pyplot or the backend."""
    _figure((1, 1))  # raises the helpful ImportError without matplotlib
    return _FigureFactory()
