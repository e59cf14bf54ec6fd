"""Contradictions (X) and arithmetic (P): what must be caught, and what only looks wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import REPO

SOURCE = (
    "In 2023 Baotou had 335,000 tons of polysilicon capacity, about 300,000 tons, more than 330,000 tons, "
    "nearly 340,000 tons, 138.8GW of ingots and 138.75GW; Yunnan had 50GWh of batteries and 50GW of modules; "
    "China had 1.2 million tons; the world 2 million tons; Baotou half of the country, 45% of the world, "
    "120% of the country; China 60% of the world.\n"
)


def claim(claim_id: str, value: Any, unit: str, quote: str, *, subject: str = "Baotou",
          metric: str = "polysilicon production capacity", period: str = "2023", kind: str = "actual",
          qualifier: str = "exact", share_of: str | None = None) -> str:
    share = f"    share_of: {share_of}\n" if share_of else ""
    return (f"  - id: {claim_id}\n    subject: {subject}\n    metric: {metric}\n    value: {value}\n"
            f"    unit: {unit}\n    qualifier: {qualifier}\n    period: {period}\n    kind: {kind}\n"
            f"{share}    quote: \"{quote}\"\n")


def claims_file(*claims: str) -> str:
    return "source:\n  path: seeds/a.txt\n  published: 2023-12-31\nclaims:\n" + "".join(claims)


def check(project: Any, cli: Any, *files: str) -> list[str]:
    contents = {"seeds/a.txt": SOURCE} | {f"claims/f{i}.yaml": text for i, text in enumerate(files)}
    run = cli("check", "--format", "json", "--ignore", "C107", cwd=project(contents))  # coverage aside
    return sorted(f["code"] for f in run.json["findings"] if not f["resolved"])


BASE = claim("poly", 335000, "t", "335,000 tons of polysilicon")


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        # "about" allows 10 % (rules/metrics.yaml): 300,000 reaches 330,000, short of 335,000
        (claim("poly-2", 300000, "t", "about 300,000 tons", qualifier="approx"), ["X101"]),
        (claim("poly-2", 330000, "t", "more than 330,000 tons", qualifier="more_than"), []),
        (claim("poly-2", 340000, "t", "nearly 340,000 tons", qualifier="nearly"), []),
        (claim("poly-2", 340000, "t", "nearly 340,000 tons", subject="Yunnan", qualifier="nearly"), []),
        (claim("poly-2", 1200000, "t", "1.2 million tons", period="2022"), []),  # other period
        (claim("poly-2", 1200000, "t", "1.2 million tons", kind="target"), []),  # target vs actual
        (claim("poly-2", 1200000, "t", "1.2 million tons"), ["X101"]),
        (claim("poly-2", 2, "million t", "the world 2 million tons"), ["U101"]),  # no such unit: not compared
        (claim("poly-2", 330000, "t", "more than 330,000 tons", qualifier="more_than", subject="Baotou City"), []),
        (claim("poly-2", 1200000, "t", "1.2 million tons", subject="Baotou City"), ["X101"]),  # alias
    ],
)
def test_contradictions_in_one_file(project: Any, cli: Any, other: str, expected: list[str]) -> None:
    assert check(project, cli, claims_file(BASE, other)) == expected


def test_contradiction_across_files_names_both(project: Any, cli: Any) -> None:
    contents = {"seeds/a.txt": SOURCE, "claims/a.yaml": claims_file(BASE),
                "claims/b.yaml": claims_file(claim("poly-2", 1200000, "t", "1.2 million tons"))}
    run = cli("check", "--format", "json", "--ignore", "C107", cwd=project(contents))
    (finding,) = run.json["findings"]
    assert finding["code"] == "X101" and finding["path"] == "claims/b.yaml" and finding["claim"] == "poly-2"
    assert "'poly' in claims/a.yaml" in finding["message"]
    assert run.status == 1


def test_printed_precision_allows_rounding(project: Any, cli: Any) -> None:
    ingots = claim("ingot", 138.8, "GW", "138.8GW of ingots", metric="monocrystalline silicon production capacity")
    rounded = claim("ingot-2", 138.75, "GW", "138.75GW", metric="monocrystalline silicon production capacity")
    assert check(project, cli, claims_file(ingots, rounded)) == []


def test_gw_and_gwh_for_different_products_do_not_clash(project: Any, cli: Any) -> None:
    batteries = claim("bat", 50, "GWh", "50GWh of batteries", subject="Yunnan", metric="battery production capacity")
    modules = claim("mod", 50, "GW", "50GW of modules", subject="Yunnan", metric="module production capacity")
    assert check(project, cli, claims_file(batteries, modules)) == []


def test_gw_for_a_battery_is_a_unit_error(project: Any, cli: Any) -> None:
    batteries = claim("bat", 50, "GW", "50GW of modules", subject="Yunnan", metric="battery production capacity")
    assert check(project, cli, claims_file(batteries)) == ["U102"]


def test_part_larger_than_whole(project: Any, cli: Any) -> None:
    china = claim("china", 1200000, "t", "China had 1.2 million tons", subject="China")
    baotou = claim("poly", 2000000, "t", "the world 2 million tons")
    assert check(project, cli, claims_file(china, baotou)) == ["P102"]
    world = claim("world", 2000000, "t", "the world 2 million tons", subject="world")
    assert check(project, cli, claims_file(china, world, BASE)) == []


def test_a_part_share_larger_than_its_whole_share(project: Any, cli: Any) -> None:
    """Baotou lies in Inner Mongolia: of one whole (the world), Baotou's share cannot pass the region's."""
    source = "Baotou made 45% of the world's polysilicon; Inner Mongolia made 30% of it, and 60% of China's.\n"
    baotou = claim("of-world", 45, "percent", "45% of the world", share_of="world")

    def codes(region_share: int, share_of: str, quote: str) -> list[str]:
        region = claim("region", region_share, "percent", quote, subject="Inner Mongolia", share_of=share_of)
        root = project({"seeds/a.txt": source, "claims/f.yaml": claims_file(baotou, region)})
        return cli("check", "--format", "json", "--ignore", "C107", cwd=root).codes()

    assert codes(30, "world", "made 30% of it") == ["P102"]
    assert codes(60, "China", "60% of China") == []  # shares of different wholes do not compare


def test_shares(project: Any, cli: Any) -> None:
    half = claim("half", 50, "percent", "half of the country", share_of="China")
    world = claim("of-world", 45, "percent", "45% of the world", share_of="world")
    over = claim("over", 120, "percent", "120% of the country", share_of="China", period="2022")
    china_world = claim("china-world", 60, "percent", "China 60% of the world", subject="China", share_of="world")
    assert check(project, cli, claims_file(half, world)) == []  # China implied at 90 % of the world
    assert check(project, cli, claims_file(over)) == ["P101"]
    assert check(project, cli, claims_file(half, world, china_world)) == ["P104"]
    china = claim("china", 1200000, "t", "China had 1.2 million tons", subject="China")
    # Baotou 335,000 t of China's 1.2 million is 28 %, not half
    assert check(project, cli, claims_file(half, BASE, china)) == ["P103"]


def test_repeated_shares_give_one_finding_per_claim(project: Any, cli: Any) -> None:
    """The same three shares reported in three files: each wrong claim is reported once, not once per
    pair of repeated figures (the arithmetic is worked per distinct figure, so it stays linear)."""
    files = []
    for copy in range(3):
        files.append(claims_file(
            claim(f"half-{copy}", 50, "percent", "half of the country", share_of="China"),
            claim(f"of-world-{copy}", 45, "percent", "45% of the world", share_of="world"),
            claim(f"china-world-{copy}", 60, "percent", "China 60% of the world", subject="China", share_of="world"),
            claim(f"china-{copy}", 1200000, "t", "China had 1.2 million tons", subject="China"),
            claim(f"poly-{copy}", 335000, "t", "335,000 tons of polysilicon"),
        ))
    contents = {"seeds/a.txt": SOURCE} | {f"claims/f{i}.yaml": text for i, text in enumerate(files)}
    run = cli("check", "--format", "json", "--ignore", "C107", cwd=project(contents))
    found = sorted((f["code"], f["claim"]) for f in run.json["findings"])
    # 60 % disagrees with the 45 / 50 = 90 % the other two imply; 335,000 t of 1.2 million t is 28 %, not half
    assert found == sorted([("P104", f"china-world-{copy}") for copy in range(3)]
                           + [("P103", f"half-{copy}") for copy in range(3)])


def test_implausible_value(project: Any, cli: Any) -> None:
    huge = claim("poly", 335000000000, "t", "335,000 tons of polysilicon")
    assert check(project, cli, claims_file(huge)) == ["C104", "P105"]


def test_planted_contradiction_in_the_shipped_base(repo_copy: Path, cli: Any) -> None:
    """A second claims file contradicting a seed claim is caught on the new claim."""
    extra = (
        "source:\n  path: seeds/004_f187eb5fd856e316.txt\n  published: 2023-05-24\nclaims:\n"
        + claim("baotou-poly-share-of-world-2025-other", 90, "percent", "45% of the world", share_of="world",
                period="2025", kind="target")
    )
    (repo_copy / "claims" / "extra.yaml").write_text(extra, encoding="utf-8")
    run = cli("check", "--format", "json", cwd=repo_copy)
    codes = {(f["code"], f["claim"]) for f in run.json["findings"] if not f["resolved"]}
    assert ("X101", "baotou-poly-share-of-world-2025-other") in codes or (
        "C104", "baotou-poly-share-of-world-2025-other") in codes
    assert run.status == 1


def test_shipped_base_has_the_duplicated_list_item_resolved() -> None:
    text = (REPO / "claims" / "003_a49041284b877a60.yaml").read_text(encoding="utf-8")
    assert "code: X101" in text and "anode" in text


def test_short_tons_and_kilotons_in_a_quote_are_read_with_their_unit(project: Any, cli: Any) -> None:
    """"40 short tons" is 36.3 t, "30 kilotons" 30,000 t: neither passes for the bare number in tonnes."""
    source = "The plant shipped 40 short tons of ingots and 30 kilotons of alumina in 2023.\n"

    def codes(value: int, unit: str, quote: str) -> list[str]:
        text = claims_file(claim("c", value, unit, quote)).replace("seeds/a.txt", "seeds/b.txt")
        root = project({"seeds/b.txt": source, "claims/f.yaml": text})
        return cli("check", "--format", "json", "--ignore", "C107", cwd=root).codes()

    assert codes(40, "t", "40 short tons of ingots") == ["C105"]  # the number is there, in another unit
    assert codes(40, "short_ton", "40 short tons of ingots") == []
    assert codes(30, "t", "30 kilotons of alumina") == ["C105"]
    assert codes(30000, "t", "30 kilotons of alumina") == []


@pytest.mark.parametrize(
    ("metric", "value", "unit", "written"),
    [
        ("industrial silicon production capacity", 600, "million t", "600 million tons"),
        ("photovoltaic industry output value", 2000, "trillion yuan", "2,000 trillion yuan"),
        ("battery separator production capacity", 5, "trillion m**2", "5 trillion square meters"),
    ],
)
def test_values_beyond_any_subject_are_implausible(project: Any, cli: Any, metric: str, value: int, unit: str,
                                                  written: str) -> None:
    scale, base_unit = unit.split(" ")
    factor = {"million": 10**6, "trillion": 10**12}[scale]
    source = f"The park reported {written} in 2023.\n"
    text = claims_file(claim("c", value * factor, base_unit, written, metric=metric)).replace(
        "seeds/a.txt", "seeds/b.txt")
    root = project({"seeds/b.txt": source, "claims/f.yaml": text})
    assert cli("check", "--format", "json", "--ignore", "C107", cwd=root).codes() == ["P105"]
