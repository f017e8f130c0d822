"""Small counts of persons in a breakdown are not shown exactly: the labels and where they apply.

A count of persons broken down by sex, age group or form of exploitation can point at one
person. So, unless a reader may see exact small counts (:attr:`View.exact_small_counts`), a cell
with ``0 < value < threshold`` is shown as ``"<3"`` (for the default threshold 3) - *primary*
suppression - and other cells are hidden where what is shown would otherwise narrow a small
count (*complementary* suppression, shown as hidden). Where "<3" cannot be protected (a small
sum of small parts, e.g. a year of 1 + 1), the small cells of that group are shown as withheld
("ikke vist"): any count, 0 or more. Zeros are shown unless hidden or withheld; totals (no
breakdown) are never suppressed.

Which cells are hidden is decided over everything a viewer can combine - every breakdown, the
totals, quarters and the years built from them, every publication point - by
:mod:`planwatch.domain.disclosure` (the engine: interval audit and protection) on the tables of
:mod:`planwatch.domain.disclosure_tables`; ``docs/access.md`` explains the method and its limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from planwatch.domain.permissions import View
from planwatch.domain.vocab import Breakdown

PERSON_UNITS: Final = frozenset({"persons"})
"""Units whose breakdowns are suppressed: counts of people, not of cases, calls or counts."""


class Suppression(StrEnum):
    SMALL = "small"  # primary: 0 < value < threshold, shown as "<3"
    HIDDEN = "hidden"  # complementary: never small (0 or >= threshold); shown as hidden
    WITHHELD = "withheld"  # last resort: any count (0 or more, small or not); "ikke vist"


@dataclass(frozen=True, slots=True)
class Suppressed:
    """What stands in for a value a reader may not see: which kind, and the threshold."""

    kind: Suppression
    threshold: int

    def label(self, language: str) -> str:
        if self.kind is Suppression.SMALL:
            return f"<{self.threshold}"
        if self.kind is Suppression.WITHHELD:
            return "ikke vist" if language == "da" else "withheld"
        return "skjult" if language == "da" else "hidden"


def applies(view: View, unit: str, breakdown: Breakdown) -> bool:
    """Whether a figure of an indicator with ``unit`` and ``breakdown`` may be suppressed."""
    return not view.exact_small_counts and unit in PERSON_UNITS and not breakdown.is_total


def is_small(value: Decimal | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold
