r"""Saturation (condensation) pressures of the condensable species, to tell a vapour from a supersaturated one.

The toolkit treats every gas as a dilute ideal gas. A species whose partial pressure exceeds its
saturation pressure at the gas temperature is not a gas in equilibrium: it condenses (water at 293 K and
1 atm is 43 times supersaturated). :class:`~thermophoresis.gas.Gas` checks every species listed in
:data:`SATURATION` and raises a :class:`~thermophoresis.exceptions.ValidityWarning` when one is above
its saturation curve.

Correlations (SI; each function below gives its equation and range):

- **water**: vapour over liquid, Wagner & Pruss (1993), the IAPWS saturation-pressure equation used with
  IAPWS-95, from the triple point 273.16 K to the critical point 647.096 K; over ice below 273.16 K, the
  IAPWS sublimation equation of Wagner, Riethmann, Feistel & Harvey (2011);
- **carbon dioxide**: Span & Wagner (1996), vapour pressure from the triple point 216.592 K to the
  critical point 304.1282 K, sublimation pressure below the triple point.

Above the critical temperature a species cannot condense, whatever its pressure; the functions return
``inf`` there. The tests check each equation at its triple and critical points (continuity of the two
branches) and against the normal boiling / sublimation points (373.124 K for water, 194.686 K for CO2
at 101.325 kPa).

References
----------
.. [1] Wagner, W., Pruss, A. (1993). International equations for the saturation properties of ordinary
   water substance. Revised according to the international temperature scale of 1990. J. Phys. Chem. Ref.
   Data 22, 783-787, eq. (1).
.. [2] Wagner, W., Riethmann, T., Feistel, R., Harvey, A. H. (2011). New equations for the sublimation
   pressure and melting pressure of H2O ice Ih. J. Phys. Chem. Ref. Data 40, 043103, eq. (6).
.. [3] Span, R., Wagner, W. (1996). A new equation of state for carbon dioxide covering the fluid region
   from the triple-point temperature to 1100 K at pressures up to 800 MPa. J. Phys. Chem. Ref. Data 25,
   1509-1596, eqs. (3.12) and (3.13).
"""

from __future__ import annotations

import numpy as np

from .._registry import Choice, Registry
from .._validation import as_output, check_positive

__all__ = ["SATURATION", "saturation_pressure_water", "saturation_pressure_co2", "supersaturation"]

WATER_CRITICAL = (647.096, 22.064e6)  # K, Pa
WATER_TRIPLE = (273.16, 611.657)
CO2_CRITICAL = (304.1282, 7.3773e6)
CO2_TRIPLE = (216.592, 0.51795e6)

_WP_A = (-7.85951783, 1.84408259, -11.7866497, 22.6807411, -15.9618719, 1.80122502)
_WP_T = (1.0, 1.5, 3.0, 3.5, 4.0, 7.5)
_ICE_A = (-0.212144006e2, 0.273203819e2, -0.610598130e1)
_ICE_B = (0.333333333e-2, 0.120666667e1, 0.170333333e1)
_SW_A = (-7.0602087, 1.9391218, -1.6463597, -3.2995634)
_SW_T = (1.0, 1.5, 2.0, 4.0)
_SW_SUB = (-14.740846, 2.4327015, -5.3061778)
_SW_SUB_T = (1.0, 1.9, 2.9)


def _vapour_branch(t, critical, a, exponents):
    tc, pc = critical
    tau = np.clip(1.0 - t / tc, 0.0, None)
    s = sum(ai * tau**ei for ai, ei in zip(a, exponents))
    return pc * np.exp(tc / t * s)


#: Condensable species and their saturation curves (a :class:`~thermophoresis._registry.Registry`; each
#: curve registers itself with the decorator above its function)
SATURATION: Registry[Choice] = Registry("condensable species")


@SATURATION.register("H2O", label="water (liquid / ice)",
                     reference="Wagner & Pruss (1993); Wagner et al. (2011) over ice")
def saturation_pressure_water(temperature):
    r"""Saturation pressure of water: over liquid above 273.16 K, over ice below [Pa].

    .. math::

        \ln\frac{p_\sigma}{p_c} = \frac{T_c}{T}\left(a_1\tau + a_2\tau^{1.5} + a_3\tau^3 + a_4\tau^{3.5}
        + a_5\tau^4 + a_6\tau^{7.5}\right), \quad \tau = 1 - T/T_c

    (Wagner & Pruss 1993) and, over ice, :math:`\ln(p/p_t) = \theta^{-1}\sum_i a_i\theta^{b_i}`,
    :math:`\theta = T/T_t` (Wagner et al. 2011).

    Parameters
    ----------
    temperature : numeric
        [K], > 0. Ice branch valid down to 50 K.

    Returns
    -------
    numeric
        Saturation pressure [Pa]; ``inf`` above the critical temperature 647.096 K.

    References
    ----------
    .. [1] Wagner, W., Pruss, A. (1993). J. Phys. Chem. Ref. Data 22, 783-787.
    .. [2] Wagner, W., Riethmann, T., Feistel, R., Harvey, A. H. (2011). J. Phys. Chem. Ref. Data 40, 043103.

    Examples
    --------
    >>> round(saturation_pressure_water(293.15), 0)     # 20 degC
    2339.0
    """
    t = np.asarray(check_positive("temperature", temperature, "K"), dtype=float)
    tt, pt = WATER_TRIPLE
    theta = t / tt
    with np.errstate(over="ignore", invalid="ignore"):
        ice = pt * np.exp(sum(a * theta**b for a, b in zip(_ICE_A, _ICE_B)) / theta)
        liquid = _vapour_branch(t, WATER_CRITICAL, _WP_A, _WP_T)
    out = np.where(t < tt, ice, np.where(t <= WATER_CRITICAL[0], liquid, np.inf))
    return as_output(out)


@SATURATION.register("CO2", label="carbon dioxide (liquid / solid)", reference="Span & Wagner (1996)")
def saturation_pressure_co2(temperature):
    r"""Saturation pressure of carbon dioxide: vapour pressure above 216.592 K, sublimation below [Pa].

    .. math::

        \ln\frac{p_\sigma}{p_c} = \frac{T_c}{T}\sum_{i=1}^4 a_i (1 - T/T_c)^{t_i}, \qquad
        \ln\frac{p_{sub}}{p_t} = \frac{T_t}{T}\sum_{i=1}^3 a_i (1 - T/T_t)^{t_i}

    Parameters
    ----------
    temperature : numeric
        [K], > 0.

    Returns
    -------
    numeric
        Saturation pressure [Pa]; ``inf`` above the critical temperature 304.1282 K.

    References
    ----------
    .. [1] Span, R., Wagner, W. (1996). J. Phys. Chem. Ref. Data 25, 1509-1596, eqs. (3.12), (3.13).

    Examples
    --------
    >>> round(saturation_pressure_co2(194.686) / 1e3, 1)     # dry ice sublimes at 1 atm
    101.3
    """
    t = np.asarray(check_positive("temperature", temperature, "K"), dtype=float)
    tt, pt = CO2_TRIPLE
    with np.errstate(over="ignore", invalid="ignore"):
        x = np.clip(1.0 - t / tt, 0.0, None)
        sub = pt * np.exp(tt / t * sum(a * x**e for a, e in zip(_SW_SUB, _SW_SUB_T)))
        vap = _vapour_branch(t, CO2_CRITICAL, _SW_A, _SW_T)
    out = np.where(t < tt, sub, np.where(t <= CO2_CRITICAL[0], vap, np.inf))
    return as_output(out)




def supersaturation(species: str, partial_pressure, temperature):
    r"""Partial pressure over saturation pressure of a condensable species [-] (> 1: it condenses).

    Parameters
    ----------
    species : str
        A name in :data:`SATURATION` (``"H2O"``, ``"CO2"``; any case).
    partial_pressure : float or array_like
        Partial pressure of the species [Pa].
    temperature : float or array_like
        Gas temperature [K].

    Returns
    -------
    float or numpy.ndarray
        The saturation ratio :math:`p_i/p_\sigma(T)` [-]; 0 above the critical temperature.

    References
    ----------
    .. [1] Wagner, W., Pruss, A. (1993). J. Phys. Chem. Ref. Data 22, 783-787 (water over liquid).
    .. [2] Wagner, W., Riethmann, T., Feistel, R., Harvey, A. H. (2011). J. Phys. Chem. Ref. Data 40, 043103
       (water over ice).
    .. [3] Span, R., Wagner, W. (1996). J. Phys. Chem. Ref. Data 25, 1509-1596 (carbon dioxide).

    Examples
    --------
    >>> round(supersaturation("H2O", 101325.0, 293.15), 1)   # steam at 20 degC and 1 atm
    43.3
    """
    p_sat = SATURATION.lookup(species).function(temperature)
    return as_output(np.asarray(partial_pressure, dtype=float) / np.asarray(p_sat))
