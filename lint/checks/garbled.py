"""Family G: damage that machine translation does to figures in the source text itself.

These rules read the source documents, not the claims: a garbled figure is
reported on the source file whether or not a claim cites it, and resolved
with ``quote:`` naming the damaged text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..figures.reader import Figure
from ..figures.text import Sentence, TextDocument, TextProblem
from ..reading.findings import Severity
from .base import Example, TextRule

TEXT_CLAIMS = "source:\n  path: seeds/example.txt\n  published: 2023-05-22\nclaims: []\n"
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_OF_PHRASE = re.compile(r"\s+of\s+((?:[\w’'-]+\s+){0,5}?[\w’'-]+?)(?=\s*(?:[,;.]|\band\b|\bin\b|$))")
_YEARISH = re.compile(r"\b(?:in|by|for|of)\s+(?:19|20)\d{2}\b|\b(?:this|last|next)\s+year\b")
_NUMBER_WORD_START = re.compile(r"(One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)[,.](?=\s|$)")
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
_EMPTY_PAIRS = re.compile(r"“\s*”|‘\s*’|「\s*」|『\s*』|【\s*】|\(\s*\)|（\s*）|\[\s*\]")
_STRAIGHT_QUOTE = re.compile('"')


def _only_figure(document: TextDocument, sentence: Sentence) -> Figure | None:
    """The figure a sentence consists of, if it is nothing else ("8GW.")."""
    figures = document.figures_in(sentence)
    if len(figures) != 1:
        return None
    figure = figures[0]
    rest = (document.text[sentence.start : figure.start] + document.text[figure.end : sentence.end]).strip(" .,;")
    return figure if not rest else None


def _number_text(figure: Figure) -> str | None:
    found = _NUMBER.match(figure.text)
    return found.group(0) if found else None


class DanglingFigure(TextRule):
    """
    ## What it does
    Reports a figure that stands alone as a sentence, with no noun
    ("25GW of components. 8GW."). When the figure before it has the same
    unit and the lone figure is a whole number, proposes the decimal the
    false sentence break split ("25.8GW of components").

    ## Why is this bad?
    Machine translation breaks sentences at decimal points: the real figure
    is lost, and a claim citing "25GW" cites a figure the source never meant.
    """

    code = "G101"
    name = "dangling-figure"
    summary = "figure standing alone with no noun"
    failing = Example(TEXT_CLAIMS, "The city formed 335,000 tons of polysilicon and 25GW of components. 8GW.\n")
    passing = Example(TEXT_CLAIMS, "The city formed 335,000 tons of polysilicon and 25.8GW of components.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        sentences = document.sentences
        for index, sentence in enumerate(sentences):
            lone = _only_figure(document, sentence)
            if lone is None:
                continue
            end = lone.end + (1 if document.text[lone.end : lone.end + 1] == "." else 0)
            previous = sentences[index - 1] if index else None
            before = document.figures_in(previous) if previous else []
            last = before[-1] if before else None
            lone_digits = _number_text(lone)
            if last is None or last.unit != lone.unit or not lone_digits or not lone_digits.isdigit() or not previous:
                yield TextProblem(lone.start, end, "a figure standing alone with no noun it measures")
                continue
            last_digits = _number_text(last)
            if last_digits is None or "." in last_digits:
                yield TextProblem(lone.start, end, "a figure standing alone with no noun it measures")
                continue
            head = document.text[last.start : previous.body_end]
            repaired = head.replace(last_digits, f"{last_digits}.{lone_digits}", 1)
            yield TextProblem(
                last.start, end,
                f"'{lone.text}' stands alone with no noun: a decimal split from '{last.text}' by a false "
                "sentence break?",
                correction=repaired,
            )


class SplitFigure(TextRule):
    """
    ## What it does
    Reports a figure that ends a sentence inside a list of "N unit of X"
    items without saying what it measures, when the next sentence starts
    with the noun it lost ("300,000 tons of monocrystalline silicon drawing
    and 41 GW. Slicing production capacity ...").

    ## Why is this bad?
    The figure is cut off from its noun by a false sentence break: "41 GW"
    of what? A reader, or a claim, may attach it to the wrong thing.
    """

    code = "G102"
    name = "split-figure"
    summary = "sentence break between a figure and its noun"
    failing = Example(TEXT_CLAIMS, "It formed 300,000 tons of silicon rods and 41 GW. Slicing capacity rose.\n")
    passing = Example(TEXT_CLAIMS, "It formed 300,000 tons of silicon rods and 41 GW of wafers. The capacity rose.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        domain = document.domain
        openers = {w.lower() for w in domain.language.sentence_openers} if domain and domain.language else set()
        sentences = document.sentences
        text = document.text
        for index, sentence in enumerate(sentences[:-1]):
            figures = document.figures_in(sentence)
            if len(figures) < 2 or _only_figure(document, sentence) is not None:
                continue
            last, before = figures[-1], figures[-2]
            if last.unit is None or text[last.end : sentence.end].strip() != ".":
                continue
            # the figure must continue a list of "N unit of X" items: "..., 300,000 tons of X and 41 GW."
            item = _OF_PHRASE.match(text, before.end, sentence.end)
            if item is None or not _LIST_JOIN.fullmatch(text[item.end() : last.start]):
                continue
            following = sentences[index + 1]
            words = following.text.split()
            if not words or words[0].lower().strip(",") in openers or not words[0][:1].isupper():
                continue
            if _only_figure(document, following) is not None:
                continue
            noun = " ".join(words[:3]).rstrip(",.;")
            quote_end = following.start + following.text.index(words[min(2, len(words) - 1)]) + len(
                words[min(2, len(words) - 1)].rstrip(",.;"))
            yield TextProblem(
                last.start, quote_end,
                f"'{last.text}' ends its sentence without saying what it measures, and the next sentence "
                f"starts with a noun ('{words[0]}'): a false sentence break?",
                correction=f"{last.text} of {noun[0].lower() + noun[1:]}",
            )


class StrayNumberWord(TextRule):
    """
    ## What it does
    Reports a number word that starts a sentence, followed by a comma,
    right after a sentence with a percent written in words ("nearly five
    percent of the country's total ... capacity. One, ..."), and proposes the
    fraction it was ("nearly one fifth").

    ## Why is this bad?
    Chinese fractions (五分之一, "one of five parts") are often translated
    as a percent with the numerator left behind as a stray word: the figure
    is off by a factor of four or more.
    """

    code = "G103"
    name = "stray-number-word"
    summary = "stray number word left by a mistranslated fraction"
    failing = Example(TEXT_CLAIMS, "It holds nearly five percent of the country's capacity. One, new lines start.\n")
    passing = Example(TEXT_CLAIMS, "It holds nearly one fifth of the country's capacity. One new line started.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        domain = document.domain
        fractions = domain.language.fraction_words if domain and domain.language else {}
        sentences = document.sentences
        for index, sentence in enumerate(sentences[1:], start=1):
            stray = _NUMBER_WORD_START.match(sentence.text)
            if stray is None:
                continue
            previous = sentences[index - 1]
            percents = [f for f in document.figures_in(previous) if f.unit == "percent"]
            if not percents:
                continue
            figure = percents[-1]
            end = sentence.start + stray.end()
            number_word = figure.text.split()[0].lower()
            fraction = fractions.get(number_word)
            correction = None
            if fraction is not None:
                tail = document.text[figure.end : previous.body_end]
                correction = f"{stray.group(1).lower()} {fraction}{tail}."
            yield TextProblem(
                figure.start, end,
                f"'{stray.group(0)}' stands alone after '{figure.text}': the rest of a mistranslated fraction?",
                correction=correction,
            )


class DuplicateListItem(TextRule):
    """
    ## What it does
    Reports a list (one sentence) that gives the same measured thing twice
    with different values ("1 million tons of cathode materials, 500,000
    tons of cathode materials"), unless a year tells the items apart.

    ## Why is this bad?
    One of the two items was mistranslated (cathode for anode is common):
    the list loses an item and gains a contradiction.
    """

    code = "G104"
    name = "duplicate-list-item"
    summary = "the same item listed twice with two values"
    failing = Example(TEXT_CLAIMS, "Capacity: 1 million tons of cathode materials, 500,000 tons of cathode materials.\n")
    passing = Example(TEXT_CLAIMS, "Capacity: 1 million tons of cathode materials, 500,000 tons of anode materials.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for sentence in document.sentences:
            seen: dict[tuple[str | None, str], tuple[Figure, int]] = {}
            for figure in document.figures_in(sentence):
                phrase = _OF_PHRASE.match(text, figure.end, sentence.end)
                if phrase is None or figure.unit in (None, "percent"):
                    continue  # shares ("45% of the world") name the whole, not the item
                tail_end = text.find(",", phrase.end(), sentence.end)
                tail = text[phrase.end() : tail_end if tail_end >= 0 else sentence.end]
                if _YEARISH.search(tail) or _YEARISH.search(text[max(sentence.start, figure.start - 12) : figure.start]):
                    continue
                key = (figure.unit, " ".join(phrase.group(1).lower().split()))
                earlier = seen.get(key)
                if earlier is not None and (earlier[0].value, earlier[0].high) != (figure.value, figure.high):
                    yield TextProblem(
                        earlier[0].start, phrase.end(),
                        f"'{key[1]}' is listed twice, as {earlier[0].text} and {figure.text}: "
                        "one of them is probably another item",
                    )
                    continue
                seen.setdefault(key, (figure, phrase.end()))


class EmptyQuotation(TextRule):
    """
    ## What it does
    Reports empty quotation marks or brackets (`“”`, `()`, `""`) in the
    source text.

    ## Why is this bad?
    A term fell out in translation: the sentence around the empty quotation
    may have lost the very word that says what a figure measures.
    """

    code = "G105"
    name = "empty-quotation"
    summary = "empty quotation marks or brackets"
    failing = Example(TEXT_CLAIMS, "The city will use “” green electricity for more than 40% of its needs.\n")
    passing = Example(TEXT_CLAIMS, "The city will use “green electricity” for more than 40% of its needs.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for found in _EMPTY_PAIRS.finditer(text):
            yield TextProblem(found.start(), found.end(), "empty quotation marks or brackets: a term fell out?")
        if text.count('"') < 2:
            return
        for line_start, line in _lines(text):
            marks = [found.start() for found in _STRAIGHT_QUOTE.finditer(line)]
            for opened, closed in zip(marks[0::2], marks[1::2]):  # straight quotes pair up in order on a line
                if not line[opened + 1 : closed].strip():
                    yield TextProblem(line_start + opened, line_start + closed + 1,
                                      "empty quotation marks: a term fell out?")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.splitlines(keepends=True):
        yield start, line
        start += len(line)


# Each starts with the digit it looks behind from, so a search skips to the next digit at C speed.
_LEADING_ZERO = re.compile(r"0(?<![\w.,:/\-]0)\d+(?:\.\d+)?(?=\s?(?:thousand|million|billion|trillion|%|percent|"
                           r"tons?|tonnes?|[kMGT]Wh?|yuan)\b|%)")
_DIGIT_GROUPS = re.compile(r"\d(?<![\w.,]\d)\d*(?:,\d+)+(?![\d])")
# "3..5 GW", "1.2.3 GW": two decimal points before a measure (a section number "1.2.3" or a date
# "2023.5.22" has no unit after it)
_TWO_POINTS = re.compile(r"\d(?<![\w.,]\d)\d*(?:\.\.\d+|(?:\.\d+){2,})(?=\s?(?:thousand|million|billion|trillion|%|percent|"
                         r"tons?|tonnes?|[kMGT]Wh?|yuan)\b|%)")


_MONTH_DAY_BEFORE = re.compile(r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s*$")


# "850 000 tons": the group before a space-separated group of three digits
_SI_THOUSANDS_BEFORE = re.compile(r"(?<![\d,.])\d{1,3}[ \u00a0\u2009\u202f]$")


class MalformedDigits(TextRule):
    """
    ## What it does
    Reports digit runs that cannot be a number as printed: a leading zero
    before a unit or scale word ("0600 million yuan"), thousands groups of
    the wrong length ("12,50 tons", "3,0000 tons", "1,23,000 tons"), or two
    decimal points before a unit ("3..5 GW", "1.2.3 GW").

    ## Why is this bad?
    Such a figure was damaged in conversion (a lost digit, a decimal comma, a
    merged number); any value read from it is a guess.
    """

    code = "G106"
    name = "malformed-digits"
    summary = "digits that cannot be a number as printed"
    failing = Example(TEXT_CLAIMS, "The project will cost 0600 million yuan and make 3,0000 tons.\n")
    passing = Example(TEXT_CLAIMS, "The project will cost 600 million yuan and make 30,000 tons.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        for found in _LEADING_ZERO.finditer(document.text):
            if _SI_THOUSANDS_BEFORE.search(document.text[max(0, found.start() - 5) : found.start()]) \
                    and len(found.group(0)) == 3 and found.group(0).isdigit():
                continue  # "850 000 tons": thousands grouped by a space, as SI writes them
            yield TextProblem(found.start(), found.end(), "a number with a leading zero: a digit lost or added?")
        for found in _DIGIT_GROUPS.finditer(document.text):
            if _MONTH_DAY_BEFORE.search(document.text, max(0, found.start() - 12), found.start()):
                continue  # "Jul 1,2020": a date with no space after its comma
            head, *groups = found.group(0).split(",")
            if len(head) <= 3 and all(len(group) == 3 for group in groups):
                continue
            yield TextProblem(found.start(), found.end(),
                              "thousands groups must have three digits: a digit lost or a decimal comma?")
        for found in _TWO_POINTS.finditer(document.text):
            yield TextProblem(found.start(), found.end(), "a number with two decimal points: a range or a typo?")



# "4 630kW PCS", "1 2.8MVA", "92 1.1MW/2.2MWh": a count run into the measure of each counted item
_RUN_TOGETHER = re.compile(r"(?<![\w.,/-])(?P<count>\d{1,3})[ \t]+(?P<each>\d+(?:\.\d+)?)[ \t]?"
                           r"(?P<unit>[kMG]VA|[kMGT]Wh?p?|[kMG]Wp)(?![A-Za-z])")
# what numbers the count ("Phase 1 200MW", "No. 3 500kV", "Line 2", "#1") or dates it ("May 19 2023")
_LABEL_BEFORE = re.compile(r"(?i)(?:\b(?:phase|no\.?|number|line|unit|units|table|figure|fig\.|section|block|zone|"
                           r"plot|lot|building|station|group|batch|stage|grade|type|model|article|item|chapter|step)"
                           r"|#|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?)[ \t]*$")


class RunTogetherFigures(TextRule):
    """
    ## What it does
    Reports a small count run into the figure after it, with nothing
    between them ("boosted by 4 630kW PCS", "and 1 2.8MVA transformer", "a
    total of 92 1.1MW/2.2MWh units"), and proposes the count of items of
    that size.

    ## Why is this bad?
    Translation dropped the "×" or "units of": "4 630kW" reads as 4,630 kW
    (a thousands group set off by a space) or as four units of 630 kW,
    a total of 2,520 kW. The total is off by nearly a factor of two, or of
    a hundred.
    """

    code = "G126"
    name = "run-together-figures"
    severity = Severity.WARNING
    summary = "a count run into the figure after it"
    failing = Example(TEXT_CLAIMS, "The station is boosted by 4 630kW inverters.\n")
    passing = Example(TEXT_CLAIMS, "The station is boosted by 4 inverters of 630kW each.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for found in _RUN_TOGETHER.finditer(text):
            if _LABEL_BEFORE.search(text, max(0, found.start() - 14), found.start()):
                continue
            count, each, unit = found.group("count"), found.group("each"), found.group("unit")
            if each.startswith("0") and not each.startswith("0."):
                continue  # "850 000 kW": thousands grouped by a space, as SI writes them
            items = "item" if count == "1" else "items"
            grouped = len(each) == 3 and each.isdigit()
            yield TextProblem(found.start(), found.end(),
                              f"{count} {items} of {each}{unit} each"
                              + (f", or {count},{each}{unit} with its thousands set off by a space?" if grouped
                                 else "? A count run into the figure of each item"),
                              correction=f"{count} × {each}{unit}")


_PRONOUN_SHARE = re.compile(
    r"^(?:(?:In|By|From)\s+(?:19|20)\d{2},?\s+)?([Tt]hey|[Ii]t|[Tt]hese|[Tt]his|[Tt]hose)\s+(?:will\s+|would\s+|could\s+)?"
    r"(?:account|accounts|accounted|make up|makes up|made up)\b"
)


class ShareWithoutSubject(TextRule):
    """
    ## What it does
    Reports a share whose only subject is a bare pronoun at the head of its
    sentence ("In 2025, they will account for half of the country and 45% of
    the world"), when the sentence says nothing else about what is measured.

    ## Why is this bad?
    Chinese often leaves the subject of a sentence unsaid, and machine
    translation fills the gap with "they" or "it": the share then belongs to
    nothing in particular, and a reader (or a claim) has to guess which
    capacity or output it measures.
    """

    code = "G107"
    name = "share-without-subject"
    severity = Severity.WARNING
    summary = "a share whose subject is only a pronoun"
    failing = Example(TEXT_CLAIMS, "Output passed 100 billion yuan. In 2025, they will account for half of "
                                   "the country and 45% of the world.\n")
    passing = Example(TEXT_CLAIMS, "Output passed 100 billion yuan. In 2025, its polysilicon capacity will "
                                   "account for half of the country and 45% of the world.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        for sentence in document.sentences:
            found = _PRONOUN_SHARE.match(sentence.text)
            if found is None:
                continue
            shares = [f for f in document.figures_in(sentence) if f.unit == "percent"]
            if not shares:
                continue
            yield TextProblem(
                sentence.start, sentence.body_end,
                f"'{found.group(1)}' is the only subject of {len(shares)} share(s): what do they measure?",
            )


# A full stop right after a year or figure, then a sentence that starts with a lower-case verb or
# preposition: "expected to be in 2022. exceeded 100 billion yuan"
_LOWER_AFTER_BREAK = re.compile(r"[0-9%]\.[ \t]+(?=[a-z]+\b)")  # the digit first: a search skips to it at C speed
# A figure with its unit, then a capitalised word that starts a sentence, with no stop between:
# "Wutongqiao District, 3000 tons The construction of ..."
_OPENER_AFTER_FIGURE = re.compile(r"[ \t]+(?=(?:The|This|These|It|Its|In|At|According|Meanwhile|However|At)\b)")


# "Gaojing 6In the 70,000-square-meter ...": a digit glued to the word that starts the next sentence
_DIGIT_THEN_SENTENCE = re.compile(r"\d(?<![\w.,]\d)\d*(?:In|The|It|At|On|By|This|According)(?=[ \t])")


_PERCENT_GLUED = re.compile(r"\d(?<![\w.,]\d)[\d.,]*%(?:the|and|of|in|to|for|with|which|while|compared|year)\b")  # "26%the detailed"


class BrokenSentenceAtFigure(TextRule):
    """
    ## What it does
    Reports a sentence boundary broken at a figure: a full stop right
    after a year or figure followed by a sentence that starts in lower
    case ("it is expected to be in 2022. exceeded 100 billion yuan"), or a
    figure run into the next sentence with no stop at all ("3000 tons The
    construction of the 6,000-ton project ...").

    ## Why is this bad?
    The figure is cut from the words that say what it is, or glued to the
    next sentence's subject: a reader cannot tell what it measures, and a
    false break often sits where a decimal point or a verb was lost.
    """

    code = "G114"
    name = "broken-sentence-at-figure"
    severity = Severity.WARNING
    summary = "sentence boundary broken at a figure"
    failing = Example(TEXT_CLAIMS, "The output value is expected to be in 2022. exceeded 100 billion yuan.\n")
    passing = Example(TEXT_CLAIMS, "The output value exceeded 100 billion yuan in 2022.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for found in _LOWER_AFTER_BREAK.finditer(text):
            word = re.match(r"[a-z]+", text[found.end():])
            assert word is not None
            start = max(text.rfind(" ", 0, found.start()), text.rfind("\n", 0, found.start())) + 1
            if re.fullmatch(r"\d{1,2}", text[start : found.start() + 1]) and (start == 0 or text[start - 1] == "\n"):
                continue  # "02. innovation": a numbered heading or list item, not a broken figure
            yield TextProblem(start, found.end() + word.end(),
                              f"a full stop, then '{word.group(0)}' in lower case: a false sentence break?")
        for found in _PERCENT_GLUED.finditer(text) if "%" in text else ():
            yield TextProblem(found.start(), found.end(), f"'{found.group(0)}': a figure run into the word after it")
        for found in _DIGIT_THEN_SENTENCE.finditer(text):
            yield TextProblem(found.start(), found.end(), f"'{found.group(0)}': a number run into the sentence after "
                              "it, with no stop: a decimal or a figure cut?")
        for figure in document.figures:
            if figure.unit is None:
                continue
            opener = _OPENER_AFTER_FIGURE.match(text, figure.end)
            if opener is None:
                continue
            word_end = text.find(" ", opener.end())
            yield TextProblem(figure.start, word_end if word_end > 0 else len(text),
                              f"'{figure.text}' runs into the next sentence with no stop: what does it measure?")


_MONTH_AS_COUNT = re.compile(
    r"\b(?:[Tt]he\s+)?first\s+(?P<month>February|March|April|May|June|July|August|September|October|November|"
    r"December)\b(?!\s+\d)")
_MONTH_NUMBER = {name: number for number, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December"], start=1)}
# "(year)", "( year )": a bracket left holding a time word whose figures fell out ("plan (2011-2015)")
_BARE_TIME_BRACKET = re.compile(r"[(（]\s*(?:year|years|month|months|date|YYYY)\s*[)）]", re.IGNORECASE)


class GarbledPeriod(TextRule):
    """
    ## What it does
    Reports a period whose number was mistranslated or lost: "the first
    October of this year" (the first ten months: 前10月 read as "October"),
    and a bracket holding only a time word ("development plan (year)",
    where the years of the plan were).

    ## Why is this bad?
    The figures the period dates cannot be placed: "the first October" is
    no period at all, and a plan without its years has no deadline.
    """

    code = "G115"
    name = "garbled-period"
    severity = Severity.WARNING
    summary = "a period whose number was mistranslated or lost"
    failing = Example(TEXT_CLAIMS, "Exports rose 44.6% in the first October of 2022.\n")
    passing = Example(TEXT_CLAIMS, "Exports rose 44.6% in the first ten months of 2022.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        for found in _MONTH_AS_COUNT.finditer(document.text) if "first" in document.text else ():
            months = _MONTH_NUMBER[found.group("month")]
            yield TextProblem(found.start(), found.end(),
                              f"'first {found.group('month')}' is no period: the first {months} months?",
                              correction=found.group(0).replace(found.group("month"), f"{months} months"))
        for found in _BARE_TIME_BRACKET.finditer(document.text):
            yield TextProblem(found.start(), found.end(), "a bracket holding only a time word: its figures fell out?")


_AUXILIARIES = frozenset(["is", "are", "was", "were", "be", "been", "being", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "has", "have", "had", "do", "does", "did", "which", "that", "who", "to", "and", "with", "by", "in", "for", "from", "reach", "reached", "reaches", "form", "formed", "forms", "build", "built", "make", "made", "reaching", "forming"])
_OF_NOUNS = re.compile(r"[ \t]+of[ \t]+((?:[A-Za-z][\w’'-]*[ \t]*){1,12})$")
_TOOK = re.compile(r"(?i)\bit[ \t]+(?:took|takes|has[ \t]+taken|had[ \t]+taken)[ \t]+(?:only[ \t]+|just[ \t]+|about[ \t]+|"
                   r"less[ \t]+than[ \t]+|more[ \t]+than[ \t]+)?$")


class FigureWithoutStatement(TextRule):
    """
    ## What it does
    Reports a figure in a clause that says nothing about it: a clause
    that is only the figure and its noun, with no verb and no subject
    ("...; 10,000 tons of high-purity crystalline silicon material
    production capacity."), unless it is the next item of a list of such
    clauses ("30GW of wafers; 20GW of cells; ..."), or a duration with nothing it measures ("it
    took only 50 days.", the event cut off by a false sentence break).

    ## Why is this bad?
    Whose capacity, what took 50 days? The words that tied the figure to
    its subject or event fell out in translation, and a reader, or a
    claim, has to guess them.
    """

    code = "G116"
    name = "figure-without-statement"
    severity = Severity.WARNING
    summary = "a figure in a clause that says nothing about it"
    failing = Example(TEXT_CLAIMS, "The base will form 90GW of wafers after it is completed; 10,000 tons of "
                                   "polysilicon production capacity.\n")
    passing = Example(TEXT_CLAIMS, "The base will form 90GW of wafers after it is completed, and 10,000 tons of "
                                   "polysilicon production capacity.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        words = document.domain.vocabulary if document.domain else None
        clauses = document.clauses
        starts = {sentence.start: sentence.end for sentence in document.sentences}
        for index, clause in enumerate(clauses):
            figures = document.figures_in(clause)
            if not figures:
                continue
            first = figures[0]
            if (clause.start in starts and starts[clause.start] > clause.end
                    and _only_figure(document, clause) is not None):
                # "... and 200,000. 1.3 times; the production and sales ...": a figure alone before the semicolon
                yield TextProblem(first.start, first.end, f"'{first.text}' stands alone before a semicolon: what "
                                  "does it measure?")
                continue
            if len(figures) == 1 and not text[clause.start : first.start].strip(" \t\"“"):
                tail = _OF_NOUNS.match(text, first.end, clause.body_end)
                listed = index > 0 and self._is_item(document, clauses[index - 1])
                if tail is not None and not listed and not {w.lower() for w in tail.group(1).split()} & _AUXILIARIES:
                    yield TextProblem(first.start, clause.body_end,
                                      f"'{first.text}' and its noun, with no subject or verb: whose, and what of it?")
                    continue
            last = figures[-1]
            if (words is not None and last.unit is not None and words.role(last.unit) == "duration"
                    and _TOOK.search(text, clause.start, last.start) and not text[last.end : clause.body_end].strip()):
                took = _TOOK.search(text, clause.start, last.start)
                assert took is not None
                yield TextProblem(took.start(), last.end, f"'{last.text}' for what? The event the duration measures "
                                  "is not in the sentence")

    @staticmethod
    def _is_item(document: TextDocument, clause: Sentence) -> bool:
        """Whether a clause ends with a figure and its noun ("...; 30GW of wafers;"): the clause after it
        is the next item of a list, not a fragment."""
        figures = document.figures_in(clause)
        if not figures:
            return False
        tail = _OF_NOUNS.match(document.text, figures[-1].end, clause.body_end)
        return tail is not None and not {w.lower() for w in tail.group(1).split()} & _AUXILIARIES


# "at a rate of three times", "at three times the speed": a multiple with nothing it multiplies
_RATE_OF = re.compile(r"(?i)\b(?:at[ \t]+)?(?:a|the)[ \t]+(?:rate|speed|pace)[ \t]+of[ \t]+$")
_MULTIPLE_BASE_AFTER = re.compile(r"(?i)[ \t]+(?:that[ \t]+of|as[ \t]+(?:much|many|fast|high|large)|the[ \t]+"
                                  r"(?:national|average|speed|rate|level)|(?:more|higher|faster|larger)[ \t]+than)\b")


class MultipleWithoutBase(TextRule):
    """
    ## What it does
    Reports a multiple given as a rate with nothing it multiplies ("the
    output value will exceed 100 billion yuan at a rate of three times"):
    three times what, growing how?

    ## Why is this bad?
    "At a rate of three times" may mean the value tripled, grew by three
    times, or grew three times as fast as something unnamed: each gives a
    different figure for the year before, and a reader cannot tell which
    the source meant.
    """

    code = "G117"
    name = "multiple-without-base"
    severity = Severity.WARNING
    summary = "a multiple with nothing it multiplies"
    failing = Example(TEXT_CLAIMS, "Output value passed 100 billion yuan at a rate of three times.\n")
    passing = Example(TEXT_CLAIMS, "Output value passed 100 billion yuan, three times that of 2021.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for figure in document.figures:
            if figure.unit != "times":
                continue
            rate = _RATE_OF.search(text, max(0, figure.start - 30), figure.start)
            if rate is None or _MULTIPLE_BASE_AFTER.match(text, figure.end):
                continue
            yield TextProblem(rate.start(), figure.end, f"'{figure.text}' of what? A multiple with no base: "
                              "tripled, grew by three times, or grew three times as fast as something unnamed?")
