"""*One* in a list of counts (issue 15): *one* / *en* is an article unless it stands before what
it counts, or is an item of a list of counts each with its verb (*22 were male, 41 were female,
and one identified as transgender*; *86 were sex trafficking victims, one was labor
trafficking*). Then it is the number 1, checked as any count. Danish and English."""

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

_EXACT = View(exact_small_counts=True)  # a count of one is a small count: seen exactly here


def _claims(store: Store, text: str, language: Language) -> tuple[Claim, ...]:
    return check(store, text, language=language, view=_EXACT).claims


def _one(store: Store, text: str, language: Language, word: str) -> Claim:
    found = [c for c in _claims(store, text, language) if c.text == word]
    assert len(found) == 1, [(c.text, c.verdict) for c in _claims(store, text, language)]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language", "word", "indicator", "year"),
    [
        ("Authorities identified 64 trafficking victims in 2019. Of these victims, 22 were male, "
         "41 were female, and one identified as transgender.", "en", "one", "victims_assessed",
         2019),
        ("Authorities identified 98 trafficking victims in 2017. Of these, 86 were sex "
         "trafficking victims, one was labor trafficking, five were forced to commit crimes.",
         "en", "one", "victims_identified_tip", 2017),
        ("I 2019 blev 64 personer vurderet som ofre for menneskehandel. Af dem var 22 mænd, 41 "
         "var kvinder, og en var transkønnet.", "da", "en", "victims_assessed", 2019),
    ],
)  # fmt: skip
def test_one_in_a_list_of_counts_is_a_count(
    store: Store, text: str, language: Language, word: str, indicator: str, year: int
) -> None:
    claim = _one(store, text, language, word)
    assert claim.kind == "count"
    assert claim.verdict == "consistent", claim.explanation_en
    assert (indicator, year, Decimal(1)) in stored_values(claim)


def test_a_wrong_one_in_a_list_is_caught(store: Store) -> None:
    text = (
        "Authorities identified 98 trafficking victims in 2017. Of these, 86 were sex "
        "trafficking victims, one was trafficked for other forms of exploitation."
    )
    claim = _one(store, text, "en", "one")
    assert claim.verdict == "inconsistent", claim.explanation_en
    assert claim.correct == "3"


@pytest.mark.parametrize(
    ("text", "language", "word"),
    [
        # a pronoun, not an item of a list of counts with their verbs
        ("In 2019, 64 victims were identified, and one of them told her story.", "en", "one"),
        ("In 2019, the police identified one victim, and one was sentenced.", "en", "one"),
        ("I 2019 blev 64 personer vurderet som ofre for menneskehandel, og en af dem fortalte "
         "sin historie.", "da", "en"),
        ("I 2019 blev 64 personer vurderet som ofre for menneskehandel, 22 var mænd, og en "
         "fortalte sin historie til pressen.", "da", "en"),
    ],
)  # fmt: skip
def test_one_as_a_pronoun_is_no_figure(
    store: Store, text: str, language: Language, word: str
) -> None:
    claims = _claims(store, text, language)
    assert all(c.text != word for c in claims), [(c.text, c.verdict) for c in claims]
    assert all(c.verdict != "inconsistent" for c in claims)
