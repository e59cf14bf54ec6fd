"""Checks: the rules. Each family has its module (``structure`` S, ``citation`` C, ``units`` U,
``arithmetic`` P1xx, ``contradiction`` X, ``temporal`` T1xx, ``garbled``/``figure_damage``/``unit_damage``
G, ``tense`` T2xx, ``text_arithmetic`` P2xx, ``resolution`` R); ``base`` holds the rule classes
(``Rule`` over a claims base, ``CrossRule`` over every file's facts, ``TextRule`` over raw text) and
``facts`` what the cross-file rules work from. A rule takes what ``reading``, ``domain`` and
``figures`` give and yields findings; it imports nothing of ``engine``, ``reports`` or ``cli``.

A new rule goes in its family's module, with its documentation, and into this catalogue, in code order.
"""

from __future__ import annotations

from .arithmetic import (
    Implausible,
    PartLargerThanWhole,
    ShareDisagrees,
    ShareOutOfRange,
    SharesDoNotChain,
)
from .base import CrossRule, Example, Rule, TextRule
from .citation import (
    FigureMismatch,
    QualifierMismatch,
    QuoteAmbiguous,
    QuoteNotFound,
    SourceChanged,
    UnclaimedFigure,
    UnitMismatch,
)
from .contradiction import Contradiction
from .figure_damage import (
    FractionalCount,
    GarbledYear,
    LostDecimalInCount,
    LostExponent,
    MalformedUnit,
    PiecewiseNumber,
    SpacedDecimalPoint,
    StrayMarketQuote,
)
from .garbled import (
    BrokenSentenceAtFigure,
    DanglingFigure,
    DuplicateListItem,
    EmptyQuotation,
    FigureWithoutStatement,
    GarbledPeriod,
    MalformedDigits,
    MultipleWithoutBase,
    RunTogetherFigures,
    ShareWithoutSubject,
    SplitFigure,
    StrayNumberWord,
)
from .resolution import (
    ExpiredResolution,
    ResolutionWithoutReason,
    SourceErrorWithoutCorrection,
    UnusedResolution,
)
from .structure import (
    DraftPlaceholder,
    DuplicateClaimId,
    DuplicateKey,
    InvalidValue,
    InvalidYaml,
    MissingField,
    NotAMapping,
    SourceMissing,
    SourceOutsideTree,
    TooComplex,
    UnknownField,
    UnreadableFile,
    UnsupportedTag,
)
from .temporal import (
    ActualAfterPublication,
    FutureTenseForPast,
    PastTenseForFuture,
    RelativePeriodUndated,
)
from .tense import (
    FutureTensePastYear,
    PastTenseFutureYear,
    RelativeDateUndated,
    RelativePeriodNotOver,
)
from .text_arithmetic import (
    GenerationExceedsCapacity,
    ShareChangeInPercent,
    GrowthRateMismatch,
    InvestmentPerCapacity,
    PartsExceedTotal,
    PerUnitImplausible,
    RespectivelyMismatch,
    SharesExceedWhole,
)
from .unit_damage import (
    FigureWithoutUnit,
    MistranslatedUnitWord,
    PowerEnergyMixUp,
    PowerForBatteryEnergy,
    PriceWithoutPerUnit,
    UnitWithoutNumber,
)
from .units import AmbiguousUnit, UnitDoesNotFitMetric, UnknownMetric, UnknownUnit

ALL_RULES: tuple[type[Rule], ...] = (
    InvalidYaml,
    DuplicateKey,
    UnsupportedTag,
    NotAMapping,
    UnknownField,
    MissingField,
    InvalidValue,
    DuplicateClaimId,
    SourceOutsideTree,
    SourceMissing,
    UnreadableFile,
    TooComplex,
    DraftPlaceholder,
    QuoteNotFound,
    QuoteAmbiguous,
    SourceChanged,
    FigureMismatch,
    UnitMismatch,
    QualifierMismatch,
    UnclaimedFigure,
    UnknownUnit,
    UnitDoesNotFitMetric,
    AmbiguousUnit,
    UnknownMetric,
    ActualAfterPublication,
    FutureTenseForPast,
    PastTenseForFuture,
    RelativePeriodUndated,
    Contradiction,
    ShareOutOfRange,
    PartLargerThanWhole,
    ShareDisagrees,
    SharesDoNotChain,
    Implausible,
    GrowthRateMismatch,
    PartsExceedTotal,
    SharesExceedWhole,
    RespectivelyMismatch,
    PerUnitImplausible,
    InvestmentPerCapacity,
    GenerationExceedsCapacity,
    ShareChangeInPercent,
    DanglingFigure,
    SplitFigure,
    StrayNumberWord,
    DuplicateListItem,
    EmptyQuotation,
    MalformedDigits,
    ShareWithoutSubject,
    SpacedDecimalPoint,
    LostDecimalInCount,
    PiecewiseNumber,
    MalformedUnit,
    FractionalCount,
    StrayMarketQuote,
    BrokenSentenceAtFigure,
    GarbledPeriod,
    FigureWithoutStatement,
    MultipleWithoutBase,
    RunTogetherFigures,
    FigureWithoutUnit,
    PriceWithoutPerUnit,
    PowerForBatteryEnergy,
    PowerEnergyMixUp,
    UnitWithoutNumber,
    GarbledYear,
    LostExponent,
    MistranslatedUnitWord,
    FutureTensePastYear,
    PastTenseFutureYear,
    RelativeDateUndated,
    RelativePeriodNotOver,
    UnusedResolution,
    ResolutionWithoutReason,
    SourceErrorWithoutCorrection,
    ExpiredResolution,
)

RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}

TEXT_RULES: tuple[type[TextRule], ...] = tuple(r for r in ALL_RULES if issubclass(r, TextRule))

# The claim rules that `scan` runs over a raw text's figures read as claims (claimlint.reading).
TEXT_CLAIM_RULES: tuple[type[CrossRule], ...] = (
    Contradiction, ShareOutOfRange, PartLargerThanWhole, ShareDisagrees, SharesDoNotChain, Implausible)

__all__ = ["ALL_RULES", "RULES_BY_CODE", "TEXT_CLAIM_RULES", "TEXT_RULES", "Example", "Rule", "TextRule"]
