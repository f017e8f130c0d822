from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.spreadsheet_safety import is_plain_number, neutralise, neutralise_row

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

INJECTIONS = [
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "=1+1",
    "-A1+B1",
    "-3-3",
    "-3,5+1",
    "-1e5",  # only digits, separators and a decimal part make a plain number
    "+3",  # a plus sign is not how a number is written in a report: quoted
    "-",
    "-,5",
    "\t-3",
]

# Issue 18: a negative number written as text (an uploader's value in the problem report) is
# data, not a formula: the report writes -3, not '-3.
PLAIN_NUMBERS = ["-3", "-3,5", "-1.234,5", "-1,234.5", "-0", "-12345678901234567890", "-0.5"]


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_like_text_gets_a_leading_quote(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN_NUMBERS)
def test_a_plain_negative_number_is_data_and_left_alone(text: str) -> None:
    assert neutralise(text) == text
    assert neutralise_row([text, "=1+1"]) == [text, "'=1+1"]


@pytest.mark.parametrize(
    "text",
    [
        "Kvinder på krisecentre i Århus",
        "Mænd, ældre end 18 år",
        "Øvrige udnyttelsesformer",
        "victims_assessed",
        "",
        "'=already quoted",
        " =1",  # a leading space is not run as a formula
        "1-2",
        "a=b",
    ],
)
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert neutralise(text) == text


@pytest.mark.parametrize(
    "value",
    [
        -5,
        -2.5,
        0,
        Decimal("-1250000.50"),
        None,
        True,
        dt.date(2025, 3, 31),
        dt.datetime(2025, 1, 1),
    ],
)
def test_non_text_values_are_returned_as_they_are(value: object) -> None:
    assert neutralise(value) is value


def test_neutralise_row_handles_each_value() -> None:
    row = ["=1+1", -5, "Kvinder", None, "@x", 2.5]
    assert neutralise_row(row) == ["'=1+1", -5, "Kvinder", None, "'@x", 2.5]
    assert neutralise_row(()) == []


@given(st.text())
def test_output_is_never_dangerous_and_the_quote_is_the_only_change(text: str) -> None:
    result = neutralise(text)
    assert isinstance(result, str)
    assert not result.startswith(DANGEROUS) or is_plain_number(result)
    if result != text:
        assert result.startswith("'")
        assert result[1:] == text


@given(st.sampled_from(DANGEROUS), st.text())
def test_every_dangerous_prefix_is_quoted(prefix: str, rest: str) -> None:
    expected = prefix + rest if is_plain_number(prefix + rest) else "'" + prefix + rest
    assert neutralise(prefix + rest) == expected


@given(st.integers(), st.integers(min_value=0, max_value=10**6))
def test_every_negative_number_as_text_is_plain(whole: int, decimals: int) -> None:
    text = f"-{abs(whole)},{decimals}"
    assert is_plain_number(text)
    assert neutralise(text) == text


@given(st.text(alphabet="0123456789.,-+=@()ABab "))
def test_a_plain_number_is_only_a_sign_digits_and_separators(text: str) -> None:
    if is_plain_number(text):
        assert text.lstrip("-")[:1].isdigit()
        assert not set(text[1:]) & set("-+=@()ABab ")
