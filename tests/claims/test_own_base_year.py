"""Two comparisons with two years in one sentence (issue 15; round 37's attacking sentences):
in *Der blev i 2023 vurderet 112 ofre …, hvilket er 39 flere end i 2022 og 48 flere end i
2019* both differences were checked from 2022, so the true *48 flere end i 2019* was judged
inconsistent - a false alarm; the same for *53 pct. flere end i 2022 og 75 pct. flere end i
2019*. A change whose figure names its own year right after it (*… flere end i 2019*, *… more
than in 2019*) is from that year to the sentence's one point year.

Stored (demo database): persons assessed as victims 121 (2016), 64 (2019), 73 (2022), 112
(2023)."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import checked, claim_of, never_inconsistent, store

__all__ = ["store"]

CASES = [
    ("Der blev i 2023 vurderet 112 ofre for menneskehandel, hvilket er 39 flere end i 2022 og 48 "
     "flere end i 2019.", "da", "48 flere", "consistent", (2019, 2023)),
    ("Der blev i 2023 vurderet 112 ofre for menneskehandel, hvilket er 39 flere end i 2022 og 40 "
     "flere end i 2019.", "da", "40 flere", "inconsistent", (2019, 2023)),
    ("In 2023, 112 persons were assessed as victims of trafficking, 39 more than in 2022 and 9 "
     "fewer than in 2016.", "en", "9 fewer", "consistent", (2016, 2023)),
    ("In 2023, 112 persons were assessed as victims of trafficking, 39 more than in 2022 and 19 "
     "fewer than in 2016.", "en", "19 fewer", "inconsistent", (2016, 2023)),
    ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, 53 pct. flere end i 2022 og "
     "75 pct. flere end i 2019.", "da", "75 pct.", "consistent", (2019, 2023)),
    ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, 53 pct. flere end i 2022 og "
     "80 pct. flere end i 2019.", "da", "80 pct.", "inconsistent", (2019, 2023)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language", "figure", "verdict", "years"), CASES)
def test_each_comparison_is_from_the_year_it_names(
    store: Store, text: str, language: str, figure: str, verdict: str, years: tuple[int, int]
) -> None:
    claim = claim_of(store, text, language, figure, at_start=True)  # type: ignore[arg-type]
    assert claim.kind in ("difference", "change")
    assert (claim.verdict, claim.years) == (verdict, years), claim.explanation_en
    first = claim_of(store, text, language, "39" if "39" in text else "53", at_start=True)  # type: ignore[arg-type]
    assert (first.verdict, first.years) == ("consistent", (2022, 2023)), first.explanation_en
    if verdict == "consistent":
        never_inconsistent(checked(store, text, language))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "figure", "years"),
    [
        # one comparison: as before
        ("I 2023 var der 39 flere ofre for menneskehandel end i 2022.", "39 flere", (2022, 2023)),
        # the year in the previous sentence: as before
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel. Det er 48 flere end i "
         "2019.", "48 flere", (2019, 2023)),
    ],
)  # fmt: skip
def test_one_comparison_keeps_its_years(
    store: Store, text: str, figure: str, years: tuple[int, int]
) -> None:
    claim = claim_of(store, text, "da", figure, at_start=True)
    assert (claim.verdict, claim.years) == ("consistent", years), claim.explanation_en
