"""Speed of the documented all-in-one calls (issue 16, goal 1), each next to its alternative in one process.

Run: python benchmarks/bench_api.py [--n 1000000] [--repeat 7]

Each row times the toolkit call and its alternative *interleaved* (A, B, A, B, ...), repeated, and reports
the medians and their ratio, so that load from other processes affects both sides alike. Alternatives:

- scalar calls: the same formula written in plain Python with ``math`` (the floor for any Python API);
- array calls: plain NumPy computing the same outputs (every array the result object holds), on one thread;
- optional peers (aerosolpy, particula) when installed; they are skipped otherwise.

The rows marked "1 thread" run the compiled loops with ``numba.set_num_threads(1)``. Only public names that
exist before and after the API work are used, so the script also runs against an older tree. Nothing is
asserted.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
import timeit

import numpy as np

from thermophoresis import Gas, Particle, mobility_summary, slip_correction
from thermophoresis.drift import thermophoresis, thermophoretic_velocity

BOLTZMANN = 1.380649e-23
TALBOT = dict(cs=1.17, ct=2.18, cm=1.14, a=1.20, b=0.41, c=0.88)
KIM = (1.165, 0.483, 0.997)


def _per_call(fn, number):
    return timeit.timeit(fn, number=number) / number


def interleaved(a, b, repeat, number=1):
    """Medians of ``repeat`` alternating samples of a and b [s per call]."""
    ta, tb = [], []
    a(), b()  # warm-up (compilation, caches)
    for _ in range(repeat):
        ta.append(_per_call(a, number))
        tb.append(_per_call(b, number))
    return statistics.median(ta), statistics.median(tb)


def row(label, ours, alt, alt_label, unit="us", per=1):
    if unit == "us":
        print(f"{label:48s} {ours * 1e6:9.2f} us   {alt_label:34s} {alt * 1e6:9.3f} us   ratio {ours / alt:7.2f}x")
    else:  # throughput over `per` items
        print(f"{label:48s} {per / ours:9.3e} /s   {alt_label:34s} {per / alt:9.3e} /s   speed-up {alt / ours:6.2f}x")


def _gas_scalars(gas):
    return gas.mean_free_path, gas.temperature, gas.viscosity, gas.kinematic_viscosity, gas.mean_speed, \
        gas.thermal_conductivity, gas.density


def _kim_factor(gas_cls):
    # the Kim et al. (2005) mean-free-path convention: 67.30 nm for air at 296.15 K, 101.325 kPa
    return 67.30e-9 / gas_cls("air", 296.15, 101325.0).mean_free_path


def _aerosolpy(gas):
    """aerosolpy's AerosolMechanics at the gas's temperature and pressure, or None when not installed."""
    try:
        from aerosolpy import AerosolMechanics
    except Exception:  # ImportError, or one of its own dependencies missing
        return None
    return AerosolMechanics(temp_kelvin=gas.temperature, pres_hpa=gas.pressure / 100.0)


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    gas = Gas("air", 300.0, 101325.0)
    mfp, t, mu, nu, c_mean, k_gas, rho_g = _gas_scalars(gas)
    factor = _kim_factor(Gas)
    p1 = Particle(200e-9, "psl")
    k_p, rho_p, f = 0.14, 1050.0, 0.9
    import os

    la = os.getloadavg()
    print(f"Machine shared with other agents (load average {la[0]:.1f} / {la[1]:.1f} / {la[2]:.1f} on "
          f"{os.cpu_count()} CPUs): absolute times vary; read the ratios.")
    print(f"{'toolkit call':48s} {'time':>12s}   {'alternative':34s} {'time':>12s}")

    # ---- scalar calls with prebuilt objects -------------------------------------------------------------
    def pure_talbot(d=200e-9, g=1e4):
        kn = 2.0 * mfp / d
        lam = k_gas / k_p
        c = TALBOT
        phi = 2 * c["cs"] * (lam + c["ct"] * kn) / ((1 + 3 * c["cm"] * kn) * (1 + 2 * lam + 2 * c["ct"] * kn))
        kth = phi * (1 + kn * (c["a"] + c["b"] * math.exp(-c["c"] / kn)))
        return -kth * nu * g / t, -6 * math.pi * mu * nu * 0.5 * d * phi * g / t

    def pure_cunningham(d=200e-9):
        kn = 2.0 * mfp * factor / d
        return 1.0 + kn * (KIM[0] + KIM[1] * math.exp(-KIM[2] / kn))

    def pure_mobility(d=200e-9):
        cc = pure_cunningham(d)
        zeta = 6 * math.pi * mu * 0.5 * d / cc
        tau = rho_p * math.pi / 6 * d**3 / zeta
        return cc, zeta, BOLTZMANN * t / zeta, tau, tau * 9.80665 * (1 - rho_g / rho_p)

    number = 2000
    ours, alt = interleaved(lambda: thermophoresis(p1, gas, 1e4), pure_talbot, args.repeat, number)
    row("scalar thermophoresis(p, gas, 1e4), full result", ours, alt, "pure-Python Talbot F and v")
    ours, alt = interleaved(lambda: mobility_summary(p1, gas), pure_mobility, args.repeat, number)
    row("scalar mobility_summary(p, gas)", ours, alt, "pure-Python Cc, zeta, D, tau, v_s")
    ours, alt = interleaved(lambda: slip_correction(200e-9, mfp), pure_cunningham, args.repeat, number)
    row("scalar slip_correction(d, mfp)", ours, alt, "pure-Python Cunningham")
    peer = _aerosolpy(gas)
    if peer is not None:  # optional peer: AerosolMechanics(T [K], p [hPa]); diameters in nm
        ours, alt = interleaved(lambda: slip_correction(200e-9, mfp), lambda: peer.slipcorr(200.0), args.repeat,
                                number)
        row("scalar slip_correction(d, mfp)", ours, alt, "aerosolpy slipcorr")
        ours, alt = interleaved(lambda: mobility_summary(p1, gas), lambda: peer.diff_coeff_p(200.0), args.repeat,
                                number)
        row("scalar mobility_summary(p, gas) (all of it)", ours, alt, "aerosolpy diff_coeff_p (D only)")
    else:
        print("(aerosolpy not installed: its peer rows are skipped; particula has no call with the same outputs)")

    # ---- arrays, one thread ---------------------------------------------------------------------------
    n = args.n
    d = np.logspace(-9, -5, n)
    pn = Particle(d, "psl")
    try:
        import numba

        threads = numba.get_num_threads()
        numba.set_num_threads(1)
    except ImportError:  # pragma: no cover
        numba, threads = None, 1

    def numpy_thermophoresis(g=1e4):
        radius = 0.5 * d
        kn = mfp / radius
        lam = k_gas / k_p
        c = TALBOT
        phi = 2 * c["cs"] * (lam + c["ct"] * kn) / ((1 + 3 * c["cm"] * kn) * (1 + 2 * lam + 2 * c["ct"] * kn))
        kth = phi * (1 + kn * (c["a"] + c["b"] * np.exp(-c["c"] / kn)))
        kn_s = mfp * factor / radius
        cc = 1 + kn_s * (KIM[0] + KIM[1] * np.exp(-KIM[2] / kn_s))
        stokes = 6 * np.pi * mu * radius
        force = -stokes * nu * phi * g / t
        velocity = -kth * nu * g / t
        zeta = stokes * phi / kth
        diff = BOLTZMANN * t / zeta
        code = np.searchsorted(np.array([0.01, 0.1, 10.0]), kn, side="right").astype(np.int8)
        return kn, cc, phi, kth, force, velocity, zeta, diff, code

    def numpy_velocity(g=1e4):
        kn = 2.0 * mfp / d
        lam = k_gas / k_p
        c = TALBOT
        phi = 2 * c["cs"] * (lam + c["ct"] * kn) / ((1 + 3 * c["cm"] * kn) * (1 + 2 * lam + 2 * c["ct"] * kn))
        return -phi * (1 + kn * (c["a"] + c["b"] * np.exp(-c["c"] / kn))) * nu * g / t

    def numpy_mobility():
        radius = 0.5 * d
        kn = mfp / radius
        kn_s = mfp * factor / radius
        cc = 1 + kn_s * (KIM[0] + KIM[1] * np.exp(-KIM[2] / kn_s))
        zeta = 6 * np.pi * mu * radius / cc
        zeta_ep = 4 * np.pi / 3 * radius**2 * rho_g * c_mean * (1 + np.pi * f / 8)
        b = 1 / zeta
        mass = rho_p * np.pi / 6 * d**3
        tau = mass * b
        v_s = tau * 9.80665 * (1 - rho_g / rho_p)
        re = rho_g * np.abs(v_s) * d / mu
        code = np.searchsorted(np.array([0.01, 0.1, 10.0]), kn, side="right").astype(np.int8)
        return kn, cc, zeta, zeta_ep, b, BOLTZMANN * t * b, tau, v_s, mass, re, code

    ours, alt = interleaved(lambda: thermophoresis(pn, gas, 1e4), numpy_thermophoresis, args.repeat)
    row(f"array thermophoresis(), n={n:,}, 1 thread", ours, alt, "plain NumPy, same outputs", "rate", n)
    ours, alt = interleaved(lambda: mobility_summary(pn, gas), numpy_mobility, args.repeat)
    row(f"array mobility_summary(), n={n:,}, 1 thread", ours, alt, "plain NumPy, same outputs", "rate", n)
    ours, alt = interleaved(lambda: thermophoretic_velocity(pn, gas, 1e4), numpy_velocity,
                            args.repeat)
    row(f"array thermophoretic_velocity(), n={n:,}, 1 thread", ours, alt, "plain NumPy Talbot velocity", "rate", n)
    if peer is not None:
        d_nm = d * 1e9
        ours, alt = interleaved(lambda: mobility_summary(pn, gas), lambda: peer.diff_coeff_p(d_nm), args.repeat)
        row(f"array mobility_summary(), n={n:,}, 1 thread", ours, alt, "aerosolpy diff_coeff_p (D only)", "rate", n)
    if numba is not None and threads > 1:
        numba.set_num_threads(min(2, threads))
        ours, alt = interleaved(lambda: thermophoretic_velocity(pn, gas, 1e4), numpy_velocity,
                                args.repeat)
        row(f"array thermophoretic_velocity(), n={n:,}, 2 threads", ours, alt, "plain NumPy Talbot velocity",
            "rate", n)
        ours, alt = interleaved(lambda: thermophoresis(pn, gas, 1e4), numpy_thermophoresis, args.repeat)
        row(f"array thermophoresis(), n={n:,}, 2 threads", ours, alt, "plain NumPy, same outputs", "rate", n)
        numba.set_num_threads(threads)


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    print(f"({time.perf_counter() - t0:.1f} s)")
