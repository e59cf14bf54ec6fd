"""The strict YAML loader: positions, duplicates, tags, YAML 1.1 decisions, limits."""

from __future__ import annotations

import datetime as dt

import pytest
from claimlint.reading.yamlload import load_yaml


def codes(text: str) -> list[str]:
    return [p.code for p in load_yaml(text).problems]


def test_positions_are_one_based_lines_and_columns() -> None:
    loaded = load_yaml("source:\n  path: a.txt\nclaims:\n  - id: x\n    value: 3\n")
    assert loaded.value_positions[("source", "path")] == (2, 9)
    assert loaded.key_positions[("claims", 0, "value")] == (5, 5)
    assert loaded.value_positions[("claims", 0, "value")] == (5, 12)


def test_columns_count_code_points_not_bytes() -> None:
    loaded = load_yaml("title: “Baotou’s” silicon\nnext: 1\n")
    loaded2 = load_yaml("a: “é” \nb: 2\n")
    assert loaded.value_positions[("next",)] == (2, 7)
    assert loaded2.data == {"a": "“é”", "b": 2}


def test_crlf_is_one_line_break() -> None:
    loaded = load_yaml("a: 1\r\nb: 2\r\nc: 3\r\n")
    assert loaded.value_positions[("c",)] == (3, 4)


def test_bom_is_ignored() -> None:
    assert load_yaml("\ufeffa: 1\n").data == {"a": 1}


def test_duplicate_key_reported_at_second_occurrence() -> None:
    loaded = load_yaml("claims:\n  - id: a\n    value: 1\n    value: 2\n")
    (problem,) = loaded.problems
    assert (problem.code, problem.line, problem.column) == ("S102", 4, 5)
    assert "line 3" in problem.message
    assert loaded.data["claims"][0]["value"] == 1  # the first value is kept, nothing overwritten


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['echo hi']\n",
        "a: !!python/name:os.system\n",
        "a: !custom 3\n",
        "a: !!binary aGVsbG8=\n",
        "base: &b {x: 1}\nother:\n  <<: *b\n",
    ],
)
def test_unsafe_or_unknown_tags_are_refused(text: str) -> None:
    assert "S103" in codes(text)


def test_unsafe_tag_never_runs(tmp_path: pytest.TempPathFactory) -> None:
    marker = f"{tmp_path}/ran"
    load_yaml(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    import os

    assert not os.path.exists(marker)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("v: yes", True),
        ("v: no", False),
        ("v: Off", False),
        ("v: 2023-05-22", dt.date(2023, 5, 22)),
        ("v: 1_000", 1000),
        ("v: 10:30", "10:30"),  # sexagesimal stays text, never 630
        ("v: 010", "010"),  # leading zero stays text, never octal 8
        ("v: 0x10", 16),
        ("v: 3.5", 3.5),
        ("v: 2023-02-30", "2023-02-30"),  # no such day: kept as text for the schema to refuse
        ("v: '123'", "123"),
        ("v: ~", None),
    ],
)
def test_yaml_1_1_forms_are_decided_deliberately(text: str, expected: object) -> None:
    loaded = load_yaml(text + "\n")
    assert loaded.problems == []
    assert loaded.data["v"] == expected
    assert type(loaded.data["v"]) is type(expected)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: [1, 2\n", 2),
        ("a:\n\t- 1\n", 2),
        ("a: 1\n b: 2\n", 2),
        ("a: 'unclosed\n", 2),
        ("- a\nb: 1\n", 2),
        ("a: 1\n---\nb: 2\n", 2),
    ],
)
def test_invalid_yaml_is_a_located_problem(text: str, line: int) -> None:
    loaded = load_yaml(text)
    assert loaded.data is None
    (problem,) = loaded.problems
    assert problem.code == "S101"
    assert problem.line == line


def test_control_characters_are_a_problem_not_a_crash() -> None:
    (problem,) = load_yaml("a: b\x00c\n").problems
    assert problem.code == "S101"


def test_billion_laughs_is_refused_quickly() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 10):
        prev, cur = chr(96 + i), chr(97 + i)
        text += f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]\n"
    loaded = load_yaml(text)
    assert [p.code for p in loaded.problems] == ["S112"]
    assert loaded.data is None


def test_recursive_alias_is_refused() -> None:
    assert codes("a: &x [1, *x]\n") == ["S112"]


def test_small_aliases_are_shared_not_refused() -> None:
    loaded = load_yaml("a: &x {k: 1}\nb: *x\n")
    assert loaded.problems == []
    assert loaded.data["b"] == {"k": 1}


def test_deep_nesting_is_refused() -> None:
    depth = 200
    text = "a: " + "[" * depth + "]" * depth + "\n"
    assert "S112" in codes(text)


def test_empty_document() -> None:
    loaded = load_yaml("# only a comment\n")
    assert loaded.data is None and loaded.problems == []


@pytest.mark.parametrize(
    "written",
    ["a", '"a"', "'1'", "1", "1.5", "yes", '"yes"', "! yes", "!!str 1", "~", "null", "", '""', "2023-01-01",
     "'2023-01-01'", '[1, "2", x]', '{a: "1", b: 2}', "! 12", ".inf", "0x1F", "1_000", "10:30"],
)
def test_tags_are_those_of_the_safe_loader(written: str) -> None:
    """The loader's own tag resolution (remembered per plain scalar, defaults for the rest) tags every
    node as PyYAML's safe loader does; only the building of values differs (see the module's notes)."""
    import yaml
    from claimlint.reading.yamlload import _Loader

    def tags(node: yaml.Node) -> object:
        if isinstance(node, yaml.ScalarNode):
            return (node.tag, node.value)
        if isinstance(node, yaml.SequenceNode):
            return (node.tag, [tags(child) for child in node.value])
        return (node.tag, [(tags(key), tags(value)) for key, value in node.value])

    document = f"k: {written}\n"
    for _ in range(2):  # the second time from the memory of plain scalars
        assert tags(yaml.compose(document, Loader=_Loader)) == tags(yaml.compose(document, Loader=yaml.SafeLoader))
