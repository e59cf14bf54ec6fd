"""`claimlint draft` fills every field it can read from the text, on paragraphs written for the tests.

Every expected field is worked out by hand from the paragraph and the shipped rules/.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from claimlint.domain.vocabulary import load_domain
from claimlint.figures.readings import DocumentReading
from claimlint.figures.text import TextDocument
from claimlint.reading.sources import SourceText

ARTICLE = (
    "Baotou builds a green silicon capital\n\n"
    "2023-05-22\n\n"
    "In 2022, Baotou had a polysilicon production capacity of 335,000 tons. "
    "By 2025, Baotou will reach a polysilicon production capacity of 1 million tons. "
    "At present, there are 12 key photovoltaic manufacturing enterprises in Baotou. "
    "It took only 50 days to build the plant.\n"
)


def _draft(cli: Any, project: Any, files: dict[str, str], *args: str) -> tuple[dict[str, Any], str]:
    root = project(files)
    run = cli("draft", "seeds/a.txt", *args, cwd=root)
    assert run.status == 0, run.err
    return yaml.safe_load(run.out), run.out


def test_every_field_is_filled_from_the_text(cli: Any, project: Any) -> None:
    drafted, _ = _draft(cli, project, {"seeds/a.txt": ARTICLE})
    claims = {c["value"]: c for c in drafted["claims"]}
    assert claims[335000] | {"quote": None} == {
        "id": "baotou-polysilicon-production-capacity-2022", "subject": "Baotou",
        "metric": "polysilicon production capacity", "value": 335000, "unit": "t", "qualifier": "exact",
        "period": 2022, "kind": "actual", "quote": None}
    assert claims[1000000]["period"] == 2025 and claims[1000000]["kind"] == "target"
    # a count is of the "number of" metric its words name; a present count is dated by publication
    assert (claims[12]["metric"], claims[12]["unit"], claims[12]["period"]) == (
        "number of key photovoltaic manufacturing enterprises", "enterprise", 2023)
    # a duration has no period of its own, and "the plant" is no place of the rules
    assert "period" not in claims[50] and claims[50]["subject"] == "TODO"


def test_what_cannot_be_read_is_todo_with_the_reason(cli: Any, project: Any) -> None:
    _, text = _draft(cli, project, {"seeds/a.txt": ARTICLE})
    lines = text.splitlines()
    todo = next(line for line in lines if line.startswith("    subject: TODO"))
    assert "#" in todo and "project's, plant's or company's" in todo


def test_ids_are_readable_and_never_repeat_the_base(cli: Any, project: Any) -> None:
    taken = ("source:\n  path: seeds/a.txt\nclaims:\n  - id: baotou-polysilicon-production-capacity-2022\n"
             "    subject: Baotou\n")
    drafted, _ = _draft(cli, project, {"seeds/a.txt": ARTICLE, "claims/old.yaml": taken})
    ids = [c["id"] for c in drafted["claims"]]
    assert "baotou-polysilicon-production-capacity-2022-2" in ids
    assert "baotou-polysilicon-production-capacity-2022" not in ids
    assert len(ids) == len(set(ids))


def test_future_wording_for_a_period_over_is_drafted_as_a_result(cli: Any, project: Any) -> None:
    text = "Baotou news\n\n2023-05-22\n\nIn 2022, Baotou will reach a polysilicon production capacity of 335,000 tons.\n"
    drafted, out = _draft(cli, project, {"seeds/a.txt": text})
    (claim,) = drafted["claims"]
    assert (claim["period"], claim["kind"]) == (2022, "actual")
    assert "future tense, but 2022 was over at publication" in out


def test_published_dates_an_undated_text(cli: Any, project: Any) -> None:
    text = "Baotou has a polysilicon production capacity of 335,000 tons.\n"
    drafted, _ = _draft(cli, project, {"seeds/a.txt": text}, "--published", "2024-03-01")
    assert drafted["source"]["published"] == "2024-03-01" or str(drafted["source"]["published"]) == "2024-03-01"
    assert drafted["claims"][0]["period"] == 2024


def _readings(text: str) -> list[tuple[str | None, str | None]]:
    source = SourceText("a.txt", text, "0" * 64)
    domain = load_domain(Path.cwd(), None, [], conversions=False)
    document = TextDocument(source, None, domain)
    return [(r.subject, r.metric) for r in DocumentReading(document).readings]


def test_a_ranking_s_whole_and_a_name_in_brackets_are_no_subjects() -> None:
    text = ("The (Shanghai) Conference opened.\n\n"
            "Baotou is the first city in China with a polysilicon production capacity of 300,000 tons.")
    assert _readings(text) == [("Baotou", "polysilicon production capacity")]


def test_the_title_s_industry_names_an_output_value_s_thing() -> None:
    text = ("Yunnan builds a new energy battery industry\n\n"
            "By 2023, Yunnan will achieve an output value of 50 billion yuan.")
    assert _readings(text) == [("Yunnan", "new energy battery industry output value")]
    # a one-word thing in the title ("industrial") names no one industry
    assert _readings("Industrial news\n\nBy 2023, Yunnan will achieve an output value of 50 billion yuan.") == [
        ("Yunnan", None)]


def test_the_place_a_text_names_most_is_its_subject_when_the_title_names_none() -> None:
    text = ("Good news for the silicon industry\n\n"
            "Baotou grew fast. Baotou signed deals. Baotou, not Wuhai, leads.\n\n"
            "The industry grew again. The polysilicon production capacity reached 300,000 tons.")
    assert _readings(text)[-1] == ("Baotou", "polysilicon production capacity")


HAND = """# claims a person wrote
source:
  path: seeds/a.txt
claims:
  # kept as written, comments and all
  - id: my-own-id
    subject: Baotou
    metric: polysilicon production capacity
    value: 335000   # from the first sentence
    unit: t
    period: 2022
    kind: actual
    quote: "a polysilicon production capacity of 335,000 tons"
"""


def test_into_adds_only_the_figures_no_claim_quotes(cli: Any, project: Any) -> None:
    root = project({"seeds/a.txt": ARTICLE, "claims/a.yaml": HAND})
    run = cli("draft", "seeds/a.txt", "--into", "claims/a.yaml", cwd=root)
    assert run.status == 0 and "3 claims added" in run.out, run.out + run.err
    after = (root / "claims" / "a.yaml").read_text(encoding="utf-8")
    assert after.startswith(HAND)  # what the person wrote is untouched, byte for byte
    added = yaml.safe_load(after)["claims"][1:]
    assert sorted(c["value"] for c in added) == [12, 50, 1000000]
    # run again: every figure is claimed now, and the file is left alone
    again = cli("draft", "seeds/a.txt", "--into", "claims/a.yaml", cwd=root)
    assert "0 claims added" in again.out
    assert (root / "claims" / "a.yaml").read_text(encoding="utf-8") == after


def test_into_refuses_a_file_it_cannot_add_to_and_writes_nothing(cli: Any, project: Any) -> None:
    broken = HAND.replace("  - id: my-own-id", "  - id: [unclosed")
    other = HAND.replace("seeds/a.txt", "seeds/b.txt")
    root = project({"seeds/a.txt": ARTICLE, "claims/broken.yaml": broken, "claims/other.yaml": other})
    run = cli("draft", "seeds/a.txt", "--into", "claims/broken.yaml", cwd=root)
    assert run.status == 2 and "claims/broken.yaml:" in run.err and "invalid YAML" in run.err
    run = cli("draft", "seeds/a.txt", "--into", "claims/other.yaml", cwd=root)
    assert run.status == 2 and "cites 'seeds/b.txt'" in run.err
    run = cli("draft", "seeds/a.txt", "--into", "claims/none.yaml", cwd=root)
    assert run.status == 2 and "no claims file" in run.err
    assert (root / "claims" / "broken.yaml").read_text(encoding="utf-8") == broken
    assert (root / "claims" / "other.yaml").read_text(encoding="utf-8") == other
    assert not (root / "claims" / "none.yaml").exists()


def test_a_measure_named_alone_is_of_the_thing_of_its_latest_figure() -> None:
    text = ("Notes on Ningxia\n\n"
            "Ningxia has built an electrolytic aluminium production capacity of 1.2 million tons. After the new "
            "lines start, the production capacity will reach 1.5 million tons.\n\n"
            "Elsewhere, the production capacity reached 40 GW.")
    readings = _readings(text)
    assert readings[:2] == [("Ningxia", "electrolytic aluminium production capacity")] * 2
    assert readings[2][1] is None  # two sentences on, and of another dimension: not inherited


def test_an_addition_to_a_level_is_not_the_level() -> None:
    text = ("Notes on Ningxia\n\n"
            "Ningxia plans to add 20,000 tons of polysilicon production capacity, taking its polysilicon "
            "production capacity to 100,000 tons.")
    assert [metric for _, metric in _readings(text)] == [None, "polysilicon production capacity"]


def test_the_world_s_measure_and_a_thing_named_in_the_sentence_before() -> None:
    text = ("Notes on silicon\n\n"
            "In recent years global polysilicon production has grown fast. This year, global production will "
            "reach 140,000 tons.")
    assert _readings(text) == [("world", "polysilicon output")]


def test_a_place_the_rules_do_not_know_named_nearer_the_figure_is_not_overruled_by_one_further_back() -> None:
    text = ("Notes on aluminium\n\n"
            "Yunnan has an electrolytic aluminium production capacity of 5 million tons. The capacity moved to "
            "Funing County in 2019 and the 350000 tons of production capacity moved to Heqing County are new.")
    readings = _readings(text)
    assert readings[0] == ("Yunnan", "electrolytic aluminium production capacity")
    assert readings[-1][0] is None


def test_an_industry_of_a_magnitude_class_is_an_output_value_target_in_yuan() -> None:
    source = SourceText("a.txt", "Notes on Ningxia\n\nPublished 2023-04-02.\n\nNingxia is building a trillion-level "
                        "photovoltaic industry cluster.", "0" * 64)
    domain = load_domain(Path.cwd(), None, [], conversions=False)
    (reading,) = DocumentReading(TextDocument(source, dt.date(2023, 4, 2), domain)).readings[-1:]
    assert (reading.figure.value, reading.figure.unit, reading.figure.qualifier) == (10**12, "yuan", "approx")
    assert (reading.subject, reading.metric, reading.kind, reading.period) == (
        "Ningxia", "photovoltaic industry output value", "target", None)


def test_a_sentence_with_no_time_of_its_own_after_a_by_deadline_is_of_that_deadline() -> None:
    source = SourceText("a.txt", "Notes on Ningxia\n\nPublished 2022-06-14.\n\nBy 2024, Ningxia's battery industry "
                        "will expand. The new energy battery industry output value exceeded 100 billion yuan.",
                        "0" * 64)
    domain = load_domain(Path.cwd(), None, [], conversions=False)
    reading = DocumentReading(TextDocument(source, dt.date(2022, 6, 14), domain)).readings[-1]
    assert (reading.figure.text, reading.period, reading.kind, reading.dated_by_publication) == (
        "100 billion yuan", "2024", "target", False)


def test_a_metric_with_no_measure_word_is_read_where_it_is_named_whole() -> None:
    text = ("Notes on Baotou\n\n"
            "In its first full year the Baotou output reached a record, and the profit and tax were nearly 3 "
            "billion yuan.")
    assert _readings(text)[-1][1] == "profit and tax"
