"""Evaluating chunks, and the backends that run them: in-process, local processes, Dask distributed.

A chunk is evaluated by :func:`run_chunk`, a module-level function of two small picklable objects (the
:class:`Job`, the same for every chunk, and the chunk's :class:`Task`), so every backend runs exactly the
same code on exactly the same inputs; results are written by the calling process as they arrive.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import sys
import threading
import time
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ..exceptions import InputError
from .spec import Target, default_output_name

__all__ = ["BACKENDS", "SweepError", "run_chunk", "execute", "sigterm_as_interrupt"]

BACKENDS = ("inprocess", "processes", "dask")
_SCHEDULER = re.compile(r"^(tcp|tls|ucx|inproc|ws|wss)://\S+$")


class SweepError(RuntimeError):
    """A sweep could not be computed: a target failed at a point, or a backend could not run it."""


@dataclass
class Job:
    """What every chunk of a sweep shares."""

    target: Target
    fixed: dict
    numba_threads: int | None = None


@dataclass
class Task:
    """One chunk: the swept parameter values of its points (in C order), their seeds, its members."""

    chunk: int
    n_points: int
    params: dict
    seeds: list | None = None
    members: tuple[int, int] | None = None


@dataclass
class ChunkResult:
    """Outputs of one chunk: arrays of shape (n_points, [n_members,] *extra), with their metadata."""

    chunk: int
    data: dict
    dims: dict
    attrs: dict
    coords: dict
    warnings: list
    seconds: float


# --- evaluating a chunk (runs on the workers) ----------------------------------------------------------
def run_chunk(job: Job, task: Task) -> ChunkResult:
    """Evaluate one chunk. Warnings raised by the target are recorded and returned with the result."""
    t0 = time.perf_counter()
    previous = _set_numba_threads(job.numba_threads) if job.numba_threads else None
    try:
        with warnings.catch_warnings(record=True) as caught, _numba_guard():
            warnings.simplefilter("always")
            data, dims, attrs, coords = _evaluate(job.target, job.fixed, task)
    finally:
        if previous is not None:  # in-process, the caller's setting comes back
            _set_numba_threads(previous)
    seen = []
    for w in caught:
        if issubclass(w.category, UserWarning):
            item = (w.category.__name__, str(w.message))
            if item not in seen:
                seen.append(item)
    return ChunkResult(task.chunk, data, dims, attrs, coords, seen, time.perf_counter() - t0)


_NUMBA_LOCK = threading.Lock()


@contextlib.contextmanager
def _numba_guard():
    """Serialise chunks within a process when Numba's threading layer is not thread-safe.

    Numba's fallback "workqueue" layer (no OpenMP or TBB, e.g. some macOS wheels) aborts the process if two
    threads enter parallel code at once, as a Dask worker with several threads would. With OpenMP or TBB
    chunks run concurrently as before.
    """
    import numba

    try:
        layer = numba.threading_layer()
    except ValueError:  # not chosen yet: the first parallel call decides; be safe
        layer = None
    if layer in ("omp", "tbb"):
        yield
    else:
        with _NUMBA_LOCK:
            yield


def _set_numba_threads(n: int) -> int:
    """Set Numba's thread count for this thread; returns the previous one."""
    import numba

    from .._twins import start_threads_quietly

    start_threads_quietly()  # this may be the process's first Numba thread call: passive OpenMP waits
    previous = numba.get_num_threads()
    numba.set_num_threads(max(1, min(int(n), numba.config.NUMBA_NUM_THREADS)))
    return previous


def _py(value):
    """NumPy scalar -> Python scalar, so that targets see plain floats, ints, strings and booleans."""
    return value.item() if isinstance(value, np.generic) else value


def _describe(params: dict, extra: str = "") -> str:
    if not params:
        return extra or "the only point"
    parts = [extra] if extra else []
    for k, v in params.items():
        if isinstance(v, np.ndarray):
            parts.append(f"{k} in [{v.min():g}, {v.max():g}] ({v.size} points)" if v.size else f"{k}=[]")
        else:
            parts.append(f"{k}={v!r}")
    return ", ".join(parts[1:] + parts[:1]) if extra else ", ".join(parts)


def _call(target: Target, kwargs: dict, shown: dict, extra: str = ""):
    try:
        return target.func(**kwargs)
    except ValueError as exc:  # bad input at this point: InputError, UnitError, UnknownNameError, ...
        raise InputError(f"target {target.name!r} at {_describe(shown, extra)}: {exc}") from exc
    except SweepError:
        raise
    except Exception as exc:
        raise SweepError(f"target {target.name!r} failed at {_describe(shown, extra)}: {type(exc).__name__}: "
                         f"{exc}") from exc


def _evaluate(target: Target, fixed: dict, task: Task):
    n = task.n_points
    params = task.params
    pieces: list[tuple[np.ndarray, dict]] = []  # (indices of points, outputs with a leading points axis)

    def point(i):
        return {k: _py(v[i]) for k, v in params.items()}

    def one_point(res):
        return {k: (a[None], d, at, c) for k, (a, d, at, c) in res.items()}

    if target.ensemble is not None:
        lo, hi = task.members
        members = np.arange(lo, hi, dtype=np.int64)
        for i in range(n):
            p = point(i)
            kw = {**fixed, **p, "members": members}
            if target.stochastic:
                kw["seed"] = task.seeds[i]
            out = _call(target, kw, p, f"{target.member_dim}s {lo}..{hi - 1}")
            pieces.append((np.array([i]), one_point(_normalize(out, target, lead=hi - lo, batch=False, where=p))))
    else:
        vec = [k for k, v in params.items() if target.is_vectorized(k) and v.dtype.kind in "fi"]
        if vec and not target.stochastic:
            other = [k for k in params if k not in vec]
            groups: dict[tuple, list[int]] = {}
            for i in range(n):
                groups.setdefault(tuple(_py(params[k][i]) for k in other), []).append(i)
            for key, idx in groups.items():
                idx = np.asarray(idx)
                shown = {**{k: params[k][idx] for k in vec}, **dict(zip(other, key))}
                out = _call(target, {**fixed, **shown}, shown)
                pieces.append((idx, _normalize(out, target, lead=idx.size, batch=True, where=shown)))
        else:
            for i in range(n):
                p = point(i)
                kw = {**fixed, **p}
                if target.stochastic:
                    kw["seed"] = task.seeds[i]
                out = _call(target, kw, p)
                pieces.append((np.array([i]), one_point(_normalize(out, target, lead=None, batch=False, where=p))))
    return _stack(pieces, n, target)


def _normalize(out, target: Target, *, lead, batch: bool, where: dict):
    """Outputs as {name: (array, extra dims, attrs, coords)}; with ``lead`` the first axis has that length.

    ``batch``: the first axis runs over points (a vectorized call); otherwise over members (``lead``) or
    absent (``lead`` is None).
    """
    import xarray as xr

    if isinstance(out, xr.Dataset):
        items = [(str(k), out[k]) for k in out.data_vars]
    elif isinstance(out, xr.DataArray):
        items = [(str(out.name) if out.name is not None else default_output_name(target), out)]
    elif isinstance(out, Mapping):
        items = list(out.items())
    else:
        items = [(default_output_name(target), out)]
    if not items:
        raise SweepError(f"target {target.name!r} returned no outputs at {_describe(where)}")
    declared = target.outputs or {}
    result = {}
    for name, value in items:
        if not isinstance(name, str) or not name.isidentifier():
            raise SweepError(f"target {target.name!r}: output names must be identifiers, got {name!r}")
        spec = declared.get(name)
        attrs, coords = {}, {}
        if isinstance(value, xr.DataArray):
            arr = np.asarray(value.values)
            dims = tuple(str(d) for d in value.dims)
            attrs = {k: v for k, v in value.attrs.items() if isinstance(v, (str, int, float))}
            if lead is not None:
                dims = dims[1:]
            for cname, c in value.coords.items():
                if c.dims and set(c.dims) <= set(dims):
                    coords[str(cname)] = (tuple(str(d) for d in c.dims), np.asarray(c.values),
                                          {k: v for k, v in c.attrs.items() if isinstance(v, (str, int, float))})
        else:
            arr = np.asarray(value)
            extra = arr.ndim - (lead is not None)
            if spec is not None and spec.dims and len(spec.dims) == extra:
                dims = tuple(spec.dims)
            else:
                dims = tuple(f"{name}_dim_{i}" for i in range(max(extra, 0)))
        if lead is not None and (arr.ndim == 0 or arr.shape[0] != lead):
            what = "points (a vectorized call)" if batch else "ensemble members"
            raise SweepError(
                f"target {target.name!r} returned {name!r} with shape {arr.shape} for {lead} {what} at "
                f"{_describe(where)}; its first axis must run over the {what}")
        if arr.ndim - (lead is not None) != len(dims):
            raise SweepError(f"target {target.name!r}: output {name!r} has shape {arr.shape} but dims {dims}")
        arr = _cast(arr, spec, target, name)
        if spec is not None:
            if spec.units:
                attrs.setdefault("units", spec.units)
            if spec.description:
                attrs.setdefault("description", spec.description)
        result[name] = (arr, dims, attrs, coords)
    return result


def _cast(arr: np.ndarray, spec, target: Target, name: str) -> np.ndarray:
    if spec is not None and spec.dtype:
        return arr.astype(spec.dtype, copy=False)
    kind = arr.dtype.kind
    if kind == "b":
        return arr
    if kind in "iuf":
        return arr.astype(np.float64, copy=False)  # ints become floats: one dtype whatever the point
    if kind in "US":
        return arr.astype(str)
    if kind == "O" and all(isinstance(v, str) for v in arr.ravel()):
        return arr.astype(str)
    raise SweepError(f"target {target.name!r}: output {name!r} has dtype {arr.dtype}; a sweep stores numbers, "
                     f"booleans and strings")


def _stack(pieces, n: int, target: Target):
    """Put the outputs of the calls of one chunk (each with a leading points axis) into arrays over its points."""
    first = pieces[0][1]
    names = list(first)
    data, dims, attrs, coords = {}, {}, {}, {}
    for _, res in pieces:
        if list(res) != names:
            raise SweepError(f"target {target.name!r} returned outputs {sorted(res)} at one point and "
                             f"{sorted(names)} at another; every point must return the same outputs")
    for name in names:
        arr0, d0, a0, c0 = first[name]
        tail = arr0.shape[1:]
        dtype = arr0.dtype
        if dtype.kind == "U":
            dtype = np.dtype(f"<U{max(max(res[name][0].dtype.itemsize for _, res in pieces) // 4, 1)}")
        out = np.empty((n, *tail), dtype=dtype)
        for idx, res in pieces:
            arr, d, _, _ = res[name]
            if arr.shape[1:] != tail or d != d0:
                raise SweepError(
                    f"target {target.name!r}: output {name!r} has shape {arr.shape[1:]} {d} at one point and "
                    f"{tail} {d0} at another; outputs must have the same shape at every point (a parameter that "
                    f"changes it, such as n_cells, cannot be swept)")
            out[idx] = arr
        data[name], dims[name], attrs[name] = out, d0, a0
        coords.update(c0)
    return data, dims, attrs, coords


# --- backends (run in the calling process) -------------------------------------------------------------
def check_backend(backend, workers, client, scheduler, executor=None) -> str:
    """Validate the execution options; returns the backend name."""
    if backend is None:
        backend = ("dask" if (client is not None or scheduler is not None)
                   else "processes" if executor is not None else "inprocess")
    if backend not in BACKENDS:
        raise InputError(f"backend must be one of {', '.join(BACKENDS)}, got {backend!r}")
    if executor is not None:
        if backend != "processes":
            raise InputError(f"an executor runs the 'processes' backend, got backend={backend!r}")
        if workers is not None:
            raise InputError("workers sets the size of a new process pool; an executor already has its workers")
        if not hasattr(executor, "submit"):
            raise InputError(f"executor must be a concurrent.futures.Executor, got {executor!r}")
    if (client is not None or scheduler is not None) and backend != "dask":
        raise InputError(f"a Dask client or scheduler needs backend='dask', got backend={backend!r}")
    if client is not None and scheduler is not None:
        raise InputError("give a Dask client or a scheduler address, not both")
    if scheduler is not None and (not isinstance(scheduler, str) or not _SCHEDULER.match(scheduler)):
        raise InputError(f"scheduler must be an address such as 'tcp://10.0.0.5:8786', got {scheduler!r}")
    if workers is not None:
        if isinstance(workers, bool) or not isinstance(workers, (int, np.integer)) or workers < 1:
            raise InputError(f"workers must be an integer >= 1, got {workers!r}")
        if backend == "inprocess":
            raise InputError("workers applies to the 'processes' and 'dask' backends, not 'inprocess'")
        if backend == "dask" and (client is not None or scheduler is not None):
            raise InputError("workers sets the size of a local Dask cluster; with a client or scheduler the "
                             "cluster already has its workers")
    return backend


def check_picklable(job: Job):
    """The 'processes' backend sends the job by reference: the target must be importable by the workers."""
    func = job.target.func
    mod = getattr(func, "__module__", None)
    if mod == "__main__" and not hasattr(sys.modules.get("__main__"), "__file__"):
        raise InputError(f"target {job.target.name!r} is defined in an interactive session, which worker "
                         f"processes cannot import; put it in a module, or use backend='inprocess' or 'dask'")
    try:
        pickle.dumps(job)
    except Exception as exc:  # PicklingError, AttributeError (local objects), TypeError
        raise InputError(
            f"target {job.target.name!r} cannot be sent to worker processes ({type(exc).__name__}: {exc}); define "
            f"it at module level in an importable module (not a lambda or a nested function), or use "
            f"backend='inprocess' or 'dask'") from None


def execute(job: Job, tasks: list, *, backend: str, workers, client, scheduler, on_result, executor=None) -> dict:
    """Run ``tasks`` and call ``on_result(ChunkResult)`` in this process as each finishes (any order).

    Returns a description of what ran (backend, workers).
    """
    if not tasks:
        return {"backend": backend, "workers": 0}
    if backend == "inprocess":
        for t in tasks:
            on_result(run_chunk(job, t))
        return {"backend": backend, "workers": 1}
    if backend == "processes":
        return _processes(job, tasks, workers, on_result, executor)
    return _dask(job, tasks, workers, client, scheduler, on_result)


def _default_threads(workers: int) -> int:
    return max(1, (os.cpu_count() or 1) // workers)


@contextlib.contextmanager
def sigterm_as_interrupt():
    """Within the block, SIGTERM interrupts like Ctrl-C (KeyboardInterrupt), so a terminated sweep shuts down
    its workers and leaves its store consistent. Only in the main thread, and only when the application has
    not installed a SIGTERM handler of its own."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    if previous is not signal.SIG_DFL:
        yield
        return

    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"terminated (signal {signum})")

    signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _worker_start(parent: int):
    """Initializer of the pool workers: they end when the parent process ends, even by ``kill -9``.

    On Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG); everywhere a daemon thread
    checks twice a second that the parent is still the same process.
    """
    import signal

    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)

    def watch():
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="thermophoresis-parent-watchdog", daemon=True).start()


def _stop_pool(pool):
    """Cancel what has not started and end the workers now (a chunk being computed is lost, not written)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        with contextlib.suppress(Exception):
            p.terminate()
    deadline = time.monotonic() + 5.0
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(max(0.0, deadline - time.monotonic()))
            if p.is_alive():
                p.kill()
                p.join(1.0)


def _processes(job, tasks, workers, on_result, executor=None):
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    check_picklable(job)
    if executor is not None:  # the caller's pool: used, not shut down
        pool = executor
        n = getattr(executor, "_max_workers", 0)
    else:
        n = workers or os.cpu_count() or 1
        pool = ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_start, initargs=(os.getpid(),))
    if job.numba_threads is None and n:
        job = Job(job.target, job.fixed, _default_threads(n))
    pending = set()
    try:
        pending = {pool.submit(run_chunk, job, t) for t in tasks}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                on_result(fut.result())
    except BaseException:
        if executor is None:
            _stop_pool(pool)
        else:
            for fut in pending:
                fut.cancel()
        raise
    if executor is None:
        pool.shutdown(wait=True)
    return {"backend": "processes", "workers": n}


def _dask(job, tasks, workers, client, scheduler, on_result):
    try:
        import distributed
    except ImportError as exc:
        raise ImportError("the 'dask' backend needs dask.distributed: pip install 'thermophoresis[distributed]'") from exc
    owned = []
    try:
        if client is None and scheduler is not None:
            try:
                client = distributed.Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise SweepError(f"cannot connect to the Dask scheduler at {scheduler!r}: {exc}") from None
            owned.append(client)
        elif client is None:
            n = workers or os.cpu_count() or 1
            cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                               dashboard_address=None)
            owned.append(cluster)
            client = distributed.Client(cluster)
            owned.append(client)
            if job.numba_threads is None:
                job = Job(job.target, job.fixed, _default_threads(n))
        if job.numba_threads is None:  # Dask runs one chunk per worker thread: Numba on top would oversubscribe
            job = Job(job.target, job.fixed, 1)
        n_workers = len(client.scheduler_info().get("workers", {}))
        token = os.urandom(4).hex()
        futures = [client.submit(run_chunk, job, t, pure=False, key=f"thermophoresis-sweep-{token}-{t.chunk}")
                   for t in tasks]
        try:
            for fut in distributed.as_completed(futures):
                res = fut.result()  # re-raises the worker's exception here
                fut.release()
                on_result(res)
        except BaseException:
            client.cancel(futures)
            raise
        return {"backend": "dask", "workers": n_workers}
    finally:
        for obj in reversed(owned):
            obj.close()
