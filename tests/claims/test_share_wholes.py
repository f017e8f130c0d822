"""A share *af det samlede antal (vurderede) ofre*, *of the total number of persons assessed*
is a share of the victims (issue 15): *(det samlede / the total) antal / number (af / of)* before
what a share is of does not make it a share of something else. Danish and English."""

from __future__ import annotations

import pytest

from planwatch.claims.checking import check
from planwatch.claims.report import Claim
from planwatch.domain.permissions import View
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import store

__all__ = ["store"]

DA = "I 2022 blev 48 kvinder vurderet som ofre for menneskehandel. Kvinder udgjorde dermed "
EN = "In 2022, 48 women were assessed as victims of trafficking. Women thus made up "


def _share(store: Store, text: str, language: Language) -> Claim:
    report = check(store, text, language=language, view=View(exact_small_counts=True))
    (share,) = [c for c in report.claims if c.kind == "share"]
    return share


@pytest.mark.parametrize(
    ("text", "language", "verdict"),
    [
        (DA + "knap to tredjedele af det samlede antal vurderede ofre for menneskehandel i "
         "2022.", "da", "consistent"),
        (EN + "almost two thirds of the total number of persons assessed as victims of "
         "trafficking in 2022.", "en", "consistent"),
        (DA + "over tre fjerdedele af det samlede antal vurderede ofre for menneskehandel i "
         "2022.", "da", "inconsistent"),
        (EN + "less than half of the total number of persons assessed as victims of "
         "trafficking in 2022.", "en", "inconsistent"),
    ],
)  # fmt: skip
def test_a_share_of_the_total_number_of_victims(
    store: Store, text: str, language: Language, verdict: str
) -> None:
    share = _share(store, text, language)
    assert share.verdict == verdict, share.explanation_en
    assert share.indicator is not None and share.indicator.code == "victims_assessed"
    values = sorted(int(s.value) for s in share.stored if s.value is not None)
    assert values == [48, 73]  # women 2022 of all 2022


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (DA + "knap to tredjedele af det samlede antal timer i 2022.", "da"),
        (EN + "almost two thirds of the total number of hours in 2022.", "en"),
    ],
)  # fmt: skip
def test_a_share_of_the_total_number_of_something_else_is_not_checked(
    store: Store, text: str, language: Language
) -> None:
    share = _share(store, text, language)
    assert share.verdict == "not-checked", share.explanation_en
