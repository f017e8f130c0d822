"""A figure said of each year of a span (issue 15; found in round 35's fourth batch of attacking
sentences): *Hvert år siden 2019 er mindst 64 personer blevet vurderet …* was read as the total
of 2019-2023 and judged consistent because 406 ≥ 64 - and so was *mindst 70*, though 2019 had
64. It is now checked against every year's figure, never the sum: a bound (*mindst, over,
højst, under*, *at least, more than …*) must hold for each year; a figure without one (*omkring
80 om året*) may be an average and is not checked when the years differ.

Stored (demo database): persons assessed as victims 2019-2023 from 64 (2019) to 112 (2023), 73
in 2022; 121 in 2016."""

from __future__ import annotations

import pytest

from planwatch.storage import Store
from tests.claims.checked_texts import checked, claim_of, never_inconsistent, store

__all__ = ["store"]

TRUE_BOUNDS = [
    ("Hvert år siden 2019 er mindst 64 personer blevet vurderet udsat for menneskehandel.", "da"),
    ("Siden 2019 er over 60 personer om året blevet vurderet udsat for menneskehandel.", "da"),
    ("Hvert år siden 2019 er højst 112 personer blevet vurderet udsat for menneskehandel.", "da"),
    ("Fra 2019 til 2023 blev der hvert år vurderet mindst 60 personer udsat for menneskehandel.",
     "da"),
    ("Since 2019, at least 64 persons have been identified as victims of trafficking every year.",
     "en"),
    ("The government has identified at least 64 victims of trafficking annually since 2019.",
     "en"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language"), TRUE_BOUNDS)
def test_a_bound_that_every_year_keeps_is_consistent(
    store: Store, text: str, language: str
) -> None:
    never_inconsistent(checked(store, text, language))  # type: ignore[arg-type]
    claim = claim_of(store, text, language, "6" if "6" in text else "112")  # type: ignore[arg-type]
    assert claim.kind == "each-year"
    assert claim.verdict == "consistent", claim.explanation_en
    assert "lowest 64 (2019)" in claim.explanation_en
    assert "the sum of" not in claim.explanation_en  # never the years together
    assert {s.year for s in claim.stored} >= {2019, 2020, 2021, 2022, 2023}


FALSE_BOUNDS = [
    ("Hvert år siden 2019 er mindst 70 personer blevet vurderet udsat for menneskehandel.", "da",
     "70", "2019"),
    ("Siden 2019 er under 100 personer om året blevet vurderet udsat for menneskehandel.", "da",
     "100", "2023"),
    ("Since 2019, more than 100 persons have been identified as victims of trafficking every "
     "year.", "en", "100", "2019-2022"),
    ("Every year from 2019 to 2023, at most 100 persons were identified as victims of "
     "trafficking.", "en", "100", "2023"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "language", "figure", "years"), FALSE_BOUNDS)
def test_a_bound_one_year_breaks_is_inconsistent_and_names_that_year(
    store: Store, text: str, language: str, figure: str, years: str
) -> None:
    claim = claim_of(store, text, language, figure)  # type: ignore[arg-type]
    assert claim.kind == "each-year"
    assert claim.verdict == "inconsistent", claim.explanation_en
    assert f"does not hold for {years}." in claim.explanation_en
    right = "mellem 64 og 112" if language == "da" else "between 64 and 112"
    assert claim.correct == right


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("Siden 2019 er 112 personer om året blevet vurderet udsat for menneskehandel.", "da",
         "112"),
        ("Since 2019, around 80 persons a year have been identified as victims of trafficking.",
         "en", "80"),
    ],
)  # fmt: skip
def test_a_figure_a_year_without_a_bound_may_be_an_average_and_is_not_checked(
    store: Store, text: str, language: str, figure: str
) -> None:
    never_inconsistent(checked(store, text, language))  # type: ignore[arg-type]
    claim = claim_of(store, text, language, figure)  # type: ignore[arg-type]
    assert claim.kind == "each-year"
    assert claim.verdict == "not-checked", claim.explanation_en
    assert "may be an average" in claim.explanation_en


def test_the_word_for_each_year_belongs_to_the_count_of_its_own_clause(store: Store) -> None:
    """*406 …, eller omkring 80 om året*: 406 is the total, 80 the figure of each year; *…, og
    tallet er steget hvert år*: the word is another clause's, 406 stays the total; *73 a year
    earlier* is another year, not each year."""
    text = (
        "Siden 2019 er 406 personer blevet vurderet udsat for menneskehandel, eller omkring 80 "
        "om året."
    )
    never_inconsistent(checked(store, text, "da"))
    assert claim_of(store, text, "da", "406").kind == "total"
    assert claim_of(store, text, "da", "406").verdict == "consistent"
    assert claim_of(store, text, "da", "80").kind == "each-year"
    clause = (
        "Siden 2019 er 406 personer blevet vurderet udsat for menneskehandel, og tallet er "
        "steget hvert år."
    )
    total = claim_of(store, clause, "da", "406")
    assert (total.kind, total.verdict) == ("total", "consistent")
    before = (
        "Hvert år stiger tallet, og siden 2019 er 406 personer blevet vurderet udsat for "
        "menneskehandel."
    )
    assert claim_of(store, before, "da", "406").kind == "total"
    earlier = (
        "In 2023, 112 persons were identified as victims of trafficking, compared with 73 a year "
        "earlier."
    )
    last_year = claim_of(store, earlier, "en", "73")
    assert (last_year.kind, last_year.verdict) == ("count", "consistent")


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict"),
    [
        # the mean of 2019-2023 is 81.2
        ("Fra 2019 til 2023 blev der i alt vurderet 406 ofre for menneskehandel, i gennemsnit "
         "godt 80 om året.", "da", "80", "consistent"),
        ("Fra 2019 til 2023 blev der i gennemsnit vurderet 80 ofre for menneskehandel om året.",
         "da", "80", "consistent"),  # rounded to tens
        ("Between 2019 and 2023, an average of 81 persons a year were identified as victims of "
         "trafficking.", "en", "81", "consistent"),
        ("Fra 2019 til 2023 blev der i gennemsnit vurderet 100 ofre for menneskehandel om året.",
         "da", "100", "inconsistent"),
        ("Between 2019 and 2023, an average of 85 persons a year were identified as victims of "
         "trafficking.", "en", "85", "inconsistent"),
        # since a year, with no end year: the text may be older than the latest year
        ("Siden 2019 er der i gennemsnit blevet vurderet 100 ofre for menneskehandel om året.",
         "da", "100", "not-checked"),
    ],
)  # fmt: skip
def test_an_average_over_a_span_is_the_mean_of_its_years(
    store: Store, text: str, language: str, figure: str, verdict: str
) -> None:
    """An average used to silence the whole sentence (no total, no check); it is now the mean
    of the years, and a total beside it with *i alt* is still checked."""
    claim = claim_of(store, text, language, figure)  # type: ignore[arg-type]
    assert (claim.kind, claim.verdict) == ("each-year", verdict), claim.explanation_en
    assert "on average 81.2 a year" in claim.explanation_en
    if verdict == "inconsistent":
        assert claim.correct == ("81,2" if language == "da" else "81.2")
    if "406" in text:
        total = claim_of(store, text, language, "406")  # type: ignore[arg-type]
        assert (total.kind, total.verdict) == ("total", "consistent")
