"""Plans side by side (issue 19): each plan's money per year of its period and the core
indicators over that period, so that 2019-2021 can be set against 2022-2025, and the next plan
against both.

Per plan: its total and the total per year of its period (the total divided by its years: what
the plan set aside, not what was spent). Per core indicator and plan: the **complete** years of
the plan's period that have a figure (a flow's sum and its average per year; a stock's last
value), and the years of the period without one, so that a plan whose years are not all in is
never set against a whole one without saying so. A figure the view suppresses counts as
missing. The figures are read as of one moment in one view, like every page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from planwatch.domain.clock import to_local, utc_now
from planwatch.domain.coverage import complete_years
from planwatch.domain.indicators import CORE_INDICATORS, Aggregation, Indicator
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.plans import Plan
from planwatch.figures import reporting
from planwatch.storage import Store


@dataclass(frozen=True, slots=True)
class PeriodFigure:
    """One core indicator over one plan's period."""

    indicator: Indicator
    years: tuple[int, ...]
    """The complete years of the period with a figure shown."""
    missing: tuple[int, ...]
    """The years of the period (up to the moment read) without a complete, shown figure."""
    total: Decimal | None
    """A flow's sum over ``years``; a stock's value in the last of them; None without any."""
    per_year: Decimal | None
    """A flow's average over ``years`` (one decimal, half up); None for a stock or no years."""
    illustrative: bool


@dataclass(frozen=True, slots=True)
class PlanColumn:
    plan: Plan
    years: tuple[int, ...]
    per_year_dkk: Decimal
    """The plan's total over the years of its period."""
    figures: tuple[PeriodFigure, ...]


def _figure(
    indicator: Indicator,
    series: Sequence[reporting.YearValue],
    plan: Plan,
    last_year: int,
) -> PeriodFigure:
    complete = complete_years(v.point() for v in series if v.suppressed is None)
    period = [y for y in plan.years() if y <= last_year]
    years = tuple(y for y in period if y in complete)
    missing = tuple(y for y in period if y not in complete)
    illustrative = any(v.is_illustrative for v in series if v.year in years)
    if not years:
        return PeriodFigure(indicator, (), missing, None, None, illustrative)
    if indicator.aggregation is Aggregation.STOCK:
        return PeriodFigure(indicator, years, missing, complete[years[-1]], None, illustrative)
    total = sum((complete[y] for y in years), Decimal(0))
    average = (total / len(years)).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
    return PeriodFigure(indicator, years, missing, total, average, illustrative)


def compare_plans(
    store: Store,
    plan_ids: Sequence[str],
    *,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
    today: dt.date | None = None,
) -> list[PlanColumn]:
    """The plans named, in the order named, side by side. ``today`` (default: the Danish day
    of the as-of moment, else of now) ends the years looked at: a plan's future years are
    neither shown nor missing. Raises :class:`planwatch.errors.NotFoundError` for an unknown
    plan."""
    known = {p.plan_id: p for p in reporting.plans(store, as_of)}
    core = {i.code: i for i in reporting.indicators(store, as_of) if i.code in CORE_INDICATORS}
    indicators = [core[c] for c in CORE_INDICATORS if c in core]
    day = today or to_local(as_of if as_of is not None else utc_now()).date()
    series = {  # each indicator read once, whatever the number of plans
        i.code: reporting.year_series(store, i.code, as_of=as_of, view=view) for i in indicators
    }
    columns = []
    for plan_id in plan_ids:
        plan = known.get(plan_id) or reporting.plan(store, plan_id, as_of)  # raises: unknown
        years = tuple(plan.years())
        per_year = (plan.total_dkk / len(years)).quantize(Decimal("0.01"))
        figures = tuple(_figure(i, series[i.code], plan, day.year) for i in indicators)
        columns.append(PlanColumn(plan, years, per_year, figures))
    return columns
