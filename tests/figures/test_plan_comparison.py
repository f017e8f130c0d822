"""Plans side by side (issue 19): each plan's money per year and the core indicators over its
period, with the years that have no complete figure named, on the demo's published figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planwatch.domain.coverage import complete_years
from planwatch.errors import NotFoundError
from planwatch.figures import reporting
from planwatch.figures.plan_comparison import compare_plans
from planwatch.storage import Store


def _complete(store: Store, code: str) -> dict[int, Decimal]:
    return complete_years(v.point() for v in reporting.year_series(store, code))


def test_two_plans_side_by_side_sum_their_own_complete_years(demo_store: Store) -> None:
    before, current = compare_plans(demo_store, ["2019-2021", "2022-2025"])
    assert (before.plan.plan_id, current.plan.plan_id) == ("2019-2021", "2022-2025")
    assert before.years == (2019, 2020, 2021)
    assert current.per_year_dkk == (current.plan.total_dkk / 4).quantize(Decimal("0.01"))
    for column in (before, current):
        known = {f.indicator.code: f for f in column.figures}
        assert list(known) == ["victims_assessed", "assessments", "hotline_calls", "reported_cases"]
        values = _complete(demo_store, "victims_assessed")
        victims = known["victims_assessed"]
        in_period = [y for y in column.years if y in values]
        assert victims.years == tuple(in_period)
        assert victims.missing == tuple(y for y in column.years if y not in values)
        assert victims.total == sum(values[y] for y in in_period)
        assert victims.per_year == (victims.total / len(in_period)).quantize(Decimal("0.1"))
    # the published figures: 64 + 77 + 80 persons assessed as victims in 2019-2021
    assert next(f for f in before.figures if f.indicator.code == "victims_assessed").total == 221


def test_years_after_today_are_neither_shown_nor_missing(demo_store: Store) -> None:
    (column,) = compare_plans(demo_store, ["2022-2025"], today=dt.date(2023, 6, 30))
    victims = next(f for f in column.figures if f.indicator.code == "victims_assessed")
    assert set(victims.years) | set(victims.missing) == {2022, 2023}


def test_every_year_of_an_ended_plan_is_shown_or_named_missing(demo_store: Store) -> None:
    for column in compare_plans(demo_store, ["2011-2014", "2015-2018"]):
        for figure in column.figures:
            values = _complete(demo_store, figure.indicator.code)
            assert set(figure.years) | set(figure.missing) == set(column.years)
            assert set(figure.years) == {y for y in column.years if y in values}
            if not figure.years:
                assert (figure.total, figure.per_year) == (None, None)


def test_an_unknown_plan_is_refused(demo_store: Store) -> None:
    with pytest.raises(NotFoundError):
        compare_plans(demo_store, ["2022-2025", "2099-2102"])
