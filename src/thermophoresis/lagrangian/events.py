"""How a tracked particle left the domain: one named code used by the kernels, results, files and the CLI."""

from __future__ import annotations

from enum import IntEnum

import numpy as np

__all__ = ["Event", "EVENT_NAMES", "FLAG_VALUES", "event_fractions"]


class Event(IntEnum):
    """Event codes stored in ``event_wall`` (int; 0 means the particle is still in the domain)."""

    NONE = 0
    LOWER_WALL = 1  # crossed z = z_lo (walls=(z_lo, z_hi)) in absorbing mode
    UPPER_WALL = 2  # crossed z = z_hi
    EXIT = 3  # crossed x = x_exit
    TUBE_WALL = 4  # crossed the cylinder y^2 + z^2 = R^2

    @property
    def label(self) -> str:
        """Readable name: 'none', 'lower wall', ..."""
        return self.name.lower().replace("_", " ")

    @property
    def key(self) -> str:
        """Name for dictionary keys and JSON: 'in_domain', 'lower_wall', ..."""
        return "in_domain" if self is Event.NONE else self.name.lower()


EVENT_NAMES = {e.value: e.label for e in Event}
FLAG_VALUES = ", ".join(f"{e.value} {e.label}" for e in Event)  # the NetCDF attribute of event_wall


def event_fractions(event_wall) -> dict:
    """Fraction of the particles per event, keyed ``fraction_<key>`` (every event, the tube wall included).

    >>> event_fractions([0, 1, 1, 4])
    {'fraction_in_domain': 0.25, 'fraction_lower_wall': 0.5, 'fraction_upper_wall': 0.0, 'fraction_exit': 0.0, 'fraction_tube_wall': 0.25}
    """
    w = np.asarray(event_wall)
    n = max(w.size, 1)
    return {f"fraction_{e.key}": float(np.count_nonzero(w == e.value)) / n for e in Event}
