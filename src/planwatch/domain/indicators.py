"""Indicators with declared meaning, and the rule that turns quarters into a year."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

CORE_INDICATORS: tuple[str, ...] = (
    "victims_assessed",
    "assessments",
    "hotline_calls",
    "reported_cases",
)


class Aggregation(StrEnum):
    """How quarters add up to a year."""

    FLOW = "flow"  # a year is the sum of its quarters (e.g. persons assessed during the year)
    STOCK = "stock"  # a year is its last value (e.g. a cumulative count at year end)


class Direction(StrEnum):
    """Which way counts as progress. Often neither: more identified victims is not simply good."""

    UP = "up"
    DOWN = "down"
    NEITHER = "neither"


UNITS: tuple[str, ...] = ("persons", "assessments", "calls", "cases", "counts", "investigations")


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    name_da: str
    name_en: str
    definition_da: str
    definition_en: str
    unit: str
    aggregation: Aggregation
    direction: Direction
    is_core: bool
    synonyms_da: tuple[str, ...] = ()
    synonyms_en: tuple[str, ...] = ()
    """Other words by which texts name the indicator (the claim check reads them), declared."""

    def name(self, language: str) -> str:
        return self.name_da if language == "da" else self.name_en

    def synonyms(self, language: str) -> tuple[str, ...]:
        return self.synonyms_da if language == "da" else self.synonyms_en


SYNONYM_SEPARATOR: Final = "; "
"""Between the terms of a stored list of synonyms (a term never holds ``;``)."""


def join_synonyms(terms: Iterable[str]) -> str:
    """A list of synonyms as stored: the terms, trimmed, without blanks and repeats."""
    seen: list[str] = []
    for term in terms:
        clean = " ".join(term.split())
        if clean and clean not in seen:
            seen.append(clean)
    return SYNONYM_SEPARATOR.join(seen)


def split_synonyms(text: str | None) -> tuple[str, ...]:
    """A stored (or typed) list of synonyms as its terms, in order."""
    return tuple(t for t in (" ".join(p.split()) for p in (text or "").split(";")) if t)


@dataclass(frozen=True, slots=True)
class YearFromQuarters:
    """A year's value derived from its quarters, and the quarters it rests on (whether that
    is the whole year is :class:`planwatch.domain.coverage.Coverage`'s rule)."""

    value: Decimal
    quarters_present: tuple[int, ...]


def year_from_quarters(
    aggregation: Aggregation, by_quarter: Mapping[int, Decimal]
) -> YearFromQuarters | None:
    """Flow: the sum of the quarters. Stock: the value of the last quarter reported.

    Returns ``None`` when no quarter is reported. The result says which quarters it rests on, so
    that a caller can show a year-to-date figure as such.
    """
    quarters = tuple(sorted(q for q in by_quarter if 1 <= q <= 4))
    if len(quarters) != len(by_quarter):
        raise ValueError("quarters must be 1-4")
    if not quarters:
        return None
    if aggregation is Aggregation.FLOW:
        total = sum((by_quarter[q] for q in quarters), Decimal(0))
    else:
        total = by_quarter[quarters[-1]]
    return YearFromQuarters(total, quarters)


class TargetKind(StrEnum):
    BASELINE = "baseline"
    TARGET = "target"


class TargetDirection(StrEnum):
    """Which way a target is met."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"

    @classmethod
    def parse(cls, text: object) -> TargetDirection | None:
        """The direction a stored word names; None for none (a baseline, an older target) and
        for a word that names none (the content seal shows who wrote it)."""
        if not isinstance(text, str):
            return None
        try:
            return cls(text)
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class Target:
    """A baseline or target an indicator has under a plan, for one year or the whole plan."""

    indicator: str
    plan_id: str
    year: int | None
    kind: TargetKind
    value: Decimal
    source_id: str
    is_illustrative: bool
    note: str | None
    direction: TargetDirection | None = None
