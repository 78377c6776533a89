r"""Ideal-gas heat capacity of the species, from NASA 7-coefficient polynomials.

:math:`c_p^\circ / R = a_1 + a_2 T + a_3 T^2 + a_4 T^3 + a_5 T^4`, with one coefficient set below 1000 K and
one above. Coefficients are those of the GRI-Mech 3.0 thermodynamic database (Smith et al. 1999), which
collects the Burcat / NASA Glenn fits; valid 200 (300 for N2) to 3500 K (5000 K for N2). Monatomic gases have
:math:`c_p^\circ = 5R/2` exactly (no electronic excitation below several thousand kelvin). Dry air is the
mole-fraction-weighted mixture of N2, O2 and Ar.

References
----------
.. [1] Smith, G. P., Golden, D. M., Frenklach, M., et al. (1999). GRI-Mech 3.0,
   http://combustion.berkeley.edu/gri-mech/ (thermodynamic data file thermo30.dat).
.. [2] McBride, B. J., Zehe, M. J., Gordon, S. (2002). NASA Glenn coefficients for calculating
   thermodynamic properties of individual species. NASA/TP-2002-211556.
"""

from __future__ import annotations

import numpy as np

from .._docs import fill
from ..constants import GAS_CONSTANT
from .species import Species, get_species

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC: dict[str, str] = {
    "references_nasa7": """References
----------
.. [1] Smith, G. P., Golden, D. M., Frenklach, M., et al. (1999). GRI-Mech 3.0 (thermodynamic data file
   thermo30.dat).
.. [2] McBride, B. J., Zehe, M. J., Gordon, S. (2002). NASA Glenn coefficients for calculating
   thermodynamic properties of individual species. NASA/TP-2002-211556.""",
}


__all__ = ["NASA7", "heat_capacity_cp_molar", "heat_capacity_cp"]

# name: (T_mid, low-range a1..a5, high-range a1..a5); only the cp coefficients are needed here
NASA7: dict[str, tuple[float, tuple[float, ...], tuple[float, ...]]] = {
    "N2": (1000.0, (3.298677, 1.4082404e-03, -3.963222e-06, 5.641515e-09, -2.444854e-12),
           (2.92664, 1.4879768e-03, -5.68476e-07, 1.0097038e-10, -6.753351e-15)),
    "O2": (1000.0, (3.78245636, -2.99673416e-03, 9.84730201e-06, -9.68129509e-09, 3.24372837e-12),
           (3.28253784, 1.48308754e-03, -7.57966669e-07, 2.09470555e-10, -2.16717794e-14)),
    "H2": (1000.0, (2.34433112, 7.98052075e-03, -1.9478151e-05, 2.01572094e-08, -7.37611761e-12),
           (3.3372792, -4.94024731e-05, 4.99456778e-07, -1.79566394e-10, 2.00255376e-14)),
    "CO2": (1000.0, (2.35677352, 8.98459677e-03, -7.12356269e-06, 2.45919022e-09, -1.43699548e-13),
            (3.85746029, 4.41437026e-03, -2.21481404e-06, 5.23490188e-10, -4.72084164e-14)),
    "CH4": (1000.0, (5.14987613, -1.36709788e-02, 4.91800599e-05, -4.84743026e-08, 1.66693956e-11),
            (0.074851495, 1.33909467e-02, -5.73285809e-06, 1.22292535e-09, -1.0181523e-13)),
    "H2O": (1000.0, (4.19864056, -2.0364341e-03, 6.52040211e-06, -5.48797062e-09, 1.77197817e-12),
            (3.03399249, 2.17691804e-03, -1.64072518e-07, -9.7041987e-11, 1.68200992e-14)),
}


def _poly(coeffs, t):
    a1, a2, a3, a4, a5 = coeffs
    return a1 + t * (a2 + t * (a3 + t * (a4 + t * a5)))


@fill(_DOC)
def heat_capacity_cp_molar(species: str | Species, temperature):
    r"""Ideal-gas isobaric molar heat capacity of a species, NASA 7-coefficient polynomials.

    .. math:: c_p^\circ / R = a_1 + a_2 T + a_3 T^2 + a_4 T^3 + a_5 T^4

    Monatomic gases: :math:`5R/2` exactly; air: the mole-fraction-weighted N2/O2/Ar mixture.

    Parameters
    ----------
    species : str or Species
        Name or alias from the species table.
    temperature : float or array_like
        Gas temperature [K]; the polynomials cover 200 (N2: 300) to 3500 K.

    Returns
    -------
    numpy.ndarray or float
        :math:`c_p^\circ` [J/(mol K)].

    %(references_nasa7)s

    Examples
    --------
    >>> round(float(heat_capacity_cp_molar("Ar", 300.0)), 3)
    20.786
    >>> round(float(heat_capacity_cp_molar("N2", 300.0)), 2)
    29.08
    """
    sp = get_species(species)
    t = np.asarray(temperature, dtype=float)
    if sp.is_monatomic:
        return 2.5 * GAS_CONSTANT * np.ones_like(t)
    if sp.composition:
        return sum(x * heat_capacity_cp_molar(n, t) for n, x in sp.composition.items())
    t_mid, low, high = NASA7[sp.name]
    return GAS_CONSTANT * np.where(t < t_mid, _poly(low, t), _poly(high, t))


@fill(_DOC)
def heat_capacity_cp(species: str | Species, temperature):
    """Ideal-gas isobaric specific heat capacity, :func:`heat_capacity_cp_molar` over the molar mass.

    %(species_temperature)s

    Returns
    -------
    numpy.ndarray or float
        :math:`c_p` [J/(kg K)].

    %(references_nasa7)s

    Examples
    --------
    >>> round(float(heat_capacity_cp("Ar", 300.0)), 2)
    520.33
    """
    sp = get_species(species)
    return heat_capacity_cp_molar(sp, temperature) / sp.molar_mass
