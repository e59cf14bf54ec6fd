"""Family G: a figure whose unit is missing or of the wrong kind where it is written.

Damage to the text around a figure (family G), found by reading the figure with the words around it: a
sum of money with no currency, a price with no unit it is paid per, a battery's energy written as power.
The unit rules of family U check the units claims name; these check the units a text writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..figures.reader import Figure
from ..figures.text import TextDocument, TextProblem
from ..reading.findings import Severity
from .base import Example, TextRule
from .garbled import TEXT_CLAIMS

_SCALED = re.compile(r"(?i)\b(?:thousand|million|billion|trillion)\s*$")
_NUMBER_PART = re.compile(r"(?i)[^A-Za-z]*(?:[A-Za-z]+[^A-Za-z]+)??(?:(?:thousand|million|billion|trillion)\b[ \t]*)+")
_MONEY_BEFORE = re.compile(
    r"(?i)\b(?:invest(?:ed|s|ing)?|investments?|(?:total\s+)?investment\s+of|output\s+value(?:\s+of)?|revenue(?:\s+of)?|"
    r"income(?:\s+of)?|profits?(?:\s+of)?|tax(?:es)?(?:\s+of)?|sales\s+revenue(?:\s+of)?|funds?(?:\s+of)?|financing(?:\s+of)?|"
    r"cost(?:s|ing)?(?:\s+of)?|worth|valued\s+at|GDP(?:\s+of)?|turnover(?:\s+of)?|(?:a\s+)?scale\s+of)\s+(?:(?:was|is|of|reached|exceeded|"
    r"about|nearly|more\s+than|over|another|a\s+total\s+of|totall?ing|up\s+to)\s+){0,3}$")
# what a count is said of: "production reached 2.966 billion, ..." (the thing produced is its unit)
_AMOUNT_BEFORE = re.compile(r"(?i)\b(?:production|output|sales|shipments?|exports?|imports?|volume|consumption|"
                            r"capacity|installations?|demand)\b(?:[^.;,]{0,40}?\b(?:of|batter(?:y|ies)|cells?|vehicles?))?\s+"
                            r"(?:(?:was|is|of|reached|reach|will|be|exceeded|totall?ed|stood\s+at|hit|about|nearly|more\s+than|"
                            r"over)\s+){1,3}$"
                            r"|\bdemand\s+for\s+[^.;,]{0,40}?\bmarket\s+$")  # "demand for battery market 2.87 billion"
_NOUN_AFTER = re.compile(r"[ \t]+([A-Za-z][a-z-]+)")
_NOT_NOUNS = frozenset(["an", "a", "and", "or", "in", "of", "to", "for", "from", "with", "by", "at", "on", "as", "year-on-year", "yoy", "up", "down", "which", "that", "this", "than", "respectively", "accounting", "compared", "while", "over", "per", "the", "its"])


class FigureWithoutUnit(TextRule):
    """
    ## What it does
    Reports a large figure written with a scale word but no unit: a sum
    of money with no currency ("has invested 7.2 billion in plants",
    "output value of 26 billion, up 30%"), or a count that says nothing of
    what it counts ("production reached 2.966 billion, an increase of
    10.88%", "demand will reach 3.99 billion").

    ## Why is this bad?
    7.2 billion yuan, dollars or won? 2.966 billion cells, or yuan? The
    unit fell out in translation; any claim or comparison made with the
    figure has to guess it.
    """

    code = "G118"
    name = "figure-without-unit"
    severity = Severity.WARNING
    summary = "a large figure with no unit"
    failing = Example(TEXT_CLAIMS, "The company has invested 7.2 billion in new battery plants.\n")
    passing = Example(TEXT_CLAIMS, "The company has invested 7.2 billion yuan in new battery plants.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        words = document.domain.vocabulary if document.domain else None
        for figure in document.figures:
            number = _NUMBER_PART.match(figure.text)
            counted = figure.unit is not None and words is not None and words.role(figure.unit) == "counted"
            if (figure.unit is not None and not counted) or number is None or not _SCALED.search(number.group(0)):
                continue
            before = text[max(0, figure.start - 48) : figure.start]
            if counted:  # "has invested 7.2 billion rebuilt battery plants": the plants are not what is counted
                if _MONEY_BEFORE.search(before) and not _in_title(document, figure):
                    end = figure.start + len(number.group(0).rstrip())
                    yield TextProblem(figure.start, end, f"'{number.group(0).strip()}' is a sum of money with no "
                                      "currency")
                continue
            if _MONEY_BEFORE.search(before) and not _in_title(document, figure):
                yield TextProblem(figure.start, figure.end, f"'{figure.text}' is a sum of money with no currency")
                continue
            noun = _NOUN_AFTER.match(text, figure.end)
            if (noun is None or noun.group(1).lower() in _NOT_NOUNS) and _AMOUNT_BEFORE.search(before) \
                    and not _in_title(document, figure):
                yield TextProblem(figure.start, figure.end, f"'{figure.text}' of what? The figure has no unit")


def _in_title(document: TextDocument, figure: Figure) -> bool:
    """Whether the figure is on a headline (a short line with no full stop, or the text's first line):
    headlines drop units."""
    text = document.text
    start = text.rfind("\n", 0, figure.start) + 1
    end = text.find("\n", figure.end)
    line = text[start : end if end >= 0 else len(text)].strip()
    if line.endswith(("!", "！")) or text[figure.end : figure.end + 2].startswith(("!", "！")):
        return True  # "Invest 1 billion!": a headline's exclamation
    head = text.lstrip()
    first_end = head.find("\n")
    first_of_several = first_end >= 0 and head[first_end:].strip() != "" and line == head[:first_end].strip()
    return (len(line) <= 160 and not line.endswith((".", "。", ":", "：", ";"))) or (first_of_several and len(line) <= 200)


_PRICE_BEFORE = re.compile(r"(?i)\bprices?\b[^.;]{0,60}$")
_PER_AFTER = re.compile(r"(?i)\s*(?:/|per\b|a\s+(?:ton|tonne|kg|kilogram|watt|W|kWh|piece|unit)\b|each\b)")
_PER_WATT_GOODS = re.compile(r"(?i)\b(?:modules?|components?|cells?|battery\s+chips?|wafers?|silicon\s+slices?|"
                             r"PV\s+panels?|solar\s+panels?|inverters?|systems?)\b")
_PER_KG_GOODS = re.compile(r"(?i)\b(?:polysilicon|polycrystalline\s+silicon|crystalline\s+silicon|silicon\s+material|"
                           r"dense\s+material|granular\s+silicon)\b")
_PER_TON_GOODS = re.compile(r"(?i)\b(?:lithium\s+carbonate|lithium\s+hydroxide|aluminium|aluminum|alumina|industrial\s+"
                            r"silicon|silicon\s+metal|cathode|anode|electrolyte|copper|cobalt|nickel)\b")
PRICE_LIMIT = 1000  # a price per unit; a bare sum this small is no deal or investment


# a price's unit later in its clause: "rose by 30 (USD4) to an average of 551 per ton"
_PER_LATER = re.compile(r"(?i)\bper\s+(?:ton|tonne|kg|kilogram|watt|W|kWh|piece|unit)s?\b|/(?:t|mt|kg|W|Wp|kWh)\b")


# a change in a price ("rose by 300"), or a price in another currency in brackets ("(USD41)")
_CHANGE_OR_CONVERSION = re.compile(r"(?i)(?:\bby|\()[ \t]*(?:about|around|nearly|some)?[ \t]*$")


def _clause_end(document: TextDocument, at: int) -> int:
    for clause in document.clauses:
        if clause.start <= at < clause.end:
            return clause.end
    return at


class PriceWithoutPerUnit(TextRule):
    """
    ## What it does
    Reports a price written as a bare sum of money, with nothing it is
    paid per ("module prices fell to 2 yuan", "polysilicon prices rose to
    300 yuan"), and proposes the unit the goods are priced in: per watt
    for modules, cells and wafers, per kilogram for polysilicon, per ton
    for lithium salts, aluminium and silicon metal.

    ## Why is this bad?
    A price of "2 yuan" is meaningless without "per watt": compared with
    another source's yuan per kilogram or per ton it is off by orders of
    magnitude, and a claim cannot carry it.
    """

    code = "G119"
    name = "price-without-per-unit"
    severity = Severity.WARNING
    summary = "a price with no unit it is paid per"
    failing = Example(TEXT_CLAIMS, "Module prices fell to 2 yuan in May.\n")
    passing = Example(TEXT_CLAIMS, "Module prices fell to 2 yuan per watt in May.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for sentence in document.sentences:
            for figure in document.figures_in(sentence):
                if figure.unit not in ("yuan", "USD") or abs(figure.value) >= PRICE_LIMIT or _SCALED.search(figure.text):
                    continue
                before = text[max(sentence.start, figure.start - 70) : figure.start]
                if not _PRICE_BEFORE.search(before) or _PER_AFTER.match(text, figure.end):
                    continue
                if _CHANGE_OR_CONVERSION.search(before) and _PER_LATER.search(text, figure.end,
                                                                              _clause_end(document, figure.end)):
                    continue  # "rose by CNY3,000 (USD413) to CNY551,000 per ton": the change is per ton too
                context = text[sentence.start : figure.start]
                per = ("watt" if _PER_WATT_GOODS.search(context) else "kilogram" if _PER_KG_GOODS.search(context)
                       else "ton" if _PER_TON_GOODS.search(context) else None)
                yield TextProblem(figure.start, figure.end, f"'{figure.text}' is a price with nothing it is paid per",
                                  correction=f"{figure.text} per {per}" if per else None)


_POWER_UNITS = frozenset({"W", "kW", "MW", "GW", "TW"})
_BATTERY_NEAR = re.compile(r"(?i)\b(?:power|lithium(?:-ion)?|li-ion|traction|ev|energy\s+storage|storage|"
                           r"electric\s+vehicle|new\s+energy\s+vehicle)\s+batter(?:y|ies)\b|\bbattery\s+cells?\s+for\b")
_PV_NEAR = re.compile(r"(?i)\b(?:photovoltaic|solar|pv|crystalline|silicon|n-type|p-type|topcon|hjt|perc|heterojunction|"
                      r"wafer|module|component|battery\s+chips?|power\s+station|power\s+plant|stations?|projects?|"
                      r"systems?|wind|grid|installed)\b")


class PowerForBatteryEnergy(TextRule):
    """
    ## What it does
    Reports a battery's capacity given in a unit of power (GW, MW) where a
    unit of energy (GWh, MWh) belongs: "5 GW of power batteries", "lithium
    battery production capacity of 20 GW". Storage stations, solar cells
    ("battery chips" in translation) and projects are left alone: they are
    rightly rated in GW.

    ## Why is this bad?
    A battery factory's output is the energy its batteries store; "GW" is
    how a translation drops the "h", and the figure then cannot be compared
    with any other battery capacity.
    """

    code = "G120"
    name = "power-for-battery-energy"
    severity = Severity.WARNING
    summary = "a battery capacity in a unit of power"
    failing = Example(TEXT_CLAIMS, "The plant will make 20 GW of power batteries a year.\n")
    passing = Example(TEXT_CLAIMS, "The plant will make 20 GWh of power batteries a year.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        if not any(f.unit in _POWER_UNITS for f in document.figures) or "batter" not in text.lower():
            return
        for clause in document.clauses:
            if "batter" not in clause.text.lower():
                continue
            for figure in document.figures_in(clause):
                if figure.unit not in _POWER_UNITS:
                    continue
                window = text[max(clause.start, figure.start - 60) : min(clause.body_end, figure.end + 40)]
                if not _BATTERY_NEAR.search(window) or _PV_NEAR.search(window):
                    continue
                if any(f.unit is not None and f.unit.endswith("Wh") for f in document.figures_in(clause)):
                    continue  # "2 GW / 4 GWh": power and energy both given
                yield TextProblem(figure.start, figure.end, f"'{figure.text}' of batteries: a battery's capacity is "
                                  "energy (GWh), not power", correction=_with_hours(figure))


def _with_hours(figure: Figure) -> str:
    unit = figure.unit or ""
    at = figure.text.rfind(unit)
    return figure.text[:at] + unit + "h" + figure.text[at + len(unit):] if at >= 0 else figure.text


_ENERGY_UNITS = frozenset({"Wh", "kWh", "MWh", "GWh", "TWh"})
_CAPACITY_OF_POWER = re.compile(r"(?i)\b(?:(?:installed|generating|generation|grid-connected|transmission|power\s+supply|"
                                r"power\s+generation|photovoltaic|wind\s+power|solar\s+power|hydropower)\s+capacity|"
                                r"(?:discharge|discharging|charging|output|rated)\s+power)\b")
# "a total installed capacity of 5.4 million kilovolts": volts where watts belong
_VOLTS_FOR_WATTS = re.compile(r"(?i)\bcapacity\b[^.;]{0,40}?\d[\d.,]*[ \t]*(?:(?:thousand|million|billion)[ \t]+)?"
                              r"(?P<unit>kilovolts?|megavolts?|kV\b)")
# ("photovoltaic power generation" names a kind of plant in these texts, rated in kW: not an amount of energy)
_AMOUNT_OF_ENERGY = re.compile(r"(?i)\b(?:generated|generates|generating|electricity\s+generation\s+of|"
                               r"electricity\s+(?:consumption|use|output|sales)|power\s+consumption|consumed|"
                               r"consumption\s+of\s+electricity)\b")
_STORAGE = re.compile(r"(?i)\b(?:batter(?:y|ies)|storage)\b")


class PowerEnergyMixUp(TextRule):
    """
    ## What it does
    Reports a figure whose unit is of the wrong one of power and energy
    for what the clause says it measures: a generating, installed or
    transmission capacity in kWh ("transmission capacity is set to exceed
    100 million kWh", "the discharge power was 1681GWh"), or electricity
    generated or consumed in kW ("generated 5 million kW last year"); and a
    capacity in volts ("5.4 million kilovolts"). Batteries and storage, whose
    capacity is energy, are left to G120.

    ## Why is this bad?
    Capacity is power (kW, GW); what is generated or used over a time is
    energy (kWh). A translation that drops or adds the "h" gives a figure
    that matches nothing else, and is usually off in magnitude too.
    """

    code = "G121"
    name = "power-energy-mix-up"
    severity = Severity.WARNING
    summary = "a capacity in energy units, or energy in power units"
    failing = Example(TEXT_CLAIMS, "The region's transmission capacity will exceed 100 million kWh.\n")
    passing = Example(TEXT_CLAIMS, "The region's transmission capacity will exceed 100 million kW.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        for found in _VOLTS_FOR_WATTS.finditer(text) if "volt" in text or "kV" in text else ():
            yield TextProblem(found.start("unit"), found.end("unit"), f"a capacity in '{found.group('unit')}': volts "
                              "measure voltage; watts (kW) were meant?", correction="kilowatts")
        if not any(f.unit in _ENERGY_UNITS or f.unit in _POWER_UNITS for f in document.figures):
            return
        about_batteries = text.lower().count("batter") >= 2  # "CATL's installed capacity ... 107GWh": cells fitted
        for clause in document.clauses:
            figures = [f for f in document.figures_in(clause) if f.unit in _ENERGY_UNITS or f.unit in _POWER_UNITS]
            if not figures or _STORAGE.search(clause.text):
                continue  # batteries and storage: their capacity is energy (G120 reads them)
            for figure in figures:
                before = text[max(clause.start, figure.start - 60) : figure.start]
                if figure.unit in _ENERGY_UNITS and _CAPACITY_OF_POWER.search(before) and not about_batteries:
                    yield TextProblem(figure.start, figure.end, f"a capacity is power, but '{figure.text}' is energy",
                                      correction=figure.text.replace("Wh", "W").replace("watt hours", "watts")
                                      .replace("watt-hours", "watts").replace("kilowatt hours", "kilowatts"))
                elif (figure.unit in _POWER_UNITS and _AMOUNT_OF_ENERGY.search(before)
                      and "capacit" not in text[max(clause.start, figure.start - 110) : figure.start].lower()):
                    yield TextProblem(figure.start, figure.end, f"electricity generated or used is energy, but "
                                      f"'{figure.text}' is power", correction=_with_hours(figure))


# a unit word whose number fell out: "an investment of billion yuan", "reached GW", "up % year on year"
_UNIT_WITHOUT_NUMBER = re.compile(  # the first-letter test first: a search skips most places at once
    r"(?i)(?=[oratn])\b(?:of|reach(?:ed|ing)?|about|around|exceed(?:ed|ing)?|to|over|nearly|approximately|total(?:led|ed|ling|ing)?)"
    r"[ \t]+(?P<unit>(?:(?:ten[ \t]+)?(?:thousand|million|billion|hundred[ \t]+million)[ \t]+)?(?:yuan|tons|tonnes|"
    r"kilowatts?|kilowatt[ \t-]hours?|square[ \t]+met(?:er|re)s)|(?-i:GWh|MWh|kWh|GW|MW|kW)|%"
    r"|(?:million|billion|trillion|hundred[ \t]+million)(?![ \t]*(?:-|of\b|level|grade|class)))(?![\w-])")


class UnitWithoutNumber(TextRule):
    """
    ## What it does
    Reports a unit or scale word whose number fell out ("with a total
    investment of billion yuan", "the capacity reached GW", "an increase
    of % year on year").

    ## Why is this bad?
    The figure is gone: a reader sees a sentence that states a quantity
    but not how much, and nothing can be claimed or checked.
    """

    code = "G122"
    name = "unit-without-number"
    severity = Severity.WARNING
    summary = "a unit whose number fell out"
    failing = Example(TEXT_CLAIMS, "The project has a total investment of billion yuan.\n")
    passing = Example(TEXT_CLAIMS, "The project has a total investment of 3 billion yuan.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        for found in _UNIT_WITHOUT_NUMBER.finditer(document.text):
            unit = found.group("unit")
            before = document.text[max(0, found.start() - 12) : found.start()].lower()
            if re.search(r"(?:thousands|millions|billions|hundreds|tens|dozens)\s*$", before):
                continue  # "thousands of tons": English counts so without a number
            if unit.lower().startswith("ton") and re.match(r"\s+of\b", document.text[found.end("unit"):]):
                continue  # "the cost of tons of aluminium": "a ton" with its article dropped, not a lost figure
            if re.match(r"[ \t]?\d", document.text[found.end("unit") : found.end("unit") + 2]):
                continue  # "around Yuan 11,800/mt": the unit written before its number
            yield TextProblem(found.start("unit"), found.end("unit"), f"'{unit}' with no number: the figure fell out")


# "about 210 million degrees" of electricity: 度, the everyday word for a kWh, read as degrees
_DEGREES = re.compile(r"\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?[ \t]*(?:(?:thousand|million|billion|hundred[ \t]+million)[ \t]+)?"
                      r"degrees?\b(?![ \t]*(?:Celsius|centigrade|Fahrenheit|C\b|of\s+(?:latitude|longitude|freedom)))")
_SCALE_WORD = re.compile(r"(?i)thousand|million|billion")
_TEMPERATURE = re.compile(r"(?i)°|celsius|temperature|latitude|longitude|angle|slope|tilt")
_ELECTRICITY = re.compile(r"(?i)electricit|power\s+generation|generat|kwh|kilowatt|consum")
# "covering 300 acres": 亩 (mu, 666.7 m2) rendered as acres (4,047 m2) in texts from China
_ACRES = re.compile(r"\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?[ \t]*(?:(?:thousand|million)[ \t]+)?acres?\b")
_CHINESE_SOURCE = re.compile(r"(?i)\byuan\b|\bRMB\b|\bCNY\b|\bmu\b|province|county|municipal|autonomous region")
# "the RMB975 project": a project's sum with its scale word gone
_SMALL_PROJECT_SUM = re.compile(r"(?:RMB|CNY|¥|\$|US\$)[ \t]?(?P<value>\d{1,4}(?:\.\d+)?)(?![\d,.]|[ \t]*(?:thousand|"
                                r"million|billion|trillion|yuan|per|/))[ \t]+(?P<what>project|plant|base|investment)\b")


class MistranslatedUnitWord(TextRule):
    """
    ## What it does
    Reports unit words a translation takes for their English look-alikes:
    electricity in "degrees" (度, the everyday word for a kilowatt-hour:
    "about 210 million degrees"), land in "acres" in a text from China
    (亩, mu: 666.7 m2, where an acre is 4,047 m2, six times as much), and
    a project's sum with its scale word gone ("the RMB975 project").

    ## Why is this bad?
    The figure keeps its number but changes its measure: "degrees" is no
    unit of energy, "300 acres" overstates 300 mu six-fold, and "RMB975"
    for a project is a million times too small.
    """

    code = "G125"
    name = "mistranslated-unit-word"
    severity = Severity.WARNING
    summary = "a unit word taken for its English look-alike"
    failing = Example(TEXT_CLAIMS, "The station generates about 210 million degrees of electricity a year.\n")
    passing = Example(TEXT_CLAIMS, "The station generates about 210 million kWh of electricity a year.\n")

    def check_text(self, document: TextDocument) -> Iterator[TextProblem]:
        text = document.text
        if "degree" in text and not _TEMPERATURE.search(text) and _ELECTRICITY.search(text):
            for found in _DEGREES.finditer(text):
                digits = re.match(r"[\d,]+(?:\.\d+)?", found.group(0))
                if digits is not None and not _SCALE_WORD.search(found.group(0)) and \
                        float(digits.group(0).replace(",", "")) < 1000:
                    continue  # "at 30 degrees": an angle; electricity comes in thousands of kWh and more
                yield TextProblem(found.start(), found.end(), f"'{found.group(0)}' of electricity: 度 is a kWh",
                                  correction=re.sub(r"degrees?", "kWh", found.group(0)))
        if "acre" in text and _CHINESE_SOURCE.search(text):
            for found in _ACRES.finditer(text):
                yield TextProblem(found.start(), found.end(), f"'{found.group(0)}' in a text from China: 亩 (mu, "
                                  "666.7 m2) rendered as acres (4,047 m2)?", correction=re.sub(r"acres?", "mu",
                                                                                               found.group(0)))
        for found in _SMALL_PROJECT_SUM.finditer(text):
            yield TextProblem(found.start(), found.end(), f"'{found.group(0)}': a {found.group('what')} of "
                              f"{found.group('value')} units of money: a scale word (million, billion) lost?")
