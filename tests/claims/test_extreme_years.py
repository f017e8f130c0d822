""" "The highest/lowest since" is said of the sentence's own year (issue 15): *Med 73 var 2022 det
laveste niveau siden 2019* is about 2022 (73; 2019: 64), *I 2023 er 112 personer … Det er det
højeste antal siden 2016* about 2023 (112; 2016: 121), by the dashboard's rule
(:func:`planwatch.figures.comparisons.compare`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import checked, never_inconsistent, one, store, stored_values

__all__ = ["store"]

VA = "victims_assessed"
LOWEST_2022: list[tuple[Language, str]] = [
    ("da", "Med 73 var 2022 det laveste antal ofre for menneskehandel siden 2019."),
    ("en", "With 73, 2022 was the lowest number of victims of trafficking since 2019."),
    ("da", "I 2022 var antallet af ofre for menneskehandel med 73 det laveste siden 2019."),
    ("en", "In 2022 the number of victims of trafficking, 73, was the lowest since 2019."),
]


@pytest.mark.parametrize(("language", "text"), LOWEST_2022)
def test_the_lowest_since_is_said_of_the_sentences_own_year(
    store: Store, language: Language, text: str
) -> None:
    claim = one(store, text, language, "lowest-since")
    assert (claim.verdict, claim.years) == ("consistent", (2019, 2022))
    assert claim.indicator is not None and claim.indicator.code == VA
    assert stored_values(claim) == [(VA, 2022, Decimal(73)), (VA, 2019, Decimal(64))]
    never_inconsistent(checked(store, text, language))


@pytest.mark.parametrize(
    ("language", "text", "right"),
    [
        (
            "da",
            "Med 73 var 2022 det laveste antal ofre for menneskehandel siden 2015.",
            "det laveste antal siden 2019",
        ),
        (
            "en",
            "With 73, 2022 was the lowest number of victims of trafficking since 2015.",
            "the lowest number since 2019",
        ),
    ],
)
def test_a_wrong_since_year_is_inconsistent_for_the_sentences_year(
    store: Store, language: Language, text: str, right: str
) -> None:
    claim = one(store, text, language, "lowest-since")
    assert (claim.verdict, claim.correct) == ("inconsistent", right)
    assert claim.years[-1] == 2022


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "da",
            "I 2023 er 112 personer vurderet som ofre for menneskehandel. Det er det højeste antal "
            "siden 2016.",
        ),
        (
            "en",
            "In 2023, 112 persons were assessed as victims of trafficking. That is the highest "
            "number since 2016.",
        ),
    ],
)
def test_the_highest_since_in_the_next_sentence_is_the_previous_sentences_year(
    store: Store, language: Language, text: str
) -> None:
    report = checked(store, text, language)
    never_inconsistent(report)
    claim = one(store, text, language, "highest-since")
    assert (claim.verdict, claim.years) == ("consistent", (2016, 2023))
    assert stored_values(claim) == [(VA, 2023, Decimal(112)), (VA, 2016, Decimal(121))]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "Det højeste antal ofre for menneskehandel siden 2016 blev registreret i 2023."),
        ("en", "The highest number of victims of trafficking since 2016 was recorded in 2023."),
    ],
)
def test_near_misses_a_since_year_is_neither_a_total_nor_a_change(
    store: Store, language: Language, text: str
) -> None:
    report = checked(store, text, language)
    assert not [c for c in report.claims if c.kind in ("total", "ratio", "change", "difference")]
    never_inconsistent(report)
