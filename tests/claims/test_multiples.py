"""Multiples and approximations (issue 15), with the thresholds of
:mod:`planwatch.claims.tolerance`: *fordoblet* is a ratio 1.95-2.05, *næsten fordoblet* 1.75 up
to 2 (×1.53 is not), *mere end tredoblet* above 3, *knap halveret* 0.5-0.571; *knap 120 mio.
kr.* is a little under 120 (within 10 %), *godt 118 mio. kr.* a little over 118. Persons
assessed as victims: 2008 28, 2012 66, 2016 121, 2019 64, 2022 73, 2023 112; plan 2022-2025:
118.2 mio. kr."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.tolerance import agrees, ratio_agrees, ratio_bounds
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import checked, never_inconsistent, one, store, stored_values

__all__ = ["store"]

VA = "victims_assessed"
D = Decimal


def test_the_thresholds() -> None:
    assert ratio_agrees(D("1.75"), D(2), "just-under")
    assert not ratio_agrees(D("1.59"), D(2), "just-under")  # ×1.59 is not "næsten fordoblet"
    assert not ratio_agrees(D(2), D(2), "just-under")
    assert ratio_agrees(D("1.96"), D(2), "exact") and not ratio_agrees(D("2.05"), D(2), "exact")
    assert ratio_agrees(D("2.01"), D(2), "more") and not ratio_agrees(D(2), D(2), "more")
    assert ratio_agrees(D("0.53"), D("0.5"), "just-under")  # næsten halveret
    assert not ratio_agrees(D("0.6"), D("0.5"), "just-under")
    assert ratio_agrees(D("0.45"), D("0.5"), "more")  # mere end halveret
    assert ratio_agrees(D("2.2"), D(2), "just-over") and not ratio_agrees(
        D("2.36"), D(2), "just-over"
    )
    assert ratio_bounds(D(2), "just-under") == (D("1.750"), D(2))
    assert agrees(D(120), 0, D("118.2"), "just-under")
    assert not agrees(D(118), 0, D("118.2"), "just-under")
    assert not agrees(D(140), 0, D("118.2"), "just-under")  # more than 10 % under
    assert agrees(D(118), 0, D("118.2"), "just-over")
    assert not agrees(D(120), 0, D("118.2"), "just-over")


RATIOS: list[tuple[Language, str, str, tuple[int, int]]] = [
    (
        "da",
        "Antallet af ofre for menneskehandel er næsten fordoblet fra 2019 til 2023.",
        "consistent",
        (2019, 2023),
    ),
    (
        "en",
        "The number of victims of trafficking nearly doubled from 2019 to 2023.",
        "consistent",
        (2019, 2023),
    ),
    (
        "da",
        "Antallet af ofre for menneskehandel er næsten fordoblet fra 2022 til 2023.",
        "inconsistent",
        (2022, 2023),
    ),
    (
        "en",
        "The number of victims of trafficking almost doubled from 2022 to 2023.",
        "inconsistent",
        (2022, 2023),
    ),
    (
        "da",
        "Antallet af ofre for menneskehandel er mere end tredoblet fra 2008 til 2023.",
        "consistent",
        (2008, 2023),
    ),
    (
        "en",
        "The number of victims of trafficking more than tripled from 2008 to 2023.",
        "consistent",
        (2008, 2023),
    ),
    (
        "da",
        "Antallet af ofre for menneskehandel er mere end tredoblet fra 2012 til 2023.",
        "inconsistent",
        (2012, 2023),
    ),
    (
        "da",
        "Antallet af ofre for menneskehandel blev firedoblet fra 2008 til 2023.",
        "consistent",
        (2008, 2023),
    ),
    (
        "en",
        "The number of victims of trafficking quadrupled from 2008 to 2023.",
        "consistent",
        (2008, 2023),
    ),
    (
        "da",
        "Antallet af ofre for menneskehandel blev knap halveret fra 2016 til 2019.",
        "consistent",
        (2016, 2019),
    ),
    (
        "en",
        "The number of victims of trafficking was nearly halved from 2016 to 2019.",
        "consistent",
        (2016, 2019),
    ),
    (
        "da",
        "Antallet af ofre for menneskehandel blev næsten halveret fra 2016 til 2022.",
        "inconsistent",
        (2016, 2022),
    ),
    (
        "da",
        "Antallet af ofre for menneskehandel er mere end fordoblet fra 2008 til 2012.",
        "consistent",
        (2008, 2012),
    ),
    (
        "en",
        "The number of victims of trafficking more than doubled from 2008 to 2012.",
        "consistent",
        (2008, 2012),
    ),
    # the passive past of the verbs (round 37: not read)
    (
        "da",
        "Mellem 2016 og 2019 næsten halveredes antallet af ofre for menneskehandel.",
        "consistent",
        (2016, 2019),
    ),
    (
        "da",
        "Fra 2022 til 2023 fordobledes antallet af ofre for menneskehandel.",
        "inconsistent",
        (2022, 2023),
    ),
]


@pytest.mark.parametrize(("language", "text", "verdict", "years"), RATIOS)
def test_multiples_in_words_are_checked_with_their_thresholds(
    store: Store, language: Language, text: str, verdict: str, years: tuple[int, int]
) -> None:
    claim = one(store, text, language, "ratio")
    assert claim.verdict == verdict
    assert claim.indicator is not None and claim.indicator.code == VA
    assert [(s[0], s[1]) for s in stored_values(claim)] == [(VA, years[0]), (VA, years[1])]
    assert "Regel:" in claim.explanation_da and "Rule:" in claim.explanation_en
    if verdict == "inconsistent":
        assert claim.correct is not None and (
            "pct." in claim.correct or "per cent" in claim.correct
        )
    else:
        never_inconsistent(checked(store, text, language))


def test_nearly_doubled_names_its_rule_and_the_factor(store: Store) -> None:
    claim = one(
        store,
        "Antallet af ofre for menneskehandel er næsten fordoblet fra 2022 til 2023.",
        "da",
        "ratio",
    )
    assert "faktor 1,53" in claim.explanation_da
    assert "mellem 1,75 og 2,00" in claim.explanation_da
    assert claim.correct == "en stigning på 53,4 pct."


MONEY: list[tuple[Language, str, str]] = [
    ("da", "Handlingsplanen 2022-2025 har en ramme på knap 120 mio. kr.", "consistent"),
    ("da", "Handlingsplanen 2022-2025 har en ramme på godt 118 mio. kr.", "consistent"),
    ("da", "Handlingsplanen 2022-2025 har en ramme på knap 118 mio. kr.", "inconsistent"),
    ("da", "Handlingsplanen 2022-2025 har en ramme på godt 120 mio. kr.", "inconsistent"),
    ("da", "Handlingsplanen 2022-2025 har en ramme på cirka 120 mio. kr.", "consistent"),
    ("en", "The action plan 2022–2025 has a budget of nearly DKK 120m.", "consistent"),
    ("en", "The action plan 2022–2025 has a budget of just over DKK 118m.", "consistent"),
    ("en", "The action plan 2022–2025 has a budget of almost DKK 118m.", "inconsistent"),
]


@pytest.mark.parametrize(("language", "text", "verdict"), MONEY)
def test_knap_and_godt_with_money_are_a_little_under_and_over(
    store: Store, language: Language, text: str, verdict: str
) -> None:
    claim = one(store, text, language, "budget")
    assert claim.verdict == verdict
    (stored,) = claim.stored
    assert stored.value == Decimal("118200000")


CHANGES: list[tuple[Language, str, str]] = [
    (
        "da",
        "Fra 2022 til 2023 steg antallet af ofre for menneskehandel med knap 54 pct.",
        "consistent",
    ),
    (
        "da",
        "Fra 2022 til 2023 steg antallet af ofre for menneskehandel med godt 53 pct.",
        "consistent",
    ),
    (
        "da",
        "Fra 2022 til 2023 steg antallet af ofre for menneskehandel med knap 53 pct.",
        "inconsistent",
    ),
    (
        "en",
        "From 2022 to 2023 the number of victims of trafficking rose by nearly 54 per cent.",
        "consistent",
    ),
    (
        "en",
        "From 2022 to 2023 the number of victims of trafficking rose by just over 53 per cent.",
        "consistent",
    ),
    (
        "en",
        "From 2022 to 2023 the number of victims of trafficking rose by more than 60 per cent.",
        "inconsistent",
    ),
]


@pytest.mark.parametrize(("language", "text", "verdict"), CHANGES)
def test_changes_in_per_cent_with_knap_godt_and_mere_end(
    store: Store, language: Language, text: str, verdict: str
) -> None:
    claim = one(store, text, language, "change")
    assert claim.verdict == verdict
    assert stored_values(claim) == [(VA, 2022, Decimal(73)), (VA, 2023, Decimal(112))]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "Antallet af opkald til hotlinen blev fordoblet, men det skyldes en kampagne."),
        ("en", "The hotline's reach doubled, but that was due to a campaign."),
    ],
)
def test_near_misses_without_years_or_indicator_are_not_judged_inconsistent(
    store: Store, language: Language, text: str
) -> None:
    never_inconsistent(checked(store, text, language))
