"""The documentation: its code runs, and the site builds with ``mkdocs build --strict`` (issue 9).

The build test generates the computed pages (model reference, examples gallery with every example run,
validation report) into a copy of docs/, then builds the site from the copy.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _python_blocks(page):
    return re.findall(r"```python\n(.*?)```", (ROOT / page).read_text(), flags=re.S)


@pytest.mark.filterwarnings("ignore::thermophoresis.exceptions.ValidityWarning")
def test_tour_code_runs(capsys):
    namespace = {}
    blocks = _python_blocks("docs/guide/tour.md")
    assert len(blocks) >= 5
    for block in blocks:
        exec(compile(block, "tour.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "K_th" in out and "deposition velocity" in out and "Waldmann" in out


def test_site_builds_strict(tmp_path):
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    env_path = str(ROOT / "src")
    gen = subprocess.run([sys.executable, str(ROOT / "docs" / "scripts" / "gen_docs.py"), "--out",
                          str(tmp_path / "docs")], capture_output=True, text=True, cwd=ROOT,
                         env={**__import__("os").environ, "PYTHONPATH": env_path, "MPLBACKEND": "Agg"})
    assert gen.returncode == 0, gen.stdout[-2000:] + gen.stderr[-4000:]
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"),
                            "-d", str(tmp_path / "site")], capture_output=True, text=True, cwd=tmp_path,
                           env={**__import__("os").environ, "PYTHONPATH": env_path})
    assert build.returncode == 0, build.stderr[-4000:]
    assert (tmp_path / "site" / "validation" / "index.html").exists()
    assert (tmp_path / "site" / "examples" / "index.html").exists()
