"""A year of a flow indicator is the sum of its quarters; of a stock, its last quarter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch import reporting
from planwatch.domain.indicators import Aggregation, year_from_quarters
from planwatch.storage import Store
from planwatch.storage import repository as repo

from .helpers_access import approve

SOURCE = "cmm-tal-2023"


def _store_quarters(
    store: Store, indicator: str, year: int, values: dict[int, int], when: dt.datetime
) -> None:
    """Store quarterly figures as an upload, approved when it was recorded."""
    frame = pd.DataFrame(
        [
            {
                "indicator_code": indicator,
                "year": year,
                "quarter": quarter,
                "sex": "all",
                "age_group": "all",
                "exploitation": "all",
                "source_id": SOURCE,
                "value": float(value),
                "is_preferred": True,
                "note": None,
            }
            for quarter, value in values.items()
        ]
    ).astype({"quarter": "Int16"})
    with store.transaction() as connection:
        change_set = repo.insert_change_set(
            connection, kind="upload", recorded_at=when, recorded_by="test"
        )
        repo.insert_new_versions(
            connection,
            "observation_versions",
            frame,
            change_set_id=change_set,
            compare_with_kinds=None,
        )
    approve(store, change_set)


def test_a_flow_year_is_the_sum_of_its_quarters(demo_store: Store) -> None:
    _store_quarters(
        demo_store, "hotline_calls", 2030, {1: 80, 2: 95, 3: 101, 4: 77}, dt.datetime(2031, 1, 5)
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
    _store_quarters(
        demo_store,
        "victims_assessed_cumulative",
        2030,
        {1: 1300, 2: 1320, 3: 1345},
        dt.datetime(2031, 1, 5),
    )
    year = reporting.year_value(demo_store, "victims_assessed_cumulative", 2030)
    assert year is not None
    assert (year.value, year.quarters, year.complete) == (1345, (1, 2, 3), False)


def test_a_reported_year_wins_and_its_quarters_stay_visible(demo_store: Store) -> None:
    _store_quarters(
        demo_store, "victims_assessed", 2023, {1: 20, 2: 30, 3: 30, 4: 31}, dt.datetime(2031, 1, 5)
    )
    year = reporting.year_value(demo_store, "victims_assessed", 2023)
    assert year is not None
    assert (year.value, year.basis, year.quarters_value) == (112, "reported", 111)


def test_quarters_stored_later_do_not_change_an_earlier_as_of(demo_store: Store) -> None:
    _store_quarters(demo_store, "hotline_calls", 2030, {1: 80}, dt.datetime(2030, 4, 10))
    _store_quarters(demo_store, "hotline_calls", 2030, {2: 90}, dt.datetime(2030, 7, 10))
    early = reporting.year_value(demo_store, "hotline_calls", 2030, as_of=dt.datetime(2030, 5, 1))
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
@given(values=quarter_values)
def test_duckdb_derives_years_exactly_as_the_domain_rule(
    demo_store: Store, indicator: str, aggregation: Aggregation, values: dict[int, int]
) -> None:
    year = 2040 + len(values) * 10 + sum(values) % 7  # a fresh year per example, mostly
    with demo_store.connect(read_only=True) as connection:
        used = connection.execute(
            "SELECT count(*) FROM observation_versions WHERE indicator_code = ? AND year = ?",
            [indicator, year],
        ).fetchall()[0][0]
    if used:
        return
    _store_quarters(demo_store, indicator, year, values, dt.datetime(2100, 1, 1))
    expected = year_from_quarters(aggregation, {q: Decimal(v) for q, v in values.items()})
    actual = reporting.year_value(demo_store, indicator, year)
    assert expected is not None and actual is not None
    assert actual.value == expected.value
    assert actual.quarters == expected.quarters_present
