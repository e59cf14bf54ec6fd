"""Temporal checks on claims: period, kind and tense against the publication date."""

from __future__ import annotations

from typing import Any

import pytest

SOURCE = (
    "In 2022, output will exceed 100 billion yuan. By 2025, output exceeded 300 billion yuan. "
    "This year output reached 50 billion yuan. In May 2023 output reached 9 billion yuan.\n"
)


def _claims(published: str | None, period: str, kind: str, quote: str) -> str:
    head = "source:\n  path: seeds/a.txt\n" + (f"  published: {published}\n" if published else "")
    return head + (
        "claims:\n  - id: c\n    subject: Baotou\n    metric: photovoltaic industry output value\n"
        f"    value: 1\n    unit: yuan\n    period: {period}\n    kind: {kind}\n    quote: \"{quote}\"\n"
    )


@pytest.mark.parametrize(
    ("published", "period", "kind", "quote", "expected"),
    [
        ("2023-05-22", "2025", "actual", "300 billion yuan", ["T101"]),
        ("2023-05-22", "2023-06", "actual", "9 billion yuan", ["T101"]),
        ("2023-05-22", "2023-05", "actual", "9 billion yuan", []),  # the month of publication has begun
        ("2023-05-22", "{from: 2022, to: 2025}", "actual", "300 billion yuan", []),  # started before
        ("2023-05-22", "2025", "target", "300 billion yuan", []),
        ("2023-05-22", "2022", "actual", "output will exceed 100 billion yuan", ["T102"]),
        ("2023-05-22", "2022", "forecast", "output will exceed 100 billion yuan", ["T102"]),
        ("2021-05-22", "2022", "forecast", "output will exceed 100 billion yuan", []),  # still ahead
        ("2023-05-22", "2025", "target", "output exceeded 300 billion yuan", ["T103"]),
        ("2026-05-22", "2025", "target", "output exceeded 300 billion yuan", []),  # over by then
        (None, "2022", "actual", "This year output reached 50 billion yuan", ["T104"]),
        ("2022-12-01", "2022", "actual", "This year output reached 50 billion yuan", []),
        (None, "2025", "actual", "300 billion yuan", []),  # no date: nothing to compare with
    ],
)
def test_temporal_rules(project: Any, cli: Any, published: str | None, period: str, kind: str, quote: str,
                        expected: list[str]) -> None:
    root = project({"seeds/a.txt": SOURCE, "claims/a.yaml": _claims(published, period, kind, quote)})
    run = cli("check", "--format", "json", "--select", "T1", cwd=root)
    assert run.codes() == expected, run.out
