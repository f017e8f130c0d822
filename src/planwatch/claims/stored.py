"""The stored figures a check reads: indicators, sources, yearly series and plans, read through
:mod:`planwatch.figures.reporting` in the caller's view as of a moment, each once per text; and
a stored figure as the report shows it (:class:`~planwatch.claims.report.StoredFigure`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from planwatch.claims.breakdowns import breakdown_label, breakdown_text
from planwatch.claims.outcomes import figure_text
from planwatch.claims.report import SourceInfo, StoredFigure
from planwatch.domain.permissions import View
from planwatch.domain.plans import Plan
from planwatch.domain.sources import Source, SourceKind
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.figures import reporting
from planwatch.formatting import Language
from planwatch.storage import Store


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
        self.indicators = {i.code: i for i in reporting.indicators(store)}
        self.sources = {s.source_id: s for s in reporting.sources(store)}
        self._series: dict[tuple[str, Breakdown], dict[int, reporting.YearValue]] = {}
        self._plans: list[Plan] | None = None

    def series(self, code: str, breakdown: Breakdown = TOTAL) -> dict[int, reporting.YearValue]:
        key = (code, breakdown)
        if key not in self._series:
            values = reporting.year_series(
                self.store, code, breakdown, as_of=self.as_of, view=self.view
            )
            self._series[key] = {v.year: v for v in values}
        return self._series[key]

    def values(self, code: str) -> dict[int, Decimal]:
        """The total's yearly values the view shows (suppressed ones left out)."""
        return {y: v.value for y, v in self.series(code).items() if v.value is not None}

    def plans(self) -> list[Plan]:
        if self._plans is None:
            self._plans = reporting.plans(self.store)
        return self._plans

    def source_infos(self, source_ids: Iterable[str]) -> tuple[SourceInfo, ...]:
        infos = []
        for source_id in dict.fromkeys(source_ids):
            source = self.sources.get(source_id)
            infos.append(_source_info(source_id, source))
        return tuple(infos)

    def stored(self, code: str, value: reporting.YearValue, breakdown: Breakdown) -> StoredFigure:
        if value.value is not None:
            shown = figure_text(value.value, self.language)
        else:
            shown = value.suppressed.label(self.language) if value.suppressed else ""
        return StoredFigure(
            code,
            value.year,
            value.value,
            shown,
            self.source_infos(value.source_ids),
            breakdown_label(breakdown),
            submitted=value.submitted,
        )

    def name(self, code: str) -> str:
        return self.indicators[code].name(self.language)

    def what(self, code: str, year: int, breakdown: Breakdown = TOTAL) -> tuple[str, str]:
        """``Vurderede ofre for menneskehandel i 2023 (Kvinder)`` in both languages."""
        indicator = self.indicators[code]
        da, en = breakdown_text(breakdown, "da"), breakdown_text(breakdown, "en")
        return (
            f"{indicator.name_da} i {year}{f' ({da})' if da else ''}",
            f"{indicator.name_en} in {year}{f' ({en})' if en else ''}",
        )


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
