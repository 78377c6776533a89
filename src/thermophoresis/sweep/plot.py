"""Figures from a sweep's Dataset, chosen by dimension names: line plots and maps (matplotlib, Agg).

Every dimension of the plotted variable other than the axes (and the lines' ``hue``) must be fixed with
``select={dim: value}``; values may be given with units (``"1 atm"``), in SI, or as names (``"He"``), and
numbers pick the nearest coordinate. Log axes are chosen when a positive coordinate spans two decades or
more; a variable of one sign spanning two decades is drawn as its magnitude on a log axis.
"""

from __future__ import annotations

import numpy as np

from .._validation import closest_names
from ..exceptions import InputError

__all__ = ["line_plot", "map_plot", "plot"]


def _hint(name, known) -> str:
    close = closest_names(str(name), [str(k) for k in known])
    return f" (did you mean {', '.join(close)}?)" if close else ""


def _variable(ds, variable):
    names = list(ds.data_vars)
    if variable is None:
        if not names:
            raise InputError("the Dataset has no variables to plot")
        return names[0]
    if variable not in ds.data_vars:
        raise InputError(f"variable {variable!r} is not in the sweep{_hint(variable, names)}; allowed: {', '.join(names)}")
    return variable


def _select(ds, da, select: dict | None):
    """Apply ``select``: names exactly, numbers (or strings with units) to the nearest coordinate."""
    from ..units import to_si

    for dim, value in (select or {}).items():
        if dim not in ds.coords:
            raise InputError(f"select: {dim!r} is not a dimension of the sweep{_hint(dim, ds.dims)}; allowed: "
                             f"{', '.join(map(str, ds.dims))}")
        coord = ds.coords[dim]
        if dim not in da.dims and coord.ndim == 1 and coord.dims[0] in da.dims and dim != coord.dims[0]:
            # a coordinate along "point" (a list sweep): select the point where it is nearest
            values = coord.values
            target = _to_value(dim, value, coord, to_si)
            i = int(np.argmin(np.abs(values - target))) if values.dtype.kind in "fi" else _index_of(dim, values, target)
            da = da.isel({coord.dims[0]: i})
            continue
        if dim not in da.dims:
            continue  # a scalar coordinate (a fixed parameter): nothing to select
        target = _to_value(dim, value, coord, to_si)
        if coord.dtype.kind in "fi":
            da = da.sel({dim: target}, method="nearest")
        else:
            da = da.isel({dim: _index_of(dim, coord.values, target)})
    return da


def _to_value(dim, value, coord, to_si):
    kind = coord.attrs.get("quantity")
    if coord.dtype.kind in "fi":
        if isinstance(value, str) and kind:
            return to_si(value, kind, f"select.{dim}")
        try:
            return float(value)
        except (TypeError, ValueError):
            raise InputError(f"select.{dim} must be a number{' or a quantity such as ' + repr('1 ' + coord.attrs['units']) if kind else ''}, "
                             f"got {value!r}") from None
    return value


def _index_of(dim, values, target):
    hits = np.flatnonzero(np.asarray(values).astype(str) == str(target))
    if hits.size == 0:
        raise InputError(f"select.{dim}: {target!r} is not one of its values "
                         f"({', '.join(map(str, np.asarray(values).tolist()))})")
    return int(hits[0])


def _axis_values(da, ds, name):
    """Values along ``name`` (a dimension, or a coordinate on one) and the dimension they run along."""
    if name in da.dims:
        return da.coords[name].values if name in da.coords else np.arange(da.sizes[name]), name
    if name in ds.coords and ds.coords[name].ndim == 1 and ds.coords[name].dims[0] in da.dims:
        return ds.coords[name].values, ds.coords[name].dims[0]
    if name in da.coords and da.coords[name].ndim == 1:
        return da.coords[name].values, da.coords[name].dims[0]
    raise InputError(f"{name!r} is not a dimension of the plotted variable {da.name!r}{_hint(name, da.dims)}; "
                     f"allowed: {', '.join(map(str, da.dims))}")


def _label(ds, name, magnitude=False) -> str:
    obj = ds[name] if name in ds.variables else None
    units = obj.attrs.get("units", "") if obj is not None else ""
    text = f"|{name}|" if magnitude else name
    return f"{text} [{units}]" if units and units != "1" else text


def _auto_log(values) -> bool:
    v = np.asarray(values)
    if v.dtype.kind not in "fi" or v.size < 2 or not np.all(np.isfinite(v)) or np.any(v <= 0):
        return False
    return v.max() / v.min() >= 100.0


def _magnitude_log(values):
    """(use |values| on a log axis?) for a variable: one sign, no zeros, two decades or more."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size < 2 or np.any(v == 0) or not (np.all(v > 0) or np.all(v < 0)):
        return False
    a = np.abs(v)
    return a.max() / a.min() >= 100.0


def _leftover(da, used, variable, select):
    rest = [d for d in da.dims if d not in used and da.sizes[d] > 1]
    if rest:
        sizes = ", ".join(f"{d!r} ({da.sizes[d]} values)" for d in rest)
        raise InputError(f"plotting {variable!r} leaves {sizes} unselected; give select={{dim: value}} "
                         f"(in a sweep file: [plot] select = {{ {rest[0]} = ... }})")
    return da.squeeze([d for d in da.dims if d not in used], drop=True) if any(d not in used for d in da.dims) else da


def _title(ds, da, extra=""):
    """The target and the values at which the other dimensions were selected."""
    parts = []
    for name, c in da.coords.items():
        if c.ndim == 0 and (name in ds.dims or (name in ds.coords and ds.coords[name].ndim == 1)):
            v = c.values.item()
            unit = c.attrs.get("units", "")
            parts.append(f"{name} = {v:.4g}{' ' + unit if unit and unit != '1' else ''}" if isinstance(v, float)
                         else f"{name} = {v}")
    text = ", ".join(parts[:6])
    return f"{extra}{': ' if extra and text else ''}{text}"


def line_plot(ds, variable=None, x=None, hue=None, select=None, *, logx=None, logy=None, ax=None, title=None):
    """Line plot of ``variable`` against the dimension (or point coordinate) ``x``, one line per ``hue``.

    Returns the matplotlib Figure.
    """
    from .._figures import _pyplot

    variable = _variable(ds, variable)
    da = _select(ds, ds[variable], select)
    if x is None:
        x = next((d for d in da.dims if da.sizes[d] > 1), None)
        if x is None:
            raise InputError(f"{variable!r} has no dimension with more than one value to plot against")
    xv, xdim = _axis_values(da, ds, x)
    used = [xdim]
    if hue is not None:
        hv, hdim = _axis_values(da, ds, hue)
        used.append(hdim)
    da = _leftover(da, used, variable, select)
    plt = _pyplot()
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.0, 4.5))
    else:
        fig = ax.figure
    magnitude = _magnitude_log(da.values) if logy is None else bool(logy)
    categorical = np.asarray(xv).dtype.kind not in "fi"
    xs = np.arange(len(xv)) if categorical else np.asarray(xv)
    lines = [(None, da)] if hue is None else [(hv[i], da.isel({hdim: i})) for i in range(da.sizes[hdim])]
    for label, line in lines:
        y = line.transpose(xdim).values
        y = np.abs(y) if magnitude else y
        text = None if label is None else (f"{label:.4g}" if isinstance(label, (float, np.floating)) else str(label))
        hue_units = ds[hue].attrs.get("units", "") if hue is not None and hue in ds.variables else ""
        if text is not None and hue_units not in ("", "1"):
            text += f" {hue_units}"
        ax.plot(xs, y, marker="o" if len(xs) <= 12 else None, ms=4, lw=1.6,
                label=f"{hue} = {text}" if text is not None else None)
    if categorical:
        ax.set_xticks(xs, [str(v) for v in xv])
    elif (logx is None and _auto_log(xv)) or logx:
        ax.set_xscale("log")
    if magnitude:
        ax.set_yscale("log")
    ax.set_xlabel(_label(ds, x))
    ax.set_ylabel(_label(ds, variable, magnitude=magnitude and np.any(da.values < 0)))
    if hue is not None:
        ax.legend(fontsize=8)
    ax.grid(True, which="both", alpha=0.3)
    ax.set_title(title if title is not None else _title(ds, da, ds.attrs.get("target", "").split(" ")[0]), fontsize=9)
    fig.tight_layout()
    return fig


def _edges(values, log):
    v = np.asarray(values, dtype=float)
    if v.size == 1:
        return np.array([v[0] / 2, v[0] * 2]) if log else np.array([v[0] - 0.5, v[0] + 0.5])
    w = np.log(v) if log else v
    mid = 0.5 * (w[1:] + w[:-1])
    e = np.concatenate([[w[0] - (mid[0] - w[0])], mid, [w[-1] + (w[-1] - mid[-1])]])
    return np.exp(e) if log else e


def map_plot(ds, variable=None, x=None, y=None, select=None, *, logx=None, logy=None, logc=None, ax=None, title=None):
    """Colour map of ``variable`` over the dimensions ``x`` and ``y``; returns the matplotlib Figure."""
    from matplotlib.colors import LogNorm

    from .._figures import _pyplot

    variable = _variable(ds, variable)
    if x is None or y is None:
        raise InputError("a map plot needs x and y (two dimensions of the sweep)")
    da = _select(ds, ds[variable], select)
    xv, xdim = _axis_values(da, ds, x)
    yv, ydim = _axis_values(da, ds, y)
    if xdim == ydim:
        raise InputError(f"a map needs two different dimensions, got x = {x!r} and y = {y!r}")
    da = _leftover(da, [xdim, ydim], variable, select)
    plt = _pyplot()
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.0, 5.0))
    else:
        fig = ax.figure
    z = da.transpose(ydim, xdim).values.astype(float)
    magnitude = _magnitude_log(z) if logc is None else bool(logc)
    xcat, ycat = np.asarray(xv).dtype.kind not in "fi", np.asarray(yv).dtype.kind not in "fi"
    lx = not xcat and ((logx is None and _auto_log(xv)) or bool(logx))
    ly = not ycat and ((logy is None and _auto_log(yv)) or bool(logy))
    xe = _edges(np.arange(len(xv)) if xcat else xv, lx)
    ye = _edges(np.arange(len(yv)) if ycat else yv, ly)
    mesh = ax.pcolormesh(xe, ye, np.abs(z) if magnitude else z, shading="flat",
                         norm=LogNorm() if magnitude else None, cmap="viridis")
    fig.colorbar(mesh, ax=ax, label=_label(ds, variable, magnitude=magnitude and np.any(z < 0)))
    if lx:
        ax.set_xscale("log")
    if ly:
        ax.set_yscale("log")
    if xcat:
        ax.set_xticks(np.arange(len(xv)), [str(v) for v in xv])
    if ycat:
        ax.set_yticks(np.arange(len(yv)), [str(v) for v in yv])
    ax.set_xlabel(_label(ds, x))
    ax.set_ylabel(_label(ds, y))
    ax.set_title(title if title is not None else _title(ds, da, ds.attrs.get("target", "").split(" ")[0]), fontsize=9)
    fig.tight_layout()
    return fig


def plot(ds, variable=None, kind=None, x=None, y=None, hue=None, select=None, **options):
    """A line or map plot with sensible defaults for whatever is not given.

    Defaults: the first variable; x the first dimension with more than one value; a map when ``y`` is
    given; lines by ``hue`` (else by the next dimension with at most 12 values); every other dimension at
    its first value.
    """
    variable = _variable(ds, variable)
    da = ds[variable]
    select = dict(select or {})
    if kind is None:
        kind = "map" if y is not None else "line"
    if kind not in ("line", "map"):
        raise InputError(f"kind must be 'line' or 'map', got {kind!r}")
    free = [d for d in da.dims if da.sizes[d] > 1 and d not in select]
    if x is None:
        if not free:
            raise InputError(f"{variable!r} has no dimension with more than one value to plot against")
        x = free[0]
    used = {x, y, hue}
    for name in (x, y, hue):
        if name is not None and name in ds.coords and ds.coords[name].ndim == 1:
            used.add(ds.coords[name].dims[0])
    if kind == "line" and hue is None:
        hue = next((d for d in free if d not in used and da.sizes[d] <= 12), None)
        used.add(hue)
    if kind == "map" and y is None:
        y = next((d for d in free if d not in used), None)
        used.add(y)
    for d in free:
        if d not in used:
            coord = ds.coords[d].values if d in ds.coords else np.arange(da.sizes[d])
            select[d] = coord[0].item() if hasattr(coord[0], "item") else coord[0]
    if kind == "line":
        return line_plot(ds, variable, x, hue, select, **options)
    return map_plot(ds, variable, x, y, select, **options)
