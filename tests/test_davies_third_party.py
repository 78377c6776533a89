"""Davies (1945) slip correction against a third-party implementation's own numbers.

The peer: ``particula`` 0.2.10 (PyPI wheel ``particula-0.2.10-py3-none-any.whl``), function
``particula.particles.properties.slip_correction_module.get_cunningham_slip_correction(knudsen_number)``,
which implements ``C_c = 1 + Kn (1.257 + 0.4 exp(-1.1 / Kn))`` with ``Kn = mfp / r`` (its
``knudsen_number_module.get_knudsen_number`` divides the mean free path by the particle *radius*, our
convention too). The values below were printed by that function, run from the downloaded wheel on
2026-12-01 (its module loaded on its own, without the package ``__init__``); they are typed here so that the
test needs no optional library and can never skip.

At Kn = 0.5..2 the exponential term is 10-14 % of C_c - 1, so the Davies constant b = 1.10 is exercised:
b -> 1.00 moves C_c by +0.59 % at Kn = 1 and +0.66 % at Kn = 0.5, far beyond the 1e-9 allowed here (both
codes evaluate the same closed form in double precision; a failure means our constants, our Knudsen
convention or our mean-free-path handling for Davies changed).
"""

import numpy as np
import pytest

from thermophoresis.mobility import SLIP_CORRECTIONS, cunningham, slip_correction

# (Kn = mfp / a, C_c printed by particula 0.2.10 get_cunningham_slip_correction)
PARTICULA_DAVIES = [
    (0.3, 1.3801673839847808),
    (0.5, 1.6506606316724666),
    (1.0, 2.390148433479232),
    (2.0, 3.975559848304389),
]


@pytest.mark.parametrize("kn, c_peer", PARTICULA_DAVIES)
def test_davies_slip_correction_matches_particula(kn, c_peer):
    # c_peer: a third-party value (particula's own code, module notes)
    mfp = 65e-9
    radius = mfp / kn
    # the public function (scalar fast path): Davies has no reference mean free path, so none is rescaled
    c = slip_correction(2.0 * radius, mfp, "davies_1945")
    assert c / c_peer == pytest.approx(1.0, rel=1e-9, abs=0)
    # the array path and the registry's constants through the Cunningham formula (Kn_d = 2 mfp / d = mfp / a)
    c_arr = slip_correction(np.array([2.0 * radius, 2.0 * radius]), mfp, "davies")
    assert np.all(np.abs(np.asarray(c_arr) / c_peer - 1.0) < 1e-9)
    p = SLIP_CORRECTIONS["davies_1945"]
    assert cunningham(kn, p.alpha, p.beta, p.gamma) / c_peer == pytest.approx(1.0, rel=1e-9, abs=0)
