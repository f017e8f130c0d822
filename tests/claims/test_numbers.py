"""Numbers as written: the decimal sign by form, then by language; digit groups."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.claims.numbers import parse_number
from planwatch.formatting import Language, format_number, round_half_up


@pytest.mark.parametrize(
    ("text", "convention", "value", "decimals"),
    [
        ("1.233", "da", "1233", 0),  # Danish groups thousands with a full stop
        ("1.233", "en", "1.233", 3),  # ... English writes decimals with it
        ("1,233", "en", "1233", 0),
        ("1,233", "da", "1.233", 3),
        ("53,4", "da", "53.4", 1),  # one or two digits after the sign: always a decimal
        ("53,4", "en", "53.4", 1),
        ("53.4", "da", "53.4", 1),
        ("53.42", "en", "53.42", 2),
        ("1233,5", "da", "1233.5", 1),  # four digits before the sign: no grouping
        ("0.125", "da", "0.125", 3),  # "0" before the sign: no grouping
        ("1.234,5", "en", "1234.5", 1),  # both signs: the last is the decimal sign
        ("1,234.5", "da", "1234.5", 1),
        ("1.233.000", "en", "1233000", 0),  # repeated: grouping, whatever the language
        ("1,233,000", "da", "1233000", 0),
        ("1\u00a0233", "da", "1233", 0),  # a no-break space groups
        ("-1.233", "da", "-1233", 0),
        ("+53,4", "da", "53.4", 1),
    ],
)
def test_the_decimal_sign_is_decided_by_form_then_by_language(
    text: str, convention: Language, value: str, decimals: int
) -> None:
    parsed = parse_number(text, convention)
    assert parsed.value == Decimal(value)
    assert parsed.decimals == decimals


@pytest.mark.parametrize("text", ["1.23.4", "12.34.567", "1,2.3,4", "abc", "1.2345.678"])
def test_malformed_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"number|groups|decimal"):
        parse_number(text, "da")


@given(st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from(["da", "en"]))
def test_any_integer_formatted_for_a_reader_parses_back_to_itself(
    value: int, language: Language
) -> None:
    text = format_number(value, language)
    assert parse_number(text, language).value == value


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.sampled_from(["da", "en"]),
    st.integers(min_value=1, max_value=2),
)
def test_any_decimal_formatted_for_a_reader_parses_back_to_its_rounding(
    value: Decimal, language: Language, places: int
) -> None:
    text = format_number(value, language, places)
    parsed = parse_number(text, language)
    assert parsed.value == round_half_up(value, places)
    assert parsed.decimals == places
