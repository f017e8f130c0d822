"""The stored figures a check reads: indicators, sources, yearly series and plans, read through
:mod:`planwatch.figures.reporting` in the caller's view as of a moment, each once per text; the
value for the period a text states, by the rules of :mod:`planwatch.domain.coverage` (a whole
year only when the year is complete; some quarters from the year's quarterly figures); and a
stored figure as the report shows it (:class:`~planwatch.claims.report.StoredFigure`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from planwatch.claims.breakdowns import breakdown_label, breakdown_text
from planwatch.claims.outcomes import figure_text
from planwatch.claims.report import SourceInfo, StoredFigure
from planwatch.domain.coverage import Coverage, complete_years, span_value
from planwatch.domain.permissions import View
from planwatch.domain.plans import Plan
from planwatch.domain.sources import Source, SourceKind
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.figures import comparisons, dashboard, reporting
from planwatch.formatting import Language
from planwatch.storage import Store


@dataclass(frozen=True, slots=True)
class PeriodValue:
    """The stored value of the period a text states (``coverage``): the year's value, or the
    quarters of it, from the stored year ``year``. ``value`` is ``None`` when the view
    suppresses it."""

    coverage: Coverage
    value: Decimal | None
    year: reporting.YearValue


Gap = Literal["no-figure", "not-complete", "no-quarters", "quarters-hidden"]
"""Why planwatch has no value for a stated period: no figure for the year at all; a whole year
stated, but the year is not complete (``year`` is then the part of it planwatch holds); quarters
stated that planwatch holds no figures for; or quarterly figures this view may not see."""


@dataclass(frozen=True, slots=True)
class Missing:
    """No value for the stated period ``stated``, and why (``gap``); ``year`` is what planwatch
    holds for that year, if anything."""

    stated: Coverage
    gap: Gap
    year: reporting.YearValue | None


class StoredFigures:
    """What a check of one text reads from the store, cached; figures are shown in the text's
    ``language``."""

    def __init__(
        self, store: Store, language: Language, as_of: dt.datetime | None, view: View
    ) -> None:
        self.store = store
        self.language = language
        self.as_of = as_of
        self.view = view
        self.indicators = {i.code: i for i in reporting.indicators(store, as_of)}
        self.sources = {s.source_id: s for s in reporting.sources(store, as_of)}
        self._series: dict[tuple[str, Breakdown], dict[int, reporting.YearValue]] = {}
        self._plans: list[Plan] | None = None
        self._money: dict[str, list[dashboard.InitiativeYear]] = {}

    def series(self, code: str, breakdown: Breakdown = TOTAL) -> dict[int, reporting.YearValue]:
        key = (code, breakdown)
        if key not in self._series:
            values = reporting.year_series(
                self.store, code, breakdown, as_of=self.as_of, view=self.view
            )
            self._series[key] = {v.year: v for v in values}
        return self._series[key]

    def complete_values(self, code: str) -> dict[int, Decimal]:
        """The total's values of complete years the view shows: what a change "since" a year
        runs to and what "the highest since" is said over."""
        return complete_years(v.point() for v in self.series(code).values())

    def stated(self, code: str, year: int, quarters: tuple[int, ...] | None) -> Coverage:
        """The period a text states, by the indicator's rule: all four quarters of a flow (the
        fourth of a stock) are the whole year."""
        if quarters is None:
            return Coverage(year)
        aggregation = self.indicators[code].aggregation
        return Coverage.of(year, aggregation, reported=False, quarters=quarters)

    def lookup(
        self, code: str, stated: Coverage, breakdown: Breakdown = TOTAL
    ) -> PeriodValue | Missing:
        """The stored value of the period a text states: a whole year only when planwatch holds
        the year complete; quarters from the year's value when it covers just those, else from
        its quarterly figures (docs/claims.md, "Parts of a year")."""
        year = self.series(code, breakdown).get(stated.year)
        if year is None:
            return Missing(stated, "no-figure", None)
        if stated.complete:
            if year.complete:
                return PeriodValue(year.covers, year.value, year)
            return Missing(stated, "not-complete", year)
        if year.covers == stated:
            return PeriodValue(stated, year.value, year)
        aggregation = self.indicators[code].aggregation
        value = span_value(aggregation, dict(year.by_quarter), stated)
        if value is not None:
            return PeriodValue(stated, value, year)
        needed = stated.quarters or ()
        if not year.by_quarter and set(needed) <= set(year.quarters):
            return Missing(stated, "quarters-hidden", year)
        return Missing(stated, "no-quarters", year)

    def comparison(self, code: str, year: int) -> comparisons.Comparison | None:
        """The total of ``year`` against the same span a year earlier
        (:func:`planwatch.figures.comparisons.compare`)."""
        series = self.series(code)
        current = series.get(year)
        if current is None:
            return None
        ordered = [series[y] for y in sorted(series)]
        return comparisons.compare(ordered, current, self.indicators[code].aggregation)

    def running_year(self, code: str) -> reporting.YearValue | None:
        """The total's partial year after its latest complete one, if any."""
        series = self.series(code)
        return comparisons.running_year([series[y] for y in sorted(series)])

    def plans(self) -> list[Plan]:
        if self._plans is None:
            self._plans = reporting.plans(self.store)
        return self._plans

    def initiative_years(self, plan_id: str) -> list[dashboard.InitiativeYear]:
        """Each initiative's allocation and spending per year in a plan, in the view (the money
        side of a check: ``allocation`` claims, docs/claims.md "Money for initiatives")."""
        if plan_id not in self._money:
            self._money[plan_id] = dashboard.budget_view(
                self.store, plan_id, as_of=self.as_of, view=self.view
            ).initiatives
        return self._money[plan_id]

    def illustrative_sources(self) -> tuple[SourceInfo, ...]:
        """The sources of kind ``illustrative`` (the demo's invented money)."""
        return self.source_infos(
            s.source_id for s in self.sources.values() if s.kind is SourceKind.ILLUSTRATIVE
        )

    def source_infos(self, source_ids: Iterable[str]) -> tuple[SourceInfo, ...]:
        infos = []
        for source_id in dict.fromkeys(source_ids):
            source = self.sources.get(source_id)
            infos.append(_source_info(source_id, source))
        return tuple(infos)

    def stored(
        self, code: str, value: reporting.YearValue | PeriodValue, breakdown: Breakdown = TOTAL
    ) -> StoredFigure:
        """A stored year, or the stored value of a stated period, as the report shows it."""
        found = value if isinstance(value, PeriodValue) else _whole(value)
        year = found.year
        if found.value is not None:
            shown = figure_text(found.value, self.language)
        else:
            shown = year.suppressed.label(self.language) if year.suppressed else ""
        return StoredFigure(
            code,
            year.year,
            found.value,
            shown,
            self.source_infos(year.source_ids),
            breakdown_label(breakdown),
            submitted=year.submitted,
            quarters=found.coverage.quarters,
            period=found.coverage.label(self.language),
        )

    def name(self, code: str) -> str:
        return self.indicators[code].name(self.language)

    def what(
        self, code: str, period: Coverage | int, breakdown: Breakdown = TOTAL
    ) -> tuple[str, str]:
        """``Vurderede ofre for menneskehandel i 2023 (Kvinder)`` / ``… i 1. kvt. 2025`` in both
        languages."""
        covers = period if isinstance(period, Coverage) else Coverage(period)
        indicator = self.indicators[code]
        da, en = breakdown_text(breakdown, "da"), breakdown_text(breakdown, "en")
        return (
            f"{indicator.name_da} i {covers.label('da')}{f' ({da})' if da else ''}",
            f"{indicator.name_en} in {covers.label('en')}{f' ({en})' if en else ''}",
        )


def _whole(value: reporting.YearValue) -> PeriodValue:
    return PeriodValue(value.covers, value.value, value)


def _source_info(source_id: str, source: Source | None) -> SourceInfo:
    if source is None:
        return SourceInfo(source_id, source_id, "")
    return SourceInfo(
        source.source_id,
        source.title,
        source.publisher,
        source.url,
        source.kind is SourceKind.ILLUSTRATIVE,
    )
