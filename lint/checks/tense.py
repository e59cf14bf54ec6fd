"""Family T over source text: tense and relative dates against the publication date.

The time a sentence speaks of comes from :mod:`claimlint.timewords` (years, months, parts of years,
relative years, with the base of a comparison set apart); the tense from the phrases of
``rules/language.yaml``. The publication date is the one given (``--published``, ``source.published``)
or stated by the text; T201 also uses the latest period the text itself reports as done when no date
is known.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator

from ..domain.timewords import TimeWord, time_words, years_named
from ..figures.reader import FUNCTION_WORDS
from ..figures.text import Sentence, TextDocument, TextProblem
from ..reading.findings import Severity
from .base import Example, TextRule

# The preposition that introduces a time word, shown with it in a finding ("In 2021, ... will exceed").
_INTRODUCED = re.compile(r"(?i)\b(?:in|by|during|at|for|until|before)\s+(?:the\s+(?:end|middle)\s+of\s+)?$")
_WILL = re.compile(r"(?i)\b(?:will|shall)\s+")
_EXPECTED = re.compile(r"(?i)\b(?:is|are|was|were)\s+(?:also\s+)?(?:expected|projected|estimated|forecast|set|planned|"
                       r"scheduled|due|likely)\s+to\s+")
_PLANS = re.compile(r"(?i)\b(?:plans?|aims?|strives?|intends?|strive)\s+to\s+")
# the first-letter test first, so that a search over a whole text skips most places at once
_ANY_FUTURE = re.compile(f"(?=[wWsSiIaApP])(?:(?:{_WILL.pattern[4:]})|(?:{_EXPECTED.pattern[4:]})|(?:{_PLANS.pattern[4:]}))",
                         re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][a-z]*(?:-[a-z]+)*")
_ADVERBS = frozenset({"also", "further", "still", "then", "soon", "again", "first", "even", "already", "gradually",
                      "basically", "initially", "eventually", "continue", "continuously"})
# "was 80%", "were 2.1 million tons": a past copula stating a figure reports it as measured
_PAST_COPULA = re.compile(r"(?i)(?=[wW])\b(?:was|were)\s+(?:about\s+|nearly\s+|over\s+|only\s+|around\s+|approximately\s+)?"
                          r"(?=[0-9])")
_TIME_WORDS = re.compile(
    r"\b(?:(?:19|20)\d{2}|January|February|March|April|May|June|July|August|September|October|November|"
    r"December|year|month|quarter|week|today|yesterday|now|currently|previously|earlier|recently|ago)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:19|20)\d\d")
# a span of months with no year: "From January to November" (data for a period the text's date places)
_MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_NO_YEAR_AFTER = r"(?![ \t]*,?[ \t]*(?:of[ \t]+)?(?:19|20)\d\d)"
# a span of months, or a day of a month ("On September 22", a dateline "August 1, Changzhou -"), with no year
_BARE_DATE = re.compile(rf"\b[Ff]rom[ \t]+{_MONTH_NAME}[ \t]+to[ \t]+{_MONTH_NAME}\b{_NO_YEAR_AFTER}"
                        rf"|\b(?:[Oo]n|[Ss]ince|[Aa]s[ \t]+of|[Uu]ntil)[ \t]+{_MONTH_NAME}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?"
                        rf"\b{_NO_YEAR_AFTER}"
                        rf"|^{_MONTH_NAME}[ \t]+\d{{1,2}}(?=,[ \t]+[A-Z][\w ]*[ \t]*[-–—])", re.MULTILINE)  # a dateline
_PLAN_WORDS = re.compile(r"(?i)\b(?:plans?|planned|planning|targets?|goals?|strive|striving|aims?|blueprint)\b")
_THIS_YEAR = re.compile(r"(?i)\b(?:this|the\s+current)\s+year\b")
_CLAUSE_JOIN = re.compile(r"(?i)\b(?:as|while|whereas|but|although|though|because|when|after|which|where|that)\s+"
                          r"(?:the|it|its|they|their|we|this|these|a|an|[A-Z][a-z]+)\b")
_DEADLINE_OPENING = re.compile(r"^By\s+(?:the\s+end\s+of\s+)?((?:19|20)\d{2})\b")
TITLE_LINES = 3  # a year on one of the first lines (the title, a dateline) dates the whole text
TITLE_LENGTH = 200  # ... when the line is a title, not a paragraph
NEAR_SENTENCES = 2  # ... as may one within this many sentences of a relative date


def _claims(published: str | None) -> str:
    date = f"  published: {published}\n" if published else ""
    return f"source:\n  path: seeds/example.txt\n{date}claims: []\n"


# Words before a past form that make it no finite verb of the clause: a participle ("to be completed",
# "once completed", "the province's installed capacity", "increased demand" after an article).
_NOT_FINITE_BEFORE = re.compile(
    r"(?i)(?:\b(?:be|being|been|to|will|would|shall|should|can|could|may|might|must|when|once|after|until|upon|if|"
    r"the|a|an|its|their|his|her|our|newly|is|are)|'s|’s)\s+$")


# ... and after it: the past form is the adjective of a noun ("the city's new energy installed capacity")
_NOT_FINITE_AFTER = re.compile(r"(?i)\s+(?:capacity|capacities|value)\b")


def _finite(pattern: re.Pattern[str] | None, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """The first match of a past-tense pattern in ``text[start:end]`` that is a finite verb."""
    if pattern is None:
        return None
    end = len(text) if end is None else end
    for found in pattern.finditer(text, start, end):
        if not (_NOT_FINITE_BEFORE.search(text, max(0, found.start() - 16), found.start())
                or _NOT_FINITE_AFTER.match(text, found.end())):
            return found
    return None


def _copula(text: str) -> re.Match[str] | None:
    """ "was 80%", "were 2.1 million tons" (a substring test first: most clauses have neither word)."""
    lowered = text.lower()
    return _PAST_COPULA.search(text) if "was " in lowered or "were " in lowered else None


def _main_words(document: TextDocument, sentence: Sentence, reference: _dt.date | None) -> list[TimeWord]:
    text = document.text
    return [w for w in document.times(sentence.start, sentence.body_end, reference)
            if w.is_main and w.first is not None and w.last is not None
            and not _in_brackets(text, sentence.start, w.start)]


def _in_brackets(text: str, start: int, at: int) -> bool:
    """Whether ``at`` is inside square brackets opened in ``text[start:at]``: a source label ("[China paint 2016
    information]"), not the time a sentence speaks of."""
    opened = text.rfind("[", start, at)
    return opened >= 0 and text.find("]", opened, at) < 0


def _future(sentence_text: str) -> re.Match[str] | None:
    """The first phrase that speaks of the future: "will", "is expected to", "plans to"."""
    return _ANY_FUTURE.search(sentence_text)


def _verb_after(text: str, pos: int) -> tuple[int, int, bool] | None:
    """The verb a future phrase governs: (start, end, passive), skipping adverbs ("will basically complete");
    None when the next word is no verb ("will about 30 GW", a number, a qualifier)."""
    passive = False
    while True:
        found = _WORD.match(text, pos)
        if found is None:
            return None
        word = found.group(0).lower()
        if word == "be" and not passive:
            passive = True
        elif word.endswith("ly") or word in _ADVERBS:
            pass
        elif word in FUNCTION_WORDS or len(word) < 2:
            return None
        else:
            return found.start(), found.end(), passive
        pos = found.end()
        while pos < len(text) and text[pos] in " \t":
            pos += 1


class FutureTensePastYear(TextRule):
    """
    ## What it does
    Reports a sentence that speaks in the future ("will", "is expected to",
    "plans to") of a period already over when the text was published: a
    year, a month ("in September 2020"), a part of a year ("the first half
    of 2022"), wherever it stands in the sentence ("is expected to generate
    30 billion yuan in 2020"). The base of a comparison ("compared with
    2020", "from 26 GW in 2022") is not the period; a sentence that also
    names a period still to come, reports a result in the past tense, or
    dates a saying ("In 2021 the firm said it will") is left alone. With no
    publication date, the latest period the text reports as done sets the
    earliest date it can have been written. Proposes the past tense.

    ## Why is this bad?
    Machine translation often turns a reported result into a forecast; a
    reader cannot tell whether the figure was achieved.
    """

    code = "T201"
    severity = Severity.WARNING
    name = "future-tense-past-year"
    summary = "future tense about a period already over"
    failing = Example(_claims("2023-05-22"), "In 2022, the output value will exceed 100 billion yuan.\n")
    passing = Example(_claims("2023-05-22"), "In 2022, the output value exceeded 100 billion yuan.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        domain = document.domain
        published, inferred = document.published, None
        if published is None:
            inferred = _reported_until(document)
            if inferred is None:
                return
        reference = published or inferred
        assert reference is not None
        reporting = domain.reporting_verbs if domain else None
        results = domain.result_verbs if domain else None
        past = domain.past_tense if domain else None
        if _future(document.text) is None:
            return  # no future phrase anywhere: one search settles most texts
        for sentence in document.clauses:
            if not _YEAR.search(sentence.text):
                continue  # only a period the clause names outright can be surely over
            future = _future(sentence.text)
            if future is None:
                continue
            # a relative word takes its year from the text's date, which may be that of a repost: only a
            # period the text names outright is surely over
            # only the time words of the part of the clause the future phrase is in: "... in the first half
            # of 2021 as the country strives to ...", "will start in September 2020, which is one of the
            # projects of 2021"
            offset = sentence.start
            low, high = _segment(document.text, sentence, future.start() + offset)
            words = [w for w in _main_words(document, sentence, reference) if low <= w.start and w.end <= high]
            over = [w for w in words if not w.relative and w.last is not None
                    and (w.last < reference if published else w.last <= reference)]
            if not over or len(over) != len(words):
                continue
            anchor = over[0]
            if any(_finite(p, sentence.text, 0, future.start()) for p in (results, past)):
                continue  # "output reached X in 2021 and will reach Y": the future is another period
            at = future.start() + offset
            if reporting and anchor.end <= at and reporting.search(document.text, anchor.end, at):
                continue  # "In 2021 the firm said it will ...": the year dates the saying
            introduced = _INTRODUCED.search(document.text, max(offset, anchor.start - 30), anchor.start)
            anchor_start = introduced.start() if introduced else anchor.start
            verb = _verb_after(document.text, future.end() + offset)
            first = min(anchor_start, at)
            last = max(anchor.end, verb[1] if verb else future.end() + offset)
            correction = None
            if verb is not None and domain is not None:
                written = document.text[verb[0] : verb[1]]
                # the adverbs between stay ("will basically complete" -> "basically completed")
                adverbs = re.sub(r"(?i)\bbe\s+", "", document.text[future.end() + offset : verb[0]])
                past_form = "was " + adverbs + written if verb[2] else adverbs + domain.past_of(written)
                correction = document.text[first:at] + past_form + document.text[verb[1] : last]
            when = (f"when the text was published ({published.isoformat()})" if published else
                    f"before the text was written (it reports {inferred.isoformat() if inferred else ''} as done)")
            yield TextProblem(first, last, f"future tense about {anchor.text.strip()}, a period over {when}",
                              correction=correction)


def _segment(text: str, clause: Sentence, at: int) -> tuple[int, int]:
    """The part of a clause around ``at`` between two joins of clauses (", which", " as the", " while")."""
    low, high = clause.start, clause.body_end
    for join in _CLAUSE_JOIN.finditer(text, clause.start, clause.body_end):
        if join.start() < at:
            low = join.start()
        else:
            high = min(high, join.start())
            break
    return low, high


_REVIEW = re.compile(r"(?i)\b(?:review(?:ed|ing)?|looking\s+back|retrospect(?:ive)?|summary|year-end|annual\s+report)\b")


def _reviewed_until(document: TextDocument) -> _dt.date | None:
    """A title that reviews a year ("Review of China's PV industry in 2021 and outlook for 2022") was written
    after it: the first period named after the word that says so."""
    head = [line for line in document.text.splitlines()[:12] if line.strip()][:TITLE_LINES]
    latest = None
    for line in head:
        review = _REVIEW.search(line)
        if len(line) > TITLE_LENGTH or review is None:
            continue
        after = [w for w in time_words(line) if w.start >= review.end() and not w.relative and w.last is not None]
        if after and (latest is None or after[0].last > latest):  # type: ignore[operator]
            latest = after[0].last
    return latest


def _reported_until(document: TextDocument) -> _dt.date | None:
    """The end of the latest period the text reports as done (a result verb in the past tense, no future
    phrase): the text was written after it."""
    domain = document.domain
    results = domain.result_verbs if domain else None
    if results is None:
        return None
    latest = _reviewed_until(document)
    for sentence in document.clauses:
        if not _finite(results, sentence.text) or _future(sentence.text):
            continue
        for word in _main_words(document, sentence, None):
            if word.relative or word.role != "period" or word.last is None:
                continue
            latest = word.last if latest is None or word.last > latest else latest
    return latest


class PastTenseFutureYear(TextRule):
    """
    ## What it does
    Reports a result verb in the past tense ("exceeded", "reached", or
    "was" before a figure) about a period still to come at publication: a
    year, a month or a part of a year named in the sentence ("by 2027", "in
    August" in a July article), or, for a sentence with no time words of its
    own, the "By 2027, ..." that opens the sentence before it.

    ## Why is this bad?
    A plan's target reported as achieved reads as a fact; the translation
    lost the future tense, and a reader may cite a goal as a result.
    """

    code = "T202"
    severity = Severity.WARNING
    name = "past-tense-future-year"
    summary = "past tense about a period still to come"
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
        for sentence in document.clauses:
            verb = (_finite(verbs, sentence.text) if verbs.search(sentence.text) else None) or _copula(sentence.text)
            start = self._anchor(document, sentence, previous, verb, future, published) if verb else None
            previous = sentence
            if verb is None or start is None:
                continue
            when, first_day = start
            if first_day <= published:
                continue
            written = verb.group(0).strip()
            present = domain.language.result_verbs.get(written.lower()) if domain and domain.language else None
            head = sentence.text[: verb.start()]
            yield TextProblem(
                sentence.start, sentence.start + verb.start() + len(written),
                f"'{written}' reports as done what is set for {when}, after publication ({published.isoformat()})",
                correction=f"{head}will {present}" if present else None,
            )

    @staticmethod
    def _anchor(document: TextDocument, sentence: Sentence, previous: Sentence | None, verb: re.Match[str],
                future: re.Pattern[str] | None, published: _dt.date) -> tuple[str, _dt.date] | None:
        """The period the verb speaks of, as (words, first day); None when the sentence speaks of it in the
        future anyway. The nearest time word before the verb governs it; failing that, the first after it,
        unless a future phrase stands between; failing that, a "By 2027, ..." opening the sentence
        before, for a sentence with no time words."""
        text = sentence.text
        if future is not None and future.search(text, max(0, verb.start() - 24), verb.start()):
            return None  # "will be completed", "is set to have reached": the verb is the future's
        if _PLAN_WORDS.search(text):
            return None  # "the plan put forward ... completed": what a plan sets out, not a result
        words = [w for w in _main_words(document, sentence, published) if not (w.relative and w.precision == "month")]
        at = sentence.start + verb.start()
        before = [w for w in words if w.end <= at]
        if before:
            word = before[-1]
            return word.text.strip(), word.first  # type: ignore[return-value]
        after = [w for w in words if w.start >= sentence.start + verb.end()]
        if after:
            if future is not None and future.search(document.text, sentence.start + verb.end(), after[0].start):
                return None
            return after[0].text.strip(), after[0].first  # type: ignore[return-value]
        if _TIME_WORDS.search(text) or previous is None:
            return None
        deadline = _DEADLINE_OPENING.match(previous.text)
        return (deadline.group(1), _dt.date(int(deadline.group(1)), 1, 1)) if deadline else None


def _dates_data(document: TextDocument) -> bool:
    """Whether the text dates its data by a month or part of a year anywhere ("in the first half of 2023",
    "in August 2019"): a text that reports so recent a period gives, near enough, the year it speaks in."""
    for clause in document.clauses:
        for word in document.times(clause.start, clause.body_end, None):
            if not word.relative and word.role in ("period", "since") and word.precision != "year":
                return True
    return False


def _anchored(document: TextDocument, index: int) -> bool:
    """Whether the text gives the year of a relative date in clause ``index``: a year on its first lines
    (the title, a dateline), a year in the clause itself, or a month or part of a year named within a few
    clauses (news reports the latest months: "the first half of 2021" puts "this year" in 2021). A whole
    year elsewhere does not: "in 2018 ..." or "by 2025 ..." says nothing of which year is this one.
    """
    head = [line for line in [line for line in document.text.splitlines()[:12] if line.strip()][:TITLE_LINES]
            if len(line.strip()) <= TITLE_LENGTH and not line.rstrip().endswith((".", "。", "!", "?"))]
    if any(any(years_named(line)) for line in head):
        return True
    if _dates_data(document):
        return True
    clauses = document.clauses
    for near in range(max(0, index - NEAR_SENTENCES), min(len(clauses), index + NEAR_SENTENCES + 1)):
        clause = clauses[near]
        for word in document.times(clause.start, clause.body_end, None):
            if word.relative or word.role not in ("period", "since"):
                continue
            if word.precision != "year" or near == index:
                return True
    return False


class RelativeDateUndated(TextRule):
    """
    ## What it does
    Reports relative dates ("this year", "the first 10 months of this
    year", "last year", a span of months with no year: "From January to
    November", a day of a month with no year: "On September 22", a dateline
    "August 1, Changzhou -"; the first of each kind in the text) in a text whose date is unknown: no `--published`,
    no `source.published`, no date line, and no year the text gives for it:
    none in its title, none in the clause, and no month or part of a year
    ("the first half of 2021") within two clauses. A whole year elsewhere
    ("in 2018", "by 2025") does not say which year is this one.

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
        # one of each kind per text, as one date would settle them all: its first relative date ("this
        # year") and its first date of no year ("On September 22", "From January to July")
        first: dict[int, re.Match[str]] = {}
        for index, sentence in enumerate(document.clauses):
            relative = pattern.search(document.text, sentence.start, sentence.end)
            for kind, found in enumerate((relative, _BARE_DATE.search(document.text, sentence.start, sentence.end))):
                if found is None or kind in first or _anchored(document, index):
                    continue
                first[kind] = found
        for kind, found in sorted(first.items(), key=lambda kept: kept[1].start()):
            said = "a relative date" if kind == 0 else "a date with no year"
            yield TextProblem(found.start(), found.end(), f"{said}, and no date or year in the text anchors it")


class RelativePeriodNotOver(TextRule):
    """
    ## What it does
    Reports a result reported as done for a part of "this year" that had
    not ended when the text was published: "From January to October this
    year, output reached ..." in a text dated January 30. Proposes the year
    it most likely meant (the year before: a text reposted, or dated by its
    update).

    ## Why is this bad?
    Either the date of the text is wrong or "this year" is: the figure
    belongs to another year than the one a reader will give it.
    """

    code = "T204"
    severity = Severity.WARNING
    name = "relative-period-not-over"
    summary = "a part of this year reported as done before it ended"
    failing = Example(_claims("2024-01-30"), "From January to October this year, output value reached 70 billion "
                                             "yuan.\n")
    passing = Example(_claims("2023-11-30"), "From January to October this year, output value reached 70 billion "
                                             "yuan.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        published, domain = document.published, document.domain
        results = domain.result_verbs if domain else None
        if published is None or results is None:
            return
        for sentence in document.clauses:
            if "year" not in sentence.text.lower():
                continue  # a part of this year or of "the year" is all this rule looks at
            if _future(sentence.text) or not (_finite(results, sentence.text) or _copula(sentence.text)):
                continue
            for word in _main_words(document, sentence, published):
                if not word.relative or word.precision != "part" or word.role != "period":
                    continue
                if not _THIS_YEAR.search(word.text):
                    continue  # "the first half of the year" may be the year a text reviews, not the current one
                assert word.last is not None
                if word.last <= published:
                    continue
                year = str(published.year - 1)
                corrected = re.sub(r"(?i)\b(?:this|the\s+current)\s+year\b|\bthe\s+year\b", year, word.text)
                yield TextProblem(word.start, word.end,
                                  f"'{word.text}' ends on {word.last.isoformat()}, after the text's date "
                                  f"({published.isoformat()}), yet is reported as done",
                                  correction=corrected if corrected != word.text else None)
