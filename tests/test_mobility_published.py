"""The Allen & Raabe (1985) constants against a value printed with them, recomputed with the printer's inputs.

Hinds (1999), Aerosol Technology, Appendix A.11 (as typed in test_mobility.py::test_hinds_table_values, where
the source is described): D = 6.8e-10 m^2/s for 0.1 um in air at 20 degC, 1 atm, computed there with the
Allen & Raabe constants, mfp 0.066 um and mu = 1.81e-5 Pa s. With those same inputs (instead of our gas model's)
the only freedom left is the slip-correction constants, so the printed digits (6.75..6.85e-10) test them; at
Kn = 2 mfp/d = 1.32 the exponential term matters: gamma 0.999 -> 0.80 gives 6.90e-10.
"""

import math

import pytest

from thermophoresis.constants import BOLTZMANN
from thermophoresis.mobility import SLIP_CORRECTIONS, cunningham


def test_allen_raabe_constants_reproduce_hinds_diffusion_coefficient_with_hinds_inputs():
    p = SLIP_CORRECTIONS["allen_raabe_1985"]
    d, mfp, mu, t = 0.1e-6, 0.066e-6, 1.81e-5, 293.15
    cc = cunningham(2 * mfp / d, p.alpha, p.beta, p.gamma)
    diff = BOLTZMANN * t * cc / (3 * math.pi * mu * d)
    assert 6.75e-10 <= diff < 6.85e-10
