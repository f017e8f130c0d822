"""The wording rules of a speaking note (issue 7), as pure functions: doubling and halving,
per cent rounded half up, and "det højeste antal siden" as the series rule says it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.domain.indicators import Aggregation
from planwatch.domain.periods import Period
from planwatch.domain.series import Extreme
from planwatch.figures import comparisons, reporting
from planwatch.notes import note, wording

# --- wording rules, as pure functions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (50, 100, note.Multiple.DOUBLED),  # exactly twice: not "more than doubled"
        (50, 101, note.Multiple.MORE_THAN_DOUBLED),
        (50, 99, None),
        (51, 102, note.Multiple.DOUBLED),
        (51, 103, note.Multiple.MORE_THAN_DOUBLED),
        (50, 25, note.Multiple.HALVED),
        (50, 24, note.Multiple.MORE_THAN_HALVED),
        (50, 26, None),
        (51, 26, None),  # 26 > 25.5
        (51, 25, note.Multiple.MORE_THAN_HALVED),
        (0, 5, None),  # nothing is said about a change from zero
    ],
)
def test_doubling_and_halving_boundaries(
    old: int, new: int, expected: note.Multiple | None
) -> None:
    assert note.multiple(Decimal(old), Decimal(new)) == expected
    numbers = note.compare(Period(2023), Decimal(new), Period(2020), Decimal(old))
    assert numbers.multiple == expected
    said = wording.multiple_text(numbers.multiple, "da")
    assert ("mere end fordoblet" in said) == (expected is note.Multiple.MORE_THAN_DOUBLED)
    assert ("fordoblet" in said) == (new > 0 and old > 0 and new >= 2 * old)
    assert ("halveret" in said) == (old > 0 and 2 * new <= old)
    english = wording.multiple_text(numbers.multiple, "en")
    assert ("more than doubled" in english) == (expected is note.Multiple.MORE_THAN_DOUBLED)


@pytest.mark.parametrize(
    ("percent", "da", "en"),
    [
        ("0.25", "0,3 pct.", "0.3 per cent"),  # half up, not to even (0.2)
        ("0.05", "0,1 pct.", "0.1 per cent"),
        ("-0.25", "0,3 pct.", "0.3 per cent"),  # the direction is said in words
        ("2.45", "2,5 pct.", "2.5 per cent"),
        ("53.424657534", "53,4 pct.", "53.4 per cent"),
        ("0.04", "under 0,1 pct.", "less than 0.1 per cent"),
        ("0", "0,0 pct.", "0.0 per cent"),
    ],
)
def test_percent_is_rounded_half_up(percent: str, da: str, en: str) -> None:
    assert wording.percent_text(Decimal(percent), "da") == da
    assert wording.percent_text(Decimal(percent), "en") == en


def test_a_change_of_exactly_a_quarter_per_cent_rounds_up() -> None:
    numbers = note.compare(Period(2023), Decimal(401), Period(2022), Decimal(400))
    assert numbers.percent == Decimal("0.25") and numbers.percent_rounded == Decimal("0.3")
    words = wording.Wording(("opkald", "opkald"), "", "")
    assert (
        wording.change_text(numbers, words, "da") == "Det er en stigning på 1 opkald eller 0,3 pct."
    )


def _series(values: dict[int, int]) -> list[reporting.YearValue]:
    return [
        reporting.YearValue("x", year, Decimal(value), "reported", (), ("s",), False, None)
        for year, value in sorted(values.items())
    ]


def _core(values: dict[int, int], year: int) -> note.Comparison:
    """The numbers of ``year`` against the year before, as the one rule finds them."""
    series = _series(values)
    current = next(v for v in series if v.year == year)
    return note.from_core(comparisons.compare(series, current, Aggregation.FLOW))


def test_since_phrases_follow_the_series_rule() -> None:
    history = {2019: 9, 2020: 4, 2021: 5, 2022: 6}
    numbers = _core(history, 2022)
    assert numbers.highest == Extreme(2019, record=False)
    words = wording.Wording(("person", "personer"), "", "")
    assert wording.change_text(numbers, words, "da") == (
        "Det er en stigning på 1 person eller 20,0 pct. og det højeste antal siden 2019."
    )
    record = _core({**history, 2019: 1}, 2022)
    assert record.highest == Extreme(2019, record=True)
    assert "i tallene tilbage til 2019" in wording.change_text(record, words, "da")
    streak_too_short = _core({2021: 5, 2022: 6}, 2022)
    assert wording.change_text(streak_too_short, words, "da") == (
        "Det er en stigning på 1 person eller 20,0 pct."
    )
