"""What every resumable store shares (sweeps, DSMC runs): a lock, atomic writes, temp-file cleanup, fingerprints.

- :class:`StoreLock` is a lock file ``<store>.lock`` holding the owner's PID, host and process start time.
  A second run on the same store is refused (:class:`StoreLockedError`, one line naming the owner) while the
  owner is alive; a lock left by a dead process on this host is taken over.
- :func:`atomic_write` writes a file under a temporary name and renames it, and removes the temporary file
  when the write fails (a full disk, an interrupt), so a failure never leaves ``S.nc.tmpNNNN`` behind.
- :func:`remove_temporaries` removes the temporary files that a killed run (``kill -9``) could not remove;
  it is called with the lock held, when no other live run can be writing them.
- :func:`fingerprint` hashes plain data and the full content of NumPy arrays.

This module sits on the bottom floor (it imports only the standard library, NumPy and ``exceptions``), so the
sweep and the kinetic solvers use the same mechanism without importing each other.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import pathlib
import re
import socket
import time

import numpy as np

from .exceptions import InputError

__all__ = ["StoreLock", "StoreLockedError", "atomic_write", "fingerprint", "remove_temporaries"]


class StoreLockedError(InputError):
    """Another live run holds the store."""


def _start_time(pid: int):
    """Start time of a process (clock ticks since boot, Linux); None where /proc is not available."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            stat = f.read()
    except OSError:
        return None
    # the command name (field 2) may hold spaces and parentheses: split after the last ')'
    return int(stat[stat.rindex(b")") + 2:].split()[19])


def _alive(pid: int, started) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        pass
    if started is not None:  # a PID reused by a newer process is not the owner
        now = _start_time(pid)
        if now is not None and now != started:
            return False
    return True


class StoreLock:
    """An exclusive lock on a store: the file ``<store>.lock``.

    >>> import tempfile, pathlib
    >>> store = pathlib.Path(tempfile.mkdtemp()) / "S.nc"
    >>> with StoreLock(store) as lock:
    ...     lock.path.name
    'S.nc.lock'
    """

    def __init__(self, store):
        self.store = pathlib.Path(store)
        self.path = self.store.with_name(self.store.name + ".lock")
        self._held = False

    def _record(self) -> dict:
        return {"pid": os.getpid(), "host": socket.gethostname(), "started": _start_time(os.getpid()),
                "time": time.strftime("%Y-%m-%dT%H:%M:%S%z")}

    def _read(self):
        try:
            return json.loads(self.path.read_text())
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {}  # being written, or garbage: judged by its age below

    def acquire(self):
        """Take the lock, or raise :class:`StoreLockedError` if a live process holds it."""
        if self._held:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"store {str(self.store)!r}: cannot create its directory ({exc.strerror})") from None
        for _ in range(20):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                owner = self._read()
                if owner is None:
                    continue  # released meanwhile: try again
                if not owner:  # unreadable: a writer between create and write, unless it is old
                    try:
                        age = time.time() - self.path.stat().st_mtime
                    except FileNotFoundError:
                        continue
                    if age < 10.0:
                        time.sleep(0.05)
                        continue
                elif owner.get("host") != socket.gethostname():
                    raise StoreLockedError(
                        f"store {str(self.store)!r} is locked by process {owner.get('pid')} on host "
                        f"{owner.get('host')!r} (since {owner.get('time')}); wait for it to finish, or delete "
                        f"{str(self.path)!r} if that run is dead") from None
                elif _alive(int(owner.get("pid", -1)), owner.get("started")):
                    if int(owner["pid"]) == os.getpid():
                        raise StoreLockedError(f"store {str(self.store)!r} is already in use by this process; "
                                               f"one run per store at a time") from None
                    raise StoreLockedError(
                        f"store {str(self.store)!r} is in use by another run (process {owner['pid']}, since "
                        f"{owner.get('time')}); wait for it to finish or use another store") from None
                # a stale lock (its process is dead): take it over. Renaming it away first lets exactly one of
                # several processes that found it stale win the race.
                stale = self.path.with_name(f"{self.path.name}.stale{os.getpid()}")
                try:
                    os.rename(self.path, stale)
                except FileNotFoundError:
                    continue
                stale.unlink(missing_ok=True)
                continue
            except OSError as exc:
                raise InputError(f"store {str(self.store)!r}: cannot create the lock file {str(self.path)!r} "
                                 f"({exc.strerror})") from None
            with os.fdopen(fd, "w") as f:
                json.dump(self._record(), f)
            self._held = True
            return self
        raise StoreLockedError(f"store {str(self.store)!r}: could not take the lock {str(self.path)!r}; another run "
                               f"keeps taking it")

    def release(self):
        if not self._held:
            return
        self._held = False
        owner = self._read()
        if owner and owner.get("pid") == os.getpid() and owner.get("host") == socket.gethostname():
            self.path.unlink(missing_ok=True)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def temporary_name(path) -> pathlib.Path:
    path = pathlib.Path(path)
    return path.with_name(f"{path.name}.tmp{os.getpid()}")


@contextlib.contextmanager
def atomic_write(path):
    """``with atomic_write(p) as tmp: write(tmp)``: renamed to ``p`` on success, removed on any failure."""
    final = pathlib.Path(path)
    tmp = temporary_name(final)
    try:
        yield tmp
        os.replace(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            if tmp.is_dir():
                import shutil

                shutil.rmtree(tmp)
            else:
                tmp.unlink(missing_ok=True)
        raise


def atomic_write_text(path, text: str):
    with atomic_write(path) as tmp:
        tmp.write_text(text)


_TEMP = re.compile(r"\.(tmp\d+|part|stale\d+)$")


def remove_temporaries(store, *directories) -> list[pathlib.Path]:
    """Remove the temporary files a killed run could not remove: ``<store>.tmpNNNN`` and ``<store>.part``
    beside the store, and every ``*.tmpNNNN`` / ``*.part`` inside the store's own ``directories``.

    Call it with the store's lock held (no live run can be writing them). Returns what was removed.
    """
    import shutil

    store = pathlib.Path(store)
    candidates = []
    if store.parent.is_dir():
        candidates += [f for f in store.parent.iterdir() if f.name.startswith(store.name + ".")
                       and _TEMP.fullmatch(f.name[len(store.name):])]
    for d in directories:
        d = pathlib.Path(d)
        if d.is_dir():
            candidates += [f for f in d.iterdir() if _TEMP.search(f.name)]
    removed = []
    for f in candidates:
        with contextlib.suppress(OSError):
            if f.is_dir():
                shutil.rmtree(f)
            else:
                f.unlink()
            removed.append(f)
    return removed


def _canonical(value):
    """Plain JSON data with every number written exactly and arrays hashed in full."""
    if isinstance(value, np.ndarray):
        arr = np.ascontiguousarray(value)
        if arr.dtype.kind in "OU":
            return {"array": [_canonical(v) for v in arr.ravel().tolist()], "shape": list(arr.shape)}
        digest = hashlib.sha256(arr.tobytes()).hexdigest()
        return {"array_sha256": digest, "dtype": arr.dtype.str, "shape": list(arr.shape)}
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        x = float(value)
        return x.hex() if math.isfinite(x) else repr(x)
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"cannot fingerprint {type(value).__name__} {value!r}")


def fingerprint(data) -> str:
    """SHA-256 of plain data (dicts, lists, numbers, strings, NumPy arrays hashed by their full content)."""
    text = json.dumps(_canonical(data), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def differences(old: dict, new: dict, prefix: str = "") -> list[str]:
    """Names of the entries of two (nested) definitions that differ: ``["problem.t_hi", "seed"]``."""
    out = []
    for key in sorted(set(old) | set(new), key=str):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        name = f"{prefix}{key}"
        if isinstance(a, dict) and isinstance(b, dict):
            out += differences(a, b, name + ".") or [name]
        else:
            out.append(name)
    return out


def read_manifest(manifest_file: pathlib.Path, meta: pathlib.Path):
    """The JSON manifest of a store, or None when there is none; an unreadable one is a clear refusal."""
    if not manifest_file.exists():
        return None
    try:
        return json.loads(manifest_file.read_text())
    except (OSError, ValueError) as exc:
        raise InputError(f"{manifest_file} is unreadable ({exc}); delete {meta} or pass overwrite=True") from None
