"""The species table: molar mass, Lennard-Jones parameters, molecular structure and sources.

Lennard-Jones (12-6) parameters are those of the Chemkin transport database (Kee et al. 1986, the
``tran.dat`` distributed with GRI-Mech 3.0 and with Cantera's ``gri30.yaml``) wherever that database has the
species, so that mixture and thermal-diffusion results can be compared with Cantera on equal terms. Species
the database lacks take the viscosity-fitted values of Svehla (1962) as tabulated by Poling, Prausnitz &
O'Connell (2001), Appendix B; air, a pseudo-pure fluid, takes the parameters of Lemmon & Jacobsen (2004).

Molar masses are from the IUPAC standard atomic weights (CIAAW 2013) as used by NIST's reference equations
of state; air's is Lemmon et al. (2000).

The Lennard-Jones parameters serve the general Chapman–Enskog path (any species, any mixture, thermal
diffusion). Where a reference correlation for the dilute gas exists (see
:mod:`thermophoresis.gas.reference`), viscosity and conductivity use it by default, because a 12-6 potential
cannot reproduce the transport properties of every gas within 2 % from 200 K to 1000 K (helium and hydrogen
are quantum gases at low temperature; CO2 and H2O are not spherical).

References
----------
.. [1] Kee, R. J., Dixon-Lewis, G., Warnatz, J., Coltrin, M. E., Miller, J. A. (1986). A Fortran computer
   code package for the evaluation of gas-phase multicomponent transport properties. Sandia Report
   SAND86-8246. (Transport data as distributed with GRI-Mech 3.0, Smith et al. 1999.)
.. [2] Svehla, R. A. (1962). Estimated viscosities and thermal conductivities of gases at high
   temperatures. NASA Technical Report R-132; tabulated in Poling, B. E., Prausnitz, J. M.,
   O'Connell, J. P. (2001). The Properties of Gases and Liquids, 5th ed., Appendix B.
.. [3] Lemmon, E. W., Jacobsen, R. T. (2004). Viscosity and thermal conductivity equations for nitrogen,
   oxygen, argon, and air. Int. J. Thermophys. 25, 21-69. doi:10.1023/B:IJOT.0000022327.04529.f3
.. [4] Lemmon, E. W., Jacobsen, R. T., Penoncello, S. G., Friend, D. G. (2000). Thermodynamic properties of
   air and mixtures of nitrogen, argon, and oxygen from 60 to 2000 K at pressures to 2000 MPa.
   J. Phys. Chem. Ref. Data 29, 331-385. doi:10.1063/1.1285884
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .._docs import fill
from .._registry import Registry

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC: dict[str, str] = {
    "references_species_table": """References
----------
.. [1] Kee, R. J., Dixon-Lewis, G., Warnatz, J., Coltrin, M. E., Miller, J. A. (1986). A Fortran computer
   code package for the evaluation of gas-phase multicomponent transport properties. Sandia Report
   SAND86-8246 (Lennard-Jones parameters).
.. [2] Poling, B. E., Prausnitz, J. M., O'Connell, J. P. (2001). The Properties of Gases and Liquids,
   5th ed., Appendix B (Svehla's parameters for species the Chemkin database lacks).""",
}


__all__ = ["Species", "SPECIES", "get_species", "species_names"]


@dataclass(frozen=True)
class Species:
    """One gas species (or the pseudo-pure fluid air).

    Attributes
    ----------
    name : str
        Canonical short name (``"N2"``, ``"Ar"``, ``"air"``).
    molar_mass : float
        [kg/mol]
    lj_sigma : float
        Lennard-Jones collision diameter [m].
    lj_epsilon_k : float
        Lennard-Jones well depth divided by Boltzmann's constant [K].
    geometry : str
        ``"atom"``, ``"linear"`` or ``"nonlinear"``; sets the rotational degrees of freedom (0, 2, 3).
    dipole_moment : float
        Permanent dipole moment [C m] (nonzero only for H2O here; the 12-6 path ignores it).
    lj_source : str
        Where the Lennard-Jones parameters come from.
    aliases : tuple of str
        Other accepted names (case-insensitive).
    composition : dict
        For the pseudo-pure fluid air: the mole fractions used for its heat capacity.
    """

    name: str
    long_name: str
    molar_mass: float
    lj_sigma: float
    lj_epsilon_k: float
    geometry: str
    lj_source: str
    dipole_moment: float = 0.0
    aliases: tuple[str, ...] = ()
    composition: dict[str, float] = field(default_factory=dict)

    @property
    def rotational_degrees_of_freedom(self) -> int:
        return {"atom": 0, "linear": 2, "nonlinear": 3}[self.geometry]

    @property
    def is_monatomic(self) -> bool:
        return self.geometry == "atom"

    def to_dict(self) -> dict:
        """The entry of ``thermophoresis gases --json``: names, molar mass, Lennard-Jones parameters, and
        whether reference correlations (not only Chapman-Enskog) give its viscosity and conductivity."""
        from .reference import CONDUCTIVITY, VISCOSITY

        return {"name": self.name, "long_name": self.long_name, "molar_mass_kg_per_mol": self.molar_mass,
                "lj_sigma_m": self.lj_sigma, "lj_epsilon_over_k_K": self.lj_epsilon_k, "geometry": self.geometry,
                "aliases": list(self.aliases), "reference_viscosity": self.name in VISCOSITY,
                "reference_conductivity": self.name in CONDUCTIVITY}


_KEE = "Kee et al. (1986), Chemkin transport database (GRI-Mech 3.0 tran.dat)"
_SVEHLA = "Svehla (1962), NASA TR R-132, via Poling et al. (2001) App. B"
_DEBYE = 3.33564e-30  # one debye in C m

#: The species table (a :class:`~thermophoresis._registry.Registry`: names, long names and aliases,
#: case-insensitive, closest names on a typo)
SPECIES: Registry[Species] = Registry("gas")
for _s in [
        Species("air", "dry air", 28.9586e-3, 0.360e-9, 103.3, "linear",
                "Lemmon & Jacobsen (2004), Table I", aliases=("dry air",),
                composition={"N2": 0.7812, "O2": 0.2096, "Ar": 0.0092}),
        Species("N2", "nitrogen", 28.01348e-3, 3.621e-10, 97.53, "linear", _KEE,
                aliases=("nitrogen",)),
        Species("O2", "oxygen", 31.9988e-3, 3.458e-10, 107.4, "linear", _KEE, aliases=("oxygen",)),
        Species("Ar", "argon", 39.948e-3, 3.330e-10, 136.5, "atom", _KEE, aliases=("argon",)),
        Species("He", "helium", 4.002602e-3, 2.576e-10, 10.2, "atom", _KEE, aliases=("helium", "helium-4")),
        Species("Ne", "neon", 20.1797e-3, 2.820e-10, 32.8, "atom", _SVEHLA, aliases=("neon",)),
        Species("Kr", "krypton", 83.798e-3, 3.655e-10, 178.9, "atom", _SVEHLA, aliases=("krypton",)),
        Species("Xe", "xenon", 131.293e-3, 4.047e-10, 231.0, "atom", _SVEHLA, aliases=("xenon",)),
        Species("H2", "hydrogen (normal)", 2.01588e-3, 2.920e-10, 38.0, "linear", _KEE,
                aliases=("hydrogen",)),
        Species("CO2", "carbon dioxide", 44.0095e-3, 3.763e-10, 244.0, "linear", _KEE,
                aliases=("carbon dioxide", "carbon_dioxide", "carbondioxide")),
        Species("CH4", "methane", 16.04246e-3, 3.746e-10, 141.4, "nonlinear", _KEE,
                aliases=("methane",)),
        Species("H2O", "water vapour", 18.015268e-3, 2.605e-10, 572.4, "nonlinear", _KEE,
                dipole_moment=1.844 * _DEBYE,
                aliases=("water", "water vapour", "water vapor", "steam", "water_vapour")),
    ]:
    SPECIES.add(_s, aliases=(_s.long_name,))


@fill(_DOC)
def species_names() -> list[str]:
    """Canonical names of all species in the table.

    Returns
    -------
    list of str
        Canonical names (``"air"``, ``"N2"``, ``"Ar"``, ...), in table order.

    %(references_species_table)s
    """
    return list(SPECIES)


@fill(_DOC)
def get_species(name: str | Species) -> Species:
    """Look up a species by name or alias (case-insensitive).

    Parameters
    ----------
    name : str or Species
        A canonical name, alias or long name (``"Ar"``, ``"argon"``, ``"ARGON"``); a :class:`Species`
        passes through.

    Returns
    -------
    Species
        The table entry (molar mass [kg/mol], Lennard-Jones parameters, structure, sources).

    Raises
    ------
    UnknownNameError
        With the closest known names, if ``name`` is not in the table.

    %(references_species_table)s

    Examples
    --------
    >>> get_species("argon").molar_mass
    0.039948
    """
    if isinstance(name, Species):
        return name
    return SPECIES.lookup(name)
