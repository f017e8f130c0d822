"""Periods: a year or a quarter, its first and last day, and when it has ended.

A period has ended once its last day is over: on its last day it is still running (a quarter's
figures cannot be complete on 31 March), and it has ended the day after.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from planwatch.domain.periods import Period

LAST_DAYS = {
    Period(2024, 1): dt.date(2024, 3, 31),
    Period(2024, 2): dt.date(2024, 6, 30),
    Period(2024, 3): dt.date(2024, 9, 30),
    Period(2024, 4): dt.date(2024, 12, 31),
    Period(2024): dt.date(2024, 12, 31),
    Period(2023, 1): dt.date(2023, 3, 31),
}


@pytest.mark.parametrize(("period", "last_day"), LAST_DAYS.items(), ids=str)
def test_a_period_has_not_ended_on_its_last_day_and_has_the_day_after(
    period: Period, last_day: dt.date
) -> None:
    assert period.end == last_day
    assert not period.has_ended(period.start)
    assert not period.has_ended(last_day - dt.timedelta(days=1))
    assert not period.has_ended(last_day), "on its last day the period is still running"
    assert period.has_ended(last_day + dt.timedelta(days=1))


@pytest.mark.parametrize(
    ("period", "first_day"),
    [
        (Period(2024, 1), dt.date(2024, 1, 1)),
        (Period(2024, 2), dt.date(2024, 4, 1)),
        (Period(2024, 3), dt.date(2024, 7, 1)),
        (Period(2024, 4), dt.date(2024, 10, 1)),
        (Period(2024), dt.date(2024, 1, 1)),
    ],
    ids=str,
)
def test_a_period_starts_on_its_first_day(period: Period, first_day: dt.date) -> None:
    assert period.start == first_day
    assert not period.has_ended(first_day - dt.timedelta(days=1))


def test_the_quarters_of_a_year_follow_each_other_without_a_gap() -> None:
    quarters = Period(2024).quarters()
    assert quarters == tuple(Period(2024, q) for q in range(1, 5))
    for earlier, later in itertools.pairwise(quarters):
        assert later.start == earlier.end + dt.timedelta(days=1)
    for quarter in quarters:
        assert quarter.quarters() == (quarter,), "a quarter is its own only quarter"


@pytest.mark.parametrize(
    ("text", "period"),
    [("2023", Period(2023)), ("2023-Q2", Period(2023, 2)), (" 2023q4 ", Period(2023, 4))],
)
def test_periods_are_parsed_and_written_back(text: str, period: Period) -> None:
    assert Period.parse(text) == period
    assert Period.parse(str(period)) == period


@pytest.mark.parametrize("text", ["2023-Q5", "2023-Q0", "twenty", "1899", "2101"])
def test_what_is_not_a_period_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"not a year"):
        Period.parse(text)


def test_labels_in_both_languages() -> None:
    assert Period(2023, 2).label("da") == "2. kvt. 2023"
    assert Period(2023, 2).label("en") == "Q2 2023"
    assert Period(2023).label("en") == "2023"
