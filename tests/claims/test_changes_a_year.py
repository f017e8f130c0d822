"""Two false alarms on true sentences, found by attacking round 36's figure for each year (issue
15):

- **A change a year** was checked as the change from the first year to the last: *Antallet …
  er siden 2019 steget med omkring 12 personer om året* (48 more from 2019 to 2023 is 12 a
  year) and *has risen by 15 percent a year* (64 → 112 in four years is 15.0 % compounded) were
  both judged inconsistent. *Om året / a year* is now a rate (the average, compounded for a per
  cent), *hvert år / every year* every year's own change; a change a year is consistent when
  its reading holds and otherwise not checked - never inconsistent.
- **Danish word order**: *Fra 2022 til 2023 steg antallet af ofre for menneskehandel med 39*
  (the subject after the verb) was read as a total of 2022-2023 (39 against 185), and *steg med
  39 i forhold til 2022* as 39 *forhold* (counts of a charge). Both are the difference 73 → 112.

Stored (demo database): persons assessed as victims 64 (2019), 77 (2020), 80 (2021), 73
(2022), 112 (2023)."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import checked, claim_of, never_inconsistent, store

__all__ = ["store"]

A_YEAR = [
    # 48 more in four years: 12 a year on average
    ("Antallet af vurderede ofre for menneskehandel er siden 2019 steget med omkring 12 "
     "personer om året.", "da", "12", "consistent"),
    # (112 / 64) ** (1/4) = 1.150: 15 % a year compounded
    ("Since 2019, the number of victims of trafficking has risen by 15 percent a year.", "en",
     "15 percent", "consistent"),
    # +13 and +3: at least 3 every year
    ("Hvert år fra 2019 til 2021 steg antallet af ofre for menneskehandel med mindst 3.", "da",
     "3", "consistent"),
    ("From 2019 to 2021 the number of victims of trafficking rose by at least 3 every year.",
     "en", "3", "consistent"),
    # neither reading holds: not judged, but never inconsistent
    ("Siden 2019 er antallet af ofre for menneskehandel steget med 10 pct. om året.", "da",
     "10 pct.", "not-checked"),
    ("Every year since 2019, the number of victims of trafficking has increased by at least 5.",
     "en", "5", "not-checked"),  # 2022 fell by 7
    ("Siden 2019 er der hvert år kommet mindst 10 flere ofre for menneskehandel til.", "da",
     "10 flere", "not-checked"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language", "figure", "verdict"), A_YEAR)
def test_a_change_a_year_is_a_rate_or_every_years_change_never_first_to_last(
    store: Store, text: str, language: str, figure: str, verdict: str
) -> None:
    never_inconsistent(checked(store, text, language))  # type: ignore[arg-type]
    claim = claim_of(store, text, language, figure)  # type: ignore[arg-type]
    assert claim.kind in ("change", "difference")
    assert claim.verdict == verdict, claim.explanation_en
    assert "on average" in claim.explanation_en
    if claim.years == (2019, 2023):
        assert "year by year +13, +3, -7, +39" in claim.explanation_en or "%" in (
            claim.explanation_en
        )


@pytest.mark.parametrize(
    ("text", "figure", "verdict"),
    [
        ("Fra 2022 til 2023 steg antallet af ofre for menneskehandel med 39.", "39",
         "consistent"),
        ("Antallet af ofre for menneskehandel steg fra 2022 til 2023 med 39.", "39",
         "consistent"),
        ("Fra 2022 til 2023 steg antallet af vurderede ofre med 40 personer.", "40",
         "inconsistent"),
        ("Fra 2021 til 2022 faldt antallet af ofre for menneskehandel med 7.", "7", "consistent"),
        ("I 2023 steg antallet af ofre for menneskehandel med 39 i forhold til 2022.", "39",
         "consistent"),
        ("Antallet af ofre for menneskehandel steg med 39 i forhold til 2022.", "39",
         "consistent"),
    ],
)  # fmt: skip
def test_a_change_word_before_its_subject_still_governs_med_and_the_count(
    store: Store, text: str, figure: str, verdict: str
) -> None:
    claim = claim_of(store, text, "da", figure)
    assert claim.kind == "difference", (claim.kind, claim.explanation_en)
    assert claim.verdict == verdict, claim.explanation_en
    if verdict == "consistent":
        never_inconsistent(checked(store, text, "da"))
    else:
        assert "39 more" in claim.explanation_en


def test_a_change_word_of_another_clause_does_not_govern_the_count(store: Store) -> None:
    """*steget igennem en årrække og toppede i 2016 med 121 personer*: 121 is the peak, not the
    size of the rise (from the dev corpus, da-dev-062)."""
    text = (
        "Antallet af personer, som de danske myndigheder har vurderet som ofre for "
        "menneskehandel, er steget igennem en årrække og toppede i 2016 med 121 personer."
    )
    never_inconsistent(checked(store, text, "da"))
    peak = claim_of(store, text, "da", "121")
    assert peak.kind != "difference"


def test_forhold_is_still_a_unit_outside_i_forhold_til(store: Store) -> None:
    text = "Anklagemyndigheden rejste i 2023 tiltale i 12 forhold om menneskehandel."
    claim = claim_of(store, text, "da", "12")
    assert claim.verdict == "not-checked"
    assert "forhold" in claim.explanation_en
