"""What approving the submissions now waiting will withhold from viewers: totals that a
correction would otherwise give a small count away by (issue 16; the rule is
:mod:`planwatch.domain.disclosure_tables`'s last resort). Shown to the approver before they
approve, so that a total disappearing from viewers' pages is never a surprise.

The preview reads the figures as a reader of submitted figures with suppression would see them
(every submission waiting counts as published), so it says what approving all of them as they
are would do.
"""

from __future__ import annotations

from collections.abc import Iterable

from planwatch.domain.periods import Period
from planwatch.domain.permissions import View
from planwatch.figures.small_counts import SmallCounts
from planwatch.storage import Store


def totals_withheld_on_approval(
    store: Store, totals: Iterable[tuple[str, Period]], *, threshold: int
) -> list[tuple[str, Period]]:
    """Which of ``totals`` (indicator, period: a quarter or a year) viewers would see withheld
    once the waiting submissions are approved, in the order given, without repeats. A quarter
    brings its year along (the year built from the quarters is a total too)."""
    asked: dict[tuple[str, Period], None] = {}
    for code, period in totals:
        asked[(code, period)] = None
        if period.quarter is not None:
            asked[(code, Period(period.year))] = None
    view = View(include_submitted=True, exact_small_counts=False, small_count_threshold=threshold)
    with store.connect(read_only=True) as connection:
        small_counts = SmallCounts(connection, view, None)
        return [
            (code, period) for code, period in asked if small_counts.total_withheld(code, period)
        ]
