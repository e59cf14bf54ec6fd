"""What one claims file contributes to a run, as plain data.

The check runs in two stages. The file stage loads one claims file, runs the
rules that need only that file and its source, and reduces the file to a
``FileResult``: its findings, its claims as measures, the claim ids, the
spans of its source that its quotes cover, and its resolutions. The base
stage then runs the rules that compare claims across files on ``Facts``, the
union of every file's result. Because a ``FileResult`` is plain data it is
cached per file: a re-check after one edit loads and checks only that file.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from ..figures.measures import Key, Measure, grouped
from ..reading.findings import Finding, Location

if TYPE_CHECKING:
    from ..domain.vocabulary import Domain
    from ..reading.model import Resolution

# The state of a claims file's source when the file was checked: the source
# path as written, then (shown path, sha256 of its bytes) or the problem code.
SourceState = tuple[str, str | None, str | None, str | None]


def dump_finding(finding: Finding) -> list[Any]:
    where, related = finding.location, finding.source_location
    return [finding.code, finding.message, where.path, where.line, where.column, finding.claim, finding.quote,
            None if related is None else [related.path, related.line, related.column], finding.extra or None]


def _expect(ok: bool) -> None:
    """Cached data of another shape is never trusted: the caller checks the file again."""
    if not ok:
        raise TypeError("cached entry of an unexpected shape")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_position(data: Any, width: int) -> bool:
    """[text, int, int, ...] of ``width`` items."""
    return (isinstance(data, list) and len(data) == width and isinstance(data[0], str)
            and all(_is_int(item) for item in data[1:]))


def _shapes(items: list[Any]) -> set[tuple[type, ...]]:
    """The field types of each list in ``items`` (a non-list item gives an impossible shape)."""
    return {tuple(map(type, item)) if type(item) is list else (type(item),) for item in items}


def _is_text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


_TEXT_OR_NONE = frozenset({str, type(None)})


def restore_finding(data: list[Any]) -> Finding:
    _expect(type(data) is list and len(data) == 9)
    code, message, path, line, column, claim, quote, related, extra = data
    # exact types (a bool is no line number); checked at C speed where it can be: thousands per re-check
    _expect(type(code) is str and type(message) is str and type(path) is str and type(line) is int
            and type(column) is int and type(claim) in _TEXT_OR_NONE and type(quote) in _TEXT_OR_NONE
            and (related is None or _is_position(related, 3))
            and (extra is None or (type(extra) is dict and set(map(type, extra)) <= {str})))
    finding = Finding(code, message, Location(path, line, column), claim=claim, quote=quote,
                      source_location=None if related is None else Location(*related))
    if extra:
        finding.extra.update(extra)
    return finding


@dataclass
class ResolutionRecord:
    """A valid ``resolutions`` entry, where it is written, and the source its file cites."""

    resolution: Resolution
    location: Location
    expires_location: Location
    source_path: str | None

    def dump(self) -> list[Any]:
        fields = self.resolution.model_dump()
        if fields.get("expires") is not None:
            fields["expires"] = fields["expires"].isoformat()
        where, expires = self.location, self.expires_location
        return [fields, where.line, where.column, expires.line, expires.column, self.source_path]

    @classmethod
    def restore(cls, path: str, data: list[Any]) -> ResolutionRecord:
        from ..reading.model import Resolution

        _expect(type(data) is list and len(data) == 6)
        fields, line, column, expires_line, expires_column, source_path = data
        _expect(type(fields) is dict and set(map(type, fields)) <= {str}
                and set(map(type, fields.values())) <= _TEXT_OR_NONE and type(fields.get("code")) is str
                and type(line) is int and type(column) is int
                and type(expires_line) is int and type(expires_column) is int
                and type(source_path) in _TEXT_OR_NONE)
        if fields.get("expires") is not None:
            fields = {**fields, "expires": _dt.date.fromisoformat(fields["expires"])}
        return cls(Resolution.model_construct(**fields), Location(path, line, column),
                   Location(path, expires_line, expires_column), source_path)


@dataclass
class FileResult:
    """One claims file, reduced to what the base stage and the report need.

    ``measures`` are kept apart in the cache and restored only when the
    cross-file rules must run again: ``cross`` digests them with the claim
    ids, so a re-check whose cross-file inputs did not change reuses the
    cross-file findings of the last run without reading them.
    """

    path: str
    digest: str  # sha256 of the file's bytes
    source: SourceState | None = None  # None: the file names no usable source.path
    published: str | None = None  # the file's source.published, ISO
    findings: list[Finding] = field(default_factory=list)
    measures: list[Measure] | None = field(default_factory=list)  # None: not restored (see above)
    claim_ids: list[tuple[str, int, int]] = field(default_factory=list)  # id, line, column
    written_ids: list[str] = field(default_factory=list)  # ids of every claim written, valid or not
    covered: list[Sequence[int]] = field(default_factory=list)  # [start, end) of the source spans its quotes cover
    resolutions: list[ResolutionRecord] = field(default_factory=list)
    _dumped: dict[str, Any] | None = field(default=None, repr=False, compare=False)  # what it was restored from
    _measures_dumped: list[Any] | None = field(default=None, repr=False, compare=False)
    # the JSON of dump() and dump_measures() when a worker process sent them so: the cache writes it as is
    encoded: tuple[str, str] | None = field(default=None, repr=False, compare=False)
    _cross: str | None = field(default=None, repr=False, compare=False)

    @property
    def source_path(self) -> str | None:
        return self.source[1] if self.source is not None and self.source[2] is not None else None

    def dump_measures(self) -> list[Any]:
        if self._measures_dumped is None:
            assert self.measures is not None
            self._measures_dumped = [m.dump() for m in self.measures]
        return self._measures_dumped

    @property
    def cross(self) -> str:
        """A digest of what the cross-file rules see of this file: its measures and claim ids."""
        if self._cross is None:
            if self._dumped is not None:
                self._cross = str(self._dumped["cross"])
            else:
                body = json.dumps([self.dump_measures(), [list(item) for item in self.claim_ids]],
                                  separators=(",", ":"))
                self._cross = hashlib.sha256(body.encode()).hexdigest()
        return self._cross

    def release_dumps(self) -> None:
        """Forget the cached forms once the cache holds them (made again if asked for): at 400k claims
        they would double the memory of the run."""
        _ = self.cross  # the digest stays
        self._dumped = self._measures_dumped = self.encoded = None

    def dump(self) -> dict[str, Any]:
        """The cached form, without the measures (``dump_measures``)."""
        if self._dumped is None:
            self._dumped = {
                "digest": self.digest,
                "source": None if self.source is None else list(self.source),
                "published": self.published,
                "findings": [dump_finding(f) for f in self.findings],
                "ids": [list(item) for item in self.claim_ids],
                "written": self.written_ids,
                "covered": [list(span) for span in self.covered],
                "resolutions": [r.dump() for r in self.resolutions],
                "cross": self.cross,
            }
        return self._dumped

    @classmethod
    def restore(cls, path: str, data: dict[str, Any], measures: list[Any] | None = None) -> FileResult:
        source = data["source"]
        _expect(isinstance(data["digest"], str) and _is_text_or_none(data["published"])
                and (source is None or (isinstance(source, list) and len(source) == 4
                                        and isinstance(source[0], str) and all(map(_is_text_or_none, source))))
                and isinstance(data["ids"], list) and _shapes(data["ids"]) <= {(str, int, int)}
                and isinstance(data["written"], list) and set(map(type, data["written"])) <= {str}
                and isinstance(data["covered"], list) and _shapes(data["covered"]) <= {(int, int)}
                and isinstance(data["findings"], list) and isinstance(data["resolutions"], list))
        result = cls(
            path,
            data["digest"],
            None if source is None else (source[0], source[1], source[2], source[3]),
            data["published"],
            [restore_finding(f) for f in data["findings"]],
            None,
            [(claim_id, line, column) for claim_id, line, column in data["ids"]],
            list(data["written"]),
            data["covered"],
            [ResolutionRecord.restore(path, r) for r in data["resolutions"]],
        )
        if not isinstance(data["cross"], str):
            raise TypeError("cross digest")
        result._dumped = data
        if measures is not None:
            result.restore_measures(measures)
        return result

    def encode(self) -> tuple[str, str]:
        """The JSON of ``dump()`` and of ``dump_measures()``, as the cache stores them."""
        return json.dumps(self.dump(), separators=(",", ":")), json.dumps(self.dump_measures(), separators=(",", ":"))

    @classmethod
    def decode(cls, path: str, encoded: tuple[str, str]) -> FileResult:
        """A result from ``encode()``'s JSON (it raises on any other shape, as ``restore`` does)."""
        result = cls.restore(path, json.loads(encoded[0]))
        result.restore_measures(json.loads(encoded[1]), shared=True)  # a cold run: memory is at its peak
        result.encoded = encoded
        return result

    def restore_measures(self, measures: list[Any], *, shared: bool = False) -> None:
        """``shared``: one copy of each subject, metric, ... across measures (less memory, more time)."""
        self.measures = [Measure.restore(self.path, m, shared=shared) for m in measures]
        self._measures_dumped = measures


@dataclass
class Facts:
    """The whole base as the cross-file rules see it."""

    domain: Domain | None
    files: list[FileResult]

    @cached_property
    def measures(self) -> list[Measure]:
        return [m for file in self.files for m in file.measures or ()]

    @cached_property
    def groups(self) -> dict[Key, list[Measure]]:
        """The measures by (subject, metric, period, kind, share_of, unit): only these can disagree."""
        return grouped(self.measures)

    @cached_property
    def claim_ids(self) -> list[tuple[str, str, int, int]]:
        """(claim id, claims file, line, column) of every valid claim, in file order."""
        return [(claim_id, file.path, line, column) for file in self.files for claim_id, line, column in file.claim_ids]
