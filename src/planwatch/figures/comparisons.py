"""A year's value against the same span a year earlier, by the rules of
:mod:`planwatch.domain.coverage` (docs/periods.md): the one place tiles, speaking notes, the claim
check and the CLI get a change, a per cent, "the highest since" and the year to date from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from planwatch.domain.clock import to_utc_naive
from planwatch.domain.coverage import Baseline, NoBaseline, baseline, complete_years
from planwatch.domain.indicators import Aggregation
from planwatch.domain.periods import Period
from planwatch.domain.permissions import View
from planwatch.domain.series import Extreme, highest_since, lowest_since
from planwatch.domain.vocab import Breakdown
from planwatch.figures import reporting
from planwatch.figures.reporting import YearValue
from planwatch.figures.small_counts import SmallCounts
from planwatch.formatting import percent_change
from planwatch.storage import Store


@dataclass(frozen=True, slots=True)
class Comparison:
    """A year's value, and what it may truthfully be compared with.

    ``baseline`` is the same span one year earlier (the whole year before, or the same quarters
    of it); ``missing`` says why there is none. ``highest`` and ``lowest`` ("the highest since
    2016") are given for complete years only, over the complete years before them.
    """

    current: YearValue
    baseline: Baseline | None
    missing: NoBaseline | None
    change: Decimal | None
    change_percent: Decimal | None
    highest: Extreme | None
    lowest: Extreme | None


def compare(
    series: Sequence[YearValue], current: YearValue, aggregation: Aggregation
) -> Comparison:
    """``current`` (a value of ``series``) against the same span a year earlier."""
    by_year = {v.year: v for v in series}
    before = by_year.get(current.year - 1)
    found = baseline(current.covers, None if before is None else before.point(), aggregation)
    base = found if isinstance(found, Baseline) else None
    missing = None if isinstance(found, Baseline) else found
    now = current.value
    change = None if now is None or base is None else now - base.value
    percent = None if now is None or base is None else percent_change(base.value, now)
    highest = lowest = None
    if current.complete and now is not None:
        values = complete_years(v.point() for v in series if v.year <= current.year)
        highest = highest_since(values, current.year)
        lowest = lowest_since(values, current.year)
    return Comparison(current, base, missing, change, percent, highest, lowest)


def latest_complete(series: Sequence[YearValue]) -> YearValue | None:
    """The latest complete year of a series (what tiles, notes and charts lead with)."""
    return next((v for v in reversed(series) if v.complete), None)


def running_year(series: Sequence[YearValue]) -> YearValue | None:
    """The partial year after the latest complete one: the year to date, if any."""
    latest = latest_complete(series)
    return next(
        (
            v
            for v in reversed(series)
            if not v.complete and (latest is None or v.year > latest.year)
        ),
        None,
    )


@dataclass(frozen=True, slots=True)
class YearAnswer:
    """What ``figure INDICATOR YEAR`` answers (and ``--json`` prints): the year's value, whether
    it is the whole year and which quarters it is built from, what it covers in Danish and
    English ("1.–2. kvt. 2025" / "Q1–Q2 2025", or "2024"), and its comparison with the same span
    a year earlier (``comparison.current`` is the year's value itself). ``preferred`` and
    ``alternatives`` are the published yearly figures with their sources, as for a quarter;
    ``preferred`` is ``None`` when the year's value is built from its quarters."""

    indicator: str
    year: int
    value: Decimal | None
    complete: bool
    quarters: tuple[int, ...]  # the quarterly figures it is built from; () when published
    coverage_da: str
    coverage_en: str
    comparison: Comparison
    preferred: reporting.Figure | None
    alternatives: tuple[reporting.Figure, ...]


def year_answer(
    store: Store,
    indicator: str,
    year: int,
    breakdown: Breakdown,
    *,
    as_of: dt.datetime | None,
    view: View,
    aggregation: Aggregation | None = None,
) -> YearAnswer | None:
    """The year's value and its comparison, from the services; ``None`` when it has none.
    ``aggregation``: the indicator's, when the caller has read it already.

    One connection and one :class:`SmallCounts` for the series and the published figure (a
    command-line ``figure`` is a process of its own: each read it saves counts)."""
    moment = None if as_of is None else to_utc_naive(as_of)
    with store.connect(read_only=True) as connection:
        small_counts = SmallCounts(connection, view, moment)
        series = reporting.year_series_on(connection, small_counts, indicator, breakdown)
        current = next((v for v in series if v.year == year), None)
        if current is None:
            return None
        published = reporting.figure_on(
            connection, small_counts, indicator, Period(year), breakdown
        )
    if aggregation is None:
        aggregation = reporting.indicator(store, indicator).aggregation
    figures = () if published is None else (published.preferred, *published.alternatives)
    reported = current.basis == "reported" and published is not None
    return YearAnswer(
        indicator=indicator,
        year=year,
        value=current.value,
        complete=current.complete,
        quarters=() if current.basis == "reported" else current.quarters,
        coverage_da=current.label("da"),
        coverage_en=current.label("en"),
        comparison=compare(series, current, aggregation),
        preferred=figures[0] if reported else None,
        alternatives=figures[1:] if reported else figures,
    )
