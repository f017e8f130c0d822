"""CMM named as the source (issue 15): a figure wrong against CMM's series is not called wrong
when it fits the TIP report's figure or is written in the TIP report's words, because two series
may be meant and the text does not say which. A text that names CMM as the source of its figures
(*According to figures from the Danish Centre against Human Trafficking*, *viser tal fra Center
mod Menneskehandel*) says which: the figure is checked against CMM's series. CMM named otherwise
(*referred them to the Centre*) is no source. Danish and English."""

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
    found = [c for c in claims if f" {figure} " in f" {c.text} "]
    assert len(found) == 1, [(c.text, c.verdict) for c in claims]
    return found[0]


@pytest.mark.parametrize(
    ("text", "language", "figure", "year", "right"),
    [
        # the previous sentence names CMM; "that number" in the TIP report's words' paragraph
        ("According to figures from the Danish Centre against Human Trafficking, Danish "
         "officials identified 93 trafficking victims in 2015. As recently as 2008, that number "
         "was just 17.", "en", "17", 2008, 28),
        # the TIP report's figure (68), attributed to CMM (80)
        ("I 2021 blev 68 personer identificeret som ofre for menneskehandel, viser tal fra "
         "Center mod Menneskehandel.", "da", "68", 2021, 80),
        ("According to the Danish Centre against Human Trafficking, 68 persons were identified "
         "as victims of trafficking in 2021.", "en", "68", 2021, 80),
    ],
)  # fmt: skip
def test_a_figure_the_text_gives_as_cmms_is_checked_against_cmm(
    store: Store, text: str, language: Language, figure: str, year: int, right: int
) -> None:
    claim = _claim_for(store, text, language, figure)
    assert claim.verdict == "inconsistent", claim.explanation_en
    assert ("victims_assessed", year, Decimal(right)) in stored_values(claim)
    assert "source" in claim.explanation_en and "kilde" in claim.explanation_da


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        # CMM named, but not as the source of the figure
        ("In 2021, 68 persons were identified as victims of trafficking and referred to the "
         "Danish Centre against Human Trafficking.", "en", "68"),
        ("I 2021 blev 68 personer identificeret som ofre for menneskehandel og henvist til "
         "Center mod Menneskehandel.", "da", "68"),
        # no source named: two series may fit
        ("In 2021, 68 persons were identified as victims of trafficking.", "en", "68"),
        ("In 2015, Danish officials identified 93 trafficking victims. As recently as 2008, that "
         "number was just 17.", "en", "17"),
    ],
)  # fmt: skip
def test_without_cmm_named_as_the_source_two_series_still_fit(
    store: Store, text: str, language: Language, figure: str
) -> None:
    claim = _claim_for(store, text, language, figure)
    assert claim.verdict == "not-checked", claim.explanation_en
