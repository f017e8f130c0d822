"""The figures a page, an export or a command needs, computed in DuckDB.

Every function takes an optional ``as_of`` moment (UTC): the answer is then exactly what was
stored at that moment, whatever was corrected later. ``None`` means now.

Every function that reads figures also takes a ``view``
(:class:`planwatch.domain.permissions.View`): which figures the reader may see (approved only, the
default, or also those awaiting approval, marked ``submitted``), and whether small counts of persons
in breakdowns are suppressed (:mod:`planwatch.domain.suppression`). A suppressed value comes back as
``value=None`` with
``suppressed`` saying how it is shown (``"<3"`` or hidden); its note and reason are left out too,
so that nothing downstream (a chart, a table, a download, the CLI) can recover it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from planwatch.domain.clock import to_utc_naive
from planwatch.domain.coverage import Coverage, YearPoint
from planwatch.domain.figures import FigureKey
from planwatch.domain.indicators import (
    CORE_INDICATORS,
    Aggregation,
    Direction,
    Indicator,
    Target,
    TargetDirection,
    TargetKind,
    split_synonyms,
)
from planwatch.domain.numbers import plain
from planwatch.domain.periods import Period
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.plans import Plan, PlanStatus
from planwatch.domain.sources import Source, SourceKind
from planwatch.domain.suppression import Suppressed, Suppression, is_small
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.errors import NotFoundError
from planwatch.figures.small_counts import SmallCounts
from planwatch.storage import Store, repository

FigureStatus = Literal["approved", "submitted"]
"""Approved, or sent in and awaiting approval (shown only to readers who may see it)."""


@dataclass(frozen=True, slots=True)
class SourceRef:
    source_id: str
    title: str
    publisher: str
    url: str | None
    kind: SourceKind

    @property
    def is_illustrative(self) -> bool:
        return self.kind is SourceKind.ILLUSTRATIVE


@dataclass(frozen=True, slots=True)
class Figure:
    """One stored figure as it stood at a moment: value, source, and who recorded it when.

    ``status`` is ``submitted`` for a figure awaiting approval (only in a view that includes
    them). ``is_revised``: this version replaced an earlier visible version with another value.
    ``value`` is ``None`` when the view suppresses it; ``suppressed`` then says how to show it.
    """

    indicator: str
    period: Period
    breakdown: Breakdown
    value: Decimal | None
    source: SourceRef
    is_preferred: bool
    version_id: int
    recorded_at: dt.datetime
    recorded_by: str
    change_kind: str
    reason: str | None
    note: str | None
    status: FigureStatus = "approved"
    is_revised: bool = False
    suppressed: Suppressed | None = None

    @property
    def is_illustrative(self) -> bool:
        return self.source.is_illustrative

    @property
    def is_submitted(self) -> bool:
        return self.status == "submitted"

    @property
    def is_corrected(self) -> bool:
        """Revised (by a correction or by an upload); the older name of :attr:`is_revised`."""
        return self.is_revised


@dataclass(frozen=True, slots=True)
class FigureAnswer:
    """The preferred figure, and what other sources say about the same thing."""

    preferred: Figure
    alternatives: tuple[Figure, ...]


@dataclass(frozen=True, slots=True)
class YearValue:
    """A year's value: as reported for the whole year, or derived from its quarters.

    ``corrected``: revised, i.e. the figure (or one of its quarters) replaced an earlier visible
    version with another value; when and why come along. ``submitted``: it (or one of its
    quarters) awaits approval. ``value`` is ``None`` when the view suppresses it (a small count
    of persons in a breakdown, or the cell hidden so that one cannot be worked out);
    ``suppressed`` then says how to show it.

    ``coverage`` says what the value covers: the whole year, or the quarters a partial year rests
    on (:mod:`planwatch.domain.coverage`, one rule for every reader). ``by_quarter`` holds the
    year's quarterly figures, which the same quarters of the next year are compared with; it is
    empty when the year has none, or when the view may not see them.
    """

    indicator: str
    year: int
    value: Decimal | None
    basis: Literal["reported", "quarters"]
    quarters: tuple[int, ...]
    source_ids: tuple[str, ...]
    is_illustrative: bool
    quarters_value: Decimal | None
    corrected: bool = False
    correction_reason: str | None = None
    corrected_at: dt.datetime | None = None
    submitted: bool = False
    suppressed: Suppressed | None = None
    coverage: Coverage | None = None
    by_quarter: tuple[tuple[int, Decimal], ...] = ()

    @property
    def covers(self) -> Coverage:
        """What the value covers (the whole year unless built from some of its quarters)."""
        return self.coverage if self.coverage is not None else Coverage(self.year)

    @property
    def complete(self) -> bool:
        return self.covers.complete

    def label(self, language: str = "da") -> str:
        """ "2024", or what a partial year covers: "1.–2. kvt. 2025" / "Q1–Q2 2025"."""
        return self.covers.label(language)

    def point(self) -> YearPoint:
        """What the comparison rules of :mod:`planwatch.domain.coverage` need of it."""
        return YearPoint(self.covers, self.value, dict(self.by_quarter))


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    version_id: int
    source_id: str
    value: Decimal | None
    is_preferred: bool
    withdrawn: bool
    note: str | None
    change_set_id: int
    change_kind: str
    recorded_at: dt.datetime
    recorded_by: str
    reason: str | None
    status: FigureStatus = "approved"
    suppressed: Suppressed | None = None


@dataclass(frozen=True, slots=True)
class PlanMoney:
    plan: Plan
    allocated_dkk: Decimal | None
    spent_dkk: Decimal | None
    allocated_illustrative: bool
    spent_illustrative: bool
    allocated_submitted: bool = False
    spent_submitted: bool = False
    # the plan itself is made up (its source is illustrative: a demo or test plan, issue 19)
    total_illustrative: bool = False

    @property
    def remaining_dkk(self) -> Decimal | None:
        return None if self.spent_dkk is None else self.plan.total_dkk - self.spent_dkk


@dataclass(frozen=True, slots=True)
class LatestFigure:
    """A core indicator's latest year and the year before it, for a tile, with the whole
    yearly series they come from."""

    indicator: Indicator
    latest: YearValue | None
    previous: YearValue | None
    series: tuple[YearValue, ...] = ()


def _moment(as_of: dt.datetime | None) -> dt.datetime | None:
    return None if as_of is None else to_utc_naive(as_of)


def _status(value: object) -> FigureStatus:
    return "submitted" if value == "submitted" else "approved"


def _figure(row: dict[str, Any], breakdown: Breakdown) -> Figure:
    return Figure(
        indicator=row["indicator_code"],
        period=Period(row["year"], row["quarter"]),
        breakdown=breakdown,
        value=plain(row["value"]),
        source=SourceRef(
            row["source_id"],
            row["source_title"],
            row["source_publisher"],
            row["source_url"],
            SourceKind(row["source_kind"]),
        ),
        is_preferred=row["is_preferred"],
        version_id=row["version_id"],
        recorded_at=row["recorded_at"],
        recorded_by=row["recorded_by"],
        change_kind=row["change_kind"],
        reason=row["reason"],
        note=row["note"],
        status=_status(row["status"]),
        is_revised=bool(row["revised"]),
    )


def _clean(value: Any) -> Decimal:
    return plain(value) if value is not None else Decimal(0)


def indicators(store: Store, as_of: dt.datetime | None = None) -> list[Indicator]:
    """Every indicator as defined at ``as_of`` (``None``: now): its names and definitions of
    that moment; one a plan created later is absent."""
    moment = None if as_of is None else to_utc_naive(as_of)
    with store.connect(read_only=True) as connection:
        rows = repository.select_all(connection, "indicators", moment)
        synonyms = {
            r["code"]: r for r in repository.select_all(connection, "indicator_synonyms", moment)
        }
    none = {"synonyms_da": "", "synonyms_en": ""}
    return [
        Indicator(
            code=r["code"],
            name_da=r["name_da"],
            name_en=r["name_en"],
            definition_da=r["definition_da"],
            definition_en=r["definition_en"],
            unit=r["unit"],
            aggregation=Aggregation(r["aggregation"]),
            direction=Direction(r["direction"]),
            is_core=bool(r["is_core"]),
            synonyms_da=split_synonyms(synonyms.get(r["code"], none)["synonyms_da"]),
            synonyms_en=split_synonyms(synonyms.get(r["code"], none)["synonyms_en"]),
        )
        for r in rows
    ]


def indicator(store: Store, code: str, as_of: dt.datetime | None = None) -> Indicator:
    for candidate in indicators(store, as_of):
        if candidate.code == code:
            return candidate
    raise NotFoundError(
        f"Indikatoren {code!r} findes ikke.", f"The indicator {code!r} does not exist."
    )


def plans(store: Store, as_of: dt.datetime | None = None) -> list[Plan]:
    """Every plan as defined at ``as_of`` (``None``: now); a plan defined later is absent."""
    moment = None if as_of is None else to_utc_naive(as_of)
    with store.connect(read_only=True) as connection:
        rows = repository.select_all(connection, "plans", moment)
    return [
        Plan(
            plan_id=r["plan_id"],
            name_da=r["name_da"],
            name_en=r["name_en"],
            start_date=r["start_date"],
            end_date=r["end_date"],
            total_dkk=plain(r["total_dkk"]),
            status=PlanStatus(r["status"]),
            source_id=r["source_id"],
        )
        for r in rows
    ]


def plan(store: Store, plan_id: str, as_of: dt.datetime | None = None) -> Plan:
    for candidate in plans(store, as_of):
        if candidate.plan_id == plan_id:
            return candidate
    if as_of is not None and any(p.plan_id == plan_id for p in plans(store)):
        raise NotFoundError(
            f"Planen {plan_id!r} var ikke oprettet endnu på det valgte tidspunkt. Vælg en senere "
            "dato eller en anden plan.",
            f"The plan {plan_id!r} had not been defined yet at the moment chosen. Choose a later "
            "date or another plan.",
        )
    raise NotFoundError(f"Planen {plan_id!r} findes ikke.", f"The plan {plan_id!r} does not exist.")


def sources(store: Store, as_of: dt.datetime | None = None) -> list[Source]:
    """Every source as recorded at ``as_of`` (``None``: now)."""
    moment = None if as_of is None else to_utc_naive(as_of)
    with store.connect(read_only=True) as connection:
        rows = repository.select_all(connection, "sources", moment)
    return [
        Source(
            source_id=r["source_id"],
            title=r["title"],
            publisher=r["publisher"],
            url=r["url"],
            published_on=r["published_on"],
            kind=SourceKind(r["kind"]),
        )
        for r in rows
    ]


def figure(
    store: Store,
    indicator_code: str,
    period: Period,
    breakdown: Breakdown = TOTAL,
    *,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
) -> FigureAnswer | None:
    """The stored figure for an indicator, period and breakdown, with its source.

    ``None`` when nothing was stored (as of that moment) that the view shows. Other sources'
    values for the same figure come back as alternatives.
    """
    moment = _moment(as_of)
    with store.connect(read_only=True) as connection:
        small_counts = SmallCounts(connection, view, moment)
        return figure_on(connection, small_counts, indicator_code, period, breakdown)


def figure_on(
    connection: repository.Connection,
    small_counts: SmallCounts,
    indicator_code: str,
    period: Period,
    breakdown: Breakdown = TOTAL,
) -> FigureAnswer | None:
    """:func:`figure` on an open connection, as ``small_counts`` (of that connection, with the
    view and moment to read as of) shows it: for a caller that reads more than one thing."""
    key = FigureKey(indicator_code, period, breakdown)
    rows = repository.current_figures(
        connection, key, as_of=small_counts.as_of, view=small_counts.view
    )
    figures = [small_counts.figure(_figure(row, breakdown)) for row in rows]
    if not figures:
        return None
    preferred = [f for f in figures if f.is_preferred]
    chosen = preferred[0] if preferred else figures[0]
    return FigureAnswer(chosen, tuple(f for f in figures if f is not chosen))


def year_series(
    store: Store,
    indicator_code: str,
    breakdown: Breakdown = TOTAL,
    *,
    as_of: dt.datetime | None = None,
    year: int | None = None,
    view: View = PUBLIC_VIEW,
) -> list[YearValue]:
    """Each year's value. A reported yearly figure wins; otherwise the year comes from its
    quarters (flow: their sum; stock: the last quarter), marked with the quarters it rests on."""
    moment = _moment(as_of)
    with store.connect(read_only=True) as connection:
        small_counts = SmallCounts(connection, view, moment)
        return year_series_on(connection, small_counts, indicator_code, breakdown, year=year)


def year_series_on(
    connection: repository.Connection,
    small_counts: SmallCounts,
    indicator_code: str,
    breakdown: Breakdown = TOTAL,
    *,
    year: int | None = None,
) -> list[YearValue]:
    """:func:`year_series` on an open connection, as ``small_counts`` (of that connection, with
    the view and moment to read as of) shows it."""
    rows = repository.year_values(
        connection,
        indicator=indicator_code,
        sex=breakdown.sex,
        age_group=breakdown.age_group,
        exploitation=breakdown.exploitation,
        as_of=small_counts.as_of,
        year=year,
        view=small_counts.view,
    )
    values = [value for r in rows if (value := _year_value(indicator_code, r)) is not None]
    return [small_counts.year_value(value, breakdown) for value in values]


def _year_value(indicator_code: str, r: dict[str, Any]) -> YearValue | None:
    quarters_value = None if r["quarters_value"] is None else _clean(r["quarters_value"])
    aggregation = Aggregation(r["aggregation"])
    quarters = tuple(r["quarters"] or ())
    by_quarter = tuple(
        (int(q), _clean(v)) for q, v in zip(quarters, r["quarter_values"] or (), strict=True)
    )
    if r["reported_value"] is not None:
        return YearValue(
            indicator_code,
            r["year"],
            _clean(r["reported_value"]),
            "reported",
            tuple(r["quarters"] or ()),
            (r["reported_source_id"],),
            bool(r["reported_illustrative"]),
            quarters_value,
            bool(r["reported_corrected"]),
            r["reported_reason"],
            r["reported_corrected_at"],
            submitted=bool(r["reported_submitted"]),
            coverage=Coverage.of(r["year"], aggregation, reported=True),
            by_quarter=by_quarter,
        )
    if quarters_value is None:
        return None
    return YearValue(
        indicator_code,
        r["year"],
        quarters_value,
        "quarters",
        tuple(r["quarters"]),
        tuple(r["quarter_source_ids"]),
        bool(r["quarters_illustrative"]),
        quarters_value,
        bool(r["quarters_corrected"]),
        r["quarters_reason"],
        r["quarters_corrected_at"],
        submitted=bool(r["quarters_submitted"]),
        coverage=Coverage.of(r["year"], aggregation, reported=False, quarters=quarters),
        by_quarter=by_quarter,
    )


def year_value(
    store: Store,
    indicator_code: str,
    year: int,
    breakdown: Breakdown = TOTAL,
    *,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
) -> YearValue | None:
    series = year_series(store, indicator_code, breakdown, as_of=as_of, year=year, view=view)
    return series[0] if series else None


def history(
    store: Store,
    indicator_code: str,
    period: Period,
    breakdown: Breakdown = TOTAL,
    *,
    view: View = PUBLIC_VIEW,
) -> list[HistoryEntry]:
    """Every version of a figure from every source that the view shows (approved ones; with
    submitted figures also those awaiting approval), oldest first: the audit trail of a number.
    Where the view suppresses the figure now, every version of it is suppressed too."""
    with store.connect(read_only=True) as connection:
        rows = repository.figure_history(
            connection, FigureKey(indicator_code, period, breakdown), view=view
        )
        small_counts = SmallCounts(connection, view, None)
        ever = small_counts.ever_suppressed(indicator_code, period, breakdown)
        entries = []
        for r in rows:
            value = None if r["value"] is None else _clean(r["value"])
            shown = small_counts.decide(indicator_code, period, breakdown, value)
            if shown is None and ever:  # suppressed at an earlier publication point
                threshold = view.small_count_threshold
                kind = Suppression.SMALL if is_small(value, threshold) else Suppression.HIDDEN
                if small_counts.ever_withheld(indicator_code, period, breakdown):
                    kind = Suppression.WITHHELD  # "<3" or hidden would say what withheld hid
                shown = Suppressed(kind, threshold)
            entries.append(
                HistoryEntry(
                    version_id=r["version_id"],
                    source_id=r["source_id"],
                    value=value if shown is None else None,
                    is_preferred=r["is_preferred"],
                    withdrawn=r["withdrawn"],
                    note=r["note"] if shown is None else None,
                    change_set_id=r["change_set_id"],
                    change_kind=r["change_kind"],
                    recorded_at=r["recorded_at"],
                    recorded_by=r["recorded_by"],
                    reason=r["reason"] if shown is None else None,
                    status=_status(r["status"]),
                    suppressed=shown,
                )
            )
    return entries


def total_is_illustrative(plan: Plan, known: Sequence[Source]) -> bool:
    """A plan's total is made up (a plan for the demo or tests, issue 19) when its source is
    illustrative; ``known``: the stored sources."""
    return any(s.source_id == plan.source_id and s.is_illustrative for s in known)


def plan_money(
    store: Store, plan_id: str, *, as_of: dt.datetime | None = None, view: View = PUBLIC_VIEW
) -> PlanMoney:
    """The plan's total, allocated and spent to date; flags say when those are illustrative or
    include figures awaiting approval."""
    the_plan = plan(store, plan_id, as_of)
    with store.connect(read_only=True) as connection:
        row = repository.plan_money(connection, plan_id=plan_id, as_of=_moment(as_of), view=view)
    return PlanMoney(
        plan=the_plan,
        allocated_dkk=None if row["allocated_dkk"] is None else _clean(row["allocated_dkk"]),
        spent_dkk=None if row["spent_dkk"] is None else _clean(row["spent_dkk"]),
        allocated_illustrative=bool(row["allocated_illustrative"]),
        spent_illustrative=bool(row["spent_illustrative"]),
        allocated_submitted=bool(row["allocated_submitted"]),
        spent_submitted=bool(row["spent_submitted"]),
        total_illustrative=total_is_illustrative(the_plan, sources(store, as_of)),
    )


def latest_core_figures(
    store: Store, *, as_of: dt.datetime | None = None, view: View = PUBLIC_VIEW
) -> list[LatestFigure]:
    """For each core indicator: its latest year's total and the year before, if stored."""
    defined = {i.code: i for i in indicators(store, as_of)}
    result: list[LatestFigure] = []
    for code in CORE_INDICATORS:
        if code not in defined:
            continue
        series = year_series(store, code, as_of=as_of, view=view)
        latest = series[-1] if series else None
        previous = next((v for v in series if latest and v.year == latest.year - 1), None)
        result.append(LatestFigure(defined[code], latest, previous, tuple(series)))
    return result


def targets(
    store: Store,
    indicator_code: str,
    plan_id: str | None = None,
    *,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
) -> list[Target]:
    """An indicator's baselines and targets (under one plan, or every plan)."""
    with store.connect(read_only=True) as connection:
        rows = repository.targets(
            connection, indicator=indicator_code, plan_id=plan_id, as_of=_moment(as_of), view=view
        )
    return [
        Target(
            indicator=r["indicator_code"],
            plan_id=r["plan_id"],
            year=r["year"],
            kind=TargetKind(r["kind"]),
            value=_clean(r["value"]),
            source_id=r["source_id"],
            is_illustrative=r["source_kind"] == SourceKind.ILLUSTRATIVE.value,
            note=r["note"],
            direction=TargetDirection.parse(r["direction"]),
        )
        for r in rows
    ]


def breakdown_series(
    store: Store,
    indicator_code: str,
    dimension: str,
    *,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
) -> dict[str, list[YearValue]]:
    """Per value of one breakdown (e.g. ``female``, ``male``): its yearly series, with small
    counts of persons suppressed as the view requires."""
    moment = _moment(as_of)
    with store.connect(read_only=True) as connection:
        rows = repository.breakdown_year_values(
            connection, indicator=indicator_code, dimension=dimension, as_of=moment, view=view
        )
        found: dict[str, list[YearValue]] = {}
        for row in rows:
            value = _year_value(indicator_code, row)
            if value is not None:
                found.setdefault(row["code"], []).append(value)
        small_counts = SmallCounts(connection, view, moment)
        return {
            code: [small_counts.year_value(v, Breakdown(**{dimension: code})) for v in values]
            for code, values in found.items()
        }


@dataclass(frozen=True, slots=True)
class QuarterValue:
    period: Period
    value: Decimal | None  # None: suppressed (see ``suppressed``)
    source_id: str
    source_title: str
    is_illustrative: bool
    corrected: bool  # revised: replaced an earlier visible version with another value
    correction_reason: str | None
    recorded_at: dt.datetime
    submitted: bool = False
    suppressed: Suppressed | None = None
    """How a total withheld from this view is shown (a correction would otherwise give a
    small count away: :mod:`planwatch.domain.disclosure_tables`)."""


def quarter_series(
    store: Store,
    indicator_code: str,
    from_year: int,
    *,
    as_of: dt.datetime | None = None,
    view: View = PUBLIC_VIEW,
) -> list[QuarterValue]:
    """The total's quarterly figures from a year on (e.g. since a plan began). A total this
    view may not see comes back with ``value`` ``None`` and how it is shown."""
    moment = _moment(as_of)
    with store.connect(read_only=True) as connection:
        rows = repository.quarter_values(
            connection,
            indicator=indicator_code,
            from_year=from_year,
            as_of=moment,
            view=view,
        )
        small_counts = SmallCounts(connection, view, moment)
        found = []
        for r in rows:
            period = Period(r["year"], r["quarter"])
            value = _clean(r["value"])
            shown = small_counts.decide(indicator_code, period, TOTAL, value)
            found.append(
                QuarterValue(
                    period=period,
                    value=value if shown is None else None,
                    source_id=r["source_id"],
                    source_title=r["source_title"],
                    is_illustrative=bool(r["illustrative"]),
                    corrected=bool(r["corrected"]),
                    correction_reason=r["reason"] if shown is None else None,
                    recorded_at=r["recorded_at"],
                    submitted=bool(r["submitted"]),
                    suppressed=shown,
                )
            )
    return found
