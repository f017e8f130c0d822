from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.spreadsheet_safety import neutralise, neutralise_row

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")

INJECTIONS = [
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "=1+1",
    "-5",  # a number written as text is text: it gets the quote too
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_like_text_gets_a_leading_quote(text: str) -> None:
    assert neutralise(text) == "'" + text


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
    assert not result.startswith(DANGEROUS)
    if result != text:
        assert result.startswith("'")
        assert result[1:] == text


@given(st.sampled_from(DANGEROUS), st.text())
def test_every_dangerous_prefix_is_quoted(prefix: str, rest: str) -> None:
    assert neutralise(prefix + rest) == "'" + prefix + rest
