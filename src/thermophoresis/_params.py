"""One parameter vocabulary (private): declare a parameter once, read it from every front end.

A :class:`Param` says what a parameter is: its physical kind (a key of
:data:`thermophoresis.units.DIMENSIONS`, which fixes the SI unit), or a plain type (``int``, ``str``,
``bool``, ``complex``); its bounds or choices; its default; one line of help. :meth:`Param.parse` turns
what a user typed (a string with units, a pint Quantity, a plain number taken as SI) into the SI value
and checks it. Errors are :class:`~thermophoresis.exceptions.InputError` with ``parameter``, ``value`` and
``allowed`` set, so each front end names the parameter its own way::

    >>> DIAMETER = PARAMETERS["diameter"]
    >>> DIAMETER.parse("200 nm")
    2e-07
    >>> try:
    ...     DIAMETER.parse("-5 nm")
    ... except InputError as exc:
    ...     print(exc.message_for("--diameter"))
    --diameter must be > 0 m, got -5e-09 m

The command line (``--diameter``), the TOML loaders (``particle.diameter``), the sweep targets
(``grid.diameter``) and the object constructors read the same declaration: :data:`PARAMETERS` holds the
shared vocabulary (a particle, a gas state, a gradient, model names), and each scenario adds its own
table with :func:`table`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from .exceptions import InputError, UnknownNameError, format_value

__all__ = ["Param", "PARAMETERS", "COMMAND_PARAMETERS", "table", "option_name", "parse_many", "load_section",
           "EXTRA_KINDS"]

#: ``object`` is the type of the parameters of open sweep targets (any value; the sweep infers quantities).
_TYPES = (float, int, str, bool, complex, object)
#: Quantity kinds beyond :data:`thermophoresis.units.DIMENSIONS`: kind -> (SI unit, pint unit, example)
EXTRA_KINDS = {"diffusivity": ("m^2/s", "m**2/s", "2.2e-5 m^2/s")}


def option_name(name: str) -> str:
    """The command-line spelling of a parameter name: ``t_hot`` -> ``--t-hot``."""
    return "--" + name.replace("_", "-")


@dataclass(frozen=True)
class Param:
    """The declaration of one parameter.

    Parameters
    ----------
    kind : str, optional
        The physical quantity, a key of :data:`thermophoresis.units.DIMENSIONS` (``"length"``,
        ``"pressure"``, ...). Values may then be strings with units or pint Quantities; plain numbers are
        SI. Without a kind the parameter is a plain ``type``.
    type : type
        ``float`` (default), ``int``, ``str``, ``bool`` or ``complex``.
    name : str
        The parameter's library name (``"diameter"``); set by :func:`table` when omitted.
    help : str
        One line for listings and ``--help``.
    default : object
        The default value as a user would type it (``"200 nm"``), or ``None`` (no default / optional).
    positive : bool
        Shorthand for ``low=0, low_open=True``.
    low, high : float, optional
        Bounds of the SI value; ``low_open`` / ``high_open`` make them strict.
    choices : tuple of str, optional
        Allowed values of a string parameter (matched case-insensitively, returned as declared).
    required : bool
        No default: the caller must give it.
    shape : int, optional
        ``None`` for one value; ``n`` for a list of exactly ``n`` values, ``-1`` for a list of any length
        (each element parsed with the same declaration; errors name ``where[i]``).
    at_most, at_least : float, optional
        Sanity bounds of the SI value, checked after the bounds above: beyond them the toolkit's physics has
        no meaning (a 1 km particle, a 1e300 K gas). ``why`` (for ``at_most``) and ``at_least_why`` say why.
    """

    kind: str | None = None
    type: type = float
    name: str = ""
    help: str = ""
    default: object = None
    positive: bool = False
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] | None = None
    required: bool = False
    shape: int | None = None
    why: str = field(default="", compare=False)
    at_most: float | None = None
    at_least: float | None = None
    at_least_why: str = field(default="", compare=False)

    def __post_init__(self):
        from .units import DIMENSIONS

        if self.kind is not None and self.kind not in DIMENSIONS and self.kind not in EXTRA_KINDS:
            raise InputError(parameter="kind", value=self.kind,
                             allowed=f"one of {', '.join([*DIMENSIONS, *EXTRA_KINDS])}")
        if self.type not in _TYPES:
            raise InputError(parameter="type", value=self.type, allowed="float, int, str, bool or complex")
        if self.positive:
            if self.low is None:
                object.__setattr__(self, "low", 0)
                object.__setattr__(self, "low_open", True)

    # --- what it is ------------------------------------------------------------------------------
    @property
    def unit(self) -> str:
        """The SI unit of the parsed value (``""`` for plain types and dimensionless quantities)."""
        from .units import DIMENSIONS

        if self.kind in EXTRA_KINDS:
            return EXTRA_KINDS[self.kind][0]
        return DIMENSIONS[self.kind][1] if self.kind is not None else ""

    @property
    def units(self) -> str:
        """The unit attribute of a Dataset variable: ``""`` for plain types, ``"1"`` for dimensionless."""
        return "" if self.kind is None else (self.unit or "1")

    @property
    def option(self) -> str:
        """The command-line option, ``--t-hot`` for ``t_hot``."""
        return option_name(self.name)

    @property
    def allowed(self) -> str:
        """What is allowed, in words with the SI unit (``"> 0 m"``, ``"in [0, 1]"``, ``"one of a, b"``)."""
        if self.choices is not None:
            return f"one of {', '.join(self.choices)}"
        u = f" {self.unit}" if self.unit else ""
        lo, hi = self.low, self.high
        if lo is None and hi is None:
            return "finite" if self.type is float else f"a {self.type.__name__}"
        if hi is None:
            return f"{'>' if self.low_open else '>='} {format_value(lo)}{u}"
        if lo is None:
            return f"{'<' if self.high_open else '<='} {format_value(hi)}{u}"
        left, right = "(" if self.low_open else "[", ")" if self.high_open else "]"
        return f"in {left}{format_value(lo)}, {format_value(hi)}{right}{u}"

    def to_dict(self) -> dict:
        """The declaration as plain data (for listings, docs and the CLI/TOML/sweep consistency test)."""
        return {"name": self.name, "kind": self.kind, "type": self.type.__name__, "unit": self.unit,
                "default": self.default, "allowed": self.allowed, "required": self.required, "help": self.help,
                "shape": self.shape}

    # --- parsing ---------------------------------------------------------------------------------
    def parse(self, value, name: str | None = None):
        """The SI value of ``value`` (checked), or ``None`` when ``value`` is ``None`` and not required.

        ``name`` is the parameter's name in error messages (default: :attr:`name`); front ends usually
        catch the :class:`InputError` and call ``exc.message_for(their_name)`` instead.
        """
        label = name or self.name
        if value is None:
            if self.required:
                raise InputError("{parameter} is required", parameter=label, value=None, allowed=self.allowed)
            return None
        if self.shape is not None:
            return self._parse_list(value, label)
        if self.choices is not None:
            return self._parse_choice(value, label)
        if self.kind is not None:
            if isinstance(value, (bool, np.bool_)):
                raise InputError("{parameter} must be a quantity such as " + repr(self._example()) + ", got "
                                 + repr(value), parameter=label, value=value, allowed="a quantity")
            if self.kind in EXTRA_KINDS:
                return self._check_bounds(_extra_kind(value, self.kind, label), label)
            if type(value) is float or type(value) is int:  # a plain number is SI already (as to_si reads it)
                return self._check_bounds(float(value), label)
            from .units import to_si

            return self._check_bounds(to_si(value, self.kind, label), label)
        if self.type is str:
            if not isinstance(value, str):
                raise InputError(parameter=label, value=value, allowed="a string")
            return value
        if self.type is bool:
            return _parse_bool(value, label)
        if self.type is int:
            return self._check_bounds(_parse_int(value, label), label)
        if self.type is complex:
            return _parse_complex(value, label)
        try:
            v = float(value) if isinstance(value, str) else np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise InputError(parameter=label, value=value, allowed="a number") from None
        v = v.item() if isinstance(v, np.ndarray) and v.ndim == 0 else v
        return self._check_bounds(v, label)

    def load(self, value, where: str):
        """The value of a file entry (TOML track and sweep files, dicts from Python): like :meth:`parse`,
        with the entry's place ``where`` (``"field.gap"``) as the parameter, and choices refused with the
        allowed list (``field.flow must be one of 'none', 'plug', got 'swirl'``)."""
        if self.choices is not None and self.shape is None:
            return self._load_choice(value, where)
        return self.parse(value, where)

    def _example(self):
        if self.kind in EXTRA_KINDS:
            return EXTRA_KINDS[self.kind][2]
        return {"length": "5 mm", "temperature": "300 K"}.get(self.kind, "5 mm")

    def _parse_list(self, value, label):
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, np.ndarray)):
            raise InputError("{parameter} must be a list, got " + repr(value), parameter=label, value=value,
                             allowed="a list")
        if self.shape >= 0 and len(value) != self.shape:
            raise InputError("{parameter} must have " + f"{self.shape} components, got {len(value)}",
                             parameter=label, value=value, allowed=f"{self.shape} components")
        one = replace(self, shape=None, required=True)
        return [one.load(v, f"{label}[{i}]") for i, v in enumerate(value)]

    def _load_choice(self, value, where):
        if isinstance(value, str):
            lower = {c.lower(): c for c in self.choices}
            if value.strip().lower() in lower:
                return lower[value.strip().lower()]
        raise InputError("{parameter} must be one of " + ", ".join(map(repr, self.choices)) + f", got {value!r}",
                         parameter=where, value=value, allowed=self.allowed)

    def _parse_choice(self, value, label):
        if isinstance(value, str):
            lower = {c.lower(): c for c in self.choices}
            if value.strip().lower() in lower:
                return lower[value.strip().lower()]
        from ._validation import closest_names

        near = closest_names(str(value), self.choices)
        hint = f"; closest: {', '.join(near)}" if near else ""
        raise UnknownNameError(f"unknown {{parameter}} {value!r}{hint}. Known: {', '.join(self.choices)}",
                               parameter=label, value=value, allowed=self.allowed)

    def _check_bounds(self, v, label):
        if type(v) is float and self._scalar_ok(v):  # the common case, without array temporaries
            return v
        arr = np.asarray(v, dtype=float)
        unit = self.unit
        finite = np.isfinite(arr)
        if not np.all(finite):
            bad = arr[~finite].flat[0].item() if arr.ndim else arr.item()
            what = "a finite positive number" if self.low == 0 and self.low_open and self.high is None \
                else f"finite and {self.allowed}" if self.low is not None or self.high is not None else "finite"
            raise InputError(parameter=label, value=bad, allowed=what)
        bad = np.zeros(arr.shape, dtype=bool)
        if self.low is not None:
            bad |= (arr <= self.low) if self.low_open else (arr < self.low)
        if self.high is not None:
            bad |= (arr >= self.high) if self.high_open else (arr > self.high)
        if np.any(bad):
            first = arr[bad].flat[0].item() if arr.ndim else arr.item()
            allowed = self.allowed + (f" ({self.why})" if self.why and self.at_most is None else "")
            raise InputError(parameter=label, value=first, allowed=allowed, unit=unit)
        if self.at_most is not None or self.at_least is not None:
            self._check_sanity(arr, label)
        if isinstance(v, (int, np.integer)) and self.type is int:
            return int(v)
        return v

    def _scalar_ok(self, v: float) -> bool:
        """A finite float inside the bounds and the sanity bounds (else the array path builds the error)."""
        if not math.isfinite(v):
            return False
        if self.low is not None and (v <= self.low if self.low_open else v < self.low):
            return False
        if self.high is not None and (v >= self.high if self.high_open else v > self.high):
            return False
        return (self.at_most is None or v <= self.at_most) and (self.at_least is None or v >= self.at_least)

    def _check_sanity(self, arr, label):
        u = f" {self.unit}" if self.unit else ""
        if self.at_most is not None and np.any(arr > self.at_most):
            first = arr[arr > self.at_most].flat[0].item() if arr.ndim else arr.item()
            low = "(-inf" if self.low is None else f"{'(' if self.low_open else '['}{format_value(self.low)}"
            raise InputError(parameter=label, value=first, unit=self.unit,
                             allowed=f"in {low}, {self.at_most:g}]{u}" + (f" ({self.why})" if self.why else ""))
        if self.at_least is not None and np.any(arr < self.at_least):
            first = arr[arr < self.at_least].flat[0].item() if arr.ndim else arr.item()
            why = f" ({self.at_least_why})" if self.at_least_why else ""
            raise InputError(f"{{parameter}} must be at least {self.at_least:g}{u}{why}, got {first!r}{u}",
                             parameter=label, value=first, allowed=f">= {self.at_least:g}{u}")

    def with_(self, **changes) -> Param:
        """A copy with some fields changed (e.g. another default for one command)."""
        return replace(self, **changes)


def _extra_kind(value, kind, label):
    """SI value of a quantity of a kind outside units.DIMENSIONS (a diffusivity): numbers are SI already."""
    if not isinstance(value, str):
        try:
            return float(value)
        except (TypeError, ValueError):
            raise InputError(parameter=label, value=value, allowed=f"a {kind} such as '{EXTRA_KINDS[kind][2]}'") \
                from None
    from .exceptions import UnitError
    from .units import registry

    try:
        return float(registry().Quantity(value).to(EXTRA_KINDS[kind][1]).magnitude)
    except Exception:  # pint raises several unrelated types for unparsable or wrong-dimension input
        raise UnitError(f"{{parameter}}: cannot read {value!r} as a {kind}; expected e.g. '{EXTRA_KINDS[kind][2]}'",
                        parameter=label, value=value, allowed=f"a {kind}") from None


def load_section(section: str, entries: dict, params: dict[str, Param], extra: tuple[str, ...] = ()) -> dict:
    """Check and convert one table of a file (``[particle]``, ``[field]``, ...) against its declarations.

    Unknown entries are refused with the closest names and the allowed ones (``extra`` lists keys the
    caller handles itself, e.g. ``type``); each value goes through :meth:`Param.load` with the entry's
    place (``particle.diameter``) as its name. Missing entries are left out (the caller applies defaults).
    """
    from ._registry import closest

    out = {}
    for key, value in entries.items():
        if key in extra:
            continue
        if key not in params:
            near = closest(key, params)
            hint = f" (did you mean {', '.join(near)}?)" if near else ""
            raise InputError(f"unknown entry {section}.{key}{hint}; allowed: {', '.join([*extra, *params])}",
                             parameter=f"{section}.{key}", value=key, allowed=", ".join(params))
        out[key] = params[key].load(value, f"{section}.{key}")
    return out


def _parse_bool(value, label):
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "on", "1", "false", "no", "off", "0"):
        return value.strip().lower() in ("true", "yes", "on", "1")
    raise InputError(parameter=label, value=value, allowed="true or false")


def _parse_int(value, label):
    if isinstance(value, bool):
        raise InputError(parameter=label, value=value, allowed="an integer")
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise InputError(parameter=label, value=value, allowed="an integer")


def _parse_complex(value, label):
    if isinstance(value, (int, float, complex)) and not isinstance(value, bool):
        return complex(value)
    if isinstance(value, str):
        try:
            return complex(value.replace(" ", "").replace("i", "j"))
        except ValueError:
            pass
    raise InputError(parameter=label, value=value, allowed="a complex number such as '1.57+0.038j'")


def table(**params: Param) -> dict[str, Param]:
    """A parameter table: ``table(diameter=PARAMETERS["diameter"], gap=Param("length", positive=True))``.

    Each entry's :attr:`Param.name` is set to its key.
    """
    return {k: (p if p.name == k else replace(p, name=k)) for k, p in params.items()}


def parse_many(values: dict, params: dict[str, Param], names: dict[str, str] | None = None) -> dict:
    """Parse several values at once; ``names`` maps a parameter to its front-end name for the errors.

    Unknown keys are refused (with the closest known names); missing keys take the declared default.
    """
    from ._validation import unknown_name

    names = names or {}
    out = {}
    for key in values:
        if key not in params:
            raise unknown_name("parameter", key, params)
    for key, p in params.items():
        raw = values.get(key, p.default)
        try:
            out[key] = p.parse(raw, key)
        except InputError as exc:
            if key in names:
                raise exc.renamed(names[key]) from None
            raise
    return out


def check_args(params: dict[str, Param], **values) -> tuple:
    """Check and convert the arguments of a Python call through their declarations in ``params``.

    ``check_args(PARAMETERS, gap=gap, t_cold=t_cold)`` returns the SI values in the order given; an error
    names the argument as the caller spelled it (``gap``), with the value and what is allowed. Unlike
    :func:`parse_many` no default is applied: ``None`` is refused.
    """
    out = []
    for key, value in values.items():
        p = params[key]
        if value is None:
            raise InputError("{parameter} is required", parameter=key, value=None, allowed=p.allowed)
        out.append(p.parse(value, key))
    return tuple(out)


# The sanity bounds (at_most, at_least) of a diameter, a temperature and a pressure are those of the
# constructors (Particle, Gas read these entries), so a front end refuses what the constructor would.
#: The shared vocabulary: a particle, a gas state, a gradient and model names. Scenario tables reuse
#: these entries (``PARAMETERS["diameter"].with_(default="1 um")``) so that a parameter means the same
#: everywhere.
PARAMETERS: dict[str, Param] = table(
    diameter=Param("length", positive=True, default="200 nm", help="particle diameter, e.g. '200 nm'",
                   at_most=0.1, at_least=1e-10, at_least_why="the size of an atom"),
    material=Param(type=str, default="psl", help="particle material (see `thermophoresis materials`)"),
    density=Param("density", positive=True, help="particle density override, e.g. '1050 kg/m^3'"),
    conductivity=Param("thermal_conductivity", positive=True,
                       help="particle thermal conductivity override, e.g. '0.15 W/m/K'"),
    energy_accommodation=Param(low=0.0, high=1.0, default=1.0, help="energy accommodation alpha in [0, 1]"),
    momentum_accommodation=Param(low=0.0, high=1.0, help="momentum accommodation coefficient in [0, 1]"),
    gas=Param(type=str, default="air", help="gas name or 'name:fraction, ...' mixture"),
    temperature=Param("temperature", positive=True, default="293.15 K",
                      help="gas temperature, e.g. '300 K', '25 degC'", at_most=1e5, why="dilute, non-ionized gas"),
    pressure=Param("pressure", positive=True, default="101325.0 Pa",
                   help="gas pressure, e.g. '1 atm', '100 Pa'", at_most=1e9),
    gradient=Param("temperature_gradient", default="1e4 K/m", help="gas temperature gradient, e.g. '1e4 K/m'"),
    model=Param(type=str, default="talbot", help="force model (see `thermophoresis models`)"),
    slip=Param(type=str, default="kim_2005", help="Cunningham constants (slip correction set)"),
    length=Param("length", positive=True, default="1 cm", help="length for the Péclet number, e.g. '1 cm'"),
    delta_t=Param("temperature_difference", default="10 K", help="a temperature difference, e.g. '10 K'"),
    seed=Param(type=int, low=0, default=0, help="random seed"),
)

_ACC = Param(low=0.0, high=1.0, low_open=True, default=1.0, help="Maxwell wall: diffuse fraction in (0, 1]")
_KN_RANGE = {"kn_min": Param("dimensionless", positive=True, default=1e-3, help="smallest Kn = mfp/radius"),
             "kn_max": Param("dimensionless", positive=True, default=1e3, help="largest Kn = mfp/radius")}
_LIGHT = {"wavelength": Param("length", positive=True, default="532 nm", help="vacuum wavelength, e.g. '532 nm'"),
          "index": Param(type=complex, default="1.57+0.038j",
                         help="complex refractive index n+kj (k >= 0), e.g. '1.57+0.038j'"),
          "intensity": Param("intensity", low=0.0, default="1e3 W/m^2", help="light intensity, e.g. '1e3 W/m^2'")}

#: The parameters of the models a command runs directly (the scenarios keep their tables in their modules:
#: ``scenarios.tube.PARAMETERS``, ...). Command name -> table; the CLI options read them, the sweep target
#: ``dsmc`` reads ``"dsmc"`` (under its historical names, see ``sweep.targets``).
COMMAND_PARAMETERS: dict[str, dict[str, Param]] = {
    "dsmc": table(
        gas=PARAMETERS["gas"].with_(default="argon", help="molecular gas: argon or helium (Ar, He, ...)"),
        molecular_model=Param(type=str, choices=("hs", "vhs", "vss"), default="hs",
                              help="molecular model: hs, vhs or vss (Bird's parameters)"),
        gap=Param("length", positive=True, default="1 mm", help="plate spacing, e.g. '1 mm'"),
        t_cold=Param("temperature", positive=True, default="250 K", help="plate at z = 0"),
        t_hot=Param("temperature", positive=True, default="350 K", help="plate at z = gap"),
        knudsen=Param("dimensionless", positive=True, default=0.1,
                      help="hard-sphere mean free path at the mean density / gap"),
        accommodation=_ACC.with_(low_open=False, help="Maxwell wall: diffuse fraction in [0, 1]"),
        cells=Param(type=int, low=2, default=40, help="number of cells"),
        per_cell=Param(type=int, low=2, default=100, help="simulated molecules per cell"),
        blocks=Param(type=int, low=1, default=10, help="sampling blocks (standard errors from their spread)"),
        block_steps=Param(type=int, low=1, default=500, help="time steps per block"),
        radius=Param("length", positive=True, default="10 nm", help="radius of the test sphere for the force"),
        seed=PARAMETERS["seed"],
        sample_every=Param(type=int, low=1, default=1, help="sample the molecules every n steps"),
        max_seconds=Param(positive=True, help="refuse a run whose estimated cost exceeds this many seconds"),
    ),
    "kinetic": table(
        knudsen=Param("dimensionless", positive=True, default=1.0, help="Kn = mean free path / sphere radius"),
        problem=Param(type=str, choices=("drag", "gradient", "dipole"), default="gradient",
                      help="drag (uniform flow), gradient (isothermal sphere in a gradient) or dipole (surface "
                           "temperature a1 cos theta)"),
        kinetic_model=Param(type=str, choices=("s", "bgk"), default="s",
                            help="kinetic model: s (Shakhov, Pr = 2/3) or bgk"),
        accommodation=_ACC.with_(help="Maxwell wall: diffuse fraction in (0, 1] (CL wall: tangential momentum)"),
    ),
    "map": table(**_KN_RANGE,
                 ratio_min=Param("dimensionless", positive=True, default=0.1, help="smallest k_p/k_g"),
                 ratio_max=Param("dimensionless", positive=True, default=1e4, help="largest k_p/k_g"),
                 points=Param(type=int, low=2, high=400, default=41, help="grid points per axis (2-400)"),
                 accommodation=_ACC.with_(low_open=False, help="--model kinetic only: Maxwell diffuse fraction(s) "
                                          "of the map")),
    "plot kth": table(**_KN_RANGE, conductivity_ratio=Param(
        positive=True, help="k_gas / k_particle (overrides the material's)")),
    "dipole": table(modes=Param(type=str, default="303, 1", help="Legendre coefficients of the surface "
                                "temperature in K: 'a0, a1, a2, ...' (a1 > 0: hotter at +z)")),
    "photophoresis": table(**_LIGHT, model=Param(type=str, default="rohatschek",
                                                 help="rohatschek (all pressures), free-molecular or slip")),
    "plot photophoresis": table(**_LIGHT,
                                p_min=Param("pressure", positive=True, default="0.1 Pa", help="lowest pressure"),
                                p_max=Param("pressure", positive=True, default="1 atm", help="highest pressure")),
    "soret": table(species1=Param(type=str, required=True, help="first species (its thermal diffusion is reported)"),
                   species2=Param(type=str, required=True, help="second species"),
                   fraction=Param(low=0.0, high=1.0, default=0.5, help="mole fraction of species 1, in [0, 1]")),
}
COMMAND_PARAMETERS["slip"] = table(
    kinetic_model=COMMAND_PARAMETERS["kinetic"]["kinetic_model"], accommodation=COMMAND_PARAMETERS["kinetic"][
        "accommodation"],
    wall=Param(type=str, choices=("maxwell", "cl"), default="maxwell", help="maxwell or cl (Cercignani-Lampis)"),
    normal_accommodation=Param(low=0.0, high=1.0, low_open=True,
                               help="CL wall: normal-energy accommodation in (0, 1]"))
# the scenarios' tables (scenarios.<name>.PARAMETERS is the same object)
COMMAND_PARAMETERS["tube"] = table(
    radius=Param("length", positive=True, default="2 mm", help="tube radius, e.g. '2 mm'"),
    length=Param("length", positive=True, default="30 cm", help="tube length, e.g. '30 cm'"),
    mean_velocity=Param("velocity", positive=True, default="0.5 m/s", help="mean gas velocity"),
    t_inlet=Param("temperature", positive=True, default="600 K", help="inlet gas temperature"),
    t_wall=Param("temperature", positive=True, default="300 K", help="wall temperature"),
    flow=Param(type=str, choices=("auto", "laminar", "turbulent"), default="auto",
               help="laminar, turbulent or auto (by Re = 2300)"),
)
#: The tracker's random stream version: ``[run] stream`` of a track scenario, ``thermophoresis compile --stream``.
STREAM = Param(type=int, low=1, high=3, default=3,
               help="random stream version: 3 (default), or 2 or 1, the streams of earlier versions")
COMMAND_PARAMETERS["compile"] = table(
    targets=Param(type=str, default="all", help="what to compile, comma-separated: tracker, dsmc, force, "
                  "mobility; or all"),
    fields=Param(type=str, default="all", help="tracker field types, comma-separated: uniform, profile (also "
                 "plates), stagnation, tube, grid; or all"),
    integrators=Param(type=str, default="all", help="overdamped, inertial (comma-separated), or all"),
    stream=STREAM,
    models=Param(type=str, default="talbot", help="force models of the force target, comma-separated, or all "
                 "(every model with compiled loops)"),
)
COMMAND_PARAMETERS["wafer"] = table(
    delta_t=Param("temperature_difference", default="10 K", help="wafer minus gas temperature, e.g. '10 K'"),
    strain_rate=Param("rate", positive=True, default="100 1/s",
                      help="stagnation-flow strain rate a, e.g. '100 1/s' (about U/H)"),
    gravity=Param(type=bool, default=True, help="face-up wafer (settling) or not"),
)
COMMAND_PARAMETERS["precipitator"] = table(
    gap=Param("length", positive=True, default="5 mm", help="plate spacing, e.g. '5 mm'"),
    t_cold=Param("temperature", positive=True, default="293.15 K", help="collecting (cold) plate temperature"),
    t_hot=Param("temperature", positive=True, default="313.15 K", help="hot plate temperature"),
    mean_velocity=Param("velocity", positive=True, default="5 cm/s", help="mean gas velocity, e.g. '5 cm/s'"),
    length=Param("length", positive=True, default="10 cm", help="collecting plate length, e.g. '10 cm'"),
    flow=Param(type=str, choices=("plug", "poiseuille"), default="poiseuille", help="plug or poiseuille"),
)
