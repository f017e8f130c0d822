"""Absolute changes (issue 15): "steg med 39", "faldt med 7 fra 2021 til 2022", "en stigning på
39 personer", "rose by 39", "39 flere end året før", "7 færre end i 2021" are checked as changes
with a direction between two years' figures (73 in 2022, 112 in 2023: +39), never as levels.
Persons assessed as victims 2020-2023: 77, 80, 73, 112."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import checked, never_inconsistent, one, store, stored_values

__all__ = ["store"]

VA = "victims_assessed"
TRUE_CHANGES: list[tuple[Language, str, str]] = [
    ("da", "Antallet af ofre for menneskehandel steg med 39 fra 2022 til 2023.", "steg med 39"),
    ("en", "The number of victims of trafficking rose by 39 from 2022 to 2023.", "rose by 39"),
    (
        "da",
        "I 2023 blev 112 personer vurderet som ofre for menneskehandel, "
        "en stigning på 39 personer.",
        "en stigning på 39 personer",
    ),
    (
        "en",
        "In 2023, 112 persons were assessed as victims of trafficking, an increase of 39 persons.",
        "an increase of 39 persons",
    ),
    (
        "da",
        "I 2023 blev 112 personer vurderet som ofre for menneskehandel, 39 flere end året før.",
        "39 flere",
    ),
    (
        "en",
        "In 2023, 112 persons were assessed as victims of trafficking, 39 more than the year "
        "before.",
        "39 more",
    ),
    (
        "da",
        "Antallet af ofre for menneskehandel steg med knap 40 fra 2022 til 2023.",
        "steg med knap 40",
    ),
]


@pytest.mark.parametrize(("language", "text", "written"), TRUE_CHANGES)
def test_a_rise_in_number_is_the_difference_of_the_two_years(
    store: Store, language: Language, text: str, written: str
) -> None:
    report = checked(store, text, language)
    never_inconsistent(report)
    (claim,) = [c for c in report.claims if c.kind == "difference"]
    assert (claim.text, claim.verdict) == (written, "consistent")
    assert claim.indicator is not None and claim.indicator.code == VA
    assert claim.years == (2022, 2023)
    assert stored_values(claim) == [(VA, 2022, Decimal(73)), (VA, 2023, Decimal(112))]
    assert not [c for c in report.claims if c.kind == "count" and c.text.startswith(("39", "40"))]
    assert "Regel:" in claim.explanation_da and "Rule:" in claim.explanation_en
    assert "Center mod Menneskehandel" in claim.explanation_en


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "Antallet af ofre for menneskehandel faldt med 7 fra 2021 til 2022."),
        ("en", "The number of victims of trafficking fell by 7 from 2021 to 2022."),
        ("da", "I 2022 blev 73 personer vurderet som ofre for menneskehandel, 7 færre end i 2021."),
        (
            "en",
            "In 2022, 73 persons were assessed as victims of trafficking, 7 fewer than in 2021.",
        ),
    ],
)
def test_a_fall_in_number_is_checked_with_its_direction(
    store: Store, language: Language, text: str
) -> None:
    report = checked(store, text, language)
    never_inconsistent(report)
    claim = one(store, text, language, "difference")
    assert claim.verdict == "consistent"
    assert stored_values(claim) == [(VA, 2021, Decimal(80)), (VA, 2022, Decimal(73))]


@pytest.mark.parametrize(
    ("language", "text", "right"),
    [
        ("da", "Antallet af ofre for menneskehandel steg med 7 fra 2021 til 2022.", "7 færre"),
        ("en", "The number of victims of trafficking rose by 7 from 2021 to 2022.", "7 fewer"),
        ("da", "Antallet af ofre for menneskehandel steg med 49 fra 2022 til 2023.", "39 flere"),
        ("en", "The number of victims of trafficking rose by 49 from 2022 to 2023.", "39 more"),
        (
            "en",
            "In 2021, 80 persons were assessed as victims of trafficking. That is 3 fewer than in "
            "2020.",
            "3 more",
        ),
    ],
)
def test_a_wrong_size_or_direction_is_inconsistent_with_the_right_change(
    store: Store, language: Language, text: str, right: str
) -> None:
    claim = one(store, text, language, "difference")
    assert claim.verdict == "inconsistent"
    assert claim.correct == right
    assert claim.indicator is not None and claim.indicator.code == VA


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "da",
            "I 2023 blev 112 personer vurderet som ofre for menneskehandel. Antallet steg med 39.",
        ),
        (
            "en",
            "In 2023, 112 persons were assessed as victims of trafficking. The number rose by 39.",
        ),
    ],
)
def test_a_change_in_the_next_sentence_takes_its_years_and_indicator(
    store: Store, language: Language, text: str
) -> None:
    report = checked(store, text, language)
    never_inconsistent(report)
    claim = one(store, text, language, "difference")
    assert (claim.verdict, claim.years) == ("consistent", (2022, 2023))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "Antallet af ofre for menneskehandel steg med 53 pct. fra 2022 til 2023."),
        ("en", "The number of victims of trafficking rose by 53 per cent from 2022 to 2023."),
    ],
)
def test_a_per_cent_after_med_or_by_stays_a_change_in_per_cent(
    store: Store, language: Language, text: str
) -> None:
    claim = one(store, text, language, "change")
    assert claim.verdict == "consistent"
    assert not [c for c in checked(store, text, language).claims if c.kind == "difference"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "Stigningen skyldes bl.a. 23 ofre for tvangsarbejde i 2023."),
        ("en", "The increase is explained by 23 victims of forced labour in 2023."),
        ("da", "I 2023 steg antallet af ofre for menneskehandel til 112."),
        ("en", "In 2023 the number of victims of trafficking rose to 112."),
        ("da", "Antallet af ofre for menneskehandel steg med 2 procentpoint fra 2022 til 2023."),
    ],
)
def test_near_misses_are_no_change_in_number(store: Store, language: Language, text: str) -> None:
    report = checked(store, text, language)
    assert not [c for c in report.claims if c.kind == "difference"]
    never_inconsistent(report)
