"""Drafting a speaking note (talepapir) from the stored figures, never typed by hand.

:func:`draft` reads the figures a minister's speaking note needs — the plan's budget and, per
core indicator, the year (or quarter) against the one before — as they stood at one moment and
in one :class:`~planwatch.domain.permissions.View`, decides each bullet's flags and sources, and
has :mod:`planwatch.notes.wording` say it. What a note says and why: ``docs/notes.md``.

A note's year is the latest complete year unless another is asked for (:func:`default_year`).
A year is compared only by :func:`planwatch.figures.comparisons.compare`: a complete year with
the complete year before, a partial year with the same quarters of the year before, never one
with the other; "the highest since" and the change over several years only among complete
years. A partial year is named by its quarters and said to be not complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final

from planwatch.domain.clock import to_local, to_utc_naive, utc_now
from planwatch.domain.coverage import complete_years, span_value
from planwatch.domain.indicators import CORE_INDICATORS, Indicator
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.plans import Plan
from planwatch.domain.sources import Source
from planwatch.domain.targets import next_target, standing
from planwatch.domain.vocab import Breakdown
from planwatch.errors import NotFoundError, UsageError
from planwatch.figures import comparisons, dashboard, reporting
from planwatch.formatting import round_half_up
from planwatch.notes.flags import (
    UsedFigure,
    flags_for,
    partial_years,
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
    from_core,
)
from planwatch.notes.targets import note_sentence
from planwatch.notes.wording import (
    BREAKDOWNS,
    LANGUAGES,
    BreakdownSpec,
    NoComparison,
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
    no_baseline_text,
    no_comparison_text,
    no_quarter_text,
    number_text,
    preliminary_text,
    quarter_before_text,
    result_text,
    sentence,
    shown_text,
    source_text,
    spending_source_text,
    title_text,
    trend_text,
    wording,
)
from planwatch.storage import Store, dashboard_sql, repository

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
        """The day the figures were read, in Denmark: the day the note's "tal pr." names, and
        the one that decides whether a year has ended."""
        return to_local(self.moment).date()


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
    caveats = caveats_text(
        flags, unfinished, revised_periods(used), context.language, partial_years(used)
    )
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


@dataclass(frozen=True, slots=True)
class _Compared:
    """A year's value against the year before, as a bullet states it: the numbers, the value
    it is compared with as said (``None``: compared with nothing, and ``missing`` says why),
    and the figures used."""

    numbers: Comparison
    previous_shown: str | None
    missing: NoComparison | None
    used: tuple[UsedFigure, ...]


def _compared(
    current: reporting.YearValue,
    series: Sequence[reporting.YearValue],
    indicator: Indicator,
    language: str,
) -> _Compared:
    """``current`` against the same span a year earlier, by the one rule
    (:func:`planwatch.figures.comparisons.compare`). A comparable value the view suppresses is
    said by its label ("færre end 3"), with no change computed from it."""
    found = comparisons.compare(series, current, indicator.aggregation)
    numbers = from_core(found)
    before = next((v for v in series if v.year == current.year - 1), None)
    used = [used_year(current)]
    if found.baseline is not None and before is not None:
        shown = number_text(found.baseline.value, language)
        return _Compared(numbers, shown, None, (*used, used_year(before, baseline=True)))
    span = current.covers.in_year(current.year - 1)
    if before is not None and before.suppressed is not None and before.covers == span:
        numbers = replace(numbers, previous_period=Period(before.year), previous_covers=span)
        shown = _shown(before, language)
        return _Compared(numbers, shown, None, (*used, used_year(before, baseline=True)))
    missing: NoComparison = found.missing or "no-year-before"
    if missing == "year-before-not-quarterly" and before is not None and before.quarters:
        # The year before has quarterly figures, but not those needed (nothing to compare
        # with), or the view may not see every one of them (withheld, and flagged so).
        stored = {q: Decimal(0) for q in before.quarters}
        if span_value(indicator.aggregation, stored, span) is None:
            return _Compared(numbers, None, "no-year-before", tuple(used))
        hidden = replace(used_year(before, baseline=True), suppressed=True)
        return _Compared(numbers, None, "year-before-hidden", (*used, hidden))
    return _Compared(numbers, None, missing, tuple(used))


def _year_bullets(
    context: _Context,
    indicator: Indicator,
    year: int,
    series: Sequence[reporting.YearValue],
) -> list[Bullet]:
    """The year against the same span a year earlier, and the change since the plan's
    baseline (between complete years only); ``series``: the indicator's year values."""
    language = context.language
    by_year = {v.year: v for v in series}
    current, before = by_year.get(year), by_year.get(year - 1)
    words = wording(indicator, language)
    if current is None:
        return [_missing_bullet(context, indicator, series, year)]
    compared = _compared(current, series, indicator, language)
    numbers = compared.numbers
    body = event_text(
        words, current.covers, current.value, language, shown=_shown(current, language)
    )
    if compared.previous_shown is not None and numbers.previous_covers is not None:
        body += against_text(numbers.previous_covers, compared.previous_shown, language)
    body = sentence(body)
    if compared.missing is not None:
        year_before = None if before is None else before.covers
        body = joined(
            body, no_baseline_text(compared.missing, current.covers, year_before, language)
        )
    body = joined(
        body,
        change_text(numbers, words, language),
        multiple_text(numbers.multiple, language),
    )
    bullets = [_bullet(context, "indicator", indicator.code, body, compared.used, (numbers,))]
    trend = _trend_bullet(context, indicator, series, current)
    if trend is not None:
        bullets.append(trend)
    return bullets


def _target_bullet(
    context: _Context,
    indicator: Indicator,
    year: int,
    series: Sequence[reporting.YearValue],
) -> Bullet | None:
    """The plan's next target for the indicator, and where the year stands against it (only
    a complete, shown year is compared); ``series``: the indicator's year values."""
    targets = reporting.targets(
        context.store,
        indicator.code,
        context.plan.plan_id,
        as_of=context.moment,
        view=context.view,
    )
    target = next_target(targets, context.plan, year)
    if target is None:
        return None
    value = complete_years(v.point() for v in series).get(year)
    shown = next((v for v in series if v.year == year), None)
    if shown is not None and shown.suppressed is not None:
        value = None  # a suppressed count is never compared, nor its distance said
    where = standing(target, context.plan, year if value is not None else None, value)
    language = context.language
    text = note_sentence(where, indicator, language)
    flags = Flags(illustrative=target.is_illustrative)
    if flags.illustrative:
        text = illustrative_prefix(language) + text
    sources = source_infos([target.source_id], context.sources)
    return Bullet(
        kind="target",
        indicator_code=indicator.code,
        text=text,
        source_text=source_text(sources, context.moment, language),
        sources=sources,
        flags=flags,
    )


def _result_bullets(context: _Context, year: int) -> list[Bullet]:
    """Each initiative's result indicators for the year (issue 19: the results a minister's
    speech lists, beside the money): one bullet per indicator with a figure for the year, as
    the overview's would say it (a partial year said to be so); none without a figure."""
    with context.store.connect(read_only=True) as connection:
        links = dashboard_sql.result_links(
            connection, plan_id=context.plan.plan_id, as_of=context.moment
        )
        rows = repository.select_all(connection, "initiatives", context.moment) if links else []
    if not links:
        return []
    key = "name_da" if context.language == "da" else "name_en"
    names = {str(r["code"]): str(r[key]) for r in rows}
    indicators = {i.code: i for i in reporting.indicators(context.store, context.moment)}
    made_up = reporting.total_is_illustrative(context.plan, list(context.sources.values()))
    values: dict[str, reporting.YearValue | None] = {}  # an indicator of two initiatives: once
    bullets: list[Bullet] = []
    for initiative, code in links:
        if code not in values:
            values[code] = reporting.year_value(
                context.store, code, year, as_of=context.moment, view=context.view
            )
        current = values[code]
        if current is None:
            continue
        body = result_text(
            indicators[code],
            names.get(initiative, initiative),
            current.covers,
            _shown(current, context.language),
            context.language,
        )
        if made_up and not current.is_illustrative:  # the initiative is a made-up plan's
            body = illustrative_prefix(context.language) + body
        bullets.append(_bullet(context, "result", code, body, [used_year(current)]))
    return bullets


def _shown(value: reporting.YearValue, language: str) -> str:
    return shown_text(value.value, value.suppressed, language)


def _missing_bullet(
    context: _Context, indicator: Indicator, series: Sequence[reporting.YearValue], year: int
) -> Bullet:
    """An indicator without a figure for the year says so, and names its latest earlier one
    by what it covers (a partial year by its quarters, and said to be not complete)."""
    language = context.language
    body = missing_text(indicator, Period(year), language)
    earlier = [v for v in series if v.year < year and v.value is not None]
    used: list[UsedFigure] = []
    latest: reporting.YearValue | None = earlier[-1] if earlier else None
    if latest is not None and latest.value is not None:
        body = joined(body, latest_figure_text(latest.value, latest.covers, language))
        used.append(used_year(latest))
    numbers = Comparison(
        period=Period(year),
        value=None,
        previous_period=None if latest is None else Period(latest.year),
        previous=None if latest is None else latest.value,
        previous_covers=None if latest is None else latest.covers,
    )
    return _bullet(context, "indicator", indicator.code, body, used, (numbers,))


def trend_baseline(values: Mapping[int, Decimal], year: int, plan: Plan) -> int | None:
    """The year the change over several years starts from: the last year before the plan
    began if it has a figure, else the latest year with one among the :data:`TREND_YEARS`
    years up to it. ``None`` when there is none, or when it would be the year just before
    ``year`` (the year-on-year change says it already). ``values``: complete years only."""
    anchor = plan.start_date.year - 1
    candidates = [y for y in values if anchor - TREND_YEARS < y <= anchor]
    if not candidates:
        return None
    baseline = max(candidates)
    return baseline if baseline < year - 1 else None


def _trend_bullet(
    context: _Context,
    indicator: Indicator,
    series: Sequence[reporting.YearValue],
    current: reporting.YearValue,
) -> Bullet | None:
    """'Fra 2021, året før handlingsplanen, til 2023 …': between complete years only, so never
    for a partial year, and never from one."""
    language = context.language
    if not current.complete or current.value is None:
        return None
    values = complete_years(v.point() for v in series)
    year = current.year
    baseline = trend_baseline(values, year, context.plan)
    if baseline is None:
        return None
    start = next(v for v in series if v.year == baseline)
    words = wording(indicator, language)
    numbers = replace(
        compare(Period(year), current.value, Period(baseline), values[baseline]),
        covers=current.covers,
        previous_covers=start.covers,
    )
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


def _breakdown_bullet(
    context: _Context, indicator: Indicator, spec: BreakdownSpec, year: int
) -> Bullet | None:
    """A breakdown of the year against the same span a year earlier, by the same rule as the
    total; ``None`` without a figure for the year. A suppressed count is said by its label
    only; no change is computed from it."""
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
    compared = _compared(current, series, indicator, language)
    said = compared.numbers
    previous = (
        None
        if compared.previous_shown is None or said.previous_covers is None
        else (said.previous_covers, compared.previous_shown)
    )
    body = breakdown_text(
        spec, current.covers, current.value, _shown(current, language), previous, language
    )
    if compared.missing is not None and compared.missing != "no-year-before":
        year_before = None if before is None else before.covers
        body = joined(
            body, no_baseline_text(compared.missing, current.covers, year_before, language)
        )
    # The text states the two values only: no per cent, doubling or "highest since".
    numbers = replace(
        said, percent=None, percent_rounded=None, multiple=None, highest=None, lowest=None
    )
    return _bullet(
        context,
        "breakdown",
        spec.indicator_code,
        body,
        compared.used,
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
    body = event_text(
        words, period, current.value, language, shown=_quarter_shown(current, language)
    )
    if last_year is not None:
        body += against_text(last_year.period, _quarter_shown(last_year, language), language)
    body = sentence(body)
    if last_year is None:
        body = joined(body, no_comparison_text(Period(year - 1, quarter), language))
    body = joined(
        body, change_text(numbers, words, language), multiple_text(numbers.multiple, language)
    )
    comparisons = [numbers]
    if before is not None:
        body = joined(
            body, quarter_before_text(before.period, _quarter_shown(before, language), language)
        )
        comparisons.append(compare(period, current.value, before.period, before.value))
    used = [used_quarter(q) for q in (current, last_year, before) if q is not None]
    return _bullet(context, "quarter", indicator.code, body, used, tuple(comparisons))


def _quarter_shown(value: reporting.QuarterValue, language: str) -> str:
    """A quarter's total as said: its number, or its label when the view may not see it."""
    return shown_text(value.value, value.suppressed, language)


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
        illustrative=money.total_illustrative or (spent is not None and money.spent_illustrative),
        preliminary_reasons=reasons,
    )
    if money.total_illustrative:  # a plan made up for the demo or tests (issue 19)
        body = illustrative_prefix(language) + body
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


def _core_indicators(store: Store, as_of: dt.datetime | None) -> list[Indicator]:
    order = {code: index for index, code in enumerate(CORE_INDICATORS)}
    core = [i for i in reporting.indicators(store, as_of) if i.is_core]
    return sorted(core, key=lambda i: (order.get(i.code, len(order)), i.code))


def default_year(
    store: Store, *, as_of: dt.datetime | None = None, view: View = PUBLIC_VIEW
) -> int:
    """The year a note is about unless another is asked for: the latest complete year of any
    core indicator (:func:`planwatch.figures.comparisons.latest_complete`, as the overview's
    tiles lead with), never a partial year; last year (in Denmark) when there is none."""
    moment = utc_now() if as_of is None else to_utc_naive(as_of)
    found = reporting.latest_core_figures(store, as_of=moment, view=view)
    years = [
        latest.year
        for figure in found
        if (latest := comparisons.latest_complete(figure.series)) is not None
    ]
    return max(years, default=to_local(moment).year - 1)


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
    year: int | None = None,
    quarter: int | None = None,
    plan_id: str | None = None,
    language: str = "da",
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
) -> TalkingPoints:
    """Draft the speaking note for a year (or a quarter of it) from the stored figures.

    Everything is read as of one moment (``as_of``, or now; UTC) in ``view``: with the default
    public view, figures awaiting approval are not used. ``year`` ``None`` is the latest
    complete year (:func:`default_year`); a year that is not complete is written about by the
    quarters it has, against the same quarters a year earlier. ``plan_id`` ``None`` takes the
    plan whose period contains ``year``, else the latest plan. Raises :class:`UsageError` for
    an unknown language or a period out of range and :class:`NotFoundError` for an unknown
    plan.
    """
    moment = utc_now() if as_of is None else to_utc_naive(as_of)
    if year is None:
        year = default_year(store, as_of=moment, view=view)
    period = _check(year, quarter, language)
    known = reporting.plans(store, moment)
    plan = reporting.plan(store, plan_id, moment) if plan_id else choose_plan(known, year)
    context = _Context(
        store=store,
        plan=plan,
        language=language,
        moment=moment,
        view=view,
        sources={s.source_id: s for s in reporting.sources(store, moment)},
    )
    bullets = [_budget_bullet(context)]
    for indicator in _core_indicators(store, moment):
        if quarter is not None:
            bullets.append(_quarter_bullet(context, indicator, year, quarter))
            continue
        series = reporting.year_series(store, indicator.code, as_of=moment, view=view)
        bullets += _year_bullets(context, indicator, year, series)
        target = _target_bullet(context, indicator, year, series)
        bullets += [] if target is None else [target]
        for spec in BREAKDOWNS:
            if spec.indicator_code == indicator.code:
                extra = _breakdown_bullet(context, indicator, spec, year)
                bullets += [extra] if extra is not None else []
    if quarter is None:
        bullets += _result_bullets(context, year)
    return TalkingPoints(
        title=title_text(plan, period, language),
        plan=plan,
        period=period,
        language=language,
        as_of=moment,
        includes_submitted=view.include_submitted,
        bullets=tuple(bullets),
    )
