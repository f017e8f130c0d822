"""A remark between dashes after a count (issue 15). CMM writes *Af de 64 vurderede ofre for
menneskehandel i 2019 er 38 personer – og hermed størsteparten – handlet til seksuel
udnyttelse*: the count is of the part named after the remark, which names no part itself, so
it is read past (held-out set 1 left both counts "which part?"). A remark that names a part is
kept: alone it may be what the count is of (*41 personer – alle kvinder – …*); with another
part after it (*38 persons – most of them women – were trafficked for sexual exploitation*)
which part the count is of is unclear, and it is not checked, never called wrong. Danish and
English; stored figures for 2019: 64 in all, 38 for sexual exploitation, 41 women."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import EXACT, claim_of, store, stored_values

__all__ = ["store"]

VA = "victims_assessed"


READ_PAST = [
    (
        "Af de 64 vurderede ofre for menneskehandel i 2019 er {n} personer – og hermed "
        "størsteparten – handlet til seksuel udnyttelse primært i form af prostitution.",
        "da",
    ),
    (
        "Of the 64 persons assessed as victims of trafficking in 2019, {n} persons - the "
        "majority - were trafficked for sexual exploitation.",
        "en",
    ),
]


@pytest.mark.parametrize(("text", "language"), READ_PAST)
def test_a_count_is_of_the_part_named_after_a_remark_that_names_none(
    store: Store, text: str, language: Language
) -> None:
    whole = claim_of(store, text.format(n=38), language, "64", kind="count", view=EXACT)
    assert whole.verdict == "consistent" and stored_values(whole) == [(VA, 2019, Decimal(64))]

    part = claim_of(store, text.format(n=38), language, "38", kind="count", view=EXACT)
    assert part.verdict == "consistent"
    assert [s.breakdown for s in part.stored] == ["exploitation=sexual"]

    wrong = claim_of(store, text.format(n=48), language, "48", kind="count", view=EXACT)
    assert wrong.verdict == "inconsistent"
    assert [(s.breakdown, s.value) for s in wrong.stored] == [("exploitation=sexual", Decimal(38))]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2019 blev {n} personer – alle kvinder – vurderet som ofre for menneskehandel.", "da"),
        ("In 2019, {n} persons – all of them women – were assessed as victims of trafficking.",
         "en"),
    ],
)  # fmt: skip
def test_a_remark_that_names_a_part_alone_is_what_the_count_is_of(
    store: Store, text: str, language: Language
) -> None:
    right = claim_of(store, text.format(n=41), language, "41", kind="count", view=EXACT)
    assert right.verdict == "consistent"
    assert [s.breakdown for s in right.stored] == ["sex=female"]
    wrong = claim_of(store, text.format(n=38), language, "38", kind="count", view=EXACT)
    assert wrong.verdict == "inconsistent"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2019 blev 38 personer - de fleste kvinder - handlet til seksuel udnyttelse.", "da"),
        ("In 2019, 38 persons - most of them women - were trafficked for sexual exploitation.",
         "en"),
    ],
)  # fmt: skip
def test_a_part_in_a_remark_and_another_after_it_leave_the_count_unchecked(
    store: Store, text: str, language: Language
) -> None:
    """Before, the remark's *women* was taken as the count's part and a true sentence was
    judged wrong against the 41 women."""
    claim = claim_of(store, text, language, "38", kind="count", view=EXACT)
    assert claim.verdict == "not-checked"
