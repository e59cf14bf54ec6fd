"""The figure reader: many tiny inline cases (expected values worked out by hand), then the seeds."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from claimlint.domain.units import UnitWords
from claimlint.figures.reader import QUALIFIERS, Figure, read_figures
from hypothesis import given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "data" / "seed_figures.yaml"

Row = tuple[str, Any, Any, Any, str]  # text, value, high, unit, qualifier


def rows(text: str) -> list[Row]:
    return [(f.text, f.value, f.high, f.unit, f.qualifier) for f in read_figures(text)]


# --- what a figure reads as -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # thousands separators, decimals, glued or spaced units
        (
            "a capacity of 335,000 tons of polysilicon",
            [("335,000 tons", 335000, None, "t", "exact")],
        ),
        ("138.8GW of monocrystalline silicon", [("138.8GW", 138.8, None, "GW", "exact")]),
        ("50GWh of power batteries", [("50GWh", 50, None, "GWh", "exact")]),
        ("41 GW. Slicing", [("41 GW", 41, None, "GW", "exact")]),
        ("10MW and 5 kW", [("10MW", 10, None, "MW", "exact"), ("5 kW", 5, None, "kW", "exact")]),
        ("2,000 tons", [("2,000 tons", 2000, None, "t", "exact")]),
        ("1,234.5 tonnes", [("1,234.5 tonnes", 1234.5, None, "t", "exact")]),
        # scale words
        ("3.37 million tons", [("3.37 million tons", 3370000, None, "t", "exact")]),
        (
            "1.2 million tons of organic silicon",
            [("1.2 million tons", 1200000, None, "t", "exact")],
        ),
        (
            "1.5 billion square meters of diaphragm",
            [("1.5 billion square meters", 1500000000, None, "m**2", "exact")],
        ),
        ("450 million kilowatts", [("450 million kilowatts", 450000000, None, "kW", "exact")]),
        ("100 billion yuan", [("100 billion yuan", 100000000000, None, "yuan", "exact")]),
        ("2 trillion yuan", [("2 trillion yuan", 2000000000000, None, "yuan", "exact")]),
        ("80 thousand tons", [("80 thousand tons", 80000, None, "t", "exact")]),
        ("5 hundred million yuan", [("5 hundred million yuan", 500000000, None, "yuan", "exact")]),
        ("ten thousand tons", [("ten thousand tons", 10000, None, "t", "exact")]),
        ("a million tons", [("a million tons", 1000000, None, "t", "exact")]),
        ("5 billion", [("5 billion", 5000000000, None, None, "exact")]),
        # hyphenated
        ("a 300,000-ton industrial silicon project", [("300,000-ton", 300000, None, "t", "exact")]),
        (
            "100,000-ton high-purity polysilicon + 1,000-ton semiconductor",
            [("100,000-ton", 100000, None, "t", "exact"), ("1,000-ton", 1000, None, "t", "exact")],
        ),
        ("a 50-GW base", [("50-GW", 50, None, "GW", "exact")]),
        # percents
        ("45% of the world", [("45%", 45, None, "percent", "exact")]),
        ("12.5 percent", [("12.5 percent", 12.5, None, "percent", "exact")]),
        ("five percent", [("five percent", 5, None, "percent", "exact")]),
        ("7 per cent", [("7 per cent", 7, None, "percent", "exact")]),
        ("3 percentage points", [("3 percentage points", 3, None, "percentage_point", "exact")]),
        # number words, fractions, multiples
        ("three times", [("three times", 3, None, "times", "exact")]),
        ("one and a half times", [("one and a half times", 1.5, None, "times", "exact")]),
        ("twenty-five enterprises", [("twenty-five enterprises", 25, None, "enterprise", "exact")]),
        (
            "one hundred and twenty projects",
            [("one hundred and twenty projects", 120, None, "project", "exact")],
        ),
        ("It took only one year", [("one year", 1, None, "year", "exact")]),
        ("after only one month of operation", [("one month", 1, None, "month", "exact")]),
        ("half of the country", [("half", 50, None, "percent", "exact")]),
        ("one fifth of the total", [("one fifth", 20, None, "percent", "exact")]),
        ("a quarter of the market", [("a quarter", 25, None, "percent", "exact")]),
        (
            "two-thirds of output",
            [("two-thirds", pytest.approx(66.6667, abs=1e-3), None, "percent", "exact")],
        ),
        ("half a year", [("half a year", 0.5, None, "year", "exact")]),
        # counting nouns, a few words after the number
        (
            "12 key photovoltaic manufacturing enterprises",
            [("12 key photovoltaic manufacturing enterprises", 12, None, "enterprise", "exact")],
        ),
        (
            "the four major polysilicon leading enterprises",
            [("four major polysilicon leading enterprises", 4, None, "enterprise", "exact")],
        ),
        (
            "five green silicon material gathering areas",
            [("five green silicon material gathering areas", 5, None, "area", "exact")],
        ),
        (
            "38 photovoltaic industry projects",
            [("38 photovoltaic industry projects", 38, None, "project", "exact")],
        ),
        ("nearly 100 experts", [("100 experts", 100, None, "expert", "nearly")]),
        ("only 50 days", [("50 days", 50, None, "day", "exact")]),
        # ranges and alternatives: both ends, never a midpoint
        ("30-40 GW", [("30-40 GW", 30, 40, "GW", "exact")]),
        ("30–40 GW", [("30–40 GW", 30, 40, "GW", "exact")]),
        ("30GW-40GW", [("30GW-40GW", 30, 40, "GW", "exact")]),
        ("30 to 40 GW", [("30 to 40 GW", 30, 40, "GW", "exact")]),
        ("between 5 and 8 GW", [("5 and 8 GW", 5, 8, "GW", "exact")]),
        (
            "1 or 2 demonstration projects",
            [("1 or 2 demonstration projects", 1, 2, "project", "exact")],
        ),
        ("two or three years", [("two or three years", 2, 3, "year", "exact")]),
        ("20%-30%", [("20%-30%", 20, 30, "percent", "exact")]),
        ("3-5 million tons", [("3-5 million tons", 3000000, 5000000, "t", "exact")]),
        ("500 to 1 million tons", [("500 to 1 million tons", 500, 1000000, "t", "exact")]),
        # a change is two figures; the first takes the second's unit
        (
            "rose from 20 to 40 GW",
            [("20", 20, None, "GW", "exact"), ("40 GW", 40, None, "GW", "exact")],
        ),
        # currency written before the number
        ("RMB 5 billion", [("RMB 5 billion", 5000000000, None, "yuan", "exact")]),
        ("¥300 million", [("¥300 million", 300000000, None, "yuan", "exact")]),
        # orders of magnitude
        (
            "a 100 billion-level semiconductor industry cluster",
            [("100 billion-level", 100000000000, None, None, "approx")],
        ),
        (
            "a 100 billion Level cluster",
            [("100 billion Level", 100000000000, None, None, "approx")],
        ),
        (
            "a trillion-level photovoltaic industry cluster",
            [("trillion-level", 1000000000000, None, None, "approx")],
        ),
        ("for 5 consecutive years", [("5 consecutive years", 5, None, "year", "exact")]),
        ("only 1/3 of the capacity", [("1/3", pytest.approx(33.3333, abs=1e-3), None, "percent", "exact")]),
        # a bare number keeps unit None
        ("the index rose to 135", [("135", 135, None, None, "exact")]),
        # a minus sign belongs to the number; a hyphen between numbers does not
        ("a growth rate of -5%", [("-5%", -5, None, "percent", "exact")]),
        ("capacity fell (-3.2 GW) in 2023", [("-3.2 GW", -3.2, None, "GW", "exact")]),
        ("from 30 - 40 GW", [("30 - 40 GW", 30, 40, "GW", "exact")]),
        # damaged digit groups are read whole, so the figure keeps its unit (G106 reports the damage)
        ("output reached 12,3456 tons", [("12,3456 tons", 123456, None, "t", "exact")]),
        ("2,45,000 tons of silicon", [("2,45,000 tons", 245000, None, "t", "exact")]),
        ("items 1,2,3 of the list", []),
    ],
)
def test_reads(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("nearly 3 billion yuan", "nearly"),
        ("close to 8 million tons", "nearly"),
        ("almost 5 GW", "nearly"),
        ("about 5 GW", "approx"),
        ("approximately 5 GW", "approx"),
        ("around 5 GW", "approx"),
        ("more than 40%", "more_than"),
        ("over 10 GW", "more_than"),
        ("exceed 100 billion yuan", "more_than"),
        ("exceeding 100 billion yuan", "more_than"),
        ("exceeded 100 billion yuan", "more_than"),
        ("took only more than 10 months", "more_than"),
        ("at least 3 projects", "at_least"),
        ("no less than 3 projects", "at_least"),
        ("10 or more enterprises", "at_least"),
        ("100,000 tons or more", "at_least"),
        ("up to 30%", "at_most"),
        ("no more than 30%", "at_most"),
        ("not exceeding 30%", "at_most"),
        ("less than 2%", "less_than"),
        ("fewer than 5 experts", "less_than"),
        ("only 50 days", "exact"),
        ("it reached 50 days", "exact"),
        ("Exceeding 5 GW", "more_than"),
        ("nearly one fifth of the country", "nearly"),
    ],
)
def test_qualifier_in_front(text: str, qualifier: str) -> None:
    figures = read_figures(text)
    assert len(figures) == 1
    assert figures[0].qualifier == qualifier
    assert figures[0].qualifier in QUALIFIERS


def test_qualifier_is_not_part_of_text() -> None:
    (figure,) = read_figures("the profit and tax were nearly 3 billion yuan")
    assert figure.text == "3 billion yuan"


@pytest.mark.parametrize(
    ("text", "step"),
    [
        ("335,000 tons", 1.0),  # every digit printed
        ("138.8GW", 0.1),
        ("3.37 million tons", 10000.0),
        ("1.2 million tons", 100000.0),
        ("100 billion yuan", 1e9),
        ("8 million tons", 1e6),
        ("1.25 GW", 0.01),
        ("half of the country", 1.0),
        ("five percent", 1.0),
        ("two or three years", 1.0),
        ("five million tons", 1e6),
        ("trillion-level", 1e12),
        ("1.5-2 million tons", 100000.0),  # the finer end
    ],
)
def test_step(text: str, step: float) -> None:
    (figure,) = read_figures(text)
    assert figure.step == pytest.approx(step)


@pytest.mark.parametrize(
    "text",
    [
        # years, year ranges, dates, clock times
        "In 2022, the output value",
        "since 2021",
        "(2022-2024)",
        "2022–24",
        "from 2022 to 2024",
        "2022-06-14",
        "2023/05/22",
        "On May 19, the first phase",
        "On December 13, the reporter",
        "From November 17 to November 19",
        "19 May",
        "at 10:30",
        "At 10 p.m. on 5/12",
        # ordinals and names with digits
        "the 16th (2023) International",
        "13th Five-Year Plan",
        "the 2nd batch",
        "5G base stations",
        "COVID-19",
        "G20 summit",
        "the 1980s",
        # labels
        "Phase 2 of the project",
        "No. 3 plant",
        "Figure 12 shows",
        # plan names and periods
        "the three years action plan (2022-2024)",
        "a three-year action plan",
        "in the first 10 months of this year",
        "In the past two years, Xinte",
        "in the next 3 years",
        # words that are not counts
        "one of them",
        "one of the world's largest",
        "One, a number of",
        "on the one hand",
        "the two wings, building",
        "there is only one purpose-to ensure",
        "First, through the media; Second, to eliminate; Third, the introduction",
        "half the battle",
        "In the first half of 2023",
        "the second half of the year",
        "a third party",
        "the first batch of cities",
        # a lone digit: list markers, counters
        "2022-06-14 0 By",
        "item (1) and (2)",
        "(item 1-0).",
        "steps 1, 2 and 3.",
        # a year followed by punctuation
        "In 2015, the park",
        "by 2030; and (2025)",
    ],
)
def test_not_figures(text: str) -> None:
    assert rows(text) == []


def test_seed_sentence_with_a_split_decimal() -> None:
    """ "25GW of components. 8GW." reads as printed: two figures (the G rules judge the split)."""
    text = "25GW of slicing, and 25GW of components. 8GW."
    assert rows(text) == [
        ("25GW", 25, None, "GW", "exact"),
        ("25GW", 25, None, "GW", "exact"),
        ("8GW", 8, None, "GW", "exact"),
    ]


def test_seed_sentence_with_a_share() -> None:
    text = "In 2025, they will account for half of the country and 45% of the world."
    assert rows(text) == [
        ("half", 50, None, "percent", "exact"),
        ("45%", 45, None, "percent", "exact"),
    ]


def test_spans_point_at_the_text() -> None:
    text = "Yunnan “has” 300,000 tons, and 41 GW; nearly five percent"
    figures = read_figures(text)
    assert [(f.start, f.end) for f in figures] == [(13, 25), (31, 36), (45, 57)]
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text


def test_spans_count_code_points() -> None:
    text = "发电 😀 5 GW"
    (figure,) = read_figures(text)
    assert (figure.start, figure.end, figure.text) == (5, 9, "5 GW")


def test_values_are_int_when_whole() -> None:
    (whole,) = read_figures("3.37 million tons")
    (fraction,) = read_figures("138.8GW")
    assert isinstance(whole.value, int)
    assert isinstance(fraction.value, float)


# --- the vocabulary is data, and can be passed in ----------------------------------------------


def test_a_vocabulary_passed_in() -> None:
    words = UnitWords({"widgets": "widget", "Zt": "zettaton"}, {"widget": "counted"})
    assert [(f.value, f.unit) for f in read_figures("12 blue widgets and 3 Zt", words)] == [
        (12, "widget"),
        (3, "zettaton"),
    ]
    # the default words are not there: "tons" names nothing, so 300,000 is a bare number
    assert [(f.text, f.unit) for f in read_figures("300,000 tons", words)] == [("300,000", None)]


def test_reading_figures_never_imports_pint() -> None:
    code = textwrap.dedent(
        """
        import sys, pathlib
        from claimlint.figures.reader import read_figures
        for path in sorted(pathlib.Path("seeds").glob("*.txt")):
            read_figures(path.read_text(encoding="utf-8"))
        print("pint" in sys.modules)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "False"


# --- never raises ------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "5",
        "300,000",
        "3.37",
        "1,2",
        "2022",
        "-",
        "–",
        " ",
        "  ",
        "\n",
        ".",
        ",",
        "%",
        "GW",
        "GWh",
        "tons",
        "-ton",
        "million",
        "billion",
        "trillion",
        "level",
        "-level",
        "or",
        "to",
        "and",
        "of",
        "nearly",
        "more than",
        "up to",
        "half",
        "one",
        "fifth",
        "two",
        "a",
        "the",
        "years",
        "first",
        "enterprises",
        "RMB",
        "¥",
        "May",
        "16th",
        "5G",
        "Phase",
        "Five-Year",
        "Plan",
        "😀",
        "发电",
        "\u00a0",
        "1e5",
        "０",
        "٣",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_never_raises_on_figure_like_text(text: str) -> None:
    check_invariants(text, read_figures(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text: str) -> None:
    check_invariants(text, read_figures(text))


def check_invariants(text: str, figures: list[Figure]) -> None:
    previous_end = 0
    for figure in figures:
        assert previous_end <= figure.start < figure.end <= len(text)
        assert text[figure.start : figure.end] == figure.text
        assert figure.qualifier in QUALIFIERS
        assert figure.step > 0
        previous_end = figure.end


@pytest.mark.parametrize(
    "text",
    [
        "9" * 5000 + " tons",
        "5" + " trillion" * 5000 + " tons",
        "1," + "000," * 3000 + "000 t",
        "1 or " * 2000 + "1",
    ],
)
def test_absurd_input(text: str) -> None:
    check_invariants(text, read_figures(text))


def test_speed() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted((REPO / "seeds").glob("*.txt"))]
    read_figures(texts[0])
    began = time.perf_counter()
    for _ in range(10):
        for text in texts:
            read_figures(text)
    assert (time.perf_counter() - began) / 10 < 0.25  # about 5 ms on the development machine


# --- the seeds, against the hand-checked list ----------------------------------------------------


def _locate(text: str, entries: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Each entry's span: found in document order, through `near` when the text repeats."""
    located = []
    cursor = 0
    for entry in entries:
        near = entry.get("near", entry["text"])
        at = text.find(near, cursor)
        assert at >= 0, f"{near!r} not found after offset {cursor}"
        offset = near.find(entry["text"])
        assert offset >= 0, entry
        start = at + offset
        located.append((start, start + len(entry["text"]), entry))
        cursor = start
    return located


def _measure() -> dict[str, Any]:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    counts = {
        "gold": 0,
        "read": 0,
        "hits": 0,
        "qualifier_ok": 0,
        "text_ok": 0,
        "not_figure_hits": 0,
    }
    problems: list[str] = []
    for name, expected in gold["seeds"].items():
        text = (REPO / "seeds" / name).read_text(encoding="utf-8")
        figures = _locate(text, expected["figures"])
        not_figures = _locate(text, expected.get("not_figures", []))
        found = read_figures(text)
        counts["gold"] += len(figures)
        counts["read"] += len(found)
        matched: set[int] = set()
        for figure in found:
            hit = next(
                (
                    (start, entry)
                    for start, end, entry in figures
                    if start < figure.end and figure.start < end and start not in matched
                ),
                None,
            )
            if hit is not None and (figure.value, figure.high, figure.unit) == (
                hit[1]["value"],
                hit[1].get("high"),
                hit[1]["unit"],
            ):
                matched.add(hit[0])
                counts["hits"] += 1
                counts["qualifier_ok"] += figure.qualifier == hit[1]["qualifier"]
                counts["text_ok"] += figure.text == hit[1]["text"]
                if figure.qualifier != hit[1]["qualifier"]:
                    problems.append(
                        f"{name}: qualifier of {figure.text!r}: {figure.qualifier} != {hit[1]['qualifier']}"
                    )
            else:
                problems.append(f"{name}: wrong or extra {figure}")
            if any(start < figure.end and figure.start < end for start, end, _ in not_figures):
                counts["not_figure_hits"] += 1
        problems.extend(
            f"{name}: missed {entry['text']!r}"
            for start, _, entry in figures
            if start not in matched
        )
    counts["recall"] = counts["hits"] / counts["gold"]
    counts["precision"] = counts["hits"] / counts["read"] if counts["read"] else 1.0
    counts["qualifier"] = counts["qualifier_ok"] / counts["hits"]
    counts["text"] = counts["text_ok"] / counts["hits"]
    counts["problems"] = problems
    return counts


def test_the_gold_list_is_consistent() -> None:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    assert sorted(gold["seeds"]) == sorted(path.name for path in (REPO / "seeds").glob("*.txt"))
    for name, expected in gold["seeds"].items():
        text = (REPO / "seeds" / name).read_text(encoding="utf-8")
        for _, _, entry in _locate(text, expected["figures"]):
            assert entry["qualifier"] in QUALIFIERS
            assert isinstance(entry["value"], (int, float))
        _locate(text, expected.get("not_figures", []))


def test_recall_and_precision_on_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    result = _measure()
    with capsys.disabled():
        print(
            f"\nseed figures: recall {result['recall']:.3f} ({result['hits']}/{result['gold']}), "
            f"precision {result['precision']:.3f} ({result['hits']}/{result['read']}), "
            f"qualifier agreement {result['qualifier']:.3f}, exact text {result['text']:.3f}, "
            f"look-alikes read as figures {result['not_figure_hits']}"
        )
        for problem in result["problems"]:
            print("  " + problem)
    assert result["recall"] >= 0.9
    assert result["precision"] >= 0.9
    assert result["qualifier"] >= 0.9
    assert result["text"] >= 0.9


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ſeven thouſand tons", ("ſeven thouſand tons", 7000, "t", "exact")),
        ("ſome 5 GW", ("5 GW", 5, "GW", "approx")),
        ("İn excess of 5 GW", ("5 GW", 5, "GW", "more_than")),
        ("one ſeventh of it", ("one ſeventh", 100 / 7, "percent", "exact")),
    ],
)
def test_letters_case_insensitive_matching_folds_to_ascii(text: str, expected: tuple[object, ...]) -> None:
    """The long s, dotless and dotted I and the Kelvin sign match ASCII letters case-insensitively; a
    word so written is read as that word (it used to raise KeyError: the reader must never raise)."""
    (figure,) = read_figures(text)
    assert (figure.text, figure.value, figure.unit, figure.qualifier) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(2,584 million square meters)", ("2,584 million square meters", 2584000000, "m**2")),
        ("In 2015 tons.", ("2015 tons", 2015, "t")),  # a year-like number with a unit is a figure
        ("5, 7 GW.", ("7 GW", 7, "GW")),
    ],
)
def test_numbers_before_punctuation_that_are_figures(text: str, expected: tuple[object, ...]) -> None:
    """The year and lone-digit shortcut stops at punctuation only where nothing can follow."""
    found = [(f.text, f.value, f.unit) for f in read_figures(text)]
    assert found == [expected]
