"""A count after *compared with / mod* is of the part of the figure it is compared with (issue
15), and that figure is the one before a parenthesis of parts, not the last part inside it: in
the TIP report's *In 2021, authorities identified 68 trafficking victims (26 sex trafficking, 31
labor trafficking, 11 other or unspecified), compared with 64 in 2020*, 64 is 2020's total (the
TIP series holds 64), not 2020's unspecified victims (held-out set 1 judged it "not in data").
A parenthesis after the figure compared with changes nothing (*Three … were minors (one of …),
compared with six in 2016*: six minors)."""

from __future__ import annotations

from decimal import Decimal

from planwatch.storage import Store
from tests.claims.checked_texts import EXACT, claim_of, store, stored_values

__all__ = ["store"]

TIP = (
    "In 2021, authorities identified 68 trafficking victims (26 sex trafficking, 31 labor "
    "trafficking, 11 other or unspecified), compared with {n} in 2020."
)


def test_a_count_compared_with_a_figure_before_its_parts_is_a_total(store: Store) -> None:
    right = claim_of(store, TIP.format(n=64), "en", "64", kind="count", at_start=True, view=EXACT)
    assert right.verdict == "consistent"
    assert ("victims_identified_tip", 2020, Decimal(64)) in stored_values(right)
    assert all(s.breakdown == "" for s in right.stored)

    wrong = claim_of(store, TIP.format(n=46), "en", "46", kind="count", at_start=True, view=EXACT)
    assert wrong.verdict == "inconsistent"
    assert all(s.breakdown == "" for s in wrong.stored)


def test_a_parenthesis_after_the_figure_compared_with_keeps_its_part(store: Store) -> None:
    text = (
        "Three of the identified victims were minors (one of sex trafficking, one of forced "
        "criminal activity, and one of which the type of trafficking was not registered), "
        "compared with six in 2016."
    )
    six = claim_of(store, text, "en", "six", kind="count", at_start=True, view=EXACT)
    assert six.years == (2016,)
    assert six.stored and all(s.breakdown == "age_group=under_18" for s in six.stored)
