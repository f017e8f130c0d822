"""Time as planwatch stores it (UTC, without tzinfo) and as its users read it (Danish time).

Every conversion between the two is here: :func:`to_local` for showing a stored moment,
:func:`local_moment`, :func:`local_day_start` and :func:`local_day_end` for turning what a user
chose in Danish time into the stored moment the services take, and :func:`parse_moment` for a
moment typed on the command line (Danish time too, unless it carries an offset).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
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


def parse_moment(text: str, *, date_means: Literal["end", "start"] = "end") -> dt.datetime:
    """A moment a user typed (ISO 8601), as stored (naive UTC). Users think in Danish time:

    * a date (``2025-03-31``) means the end of that **Danish** day (``date_means="start"``: its
      first moment, for the start of a range), as the app's date pickers do;
    * a timestamp without an offset (``2025-03-31T12:00``) is **Danish** wall-clock time; on the
      night the clocks go back, an hour that happens twice means its first occurrence (summer
      time), and a time the clocks skip in spring counts on from standard time (02:30 is 03:30);
    * an explicit offset or ``Z`` (``2025-03-31T10:00Z``, ``...+02:00``) is honoured.
    """
    cleaned = text.strip()
    try:
        day = dt.date.fromisoformat(cleaned)
    except ValueError:
        pass
    else:
        return local_day_start(day) if date_means == "start" else local_day_end(day)
    try:
        moment = dt.datetime.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(
            f"{text!r} is not a date (2025-03-31) or a timestamp (2025-03-31T12:00)"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=DENMARK)
    return to_utc_naive(moment)


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
