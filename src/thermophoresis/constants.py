"""Physical constants (SI): the exact SI-defining values, and the CODATA 2022 atomic mass unit.

Written out rather than imported from :mod:`scipy.constants`, whose import costs about 0.1 s of every
command's start-up; ``tests/test_params.py`` checks each one against :mod:`scipy.constants` (CODATA), so
they cannot drift from it.

Also the reference states that the toolkit uses as defaults.
"""

from __future__ import annotations

import math

#: Boltzmann constant [J/K] (exact in the 2019 SI)
BOLTZMANN = 1.380649e-23
#: Avogadro constant [1/mol] (exact in the 2019 SI)
AVOGADRO = 6.02214076e23
#: Molar gas constant [J/(mol K)] = k N_A (exact)
GAS_CONSTANT = BOLTZMANN * AVOGADRO
#: Standard acceleration of gravity [m/s^2] (exact by definition)
STANDARD_GRAVITY = 9.80665
#: Standard atmosphere [Pa] (exact by definition)
STANDARD_ATMOSPHERE = 101325.0
#: 0 degC in kelvin [K] (exact)
ZERO_CELSIUS = 273.15
#: Unified atomic mass unit [kg] (CODATA 2022, as in scipy.constants 1.17)
ATOMIC_MASS = 1.66053906892e-27

PI = math.pi

#: Default gas temperature of the CLI and the object layer: 20 degC [K]
DEFAULT_TEMPERATURE = ZERO_CELSIUS + 20.0
#: Default gas pressure: one standard atmosphere [Pa]
DEFAULT_PRESSURE = STANDARD_ATMOSPHERE
