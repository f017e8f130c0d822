"""Parts of the victims, units and money read from real-style sentences (issue 15, second
round): a list of parts that covers every victim is the total; an origin or a count of
countries is a breakdown planwatch does not hold; *Of these / Heraf* refers to the main count,
not the compared one; year-by-year counts in a parenthesis take the part before it; a period
written *2020-24*; a budget names its plan by its period, the previous sentence, its funding
agreement's year, or an exact plan total (docs/claims.md, "Breakdowns", "Breakdown
combinations", "Budgets")."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.claims.checking import check
from planwatch.claims.report import Claim
from planwatch.domain.permissions import View
from planwatch.storage import Store

UNJUDGED = ("not-checked", "not-in-data")


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("parts") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


def claim_at(store: Store, text: str, language: str, figure: str, nth: int = 1) -> Claim:
    """The claim that covers the ``nth`` time ``figure`` is written in ``text``."""
    report = check(store, text, language=language, view=View(exact_small_counts=True))  # type: ignore[arg-type]
    start = -1
    for _ in range(nth):
        start = text.index(figure, start + 1)
    end = start + len(figure)
    over = [c for c in report.claims if c.span[0] < end and start < c.span[1]]
    assert len(over) == 1, [(c.kind, c.text, c.verdict) for c in report.claims]
    return over[0]


# --- a list of parts that covers every victim is the total ------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict", "stored", "correct"),
    [
        ("I alt 64 mænd og kvinder blev vurderet som ofre for menneskehandel i 2019.", "da",
         "64", "consistent", 64, None),
        ("I 2019 blev 65 mænd og kvinder vurderet som ofre for menneskehandel.", "da", "65",
         "inconsistent", 64, "64"),
        ("80 men, women and children were identified as victims of human trafficking in 2021.",
         "en", "80", "consistent", 80, None),
        ("In 2021, 85 men and women were identified as victims of human trafficking.", "en",
         "85", "inconsistent", 80, "80"),
        ("I 2022 blev 73 kvinder, mænd og transkønnede vurderet som ofre for menneskehandel.",
         "da", "73", "consistent", 73, None),
    ],
)  # fmt: skip
def test_a_list_of_parts_covering_every_victim_is_the_total(
    store: Store, text: str, language: str, figure: str, verdict: str, stored: int,
    correct: str | None,
) -> None:  # fmt: skip
    claim = claim_at(store, text, language, figure)
    assert claim.verdict == verdict, claim.explanation_en
    assert claim.indicator is not None and claim.indicator.code == "victims_assessed"
    assert claim.stored[0].value == stored
    assert claim.correct == correct


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("I 2022 blev 30 kvinder og børn vurderet som ofre for menneskehandel.", "da", "30"),
        ("In 2022, 30 women and children were identified as victims of trafficking.", "en", "30"),
    ],
)
def test_a_list_of_parts_that_is_not_everyone_is_not_checked(
    store: Store, text: str, language: str, figure: str
) -> None:
    claim = claim_at(store, text, language, figure)
    assert claim.verdict in UNJUDGED, claim.explanation_en


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2022 blev 24 mænd vurderet som ofre for menneskehandel.", "da"),
        ("In 2022, 24 men were identified as victims of human trafficking.", "en"),
    ],
)
def test_one_part_stays_that_part(store: Store, text: str, language: str) -> None:
    claim = claim_at(store, text, language, "24")
    assert claim.verdict == "consistent", claim.explanation_en
    assert claim.stored[0].value == 24


# --- origins and counts of things that are not persons ----------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("I 2018 blev flere ofre for menneskehandel fra Marokko vurderet end før (otte "
         "personer).", "da", "otte"),
        ("I 2022 blev 12 nigerianere vurderet som ofre for menneskehandel.", "da", "12"),
        ("In 2022, 15 victims of trafficking came from Romania.", "en", "15"),
        ("In 2023, 20 Romanian men were identified as victims of trafficking.", "en", "20"),
        ("De 73 personer, der blev vurderet som ofre i 2022, kom fra 28 forskellige lande.",
         "da", "28"),
        ("The 112 victims identified in 2023 came from 30 countries.", "en", "30"),
        ("In 2023, 40 foreign nationals from non-EU countries were identified as victims.", "en",
         "40"),
    ],
)  # fmt: skip
def test_an_origin_or_a_count_of_countries_is_not_checked(
    store: Store, text: str, language: str, figure: str
) -> None:
    claim = claim_at(store, text, language, figure)
    assert claim.verdict in UNJUDGED, claim.explanation_en


def test_the_count_of_persons_beside_a_count_of_countries_is_still_checked(store: Store) -> None:
    text = "De 73 personer, der blev vurderet som ofre i 2022, kom fra 28 forskellige lande."
    claim = claim_at(store, text, "da", "73")
    assert claim.verdict == "consistent", claim.explanation_en


# --- Of these / Heraf: the main count, not the compared one; unnamed parts -------------------


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict", "correct"),
    [
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, mod 73 i 2022. Heraf "
         "var 23 udnyttet til tvangsarbejde.", "da", "23", "consistent", None),
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, mod 73 i 2022. Heraf "
         "var 25 udnyttet til tvangsarbejde.", "da", "25", "inconsistent", "23"),
        ("In 2023, 112 persons were identified as victims of trafficking, compared with 73 in "
         "2022. Of these, 58 were victims of sexual exploitation.", "en", "58", "consistent",
         None),
        ("In 2023, 112 persons were identified as victims of trafficking, compared with 73 in "
         "2022. Of these, 60 were victims of sexual exploitation.", "en", "60", "inconsistent",
         "58"),
    ],
)  # fmt: skip
def test_of_these_refers_to_the_main_count_not_the_compared_one(
    store: Store, text: str, language: str, figure: str, verdict: str, correct: str | None
) -> None:
    claim = claim_at(store, text, language, figure)
    assert claim.verdict == verdict, claim.explanation_en
    assert claim.years == (2023,)
    assert claim.correct == correct


@pytest.mark.parametrize(
    ("text", "language", "figure", "nth"),
    [
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, heraf 58.", "da", "58",
         1),
        # (*other forms of exploitation*, *not registered* are parts planwatch reads now:
        # tests/claims/test_other_forms.py)
        ("In 2017, 98 victims were identified. Of these, 86 were sex trafficking victims, and "
         "three were trafficked for purposes the report does not describe.", "en", "three", 1),
    ],
)  # fmt: skip
def test_a_carried_part_the_text_does_not_name_is_not_checked(
    store: Store, text: str, language: str, figure: str, nth: int
) -> None:
    claim = claim_at(store, text, language, figure, nth)
    assert claim.verdict in UNJUDGED, claim.explanation_en


# --- counts year by year in a parenthesis take the part before it ----------------------------


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict", "stored", "correct"),
    [
        ("I 2022 blev 24 mænd vurderet som ofre for menneskehandel (37 i 2021, 21 i 2020).",
         "da", "37", "consistent", 37, None),
        ("I 2022 blev 24 mænd vurderet som ofre for menneskehandel (37 i 2021, 21 i 2020).",
         "da", "21 i 2020", "consistent", 21, None),
        ("In 2022, 24 men were identified as victims of trafficking (35 in 2021, 21 in 2020).",
         "en", "35", "inconsistent", 37, "37"),
        ("In 2022, 24 men were identified as victims of trafficking (37 in 2021, 21 in 2020).",
         "en", "21 in 2020", "consistent", 21, None),
    ],
)  # fmt: skip
def test_counts_by_year_in_a_parenthesis_take_the_part_before_it(
    store: Store, text: str, language: str, figure: str, verdict: str, stored: int,
    correct: str | None,
) -> None:  # fmt: skip
    claim = claim_at(store, text, language, figure)
    assert claim.verdict == verdict, claim.explanation_en
    assert claim.stored[0].value == stored
    assert claim.correct == correct


def test_a_total_in_a_parenthesis_is_not_taken_as_the_part(store: Store) -> None:
    text = "In 2022, 24 men were identified as victims of trafficking (73 victims in all)."
    claim = claim_at(store, text, "en", "73")
    assert claim.verdict != "inconsistent", claim.explanation_en


# --- a period with a two-digit end year -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("In Denmark, most of the 420 victims identified in 2020-24 were women.", "en", "420"),
        ("I Danmark blev 420 ofre identificeret i 2020-24.", "da", "420"),
    ],
)
def test_a_period_written_with_two_digits_is_not_its_first_year(
    store: Store, text: str, language: str, figure: str
) -> None:
    claim = claim_at(store, text, language, figure)
    assert claim.verdict in UNJUDGED, claim.explanation_en  # 2024 is not held
    assert "77" not in claim.explanation_en  # never against 2020 alone


# --- money: which plan ----------------------------------------------------------------------

PLAN_2019 = 63_000_000


@pytest.mark.parametrize(
    ("text", "language", "figure", "verdict", "stored", "correct"),
    [
        ("Handlingsplanen blev vedtaget med satspuljeaftalen for 2018 og er finansieret med i "
         "alt 63 mio. kr.", "da", "63 mio. kr.", "consistent", PLAN_2019, None),
        ("Handlingsplanen blev vedtaget med satspuljeaftalen for 2018 og er finansieret med i "
         "alt 65 mio. kr.", "da", "65 mio. kr.", "inconsistent", PLAN_2019, "63,0 mio. kr."),
        ("The action plan was adopted with the 2018 satspulje agreement and has a total of DKK "
         "63m.", "en", "DKK 63m", "consistent", PLAN_2019, None),
        ("Regeringen har fremlagt en handlingsplan for 2019-2021. Handlingsplanen har en samlet "
         "ramme på 65 mio. kr.", "da", "65 mio. kr.", "inconsistent", PLAN_2019, "63,0 mio. kr."),
        ("The government presented an action plan for 2019-2021. The plan has a total of DKK "
         "63m.", "en", "DKK 63m", "consistent", PLAN_2019, None),
        ("Handlingsplanen har en samlet ramme på 63 mio. kr.", "da", "63 mio. kr.",
         "consistent", PLAN_2019, None),
        ("The action plan has a total of DKK 118.2m.", "en", "DKK 118.2m", "consistent",
         118_200_000, None),
    ],
)  # fmt: skip
def test_a_budget_is_checked_against_the_plan_it_names(
    store: Store, text: str, language: str, figure: str, verdict: str, stored: int,
    correct: str | None,
) -> None:  # fmt: skip
    claim = claim_at(store, text, language, figure)
    assert (claim.kind, claim.verdict) == ("budget", verdict), claim.explanation_en
    assert claim.stored[0].value == Decimal(stored)
    assert claim.correct == correct
    assert "Rule:" in claim.explanation_en and "Regel:" in claim.explanation_da


@pytest.mark.parametrize(
    ("text", "language", "figure"),
    [
        ("Handlingsplanen har en samlet ramme på 100 mio. kr.", "da", "100 mio. kr."),
        ("The plan is worth DKK 100m.", "en", "DKK 100m"),
        ("Over the five-year period, the plan is to spend a total of 1.1 billion kroner on "
         "migration management in North Africa.", "en", "1.1 billion kroner"),
    ],
)  # fmt: skip
def test_an_amount_naming_no_plan_and_matching_none_is_not_checked(
    store: Store, text: str, language: str, figure: str
) -> None:
    claim = claim_at(store, text, language, figure)
    assert claim.verdict == "not-checked", claim.explanation_en
    assert "not compared with the current plan" in claim.explanation_en
    assert "sammenlignes ikke med den nuværende plan" in claim.explanation_da
