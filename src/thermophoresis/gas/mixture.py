r"""Mixing rules for the transport properties of dilute gas mixtures.

Viscosity by Wilke (1950):

.. math::
    \mu_{mix} = \sum_i \frac{x_i \mu_i}{\sum_j x_j \Phi_{ij}}, \qquad
    \Phi_{ij} = \frac{\left[1 + (\mu_i/\mu_j)^{1/2} (M_j/M_i)^{1/4}\right]^2}{\left[8 (1 + M_i/M_j)\right]^{1/2}}

Conductivity by the Wassiljewa equation with the Mason & Saxena (1958) interaction factors
:math:`A_{ij} = \varepsilon \Phi_{ij}`:

.. math:: k_{mix} = \sum_i \frac{x_i k_i}{\sum_j x_j A_{ij}}

with :math:`\varepsilon = 1` as recommended by Poling et al. (2001, eq. 10-6.2; Mason & Saxena proposed
1.065). Typical accuracy 2–3 % for nonpolar mixtures; Wilke is weaker for mixtures of very light and heavy
species (He or H2 in Xe) where errors can reach 5–10 %.

All functions broadcast: mole fractions along the *last* axis, properties of the pure species along the
last axis too (so a temperature array of shape ``(n,)`` with ``k`` species gives inputs of shape
``(n, k)``).

References
----------
.. [1] Wilke, C. R. (1950). A viscosity equation for gas mixtures. J. Chem. Phys. 18, 517-519.
   doi:10.1063/1.1747673
.. [2] Mason, E. A., Saxena, S. C. (1958). Approximate formula for the thermal conductivity of gas
   mixtures. Phys. Fluids 1, 361-369. doi:10.1063/1.1724352
.. [3] Poling, B. E., Prausnitz, J. M., O'Connell, J. P. (2001). The Properties of Gases and Liquids,
   5th ed. Eqs. (9-5.13)-(9-5.14), (10-6.1)-(10-6.2).
"""

from __future__ import annotations

import numpy as np

from .._docs import fill

#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC: dict[str, str] = {
    "references_wilke": """References
----------
.. [1] Wilke, C. R. (1950). A viscosity equation for gas mixtures. J. Chem. Phys. 18, 517-519.
.. [2] Poling, B. E., Prausnitz, J. M., O'Connell, J. P. (2001). The Properties of Gases and Liquids,
   5th ed. McGraw-Hill. Eqs. (9-5.13)-(9-5.14), (10-6.1)-(10-6.2).""",
}


__all__ = ["wilke_phi", "wilke_viscosity", "mason_saxena_conductivity"]


@fill(_DOC)
def wilke_phi(viscosities, molar_masses):
    r"""Wilke's interaction matrix :math:`\Phi_{ij}` (shape ``(..., k, k)``).

    .. math:: \Phi_{ij} = \frac{\left[1 + (\mu_i/\mu_j)^{1/2} (M_j/M_i)^{1/4}\right]^2}
              {\left[8 (1 + M_i/M_j)\right]^{1/2}}

    Parameters
    ----------
    viscosities : array_like, shape (..., k)
        Pure-species viscosities at the mixture temperature [Pa s].
    molar_masses : array_like, shape (..., k)
        Molar masses of the species [kg/mol].

    Returns
    -------
    numpy.ndarray
        :math:`\Phi_{ij}` [-], shape ``(..., k, k)``; the diagonal is 1.

    %(references_wilke)s

    Examples
    --------
    >>> wilke_phi([2e-5, 2e-5], [0.028, 0.028]).tolist()
    [[1.0, 1.0], [1.0, 1.0]]
    """
    mu = np.asarray(viscosities, dtype=float)
    m = np.asarray(molar_masses, dtype=float)
    mu_i, mu_j = mu[..., :, None], mu[..., None, :]
    m_i, m_j = m[..., :, None], m[..., None, :]
    return (1.0 + np.sqrt(mu_i / mu_j) * (m_j / m_i) ** 0.25) ** 2 / np.sqrt(8.0 * (1.0 + m_i / m_j))


@fill(_DOC)
def wilke_viscosity(mole_fractions, viscosities, molar_masses, phi=None):
    r"""Viscosity of a gas mixture by Wilke's rule [Pa s].

    .. math:: \mu_{mix} = \sum_i \frac{x_i \mu_i}{\sum_j x_j \Phi_{ij}}

    Parameters
    ----------
    mole_fractions : array_like, shape (..., k)
        Mole fractions of the k species (summing to 1) [-].
    viscosities : array_like, shape (..., k)
        Pure-species viscosities at the mixture temperature [Pa s].
    molar_masses : array_like, shape (k,)
        Molar masses of the species [kg/mol].
    phi : array_like, shape (..., k, k), optional
        :func:`wilke_phi` precomputed for these viscosities [-] (saves work when several properties of
        the same mixture are needed).

    Returns
    -------
    float or numpy.ndarray
        Mixture viscosity [Pa s], shape ``(...)``.

    %(references_wilke)s

    Examples
    --------
    A pure gas is returned unchanged:

    >>> wilke_viscosity([1.0, 0.0], [2e-5, 1e-5], [0.028, 0.004])
    2e-05
    """
    x = np.asarray(mole_fractions, dtype=float)
    mu = np.asarray(viscosities, dtype=float)
    phi = wilke_phi(mu, molar_masses) if phi is None else phi
    denom = np.einsum("...ij,...j->...i", phi, np.broadcast_to(x, mu.shape))
    out = np.sum(x * mu / denom, axis=-1)
    return out.item() if np.ndim(out) == 0 else out


def mason_saxena_conductivity(mole_fractions, conductivities, viscosities, molar_masses, epsilon=1.0, phi=None):
    r"""Thermal conductivity of a gas mixture, Wassiljewa form with Mason–Saxena factors [W/(m K)].

    .. math:: k_{mix} = \sum_i \frac{x_i k_i}{\sum_j x_j A_{ij}}, \qquad A_{ij} = \varepsilon\,\Phi_{ij},
              \quad A_{ii} = 1

    Parameters
    ----------
    mole_fractions : array_like, shape (..., k)
        Mole fractions of the k species (summing to 1) [-].
    conductivities : array_like, shape (..., k)
        Pure-species conductivities [W/(m K)].
    viscosities : array_like, shape (..., k)
        Pure-species viscosities [Pa s] (enter through Wilke's Phi).
    molar_masses : array_like, shape (k,)
        Molar masses of the species [kg/mol].
    epsilon : float
        Mason–Saxena factor [-]; 1.0 (Poling et al. 2001) by default, 1.065 in the original paper.
    phi : array_like, optional
        Precomputed :func:`wilke_phi` [-].

    Returns
    -------
    float or numpy.ndarray
        Mixture thermal conductivity [W/(m K)], shape ``(...)``.

    References
    ----------
    .. [1] Mason, E. A., Saxena, S. C. (1958). Approximate formula for the thermal conductivity of gas
       mixtures. Phys. Fluids 1, 361-369.
    .. [2] Wassiljewa, A. (1904). Wärmeleitung in Gasgemischen. Physikalische Zeitschrift 5.
    .. [3] Poling, B. E., Prausnitz, J. M., O'Connell, J. P. (2001). The Properties of Gases and Liquids,
       5th ed. McGraw-Hill. Eqs. (9-5.13)-(9-5.14), (10-6.1)-(10-6.2).

    Examples
    --------
    >>> mason_saxena_conductivity([0.0, 1.0], [0.026, 0.15], [1.8e-5, 2.0e-5], [0.029, 0.004])
    0.15
    """
    x = np.asarray(mole_fractions, dtype=float)
    k = np.asarray(conductivities, dtype=float)
    a = epsilon * (wilke_phi(viscosities, molar_masses) if phi is None else np.asarray(phi))
    # the diagonal is exactly 1 in Wassiljewa's equation whatever epsilon is
    idx = np.arange(a.shape[-1])
    a[..., idx, idx] = 1.0
    denom = np.einsum("...ij,...j->...i", a, np.broadcast_to(x, k.shape))
    out = np.sum(x * k / denom, axis=-1)
    return out.item() if np.ndim(out) == 0 else out
