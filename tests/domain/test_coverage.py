"""What a year's value covers, and what it may be compared with (planwatch.domain.coverage)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.domain.coverage import (
    Baseline,
    Coverage,
    YearPoint,
    baseline,
    complete_years,
    span_value,
)
from planwatch.domain.indicators import Aggregation

FLOW, STOCK = Aggregation.FLOW, Aggregation.STOCK


@pytest.mark.parametrize(
    ("coverage", "da", "en"),
    [
        (Coverage(2024), "2024", "2024"),
        (Coverage(2025, (1,)), "1. kvt. 2025", "Q1 2025"),
        (Coverage(2025, (1, 2)), "1.–2. kvt. 2025", "Q1–Q2 2025"),
        (Coverage(2025, (1, 2, 3)), "1.–3. kvt. 2025", "Q1–Q3 2025"),
        (Coverage(2025, (2, 3)), "2.–3. kvt. 2025", "Q2–Q3 2025"),
        (Coverage(2025, (1, 3)), "1. og 3. kvt. 2025", "Q1 and Q3 2025"),
        (Coverage(2025, (1, 2, 4)), "1., 2. og 4. kvt. 2025", "Q1, Q2 and Q4 2025"),
    ],
)
def test_a_value_is_named_by_what_it_covers(coverage: Coverage, da: str, en: str) -> None:
    assert (coverage.label("da"), coverage.label("en")) == (da, en)


@pytest.mark.parametrize(
    ("aggregation", "reported", "quarters", "expected"),
    [
        (FLOW, True, (), Coverage(2024)),
        (FLOW, True, (1,), Coverage(2024)),  # a published yearly figure covers the year
        (FLOW, False, (1, 2, 3, 4), Coverage(2024)),
        (FLOW, False, (1, 2, 3), Coverage(2024, (1, 2, 3))),
        (FLOW, False, (2, 4), Coverage(2024, (2, 4))),
        (STOCK, False, (4,), Coverage(2024)),  # a stock's year is its fourth quarter
        (STOCK, False, (1, 2, 4), Coverage(2024)),
        (STOCK, False, (1, 2, 3), Coverage(2024, (3,))),  # what its value is: the third
    ],
)
def test_complete_means_published_or_every_quarter_a_year_needs(
    aggregation: Aggregation, reported: bool, quarters: tuple[int, ...], expected: Coverage
) -> None:
    assert Coverage.of(2024, aggregation, reported=reported, quarters=quarters) == expected


def test_a_partial_year_is_compared_with_the_same_quarters_a_year_earlier() -> None:
    q1_2025 = Coverage(2025, (1,))
    quarters_2024 = {1: Decimal(19), 2: Decimal(31), 3: Decimal(26), 4: Decimal(24)}
    year_2024 = YearPoint(Coverage(2024), Decimal(100), quarters_2024)
    assert baseline(q1_2025, year_2024, FLOW) == Baseline(Coverage(2024, (1,)), Decimal(19))
    # never with the whole year before
    assert baseline(Coverage(2025, (1, 2)), year_2024, FLOW) == Baseline(
        Coverage(2024, (1, 2)), Decimal(50)
    )


def test_a_published_year_cannot_be_split_into_quarters() -> None:
    published_2023 = YearPoint(Coverage(2023), Decimal(112), {})
    assert baseline(Coverage(2024, (1,)), published_2023, FLOW) == "year-before-not-quarterly"
    assert baseline(Coverage(2024), published_2023, FLOW) == Baseline(Coverage(2023), Decimal(112))


def test_a_whole_year_is_not_compared_with_a_partial_one() -> None:
    partial_2023 = YearPoint(Coverage(2023, (1, 2)), Decimal(50), {1: Decimal(20), 2: Decimal(30)})
    assert baseline(Coverage(2024), partial_2023, FLOW) == "year-before-partial"
    assert baseline(Coverage(2024), None, FLOW) == "no-year-before"


def test_highest_since_is_said_over_complete_years_only() -> None:
    points = [
        YearPoint(Coverage(2022), Decimal(73), {}),
        YearPoint(Coverage(2023), Decimal(112), {}),
        YearPoint(Coverage(2024, (1,)), Decimal(28), {1: Decimal(28)}),
    ]
    assert complete_years(points) == {2022: Decimal(73), 2023: Decimal(112)}


quarter_sets = st.sets(st.integers(1, 4), min_size=1).map(lambda s: tuple(sorted(s)))
values = st.dictionaries(st.integers(1, 4), st.integers(0, 500).map(Decimal), min_size=1)


@given(
    aggregation=st.sampled_from([FLOW, STOCK]),
    this_year=values,
    year_before=values,
    reported_before=st.booleans(),
)
def test_no_baseline_is_ever_a_span_the_value_does_not_cover(
    aggregation: Aggregation,
    this_year: dict[int, Decimal],
    year_before: dict[int, Decimal],
    reported_before: bool,
) -> None:
    current = Coverage.of(2025, aggregation, reported=False, quarters=this_year)
    before = Coverage.of(2024, aggregation, reported=reported_before, quarters=year_before)
    point = YearPoint(before, Decimal(1), {} if reported_before else year_before)
    found = baseline(current, point, aggregation)
    if isinstance(found, Baseline):
        assert found.coverage.comparable(current)
        assert found.coverage.year == current.year - 1
        if current.complete:
            assert before.complete
        else:
            assert current.quarters is not None
            expected = span_value(aggregation, year_before, found.coverage)
            assert found.value == expected
    elif current.complete:
        assert found in {"year-before-partial", "no-year-before"}
        assert not before.complete
    else:
        assert found == "year-before-not-quarterly"


@given(quarters=quarter_sets)
def test_comparable_is_symmetric_and_needs_the_same_span(quarters: tuple[int, ...]) -> None:
    partial = Coverage(2025, quarters)
    assert partial.comparable(partial.in_year(2024))
    assert partial.in_year(2024).comparable(partial)
    assert not partial.comparable(Coverage(2024))
    assert not Coverage(2024).comparable(partial)


def test_a_coverage_refuses_quarters_that_are_no_quarters() -> None:
    for bad in [(), (0,), (5,), (2, 1), (1, 1)]:
        with pytest.raises(ValueError, match="quarters"):
            Coverage(2025, bad)
