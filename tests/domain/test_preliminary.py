"""Which figures are marked preliminary: awaiting approval, or revised within the last N days
(PLANWATCH_PRELIMINARY_DAYS) before the moment a page shows."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.domain.clock import DENMARK
from planwatch.domain.preliminary import is_preliminary

MOMENT = dt.datetime(2025, 6, 30, 12, 0)  # UTC, as stored


@pytest.mark.parametrize(
    ("submitted", "revised_at", "days", "expected"),
    [
        (True, None, 30, True),  # awaiting approval: always
        (True, None, 0, True),
        (False, None, 30, False),  # never revised
        (False, MOMENT - dt.timedelta(days=29, hours=23), 30, True),
        (False, MOMENT - dt.timedelta(days=30), 30, False),  # exactly N days ago: no longer
        (False, MOMENT - dt.timedelta(days=400), 30, False),
        (False, MOMENT - dt.timedelta(hours=1), 0, False),  # 0 days: revisions never count
        (False, MOMENT + dt.timedelta(days=1), 30, True),  # "now" before a test's revision
    ],
)
def test_submitted_or_revised_within_the_last_days(
    submitted: bool, revised_at: dt.datetime | None, days: int, expected: bool
) -> None:
    assert (
        is_preliminary(submitted=submitted, revised_at=revised_at, moment=MOMENT, days=days)
        is expected
    )


def test_aware_and_stored_moments_are_compared_in_utc() -> None:
    # 14:30 in Copenhagen on 30 June is 12:30 UTC: 30 days after 12:00 UTC on 31 May.
    local = dt.datetime(2025, 6, 30, 14, 30, tzinfo=DENMARK)
    revised = dt.datetime(2025, 5, 31, 12, 0)
    assert not is_preliminary(submitted=False, revised_at=revised, moment=local, days=30)
    earlier = local - dt.timedelta(hours=1)  # 11:30 UTC: 29 days 23.5 hours after
    assert is_preliminary(submitted=False, revised_at=revised, moment=earlier, days=30)
