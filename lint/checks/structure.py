"""Family S: syntax and structure. These findings are raised while loading
(``claimlint.load``); the classes here document them and fix their severity."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..reading.findings import Finding, Location
from .base import CrossRule, Example, Rule

if TYPE_CHECKING:
    from ..reading.claims import ClaimsBase
    from .facts import Facts

PLACEHOLDER = "TODO"  # what `claimlint draft` leaves for a person to fill in

GOOD_FILE = """\
source:
  path: seeds/example.txt
claims:
  - id: plant-polysilicon-capacity
    subject: Baotou
    metric: polysilicon production capacity
    value: 335000
    unit: t
    quote: "a capacity of 335,000 tons of polysilicon"
"""


class InvalidYaml(Rule):
    """
    ## What it does
    Reports a claims file that is not valid YAML, at the position where the
    parser gave up.

    ## Why is this bad?
    Nothing in a file that does not parse can be checked: every claim in it
    is silently out of the base until the syntax is fixed.
    """

    code = "S101"
    name = "invalid-yaml"
    summary = "claims file is not valid YAML"
    failing = Example(GOOD_FILE.replace("claims:\n", "claims: [\n"))
    passing = Example(GOOD_FILE)


class DuplicateKey(Rule):
    """
    ## What it does
    Reports a key written twice in one mapping.

    ## Why is this bad?
    YAML parsers keep the last value and drop the first without a word, so a
    claim edited by two hands can quietly lose the figure one of them meant.
    """

    code = "S102"
    name = "duplicate-key"
    summary = "a key appears twice in one mapping"
    failing = Example(GOOD_FILE.replace("    unit: t\n", "    unit: t\n    value: 33500\n"))
    passing = Example(GOOD_FILE)


class UnsupportedTag(Rule):
    """
    ## What it does
    Reports explicit YAML tags other than the plain ones (``!!python/object``,
    ``!!binary``, custom ``!tags``, merge keys ``<<``). The tagged node is never
    constructed.

    ## Why is this bad?
    Tags can make a loader build arbitrary objects or run code; a claims file
    is data and needs none of them.
    """

    code = "S103"
    name = "unsupported-tag"
    summary = "YAML tag other than plain scalars, lists and mappings"
    failing = Example(GOOD_FILE.replace("    unit: t\n", "    unit: !!python/object/apply:os.getcwd []\n"))
    passing = Example(GOOD_FILE)


class NotAMapping(Rule):
    """
    ## What it does
    Reports a claims file that is empty or whose top level is not a mapping;
    likewise a rules file (`rules/*.yaml`), whose top level maps its sections.

    ## Why is this bad?
    A claims file names its source and lists its claims; an empty file or a
    bare list cannot say which document its claims cite.
    """

    code = "S104"
    name = "not-a-mapping"
    summary = "claims file is empty or not a mapping"
    failing = Example("- id: orphan-claim\n  value: 1\n")
    passing = Example(GOOD_FILE)


class UnknownField(Rule):
    """
    ## What it does
    Reports a field the claims format does not define, with the nearest
    known field name.

    ## Why is this bad?
    A typo such as ``qualifer: nearly`` would otherwise be ignored, and the
    claim would silently be read as exact.
    """

    code = "S105"
    name = "unknown-field"
    summary = "field not defined by the claims format"
    failing = Example(GOOD_FILE.replace("    unit: t\n", "    unit: t\n    qualifer: nearly\n"))
    passing = Example(GOOD_FILE.replace("    unit: t\n", "    unit: t\n    qualifier: exact\n"))


class MissingField(Rule):
    """
    ## What it does
    Reports a required field that is absent: ``source`` and ``claims`` in a
    file; ``path`` in a source; ``id``, ``subject``, ``metric``, ``value``,
    ``unit`` and ``quote`` in a claim; ``code`` and ``verdict`` in a resolution.

    ## Why is this bad?
    A claim without its quote cannot be checked against its source, one
    without a unit cannot be compared with anything.
    """

    code = "S106"
    name = "missing-field"
    summary = "required field is missing"
    failing = Example(GOOD_FILE.replace('    quote: "a capacity of 335,000 tons of polysilicon"\n', ""))
    passing = Example(GOOD_FILE)


class InvalidValue(Rule):
    """
    ## What it does
    Reports a field whose value has the wrong type or lies outside its
    allowed values: text where a number belongs (``value: "335,000"``), an
    unknown qualifier or kind, a malformed id, date or period, a range whose
    ``min`` passes its ``max`` or a period that ends before it starts, a
    number that is not finite, an unquoted ``no`` read by YAML as a boolean.

    ## Why is this bad?
    A value the engine would have to guess at is a value it may read wrongly;
    strict types make every figure mean one thing.
    """

    code = "S107"
    name = "invalid-value"
    summary = "field has the wrong type or a value outside its allowed set"
    failing = Example(GOOD_FILE.replace("    value: 335000\n", '    value: "335,000"\n'))
    passing = Example(GOOD_FILE)


class DuplicateClaimId(CrossRule):
    """
    ## What it does
    Reports a claim id already used by another claim anywhere in the base.

    ## Why is this bad?
    Resolutions, reports and reviews refer to claims by id; two claims with
    one id make every such reference ambiguous.
    """

    code = "S108"
    name = "duplicate-claim-id"
    summary = "claim id is not unique in the claims base"
    failing = Example(
        GOOD_FILE
        + """\
  - id: plant-polysilicon-capacity
    subject: Baotou
    metric: polysilicon production capacity
    value: 335000
    unit: t
    quote: "335,000 tons"
"""
    )
    passing = Example(GOOD_FILE)

    def check_facts(self, facts: Facts) -> Iterator[Finding]:
        ids = [claim_id for file in facts.files for claim_id, _, _ in file.claim_ids]
        if len(set(ids)) == len(ids):
            return  # every id once (nearly always): nothing to place
        first_seen: dict[str, tuple[str, int, int]] = {}
        for claim_id, path, line, column in facts.claim_ids:
            earlier = first_seen.setdefault(claim_id, (path, line, column))
            if earlier != (path, line, column):
                yield self.finding(f"claim id '{claim_id}' is already used at {':'.join(map(str, earlier))}",
                                   Location(path, line, column), claim=claim_id)


class SourceOutsideTree(Rule):
    """
    ## What it does
    Reports a ``source.path`` that is absolute, climbs with ``..``, or
    resolves (after following links) outside the seeds folder, and a claims
    file that is a link to a place outside the project. The file is not read.

    ## Why is this bad?
    A claims base is shared and run in CI: a path must never make the linter
    read (and quote back) files outside the project, such as ``/etc/passwd``.
    """

    code = "S109"
    name = "source-outside-tree"
    summary = "source path is not inside the seeds folder"
    failing = Example(GOOD_FILE.replace("seeds/example.txt", "../../etc/passwd"))
    passing = Example(GOOD_FILE)


class SourceMissing(Rule):
    """
    ## What it does
    Reports a ``source.path`` inside the seeds folder that does not exist.

    ## Why is this bad?
    Claims whose source is gone cannot be checked; usually the file was
    renamed and the claims file not updated.
    """

    code = "S110"
    name = "source-missing"
    summary = "source document does not exist"
    failing = Example(GOOD_FILE.replace("seeds/example.txt", "seeds/renamed.txt"))
    passing = Example(GOOD_FILE)


class UnreadableFile(Rule):
    """
    ## What it does
    Reports a source or claims file that cannot be read as UTF-8 text: not
    valid UTF-8 (with the line and column of the first bad byte), UTF-16, a
    directory, too large, or not readable.

    ## Why is this bad?
    Guessing an encoding changes characters, and with them the quotes that
    must match the source exactly.
    """

    code = "S111"
    name = "unreadable-file"
    summary = "file is not readable UTF-8 text"
    failing = Example(GOOD_FILE, source=b"The plant in Tr\xe9gor has a capacity of 335,000 tons of polysilicon.\n")
    passing = Example(GOOD_FILE)


class TooComplex(Rule):
    """
    ## What it does
    Reports YAML whose aliases would expand past a size limit (a "billion
    laughs" bomb), aliases that refer to themselves, or nesting deeper than
    the format ever needs.

    ## Why is this bad?
    Such a file can exhaust memory or time in any tool that reads it; a
    claims file never needs it.
    """

    code = "S112"
    name = "yaml-too-complex"
    summary = "YAML aliases or nesting beyond the limits"
    failing = Example("a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]\n" for i in range(6)
    ))
    passing = Example(GOOD_FILE)


class DraftPlaceholder(Rule):
    """
    ## What it does
    Reports a claim field still holding the placeholder `TODO` that
    `claimlint draft` writes where a person must decide (subject, metric,
    unit).

    ## Why is this bad?
    A drafted claim is a figure and a quote, not yet a claim: until someone
    says who and what it measures, it cannot be compared with anything.
    """

    code = "S113"
    name = "draft-placeholder"
    summary = "claim still holds a draft placeholder"
    failing = Example(GOOD_FILE.replace("subject: Baotou", "subject: TODO"))
    passing = Example(GOOD_FILE)

    def check(self, base: ClaimsBase) -> Iterator[Finding]:
        for entry in base.claims:
            for name in ("subject", "metric", "unit"):
                if getattr(entry.claim, name) == PLACEHOLDER:
                    yield self.finding(f"'{name}' is still the draft placeholder {PLACEHOLDER}: fill it in",
                                       entry.location(name), claim=entry.claim.id)
