"""A count in brackets right after a year is that year's (issue 15; round 37's attacking
sentences): in *Denmark identified fewer victims in 2022 (73) than in 2021 (80)* (true) the 80
was read as 2022's - the year after *than in* is the other side of the comparison, so the count
took the sentence's point year - and judged inconsistent: a false alarm.

Stored (demo database): persons assessed as victims 80 (2021), 73 (2022)."""

from __future__ import annotations

import pytest

from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import checked, claim_of, never_inconsistent, store

__all__ = ["store"]


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict", "year"),
    [
        ("Denmark identified fewer victims in 2022 (73) than in 2021 (80).", "en", "80",
         "consistent", 2021),
        ("Danmark identificerede færre ofre for menneskehandel i 2022 (73) end i 2021 (80).",
         "da", "80", "consistent", 2021),
        ("Denmark identified fewer victims in 2022 (73) than in 2021 (83).", "en", "83",
         "inconsistent", 2021),
        # the first bracket, as before
        ("Denmark identified fewer victims in 2022 (73) than in 2021 (80).", "en", "73",
         "consistent", 2022),
    ],
)  # fmt: skip
def test_a_count_in_brackets_after_a_year_is_that_years(
    store: Store, text: str, language: Language, figure: str, verdict: str, year: int
) -> None:
    report = checked(store, text, language)
    claim = [c for c in report.claims if c.text.endswith(figure)]
    assert len(claim) == 1, [c.text for c in report.claims]
    assert (claim[0].verdict, claim[0].years) == (verdict, (year,)), claim[0].explanation_en
    if verdict == "consistent":
        never_inconsistent(report)


def test_a_count_in_brackets_after_a_list_of_years_has_no_year(store: Store) -> None:
    claim = claim_of(store, "In 2015 and 2016 (121) many victims of trafficking were identified.",
                     "en", "121")  # fmt: skip
    assert claim.verdict == "not-checked" and claim.years == ()
