"""Moments on the command line are Danish time, as in the app (issue 14): a date means the end of
that Danish day (the moment the app's date picker gives, ``clock.local_day_end``), a time without
an offset is Danish wall-clock time, an explicit offset or ``Z`` is honoured; around midnight
and across the changes to and from summer time."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from click.testing import CliRunner, Result

from planwatch.access import accounts, audit
from planwatch.cli import main
from planwatch.cli.common import parse_as_of
from planwatch.domain import clock
from planwatch.domain.clock import local_day_end, local_day_start, parse_moment, to_local
from planwatch.domain.periods import Period
from planwatch.errors import UsageError
from planwatch.figures import corrections, reporting
from planwatch.storage import Store
from tests import clock as test_clock
from tests.actors import approve

UTC = dt.datetime  # the stored moments below are naive UTC


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        # a date: the end of that Danish day
        ("2026-01-15", UTC(2026, 1, 15, 22, 59, 59, 999999)),
        ("2026-07-15", UTC(2026, 7, 15, 21, 59, 59, 999999)),
        ("2025-12-31", UTC(2025, 12, 31, 22, 59, 59, 999999)),
        # a time without an offset: Danish wall-clock time, also around midnight
        ("2026-01-15T12:00", UTC(2026, 1, 15, 11, 0)),
        ("2026-01-15T00:30", UTC(2026, 1, 14, 23, 30)),
        ("2026-01-01T00:30", UTC(2025, 12, 31, 23, 30)),  # a new year in Denmark, not in UTC
        ("2025-12-31T23:59:59", UTC(2025, 12, 31, 22, 59, 59)),
        ("2026-07-15 00:30", UTC(2026, 7, 14, 22, 30)),
        # an explicit offset or Z is honoured
        ("2026-01-15T00:30Z", UTC(2026, 1, 15, 0, 30)),
        ("2026-01-15T00:30+00:00", UTC(2026, 1, 15, 0, 30)),
        ("2026-07-15T12:00+02:00", UTC(2026, 7, 15, 10, 0)),
        ("2026-07-15T12:00-05:00", UTC(2026, 7, 15, 17, 0)),
        # summer time begins 2026-03-29 at 02:00 (to 03:00)
        ("2026-03-28", UTC(2026, 3, 28, 22, 59, 59, 999999)),
        ("2026-03-29", UTC(2026, 3, 29, 21, 59, 59, 999999)),
        ("2026-03-29T01:59", UTC(2026, 3, 29, 0, 59)),
        ("2026-03-29T03:00", UTC(2026, 3, 29, 1, 0)),
        ("2026-03-29T02:30", UTC(2026, 3, 29, 1, 30)),  # skipped: counts on from standard time
        # summer time ends 2026-10-25 at 03:00 (back to 02:00): 02:30 happens twice
        ("2026-10-24", UTC(2026, 10, 24, 21, 59, 59, 999999)),
        ("2026-10-25", UTC(2026, 10, 25, 22, 59, 59, 999999)),
        ("2026-10-25T02:30", UTC(2026, 10, 25, 0, 30)),  # the first 02:30 (summer time)
        ("2026-10-25T02:30+01:00", UTC(2026, 10, 25, 1, 30)),  # the second, by its offset
        ("2026-10-25T03:00", UTC(2026, 10, 25, 2, 0)),
    ],
)
def test_a_typed_moment_is_danish_time_unless_it_carries_an_offset(
    typed: str, stored: dt.datetime
) -> None:
    assert parse_moment(typed) == stored
    assert parse_as_of(typed) == stored


def test_a_date_on_the_command_line_is_the_moment_the_apps_date_picker_gives() -> None:
    """The app's sidebar turns a chosen date into ``clock.local_day_end`` (ui/controls.py), its
    audit-log filter into ``local_day_start``/``local_day_end`` and the export page a date and
    time into ``clock.local_moment``: the command line gives the same moments, every day of a
    year with both changes of the clocks."""
    from planwatch.ui import controls
    from planwatch.ui.app_pages import audit_log, export

    assert controls.local_day_end is clock.local_day_end
    assert audit_log.local_day_start is clock.local_day_start
    assert audit_log.local_day_end is clock.local_day_end
    day = dt.date(2026, 1, 1)
    while day.year == 2026:
        assert parse_as_of(day.isoformat()) == local_day_end(day)
        assert parse_as_of(day.isoformat(), date_means="start") == local_day_start(day)
        for time in (dt.time(0, 30), dt.time(12, 0), dt.time(23, 30)):
            typed = f"{day.isoformat()}T{time:%H:%M}"
            assert parse_as_of(typed) == export.chosen_moment(day, time)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("typed", ["yesterday", "2026-13-01", "31-03-2026", "2026-03-31T25:00"])
def test_what_is_not_a_moment_is_refused_in_both_languages(typed: str) -> None:
    with pytest.raises(UsageError) as refused:
        parse_as_of(typed)
    assert "hverken en dato" in refused.value.message("da")
    assert "is not a date" in refused.value.message("en")


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _shown(store: Store, as_of: str) -> int:
    result = _run(
        "--json",
        "--user",
        "viewer1",
        "figure",
        "victims_assessed",
        "2023",
        "--as-of",
        as_of,
        "--db",
        str(store.path),
    )
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["value"])


def test_a_correction_just_before_midnight_utc_is_the_next_danish_day(users_store: Store) -> None:
    """Corrected and approved at 23:30 and 23:40 UTC: in Denmark already the next day. As of
    that (UTC) date, typed in Danish time, the figure is still the old one; the old rule (a
    date is a UTC day) would have shown the new one."""
    corrected_at = test_clock.later(days=2, at=dt.time(23, 30))
    receipt = corrections.correct_observation(
        users_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(113),
        reason="late assessment",
        actor=accounts.actor_for(users_store, "uploader1"),
        now=corrected_at,
    )
    approve(users_store, receipt.change_set_id, now=corrected_at + dt.timedelta(minutes=10))
    day = corrected_at.date()  # the UTC date; in Denmark the correction is on the day after
    assert to_local(corrected_at).date() == day + dt.timedelta(days=1)
    next_day = day + dt.timedelta(days=1)
    assert _shown(users_store, day.isoformat()) == 112
    assert _shown(users_store, f"{day.isoformat()}T23:50") == 112  # 23:50 Danish time
    assert _shown(users_store, f"{day.isoformat()}T23:50Z") == 113  # 23:50 UTC, as given
    assert _shown(users_store, next_day.isoformat()) == 113
    # The same as the Python API asked for the end of the Danish day, as the app asks.
    api = reporting.year_value(users_store, "victims_assessed", 2023, as_of=local_day_end(day))
    assert api is not None and api.value == 112
    # The audit log's --since/--until take Danish dates, as the app's filters do.
    auditor = accounts.actor_for(users_store, "auditor1")
    logged = [e for e in audit.entries(users_store, auditor) if e.recorded_at == corrected_at]
    assert logged, "the correction is in the audit log at the moment it was made"

    def seqs(*options: str) -> set[int]:
        result = _run(
            "--json", "--user", "auditor1", "audit", "log", *options, "--db", str(users_store.path)
        )
        assert result.exit_code == 0, result.output
        return {entry["seq"] for entry in json.loads(result.stdout)}

    correction = logged[0].seq
    assert correction in seqs("--since", next_day.isoformat())
    assert correction not in seqs("--until", day.isoformat())
    assert correction in seqs("--since", day.isoformat(), "--until", next_day.isoformat())
    app = audit.entries(
        users_store, auditor, since=local_day_start(next_day), until=local_day_end(next_day)
    )
    assert seqs("--since", next_day.isoformat(), "--until", next_day.isoformat()) == {
        e.seq for e in app
    }


@pytest.mark.parametrize(
    "command",
    [
        ["figure"],
        ["talking-points"],
        ["check-claims"],
        ["export"],
        ["audit", "log"],
    ],
)
def test_every_moment_option_says_it_is_danish_time(command: list[str]) -> None:
    result = _run(*command, "--help")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    options = ("--since", "--until") if command == ["audit", "log"] else ("--as-of",)
    for option in options:
        described = text.split(option, 1)[1].split(" --", 1)[0]
        assert "Danish time" in described, (command, option, described)
