"""Which figures are marked preliminary ("foreløbige tal", as Statistics Denmark marks them): a
figure awaiting approval, or one revised within the last few days (``PLANWATCH_PRELIMINARY_DAYS``),
since a figure just revised may well be revised again.

One rule for every reader; the moment is the one the page describes (its "as of"), or now.
"""

from __future__ import annotations

import datetime as dt

from planwatch.domain.clock import to_utc_naive


def is_preliminary(
    *, submitted: bool, revised_at: dt.datetime | None, moment: dt.datetime, days: int
) -> bool:
    """Submitted (not approved), or revised less than ``days`` days before ``moment``.

    ``revised_at`` is when the figure replaced an earlier, different value (``None`` when it
    never did). ``days`` = 0: a revision never makes a figure preliminary. Moments are compared
    in UTC; naive ones are taken as UTC, as they are stored.
    """
    if submitted:
        return True
    if revised_at is None or days <= 0:
        return False
    return to_utc_naive(moment) - to_utc_naive(revised_at) < dt.timedelta(days=days)
