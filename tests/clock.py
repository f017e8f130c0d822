"""The tests' clock: every moment a test needs is relative to when its database was built.

The test databases are copies of one built at the start of the run (``demo_db_template`` in
``tests/conftest.py``), at the real time. A moment that must come "after the demo database was
built" is therefore never a date on the calendar (a fixed 2030-01-01 stops being after it in
2030) but :func:`later`: so long after :func:`built_at` that everything a run does at the real
time (users, sign-ins, approvals without a given time) comes before it. ``make test-future``
runs the tests with the clock moved years ahead to prove it.

* :func:`built_at` - the latest moment recorded in the demo database (UTC, naive, as stored).
* :func:`later` - a moment ``days``/``hours``/``minutes``/``seconds`` after it; with ``at``,
  that time of day on the day ``days`` after the day it was built (``days >= 1``), for tests
  that print a round time.
* :func:`from_now` - the same from the current moment, for the few tests that build a
  database of their own rather than copy the demo one.
* :func:`future_year` - a calendar year after the one the database was built in, for tests of
  figures for a year that has not begun (or not ended) yet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planwatch.domain.clock import utc_now
from planwatch.storage import Store

_built: dict[str, dt.datetime] = {}

# Every column that records when something happened, by table.
_MOMENTS = {
    "change_sets": "recorded_at",
    "audit_log": "recorded_at",
    "uploads": "uploaded_at",
    "users": "created_at",
    "reviews": "reviewed_at",
}


def latest_moment(path: Path) -> dt.datetime:
    """The latest moment recorded in the database at ``path``."""
    with Store(path).connect(read_only=True) as connection:
        tables = {
            row[0]
            for row in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        moments = [
            connection.execute(f"SELECT max({column}) FROM {table}").fetchall()[0][0]
            for table, column in _MOMENTS.items()
            if table in tables
        ]
    found = [m for m in moments if m is not None]
    assert found, f"{path} records no moment at all"
    return max(found)


def mark_built(path: Path) -> dt.datetime:
    """Called by the fixture that built a test database: remember the latest moment in it."""
    moment = latest_moment(path)
    if "demo" not in _built or moment > _built["demo"]:
        _built["demo"] = moment
    return _built["demo"]


def built_at() -> dt.datetime:
    """When the demo database the tests copy was built (the latest moment recorded in it)."""
    if "demo" not in _built:
        raise RuntimeError(
            "No test database has been built yet: a test that calls tests.clock.later() or "
            "built_at() asks for demo_store, users_store or demo_db_template first."
        )
    return _built["demo"]


def _shift(
    start: dt.datetime, days: int, hours: float, minutes: float, seconds: float, at: dt.time | None
) -> dt.datetime:
    if at is None:
        moment = start + dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
        assert moment > start, "a moment after the database was built"
        return moment
    if days < 1 or hours or minutes or seconds:
        raise ValueError("with at=, give days >= 1 only (the time of day is at)")
    return dt.datetime.combine(start.date() + dt.timedelta(days=days), at)


def later(
    *,
    days: int = 0,
    hours: float = 0,
    minutes: float = 0,
    seconds: float = 0,
    at: dt.time | None = None,
) -> dt.datetime:
    """A moment after the demo database was built. Whatever a test does at the real time comes
    before ``later(days=1)`` (a run takes minutes, not days)."""
    return _shift(built_at(), days, hours, minutes, seconds, at)


def from_now(
    *,
    days: int = 0,
    hours: float = 0,
    minutes: float = 0,
    seconds: float = 0,
    at: dt.time | None = None,
) -> dt.datetime:
    """A moment after now (UTC, naive), for a test that builds its own database now."""
    return _shift(utc_now(), days, hours, minutes, seconds, at)


def future_year(years_ahead: int = 1) -> int:
    """A calendar year that began after the demo database was built."""
    assert years_ahead >= 1
    return built_at().year + years_ahead
