"""The text edits the language server offers, on claims files written here."""

from __future__ import annotations

import textwrap

from claimlint.cli import claims_text
from claimlint.cli.claims_text import Edit


def _applied(text: str, edit: Edit) -> str:
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    start = offsets[edit.start[0]] + edit.start[1]
    end = offsets[edit.end[0]] + edit.end[1]
    return text[:start] + edit.text + text[end:]


FILE = textwrap.dedent("""\
    source:
      path: seeds/a.txt
    claims:
      - id: one
        quote: "a capacity of 335,000 tons"  # checked
      - id: two
        quote: >
          folded over
          two lines
      - id: three
        quote: plain text
          that goes on
        unit: t
    """)
ENTRY = claims_text.resolution_skeleton("C102", claim="one")


def test_quote_extents_of_quoted_folded_and_plain_scalars() -> None:
    spans = {span.index: span for span in claims_text.quote_spans(FILE)}
    assert (spans[0].start, spans[0].end) == ((4, 11), (4, 39))  # the comment is not the quote's
    assert spans[1].value == "folded over two lines\n" and (spans[1].start, spans[1].end) == ((6, 11), (8, 15))
    assert spans[2].value == "plain text that goes on" and spans[2].end == (11, 18)


def test_quote_at_finds_the_quote_under_the_cursor_only() -> None:
    assert claims_text.quote_at(FILE, 4, 5).index == 0  # on the key
    assert claims_text.quote_at(FILE, 7, 3).index == 1  # inside the folded value
    assert claims_text.quote_at(FILE, 3, 8) is None  # on an id
    assert claims_text.quote_at("claims: [unclosed", 0, 3) is None  # a file that does not parse


def test_replace_quote_writes_a_double_quoted_yaml_string() -> None:
    edit = claims_text.replace_quote(FILE, 1, 'the "closest" passage')
    fixed = _applied(FILE, edit)
    assert '    quote: "the \\"closest\\" passage"\n  - id: three' in fixed
    assert claims_text.quote_spans(fixed)[1].value == 'the "closest" passage'


def test_a_resolution_goes_at_the_end_of_an_existing_list_before_the_next_key() -> None:
    text = FILE.replace("source:\n  path: seeds/a.txt\n", "") + textwrap.dedent("""\
        resolutions:
        - code: C104
          claim: two
          verdict: accepted
          reason: fine
          # about the entry above
        source:
          path: seeds/a.txt
        """)
    written = _applied(text, claims_text.add_resolution(text, ENTRY))
    assert "  # about the entry above\n- code: C102\n  claim: one\n" in written  # the list's own indentation
    assert written.endswith("source:\n  path: seeds/a.txt\n")


def test_a_resolution_makes_the_list_when_there_is_none_or_it_is_empty() -> None:
    assert _applied(FILE, claims_text.add_resolution(FILE, ENTRY)) == FILE + "resolutions:\n" + "".join(
        f"  {line}\n" for line in ENTRY)
    no_newline = FILE.rstrip("\n")
    assert _applied(no_newline, claims_text.add_resolution(no_newline, ENTRY)).startswith(FILE + "resolutions:\n")
    empty = FILE + "resolutions: []  # none yet\n"
    written = _applied(empty, claims_text.add_resolution(empty, ENTRY))
    assert written.startswith(FILE + "resolutions:\n  - code: C102\n") and written.endswith("  # none yet\n")


def test_no_resolution_edit_on_a_file_that_is_not_a_mapping() -> None:
    assert claims_text.add_resolution("- just\n- a list\n", ENTRY) is None


def test_the_skeleton_of_a_finding_on_source_text_names_its_quote() -> None:
    lines = claims_text.resolution_skeleton("G102", quote='25GW of "components". 8GW', correction="25.8GW")
    assert lines[1] == '  quote: "25GW of \\"components\\". 8GW"'
    assert lines[3].startswith('  correction: "25.8GW"')


def test_value_being_typed() -> None:
    assert claims_text.value_being_typed("    metric: poly", ("metric",)) == ("metric", 12)
    assert claims_text.value_being_typed("  - subject: ", ("subject",)) == ("subject", 13)
    assert claims_text.value_being_typed("    unit: t", ("metric", "subject")) is None
    assert claims_text.value_being_typed("    metric: x  # comment", ("metric",)) is None


def test_passage_around_keeps_to_its_paragraph() -> None:
    text = "Title line.\n\nFirst words of the paragraph, then the quoted part,\nand the rest.\n\nNext paragraph."
    start = text.index("the quoted part")
    before, quoted, after = claims_text.passage_around(text, start, start + len("the quoted part"), width=20)
    assert quoted == "the quoted part"
    assert before == "…the paragraph, then "
    assert after == ", and the rest."


def test_yaml_value_quotes_only_what_yaml_would_misread() -> None:
    assert claims_text.yaml_value("Inner Mongolia") == "Inner Mongolia"
    assert claims_text.yaml_value("yes") == '"yes"'  # a boolean to YAML 1.1
    assert claims_text.yaml_value("Baotou: Phase I") == '"Baotou: Phase I"'
