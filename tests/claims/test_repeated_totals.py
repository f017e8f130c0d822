"""A total over years named again at the start of the next sentence (*Af de 1.121 personer …*,
*Of the 1,121 persons …*) is the same total over the same years; its parts are never checked
against one year, and neither is a share in that sentence (issue 15). Danish and English."""

from __future__ import annotations

import pytest

from planwatch.claims.checking import check
from planwatch.claims.report import Claim
from planwatch.domain.permissions import View
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import store

__all__ = ["store"]

DA = "Fra 2007 til og med 2022 blev i alt {n} personer vurderet som ofre for menneskehandel. "
EN = "From 2007 to 2022, a total of {n} persons were assessed as victims of trafficking. "


def _claims(store: Store, text: str, language: Language) -> list[Claim]:
    return list(check(store, text, language=language, view=View(exact_small_counts=True)).claims)


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict"),
    [
        (DA.format(n="1.121") + "Af de 1.121 personer var 800 kvinder.", "da", "1.121 personer",
         "consistent"),
        (EN.format(n="1,121") + "Of the 1,121 persons, 800 were women.", "en", "1,121 persons",
         "consistent"),
        (DA.format(n="1.211") + "Af de 1.211 personer var 800 kvinder.", "da", "1.211 personer",
         "inconsistent"),
        (EN.format(n="1,211") + "Of the 1,211 persons, 800 were women.", "en", "1,211 persons",
         "inconsistent"),
    ],
)  # fmt: skip
def test_the_repeated_total_is_the_same_total(
    store: Store, text: str, language: Language, figure: str, verdict: str
) -> None:
    claims = _claims(store, text, language)
    (repeated,) = [c for c in claims if c.text == figure]
    assert repeated.kind == "total"
    assert repeated.verdict == verdict, repeated.explanation_en
    assert repeated.years == (2007, 2022)
    assert [int(s.value) for s in repeated.stored if s.value is not None] == [1121]
    if verdict == "inconsistent":
        assert repeated.correct is not None and "1" in repeated.correct
    # 800 women over 2007-2022: planwatch holds no such part; never checked against 2022
    (part,) = [c for c in claims if c.text.startswith("800")]
    assert part.verdict in ("not-checked", "not-in-data"), part.explanation_en


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (DA.format(n="1.121") + "Af de 1.121 personer var over 80 procent kvinder.", "da"),
        (EN.format(n="1,121") + "Of the 1,121 persons, more than 80 per cent were women.", "en"),
        (DA.format(n="1.121") + "Af de 1.121 personer var 48 kvinder.", "da"),
    ],
)  # fmt: skip
def test_nothing_after_a_total_over_years_is_checked_against_one_year(
    store: Store, text: str, language: Language
) -> None:
    claims = _claims(store, text, language)
    assert all(c.verdict != "inconsistent" for c in claims), [
        (c.text, c.explanation_en) for c in claims
    ]
    assert all(2022 not in c.years or c.kind == "total" for c in claims)
