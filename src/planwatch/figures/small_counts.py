"""Which breakdown counts of persons a view may not see exactly, and how each is shown.

Every reader path (chart, table, figure, history, disagreements, CLI, notes, claims) asks one
:class:`SmallCounts`. The pattern is :mod:`planwatch.domain.disclosure` over the table of
:mod:`planwatch.domain.disclosure_tables`: per indicator and year, every breakdown cell (1- and
2-dimensional), the quarters and the year built from them, at every publication point up to the
view's moment (:func:`planwatch.figures.publication.publication_points`; those at which none of
the indicator's figures changed are skipped, they show the same), so that no combination of
what a viewer can see - also at two "as of" moments - narrows a small count below "1 ..
threshold - 1".
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Final, NamedTuple

from planwatch.domain import disclosure_tables, pattern_codec, suppression
from planwatch.domain.disclosure_tables import CellKey, Moment, StoredKey
from planwatch.domain.numbers import plain
from planwatch.domain.pattern_codec import Patterns
from planwatch.domain.periods import Period
from planwatch.domain.permissions import View
from planwatch.domain.suppression import PERSON_UNITS, Suppressed, Suppression, is_small
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.storage import disclosure_sql, pattern_store, repository
from planwatch.storage.publication_sql import publication_moments

if TYPE_CHECKING:
    from planwatch.figures.reporting import Figure, YearValue


class _YearMoments(NamedTuple):
    """A year's stored figures at each publication point, and the same as moments (``None``
    where a figure is not a whole number)."""

    stored: list[dict[StoredKey, Decimal]]
    moments: list[Moment | None]


_PatternKey = tuple[tuple[Moment, ...], str, int]
_SOLVED: OrderedDict[_PatternKey, Patterns] = OrderedDict()  # most recently used last
_SOLVED_MAX: Final = 4096
_SOLVED_GUARD = threading.Lock()


def patterns(
    connection: repository.Connection | None,
    moments: tuple[Moment, ...],
    aggregation: str,
    threshold: int,
) -> Patterns:
    """A year's patterns at each of its distinct publication points: kept in this process
    (across requests), else kept in the database (``connection``; checked before it is used,
    :func:`planwatch.domain.pattern_codec.holds`), else solved."""
    key = (moments, aggregation, threshold)
    with _SOLVED_GUARD:
        found = _SOLVED.get(key)
        if found is not None:
            _SOLVED.move_to_end(key)
            return found
    found = None if connection is None else _kept(connection, moments, aggregation, threshold)
    if found is None:
        found = tuple(disclosure_tables.patterns(moments, aggregation, threshold))
    with _SOLVED_GUARD:
        _SOLVED[key] = found
        while len(_SOLVED) > _SOLVED_MAX:
            _SOLVED.popitem(last=False)
    return found


def forget_patterns() -> None:
    """Forget the patterns this process keeps (what a new process starts without)."""
    with _SOLVED_GUARD:
        _SOLVED.clear()


def _kept(
    connection: repository.Connection,
    moments: tuple[Moment, ...],
    aggregation: str,
    threshold: int,
) -> Patterns | None:
    inputs = pattern_codec.inputs(moments, aggregation, threshold)
    text = pattern_store.read(connection, pattern_codec.digest(inputs))
    found = None if text is None else pattern_codec.decode(text)
    if found is None or not pattern_codec.holds(found, moments, aggregation, threshold):
        return None
    return found


def _fallback(values: dict[StoredKey, Decimal], threshold: int) -> dict[CellKey, Suppression]:
    """Figures that are not whole numbers: every breakdown cell of a year with a small one."""
    if not any(is_small(v, threshold) for k, v in values.items() if set(k[1:]) != {"all"}):
        return {}
    pattern: dict[CellKey, Suppression] = {}
    for (quarter, sex, age_group, exploitation), value in values.items():
        if {sex, age_group, exploitation} == {"all"}:
            continue
        kind = Suppression.SMALL if is_small(value, threshold) else Suppression.HIDDEN
        pattern[
            ("year" if quarter is None else "quarter", quarter, sex, age_group, exploitation)
        ] = kind
        if quarter is not None:
            pattern[("quarters", None, sex, age_group, exploitation)] = Suppression.HIDDEN
    return pattern


class SmallCounts:
    """Which breakdown counts of persons a view may not see exactly, within one request.

    Patterns are computed once per indicator and year (and kept across requests, and in the
    database, by the values they rest on: :func:`patterns`). Use it only while the connection
    it was given is open.
    """

    def __init__(
        self, connection: repository.Connection, view: View, as_of: dt.datetime | None
    ) -> None:
        self._connection = connection
        self._view = view
        self._as_of = as_of
        self._units: dict[str, str] | None = None
        self._stored: dict[str, list[dict[int, dict[StoredKey, Decimal]]]] = {}
        self._aggregation: dict[str, str] = {}
        self._years: dict[tuple[str, int], list[dict[CellKey, Suppression]]] = {}
        self._small_years: dict[str, frozenset[int]] = {}
        self._moments: dict[tuple[str, int], _YearMoments] = {}
        self._holds_total: dict[tuple[str, int], bool] = {}

    @property
    def view(self) -> View:
        return self._view

    @property
    def as_of(self) -> dt.datetime | None:
        """The moment (UTC, naive; None = now) the figures are read as of."""
        return self._as_of

    def applies(self, indicator_code: str, breakdown: Breakdown) -> bool:
        """Whether the small-count rule applies to this figure (a breakdown of persons)."""
        if self._view.exact_small_counts or breakdown.is_total:
            return False
        return suppression.applies(self._view, self._unit(indicator_code), breakdown)

    def _may_hide(self, indicator_code: str, breakdown: Breakdown) -> bool:
        """Whether the figure can be in a pattern: a breakdown the rule applies to, or a total
        of persons (withheld only as a last resort, see
        :mod:`planwatch.domain.disclosure_tables`)."""
        if not breakdown.is_total:
            return self.applies(indicator_code, breakdown)
        if self._view.exact_small_counts:
            return False
        return self._unit(indicator_code) in PERSON_UNITS

    def _unit(self, indicator_code: str) -> str:
        if self._units is None:
            self._units = repository.indicator_units(self._connection)
        return self._units.get(indicator_code, "")

    def decide(
        self, indicator_code: str, period: Period, breakdown: Breakdown, value: Decimal | None
    ) -> Suppressed | None:
        """How a stored value of this figure is shown in this view: ``None`` = as it is."""
        kind = "year" if period.quarter is None else "quarter"
        return self._decide(indicator_code, period, breakdown, value, kind)

    def ever_suppressed(self, indicator_code: str, period: Period, breakdown: Breakdown) -> bool:
        """Whether this figure was suppressed at any publication point up to the view's moment
        (its history then shows none of its versions' values)."""
        if not self._may_hide(indicator_code, breakdown) or (
            breakdown.is_total and not self._may_hold_total(indicator_code, period.year)
        ):
            return False
        key = self._key("year" if period.quarter is None else "quarter", period, breakdown)
        return any(key in p for p in self._year(indicator_code, period.year))

    def ever_withheld(self, indicator_code: str, period: Period, breakdown: Breakdown) -> bool:
        """Whether this figure was withheld at any publication point up to the view's moment
        (its history then shows every version as withheld)."""
        if not self._may_hide(indicator_code, breakdown) or (
            breakdown.is_total and not self._may_hold_total(indicator_code, period.year)
        ):
            return False
        key = self._key("year" if period.quarter is None else "quarter", period, breakdown)
        withheld = Suppression.WITHHELD
        return any(p.get(key) is withheld for p in self._year(indicator_code, period.year))

    def total_withheld(self, indicator_code: str, period: Period) -> bool:
        """Whether the total of a quarter, or of a year (reported, or built from its quarters),
        is withheld in this view (a correction's last resort)."""
        kinds = ("quarter",) if period.quarter is not None else ("year", "quarters")
        return any(
            self._decide(indicator_code, period, TOTAL, None, kind) is not None for kind in kinds
        )

    def year_value(self, value: YearValue, breakdown: Breakdown) -> YearValue:
        """``value`` as this view may see it. The year built from quarters and the quarters go
        along only when the view may see them (a year-to-date comparison must not reveal a
        quarter)."""
        period = Period(value.year)
        kind = "year" if value.basis == "reported" else "quarters"
        shown = self._decide(value.indicator, period, breakdown, value.value, kind)
        if shown is None:
            if value.quarters_value is not None and self._decide(
                value.indicator, period, breakdown, value.quarters_value, "quarters"
            ):
                value = replace(value, quarters_value=None, by_quarter=())
            if value.by_quarter and any(
                self.decide(value.indicator, Period(value.year, q), breakdown, v) is not None
                for q, v in value.by_quarter
            ):
                return replace(value, by_quarter=())
            return value
        return replace(
            value,
            value=None,
            quarters_value=None,
            correction_reason=None,
            suppressed=shown,
            by_quarter=(),
        )

    def figure(self, figure: Figure) -> Figure:
        """``figure`` as this view may see it."""
        shown = self.decide(figure.indicator, figure.period, figure.breakdown, figure.value)
        if shown is None:
            return figure
        return replace(figure, value=None, note=None, reason=None, suppressed=shown)

    def _decide(
        self,
        indicator_code: str,
        period: Period,
        breakdown: Breakdown,
        value: Decimal | None,
        kind: str,
    ) -> Suppressed | None:
        if not self._may_hide(indicator_code, breakdown):
            return None
        if breakdown.is_total and not self._may_hold_total(indicator_code, period.year):
            return None
        threshold = self._view.small_count_threshold
        patterns = self._year(indicator_code, period.year)
        found = patterns[-1].get(self._key(kind, period, breakdown)) if patterns else None
        if found is None and not breakdown.is_total and is_small(value, threshold):
            found = Suppression.SMALL  # another source's small count of a cell shown
        return None if found is None else Suppressed(found, threshold)

    def _may_hold_total(self, indicator_code: str, year: int) -> bool:
        """Whether the year's pattern can hold a total: only where a breakdown cell was ever a
        small count (one cheap query per indicator, before reading every publication point) and
        a total is new or changed at a later point (the figures at each point, without solving:
        a total of a year published once never loads the solver)."""
        if year not in self._years_with_small_parts(indicator_code):
            return False
        key = (indicator_code, year)
        if key not in self._holds_total:
            moments = self._year_moments(indicator_code, year).moments
            whole = [m for m in moments if m is not None]
            self._holds_total[key] = len(whole) == len(moments) and (
                disclosure_tables.totals_change(whole)
            )
        return self._holds_total[key]

    def _years_with_small_parts(self, indicator_code: str) -> frozenset[int]:
        """The years in which any version of a breakdown figure is a small count: only there
        can a pattern hold anything (one cheap query per indicator)."""
        if indicator_code not in self._small_years:
            self._small_years[indicator_code] = disclosure_sql.years_with_small_parts(
                self._connection,
                indicator=indicator_code,
                threshold=self._view.small_count_threshold,
            )
        return self._small_years[indicator_code]

    @staticmethod
    def _key(kind: str, period: Period, breakdown: Breakdown) -> CellKey:
        quarter = period.quarter if kind == "quarter" else None
        return (kind, quarter, breakdown.sex, breakdown.age_group, breakdown.exploitation)

    def _year(self, indicator_code: str, year: int) -> list[dict[CellKey, Suppression]]:
        """The year's pattern at each publication point up to the view's moment (the last one
        is what the view shows)."""
        key = (indicator_code, year)
        if key not in self._years:
            threshold = self._view.small_count_threshold
            result: list[dict[CellKey, Suppression]] = []
            # a year with no small count at any point has nothing to hide
            if year in self._years_with_small_parts(indicator_code):
                stored, moments = self._year_moments(indicator_code, year)
                solved_from = self.solver_input(indicator_code, year)
                if solved_from is not None:
                    result = list(patterns(self._connection, *solved_from, threshold))
                elif moments:  # a figure that is not a whole number
                    result = [_fallback(stored[-1], threshold)]
            self._years[key] = result
        return self._years[key]

    def solver_input(self, indicator_code: str, year: int) -> tuple[tuple[Moment, ...], str] | None:
        """What the year's patterns are solved from: its distinct figures at the publication
        points up to the view's moment, and the indicator's aggregation; ``None`` where nothing
        is solved (no figures, or one that is not a whole number)."""
        moments = self._year_moments(indicator_code, year).moments
        if not moments or any(m is None for m in moments):
            return None
        whole = [m for m in moments if m is not None]
        distinct = tuple(m for i, m in enumerate(whole) if not i or m != whole[i - 1])
        return distinct, self._aggregation[indicator_code]

    def _year_moments(self, indicator_code: str, year: int) -> _YearMoments:
        """The year's stored figures at each publication point, and each as a moment, made
        once per indicator and year (a year that did not change between two points is one
        dict, made into a moment once)."""
        key = (indicator_code, year)
        if key not in self._moments:
            stored = [s[year] for s in self._stored_by_point(indicator_code) if year in s]
            made: dict[int, Moment | None] = {}
            for values in stored:
                if id(values) not in made:
                    made[id(values)] = disclosure_tables.as_moment(values)
            self._moments[key] = _YearMoments(stored, [made[id(values)] for values in stored])
        return self._moments[key]

    def _stored_by_point(self, indicator_code: str) -> list[dict[int, dict[StoredKey, Decimal]]]:
        """The indicator's stored figures per year, at each publication point: what
        ``disclosure_sql.indicator_cells`` reads as of each point, from one read of every
        version (:func:`stored_at_points`)."""
        if indicator_code not in self._stored:
            points = [
                point
                for point in publication_moments(
                    self._connection, self._view.visibility, indicator_code
                )
                if self._as_of is None or point <= self._as_of
            ]
            versions = (
                disclosure_sql.indicator_versions(
                    self._connection, indicator=indicator_code, view=self._view
                )
                if points
                else []
            )
            found = stored_at_points(versions, points)
            if any(found):
                self._aggregation[indicator_code] = disclosure_sql.indicator_aggregation(
                    self._connection, indicator=indicator_code
                )
            self._stored[indicator_code] = found
        return self._stored[indicator_code]


_Cell = tuple[int, int | None, str, str, str, str]  # year, quarter, breakdown, source


def _stored_order(key: StoredKey) -> tuple[int, str, str, str]:
    """``indicator_cells``' order: the year (no quarter) first, then quarter and breakdown."""
    quarter, sex, age_group, exploitation = key
    return (quarter or 0, sex, age_group, exploitation)


def stored_at_points(
    versions: list[disclosure_sql.VersionSpan], points: list[dt.datetime]
) -> list[dict[int, dict[StoredKey, Decimal]]]:
    """The stored figures per year at each of ``points`` (ascending), as
    ``observations_as_of(point, visibility)`` filtered to preferred, not withdrawn figures gives
    them, from ``versions`` (``disclosure_sql.indicator_versions``: each with the span in which
    the view counts it). A sweep over the points: per figure and source the latest version
    counted (``recorded_at``, then ``version_id``) is the one shown. Years that did not change
    between two points share one dict (treat them as read-only)."""
    ends = sorted(((v[9], v) for v in versions if v[9] is not None), key=lambda until: until[0])
    counted: dict[_Cell, list[disclosure_sql.VersionSpan]] = {}
    latest: dict[_Cell, disclosure_sql.VersionSpan] = {}
    shown: dict[int, dict[StoredKey, dict[str, Decimal]]] = {}
    years: dict[int, dict[StoredKey, Decimal]] = {}
    found: list[dict[int, dict[StoredKey, Decimal]]] = []
    begin = end = 0
    for point in points:
        touched: set[_Cell] = set()
        while begin < len(versions) and versions[begin][8] <= point:
            version = versions[begin]
            cell = version[:6]
            counted.setdefault(cell, []).append(version)
            current = latest.get(cell)
            if current is None or (version[7], version[6]) > (current[7], current[6]):
                latest[cell] = version
                touched.add(cell)
            begin += 1
        while end < len(ends) and ends[end][0] <= point:  # a return withdraws a submission
            gone = ends[end][1]
            cell = gone[:6]
            counted[cell].remove(gone)
            if latest.get(cell) is gone:
                if counted[cell]:
                    latest[cell] = max(counted[cell], key=lambda v: (v[7], v[6]))
                else:
                    del latest[cell]
                touched.add(cell)
            end += 1
        for cell in touched:
            year, quarter, sex, age_group, exploitation, source = cell
            key: StoredKey = (quarter, sex, age_group, exploitation)
            by_source = shown.setdefault(year, {}).setdefault(key, {})
            before = _one(by_source)
            last = latest.get(cell)
            if last is not None and last[10] is not None:
                by_source[source] = plain(last[10])
            else:
                by_source.pop(source, None)
            value = _one(by_source)
            if value == before:
                continue
            cells = dict(years.get(year, {}))  # the earlier points keep theirs
            if value is None:
                del cells[key]
            elif key in cells:
                cells[key] = value
            else:
                cells[key] = value
                cells = dict(sorted(cells.items(), key=lambda item: _stored_order(item[0])))
            if cells:
                years[year] = cells
            else:
                del years[year]
        found.append({year: years[year] for year in sorted(years)})
    return found


def _one(by_source: dict[str, Decimal]) -> Decimal | None:
    """The figure's value: its preferred source's (should two be preferred, one of them)."""
    if not by_source:
        return None
    return by_source[max(by_source)] if len(by_source) > 1 else next(iter(by_source.values()))
