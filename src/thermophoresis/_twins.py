"""Formulas written once, run three ways (private floor-2 module).

A *formula* is a plain function of floats written in scalar-safe NumPy style: arithmetic, ``p[i]`` on a
tuple of constants, the elementary functions imported from NumPy (``from numpy import exp``), and calls
to other formulas. Marked with :func:`formula`, the one source gives

1. the **NumPy** version: the function itself, which broadcasts over arrays;
2. a **plain-Python scalar twin** (:func:`scalar_twin`): the same code object with ``exp``, ``sqrt``,
   ``log`` bound to :mod:`math` and nested formulas bound to their own scalar twins, so a scalar call
   costs tens of nanoseconds instead of the microsecond of a NumPy ufunc on a Python float;
3. a **compiled twin** for Numba kernels (:func:`make_jitable`): the function is registered with
   ``numba.extending.register_jitable``, so compiled loops call it directly (Numba types the NumPy
   functions on scalars). Numba is imported only when a kernel is first built.

This is the PySDM / fluids arrangement (STYLE.md (f)): physics in one place, backends derived from it.
Numba's on-disk cache keys a kernel on its own source file, so after editing a formula clear
``__pycache__`` (the kernel-versus-NumPy tests catch a stale cache).
"""

from __future__ import annotations

import math
import types

import numpy as np

__all__ = ["formula", "is_formula", "scalar_twin", "make_jitable"]

_MATH = {"exp": (np.exp, math.exp), "sqrt": (np.sqrt, math.sqrt), "log": (np.log, math.log),
         "expm1": (np.expm1, math.expm1), "log1p": (np.log1p, math.log1p)}
_SCALAR: dict = {}
_JITTED: set = set()


def formula(func):
    """Mark ``func`` as a formula (see the module docstring); returns it unchanged."""
    func.__formula__ = True
    return func


def is_formula(obj) -> bool:
    return getattr(obj, "__formula__", False) is True


def _used_formulas(func):
    g = func.__globals__
    return [g[n] for n in func.__code__.co_names if n in g and is_formula(g[n])]


def scalar_twin(func):
    """The plain-Python scalar twin of a formula (same code, :mod:`math` functions)."""
    twin = _SCALAR.get(func)
    if twin is not None:
        return twin
    g = dict(func.__globals__)
    for name in func.__code__.co_names:
        value = g.get(name)
        if name in _MATH and value is _MATH[name][0]:
            g[name] = _MATH[name][1]
        elif is_formula(value):
            g[name] = scalar_twin(value)
    twin = types.FunctionType(func.__code__, g, func.__name__, func.__defaults__, func.__closure__)
    twin.__doc__ = func.__doc__
    twin.__wrapped__ = func
    _SCALAR[func] = twin
    return twin


def make_jitable(func):
    """Register ``func`` and every formula it calls with Numba (once); returns ``func``."""
    if func in _JITTED:
        return func
    from numba.extending import register_jitable

    for inner in _used_formulas(func):
        make_jitable(inner)
    register_jitable(func)
    _JITTED.add(func)
    return func
