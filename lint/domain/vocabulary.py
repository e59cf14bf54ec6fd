"""Domain knowledge: the data in ``rules/``, validated on load like claims are.

A user tracking another industry replaces the ``rules/`` folder, not the code.
When a project has no ``rules/`` folder, the rules shipped with claimlint are
used. Problems in a rules file are located S findings on that file.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import cachefolder
from ..reading.claims import YamlFile, read_yaml_file, relative, validate
from ..reading.config import default_rules_dir
from ..reading.findings import Finding, Location
from . import unit_answers
from .regexes import by_first_letter, starting
from .units import UnitRegistry, UnitsFileError, UnitsSpec, UnitWords

Name = Annotated[str, Field(min_length=1, pattern=r"\S")]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")


class Plausible(_Strict):
    """Bounds no subject's value can pass, in ``unit``."""

    min: float | int | None = None
    max: float | int | None = None
    unit: Name


class Tolerances(_Strict):
    approx: Annotated[float, Field(ge=0, lt=1)] = 0.1
    nearly: Annotated[float, Field(ge=0, lt=1)] = 0.1
    rounding: Annotated[float, Field(ge=0, lt=1)] = 0.05


class MetricDefinition(_Strict):
    """What a metric measures: the dimensions (or, for counts, the units) it may have."""

    dimensions: list[Name] = Field(default_factory=list)
    units: list[Name] = Field(default_factory=list)
    additive: bool = True
    share: bool = False
    plausible: Plausible | None = None
    aliases: list[Name] = Field(default_factory=list)
    description: str | None = None


class PerUnit(_Strict):
    """What one counted thing plausibly takes of an amount: an electric car, 10-200 kWh of battery."""

    per: Name  # the counting unit ("vehicle", "household")
    unit: Name  # the unit of the amount per thing
    min: Annotated[float, Field(ge=0)]
    max: Annotated[float, Field(gt=0)]
    what: Name  # said in the finding


class CostPerCapacity(_Strict):
    """What building a unit of capacity plausibly costs: a watt of solar or wind, 0.05-50 yuan."""

    per: Name  # the unit of capacity ("W", "Wh", "t")
    min: Annotated[float, Field(ge=0)]
    max: Annotated[float, Field(gt=0)]
    what: Name  # said in the finding


class MetricsFile(_Strict):
    version: Literal[1]
    tolerances: Tolerances = Field(default_factory=Tolerances)
    dimensions: dict[Name, Name]
    metrics: dict[Name, MetricDefinition]
    per_unit: list[PerUnit] = Field(default_factory=list)
    investment_per_capacity: list[CostPerCapacity] = Field(default_factory=list)
    output_value_per_capacity: list[CostPerCapacity] = Field(default_factory=list)
    output_value_per_investment: list[CostPerCapacity] = Field(default_factory=list)
    measures: dict[Name, list[Name]] = Field(default_factory=dict)
    other_quantities: list[Name] = Field(default_factory=list)


class EntityDefinition(_Strict):
    level: Name | None = None
    within: Name | None = None
    aliases: list[Name] = Field(default_factory=list)


class EntitiesFile(_Strict):
    version: Literal[1]
    entities: dict[Name, EntityDefinition]


class LostPoint(_Strict):
    scale: Name  # the English scale word the count was converted to ("million")
    appended: Annotated[str, Field(pattern=r"^0+$")]  # the zeros the conversion appends ("00")


class ChineseCount(_Strict):
    name: Name
    value: Annotated[int, Field(gt=1)]
    lost_point: LostPoint | None = None


class LanguageFile(_Strict):
    version: Literal[1]
    future_tense: list[Name] = Field(default_factory=list)
    past_tense: list[Name] = Field(default_factory=list)
    relative_time: list[Name] = Field(default_factory=list)
    result_verbs: dict[Name, Name] = Field(default_factory=dict)
    reporting_verbs: list[Name] = Field(default_factory=list)
    irregular_past: dict[Name, Name] = Field(default_factory=dict)
    fraction_words: dict[Name, Name] = Field(default_factory=dict)
    sentence_openers: list[Name] = Field(default_factory=list)
    chinese_counts: list[ChineseCount] = Field(default_factory=list)


def phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """One pattern matching any of the phrases as whole words, case-insensitively."""
    if not phrases:
        return None
    words = [phrase.split() for phrase in phrases if phrase.split()]
    if not words:
        return None
    alternatives = sorted(((w[0][0], r"\s+".join(map(re.escape, w))) for w in words), key=lambda a: len(a[1]),
                          reverse=True)
    first_letters = [w[0] for w in words]
    return re.compile(starting(first_letters) + r"(?<![\w-])(?:" + by_first_letter(alternatives) + r")(?![\w-])",
                      re.IGNORECASE)


@lru_cache(maxsize=65536)  # names repeat claim after claim
def _fold(name: str) -> str:
    return " ".join(name.lower().replace("_", " ").split())


@dataclass
class Domain:
    rules_dir: Path
    metrics: dict[str, MetricDefinition] = field(default_factory=dict)
    tolerances: Tolerances = field(default_factory=Tolerances)
    dimensions: dict[str, str] = field(default_factory=dict)
    per_unit: list[PerUnit] = field(default_factory=list)
    investment_per_capacity: list[CostPerCapacity] = field(default_factory=list)
    output_value_per_capacity: list[CostPerCapacity] = field(default_factory=list)
    output_value_per_investment: list[CostPerCapacity] = field(default_factory=list)
    measures: dict[str, list[str]] = field(default_factory=dict)
    other_quantities: list[str] = field(default_factory=list)
    entities: dict[str, EntityDefinition] = field(default_factory=dict)
    language: LanguageFile | None = None
    stamp: str = ""  # content hash of the rules files, for cache keys
    _metric_names: dict[str, str] = field(default_factory=dict)
    _entity_names: dict[str, str] = field(default_factory=dict)
    _ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    def metric(self, name: str) -> str | None:
        """The canonical name of a metric, through its aliases; None if unknown."""
        return self._metric_names.get(_fold(name))

    def nearest_metric(self, name: str) -> str | None:
        close = difflib.get_close_matches(_fold(name), list(self._metric_names), n=1, cutoff=0.5)
        return self._metric_names[close[0]] if close else None

    def entity(self, name: str) -> str:
        """The canonical name of an entity, through its aliases (an unknown name is itself)."""
        return self._entity_names.get(_fold(name), name)

    def ancestors(self, name: str) -> tuple[str, ...]:
        """The entities that contain ``name``, nearest first (worked out once per name)."""
        known = self._ancestors.get(name)
        if known is None:
            known = self._ancestors[name] = tuple(self._chain(name))
        return known

    def _chain(self, name: str) -> list[str]:
        chain: list[str] = []
        current = self.entities.get(self.entity(name))
        while current is not None and current.within is not None:
            parent = self.entity(current.within)
            if parent in chain or parent == name:
                break
            chain.append(parent)
            current = self.entities.get(parent)
        return chain

    @cached_property
    def future_tense(self) -> re.Pattern[str] | None:
        return phrase_pattern(self.language.future_tense) if self.language else None

    @cached_property
    def past_tense(self) -> re.Pattern[str] | None:
        return phrase_pattern(self.language.past_tense) if self.language else None

    @cached_property
    def relative_time(self) -> re.Pattern[str] | None:
        return phrase_pattern(self.language.relative_time) if self.language else None

    @cached_property
    def result_verbs(self) -> re.Pattern[str] | None:
        return phrase_pattern(list(self.language.result_verbs)) if self.language else None

    @cached_property
    def reporting_verbs(self) -> re.Pattern[str] | None:
        return phrase_pattern(self.language.reporting_verbs) if self.language else None

    def past_of(self, verb: str) -> str:
        """The past tense of a verb, for proposed corrections."""
        irregular = self.language.irregular_past if self.language else {}
        if verb.lower() in irregular:
            return irregular[verb.lower()]
        if verb.endswith("e"):
            return verb + "d"
        if verb.endswith("y") and len(verb) > 2 and verb[-2] not in "aeiou":
            return verb[:-1] + "ied"
        return verb + "ed"

    units: UnitRegistry | None = None

    @property
    def vocabulary(self) -> UnitWords | None:
        """The unit words the figure reader uses (no pint needed)."""
        return self.units.words if self.units is not None else None

    def fits(self, unit: str, metric: str) -> bool | None:
        """Whether ``unit`` can measure ``metric`` (None: metric or unit unknown)."""
        definition = self.metrics.get(metric)
        if definition is None or self.units is None or not self.units.knows(unit):
            return None
        if unit in definition.units:
            return True
        return any(
            self.units.factor(unit, self.dimensions[name]) is not None
            for name in definition.dimensions
            if name in self.dimensions
        )


# per units file and version of it: the registry, and whether an earlier run's answers vouch for it
_REGISTRIES: dict[tuple[str, int, int], tuple[UnitRegistry, bool]] = {}


def _unit_registry(path: Path, root: Path, spec: UnitsSpec, shown: str, validate: bool) -> UnitRegistry:
    """One registry per units file and version of it, so pint's set-up is paid once per process;
    its answers come from the cache folder when an earlier run left them.

    ``validate``: without cached answers, build the pint side at once, so that a definition
    pint rejects is a finding now and not a failure in the middle of a check. Answers are
    only cached by runs that validated, so cached answers vouch for the file.
    """
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _REGISTRIES:
        registry = UnitRegistry(spec, shown)
        written = path.read_bytes()
        registry.cache_name = f"units-{cachefolder.key_of(written)}.json"
        answers = cachefolder.read_json(root, registry.cache_name)
        restored = answers is not None and all(isinstance(k, str) for k in answers)
        if not restored:  # no earlier run here: the answers shipped for these very bytes, if they are
            answers = unit_answers.shipped(written)
            restored = answers is not None
            registry.answers_changed = restored  # kept in the cache folder, like answers of its own
        if restored:
            registry.use_answers(answers)
        _REGISTRIES[key] = (registry, restored)
    registry, vouched = _REGISTRIES[key]
    if validate and not vouched:
        registry.validate()
    return registry


def keep_answers(domain: Domain, root: Path) -> None:
    """Save the unit registry's answers for the next run, if this run added any."""
    registry = domain.units
    if registry is not None and registry.answers_changed and registry.cache_name:
        cachefolder.write_json(root, registry.cache_name, registry.answers)
        registry.answers_changed = False


def _read_rules_file(
    root: Path, path: Path, findings: list[Finding], confine: bool
) -> tuple[YamlFile, dict[str, object] | None]:
    """A rules file read with the strict loader: its top-level mapping, or None (with findings)."""
    entry = YamlFile(relative(root, path))
    if not path.is_file():
        if path.exists():  # a folder, a pipe or a device
            findings.append(Finding("S111", f"rules file '{entry.path}' is not a regular file; not read",
                                    Location(entry.path)))
        else:
            findings.append(Finding("S110", f"rules file '{entry.path}' does not exist", Location(entry.path)))
        return entry, None
    if not read_yaml_file(root, path, entry, findings, confine=confine):
        return entry, None
    data = entry.yaml.data
    if data is None:
        if not entry.yaml.problems:
            findings.append(Finding("S104", "empty rules file", Location(entry.path)))
        return entry, None
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        findings.append(Finding("S104", f"a rules file is a mapping of its sections (version: 1, ...), not {kind}",
                                entry.location(())))
        return entry, None
    return entry, data


def _load_yaml_model(
    root: Path, path: Path, model: type[BaseModel], findings: list[Finding], confine: bool
) -> tuple[BaseModel | None, YamlFile]:
    entry, data = _read_rules_file(root, path, findings, confine)
    if data is None:
        return None, entry
    parsed, problems = validate(model, data, (), entry)
    findings.extend(problems)
    return parsed, entry


def _load_units(
    root: Path, path: Path, findings: list[Finding], confine: bool, validate: bool
) -> UnitRegistry | None:
    entry, data = _read_rules_file(root, path, findings, confine)
    if data is None:
        return None
    try:
        spec = UnitsSpec.parse(data, entry.path)
        return _unit_registry(path, root, spec, entry.path, validate)
    except UnitsFileError as error:
        findings.append(Finding("S107", f"unit definitions cannot be used: {error.problem}",
                                entry.location(error.at)))
    except OSError as error:
        findings.append(Finding("S111", f"file cannot be read: {error.strerror}", Location(entry.path)))
    return None


def _unit_problem(units: UnitRegistry, unit: str) -> str | None:
    """Why a unit named in the metric vocabulary cannot be used, or None."""
    syntax = units.syntax_problem(unit)
    if syntax is not None:
        return f"'{unit}' is not a unit expression: {syntax}"
    if not units.knows(unit):
        return f"'{unit}' is not a unit the unit registry knows"
    refused = units.is_ambiguous(unit)
    if refused is not None:
        return f"unit '{unit}' is refused: {refused}"
    return None


def _check_metric_units(metrics: MetricsFile, file: YamlFile, units: UnitRegistry, findings: list[Finding]) -> None:
    """Every unit the metric vocabulary names must be one the registry can convert."""
    named: list[tuple[str, tuple[str | int, ...], str]] = [
        (f"dimension '{name}'", ("dimensions", name), unit) for name, unit in metrics.dimensions.items()
    ]
    for metric, definition in metrics.metrics.items():
        named += [(f"metric '{metric}'", ("metrics", metric, "units", index), unit)
                  for index, unit in enumerate(definition.units)]
        if definition.plausible is not None:
            named.append((f"metric '{metric}'", ("metrics", metric, "plausible", "unit"), definition.plausible.unit))
    for owner, at, unit in named:
        problem = _unit_problem(units, unit)
        if problem is not None:
            findings.append(Finding("S107", f"{owner}: {problem}", file.location(at)))


RULES_FILES = ("metrics.yaml", "entities.yaml", "language.yaml", "units.yaml")


def _bytes_of(path: Path) -> bytes:
    try:
        return path.read_bytes() if path.is_file() else b""  # a pipe would block; reading it reports why
    except OSError:
        return b""


def load_domain(root: Path, rules_dir: Path | None, findings: list[Finding], *, conversions: bool = True) -> Domain:
    """The project's rules (``rules_dir``, confined to the root), or the shipped ones.

    ``conversions``: the run converts units (checking claims does, scanning text does not);
    then the unit definitions and every unit the metric vocabulary names are checked now.
    """
    own = rules_dir is not None and rules_dir.is_dir()
    folder = rules_dir if own and rules_dir is not None else default_rules_dir()
    domain = Domain(folder)
    domain.stamp = cachefolder.key_of(*(_bytes_of(folder / name) for name in RULES_FILES))
    metrics, metrics_file = _load_yaml_model(root, folder / "metrics.yaml", MetricsFile, findings, own)
    if isinstance(metrics, MetricsFile):
        domain.dimensions = dict(metrics.dimensions)
        domain.tolerances = metrics.tolerances
        domain.metrics = dict(metrics.metrics)
        domain.per_unit = list(metrics.per_unit)
        domain.investment_per_capacity = list(metrics.investment_per_capacity)
        domain.output_value_per_capacity = list(metrics.output_value_per_capacity)
        domain.output_value_per_investment = list(metrics.output_value_per_investment)
        domain.measures = {head: list(words) for head, words in metrics.measures.items()}
        domain.other_quantities = list(metrics.other_quantities)
        for name, definition in metrics.metrics.items():
            for label in (name, *definition.aliases):
                domain._metric_names.setdefault(_fold(label), name)
            for dimension in definition.dimensions:
                if dimension not in metrics.dimensions:
                    findings.append(Finding(
                        "S107",
                        f"metric '{name}' names dimension '{dimension}', which `dimensions:` does not define",
                        metrics_file.location(("metrics", name, "dimensions")),
                    ))
    entities, _ = _load_yaml_model(root, folder / "entities.yaml", EntitiesFile, findings, own)
    if isinstance(entities, EntitiesFile):
        domain.entities = dict(entities.entities)
        for name, entity in entities.entities.items():
            for label in (name, *entity.aliases):
                domain._entity_names.setdefault(_fold(label), name)
    domain.units = _load_units(root, folder / "units.yaml", findings, own, conversions)
    if conversions and isinstance(metrics, MetricsFile) and domain.units is not None:
        _check_metric_units(metrics, metrics_file, domain.units, findings)
    language, _ = _load_yaml_model(root, folder / "language.yaml", LanguageFile, findings, own)
    if isinstance(language, LanguageFile):
        domain.language = language
    return domain

