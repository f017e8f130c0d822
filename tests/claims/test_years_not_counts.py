"""Years are not counts (issue 15): a whole number 1990-2100 next to a verb (*Med 73 var 2022
det laveste niveau*, *2023 saw*) is a year, the sentence's point year, while *2.023 personer*
and *var 2023 personer* stay counts (docs/claims.md, "Years")."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.claims.checking import check
from planwatch.claims.quantities import find_quantities
from planwatch.formatting import Language
from planwatch.storage import Store


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("years") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


@pytest.mark.parametrize(
    ("sentence", "language", "kinds"),
    [
        ("Med 73 var 2022 det laveste niveau siden 2019.", "da",
         [("count", 73), ("year", 2022), ("year", 2019)]),
        ("With 73, 2022 was the lowest level since 2019.", "en",
         [("count", 73), ("year", 2022), ("year", 2019)]),
        ("2023 saw 112 persons assessed.", "en", [("year", 2023), ("count", 112)]),
        ("Tallet for ofre var 2023 lavere end året før.", "da", [("year", 2023)]),
        ("I alt blev 2.023 personer vurderet.", "da", [("count", 2023)]),
        ("Antallet var 2023 personer.", "da", [("count", 2023)]),  # a count noun follows
        ("Det var over 2000 personer.", "da", [("count", 2000)]),  # a qualifier before
        ("Tallet var 1850 i alt.", "da", [("count", 1850)]),  # before 1990: never by a verb
    ],
)  # fmt: skip
def test_a_year_by_a_verb_is_a_year_and_a_count_stays_a_count(
    sentence: str, language: Language, kinds: list[tuple[str, int]]
) -> None:
    found = find_quantities(sentence, language)
    assert [(q.kind, int(q.value)) for q in found] == kinds
    assert all(q.role == "point" for q in found if q.kind == "year" and int(q.value) >= 2020)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Med 73 vurderede ofre var 2022 det laveste niveau siden 2019.", "da"),
        ("With 73 victims assessed, 2022 was the lowest level since 2019.", "en"),
    ],
)
def test_the_lowest_since_is_checked_for_the_sentences_own_year(
    store: Store, text: str, language: str
) -> None:
    report = check(store, text, language=language)
    assert all(not (s.kind == "count" and s.value == 2022) for c in report.claims for s in c.stated)
    (count,) = [c for c in report.claims if c.kind == "count"]
    assert count.verdict == "consistent"
    assert count.years == (2022,) and count.stored[0].value == 73
    (lowest,) = [c for c in report.claims if c.kind == "lowest-since"]
    assert lowest.years == (2019, 2022)  # the sentence's own year, not the latest
    assert lowest.verdict == "consistent"
    assert lowest.indicator is not None and lowest.indicator.code == "victims_assessed"


def test_a_wrong_count_beside_a_year_is_inconsistent_with_that_years_figure(
    store: Store,
) -> None:
    text = "Med 80 vurderede ofre var 2022 det laveste niveau siden 2019."
    report = check(store, text, language="da")
    (count,) = [c for c in report.claims if c.kind == "count"]
    assert count.verdict == "inconsistent" and count.correct == "73"
    assert count.stored[0].year == 2022 and count.stored[0].value == Decimal(73)


def test_a_year_before_a_verb_is_the_point_year_of_its_count(store: Store) -> None:
    (claim,) = check(store, "2023 saw 112 persons assessed as victims of trafficking.").claims
    assert claim.verdict == "consistent" and claim.years == (2023,)
    assert claim.stored[0].value == 112
