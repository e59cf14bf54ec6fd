"""Where things are written in the text of a claims file, and the edits an editor offers on it.

Plain functions on text (no editor protocol here), used by the language server: the extent of a
claim's quote, the source passage around a quote, what to complete after ``metric:``, and the text
edits of its code actions. Positions are 0-based (line, character), characters counted as Python
counts them; the server converts them to the client's units.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

Position = tuple[int, int]


@dataclass(frozen=True)
class Edit:
    """Replace the text from ``start`` to ``end`` with ``text``."""

    start: Position
    end: Position
    text: str


@dataclass(frozen=True)
class QuoteSpan:
    """A claim's ``quote:`` as written: its index in ``claims``, the key's line, the value's extent."""

    index: int
    key_line: int
    start: Position
    end: Position
    value: str


def _compose(text: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None  # a file that does not parse: its S101 finding says where


def _mapping_get(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return key_node, value_node
    return None


def _mark(mark: Any) -> Position:
    return mark.line, mark.column


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every claim's quote that is a text, in file order."""
    root = _compose(text)
    claims = _mapping_get(root, "claims")
    if claims is None or not isinstance(claims[1], yaml.SequenceNode):
        return []
    spans = []
    for index, item in enumerate(claims[1].value):
        found = _mapping_get(item, "quote")
        if found is None or not isinstance(found[1], yaml.ScalarNode) or found[1].tag != "tag:yaml.org,2002:str":
            continue
        key, value = found
        spans.append(QuoteSpan(index, key.start_mark.line, _mark(value.start_mark), _end_of_scalar(text, value),
                               value.value))
    return spans


def _end_of_scalar(text: str, node: yaml.ScalarNode) -> Position:
    """Where a scalar's text ends: PyYAML's end mark of a block scalar (``|``, ``>``) lies at the start
    of the next line, and a plain scalar's trailing spaces are not its own."""
    line, column = _mark(node.end_mark)
    lines = text.split("\n")
    if node.style in ("|", ">") and column == 0 and line > 0:
        line -= 1
        while line > node.start_mark.line and not lines[line].strip():
            line -= 1
        return line, len(lines[line])
    return line, column


def quote_at(text: str, line: int, character: int) -> QuoteSpan | None:
    """The quote whose key or value holds the position, if any."""
    for span in quote_spans(text):
        on_key = line == span.key_line and character <= span.start[1]
        if on_key or span.start <= (line, character) <= span.end:
            return span
    return None


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar of ``value`` (a JSON string is one)."""
    return json.dumps(value, ensure_ascii=False)


def yaml_value(name: str) -> str:
    """A name as a YAML value: plain when YAML reads it back as itself, else double-quoted."""
    try:
        plain = yaml.safe_load(f"k: {name}") == {"k": name}
    except yaml.YAMLError:
        plain = False
    return name if plain else yaml_string(name)


def replace_quote(text: str, index: int, passage: str) -> Edit | None:
    """The edit that sets the quote of claim ``index`` to ``passage``."""
    for span in quote_spans(text):
        if span.index == index:
            return Edit(span.start, span.end, yaml_string(passage))
    return None


def claim_index(text: str, claim_id: str) -> int | None:
    """The index in ``claims`` of the claim with this id, as written."""
    claims = _mapping_get(_compose(text), "claims")
    if claims is None or not isinstance(claims[1], yaml.SequenceNode):
        return None
    for index, item in enumerate(claims[1].value):
        found = _mapping_get(item, "id")
        if found is not None and isinstance(found[1], yaml.ScalarNode) and found[1].value == claim_id:
            return index
    return None


def resolution_skeleton(code: str, *, claim: str | None = None, quote: str | None = None,
                        correction: str | None = None) -> list[str]:
    """The lines of a ``resolutions`` entry for a finding, at the left margin; ``reason`` (and, for a
    source error, ``correction``) left empty, so the entry resolves nothing until they are written."""
    lines = [f"- code: {code}"]
    lines.append(f"  claim: {claim}" if claim is not None else f"  quote: {yaml_string(quote or '')}")
    lines.append("  verdict: source-error  # source-error | false-positive | accepted")
    lines.append(f"  correction: {yaml_string(correction or '')}  # what the source should say (source-error)")
    lines.append('  reason: ""  # one sentence: why')
    return lines


_TOP_LEVEL_KEY = re.compile(r"[^\s#-]")


def add_resolution(text: str, entry: list[str]) -> Edit | None:
    """The edit that appends ``entry`` to the file's ``resolutions`` (making the list when there is
    none); None when the file does not parse as a mapping."""
    root = _compose(text)
    if root is not None and not isinstance(root, yaml.MappingNode):
        return None
    lines = text.split("\n")
    end_of_file = (len(lines) - 1, len(lines[-1]))
    found = _mapping_get(root, "resolutions") if root is not None else None
    newline = "" if text.endswith("\n") or not text else "\n"
    if found is None:
        block = "".join(f"  {line}\n" for line in entry)
        return Edit(end_of_file, end_of_file, f"{newline}resolutions:\n{block}")
    key, value = found
    if isinstance(value, yaml.SequenceNode) and value.value and not value.flow_style:
        first = value.value[0]
        indent = " " * max(0, first.start_mark.column - 2)
        block = "".join(f"{indent}{line}\n" for line in entry)
        last_line, last_column = _mark(value.value[-1].end_mark)
        at = last_line if last_column == 0 else last_line + 1
        at = _after_item_comments(lines, at, len(indent))
        if at >= len(lines) or (at == len(lines) - 1 and lines[at] == ""):
            return Edit(end_of_file, end_of_file, newline + block)
        return Edit((at, 0), (at, 0), block)
    if isinstance(value, yaml.SequenceNode) and value.value:
        return None  # a flow list with entries: rewriting it is the person's call
    # `resolutions:` with nothing, or `resolutions: []`: the list starts on the next line
    block = "".join(f"\n  {line}" for line in entry)
    return Edit(_mark(key.end_mark), _mark(value.end_mark), ":" + block)


def _after_item_comments(lines: list[str], at: int, indent: int) -> int:
    """Past comment lines indented as the list's items (they belong to the last item)."""
    while at < len(lines) and lines[at].strip().startswith("#") and len(lines[at]) - len(lines[at].lstrip()) >= indent:
        at += 1
    return at


def value_being_typed(line_text: str, keys: tuple[str, ...]) -> tuple[str, int] | None:
    """``(key, column where its value starts)`` when the text before the cursor is ``key: partial``."""
    match = re.match(r"\s*(?:-\s+)?(?P<key>[a-z_]+)\s*:\s?(?P<typed>[^#]*)$", line_text)
    if match is None or match.group("key") not in keys:
        return None
    return match.group("key"), match.start("typed")


def passage_around(text: str, start: int, end: int, width: int = 160) -> tuple[str, str, str]:
    """The passage ``text[start:end]`` and up to ``width`` characters of its paragraph either side,
    white space made single spaces; "…" where the paragraph goes on."""
    paragraph_start = text.rfind("\n\n", 0, start)
    paragraph_start = 0 if paragraph_start < 0 else paragraph_start + 2
    paragraph_end = text.find("\n\n", end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    low, high = max(paragraph_start, start - width), min(paragraph_end, end + width)
    before = ("…" if low > paragraph_start else "") + _spaced(text[low:start]).lstrip()
    after = _spaced(text[end:high]).rstrip() + ("…" if high < paragraph_end else "")
    return before, _spaced(text[start:end]), after


def _spaced(part: str) -> str:
    return re.sub(r"\s+", " ", part)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def markdown_text(text: str) -> str:
    """Text shown as itself in Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
