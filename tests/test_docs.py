"""The documentation: its code runs, and the site builds with ``mkdocs build --strict`` (issue 9).

The build test generates the computed pages (model reference, examples gallery with every example run,
validation report) into a copy of docs/, then builds the site from the copy.
"""

import os
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
    """gen_docs.py's two long parts, the examples gallery (every example run) and the validation report, do not
    depend on each other: they run side by side (CI has two cores and the rest of the suite is serial), each
    through gen_docs.py's own flags, into two copies of docs/; the gallery is then put beside the report and
    the site is built from the result with ``mkdocs build --strict``, as ``gen_docs.py && mkdocs build`` would."""
    pytest.importorskip("mkdocs")
    pytest.importorskip("mkdocstrings")
    docs, gallery = tmp_path / "docs", tmp_path / "gallery"
    shutil.copytree(ROOT / "docs", docs)
    shutil.copytree(ROOT / "docs", gallery)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MPLBACKEND": "Agg"}
    gen = [sys.executable, str(ROOT / "docs" / "scripts" / "gen_docs.py"), "--out"]
    runs = [subprocess.Popen(gen + [str(docs), "--skip-examples"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True),
            subprocess.Popen(gen + [str(gallery), "--skip-validation"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)]
    try:
        outputs = [r.communicate(timeout=1800) for r in runs]
    finally:
        for r in runs:
            if r.poll() is None:
                r.kill()
                r.wait()
    for r, (out, err) in zip(runs, outputs):
        assert r.returncode == 0, out[-2000:] + err[-4000:]
    shutil.copy(gallery / "examples.md", docs / "examples.md")
    shutil.copytree(gallery / "figures" / "examples", docs / "figures" / "examples", dirs_exist_ok=True)
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"),
                            "-d", str(tmp_path / "site")], capture_output=True, text=True, cwd=tmp_path,
                           env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert build.returncode == 0, build.stderr[-4000:]
    assert (tmp_path / "site" / "validation" / "index.html").exists()
    assert (tmp_path / "site" / "examples" / "index.html").exists()
