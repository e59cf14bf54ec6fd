"""Reading a text's figures as claims: subject, metric, period and kind for each figure.

The one reading of a sentence that ``claimlint scan`` (to run the claim rules over a raw text) and
``claimlint draft`` (to fill a claims skeleton) share. Each field comes from the words around the
figure and the vocabulary of ``rules/``:

* ``subject``: the entity named nearest before the figure in its clause, else in its sentence
  (``rules/entities.yaml`` names and aliases), the most specific one when two are named together;
  none when the figure belongs to a project, plant or company of that place ("the Daqo Phase I
  100,000-ton project in Baotou" is not Baotou's capacity);
* ``metric``: the metric of ``rules/metrics.yaml`` whose thing ("polysilicon") and measure
  ("production capacity", ``measures:``) are named around the figure, and whose dimensions fit the
  figure's unit; a share ("accounting for 45% of the country") takes the metric and subject of the
  figure it is a share of;
* ``period``: the time word of the clause (:mod:`claimlint.timewords`), else the publication year
  for a statement in the present ("at present", "has formed");
* ``kind``: ``target`` or ``forecast`` for a statement about the future ("will", "plans to", "by
  2025", "is expected"), else ``actual``.

A field the text does not settle is None, with the reason in ``why`` (for ``draft``'s comments).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from ..domain.periods import label
from ..domain.timewords import TimeWord
from .intervals import figure_interval
from .lists import respective_list
from .measures import Measure
from .reader import Figure
from .text import Sentence, TextDocument

if TYPE_CHECKING:
    from ..domain.vocabulary import Domain

_FUTURE = re.compile(r"(?i)\b(?:will|shall|plans?\s+to|aims?\s+to|strives?\s+to|strive|is\s+(?:expected|set|scheduled|"
                     r"due|projected|estimated|planned|likely)\s+to|are\s+(?:expected|set|scheduled|due|projected|"
                     r"estimated|planned|likely)\s+to|target|goal|by\s+the\s+end\s+of|it\s+is\s+(?:expected|estimated|"
                     r"predicted|forecast))\b")
_FORECAST = re.compile(r"(?i)\b(?:expected|estimated|predicted|forecasts?|projected|likely|anticipated)\b")
_PRESENT = re.compile(r"(?i)\b(?:at\s+present|currently|now|so\s+far|to\s+date|has\s+(?:formed|built|reached)|have\s+"
                      r"(?:formed|built|reached)|has\s+become|existing)\b")
# words that make a figure a project's, a plant's or a company's rather than its place's
_PROJECT_WORDS = re.compile(r"(?i)\b(?:projects?|phase|plants?|factory|factories|lines?|bases?|company|companies|"
                            r"enterprises?|group|co\.|ltd|corporation|subsidiary|park)\b")
# "the first city in China", "the largest base in the world": the place is the whole a ranking is of
_RANKING_BEFORE = re.compile(r"(?i)\b(?:first|second|third|largest|biggest|leading|top|only|most\s+[a-z]+)\s+"
                             r"(?:[a-z]+\s+){0,4}?(?:in|of)\s+(?:the\s+)?$")
_SHARE_BEFORE = re.compile(r"(?i)\b(?:accounting\s+for|accounted\s+for|accounts\s+for|account\s+for|making\s+up|"
                           r"share\s+of|proportion\s+of)\s+(?:about\s+|nearly\s+|more\s+than\s+|over\s+|almost\s+)?$")
# the world's measure, named as the figure's own: "global production will reach", "world polysilicon output"
_WORLD_MEASURE = re.compile(r"(?i)\b(?:global|worldwide|world|the\s+world'?s)\s+(?:[a-z-]+\s+){0,2}?"
                            r"(?:production|output|capacity|demand|installations?|sales|consumption)\b")
# a place by its kind of division: "Funing County", "Wenshan Prefecture", "Heqing County"
_PLACE_NAME = re.compile(r"\b(?P<name>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[ \t]+(?:County|Prefecture|City|District|"
                         r"Province|Banner|League|Autonomous[ \t]+(?:Region|Prefecture|County))\b")
# "100 billion-level", "trillion-level" (千亿级, 万亿级) before an industry: the output value it is to have
_LEVEL_OF_INDUSTRY = re.compile(r"(?i).*\b(?:hundred|thousand|million|billion|trillion)[ \t-]*(?:level|class)$")
_INDUSTRY_AFTER = re.compile(r"(?i)[ \t]+(?:[a-z-]+[ \t]+){0,4}?(?:industry|industries|industrial[ \t]+(?:cluster|chain|base)|"
                             r"clusters?|industry[ \t]+chain)\b")
# "... semiconductor industry cluster and organic Silicon cluster": a second industry the same level is said of
_AND_ANOTHER_INDUSTRY = re.compile(r"(?i)[ \t]+(?:[a-z-]+[ \t]+){1,4}?(?:industry[ \t]+)?(?:clusters?|industry)[ \t]+and[ \t]+"
                                   r"(?P<thing>(?:[a-z-]+[ \t]+){0,3}?[a-z-]+)[ \t]+(?:industry[ \t]+)?(?:clusters?|industry)\b")
_BUILT_BEFORE = re.compile(r"(?i)\b(?:build|building|built|create|creating|forge|forging|cultivate|cultivating|"
                           r"develop|developing|form|forming)\b[^,;.]*$")
# what may stand between a metric named whole and its figure: "the profit and tax were nearly 3 billion"
_LINK_WORDS = frozenset({"was", "were", "is", "are", "will", "be", "of", "at", "reached", "reach", "totalled", "totaled", "about",
                         "nearly", "over", "more", "than", "approximately", "around", "exceeded", "hit", "stood"})
# an addition to a level, not the level: "plans to add 20,000MT of capacity", "newly added 5 GW", "expanded by"
_ADDITION_BEFORE = re.compile(r"(?i)\b(?:add|adds|adding|added|new(?:ly)?(?:[ \t]+(?:added|installed|built))?|"
                              r"addition[ \t]+of|(?:increase|increased|expand|expanded)[ \t]+by)[ \t]+"
                              r"(?:(?:about|nearly|some|around|another|a[ \t]+further|more[ \t]+than|over)[ \t]+)?$")
_OF_WHOLE = re.compile(r"(?i)\s+of\s+(?:the\s+)?((?:[\w'’-]+\s+){0,5}?[\w'’-]+?)(?=[\s,.;)]|$)")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_RANKING_AFTER = re.compile(r"(?i)(?:'s|’s)\s+(?:(?:first|second|third|fourth|fifth|top|\d+(?:st|nd|rd|th))\s+)?"
                            r"(?:largest|biggest|leading|main|major|most|first|top|second|third)\b")
# a change, not a level: "down 3,000 mt from July", "an increase of 20 GW"
_CHANGE_BEFORE = re.compile(r"(?i)\b(?:down|up|increase(?:d)?\s+(?:of|by)|decrease(?:d)?\s+(?:of|by)|rise\s+of|rose\s+by|"
                            r"fall\s+of|fell\s+by|growth\s+of|grew\s+by|drop(?:ped)?\s+(?:of|by)|more\s+than\s+"
                            r"(?:last|the\s+previous)|added|adding|addition\s+of|new(?:ly)?\s+added)\s+(?:about\s+|nearly\s+|"
                            r"more\s+than\s+|over\s+)?$")
# what a project's phase is of: "the first phase of the project", "Phase III project", "phase 2 plant"
_PROJECT_AFTER = re.compile(r"(?i)[ \t]+(?:of[ \t]+(?:the|its|this)[ \t]+)?(?:[\w-]+[ \t]+){0,2}?(?:projects?|plants?|bases?|"
                            r"lines?|factory|factories)\b")
# a company as the owner of what follows: "Daqo's", "LONGi has", "CATL will"
_OWNER_AFTER = re.compile(r"(?:'s|’s)\b|[ \t]+(?:(?:[A-Z][\w-]*|Co\.|Ltd\.?)[ \t]+){0,3}?(?:has|have|had|is|was|will|plans|"
                          r"expects|owns|operates|reported|said)\b")
# two places named as one subject: "Jiangsu and Zhejiang", "Baotou, Ordos"
_JOINED = re.compile(r"[ \t]*(?:,|and|&|、)[ \t]*(?:and[ \t]+)?")
# a project's phase: "the first phase", "Phase III", "phase 2", "second-phase"
_PHASE = re.compile(r"(?i)\b(?:(?P<ordinal>first|second|third|fourth|fifth)[ \t-]+phase|"
                    r"phase[ \t]+(?P<number>IV|V|I{1,3}|[1-5]|one|two|three|four|five)\b)")
_ROMAN = {"first": "I", "one": "I", "1": "I", "second": "II", "two": "II", "2": "II", "third": "III",
          "three": "III", "3": "III", "fourth": "IV", "four": "IV", "4": "IV", "fifth": "V", "five": "V", "5": "V"}
# a year named by an event, not a date: "in the year it was put into production", "in its first year"
_EVENT_YEAR = re.compile(r"(?i)\b(?:in|within|during)[ \t]+(?:the[ \t]+(?:same[ \t]+|first[ \t]+)?year[ \t]+"
                         r"(?:it|they|that|when|after)|its[ \t]+first[ \t]+(?:full[ \t]+)?year)\b")
# what a company will have at a place once a project is done: "after it is completed and put into production"
_AFTER_COMPLETION = re.compile(r"(?i)\b(?:after|once|when)[ \t]+(?:(?:it|they|the[ \t]+project)[ \t]+(?:is|are|has[ \t]+been|"
                               r"have[ \t]+been)[ \t]+completed|(?:its|their)?[ \t]*completion)\b")
# a running total, not a period's own figure
_CUMULATIVE = re.compile(r"(?i)\b(?:cumulative(?:ly)?|accumulated|accumulative|year-to-date)\b")
# a place named by its kind: "the city's", "of the province", "our city"
THE_PLACE = re.compile(r"(?i)\b(?:the|our|this|whole)[ \t]+(?:city|province|county|region|district|prefecture|"
                       r"country|nation)\b")
# the project a sentence is about, named before a figure that names no place of its own
_THE_PROJECT = re.compile(r"(?i)\b(?:the|this|its)[ \t]+(?:(?:first|second|third)[ \t]+phase[ \t]+of[ \t]+the[ \t]+)?project\b")
# "the 50GW Phase III project of Shuangliang", "a plant by CATL": the company named after the figure
_COMPANY_AFTER = re.compile(r"(?i)[ \t]+(?:[\w-]+[ \t]+){0,4}?(?:of|by)[ \t]+(?:the[ \t]+)?")
# the noun phrase a figure is "of", to the next comma or figure: "200,000 tons of green recycling of batteries"
_OWN_NOUN = re.compile(r"[ \t]+of[ \t]+((?:(?![ \t](?:and|with|while|but)\b)[^,;.\d]){1,60})")
# a material's grade or kind, between a figure and its thing
_GRADE_WORDS = frozenset({"high-purity", "high", "purity", "solar-grade", "electronic-grade", "high-efficiency",
                          "efficient", "annual", "new"})
WINDOW_BEFORE = 90  # characters before a figure that its metric words may stand in
WINDOW_AFTER = 70


@dataclass(frozen=True)
class Reading:
    """A figure of the text as a claim would have it."""

    figure: Figure
    sentence: Sentence
    subject: str | None
    metric: str | None
    period: str | None
    kind: str
    share_of: str | None = None
    why: dict[str, str] = field(default_factory=dict)  # field -> why it is None, or how it was guessed (for draft)
    explicit_subject: bool = False  # the subject is named in the figure's own clause
    dated_by_publication: bool = False  # the period is the publication year: the clause names none
    quote_end: int | None = None  # where a quote of the reading ends, when past its figure (a second industry)


@dataclass
class _Vocabulary:
    """The metrics as (thing words, measure, metric), and the entity names as one pattern."""

    metrics: list[tuple[tuple[str, ...], str, str]]
    measures: dict[str, re.Pattern[str]]
    entities: re.Pattern[str] | None
    named_only: list[tuple[tuple[str, ...], str]] = field(default_factory=list)  # metrics with no measure word
    companies: re.Pattern[str] | None = None
    other_quantities: re.Pattern[str] | None = None
    counting_units: frozenset[str] = frozenset()  # the units of the "number of" metrics
    _measures_by_unit: dict[str, frozenset[str]] = field(default_factory=dict)

    def measures_of(self, domain: Domain, unit: str) -> frozenset[str]:
        """The measures one of whose metrics the unit can measure (worked out once per unit)."""
        known = self._measures_by_unit.get(unit)
        if known is None:
            known = self._measures_by_unit[unit] = frozenset(
                measure for _, measure, metric in self.metrics if domain.fits(unit, metric) is True)
        return known


def _words(text: str) -> tuple[str, ...]:
    return tuple(_stem(w) for w in _WORD.findall(text.lower()))


def _verb_stem(word: str) -> str:
    """"signing" and "signed" as "sign": enough to match a count's verb to its metric's."""
    for ending in ("ing", "ed"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


def _stem(word: str) -> str:
    """A plural's singular, roughly: enough to match "wafers" to "wafer"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def vocabulary(domain: Domain) -> _Vocabulary:
    """The domain's words for reading, built once per domain."""
    cached = getattr(domain, "_reading_vocabulary", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    heads = sorted(domain.measures, key=len, reverse=True)
    metrics: list[tuple[tuple[str, ...], str, str]] = []
    named_only: list[tuple[tuple[str, ...], str]] = []
    for name, definition in domain.metrics.items():
        for written in (name, *definition.aliases):
            lowered = written.lower()
            head = next((h for h in heads if lowered.endswith(" " + h) or lowered == h), None)
            if head is None:
                named_only.append((_words(lowered), name))  # "profit and tax": named as a whole
                continue
            thing = lowered[: len(lowered) - len(head)].strip()
            if thing or lowered == name.lower() == head and definition.dimensions == ["time"]:
                metrics.append((_words(thing), head, name))  # a duration is of its event: it has no thing
    measures = {head: re.compile(r"(?i)\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                                                         sorted(words, key=len, reverse=True)) + r")\b")
                for head, words in domain.measures.items()}
    # subjects are places below the world, by their names; "the world", "the country", "national" name
    # the wholes of shares, not subjects ("a world-class base", "the first city in the country")
    names = sorted({n for name, entity in domain.entities.items() if entity.level not in ("world", "company")
                    for n in (name, *entity.aliases) if n[:1].isupper()}, key=len, reverse=True)
    entities = re.compile(r"(?i)(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])") if names else None
    firms = sorted({n for entity_name, entity in domain.entities.items() if entity.level == "company"
                    for n in (entity_name, *entity.aliases)}, key=len, reverse=True)
    # a company's name as written: its case matters ("EVE", not "eve"; "Longi" and "LONGi" are both aliases)
    companies = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in firms) + r")(?![\w-])") if firms else None
    others = re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, domain.other_quantities)) + r")\b") \
        if domain.other_quantities else None
    counting = frozenset(unit for name, definition in domain.metrics.items() if name.startswith("number of ")
                         for unit in definition.units)
    built = _Vocabulary(metrics, measures, entities, named_only, companies, others, counting)
    domain._reading_vocabulary = built  # type: ignore[attr-defined]
    return built


class DocumentReading:
    """The readings of one document's figures, in text order."""

    def __init__(self, document: TextDocument) -> None:
        self.document = document
        self._sentence_index = 0  # the sentence being read
        self._recent: list[tuple[int, str, str]] = []  # (sentence index, measure, metric), the latest last
        self._respective: dict[int, str] = {}  # figure start -> the thing "respectively" pairs it with

    @cached_property
    def main_subject(self) -> str | None:
        """The place a text is about, when its title (or first sentence) names exactly one."""
        domain = self.document.domain
        if domain is None:
            return None
        words = vocabulary(domain)
        text = self.document.text
        sentences = self.document.sentences
        if words.entities is None or not sentences:
            return None
        head = sentences[0]
        places = {domain.entity(m.group(0)) for m in words.entities.finditer(text, head.start, head.end)
                  if _is_place(text, m)}
        return places.pop() if len(places) == 1 else None

    @cached_property
    def most_named(self) -> str | None:
        """The place the text names most, if it names it often (three times) and twice as often as any
        other: what a text whose title names no place is most likely about. A guess: ``draft`` offers it
        for a person to confirm, ``scan`` compares no figure by it."""
        domain = self.document.domain
        if domain is None:
            return None
        words = vocabulary(domain)
        text = self.document.text
        if words.entities is None or self.main_subject is not None:
            return None
        named = Counter(domain.entity(m.group(0)) for m in words.entities.finditer(text) if _is_place(text, m))
        ranked = named.most_common(2)
        if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
            return ranked[0][0]
        return None

    @cached_property
    def readings(self) -> list[Reading]:
        document, domain = self.document, self.document.domain
        if domain is None:
            return []
        words = vocabulary(domain)
        readings: list[Reading] = []
        clauses = document.clauses
        self._recent = []
        for index, sentence in enumerate(document.sentences):
            previous: Reading | None = None
            self._sentence_index = index
            self._respective = {}
            for clause in (c for c in clauses if sentence.start <= c.start < sentence.end):
                listed = respective_list(document, clause) if "respectively" in clause.text else None
                if listed is not None and len(listed.names) == len(listed.figures):
                    self._respective.update((f.start, name) for f, name in zip(listed.figures, listed.names))
            for figure in document.figures_in(sentence):
                clause = next((c for c in clauses if c.start <= figure.start < c.end), sentence)
                reading = self._read(domain, words, sentence, clause, figure, previous)
                readings.append(reading)
                shared = self._shared_with_next_industry(words, reading)
                if shared is not None:
                    readings.append(shared)
                if reading.share_of is None:
                    previous = reading
        return readings

    def _read(self, domain: Domain, words: _Vocabulary, sentence: Sentence, clause: Sentence, figure: Figure,
              previous: Reading | None) -> Reading:
        text = self.document.text
        why: dict[str, str] = {}
        period, kind, by_deadline = self._period_and_kind(clause, figure, why)
        dated = period is not None and not self._names_a_period(clause) and not by_deadline
        share = _SHARE_BEFORE.search(text, max(clause.start, figure.start - 30), figure.start)
        if figure.unit == "percent" and share is not None:
            whole = _OF_WHOLE.match(text, figure.end)
            share_of = self._entity(words, domain, whole.group(1)) if whole else None
            if previous is None or share_of is None or previous.metric is None:
                why["metric"] = "a share, but of which figure or whole the sentence does not say"
                return Reading(figure, sentence, None, None, period, kind, None, why, dated_by_publication=dated)
            return Reading(figure, sentence, previous.subject, previous.metric, period, kind, share_of, why,
                           previous.explicit_subject, dated)
        if figure.unit is None and _LEVEL_OF_INDUSTRY.match(figure.text) and _INDUSTRY_AFTER.match(text, figure.end):
            # "a trillion-level photovoltaic industry cluster": an industry of that output value in yuan, built
            figure = replace(figure, unit="yuan")
            if kind == "actual" and _BUILT_BEFORE.search(text, max(clause.start, figure.start - 40), figure.start):
                kind = "target"
                if dated:
                    period, dated = None, False
                    why["period"] = "an industry of an output value to be built: no year in the sentence"
            metric = self._metric(domain, words, clause, figure, why, head="output value")
        elif figure.unit != "percent" and _ADDITION_BEFORE.search(text, max(clause.start, figure.start - 40),
                                                                   figure.start):
            why["metric"] = "an addition to a level (added, new), not the level: no metric of rules/metrics.yaml"
            metric = None
        elif figure.start in self._respective and figure.unit is not None and figure.unit not in ("percent", "times"):
            metric = self._respective_metric(domain, words, clause, figure, why)
        else:
            metric = self._metric(domain, words, clause, figure, why)
        subject, explicit = self._subject(words, domain, sentence, clause, figure, why)
        return Reading(figure, sentence, subject, metric, period, kind, None, why, explicit, dated)

    def _shared_with_next_industry(self, words: _Vocabulary, reading: Reading) -> Reading | None:
        """ "a 100 billion-level semiconductor industry cluster and organic silicon cluster": one output value
        said of two industries is a reading of each; the second's figure runs to the end of its name."""
        figure = reading.figure
        if reading.metric is None or not reading.metric.endswith("output value") or \
                not _LEVEL_OF_INDUSTRY.match(figure.text):
            return None
        second = _AND_ANOTHER_INDUSTRY.match(self.document.text, figure.end)
        if second is None:
            return None
        named = _words(second.group("thing"))
        for thing, head, metric in words.metrics:
            if head == "output value" and metric != reading.metric and tuple(
                    w for w in thing if w != "industry") == named:
                return replace(reading, metric=metric, why=dict(reading.why), quote_end=second.end())
        return None

    def _names_a_period(self, clause: Sentence) -> bool:
        return any(w.is_main and w.first is not None
                   for w in self.document.times(clause.start, clause.body_end, self.document.published))

    def _period_and_kind(self, clause: Sentence, figure: Figure,
                         why: dict[str, str]) -> tuple[str | None, str, bool]:
        """The period and kind, and whether the period is the deadline of the sentence before."""
        text, published = self.document.text, self.document.published
        found = [w for w in self.document.times(clause.start, clause.body_end, published)
                 if w.is_main and w.first is not None]
        clause_text = text[clause.start : clause.body_end]
        future = _FUTURE.search(clause_text) is not None or any(w.role == "deadline" for w in found)
        kind = ("forecast" if _FORECAST.search(clause_text) else "target") if future else "actual"
        nearest = _nearest(found, figure)
        if nearest is not None:
            return _label(nearest), kind, False
        if _EVENT_YEAR.search(clause_text):
            why["period"] = "a year counted from an event ('the year it was put into production'), not a date"
            return None, kind, False
        deadline = self._deadline_before(clause) if not _PRESENT.search(clause_text) else None
        if deadline is not None:  # "By 2024, the industry will expand ... The output value exceeded 100 billion"
            why["kind"] = "the sentence names no time: the 'by' of the sentence before"
            return _label(deadline), "target", True
        if published is not None and (_PRESENT.search(clause_text) or kind == "actual"):
            return str(published.year), kind, False
        why["period"] = "no year, month or date in the sentence" + ("" if published else ", and the text is undated")
        return None, kind, False

    def _named_metric(self, domain: Domain, words: _Vocabulary, clause: Sentence, figure: Figure) -> str | None:
        """A metric with no measure word, named whole just before the figure ("the profit and tax were nearly
        3 billion yuan"): at most three words between, and the figure's unit fits it."""
        assert figure.unit is not None
        before = _words(self.document.text[max(clause.start, figure.start - WINDOW_BEFORE) : figure.start])
        found = []
        backwards = tuple(reversed(before))
        for thing, metric in words.named_only:
            at = _find(backwards, tuple(reversed(thing)))
            if at < 0 or not set(backwards[:at]) <= _LINK_WORDS or thing[0].startswith("number"):
                continue
            if domain.fits(figure.unit, metric) is True:
                found.append((at, -len(thing), metric))
        return min(found)[2] if found else None

    def _deadline_before(self, clause: Sentence) -> TimeWord | None:
        """The deadline ("By 2024, ...") that opens the sentence before, for a sentence with no time words of
        its own that comes straight after it; None otherwise."""
        index = self._sentence_index
        sentences = self.document.sentences
        if index == 0 or clause.start != sentences[index].start:
            return None
        if self.document.times(sentences[index].start, sentences[index].body_end, self.document.published):
            return None
        before = sentences[index - 1]
        words = [w for w in self.document.times(before.start, before.body_end, self.document.published)
                 if w.is_main and w.first is not None]
        opening = words[0] if words else None
        if opening is None or opening.role != "deadline" or len(_WORD.findall(
                self.document.text, before.start, opening.start)) > 3:  # "In addition, by 2024, ..."
            return None
        return opening

    def _metric(self, domain: Domain, words: _Vocabulary, clause: Sentence, figure: Figure,
                why: dict[str, str], head: str | None = None) -> str | None:
        """The metric whose thing is named next to the figure ("335,000 tons of polysilicon", "polysilicon
        capacity of 335,000 tons") and whose measure governs it: the nearest measure word before it in
        its clause ("a production capacity of 150,000 tons of polysilicon, 600,000 tons of ..."), else
        just after it."""
        if figure.unit is None:
            why["metric"] = "the figure has no unit"
            return None
        text = self.document.text
        counted = self._count_metric(domain, clause, figure)
        if counted is not None:
            return counted
        named = self._named_metric(domain, words, clause, figure) if head is None else None
        if named is not None:
            return named
        head = head or self._measure(words, clause, figure)
        if head is None:
            why["metric"] = "no measure (capacity, output, output value, ...) is named in the clause"
            return None
        after = _words(text[figure.end : min(clause.body_end, figure.end + WINDOW_AFTER)].split(",")[0])
        while after[:1] and after[0] in _GRADE_WORDS:
            after = after[1:]  # "100,000-ton high-purity polysilicon": the thing after its grade
        before = _words(text[max(clause.start, figure.start - WINDOW_BEFORE) : figure.start])
        best: tuple[int, int, str] | None = None
        for thing, metric_head, metric in words.metrics:
            if metric_head != head or domain.fits(figure.unit, metric) is not True:
                continue
            at = _find(after[:8], thing)
            if at >= 0 and (after[:1] == ("of",) or at == 0):
                rank = (0, at)
            elif after[:1] == ("of",):
                continue  # "45,000 tons of trichlorosilane": the figure has a noun of its own
            else:
                at = _find(tuple(reversed(before)), tuple(reversed(thing)))
                if at < 0 or at > 6:
                    continue
                rank = (1, at)
            candidate = (*rank, -len(thing), metric)  # nearest first; then the most words of its thing named
            if best is None or candidate[:3] < best[:3] or (candidate[:3] == best[:3] and len(metric) > len(best[3])):
                best = candidate
        if best is None:
            later = self._later_thing(domain, words, clause, figure, head)
            if later is not None:
                return later
            titled = self.title_metrics.get(head)
            if titled is not None and domain.fits(figure.unit, titled) is True:
                return titled  # "the output value will reach 20 billion yuan" under a battery industry's title
            earlier = self._earlier_metric(domain, head, figure)
            if earlier is not None:
                return earlier
            why["metric"] = f"no thing of a '{head}' metric of rules/metrics.yaml is named next to the figure"
            return None
        self._recent.append((self._sentence_index, head, best[3]))
        return best[3]

    def _respective_metric(self, domain: Domain, words: _Vocabulary, clause: Sentence, figure: Figure,
                           why: dict[str, str]) -> str | None:
        """ "The output of polysilicon, wafers and cells reached 827,000 tons, 357 GW and 318 GW respectively":
        each figure is of the thing at its place in the list, with the clause's measure."""
        name = self._respective[figure.start]
        assert figure.unit is not None
        head = self._measure(words, clause, figure)
        named = _words(name)
        found = sorted({(len(thing), metric) for thing, measure, metric in words.metrics
                        if measure == head and thing and _find(named, thing) >= 0  # "modules in China"
                        and domain.fits(figure.unit, metric) is True}, reverse=True)
        if found and (len(found) == 1 or found[1][0] < found[0][0]):
            return found[0][1]
        if found:  # "cell wafer": a cell's or a wafer's?
            why["metric"] = f"'respectively' pairs it with '{name}', which names two metrics' things"
            return None
        why["metric"] = f"'respectively' pairs it with '{name}', and no '{head}' metric of rules/metrics.yaml is of it"
        return None

    def _later_thing(self, domain: Domain, words: _Vocabulary, clause: Sentence, figure: Figure, head: str) -> str | None:
        """"The 50GW Phase III project will form a production capacity of 90GW of monocrystalline silicon": a
        figure whose measure is named with no thing takes the thing its clause names next with that measure."""
        later = _words(self.document.text[figure.end : clause.body_end])
        if later[:1] == ("of",):
            return None  # "7,306 tons of polycrystalline silicon, and 5,229 tons of ...": a noun of its own
        found = []
        for thing, measure, metric in words.metrics:
            if measure != head or not thing or domain.fits(figure.unit, metric) is not True:
                continue
            at = _find(later, thing)
            if at >= 0:
                found.append((at, -len(thing), metric))
        return min(found)[2] if found else None

    def _earlier_metric(self, domain: Domain, head: str, figure: Figure) -> str | None:
        """ "It has built an aluminium production capacity of 3.37 million tons. After ..., the production
        capacity will be close to 8 million tons": a measure named alone is of the thing its latest figure
        of that measure had, in this sentence or the one before; else of the thing the sentence before
        names with that measure ("global polysilicon production has grown. This year, global production
        will reach 140,000 tons")."""
        for index, measure, metric in reversed(self._recent):
            if index < self._sentence_index - 1:
                break
            if measure == head:
                return metric if domain.fits(figure.unit, metric) is True else None
        if self._sentence_index == 0:
            return None
        text, words = self.document.text, vocabulary(domain)
        before = self.document.sentences[self._sentence_index - 1]
        named = []
        for mention in words.measures[head].finditer(text, before.start, before.end):
            said = _words(text[before.start : mention.start()])
            named += [(mention.start(), len(thing), metric) for thing, measure, metric in words.metrics
                      if measure == head and said[-len(thing):] == thing and domain.fits(figure.unit, metric) is True]
        return max(named)[2] if named else None

    @cached_property
    def title_metrics(self) -> dict[str, str]:
        """Measure -> the one metric of it whose thing, of two words or more, the title names ("... to build
        100 billion yuan new energy battery industry"): what a figure of that measure is of, when its own
        sentence names no thing."""
        domain = self.document.domain
        if domain is None:
            return {}
        words = vocabulary(domain)
        sentences = self.document.sentences
        title = _words(self.document.text[sentences[0].start : sentences[0].end]) if sentences else ()
        found: dict[str, set[str]] = {}
        for thing, head, metric in words.metrics:
            if not thing or len(thing) == 1 and thing[0].endswith(("al", "ic", "ive")):
                continue  # "industrial" alone names no one industry; "polysilicon" names one
            if _find(title, thing) >= 0:
                found.setdefault(head, set()).add(metric)
        titled = {head: metrics.pop() for head, metrics in found.items() if len(metrics) == 1}
        return titled

    def _count_metric(self, domain: Domain, clause: Sentence, figure: Figure) -> str | None:
        """A count ("12 key photovoltaic manufacturing enterprises") as the "number of" metric counted in its
        unit whose words its clause names the most of, between the figures around it: all of a one-word
        thing ("experts"), at least two words of a longer one."""
        candidates = [name for name, definition in domain.metrics.items()
                      if name.startswith("number of ") and figure.unit in definition.units]
        if not candidates:
            return None
        text = self.document.text
        others = self.document.figures_in(clause)
        start = max([clause.start, figure.start - WINDOW_BEFORE] + [f.end for f in others if f.end <= figure.start])
        end = min([clause.body_end, figure.end + WINDOW_AFTER] + [f.start for f in others if f.start >= figure.end])
        after = text[figure.end : end].split(",")[0]  # ", while signing 18 ...": the next figure's words
        around = {_verb_stem(w) for w in _words(text[start : figure.end] + " " + after)}
        scored = []
        for name in candidates:
            thing = {_verb_stem(w) for w in _words(name[len("number of "):])}
            shared = len(thing & around)
            if shared >= min(2, len(thing)):
                scored.append((shared, -len(thing), name))
        return max(scored)[2] if scored else None

    def _measure(self, words: _Vocabulary, clause: Sentence, figure: Figure) -> str | None:
        """The measure named nearest before the figure in its clause, else just after it, of those that can
        measure its unit: "took only one year ... the project to be put into operation" is a construction
        duration, not the project's capacity."""
        text, domain = self.document.text, self.document.domain
        assert domain is not None and figure.unit is not None
        mentions: list[tuple[int, int, str]] = []
        for head, pattern in words.measures.items():
            mentions += [(m.start(), m.end(), head) for m in pattern.finditer(text, clause.start, clause.body_end)]
        if words.other_quantities is not None:  # "imports", "sales": no measure's, but they end one's reach
            mentions += [(m.start(), m.end(), "") for m in words.other_quantities.finditer(
                text, clause.start, clause.body_end)]
        mentions.sort(key=lambda m: (m[0], -(m[1] - m[0])))
        kept: list[tuple[int, int, str]] = []
        for mention in mentions:  # the longest of overlapping mentions: "production capacity", not "production"
            if kept and mention[0] < kept[-1][1]:
                continue
            kept.append(mention)
        fitting = words.measures_of(domain, figure.unit)
        kept = [m for m in kept if m[2] in fitting or m[2] == ""]
        own = _OWN_NOUN.match(text, figure.end, clause.body_end)
        named = [m for m in kept if own is not None and own.start(1) <= m[0] < own.end()]
        if named:  # "a production capacity of ..., 200,000 tons of green recycling of batteries"
            return named[0][2] or None
        before = [m for m in kept if m[1] <= figure.start]
        if before:
            return before[-1][2] or None
        after = [m for m in kept if m[0] >= figure.end and m[0] - figure.end <= WINDOW_AFTER]
        return (after[0][2] or None) if after else None

    def _subject(self, words: _Vocabulary, domain: Domain, sentence: Sentence, clause: Sentence, figure: Figure,
                 why: dict[str, str]) -> tuple[str | None, bool]:
        text = self.document.text
        if words.entities is None:
            return None, False
        start = max(clause.start, figure.start - 40)
        counted = figure.unit in words.counting_units
        end = min(clause.body_end, figure.end + 40)
        comma = text.find(",", figure.end, end)  # "40%, which will help enterprises ...": not theirs
        near = any(not (figure.start <= start + m.start() < figure.end)  # a count's noun is not one
                   for m in _PROJECT_WORDS.finditer(text[start : comma if comma >= 0 else end]))
        if not counted and (near or self._project_phase_before(words, clause, figure)):
            # "The 50GW Phase III project of Shuangliang will form a capacity of 90GW after it is completed":
            # the phase's is the 50GW; the 90GW is the company's there, the phase included
            total = not near and _AFTER_COMPLETION.search(text, clause.start, clause.body_end) is not None
            project = self._project(words, domain, sentence, clause, figure, why, total)
            if project is not None:
                return project
            why["subject"] = "the figure is a project's, plant's or company's, and no company of rules/entities.yaml is named"
            return None, False
        world = None
        for world in _WORLD_MEASURE.finditer(text, clause.start, figure.start):
            pass
        if world is not None and not any(_is_place(text, m) for m in words.entities.finditer(
                text, world.end(), figure.start)):
            return domain.entity("world"), True  # "global production will reach 140,000 tons"
        if not counted and not any(_is_place(text, m) for m in words.entities.finditer(text, clause.start, clause.body_end)) \
                and _THE_PROJECT.search(text, sentence.start, figure.start) \
                and not THE_PLACE.search(text, clause.start, clause.body_end):
            project = self._project(words, domain, sentence, clause, figure, why)
            if project is not None:  # "It took one year for the first phase of the project ..., and the output value was"
                return project
        firm = self._company_before(words, domain, clause, figure)
        if firm is not None:
            return firm, True  # "Daqo New Energy's production capacity stands at around 350,000 tons"
        sentences = self.document.sentences
        index = next((i for i, s in enumerate(sentences) if s.start == sentence.start), 0)
        earlier = sentences[index - 1].start if index else sentence.start
        for start, explicit in ((clause.start, True), (sentence.start, False), (earlier, False)):
            names = [m for m in words.entities.finditer(text, start, figure.start) if _is_place(text, m)]
            unknown = [m for m in _PLACE_NAME.finditer(text, start, figure.start)
                       if domain.entity(m.group("name")) == m.group("name") and not words.entities.fullmatch(
                           m.group("name"))]
            if unknown and (not names or unknown[-1].start() > names[-1].end()):
                why["subject"] = (f"'{unknown[-1].group(0)}', nearer the figure, is no place of "
                                  "rules/entities.yaml")
                return None, False
            if names:
                last = domain.entity(names[-1].group(0))
                if len(names) >= 2 and _JOINED.fullmatch(text, names[-2].end(), names[-1].start()):
                    other = domain.entity(names[-2].group(0))
                    if other != last and other not in domain.ancestors(last) and last not in domain.ancestors(other):
                        why["subject"] = f"two candidates: {other} and {last} are named together before the figure"
                        return None, False  # "Jiangsu and Zhejiang have 30 GW": of the two together, or each?
                return last, explicit
        if self.main_subject is not None:
            return self.main_subject, False
        if self.most_named is not None:
            why["subject"] = "guessed: the place the text names most"
            return self.most_named, False
        why["subject"] = "no place of rules/entities.yaml is named before the figure in its sentence or the one before"
        return None, False

    def _project(self, words: _Vocabulary, domain: Domain, sentence: Sentence, clause: Sentence, figure: Figure,
                 why: dict[str, str], total: bool = False) -> tuple[str, bool] | None:
        """The project a figure is of, by its company, place and phase: "The Daqo Phase I 100,000-ton
        polysilicon project" in a text about Baotou is "Daqo Baotou Phase I"; "a 300,000-ton project in
        Guyang County" of Daqo is "Daqo Guyang project"; with ``total``, what the company will have there
        ("Shuangliang Baotou"). The company is the one named before the figure in its clause (or after it:
        "the Phase III project of Shuangliang"), else in its sentence, else in the sentence before (only
        one there). None when there is none, or when neither place nor phase is known; and whether the
        company is named in the clause."""
        if words.companies is None:
            return None
        text = self.document.text
        sentences = self.document.sentences
        earlier = sentences[self._sentence_index - 1].start if self._sentence_index else sentence.start
        company, explicit = None, False
        named_after = _COMPANY_AFTER.match(text, figure.end, clause.body_end)
        for start, end, in_clause in ((clause.start, figure.start, True), (sentence.start, figure.start, False),
                                      (earlier, sentence.start, False)):
            found = {domain.entity(m.group(0)): m.start() for m in words.companies.finditer(text, start, end)}
            if len(found) > 1 and not in_clause:
                return None  # "Tongwei, Daqo and GCL have plants there. ... the project": whose?
            if found:
                company, explicit = max(found, key=lambda name: found[name]), in_clause
                break
            if in_clause and named_after is not None:
                after = words.companies.match(text, named_after.end())
                if after is not None:
                    company, explicit = domain.entity(after.group(0)), True
                    break
        if company is None:
            return None
        place = self._project_place(words, domain, sentence, clause, figure)
        if place is None:
            place = self.main_subject or self.most_named
            if place is not None:
                why["subject"] = ("guessed: the project's place is the one " +
                                  ("the title names" if self.main_subject else "the text names most"))
        if total:  # what the company will have there: never the phase's name
            return (f"{company} {place}" if place else company), explicit
        phases = list(_PHASE.finditer(text, clause.start, clause.body_end))
        before = [m for m in phases if m.end() <= figure.start]
        after = [m for m in phases if m.start() >= figure.end]
        phase = before[-1] if before else after[0] if after else None
        if place is None and phase is None:
            return None  # "GCL's 10,000-ton line ... the previous 6,000-ton line": which of its projects?
        name = " ".join(filter(None, (company, place)))
        if phase is None:
            return f"{name} project", explicit
        written = (phase.group("ordinal") or phase.group("number")).lower()
        return f"{name} Phase {_ROMAN.get(written, written.upper())}", explicit

    def _project_phase_before(self, words: _Vocabulary, clause: Sentence, figure: Figure) -> bool:
        """Whether a project's phase is named before the figure in its clause: "the second phase of the
        project", "the Daqo Phase I", not "in the first phase of development"."""
        text = self.document.text
        for phase in _PHASE.finditer(text, clause.start, figure.start):
            if _PROJECT_AFTER.match(text, phase.end()) or (words.companies is not None and any(
                    m.end() >= phase.start() - 3 for m in words.companies.finditer(text, max(0, phase.start() - 30),
                                                                                   phase.start()))):
                return True
        return False

    def _company_before(self, words: _Vocabulary, domain: Domain, clause: Sentence, figure: Figure) -> str | None:
        """The company a figure is of: the company its clause names nearest before it, as its owner ("Daqo's
        production capacity", "LONGi has ..."), not joined to another ("Tongwei and Daqo have"), with no
        place named in the clause before the figure."""
        if words.companies is None or words.entities is None:
            return None
        text = self.document.text
        found = list(words.companies.finditer(text, clause.start, figure.start))
        if not found or not _OWNER_AFTER.match(text, found[-1].end()):
            return None  # "sales to LONGi": not its own
        if len(found) > 1 and _JOINED.fullmatch(text, found[-2].end(), found[-1].start()):
            return None  # "Tongwei and Daqo have ...": the two together
        if any(_is_place(text, m) for m in words.entities.finditer(text, clause.start, figure.start)):
            return None  # "Baotou, which hosts Tongwei, has ...", "Tongwei's base made Baotou's output reach ..."
        return domain.entity(found[-1].group(0))

    def _project_place(self, words: _Vocabulary, domain: Domain, sentence: Sentence, clause: Sentence,
                       figure: Figure) -> str | None:
        """The city, county or province a project stands in: the one named nearest the figure in its clause,
        else in its sentence, else in the sentence before ("Zhongqing's Baotou Base", "a project in Guyang
        County")."""
        assert words.entities is not None and words.companies is not None
        text = self.document.text
        sentences = self.document.sentences
        earlier = sentences[self._sentence_index - 1] if self._sentence_index else sentence
        for start, end in ((clause.start, clause.body_end), (sentence.start, sentence.body_end),
                           (earlier.start, earlier.body_end)):
            firms = [(m.start(), m.end()) for m in words.companies.finditer(text, start, end)]
            found = [(m.start(), domain.entity(m.group(0))) for m in words.entities.finditer(text, start, end)]
            found += [(m.start(), m.group("name")) for m in _PLACE_NAME.finditer(text, start, end)]
            places = [(abs(at - figure.start), place) for at, place in found
                      if not any(low <= at < high for low, high in firms)  # "China Hongqiao", "Yunnan Aluminium"
                      and getattr(domain.entities.get(place), "level", None) not in ("country", "world")]
            if places:
                return min(places)[1]
        return None

    @staticmethod
    def _entity(words: _Vocabulary, domain: Domain, phrase: str) -> str | None:
        if words.entities is None:
            return None
        found = words.entities.search(phrase)
        if found is not None:
            return domain.entity(found.group(0))
        lowered = phrase.lower()
        if re.search(r"\b(?:country|nation|national|china)\b", lowered):
            return domain.entity("China")
        if re.search(r"\b(?:world|global)\b", lowered):
            return domain.entity("world")
        return None


def _is_place(text: str, found: re.Match[str]) -> bool:
    """A place named as such, not the first word of another name ("China Aluminum Valley", "Baotou Base",
    a name in quotation marks) nor the whole of a ranking ("Xinjiang, China's second largest producer")."""
    after = re.match(r"\)?\s+([A-Z][a-z]+)", text[found.end() : found.end() + 20])
    if after is not None and after.group(1) not in ("In", "On", "The", "It", "City", "Province", "And"):
        return False  # "China Aluminum Valley", "the (Shanghai) Conference"
    if _RANKING_AFTER.match(text, found.end()) or _RANKING_BEFORE.search(text, max(0, found.start() - 50),
                                                                          found.start()):
        return False
    return text[max(0, found.start() - 1) : found.start()] not in ("“", '"')


def _find(words: tuple[str, ...], thing: tuple[str, ...]) -> int:
    """Where the thing's words stand in order in ``words`` (the index of its first word), or -1."""
    size = len(thing)
    for index in range(len(words) - size + 1):
        if words[index : index + size] == thing:
            return index
    return -1


def _nearest(found: list[TimeWord], figure: Figure) -> TimeWord | None:
    if not found:
        return None
    return min(found, key=lambda w: (abs(w.start - figure.start), w.start))


def _label(word: TimeWord) -> str | None:
    first, last = word.first, word.last
    assert first is not None and last is not None
    if first.year != last.year:
        return f"{first.year} to {last.year}"
    if first.month == 1 and last == _dt.date(first.year, 12, 31):
        return str(first.year)
    if first.month == last.month:
        return f"{first.year}-{first.month:02d}"
    return f"{first.isoformat()} to {last.isoformat()}"


__all__ = ["THE_PLACE", "DocumentReading", "Reading", "label"]


def _period_label(document: TextDocument, path: str, reading: Reading) -> str:
    """The period the claim rules compare a text's figure by: its own, marked when the figure is a running
    total ("the cumulative output of 8 million tons" is not the month's output beside it)."""
    label = reading.period or _undated(document, path, reading)
    figure = reading.figure
    if _CUMULATIVE.search(document.text, max(reading.sentence.start, figure.start - 70), figure.start):
        label += ", cumulative"
    return label


def _undated(document: TextDocument, path: str, reading: Reading) -> str:
    """The period of a figure the text does not date: its sentence's own, as two undated figures of two
    sentences may be of two months or two years; within one sentence they are of one time."""
    line, column = document.source.lines.position(reading.sentence.start)
    text, clause = document.text, reading.sentence
    named = [w.text for w in document.times(clause.start, clause.body_end, None)]  # "in June", "in May"
    when = min(((abs(text.find(n, clause.start) - reading.figure.start), n) for n in named), default=(0, ""))[1]
    return f"undated{' ' + when if when else ''}, in the sentence at {line}:{column} of {path}"


def text_measures(document: TextDocument, path: str) -> list[Measure]:
    """The figures of a text that read as claims (subject and metric known), as the measures the claim
    rules compare (X101, P101-P105); each is named by its figure and where it stands."""
    domain = document.domain
    if domain is None or domain.units is None:
        return []
    tolerances = domain.tolerances
    measures: list[Measure] = []
    for position, reading in enumerate(DocumentReading(document).readings):
        figure = reading.figure
        if reading.subject is None or reading.metric is None or figure.unit is None:
            continue
        if reading.metric.startswith("number of "):
            continue  # two counts in one text (projects, enterprises) are most often of different sets
        if "subject" in reading.why:
            continue  # a subject guessed from the whole text, not read where the figure stands
        if _CHANGE_BEFORE.search(document.text, max(0, figure.start - 30), figure.start):
            continue  # a change of the metric, not its level
        try:
            unit, factor = domain.units.canonical(figure.unit)
        except ValueError:
            continue
        span = figure_interval(figure, tolerances.approx, tolerances.nearly, tolerances.rounding).scaled(factor)
        line, column = document.source.lines.position(figure.start)
        measures.append(Measure(
            path, f"{figure.text} at line {line}", line, column, position, figure.text, reading.subject,
            reading.metric, _period_label(document, path, reading), reading.kind, reading.share_of, unit,
            span.low, span.high, span.low_open, span.high_open, factor))
    return measures
