"""*Male victims*, *kvindelige ofre* (issue 15): the adjective names the sex and *victims /
ofre* with it names the victims (data/reference/indicator_terms.csv), so *a total of 37 male
victims* in 2021 is the count of men CMM assessed. Victims of something other than trafficking
(*kvindelige ofre for vold*, *female victims of domestic violence*) are a group planwatch does
not hold: not checked. Danish and English."""

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


def _claim(store: Store, text: str, language: Language, figure: str) -> Claim:
    claims = check(store, text, language=language, view=_EXACT).claims
    found = [c for c in claims if figure in c.text]
    assert len(found) == 1, [(c.kind, c.text, c.verdict) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict"),
    [
        ("I 2021 var der 37 mandlige ofre.", "da", "37", "consistent"),
        ("I 2021 var der 73 mandlige ofre.", "da", "73", "inconsistent"),
        ("In 2021 there was a total of 37 male victims.", "en", "37", "consistent"),
        ("In 2021 there was a total of 73 male victims.", "en", "73", "inconsistent"),
        ("In 2019 there were 41 female victims of human trafficking.", "en", "41", "consistent"),
        ("I 2019 var der 41 kvindelige ofre for menneskehandel.", "da", "41", "consistent"),
    ],
)  # fmt: skip
def test_male_and_female_victims_are_the_sexes(
    store: Store, text: str, language: Language, figure: str, verdict: str
) -> None:
    claim = _claim(store, text, language, figure)
    assert claim.verdict == verdict, claim.explanation_en
    year = 2021 if "2021" in text else 2019
    held = Decimal(37) if year == 2021 else Decimal(41)
    assert ("victims_assessed", year, held) in stored_values(claim)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2019 var der 45 kvindelige ofre for vold i hjemmet.", "da"),
        ("In 2019 there were 45 female victims of domestic violence.", "en"),
        ("In 2019 there were 45 identified victims of domestic violence.", "en"),
    ],
)
def test_victims_of_something_else_are_not_checked(
    store: Store, text: str, language: Language
) -> None:
    assert _claim(store, text, language, "45").verdict == "not-checked"


def test_an_adjective_alone_names_no_total(store: Store) -> None:
    # *mandlige* is the part: never compared with the total of 80
    claim = _claim(store, "I 2021 var der 37 mandlige ofre og 42 kvindelige ofre.", "da", "42")
    assert claim.verdict != "inconsistent", claim.explanation_en
