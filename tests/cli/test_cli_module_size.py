"""The CLI package is thin: no module of ``thermophoresis/cli/`` is over 300 lines (issue 14, done-when)."""

import pathlib

CLI = pathlib.Path(__file__).resolve().parents[2] / "src" / "thermophoresis" / "cli"


def test_no_cli_module_over_300_lines():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in CLI.glob("*.py")}
    assert sizes, "no CLI modules found"
    assert {n: s for n, s in sizes.items() if s > 300} == {}
