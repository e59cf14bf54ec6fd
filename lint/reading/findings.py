"""The one record every check produces; every output format is a view of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Resolution


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


@dataclass(frozen=True)
class Location:
    """A place in a file: root-relative path, 1-based line and column (code points)."""

    path: str
    line: int = 1
    column: int = 1


@dataclass
class Finding:
    """One problem found.

    ``location`` is where it is reported (the claims file for claim findings,
    the source document for findings on its text). ``source_location`` points
    into the cited source when the problem concerns a passage there, and
    ``quote`` holds that passage's original text (resolutions by ``quote:``
    match it).
    """

    code: str
    message: str
    location: Location
    severity: Severity = Severity.ERROR
    claim: str | None = None
    quote: str | None = None
    source_location: Location | None = None
    resolved: bool = False
    resolution: Resolution | None = None  # the entry that resolved it
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.location.path

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line, self.location.column, self.code)

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
            "claim": self.claim,
            "resolved": self.resolved,
        }
        if self.source_location is not None:
            data["source"] = {
                "path": self.source_location.path,
                "line": self.source_location.line,
                "column": self.source_location.column,
            }
        if self.quote is not None:
            data["quote"] = self.quote
        if "new" in self.extra:
            data["new"] = self.extra["new"]
        if self.resolution is not None:
            resolution = {"verdict": self.resolution.verdict, "reason": self.resolution.reason}
            if self.resolution.correction:
                resolution["correction"] = self.resolution.correction
            data["resolution"] = resolution
        return data
