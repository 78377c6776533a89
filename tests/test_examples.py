"""Examples print what the docs quote. (Every example also runs in tests/test_docs.py, which builds the gallery.)"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(script, *args):
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, str(ROOT / "examples" / script), *args], capture_output=True,
                          text=True, env=env, timeout=300, check=True).stdout


def test_mcvd_example(tmp_path):
    out = _run("mcvd_deposition.py", str(tmp_path / "mcvd.png"))
    assert "Pr K_th at the film temperature             = 0.405" in out
    assert "laminar marching solution, film properties  = 0.428" in out
    assert (tmp_path / "mcvd.png").stat().st_size > 1000
