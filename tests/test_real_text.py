"""Damage and spellings seen in real machine-translated articles, each in a paragraph written for the test.

Every expected value is worked out by hand from the paragraph.
"""

from __future__ import annotations

from typing import Any

import pytest
from claimlint.figures.reader import read_figures
from claimlint.figures.text import split_sentences

Row = tuple[str, Any, Any]  # text, value, unit


def rows(text: str) -> list[Row]:
    return [(f.text, f.value, f.unit) for f in read_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a currency code glued to its number is money
        ("raised USD12 million from investors", [("USD12 million", 12_000_000, "USD")]),
        ("a CNY7.5 billion plant", [("CNY7.5 billion", 7_500_000_000, "yuan")]),
        ("an investment of RMB3 billion", [("RMB3 billion", 3_000_000_000, "yuan")]),
        ("worth CN¥ 2 billion", [("CN¥ 2 billion", 2_000_000_000, "yuan")]),
        # metric tons as the trade press abbreviates them; Mt is the megatonne
        ("a 200,000 MT polysilicon plant", [("200,000 MT", 200_000, "t")]),
        ("about 50,000 mt of silicon metal", [("50,000 mt", 50_000, "t")]),
        ("China made 41 Mt of aluminium", [("41 Mt", 41, "Mt")]),
        # a decimal point set off by spaces is read as the decimal it was
        ("revenue of RMB5 . 3 billion", [("RMB5 . 3 billion", 5_300_000_000, "yuan")]),
        ("output rose 27 . 4% on the year", [("27 . 4%", 27.4, "percent")]),
        ("a 12. 5GW base", [("12. 5GW", 12.5, "GW")]),
    ],
)
def test_real_spellings_are_read(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The plant opened in 2021. 3 billion yuan more went into it",  # a year ends the sentence
        "It employs 5. 3 companies joined later",  # no unit of measure after the fraction
    ],
)
def test_a_full_stop_after_a_number_is_not_a_decimal_point(text: str) -> None:
    assert all("." not in str(value) for _, value, _ in rows(text)), rows(text)


def test_sentences_end_at_a_heading_and_at_a_blank_line() -> None:
    text = "Solar output rose\n\nThe company added 5 GW. It grew.\nNew line starts here\nand wraps on."
    assert [s.text.strip() for s in split_sentences(text)] == [
        "Solar output rose", "The company added 5 GW.", "It grew.", "New line starts here\nand wraps on."]


# --- tense and time, on paragraphs written for the test ---------------------------------------

import datetime as dt
from functools import cache
from pathlib import Path

from claimlint.checks import TEXT_RULES
from claimlint.checks.base import scan_document
from claimlint.domain.vocabulary import load_domain
from claimlint.figures.text import TextDocument
from claimlint.reading.sources import SourceText
from claimlint.reading.textfiles import publication_date


@cache
def _domain() -> Any:
    return load_domain(Path("."), None, [])


def scan(text: str, published: str | None = None, codes: str = "T") -> list[tuple[str, str, str | None]]:
    date = dt.date.fromisoformat(published) if published else publication_date(text)
    document = TextDocument(SourceText("case.txt", text, "0" * 64), date, _domain())
    return [(f.code, f.quote or "", f.extra.get("correction")) for f in scan_document(
        document, [rule() for rule in TEXT_RULES]) if f.code.startswith(codes)]


def test_a_tense_repair_never_conjugates_a_word_that_is_no_verb() -> None:
    found = scan("In 2021, output will about 30 GW. In 2021 it will approximately double.", "2023-01-01")
    assert [code for code, _, _ in found] == ["T201", "T201"]
    assert all(correction is None or "abouted" not in correction and "approximatelied" not in correction
               for _, _, correction in found)


def test_a_tense_repair_skips_adverbs_and_keeps_the_passive() -> None:
    found = scan("In 2021, the plant will basically complete its trial run. In 2022, the line will be put "
                 "into production.", "2023-03-01")
    assert [correction for _, _, correction in found] == [
        "In 2021, the plant basically completed", "In 2022, the line was put"]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # the year of the earlier figure of a change is not the year of the sentence
        ("Output will rise to 1.2 million tons in 2024, from 943,000 tons in 2021.", "2023-06-01"),
        ("Compared with 2020, output value in 2024 will double.", "2023-06-01"),
        # another clause speaks of the future
        ("Output surged 60% in the first half of 2021 as the country strives to peak emissions.", "2021-08-01"),
        # a past result, then a plan with no date of its own
        ("In 2021, the 12 projects had a total investment of 5 billion yuan, and are expected to add 8GW.",
         "2022-04-15"),
    ],
)
def test_no_tense_slip_where_the_future_is_about_another_time(text: str, published: str) -> None:
    assert scan(text, published) == []


@pytest.mark.parametrize(
    ("text", "published", "quote"),
    [
        ("The province is expected to generate some 30 billion yuan in its PV sector in 2020.", "2021-01-18",
         "is expected to generate some 30 billion yuan in its PV sector in 2020"),
        ("The project will start construction in September 2020, the bureau said.", "2021-04-12",
         "will start construction in September 2020"),
    ],
)
def test_future_tense_for_a_period_already_over_in_any_wording(text: str, published: str, quote: str) -> None:
    assert [(code, found) for code, found, _ in scan(text, published)] == [("T201", quote)]


def test_an_undated_text_is_dated_no_earlier_than_the_latest_period_it_reports_as_done() -> None:
    text = ("In 2024, the region's aluminium output value will reach 205 billion yuan. From January to "
            "July 2025, the output value reached 140 billion yuan.")
    assert [code for code, _, _ in scan(text)] == ["T201"]


def test_past_tense_for_a_month_named_with_its_year_after_publication() -> None:
    text = "Jul 25, 2019\n\nThe province's operating rate was 80% as of end-August 2019, the association said."
    assert [code for code, _, _ in scan(text)] == ["T202"]
    # a month with no year may be last year's: left alone
    assert scan(text.replace("end-August 2019", "end-August")) == []


def test_a_month_with_no_year_is_the_latest_one() -> None:
    assert scan("Feb 9, 2017\n\nDomestic production reached 20,000 tons in December.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This year, output will reach 140,000 tons.", ["T203"]),  # no year anywhere
        ("Polysilicon review 2023\n\nThis year, output will reach 140,000 tons.", []),  # the title gives it
        ("Output was 8,466 t in the first half of 2021, with guidance of 24,000 t for this year.", []),
        (("The plant runs at full load. It will reach full capacity this year. It made 13,602 t in the first "
         "half of 2021."), []),  # a part of a year in the next sentence can be this year
        (("In 2022, output was 153,000 tons. In the first five months of this year, output reached 80,000 "
         "tons."), ["T203"]),  # a whole year reported as done is over: not this year
        ("On October 12, the plant began making 5,000 tons a year.", ["T203"]),  # a day of no year
        ("March 3, Xining - A battery plant of 10 GWh opened.", ["T203"]),  # a dateline with no year
        ("On October 12, 2021, the plant began making 5,000 tons a year.", []),
        ("Plant opens\n\nMarch 3, 2022, Xining - A battery plant of 10 GWh opened.", []),
        ("March 8 is a holiday; the plant made 5,000 tons.", []),  # a line that opens with a day: no dateline
    ],
)
def test_a_relative_date_is_anchored_by_a_year_the_text_gives(text: str, expected: list[str]) -> None:
    assert [code for code, _, _ in scan(text)] == expected


def test_an_undated_text_gets_one_finding_of_each_kind_of_unanchored_date() -> None:
    text = ("This year, output will reach 140,000 tons.\n\nOn October 12, a plant opened.\n\n"
            "Sales this year rose, and on May 3 a second plant opened.")
    assert [(code, quote) for code, quote, _ in scan(text)] == [("T203", "This year"), ("T203", "On October 12")]


def test_a_part_of_this_year_cannot_be_over_before_it_ends() -> None:
    text = "Updated on 2024-01-30\n\nFrom January to October this year, output value reached 70 billion yuan."
    assert scan(text) == [("T204", "From January to October this year", "From January to October 2023")]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Home > News\nViews: 0     Author: Site Editor     Publish Time: 2021-04-12      Origin: Site\n",
         "2021-04-12"),
        ("Year-end inventory\niconDec 31, 2019 18:23\nSource:SMM\n", "2019-12-31"),
        ("China's battery sales up\nXinhua) 08:23, November 13, 2025\n", "2025-11-13"),
        ("Project news\nClick:200    DateTime:Apr.25,2007\n", "2007-04-25"),
        (" date 2021-08 A worker on a line\n", "2021-08-01"),
        ("2022年3月16日 消息\n", "2022-03-16"),
    ],
)
def test_the_date_a_page_states_for_itself(text: str, date: str) -> None:
    assert publication_date(text) == dt.date.fromisoformat(date)


def test_a_date_in_a_long_paragraph_is_not_the_page_date() -> None:
    text = ("In 2018, the provincial government issued a long plan for the industry that set targets for "
            "every city and county, and on March 5, 2018 it added more.\n")
    assert publication_date(text) is None


def test_a_date_with_no_space_after_its_comma_is_no_damaged_number() -> None:
    assert scan("Jul 1,2020 14:08CST\n\nThe cluster signed 12 projects.", codes="G") == []


# --- damage inside a written figure --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "quote", "correction"),
    [
        ("The plant will cost RMB4 . 4 billion (USD0 . 62 billion).", "G108", "RMB4 . 4 billion", "RMB4.4 billion"),
        ("It needs an investment of CNY 8 billion ($1. 1 billion).", "G108", "$1. 1 billion", "$1.1 billion"),
        ("Output value grew from 68500 million yuan.", "G109", "68500 million", "6.85 billion"),
        ("and reached 698600 million yuan in 2022.", "G109", "698600 million", "69.86 billion"),
        ("Taxes rose from 0600 million yuan.", "G109", "0600 million", "60 million"),
        ("Solar power generation reached 2005 billion kWh.", "G109", "2005 billion", "200.5 billion"),
        ("with a total investment of 1 billion 900 million yuan.", "G110", "1 billion 900 million yuan",
         "1.9 billion yuan"),
        ("the plan is to build 10g W solar cells", "G111", "10g W", "10 GW"),
        ("sales reached 62.3 GWhH in 2018", "G111", "62.3 GWhH", "62.3 GWh"),
        ("an output value of more than 10billion yuan", "G111", "10billion", "10 billion"),
        ("with a designed capacity of 10.80 pieces of wafers", "G112", "10.80 pieces", None),
        ("we introduced BYD (281.310, -1.39, -0.49%) and others", "G113", "(281.310, -1.39, -0.49%)", None),
        ("and it is expected to be in 2022. exceeded 100 billion yuan.", "G114", "2022. exceeded", None),
        ("Sales were 2.1 million and 200,000. 1.3 times; the production of fuel cars fell.", "G116", "1.3 times",
         None),
        ("Yongxiang in Wutongqiao District, 3000 tons The construction of the plant began.", "G114",
         "3000 tons The", None),
        ("exports rose 44.6% in the first October of this year", "G115", "the first October", "the first 10 months"),
        ("according to the development plan (year) of the region", "G115", "(year)", None),
    ],
)
def test_damage_inside_a_figure_is_reported_with_its_repair(text: str, code: str, quote: str,
                                                            correction: str | None) -> None:
    assert (code, quote, correction) in scan(text, "2023-01-01", codes="G")


@pytest.mark.parametrize(
    "text",
    [
        "The plant cost RMB4.4 billion and 500 million yuan more in 2022, and 12000 million yuan in all.",
        "Generation reached 2,005 billion kWh, or 2.005 trillion kWh, and 1,200 billion yuan.",
        "It has 5G base stations and 10 GWp of modules, 3.2 kWp per roof.",
        "The company has 12 enterprises and 3.5 million pieces of wafers.",
        "Output rose 5.6% in 2022. It was a good year. Ltd. made 3 GW.",
        "The 2021-2025 plan (2021-2025) and the year (2022) were cited.",
    ],
)
def test_clean_figures_are_left_alone(text: str) -> None:
    assert scan(text, "2023-01-01", codes="G") == []


# --- arithmetic inside one text --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "quote"),
    [
        ("Capacity rose from 150 GW to 200 GW, an increase of 60%.", "P201", "60%"),
        ("Output value went from 2 billion yuan to 3 billion yuan, up 150%.", "P201", "150%"),
        ("Sales rose from 10 GWh to 100 GWh, an increase of 3 times.", "P201", "3 times"),
        (("The total investment is 5 billion yuan, of which phase one is 3.2 billion yuan and phase two "
         "2.5 billion yuan."), "P202", "5 billion yuan"),
        (("It signed a total of 42 projects. Among them, 30 projects are batteries and 15 projects are "
         "materials."), "P202", "42 projects"),
        ("Cells and modules accounted for 62% and 45% of the total respectively.", "P203", "62% and 45%"),
        ("The province's output accounted for 120% of the national total.", "P203", "120%"),
        ("In 2022, profits decreased by 207.5% on the year.", "P201", "207.5%"),
        ("Jiangsu accounts for 60% of the national total and Zhejiang accounts for 45% of the national total.",
         "P203", "60% of the national total and Zhejiang accounts for 45%"),
        ("The output of polysilicon, wafers and cells reached 360,000 tons and 165 GW respectively.", "P204",
         "360,000 tons and 165 GW respectively"),
        ("The plant makes 50 GWh of batteries a year, enough for 50,000 electric cars.", "P205",
         "50 GWh of batteries a year, enough for 50,000 electric cars"),
    ],
)
def test_figures_that_cannot_all_be_true(text: str, code: str, quote: str) -> None:
    assert code in [c for c, q, _ in scan(text, "2023-01-01", codes="P") if q == quote], scan(text, "2023-01-01", "P")


@pytest.mark.parametrize(
    "text",
    [
        "Capacity rose from 150 GW to 240 GW, an increase of 60%.",
        "It reached 240 GW, 60% more than 150 GW.",
        "The number of firms grew from 23 to 146, an increase of more than 6 times.",  # 6.3 times the base
        "Sales rose from 10 GWh to 40 GWh, an increase of 3 times.",  # 3 more times the base: 4 times it
        "Taxes rose from 0.6 billion yuan to 61.6 billion yuan, an increase of 100 times.",  # a round rate
        "The total investment is 5 billion yuan, of which phase one is 3.2 billion yuan and phase two 1.8 billion.",
        "Cells and modules accounted for 42% and 45% of the total respectively.",
        "Output rose 30% and exports 45% in 2022.",  # rates, not shares
        "Profits decreased by 150% and the firm turned to a loss.",
        "The output of polysilicon, wafers and cells reached 360,000 tons, 165 GW and 146 GW respectively.",
        "Sales of the gum and HVI rubber are 2,350 and 1,050 tons respectively.",
        "The plant makes 50 GWh of batteries a year, enough for 700,000 electric cars.",
    ],
)
def test_figures_that_agree_are_left_alone(text: str) -> None:
    assert scan(text, "2023-01-01", codes="P") == []


# --- units missing or of the wrong kind in the text ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "quote", "correction"),
    [
        ("LG Chemical has invested 7.2 billion rebuilt battery plants in China.", "G118", "7.2 billion", None),
        ("The province's output value of 26 billion, up 30% on the year.", "G118", "26 billion", None),
        ("In 2011, lithium battery production reached 2.966 billion, an increase of 10.88%.", "G118",
         "2.966 billion", None),
        ("Module prices fell to 2 yuan in May.", "G119", "2 yuan", "2 yuan per watt"),
        ("Polysilicon prices rose to 300 yuan this week.", "G119", "300 yuan", "300 yuan per kilogram"),
        ("The plant will make 20 GW of power batteries a year.", "G120", "20 GW", "20 GWh"),
        ("The region's transmission capacity will exceed 100 million kWh.", "G121", "100 million kWh",
         "100 million kW"),
        ("The station generated 5 million kW of electricity last year.", "G121", "5 million kW", "5 million kWh"),
        ("In the first quarter the discharge power was 1681GWh.", "G121", "1681GWh", "1681GW"),
        ("The plant has a total installed capacity of 5.4 million kilovolts.", "G121", "kilovolts", "kilowatts"),
        ("The project has a total investment of billion yuan.", "G122", "billion yuan", None),
        ("The project has a total investment of billion, and it starts soon.", "G122", "billion", None),
        ("Output reached 2021.367 million units.", "G123", "2021.367", None),
        ("Sales grew, an increase of 2022.700%.", "G123", "2022.700", None),
        ("As of July 90, 5 projects had started.", "G123", "July 90", None),
        ("Sales rose. In 4, the annual production rose.", "G123", "In 4", None),
        ("Smelting began here in the early 1950 s.", "G123", "1950 s", "1950s"),
        ("The notice was issued on July 13, 20XX by the bureau.", "G123", "20XX", None),
        ("It built a 100,000-tonlithium battery foil plant.", "G111", "100,000-tonlithium", "100,000-ton lithium"),
        ("It is a 1.5-trillion- yuan industry.", "G111", "1.5-trillion- yuan", "1.5-trillion yuan"),
        ("It will add an annual production of 30 G wh of cells.", "G111", "30 G wh", "30 GWh"),
        ("Its H shares raised 130.6 HK$100 million in 2018.", "G109", "130.6 HK$100 million", "HK$13.06 billion"),
        ("The plan grew at a rate of 26%the detailed plan says.", "G114", "26%the", None),
        ("The station generates about 210 million degrees of electricity a year.", "G125", "210 million degrees",
         "210 million kWh"),
        ("The county park covers 300 acres and cost 2 billion yuan.", "G125", "300 acres", "300 mu"),
        ("Work began on the RMB975 project in May.", "G125", "RMB975 project", None),
        ("The output of lithium-ion batteries was 4.768 billion, up 10%.", "G118", "4.768 billion", None),
        ("a lithium battery production capacity of 15 GW", "G120", "15 GW", "15 GWh"),
        ("In 2030 global demand for cells will reach 5.2 billion.", "G118", "5.2 billion", None),
        ("Last year demand for the storage battery market 3.1 billion, up 20%.", "G118", "3.1 billion", None),
    ],
)
def test_a_unit_missing_or_of_the_wrong_kind(text: str, code: str, quote: str, correction: str | None) -> None:
    assert (code, quote, correction) in scan(text, "2023-01-01", codes="G")


@pytest.mark.parametrize(
    "text",
    [
        "The company has invested 7.2 billion yuan in new plants, about 1 billion U.S. dollars.",
        "Each plant invested 600 billion won and 2 billion euros.",
        "China has 1.4 billion people and 2.966 billion cells were made.",
        "Demand for cells will reach 5.2 billion units in 2030.",
        "Silicon output value breaks 50 billion!\n\nThe province's output rose.",  # a headline drops units
        "Module prices fell to 2 yuan per watt; polysilicon prices to 60 yuan/kg.",
        "The plant makes 20 GWh of power batteries; the storage power station is 2 GW / 4 GWh.",
        "It added 10 GW of TOPCon battery chips and 5 GW of solar cells.",
        "It builds a 100 billion-grade industry and a trillion-class cluster.",
        "The installed capacity of photovoltaic power generation will exceed 2000 MW; storage capacity is 4 GWh.",
        "As of July 30, 2021, output was 2021.5 tons more than planned in 2021, and 2,021.5 million yuan.",
        "Highlights\n02. innovation-driven upgrading of 5 GW lines",
        "The panels face south at 30 degrees and generate 2 million kWh a year.",
        "The US farm covers 300 acres.",
        "The smelter makes 850 000 tons a year and stores 20 000 cubic metres of water.",  # SI thousands
        "Smelting began here in the early 1950s.",
        "It invested RMB975 million in the project.",
        "The 500 kV line carries the capacity of 3 GW.",
        "The station generated 5 million kWh with an installed capacity of 3 MW, and thousands of tons of ore.",
    ],
)
def test_units_written_right_are_left_alone(text: str) -> None:
    assert scan(text, "2023-01-01", codes="G") == []


def test_an_investment_implausible_for_the_capacity_it_builds() -> None:
    text = ("Their total capacity reaches 48 million kW. With a planned total investment exceeding 400 million "
            "yuan, the bases will be completed in 2025.")
    assert [code for code, _, _ in scan(text, "2024-01-25", codes="P")] == ["P206"]
    fine = text.replace("400 million", "240 billion")
    assert scan(fine, "2024-01-25", codes="P") == []


def test_an_output_value_implausible_for_the_capacity_that_makes_it() -> None:
    text = "The 10 GW module plant will have a gross output value of CNY350 million a year."
    assert [code for code, _, _ in scan(text, "2009-07-10", codes="P")] == ["P206"]
    assert scan(text.replace("CNY350 million", "CNY35 billion"), "2009-07-10", codes="P") == []


def test_an_output_value_implausible_for_the_investment_that_built_the_plant() -> None:
    text = ("The cathode plant has a total investment of 800 million yuan, and once running it is expected to "
            "reach an annual output value of 40 billion yuan.")
    found = scan(text, "2021-03-01", codes="P")
    assert [code for code, _, _ in found] == ["P206"] and found[0][1] == "40 billion yuan"
    assert scan(text.replace("40 billion", "4 billion"), "2021-03-01", codes="P") == []
    two = text.replace("800 million yuan,", "800 million yuan, a second one invested 900 million yuan,")
    assert scan(two, "2021-03-01", codes="P") == []  # two investments: which one is the output value's?
    apart = "Plant news\n\n" + text.replace("800 million yuan, and once", "800 million yuan. Once")
    assert [code for code, _, _ in scan(apart, "2021-03-01", codes="P")] == ["P206"]  # the sentence before
    titled = "Tongwei invests 2 billion yuan in Baotou\n\nThe city's industrial output value reached 300 billion yuan."
    assert scan(titled, "2021-03-01", codes="P") == []  # a title's investment, a place's output value


# --- the claim rules over a text's figures ---------------------------------------------------------

from claimlint.checks import TEXT_CLAIM_RULES
from claimlint.checks.text_claims import check_text_claims
from claimlint.figures.readings import DocumentReading


def _document(text: str, published: str | None) -> TextDocument:
    date = dt.date.fromisoformat(published) if published else None
    return TextDocument(SourceText("case.txt", text, "0" * 64), date, _domain())


def test_a_figure_is_read_with_subject_metric_period_and_kind() -> None:
    text = ("At present, Baotou has formed a production capacity of 335,000 tons of polysilicon. By 2025, "
            "Yunnan Province will have 150,000 tons of polysilicon production capacity and 30 GW of solar cells.")
    readings = DocumentReading(_document(text, "2023-05-22")).readings
    got = [(r.figure.text, r.subject, r.metric, r.period, r.kind) for r in readings]
    assert got == [
        ("335,000 tons", "Baotou", "polysilicon production capacity", "2023", "actual"),
        ("150,000 tons", "Yunnan", "polysilicon production capacity", "2025", "target"),
        ("30 GW", "Yunnan", "solar cell production capacity", "2025", "target"),
    ]


def test_a_project_figure_is_not_its_place() -> None:
    text = "A 50,000-ton high-purity polysilicon project in Baotou took ten months to build."
    (reading,) = [r for r in DocumentReading(_document(text, "2023-05-22")).readings if r.figure.unit == "t"]
    assert reading.subject is None and "project" in reading.why["subject"]


def test_a_company_project_figure_is_read_as_the_project_by_company_place_and_phase() -> None:
    text = ("Hoshine's second phase 200,000-ton industrial silicon project in Shizuishan started production. "
            "The 20GWh phase 3 plant of CATL in Yibin is under construction.")
    readings = DocumentReading(_document(text, "2023-05-22")).readings
    got = [(r.figure.text, r.subject, r.metric) for r in readings]
    assert got[0] == ("200,000-ton", "Hoshine Shizuishan Phase II", "industrial silicon production capacity")
    assert got[1][:2] == ("20GWh", "CATL Yibin Phase III")


def test_a_company_s_own_figure_is_the_company_s_not_the_country_s() -> None:
    text = ("China's polysilicon makers grew fast. LONGi's polysilicon production capacity stands at around "
            "50,000 tons, while China's capacity reached 900,000 tons.")
    got = [(r.figure.text, r.subject) for r in DocumentReading(_document(text, "2023-05-22")).readings]
    assert got == [("50,000 tons", "LONGi"), ("900,000 tons", "China")]


def test_imports_are_not_the_output_named_before_them() -> None:
    text = "Polysilicon output reached 18,000 tons in March, while imports rose to 9,000 tons."
    got = [(r.figure.text, r.metric) for r in DocumentReading(_document(text, "2023-05-22")).readings]
    assert got == [("18,000 tons", "polysilicon output"), ("9,000 tons", None)]


def test_a_deadline_after_a_connective_dates_the_next_sentence() -> None:
    text = ("In addition, by 2026, the cathode industry of Qujing will be completed. The supply chain is "
            "reasonable, and 3 recycling demonstration projects are built.")
    (reading,) = DocumentReading(_document(text, "2024-03-01")).readings
    assert (reading.period, reading.kind) == ("2026", "target")


def test_a_measure_with_no_thing_takes_the_thing_its_clause_names_next() -> None:
    text = ("In Leshan, the 30GW phase 2 project of Tongwei will form a production capacity of 60GW of "
            "monocrystalline silicon, and 4,000 tons of polycrystalline silicon were made in May.")
    got = [(r.figure.text, r.metric) for r in DocumentReading(_document(text, "2023-05-22")).readings]
    assert got[:2] == [("30GW", "monocrystalline silicon production capacity"),
                       ("60GW", "monocrystalline silicon production capacity")]
    subjects = [r.subject for r in DocumentReading(_document(text.replace(" of monocrystalline silicon", (
        " of monocrystalline silicon after it is completed")), "2023-05-22")).readings]
    assert subjects[:2] == ["Tongwei Leshan Phase II", "Tongwei Leshan"]  # the phase's, then the company's there
    assert got[2] == ("4,000 tons", "polysilicon output")


def test_one_level_said_of_two_industries_is_read_for_each() -> None:
    text = "Ordos will build a 100 billion-level photovoltaic industry cluster and organic silicon cluster."
    readings = DocumentReading(_document(text, "2023-05-22")).readings
    got = [(r.figure.text, text[r.figure.start : r.quote_end or r.figure.end], r.metric, r.kind) for r in readings]
    assert got == [
        ("100 billion-level", "100 billion-level", "photovoltaic industry output value", "target"),
        ("100 billion-level", "100 billion-level photovoltaic industry cluster and organic silicon cluster",
         "organic silicon industry output value", "target"),
    ]


def test_two_places_named_together_are_two_candidates_not_the_nearer_one() -> None:
    text = "Jiangsu and Zhejiang have 30 GW of module capacity. Inner Mongolia, Baotou has 20 GW of module capacity."
    readings = DocumentReading(_document(text, "2023-05-22")).readings
    assert readings[0].subject is None and "two candidates" in readings[0].why["subject"]
    assert readings[1].subject == "Baotou"  # a city in its province: the most specific one


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The 50GW Phase III project of Shuangliang will form a production capacity of 90GW of monocrystalline "
         "silicon after it is completed.", [("50GW", "Shuangliang Phase III"), ("90GW", "Shuangliang")]),
        ("Baotou, which hosts Tongwei, has a polysilicon production capacity of 300,000 tons.",
         [("300,000 tons", "Baotou")]),
        ("In Baotou, Tongwei and Daqo have a polysilicon production capacity of 300,000 tons.",
         [("300,000 tons", "Baotou")]),
        ("Polysilicon sales to LONGi reached 50,000 tons.", [("50,000 tons", None)]),
        ("In the first phase of development, Baotou's polysilicon production capacity reached 300,000 tons.",
         [("300,000 tons", "Baotou")]),
        ("Tongwei has signed with the city. After the project was approved, the polysilicon production capacity "
         "of the city reached 200,000 tons.", [("200,000 tons", None)]),
        ("Tongwei, Daqo and GCL have plants there. It took one year for the first phase of the project to be put "
         "into operation.", [("one year", None)]),
        ("Shanghai Hongqiao hosted the expo, where a polysilicon capacity of 100,000 tons was shown.",
         [("100,000 tons", None)]),
    ],
)
def test_a_company_or_project_is_read_only_where_the_text_makes_the_figure_its(
        text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(r.figure.text, r.subject) for r in DocumentReading(_document(text, "2023-05-22")).readings] == expected


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Baotou has a production capacity of 100,000 tons of polysilicon and an output of 80,000 tons.",
         "polysilicon production capacity"),
        ("The photovoltaic industry output value at current prices reached 50 billion yuan.",
         "photovoltaic industry output value"),
    ],
)
def test_a_measure_reaches_its_figure_past_words_that_are_not_its_own(text: str, metric: str) -> None:
    assert DocumentReading(_document(text, "2023-05-22")).readings[0].metric == metric


def test_respectively_pairs_each_figure_with_the_thing_at_its_place_in_the_list() -> None:
    text = ("In 2022 the output of industrial silicon, polysilicon and modules in Xinjiang reached 1.2 million "
            "tons, 400,000 tons and 30 GW respectively.")
    got = [(r.figure.text, r.metric) for r in DocumentReading(_document(text, "2023-05-22")).readings]
    assert got == [("1.2 million tons", "industrial silicon output"), ("400,000 tons", "polysilicon output"),
                   ("30 GW", None)]  # no module output in rules/metrics.yaml: not a polysilicon figure either


def test_a_count_of_projects_is_its_place_s() -> None:
    text = "This year Ningde will sign 18 battery projects."
    (reading,) = DocumentReading(_document(text, "2023-05-22")).readings
    assert reading.subject == "Ningde"


def test_a_duration_is_read_by_the_event_it_runs_to() -> None:
    text = ("LONGi opened its Jiaxing base last year. It took only eight months for the first phase of the "
            "project to be put into operation; sales began at once, and the industrial output value was 6 billion "
            "yuan in the year it was put into production. The second phase of CATL's Ningde plant reached its "
            "design capacity after two months of operation.")
    readings = DocumentReading(_document(text, "2023-05-22")).readings
    got = [(r.figure.text, r.subject, r.metric, r.period) for r in readings]
    assert got == [
        ("eight months", "LONGi Jiaxing Phase I", "construction duration", "2023"),
        ("6 billion yuan", "LONGi Jiaxing project", "industrial output value", None),
        ("two months", "CATL Ningde Phase II", "ramp-up duration", "2023"),
    ]


def _claim_codes(text: str, published: str | None = "2023-05-22") -> list[str]:
    document = _document(text, published)
    return [f.code for f in check_text_claims(document, "case.txt", [rule() for rule in TEXT_CLAIM_RULES])]


def test_scan_finds_a_contradiction_inside_one_text() -> None:
    text = ("By 2024, Yunnan will form a production capacity of 1 million tons of cathode materials, 500,000 "
            "tons of cathode materials and 90,000 tons of copper foil.")
    assert _claim_codes(text) == ["X101"]
    assert _claim_codes(text.replace("500,000 tons of cathode", "500,000 tons of anode")) == []


def test_undated_figures_of_two_sentences_are_not_one_period() -> None:
    text = ("Yunnan has a polysilicon production capacity of 100,000 tons. After the expansion, Yunnan has a "
            "polysilicon production capacity of 300,000 tons.")
    assert _claim_codes(text, None) == []  # no date: two times, not a contradiction
    assert _claim_codes(text, "2023-05-22") == ["X101"]  # both of 2023: one cannot be both


def test_a_running_total_is_not_the_period_s_own_figure() -> None:
    text = ("In 2023 Yunnan's polysilicon output was 40,000 tons in June, and the cumulative polysilicon output "
            "of the first half reached 210,000 tons.")
    assert _claim_codes(text) == []
    undated = "Yunnan's polysilicon output was 40,000 tons in June, while in May polysilicon output was 36,000 tons."
    assert _claim_codes(undated, None) == []  # two months of no year: two periods


def test_scan_finds_a_value_no_subject_can_have() -> None:
    text = "In 2007, China's silicon metal production reached 95 million tons."
    assert _claim_codes(text) == ["P105"]
    assert _claim_codes(text.replace("95 million tons", "950,000 tons")) == []


def test_scan_finds_a_share_that_makes_an_impossible_whole() -> None:
    text = ("Yunnan will have an electrolytic aluminum production capacity of 8 million tons, accounting for "
            "nearly five percent of the country's total.")
    assert _claim_codes(text) == ["P103"]
    assert _claim_codes(text.replace("five percent", "one fifth")) == []


def test_scan_reports_the_claim_rules_on_the_text(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("date 2023-05-22\n\nBy 2024, Yunnan will form 1 million tons of cathode "
                                    "materials, 500,000 tons of cathode materials.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "claimlint", "scan", "--format", "json", "--select", "X", "a.txt"],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    findings = json.loads(done.stdout)["findings"]
    assert [(f["code"], f["path"], f["line"], f["claim"]) for f in findings] == [("X101", "a.txt", 3, None)]


def test_a_date_stamped_with_its_time_below_a_page_menu_dates_the_text() -> None:
    from claimlint.reading.textfiles import publication_date

    menu = "".join(f"Menu item {n}\n" for n in range(14))
    assert publication_date(menu + "Posted by Grace 2014-09-10 13:22:26\nIn the first half of this year ...\n") == \
        dt.date(2014, 9, 10)
    assert publication_date(menu + "Order 2014-09-10 was filed.\n") is None  # a date alone, so far down, is not one


def test_installed_capacity_is_no_result_verb() -> None:
    text = "By the end of 2025, the city's new energy installed capacity will reach 20 GW."
    assert [code for code, _, _ in scan(text, "2024-05-14", codes="T")] == []
    assert "T202" in [code for code, _, _ in scan("By the end of 2025, the city installed 20 GW.", "2024-05-14",
                                                   codes="T")]


@pytest.mark.parametrize(
    "text",
    [
        # a change in a price is per what the price it changes is per, named later in the clause
        "The price of lithium carbonate rose by CNY300 (USD41) to an average of CNY151,000 per ton on Monday.",
        "Wafer prices fell by 0.2 yuan to 2.1 yuan/W this week.",
        # a currency word written before its number, as price reports do
        "Silicon metal prices were expected to hover around Yuan 11,800-12,500/mt next month.",
    ],
)
def test_money_whose_unit_or_number_is_written_elsewhere_in_its_clause_is_no_damage(text: str) -> None:
    assert scan(text, "2023-10-20", codes="G") == []


def test_a_price_with_nothing_it_is_paid_per_is_still_reported_beside_a_priced_clause() -> None:
    found = scan("Module prices fell to 2 yuan in May, while cells sold at 0.5 yuan per watt.", "2023-06-01", "G119")
    assert [quote for _, quote, _ in found] == ["2 yuan"]


def test_a_change_and_its_new_level_are_two_figures() -> None:
    assert rows("output rose by 80,000 tons to 2.86 million tons") == [
        ("80,000 tons", 80_000, "t"), ("2.86 million tons", 2_860_000, "t")]
    assert rows("prices will rise by 20 to 30 percent") == [("20 to 30 percent", 20, "percent")]


def test_a_growth_rate_against_the_change_and_the_new_level() -> None:
    # 2.86 million less 500,000 is 2.36 million: 2.86 / 2.36 is a rise of about 21%, not 2.68%
    found = scan("Output rose by 500,000 tons to 2.86 million tons, up 2.68%.", "2023-12-10", "P201")
    assert [quote for _, quote, _ in found] == ["2.68%"]
    # 70,000 of 2.79 million is 2.5%: consistent
    assert scan("Output rose by 70,000 tons to 2.86 million tons, up 2.5%.", "2023-12-10", "P") == []
    # a fall: 350 (345-355) million yuan from 1.4 (1.39-1.41) billion is 24-26%; 33% is the fall taken
    # of the new level, 350 / 1,050
    found = scan("Profit fell by 350 million yuan to 1.05 billion yuan, down 33%.", "2023-12-10", "P201")
    assert [quote for _, quote, _ in found] == ["33%"]
    assert scan("Profit fell by 350 million yuan to 1.05 billion yuan, down 25%.", "2023-12-10", "P") == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("The company's domestic market share was 48%, down 4% compared with 2021.", "4%"),
        ("The operating rate of the smelters was 65.2%, which was 1.4% lower than in June.", "1.4%"),
        ("Cell efficiency reached 25.1%, an increase of 0.6% over last year.", "0.6%"),
    ],
)
def test_a_share_or_rate_whose_change_is_given_in_percent(text: str, quote: str) -> None:
    found = scan(text, "2023-08-01", "P208")
    assert [(q, correction) for _, q, correction in found] == [(quote, quote.rstrip("%") + " percentage points")]


@pytest.mark.parametrize(
    "text",
    [
        "The company's market share was 48%, down 4 percentage points from 2021.",
        "Output was 2 million tons, accounting for 30% of the total, up 5% year on year.",
        "Output rose 12% to 2 million tons.",
    ],
)
def test_no_share_change_finding_on_points_or_on_a_figure_that_is_no_share(text: str) -> None:
    assert scan(text, "2023-08-01", "P208") == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("The station is boosted by 4 630kW PCS units.", "4 630kW"),
        ("It adds 1 2.8MVA box transformer.", "1 2.8MVA"),
        ("A total of 92 1.1MW/2.2MWh units were installed.", "92 1.1MW"),
    ],
)
def test_a_count_run_into_the_figure_of_each_item(text: str, quote: str) -> None:
    assert [q for _, q, _ in scan(text, "2023-05-01", "G126")] == [quote]


@pytest.mark.parametrize(
    "text",
    [
        "Phase 1 200MW was connected in May.",
        "On May 19 2023 500MW was added.",
        "In 2023 15GW was installed.",
        "The plant has 850 000 kW of capacity.",
        "Unit 3 600MW was overhauled.",
    ],
)
def test_no_run_together_figure_after_a_label_a_date_or_a_year(text: str) -> None:
    assert scan(text, "2023-05-01", "G126") == []
