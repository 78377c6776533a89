"""Where a sweep writes as it goes: NetCDF (one file per chunk, combined at the end) or Zarr (regions).

Beside the store ``<store>`` sits a directory ``<store>.sweep/`` with ``manifest.json``: the sweep's
definition, its fingerprint (a hash of the definition), the layout of its outputs once known, and its
status. For NetCDF it also holds ``chunk_NNNNNN.nc``, one file per finished chunk; for Zarr, the chunk's
region is written into the store and ``chunk_NNNNNN.done`` marks it finished. Every file is written to a
temporary name and renamed, so an interruption never leaves a half-written chunk that looks finished; a
failed write removes its temporary file, and the temporary files of a killed run are removed by the next
run on the store.

While a run uses the store it holds the lock file ``<store>.lock`` (:class:`thermophoresis._resume.StoreLock`):
a second run on the same store is refused while the first is alive, and the lock of a dead run is taken over.

A rerun with the same definition skips the finished chunks; a different definition in the same store is
an error unless ``overwrite=True``. At the end the NetCDF chunks are combined into ``<store>`` (and then
deleted), and the manifest is marked complete; a rerun of a complete sweep only reads the store.
"""

from __future__ import annotations

import json
import pathlib
import shutil

import numpy as np

from .._resume import StoreLock, atomic_write, atomic_write_text, read_manifest, remove_temporaries
from ..exceptions import InputError

__all__ = ["open_store"]

FORMAT = 1
_NETCDF_SUFFIXES = (".nc", ".nc4", ".netcdf")


_atomic_write_text = atomic_write_text


def _differences(old: dict, new: dict) -> list[str]:
    """Which parts of two sweep definitions differ, named as in a sweep file (grid.diameter, fixed.model)."""
    out = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if key in ("fixed", "grid", "points") and isinstance(a, (dict, list)) and isinstance(b, (dict, list)):
            da, db = dict(a), dict(b)
            if key != "fixed" and list(da) != list(db) and set(da) == set(db):
                out.append(f"{key} (order of dimensions)")
            out += [f"{key}.{k}" for k in sorted(set(da) | set(db)) if da.get(k) != db.get(k)]
        else:
            out.append({"block": "chunks", "member_block": "chunks", "target_code": "target (its code)"}.get(key, key))
    return list(dict.fromkeys(out))


def _version() -> str:
    from .._version import __version__

    return __version__


def open_store(path, definition: dict, fingerprint: str, *, resume: bool, overwrite: bool):
    """Open (or create) the store of a sweep; checks that an existing one holds the same sweep.

    The store is locked until :meth:`close` (or the end of a ``with`` block).
    """
    p = pathlib.Path(path)
    suffix = p.suffix.lower()
    if suffix == ".zarr":
        cls = ZarrStore
    elif suffix in _NETCDF_SUFFIXES:
        cls = NetCDFStore
    else:
        raise InputError(f"store must be a path ending in .nc or .zarr, got {str(path)!r}")
    lock = StoreLock(p).acquire()
    try:
        remove_temporaries(p, p.with_name(p.name + ".sweep"))
        store = cls(p, definition, fingerprint, resume=resume, overwrite=overwrite)
    except BaseException:
        lock.release()
        raise
    store.lock = lock
    return store


class _Store:
    lock = None

    def close(self):
        """Release the store's lock."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __init__(self, path: pathlib.Path, definition: dict, fingerprint: str, *, resume: bool, overwrite: bool):
        self.path = path
        self.meta = path.with_name(path.name + ".sweep")
        self.manifest_file = self.meta / "manifest.json"
        manifest = read_manifest(self.manifest_file, self.meta)
        if overwrite:
            self._remove_all()
            manifest = None
        elif manifest is not None:
            if manifest.get("fingerprint") != fingerprint:
                diff = _differences(manifest.get("definition", {}), definition) or ["the definition"]
                raise InputError(
                    f"store {str(path)!r} holds the results of another sweep ({', '.join(diff)} differ); use "
                    f"another store, or overwrite=True (CLI: --overwrite) to discard them")
            if not resume:
                self._remove_results()
                manifest = None
            elif manifest.get("package_version") not in (None, _version()):
                import warnings

                from ..exceptions import ValidityWarning

                warnings.warn(f"store {str(path)!r} was started by thermophoresis {manifest['package_version']} and "
                              f"is resumed by {_version()}: finished chunks are kept as they are; pass "
                              f"resume=False (CLI: --restart) to recompute them", ValidityWarning, stacklevel=3)
        elif self.path.exists():
            raise InputError(f"store {str(path)!r} exists but was not written by a sweep (no {self.manifest_file}); "
                             f"choose another store, or pass overwrite=True (CLI: --overwrite) to replace it")
        self.meta.mkdir(parents=True, exist_ok=True)
        if manifest is None:
            manifest = {"format": FORMAT, "fingerprint": fingerprint, "definition": definition, "status": "running",
                        "schema": None, "package_version": _version()}
            self._save(manifest)
        self.manifest = manifest

    # -- manifest ---------------------------------------------------------------------------------------
    def _save(self, manifest):
        _atomic_write_text(self.manifest_file, json.dumps(manifest, indent=1))

    @property
    def complete(self) -> bool:
        return self.manifest.get("status") == "complete" and self.path.exists()

    @property
    def schema(self):
        return self.manifest.get("schema")

    def save_schema(self, schema: dict):
        self.manifest["schema"] = schema
        self._save(self.manifest)

    def mark_complete(self):
        self.manifest["status"] = "complete"
        self._save(self.manifest)

    def _chunk_file(self, chunk: int, ext: str) -> pathlib.Path:
        return self.meta / f"chunk_{chunk:06d}.{ext}"

    def _remove_all(self):
        if self.meta.exists():
            shutil.rmtree(self.meta)
        self._remove_store()

    def _remove_results(self):
        for f in self.meta.glob("chunk_*"):
            f.unlink()
        self._remove_store()


class NetCDFStore(_Store):
    """Chunk files in ``<store>.sweep/``, combined into ``<store>`` at the end."""

    kind = "netcdf"

    def _remove_store(self):
        if self.path.is_dir():
            raise InputError(f"store {str(self.path)!r} is a directory; a NetCDF store is a file")
        if self.path.exists():
            self.path.unlink()

    def finished(self) -> set[int]:
        if self.complete:
            return set(range(self.manifest["definition"]["n_chunks"]))
        return {int(f.name[6:12]) for f in self.meta.glob("chunk_*.nc")}

    def write_chunk(self, chunk: int, region: dict, variables: dict, warnings: list):
        import xarray as xr

        ds = xr.Dataset({k: (dims, arr) for k, (dims, arr) in variables.items()},
                        attrs={"chunk": chunk, "warnings": json.dumps(warnings)})
        with atomic_write(self._chunk_file(chunk, "nc")) as tmp, _local():
            ds.to_netcdf(tmp, engine="scipy")

    def read(self, regions: dict, schema: dict, shapes: dict) -> tuple[dict, list]:
        """Full arrays of every output, and the warnings of every chunk (in chunk order)."""
        import xarray as xr

        data = {name: np.empty(shapes[name], dtype=np.dtype(spec["dtype"])) for name, spec in schema["outputs"].items()}
        warnings = []
        if self.complete:
            with xr.open_dataset(self.path, engine="scipy", decode_times=False, decode_timedelta=False) as ds:
                for name in data:
                    data[name][...] = _as(ds[name].values, data[name].dtype)
                warnings = json.loads(ds.attrs.get("chunk_warnings", "[]"))
            return data, [tuple(w) for w in warnings]
        for chunk in sorted(regions):
            with xr.open_dataset(self._chunk_file(chunk, "nc"), engine="scipy", decode_times=False,
                                 decode_timedelta=False) as ds:
                for name in data:
                    data[name][regions[chunk]] = _as(ds[name].values, data[name].dtype)
                warnings += [tuple(w) for w in json.loads(ds.attrs.get("warnings", "[]"))]
        return data, warnings

    def finish(self, ds, chunk_warnings: list):
        """Write the combined Dataset to ``<store>`` (atomically), mark complete, drop the chunk files."""
        out = ds.copy()
        out.attrs["chunk_warnings"] = json.dumps([list(w) for w in chunk_warnings])
        with atomic_write(self.path) as tmp, _local():
            out.to_netcdf(tmp, engine="scipy")
        self.mark_complete()
        for f in self.meta.glob("chunk_*.nc"):
            f.unlink()


class ZarrStore(_Store):
    """One Zarr store; each chunk writes its region, and a marker file in ``<store>.sweep/``."""

    kind = "zarr"

    def _remove_store(self):
        if self.path.is_dir():
            if not any((self.path / n).exists() for n in ("zarr.json", ".zgroup", ".zattrs")):
                raise InputError(f"{str(self.path)!r} is a directory but not a Zarr store; it is left alone")
            shutil.rmtree(self.path)
        elif self.path.exists():
            self.path.unlink()

    def finished(self) -> set[int]:
        if self.complete:
            return set(range(self.manifest["definition"]["n_chunks"]))
        if not self.path.exists():
            return set()
        return {int(f.name[6:12]) for f in self.meta.glob("chunk_*.done")}

    def ensure_template(self, template):
        """Write the store's metadata and coordinates (no data) before the first region."""
        if self.path.exists():
            return
        _quiet_zarr(lambda: template.to_zarr(self.path, mode="w", compute=False, consolidated=False))

    def write_chunk(self, chunk: int, region: dict, variables: dict, warnings: list):
        import xarray as xr

        ds = xr.Dataset({k: (dims, arr) for k, (dims, arr) in variables.items()})
        _quiet_zarr(lambda: ds.to_zarr(self.path, region=region, consolidated=False))
        _atomic_write_text(self._chunk_file(chunk, "done"), json.dumps(warnings))

    def read(self, regions: dict, schema: dict, shapes: dict) -> tuple[dict, list]:
        import xarray as xr

        ds = xr.open_zarr(self.path, consolidated=False, decode_times=False, decode_timedelta=False, chunks=None)
        try:
            data = {name: _as(ds[name].values, np.dtype(spec["dtype"])) for name, spec in schema["outputs"].items()}
            if self.complete:
                warnings = json.loads(ds.attrs.get("chunk_warnings", "[]"))
            else:
                warnings = []
                for chunk in sorted(regions):
                    warnings += json.loads(self._chunk_file(chunk, "done").read_text())
        finally:
            ds.close()
        return data, [tuple(w) for w in warnings]

    def finish(self, ds, chunk_warnings: list):
        """Add the variables computed from the whole sweep and the attributes; mark complete."""
        import xarray as xr
        import zarr

        with xr.open_zarr(self.path, consolidated=False, chunks=None) as on_disk:
            have = set(on_disk.variables)
        new = [k for k in ds.data_vars if k not in have]
        if new:
            _quiet_zarr(lambda: ds[new].drop_vars([c for c in ds[new].coords if c in have]).to_zarr(
                self.path, mode="a", consolidated=False))
        group = zarr.open_group(str(self.path), mode="r+")
        group.attrs.update({**ds.attrs, "chunk_warnings": json.dumps([list(w) for w in chunk_warnings])})
        self.mark_complete()
        for f in self.meta.glob("chunk_*.done"):
            f.unlink()


def _local():
    """Writes happen in this process: keep xarray from asking Dask for a distributed scheduler (a client the
    caller closed out of order leaves one configured, and xarray's writers consult it)."""
    import contextlib
    import sys

    if "dask" not in sys.modules:
        return contextlib.nullcontext()
    import dask

    return dask.config.set(scheduler="synchronous")


def _as(values, dtype: np.dtype):
    if dtype.kind == "U":
        return np.asarray(values).astype(str)
    return np.asarray(values).astype(dtype, copy=False)


def _quiet_zarr(write):
    """Run a Zarr write without the warnings about string dtypes lacking a Zarr v3 specification."""
    import warnings

    with warnings.catch_warnings(), _local():
        warnings.filterwarnings("ignore", message=".*does not have a Zarr V3 specification.*")
        warnings.filterwarnings("ignore", message=".*Consolidated metadata.*")
        return write()
