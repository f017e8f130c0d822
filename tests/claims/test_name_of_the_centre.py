"""*Mod* / *against* in the name of the fight against trafficking compares nothing (issue 15):
in *I 2019 har Center mod Menneskehandel modtaget 316 opkald*, the count after the centre's name
is the sentence's year's, not "the other side of a comparison" (*73 i 2022 mod 64*), whose year
is left unsaid. Found on held-out set 1 (a CMM sentence judged "which year?"). Danish and
English; the comparison itself still holds back the year."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import claim_of, store, stored_values

__all__ = ["store"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2019 har Center mod Menneskehandel modtaget {n} opkald på hotline.", "da"),
        ("I 2019 modtog indsatsen mod menneskehandel {n} opkald til hotlinen.", "da"),
        ("In 2019 the Centre against Trafficking received {n} calls to its hotline.", "en"),
    ],
)
def test_a_count_after_the_centres_name_is_the_sentences_years(
    store: Store, text: str, language: Language
) -> None:
    right = claim_of(store, text.format(n=316), language, "316")
    assert right.verdict == "consistent" and right.years == (2019,)
    assert stored_values(right) == [("hotline_calls", 2019, Decimal(316))]

    wrong = claim_of(store, text.format(n=361), language, "361")
    assert wrong.verdict == "inconsistent" and wrong.years == (2019,)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2019 modtog centret 520 opkald til hotlinen mod 316 opkald.", "da"),
        ("In 2019 the centre received 520 calls to its hotline, against 316 calls.", "en"),
    ],
)
def test_a_real_comparison_still_leaves_the_other_sides_year_unsaid(
    store: Store, text: str, language: Language
) -> None:
    other_side = claim_of(store, text, language, "316")
    assert other_side.verdict != "inconsistent" and other_side.years == ()
