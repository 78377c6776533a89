"""Output files, the same way in every command.

Path policy: an output path's missing parent directories are created; an output path that is an existing
directory, a parent that is a file, or a directory that cannot be written is refused (exit 2) before
anything is computed. Files are written to a temporary name beside the target and moved into place, so a
failure never leaves a half-written file or a temporary one. Every file written is recorded, so that an
error later in the command says what was already saved.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from ..exceptions import InputError

_SAVED: list[list[str]] = []  # files written by the running command (innermost last)


def output_path(path, option: str = "--output") -> Path | None:
    """Check an output path before any work (the path policy in the module docstring); None stays None."""
    if path is None:
        return None
    p = Path(path).expanduser()
    if p.is_dir():
        raise InputError(f"{{parameter}} {str(p)!r} is a directory; give a file name", parameter=option,
                         value=str(p), allowed="a file path")
    parent = p.parent
    for anc in (parent, *parent.parents):
        if anc.exists():
            if not anc.is_dir():
                raise InputError(f"{{parameter}} {str(p)!r}: {str(anc)!r} is a file, not a directory",
                                 parameter=option, value=str(p), allowed="a path inside a directory")
            if not os.access(anc, os.W_OK | os.X_OK):
                raise InputError(f"{{parameter}} {str(p)!r}: directory {str(anc)!r} is not writable",
                                 parameter=option, value=str(p), allowed="a writable directory")
            break
    parent.mkdir(parents=True, exist_ok=True)
    return p


def saved(path) -> None:
    """Record a file the running command has written (named in the message if a later step fails)."""
    if _SAVED:
        _SAVED[-1].append(str(path))


def atomic_write(path: Path, write) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path`` and move it into place; clean up on failure."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}{path.suffix}")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    saved(path)
    return path


def save_figure(fig, path) -> Path:
    """Write a matplotlib figure (format from the suffix) atomically."""
    p = Path(path)
    fmt_ = p.suffix.lstrip(".").lower() or "png"
    return atomic_write(p, lambda tmp: fig.savefig(tmp, dpi=150, format=fmt_))


def figure_after_output(draw, path) -> None:
    """Draw and save a figure after the data were printed/written; a failure is reported, not fatal to them."""
    if path is None:
        return
    save_figure(draw(), path)
