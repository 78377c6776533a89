"""Previous versions of package modules, loaded from git, for side-by-side benchmarks.

A benchmark that times the previous kernel against the current one used to keep a frozen copy of the old
module in ``benchmarks/``. Instead, :func:`load` reads the old source straight from git's object store
(``git show <commit>:<path>``) and imports it as a temporary module, so the comparison stays and the copy
goes. Each benchmark pins the commit by its sha.

Relative imports of the old module (``from ..constants import BOLTZMANN``) resolve against the *current*
package: the module is named as a sibling of the original (``thermophoresis.kinetic._kernels`` at
``7225e71`` becomes ``thermophoresis.kinetic._kernels__at_7225e71``). That is right when the names it
imports still exist with the same meaning, which each benchmark checks by comparing the two kernels'
results (the DSMC benchmark checks bit-identity).

Numba ``cache=True`` in the old source: the source is written to a dedicated directory under the system
temp dir (not into the package, not into ``benchmarks/``), keyed by the commit and by a hash of the current
package sources, so the compiled cache lives beside it, survives between runs (the file is rewritten only
if its text changed, which keeps Numba's timestamp check valid) and is discarded as soon as any module the
old kernel could inline from changes. The package's own ``__pycache__`` is never touched.
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent  # the repository root (benchmarks/ sits in it)
_SRC = _ROOT / "src"


class FrozenSourceError(RuntimeError):
    """The previous version of a module cannot be read from git (no checkout, unknown commit or path)."""


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", "-C", str(_ROOT), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError as exc:  # no git executable
        raise FrozenSourceError("the side-by-side benchmarks read previous kernels from git, and `git` is not "
                                "installed; run them from a git checkout of the repository") from exc
    if out.returncode != 0:
        raise FrozenSourceError(f"`git {' '.join(args)}` failed in {_ROOT}: {out.stderr.strip()}. The "
                                "side-by-side benchmarks read previous kernels from git's history: run them "
                                "from a full (not shallow) git checkout of the repository")
    return out.stdout


def source(commit: str, path: str) -> str:
    """Text of ``path`` (relative to the repository root) at ``commit``."""
    _git("rev-parse", "--git-dir")  # a clear error outside a checkout, before the more specific one
    return _git("show", f"{commit}:{path}")


def _package_stamp(package_dir: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(package_dir.rglob("*.py")):
        h.update(str(f.relative_to(package_dir)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def load(commit: str, path: str):
    """Import ``path`` (e.g. ``src/thermophoresis/kinetic/_kernels.py``) as it was at ``commit``.

    Returns the module (cached in ``sys.modules`` under ``<original name>__at_<commit>``, so loading it
    twice returns the same module). Raises :class:`FrozenSourceError` outside a git checkout or when the
    commit or path is unknown.
    """
    rel = Path(path)
    if rel.suffix != ".py" or rel.parts[0] != "src":
        raise ValueError(f"path must be a module under src/ (e.g. 'src/thermophoresis/kinetic/_kernels.py'), "
                         f"got {path!r}")
    original = ".".join(rel.with_suffix("").parts[1:])
    name = f"{original}__at_{commit}"
    if name in sys.modules:
        return sys.modules[name]
    text = source(commit, path)
    package = importlib.import_module(original.rpartition(".")[0])  # the current parent package
    pkg_top = Path(importlib.import_module(original.split(".")[0]).__file__).parent
    where = Path(tempfile.gettempdir()) / "thermophoresis-frozen" / f"{commit}-{_package_stamp(pkg_top)}"
    where.mkdir(parents=True, exist_ok=True)
    file = where / f"{rel.stem}__at_{commit}.py"
    if not file.exists() or file.read_text() != text:  # keep the mtime (Numba's cache stamp) when unchanged
        file.write_text(text)
    spec = importlib.util.spec_from_file_location(name, file)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = package.__name__
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module

