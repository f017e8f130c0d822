"""The figure a change arrives at (issue 15; round 37's "left" list and round 38's attacking
sentences): in *faldt fra 2021 til 2022 med 7 personer til 73* the 73 was read as a figure for
the period 2021-2022 and not checked; in *steg fra 2022 til 2023 med 39 til i alt 112* the 112
was read as the total of 2022-2023 and judged **inconsistent** (185) - a false alarm on a true
sentence. A count that *til* / *to* brings right after a change between two years of its own
sentence is the later year's figure.

Stored (demo database): persons assessed as victims 80 (2021), 73 (2022), 112 (2023)."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import checked, claim_of, never_inconsistent, store

__all__ = ["store"]

CASES = [
    ("Antallet af personer vurderet som ofre for menneskehandel faldt fra 2021 til 2022 med 7 "
     "personer til 73.", "da", "73", 2022, "consistent"),
    ("Antallet af personer vurderet som ofre for menneskehandel faldt fra 2021 til 2022 med 5 "
     "personer til 75.", "da", "75", 2022, "inconsistent"),
    ("Antallet af ofre for menneskehandel steg fra 2022 til 2023 med 39 til i alt 112.",
     "da", "112", 2023, "consistent"),
    ("Antallet af personer vurderet som ofre for menneskehandel steg fra 2022 til 2023 med 39 "
     "til 113.", "da", "113", 2023, "inconsistent"),
    ("Antallet af personer vurderet som ofre for menneskehandel steg fra 2022 til 2023 med 53 "
     "pct. til 112.", "da", "112", 2023, "consistent"),
    ("The number of persons assessed as victims of trafficking rose from 2022 to 2023 by 39 to "
     "112.", "en", "112", 2023, "consistent"),
    ("The number of persons assessed as victims of trafficking rose from 2022 to 2023 by 39 to "
     "a total of 112.", "en", "112", 2023, "consistent"),
    ("The number of persons assessed as victims of trafficking fell from 2021 to 2022 by 7 to "
     "75.", "en", "75", 2022, "inconsistent"),
    # a later clause's year is not the level's: 112 is 2023's, not 2024's
    ("Antallet af ofre for menneskehandel steg fra 2022 til 2023 med 39 til 112 og faldt "
     "derefter til 100 i 2024.", "da", "112", 2023, "consistent"),
    ("The number of victims of trafficking rose from 2022 to 2023 by 39 to 112 and then fell "
     "to 100 in 2024.", "en", "112", 2023, "consistent"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language", "figure", "year", "verdict"), CASES)
def test_the_figure_a_change_arrives_at_is_the_later_years(
    store: Store, text: str, language: str, figure: str, year: int, verdict: str
) -> None:
    claim = claim_of(store, text, language, figure, kind="count")  # type: ignore[arg-type]
    assert (claim.verdict, claim.years) == (verdict, (year,)), claim.explanation_en
    if verdict == "consistent":
        never_inconsistent(checked(store, text, language))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "language", "figure", "kind", "verdict"),
    [
        # a period's total with no change before it: a total, as before
        ("Fra 2020 til 2023 blev i alt 342 personer vurderet som ofre for menneskehandel.", "da",
         "342", "total", "consistent"),
        ("Fra 2020 til 2023 blev i alt 300 personer vurderet som ofre for menneskehandel.", "da",
         "300", "total", "inconsistent"),
        # the count names its own year: that year, as before
        ("Antallet af personer vurderet som ofre for menneskehandel steg fra 2022 til 2023 med 39 "
         "til 112 i 2023.", "da", "112", "count", "consistent"),
    ],
)  # fmt: skip
def test_near_cases_keep_their_reading(
    store: Store, text: str, language: str, figure: str, kind: str, verdict: str
) -> None:
    claim = claim_of(store, text, language, figure, kind=kind)  # type: ignore[arg-type]
    assert claim.verdict == verdict, claim.explanation_en


def test_a_count_after_a_change_without_til_is_not_its_level(store: Store) -> None:
    """*steg fra 2022 til 2023 med 39, og 185 blev vurderet i de to år*: no *til* before 185,
    so it is not the later year's figure."""
    text = (
        "Antallet af personer vurderet som ofre for menneskehandel steg fra 2022 til 2023 med 39, "
        "og i alt 185 blev vurderet i de to år."
    )
    claims = checked(store, text, "da").claims
    assert not [c for c in claims if "185" in c.text and c.kind == "count"], claims
    never_inconsistent(checked(store, text, "da"))
