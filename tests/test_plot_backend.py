"""Library code never sets a matplotlib backend (DESIGN.md section 2; issue 14): figures are made without
pyplot, so a notebook's inline backend or a GUI backend is left as the user chose it.

The figure test runs in a fresh interpreter (pytest may have imported pyplot elsewhere); it makes one
figure on each path (``plot`` through ``_figures._figure``, the sweep plots through ``_figures._pyplot``).
"""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import pytest

pytest.importorskip("matplotlib")

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "src" / "thermophoresis"

_SCRIPT = r"""
import sys
import matplotlib
before = matplotlib.get_backend()
import numpy as np
from thermophoresis import Gas, plot
from thermophoresis.sweep.plot import line_plot
import xarray as xr

figs = [plot.line_figure([1, 2], [3, 4], "x", "y", "t", logx=True),
        plot.kth_against_knudsen(Gas("air"), 10.0, np.logspace(-2, 2, 5), models=["talbot"])]
ds = xr.Dataset({"v": ("d", np.array([1.0, 2.0, 3.0]), {"units": "m/s"})},
                coords={"d": ("d", np.array([1e-7, 2e-7, 3e-7]), {"units": "m"})})
figs.append(line_plot(ds, "v"))
figs[0].savefig(sys.argv[1], format="png")  # writing a file needs no pyplot either
print(before, matplotlib.get_backend(), "matplotlib.pyplot" in sys.modules)
"""


def test_figures_leave_the_backend_and_pyplot_alone(tmp_path):
    env_backend = "template"  # a backend no figure code would choose
    r = subprocess.run([sys.executable, "-c", _SCRIPT, str(tmp_path / "f.png")], capture_output=True, text=True,
                       env={**__import__("os").environ, "MPLBACKEND": env_backend}, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    before, after, pyplot = r.stdout.split()
    assert before == after == env_backend
    assert pyplot == "False"


def test_no_source_sets_a_backend_or_imports_pyplot():
    bad = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import) and any(a.name.startswith("matplotlib.pyplot") for a in node.names):
                bad.append(f"{path.name}: import matplotlib.pyplot")
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("matplotlib") and (
                    node.module == "matplotlib.pyplot" or any(a.name == "pyplot" for a in node.names)):
                bad.append(f"{path.name}: from {node.module} import pyplot")
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                    "use", "switch_backend") and isinstance(node.func.value, ast.Name) and node.func.value.id in (
                    "matplotlib", "mpl", "plt"):
                bad.append(f"{path.name}:{node.lineno}: {node.func.value.id}.{node.func.attr}(...)")
    assert not bad, bad
