"""Load stage: read every claims file, validate it against the format, resolve its source.

Problems met while loading (bad YAML, schema violations, unsafe source paths,
unreadable sources) become S findings here; later stages only see what loaded
cleanly, claim by claim, so one broken claim never hides the others.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .config import Config
from .findings import Finding, Location
from .model import FIELD_EXPECTATIONS, TOP_LEVEL_FIELDS, Claim, Resolution, Source
from .sources import (
    QuoteMatch,
    SourceText,
    decode_utf8,
    is_inside,
    read_source,
    real_folder,
    realpath,
    resolve_source,
)
from .yamlload import LoadedYaml, load_yaml
from .yamlload import Path as YamlPath

MAX_YAML_FILE_BYTES = 4 * 1024 * 1024  # some ten thousand claims: far more than one source holds
CLAIMS_SUFFIXES = (".yaml", ".yml")


@dataclass
class ClaimEntry:
    """A claim that passed validation, and where it was written."""

    claim: Claim
    file: ClaimsFileEntry
    index: int

    def location(self, *fields: str | int) -> Location:
        return self.file.location(("claims", self.index, *fields))

    def written_location(self, *names: str) -> Location:
        """Where the first of these fields is written (a default is not written); else the claim."""
        for name in names:
            if ("claims", self.index, name) in self.file.yaml.key_positions:
                return self.location(name)
        return self.location()


@dataclass
class ResolutionEntry:
    resolution: Resolution
    file: ClaimsFileEntry
    index: int

    def location(self, *fields: str | int) -> Location:
        return self.file.location(("resolutions", self.index, *fields))


@dataclass
class YamlFile:
    """A YAML file of the project (claims or rules) and where its parts were written."""

    path: str  # root-relative, POSIX separators
    yaml: LoadedYaml = field(default_factory=LoadedYaml)

    def location(self, path: YamlPath, *, key: bool = False) -> Location:
        line, column = self.yaml.position(path, key=key)
        return Location(self.path, line, column)


@dataclass
class ClaimsFileEntry(YamlFile):
    source_info: Source | None = None
    source: SourceText | None = None
    claims: list[ClaimEntry] = field(default_factory=list)
    resolutions: list[ResolutionEntry] = field(default_factory=list)


@dataclass
class ClaimsBase:
    config: Config
    files: list[ClaimsFileEntry] = field(default_factory=list)
    sources: dict[str, SourceText] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # the rules' vocabulary (claimlint.domain.vocabulary.Domain), set by the stage that loads it;
    # typed loosely because reading comes before the domain in the pipeline
    domain: Any = None
    _matches: dict[int, list[QuoteMatch]] = field(default_factory=dict, repr=False)
    # memos of the figures stage (claimlint.figures.intervals.quote_reading, .measures.measures)
    readings: dict[int, Any] = field(default_factory=dict, repr=False)
    folders: dict[str, str] = field(default_factory=dict, repr=False)  # real folder paths, for this batch
    measures: list[Any] | None = field(default=None, repr=False)

    @property
    def claims(self) -> list[ClaimEntry]:
        return [entry for file in self.files for entry in file.claims]

    def release(self) -> None:
        """Break the file <-> claim references, so that a batch's objects are freed as soon as the batch
        is done with: the cycle collector, paused for the run, would otherwise have to walk them all."""
        for file in self.files:
            file.claims.clear()
            file.resolutions.clear()
        self._matches.clear()
        self.readings.clear()

    def quote_matches(self, entry: ClaimEntry) -> list[QuoteMatch] | None:
        """Where the claim's quote occurs in its source (None: the source was not read)."""
        source = entry.file.source
        if source is None:
            return None
        key = id(entry)
        if key not in self._matches:
            self._matches[key] = source.find_quote(entry.claim.quote)
        return self._matches[key]


def relative(root: Path, path: Path) -> str:
    """``path`` relative to ``root`` with POSIX separators (as is, when outside it)."""
    text, prefix = str(path), str(root).rstrip(os.sep) + os.sep
    if text.startswith(prefix):  # the common case, without pathlib's parsing
        return text[len(prefix):].replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def discover_claims_files(config: Config) -> list[Path]:
    """Every claims file under the claims folder, in path order; hidden files and folders are skipped."""
    top = config.claims_dir
    if not top.is_dir():
        return []
    hidden_above = any(part.startswith(".") for part in Path(relative(config.root, top)).parts)
    if hidden_above:
        return []
    found: list[tuple[str, ...]] = []
    for folder, folders, names in os.walk(top):  # does not follow links to folders, as rglob does not
        folders[:] = [name for name in folders if not name.startswith(".")]
        # a folder named like a claims file is listed too: reading it gives a finding, not silence
        found.extend((*Path(folder).parts, name) for name in (*names, *folders) if name.endswith(CLAIMS_SUFFIXES))
    return [Path(*parts) for parts in sorted(found)]  # in path order, as pathlib sorts, without its cost


def load_base(config: Config) -> ClaimsBase:
    base = ClaimsBase(config)
    for path in discover_claims_files(config):
        base.files.append(load_claims_file(base, path))
    return base


def _describe(value: Any, raw: str | None) -> str:
    if isinstance(value, bool):
        if raw is not None:
            return f"`{raw}`, which YAML reads as the boolean {str(value).lower()} (quote it if you mean text)"
        return f"the boolean {str(value).lower()}"
    if raw is not None and isinstance(value, str):
        return f"`{raw}` (kept as text: YAML 1.1 would read it as a number or time)"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the text '{shown}'"
    if isinstance(value, (int, float)):
        shown = str(value)
        return f"the number {shown if len(shown) <= 30 else shown[:12] + f'... ({len(shown)} digits)'}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "list_type": "a list",
    "model_type": "a mapping",
    "dict_type": "a mapping",
    "model_attributes_type": "a mapping",
    "string_too_short": "non-empty text",
    "finite_number": "a finite number",
}


def _walk(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The longest part of ``loc`` that exists in ``data`` (union branch names are skipped)."""
    real: list[Any] = []
    current = data
    for part in loc:
        in_mapping = isinstance(current, dict) and isinstance(part, str) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_mapping or in_list:
            current = current[part]
            real.append(part)
    return tuple(real)


def _value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _schema_findings(
    error: ValidationError,
    data: Any,
    prefix: YamlPath,
    file: YamlFile,
    model: type[BaseModel],
    claim: str | None,
) -> list[Finding]:
    """Turn pydantic's errors into located S findings, one per offending node."""
    found: dict[tuple[str, tuple[Any, ...], str], Finding] = {}
    invalid: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for err in error.errors(include_url=False):
        loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "missing":
            parent = _walk(data, loc[:-1])
            name = str(loc[-1])
            message = f"missing required field '{name}'"
            if not parent and prefix and prefix[0] == "claims":
                message += " in this claim"
            found[("S106", parent, name)] = Finding(
                "S106", message, file.location((*prefix, *parent)), claim=claim
            )
        elif kind == "extra_forbidden":
            real = _walk(data, loc)
            name = str(loc[-1])
            allowed = _allowed_fields(model, real[:-1], data)
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(allowed)})"
            found[("S105", real, name)] = Finding(
                "S105", f"unknown field '{name}'{hint}", file.location((*prefix, *real), key=True), claim=claim
            )
        else:
            invalid.setdefault(_walk(data, loc), []).append(dict(err))
    deeper = {path for (_, path, _) in found} | set(invalid)
    for path, errs in invalid.items():
        # A union reports each branch; keep only the most specific node.
        if any(other[: len(path)] == path and len(other) > len(path) for other in deeper):
            continue
        if any(code in ("S105", "S106") and p == path for (code, p, _) in found):
            continue
        found[("S107", path, "")] = _invalid_value(errs, data, path, prefix, file, claim)
    return list(found.values())


def _allowed_fields(model: type[BaseModel], path: tuple[Any, ...], data: Any) -> list[str]:
    if path and path[-1] == "value":
        return ["min", "max"]
    if path and path[-1] == "period":
        return ["from", "to"]
    return [info.alias or name for name, info in model.model_fields.items()]


def _invalid_value(
    errs: list[dict[str, Any]],
    data: Any,
    path: tuple[Any, ...],
    prefix: YamlPath,
    file: YamlFile,
    claim: str | None,
) -> Finding:
    name = next((str(p) for p in reversed((*prefix, *path)) if isinstance(p, str)), "value")
    value = _value_at(data, path)
    raw = file.yaml.raw_scalars.get((*prefix, *path))
    value_errors = [e for e in errs if e["type"] == "value_error"]
    if value_errors and not isinstance(value, bool):
        expected = value_errors[0]["msg"].removeprefix("Value error, ")
        message = f"invalid '{name}': {expected}"
    else:
        # the claims format's own words for its fields; a rules file's field may share a name, not a meaning
        described = FIELD_EXPECTATIONS.get(name) if isinstance(file, ClaimsFileEntry) else None
        expected = described or _TYPE_WORDS.get(errs[0]["type"]) or errs[0]["msg"]
        message = f"'{name}' must be {expected}; got {_describe(value, raw)}"
    return Finding("S107", message, file.location((*prefix, *path)), claim=claim)


def validate(
    model: type[BaseModel], data: Any, prefix: YamlPath, file: YamlFile, claim: str | None = None
) -> tuple[Any, list[Finding]]:
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, _schema_findings(error, data, prefix, file, model, claim)


def read_yaml_file(
    root: Path, path: Path, entry: YamlFile, findings: list[Finding], *, confine: bool = True,
    folders: dict[str, str] | None = None, unsaved: dict[str, bytes] | None = None,
) -> bool:
    """Read, decode and parse one YAML file of the project into ``entry``.

    Problems become findings; returns whether the file was read at all.
    ``confine``: refuse a file that is (through links) outside the project root.
    ``folders``: a memo of real folder paths for one batch (see ``sources.realpath``).
    ``unsaved``: text typed in an editor, by ``entry.path``, read instead of the file.
    """
    noun = "file"
    if unsaved is not None and entry.path in unsaved:
        return _parse_yaml(unsaved[entry.path], entry, findings)
    real = realpath(path, folders)
    if confine and not is_inside(real, real_folder(root, folders)):
        findings.append(Finding("S109", f"{noun} is a link to a place outside the project root; not read",
                                Location(entry.path)))
        return False
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a folder, a pipe or a device: reading could block or fail
            findings.append(Finding("S111", f"{noun} is not a regular file; not read", Location(entry.path)))
            return False
        size = info.st_size
        if size > MAX_YAML_FILE_BYTES:
            findings.append(Finding("S111", f"{noun} is {size} bytes, over the {MAX_YAML_FILE_BYTES}-byte limit",
                                    Location(entry.path)))
            return False
        data = path.read_bytes()
    except OSError as error:
        findings.append(Finding("S111", f"{noun} cannot be read: {error.strerror}", Location(entry.path)))
        return False
    return _parse_yaml(data, entry, findings)


def _parse_yaml(data: bytes, entry: YamlFile, findings: list[Finding]) -> bool:
    text, problem, (line, column) = decode_utf8(data, entry.path)
    if text is None:
        findings.append(Finding("S111", problem or "not UTF-8", Location(entry.path, line, column)))
        return False
    entry.yaml = load_yaml(text)
    owners = [_claim_at_line(entry.yaml, text, p.line) for p in entry.yaml.problems]
    for yaml_problem, owner in zip(entry.yaml.problems, owners, strict=False):
        findings.append(
            Finding(yaml_problem.code, yaml_problem.message,
                    Location(entry.path, yaml_problem.line, yaml_problem.column),
                    claim=owner if isinstance(owner, str) else None)
        )
    return True


def load_claims_file(base: ClaimsBase, path: Path) -> ClaimsFileEntry:
    """Read and validate one claims file and attach its source; problems go to ``base.findings``."""
    entry = ClaimsFileEntry(relative(base.config.root, path))
    if not read_yaml_file(base.config.root, path, entry, base.findings, folders=base.folders,
                          unsaved=base.config.unsaved or None):
        return entry
    data = entry.yaml.data
    if data is None:
        if not entry.yaml.problems:
            base.findings.append(
                Finding("S104", "empty claims file: expected a mapping with 'source' and 'claims'",
                        Location(entry.path))
            )
        return entry
    if not isinstance(data, dict):
        base.findings.append(
            Finding("S104", f"a claims file is a mapping with 'source' and 'claims', not {_describe(data, None)}",
                    entry.location(()))
        )
        return entry
    for key in data:
        if key not in TOP_LEVEL_FIELDS:
            close = difflib.get_close_matches(key, TOP_LEVEL_FIELDS, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (allowed: {', '.join(TOP_LEVEL_FIELDS)})"
            base.findings.append(Finding("S105", f"unknown field '{key}'{hint}", entry.location((key,), key=True)))
    for required in ("source", "claims"):
        if required not in data:
            base.findings.append(Finding("S106", f"missing required field '{required}'", entry.location(())))
    if "source" in data:
        entry.source_info, problems = validate(Source, data["source"], ("source",), entry, None)
        base.findings.extend(problems)
    _load_items(base, entry, data, "claims")
    _load_items(base, entry, data, "resolutions")
    if entry.source_info is not None:
        _attach_source(base, entry)
    return entry


def _load_items(base: ClaimsBase, entry: ClaimsFileEntry, data: dict[str, Any], key: str) -> None:
    items = data.get(key)
    if items is None:
        if key in data:
            base.findings.append(Finding("S107", f"'{key}' must be a list; got nothing (null)", entry.location((key,))))
        return
    if not isinstance(items, list):
        base.findings.append(
            Finding("S107", f"'{key}' must be a list; got {_describe(items, None)}", entry.location((key,)))
        )
        return
    model: type[BaseModel] = Claim if key == "claims" else Resolution
    for index, item in enumerate(items):
        claim_id = item.get("id") if key == "claims" and isinstance(item, dict) else None
        claim_id = claim_id if isinstance(claim_id, str) else None
        if not isinstance(item, dict):
            noun = "claim" if key == "claims" else "resolution"
            base.findings.append(
                Finding("S107", f"each {noun} must be a mapping; got {_describe(item, None)}",
                        entry.location((key, index)))
            )
            continue
        valid, problems = validate(model, item, (key, index), entry, claim_id)
        base.findings.extend(problems)
        if valid is None:
            continue
        if key == "claims":
            entry.claims.append(ClaimEntry(valid, entry, index))
        else:
            entry.resolutions.append(ResolutionEntry(valid, entry, index))


def _attach_source(base: ClaimsBase, entry: ClaimsFileEntry) -> None:
    assert entry.source_info is not None
    config = base.config
    raw = entry.source_info.path
    where = entry.location(("source", "path"))
    real, problem = resolve_source(config.root, config.seeds_dir, raw, base.folders)
    if problem is not None or real is None:
        base.findings.append(Finding(problem.code if problem else "S109",
                                     problem.message if problem else "unsafe source path", where))
        return
    shown = relative(Path(real_folder(config.root, base.folders)), real)
    if shown in base.sources:
        entry.source = base.sources[shown]
        return
    source, problem = read_source(real, shown)
    if problem is not None or source is None:
        base.findings.append(Finding(problem.code if problem else "S111",
                                     problem.message if problem else "unreadable source", where))
        return
    base.sources[shown] = source
    entry.source = source


_ID_LINE = re.compile(r"^\s*-?\s*id:\s*[\"']?([a-z0-9][a-z0-9._-]*)")
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def written_ids(config: Config) -> set[str]:
    """The claim ids written in the base's claims files, read line by line (a file that cannot be read,
    or is not YAML at all, still gives the ids on its lines): what a new claim's id must not repeat."""
    ids: set[str] = set()
    for path in discover_claims_files(config):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        ids.update(found.group(1) for line in text.splitlines() if (found := _ID_LINE.match(line)))
    return ids


def _claim_at_line(loaded: LoadedYaml, text: str, line: int) -> str | None:
    """The id of the claim written around ``line``, so a YAML problem names its claim."""
    claims = loaded.data.get("claims") if isinstance(loaded.data, dict) else None
    if isinstance(claims, list):
        owner = None
        for index, item in enumerate(claims):
            start = loaded.value_positions.get(("claims", index))
            if start is None or start[0] > line:
                break
            owner = item
        claim_id = owner.get("id") if isinstance(owner, dict) else None
        return claim_id if isinstance(claim_id, str) else None
    # The file did not parse: read the nearest "id:" above, if it lies under "claims:".
    lines = text.splitlines()[:line]
    for raw in reversed(lines):
        top = _TOP_KEY.match(raw)
        if top:
            return None
        found = _ID_LINE.match(raw)
        if found:
            section = next((m.group(1) for r in reversed(lines) if (m := _TOP_KEY.match(r))), None)
            return found.group(1) if section == "claims" else None
    return None
