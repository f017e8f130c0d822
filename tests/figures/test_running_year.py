"""A running year (tests/scenarios.py): the tiles lead with the latest complete year, and the
year to date is named by its quarters and compared only with the same quarters a year earlier,
at every moment between the uploads."""

from __future__ import annotations

import shutil
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.domain.coverage import Coverage
from planwatch.domain.permissions import PUBLIC_VIEW, View
from planwatch.domain.vocab import Breakdown
from planwatch.figures import dashboard, reporting
from planwatch.storage import Store
from tests import clock
from tests.scenarios import RunningYear, store_quarters


def _tile(scenario: RunningYear, moment: str) -> dashboard.Tile:
    tiles = dashboard.indicator_tiles(scenario.store(), as_of=scenario.moments[moment])
    return next(t for t in tiles if t.indicator.code == "victims_assessed")


@pytest.mark.parametrize("moment", ["before", "2024-Q1", "2024-Q2", "2024-Q3"])
def test_while_2024_is_partial_the_tile_stays_on_2023(
    running_year: RunningYear, moment: str
) -> None:
    tile = _tile(running_year, moment)
    assert tile.latest is not None and (tile.latest.year, tile.latest.value) == (2023, 112)
    assert tile.previous is not None and tile.previous.value == 73
    assert tile.change_percent is not None and round(tile.change_percent, 1) == Decimal("53.4")
    assert tile.highest is not None and tile.highest.since == 2016
    if moment == "before":
        assert tile.year_to_date is None
        return
    ytd = tile.year_to_date
    assert ytd is not None and not ytd.current.complete
    quarters = {"2024-Q1": (1,), "2024-Q2": (1, 2), "2024-Q3": (1, 2, 3)}[moment]
    assert ytd.current.covers == Coverage(2024, quarters)
    # 2023 is a published yearly figure: it cannot be split into quarters, so no comparison.
    assert ytd.baseline is None and ytd.missing == "year-before-not-quarterly"
    assert ytd.change is None and ytd.highest is None and ytd.lowest is None


def test_with_its_fourth_quarter_2024_is_complete_and_compared_with_2023(
    running_year: RunningYear,
) -> None:
    tile = _tile(running_year, "2024-Q4")
    assert tile.latest is not None and (tile.latest.year, tile.latest.value) == (2024, 100)
    assert tile.latest.complete and tile.latest.basis == "quarters"
    assert tile.previous is not None and tile.previous.value == 112
    assert tile.change == -12
    assert tile.year_to_date is None


@pytest.mark.parametrize(
    ("moment", "label_da", "label_en", "value", "before", "percent"),
    [
        ("2025-Q1", "1. kvt. 2025", "Q1 2025", 28, 19, Decimal("47.4")),
        ("2025-Q2", "1.–2. kvt. 2025", "Q1–Q2 2025", 54, 50, Decimal("8.0")),
    ],
)
def test_the_year_to_date_is_compared_with_the_same_quarters_a_year_earlier(
    running_year: RunningYear,
    moment: str,
    label_da: str,
    label_en: str,
    value: int,
    before: int,
    percent: Decimal,
) -> None:
    tile = _tile(running_year, moment)
    assert tile.latest is not None and tile.latest.year == 2024, "never 28 as the year 2025"
    ytd = tile.year_to_date
    assert ytd is not None
    assert (ytd.current.label("da"), ytd.current.label("en")) == (label_da, label_en)
    assert ytd.current.value == value
    assert ytd.baseline is not None and ytd.baseline.value == before
    assert ytd.baseline.coverage == ytd.current.covers.in_year(2024)
    assert ytd.change_percent is not None and round(ytd.change_percent, 1) == percent
    assert ytd.highest is None and ytd.lowest is None, "no 'lowest since' for a partial year"


def test_a_breakdown_of_the_running_year_follows_the_same_rules(running_year: RunningYear) -> None:
    as_of = running_year.moments["2025-Q2"]
    exact = View(exact_small_counts=True)
    women = reporting.year_value(
        running_year.store(),
        "victims_assessed",
        2025,
        Breakdown(sex="female"),
        as_of=as_of,
        view=exact,
    )
    assert women is not None and women.label("da") == "1.–2. kvt. 2025" and women.value == 43
    assert dict(women.by_quarter) == {1: 19, 2: 24}
    # Men: 2 in the second quarter is a small count. The public view may not see the quarters,
    # so it cannot compare the year to date with the year before either.
    men = reporting.year_value(
        running_year.store(),
        "victims_assessed",
        2025,
        Breakdown(sex="male"),
        as_of=as_of,
        view=PUBLIC_VIEW,
    )
    assert men is not None and men.by_quarter == ()


quarters_of = st.dictionaries(st.integers(1, 4), st.integers(0, 400), max_size=4)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(year_before=quarters_of, this_year=quarters_of)
def test_no_tile_ever_compares_periods_that_are_not_comparable(
    demo_db_template: Path, tmp_path: Path, year_before: dict[int, int], this_year: dict[int, int]
) -> None:
    """Random quarters for two years of hotline calls (latest published year: 2019): whatever
    is stored, the tile leads with a complete year, compares it only with the complete year
    before, and compares the year to date only with the same quarters a year earlier."""
    store = Store(tmp_path / f"example-{uuid.uuid4()}.duckdb")
    shutil.copy(demo_db_template, store.path)
    try:
        year = clock.future_year()
        for offset, values in ((1, year_before), (0, this_year)):
            if values:
                store_quarters(store, "hotline_calls", year - offset, values, clock.later(days=1))
        tile = next(
            t for t in dashboard.indicator_tiles(store) if t.indicator.code == "hotline_calls"
        )
        assert tile.latest is not None and tile.latest.complete
        if tile.previous is not None:
            assert tile.previous.complete and tile.previous.year == tile.latest.year - 1
        complete = {
            y for y, v in ((year - 1, year_before), (year, this_year)) if set(v) == {1, 2, 3, 4}
        }
        assert tile.latest.year == max(complete | {2019})
        ytd = tile.year_to_date
        partial = [
            y for y, v in ((year - 1, year_before), (year, this_year)) if v and y not in complete
        ]
        if not partial or partial[-1] < tile.latest.year:
            assert ytd is None
            return
        assert ytd is not None and not ytd.current.complete and ytd.current.year == partial[-1]
        assert ytd.highest is None and ytd.lowest is None
        if ytd.baseline is not None:
            assert ytd.baseline.coverage.comparable(ytd.current.covers)
            assert ytd.baseline.coverage.year == ytd.current.year - 1
        else:
            assert ytd.change is None and ytd.change_percent is None
    finally:
        store.path.unlink()
