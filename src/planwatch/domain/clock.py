"""Time as planwatch stores it (UTC, without tzinfo) and as its users read it (Danish time).

Every conversion between the two is here: :func:`to_local` for showing a stored moment,
:func:`local_moment`, :func:`local_day_start` and :func:`local_day_end` for turning what a user
chose in Danish time into the stored moment the services take.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

DENMARK = ZoneInfo("Europe/Copenhagen")


def utc_now() -> dt.datetime:
    """Now, in UTC, without tzinfo: how every timestamp is stored."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def to_utc_naive(moment: dt.datetime) -> dt.datetime:
    """A timestamp as stored: aware ones are converted to UTC; naive ones are taken as UTC."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def parse_moment(text: str) -> dt.datetime:
    """Parse an ISO 8601 date or timestamp given by a user. A date means the end of that day."""
    cleaned = text.strip()
    try:
        if len(cleaned) == 10:
            day = dt.date.fromisoformat(cleaned)
            return dt.datetime.combine(day, dt.time(23, 59, 59, 999999))
        return to_utc_naive(dt.datetime.fromisoformat(cleaned))
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date (2025-03-31) or a timestamp (2025-03-31T12:00)"
        ) from None


def today_in_denmark() -> dt.date:
    """The calendar date in Denmark, which decides whether a plan or a quarter has ended."""
    return dt.datetime.now(DENMARK).date()


def to_local(moment: dt.datetime) -> dt.datetime:
    """A stored moment (naive UTC; aware ones are converted) as an aware time in Denmark."""
    aware = moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment
    return aware.astimezone(DENMARK)


def local_moment(day: dt.date, time: dt.time) -> dt.datetime:
    """A Danish date and wall-clock time as the stored moment (naive UTC)."""
    return to_utc_naive(dt.datetime.combine(day, time, tzinfo=DENMARK))


def local_day_start(day: dt.date) -> dt.datetime:
    """The first moment of a Danish calendar day, as stored (naive UTC)."""
    return local_moment(day, dt.time.min)


def local_day_end(day: dt.date) -> dt.datetime:
    """The last moment of a Danish calendar day, as stored (naive UTC)."""
    return local_moment(day, dt.time.max)
