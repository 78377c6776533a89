"""The house rules of DESIGN.md section 2, checked on the source: no module imports a higher floor, no
package imports a sibling package on its own floor, and there are no import cycles.

Imports inside functions count too: a lazy upward import is still an upward dependency.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "src" / "thermophoresis"

# floor of each top-level module or subpackage of thermophoresis (DESIGN.md section 2)
FLOORS = {
    "_version": 1, "constants": 1, "exceptions": 1,
    "_docs": 1,  # shared docstring text filled in at import (stdlib only)
    "units": 2, "_validation": 2, "_params": 2, "_registry": 2, "_numerics": 2, "_twins": 2, "_resume": 2,
    "_figures": 2,  # matplotlib figures without pyplot, imported on use
    "gas": 3, "particle": 3,
    "mobility": 4, "soret": 4,
    "force": 5, "photophoresis": 5,
    "drift": 6,
    "transport": 6.5,  # the deprecated name of drift: a re-export, one step above it
    "fields": 7,
    "lagrangian": 8, "kinetic": 8, "scenarios": 8,
    "sweep": 9,
    "precompile": 9,  # compiles the kernels of the floors below ahead of their first use (thermophoresis compile)
    "plot": 10,
    "cli": 11,  # DESIGN.md puts cli/ beside plot.py on the top floor; it renders with plot, never the reverse
    "_cli_sweep": 11.5,  # the deprecated location of the sweep command: a re-export of cli.sweep
    "__init__": 12,
}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        name = ".".join(parts[:-1] if is_package else parts)
        package = name if is_package else name.rpartition(".")[0]
        yield name, package, path


def _imports(package: str, path: pathlib.Path):
    """Every thermophoresis module named by an import statement anywhere in the file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # "from . import x" names submodules; "from .m import x" names the module m
            names = [f"{module}.{a.name}" for a in node.names] if not node.module else [module]
        else:
            continue
        yield from (n for n in names if n == "thermophoresis" or n.startswith("thermophoresis."))


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _edges():
    known = {name for name, _, _ in _modules()}
    for name, package, path in _modules():
        for target in _imports(package, path):
            while target not in known and "." in target:  # "from m import function" -> m
                target = target.rpartition(".")[0]
            yield name, target


def test_every_module_has_a_floor():
    missing = sorted({_top(name) for name, _, _ in _modules()} - set(FLOORS))
    assert not missing, f"add these to FLOORS (DESIGN.md section 2) before using them: {missing}"


def test_no_upward_or_sideways_imports():
    bad = []
    for source, target in _edges():
        a, b = _top(source), _top(target)
        if a == b:
            continue
        fa, fb = FLOORS.get(a), FLOORS.get(b)
        if fa is None or fb is None:
            continue
        # below the physics (floors 1-2) siblings may import each other; above, a floor is independent
        if fb > fa or (fb == fa and fa >= 3):
            bad.append(f"{source} (floor {fa}) imports {target} (floor {fb})")
    assert not bad, "layer violations:\n" + "\n".join(sorted(set(bad)))


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    for source, target in _edges():
        if source != target:
            graph.setdefault(source, set()).add(target)
    # a package's __init__ re-exporting its own submodules is not a cycle worth refusing
    def own_child(parent, child):
        return child.startswith(parent + ".")

    cycles = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            if own_child(node, nxt) or own_child(nxt, node):
                continue
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):]
                cycles.add(" -> ".join(cycle + [nxt]))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles:\n" + "\n".join(sorted(cycles))


@pytest.mark.parametrize("forbidden", ["pint", "matplotlib", "typer", "dask", "rich"])
def test_physics_floors_do_not_import_front_end_libraries(forbidden):
    allowed = {"pint": {"units"}, "matplotlib": {"_figures"}}.get(forbidden, set())
    bad = []
    for name, _, path in _modules():
        top = _top(name)
        if FLOORS.get(top, 99) >= 9 or top in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            mods = []
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                mods = [node.module or ""]
            if any(m == forbidden or m.startswith(forbidden + ".") for m in mods):
                bad.append(name)
    assert not bad, f"{forbidden} imported below the sweep/plot/cli floors by: {sorted(set(bad))}"
