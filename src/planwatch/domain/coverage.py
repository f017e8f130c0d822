"""What a year's value covers: the whole year, or only some of its quarters (docs/periods.md).

One rule for every reader (tiles, charts, speaking notes, the claim check, exports, the CLI):

* A year is **complete** when a figure for the whole year is published, or, built from
  quarters, when a flow indicator has all four quarters or a stock indicator its fourth.
* Anything less is a **partial** year, always named by what it covers: "1.–3. kvt. 2025" /
  "Q1–Q3 2025". A stock's partial year is its latest quarter ("3. kvt. 2025"), because that is
  what its value is.
* Two values are **comparable** only when both are complete years, or both cover the same
  quarters of their years. A change, "the highest since", "more than doubled" or "halved" is
  said only between comparable values.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from planwatch.domain.indicators import Aggregation

ALL_QUARTERS = (1, 2, 3, 4)


@dataclass(frozen=True, slots=True, order=True)
class Coverage:
    """A year, whole (``quarters is None``), or the quarters of it a partial value rests on."""

    year: int
    quarters: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.quarters is not None:
            if not self.quarters or list(self.quarters) != sorted(set(self.quarters)):
                raise ValueError(f"quarters {self.quarters} must be distinct and ascending")
            if not set(self.quarters) <= set(ALL_QUARTERS):
                raise ValueError(f"quarters {self.quarters} must be 1-4")

    @classmethod
    def of(
        cls,
        year: int,
        aggregation: Aggregation,
        *,
        reported: bool,
        quarters: Iterable[int] = (),
    ) -> Coverage:
        """What a year's value covers: a published yearly figure is the whole year; a value
        built from quarters is the whole year when a flow has all four or a stock its fourth."""
        present = tuple(sorted(set(quarters)))
        if reported:
            return cls(year)
        if not present:
            raise ValueError("a value built from quarters needs at least one quarter")
        if aggregation is Aggregation.STOCK:
            return cls(year) if present[-1] == 4 else cls(year, (present[-1],))
        return cls(year) if present == ALL_QUARTERS else cls(year, present)

    @property
    def complete(self) -> bool:
        return self.quarters is None

    def in_year(self, year: int) -> Coverage:
        """The same span in another year: the same quarters, or the whole year."""
        return Coverage(year, self.quarters)

    def comparable(self, other: Coverage) -> bool:
        """Both whole years, or the same quarters of two years."""
        return self.quarters == other.quarters

    def quarters_label(self, language: str) -> str:
        """The quarters alone: "1.–3. kvt." / "Q1–Q3"; "" for a whole year."""
        if self.quarters is None:
            return ""
        return _quarters(self.quarters, language)

    def label(self, language: str = "da") -> str:
        """ "2024", "1. kvt. 2025", "1.–3. kvt. 2025", "1. og 3. kvt. 2025" / "Q1–Q3 2025"."""
        if self.quarters is None:
            return str(self.year)
        return f"{_quarters(self.quarters, language)} {self.year}"

    def __str__(self) -> str:
        return self.label("en")


def _quarters(quarters: tuple[int, ...], language: str) -> str:
    da = language == "da"
    first, last = quarters[0], quarters[-1]
    if len(quarters) == 1:
        return f"{first}. kvt." if da else f"Q{first}"
    if quarters == tuple(range(first, last + 1)):
        return f"{first}.–{last}. kvt." if da else f"Q{first}–Q{last}"
    names = [f"{q}." if da else f"Q{q}" for q in quarters]
    joined = ", ".join(names[:-1]) + (" og " if da else " and ") + names[-1]
    return f"{joined} kvt." if da else joined


def span_value(
    aggregation: Aggregation, by_quarter: Mapping[int, Decimal], coverage: Coverage
) -> Decimal | None:
    """The value of a partial year's quarters from a year's quarterly figures: the sum of those
    quarters (flow) or the last of them (stock); ``None`` unless every quarter needed is there."""
    if coverage.quarters is None:
        raise ValueError("span_value is for the quarters of a partial year")
    if aggregation is Aggregation.STOCK:
        return by_quarter.get(coverage.quarters[-1])
    if not all(q in by_quarter for q in coverage.quarters):
        return None
    return sum((by_quarter[q] for q in coverage.quarters), Decimal(0))


NoBaseline = Literal["no-year-before", "year-before-partial", "year-before-not-quarterly"]
"""Why a value has nothing comparable a year earlier: no value at all; the year before is
itself partial (a whole year is compared only with a whole year); or the year before has no
quarterly figures for the quarters of this partial year."""


@dataclass(frozen=True, slots=True)
class YearPoint:
    """What the comparison rules need of a year's value: what it covers, its value, and the
    quarterly figures of the year (empty when it has none, or they may not be shown)."""

    coverage: Coverage
    value: Decimal | None
    by_quarter: Mapping[int, Decimal]


@dataclass(frozen=True, slots=True)
class Baseline:
    """The value a year's value is compared with: the same span one year earlier."""

    coverage: Coverage
    value: Decimal


def baseline(
    current: Coverage, year_before: YearPoint | None, aggregation: Aggregation
) -> Baseline | NoBaseline:
    """What ``current`` may be compared with a year earlier, or why nothing.

    A whole year is compared with the whole year before; a partial year with the same quarters
    of the year before, built from that year's quarterly figures (a published yearly figure
    cannot be split into quarters).
    """
    if year_before is None:
        return "no-year-before"
    span = current.in_year(current.year - 1)
    if current.complete:
        if not year_before.coverage.complete:
            return "year-before-partial"
        if year_before.value is None:
            return "no-year-before"
        return Baseline(span, year_before.value)
    value = span_value(aggregation, year_before.by_quarter, span)
    if value is None:
        return "year-before-not-quarterly"
    return Baseline(span, value)


def complete_years(points: Iterable[YearPoint]) -> dict[int, Decimal]:
    """The values of the complete years only: what "the highest since" may be said over."""
    return {p.coverage.year: p.value for p in points if p.coverage.complete and p.value is not None}
