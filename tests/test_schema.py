"""The claims format: models, the generated JSON Schema, and their agreement."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import jsonschema
import pytest
from claimlint.reading.model import ClaimsFile, json_schema, json_schema_text
from claimlint.reading.yamlload import load_yaml
from pydantic import ValidationError

from .conftest import REPO

GOOD_CLAIM = {
    "id": "baotou-polysilicon-capacity-2023",
    "subject": "Baotou",
    "metric": "polysilicon production capacity",
    "value": 335000,
    "unit": "t",
    "quote": "335,000 tons of polysilicon",
}


def document(**claim_changes: Any) -> dict[str, Any]:
    claim = {**GOOD_CLAIM, **claim_changes}
    claim = {k: v for k, v in claim.items() if v is not None}
    return {"source": {"path": "seeds/a.txt", "published": "2023-05-22"}, "claims": [claim]}


GOOD = [
    document(),
    document(value={"min": 30, "max": 40}, unit="GW"),
    document(period=2023),
    document(period="2023-05"),
    document(period="2023-05-22"),
    document(period={"from": 2022, "to": 2024}),
    document(qualifier="nearly", kind="target", share_of="China"),
    document(value=3.37e6, note="a note"),
    {
        "source": {"path": "seeds/a.txt", "sha256": "a" * 64, "url": "https://example.org/x"},
        "claims": [],
        "resolutions": [
            {"code": "G102", "quote": "25GW of components. 8GW.", "verdict": "source-error",
             "correction": "25.8GW of components", "reason": "split decimal", "expires": "2027-01-01"}
        ],
    },
]

BAD = [
    document(qualifer="nearly"),
    document(quote=None),
    document(value="335,000"),
    document(value=True),
    document(value={"min": 1}),
    document(value={"min": 1, "max": 2, "mid": 1.5}),
    document(qualifier="roughly"),
    document(kind="estimate"),
    document(id="Bad Id"),
    document(period="2023-13"),
    document(period="2023-02-30"),
    document(period={"from": 2022}),
    document(subject=""),
    document(subject="   "),
    document(subject=2023),
    {"source": {"path": "seeds/a.txt"}},
    {"claims": []},
    {"source": {"path": "seeds/a.txt", "sha256": "xyz"}, "claims": []},
    {"source": {"path": "seeds/a.txt", "published": "22 May 2023"}, "claims": []},
    {"source": {"path": "seeds/a.txt"}, "claims": [], "extra": 1},
    {"source": {"path": "seeds/a.txt"}, "claims": [], "resolutions": [{"code": "C101", "verdict": "accepted"}]},
    {"source": {"path": "seeds/a.txt"}, "claims": [], "resolutions": [{"code": "c1", "claim": "x", "verdict": "ok"}]},
]


def validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json_schema(), format_checker=jsonschema.FormatChecker())


def models_accept(data: dict[str, Any]) -> bool:
    try:
        ClaimsFile.model_validate(data)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("data", GOOD)
def test_good_examples_pass_models_and_schema(data: dict[str, Any]) -> None:
    assert models_accept(data)
    assert list(validator().iter_errors(data)) == []


@pytest.mark.parametrize("data", BAD)
def test_bad_examples_fail_models_and_schema(data: dict[str, Any]) -> None:
    assert not models_accept(data)
    assert list(validator().iter_errors(data)) != []


def test_committed_schema_matches_models() -> None:
    committed = (REPO / "schema" / "claims.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(), "schema/claims.schema.json is stale: run `claimlint schema > schema/claims.schema.json`"


def test_schema_command_prints_the_schema(cli: Any) -> None:
    run = cli("schema", cwd=REPO)
    assert run.status == 0
    assert json.loads(run.out) == json_schema()


def _json_ready(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    return value


def test_shipped_claims_files_are_valid_for_editors_too() -> None:
    for path in sorted((REPO / "claims").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../schema/claims.schema.json"), path
        data = _json_ready(load_yaml(text).data)
        assert list(validator().iter_errors(data)) == [], path
        assert models_accept(data), path
