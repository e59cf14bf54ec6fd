"""The unit registry: the domain's units from ``rules/units.yaml``, on pint.

Why a layer over pint: pint's own ``ton`` is the US short ton, while Chinese
sources always mean the metric tonne; money needs a dimension of its own; and
counting nouns ("enterprises", "projects") must never convert into one
another. The definitions and the words that name each unit are data in
``rules/units.yaml``; this module holds only the mechanism.

Why lazy: pint costs about 0.4 s to import and build its registry. Reading the
word table (:class:`UnitWords`, used by the figure reader) and answering
:meth:`UnitRegistry.unit_for_word` never import pint; the first call that needs
a dimension or a conversion builds the pint registry once. Each distinct unit
string is parsed once and each conversion factor computed once per
``(unit, to)`` pair, so rules may ask in a loop over claims.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from ..reading.config import default_rules_dir
from ..reading.yamlload import LoadedYaml, load_yaml
from ..reading.yamlload import Path as YamlPath
from .regexes import by_first_letter, starting

DEFAULT_UNITS_FILE = default_rules_dir() / "units.yaml"

ROLES = ("measure", "duration", "counted")
COUNT_DIMENSION = "[count]"
DIMENSIONLESS = "[dimensionless]"


MAX_UNIT_LENGTH = 200

# pint has no single error type for a bad expression: besides its own errors it lets
# AssertionError, OverflowError, RecursionError, TokenError and others escape. Every
# call into pint therefore catches Exception and reads any failure as "not a unit".
_PINT_ERRORS = (Exception,)


class UnitsFileError(ValueError):
    """``rules/units.yaml`` is missing, unreadable or malformed.

    ``at`` is the YAML path of the offending node (to locate it in the file);
    ``position`` its line and column, once known.
    """

    def __init__(self, where: str, problem: str, at: YamlPath = (),
                 position: tuple[int, int] | None = None) -> None:
        super().__init__(where, problem)
        self.where = where
        self.problem = problem
        self.at = at
        self.position = position

    def __str__(self) -> str:
        place = f"{self.where}:{self.position[0]}:{self.position[1]}" if self.position else self.where
        return f"{place}: {self.problem}"


class UnitError(ValueError):
    """A unit string the registry cannot convert: unknown, or refused as ambiguous."""


# The unit expressions the registry reads: names ("t", "GW", "mu_land", "%") joined by
# "*" or "/" (spaces allowed around them), grouped by parentheses, each with an optional
# whole exponent from -9 to 9 ("m**2", "m^2", "t**-1"). Only such strings reach pint, so
# pint never sees numbers to compute with, code-like text, comments or stray characters.
_UNIT_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|%")
_UNIT_NUMBER = re.compile(r"[0-9][0-9.]*")
_UNIT_EXPONENT = re.compile(r" *(?:\*\*|\^) *(-?[0-9]+(?:\.[0-9]*)?)?")
_UNIT_OPERATOR = re.compile(r" *([*/]) *")
_UNIT_GRAMMAR = "a unit is names such as t, GW or m**2, joined by '*' or '/'"


def _shown_character(char: str) -> str:
    return repr(char) if char.isprintable() else f"U+{ord(char):04X}"


def unit_syntax_problem(unit: str) -> str | None:
    """Why ``unit`` is not a unit expression of the grammar above, or None when it is one."""
    if not unit.strip():
        return "it is empty"
    if len(unit) > MAX_UNIT_LENGTH:
        return f"it is longer than {MAX_UNIT_LENGTH} characters"
    if unit != unit.strip():
        return "it has white space at its start or end"
    pos, depth, operand = 0, 0, True  # operand: a name or "(" must come next
    while pos < len(unit):
        char = unit[pos]
        if operand:
            name = _UNIT_NAME.match(unit, pos)
            number = _UNIT_NUMBER.match(unit, pos)
            if char == "(":
                depth += 1
                pos += 1
            elif name is not None:
                pos, operand = name.end(), False
            elif number is not None:
                return f"'{number.group()}' is a number, not a unit (the number belongs in `value:`)"
            else:
                return f"{_shown_character(char)} at position {pos + 1} is not allowed ({_UNIT_GRAMMAR})"
            continue
        exponent = _UNIT_EXPONENT.match(unit, pos)
        operator = _UNIT_OPERATOR.match(unit, pos)
        if exponent is not None:
            power = exponent.group(1)
            if power is None or not re.fullmatch(r"-?[1-9]", power):
                where = exponent.start(1) if power is not None else exponent.end()
                return f"the exponent at position {where + 1} must be a whole number from -9 to 9"
            pos = exponent.end()
            if _UNIT_EXPONENT.match(unit, pos):
                return f"a second exponent at position {pos + 1} is not allowed"
        elif char == ")":
            if depth == 0:
                return f"')' at position {pos + 1} has no matching '('"
            depth -= 1
            pos += 1
        elif operator is not None:
            pos, operand = operator.end(), True
        elif char == " ":
            after = len(unit) - len(unit[pos:].lstrip(" "))
            if unit[after] != "(" and not _UNIT_NAME.match(unit, after):
                return f"{_shown_character(unit[after])} at position {after + 1} is not allowed ({_UNIT_GRAMMAR})"
            return f"names must be joined by '*' or '/', not by a space (position {pos + 1})"
        else:
            return f"{_shown_character(char)} at position {pos + 1} is not allowed ({_UNIT_GRAMMAR})"
    if operand:
        return "it ends where a unit name is expected"
    if depth:
        return "a '(' is not closed"
    return None


@dataclass(frozen=True)
class UnitEntry:
    """One unit of ``rules/units.yaml``."""

    name: str
    definition: str | None
    role: str
    words: tuple[str, ...]
    prefixes: tuple[str, ...] = ()

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names a pint definition gives the unit ("CNY", "RMB" for yuan)."""
        if self.definition is None:
            return ()
        parts = [part.strip() for part in self.definition.split("#", 1)[0].split("=")]
        return tuple(p for p in parts[2:] if p and p != "_")


@dataclass(frozen=True)
class RefusedUnit:
    """Unit strings that must never be converted, and why."""

    names: tuple[str, ...]
    message: str


@dataclass(frozen=True)
class UnitsSpec:
    """The validated content of ``rules/units.yaml``."""

    units: tuple[UnitEntry, ...]
    dimensions: Mapping[str, str]
    refused: tuple[RefusedUnit, ...]

    @classmethod
    def load(cls, path: Path, shown: str | None = None) -> UnitsSpec:
        """Read and validate a units file; ``shown`` is the path errors name (default: ``path``)."""
        where = shown or str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UnitsFileError(where, f"cannot read: {error}") from None
        return cls.from_yaml(load_yaml(text), where)

    @classmethod
    def from_yaml(cls, loaded: LoadedYaml, where: str) -> UnitsSpec:
        """Validate a file read by the strict loader; errors carry their line and column."""
        if loaded.problems:
            first = loaded.problems[0]
            raise UnitsFileError(where, first.message, position=(first.line, first.column))
        try:
            return cls.parse(loaded.data, where)
        except UnitsFileError as error:
            error.position = loaded.position(error.at)
            raise

    @classmethod
    def parse(cls, data: Any, where: str = "units.yaml") -> UnitsSpec:
        """Validate the YAML data; errors name the file and the key, and carry its YAML path."""

        def fail(at: YamlPath, problem: str) -> UnitsFileError:
            label = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in at).lstrip(".") or "(top)"
            return UnitsFileError(where, f"{label}: {problem}", at)

        if not isinstance(data, dict):
            raise fail((), "must be a mapping with version, dimensions, units, refused")
        if data.get("version") != 1:
            raise fail(("version",), "must be 1")
        unknown = set(data) - {"version", "dimensions", "units", "refused"}
        if unknown:
            first, *others = sorted(map(str, unknown))
            also = f" (and {', '.join(others)})" if others else ""
            raise fail((first,), f"unknown key{also}")
        dimensions = data.get("dimensions") or {}
        if not isinstance(dimensions, dict):
            raise fail(("dimensions",), 'must map names like "[mass]" to a unit')
        for name, target in dimensions.items():
            if not (isinstance(name, str) and re.fullmatch(r"\[\w+\]", name)):
                raise fail(("dimensions", name), f'must map names like "[mass]" to a unit, not {name!r}')
            if not isinstance(target, str):
                raise fail(("dimensions", name), "must be a unit")
            problem = unit_syntax_problem(target)
            if problem is not None:
                raise fail(("dimensions", name), f"{target!r} is not a unit expression: {problem}")
        raw_units = data.get("units")
        if not isinstance(raw_units, list) or not raw_units:
            raise fail(("units",), "must be a non-empty list")
        units: list[UnitEntry] = []
        owner: dict[tuple[bool, str], str] = {}
        for index, raw in enumerate(raw_units):
            at: YamlPath = ("units", index)
            if not isinstance(raw, dict):
                raise fail(at, "must be a mapping")
            extra = set(raw) - {"name", "definition", "role", "words", "prefixes", "note"}
            if extra:
                raise fail(at, f"unknown key(s): {', '.join(sorted(map(str, extra)))}")
            name = raw.get("name")
            if not isinstance(name, str) or not name.strip():
                raise fail((*at, "name"), "must be a non-empty string")
            problem = unit_syntax_problem(name)
            if problem is not None:
                raise fail((*at, "name"), f"{name!r} is not a unit expression: {problem}")
            if any(u.name == name for u in units):
                raise fail((*at, "name"), f"duplicate unit {name!r}")
            definition = raw.get("definition")
            if definition is not None and (
                not isinstance(definition, str) or definition.split("=", 1)[0].strip() != name
            ):
                raise fail(
                    (*at, "definition"), f"must be a pint definition line starting with '{name} ='"
                )
            if definition is not None:
                problem = _definition_problem(definition)
                if problem is not None:
                    raise fail((*at, "definition"), problem)
            role = raw.get("role", "measure")
            if role not in ROLES:
                raise fail((*at, "role"), f"must be one of {', '.join(ROLES)}")
            words = raw.get("words", [])
            prefixes = raw.get("prefixes", [])
            for field_name, values in (("words", words), ("prefixes", prefixes)):
                if not isinstance(values, list) or not all(
                    isinstance(w, str) and w.strip() for w in values
                ):
                    raise fail((*at, field_name), "must be a list of non-empty strings")
            for word_index, word in enumerate(words):
                word_key = _word_key(word)
                other = owner.setdefault(word_key, name)
                if other != name:
                    raise fail((*at, "words", word_index), f"{word!r} already names unit {other!r}")
            units.append(UnitEntry(name, definition, role, tuple(words), tuple(prefixes)))
        names = {u.name for u in units}
        refused: list[RefusedUnit] = []
        raw_refused = data.get("refused") or []
        if not isinstance(raw_refused, list):
            raise fail(("refused",), "must be a list")
        for index, raw in enumerate(raw_refused):
            at = ("refused", index)
            if not isinstance(raw, dict):
                raise fail(at, "must be a mapping with names and message")
            refused_names = raw.get("names")
            message = raw.get("message")
            if not isinstance(refused_names, list) or not all(
                isinstance(n, str) and n for n in refused_names
            ):
                raise fail((*at, "names"), "must be a list of unit strings")
            if not isinstance(message, str) or not message.strip():
                raise fail((*at, "message"), "must be a non-empty string")
            clash = names.intersection(refused_names)
            if clash:
                raise fail((*at, "names"), f"{min(clash)!r} is also a registry unit")
            refused.append(RefusedUnit(tuple(refused_names), " ".join(message.split())))
        return cls(tuple(units), dict(dimensions), tuple(refused))


# A pint definition's right-hand side: numbers, names, [dimensions], operators and pint's
# "; offset: N" modifier. Exponents are single digits, so that a definition can never make
# pint compute a huge power.
_DEFINITION_CHARACTERS = re.compile(r"[A-Za-z0-9_.\s*/^()\[\]%+;:-]*")
_DEFINITION_BAD_EXPONENT = re.compile(r"(?:\*\*|\^)\s*(?![-+]?\d(?![\d.]))|(?:\*\*|\^)\s*[-+]?\d\s*(?:\*\*|\^)")


def _definition_problem(definition: str) -> str | None:
    """Why a pint definition line is not plain data, or None."""
    body = definition.split("#", 1)[0]
    for part in body.split("=")[1:]:
        if not _DEFINITION_CHARACTERS.fullmatch(part):
            bad = next(c for c in part if not _DEFINITION_CHARACTERS.fullmatch(c))
            return f"{_shown_character(bad)} is not allowed in a definition"
        if _DEFINITION_BAD_EXPONENT.search(part):
            return "an exponent in a definition must be a single digit"
    return None


def _is_case_sensitive(word: str) -> bool:
    """Symbols match exactly ("MW" is not "mW"); plain lower-case words match any case."""
    return len(word) == 1 or not re.fullmatch(r"[a-z][a-z \-]*", word)


def _word_key(word: str) -> tuple[bool, str]:
    """Lookup key: spaces and hyphens dropped, lower-cased unless case-sensitive."""
    word = word.strip().lstrip("-–").strip()
    squeezed = re.sub(r"[\s\-–]+", "", word)
    if _is_case_sensitive(word.strip()):
        return (True, squeezed)
    return (False, squeezed.lower())


def _word_pattern(word: str) -> str:
    parts = [re.escape(part) for part in re.split(r"[\s\-]+", word.strip())]
    pattern = r"(?:\s+|-)".join(parts)
    if word[-1].isalnum():
        pattern += r"(?![A-Za-z0-9])"
    return pattern if _is_case_sensitive(word) else f"(?i:{pattern})"


class UnitWords:
    """The words of English text that name units: what the figure reader matches.

    Pint-free on purpose, so that reading figures never pays for pint.
    """

    def __init__(
        self,
        words: Mapping[str, str],
        roles: Mapping[str, str] | None = None,
        prefixes: Mapping[str, str] | None = None,
    ) -> None:
        self._roles = dict(roles or {})
        self._lookup: dict[tuple[bool, str], str] = {}
        self._named: dict[str, str | None] = {}  # unit_for_word's answers, by the word as written
        for word, unit in words.items():
            self._lookup[_word_key(word)] = unit
        ordered = sorted(words, key=lambda w: (-len(w), w))
        # "-ton": a gap first, no single first letter
        self._pattern = re.compile(by_first_letter(
            (word.strip()[:1] if word.strip()[:1] not in ("", "-", "–") else None, _word_pattern(word))
            for word in ordered)) if ordered else None
        self._prefixes = dict(prefixes or {})
        ordered_prefixes = sorted(self._prefixes, key=len, reverse=True)
        self._prefix_pattern = (
            re.compile(
                starting(ordered_prefixes)
                + "(?:"
                + "|".join(
                    (r"(?<![A-Za-z])" if p[0].isalpha() else "") + re.escape(p)
                    for p in ordered_prefixes
                )
                + r")[ \t\u00a0]?$"
            )
            if ordered_prefixes
            else None
        )
        # A currency code glued to its number ("USD12 million", "RMB5 billion"): the digit after it starts a
        # figure although a letter stands before it.
        glued = [p for p in ordered_prefixes if p[-1].isalpha()]
        self.glued_prefix = (  # the first-letter test first: most places fail it at once
            re.compile("(?=[" + "".join(sorted({re.escape(p[0]) for p in glued})) + "])(?<![A-Za-z])(?:"
                       + "|".join(re.escape(p) for p in glued) + r")(?=[0-9])")
            if glued else None
        )

    @classmethod
    def from_spec(cls, spec: UnitsSpec) -> UnitWords:
        words = {word: unit.name for unit in spec.units for word in unit.words}
        prefixes = {prefix: unit.name for unit in spec.units for prefix in unit.prefixes}
        return cls(words, {unit.name: unit.role for unit in spec.units}, prefixes)

    @classmethod
    def load(cls, path: Path) -> UnitWords:
        return cls.from_spec(UnitsSpec.load(path))

    def unit_for_word(self, word: str) -> str | None:
        """The unit a word names ("tons" -> "t", "-ton" -> "t", "square metres" -> "m**2")."""
        if word in self._named:
            return self._named[word]
        unit = None
        if word.strip():
            folded = _word_key(word)[1]
            unit = self._lookup.get((True, folded)) or self._lookup.get((False, folded.lower()))
        if len(self._named) < 10_000:  # texts write a unit a few ways; a hostile one writes many
            self._named[word] = unit
        return unit

    def role(self, unit: str) -> str:
        """measure | duration | counted (see rules/units.yaml)."""
        return self._roles.get(unit, "measure")

    def match(self, text: str, pos: int) -> tuple[str, int] | None:
        """The unit word starting exactly at ``pos``, as (unit, end); the longest one wins."""
        if self._pattern is None:
            return None
        found = self._pattern.match(text, pos)
        if found is None or found.end() == pos:
            return None
        unit = self.unit_for_word(found.group())
        return (unit, found.end()) if unit is not None else None

    def match_prefix(self, text: str, end: int) -> tuple[str, int] | None:
        """A unit written before a number ("RMB 5 billion") ending at ``end``, as (unit, start)."""
        if self._prefix_pattern is None:
            return None
        window_start = max(0, end - 8)
        found = self._prefix_pattern.search(text, window_start, end)
        if found is None:
            return None
        written = found.group().rstrip(" \t\u00a0")
        unit = self._prefixes.get(written)
        return (unit, found.start()) if unit is not None else None


@lru_cache(maxsize=8)
def _cached_words(path: str) -> UnitWords:
    return UnitWords.load(Path(path))


def load_unit_words(path: Path | None = None) -> UnitWords:
    """The word table of ``path`` (default: this project's rules/units.yaml), read once."""
    return _cached_words(str(Path(path or DEFAULT_UNITS_FILE).resolve()))


@dataclass
class _Pint:
    """The lazily built pint side of the registry."""

    ureg: Any
    dimension_names: dict[Any, str]
    refused_bases: dict[str, str]


_Method = TypeVar("_Method", bound=Callable[..., Any])


_UNANSWERED = object()


def _fits(kind: str, answer: Any) -> bool:
    """Whether a remembered answer has the shape its question gives."""
    if kind == "knows":
        return isinstance(answer, bool)
    if kind in ("ambiguous", "dimension"):
        return answer is None or isinstance(answer, str)
    if kind == "factor":
        return answer is None or (isinstance(answer, (int, float)) and not isinstance(answer, bool))
    if kind == "canonical":
        return (isinstance(answer, list) and len(answer) == 2 and isinstance(answer[0], str)
                and isinstance(answer[1], (int, float)) and not isinstance(answer[1], bool))
    return False


def _remembered(kind: str) -> Callable[[_Method], _Method]:
    """Remember a public answer, so a run with a warm answer cache never builds pint."""

    def wrap(method: _Method) -> _Method:
        def remembered(self: UnitRegistry, *args: str) -> Any:
            fast = self._known_answers.get((kind, *args), _UNANSWERED)  # asked before in this run
            if fast is not _UNANSWERED:
                return fast
            key = "\x00".join((kind, *args))
            answer = self.answers.get(key, _UNANSWERED)
            if isinstance(answer, dict) and isinstance(answer.get("error"), str):
                raise UnitError(answer["error"])
            if _fits(kind, answer):  # a cached answer of another shape is asked again, never trusted
                answer = tuple(answer) if isinstance(answer, list) else answer
                self._known_answers[(kind, *args)] = answer
                return answer
            try:
                result = method(self, *args)
            except UnitError as error:
                self.answers[key] = {"error": str(error)}
                self.answers_changed = True
                raise
            self.answers[key] = list(result) if isinstance(result, tuple) else result
            self.answers_changed = True
            return result

        remembered.__doc__ = method.__doc__
        remembered.__name__ = method.__name__
        return cast(_Method, remembered)

    return wrap


class UnitRegistry:
    """Units of the domain: names, dimensions, conversion factors, refusals.

    Unit strings are pint expressions over the registry's names ("t", "GW",
    "m**2", "yuan", "enterprise"). Refused units (pint's ``ton``, the US short
    ton) are *known* -- a claim using one gets a U finding, not "unknown unit"
    -- but :meth:`factor` returns None for them and :meth:`canonical` raises,
    so they can never be converted silently.
    """

    def __init__(self, spec: UnitsSpec, source: str = "units.yaml") -> None:
        self.spec = spec
        self.source = source
        self.words = UnitWords.from_spec(spec)
        self._names: dict[str, UnitEntry] = {}
        for unit in spec.units:
            self._names[unit.name] = unit
            for alias in unit.aliases:
                self._names.setdefault(alias, unit)
        self._refused: dict[str, str] = {}
        for refused in spec.refused:
            for name in refused.names:
                self._refused[name] = refused.message
                self._refused.setdefault(name.lower(), refused.message)
        self._pint: _Pint | None = None
        self._parsed: dict[str, Any] = {}
        self._factors: dict[tuple[str, str], float | None] = {}
        self._canonical: dict[str, tuple[str, float]] = {}
        self._ambiguous: dict[str, str | None] = {}
        # answers of the public methods, kept across runs by the caller (see Domain)
        self.answers: dict[str, Any] = {}
        self.answers_changed = False
        self._known_answers: dict[tuple[str, ...], Any] = {}  # checked answers (not errors), by question
        self.cache_name: str | None = None

    @classmethod
    def load(cls, path: Path, shown: str | None = None) -> UnitRegistry:
        return cls(UnitsSpec.load(path, shown), shown or str(path))

    def use_answers(self, answers: dict[str, Any]) -> None:
        """Answer from ``answers`` (an earlier run's, or shipped ones) from now on, and remember anew."""
        self.answers = answers
        self._known_answers.clear()

    @classmethod
    def default(cls) -> UnitRegistry:
        """The registry of this project's rules/units.yaml, built once per process."""
        return _default_registry()

    # -- pint, built on first need ------------------------------------------------

    def _ensure_pint(self) -> _Pint:
        if self._pint is not None:
            return self._pint
        import pint  # deferred: ~0.4 s, only when a conversion is needed

        ureg: Any = pint.UnitRegistry()
        for index, unit in enumerate(self.spec.units):
            if unit.definition is None:
                continue
            try:
                ureg.define(unit.definition)
            except _PINT_ERRORS as error:
                raise UnitsFileError(
                    self.source, f"unit {unit.name!r}: bad pint definition: {error}",
                    ("units", index, "definition"),
                ) from None
        for index, unit in enumerate(self.spec.units):
            try:
                ureg.parse_units(unit.name)
            except _PINT_ERRORS as error:
                raise UnitsFileError(
                    self.source, f"unit {unit.name!r} is not a pint unit: {error}", ("units", index, "name")
                ) from None
        dimension_names: dict[Any, str] = {}
        for name, unit_name in self.spec.dimensions.items():
            try:
                dimensionality = ureg.get_dimensionality(ureg.parse_units(unit_name))
            except _PINT_ERRORS as error:
                raise UnitsFileError(
                    self.source, f"dimensions.{name}: {unit_name!r} is not a known unit: {error}",
                    ("dimensions", name),
                ) from None
            dimension_names.setdefault(dimensionality, name)
        refused_bases: dict[str, str] = {}
        for refused in self.spec.refused:
            for name in refused.names:
                parsed = None
                if unit_syntax_problem(name) is None:
                    try:
                        parsed = ureg.parse_units(name)
                    except _PINT_ERRORS:  # a refused spelling pint does not know: nothing to block
                        parsed = None
                for component in parsed._units if parsed is not None else ():
                    refused_bases.setdefault(_base_name(ureg, component), refused.message)
        self._pint = _Pint(ureg, dimension_names, refused_bases)
        return self._pint

    def validate(self) -> None:
        """Build the pint side now, so that a bad definition is reported at load (UnitsFileError)."""
        self._ensure_pint()

    def _parse(self, unit: str) -> Any:
        """The pint Unit for a unit string, or None; each distinct string is parsed once.

        Only strings of the unit grammar (:func:`unit_syntax_problem`) are given to pint.
        """
        if unit in self._parsed:
            return self._parsed[unit]
        parsed = None
        if isinstance(unit, str) and unit_syntax_problem(unit) is None:
            pint_side = self._ensure_pint()
            try:
                parsed = pint_side.ureg.parse_units(unit)
            except _PINT_ERRORS:
                parsed = None
        self._parsed[unit] = parsed
        return parsed

    # -- public interface ---------------------------------------------------------

    @_remembered("knows")
    def knows(self, unit: str) -> bool:
        """Whether the unit string names a unit at all (refused ones included)."""
        if unit in self._names or self.is_refused(unit):
            return True
        return self._parse(unit) is not None

    def is_refused(self, unit: str) -> bool:
        """Whether the string itself is listed as refused in rules/units.yaml (any case)."""
        return unit in self._refused or unit.lower() in self._refused

    def syntax_problem(self, unit: str) -> str | None:
        """Why the string is not a unit expression at all ("t;", "a b"), or None."""
        if unit in self._names or self.is_refused(unit):
            return None
        return unit_syntax_problem(unit)

    @_remembered("ambiguous")
    def is_ambiguous(self, unit: str) -> str | None:
        """Why the unit string must not be used ("ton" is the US short ton), or None."""
        if unit in self._ambiguous:
            return self._ambiguous[unit]
        message: str | None
        if unit in self._names:
            message = None
        elif self.is_refused(unit):
            message = self._refused.get(unit) or self._refused[unit.lower()]
        else:
            parsed = self._parse(unit)
            message = None
            if parsed is not None:
                pint_side = self._ensure_pint()
                for component in parsed._units:
                    message = pint_side.refused_bases.get(_base_name(pint_side.ureg, component))
                    if message is not None:
                        break
        self._ambiguous[unit] = message
        return message

    @_remembered("dimension")
    def dimension(self, unit: str) -> str | None:
        """The named dimension ("[power]", "[currency]", "[count]", ...), else pint's; None if unknown."""
        parsed = self._parse(unit)
        if parsed is None:
            return None
        pint_side = self._ensure_pint()
        try:
            dimensionality = pint_side.ureg.get_dimensionality(parsed)
        except _PINT_ERRORS:
            return None
        named = pint_side.dimension_names.get(dimensionality)
        if named is not None:
            return named
        text = str(dimensionality)
        return DIMENSIONLESS if text == "dimensionless" else text

    @_remembered("factor")
    def factor(self, unit: str, to: str) -> float | None:
        """Multiply a value in ``unit`` by this to get it in ``to``; None if not convertible.

        None for unknown or refused units, different dimensions, different
        counting nouns (enterprises are not projects) and non-multiplicative
        units (degrees Celsius).
        """
        key = (unit, to)
        if key in self._factors:
            return self._factors[key]
        result = self._compute_factor(unit, to)
        self._factors[key] = result
        return result

    def _compute_factor(self, unit: str, to: str) -> float | None:
        if self.is_ambiguous(unit) or self.is_ambiguous(to):
            return None
        source, target = self._parse(unit), self._parse(to)
        if source is None or target is None:
            return None
        dimension = self.dimension(unit)
        if dimension != self.dimension(to):
            return None
        if dimension == COUNT_DIMENSION and source != target:
            return None
        ureg = self._ensure_pint().ureg
        try:
            one = float(ureg.convert(1.0, source, target))
            two = float(ureg.convert(2.0, source, target))
        except _PINT_ERRORS:
            return None
        if not (math.isfinite(one) and math.isfinite(two)) or one == 0:
            return None  # a power so large or small that a float cannot hold the factor
        if abs(two - 2 * one) > 1e-9 * max(1.0, abs(two)):
            return None  # an offset unit: no single factor
        return _clean(one)

    @_remembered("canonical")
    def canonical(self, unit: str) -> tuple[str, float]:
        """The canonical unit of ``unit``'s dimension and the factor to it ("kW" -> ("W", 1000.0)).

        A counting noun is its own canonical unit. Raises UnitError for unknown
        or refused units.
        """
        if unit in self._canonical:
            return self._canonical[unit]
        message = self.is_ambiguous(unit)
        if message is not None:
            raise UnitError(f"refused unit {unit!r}: {message}")
        parsed = self._parse(unit)
        if parsed is None:
            raise UnitError(f"unknown unit {unit!r}")
        dimension = self.dimension(unit)
        if dimension == COUNT_DIMENSION:
            result = (str(parsed), 1.0)
        elif dimension is not None and dimension in self.spec.dimensions:
            target = self.spec.dimensions[dimension]
            factor = self.factor(unit, target)
            if factor is None:
                raise UnitError(f"unit {unit!r} has no factor to {target!r}")
            result = (target, factor)
        else:
            ureg = self._ensure_pint().ureg
            try:
                magnitude, base = ureg.get_base_units(parsed)
                factor = float(magnitude)
            except _PINT_ERRORS:
                raise UnitError(f"unit {unit!r} has no factor to its base units") from None
            if not math.isfinite(factor) or factor == 0:
                raise UnitError(f"unit {unit!r} has no factor to its base units")
            result = (str(base), _clean(factor))
        self._canonical[unit] = result
        return result

    def unit_for_word(self, word: str) -> str | None:
        """The registry unit an English word names ("tons" -> "t", "kilowatts" -> "kW")."""
        return self.words.unit_for_word(word)

    def name_of(self, unit: str) -> str | None:
        """The registry name of a unit string written by its name or a definition alias ("CNY" -> "yuan")."""
        entry = self._names.get(unit)
        return entry.name if entry is not None else None

    def names(self) -> Iterable[str]:
        """Every registry unit name, in file order."""
        return (unit.name for unit in self.spec.units)


def _clean(factor: float) -> float:
    """Drop pint's float noise (kW -> GW gives 1.0000000000000002e-06): 15 significant digits."""
    return float(f"{factor:.15g}")


def _base_name(ureg: Any, component: str) -> str:
    """The unit name without its prefix ("kiloton" -> "ton"), to catch prefixed refused units."""
    try:
        candidates = ureg.parse_unit_name(component)
    except _PINT_ERRORS:
        return component
    return str(candidates[0][1]) if candidates else component


@lru_cache(maxsize=1)
def _default_registry() -> UnitRegistry:
    return UnitRegistry.load(DEFAULT_UNITS_FILE)


__all__ = [
    "DEFAULT_UNITS_FILE",
    "RefusedUnit",
    "UnitEntry",
    "UnitError",
    "UnitRegistry",
    "UnitWords",
    "UnitsFileError",
    "UnitsSpec",
    "load_unit_words",
    "unit_syntax_problem",
]
