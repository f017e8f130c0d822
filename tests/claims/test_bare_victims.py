"""*Ofre / victims* standing alone in a text about trafficking (issue 15): *Menneskehandel i
Danmark nåede i 2016 sit højdepunkt med 121 ofre* (held-out set 1) counts the victims planwatch
follows when the sentence or the one before it speaks of trafficking. Without that, or for
victims of something else (*ofre for vold*), the count is not tied to the indicator and never
called wrong. Danish and English; stored: 121 in 2016, 98 in 2017."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.checking import check
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import claim_of, never_inconsistent, store, stored_values

__all__ = ["store"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Menneskehandel i Danmark nåede i {year} sit højdepunkt med 121 ofre.", "da"),
        ("Menneskehandel er et voksende problem. I {year} var der 121 ofre.", "da"),
        ("Human trafficking in Denmark peaked in {year} with 121 victims.", "en"),
        ("Trafficking is a growing problem. In {year} there were 121 victims.", "en"),
    ],
)
def test_bare_victims_in_a_text_about_trafficking_are_the_victims_planwatch_counts(
    store: Store, text: str, language: Language
) -> None:
    right = claim_of(store, text.format(year=2016), language, "121", kind="count")
    assert right.verdict == "consistent"
    assert ("victims_assessed", 2016, Decimal(121)) in stored_values(right)
    wrong = claim_of(store, text.format(year=2017), language, "121", kind="count")
    assert wrong.verdict == "inconsistent"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2016 var der 121 ofre.", "da"),
        ("In 2016 there were 121 victims.", "en"),
    ],
)
def test_bare_victims_in_a_text_not_about_trafficking_are_not_tied_to_it(
    store: Store, text: str, language: Language
) -> None:
    claim = claim_of(store, text, language, "121", kind="count")
    assert claim.verdict == "not-checked" and claim.indicator is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Menneskehandel rammer mange. I 2017 blev 121 kvinder ofre for vold i nære relationer.",
         "da"),
        ("Trafficking affects many. In 2017, 121 women were victims of domestic violence.", "en"),
    ],
)  # fmt: skip
def test_victims_of_something_else_are_never_compared_with_the_victims_of_trafficking(
    store: Store, text: str, language: Language
) -> None:
    never_inconsistent(check(store, text, language=language))
