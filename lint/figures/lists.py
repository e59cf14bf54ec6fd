"""Lists paired by "respectively": "the output of polysilicon, wafers and cells reached 827,000 tons,
357 GW and 318 GW respectively" names three things and gives a figure for each, in order.

The one reading of such a sentence that P204 (the two lists' lengths differ) and the reading of a
text's figures (each figure takes the metric of its own thing) share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .reader import Figure
from .text import Sentence, TextDocument

RESPECTIVELY = re.compile(r"(?i)\brespectively\b")
_VERB = re.compile(r"(?i)\b(?:was|were|is|are|reached|reaching|hit|stood\s+at|totall?ed|amounted\s+to|"
                   r"accounted\s+for|accounting\s+for|increased(?:\s+by)?|rose(?:\s+by)?|grew(?:\s+by)?|"
                   r"fell(?:\s+by)?|decreased(?:\s+by)?|exceeded|achieved|produced|of)\s+(?:about\s+|nearly\s+|"
                   r"more\s+than\s+|over\s+)?$")
_ITEM = r"(?:(?!of\b)[A-Za-z'’()-]+\s+){0,4}?(?!of\b)[A-Za-z'’()-]+"  # a noun phrase: no "of" tail inside one item
_LIST_OF = re.compile(rf"(?i)\b(?:of|in|for|which)\s+(?:the\s+)?({_ITEM}(?:\s*,\s*{_ITEM})*\s*,?\s+and\s+{_ITEM})\s*$")


@dataclass(frozen=True)
class RespectiveList:
    """The things a clause lists and the run of figures it gives them "respectively"."""

    names: list[str]
    figures: list[Figure]
    end: int  # where "respectively" ends


def _last_list(text: str, start: int, end: int) -> re.Match[str] | None:
    """The list of things that ends right before the verb, starting at the last "of"/"in"/... that gives
    one ("In terms of vehicle types, the production and sales of ... were": production and sales)."""
    for lead in reversed(list(re.finditer(r"(?i)\b(?:of|in|for|which)\s", text[start:end]))):
        found = _LIST_OF.match(text, start + lead.start(), end)
        if found is not None:
            return found
    return None


def respective_list(document: TextDocument, clause: Sentence) -> RespectiveList | None:
    """The things and figures a clause pairs by "respectively", or None when it pairs none."""
    text = document.text
    respectively = RESPECTIVELY.search(text, clause.start, clause.end)
    if respectively is None:
        return None
    figures = [f for f in document.figures_in(clause) if f.end <= respectively.start()]
    if len(figures) < 2:
        return None
    run = [figures[-1]]  # the figures listed just before "respectively"
    for figure in reversed(figures[:-1]):
        gap = text[figure.end : run[0].start]
        if not re.fullmatch(r"\s*(?:,|and|,\s*and|;)\s*", gap):
            break
        run.insert(0, figure)
    head = text[clause.start : run[0].start]
    verbs = list(_VERB.finditer(head))
    if not verbs:
        return None
    verb = verbs[-1]  # the verb just before the figures
    items = _last_list(text, clause.start, clause.start + verb.start())
    if items is None:
        return None
    names = [n.strip() for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", items.group(1)) if n.strip()]
    if len(names) < 2:
        return None
    return RespectiveList(names, run, respectively.end())
