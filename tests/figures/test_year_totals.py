"""A year of a flow indicator is the sum of its quarters; of a stock, its last quarter."""

from __future__ import annotations

import shutil
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.domain.coverage import Coverage
from planwatch.domain.indicators import Aggregation, year_from_quarters
from planwatch.figures import reporting
from planwatch.storage import Store
from tests import clock
from tests.scenarios import store_quarters


def test_a_flow_year_is_the_sum_of_its_quarters(demo_store: Store) -> None:
    store_quarters(
        demo_store, "hotline_calls", 2030, {1: 80, 2: 95, 3: 101, 4: 77}, clock.later(days=1)
    )
    year = reporting.year_value(demo_store, "hotline_calls", 2030)
    assert year is not None
    assert (year.value, year.basis, year.quarters, year.complete) == (
        353,
        "quarters",
        (1, 2, 3, 4),
        True,
    )


def test_a_stock_year_is_its_last_quarter(demo_store: Store) -> None:
    store_quarters(
        demo_store,
        "victims_assessed_cumulative",
        2030,
        {1: 1300, 2: 1320, 3: 1345},
        clock.later(days=1),
    )
    year = reporting.year_value(demo_store, "victims_assessed_cumulative", 2030)
    assert year is not None
    assert (year.value, year.quarters, year.complete) == (1345, (1, 2, 3), False)


def test_a_reported_year_wins_and_its_quarters_stay_visible(demo_store: Store) -> None:
    store_quarters(
        demo_store, "victims_assessed", 2023, {1: 20, 2: 30, 3: 30, 4: 31}, clock.later(days=1)
    )
    year = reporting.year_value(demo_store, "victims_assessed", 2023)
    assert year is not None
    assert (year.value, year.basis, year.quarters_value) == (112, "reported", 111)


def test_quarters_stored_later_do_not_change_an_earlier_as_of(demo_store: Store) -> None:
    store_quarters(demo_store, "hotline_calls", 2030, {1: 80}, clock.later(days=1))
    store_quarters(demo_store, "hotline_calls", 2030, {2: 90}, clock.later(days=3))
    early = reporting.year_value(demo_store, "hotline_calls", 2030, as_of=clock.later(days=2))
    late = reporting.year_value(demo_store, "hotline_calls", 2030)
    assert early is not None and late is not None
    assert (early.value, early.quarters) == (80, (1,))
    assert (late.value, late.quarters) == (170, (1, 2))


quarter_values = st.dictionaries(
    st.integers(1, 4), st.integers(0, 10_000_000), min_size=1, max_size=4
)


@pytest.mark.parametrize(
    ("indicator", "aggregation"),
    [
        ("hotline_calls", Aggregation.FLOW),
        ("victims_assessed_cumulative", Aggregation.STOCK),
    ],
)
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=quarter_values, year=st.integers(2026, 2100))
def test_duckdb_derives_years_exactly_as_the_domain_rule(
    demo_db_template: Path,
    tmp_path: Path,
    indicator: str,
    aggregation: Aggregation,
    values: dict[int, int],
    year: int,
) -> None:
    """Every example gets a fresh copy of the demo database, so no year is ever taken by an
    earlier example (and none is skipped: the test cannot pass without checking)."""
    store = Store(tmp_path / f"example-{uuid.uuid4()}.duckdb")
    shutil.copy(demo_db_template, store.path)
    try:
        with store.connect(read_only=True) as connection:
            used = connection.execute(
                "SELECT count(*) FROM observation_versions WHERE indicator_code = ? AND year = ?",
                [indicator, year],
            ).fetchall()[0][0]
        assert used == 0, f"the demo data has no {indicator} for {year}"
        store_quarters(store, indicator, year, values, clock.later(days=1))
        expected = year_from_quarters(aggregation, {q: Decimal(v) for q, v in values.items()})
        actual = reporting.year_value(store, indicator, year)
        assert expected is not None and actual is not None
        assert actual.value == expected.value
        assert actual.quarters == expected.quarters_present
        coverage = Coverage.of(year, aggregation, reported=False, quarters=values)
        assert actual.covers == coverage
        assert actual.complete == (
            set(values) == {1, 2, 3, 4} if aggregation is Aggregation.FLOW else 4 in values
        )
    finally:
        store.path.unlink()
