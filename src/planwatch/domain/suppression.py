"""Small counts of persons in a breakdown are not shown exactly: the rule, without storage.

A count of persons broken down by sex, age group or form of exploitation can point at one
person. So, unless a reader may see exact small counts (:attr:`View.exact_small_counts`):

* **primary suppression**: a cell with ``0 < value < threshold`` is shown as ``"<3"`` (for the
  default threshold 3). Zeros are shown; totals (no breakdown) are never suppressed.
* **secondary suppression**: within one indicator, period and breakdown dimension (a *group*:
  e.g. women, men and transgender persons in 2019), the total lets a single hidden cell be
  worked out as the total minus the cells shown. So when the small cells of a group could be
  worked out from their sum (there is one of them; or all of them are 1; or all are
  ``threshold - 1``), the smallest other non-zero cell is hidden too (shown as hidden, not as
  ``"<3"``, since it is not small), or a zero cell when there is no other non-zero one.
* **last resort**: when that still pins the small cells (they are all 1 and the other cells
  are all 0, or the group has no other cell), every cell of the group is hidden.

What a reader may know: every cell shown, the group's total (also when it is not stored, from
another breakdown), that ``"<3"`` means 1 or 2 and that a hidden cell is some count. With a
threshold of 3 or more and a group of at least two cells, every suppressed cell then has at
least two possible values (``tests/test_suppression.py`` checks this by brute force). A group of
one cell equals its total and cannot be protected by suppressing cells.

Cells with two or more breakdowns at once, and quarterly cells, belong to several groups at
once (they add up to 1-dimensional cells, and quarters to years). They are not worked out
here: the services hide every such cell of a year in which any breakdown count is small.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final, TypeVar

from planwatch.domain.permissions import View
from planwatch.domain.vocab import Breakdown

PERSON_UNITS: Final = frozenset({"persons"})
"""Units whose breakdowns are suppressed: counts of people, not of cases, calls or counts."""

K = TypeVar("K", bound=Hashable)


class Suppression(StrEnum):
    SMALL = "small"  # primary: 0 < value < threshold, shown as "<3"
    HIDDEN = "hidden"  # secondary: would let a small count be worked out; shown as hidden


@dataclass(frozen=True, slots=True)
class Suppressed:
    """What stands in for a value a reader may not see: which kind, and the threshold."""

    kind: Suppression
    threshold: int

    def label(self, language: str) -> str:
        if self.kind is Suppression.SMALL:
            return f"<{self.threshold}"
        return "skjult" if language == "da" else "hidden"


def applies(view: View, unit: str, breakdown: Breakdown) -> bool:
    """Whether a figure of an indicator with ``unit`` and ``breakdown`` may be suppressed."""
    return not view.exact_small_counts and unit in PERSON_UNITS and not breakdown.is_total


def is_small(value: Decimal | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def suppress_group(values: Mapping[K, Decimal | None], threshold: int) -> dict[K, Suppression]:
    """The cells of one group (indicator, period, breakdown dimension) to suppress, and how.

    ``values`` maps each cell (e.g. ``female``) to its value (``None``: not stored). Ties
    between equal cells go to the one that comes first in ``values``.
    """
    small = [key for key, value in values.items() if is_small(value, threshold)]
    if not small:
        return {}
    result = dict.fromkeys(small, Suppression.SMALL)
    count = len(small)
    total_small = sum((values[key] or Decimal(0) for key in small), Decimal(0))
    if count > 1 and total_small not in (count, count * (threshold - 1)):
        return result  # several small cells whose sum leaves each of them open
    others = [
        (value, position, key)
        for position, (key, value) in enumerate(values.items())
        if key not in result and value is not None
    ]
    non_zero = [item for item in others if item[0] > 0]
    candidates = non_zero or others
    if not candidates and count == 1:
        return result  # a group of one cell is its total: nothing else to hide
    if candidates:
        value, _, key = min(candidates, key=lambda item: (item[0], item[1]))
        result[key] = Suppression.HIDDEN
        if value > 0 or total_small != count:
            return result  # a hidden count, or small cells above 1, leave each of them open
    # Still pinned (the small cells are all 1 and the rest 0, or there is nothing else to hide).
    return {key: Suppression.HIDDEN for key, value in values.items() if value is not None}
