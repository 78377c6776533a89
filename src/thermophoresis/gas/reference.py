r"""Dilute-gas (zero-density) parts of published reference correlations for viscosity and conductivity.

These are the most accurate pure-gas transport properties in the toolkit. At 1 atm the density-dependent
parts that the full correlations add are below 0.7 % for every gas here between 200 K and 1000 K (largest
for CO2 and CH4 near 200 K), so the dilute values serve for gases up to about atmospheric pressure.

==========  ===========================================  ============================================
species     viscosity                                    thermal conductivity
==========  ===========================================  ============================================
air         Lemmon & Jacobsen (2004)                     Lemmon & Jacobsen (2004)
N2, O2, Ar  Lemmon & Jacobsen (2004)                     Lemmon & Jacobsen (2004)
He          Arp, McCarty & Friend (1998)                 Hands & Arp (1981)
H2          Muzny, Huber & Kazakov (2013)                Assael et al. (2011)
CO2         Laesecke & Muzny (2017)                      Huber et al. (2016)
CH4         Friend, Ely & Ingham (1989)                  Friend, Ely & Ingham (1989)
H2O         IAPWS 2008 (Huber et al. 2009)               IAPWS 2011 (Huber et al. 2012)
==========  ===========================================  ============================================

Neon, krypton and xenon have no entry: they use the Lennard-Jones Chapman–Enskog path
(:mod:`thermophoresis.gas.transport`), which for the heavy noble gases is within about 2 % of the ab initio
values at room temperature.

Each entry records the temperature range over which the toolkit accepts it without a
:class:`~thermophoresis.exceptions.ValidityWarning`.

References
----------
.. [1] Lemmon, E. W., Jacobsen, R. T. (2004). Int. J. Thermophys. 25, 21-69.
   doi:10.1023/B:IJOT.0000022327.04529.f3 (eqs. 2-4 and 5, Tables I-IV).
.. [2] Arp, V. D., McCarty, R. D., Friend, D. G. (1998). Thermophysical properties of helium-4 from 0.8 to
   1500 K with pressures to 2000 MPa. NIST Technical Note 1334 (revised).
.. [3] Hands, B. A., Arp, V. D. (1981). A correlation of thermal conductivity data for helium.
   Cryogenics 21, 697-703. doi:10.1016/0011-2275(81)90211-3
.. [4] Muzny, C. D., Huber, M. L., Kazakov, A. F. (2013). Correlation for the viscosity of normal hydrogen
   obtained from symbolic regression. J. Chem. Eng. Data 58, 969-979. doi:10.1021/je301273j
.. [5] Assael, M. J., Assael, J.-A. M., Huber, M. L., Perkins, R. A., Takata, Y. (2011). Correlation of the
   thermal conductivity of normal and parahydrogen from the triple point to 1000 K and up to 100 MPa.
   J. Phys. Chem. Ref. Data 40, 033101. doi:10.1063/1.3606499
.. [6] Laesecke, A., Muzny, C. D. (2017). Reference correlation for the viscosity of carbon dioxide.
   J. Phys. Chem. Ref. Data 46, 013107. doi:10.1063/1.4977429
.. [7] Huber, M. L., Sykioti, E. A., Assael, M. J., Perkins, R. A. (2016). Reference correlation of the
   thermal conductivity of carbon dioxide from the triple point to 1100 K and up to 200 MPa.
   J. Phys. Chem. Ref. Data 45, 013102. doi:10.1063/1.4940892
.. [8] Friend, D. G., Ely, J. F., Ingham, H. (1989). Thermophysical properties of methane.
   J. Phys. Chem. Ref. Data 18, 583-638. doi:10.1063/1.555828
.. [9] Setzmann, U., Wagner, W. (1991). A new equation of state and tables of thermodynamic properties for
   methane. J. Phys. Chem. Ref. Data 20, 1061-1155 (ideal-gas heat capacity, used in [8]).
.. [10] Huber, M. L., Perkins, R. A., Laesecke, A., et al. (2009). New international formulation for the
   viscosity of H2O. J. Phys. Chem. Ref. Data 38, 101-125. doi:10.1063/1.3088050
.. [11] Huber, M. L., Perkins, R. A., Friend, D. G., et al. (2012). New international formulation for the
   thermal conductivity of H2O. J. Phys. Chem. Ref. Data 41, 033102. doi:10.1063/1.4738955
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..exceptions import ValidityWarning

__all__ = ["Correlation", "VISCOSITY", "CONDUCTIVITY"]


@dataclass(frozen=True)
class Correlation:
    """A dilute-gas correlation: ``func(T [K]) -> value [SI]``, its accepted range and its source."""

    func: Callable
    t_range: tuple[float, float]
    reference: str
    quantity: str

    def __call__(self, temperature):
        t = np.asarray(temperature, dtype=float)
        lo, hi = self.t_range
        if np.any((t < lo) | (t > hi)):
            warnings.warn(
                f"{self.quantity} correlation of {self.reference} used outside {lo:g}-{hi:g} K",
                ValidityWarning,
                stacklevel=3,
            )
        out = self.func(t)
        return out.item() if np.ndim(out) == 0 else out


def _poly(coeffs, x):
    """sum_i c_i x^i (Horner)."""
    out = np.zeros_like(x) + coeffs[-1]
    for c in coeffs[-2::-1]:
        out = out * x + c
    return out


# --- Lemmon & Jacobsen (2004): N2, O2, Ar, air -------------------------------------------------------
# eta0 [uPa s] = 0.0266958 sqrt(M T) / (sigma^2 Omega(T*)), ln Omega = sum b_i (ln T*)^i  (eqs. 2-3)
# lambda0 [mW/(m K)] = N1 eta0/(uPa s) + N2 tau^t2 + N3 tau^t3, tau = Tc / T               (eq. 5)
_LJ04_B = (0.431, -0.4623, 0.08406, 0.005341, -0.00331)
# name: (M [g/mol], sigma [nm], eps/k [K], Tc [K], N1, N2, t2, N3, t3)
_LJ04 = {
    "N2": (28.01348, 0.3656, 98.94, 126.192, 1.511, 2.117, -1.0, -3.332, -0.7),
    "O2": (31.9988, 0.3428, 118.5, 154.581, 1.036, 6.283, -0.9, -4.262, -0.6),
    "Ar": (39.948, 0.335, 143.2, 150.687, 0.8158, -0.432, -0.77, 0.0, 0.0),
    "air": (28.9586, 0.360, 103.3, 132.6312, 1.308, 1.405, -1.1, -1.036, -0.3),
}


def _lj04_viscosity_upas(name, t):
    m, sigma, eps, *_ = _LJ04[name]
    omega = np.exp(_poly(_LJ04_B, np.log(t / eps)))
    return 0.0266958 * np.sqrt(m * t) / (sigma**2 * omega)


def _lj04_viscosity(name):
    return lambda t: _lj04_viscosity_upas(name, t) * 1e-6


def _lj04_conductivity(name):
    _, _, _, tc, n1, n2, t2, n3, t3 = _LJ04[name]

    def k0(t):
        tau = tc / t
        return (n1 * _lj04_viscosity_upas(name, t) + n2 * tau**t2 + n3 * tau**t3) * 1e-3

    return k0


# --- helium --------------------------------------------------------------------------------------------
def _he_viscosity(t):
    # Arp et al. (1998), zero-density limit, in micro-g/(cm s) = 1e-7 Pa s; two branches meeting at 100 K
    x = np.log(t)
    low = np.exp(-0.135311743 / x + 1.00347841 + 1.20654649 * x - 0.149564551 * x**2 + 0.012520841 * x**3)
    high = 196.0 * t**0.71938 * np.exp(12.451 / t - 295.67 / t**2 - 4.1249)
    return np.where(t <= 100.0, low, high) * 1e-7


def _he_conductivity(t):
    # Hands & Arp (1981), dilute-gas term [W/(m K)]
    s = 3.739232544 / t - 26.20316969 / t**2 + 59.82252246 / t**3 - 49.26397634 / t**4
    return 2.7870034e-3 * t**0.7034007057 * np.exp(s)


# --- normal hydrogen -----------------------------------------------------------------------------------
_H2_S = (0.209630, -0.455274, 0.143602, -0.0335325, 0.00276981)  # Muzny et al. (2013), ln S* polynomial
_H2_A = (-0.340976, 4.58820, -1.45080, 0.326394, 0.00316939, 0.000190592, -1.13900e-6)  # Assael (2011)
_H2_B = (138.497, -22.1878, 4.57151, 1.0)


def _h2_viscosity(t):
    s_star = np.exp(_poly(_H2_S, np.log(t / 30.41)))
    return 0.021357 * np.sqrt(2.01588 * t) / (0.297**2 * s_star) * 1e-6


def _h2_conductivity(t):
    tr = t / 33.145
    return _poly(_H2_A, tr) / _poly(_H2_B, tr)


# --- carbon dioxide ------------------------------------------------------------------------------------
_CO2_A = (1749.354893188350, -369.069300007128, 5423856.34887691, -2.21283852168356,
          -269503.247933569, 73145.021531826, 5.34368649509278)  # Laesecke & Muzny (2017), eq. 4
_CO2_L = (1.51874307e-2, 2.80674040e-2, 2.28564190e-2, -7.41624210e-3)  # Huber et al. (2016), eq. 3


def _co2_viscosity(t):
    a = _CO2_A
    t3 = np.cbrt(t)
    denom = (a[0] + a[1] * t ** (1.0 / 6.0) + a[2] * np.exp(a[3] * t3) + (a[4] + a[5] * t3) * np.exp(-t3)
             + a[6] * np.sqrt(t))
    return 1.0055 * np.sqrt(t) / denom * 1e-3


def _co2_conductivity(t):
    tr = t / 304.1282
    return np.sqrt(tr) / _poly(_CO2_L, 1.0 / tr) * 1e-3


# --- methane (Friend, Ely & Ingham 1989) ---------------------------------------------------------------
_CH4_C = (-3.0328138281, 16.918880086, -37.189364917, 41.288861858, -24.615921140, 8.9488430959,
          -1.8739245042, 0.20966101390, -9.6570437074e-3)
_CH4_CV_N = (0.008449, 4.6942, 3.4865, 1.6572, 1.4115)  # Setzmann & Wagner (1991), Planck-Einstein terms
_CH4_CV_V = (648.0, 1957.0, 3895.0, 5705.0, 15080.0)


def _ch4_viscosity(t):
    ts = t / 174.0
    s = sum(c * ts ** (i / 3.0 - 1.0) for i, c in enumerate(_CH4_C))
    return 10.50 * np.sqrt(ts) * s * 1e-6


def _ch4_cv0_over_r(t):
    out = np.full_like(t, 3.0016)
    for n, v in zip(_CH4_CV_N, _CH4_CV_V):
        x = v / t
        out = out + n * x**2 * np.exp(x) / np.expm1(x) ** 2
    return out


def _ch4_conductivity(t):
    f_int = 1.458850 - 0.4377162 / (t / 174.0)
    return 0.51828 * _ch4_viscosity(t) * 1e6 * (3.75 + f_int * (_ch4_cv0_over_r(t) - 1.5)) * 1e-3


# --- water (IAPWS) -------------------------------------------------------------------------------------
_H2O_H = (1.67752, 2.20462, 0.6366564, -0.241605)
_H2O_L = (2.443221e-3, 1.323095e-2, 6.770357e-3, -3.454586e-3, 4.096266e-4)


def _h2o_viscosity(t):
    tb = t / 647.096
    return 100.0 * np.sqrt(tb) / _poly(_H2O_H, 1.0 / tb) * 1e-6


def _h2o_conductivity(t):
    tb = t / 647.096
    return np.sqrt(tb) / _poly(_H2O_L, 1.0 / tb) * 1e-3


_LJ04_REF = "Lemmon & Jacobsen (2004)"
VISCOSITY: dict[str, Correlation] = {
    **{n: Correlation(_lj04_viscosity(n), (60.0, 2000.0), _LJ04_REF, "viscosity") for n in _LJ04},
    "He": Correlation(_he_viscosity, (0.8, 1500.0), "Arp, McCarty & Friend (1998)", "viscosity"),
    "H2": Correlation(_h2_viscosity, (14.0, 1000.0), "Muzny, Huber & Kazakov (2013)", "viscosity"),
    "CO2": Correlation(_co2_viscosity, (100.0, 2000.0), "Laesecke & Muzny (2017)", "viscosity"),
    "CH4": Correlation(_ch4_viscosity, (91.0, 625.0), "Friend, Ely & Ingham (1989)", "viscosity"),
    "H2O": Correlation(_h2o_viscosity, (273.16, 1173.15), "IAPWS 2008 (Huber et al. 2009)", "viscosity"),
}
CONDUCTIVITY: dict[str, Correlation] = {
    **{n: Correlation(_lj04_conductivity(n), (60.0, 2000.0), _LJ04_REF, "conductivity") for n in _LJ04},
    "He": Correlation(_he_conductivity, (3.0, 1500.0), "Hands & Arp (1981)", "conductivity"),
    "H2": Correlation(_h2_conductivity, (14.0, 1000.0), "Assael et al. (2011)", "conductivity"),
    "CO2": Correlation(_co2_conductivity, (216.0, 1100.0), "Huber et al. (2016)", "conductivity"),
    "CH4": Correlation(_ch4_conductivity, (91.0, 625.0), "Friend, Ely & Ingham (1989)", "conductivity"),
    "H2O": Correlation(_h2o_conductivity, (273.16, 1173.15), "IAPWS 2011 (Huber et al. 2012)", "conductivity"),
}
