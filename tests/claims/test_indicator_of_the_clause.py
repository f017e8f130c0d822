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
