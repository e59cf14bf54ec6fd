"""Source documents: normalisation, positions, safe resolution and reading."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from claimlint.reading.sources import LineIndex, SourceText, normalise, read_source, resolve_source


def source(text: str) -> SourceText:
    return SourceText("seeds/x.txt", text, "0" * 64)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  b\n\tc", "a b c"),
        ("  lead and trail  ", "lead and trail"),
        ("Baotou’s “fast”", "Baotou's \"fast\""),
        ("2022–2024 — done", "2022-2024 - done"),
        ("ＧＷ ５０", "GW 50"),  # full-width forms (NFKC)
        ("a\u00a0b\u3000c", "a b c"),  # no-break and ideographic spaces
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text)[0] == expected


def test_normalised_offsets_map_back_to_original() -> None:
    text = "x  “y”\r\nz"
    norm, origin = normalise(text)
    assert norm == 'x "y" z'
    assert [text[i] for i in origin] == ["x", " ", "“", "y", "”", "\r", "z"]


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("abc\ndef", 5, (2, 2)),
        ("abc\r\ndef", 5, (2, 1)),  # \r\n is one break
        ("abc\rdef", 4, (2, 1)),
        ("é’x\nq", 2, (1, 3)),  # columns count code points
        ("a\n\nb", 3, (3, 1)),
    ],
)
def test_line_index(text: str, offset: int, expected: tuple[int, int]) -> None:
    assert LineIndex(text).position(offset) == expected


def test_find_quote_across_line_breaks_and_typography() -> None:
    doc = source('Line one.\r\nBaotou’s capacity of\n   335,000 tons\u2014polysilicon.')
    (match,) = doc.find_quote("Baotou's capacity of 335,000 tons-polysilicon")
    assert (match.line, match.column) == (2, 1)
    assert doc.text[match.start : match.end].endswith("polysilicon")


def test_find_quote_reports_every_occurrence() -> None:
    doc = source("100 billion yuan here.\nAnd 100 billion yuan there.")
    assert [(m.line, m.column) for m in doc.find_quote("100 billion yuan")] == [(1, 1), (2, 5)]


def test_closest_passage_points_at_the_near_miss() -> None:
    doc = source("Intro.\nforming a production capacity of 335,000 tons of polysilicon, and more.")
    where, passage, score = doc.closest_passage("production capacity of 353,000 tons of polysilicon")  # type: ignore[misc]
    assert where.line == 2
    assert "335,000 tons" in passage
    assert score > 80


@pytest.mark.parametrize(("quote", "expected"), [
    ("a polysilicon production capacity of 335,000 tonnes", "a polysilicon production capacity of 335,000 tons"),
    ("Baotou had a polysilicon capacity of 335,000", "Baotou had a polysilicon production capacity of 335,000"),
    ("production capacity of 335,000 tons, the cit", "production capacity of 335,000 tons, the city"),
])
def test_closest_passage_is_whole_words(quote: str, expected: str) -> None:
    """An alignment that starts or ends inside a word ("d a polysilicon", from "had") is moved to the
    word boundary most like the quote: the passage is one an editor can put in its place."""
    doc = source("In 2023 Baotou had a polysilicon production capacity of 335,000 tons, the city said.")
    _where, passage, _score = doc.closest_passage(quote)  # type: ignore[misc]
    assert passage == expected


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "raw",
    ["/etc/passwd", "../outside.txt", "seeds/../outside.txt", "seeds/../seeds/a.txt", "outside.txt", "seeds", "a\x00b"],
)
def test_unsafe_source_paths_are_refused(tree: Path, raw: str) -> None:
    real, problem = resolve_source(tree, tree / "seeds", raw)
    assert real is None
    assert problem is not None and problem.code == "S109"


def test_link_pointing_outside_is_refused(tree: Path) -> None:
    os.symlink(tree / "outside.txt", tree / "seeds" / "link.txt")
    real, problem = resolve_source(tree, tree / "seeds", "seeds/link.txt")
    assert real is None and problem is not None and "link" in problem.message


def test_symlink_loop_is_a_finding_not_a_hang(tree: Path) -> None:
    os.symlink(tree / "seeds" / "loop2", tree / "seeds" / "loop1")
    os.symlink(tree / "seeds" / "loop1", tree / "seeds" / "loop2")
    real, problem = resolve_source(tree, tree / "seeds", "seeds/loop1")
    if problem is None:  # resolved to a path inside seeds: reading it must then fail cleanly
        assert real is not None
        _, read_problem = read_source(real, "seeds/loop1")
        assert read_problem is not None and read_problem.code in ("S110", "S111")


def test_link_inside_seeds_is_followed(tree: Path) -> None:
    os.symlink(tree / "seeds" / "a.txt", tree / "seeds" / "b.txt")
    real, problem = resolve_source(tree, tree / "seeds", "seeds/b.txt")
    assert problem is None and real == (tree / "seeds" / "a.txt").resolve()


@pytest.mark.parametrize(
    ("content", "code", "words"),
    [
        (b"caf\xe9 au lait\n", "S111", "line 1, column 4"),
        (b"ok\nline two \xff\n", "S111", "line 2, column 10"),
        ("utf16 text".encode("utf-16"), "S111", "UTF-16"),
    ],
)
def test_unreadable_sources(tree: Path, content: bytes, code: str, words: str) -> None:
    path = tree / "seeds" / "bad.txt"
    path.write_bytes(content)
    text, problem = read_source(path, "seeds/bad.txt")
    assert text is None and problem is not None
    assert problem.code == code and words in problem.message


def test_missing_and_directory_sources(tree: Path) -> None:
    assert read_source(tree / "seeds" / "nope.txt", "seeds/nope.txt")[1].code == "S110"  # type: ignore[union-attr]
    (tree / "seeds" / "dir.txt").mkdir()
    assert read_source(tree / "seeds" / "dir.txt", "seeds/dir.txt")[1].code == "S111"  # type: ignore[union-attr]


def test_bom_is_dropped_and_hash_is_of_the_bytes(tree: Path) -> None:
    import hashlib

    data = "\ufeffHello".encode()
    (tree / "seeds" / "bom.txt").write_bytes(data)
    text, problem = read_source(tree / "seeds" / "bom.txt", "seeds/bom.txt")
    assert problem is None and text is not None
    assert text.text == "Hello" and text.sha256 == hashlib.sha256(data).hexdigest()
