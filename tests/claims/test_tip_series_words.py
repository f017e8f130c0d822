"""The TIP report's series read in its own words (issue 15): a figure written as the TIP report
writes it (*the authorities identified*) that is exactly the TIP series' figure is consistent
with the TIP report; one wrong in both series is wrong about the TIP series; one wrong against a
CMM figure planwatch holds from the TIP report itself is wrong. Danish and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import checked, one, store, stored_values

__all__ = ["store"]


@pytest.mark.parametrize(
    ("text", "language", "year", "value"),
    [
        ("In 2021, the authorities identified 68 victims of trafficking.", "en", 2021, 68),
        ("Last reporting period the government identified 72 victims in 2022.", "en", 2022, 72),
        ("I 2021 identificerede myndighederne 68 ofre for menneskehandel.", "da", 2021, 68),
        ("Regeringen identificerede 64 ofre for menneskehandel i 2020.", "da", 2020, 64),
    ],
)  # fmt: skip
def test_the_tip_figure_in_the_tip_report_words_is_consistent_with_the_tip_series(
    store: Store, text: str, language: Language, year: int, value: int
) -> None:
    claim = one(store, text, language, "count")
    assert claim.verdict == "consistent", claim.explanation_en
    assert claim.indicator is not None and claim.indicator.code == "victims_identified_tip"
    assert ("victims_identified_tip", year, Decimal(value)) in stored_values(claim)
    assert "Rule:" in claim.explanation_en and "Regel:" in claim.explanation_da


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the TIP figure, but in CMM's or neutral words: two series fit, not decided
        ("I 2021 blev 68 personer identificeret som ofre for menneskehandel.", "da"),
        ("In 2021, 68 persons were identified as victims of trafficking.", "en"),
        # TIP words, no TIP figure held for 2018 and CMM's own figure differs: not decided
        ("In 2018, the authorities identified 93 trafficking victims.", "en"),
        ("I 2018 identificerede myndighederne 93 ofre for menneskehandel.", "da"),
    ],
)  # fmt: skip
def test_near_misses_are_not_decided(store: Store, text: str, language: Language) -> None:
    claim = one(store, text, language, "count")
    assert claim.verdict == "not-checked", claim.explanation_en


@pytest.mark.parametrize(
    ("text", "language", "year", "tip", "cmm"),
    [
        ("In 2022, the authorities identified 70 victims of trafficking.", "en", 2022, 72, 73),
        ("I 2021 identificerede regeringen 86 ofre for menneskehandel.", "da", 2021, 68, 80),
    ],
)  # fmt: skip
def test_wrong_in_both_series_is_wrong_about_the_tip_series(
    store: Store, text: str, language: Language, year: int, tip: int, cmm: int
) -> None:
    claim = one(store, text, language, "count")
    assert claim.verdict == "inconsistent", claim.explanation_en
    assert claim.indicator is not None and claim.indicator.code == "victims_identified_tip"
    values = stored_values(claim)
    assert ("victims_identified_tip", year, Decimal(tip)) in values
    assert ("victims_assessed", year, Decimal(cmm)) in values


@pytest.mark.parametrize(
    ("text", "language", "year", "right"),
    [
        ("In 2016, the authorities identified 112 trafficking victims.", "en", 2016, 121),
        ("I 2015 identificerede myndighederne 39 ofre for menneskehandel.", "da", 2015, 93),
    ],
)  # fmt: skip
def test_wrong_against_a_figure_held_from_the_tip_report_itself(
    store: Store, text: str, language: Language, year: int, right: int
) -> None:
    claim = one(store, text, language, "count")
    assert claim.verdict == "inconsistent", claim.explanation_en
    assert claim.correct is not None and str(right) in claim.correct
    assert ("victims_assessed", year, Decimal(right)) in stored_values(claim)
    assert "TIP" in claim.explanation_en and "TIP" in claim.explanation_da


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2016, the authorities identified 121 trafficking victims.", "en"),
        ("I 2015 identificerede myndighederne 93 ofre for menneskehandel.", "da"),
    ],
)
def test_the_true_figure_is_not_judged_inconsistent(
    store: Store, text: str, language: Language
) -> None:
    claims = checked(store, text, language).claims
    assert claims and all(c.verdict == "consistent" for c in claims), [
        c.explanation_en for c in claims
    ]
