"""Correcting a stored figure: a new version with who, when and why; never an update."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from planwatch.access.audit import AuditAction, record
from planwatch.domain.clock import to_utc_naive, utc_now
from planwatch.domain.figures import FigureKey
from planwatch.domain.numbers import plain
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor, Permission, View, require
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.errors import NotFoundError, UsageError
from planwatch.storage import Store, migrations, repository

SUBMITTED_VIEW = View(include_submitted=True, exact_small_counts=True)


@dataclass(frozen=True, slots=True)
class CorrectionReceipt:
    change_set_id: int
    version_id: int
    old_value: Decimal
    new_value: Decimal
    recorded_at: dt.datetime


def parse_value(text: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise UsageError(f"{text!r} er ikke et tal.", f"{text!r} is not a number.") from None
    if not value.is_finite() or value < 0:
        raise UsageError(
            f"{text!r} skal være et tal på 0 eller derover.",
            f"{text!r} must be a number of 0 or more.",
        )
    return value


def correct_observation(
    store: Store,
    *,
    indicator: str,
    period: Period,
    source_id: str,
    new_value: Decimal,
    reason: str,
    actor: Actor | None,
    breakdown: Breakdown = TOTAL,
    now: dt.datetime | None = None,
) -> CorrectionReceipt:
    """Submit a corrected value for one source's figure. Like an upload, the correction is a
    submission: viewers keep seeing the approved value until an approver approves it. The old
    value stays readable as of any moment before the correction."""
    user = require(actor, Permission.UPLOAD)
    if not reason.strip():
        raise UsageError("En rettelse skal have en begrundelse.", "A correction needs a reason.")
    migrations.require_current(store)
    moment = to_utc_naive(now) if now else utc_now()
    with store.transaction() as connection:
        key = FigureKey(indicator, period, breakdown)
        current = [
            row
            for row in repository.current_figures(connection, key, as_of=None, view=SUBMITTED_VIEW)
            if row["source_id"] == source_id
        ]
        if not current:
            raise NotFoundError(
                f"Der er intet tal for {indicator} {period} fra kilden {source_id!r} at rette.",
                f"There is no figure for {indicator} {period} from source {source_id!r} to "
                "correct.",
            )
        old = current[0]
        if old["recorded_at"] > moment:
            raise UsageError(
                "En rettelse kan ikke dateres før det tal, den retter.",
                "A correction cannot be dated before the figure it corrects.",
            )
        old_value = plain(old["value"])
        if old_value == new_value:
            raise UsageError(
                f"Tallet er allerede {old_value}; intet at rette.",
                f"The figure is already {old_value}; nothing to correct.",
            )
        change_set = repository.insert_change_set(
            connection,
            kind="correction",
            recorded_at=moment,
            recorded_by=user.name,
            reason=reason.strip(),
            description=f"Correction of {indicator} {period} ({source_id})",
        )
        version = repository.insert_observation_version(
            connection,
            change_set,
            {
                "indicator_code": indicator,
                "year": period.year,
                "quarter": period.quarter,
                "sex": breakdown.sex,
                "age_group": breakdown.age_group,
                "exploitation": breakdown.exploitation,
                "source_id": source_id,
                "value": new_value,
                "is_preferred": old["is_preferred"],
                "note": old["note"],
            },
        )
        record(
            connection,
            actor=user.name,
            action=AuditAction.CORRECTION,
            subject=f"change-set:{change_set}",
            details={
                "indicator": indicator,
                "period": str(period),
                "breakdown": [breakdown.sex, breakdown.age_group, breakdown.exploitation],
                "source_id": source_id,
                "old_value": str(old_value),
                "new_value": str(plain(new_value)),
                "reason": reason.strip(),
            },
            origin=user.origin,
            at=moment,
        )
    return CorrectionReceipt(change_set, version, old_value, plain(new_value), moment)
