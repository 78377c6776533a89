"""Gas fields: temperature, its gradient and the gas velocity at any point (floor 7, below the tracker and
the scenarios).

Each field is a frozen dataclass with its own typed data (``kernel_data``, a NamedTuple built once per field
object) and a compiled evaluator ``(data, x, y, z) -> (T, dT/dx, dT/dy, dT/dz, u_x, u_y, u_z)``; a Numba
kernel calls :func:`field_at` and is compiled once per field type. Every field can be built from a
parameter table (:data:`FIELD_TYPES`, :func:`field_from_dict`), which the TOML loader of
``thermophoresis track`` uses:

=============  ==========================  ==========================================================
``type``       class                       what
=============  ==========================  ==========================================================
``uniform``    :class:`UniformGradient`    T = T0 + G·(x − x0), uniform gas velocity U
``plates``     :class:`ProfileZ`           conduction between plates with no, plug or Poiseuille flow
``profile``    :class:`ProfileZ`           tabulated T(z) and u_x(z)
``stagnation`` :class:`StagnationPoint`    plane stagnation-point flow onto z = 0, analytic thermal layer
``tube``       :class:`GraetzTube`         laminar tube flow, Graetz series for the developing temperature
``grid``       :class:`Grid3D`             T and u on a regular 3-D grid (NetCDF, xarray, CFD meshes)
=============  ==========================  ==========================================================

Pressure is uniform in the domain (the tracker takes it from its gas).
"""

from .base import FIELD_TYPES, FieldParameter, FieldType, evaluate_points, field_at, field_from_dict, register_evaluator
from .uniform import UniformGradient  # noqa: I001  (registration order = the order of FIELD_TYPES)
from .profile import ProfileZ
from .stagnation import StagnationPoint
from .graetz import GraetzTube, graetz_eigen
from .grid import Grid3D

FIELD_CLASSES = (UniformGradient, ProfileZ, StagnationPoint, GraetzTube, Grid3D)

__all__ = ["FIELD_CLASSES", "FIELD_TYPES", "FieldParameter", "FieldType", "GraetzTube", "Grid3D", "ProfileZ",
           "StagnationPoint", "UniformGradient", "evaluate_points", "field_at", "field_from_dict", "graetz_eigen",
           "register_evaluator"]
