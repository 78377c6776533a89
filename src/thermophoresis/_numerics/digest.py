"""Content digests for resume fingerprints: a short hash of the full numeric content of an input.

A resumable run (tracking, sweeps, DSMC) stores one digest per input beside its saved state, and refuses to
continue when any digest differs, naming the inputs that changed. The digest covers every number exactly
(floats by their bits, arrays by dtype, shape and bytes), never a truncated ``repr``: two inputs that differ
anywhere, even in the last bit of one element of a large array, get different digests.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
from collections.abc import Mapping

import numpy as np

__all__ = ["content_digest", "canonical_bytes"]


def _feed(h, obj) -> None:
    """Feed a type-tagged, unambiguous encoding of ``obj`` into the hash ``h``."""
    if obj is None:
        h.update(b"N;")
    elif isinstance(obj, (bool, np.bool_)):
        h.update(b"B" + (b"1" if obj else b"0") + b";")
    elif isinstance(obj, (int, np.integer)):
        h.update(b"I" + str(int(obj)).encode() + b";")
    elif isinstance(obj, (float, np.floating)):
        v = float(obj)
        h.update(b"F" + (v.hex() if not math.isnan(v) else "nan").encode() + b";")
    elif isinstance(obj, str):
        b = obj.encode()
        h.update(b"S" + str(len(b)).encode() + b":" + b)
    elif isinstance(obj, bytes):
        h.update(b"Y" + str(len(obj)).encode() + b":" + obj)
    elif isinstance(obj, np.ndarray):
        a = np.ascontiguousarray(obj)
        if a.dtype == object:
            h.update(b"O" + str(a.shape).encode() + b"[")
            for item in a.ravel():
                _feed(h, item)
            h.update(b"]")
        else:
            h.update(b"A" + a.dtype.str.encode() + str(a.shape).encode() + b":")
            h.update(a.tobytes())
    elif isinstance(obj, Mapping):
        h.update(b"M" + str(len(obj)).encode() + b"{")
        for key in sorted(obj, key=repr):
            _feed(h, key)
            _feed(h, obj[key])
        h.update(b"}")
    elif isinstance(obj, (tuple, list)):
        h.update(b"L" + str(len(obj)).encode() + b"[")
        for item in obj:
            _feed(h, item)
        h.update(b"]")
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        h.update(b"D" + type(obj).__qualname__.encode() + b"(")
        for f in dataclasses.fields(obj):
            _feed(h, f.name)
            _feed(h, getattr(obj, f.name))
        h.update(b")")
    elif hasattr(obj, "fingerprint_content"):
        h.update(b"C" + type(obj).__qualname__.encode() + b"(")
        _feed(h, obj.fingerprint_content())
        h.update(b")")
    else:
        raise TypeError(f"no canonical encoding for {type(obj).__name__}; give it fingerprint_content()")


def canonical_bytes(obj) -> bytes:
    """The SHA-256 digest (32 bytes) of the canonical encoding of ``obj``."""
    h = hashlib.sha256()
    _feed(h, obj)
    return h.digest()


def content_digest(obj) -> str:
    """Hex SHA-256 of the full content of ``obj`` (numbers, strings, arrays, mappings, sequences, dataclasses,
    and objects with a ``fingerprint_content()`` method).

    >>> content_digest(1.0) == content_digest(1.0), content_digest(1.0) == content_digest(1.0 + 2**-52)
    (True, False)
    >>> content_digest(np.zeros(3)) == content_digest(np.zeros(4))
    False
    """
    return canonical_bytes(obj).hex()
