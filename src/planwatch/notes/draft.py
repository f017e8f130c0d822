"""Drafting a speaking note (talepapir) from the stored figures, never typed by hand.

:func:`draft` reads the figures a minister's speaking note needs — the plan's budget and, per
core indicator, the year (or quarter) against the one before — as they stood at one moment and
in one :class:`~planwatch.domain.permissions.View`, decides each bullet's flags and sources, and
has :mod:`planwatch.notes.wording` say it. What a note says and why: ``docs/notes.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from planwatch.domain.clock import to_utc_naive, utc_now
from planwatch.domain.indicators import CORE_INDICATORS, Indicator
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.plans import Plan
from planwatch.domain.sources import Source
from planwatch.domain.vocab import Breakdown
from planwatch.errors import NotFoundError, UsageError
from planwatch.figures import dashboard, reporting
from planwatch.formatting import round_half_up
from planwatch.notes.flags import (
    UsedFigure,
    flags_for,
    revised_periods,
    source_infos,
    unfinished_years,
    used_quarter,
    used_year,
)
from planwatch.notes.note import (
    Bullet,
    BulletKind,
    Comparison,
    Flags,
    Money,
    PreliminaryReason,
    TalkingPoints,
    compare,
)
from planwatch.notes.wording import (
    BREAKDOWNS,
    LANGUAGES,
    BreakdownSpec,
    against_text,
    breakdown_text,
    budget_text,
    caveats_text,
    change_text,
    event_text,
    illustrative_prefix,
    joined,
    latest_figure_text,
    missing_text,
    multiple_text,
    no_comparison_text,
    no_quarter_text,
    number_text,
    preliminary_text,
    quarter_before_text,
    sentence,
    shown_text,
    source_text,
    spending_source_text,
    title_text,
    trend_text,
    wording,
)
from planwatch.storage import Store

TREND_YEARS: Final = 3
"""The baseline of the change over several years lies at most this many years back from the
year before the plan began (2019-2021 for the plan 2022-2025)."""


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    store: Store
    plan: Plan
    language: str
    moment: dt.datetime
    view: View
    sources: Mapping[str, Source]

    @property
    def day(self) -> dt.date:
        return dashboard.reference_date(self.moment)


def _bullet(
    context: _Context,
    kind: BulletKind,
    code: str | None,
    body: str,
    used: Sequence[UsedFigure],
    comparisons: tuple[Comparison, ...] = (),
    *,
    breakdown: Breakdown | None = None,
) -> Bullet:
    flags = flags_for(used, context.day)
    unfinished = unfinished_years(used, context.day)
    caveats = caveats_text(flags, unfinished, revised_periods(used), context.language)
    text = joined(body, caveats)
    if flags.illustrative:
        text = illustrative_prefix(context.language) + text
    sources = source_infos((i for u in used for i in u.source_ids), context.sources)
    return Bullet(
        kind=kind,
        indicator_code=code,
        text=text,
        source_text=source_text(sources, context.moment, context.language),
        sources=sources,
        flags=flags,
        comparisons=comparisons,
        breakdown=breakdown,
    )


def _year_bullets(context: _Context, indicator: Indicator, year: int) -> list[Bullet]:
    """The year against the year before, and the change since the plan's baseline."""
    language = context.language
    series = reporting.year_series(
        context.store, indicator.code, as_of=context.moment, view=context.view
    )
    by_year = {v.year: v for v in series}
    history = {v.year: v.value for v in series if v.value is not None}
    current, before = by_year.get(year), by_year.get(year - 1)
    words = wording(indicator, language)
    if current is None:
        return [_missing_bullet(context, indicator, series, year)]
    numbers = compare(
        Period(year),
        current.value,
        Period(year - 1) if before is not None else None,
        None if before is None else before.value,
        history,
    )
    body = event_text(words, Period(year), current.value, language, shown=_shown(current, language))
    if before is not None:
        body += against_text(Period(year - 1), _shown(before, language), language)
    body = sentence(body)
    if before is None:
        body = joined(body, no_comparison_text(Period(year - 1), language))
    body = joined(
        body,
        change_text(numbers, words, language),
        multiple_text(numbers.multiple, language),
    )
    used = [used_year(v) for v in (current, before) if v is not None]
    bullets = [_bullet(context, "indicator", indicator.code, body, used, (numbers,))]
    trend = _trend_bullet(context, indicator, by_year, year)
    if trend is not None:
        bullets.append(trend)
    return bullets


def _shown(value: reporting.YearValue, language: str) -> str:
    return shown_text(value.value, value.suppressed, language)


def _missing_bullet(
    context: _Context, indicator: Indicator, series: Sequence[reporting.YearValue], year: int
) -> Bullet:
    """An indicator without a figure for the year says so, and names its latest earlier one."""
    language = context.language
    body = missing_text(indicator, Period(year), language)
    earlier = [v for v in series if v.year < year and v.value is not None]
    used: list[UsedFigure] = []
    latest: reporting.YearValue | None = earlier[-1] if earlier else None
    if latest is not None and latest.value is not None:
        body = joined(body, latest_figure_text(latest.value, latest.year, language))
        used.append(used_year(latest))
    numbers = Comparison(
        period=Period(year),
        value=None,
        previous_period=None if latest is None else Period(latest.year),
        previous=None if latest is None else latest.value,
    )
    return _bullet(context, "indicator", indicator.code, body, used, (numbers,))


def trend_baseline(values: Mapping[int, Decimal], year: int, plan: Plan) -> int | None:
    """The year the change over several years starts from: the last year before the plan
    began if it has a figure, else the latest year with one among the :data:`TREND_YEARS`
    years up to it. ``None`` when there is none, or when it would be the year just before
    ``year`` (the year-on-year change says it already)."""
    anchor = plan.start_date.year - 1
    candidates = [y for y in values if anchor - TREND_YEARS < y <= anchor]
    if not candidates:
        return None
    baseline = max(candidates)
    return baseline if baseline < year - 1 else None


def _trend_bullet(
    context: _Context,
    indicator: Indicator,
    by_year: Mapping[int, reporting.YearValue],
    year: int,
) -> Bullet | None:
    language = context.language
    current = by_year.get(year)
    values = {y: v.value for y, v in by_year.items() if v.value is not None}
    baseline = trend_baseline(values, year, context.plan)
    if current is None or current.value is None or baseline is None:
        return None
    start = by_year[baseline]
    words = wording(indicator, language)
    numbers = compare(Period(year), current.value, Period(baseline), values[baseline])
    before_plan = baseline == context.plan.start_date.year - 1
    body = trend_text(
        words, (baseline, values[baseline]), (year, current.value), before_plan, language
    )
    body = joined(
        body,
        change_text(numbers, words, language) if numbers.change else "",
        multiple_text(numbers.multiple, language),
    )
    used = [used_year(start), used_year(current)]
    return _bullet(context, "trend", indicator.code, body, used, (numbers,))


def _breakdown_bullet(context: _Context, spec: BreakdownSpec, year: int) -> Bullet | None:
    """A breakdown of the year against the year before; ``None`` without a figure for the
    year. A suppressed count is said by its label only; no change is computed from it."""
    language = context.language
    series = reporting.year_series(
        context.store,
        spec.indicator_code,
        spec.breakdown,
        as_of=context.moment,
        view=context.view,
    )
    by_year = {v.year: v for v in series}
    current, before = by_year.get(year), by_year.get(year - 1)
    if current is None:
        return None
    previous_shown = None if before is None else _shown(before, language)
    body = breakdown_text(
        spec, year, current.value, _shown(current, language), previous_shown, language
    )
    numbers = Comparison(
        period=Period(year),
        value=current.value,
        previous_period=None if before is None else Period(year - 1),
        previous=None if before is None else before.value,
        change=(
            None
            if before is None or current.value is None or before.value is None
            else current.value - before.value
        ),
    )
    used = [used_year(v) for v in (current, before) if v is not None]
    return _bullet(
        context,
        "breakdown",
        spec.indicator_code,
        body,
        used,
        (numbers,),
        breakdown=spec.breakdown,
    )


def _previous_quarter(year: int, quarter: int) -> Period:
    return Period(year - 1, 4) if quarter == 1 else Period(year, quarter - 1)


def _quarter_bullet(context: _Context, indicator: Indicator, year: int, quarter: int) -> Bullet:
    """A quarter against the same quarter a year earlier; the quarter before is mentioned."""
    language = context.language
    period = Period(year, quarter)
    quarters = reporting.quarter_series(
        context.store, indicator.code, period.year - 1, as_of=context.moment, view=context.view
    )
    by_period = {q.period: q for q in quarters}
    current = by_period.get(period)
    last_year = by_period.get(Period(year - 1, quarter))
    before = by_period.get(_previous_quarter(year, quarter))
    if current is None:
        body = no_quarter_text(indicator, period, language)
        return _bullet(context, "quarter", indicator.code, body, [], (Comparison(period, None),))
    words = wording(indicator, language)
    numbers = compare(
        period,
        current.value,
        None if last_year is None else last_year.period,
        None if last_year is None else last_year.value,
    )
    body = event_text(words, period, current.value, language)
    if last_year is not None:
        body += against_text(last_year.period, number_text(last_year.value, language), language)
    body = sentence(body)
    if last_year is None:
        body = joined(body, no_comparison_text(Period(year - 1, quarter), language))
    body = joined(
        body, change_text(numbers, words, language), multiple_text(numbers.multiple, language)
    )
    comparisons = [numbers]
    if before is not None:
        body = joined(body, quarter_before_text(before.period, before.value, language))
        comparisons.append(compare(period, current.value, before.period, before.value))
    used = [used_quarter(q) for q in (current, last_year, before) if q is not None]
    return _bullet(context, "quarter", indicator.code, body, used, tuple(comparisons))


def _budget_bullet(context: _Context) -> Bullet:
    """'Handlingsplanen har en samlet ramme på 118,2 mio. kr., hvoraf X mio. kr. er brugt.'
    Illustrative spending is said to be so; spending awaiting approval makes it preliminary."""
    language = context.language
    progress = dashboard.plan_progress(
        context.store, context.plan.plan_id, as_of=context.moment, view=context.view
    )
    money = progress.money
    plan = money.plan
    spent = money.spent_dkk
    share = (
        None
        if spent is None or plan.total_dkk == 0
        else round_half_up(spent / plan.total_dkk * 100, 1)
    )
    ids = [plan.source_id]
    if spent is not None and money.spent_illustrative:
        ids += [s.source_id for s in context.sources.values() if s.is_illustrative]
    sources = source_infos(ids, context.sources)
    body = budget_text(plan, spent, share, money.spent_illustrative, language)
    reasons: tuple[PreliminaryReason, ...] = ("submitted",) if money.spent_submitted else ()
    flags = Flags(
        preliminary=bool(reasons),
        illustrative=spent is not None and money.spent_illustrative,
        preliminary_reasons=reasons,
    )
    if flags.preliminary:
        body = joined(body, preliminary_text(reasons, [], language))
    extra = ""
    if spent is not None and not money.spent_illustrative:
        extra = spending_source_text(language)
    return Bullet(
        kind="budget",
        indicator_code=None,
        text=body,
        source_text=source_text(sources, context.moment, language, extra),
        sources=sources,
        flags=flags,
        money=Money(plan.total_dkk, spent, share),
    )


# --- the service -----------------------------------------------------------------------------


def choose_plan(plans: Sequence[Plan], year: int) -> Plan:
    """The plan whose period contains ``year`` (the latest-starting one if several), else the
    latest plan."""
    if not plans:
        raise NotFoundError("Der er ingen planer i databasen.", "There are no plans stored.")
    containing = [p for p in plans if year in p.years()]
    return max(containing or plans, key=lambda p: p.start_date)


def _core_indicators(store: Store) -> list[Indicator]:
    order = {code: index for index, code in enumerate(CORE_INDICATORS)}
    core = [i for i in reporting.indicators(store) if i.is_core]
    return sorted(core, key=lambda i: (order.get(i.code, len(order)), i.code))


def _check(year: int, quarter: int | None, language: str) -> Period:
    if language not in LANGUAGES:
        raise UsageError(
            f"Sproget {language!r} findes ikke (da, en).",
            f"The language {language!r} is not available (da, en).",
        )
    try:
        return Period(year, quarter)
    except ValueError as error:
        asked = str(year) if quarter is None else f"{year}, kvartal {quarter}"
        raise UsageError(
            f"{asked} er ikke et gyldigt år eller kvartal (1-4).", str(error)
        ) from None


def draft(
    store: Store,
    *,
    year: int,
    quarter: int | None = None,
    plan_id: str | None = None,
    language: str = "da",
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
) -> TalkingPoints:
    """Draft the speaking note for a year (or a quarter of it) from the stored figures.

    Everything is read as of one moment (``as_of``, or now; UTC) in ``view``: with the default
    public view, figures awaiting approval are not used. ``plan_id`` ``None`` takes the plan
    whose period contains ``year``, else the latest plan. Raises :class:`UsageError` for an
    unknown language or a period out of range and :class:`NotFoundError` for an unknown plan.
    """
    period = _check(year, quarter, language)
    moment = utc_now() if as_of is None else to_utc_naive(as_of)
    plan = reporting.plan(store, plan_id) if plan_id else choose_plan(reporting.plans(store), year)
    context = _Context(
        store=store,
        plan=plan,
        language=language,
        moment=moment,
        view=view,
        sources={s.source_id: s for s in reporting.sources(store)},
    )
    bullets = [_budget_bullet(context)]
    for indicator in _core_indicators(store):
        if quarter is not None:
            bullets.append(_quarter_bullet(context, indicator, year, quarter))
            continue
        bullets += _year_bullets(context, indicator, year)
        for spec in BREAKDOWNS:
            if spec.indicator_code == indicator.code:
                extra = _breakdown_bullet(context, spec, year)
                bullets += [extra] if extra is not None else []
    return TalkingPoints(
        title=title_text(plan, period, language),
        plan=plan,
        period=period,
        language=language,
        as_of=moment,
        includes_submitted=view.include_submitted,
        bullets=tuple(bullets),
    )
