#!/usr/bin/env python
"""Mutation check: plant small physics bugs and see whether the tests notice.

Each mutant is a (module, regex, replacement) edit of a few percent (a constant x1.03, a factor dropped, an
exponent changed, a sign flipped) applied to the first match in a temporary copy of the tree. For each, the
tests of that area run with ``-x -q``; a failing run kills the mutant, a passing one lets it survive.

    python tools/mutation.py                 # all mutants, report killed/survived
    python tools/mutation.py --only force    # one area (force, mobility, gas, photophoresis, scenario, kinetic, soret)
    python tools/mutation.py --match gamma   # mutants whose description contains "gamma"
    python tools/mutation.py --list          # show the mutants without running

No dependency beyond the test suite's; the real tree is never modified. Run from the repository root.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKG = "src/thermophoresis/"

# fastest and most targeted files first: with -x a killed mutant stops at its first failure
TESTS = {
    "force": ["tests/force/test_force_models.py", "tests/force/test_surface_temperature.py", "tests/test_kth_map.py",
              "tests/test_independent_checks.py", "tests/kinetic/test_li_wang_trajectories.py"],
    "mobility": ["tests/test_davies_third_party.py", "tests/test_mobility.py", "tests/test_mobility_published.py",
                 "tests/publications/kim_2005/test_kim_2005_abstract.py", "tests/test_independent_checks.py",
                 "tests/scenarios/test_wafer_independent.py"],
    "gas": ["tests/gas/test_gas_state.py", "tests/gas/test_gas_transport.py", "tests/gas/test_cantera.py",
            "tests/test_independent_checks.py"],
    "photophoresis": ["tests/test_photophoresis.py", "tests/test_independent_checks.py"],
    "scenario": ["tests/scenarios/test_precipitator.py", "tests/scenarios/test_wafer_independent.py", "tests/scenarios/test_tube.py",
                 "tests/test_independent_checks.py", "tests/scenarios/test_wafer.py"],
    "kinetic": ["tests/kinetic/test_greens.py", "tests/kinetic/test_dsmc_exact.py", "tests/kinetic/test_dsmc.py"],
    "soret": ["tests/test_soret.py"],
}


@dataclass(frozen=True)
class Mutant:
    area: str
    path: str  # relative to src/thermophoresis/
    pattern: str  # a regular expression; the first match is replaced
    replacement: str
    what: str


M = Mutant
MUTANTS = [
    # ---- force models
    M("force", "force/free_molecular.py", r"-32\.0 / 15\.0", "-32.0 / 15.0 * 1.03", "Waldmann prefactor x1.03"),
    M("force", "force/continuum.py", r"return 1\.5 \* lam / \(1\.0 \+ 2\.0 \* lam\)",
      "return 1.03 * 1.5 * lam / (1.0 + 2.0 * lam)",
      "Epstein x1.03"),
    M("force", "force/continuum.py", r"cs=1\.17, ct=2\.18", "cs=1.205, ct=2.18", "Talbot Cs x1.03"),
    M("force", "force/continuum.py", r"ct=2\.18, cm=1\.14, a=", "ct=2.245, cm=1.14, a=", "Talbot Ct x1.03"),
    M("force", "force/continuum.py", r"cm=1\.14, a=1\.20", "cm=1.174, a=1.20", "Talbot Cm x1.03"),
    M("force", "force/continuum.py", r"b=0\.41, c=0\.88", "b=0.41, c=0.80", "Talbot slip constant c 0.88 -> 0.80"),
    M("force", "force/continuum.py", r"\(1\.0 \+ 3\.0 \* cm \* kn\) \* \(1\.0 \+ 2\.0 \* lam",
      "(1.0 + 3.09 * cm * kn) * (1.0 + 2.0 * lam", "Brock/Talbot 3 Cm Kn x1.03"),
    M("force", "force/surface_temperature.py", r"-math\.pi / 3\.0 \* alpha", "-math.pi / 3.09 * alpha",
      "free-molecular dipole force x0.97"),
    M("force", "force/surface_temperature.py", r"\(1\.0 \+ 2\.0 \* ct \* kn\) \* \(1\.0 \+ 3\.0 \* cm \* kn\)\) \+ 0\.0",
      "(1.0 + 3.0 * cm * kn)) + 0.0", "slip dipole force: jump factor dropped"),
    M("force", "force/li_wang.py", r"1\.0 - 1\.2 \* np\.asarray\(o12\)", "1.0 - 1.236 * np.asarray(o12)",
      "Li & Wang 6/5 x1.03"),
    M("force", "force/li_wang.py", r"\(1\.0, 0\.316, 1\.47,", "(1.0, 0.316, 1.57,", "Li & Wang specular fit c2"),
    M("force", "force/li_wang.py", r"\(1\.0, 0\.338, 1\.315,", "(1.0, 0.338, 1.38,",
      "Li & Wang specular Omega12 fit c2 x1.05"),
    M("force", "force/li_wang.py", r"1\.53, -5\.013", "1.61, -5.013", "Li & Wang specular Omega11 fit c4 x1.05"),
    M("force", "force/li_wang.py", r"1\.072, 2\.078", "1.126, 2.078", "Li & Wang diffuse Omega11 fit c1 x1.05"),
    M("force", "force/li_wang.py", r"1\.159, 1\.506", "1.159, 1.581", "Li & Wang diffuse Omega12 fit c2 x1.05"),
    # ---- mobility
    M("mobility", "mobility.py", r"1\.165, 0\.483, 0\.997", "1.2, 0.483, 0.997", "Kim alpha x1.03"),
    M("mobility", "mobility.py", r"1\.142, 0\.558, 0\.999", "1.142, 0.558, 0.80", "Allen & Raabe gamma 0.999 -> 0.80"),
    M("mobility", "mobility.py", r"1\.257, 0\.400, 1\.10", "1.257, 0.400, 1.00", "Davies gamma 1.10 -> 1.00"),
    M("mobility", "mobility.py", r"1\.0 \+ math\.pi \* f / 8\.0", "1.0 + math.pi * f / 8.25", "Epstein factor"),
    M("mobility", "mobility.py", r"6\.0 \* math\.pi \* check_positive", "6.18 * math.pi * check_positive",
      "Stokes 6 pi x1.03"),
    M("mobility", "mobility.py", r"return as_output\(tau \* gravity \* factor\)",
      "return as_output(1.03 * tau * gravity * factor)", "settling x1.03"),
    M("mobility", "mobility.py", r"mfp \* par\.mfp_reference", "1.03 * mfp * par.mfp_reference",
      "convention mean free path x1.03"),
    # ---- gas
    M("gas", "gas/state.py", r"np\.sqrt\(8\.0 \* BOLTZMANN", "np.sqrt(8.24 * BOLTZMANN", "mean speed x1.015"),
    M("gas", "gas/state.py", r"np\.sqrt\(math\.pi \* BOLTZMANN \* self\.temperature / \(2\.0",
      "np.sqrt(math.pi * BOLTZMANN * self.temperature / (2.06", "mean free path x0.985"),
    M("gas", "gas/thermo.py", r"return GAS_CONSTANT \* np\.where\(",
      "return (1.07 if sp.name in ('CO2', 'H2O') else 1.0) * GAS_CONSTANT * np.where(", "CO2/H2O cp +7 %"),
    M("gas", "gas/transport.py", r"15\.0 / 4\.0 \* GAS_CONSTANT", "15.0 / 3.9 * GAS_CONSTANT",
      "monatomic conductivity 15/4 -> 15/3.9"),
    M("gas", "gas/transport.py", r"cv_molar \+ 2\.25 \* GAS_CONSTANT", "cv_molar + 2.32 * GAS_CONSTANT",
      "Eucken 9/4 x1.03"),
    M("gas", "gas/transport.py", r"1\.32 \* cv_molar \+ 1\.77", "1.36 * cv_molar + 1.77", "modified Eucken 1.32 x1.03"),
    M("gas", "gas/transport.py", r"1\.2 \* a_star\(t_star\)", "1.24 * a_star(t_star)", "Hirschfelder-Eucken 6/5 x1.03"),
    M("gas", "gas/transport.py", r"5\.0 / 16\.0 \* np\.sqrt", "5.0 / 16.5 * np.sqrt", "Chapman-Enskog 5/16 x0.97"),
    M("gas", "gas/mixture.py", r"\(m_j / m_i\) \*\* 0\.25", "(m_j / m_i) ** 0.3", "Wilke exponent 1/4 -> 0.3"),
    M("gas", "gas/mixture.py", r"np\.sqrt\(8\.0 \* \(1\.0 \+ m_i / m_j\)\)", "np.sqrt(8.0 * (1.0 + m_j / m_i))",
      "Wilke mass ratio inverted"),
    # ---- photophoresis
    M("photophoresis", "photophoresis.py", r"np\.asarray\(force\) \* cc / \(6\.0", "np.asarray(force) / (6.0",
      "velocity: Cunningham factor dropped"),
    M("photophoresis", "photophoresis.py", r"\(k_p \* \(1\.0 \+ 2\.0 \* ct \* kn\) \+ 2\.0 \* k_g\)",
      "(k_p + 2.0 * k_g)", "slip force: jump factor dropped"),
    M("photophoresis", "photophoresis.py", r"\(g \+ 1\.0\) / \(8\.0 \* temperature", "(g + 1.0) / (8.24 * temperature",
      "free-molecular h x0.97"),
    M("photophoresis", "photophoresis.py", r"j1 = 3\.0 \* x \* im_m2", "j1 = 3.09 * x * im_m2", "Mie J1 x1.03"),
    M("photophoresis", "photophoresis.py", r"-1\.5 \* np\.sum\(w \* \(1\.0 - r\)", "-1.545 * np.sum(w * (1.0 - r)",
      "geometric-optics J1 x1.03"),
    M("photophoresis", "photophoresis.py", r"-4\.0 \* math\.pi \* cs \* viscosity", "-4.12 * math.pi * cs * viscosity",
      "slip force x1.03"),
    # ---- scenarios
    M("scenario", "scenarios/wafer.py", r"settle = float\(np\.asarray\(particle\.mass\)",
      "settle = 1.03 * float(np.asarray(particle.mass)", "wafer settling x1.03"),
    M("scenario", "scenarios/wafer.py", r"math\.sqrt\(2\.0 \* float\(self\.gas\.thermal_diffusivity\)",
      "math.sqrt(2.06 * float(self.gas.thermal_diffusivity)", "wafer thermal layer x1.015"),
    M("scenario", "scenarios/wafer.py", r"math\.sqrt\(math\.pi \* diff / \(2\.0 \* self\.strain_rate\)\)",
      "math.sqrt(math.pi * diff / (2.06 * self.strain_rate))", "film thickness x0.985"),
    M("scenario", "scenarios/wafer.py", r"return as_output\(_weight\(particle, gas\) / per_unit\)",
      "return as_output(1.03 * _weight(particle, gas) / per_unit)", "levitation gradient x1.03"),
    M("scenario", "scenarios/wafer.py", r"return -c_th \* dtdz - settle", "return -c_th * dtdz + settle",
      "settling sign flipped"),
    M("scenario", "scenarios/tube.py", r"float\(ref\.diffusion_coefficient\) if brownian",
      "1.03 * float(ref.diffusion_coefficient) if brownian", "tube Brownian D x1.03"),
    M("scenario", "scenarios/tube.py", r"c_tab = float\(ref\.thermophoretic_coefficient\)",
      "c_tab = 1.03 * float(ref.thermophoretic_coefficient)", "tube thermophoretic drift x1.03"),
    M("scenario", "scenarios/precipitator.py", r"return z, c_th \* \(t_hot - t_cold\) / gap",
      "return z, 1.03 * c_th * (t_hot - t_cold) / gap", "precipitator drift x1.03"),
    # ---- kinetic
    M("kinetic", "kinetic/greens.py", r"return 1\.5 \* math\.pi \* a \* a \* BOLTZMANN",
      "return 1.545 * math.pi * a * a * BOLTZMANN", "two-stream force x1.03"),
    M("kinetic", "kinetic/dsmc.py", r"return 2\.0 \* BOLTZMANN \* \(hi - lo\)", "return 2.06 * BOLTZMANN * (hi - lo)",
      "free-molecular heat flux x1.03"),
    M("kinetic", "kinetic/dsmc.py", r"return sig_coef, w, 1\.0 / a", "return sig_coef, w, 1.0",
      "VSS: isotropic scattering with the VSS diameter"),
    M("kinetic", "kinetic/dsmc.py", r"\(a \+ 2\.0\) \* np\.sqrt", "(a + 2.06) * np.sqrt",
      "VSS/VHS viscosity (alpha + 2) x1.03"),
    M("kinetic", "kinetic/dsmc.py", r" / math\.gamma\(2\.5 - w\)", "", "VHS/VSS cross-section: 1/Gamma(5/2 - omega) dropped"),
    M("kinetic", "kinetic/greens.py", r"emit = f \* \(2\.0 / 3\.0\)", "emit = f * (2.0 / 3.09)",
      "Green's function re-emission term x0.97"),
    M("kinetic", "kinetic/greens.py", r"return 1\.0 \+ m / \(5\.0 \* p", "return 1.0 + m / (5.15 * p",
      "Chapman-Enskog weights x0.97"),
    # ---- Soret (thermal diffusion)
    M("soret", "soret.py", r"return as_output\(3\.0 / 16\.0 \* np\.sqrt", "return as_output(3.09 / 16.0 * np.sqrt",
      "binary diffusion 3/16 x1.03"),
    M("soret", "soret.py", r"\(6\.0 \* c - 5\.0\)", "(6.18 * c - 5.0)", "alpha_T prefactor 6 C* x1.03"),
    M("soret", "soret.py", r"\(2\.5 - 1\.2 \* b\)", "(2.5 - 1.236 * b)", "alpha_T Q1 term 6/5 B* x1.03"),
]


#: survivors accepted with a reason (issue 17: list the survivors with the reason each is acceptable)
ACCEPTED = {
    "Li & Wang diffuse Omega12 fit c2 x1.05":
        "moves the diffuse Omega12* by 0.27-0.44 % at sigma'/a = 0.1, below the 1.5 % to which the fits can be "
        "checked there (the trajectory computation, kinetic.collision_integrals, agrees to 1.3 %; the fits' own "
        "error is ~1 %); at sigma'/a = 0.5 the fits and the computation differ by up to 16 % (docs in "
        "force/li_wang.py). The c1 x1.05 mutant is killed by the same test, by a margin of 0.1 %.",
}


def _copy_tree(dst):
    for name in ("src", "tests", "conftest.py", "pyproject.toml"):
        s = os.path.join(ROOT, name)
        if os.path.isdir(s):
            shutil.copytree(s, os.path.join(dst, name), ignore=shutil.ignore_patterns("__pycache__", "*.nbi", "*.nbc"))
        elif os.path.exists(s):
            shutil.copy2(s, dst)


def _run(tmp, tests, timeout):
    env = dict(os.environ, PYTHONPATH=os.path.join(tmp, "src"), PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
           "--no-header", *[t for t in tests if os.path.exists(os.path.join(tmp, t))]]
    try:
        r = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "killed (timeout)", ""
    last = (r.stdout.strip().splitlines() or [""])[-1]
    return ("killed" if r.returncode != 0 else "survived"), last


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", action="append", choices=sorted(TESTS), help="area(s) to run")
    ap.add_argument("--match", help="only mutants whose description contains this text")
    ap.add_argument("--list", action="store_true", help="list the mutants and exit")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per mutant (a timeout counts as killed)")
    ap.add_argument("--baseline", action="store_true", help="first check that the unmutated tests pass")
    args = ap.parse_args(argv)
    mutants = [m for m in MUTANTS if (not args.only or m.area in args.only)
               and (not args.match or args.match.lower() in m.what.lower())]
    if args.list:
        for i, m in enumerate(mutants):
            print(f"{i:3d} {m.area:14s} {m.path:32s} {m.what}")
        return 0
    results = []
    with tempfile.TemporaryDirectory(prefix="thermophoresis-mutation-") as tmp:
        _copy_tree(tmp)
        if args.baseline:
            for area in sorted({m.area for m in mutants}):
                status, last = _run(tmp, TESTS[area], args.timeout)
                if status != "survived":
                    print(f"baseline tests of {area!r} fail without any mutation: {last}")
                    return 2
        for m in mutants:
            path = os.path.join(tmp, PKG, m.path)
            with open(path, encoding="utf-8") as fh:
                original = fh.read()
            found = re.findall(m.pattern, original)
            if not found:
                print(f"[stale] {m.path}: pattern {m.pattern!r} not found (the code moved?)", flush=True)
                results.append((m, "stale", ""))
                continue
            mutated = re.sub(m.pattern, lambda _: m.replacement, original, count=1)
            t0 = time.perf_counter()
            try:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(mutated)
                status, last = _run(tmp, TESTS[m.area], args.timeout)
            finally:
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(original)
            print(f"[{status:8s}] {m.area:14s} {m.what:45s} ({time.perf_counter() - t0:5.0f} s) {last}", flush=True)
            results.append((m, status, last))
    ran = [r for r in results if r[1] != "stale"]
    killed = [r for r in ran if r[1].startswith("killed")]
    print()
    for area in sorted({m.area for m, _, _ in ran}):
        a = [r for r in ran if r[0].area == area]
        k = sum(r[1].startswith("killed") for r in a)
        print(f"{area:14s} {k}/{len(a)} killed")
    print(f"total          {len(killed)}/{len(ran)} killed ({100.0 * len(killed) / max(len(ran), 1):.0f} %)")
    survivors = [r for r in ran if r[1] == "survived"]
    if survivors:
        print("survivors:")
        for m, _, _ in survivors:
            print(f"  {m.area}: {m.path}: {m.what}")
            if m.what in ACCEPTED:
                print(f"      accepted: {ACCEPTED[m.what]}")
    stale = [r for r in results if r[1] == "stale"]
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
