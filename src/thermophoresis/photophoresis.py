r"""Photophoresis: the force on a particle that light heats unevenly.

The gradient that pushes is made by the particle itself. Light absorbed inside the sphere deposits heat with
a density :math:`q(\mathbf r)`. Conduction turns it into a surface temperature whose dipole coefficient
:math:`a_1` pushes through the same molecular mechanisms as thermophoresis
(:mod:`thermophoresis.force.surface_temperature`). The link is the **asymmetry factor**

.. math:: J_1 = \frac{3}{4\pi a^3 I}\int_V q(\mathbf r)\,z\,dV

with the light travelling along +z with intensity I. :math:`J_1 = -1/2` for a black sphere, which absorbs
everything on its illuminated face. :math:`J_1 < 0` heats the illuminated side and pushes the particle
along the light (positive photophoresis). :math:`J_1 > 0` (weakly absorbing spheres that focus light onto
their back) pulls it toward the source (negative photophoresis).

**J1 from Mie theory.** The internal field is expanded in vector spherical harmonics with the internal
coefficients :math:`c_n, d_n` (Bohren & Huffman 1983, eqs. 4.40 and 4.52). Then
:math:`q = k\,\mathrm{Im}(m^2)\,I\,|E/E_0|^2`, and the volume integrals are done by Gauss–Legendre
quadrature in r and cos θ (the φ integral is exact). The same quadrature gives the absorption efficiency.
The tests require it to equal :math:`Q_{ext} - Q_{sca}` from the external coefficients to 1e-9. That
checks energy conservation and the internal field.

**Surface temperature.** Green's identity with the harmonic :math:`r\cos\theta` gives, for a sphere of
conductivity :math:`k_p` that loses heat to the gas with an l = 1 coefficient h,

.. math:: a_1 = \frac{I a J_1}{k_p (1 + Bi)}, \qquad Bi = h a / k_p

with :math:`h = \alpha\,p\,\bar c\,(\gamma + 1)/[8 T (\gamma - 1)]` in the free-molecular limit and
:math:`h = 2 k_g / [a (1 + 2 C_t Kn)]` (conduction into the gas, with the temperature jump) in the
slip-flow limit. Thermal radiation from the particle is neglected.

**Force.**

- Free-molecular: :math:`F = -(\pi/3)\,\alpha\,p\,a^2\,a_1/T`, which grows with pressure.
- Slip flow: :math:`F = -4\pi C_s\mu\nu\,a_1 / [T (1 + 2C_tKn)(1 + 3C_mKn)]`, which falls with pressure.
- All pressures: the interpolation of Rohatschek (1995),
  :math:`F = 2F^*/(p/p^* + p^*/p)`, which is the harmonic combination
  :math:`1/F = 1/F_{fm} + 1/F_{c}` of the free-molecular force and the continuum (Kn → 0) force. The
  maximum lies where the two are equal, at Kn = mfp/radius of about
  :math:`\sqrt{\pi\alpha(1 + 2\Lambda)/(24 C_s)}` (Λ = k_g/k_p): 0.33 for a good conductor, larger
  for poor conductors.

The force is given along +z, the direction of the light. The literature normalizes J1 in several ways
and quotes continuum prefactors that differ with it. The formulas here follow from the definitions above
and are tied to the thermophoresis limits by tests: with Epstein's surface temperature, the slip-flow
formula gives Epstein's force.

References
----------
.. [1] Bohren, C. F., Huffman, D. R. (1983). Absorption and Scattering of Light by Small Particles. Wiley.
   Ch. 4 (internal field, eqs. 4.40, 4.52; external coefficients, eq. 4.53).
.. [2] Rohatschek, H. (1995). Semi-empirical model of photophoretic forces for the entire range of
   pressures. J. Aerosol Sci. 26, 717-734. doi:10.1016/0021-8502(95)00011-Z
.. [3] Yalamov, Yu. I., Kutukov, V. B., Shchukin, E. R. (1976). Theory of the photophoretic motion of the
   large-size volatile aerosol particle. J. Colloid Interface Sci. 57, 564-568.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.polynomial.legendre import leggauss
from scipy.special import spherical_jn, spherical_yn

from ._docs import fill
from ._registry import Choice, Registry
from ._validation import as_output, check_in_range, check_nonnegative, check_positive
from .exceptions import InputError

__all__ = [
    "MieAbsorption",
    "mie_coefficients",
    "mie_absorption",
    "asymmetry_factor_j1",
    "geometric_optics_j1",
    "free_molecular_heat_transfer_coefficient",
    "photophoretic_force_free_molecular",
    "photophoretic_force_slip",
    "photophoretic_force_rohatschek",
    "PhotophoresisResult",
    "photophoresis",
    "MAX_SIZE_PARAMETER",
]

#: The series and quadrature are used up to this size parameter (cost grows as x^3)
MAX_SIZE_PARAMETER = 100.0
#: Largest k x Im(m) before j_n(m x) overflows double precision
MAX_ABSORPTION_DEPTH = 300.0


def _check_index(m) -> complex:
    try:
        m = complex(m.replace(" ", "").replace("i", "j")) if isinstance(m, str) else complex(m)
    except (TypeError, ValueError):
        raise InputError(f"refractive_index must be a complex number such as 1.57+0.038j, got {m!r}") from None
    if not (math.isfinite(m.real) and math.isfinite(m.imag)) or m.real <= 0:
        raise InputError(f"refractive_index must have a finite positive real part, got {m!r}")
    if m.imag < 0:
        raise InputError(
            f"refractive_index {m!r}: this toolkit writes absorbing media as n + i*kappa with kappa >= 0 "
            f"(some codes use n - i*kappa); give {complex(m.real, -m.imag)!r}"
        )
    return m


#: docstring text that several docstrings here share, filled in by :func:`thermophoresis._docs.fill`
_DOC = {
    "parameters_index_size": """Parameters
----------
refractive_index : complex or str
    m = n + iκ (κ ≥ 0), relative to the surrounding gas [-] (``"1.57+0.038j"`` accepted).
size_parameter : float
    x = 2π a / λ [-], at most :data:`MAX_SIZE_PARAMETER`.""",
    "parameters_light_particle": """Parameters
----------
intensity : float or array_like
    Light intensity [W/m^2], >= 0.
radius : float
    Particle radius [m].
j1 : float
    Asymmetry factor :math:`J_1` [-].
particle_conductivity : float
    Thermal conductivity of the particle :math:`k_p` [W/(m K)].""",
    "references_rohatschek": """References
----------
.. [1] Rohatschek, H. (1995). Semi-empirical model of photophoretic forces for the entire range of
   pressures. J. Aerosol Sci. 26, 717-734.""",
}


def _check_x(x) -> float:
    x = float(check_positive("size_parameter", x))
    if x > MAX_SIZE_PARAMETER:
        raise InputError(f"size_parameter must be <= {MAX_SIZE_PARAMETER:g} for the Mie series here, got {x:g}")
    return x


def _n_max(x: float) -> int:
    # Wiscombe's (1980) criterion for the number of terms, plus a small margin for the internal field
    return int(x + 4.05 * x ** (1.0 / 3.0) + 2) + 2


@fill(_DOC)
def mie_coefficients(refractive_index, size_parameter, n_max=None):
    """External (a_n, b_n) and internal (c_n, d_n) Mie coefficients, n = 1..n_max.

    Bohren & Huffman (1983) eqs. (4.52)-(4.53) for a non-magnetic sphere of relative refractive index
    m = n + iκ in a medium of index 1, size parameter x = 2π a/λ.

    %(parameters_index_size)s
    n_max : int, optional
        Number of terms; default Wiscombe's (1980) criterion :math:`x + 4.05 x^{1/3} + 2`, plus 2.

    Returns
    -------
    n : numpy.ndarray of int
        The orders 1..n_max [-].
    a, b, c, d : numpy.ndarray of complex
        The coefficients [-] (dimensionless; field amplitudes relative to the incident field).

    References
    ----------
    .. [1] Bohren, C. F., Huffman, D. R. (1983). Absorption and Scattering of Light by Small Particles. Wiley,
       ch. 4, eqs. (4.52)-(4.53).
    .. [2] Wiscombe, W. J. (1980). Improved Mie scattering algorithms. Appl. Opt. 19, 1505-1509.

    Examples
    --------
    Rayleigh limit: :math:`|a_1| \to \tfrac{2}{3}x^3(m^2-1)/(m^2+2)` as x -> 0 (B&H ch. 5):

    >>> n, a, b, c, d = mie_coefficients(1.5 + 0.0j, 0.01)
    >>> round(float(abs(a[0]) / (2 / 3 * 0.01**3 * (1.5**2 - 1) / (1.5**2 + 2))), 4)
    1.0
    """
    m = _check_index(refractive_index)
    x = _check_x(size_parameter)
    nmax = _n_max(x) if n_max is None else int(n_max)
    n = np.arange(1, nmax + 1)
    jx, djx = spherical_jn(n, x), spherical_jn(n, x, True)
    yx, dyx = spherical_yn(n, x), spherical_yn(n, x, True)
    hx, dhx = jx + 1j * yx, djx + 1j * dyx
    mx = m * x
    jm, djm = spherical_jn(n, mx), spherical_jn(n, mx, True)
    psi_p = jx + x * djx  # d/dx [x j_n(x)]
    xi_p = hx + x * dhx  # d/dx [x h_n(x)]
    psim_p = jm + mx * djm  # d/drho [rho j_n(rho)] at rho = m x
    a = (m * m * jm * psi_p - jx * psim_p) / (m * m * jm * xi_p - hx * psim_p)
    b = (jm * psi_p - jx * psim_p) / (jm * xi_p - hx * psim_p)
    wronskian = jx * xi_p - hx * psi_p  # = i / x
    c = wronskian / (jm * xi_p - hx * psim_p)
    d = m * wronskian / (m * m * jm * xi_p - hx * psim_p)
    return n, a, b, c, d


def _pi_tau(mu, nmax):
    pi = np.zeros((nmax + 1, mu.size))
    tau = np.zeros_like(pi)
    pi[1] = 1.0
    for k in range(2, nmax + 1):
        pi[k] = ((2 * k - 1) * mu * pi[k - 1] - k * pi[k - 2]) / (k - 1)
    for k in range(1, nmax + 1):
        tau[k] = k * mu * pi[k] - (k + 1) * pi[k - 1]
    return pi[1:], tau[1:]


@dataclass(frozen=True)
class MieAbsorption:
    """Absorption inside a sphere: efficiencies and the asymmetry factor J1."""

    refractive_index: complex
    size_parameter: float
    j1: float
    q_abs: float
    q_abs_external: float
    q_ext: float
    q_sca: float
    n_terms: int


@fill(_DOC)
def mie_absorption(refractive_index, size_parameter) -> MieAbsorption:
    """Absorbed power and its asymmetry J1 from the Mie internal field.

    %(parameters_index_size)s

    Returns
    -------
    MieAbsorption
        ``j1`` [-], ``q_abs`` [-] from the volume integral of the internal field, and ``q_abs_external`` =
        Q_ext − Q_sca [-] from the external coefficients (they agree to ~1e-10, a check of the computation).

    References
    ----------
    .. [1] Bohren, C. F., Huffman, D. R. (1983). Absorption and Scattering of Light by Small Particles. Wiley,
       ch. 4, eqs. (4.40), (4.50)-(4.53).

    Examples
    --------
    >>> r = mie_absorption(1.5 + 0.1j, 1.0)
    >>> round(r.q_abs, 6), round(r.q_abs_external, 6)
    (0.27363, 0.27363)
    """
    m = _check_index(refractive_index)
    x = _check_x(size_parameter)
    if x * m.imag > MAX_ABSORPTION_DEPTH:
        raise InputError(
            f"x * Im(m) = {x * m.imag:g} > {MAX_ABSORPTION_DEPTH:g}: the particle is opaque; use "
            f"geometric_optics_j1(m), which is its limit"
        )
    n, a, b, c, d = mie_coefficients(m, x)
    nmax = n.size
    n_r = max(64, int(6 * abs(m) * x) + 32)
    n_t = max(64, 2 * nmax + 16)
    u, w_r = leggauss(n_r)
    s = 0.5 * (u + 1.0)  # r / a
    w_r = 0.5 * w_r
    mu, w_t = leggauss(n_t)
    pi, tau = _pi_tau(mu, nmax)
    e_n = (1j ** n) * (2 * n + 1) / (n * (n + 1))
    rho = m * x * s
    jr = spherical_jn(n[:, None], rho[None, :])
    djr = spherical_jn(n[:, None], rho[None, :], True)
    j_over = jr / rho[None, :]
    dpsi_over = j_over + djr  # [rho j_n(rho)]' / rho
    sin_t = np.sqrt(1.0 - mu**2)
    # field components with their cos(phi) / sin(phi) factors removed (B&H 4.40, 4.50)
    e_r = -1j * np.einsum("n,nr,nt->rt", e_n * d * n * (n + 1), j_over, pi * sin_t[None, :])
    e_t = np.einsum("n,nr,nt->rt", e_n * c, jr, pi) - 1j * np.einsum("n,nr,nt->rt", e_n * d, dpsi_over, tau)
    e_p = np.einsum("n,nr,nt->rt", e_n * c, jr, tau) - 1j * np.einsum("n,nr,nt->rt", e_n * d, dpsi_over, pi)
    e2 = np.abs(e_r) ** 2 + np.abs(e_t) ** 2 + np.abs(e_p) ** 2
    im_m2 = (m * m).imag
    # radius 1 units: k = x; the phi integral of cos^2 or sin^2 gives pi
    volume_integral = math.pi * np.einsum("r,t,rt->", w_r * s**2, w_t, e2)
    z_moment = math.pi * np.einsum("r,t,rt->", w_r * s**3, w_t * mu, e2)
    q_abs = x * im_m2 * volume_integral / math.pi
    j1 = 3.0 * x * im_m2 * z_moment / (4.0 * math.pi)
    q_ext = 2.0 / x**2 * float(np.sum((2 * n + 1) * (a + b).real))
    q_sca = 2.0 / x**2 * float(np.sum((2 * n + 1) * (np.abs(a) ** 2 + np.abs(b) ** 2)))
    return MieAbsorption(m, x, float(j1), float(q_abs), q_ext - q_sca, q_ext, q_sca, int(nmax))


@fill(_DOC)
def asymmetry_factor_j1(refractive_index, size_parameter) -> float:
    r"""The photophoretic asymmetry factor J1 (see the module docstring); 0 for a non-absorbing sphere.

    .. math:: J_1 = \frac{3}{4\pi a^3 I}\int_V q(\mathbf r)\,z\,dV

    %(parameters_index_size)s

    Returns
    -------
    float
        :math:`J_1` [-]; negative: the illuminated side is hotter (positive photophoresis).

    References
    ----------
    .. [1] Bohren, C. F., Huffman, D. R. (1983). Absorption and Scattering of Light by Small Particles. Wiley,
       ch. 4 (internal field).
    .. [2] Rohatschek, H. (1995). Semi-empirical model of photophoretic forces for the entire range of
       pressures. J. Aerosol Sci. 26, 717-734.

    Examples
    --------
    >>> round(asymmetry_factor_j1(1.57 + 0.038j, 5.0), 4)
    0.1019
    """
    m = _check_index(refractive_index)
    if m.imag == 0:
        return 0.0
    return mie_absorption(m, size_parameter).j1


def geometric_optics_j1(refractive_index, n_angles: int = 400) -> float:
    r"""J1 of a large, opaque sphere: absorption on the illuminated face, Fresnel reflection.

    .. math:: J_1 = -\frac{3}{2}\int_0^{\pi/2} [1 - R(\theta_i)]\cos^2\theta_i\sin\theta_i\,d\theta_i

    with R the unpolarized Fresnel reflectance; -1/2 for a black (R = 0) sphere.

    Parameters
    ----------
    refractive_index : complex or str
        m = n + iκ (κ ≥ 0) [-].
    n_angles : int
        Gauss–Legendre nodes over the angle of incidence.

    Returns
    -------
    float
        :math:`J_1` [-], between -1/2 (black) and 0.

    References
    ----------
    .. [1] Born, M., Wolf, E. (1999). Principles of Optics, 7th ed. Cambridge University Press (Fresnel
       formulae for an absorbing medium).

    Examples
    --------
    >>> round(geometric_optics_j1(1.0 + 1e-9j), 6)   # index-matched: nothing reflected
    -0.5
    """
    m = _check_index(refractive_index)
    t, w = leggauss(n_angles)
    th = 0.25 * math.pi * (t + 1.0)
    w = 0.25 * math.pi * w
    ci, si = np.cos(th), np.sin(th)
    st = si / m
    ct = np.sqrt(1.0 - st**2)
    rs = (ci - m * ct) / (ci + m * ct)
    rp = (m * ci - ct) / (m * ci + ct)
    r = 0.5 * (np.abs(rs) ** 2 + np.abs(rp) ** 2)
    return float(-1.5 * np.sum(w * (1.0 - r) * ci**2 * si))


def free_molecular_heat_transfer_coefficient(pressure, temperature, mean_speed, heat_capacity_ratio,
                                             energy_accommodation=1.0):
    r"""Free-molecular heat transfer coefficient :math:`h = \alpha p \bar c (\gamma+1)/[8T(\gamma-1)]` [W/(m^2 K)].

    Parameters
    ----------
    pressure : float or array_like
        Gas pressure [Pa].
    temperature : float or array_like
        Gas temperature [K].
    mean_speed : float or array_like
        Mean molecular speed :math:`\sqrt{8k_BT/(\pi m)}` [m/s].
    heat_capacity_ratio : float or array_like
        :math:`\gamma = c_p/c_v` of the gas [-], > 1.
    energy_accommodation : float
        :math:`\alpha` [-], in [0, 1].

    Returns
    -------
    float or numpy.ndarray
        h [W/(m^2 K)].

    References
    ----------
    .. [1] Kennard, E. H. (1938). Kinetic Theory of Gases. McGraw-Hill (free-molecular heat conduction).

    Examples
    --------
    >>> round(free_molecular_heat_transfer_coefficient(100.0, 300.0, 398.8, 5.0 / 3.0), 3)
    66.467
    """
    g = check_positive("heat_capacity_ratio", heat_capacity_ratio)
    if np.any(np.asarray(g) <= 1):
        raise InputError(f"heat_capacity_ratio must be > 1, got {g!r}")
    alpha = check_in_range("energy_accommodation", energy_accommodation, 0.0, 1.0)
    return as_output(alpha * pressure * mean_speed * (g + 1.0) / (8.0 * temperature * (g - 1.0)))


#: The photophoresis models (a :class:`~thermophoresis._registry.Registry`; case-insensitive, ``_`` = ``-``);
#: each registers itself with the decorator above its function, in the order rohatschek, free-molecular, slip
PHOTOPHORESIS_MODELS: Registry[Choice] = Registry("photophoresis model")


@PHOTOPHORESIS_MODELS.register(
    "rohatschek", label="Rohatschek (1995)", reference="Rohatschek, H. (1995). J. Aerosol Sci. 26, 717-734",
    description="harmonic interpolation of the free-molecular and continuum forces; all pressures",
    aliases=("rohatschek_1995", "interpolation"))
@fill(_DOC)
def photophoretic_force_rohatschek(free_molecular_force, continuum_force):
    """Rohatschek's (1995) interpolation, :math:`F = F_{fm}F_c/(F_{fm} + F_c)` (= 2F*/(p/p* + p*/p)).

    Both limits must have the same sign (they do: both follow the sign of J1).

    Parameters
    ----------
    free_molecular_force : float or array_like
        :func:`photophoretic_force_free_molecular` [N].
    continuum_force : float or array_like
        :func:`photophoretic_force_slip` with ``mean_free_path=0`` [N].

    Returns
    -------
    float or numpy.ndarray
        Force along the light [N].

    %(references_rohatschek)s

    Examples
    --------
    >>> photophoretic_force_rohatschek(2e-15, 2e-15)
    1e-15
    """
    fm = np.asarray(free_molecular_force, dtype=float)
    c = np.asarray(continuum_force, dtype=float)
    if np.any(fm * c < 0):
        raise InputError("the free-molecular and continuum forces must have the same sign")
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where((fm == 0) | (c == 0), 0.0, fm * c / np.where(fm + c == 0, 1.0, fm + c))
    return as_output(out + 0.0)


@PHOTOPHORESIS_MODELS.register(
    "free-molecular", label="free-molecular limit",
    reference="derived here from the surface temperature dipole (module docstring)",
    description="F = -(pi/3) alpha p a^2 a_1 / T; Kn = mfp/radius >> 1", kn_range=(10.0, float("inf")))
@fill(_DOC)
def photophoretic_force_free_molecular(intensity, radius, j1, particle_conductivity, pressure, temperature,
                                       mean_speed, heat_capacity_ratio, energy_accommodation=1.0):
    r"""Free-molecular photophoretic force along the light [N].

    .. math:: F = -\frac{\pi}{3}\,\alpha\,p\,a^2\,\frac{I a J_1}{T\,k_p (1 + h a/k_p)}

    (derived in the module docstring from the surface-temperature dipole; Kn = mfp/radius >> 1).

    %(parameters_light_particle)s
    pressure : float or array_like
        Gas pressure [Pa].
    temperature : float or array_like
        Gas temperature [K].
    mean_speed : float or array_like
        Mean molecular speed [m/s].
    heat_capacity_ratio : float or array_like
        :math:`\gamma` of the gas [-].
    energy_accommodation : float
        :math:`\alpha` [-], in [0, 1].

    Returns
    -------
    float or numpy.ndarray
        Force along the light [N]; positive (away from the source) for :math:`J_1 < 0`.

    %(references_rohatschek)s
    .. [2] Waldmann, L. (1959). Z. Naturforsch. 14a, 589-599 (free-molecular momentum balance).
    """
    i0 = check_nonnegative("intensity", intensity, "W/m^2")
    a = check_positive("radius", radius, "m")
    k_p = check_positive("particle_conductivity", particle_conductivity, "W/(m K)")
    alpha = check_in_range("energy_accommodation", energy_accommodation, 0.0, 1.0)
    h = free_molecular_heat_transfer_coefficient(pressure, temperature, mean_speed, heat_capacity_ratio, alpha)
    a1 = i0 * a * j1 / (k_p + h * a)
    return as_output(-math.pi / 3.0 * alpha * pressure * a**2 * a1 / temperature + 0.0)


@PHOTOPHORESIS_MODELS.register(
    "slip", label="slip flow",
    reference="derived here from thermal creep with Talbot's coefficients (module docstring)",
    description="F = -4 pi Cs mu nu a_1 / [T (1 + 2 Ct Kn)(1 + 3 Cm Kn)]; Kn = mfp/radius < 0.1",
    aliases=("slip_flow",), kn_range=(0.0, 0.1))
@fill(_DOC)
def photophoretic_force_slip(intensity, radius, j1, particle_conductivity, gas_conductivity, viscosity,
                             kinematic_viscosity, temperature, mean_free_path=0.0, cs=1.17, ct=2.18, cm=1.14):
    r"""Slip-flow (continuum with first-order corrections) photophoretic force along the light [N].

    .. math::

        F = -\frac{4\pi C_s\,\mu\nu\,I a J_1}
                 {T\,(1 + 3C_mKn)\,[k_p(1 + 2C_tKn) + 2k_g]}

    ``mean_free_path=0`` gives the continuum limit; Kn = mfp/radius.

    %(parameters_light_particle)s
    gas_conductivity : float or array_like
        Thermal conductivity of the gas :math:`k_g` [W/(m K)].
    viscosity : float or array_like
        Dynamic viscosity of the gas [Pa s].
    kinematic_viscosity : float or array_like
        Kinematic viscosity of the gas [m^2/s].
    temperature : float or array_like
        Gas temperature [K].
    mean_free_path : float or array_like
        Gas mean free path [m]; 0 for the continuum limit.
    cs, ct, cm : float
        Creep, jump and slip coefficients [-] (Talbot et al. 1980 values by default).

    Returns
    -------
    float or numpy.ndarray
        Force along the light [N].

    References
    ----------
    .. [1] Yalamov, Yu. I., Kutukov, V. B., Shchukin, E. R. (1976). Theory of the photophoretic motion of the
       large-size volatile aerosol particle. J. Colloid Interface Sci. 57, 564-568.
    .. [2] Talbot, L., Cheng, R. K., Schefer, R. W., Willis, D. R. (1980). J. Fluid Mech. 101, 737-758
       (the coefficients).
    """
    i0 = check_nonnegative("intensity", intensity, "W/m^2")
    a = check_positive("radius", radius, "m")
    k_p = check_positive("particle_conductivity", particle_conductivity, "W/(m K)")
    k_g = check_positive("gas_conductivity", gas_conductivity, "W/(m K)")
    kn = check_nonnegative("mean_free_path", mean_free_path, "m") / a
    return as_output(
        -4.0 * math.pi * cs * viscosity * kinematic_viscosity * i0 * a * j1
        / (temperature * (1.0 + 3.0 * cm * kn) * (k_p * (1.0 + 2.0 * ct * kn) + 2.0 * k_g)) + 0.0
    )


@dataclass(frozen=True)
class PhotophoresisResult:
    """Everything :func:`photophoresis` computes (SI units; force along the light, + = away from the source)."""

    model: str
    size_parameter: float
    refractive_index: complex
    j1: float
    q_abs: float
    knudsen: object
    force: object
    force_free_molecular: object
    force_continuum: object
    force_slip: object
    velocity: object
    direction: object
    #: the inputs, echoed by :meth:`to_dict` (wavelength [m], intensity [W/m^2], the particle, the gas)
    wavelength: float | None = None
    intensity: float | None = None
    particle: object = None
    gas: object = None

    def to_dict(self) -> dict:
        inputs = {"units": "SI", "wavelength_m": self.wavelength, "intensity_W_m2": self.intensity,
                  "particle": None if self.particle is None else self.particle.to_dict(),
                  "gas": None if self.gas is None else self.gas.to_dict()}
        return {
            **inputs,
            "model": self.model,
            "size_parameter": self.size_parameter,
            "refractive_index": [self.refractive_index.real, self.refractive_index.imag],
            "j1": self.j1,
            "absorption_efficiency": self.q_abs,
            "knudsen": self.knudsen,
            "force_N": self.force,
            "force_free_molecular_N": self.force_free_molecular,
            "force_continuum_N": self.force_continuum,
            "force_slip_N": self.force_slip,
            "velocity_m_s": self.velocity,
            "direction": self.direction,
        }


def photophoresis(particle, gas, wavelength, refractive_index, intensity, model: str = "rohatschek", *,
                  cs=1.17, ct=2.18, cm=1.14, slip="kim_2005") -> PhotophoresisResult:
    """Photophoretic force and drift velocity of ``particle`` in ``gas`` lit by a plane wave.

    Parameters
    ----------
    particle : Particle
        One particle (scalar diameter) with a conductivity.
    gas : Gas
        Temperature and pressure may be arrays (e.g. a pressure sweep).
    wavelength : float, str or Quantity
        Vacuum wavelength [m] (the gas is taken as index 1).
    refractive_index : complex or str
        m = n + iκ [-], e.g. ``1.57+0.038j`` or ``"1.57+0.038j"``.
    intensity : float, str or Quantity
        Light intensity [W/m^2], >= 0.
    model : str
        A name in :data:`PHOTOPHORESIS_MODELS` (any case): ``"rohatschek"``, ``"free-molecular"`` or
        ``"slip"``; which force to return.
    cs, ct, cm : float
        Creep, jump and slip coefficients of the slip-flow force [-] (Talbot et al. 1980).
    slip : str
        Cunningham constant set for the velocity (:data:`thermophoresis.mobility.SLIP_CORRECTIONS`).

    Returns
    -------
    PhotophoresisResult
        ``force`` [N] along the light (+: away from the source), the three limits [N], ``velocity`` [m/s],
        ``j1`` [-], ``knudsen`` [-] (mfp/radius); ``to_dict()`` for the CLI.

    Notes
    -----
    The velocity uses slip-corrected Stokes drag (``slip`` Cunningham set), valid at every Kn. Opaque
    particles (x Im(m) > :data:`MAX_ABSORPTION_DEPTH`) take the geometric-optics J1.

    References
    ----------
    .. [1] Bohren, C. F., Huffman, D. R. (1983). Absorption and Scattering of Light by Small Particles. Wiley,
       ch. 4.
    .. [2] Rohatschek, H. (1995). Semi-empirical model of photophoretic forces for the entire range of
       pressures. J. Aerosol Sci. 26, 717-734.
    """
    from .mobility import slip_correction
    from .units import to_si

    model = PHOTOPHORESIS_MODELS.canonical(model)
    if np.ndim(particle.diameter) != 0:
        raise InputError("photophoresis takes one particle size (the Mie calculation is per size)")
    if particle.conductivity is None:
        raise InputError("photophoresis needs the particle conductivity; give Particle(..., conductivity=...)")
    lam = check_positive("wavelength", to_si(wavelength, "length", "wavelength"), "m")
    i0 = check_nonnegative("intensity", to_si(intensity, "intensity", "intensity"), "W/m^2")
    m = _check_index(refractive_index)
    x = 2.0 * math.pi * float(particle.radius) / lam
    if m.imag == 0:
        j1, q_abs = 0.0, 0.0
    elif x * m.imag > MAX_ABSORPTION_DEPTH:
        # opaque: the geometric-optics limit (about 5 % from Mie at the switch for x ~ 60, kappa = 5)
        j1, q_abs = geometric_optics_j1(m), float("nan")
    else:
        mie = mie_absorption(m, x)
        j1, q_abs = mie.j1, mie.q_abs
    a, k_p = particle.radius, particle.conductivity
    fm = photophoretic_force_free_molecular(i0, a, j1, k_p, gas.pressure, gas.temperature, gas.mean_speed,
                                            gas.heat_capacity_ratio, particle.energy_accommodation)
    cont = photophoretic_force_slip(i0, a, j1, k_p, gas.thermal_conductivity, gas.viscosity,
                                    gas.kinematic_viscosity, gas.temperature, 0.0, cs, ct, cm)
    slip_f = photophoretic_force_slip(i0, a, j1, k_p, gas.thermal_conductivity, gas.viscosity,
                                      gas.kinematic_viscosity, gas.temperature, gas.mean_free_path, cs, ct, cm)
    force = {"rohatschek": lambda: photophoretic_force_rohatschek(fm, cont), "free-molecular": lambda: fm,
             "slip": lambda: slip_f}[model]()
    cc = slip_correction(particle.diameter, gas.mean_free_path, slip)
    velocity = as_output(np.asarray(force) * cc / (6.0 * math.pi * np.asarray(gas.viscosity) * a) + 0.0)
    direction = np.where(np.asarray(force) > 0, "positive (away from the light)",
                         np.where(np.asarray(force) < 0, "negative (toward the light)", "none"))
    return PhotophoresisResult(
        model=model, size_parameter=x, refractive_index=m, j1=float(j1), q_abs=float(q_abs),
        knudsen=as_output(np.asarray(gas.mean_free_path) / a), force=force, force_free_molecular=fm,
        force_continuum=cont, force_slip=slip_f, velocity=velocity,
        direction=str(direction) if direction.ndim == 0 else direction,
        wavelength=lam, intensity=i0, particle=particle, gas=gas,
    )
