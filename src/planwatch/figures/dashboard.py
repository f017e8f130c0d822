"""What the dashboard's pages show, computed from what is stored (as of any moment).

Money and series are aggregated in DuckDB; this module only arranges the few rows that come
back (per initiative and year, per quarter) into what a page needs.

Every service takes a ``view`` (see :mod:`planwatch.figures.reporting`): approved figures only by
default, or also those awaiting approval (each marked ``submitted``); small counts of persons in
breakdowns suppressed unless the view may see them exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from statistics import mean
from typing import Final, Literal

from planwatch.domain.clock import to_local, to_utc_naive, today_in_denmark
from planwatch.domain.coverage import NoBaseline
from planwatch.domain.indicators import Indicator
from planwatch.domain.numbers import plain
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.plans import Plan, PlanPhase
from planwatch.domain.series import Extreme
from planwatch.domain.suppression import Suppressed
from planwatch.domain.vocab import BREAKDOWN_DIMENSIONS, TOTAL, Breakdown
from planwatch.figures import comparisons, reporting
from planwatch.figures.comparisons import Comparison
from planwatch.figures.initiative_results import InitiativeResult, initiative_results
from planwatch.figures.small_counts import SmallCounts
from planwatch.storage import Store, dashboard_sql

PACE_TOLERANCE: Final = 0.15  # 15 percentage points between share spent and share of time
PROJECTION_WINDOW: Final = 4  # quarters of spending the projection rests on

Pace = Literal["ahead", "behind", "on-track", "no-allocation"]


def reference_date(as_of: dt.datetime | None, today: dt.date | None = None) -> dt.date:
    """The day the dashboard describes: the as-of moment's Danish date, else today (in
    Denmark)."""
    return to_local(as_of).date() if as_of is not None else (today or today_in_denmark())


@dataclass(frozen=True, slots=True)
class Progress:
    money: reporting.PlanMoney
    reference_date: dt.date
    phase: PlanPhase
    share_elapsed: float
    share_spent: float | None


def plan_progress(
    store: Store,
    plan_id: str,
    *,
    as_of: dt.datetime | None = None,
    today: dt.date | None = None,
    view: View = PUBLIC_VIEW,
) -> Progress:
    """Total, allocated, spent and remaining; the share spent against the share of time gone.
    For a plan that has ended, the share of time is 1 and the figures are its final outturn."""
    money = reporting.plan_money(store, plan_id, as_of=as_of, view=view)
    day = reference_date(as_of, today)
    spent = money.spent_dkk
    total = money.plan.total_dkk
    return Progress(
        money=money,
        reference_date=day,
        phase=money.plan.phase(day),
        share_elapsed=money.plan.share_elapsed(day),
        share_spent=None if spent is None or total == 0 else float(spent / total),
    )


@dataclass(frozen=True, slots=True)
class Tile:
    """A core indicator on the overview (docs/periods.md): its latest **complete** year, the
    change from the complete year before, "the highest/lowest since" among complete years; the
    running year beside it as the year to date, compared with the same quarters a year earlier;
    and whether its latest complete year is older than the year the overview reports."""

    indicator: Indicator
    latest: reporting.YearValue | None
    previous: reporting.YearValue | None
    change: Decimal | None
    change_percent: Decimal | None
    highest: Extreme | None
    lowest: Extreme | None
    year_to_date: Comparison | None = None
    series: tuple[reporting.YearValue, ...] = ()
    reporting_year: int | None = None
    missing: NoBaseline | None = None
    """Why ``latest`` has no change to show: no complete year before it, or that year is
    partial (the same reasons as :attr:`Comparison.missing`)."""

    @property
    def submitted(self) -> bool:
        """The latest figure (or the one it is compared with) awaits approval."""
        return any(v is not None and v.submitted for v in (self.latest, self.previous))

    @property
    def revised(self) -> bool:
        """The latest figure replaced an earlier, different value (by a correction or upload)."""
        return self.latest is not None and self.latest.corrected

    @property
    def stale(self) -> bool:
        """Its latest complete year is older than the year the overview reports (the latest
        complete year of any core indicator): "Seneste tal: 2019"."""
        return (
            self.latest is not None
            and self.reporting_year is not None
            and self.latest.year < self.reporting_year
        )


def indicator_tiles(
    store: Store, *, as_of: dt.datetime | None = None, view: View = PUBLIC_VIEW
) -> list[Tile]:
    """A tile per core indicator: the latest complete year, the change from the complete year
    before it (in units and per cent, from the stored figures), 'highest/lowest since <year>'
    when true, and the running year to date against the same quarters of the year before."""
    found = reporting.latest_core_figures(store, as_of=as_of, view=view)
    latest_of = {f.indicator.code: comparisons.latest_complete(f.series) for f in found}
    years = [v.year for v in latest_of.values() if v is not None]
    reporting_year = max(years) if years else None
    tiles = []
    for figure in found:
        series = figure.series
        aggregation = figure.indicator.aggregation
        current = latest_of[figure.indicator.code]
        ytd = comparisons.running_year(series)
        compared = None if current is None else comparisons.compare(series, current, aggregation)
        base = None if compared is None else compared.baseline
        previous = None
        if base is not None:
            previous = next((v for v in series if v.year == base.coverage.year), None)
        tiles.append(
            Tile(
                indicator=figure.indicator,
                latest=current,
                previous=previous,
                change=None if compared is None else compared.change,
                change_percent=None if compared is None else compared.change_percent,
                highest=None if compared is None else compared.highest,
                lowest=None if compared is None else compared.lowest,
                year_to_date=None if ytd is None else comparisons.compare(series, ytd, aggregation),
                series=tuple(v for v in series if v.complete),
                reporting_year=reporting_year,
                missing=None if compared is None else compared.missing,
            )
        )
    return tiles


@dataclass(frozen=True, slots=True)
class InitiativeYear:
    code: str
    name_da: str
    name_en: str
    responsible_org: str
    action_area_code: str
    action_area_da: str
    action_area_en: str
    year: int
    allocated: Decimal | None
    spent: Decimal | None
    illustrative: bool
    submitted: bool = False  # the allocation or some spending awaits approval


@dataclass(frozen=True, slots=True)
class InitiativeQuarter:
    code: str
    period: Period
    spent: Decimal
    illustrative: bool
    submitted: bool = False


@dataclass(frozen=True, slots=True)
class PathPoint:
    period: Period
    spent: Decimal
    cumulative: Decimal
    even_path: Decimal
    illustrative: bool
    submitted: bool = False


@dataclass(frozen=True, slots=True)
class ProjectionPoint:
    period: Period
    low: Decimal
    mid: Decimal
    high: Decimal
    even_path: Decimal


@dataclass(frozen=True, slots=True)
class InitiativePace:
    code: str
    allocated: Decimal
    spent: Decimal
    share_spent: float | None
    share_elapsed: float
    pace: Pace


@dataclass(frozen=True, slots=True)
class BudgetView:
    plan: Plan
    reference_date: dt.date
    initiatives: list[InitiativeYear]
    path: list[PathPoint]
    projection: list[ProjectionPoint]
    pace: list[InitiativePace]
    quarters: list[InitiativeQuarter]
    results: list[InitiativeResult] = field(default_factory=list)
    """Each initiative's result indicators and their latest figure (money and results on one
    row)."""

    @property
    def illustrative(self) -> bool:
        return any(i.illustrative for i in self.initiatives) or any(
            p.illustrative for p in self.path
        )

    @property
    def submitted(self) -> bool:
        """Some of the money shown awaits approval."""
        return any(i.submitted for i in self.initiatives) or any(p.submitted for p in self.path)


def _plan_quarters(plan: Plan) -> list[Period]:
    return [Period(year, q) for year in plan.years() for q in range(1, 5)]


def budget_view(
    store: Store,
    plan_id: str,
    *,
    as_of: dt.datetime | None = None,
    today: dt.date | None = None,
    view: View = PUBLIC_VIEW,
) -> BudgetView:
    """Allocation and spending per initiative and year; cumulative spending against an even
    path to the plan's total; a projection to the plan's end with a range; and each
    initiative's pace (spending well ahead of or behind the share of time gone)."""
    plan = reporting.plan(store, plan_id, as_of)
    moment = None if as_of is None else to_utc_naive(as_of)
    with store.connect(read_only=True) as connection:
        rows = dashboard_sql.initiative_money(connection, plan_id=plan_id, as_of=moment, view=view)
        quarters = dashboard_sql.quarterly_spending(
            connection, plan_id=plan_id, as_of=moment, view=view
        )
        per_initiative = dashboard_sql.initiative_quarters(
            connection, plan_id=plan_id, as_of=moment, view=view
        )
        links = dashboard_sql.result_links(connection, plan_id=plan_id, as_of=moment)
    initiatives = [
        InitiativeYear(
            code=r["code"],
            name_da=r["name_da"],
            name_en=r["name_en"],
            responsible_org=r["responsible_org"],
            action_area_code=r["action_area_code"],
            action_area_da=r["area_da"],
            action_area_en=r["area_en"],
            year=r["year"],
            allocated=None if r["allocated"] is None else Decimal(r["allocated"]),
            spent=None if r["spent"] is None else Decimal(r["spent"]),
            illustrative=bool(r["alloc_ill"] or r["spent_ill"]),
            submitted=bool(r["submitted"]),
        )
        for r in rows
    ]
    day = reference_date(as_of, today)
    path = _path(plan, quarters)
    return BudgetView(
        plan=plan,
        reference_date=day,
        initiatives=initiatives,
        path=path,
        projection=_projection(plan, path),
        pace=_pace(initiatives, plan.share_elapsed(day)),
        quarters=[
            InitiativeQuarter(
                r["code"],
                Period(r["year"], r["quarter"]),
                plain(r["spent"]),
                r["illustrative"],
                bool(r["submitted"]),
            )
            for r in per_initiative
        ],
        results=initiative_results(store, plan, as_of=as_of, view=view, links=links),
    )


def _path(plan: Plan, quarters: list[dict[str, object]]) -> list[PathPoint]:
    spent = {(int(str(q["year"])), int(str(q["quarter"]))): q for q in quarters}
    periods = _plan_quarters(plan)
    if not spent:
        return []
    last = max(spent)
    points: list[PathPoint] = []
    cumulative = Decimal(0)
    for index, period in enumerate(periods, start=1):
        key = (period.year, period.quarter or 0)
        if key > last:
            break
        row = spent.get(key)
        amount = Decimal(str(row["spent"])) if row else Decimal(0)
        cumulative += amount
        points.append(
            PathPoint(
                period=period,
                spent=amount,
                cumulative=cumulative,
                even_path=plan.total_dkk * index / len(periods),
                illustrative=bool(row["illustrative"]) if row else False,
                submitted=bool(row["submitted"]) if row else False,
            )
        )
    return points


def _projection(plan: Plan, path: list[PathPoint]) -> list[ProjectionPoint]:
    """From the last quarter with spending to the plan's end, at the lowest, average and highest
    quarterly spending of the last four quarters."""
    if not path:
        return []
    periods = _plan_quarters(plan)
    remaining = periods[len(path) :]
    if not remaining:
        return []
    recent = [float(p.spent) for p in path[-PROJECTION_WINDOW:]]
    rates = (min(recent), mean(recent), max(recent))
    start = path[-1].cumulative
    return [
        ProjectionPoint(
            period=period,
            low=start + Decimal(str(round(rates[0] * step, 2))),
            mid=start + Decimal(str(round(rates[1] * step, 2))),
            high=start + Decimal(str(round(rates[2] * step, 2))),
            even_path=plan.total_dkk * (len(path) + step) / len(periods),
        )
        for step, period in enumerate(remaining, start=1)
    ]


def _pace(initiatives: list[InitiativeYear], share_elapsed: float) -> list[InitiativePace]:
    totals: dict[str, tuple[Decimal, Decimal]] = {}
    for row in initiatives:
        allocated, spent = totals.get(row.code, (Decimal(0), Decimal(0)))
        totals[row.code] = (allocated + (row.allocated or 0), spent + (row.spent or 0))
    result = []
    for code, (allocated, spent) in totals.items():
        share = None if allocated == 0 else float(spent / allocated)
        if share is None:
            pace: Pace = "no-allocation"
        elif share - share_elapsed > PACE_TOLERANCE:
            pace = "ahead"
        elif share_elapsed - share > PACE_TOLERANCE:
            pace = "behind"
        else:
            pace = "on-track"
        result.append(InitiativePace(code, allocated, spent, share, share_elapsed, pace))
    return result


@dataclass(frozen=True, slots=True)
class SourceValue:
    """What one source says about a figure. ``value`` is ``None`` when the view suppresses it
    (``suppressed`` then says how to show it)."""

    source_id: str
    title: str
    value: Decimal | None
    is_preferred: bool
    submitted: bool = False
    suppressed: Suppressed | None = None


@dataclass(frozen=True, slots=True)
class Disagreement:
    indicator: str
    period: Period
    breakdown: str
    values: list[SourceValue]
    parts: Breakdown = TOTAL  # the breakdown's codes, for a label in words (issue 18)


def disagreements(
    store: Store, *, as_of: dt.datetime | None = None, view: View = PUBLIC_VIEW
) -> list[Disagreement]:
    """Figures on which sources disagree: every source's value and which one is preferred.
    Small counts of persons in breakdowns are suppressed as everywhere else in the view."""
    moment = None if as_of is None else to_utc_naive(as_of)
    grouped: dict[tuple[object, ...], Disagreement] = {}
    with store.connect(read_only=True) as connection:
        rows = dashboard_sql.disagreements(connection, as_of=moment, view=view)
        small_counts = SmallCounts(connection, view, moment)
        for r in rows:
            breakdown = Breakdown(r["sex"], r["age_group"], r["exploitation"])
            period = Period(r["year"], r["quarter"])
            key = (r["indicator_code"], r["year"], r["quarter"], breakdown)
            parts = [f"{d}={r[d]}" for d in BREAKDOWN_DIMENSIONS if r[d] != "all"]
            item = grouped.setdefault(
                key, Disagreement(r["indicator_code"], period, " ".join(parts), [], breakdown)
            )
            value = plain(r["value"])
            shown = small_counts.decide(r["indicator_code"], period, breakdown, value)
            item.values.append(
                SourceValue(
                    r["source_id"],
                    r["source_title"],
                    value if shown is None else None,
                    r["is_preferred"],
                    r["status"] == "submitted",
                    shown,
                )
            )
    return list(grouped.values())


def indicator_sources(
    store: Store, *, as_of: dt.datetime | None = None, view: View = PUBLIC_VIEW
) -> dict[str, list[dict[str, object]]]:
    """Per indicator: the sources its figures cite (among the figures the view shows), with how
    many figures and which years. No values, so nothing here is suppressed."""
    moment = None if as_of is None else to_utc_naive(as_of)
    with store.connect(read_only=True) as connection:
        rows = dashboard_sql.indicator_sources(connection, as_of=moment, view=view)
    result: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        result.setdefault(row["indicator_code"], []).append(row)
    return result
