"""Money for initiatives and action areas (issue 15): an amount for CMM, Reden International,
an initiative or an action area is an ``allocation``, checked against that initiative's own
figures when planwatch holds real ones, ``not-in-data`` when it holds only illustrative ones
(all of data/demo) or none, and never compared with the plan's total; the plan's total
(118,2 mio. kr., plans.csv) stays checked; a year's amount or another agreement (62,4 mio. kr.)
is not the plan's total (docs/claims.md, "Budgets", "Money for initiatives")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planwatch.claims.checking import check
from planwatch.claims.extraction import candidates
from planwatch.claims.report import Claim
from planwatch.storage import Store


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("money") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


@pytest.fixture(scope="module")
def published(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The demo database with its per-initiative money as if it were published."""
    path = tmp_path_factory.mktemp("money-published") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    store = Store(path, lock_timeout=5.0)
    with store.transaction() as connection:
        connection.execute("UPDATE sources SET kind = 'official' WHERE kind = 'illustrative'")
    return store


def money(store: Store, text: str, language: str) -> Claim:
    (found,) = [
        c
        for c in check(store, text, language=language).claims
        if c.kind in ("budget", "allocation", "other") and c.stated[0].kind == "money"
    ]
    return found


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("CMM får 20 mio. kr. til en styrket indsats.", "da"),
        ("CMM får 20 mio. kr. fra handlingsplanen 2022–2025.", "da"),
        ("Reden International modtager 5 mio. kr. under handlingsplanen.", "da"),
        ("Indsatsområde 1 i handlingsplanen 2022–2025 har 30 mio. kr.", "da"),
        ("The Centre against Human Trafficking receives DKK 40m under the action plan.", "en"),
        ("Under the 2022-2025 action plan, HopeNow is granted DKK 3 million.", "en"),
        ("Action area 2 of the action plan has DKK 8m.", "en"),
    ],
)
def test_money_for_an_initiative_with_only_illustrative_figures_is_not_in_data(
    store: Store, text: str, language: str
) -> None:
    claim = money(store, text, language)
    assert (claim.kind, claim.verdict) == ("allocation", "not-in-data"), claim.explanation_en
    assert "only illustrative figures for this initiative" in claim.explanation_en
    assert "kun illustrative tal for dette initiativ" in claim.explanation_da
    assert "not compared with the action plan's total" in claim.explanation_en
    assert not claim.stored  # never the plan's 118,2 mio. kr.


def test_an_action_area_number_is_not_a_count() -> None:
    found = candidates("Indsatsområde 1 i handlingsplanen 2022–2025 har 30 mio. kr.", "da")
    assert [c.kind for c in found] == ["allocation"]


@pytest.mark.parametrize(
    ("text", "language", "verdict", "correct"),
    [
        ("Handlingsplanen på 118,2 mio. kr. styrker blandt andet CMM.", "da", "consistent", None),
        ("Denmark adopted a 118.2 million kroner action plan for 2022-2025.", "en",
         "consistent", None),
        ("Handlingsplanen 2022–2025 på 120 mio. kr. styrker CMM og Reden International.", "da",
         "inconsistent", "120 mio. kr."),
        ("Med aftalen blev der afsat 118,2 mio. kr. til en ny handlingsplan 2022–2025.", "da",
         "consistent", None),
    ],
)  # fmt: skip
def test_a_plan_total_stays_checked_against_the_plan(
    store: Store, text: str, language: str, verdict: str, correct: str | None
) -> None:
    claim = money(store, text, language)
    assert (claim.kind, claim.verdict) == ("budget", verdict), claim.explanation_en
    assert claim.stored[0].value == 118_200_000
    if correct is not None:
        assert claim.correct is not None and claim.correct != correct


@pytest.mark.parametrize(
    ("text", "language", "reason"),
    [
        ("Aftalen om styrket indsats mod menneskehandel på 62,4 mio. kr. supplerer "
         "handlingsplanen.", "da", "another agreement"),
        ("In addition to the action plan, the government allocated DKK 62.4m in a new "
         "agreement.", "en", "another agreement"),
        ("Handlingsplanen afsætter 30 mio. kr. om året.", "da", "single year"),
        ("The action plan provides DKK 30m a year.", "en", "single year"),
    ],
)  # fmt: skip
def test_other_money_is_never_judged_against_the_plan_total(
    store: Store, text: str, language: str, reason: str
) -> None:
    claim = money(store, text, language)
    assert (claim.kind, claim.verdict) == ("other", "not-checked")
    assert reason in claim.explanation_en
    assert not claim.stored


@pytest.mark.parametrize(
    ("text", "language", "verdict", "right"),
    [
        ("Juridisk rådgivning til ofre får 2,05 mio. kr. i 2023.", "da", "consistent", None),
        ("Legal counselling for victims receives DKK 2.05m in 2023.", "en", "consistent", None),
        ("Indsatsområde 3 får i alt 16 mio. kr.", "da", "consistent", None),
        ("Indsatsområde 3 får i alt 20 mio. kr.", "da", "inconsistent", "16,0 mio. kr."),
        ("Action area 3 receives DKK 20m in all.", "en", "inconsistent", "DKK 16.0m"),
        ("CMM får 10 mio. kr. i 2023.", "da", "not-checked", None),  # two CMM initiatives
    ],
)
def test_money_for_an_initiative_with_real_figures_is_checked_against_them(
    published: Store, text: str, language: str, verdict: str, right: str | None
) -> None:
    claim = money(published, text, language)
    assert (claim.kind, claim.verdict) == ("allocation", verdict), claim.explanation_en
    assert claim.correct == right
    if verdict != "not-checked":
        assert claim.stored and claim.stored[0].value != 118_200_000
        assert "Rule:" in claim.explanation_en and "Regel:" in claim.explanation_da
