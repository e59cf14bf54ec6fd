"""Family T over source text: tense and relative dates against the publication date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..findings import Severity
from ..textscan import Sentence, TextDocument, TextProblem
from .base import Example, TextRule

# Each pattern first tests the letter its words start with: a search then skips most places at once.
_YEAR_ANCHOR = re.compile(
    r"(?=[IiBbDdSsUuAa])\b(?:[Ii]n|[Bb]y|[Dd]uring|[Ss]ince|[Bb]efore|[Uu]ntil|[Aa]t)\s+(?:the\s+(?:end|start|beginning)\s+of\s+)?"
    r"((?:19|20)\d{2})(?![\d-])"
)
_FUTURE = re.compile(r"(?=[ws])\b(will|shall)\s+(?:be\s+)?([a-z]+)")
_DEADLINE = re.compile(r"^By\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\b")
_TIME_WORDS = re.compile(
    r"\b(?:(?:19|20)\d{2}|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|year|month|quarter|week|today|yesterday|now|currently|previously|earlier|recently|ago)\b",
    re.IGNORECASE,
)


def _claims(published: str | None) -> str:
    date = f"  published: {published}\n" if published else ""
    return f"source:\n  path: seeds/example.txt\n{date}claims: []\n"


class FutureTensePastYear(TextRule):
    """
    ## What it does
    Reports a sentence about a year already over at publication that speaks
    in the future tense ("In 2022, output will exceed 100 billion yuan" in a
    2023 article), and proposes the past tense. Reported speech dated by the
    year ("In 2021 the firm said it will") and sentences that also name a
    year still to come are left alone.

    ## Why is this bad?
    Machine translation often turns a reported result into a forecast; a
    reader cannot tell whether the figure was achieved.
    """

    code = "T201"
    severity = Severity.WARNING
    name = "future-tense-past-year"
    summary = "future tense about a year already past"
    failing = Example(_claims("2023-05-22"), "In 2022, the output value will exceed 100 billion yuan.\n")
    passing = Example(_claims("2023-05-22"), "In 2022, the output value exceeded 100 billion yuan.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        published, domain = document.published, document.domain
        if published is None:
            return
        reporting = domain.reporting_verbs if domain else None
        for sentence in document.sentences:
            years = [(m, int(m.group(1))) for m in _YEAR_ANCHOR.finditer(sentence.text)]
            past = [(m, y) for m, y in years if y < published.year]
            if not past or any(y >= published.year for _, y in years):
                continue
            future = _FUTURE.search(sentence.text)
            anchor = past[0][0]
            if future is None:
                continue
            # "In 2021 the firm said it will ...": the year dates the saying, not the event
            if reporting and anchor.end() <= future.start() and reporting.search(sentence.text, anchor.end(),
                                                                                   future.start()):
                continue
            verb = future.group(2)
            past_verb = domain.past_of(verb) if domain else verb + "ed"
            first, last = min(anchor.start(), future.start()), max(anchor.end(), future.end())
            span = sentence.text[first:last]
            relative = future.start() - first
            correction = span[:relative] + past_verb + span[relative + len(future.group(0)) :]
            yield TextProblem(
                sentence.start + first, sentence.start + last,
                f"future tense about {past[0][1]}, a year over when the text was published ({published.isoformat()})",
                correction=correction,
            )


class PastTenseFutureYear(TextRule):
    """
    ## What it does
    Reports a result verb in the past tense ("exceeded", "reached") about a
    year still to come at publication: in the sentence's own "by 2027", or,
    for a sentence with no time words of its own, in the "By 2027, ..." that
    opens the sentence before it.

    ## Why is this bad?
    A plan's target reported as achieved reads as a fact; the translation
    lost the future tense, and a reader may cite a goal as a result.
    """

    code = "T202"
    severity = Severity.WARNING
    name = "past-tense-future-year"
    summary = "past tense about a year still to come"
    failing = Example(_claims("2022-06-14"),
                      "By 2024, the battery industry will expand. The output value exceeded 100 billion yuan.\n")
    passing = Example(_claims("2022-06-14"),
                      "By 2024, the battery industry will expand. The output value will exceed 100 billion yuan.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        published, domain = document.published, document.domain
        verbs = domain.result_verbs if domain else None
        if published is None or verbs is None:
            return
        future = domain.future_tense if domain else None
        previous: Sentence | None = None
        for sentence in document.sentences:
            verb = verbs.search(sentence.text)
            year = self._anchor(sentence, previous, verb, future) if verb else None
            previous = sentence
            if verb is None or year is None or year <= published.year:
                continue
            present = domain.language.result_verbs.get(verb.group(0).lower()) if domain and domain.language else None
            head = sentence.text[: verb.start()]
            yield TextProblem(
                sentence.start, sentence.start + verb.end(),
                f"'{verb.group(0)}' reports as done what is set for {year}, after publication "
                f"({published.isoformat()})",
                correction=f"{head}will {present}" if present else None,
            )

    @staticmethod
    def _anchor(sentence: Sentence, previous: Sentence | None, verb: re.Match[str],
                future: re.Pattern[str] | None) -> int | None:
        """The year the verb speaks of; None when the sentence speaks of it in the future anyway.

        The nearest year before the verb governs it; failing that, the first after it, unless a
        future phrase stands between ("produced 420,000 t, and aims to ... by 2027"); failing that,
        a "By 2027, ..." opening the sentence before, for a sentence with no time words.
        """
        text = sentence.text
        if future is not None and future.search(text, 0, verb.start()):
            return None  # "will be completed", "is set to have reached"
        anchors = list(_YEAR_ANCHOR.finditer(text))
        before = [m for m in anchors if m.end() <= verb.start()]
        if before:
            return int(before[-1].group(1))
        after = [m for m in anchors if m.start() >= verb.end()]
        if after:
            if future is not None and future.search(text, verb.end(), after[0].start()):
                return None
            return int(after[0].group(1))
        if _TIME_WORDS.search(text) or previous is None:
            return None
        deadline = _DEADLINE.match(previous.text)
        return int(deadline.group(1)) if deadline else None


class RelativeDateUndated(TextRule):
    """
    ## What it does
    Reports relative dates ("this year", "the first 10 months of this
    year", "last year") in a text whose publication date is unknown: not
    given with `--published`, not in the claims file's `source.published`,
    and no date line in the text.

    ## Why is this bad?
    "This year" names no year until the text is dated: every figure it
    dates floats free and cannot be compared.
    """

    code = "T203"
    severity = Severity.WARNING
    name = "relative-date-undated"
    summary = "relative date in an undated text"
    failing = Example(_claims(None), "This year, output will reach 140,000 tons.\n")
    passing = Example(_claims("2009-11-20"), "This year, output will reach 140,000 tons.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        if document.published is not None or document.domain is None:
            return
        pattern = document.domain.relative_time
        if pattern is None:
            return
        for found in pattern.finditer(document.text):
            yield TextProblem(found.start(), found.end(),
                              "a relative date, and the text's publication date is unknown")
