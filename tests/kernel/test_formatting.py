from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.formatting import (
    format_date,
    format_dkk_millions,
    format_number,
    format_percent,
    format_percent_words,
    percent_change,
    round_half_up,
)


def test_73_to_112_is_plus_53_4_per_cent_not_35() -> None:
    change = percent_change(73, 112)
    assert change is not None
    assert round_half_up(change, 1) == Decimal("53.4")
    assert format_percent(change, "da", signed=True) == "+53,4 %"
    assert format_percent(change, "en", signed=True) == "+53.4%"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (118_200_000, "da", "118,2 mio. kr."),
        (118_200_000, "en", "DKK 118.2m"),
        (108_350_000, "da", "108,4 mio. kr."),
        (62_400_000, "en", "DKK 62.4m"),
    ],
)
def test_money_in_millions(value: int, language: str, expected: str) -> None:
    assert format_dkk_millions(value, language) == expected


@pytest.mark.parametrize(
    ("value", "language", "decimals", "expected"),
    [
        (1233, "da", 0, "1.233"),
        (1233, "en", 0, "1,233"),
        (1234.5, "da", 1, "1.234,5"),
        (-1234567, "da", 0, "-1.234.567"),
        (Decimal("0.05"), "en", 1, "0.1"),  # half up, on the decimal value
        (Decimal("2.675"), "en", 2, "2.68"),  # a binary float would give 2.67
    ],
)
def test_numbers(value: Decimal | int | float, language: str, decimals: int, expected: str) -> None:
    assert format_number(value, language, decimals) == expected


def test_percent_change_from_zero_is_undefined() -> None:
    assert percent_change(0, 5) is None


def test_dates() -> None:
    assert format_date(dt.date(2024, 6, 4), "da") == "4. juni 2024"
    assert format_date(dt.date(2024, 6, 4), "en") == "4 June 2024"


@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False
    )
)
def test_danish_and_english_numbers_read_back_to_the_same_value(value: Decimal) -> None:
    danish = format_number(value, "da", 2)
    english = format_number(value, "en", 2)
    assert Decimal(danish.replace(".", "").replace(",", ".")) == value
    assert Decimal(english.replace(",", "")) == value


@pytest.mark.parametrize(
    ("value", "language", "decimals", "text"),
    [
        (Decimal("53.4246"), "da", 1, "53,4 pct."),
        (Decimal("53.4246"), "en", 1, "53.4 per cent"),
        (Decimal("0.25"), "da", 1, "0,3 pct."),
        (Decimal("1233.5"), "da", 0, "1.234 pct."),
    ],
)
def test_a_per_cent_in_words_as_a_speaking_note_writes_it(
    value: Decimal, language: str, decimals: int, text: str
) -> None:
    assert format_percent_words(value, language, decimals) == text
