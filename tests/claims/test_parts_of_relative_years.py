"""A part of a count whose year a relative phrase names (issue 15): *Året efter var tallet 77
personer – heraf var 44 handlet til seksuel udnyttelse* — the 44 is of the year after too, not
of the previous sentence's year. A count of such a sentence that is not tied to it by *heraf /
hvoraf / af dem / of whom / of these* gets no year from the previous sentence. Danish and
English."""

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

_EXACT = View(exact_small_counts=True)
_DA = "I 2019 var der 64 ofre for menneskehandel. Året efter var tallet 77 personer"
_EN = (
    "In 2019, 64 persons were assessed as victims of trafficking. The following year the "
    "number was 77"
)


def _claim(store: Store, text: str, language: Language, figure: str) -> Claim:
    claims = check(store, text, language=language, view=_EXACT).claims
    found = [c for c in claims if c.text == figure or c.text.startswith(f"{figure} ")]
    assert len(found) == 1, [(c.kind, c.text, c.verdict) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (f"{_DA} – heraf var 45 af dem handlet til seksuel udnyttelse.", "da"),
        (f"{_EN}, of whom 45 were trafficked for sexual exploitation.", "en"),
    ],
)
def test_a_part_takes_the_relative_year(store: Store, text: str, language: Language) -> None:
    claim = _claim(store, text, language, "45")
    assert claim.verdict == "consistent", claim.explanation_en
    assert claim.years == (2020,)
    assert ("victims_assessed", 2020, Decimal(45)) in stored_values(claim)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (f"{_DA} – heraf var 44 af dem handlet til seksuel udnyttelse.", "da"),
        (f"{_EN}, of whom 44 were trafficked for sexual exploitation.", "en"),
    ],
)
def test_a_wrong_part_of_the_relative_year_is_caught(
    store: Store, text: str, language: Language
) -> None:
    claim = _claim(store, text, language, "44")
    assert claim.verdict == "inconsistent", claim.explanation_en
    assert claim.years == (2020,)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # 38 is 2019's sexual exploitation: the sentence is about 2020, so it is no match
        (f"{_DA}, og 38 blev handlet til seksuel udnyttelse.", "da"),
        (f"{_EN}, and 38 were trafficked for sexual exploitation.", "en"),
    ],
)
def test_no_year_from_the_previous_sentence_beside_a_relative_year(
    store: Store, text: str, language: Language
) -> None:
    claim = _claim(store, text, language, "38")
    assert claim.verdict == "not-checked", claim.explanation_en
    assert claim.years == ()
