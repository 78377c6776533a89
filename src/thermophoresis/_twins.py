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
``__pycache__`` (the kernel-versus-NumPy tests catch a stale cache); loops wrapped in
:func:`cache_by_source` are keyed on every file they reach instead.
"""

from __future__ import annotations

import math
import os
import types

import numpy as np

__all__ = ["formula", "is_formula", "scalar_twin", "make_jitable", "compiled_twin", "ThreadGovernor",
           "start_threads_quietly", "threads_wait_passively", "cache_by_source", "source_digest", "cache_counts",
           "cache_status"]

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


_COMPILED: dict = {}
_FAST_EXP = None


def _fast_exp():
    """A branch-free, inlinable exp for compiled loops (Numba), within 1 ulp of libm's.

    Cody-Waite reduction x = n ln2 + r (|r| <= ln2 / 2, ln2 split in two parts), the Taylor polynomial of
    e^r to degree 13 (truncation error below 2e-16), and 2^n built from its IEEE exponent bits (as two
    factors, so that n down to -1022 stays exact). Arguments below -708 give 2^-1022-ish values (the
    formulas only reach them where the term they multiply is negligible). Unlike a libm call, LLVM can
    inline and vectorize it. The tests compare every compiled twin with the NumPy path to 1e-12.
    """
    global _FAST_EXP
    if _FAST_EXP is not None:
        return _FAST_EXP
    import numba as nb
    from numba import types
    from numba.extending import intrinsic

    @intrinsic
    def _as_float(typingctx, bits):
        sig = types.float64(types.int64)

        def codegen(context, builder, signature, args):
            return builder.bitcast(args[0], context.get_value_type(types.float64))

        return sig, codegen

    log2e, ln2_hi, ln2_lo = 1.4426950408889634, 6.93147180369123816490e-01, 1.90821492927058770002e-10
    c = [1.0 / math.factorial(k) for k in range(14)]
    c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13 = c

    @nb.njit(inline="always", error_model="numpy")
    def fast_exp(x):
        x = min(max(x, -708.0), 709.0)
        n = math.floor(x * log2e + 0.5)
        r = (x - n * ln2_hi) - n * ln2_lo
        p = ((((((((((((c13 * r + c12) * r + c11) * r + c10) * r + c9) * r + c8) * r + c7) * r + c6) * r + c5)
                   * r + c4) * r + c3) * r + c2) * r + c1) * r + c0
        k = np.int64(n)
        h = k // 2
        return p * _as_float((h + 1023) << 52) * _as_float((k - h + 1023) << 52)

    _FAST_EXP = fast_exp
    return fast_exp


def compiled_twin(func):
    """The Numba twin of a formula (or of a pipeline calling formulas): ``exp`` bound to :func:`_fast_exp`,
    other NumPy functions left to Numba, nested formulas bound to their own compiled twins; registered
    with ``register_jitable`` so compiled loops call (and inline) it."""
    twin = _COMPILED.get(func)
    if twin is not None:
        return twin
    from numba.extending import register_jitable

    g = dict(func.__globals__)
    for name in func.__code__.co_names:
        value = g.get(name)
        if name == "exp" and value is np.exp:
            g[name] = _fast_exp()
        elif is_formula(value):
            g[name] = compiled_twin(value)
    closure = func.__closure__
    if closure:
        import types as _t

        cells = []
        for cell in closure:
            v = cell.cell_contents
            cells.append(_t.CellType(compiled_twin(v)) if is_formula(v) else cell)
        closure = tuple(cells)
    twin = types.FunctionType(func.__code__, g, func.__name__, func.__defaults__, closure)
    twin.__formula__ = True
    twin = register_jitable(twin)
    _COMPILED[func] = twin
    return twin


# --- Numba's disk cache for compiled closures -----------------------------------------------------------
def cache_by_source(dispatcher):
    """Key ``dispatcher``'s disk cache (``cache=True``) on source text; returns the dispatcher.

    Numba keys the cache entry of a closure on a pickle of its cells. A loop built around a compiled
    element (the force-model, kinetic and mobility loops) closes over a dispatcher, and a dispatcher
    pickles with a per-process random uuid: the key never matched, so every process compiled the loop
    again (tens of seconds each) and appended one more entry to the cache. This key is the loop's
    bytecode plus a digest of what the closure reaches (:func:`source_digest`), so it matches in every
    process, and an edited formula in any file the loop reaches gives a fresh compile.
    """
    from numba.core.caching import FunctionCache

    digest = source_digest(dispatcher.py_func)

    class SourceKeyedCache(FunctionCache):
        def _index_key(self, sig, codegen):
            import hashlib

            code = hashlib.sha256(self._py_func.__code__.co_code).hexdigest()
            return sig, codegen.magic_tuple(), (code, digest)

    dispatcher._cache = SourceKeyedCache(dispatcher.py_func)
    return dispatcher


def cache_counts(dispatchers) -> tuple[int, int]:
    """(misses, hits) of Numba's on-disk cache summed over ``dispatchers`` (anything without cache statistics,
    such as a plain Python function, is skipped)."""
    misses = hits = 0
    for d in dispatchers:
        stats = getattr(d, "stats", None)
        if stats is not None and hasattr(stats, "cache_misses"):
            misses += sum(stats.cache_misses.values())
            hits += sum(stats.cache_hits.values())
    return misses, hits


def cache_status(dispatchers, before: tuple[int, int]) -> str:
    """What happened to ``dispatchers`` since :func:`cache_counts` gave ``before``: ``"compiled"`` (a cache
    miss: compiled and written to the cache), ``"loaded"`` (a hit) or ``"in memory"`` (neither: compiled or
    loaded earlier in this process)."""
    misses, hits = cache_counts(dispatchers)
    return "compiled" if misses > before[0] else "loaded" if hits > before[1] else "in memory"


def source_digest(func) -> str:
    """SHA-256 over the files of this package that define ``func`` and every function it reaches (its
    closure cells, the names of its globals it uses, recursively; dispatchers through their Python
    function), their qualified names, and the ``repr`` of plain constants in closure cells."""
    import hashlib

    package = __name__.split(".")[0]
    seen, files, parts = set(), set(), []

    def names(code):
        for c in code.co_consts:
            if isinstance(c, types.CodeType):
                yield from names(c)
        yield from code.co_names

    def visit(obj):
        f = getattr(obj, "py_func", None) or getattr(obj, "_defn", None) or obj
        if isinstance(f, types.ModuleType):
            parts.append(f.__name__)
        elif isinstance(f, types.FunctionType):
            if id(f) in seen:
                return
            seen.add(id(f))
            parts.append(f"{f.__module__}.{f.__qualname__}")
            if not (f.__module__ or "").startswith(package):
                return
            files.add(f.__code__.co_filename)
            for name in names(f.__code__):
                value = f.__globals__.get(name)
                if isinstance(value, types.FunctionType) or hasattr(value, "py_func") or hasattr(value, "_defn"):
                    visit(value)
            for cell in f.__closure__ or ():
                visit(cell.cell_contents)
        else:
            parts.append(type(f).__qualname__ if " at 0x" in repr(f) else repr(f))

    visit(func)
    h = hashlib.sha256()
    for path in sorted(files):
        with open(path, "rb") as fh:
            h.update(fh.read())
    h.update("\0".join(parts).encode())
    return h.hexdigest()


# --- running compiled loops: how many threads -----------------------------------------------------------
class ThreadGovernor:
    """Keeps parallel work from running slower than one thread, whatever the load does between its checks.

    A load check (``/proc/loadavg``) sees the machine at one instant; the load can change right after, and
    a thread that shares its core with a busy process makes the others wait for it at every
    synchronisation (15-100x slower than one thread was measured for the DSMC). So the governor also times
    the work: it first measures one thread (on a short slice, 1/8 of a full one, where the work can be
    sliced, as the DSMC steps can), then tries more threads (a short slice), and keeps them (full slices)
    only while they are at least as fast as one thread was. When they are slower, it goes back to one
    thread for 2, 4, 8 ... 32 slices (or calls) and then tries again. The worst that a change of load can
    cost is then about one slice. Users of it give bit-identical results on any number of threads, so none
    of this changes a number, only the time.
    """

    PROBE = 0.125  # fraction of a full slice for a measuring slice
    MAX_BACKOFF = 32

    def __init__(self):
        self.rate = {}  # threads -> molecule-steps per second of its last slice
        self.backoff = 0  # slices left on one thread after threads were found slower
        self.penalty = 1  # length of the next back-off
        self.trusted = False  # the last slice on more threads was at least as fast as one thread

    def choose(self, allowed: int) -> tuple[int, float]:
        """(threads, fraction of a full slice) for the next slice, at most ``allowed`` threads."""
        if allowed <= 1:
            return 1, 1.0
        if 1 not in self.rate:
            return 1, self.PROBE
        if self.backoff > 0:
            self.backoff -= 1
            return 1, 1.0
        return allowed, 1.0 if self.trusted and allowed in self.rate else self.PROBE

    def record(self, threads: int, rate: float):
        """The molecule-steps per second a slice on ``threads`` threads achieved."""
        self.rate[threads] = rate
        if threads == 1:
            return
        if rate >= self.rate.get(1, 0.0):
            self.trusted, self.penalty = True, 1
        else:
            self.trusted = False
            self.penalty = min(2 * self.penalty, self.MAX_BACKOFF)
            self.backoff = self.penalty


#: Environment variables by which a user chooses how OpenMP threads wait; if any is set, it is left alone.
_WAIT_VARIABLES = ("OMP_WAIT_POLICY", "GOMP_SPINCOUNT", "KMP_BLOCKTIME")
_PASSIVE = None  # whether the pool's threads sleep when they wait (known once it is started)


def start_threads_quietly() -> str:
    """Start Numba's thread pool, with OpenMP threads that sleep instead of spinning when they wait.

    Numba's ``omp`` threading layer runs on the OpenMP runtime (GNU libgomp here), whose threads spin at the
    end of every parallel region before they sleep (300,000 spins by default), and the runtime reads its
    wait policy once, when it is loaded. On a machine where another process holds a core, a spinning thread
    takes CPU time from the one it waits for: forced onto two threads, the DSMC ran at 0.12-0.2x of one
    thread. With ``OMP_WAIT_POLICY=passive`` the waiting thread sleeps at once (measured in
    ``benchmarks/bench_dsmc.py``). So, if the pool is not started yet and the user has set none of
    ``OMP_WAIT_POLICY``, ``GOMP_SPINCOUNT``, ``KMP_BLOCKTIME``, the policy is set to passive for the moment
    the runtime loads and then removed again, so that child processes and the user's environment are as
    they were. If the pool was started earlier (by another parallel Numba call), nothing changes. The
    ``tbb`` layer has no such setting, and the ``workqueue`` layer does not spin (its threads poll with
    short sleeps). Returns the name of the layer in use.
    """
    global _PASSIVE
    import numba

    try:
        return numba.threading_layer()  # already started: its wait policy is fixed
    except ValueError:
        pass
    set_here = not any(v in os.environ for v in _WAIT_VARIABLES)
    if set_here:
        os.environ["OMP_WAIT_POLICY"] = "passive"
    try:
        passive = os.environ.get("OMP_WAIT_POLICY", "").strip().lower() == "passive"
        numba.get_num_threads()  # starts the pool (loads the OpenMP runtime, which reads the policy)
    finally:
        if set_here:
            os.environ.pop("OMP_WAIT_POLICY", None)
    layer = numba.threading_layer()
    _PASSIVE = layer == "workqueue" or (layer == "omp" and passive)
    return layer


def threads_wait_passively() -> bool:
    """True if Numba's pool was started here (:func:`start_threads_quietly`) and its threads sleep when they
    wait (OpenMP with the passive policy, or the workqueue layer); False if unknown or spinning."""
    return bool(_PASSIVE)
