"""Kim, Mulholland, Kukuck & Pui (2005), Slip correction measurements of certified PSL nanoparticles using a
nanometer differential mobility analyzer (Nano-DMA) for Knudsen number from 0.5 to 83. J. Res. NIST 110,
31-54. Values read from the abstract (the only part read here)."""

import math

import pytest

from thermophoresis import Gas
from thermophoresis.mobility import SLIP_CORRECTIONS, convention_mean_free_path, slip_correction

ALPHA, BETA, GAMMA = 1.165, 0.483, 0.997  # abstract: "C = 1 + Kn (alpha + beta exp(-gamma/Kn))"
KN_RANGE = (0.5, 83.0)                    # abstract: "Knudsen number from 0.5 to 83" (Kn = 2 mfp / d)
SIZES_NM = (19.90, 100.7, 269.0)          # abstract: the three particle sizes measured


def test_fit_constants_and_range_are_the_published_ones():
    p = SLIP_CORRECTIONS["kim_2005"]
    assert (p.alpha, p.beta, p.gamma) == (ALPHA, BETA, GAMMA)
    assert tuple(p.kn_range) == KN_RANGE


@pytest.mark.parametrize("size_nm", SIZES_NM)
@pytest.mark.parametrize("pressure", [8.27e3, 101325.0])  # abstract: "pressure was varied down to 8.27 kPa"
def test_slip_correction_is_the_published_fit_in_the_fit_convention(size_nm, pressure):
    gas = Gas("air", 296.15, pressure)
    d = size_nm * 1e-9
    kn = 2 * float(convention_mean_free_path(gas.mean_free_path, "kim_2005")) / d
    published = 1 + kn * (ALPHA + BETA * math.exp(-GAMMA / kn))
    assert slip_correction(d, gas.mean_free_path) / published == pytest.approx(1.0, rel=1e-12, abs=0)
