"""``thermophoresis.transport`` is a deprecated alias of ``thermophoresis.drift`` (issue 14, item 5)."""

import pathlib
import re
import subprocess
import sys

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "thermophoresis"


def test_alias_warns_and_reexports_the_same_objects():
    # a fresh interpreter: the warning is raised once, on the first import
    code = ("import warnings\n"
            "warnings.simplefilter('always')\n"
            "with warnings.catch_warnings(record=True) as w:\n"
            "    import thermophoresis.transport as t\n"
            "import thermophoresis.drift as d\n"
            "dep = [x for x in w if issubclass(x.category, DeprecationWarning) and 'thermophoresis.drift' in str(x.message)]\n"
            "assert len(dep) == 1, [str(x.message) for x in w]\n"
            "assert t.thermophoresis is d.thermophoresis and t.kth_map is d.kth_map\n"
            "assert set(t.__all__) == set(d.__all__)\n"
            "missing = [n for n in vars(d) if not n.startswith('__') and getattr(t, n, None) is not getattr(d, n)]\n"
            "assert not missing, missing\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_package_never_imports_the_alias():
    pattern = re.compile(r"^\s*(from\s+(thermophoresis|\.+)\s*\.?\s*transport\s+import|from\s+\.+\s+import\s+transport\b"
                         r"|import\s+thermophoresis\.transport)", re.M)
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.parent.name == "gas" or path.name == "transport.py":
            continue  # gas/transport.py is the gas's viscosity and conductivity, a different module
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(SRC)}: {m.group(0).strip()}" for m in pattern.finditer(text)]
    assert not offenders, offenders
