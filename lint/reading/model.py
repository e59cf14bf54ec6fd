"""Claims file format, version 1, as pydantic models.

The JSON Schema in ``schema/claims.schema.json`` is generated from these
models (``claimlint schema``); a test keeps the committed copy in step.
Models are strict: a string is never read as a number, a boolean never as a
string, and unknown fields are errors (``qualifer:`` must not pass silently).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import json
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SCHEMA_ID = "https://claimlint.invalid/schema/claims-v1.json"


def _iso_date(value: Any) -> Any:
    """Accept a date, or a string in ISO ``YYYY-MM-DD`` form; nothing else."""
    if isinstance(value, _dt.datetime):
        raise ValueError("a date without a time of day is expected")  # noqa: TRY004 - pydantic reports ValueError
    if isinstance(value, str):
        try:
            if not _ISO_DATE.fullmatch(value):
                raise ValueError
            return _dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a valid YYYY-MM-DD date") from None
    return value


IsoDate = Annotated[_dt.date, BeforeValidator(_iso_date)]
Text = Annotated[str, Field(min_length=1, pattern=r"\S")]
ClaimId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=200)]
MAX_MAGNITUDE = 10**18  # a quintillion: beyond any figure in this domain, within a float's exact range
FiniteNumber = (Annotated[float, Field(allow_inf_nan=False, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
                | Annotated[int, Field(ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)])
Year = Annotated[int, Field(ge=1800, le=2200)]
YearMonth = Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
PeriodPoint = Year | IsoDate | YearMonth

Qualifier = Literal["exact", "approx", "nearly", "at_least", "more_than", "at_most", "less_than"]
Kind = Literal["actual", "target", "forecast"]
Verdict = Literal["source-error", "false-positive", "accepted"]


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", populate_by_name=False)


class ValueRange(_Strict):
    """A value stated as a range or as alternatives (``30-40 GW``, ``1 or 2``)."""

    min: FiniteNumber
    max: FiniteNumber

    @model_validator(mode="after")
    def _ordered(self) -> ValueRange:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


def _first_day(point: int | str | _dt.date) -> _dt.date:
    if isinstance(point, _dt.date):
        return point
    if isinstance(point, int):
        return _dt.date(point, 1, 1)
    year, month = point.split("-")
    return _dt.date(int(year), int(month), 1)


def _last_day(point: int | str | _dt.date) -> _dt.date:
    if isinstance(point, _dt.date):
        return point
    if isinstance(point, int):
        return _dt.date(point, 12, 31)
    year, month = (int(part) for part in point.split("-"))
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


class PeriodRange(_Strict):
    """A period from one point to another, both included."""

    from_: PeriodPoint = Field(alias="from")
    to: PeriodPoint

    @model_validator(mode="after")
    def _ordered(self) -> PeriodRange:
        # "from: 2023-06, to: 2023" is June to December; only a period that ends before it starts is wrong
        if _first_day(self.from_) > _last_day(self.to):
            raise ValueError(f"the period starts ({self.from_}) after it ends ({self.to})")
        return self


class Source(_Strict):
    """The source document the claims cite."""

    path: Text = Field(description="repo-relative path of the source, inside the seeds folder")
    published: IsoDate | None = Field(default=None, description="publication date")
    title: Text | None = None
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")] | None = Field(
        default=None, description="if present, the source must still hash to it"
    )


class Claim(_Strict):
    """One figure, with the exact words of its source."""

    id: ClaimId = Field(description="unique in the whole claims base")
    subject: Text = Field(description="who or where (entity names; aliases in rules/)")
    metric: Text = Field(description="what is measured (vocabulary in rules/)")
    value: FiniteNumber | ValueRange = Field(description="a number, or {min: N, max: N}")
    unit: Text = Field(description="a unit the registry knows")
    qualifier: Qualifier = "exact"
    period: PeriodPoint | PeriodRange | None = None
    kind: Kind = "actual"
    share_of: Text | None = Field(
        default=None,
        description="the value is a share (percent) of the same metric for this subject",
    )
    quote: Text = Field(description="the exact source text that states the figure")
    note: str | None = None

    def shown_value(self, *, with_qualifier: bool = True) -> str:
        """The value as people write it: "nearly 3,000,000,000 yuan", "30-40 GW"."""
        value = self.value
        number = f"{value.min:,}-{value.max:,}" if isinstance(value, ValueRange) else f"{value:,}"
        words = "" if self.qualifier == "exact" or not with_qualifier else self.qualifier.replace("_", " ") + " "
        return f"{words}{number} {self.unit}"


class Resolution(_Strict):
    """A finding marked as dealt with, and why."""

    code: Annotated[str, Field(pattern=r"^[A-Z][0-9]{3}$")]
    claim: ClaimId | None = None
    quote: Text | None = None
    verdict: Verdict
    correction: str | None = None
    reason: str | None = None
    expires: IsoDate | None = None

    model_config = ConfigDict(
        json_schema_extra={"anyOf": [{"required": ["claim"]}, {"required": ["quote"]}]}
    )

    @model_validator(mode="after")
    def _names_its_finding(self) -> Resolution:
        if self.claim is None and self.quote is None:
            raise ValueError("a resolution names the claim (claim:) or source text (quote:) it is on")
        return self


class ClaimsFile(_Strict):
    """A claims file: one source document and the claims that cite it."""

    source: Source
    claims: list[Claim]
    resolutions: list[Resolution] = Field(default_factory=list)

    model_config = ConfigDict(title="claimlint claims file, version 1")


TOP_LEVEL_FIELDS = tuple(ClaimsFile.model_fields)
FIELD_EXPECTATIONS = {
    "value": "a finite number of at most 10**18 in size, or a range {min: N, max: N}",
    "period": "a year (2023), 'YYYY-MM', a date (YYYY-MM-DD), or {from: ..., to: ...}",
    "published": "a date, YYYY-MM-DD",
    "expires": "a date, YYYY-MM-DD",
    "qualifier": "one of " + ", ".join(Qualifier.__args__),  # type: ignore[attr-defined]
    "kind": "one of " + ", ".join(Kind.__args__),  # type: ignore[attr-defined]
    "verdict": "one of " + ", ".join(Verdict.__args__),  # type: ignore[attr-defined]
    "id": "lower-case letters, digits, '.', '_' and '-', starting with a letter or digit",
    "claim": "a claim id",
    "sha256": "64 hexadecimal digits",
    "code": "a finding code such as C101",
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a claims file, generated from the models."""
    schema = ClaimsFile.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
