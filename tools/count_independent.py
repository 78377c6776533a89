#!/usr/bin/env python
"""Count the test functions that compare against an independent value (issue 17's measure), by a stated rule.

A test function counts when its own source (code and comments, including the decorators) names an independent
reference of one of these kinds:

- a third-party library called in the test: CoolProp, Cantera, miepython;
- a published value: a table, equation, figure or abstract of a paper or book that the test cites;
- an exact result: a limit, identity, conservation law or closed-form solution the test says it uses;
- a second method: quadrature, a shooting or finite-volume solution, Monte Carlo sampling of a known
  distribution, a recursion, ... that the test computes itself and compares against.

The markers below are what such a test says. The rule is mechanical, so it is reproducible and can be argued
with; it over-counts a test that only mentions a reference and under-counts one that compares silently.
``--list`` prints every test with its verdict and the marker that decided it, to check by reading.

    python tools/count_independent.py [--list] [--ref COMMIT]    # COMMIT: count that version of tests/
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MARKERS = [
    ("third-party", r"CoolProp|PropsSI|\bcantera\b|ct\.Solution|miepython"),
    ("published", r"\bTable\s+[A-Z0-9]|\beqs?\.\s*\(?\d|\bFig\.|abstract|published|\(\d{4}[a-z]?\)|\b(19|20)\d\d\b.*\b(p|pp)\.\s*\d"),
    ("exact", r"\bexact(ly)?\b|\b(continuum|free[- ]molecular|rigid[- ]sphere|monatomic|asymptotic|equal[- ]mass)"
              r"\W+limits?\b|\blimits? of\b|identity|conservation|closed[- ]form|erfcx|Gormley|Chapman[- ]Enskog|"
              r"recursion"),
    ("second method", r"second method|quadrature|Gauss-Hermite|shooting|finite[- ]volume|independent(ly)?\b|"
                      r"third-party|Monte Carlo"),
]


def _sources(ref: str | None):
    """(path, text) of every tests/**/test_*.py, from the work tree or from git at ``ref``."""
    if ref is None:
        for d, _, files in os.walk(os.path.join(ROOT, "tests")):
            for f in sorted(files):
                if f.startswith("test_") and f.endswith(".py"):
                    p = os.path.join(d, f)
                    with open(p, encoding="utf-8") as fh:
                        yield os.path.relpath(p, ROOT), fh.read()
        return
    names = subprocess.run(["git", "-C", ROOT, "ls-tree", "-r", "--name-only", ref, "tests"], capture_output=True,
                           text=True, check=True).stdout.split()
    for n in names:
        base = os.path.basename(n)
        if base.startswith("test_") and base.endswith(".py"):
            text = subprocess.run(["git", "-C", ROOT, "show", f"{ref}:{n}"], capture_output=True, text=True,
                                  check=True).stdout
            yield n, text


def classify(text: str):
    """[(name, marker kind or None, matched text)] for the module's test functions (methods of Test classes too)."""
    tree = ast.parse(text)
    lines = text.splitlines()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            start = min([d.lineno for d in node.decorator_list] + [node.lineno]) - 1
            body = "\n".join(lines[start:node.end_lineno])
            verdict = (None, "")
            for kind, pattern in MARKERS:
                m = re.search(pattern, body, flags=re.IGNORECASE if kind != "published" else 0)
                if m:
                    verdict = (kind, m.group(0))
                    break
            out.append((node.name, *verdict))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print every test function with its verdict")
    ap.add_argument("--ref", help="a git commit: count its tests/ instead of the work tree's")
    args = ap.parse_args(argv)
    total = counted = 0
    for path, text in _sources(args.ref):
        for name, kind, hit in classify(text):
            total += 1
            counted += kind is not None
            if args.list:
                print(f"{'+' if kind else '-'} {path}::{name}" + (f"  [{kind}: {hit!r}]" if kind else ""))
    print(f"{counted}/{total} test functions compare against an independent value (rule: tools/count_independent.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
