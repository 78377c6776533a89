"""Every ``--json`` payload is exactly the library result's ``to_dict()`` (inputs included), in an envelope.

``emit_json`` puts ``package_version`` first and the command's ``warnings`` last in every object (in each
object of ``compare``'s list); nothing else is added by the command line. Each command of the app with a
``--json`` option is listed in ``CASES`` (a test checks that none is missing): the cheap ones are compared
with an independent library call made here with the same inputs; the long runs (a kinetic solve, the
DSMC, tracking, a sweep) with the object the command itself computed, recorded as it called ``to_dict``.
"""

import json
from pathlib import Path

import pytest

typer = pytest.importorskip("typer")

from typer.testing import CliRunner  # noqa: E402

from thermophoresis import Gas, Particle  # noqa: E402
from thermophoresis.cli import app  # noqa: E402
from thermophoresis.cli._common import jsonable  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ENVELOPE = ("package_version", "warnings")


def _json(*args):
    r = CliRunner().invoke(app, [*args, "--json"])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def _open(obj):
    """The payload without its envelope (package_version first, warnings last)."""
    keys = list(obj)
    assert keys[0] == "package_version" and keys[-1] == "warnings", keys
    return {k: v for k, v in obj.items() if k not in ENVELOPE}


def _air():
    return Gas("air")


def _psl(d=2e-7, **kw):
    return Particle(d, "psl", **kw)


def _force():
    from thermophoresis.drift import force_report

    return force_report(_psl(), _air(), 1e4, "talbot").to_dict()


def _compare():
    import warnings

    from thermophoresis.drift import force_report
    from thermophoresis.force import MODELS

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # models outside their range: the command prints these warnings too
        return [force_report(_psl(), _air(), 1e4, name).to_dict() for name in MODELS]


def _map():
    import numpy as np

    from thermophoresis.drift import kth_map

    return kth_map(_air(), "talbot", np.logspace(-3, 3, 5), np.logspace(-1, 4, 5)).to_dict()


def _dipole():
    from thermophoresis.drift import surface_force_report

    return surface_force_report(Particle("1 um", "silica"), _air(), [303.0, 1.0]).to_dict()


def _photophoresis():
    from thermophoresis.photophoresis import photophoresis

    return photophoresis(_psl("2 um"), _air(), "532 nm", "1.57+0.038j", "1e3 W/m^2").to_dict()


def _particle():
    from thermophoresis.mobility import mobility_report

    return mobility_report(_psl(), _air()).to_dict()


def _slip():
    from thermophoresis.kinetic.halfspace import slip_coefficients

    return slip_coefficients("bgk").to_dict()


def _wafer():
    from thermophoresis.scenarios import wafer_protection

    return wafer_protection(_air(), 100.0, 10.0, "psl").to_dict()


def _precipitator():
    from thermophoresis.scenarios import precipitator_efficiency

    return precipitator_efficiency("psl", Gas("air", temperature=303.15), 5e-3, 293.15, 313.15, 0.05, 0.1).to_dict()


def _tube():
    from thermophoresis.scenarios.tube import tube_deposition

    return tube_deposition(_psl(), _air(), 2e-3, 0.3, 0.5, 600.0, 300.0).to_dict()


def _soret():
    from thermophoresis.drift import soret_vs_particle

    return soret_vs_particle("He", "Ar", 0.5, 293.15, 101325.0, 1e4, 10.0, _psl()).to_dict()


def _listing(key, registry_path):
    def make():
        module, name = registry_path.rsplit(".", 1)
        import importlib

        return {key: [entry.to_dict() for entry in getattr(importlib.import_module(module), name).values()]}

    return make


# command -> (arguments, the same computed by the library here)
CASES = {
    "gas": (["gas"], lambda: _air().to_dict()),
    "particle": (["particle"], _particle),
    "gases": (["gases"], _listing("gases", "thermophoresis.gas.SPECIES")),
    "materials": (["materials"], _listing("materials", "thermophoresis.particle.MATERIALS")),
    "models": (["models"], _listing("models", "thermophoresis.force.MODELS")),
    "force": (["force"], _force),
    "compare": (["compare"], _compare),
    "map": (["map", "--points", "5"], _map),
    "dipole": (["dipole"], _dipole),
    "photophoresis": (["photophoresis"], _photophoresis),
    "slip": (["slip", "--kinetic-model", "bgk"], _slip),
    "wafer": (["wafer"], _wafer),
    "precipitator": (["precipitator"], _precipitator),
    "tube": (["tube"], _tube),
    "soret": (["soret", "He", "Ar"], _soret),
}
# long runs: command -> (arguments, what computes the printed object: (module, attribute) whose result is recorded)
RECORDED = {
    "kinetic": (["kinetic", "--knudsen", "1000"], ("thermophoresis.kinetic.sphere", "SphereSolution.to_dict")),
    "dsmc": (["dsmc", "--cells", "4", "--per-cell", "4", "--blocks", "2", "--block-steps", "5", "--threads", "1"],
             ("thermophoresis.kinetic.dsmc", "FourierStudy.to_dict")),
    "track": (["track", "{dir}/track.toml"], ("thermophoresis.lagrangian.scenario", "Scenario.summary")),
    "sweep": (["sweep", "{dir}/sweep.toml"], ("thermophoresis.sweep", "sweep_summary")),
    "compile": (["compile", "--targets", "tracker", "--fields", "uniform", "--integrators", "overdamped"],
                ("thermophoresis.precompile", "compile_kernels")),
}
# a short precipitator run (20 particles, 40 steps) and a two-point force sweep
_TRACK = (ROOT / "examples" / "precipitator.toml").read_text().replace("count = 500", "count = 20").replace(
    "steps = 2000", "steps = 40").replace("sample_every = 20", "sample_every = 10").replace(
    "chunk_steps = 500", "chunk_steps = 20").replace('plot = "precipitator.png"', "")
_SWEEP = '[sweep]\ntarget = "force"\n[grid]\ndiameter = ["100 nm", "200 nm"]\n[output]\nstore = "s.nc"\n'


def test_every_json_command_is_covered():
    import typer.main as tm

    group = tm.get_command(app)
    with_json = set()

    def walk(g, prefix=()):
        for name, sub in g.commands.items():
            if hasattr(sub, "commands"):
                walk(sub, (*prefix, name))
            elif any(p.name == "as_json" for p in sub.params):
                with_json.add(" ".join((*prefix, name)))

    walk(group)
    assert with_json == set(CASES) | set(RECORDED)


@pytest.mark.parametrize("name", list(CASES))
def test_json_payload_is_the_library_result(name):
    args, library = CASES[name]
    d = _json(*args)
    lib = jsonable(library())
    if isinstance(lib, list):
        assert [_open(x) for x in d] == lib
    else:
        assert _open(d) == lib


@pytest.mark.parametrize("name", list(RECORDED))
def test_json_payload_of_a_long_run_is_what_the_library_returned(name, tmp_path, monkeypatch):
    import importlib

    args, (module, attr) = RECORDED[name]
    (tmp_path / "track.toml").write_text(_TRACK)
    (tmp_path / "sweep.toml").write_text(_SWEEP)
    monkeypatch.chdir(tmp_path)  # anything the command writes stays in tmp_path
    owner = importlib.import_module(module)
    cls_name, _, method = attr.rpartition(".")
    target = getattr(owner, cls_name) if cls_name else owner
    original = getattr(target, method)
    returned = []

    def recording(*a, **k):
        out = original(*a, **k)
        returned.append(out)
        return out

    monkeypatch.setattr(target, method, recording)
    d = _json(*(a.replace("{dir}", str(tmp_path)) for a in args))
    assert returned, f"{name} did not call {attr}"
    assert _open(d) == jsonable(returned[-1])
