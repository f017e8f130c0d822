"""Which indicator a figure is about when its sentence names two (issue 15; a fifth batch of
attacking sentences, round 36): the nearest term *in the figure's own clause* first, then the
nearest anywhere. *Antallet af ofre for menneskehandel steg med 39 i 2023, og antallet af opkald
til hotlinen faldt med 10 pct.* took 39 for the hotline's (*hotlinen* is 24 characters from
39, *antallet af ofre* 29) - wrong, and a false alarm wherever the hotline's figures are held.

Stored (demo database): persons assessed as victims 73 (2022), 112 (2023)."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import claim_of, store

__all__ = ["store"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Antallet af ofre for menneskehandel steg med 39 i 2023, og antallet af opkald til "
         "hotlinen faldt med 10 pct.", "da"),
        ("I 2023 steg antallet af ofre for menneskehandel med 39, og antallet af opkald til "
         "hotlinen faldt med 10 pct.", "da"),
        ("In 2023 the number of victims of trafficking rose by 39, while calls to the hotline "
         "fell by 10 percent.", "en"),
    ],
)  # fmt: skip
def test_a_figure_is_about_the_indicator_of_its_own_clause(
    store: Store, text: str, language: str
) -> None:
    victims = claim_of(store, text, language, "39")  # type: ignore[arg-type]
    assert victims.indicator is not None and victims.indicator.code == "victims_assessed"
    assert victims.verdict == "consistent", victims.explanation_en
    calls = claim_of(store, text, language, "10")  # type: ignore[arg-type]
    assert calls.indicator is not None and calls.indicator.code == "hotline_calls"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Antallet af ofre steg i 2023 med 39, mens antallet af sager faldt med 5.", "da"),
        ("In 2023 the number of victims of trafficking rose by 39, but the number of cases fell "
         "by 5.", "en"),
    ],
)  # fmt: skip
def test_a_figure_of_another_subject_across_a_contrast_is_not_called_wrong(
    store: Store, text: str, language: str
) -> None:
    """The 5 are the cases', which planwatch does not hold: the victims are named only across
    *mens / but*, and the figure's own clause counts something else."""
    cases = claim_of(store, text, language, "5")  # type: ignore[arg-type]
    assert cases.verdict == "not-checked", cases.explanation_en
    assert "named only in another part of the sentence" in cases.explanation_en
    assert claim_of(store, text, language, "39").verdict == "consistent"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "language", "fall"),
    [
        ("Antallet af ofre for menneskehandel steg i 2023 med 39, mens det i 2022 faldt med 7.",
         "da", "faldt med 7"),
        ("I 2023 steg antallet af ofre for menneskehandel med 53,4 pct., mens det i 2022 faldt "
         "med 8,8 pct.", "da", "8,8"),
        ("In 2023 the number of victims of trafficking rose by 39, while in 2022 it fell by 7.",
         "en", "fell by 7"),
    ],
)  # fmt: skip
def test_two_changes_in_two_clauses_each_take_their_own_clauses_year(
    store: Store, text: str, language: str, fall: str
) -> None:
    """Stored: 80 (2021), 73 (2022), 112 (2023). The fall is 2021 → 2022; it was checked 2022 →
    2023 against the rise. A wrong fall is still caught, against the right years."""
    claim = claim_of(store, text, language, fall)  # type: ignore[arg-type]
    assert (claim.years, claim.verdict) == ((2021, 2022), "consistent"), claim.explanation_en
    wrong = text.replace("faldt med 7", "faldt med 10").replace("fell by 7", "fell by 10")
    if wrong != text:
        off = claim_of(store, wrong, language, "10")  # type: ignore[arg-type]
        assert (off.years, off.verdict) == ((2021, 2022), "inconsistent")
        assert "7 fewer" in off.explanation_en


def test_one_change_keeps_the_two_years_its_sentence_names(store: Store) -> None:
    """*en fordobling …: I 2020 … 18 personer, mens det i 2021 var 37* (the dev corpus,
    da-dev-070): one change, between the sentence's two years."""
    text = (
        "Samtidig var der en fordobling i antallet af ofre for menneskehandel: I 2020 drejede det "
        "sig om 77 personer, mens det i 2021 var 80."
    )
    ratio = claim_of(store, text, "da", "fordobling", kind="ratio")
    assert ratio.years == (2020, 2021)
