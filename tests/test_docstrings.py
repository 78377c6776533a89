"""Every public physics function has a numpydoc docstring with Parameters (units in brackets), Returns
(units in brackets) and its own References, and documents exactly the parameters of its signature.

"Public physics function": a function named in ``__all__`` of one of the modules in :data:`MODULES` and
defined there (re-exports are checked where they are defined). Units follow pvlib's habit: the description
of a numeric parameter or return value carries its unit in brackets, ``[m]``, ``[K/m]``, ``[-]`` for a
dimensionless number. A parameter whose type is not numeric (a name, a flag, a Gas) needs no unit.
"""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

# fields.base is left out on purpose: its public functions (field_from_dict, field_at, register_evaluator,
# evaluate_points) are plumbing that builds and dispatches fields, not physics; the physics of each field is
# in its own module, which is walked.
MODULES = [
    "thermophoresis.gas.collision_integrals",
    "thermophoresis.gas.mixture",
    "thermophoresis.gas.reference",
    "thermophoresis.gas.saturation",
    "thermophoresis.gas.species",
    "thermophoresis.gas.state",
    "thermophoresis.gas.thermo",
    "thermophoresis.gas.transport",
    "thermophoresis.particle",
    "thermophoresis.mobility",
    "thermophoresis.soret",
    "thermophoresis.force.continuum",
    "thermophoresis.force.free_molecular",
    "thermophoresis.force.li_wang",
    "thermophoresis.force.surface_temperature",
    "thermophoresis.photophoresis",
    "thermophoresis.drift",
    "thermophoresis.fields.graetz",
    "thermophoresis.fields.grid",
    "thermophoresis.fields.profile",
    "thermophoresis.fields.stagnation",
    "thermophoresis.fields.uniform",
    "thermophoresis.scenarios.precipitator",
    "thermophoresis.scenarios.tube",
    "thermophoresis.scenarios.wafer",
]

#: types whose values carry a unit (the description must say it in brackets)
_NUMERIC = re.compile(r"\b(float|numeric|array_like|array|ndarray|complex|number)\b")
_NOT_NUMERIC = re.compile(r"\bof (str|bool)\b")
_HEADER = re.compile(r"^(\w[\w ]*)\n-{3,}\s*$", re.M)


def _numeric(typ: str) -> bool:
    return bool(_NUMERIC.search(typ)) and not _NOT_NUMERIC.search(typ)


def public_functions(modules=None):
    out = []
    for modname in modules or MODULES:
        mod = importlib.import_module(modname)
        for name in getattr(mod, "__all__", ()):
            obj = getattr(mod, name, None)
            if inspect.isfunction(obj) and obj.__module__ == modname:
                out.append((f"{modname}.{name}", obj))
    return out


def sections(doc: str) -> dict[str, str]:
    """numpydoc sections of a (dedented) docstring: ``{title: body}``."""
    out = {}
    heads = list(_HEADER.finditer(doc))
    for i, m in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(doc)
        out[m.group(1).strip()] = doc[m.end():end]
    return out


def entries(body: str) -> list[tuple[list[str], str, str]]:
    """``(names, type, description)`` of each unindented ``name : type`` entry of a section body."""
    items = []
    for line in body.splitlines():
        if not line.strip():
            if items:
                items[-1][2].append("")
            continue
        if not line.startswith(" "):
            head, _, typ = line.partition(" : ")
            names = [n.strip() for n in head.split(",") if n.strip()]
            items.append((names, typ.strip(), []))
        elif items:
            items[-1][2].append(line.strip())
    return [(n, t, " ".join(d).strip()) for n, t, d in items]


def signature_names(func) -> list[str]:
    names = []
    for p in inspect.signature(func).parameters.values():
        if p.kind is p.VAR_POSITIONAL:
            names.append("*" + p.name)
        elif p.kind is p.VAR_KEYWORD:
            names.append("**" + p.name)
        else:
            names.append(p.name)
    return names


def problems(func) -> list[str]:
    doc = inspect.getdoc(func) or ""
    secs = sections(doc)
    found = []
    sig = signature_names(func)
    for required in ("Parameters", "Returns", "References"):
        if required not in secs and (sig or required != "Parameters"):
            found.append(f"no {required} section")
    if "Parameters" in secs:
        documented = []
        for names, typ, desc in entries(secs["Parameters"]):
            documented += names
            if _numeric(typ) and not re.search(r"\[[^\]]+\]", desc):
                found.append(f"parameter {', '.join(names)} ({typ}) has no unit in brackets")
        extra = [n for n in documented if n not in sig]
        missing = [n for n in sig if n not in documented]
        if extra:
            found.append(f"documented but not in the signature: {extra}")
        if missing:
            found.append(f"in the signature but not documented: {missing}")
    if "Returns" in secs:
        rets = entries(secs["Returns"])
        if not rets:
            found.append("empty Returns section")
        for names, typ, desc in rets:
            text = typ if not desc else desc
            numeric = _numeric(typ) or (not typ and _numeric(" ".join(names)))
            if numeric and not re.search(r"\[[^\]]+\]", text):
                found.append(f"return value {' '.join(names)} ({typ}) has no unit in brackets")
    if re.search(r"\]\s*\[", doc):
        found.append("'] [' reads as a Markdown reference link in the docs: write '[-], in [0, 1]'")
    if "References" in secs and not re.search(r"^\.\. \[\w+\]", secs["References"], re.M):
        found.append("References has no '.. [1]' entry")
    return found


FUNCTIONS = public_functions()


def test_the_walk_finds_the_physics_functions():
    names = {n.rsplit(".", 1)[1] for n, _ in FUNCTIONS}
    # a few that must be there: if the module list or the __all__ lists shrink, this says so
    assert {"brock_1962", "talbot_1980", "waldmann_1959_force", "slip_correction", "viscosity",
            "nusselt_turbulent", "thermophoresis", "photophoresis"} <= names
    assert len(FUNCTIONS) >= 90


@pytest.mark.parametrize("qualname,func", FUNCTIONS, ids=[n for n, _ in FUNCTIONS])
def test_public_function_docstring_is_complete(qualname, func):
    found = problems(func)
    assert not found, f"{qualname}: " + "; ".join(found)


def test_the_checker_catches_a_wrong_parameter_name_and_a_missing_unit():
    def good(diameter, model="x"):
        """Something.

        Parameters
        ----------
        diameter : float or array_like
            Particle diameter [m].
        model : str
            Which one.

        Returns
        -------
        float
            Something [N].

        References
        ----------
        .. [1] Someone (2000).
        """

    def bad(diameter, model="x"):
        """Something.

        Parameters
        ----------
        diam : float
            Particle diameter.
        model : str
            Which one.

        Returns
        -------
        float
            Something.
        """

    assert problems(good) == []
    found = " | ".join(problems(bad))
    assert "no References section" in found
    assert "diam" in found and "not in the signature" in found
    assert "['diameter']" in found and "not documented" in found
    assert "no unit in brackets" in found
