"""The unit registry: words, dimensions, factors, refusals, laziness (expected values by hand)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from claimlint.domain.units import (
    DEFAULT_UNITS_FILE,
    UnitError,
    UnitRegistry,
    UnitsFileError,
    UnitsSpec,
    UnitWords,
    load_unit_words,
    unit_syntax_problem,
)
from claimlint.reading.yamlload import load_yaml

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def registry() -> UnitRegistry:
    return UnitRegistry.load(DEFAULT_UNITS_FILE)


def test_default_file_is_the_projects_rules_file() -> None:
    # in a checkout it is rules/units.yaml itself; installed, the copy shipped in the package
    assert DEFAULT_UNITS_FILE.read_bytes() == (REPO / "rules" / "units.yaml").read_bytes()


# --- words in text ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "unit"),
    [
        ("ton", "t"),
        ("tons", "t"),
        ("Tons", "t"),
        ("-ton", "t"),
        ("tonne", "t"),
        ("metric tons", "t"),
        ("t", "t"),
        ("kilowatts", "kW"),
        ("kW", "kW"),
        ("KW", "kW"),
        ("GW", "GW"),
        ("gigawatts", "GW"),
        ("GWh", "GWh"),
        ("kilowatt-hours", "kWh"),
        ("kilowatt hours", "kWh"),
        ("square meters", "m**2"),
        ("square metres", "m**2"),
        ("Square  Meters", "m**2"),
        ("percent", "percent"),
        ("per cent", "percent"),
        ("%", "percent"),
        ("yuan", "yuan"),
        ("RMB", "yuan"),
        ("times", "times"),
        ("enterprises", "enterprise"),
        ("companies", "company"),
        ("projects", "project"),
        ("experts", "expert"),
        ("years", "year"),
        ("days", "day"),
    ],
)
def test_unit_for_word(registry: UnitRegistry, word: str, unit: str) -> None:
    assert registry.unit_for_word(word) == unit


@pytest.mark.parametrize("word", ["gw", "T", "mw", "", "  ", "tonnage", "percentage", "tonx"])
def test_words_that_name_no_unit(registry: UnitRegistry, word: str) -> None:
    """Symbols are case-sensitive: "mw" would be a milliwatt, not a megawatt."""
    assert registry.unit_for_word(word) is None


def test_every_word_of_the_file_names_its_own_unit(registry: UnitRegistry) -> None:
    for unit in registry.spec.units:
        for word in unit.words:
            assert registry.unit_for_word(word) == unit.name, word


def test_every_registry_unit_is_a_pint_unit(registry: UnitRegistry) -> None:
    for name in registry.names():
        assert registry.knows(name), name
        assert registry.is_ambiguous(name) is None, name
        assert registry.dimension(name) is not None, name


@pytest.mark.parametrize(
    ("text", "pos", "found"),
    [
        ("50GWh of", 2, ("GWh", 5)),  # the longest word wins over "GW"
        ("41 GW.", 3, ("GW", 5)),
        ("1.5 billion square meters of", 12, ("m**2", 25)),
        ("5 tonnage", 2, None),  # a word boundary after the unit word
        ("5 Phase", 2, None),
    ],
)
def test_match_at_a_position(text: str, pos: int, found: tuple[str, int] | None) -> None:
    assert load_unit_words().match(text, pos) == found


def test_prefix_before_a_number() -> None:
    words = load_unit_words()
    assert words.match_prefix("worth RMB 5", 10) == ("yuan", 6)
    assert words.match_prefix("worth ¥5", 7) == ("yuan", 6)
    assert words.match_prefix("FARMB 5", 6) is None  # not the end of another word


# --- refused units: pint's ton is the US short ton ---------------------------------------


@pytest.mark.parametrize(
    "unit",
    [
        "ton",
        "tons",
        "Ton",
        "US_ton",
        "UK_ton",
        "kiloton",
        "ton/year",
        "kt",
        "pct",
    ],
)
def test_refused_units_are_reported(registry: UnitRegistry, unit: str) -> None:
    message = registry.is_ambiguous(unit)
    assert message
    assert registry.factor(unit, "t") is None
    assert registry.factor("t", unit) is None
    with pytest.raises(UnitError):
        registry.canonical(unit)


def test_short_and_long_tons_named_explicitly_convert_as_what_they_are(registry: UnitRegistry) -> None:
    assert registry.factor("short_ton", "t") == pytest.approx(0.90718474)
    assert registry.factor("long_ton", "t") == pytest.approx(1.0160469088)
    assert registry.factor("kilotonne", "t") == pytest.approx(1000)


def test_ton_message_says_why(registry: UnitRegistry) -> None:
    message = registry.is_ambiguous("ton") or ""
    assert "short ton" in message and "`t`" in message


@pytest.mark.parametrize(
    "unit", ["t", "tonne", "metric_ton", "kg", "t/year", "GW", "yuan", "enterprise", "m**2"]
)
def test_safe_units_are_not_ambiguous(registry: UnitRegistry, unit: str) -> None:
    assert registry.is_ambiguous(unit) is None


def test_a_refused_unit_is_still_known(registry: UnitRegistry) -> None:
    """ "ton" deserves "ambiguous unit", not "unknown unit"."""
    assert registry.knows("ton")
    assert registry.knows("Tons")


# --- knows, dimension ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "known"),
    [
        ("t", True),
        ("GW", True),
        ("m**2", True),
        ("CNY", True),
        ("percent", True),
        ("%", True),
        ("times", True),
        ("project", True),
        ("t/year", True),
        ("", False),
        ("   ", False),
        ("xyz", False),
        ("100 kW", False),
        ("kW*2", False),
        ("square meters", False),  # a word for m**2, not a unit expression: names are joined by * or /
    ],
)
def test_knows(registry: UnitRegistry, unit: str, known: bool) -> None:
    assert registry.knows(unit) is known


@pytest.mark.parametrize(
    ("unit", "dimension"),
    [
        ("t", "[mass]"),
        ("kg", "[mass]"),
        ("ton", "[mass]"),
        ("kW", "[power]"),
        ("GW", "[power]"),
        ("GWh", "[energy]"),
        ("kWh", "[energy]"),
        ("m**2", "[area]"),
        ("mu_land", "[area]"),
        ("yuan", "[currency]"),
        ("RMB", "[currency]"),
        ("USD", "[currency_usd]"),
        ("enterprise", "[count]"),
        ("project", "[count]"),
        ("percent", "[dimensionless]"),
        ("times", "[dimensionless]"),
        ("percentage_point", "[percentage_point]"),
        ("year", "[time]"),
        ("t/year", "[mass] / [time]"),
        ("xyz", None),
        ("", None),
    ],
)
def test_dimension(registry: UnitRegistry, unit: str, dimension: str | None) -> None:
    assert registry.dimension(unit) == dimension


# --- the unit grammar: only unit expressions reach pint ----------------------------------------

ACCEPTED_EXPRESSIONS = ["t", "m**2", "m^2", "t**-1", "t/year", "t / year", "yuan/(t*year)", "%", "mu_land",
                        "percentage_point", "(t)"]
REFUSED_EXPRESSIONS = {
    "-": "'-' at position 1 is not allowed",
    '__import__("os")': "'(' at position 11 is not allowed",
    "t ** 99999": "exponent at position 6 must be a whole number from -9 to 9",
    "t**2.5": "exponent",
    "t**2**2": "second exponent",
    "t;": "';' at position 2 is not allowed",
    "t # comment": "'#' at position 3 is not allowed",
    "t ": "white space at its start or end",
    " t": "white space at its start or end",
    "t\x00": "U+0000 at position 2 is not allowed",
    "a b": "not by a space",
    "kW*2": "'2' is a number",
    "1/t": "'1' is a number",
    "(t": "not closed",
    "t)": "no matching '('",
    "t/": "ends where a unit name is expected",
    "kW·h": "'·' at position 3 is not allowed",
    "": "empty",
    "t" * 201: "longer than 200",
}


@pytest.mark.parametrize("unit", ACCEPTED_EXPRESSIONS)
def test_unit_expressions_of_the_grammar(registry: UnitRegistry, unit: str) -> None:
    assert unit_syntax_problem(unit) is None
    assert registry.knows(unit)


@pytest.mark.parametrize("unit", list(REFUSED_EXPRESSIONS))
def test_strings_outside_the_grammar_are_unknown_and_say_why(registry: UnitRegistry, unit: str) -> None:
    fresh = UnitRegistry.load(DEFAULT_UNITS_FILE)
    problem = fresh.syntax_problem(unit)
    assert problem is not None and REFUSED_EXPRESSIONS[unit] in problem
    assert not fresh.knows(unit)
    assert fresh.dimension(unit) is None
    assert fresh.factor(unit, "t") is None and fresh.factor("t", unit) is None
    assert fresh.is_ambiguous(unit) is None
    with pytest.raises(UnitError):
        fresh.canonical(unit)
    assert unit not in fresh._parsed or fresh._parsed[unit] is None  # never handed to pint


def test_every_shipped_unit_string_is_in_the_grammar() -> None:
    spec = UnitsSpec.load(DEFAULT_UNITS_FILE)
    strings = [u.name for u in spec.units] + list(spec.dimensions.values())
    metrics = load_yaml((REPO / "rules" / "metrics.yaml").read_text(encoding="utf-8")).data
    strings += list(metrics["dimensions"].values())
    claims = [claim["unit"] for path in (REPO / "claims").glob("*.yaml")
              for claim in load_yaml(path.read_text(encoding="utf-8")).data["claims"]]
    assert claims and "t / year" in strings
    for unit in strings + claims:
        assert unit_syntax_problem(unit) is None, unit


def test_a_failure_inside_pint_is_never_raised(registry: UnitRegistry) -> None:
    """Whatever pint raises while parsing or converting (here an AssertionError), the unit is just unusable."""
    fresh = UnitRegistry.load(DEFAULT_UNITS_FILE)
    ureg: Any = fresh._ensure_pint().ureg

    def failing(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError

    ureg.parse_units = failing
    ureg.convert = failing
    assert not fresh.knows("t/year")
    assert fresh.dimension("t/year") is None and fresh.factor("t/year", "t") is None
    with pytest.raises(UnitError):
        fresh.canonical("t/year")


def test_a_factor_too_large_for_a_float_is_no_factor(registry: UnitRegistry) -> None:
    huge = "*".join(["GW"] * 60)
    assert registry.knows(huge)
    assert registry.factor(huge, huge.replace("GW", "W")) is None
    with pytest.raises(UnitError):
        registry.canonical(huge)


# --- factor, canonical ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "to", "factor"),
    [
        ("kW", "W", 1000.0),
        ("GW", "kW", 1e6),
        ("kW", "GW", 1e-6),  # 450 million kW is 450 GW
        ("MW", "GW", 1e-3),
        ("kWh", "GWh", 1e-6),
        ("GWh", "kWh", 1e6),
        ("t", "kg", 1000.0),
        ("kg", "t", 0.001),
        ("tonne", "t", 1.0),
        ("km**2", "m**2", 1e6),
        ("ha", "m**2", 10000.0),
        ("yuan", "CNY", 1.0),
        ("percent", "times", 0.01),
        ("enterprises", "enterprise", 1.0),
        ("year", "month", 12.0),
        ("day", "day", 1.0),
    ],
)
def test_factor(registry: UnitRegistry, unit: str, to: str, factor: float) -> None:
    assert registry.factor(unit, to) == pytest.approx(factor, rel=1e-12)


@pytest.mark.parametrize(
    ("unit", "to"),
    [
        ("GW", "GWh"),  # power is not energy
        ("enterprise", "project"),  # counting nouns never convert into one another
        ("yuan", "USD"),  # no exchange rate is ever assumed
        ("yuan", "t"),
        ("percentage_point", "percent"),  # a difference of shares is not a share
        ("degC", "K"),  # no single factor
        ("xyz", "t"),
        ("t", "xyz"),
    ],
)
def test_no_factor(registry: UnitRegistry, unit: str, to: str) -> None:
    assert registry.factor(unit, to) is None


def test_factor_has_no_float_noise(registry: UnitRegistry) -> None:
    """pint gives 1.0000000000000002e-06 for kW -> GW; comparisons need the clean value."""
    assert registry.factor("kW", "GW") == 1e-06


@pytest.mark.parametrize(
    ("unit", "canonical"),
    [
        ("kW", ("W", 1000.0)),
        ("GW", ("W", 1e9)),
        ("GWh", ("Wh", 1e9)),
        ("kg", ("t", 0.001)),
        ("t", ("t", 1.0)),
        ("CNY", ("yuan", 1.0)),
        ("m**2", ("m**2", 1.0)),
        ("enterprise", ("enterprise", 1.0)),
        ("project", ("project", 1.0)),
        ("percent", ("percent", 1.0)),
        ("times", ("percent", 100.0)),
        ("week", ("day", 7.0)),
    ],
)
def test_canonical(registry: UnitRegistry, unit: str, canonical: tuple[str, float]) -> None:
    name, factor = registry.canonical(unit)
    assert name == canonical[0]
    assert factor == pytest.approx(canonical[1], rel=1e-12)


@pytest.mark.parametrize("unit", ["xyz", "", "100 kW"])
def test_canonical_of_unknown_unit_raises(registry: UnitRegistry, unit: str) -> None:
    with pytest.raises(UnitError):
        registry.canonical(unit)


def test_name_of_alias(registry: UnitRegistry) -> None:
    assert registry.name_of("CNY") == "yuan"
    assert registry.name_of("RMB") == "yuan"
    assert registry.name_of("GW") == "GW"
    assert registry.name_of("gigawatt") is None


# --- performance: parse each unit string once, pint only when needed -----------------------


def test_each_unit_string_is_parsed_once() -> None:
    fresh = UnitRegistry.load(DEFAULT_UNITS_FILE)
    fresh.factor("kW", "W")  # builds pint
    ureg: Any = fresh._ensure_pint().ureg
    calls: list[str] = []
    original = ureg.parse_units

    def counting(unit: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(unit)
        return original(unit, *args, **kwargs)

    ureg.parse_units = counting
    for _ in range(200):
        fresh.factor("GW", "kW")
        fresh.factor("GWh", "kWh")
        fresh.dimension("t")
        fresh.canonical("MW")
        fresh.is_ambiguous("t/year")
    assert sorted(calls) == sorted(set(calls))
    assert set(calls) <= {"GW", "kW", "GWh", "kWh", "t", "MW", "t/year"}


def _run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    return done.stdout.strip()


def test_pint_is_imported_only_for_a_conversion() -> None:
    out = _run_python(
        """
        import sys
        from claimlint.domain.units import UnitRegistry
        r = UnitRegistry.default()
        r.unit_for_word("tons"); r.knows("t"); r.is_ambiguous("ton"); r.name_of("CNY")
        before = "pint" in sys.modules
        r.factor("kW", "W")
        print(before, "pint" in sys.modules)
        """
    )
    assert out == "False True"


def test_the_shipped_answers_are_those_pint_gives_now() -> None:
    """units_answers.json is what pint answers for the shipped rules/units.yaml; after an edit of
    that file (or of the unit code), rewrite it: python -m claimlint.domain.build_unit_answers"""
    from claimlint.domain import build_unit_answers, unit_answers

    shipped = json.loads(unit_answers.ANSWERS_FILE.read_text(encoding="utf-8"))
    now = build_unit_answers.build()
    # the pint version is only where they came from: another pint gives the same answers or this fails
    assert {**shipped, "pint": None} == {**now, "pint": None}, "stale: run python -m claimlint.domain.build_unit_answers"
    assert isinstance(shipped["pint"], str)


def test_a_first_run_on_the_shipped_rules_never_builds_pint(repo_copy: Path) -> None:
    """No cache folder yet (a fresh clone, a CI runner): the shipped answers stand in for pint."""
    code = (
        "import sys\nfrom claimlint.cli.main import main\n"
        "try:\n    main(['check'])\nexcept SystemExit:\n    pass\n"
        "print('pint' in sys.modules, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=repo_copy, capture_output=True, text=True, check=True)
    assert run.stderr.strip() == "False"
    assert "All checks passed" in run.stdout
    assert any(repo_copy.glob(".claimlint_cache/units-*.json"))  # kept for the next run, as pint's would be


def test_shipped_answers_are_not_used_for_other_units_files(tmp_path: Path) -> None:
    from claimlint.domain import unit_answers

    edited = DEFAULT_UNITS_FILE.read_bytes() + b"\n# edited\n"
    assert unit_answers.shipped(DEFAULT_UNITS_FILE.read_bytes()) is not None
    assert unit_answers.shipped(edited) is None


# --- the file is validated on load ---------------------------------------------------------


def _spec(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": 1,
        "dimensions": {"[mass]": "t"},
        "units": [{"name": "t", "definition": None, "role": "measure", "words": ["tons"]}],
        "refused": [{"names": ["ton"], "message": "short ton"}],
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (None, "(top)"),
        (_spec(version=2), "version"),
        (_spec(extra=1), "unknown key"),
        (_spec(units=[]), "units"),
        (_spec(units=[{"name": "t"}, {"name": "t"}]), "duplicate unit"),
        (_spec(units=[{"name": "t", "role": "weird"}]), "role"),
        (
            _spec(
                units=[{"name": "t", "words": ["tons"]}, {"name": "kg", "words": ["Tons", "tons"]}]
            ),
            "already names",
        ),
        (_spec(units=[{"name": "yuan", "definition": "CNY = [currency]"}]), "definition"),
        (_spec(units=[{"name": "t", "words": "tons"}]), "words"),
        (_spec(dimensions={"mass": "t"}), "dimensions"),
        (_spec(refused=[{"names": ["t"], "message": "no"}]), "also a registry unit"),
        (_spec(refused=[{"names": ["ton"], "message": ""}]), "message"),
    ],
)
def test_bad_units_file(data: Any, problem: str) -> None:
    with pytest.raises(UnitsFileError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        UnitsSpec.parse(data, "units.yaml")


def test_bad_pint_definition_is_a_units_file_error() -> None:
    spec = UnitsSpec.parse(_spec(units=[{"name": "widget", "definition": "widget = 3 * * kg"}]))
    with pytest.raises(UnitsFileError, match="widget"):
        UnitRegistry(spec).factor("widget", "kg")


@pytest.mark.parametrize(
    ("definition", "problem"),
    [
        ("widget = 10 ** 99 * kg", "single digit"),
        ("widget = 10 ** 9 ** 9 * kg", "single digit"),
        ("widget = kg ** (2)", "single digit"),
        ('widget = __import__("os")', "not allowed in a definition"),
        ("widget = kg | rm", r"'\|' is not allowed in a definition"),
    ],
)
def test_a_definition_is_plain_data(definition: str, problem: str) -> None:
    with pytest.raises(UnitsFileError, match=problem):
        UnitsSpec.parse(_spec(units=[{"name": "widget", "definition": definition}]))


def test_a_unit_name_or_dimension_outside_the_grammar_is_a_units_file_error() -> None:
    with pytest.raises(UnitsFileError, match=r"units\[0\]\.name: 'w;' is not a unit expression"):
        UnitsSpec.parse(_spec(units=[{"name": "w;", "definition": "w; = kg"}]))
    with pytest.raises(UnitsFileError, match=r"dimensions\.\[mass\]: 't # x' is not a unit expression"):
        UnitsSpec.parse(_spec(dimensions={"[mass]": "t # x"}))


def test_units_file_is_read_strictly_and_errors_are_located(tmp_path: Path) -> None:
    path = tmp_path / "units.yaml"
    path.write_text("version: 1\ndimensions:\n  \"[mass]\": t\n  \"[mass]\": kg\nunits:\n  - name: t\n",
                    encoding="utf-8")
    with pytest.raises(UnitsFileError, match=r"^rules/units.yaml:4:3: duplicate key '\[mass\]'"):
        UnitsSpec.load(path, "rules/units.yaml")
    path.write_text("version: 1\nunits:\n  - name: t\n    role: weird\n", encoding="utf-8")
    with pytest.raises(UnitsFileError, match=r"^rules/units.yaml:4:11: units\[0\]\.role: must be one of"):
        UnitsSpec.load(path, "rules/units.yaml")
    path.write_text("!!python/object/apply:os.system ['echo no']\n", encoding="utf-8")
    with pytest.raises(UnitsFileError, match=r"^rules/units.yaml:1:1: unsupported tag"):
        UnitsSpec.load(path, "rules/units.yaml")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnitsFileError, match="cannot read"):
        UnitRegistry.load(tmp_path / "nope.yaml")


def test_a_words_table_without_pint() -> None:
    words = UnitWords({"widgets": "widget", "Wx": "wx"}, {"widget": "counted"})
    assert words.unit_for_word("WIDGETS") == "widget"
    assert words.unit_for_word("wx") is None
    assert words.role("widget") == "counted"
    assert words.role("wx") == "measure"
