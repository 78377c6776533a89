"""Physical constants (SI), taken from :mod:`scipy.constants` (CODATA), never retyped.

Also the reference states that the toolkit uses as defaults.
"""

from __future__ import annotations

import math

from scipy import constants as _c

#: Boltzmann constant [J/K]
BOLTZMANN = _c.k
#: Avogadro constant [1/mol]
AVOGADRO = _c.N_A
#: Molar gas constant [J/(mol K)]
GAS_CONSTANT = _c.R
#: Standard acceleration of gravity [m/s^2]
STANDARD_GRAVITY = _c.g
#: Standard atmosphere [Pa]
STANDARD_ATMOSPHERE = _c.atm
#: 0 degC in kelvin [K]
ZERO_CELSIUS = _c.zero_Celsius
#: Unified atomic mass unit [kg]
ATOMIC_MASS = _c.atomic_mass

PI = math.pi

#: Default gas temperature of the CLI and the object layer: 20 degC [K]
DEFAULT_TEMPERATURE = ZERO_CELSIUS + 20.0
#: Default gas pressure: one standard atmosphere [Pa]
DEFAULT_PRESSURE = STANDARD_ATMOSPHERE
