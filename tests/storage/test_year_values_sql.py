"""The auditors' ``year_values`` table (storage/export_tables.py) computes in SQL what
``domain.coverage`` and ``figures.reporting`` decide in Python: whether a year is complete, the
quarters it rests on, what it covers in Danish and English, and its value. Compared row by row on
the running year (tests/scenarios.py) and on random data: every subset of quarters, flows and
stocks, with and without a published yearly figure, with non-preferred and withdrawn figures
that must not count."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from typing import Any

import pandas as pd
import pytest

from planwatch.domain.coverage import ALL_QUARTERS, Coverage, span_value
from planwatch.domain.indicators import Aggregation
from planwatch.domain.permissions import View
from planwatch.domain.vocab import Breakdown
from planwatch.figures import reporting
from planwatch.storage import Store, export_tables, repository
from planwatch.storage.rows import FAR_FUTURE
from tests import clock
from tests.scenarios import RunningYear

EXACT = View(exact_small_counts=True)
FLOW, STOCK = "victims_assessed", "victims_assessed_cumulative"
SOURCE, OTHER_SOURCE = "cmm-tal-2023", "talepapir-samraad-2024-06-04"
FIRST_YEAR = 3001  # far after the demo data: every random cell is a year of its own
BREAKDOWNS = (Breakdown(), Breakdown(sex="female"), Breakdown(sex="male", age_group="18_plus"))


def _year_values(store: Store, as_of: dt.datetime | None = None) -> pd.DataFrame:
    with store.connect(read_only=True) as connection:
        return export_tables.table(
            connection, "year_values", as_of=as_of or FAR_FUTURE, plan_id=None
        )


def _quarters(text: Any) -> tuple[int, ...]:
    return () if pd.isna(text) else tuple(int(q) for q in str(text).split(","))


def _coverage(row: Any) -> Coverage:
    """What the rule of domain.coverage says of the row's year, from its own columns."""
    return Coverage.of(
        int(row.year),
        Aggregation(row.aggregation),
        reported=row.basis == "reported",
        quarters=_quarters(row.quarters),
    )


def _assert_the_rule_holds(frame: pd.DataFrame) -> None:
    assert len(frame)
    for row in frame.itertuples():
        coverage = _coverage(row)
        assert bool(row.complete) == coverage.complete, row
        assert (row.coverage_da, row.coverage_en) == (coverage.label("da"), coverage.label("en"))
        assert (row.basis == "reported") == pd.isna(row.quarters), row


# -- the running year -------------------------------------------------------------------------


@pytest.mark.parametrize("moment", ["before", "2024-Q1", "2024-Q3", "2024-Q4", "2025-Q2"])
def test_the_sql_rule_equals_coverage_and_the_dashboards_year_values_on_the_running_year(
    running_year: RunningYear, moment: str
) -> None:
    store = running_year.store()
    as_of = running_year.moments[moment]
    frame = _year_values(store, as_of)
    _assert_the_rule_holds(frame)
    for breakdown in (Breakdown(), Breakdown(sex="female"), Breakdown(sex="male")):
        rows = frame[
            (frame["indicator_code"] == FLOW)
            & (frame["sex"] == breakdown.sex)
            & (frame["age_group"] == breakdown.age_group)
            & (frame["exploitation"] == breakdown.exploitation)
        ]
        series = reporting.year_series(store, FLOW, breakdown, as_of=as_of, view=EXACT)
        assert [int(y) for y in rows["year"]] == [v.year for v in series]
        for row, value in zip(rows.itertuples(), series, strict=True):
            assert Decimal(str(row.value)) == value.value
            assert row.basis == value.basis
            assert bool(row.complete) == value.complete
            assert row.coverage_da == value.label("da") and row.coverage_en == value.label("en")
            expected = () if value.basis == "reported" else value.quarters
            assert _quarters(row.quarters) == expected
            assert row.source_ids == ", ".join(value.source_ids)


# -- random data --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One indicator, breakdown and year: what was stored, and what its year should be."""

    indicator: str
    year: int
    breakdown: Breakdown
    reported: Decimal | None
    quarters: dict[int, Decimal]  # preferred, current quarterly figures
    noise: bool  # also a non-preferred yearly figure and a withdrawn quarter (never counted)

    @property
    def aggregation(self) -> Aggregation:
        return Aggregation.STOCK if self.indicator == STOCK else Aggregation.FLOW


def _cells(seed: int) -> list[Cell]:
    """Every subset of quarters for a flow and a stock, with and without a published figure,
    then as many random cells again, with random values and breakdowns."""
    rng = random.Random(seed)  # noqa: S311 - test data, not a secret
    subsets = [tuple(chosen) for size in range(5) for chosen in combinations(ALL_QUARTERS, size)]
    shapes = [
        (indicator, reported, subset)
        for indicator in (FLOW, STOCK)
        for reported in (False, True)
        for subset in subsets
    ]
    shapes += [
        (rng.choice((FLOW, STOCK)), rng.random() < 0.3, rng.choice(subsets))
        for _ in range(len(shapes))
    ]
    cells = []
    for year, (indicator, reported, subset) in enumerate(shapes, start=FIRST_YEAR):
        cells.append(
            Cell(
                indicator,
                year,
                rng.choice(BREAKDOWNS),
                Decimal(rng.randint(0, 900)) if reported else None,
                {q: Decimal(rng.randint(0, 300)) for q in subset},
                rng.random() < 0.5,
            )
        )
    return cells


def _row(cell: Cell, quarter: int | None, value: Decimal, **extra: Any) -> dict[str, Any]:
    return {
        "indicator_code": cell.indicator,
        "year": cell.year,
        "quarter": quarter,
        "sex": cell.breakdown.sex,
        "age_group": cell.breakdown.age_group,
        "exploitation": cell.breakdown.exploitation,
        "source_id": SOURCE,
        "value": value,
        "is_preferred": True,
        **extra,
    }


def _store_cells(store: Store, cells: list[Cell]) -> None:
    """The cells as figures approved by the demo load (kind ``demo``), then the withdrawals."""
    with store.transaction() as connection:
        stored = repository.insert_change_set(
            connection, kind="demo", recorded_at=clock.later(days=1), recorded_by="test"
        )
        withdrawn = repository.insert_change_set(
            connection, kind="demo", recorded_at=clock.later(days=2), recorded_by="test"
        )
        for cell in cells:
            rows = [_row(cell, q, v) for q, v in cell.quarters.items()]
            if cell.reported is not None:
                rows.append(_row(cell, None, cell.reported))
            if cell.noise:
                other = _row(cell, None, Decimal(999), is_preferred=False, source_id=OTHER_SOURCE)
                rows.append(other)
                gone = [q for q in ALL_QUARTERS if q not in cell.quarters][:1]
                for quarter in gone:  # stored, then withdrawn: not a quarter of the year
                    rows.append(_row(cell, quarter, Decimal(777)))
                    late = _row(cell, quarter, Decimal(777), withdrawn=True)
                    repository.insert_observation_version(connection, withdrawn, late)
            for row in rows:
                repository.insert_observation_version(connection, stored, row)


def _expected(cell: Cell) -> tuple[Decimal, str, tuple[int, ...], Coverage] | None:
    """The year's value, basis, quarters and coverage by the rules of domain.coverage."""
    if cell.reported is not None:
        return (
            cell.reported,
            "reported",
            (),
            Coverage.of(cell.year, cell.aggregation, reported=True),
        )
    if not cell.quarters:
        return None
    present = tuple(sorted(cell.quarters))
    coverage = Coverage.of(cell.year, cell.aggregation, reported=False, quarters=present)
    whole = Coverage(cell.year, present)
    value = span_value(cell.aggregation, cell.quarters, whole)
    assert value is not None
    return value, "quarters", present, coverage


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_sql_rule_equals_coverage_on_random_data(demo_store: Store, seed: int) -> None:
    cells = _cells(seed)
    _store_cells(demo_store, cells)
    frame = _year_values(demo_store)
    _assert_the_rule_holds(frame)
    found = {
        (row.indicator_code, int(row.year), row.sex, row.age_group, row.exploitation): row
        for row in frame.itertuples()
        if int(row.year) >= FIRST_YEAR
    }
    expected_rows = 0
    for cell in cells:
        b = cell.breakdown
        key = (cell.indicator, cell.year, b.sex, b.age_group, b.exploitation)
        expected = _expected(cell)
        if expected is None:
            assert key not in found, (cell, "no preferred figure: no year")
            continue
        expected_rows += 1
        value, basis, quarters, coverage = expected
        row = found[key]
        assert (Decimal(str(row.value)), row.basis, _quarters(row.quarters)) == (
            value,
            basis,
            quarters,
        ), cell
        assert bool(row.complete) == coverage.complete, cell
        assert row.coverage_da == coverage.label("da"), cell
        assert row.coverage_en == coverage.label("en"), cell
        assert row.aggregation == cell.aggregation.value
    assert len(found) == expected_rows


def test_every_shape_of_a_year_is_in_the_random_data() -> None:
    """The random data holds every label there is: whole years, runs, gaps, single quarters."""
    labels = {
        expected[3].label("en") for cell in _cells(1) if (expected := _expected(cell)) is not None
    }
    years = {label.rsplit(" ", 1)[0] for label in labels if " " in label}
    assert {"Q1", "Q4", "Q1–Q3", "Q2–Q4", "Q1 and Q3", "Q1, Q2 and Q4"} <= years
    assert any(" " not in label for label in labels), "complete years"
