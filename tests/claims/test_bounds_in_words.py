"""A count bounded in words other than *mere end / under* (issue 15; round 37's attacking
sentences): *højere end 60*, *lower than 70* were read as exact figures, so a true sentence
(*I 2019 var antallet … højere end 60*: 64) was judged inconsistent - a false alarm; *no more
than 60* was read as *more than 60*, so a false one (64 is more) was judged consistent. The
comparatives *højere / lavere / større end*, *higher / lower / greater / smaller than* bound the
figure as *mere end / færre end* do; the negated *ikke flere end / no more than* is at most,
*ikke færre end / no fewer than* at least.

Stored (demo database): persons assessed as victims 64 (2019), 73 (2022), 112 (2023)."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import checked, never_inconsistent, one, store

__all__ = ["store"]

CASES = [
    ("I 2019 var antallet af personer vurderet som ofre for menneskehandel højere end 60.", "da",
     "consistent"),
    ("I 2019 var antallet af personer vurderet som ofre for menneskehandel højere end 70.", "da",
     "inconsistent"),
    ("I 2019 var antallet af ofre for menneskehandel lavere end 60.", "da", "inconsistent"),
    ("I 2019 var antallet af ofre for menneskehandel større end 60.", "da", "consistent"),
    ("In 2019, the number of persons assessed as victims of trafficking was lower than 70.",
     "en", "consistent"),
    ("In 2019, the number of persons assessed as victims of trafficking was higher than 70.",
     "en", "inconsistent"),
    ("In 2019, the number of victims of trafficking was greater than 60.", "en", "consistent"),
    # negated: at most, at least
    ("In 2019, no more than 60 persons were assessed as victims of trafficking.", "en",
     "inconsistent"),
    ("In 2019, no fewer than 60 persons were assessed as victims of trafficking.", "en",
     "consistent"),
    ("I 2019 blev ikke flere end 64 personer vurderet som ofre for menneskehandel.", "da",
     "consistent"),
    ("I 2019 blev ikke færre end 70 personer vurderet som ofre for menneskehandel.", "da",
     "inconsistent"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language", "verdict"), CASES)
def test_a_count_bounded_by_a_comparative_is_checked_as_a_bound(
    store: Store, text: str, language: str, verdict: str
) -> None:
    claim = one(store, text, language, "count")  # type: ignore[arg-type]
    assert claim.verdict == verdict, claim.explanation_en
    assert claim.years == (2019,)
    if verdict == "consistent":
        never_inconsistent(checked(store, text, language))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a per cent before "højere end i": a change between two years, as before
        ("I 2023 var antallet af ofre for menneskehandel 53 pct. højere end i 2022.", "change"),
        # "højere end i 2022" after a count: a comparison, not the count's bound
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, højere end i 2022.",
         "count"),
    ],
)  # fmt: skip
def test_a_comparative_before_a_year_is_no_bound(store: Store, text: str, kind: str) -> None:
    claim = one(store, text, "da", kind)
    assert claim.verdict == "consistent", claim.explanation_en
    never_inconsistent(checked(store, text, "da"))
