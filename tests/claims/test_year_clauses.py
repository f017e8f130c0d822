"""A count in a relative clause after a year is that year's (issue 15): *færre … end i 2016,
hvor 121 personer blev vurderet som ofre*, *fewer … than in 2017, when 98 people were assessed
as victims*. Before, the count took the sentence's first year, and a true sentence was judged
inconsistent (found by the second held-out set). Where the clause follows a list of years,
which year it is about is unsaid: not judged against another year. Danish and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.checking import check
from planwatch.claims.report import Claim
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import never_inconsistent, store, stored_values

__all__ = ["store"]

DA = (
    "I 2018 blev færre vurderet som ofre for menneskehandel end i 2016, hvor {n} personer blev "
    "vurderet som ofre."
)
EN = (
    "Fewer people were assessed as victims of trafficking in 2019 than in 2017, when {n} people "
    "were assessed as victims."
)


def _claim(store: Store, text: str, language: Language, figure: str) -> Claim:
    claims = check(store, text, language=language).claims
    found = [c for c in claims if f" {figure} " in f" {c.text} "]
    assert len(found) == 1, [(c.text, c.verdict) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language", "figure", "year"),
    [(DA.format(n=121), "da", "121", 2016), (EN.format(n=98), "en", "98", 2017)],
)
def test_a_count_in_a_clause_after_a_year_is_that_years(
    store: Store, text: str, language: Language, figure: str, year: int
) -> None:
    never_inconsistent(check(store, text, language=language))
    claim = _claim(store, text, language, figure)
    assert claim.verdict == "consistent", claim.explanation_en
    assert claim.years == (year,)
    assert ("victims_assessed", year, Decimal(figure)) in stored_values(claim)


@pytest.mark.parametrize(
    ("text", "language", "figure", "year", "right"),
    [(DA.format(n=112), "da", "112", 2016, "121"), (EN.format(n=89), "en", "89", 2017, "98")],
)
def test_a_wrong_count_in_the_clause_is_wrong_for_that_year(
    store: Store, text: str, language: Language, figure: str, year: int, right: str
) -> None:
    claim = _claim(store, text, language, figure)
    assert claim.verdict == "inconsistent", claim.explanation_en
    assert claim.years == (year,)
    assert claim.correct is not None and right in claim.correct


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("I 2018 blev færre vurderet som ofre for menneskehandel end i 2015 og 2016, hvor 121 "
         "personer blev vurderet som ofre.", "da", "121"),
        ("Fewer people were assessed as victims of trafficking in 2019 than in 2016 and 2017, "
         "when 98 people were assessed as victims.", "en", "98"),
    ],
)  # fmt: skip
def test_a_clause_after_a_list_of_years_is_not_judged_against_the_first_year(
    store: Store, text: str, language: Language, figure: str
) -> None:
    never_inconsistent(check(store, text, language=language))
    claim = _claim(store, text, language, figure)
    assert claim.verdict == "not-checked", claim.explanation_en


SINCE_DA = "Antallet er næsten fordoblet siden 2020, hvor {n} mænd blev vurderet som handlet."
SINCE_EN = "Since 2016, when {n} persons were assessed as victims of trafficking, the number fell."


@pytest.mark.parametrize(
    ("text", "language", "figure", "year", "right"),
    [
        (SINCE_DA.format(n=21), "da", "21", 2020, 21),
        (SINCE_EN.format(n=121), "en", "121", 2016, 121),
        (SINCE_DA.format(n=12), "da", "12", 2020, 21),
        (SINCE_EN.format(n=112), "en", "112", 2016, 121),
    ],
)
def test_a_count_in_a_past_clause_after_a_since_year_is_that_years(
    store: Store, text: str, language: Language, figure: str, year: int, right: int
) -> None:
    """*siden 2020, hvor 21 mænd blev …*: the count is 2020's, not a total from 2020 on."""
    claim = _claim(store, text, language, figure)
    assert claim.kind == "count"
    assert claim.years == (year,)
    assert claim.verdict == ("consistent" if figure == str(right) else "inconsistent")
    assert any(v[1] == year and v[2] == Decimal(right) for v in stored_values(claim))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the perfect: what has happened since, a total over the years
        ("Siden 2021, hvor 153 personer er blevet vurderet som ofre for menneskehandel, er der "
         "sket meget.", "da"),
        ("Since 2021, when 153 persons have been assessed as victims of trafficking, much has "
         "changed.", "en"),
        # a word for a total
        ("Siden 2021, hvor i alt 153 personer blev vurderet som ofre for menneskehandel, er der "
         "sket meget.", "da"),
    ],
)  # fmt: skip
def test_a_total_since_a_year_stays_a_total(store: Store, text: str, language: Language) -> None:
    claim = _claim(store, text, language, "153")
    assert claim.kind == "total", (claim.kind, claim.explanation_en)
    never_inconsistent(check(store, text, language=language))
