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

from planwatch.claims.checking import check
from planwatch.claims.report import Claim
from planwatch.domain.permissions import View
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import store, stored_values

__all__ = ["store"]

VA = "victims_assessed"
_EXACT = View(exact_small_counts=True)


def _claim(store: Store, text: str, language: Language, figure: str) -> Claim:
    claims = check(store, text, language=language, view=_EXACT).claims
    found = [c for c in claims if c.kind == "count" and figure in c.text]
    assert len(found) == 1, [(c.kind, c.text, c.verdict) for c in claims]
    return found[0]


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
    whole = _claim(store, text.format(n=38), language, "64")
    assert whole.verdict == "consistent" and stored_values(whole) == [(VA, 2019, Decimal(64))]

    part = _claim(store, text.format(n=38), language, "38")
    assert part.verdict == "consistent"
    assert [s.breakdown for s in part.stored] == ["exploitation=sexual"]

    wrong = _claim(store, text.format(n=48), language, "48")
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
    right = _claim(store, text.format(n=41), language, "41")
    assert right.verdict == "consistent"
    assert [s.breakdown for s in right.stored] == ["sex=female"]
    assert _claim(store, text.format(n=38), language, "38").verdict == "inconsistent"


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
    claim = _claim(store, text, language, "38")
    assert claim.verdict == "not-checked"
