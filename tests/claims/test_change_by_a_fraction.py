"""A change stated as a fraction (issue 15): *antallet steg med mere end halvdelen*, *an
increase of more than two thirds*, *en stigning på knap en tredjedel* is a change in per cent
(over 50 %, over 66.7 %, just under 33.3 %) between the sentence's years, checked like *en
stigning på over 50 pct.*; before, it was read as a share of the victims and not checked
(held-out set 4, three rows). Only a bound or *knap / godt* is checked; a bare fraction
(*steg med en tredjedel*) is said loosely and is not. Stored: 73 in 2022, 112 in 2023 (+53.4 %);
assessments 182 in 2020, 290 in 2023 (+59.3 %)."""

from __future__ import annotations

import pytest

from planwatch.claims.checking import check
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import claim_of, never_inconsistent, store

__all__ = ["store"]

DA = "I 2023 blev 112 personer vurderet som ofre for menneskehandel mod 73 i 2022 – {change}."
EN = "The number of victims of trafficking {change}, from 73 in 2022 to 112 in 2023."


@pytest.mark.parametrize(
    ("text", "language", "change", "verdict"),
    [
        (DA, "da", "en stigning på over halvdelen", "consistent"),
        (DA, "da", "antallet steg med mere end halvdelen", "consistent"),
        (DA, "da", "en stigning på mere end to tredjedele", "inconsistent"),
        (DA, "da", "antallet faldt med over halvdelen", "inconsistent"),  # the wrong way
        (EN, "en", "rose by more than half", "consistent"),
        (EN, "en", "rose by less than half", "inconsistent"),
        (EN, "en", "fell by more than half", "inconsistent"),
    ],
)
def test_a_change_by_a_bounded_fraction_is_checked_as_a_per_cent(
    store: Store, text: str, language: Language, change: str, verdict: str
) -> None:
    claim = claim_of(store, text.format(change=change), language, change.split()[-1],
                     kind="change")  # fmt: skip
    assert claim.verdict == verdict, claim.explanation_en
    assert claim.years == (2022, 2023)


def test_assessments_up_by_more_than_two_thirds_is_wrong(store: Store) -> None:
    text = (
        "The centre carried out 290 assessments in 2023, up from 182 in 2020 – an increase of "
        "{size}."
    )
    right = claim_of(store, text.format(size="more than half"), "en", "half", kind="change")
    assert right.verdict == "consistent" and right.indicator is not None
    assert right.indicator.code == "assessments"
    wrong = claim_of(store, text.format(size="more than two thirds"), "en", "thirds",
                     kind="change")  # fmt: skip
    assert wrong.verdict == "inconsistent"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (DA.format(change="antallet steg med en tredjedel"), "da"),
        (EN.format(change="rose by about a third"), "en"),
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel; over halvdelen var "
         "kvinder.", "da"),
    ],
)  # fmt: skip
def test_a_loose_fraction_or_a_share_is_no_checked_change(
    store: Store, text: str, language: Language
) -> None:
    report = check(store, text, language=language)
    never_inconsistent(report)
    assert not [c for c in report.claims if c.kind == "change"]
