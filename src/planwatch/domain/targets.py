"""Where an indicator stands against its target under a plan: which target is the next one, and
whether the latest complete year meets it, by how much it falls short or goes over.

A target has a direction (:class:`TargetDirection`): *at least* is met at or above its value,
*at most* at or below it, *about* within :data:`ABOUT_TOLERANCE` of it (either way). A target
with no direction (one recorded before directions were kept) is shown, never judged. A target
for no year is for the plan's end (its last year). Pure: no storage.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from planwatch.domain.indicators import Target, TargetDirection, TargetKind
from planwatch.domain.plans import Plan

ABOUT_TOLERANCE: Final = Decimal("0.05")
"""An *about* target is met within 5 % of its value, above or below."""


@dataclass(frozen=True, slots=True)
class Standing:
    """A target, the year it is for, and the latest complete year's value beside it."""

    target: Target
    year: int
    """The target's year; the plan's last year for a target for the plan's end."""
    latest_year: int | None
    latest: Decimal | None
    met: bool | None
    """Whether ``latest`` meets the target; None when there is no value or no direction."""
    gap: Decimal | None
    """``latest`` minus the target's value (negative: below it); None without a value."""

    @property
    def for_plan_end(self) -> bool:
        return self.target.year is None


def target_year(target: Target, plan: Plan) -> int:
    return plan.end_date.year if target.year is None else target.year


def next_target(targets: Sequence[Target], plan: Plan, year: int | None) -> Target | None:
    """The plan's target an official looks at after ``year`` (the latest complete year): the
    first one for ``year`` or later, else the plan's last; None when the plan sets none."""
    own = [t for t in targets if t.plan_id == plan.plan_id and t.kind is TargetKind.TARGET]
    if not own:
        return None
    ordered = sorted(own, key=lambda t: (target_year(t, plan), t.year is None))
    ahead = [t for t in ordered if year is None or target_year(t, plan) >= year]
    return (ahead or ordered)[-1 if not ahead else 0]


def meets(direction: TargetDirection | None, value: Decimal, target: Decimal) -> bool | None:
    """Whether ``value`` meets a target of ``target`` in ``direction``."""
    if direction is TargetDirection.AT_LEAST:
        return value >= target
    if direction is TargetDirection.AT_MOST:
        return value <= target
    if direction is TargetDirection.ABOUT:
        return abs(value - target) <= abs(target) * ABOUT_TOLERANCE
    return None


def standing(
    target: Target, plan: Plan, latest_year: int | None, latest: Decimal | None
) -> Standing:
    """``target`` against the latest complete year's value (``latest``, of ``latest_year``)."""
    if latest is None:
        return Standing(target, target_year(target, plan), latest_year, None, None, None)
    return Standing(
        target,
        target_year(target, plan),
        latest_year,
        latest,
        meets(target.direction, latest, target.value),
        latest - target.value,
    )
