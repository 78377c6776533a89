"""The API pages show the docstrings that ``_docs.fill`` completes (issue 14).

griffe reads docstrings from the source, where a shared text is a ``%(name)s`` slot line; the local griffe
extension ``docs/scripts/griffe_filled.py`` (registered in mkdocs.yml) puts the filled ``__doc__`` in their
place. Checked here with griffe alone (static loading, no site build): on the whole package no docstring
griffe hands to the renderer keeps a slot, and a filled one equals ``inspect.getdoc`` of the live object.
The strict site build (tests/test_docs.py) renders the same objects.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import sys
import textwrap
from pathlib import Path

import pytest

griffe = pytest.importorskip("griffe")
yaml = pytest.importorskip("yaml")

from thermophoresis._docs import SLOT  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "docs" / "scripts" / "griffe_filled.py"


def _extension_module():
    spec = importlib.util.spec_from_file_location("griffe_filled", EXTENSION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _objects(obj):
    for member in obj.members.values():
        if member.is_alias:
            continue
        yield member
        yield from _objects(member)


@pytest.fixture(scope="module")
def package():
    ext = griffe.load_extensions(_extension_module().FilledDocstrings)
    return griffe.load("thermophoresis", search_paths=[str(ROOT / "src")], extensions=ext,
                       docstring_parser="numpy")


def test_mkdocs_registers_the_extension():
    class _Loader(yaml.SafeLoader):
        pass

    # mkdocs.yml may carry MkDocs' own tags (!relative, !ENV): read them as plain values
    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)
    handler = next(p["mkdocstrings"] for p in config["plugins"] if isinstance(p, dict) and "mkdocstrings" in p)
    extensions = handler["handlers"]["python"]["options"]["extensions"]
    paths = [next(iter(e)) if isinstance(e, dict) else e for e in extensions]
    assert any((ROOT / p.split(":")[0]).resolve() == EXTENSION for p in paths)


def test_no_rendered_docstring_keeps_a_slot(package):
    left = [o.path for o in _objects(package) if o.docstring is not None and SLOT.search(o.docstring.value)]
    assert left == []


def test_filled_docstrings_are_the_runtime_text(package):
    import thermophoresis.drift as drift
    import thermophoresis.gas.transport as transport

    checked = 0
    for module, name in [(drift, "thermophoretic_force"), (drift, "peclet_number"),
                         (transport, "viscosity")]:
        source = inspect.getsource(getattr(module, name))
        assert SLOT.search(source), f"{module.__name__}.{name} no longer uses a slot: pick another example"
        obj = package[f"{module.__name__.removeprefix('thermophoresis.')}.{name}"]
        assert obj.docstring.value == inspect.getdoc(getattr(module, name))
        checked += 1
    assert checked == 3
    # and the parsed sections are there (what the page renders): the shared Parameters of drift
    sections = {s.kind.value: s for s in package["drift.thermophoretic_force"].docstring.parsed}
    assert [p.name for p in sections["parameters"].value] == ["particle", "gas", "grad_T", "model", "**kwargs"]


def test_an_unfilled_slot_is_a_warning(tmp_path, monkeypatch, caplog):
    """A docstring with a slot that nothing fills is logged as a warning (``mkdocs build --strict`` fails)."""
    pkg = tmp_path / "slotpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(textwrap.dedent('''
        from thermophoresis._docs import fill

        _DOC = {"x": "x : float\\n    An input [m]."}


        @fill(_DOC)
        def filled(x):
            """Filled.

            Parameters
            ----------
            %(x)s
            """


        def forgotten(x):
            """Forgotten.

            Parameters
            ----------
            %(x)s
            """
    '''))
    monkeypatch.syspath_prepend(str(tmp_path))
    ext = griffe.load_extensions(_extension_module().FilledDocstrings)
    with caplog.at_level(logging.WARNING, logger="griffe"):
        mod = griffe.load("slotpkg", search_paths=[str(tmp_path)], extensions=ext)
    assert "x : float\n    An input [m]." in mod["filled"].docstring.value
    assert not SLOT.search(mod["filled"].docstring.value)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("slotpkg.forgotten" in w and "%(x)s" in w for w in warnings), warnings
    # without the extension griffe would hand the template to the page (what the extension is for)
    plain = griffe.load("slotpkg", search_paths=[str(tmp_path)])
    assert SLOT.search(plain["filled"].docstring.value)
    sys.modules.pop("slotpkg", None)
