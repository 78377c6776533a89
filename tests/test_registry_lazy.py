"""Registry entries reserved by name and made on first use (``Registry.add_lazy``; issue 16 goal 5).

The ``kinetic`` force model is reserved this way so that ``thermophoresis force`` (Talbot by default) never
imports its module or reads its tables; these tests check that the reservation behaves as the entry would.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from thermophoresis._registry import Choice, Registry
from thermophoresis.exceptions import UnknownNameError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def make_registry(tmp_path, monkeypatch):
    """``make(aliases=..., register=...)``: a registry alpha, gamma (reserved), beta, and the list of imports of
    gamma's module (``lazy_entry``, which registers ``Choice("gamma", aliases=aliases)`` when imported)."""
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "lazy_entry", raising=False)

    def make(aliases=("g",), register=True):
        body = "import lazy_entry_target as t\nt.imports.append(1)\n"
        if register:
            body += f"t.registry.add(Choice('gamma', kn_range=(1.0, 2.0), aliases={tuple(aliases)!r}))\n"
        (tmp_path / "lazy_entry.py").write_text("from thermophoresis._registry import Choice\n" + body)
        r = Registry("example")
        target = types.SimpleNamespace(registry=r, imports=[])
        monkeypatch.setitem(sys.modules, "lazy_entry_target", target)
        r.add(Choice("alpha", kn_range=(0.0, 1.0)))
        r.add_lazy("gamma", "lazy_entry", aliases=("g",))
        r.add(Choice("beta", kn_range=(10.0, 20.0)))
        return r, target.imports

    yield make
    sys.modules.pop("lazy_entry", None)


def test_names_order_membership_and_errors_do_not_import(make_registry):
    r, imports = make_registry()
    assert list(r) == ["alpha", "gamma", "beta"] and len(r) == 3 and r.names() == ["alpha", "gamma", "beta"]
    assert "GAMMA" in r and "g" in r and r.canonical("G") == "gamma" and r.aliases("gamma") == ["g"]
    with pytest.raises(UnknownNameError, match="closest: gamma"):
        r.lookup("gama")
    assert imports == []  # never imported


def test_first_lookup_imports_once_and_keeps_the_place(make_registry):
    r, imports = make_registry()
    entry = r["g"]
    assert entry.name == "gamma" and entry.kn_range == (1.0, 2.0)
    assert r.lookup("gamma") is entry and r.lookup(entry) is entry
    assert list(r) == ["alpha", "gamma", "beta"]
    assert imports == [1]


@pytest.mark.parametrize("use", ["values", "valid_at", "to_dict", "replace"])
def test_whole_table_uses_import_the_reserved_entry(make_registry, use):
    r, imports = make_registry()
    if use == "values":
        assert [e.name for e in r.values()] == ["alpha", "gamma", "beta"]
    elif use == "valid_at":
        assert r.names(valid_at=1.5) == ["gamma"]
    elif use == "to_dict":
        assert r.to_dict()["gamma"]["kn_range"] == [1.0, 2.0]
    else:
        assert r.replace("g", label="third").label == "third" and r["gamma"].label == "third"
    assert imports == [1]


def test_reserved_spellings_must_match_the_entry(make_registry):
    r, _ = make_registry(aliases=("gee",))
    with pytest.raises(ValueError, match="reserved as"):
        r["gamma"]


def test_a_module_that_does_not_register_is_an_error(make_registry):
    r, _ = make_registry(register=False)
    with pytest.raises(RuntimeError, match="did not register"):
        r["gamma"]


def test_reservations_refuse_taken_names():
    r = Registry("example")
    r.add(Choice("alpha", aliases=("a",)))
    with pytest.raises(ValueError, match="registered twice"):
        r.add_lazy("alpha", "nowhere")
    with pytest.raises(ValueError, match="already taken"):
        r.add_lazy("other", "nowhere", aliases=("A",))
    r.add_lazy("other", "nowhere")
    with pytest.raises(ValueError, match="already taken"):
        r.add(Choice("third", aliases=("other",)))


def test_kinetic_model_is_reserved_and_loads_on_first_use():
    code = textwrap.dedent("""
        import sys
        from thermophoresis.force import MODELS, get_model
        assert list(MODELS) == ["epstein", "brock", "talbot", "waldmann", "li_wang", "kinetic"]
        get_model("talbot"); "s_model" in MODELS
        assert "thermophoresis.force.kinetic" not in sys.modules
        info = get_model("S-model")
        import thermophoresis.force.kinetic as k
        assert info.function is k.kinetic_force_coefficient and info.aliases == ("s_model", "kinetic_s")
        assert info.kn_range[0] == k.resolved_from_file()
        from thermophoresis.force import KineticKernel
        assert KineticKernel is k.KineticKernel
        assert list(MODELS) == ["epstein", "brock", "talbot", "waldmann", "li_wang", "kinetic"]
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr
