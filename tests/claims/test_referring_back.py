"""A sentence that refers back to the previous sentence's count (issue 15): *Of these victims*,
*N of the (identified) victims*, *N af de (handlede) personer*, *N af ofrene* take the year,
part and indicator of the previous sentence's main count: not a count in a parenthesis, not
the other side of a comparison (*a decrease from 97 in 2018 and 98 in 2017*); years in the
sentence's own parenthesis or after a comparison do not stop it. Danish and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.checking import check
from planwatch.claims.report import CheckReport, Claim
from planwatch.domain.permissions import View
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import never_inconsistent, store, stored_values

__all__ = ["store"]

ENGLISH_2019 = (
    "In 2019, 64 persons were assessed as victims of trafficking (38 for sexual exploitation, "
    "17 for forced labour), a decrease from 97 in 2018 and 98 in 2017."
)
DANISH_2019 = (
    "I 2019 blev 64 personer vurderet som ofre for menneskehandel, heraf 41 kvinder, et fald "
    "fra 97 i 2018."
)


def checked(store: Store, text: str, language: Language) -> CheckReport:
    """Checked by a reader who may see exact small counts (parts of a year's victims are)."""
    return check(store, text, language=language, view=View(exact_small_counts=True))


def _claim(store: Store, text: str, language: Language, figure: str) -> Claim:
    claims = checked(store, text, language).claims
    found = [c for c in claims if c.text.startswith(figure)]
    assert len(found) == 1, [(c.text, c.verdict) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language", "figure", "breakdown", "value"),
    [
        (f"{ENGLISH_2019} Of these victims, 22 were men.", "en", "22", "male", 22),
        (f"{ENGLISH_2019} Six of the assessed victims were under 18 (ten in 2018).", "en",
         "Six", "under_18", 6),
        (f"{DANISH_2019} 22 af de handlede personer var mænd.", "da", "22", "male", 22),
        (f"{DANISH_2019} Seks af ofrene var under 18 år.", "da", "Seks", "under_18", 6),
    ],
)  # fmt: skip
def test_a_part_of_the_previous_main_count_takes_its_year(
    store: Store, text: str, language: Language, figure: str, breakdown: str, value: int
) -> None:
    never_inconsistent(checked(store, text, language))
    claim = _claim(store, text, language, figure)
    assert claim.verdict == "consistent", claim.explanation_en
    assert claim.years == (2019,)
    assert ("victims_assessed", 2019, Decimal(value)) in stored_values(claim)
    assert all(s.breakdown for s in claim.stored), breakdown  # a part, not the total


@pytest.mark.parametrize(
    ("text", "language", "figure", "right"),
    [
        (f"{ENGLISH_2019} Of these victims, 21 were men.", "en", "21", "22"),
        (f"{ENGLISH_2019} Nine of the assessed victims were under 18.", "en", "Nine", "6"),
        (f"{DANISH_2019} 23 af de handlede personer var mænd.", "da", "23", "22"),
        (f"{DANISH_2019} Ni af ofrene var under 18 år.", "da", "Ni", "6"),
    ],
)  # fmt: skip
def test_a_wrong_part_is_wrong_for_the_main_count_year(
    store: Store, text: str, language: Language, figure: str, right: str
) -> None:
    claim = _claim(store, text, language, figure)
    assert claim.verdict == "inconsistent", claim.explanation_en
    assert claim.years == (2019,)
    assert claim.correct is not None and right in claim.correct


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        # the sentence names its own year: nothing is carried
        (f"{ENGLISH_2019} Of these victims, 22 were men in 2021.", "en", "22"),
        # does not open by referring back
        (f"{DANISH_2019} Der var 22 mænd på centret.", "da", "22"),
    ],
)  # fmt: skip
def test_near_misses_take_no_year_from_the_previous_sentence(
    store: Store, text: str, language: Language, figure: str
) -> None:
    claim = _claim(store, text, language, figure)
    assert claim.verdict != "inconsistent", claim.explanation_en
    assert 2019 not in claim.years
