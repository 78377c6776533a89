r"""The force on a small sphere from the molecular velocity distribution (free-molecular Green's function).

A sphere of radius a much smaller than the mean free path, at rest, is hit by a molecule of velocity
:math:`\mathbf c` at the rate :math:`\pi a^2 |\mathbf c|` (per molecule per unit volume). Averaged over
the impact parameter:

- the incident molecule delivers its momentum :math:`m\mathbf c`;
- a specularly reflected molecule leaves a sphere isotropically, so it adds nothing on average;
- a diffusely re-emitted molecule (fraction f) leaves the struck element along its normal with the
  cosine law at the particle temperature :math:`T_p`. The mean outgoing momentum is
  :math:`m\sqrt{\pi k T_p/(2m)}\,\mathbf n`, and the flux-weighted mean normal over the struck hemisphere
  is :math:`-\tfrac23\hat{\mathbf c}`.

Hence the Green's function and the force of a distribution f(c):

.. math::

    \mathbf F = \pi a^2 m \int f(\mathbf c)\,|\mathbf c|\left[\mathbf c
                + f_d\,\tfrac23\sqrt{\pi k T_p/(2m)}\;\hat{\mathbf c}\right] d^3c
              = \pi a^2 m\,n\left[\langle |\mathbf c|\,\mathbf c\rangle
                + f_d\,\tfrac23\sqrt{\pi k T_p/(2m)}\,\langle\mathbf c\rangle\right]

(the same result as Gallis, Rader & Torczynski 2001 for complete energy accommodation). Two checks, both
in the tests:

- A Maxwellian drifting at :math:`-\mathbf V` gives Epstein's drag
  :math:`\tfrac43\pi a^2 n m \bar c\,\mathbf V (1 + \pi f_d/8)`.
- The first Chapman–Enskog heat-flux distribution
  :math:`f_0[1 + \tfrac{m}{5pkT}(\mathbf q\cdot\mathbf c)(mc^2/kT - 5)]` gives
  :math:`\tfrac{8\sqrt{2\pi}}{15} a^2 \sqrt{m/kT}\,\mathbf q`, which is Waldmann's
  :math:`-\tfrac{32}{15} a^2 k_{tr}\nabla T/\bar c` with :math:`\mathbf q = -k_{tr}\nabla T`.

Between diffuse plates in the free-molecular limit the gas is two half-Maxwellians (temperatures
:math:`T_1`, :math:`T_2`, no net mass flux), and the force is exactly
:math:`F_z = \tfrac32\pi a^2 k\,n\sqrt{T_1T_2}\,(\sqrt{T_1} - \sqrt{T_2})/(\sqrt{T_1} + \sqrt{T_2})`
(:func:`half_maxwellian_plates_force`; derivation in the docstring).

References
----------
.. [1] Gallis, M. A., Rader, D. J., Torczynski, J. R. (2001). Calculations of the near-wall thermophoretic
   force in rarefied gas flow. Phys. Fluids 14, 4290-4301. doi:10.1063/1.1516211
.. [2] Epstein, P. S. (1924). Phys. Rev. 23, 710.
.. [3] Waldmann, L. (1959). Z. Naturforsch. 14a, 589.
"""

from __future__ import annotations

import math

import numpy as np

from .._docs import fill, references
from .._validation import check_in_range, check_positive
from ..constants import BOLTZMANN
from ..exceptions import InputError

__all__ = ["free_molecular_force", "chapman_enskog_weights", "half_maxwellian_plates_force"]

#: the works the docstrings here cite, and the References section of each function (``_docs.fill`` slots)
_WORKS = {
    "derived": "Derived here: the module docstring (the Green's function and its two checks) and "
               "``docs/kinetic.md``, section \"The free-molecular Green's function\"; tested in "
               "``tests/kinetic/test_greens.py``.",
    "gallis": "Gallis, M. A., Rader, D. J., Torczynski, J. R. (2001). Calculations of the near-wall "
              "thermophoretic force in rarefied gas flow. Phys. Fluids 14, 4290-4301. doi:10.1063/1.1516211 "
              "(the same Green's function for complete energy accommodation).",
    "epstein": "Epstein, P. S. (1924). Phys. Rev. 23, 710 (the drag of a drifting Maxwellian, a check).",
    "waldmann": "Waldmann, L. (1959). Z. Naturforsch. 14a, 589 (the force of the first Chapman-Enskog "
                "heat-flux distribution, a check).",
    "chapman": "Chapman, S., Cowling, T. G. (1970). The Mathematical Theory of Non-Uniform Gases, 3rd ed. "
               "(the first Chapman-Enskog approximation of the distribution in a heat-conducting gas).",
    "plates": "Derived here: the docstring above (two half-Maxwellians with no net mass flux); checked "
              "against the sampled Green's function in ``tests/kinetic/test_greens.py`` and against the DSMC "
              "at Kn = 1000 in ``tests/kinetic/test_dsmc.py``.",
}
_DOC = {f"references_{name}": references(*(_WORKS[w] for w in works)) for name, works in (
    ("force", ("derived", "gallis", "epstein", "waldmann")), ("weights", ("chapman", "waldmann")),
    ("plates", ("plates",)),
)}


@fill(_DOC)
def free_molecular_force(velocities, number_density, molecular_mass, radius, diffuse_fraction=1.0,
                         particle_temperature=None, weights=None, control=None):
    r"""Force [N] on a small sphere at rest from sampled molecular velocities, with its standard error.

    Parameters
    ----------
    velocities : (N, 3) array
        Molecular velocities relative to the particle [m/s] (samples of the distribution).
    number_density : float
        Number density n of the gas the samples represent [1/m^3], > 0.
    molecular_mass : float
        Mass of one molecule [kg], > 0.
    radius : float
        Sphere radius a [m], > 0 (much smaller than the mean free path).
    diffuse_fraction : float
        Diffuse fraction f_d [-], in [0, 1]; the diffuse part is re-emitted at ``particle_temperature``.
    particle_temperature : float, optional
        Particle temperature T_p [K], > 0; required when ``diffuse_fraction > 0``.
    weights : (N,) array, optional
        Importance weights of the samples [-] (mean 1), e.g. :func:`chapman_enskog_weights`.
    control : (N, 3) array, optional
        Velocities of a reference distribution whose force is known to be zero [m/s] (the same random
        numbers, e.g. an equilibrium Maxwellian). Its per-sample force is subtracted (a control variate),
        which removes most of the sampling noise when the distribution is close to equilibrium.

    Returns
    -------
    force : numpy.ndarray
        Mean force, shape (3,) [N].
    standard_error : numpy.ndarray
        Standard error of each component from the sample spread, shape (3,) [N].

    %(references_force)s
    """
    c = np.asarray(velocities, dtype=float)
    if c.ndim != 2 or c.shape[1] != 3 or c.shape[0] < 2:
        raise InputError(f"velocities must have shape (N, 3) with N >= 2, got {c.shape}")
    n = check_positive("number_density", number_density, "1/m^3")
    m = check_positive("molecular_mass", molecular_mass, "kg")
    a = check_positive("radius", radius, "m")
    f = check_in_range("diffuse_fraction", diffuse_fraction, 0.0, 1.0)
    emit = 0.0
    if f > 0:
        if particle_temperature is None:
            raise InputError("particle_temperature is required when diffuse_fraction > 0")
        tp = check_positive("particle_temperature", particle_temperature, "K")
        emit = f * (2.0 / 3.0) * math.sqrt(math.pi * BOLTZMANN * tp / (2.0 * m))

    def per_sample(v):
        return np.linalg.norm(v, axis=1)[:, None] * v + emit * v

    g = per_sample(c)
    if weights is not None:
        w = np.asarray(weights, dtype=float)
        if w.shape != (c.shape[0],):
            raise InputError("weights must have one value per sample")
        g = g * w[:, None]
    if control is not None:
        c0 = np.asarray(control, dtype=float)
        if c0.shape != c.shape:
            raise InputError("control must have the shape of velocities")
        g = g - per_sample(c0)
    scale = math.pi * a * a * m * n
    return scale * g.mean(axis=0), scale * g.std(axis=0, ddof=1) / math.sqrt(g.shape[0])


@fill(_DOC)
def chapman_enskog_weights(velocities, heat_flux, pressure, temperature, molecular_mass):
    r"""Importance weights that turn Maxwellian samples into the first Chapman–Enskog heat-flux distribution.

    .. math:: w = 1 + \frac{m}{5 p k T}(\mathbf q\cdot\mathbf c)\left(\frac{m c^2}{kT} - 5\right)

    (normalized: carries the heat flux q [W/m^2] and no mass flux; valid for |q| << p c̄).

    Parameters
    ----------
    velocities : (N, 3) array
        Samples of the Maxwellian at rest at ``temperature`` [m/s].
    heat_flux : array_like
        The heat-flux vector q, shape (3,) [W/m^2]; small against :math:`p\bar c`.
    pressure : float
        Gas pressure p [Pa], > 0.
    temperature : float
        Gas temperature T [K], > 0.
    molecular_mass : float
        Mass of one molecule m [kg], > 0.

    Returns
    -------
    numpy.ndarray
        Weight w of each sample, shape (N,) [-] (mean 1 over the Maxwellian).

    %(references_weights)s
    """
    c = np.asarray(velocities, dtype=float)
    q = np.asarray(heat_flux, dtype=float)
    if q.shape != (3,):
        raise InputError(f"heat_flux must be a 3-vector, got shape {q.shape}")
    p = check_positive("pressure", pressure, "Pa")
    t = check_positive("temperature", temperature, "K")
    m = check_positive("molecular_mass", molecular_mass, "kg")
    kt = BOLTZMANN * t
    return 1.0 + m / (5.0 * p * kt) * (c @ q) * (m * np.einsum("ij,ij->i", c, c) / kt - 5.0)


@fill(_DOC)
def half_maxwellian_plates_force(radius, number_density, t_hot, t_cold):
    r"""Exact free-molecular force [N] between diffuse plates (hot plate at z = 0, cold above), along +z.

    Molecules moving up left the hot plate (half-Maxwellian at ``t_hot``, partial density n₁), those
    moving down left the cold plate (``t_cold``, n₂), with no net flux: n₁√T₁ = n₂√T₂, n = n₁ + n₂.
    For a half-Maxwellian of partial density nᵢ, ∫|c| c_z f d³c = ±(3/2) nᵢ kTᵢ/m. So
    :math:`F_z = \tfrac32\pi a^2 k (n_1T_1 - n_2T_2)`
    :math:`= \tfrac32\pi a^2 k\,n\sqrt{T_1T_2}(\sqrt{T_1} - \sqrt{T_2})/(\sqrt{T_1} + \sqrt{T_2})`.
    The re-emission term vanishes because there is no net flow. The force is the same at every height
    (the gas is collisionless).

    Parameters
    ----------
    radius : float
        Sphere radius a [m], > 0.
    number_density : float
        Total number density n = n₁ + n₂ between the plates [1/m^3], > 0.
    t_hot : float
        Temperature T₁ of the plate the upward molecules left (at z = 0) [K], > 0.
    t_cold : float
        Temperature T₂ of the plate the downward molecules left [K], > 0.

    Returns
    -------
    float
        :math:`F_z` [N], positive (towards the cold plate) when ``t_hot > t_cold``.

    %(references_plates)s

    Examples
    --------
    >>> f = half_maxwellian_plates_force(1e-8, 1e20, 350.0, 250.0)
    >>> f > 0
    True
    """
    a = check_positive("radius", radius, "m")
    n = check_positive("number_density", number_density, "1/m^3")
    t1 = check_positive("t_hot", t_hot, "K")
    t2 = check_positive("t_cold", t_cold, "K")
    s1, s2 = math.sqrt(t1), math.sqrt(t2)
    return 1.5 * math.pi * a * a * BOLTZMANN * n * s1 * s2 * (s1 - s2) / (s1 + s2)
