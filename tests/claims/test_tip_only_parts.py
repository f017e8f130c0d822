"""A part only the TIP report's series holds, in the TIP report's words (issue 15): a count of a
year and part CMM's series holds no figure for (the TIP report's split of 2022: 42 sex
trafficking, 9 labour, 21 unspecified) that is written as the TIP report writes it (*the
authorities identified*, in its own sentence or in the sentence it continues) is checked against
the TIP series; in any other words it stays ``not-in-data``. Danish and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.report import Claim
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import checked, store, stored_values

__all__ = ["store"]


def _claim_for(store: Store, text: str, language: Language, figure: str) -> Claim:
    claims = checked(store, text, language).claims
    found = [c for c in claims if c.text == figure]
    assert len(found) == 1, [(c.text, c.verdict) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("In 2022, the authorities identified 72 victims of trafficking: 42 of sex trafficking "
         "and 12 of unspecified forms.", "en"),
        ("In 2022, the authorities identified 72 victims. Of these, 42 were sex trafficking "
         "victims and 12 were trafficked for unspecified forms.", "en"),
        ("I 2022 identificerede myndighederne 72 ofre for menneskehandel, heraf 42 handlet til "
         "seksuel udnyttelse og 12 med uspecificeret udnyttelse.", "da"),
        ("I 2022 identificerede myndighederne 72 ofre for menneskehandel. Heraf var 42 handlet "
         "til seksuel udnyttelse og 12 udsat for uspecificeret udnyttelse.", "da"),
    ],
)  # fmt: skip
def test_a_wrong_part_in_the_tip_words_is_wrong_about_the_tip_series(
    store: Store, text: str, language: Language
) -> None:
    claim = _claim_for(store, text, language, "12")
    assert claim.verdict == "inconsistent", claim.explanation_en
    assert claim.indicator is not None and claim.indicator.code == "victims_identified_tip"
    assert ("victims_identified_tip", 2022, Decimal(21)) in stored_values(claim)
    assert claim.correct == "21"
    assert "TIP" in claim.explanation_da and "TIP" in claim.explanation_en
    right = _claim_for(store, text, language, "42")
    assert right.verdict == "consistent", right.explanation_en


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        # not in the TIP report's words: CMM's series is meant, and it holds nothing
        ("In 2022, 72 victims of trafficking were assessed: 42 of sex trafficking and 12 of "
         "unspecified forms.", "en", "12"),
        ("I 2022 blev 72 personer vurderet som ofre for menneskehandel, heraf 42 handlet til "
         "seksuel udnyttelse og 12 med uspecificeret udnyttelse.", "da", "12"),
        # a sentence of its own, with its own year and term, after one in the TIP words
        ("In 2022, the authorities identified 72 victims of trafficking. In 2022, 12 victims of "
         "trafficking were of unspecified forms.", "en", "In 2022, 12 victims"),
        # in the TIP words but far from the TIP figure (2 against 21): another measure
        ("In 2022, the authorities identified 72 victims of trafficking: 42 of sex trafficking "
         "and 2 of unspecified forms.", "en", "2"),
        ("I 2022 identificerede myndighederne 72 ofre for menneskehandel, heraf 42 handlet til "
         "seksuel udnyttelse og 2 med uspecificeret udnyttelse.", "da", "2"),
    ],
)  # fmt: skip
def test_near_misses_stay_unjudged(
    store: Store, text: str, language: Language, figure: str
) -> None:
    claim = _claim_for(store, text, language, figure)
    assert claim.verdict in ("not-in-data", "not-checked"), claim.explanation_en
