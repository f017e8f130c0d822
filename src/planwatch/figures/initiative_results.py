"""Money and results on one row (issue 19): each initiative's result indicators, as the plan
workbook's sheet "Resultatindikatorer" links them, with the latest year's figure inside the
plan's period, as of a moment and as the reader's view may see it (small counts suppressed,
figures awaiting approval only for those who may see them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planwatch.domain.clock import to_utc_naive
from planwatch.domain.indicators import Indicator
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.plans import Plan
from planwatch.domain.targets import Standing, next_target, standing
from planwatch.figures import reporting
from planwatch.figures.reporting import YearValue
from planwatch.storage import Store, dashboard_sql


@dataclass(frozen=True, slots=True)
class InitiativeResult:
    """One result indicator of one initiative, and its latest year within the plan (None: no
    figure yet in the plan's years)."""

    initiative_code: str
    indicator: Indicator
    latest: YearValue | None
    standing: Standing | None = None
    """The plan's next target for the indicator, against the latest year when that year is
    complete (a partial year is not set against a year's target); None: the plan sets none."""


def initiative_results(
    store: Store,
    plan: Plan,
    *,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
    links: list[tuple[str, str]] | None = None,
) -> list[InitiativeResult]:
    """Every link of the plan's initiatives to a result indicator in force at ``as_of``
    (``links``: those links, read already by the caller on its connection)."""
    if links is None:
        moment = None if as_of is None else to_utc_naive(as_of)
        with store.connect(read_only=True) as connection:
            links = dashboard_sql.result_links(connection, plan_id=plan.plan_id, as_of=moment)
    if not links:
        return []
    known = {i.code: i for i in reporting.indicators(store, as_of)}
    years = set(plan.years())
    latest: dict[str, YearValue | None] = {}
    standings: dict[str, Standing | None] = {}
    for code in dict.fromkeys(code for _, code in links):
        series = reporting.year_series(store, code, as_of=as_of, view=view)
        in_plan = [value for value in series if value.year in years]
        latest[code] = max(in_plan, key=lambda value: value.year) if in_plan else None
        standings[code] = _standing(store, plan, code, latest[code], as_of=as_of, view=view)
    return [
        InitiativeResult(initiative, known[code], latest[code], standings[code])
        for initiative, code in links
    ]


def _standing(
    store: Store,
    plan: Plan,
    code: str,
    latest: YearValue | None,
    *,
    as_of: dt.datetime | None,
    view: View,
) -> Standing | None:
    complete = latest if latest is not None and latest.complete else None
    year = None if complete is None else complete.year
    targets = reporting.targets(store, code, plan.plan_id, as_of=as_of, view=view)
    target = next_target(targets, plan, year)
    if target is None:
        return None
    value = None if complete is None else complete.value  # None too when suppressed
    return standing(target, plan, year, value)
