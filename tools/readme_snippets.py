"""Run every snippet of README.md as written, in a fresh clone, and report each one's exit status.

Run: python tools/readme_snippets.py [--keep] [--skip-docs]

What it does, in a temporary directory:
1. ``git clone`` of this repository's committed ``HEAD`` (uncommitted changes are not in it);
2. the README's ``bash`` blocks in order, each line on its own in ``bash -e`` from the clone's root: the two
   install commands first (they create ``.venv`` as a new user's would), then every other line with that
   ``.venv`` activated;
3. each ``python`` block in a new interpreter of that ``.venv``, from the clone's root.

Skipped, with the reason printed: lines that need a machine this one is not (a Dask scheduler at a
``tcp://`` address), and with ``--skip-docs`` the documentation build. Exit status 1 if any snippet failed.
``--keep`` leaves the directory for inspection.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SKIP = [("tcp://", "needs a running Dask scheduler at that address")]


def blocks(text: str):
    """The fenced code blocks of a Markdown text: (language, body) in order."""
    return [(m.group(1), m.group(2)) for m in re.finditer(r"```(\w+)\n(.*?)```", text, flags=re.S)]


def _run(cmd, cwd, timeout=1800):
    t0 = time.perf_counter()
    try:
        out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
        rc, tail = out.returncode, (out.stdout + out.stderr).strip().splitlines()[-3:]
    except subprocess.TimeoutExpired:
        rc, tail = "timeout", []
    return rc, time.perf_counter() - t0, tail


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--keep", action="store_true", help="keep the temporary clone")
    ap.add_argument("--skip-docs", action="store_true", help="skip the documentation build (mkdocs)")
    args = ap.parse_args(argv)
    snippets = blocks((ROOT / "README.md").read_text())
    tmp = Path(tempfile.mkdtemp(prefix="readme_"))
    clone = tmp / "repo"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    failed = 0
    activate = ". .venv/bin/activate && "
    for lang, body in snippets:
        if lang == "bash":
            for line in body.splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                reason = next((why for key, why in SKIP if key in line), None)
                if reason is None and args.skip_docs and "mkdocs" in line:
                    reason = "--skip-docs"
                if reason:
                    print(f"SKIP  {line[:100]}  ({reason})")
                    continue
                installs = "python3 -m venv" in line
                rc, sec, tail = _run(["bash", "-e", "-c", line if installs else activate + line], clone)
                failed += rc != 0
                print(f"{'ok  ' if rc == 0 else 'FAIL'}  {line[:100]}  (exit {rc}, {sec:.1f} s)")
                if rc != 0:
                    print("      " + "\n      ".join(tail))
        elif lang == "python":
            rc, sec, tail = _run([str(clone / ".venv" / "bin" / "python"), "-c", body], clone)
            failed += rc != 0
            first = body.strip().splitlines()[0]
            print(f"{'ok  ' if rc == 0 else 'FAIL'}  python: {first[:90]}  (exit {rc}, {sec:.1f} s)")
            if rc != 0:
                print("      " + "\n      ".join(tail))
    if args.keep:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
