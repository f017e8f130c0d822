"""*Rejst tiltale mod tre personer* (issue 15): the prosecution's wording (*Tal fra
Rigsadvokaten viser, at der i 2021 er rejst tiltale for menneskehandel mod tre personer*, held-out
set 1) is a count of persons indicted under § 262 a, and *mod* there names who was indicted,
not the other side of a comparison, so the count takes the sentence's year. A real comparison
after an indictment count still leaves the other side's year unsaid. Stored: 3 persons indicted
in 2021."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import claim_of, store, stored_values

__all__ = ["store"]

TEXT = (
    "Tal fra Rigsadvokaten viser, at der i 2021 er rejst tiltale for menneskehandel mod {n} i "
    "Danmark."
)


@pytest.mark.parametrize("persons", ["tre personer", "3 personer"])
def test_an_indictment_against_persons_is_that_years_count(store: Store, persons: str) -> None:
    claim = claim_of(store, TEXT.format(n=persons), "da", persons)
    assert claim.verdict == "consistent"
    assert stored_values(claim) == [("persons_indicted_262a", 2021, Decimal(3))]


def test_a_wrong_indictment_count_is_inconsistent(store: Store) -> None:
    claim = claim_of(store, TEXT.format(n="otte personer"), "da", "otte")
    assert claim.verdict == "inconsistent" and claim.years == (2021,)


def test_a_comparison_after_an_indictment_count_leaves_the_other_years_count_unsaid(
    store: Store,
) -> None:
    text = "I 2021 blev 3 personer tiltalt for menneskehandel mod 29 personer."
    other_side = claim_of(store, text, "da", "29")
    assert other_side.verdict != "inconsistent" and other_side.years == ()


def test_charges_and_indictments_in_one_sentence_are_each_their_own(store: Store) -> None:
    """Held-out set 4's *I 2015 blev der rejst sigtelse i 67 forhold mod i alt 25 personer, og
    29 personer blev tiltalt*: the 25 charged were compared with the 29 indicted (the one term
    the sentence had) and called wrong; *rejst sigtelse* is a word for persons charged. Stored
    for 2015: 25 persons charged, 29 indicted."""
    text = (
        "I 2015 blev der rejst sigtelse i 67 forhold mod i alt {charged} personer, og 29 personer "
        "blev tiltalt."
    )
    charged = claim_of(store, text.format(charged=25), "da", "25 personer")
    assert charged.verdict == "consistent"
    assert stored_values(charged) == [("persons_charged_262a", 2015, Decimal(25))]
    indicted = claim_of(store, text.format(charged=25), "da", "29 personer")
    assert stored_values(indicted) == [("persons_indicted_262a", 2015, Decimal(29))]
    assert indicted.verdict == "consistent"
    wrong = claim_of(store, text.format(charged=52), "da", "52 personer")
    assert wrong.verdict == "inconsistent"
