"""The year in the title of the Centre against Human Trafficking's yearly report (issue 15):
*Menneskehandel i Danmark 2021. Årsrapport*, *årsrapporten 2019*, *Annual report 2019* name the
year the report is about, so the number is a year, not a count. A count in the next sentence
takes it as the previous sentence's one year (found consistent, never called wrong); a count in
the title's own sentence is that year's. The US report's title (*Trafficking in Persons Report
2021*, about the year before) gives no year. Danish and English."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.checking import check
from planwatch.claims.quantities import find_quantities
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
    ("title", "language"),
    [
        ("Menneskehandel i Danmark 2021", "da"),
        ("Årsrapport 2021", "da"),
        ("Human Trafficking in Denmark 2021", "en"),
        ("Annual report 2021", "en"),
    ],
)
def test_a_report_title_names_a_year(title: str, language: Language) -> None:
    (quantity,) = find_quantities(title, language)
    assert (quantity.kind, quantity.value, quantity.role) == ("year", Decimal(2021), "point")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Menneskehandel i Danmark 2021. Årsrapport 80 personer er vurderet som ofre for "
         "menneskehandel.", "da"),
        ("Human Trafficking in Denmark 2021. In all, 80 persons were assessed as victims of "
         "trafficking.", "en"),
    ],
)  # fmt: skip
def test_the_next_sentence_takes_the_title_year(
    store: Store, text: str, language: Language
) -> None:
    claim = _claim(store, text, language, "80")
    assert claim.verdict == "consistent", claim.explanation_en
    assert ("victims_assessed", 2021, Decimal(80)) in stored_values(claim)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Menneskehandel i Danmark 2021. Årsrapport 81 personer er vurderet som ofre for "
         "menneskehandel.", "da"),
        ("Human Trafficking in Denmark 2021. In all, 81 persons were assessed as victims of "
         "trafficking.", "en"),
    ],
)  # fmt: skip
def test_a_title_year_from_the_previous_sentence_never_makes_a_count_wrong(
    store: Store, text: str, language: Language
) -> None:
    assert _claim(store, text, language, "81").verdict == "not-checked"


@pytest.mark.parametrize(
    ("text", "language", "verdict"),
    [
        ("Årsrapport 2019: 64 personer blev vurderet som ofre for menneskehandel.", "da",
         "consistent"),
        ("Årsrapport 2019: 46 personer blev vurderet som ofre for menneskehandel.", "da",
         "inconsistent"),
        ("Annual report 2019: 46 persons were assessed as victims of trafficking.", "en",
         "inconsistent"),
    ],
)  # fmt: skip
def test_a_count_in_the_titles_sentence_is_that_years(
    store: Store, text: str, language: Language, verdict: str
) -> None:
    claim = _claim(store, text, language, "persone" if language == "da" else "persons")
    assert claim.verdict == verdict, claim.explanation_en
    assert claim.years == (2019,)


def test_the_us_reports_title_gives_no_year(store: Store) -> None:
    text = "Trafficking in Persons Report 2021: 64 persons were assessed as victims of trafficking."
    claim = _claim(store, text, "en", "64")
    assert claim.verdict == "not-checked"
    assert claim.years == ()
