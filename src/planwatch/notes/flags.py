"""The figures a point of a speaking note rests on: what its flags are (preliminary and why,
suppressed, illustrative, revised) and which sources it names. The rules: ``docs/notes.md``.

Whether a year is complete is :mod:`planwatch.domain.coverage`'s rule, read from the value
(:attr:`~planwatch.figures.reporting.YearValue.covers`), never decided here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from planwatch.domain.coverage import Coverage
from planwatch.domain.periods import Period
from planwatch.domain.sources import Source, SourceKind
from planwatch.figures import reporting
from planwatch.notes.note import Flags, PreliminaryReason, SourceInfo


@dataclass(frozen=True, slots=True)
class UsedFigure:
    """One figure a bullet rests on: what the flags and the source line need.

    ``partial``: what a partial year the bullet states as its year covers (the text says the
    year is not complete); ``None`` for a complete year, a quarter, and for the same quarters
    of the year before that a partial year is compared with.
    """

    period: Period
    source_ids: tuple[str, ...]
    illustrative: bool = False
    submitted: bool = False
    revised: bool = False
    partial: Coverage | None = None
    suppressed: bool = False

    @property
    def incomplete(self) -> bool:
        return self.partial is not None


def flags_for(used: Sequence[UsedFigure], day: dt.date) -> Flags:
    """Preliminary (submitted, a year that is not complete, a year not ended on ``day``),
    suppressed, illustrative and revised, from the figures a bullet rests on."""
    reasons: list[PreliminaryReason] = []
    if any(u.submitted for u in used):
        reasons.append("submitted")
    if any(u.incomplete for u in used):
        reasons.append("incomplete-year")
    if unfinished_years(used, day):
        reasons.append("period-not-ended")
    return Flags(
        preliminary=bool(reasons),
        suppressed=any(u.suppressed for u in used),
        illustrative=any(u.illustrative for u in used),
        revised=any(u.revised for u in used),
        preliminary_reasons=tuple(reasons),
    )


def unfinished_years(used: Sequence[UsedFigure], day: dt.date) -> list[int]:
    """The years of the figures used that had not ended on ``day``."""
    return sorted({u.period.year for u in used if not Period(u.period.year).has_ended(day)})


def partial_years(used: Sequence[UsedFigure]) -> list[Coverage]:
    """What the partial years among the figures used cover, once each, by year."""
    return sorted({u.partial for u in used if u.partial is not None})


def revised_periods(used: Sequence[UsedFigure]) -> list[Period]:
    """The periods of the figures used that replaced an earlier, different value."""
    return sorted({u.period for u in used if u.revised})


def source_infos(ids: Iterable[str], catalogue: Mapping[str, Source]) -> tuple[SourceInfo, ...]:
    """The sources named, once each, in order; an unknown id names itself."""
    seen: dict[str, SourceInfo] = {}
    for source_id in ids:
        if source_id in seen:
            continue
        source = catalogue.get(source_id)
        seen[source_id] = (
            SourceInfo(source.source_id, source.title, source.publisher, source.kind)
            if source is not None
            else SourceInfo(source_id, source_id, "", SourceKind.SECONDARY)
        )
    return tuple(seen.values())


def used_year(value: reporting.YearValue, *, baseline: bool = False) -> UsedFigure:
    """A year's value as a figure used. ``baseline``: only the span it is compared with is
    used (the same quarters as the year it is compared with), so it is not said to be partial."""
    return UsedFigure(
        period=Period(value.year),
        source_ids=value.source_ids,
        illustrative=value.is_illustrative,
        submitted=value.submitted,
        revised=value.corrected,
        partial=None if baseline or value.complete else value.covers,
        suppressed=value.suppressed is not None,
    )


def used_quarter(value: reporting.QuarterValue) -> UsedFigure:
    """A quarter's value as a figure used."""
    return UsedFigure(
        period=value.period,
        source_ids=(value.source_id,),
        illustrative=value.is_illustrative,
        submitted=value.submitted,
        revised=value.corrected,
        suppressed=value.suppressed is not None,
    )
