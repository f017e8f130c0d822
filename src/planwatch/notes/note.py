"""A speaking note as data: the note, its bullets, their flags and sources, and the numbers
each bullet states (:func:`from_core`, :func:`compare`, :func:`multiple`), so that a test or a
claim checker can compare text and figures. How a note is written: ``docs/notes.md``.

What a year's value may be compared with (the same span a year earlier), its change and "the
highest since" come from :mod:`planwatch.figures.comparisons`, the one rule every reader uses;
:func:`from_core` only adds how the change is said (doubled, halved).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from planwatch.domain.coverage import Coverage
from planwatch.domain.periods import Period
from planwatch.domain.plans import Plan
from planwatch.domain.series import Extreme
from planwatch.domain.sources import SourceKind
from planwatch.domain.vocab import Breakdown
from planwatch.figures import comparisons
from planwatch.formatting import percent_change, round_half_up

BulletKind = Literal["budget", "indicator", "trend", "breakdown", "quarter", "target", "result"]
PreliminaryReason = Literal["submitted", "incomplete-year", "period-not-ended"]


class Multiple(StrEnum):
    """How a new value relates to an old one by a factor of two, when it does."""

    MORE_THAN_DOUBLED = "more-than-doubled"
    DOUBLED = "doubled"
    HALVED = "halved"
    MORE_THAN_HALVED = "more-than-halved"


@dataclass(frozen=True, slots=True)
class SourceInfo:
    source_id: str
    title: str
    publisher: str
    kind: SourceKind

    @property
    def is_illustrative(self) -> bool:
        return self.kind is SourceKind.ILLUSTRATIVE


@dataclass(frozen=True, slots=True)
class Flags:
    """What a reader of the bullet must know about the figures it states."""

    preliminary: bool = False
    suppressed: bool = False
    illustrative: bool = False
    revised: bool = False
    preliminary_reasons: tuple[PreliminaryReason, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """A value against an earlier one, as the text states them.

    ``value``/``previous`` are ``None`` when missing or suppressed. ``percent`` is exact;
    ``percent_rounded`` (one decimal, half up, without sign) is what the text says.
    ``highest``/``lowest`` follow the dashboard's 'since' rule (complete years only).

    ``covers``/``previous_covers`` say what a year's value covers: the whole year, or the
    quarters of a partial year (:class:`~planwatch.domain.coverage.Coverage`); ``None`` for a
    quarter's own figure and for a value not stated. A change, a per cent, a doubling or
    halving and "the highest since" are only ever given between comparable spans.
    """

    period: Period
    value: Decimal | None
    previous_period: Period | None = None
    previous: Decimal | None = None
    change: Decimal | None = None
    percent: Decimal | None = None
    percent_rounded: Decimal | None = None
    multiple: Multiple | None = None
    highest: Extreme | None = None
    lowest: Extreme | None = None
    covers: Coverage | None = None
    previous_covers: Coverage | None = None


@dataclass(frozen=True, slots=True)
class Money:
    total_dkk: Decimal
    spent_dkk: Decimal | None
    share_spent_percent: Decimal | None  # one decimal, half up, as the text says


@dataclass(frozen=True, slots=True)
class Bullet:
    """One point of the note: its sentence(s), the line naming its sources, and the numbers."""

    kind: BulletKind
    indicator_code: str | None
    text: str
    source_text: str
    sources: tuple[SourceInfo, ...] = ()
    flags: Flags = field(default_factory=Flags)
    comparisons: tuple[Comparison, ...] = ()
    money: Money | None = None
    breakdown: Breakdown | None = None

    @property
    def numbers(self) -> Comparison | None:
        """The main comparison the bullet states, if any."""
        return self.comparisons[0] if self.comparisons else None


@dataclass(frozen=True, slots=True)
class TalkingPoints:
    """A drafted speaking note. ``as_of``: the moment the figures were read (UTC, naive)."""

    title: str
    plan: Plan
    period: Period
    language: str
    as_of: dt.datetime
    includes_submitted: bool
    bullets: tuple[Bullet, ...]

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def quarter(self) -> int | None:
        return self.period.quarter


# --- the numbers a bullet states -----------------------------------------------------------


def multiple(old: Decimal, new: Decimal) -> Multiple | None:
    """``MORE_THAN_DOUBLED`` only when new > 2 × old, ``DOUBLED`` when new = 2 × old,
    ``HALVED`` when new = old / 2, ``MORE_THAN_HALVED`` when new < old / 2; else ``None``.
    Nothing is said about a change from 0 or less."""
    if old <= 0:
        return None
    if new > 2 * old:
        return Multiple.MORE_THAN_DOUBLED
    if new == 2 * old:
        return Multiple.DOUBLED
    if 2 * new == old:
        return Multiple.HALVED
    if 2 * new < old:
        return Multiple.MORE_THAN_HALVED
    return None


def compare(
    period: Period,
    value: Decimal | None,
    previous_period: Period | None = None,
    previous: Decimal | None = None,
) -> Comparison:
    """The numbers of a comparison of two periods the caller knows are comparable (a quarter
    and the same quarter a year earlier; two complete years): change in units and per cent
    (exact and as said) and the doubling/halving. Never "the highest since": that is
    :func:`from_core`'s, over complete years only."""
    if value is None or previous is None:
        change = percent = None
        factor = None
    else:
        change = value - previous
        percent = percent_change(previous, value)
        factor = multiple(previous, value)
    return Comparison(
        period=period,
        value=value,
        previous_period=previous_period,
        previous=previous,
        change=change,
        percent=percent,
        percent_rounded=None if percent is None else round_half_up(abs(percent), 1),
        multiple=factor,
    )


def from_core(found: comparisons.Comparison) -> Comparison:
    """The numbers of a year's value against the same span a year earlier, as
    :func:`planwatch.figures.comparisons.compare` found them (the baseline, the change, the
    per cent, "the highest since"), with the doubling or halving the text says. Without a
    baseline (why: ``found.missing``) there is nothing to compare and nothing is."""
    current, base = found.current, found.baseline
    value = current.value
    previous = None if base is None else base.value
    percent = found.change_percent
    return Comparison(
        period=Period(current.year),
        value=value,
        previous_period=None if base is None else Period(base.coverage.year),
        previous=previous,
        change=found.change,
        percent=percent,
        percent_rounded=None if percent is None else round_half_up(abs(percent), 1),
        multiple=None if value is None or previous is None else multiple(previous, value),
        highest=found.highest,
        lowest=found.lowest,
        covers=current.covers,
        previous_covers=None if base is None else base.coverage,
    )
