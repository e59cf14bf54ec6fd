"""Property tests: arbitrary input never raises; figures rendered from values read back as those values."""

from __future__ import annotations

import datetime as dt
import unicodedata

from claimlint.figures.reader import read_figures
from claimlint.reading.sources import normalise
from hypothesis import given, settings
from hypothesis import strategies as st

from .fuzz_targets import dates, fuzz_text, fuzz_yaml, text_inputs, yaml_inputs


@settings(max_examples=300, deadline=None)
@given(yaml_inputs)
def test_yaml_loader_never_raises(text: str) -> None:
    fuzz_yaml(text)


@settings(max_examples=200, deadline=None)
@given(text_inputs, dates)
def test_figure_reader_and_text_scan_never_raise(text: str, published: dt.date | None) -> None:
    fuzz_text(text, published)


UNITS = [("tons", "t"), ("GW", "GW"), ("GWh", "GWh"), ("kilowatts", "kW"), ("yuan", "yuan"),
         ("square meters", "m**2"), ("MW", "MW")]
SCALES = [("", 1), (" thousand", 10**3), (" million", 10**6), (" billion", 10**9)]


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=999_999), st.integers(min_value=0, max_value=2),
       st.sampled_from(SCALES), st.sampled_from(UNITS), st.sampled_from(["", "nearly ", "more than ", "about "]))
def test_rendered_figures_read_back(number: int, decimals: int, scale: tuple[str, int], unit: tuple[str, str],
                                    qualifier: str) -> None:
    value = number / 10**decimals
    printed = f"{value:,.{decimals}f}"
    text = f"The plant reported {qualifier}{printed}{scale[0]} {unit[0]} of capacity."
    figures = read_figures(text)
    assert len(figures) == 1, (text, figures)
    (figure,) = figures
    assert figure.unit == unit[1]
    assert abs(figure.value - value * scale[1]) <= 1e-9 * value * scale[1]
    expected = {"": "exact", "nearly ": "nearly", "more than ": "more_than", "about ": "approx"}[qualifier]
    assert figure.qualifier == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab7 \t\n\r“”‘’—–ＧＷ５\u00a0\u3000¨")), max_size=40))
def test_normalised_text_maps_back_character_by_character(text: str) -> None:
    """Each character of the normalised text comes from the original character the origin names:
    the same character, its typographic or NFKC fold, or (for the one space) white space."""
    normalised, origin = normalise(text)
    assert len(origin) == len(normalised)
    offsets = list(origin)
    assert offsets == sorted(offsets) and all(0 <= offset < len(text) for offset in offsets)
    for char, offset in zip(normalised, offsets):
        source = text[offset]
        if char == " ":
            assert source.isspace() or unicodedata.normalize("NFKC", source).isspace() or source == " "
        else:
            assert char in normalise(source)[0] or char == source, (char, source)
