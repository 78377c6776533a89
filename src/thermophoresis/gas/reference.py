"""Dilute-gas parts of published reference correlations (filled in below)."""

from __future__ import annotations

import numpy as np

VISCOSITY: dict = {}
CONDUCTIVITY: dict = {}


def _lemmon_jacobsen_omega(t_star):
    ln_t = np.log(t_star)
    b = (0.431, -0.4623, 0.08406, 0.005341, -0.00331)
    return np.exp(b[0] + ln_t * (b[1] + ln_t * (b[2] + ln_t * (b[3] + ln_t * b[4]))))


def _lemmon_jacobsen_viscosity(molar_mass_g, sigma_nm, epsilon_k):
    def eta0(t):
        return 0.0266958e-6 * np.sqrt(molar_mass_g * t) / (sigma_nm**2 * _lemmon_jacobsen_omega(t / epsilon_k))

    return eta0


VISCOSITY["air"] = _lemmon_jacobsen_viscosity(28.9586, 0.360, 103.3)
VISCOSITY["N2"] = _lemmon_jacobsen_viscosity(28.01348, 0.3656, 98.94)
VISCOSITY["O2"] = _lemmon_jacobsen_viscosity(31.9988, 0.3428, 118.5)
VISCOSITY["Ar"] = _lemmon_jacobsen_viscosity(39.948, 0.335, 143.2)
