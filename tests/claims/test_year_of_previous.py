"""A year from the previous sentence (issue 15): a count in a sentence that names no year takes
the one year the previous sentence of its paragraph names (*2018 adskiller sig … . Ud af 97
handlede personer er 61 mænd*). It may agree; it is never called wrong, since the sentence may be
about another year. Two years, a *since* year or another paragraph give it no year. Danish and
English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.report import Claim
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import checked, never_inconsistent, store, stored_values

__all__ = ["store"]

_DA = "2018 adskiller sig ved, at flertallet af ofre for menneskehandel er mænd."
_EN = "2018 stood out: most victims of trafficking were men."


def _claim_for(store: Store, text: str, language: Language, figure: str) -> Claim:
    claims = checked(store, text, language).claims
    found = [c for c in claims if c.text.startswith(figure)]
    assert len(found) == 1, [(c.text, c.verdict) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language", "figure", "value"),
    [
        (f"{_DA} Ud af 97 handlede personer er 61 mænd.", "da", "97", 97),
        (f"{_DA} Ud af 97 handlede personer er 61 mænd.", "da", "61", 61),
        (f"{_DA} Ud af 97 personer er 61 mænd, hvoraf 45 er blevet handlet til tvangsarbejde.",
         "da", "45", 45),
        (f"{_EN} Of 97 persons, 61 were men.", "en", "97", 97),
        (f"{_EN} Of 97 persons, 61 were men.", "en", "61", 61),
    ],
)  # fmt: skip
def test_a_count_takes_the_one_year_of_the_previous_sentence(
    store: Store, text: str, language: Language, figure: str, value: int
) -> None:
    claim = _claim_for(store, text, language, figure)
    assert claim.verdict == "consistent", claim.explanation_en
    assert claim.years == (2018,)
    assert ("victims_assessed", 2018, Decimal(value)) in stored_values(claim)
    assert "2018" in claim.explanation_en and "previous sentence" in claim.explanation_en
    assert "foregående sætning" in claim.explanation_da


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        (f"{_DA} Ud af 97 handlede personer er 62 mænd.", "da", "62"),
        (f"{_DA} Ud af 98 handlede personer er 61 mænd.", "da", "98"),
        (f"{_EN} Of 97 persons, 62 were men.", "en", "62"),
        # carried on to the next sentence: still only the likely year, never called wrong
        (f"{_DA} Ud af 97 personer er 61 mænd. Af dem er 44 handlet til tvangsarbejde.", "da",
         "44"),
        # an event's year, then a count: the count may be for any year
        ("I 2016 ændrede regeringen loven. 64 personer blev vurderet som ofre for "
         "menneskehandel.", "da", "64"),
        ("In 2016 the government changed the law. 64 persons were assessed as victims of "
         "trafficking.", "en", "64"),
    ],
)  # fmt: skip
def test_a_count_with_the_previous_sentence_year_is_never_called_wrong(
    store: Store, text: str, language: Language, figure: str
) -> None:
    never_inconsistent(checked(store, text, language))
    claim = _claim_for(store, text, language, figure)
    assert claim.verdict == "not-checked", claim.explanation_en


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        # two years before: which one is not said
        ("I 2017 og 2018 var flertallet af ofre for menneskehandel mænd. Ud af 97 personer er 61 "
         "mænd.", "da", "61"),
        ("In 2017 and 2018 most victims of trafficking were men. Of 97 persons, 61 were men.",
         "en", "61"),
        # a since year is not the year of a count
        ("Siden 2018 har flertallet af ofre for menneskehandel været mænd. Ud af 97 personer er "
         "61 mænd.", "da", "61"),
        # another paragraph
        (f"{_DA}\n\nUd af 97 personer er 61 mænd.", "da", "61"),
        # a count that may be within a part the previous sentence counts (men in forced labour)
        ("I 2018 blev 46 personer vurderet som ofre for menneskehandel til tvangsarbejde. 61 er "
         "mænd.", "da", "61"),
        ("In 2018, 46 persons were assessed as victims of trafficking for forced labour. 61 were "
         "men.", "en", "61"),
        (f"{_EN}\n\nOf 97 persons, 61 were men.", "en", "61"),
    ],
)  # fmt: skip
def test_no_single_year_before_gives_no_year(
    store: Store, text: str, language: Language, figure: str
) -> None:
    claim = _claim_for(store, text, language, figure)
    assert claim.years == (), claim.years
    assert claim.verdict == "not-checked", claim.explanation_en
