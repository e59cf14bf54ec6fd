"""Periods of claims as date spans, for temporal checks and for grouping."""

from __future__ import annotations

import calendar
import datetime as _dt

from ..reading.model import PeriodRange

PeriodValue = int | str | _dt.date | PeriodRange | None


def _point_span(point: int | str | _dt.date) -> tuple[_dt.date, _dt.date]:
    if isinstance(point, _dt.date):
        return point, point
    if isinstance(point, int):
        return _dt.date(point, 1, 1), _dt.date(point, 12, 31)
    year, month = (int(part) for part in point.split("-"))
    return _dt.date(year, month, 1), _dt.date(year, month, calendar.monthrange(year, month)[1])


def span(period: PeriodValue) -> tuple[_dt.date, _dt.date] | None:
    """First and last day of a period (None when the claim gives none)."""
    if period is None:
        return None
    if isinstance(period, PeriodRange):
        return _point_span(period.from_)[0], _point_span(period.to)[1]
    return _point_span(period)


def label(period: PeriodValue) -> str:
    if period is None:
        return "no period"
    if isinstance(period, PeriodRange):
        return f"{label(period.from_)} to {label(period.to)}"
    if isinstance(period, _dt.date):
        return period.isoformat()
    return str(period)
