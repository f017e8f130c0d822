"""Breakdown combinations (issue 15): the part of the victims of a count carries to the counts
after *heraf / hvoraf / af dem / of whom / including* and to a next sentence that refers back
(*Af de 112 personer …*, *Of these …*, counts of parts that add up to the count before), with
that count's year and indicator (docs/claims.md, "Breakdown combinations"). Figures: CMM 2023,
data/reference/observations.csv: 112 assessed, 23 forced labour of whom 14 men and 9 women, 58
sexual exploitation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planwatch.claims.checking import check
from planwatch.claims.report import CheckReport
from planwatch.storage import Store

Row = tuple[str, str, int | None, str]


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("combinations") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


def counts(report: CheckReport) -> list[Row]:
    """(claim text, verdict, stored value, stored breakdown) of every count."""
    return [
        (
            c.text,
            c.verdict,
            int(c.stored[0].value) if c.stored and c.stored[0].value is not None else None,
            c.stored[0].breakdown if c.stored else "",
        )
        for c in report.claims
        if c.kind == "count"
    ]


FL = "exploitation=forced_labour"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "I 2023 blev 112 personer vurderet som ofre for menneskehandel, heraf 23 ofre for "
            "tvangsarbejde, heraf 14 mænd og 9 kvinder.",
            "da",
            [
                ("I 2023 blev 112 personer", "consistent", 112, ""),
                ("23 ofre", "consistent", 23, FL),
                ("14 mænd", "consistent", 14, f"sex=male {FL}"),
                ("9 kvinder", "consistent", 9, f"sex=female {FL}"),
            ],
        ),
        (
            "In 2023, 23 people were assessed as victims of trafficking for forced labour, of "
            "whom 14 were men and 9 were women.",
            "en",
            [
                ("In 2023, 23 people", "consistent", 23, FL),
                ("14 were men", "consistent", 14, f"sex=male {FL}"),
                ("9 were women", "consistent", 9, f"sex=female {FL}"),
            ],
        ),
        (
            "I 2023 blev 23 personer vurderet som ofre for menneskehandel til tvangsarbejde. "
            "14 er mænd og ni er kvinder.",
            "da",
            [
                ("I 2023 blev 23 personer", "consistent", 23, FL),
                ("14 er mænd", "consistent", 14, f"sex=male {FL}"),
                ("ni er kvinder", "consistent", 9, f"sex=female {FL}"),
            ],
        ),
        (
            "I 2023 blev 112 personer vurderet som ofre for menneskehandel. Af de 112 personer "
            "er 58 udnyttet til seksuel udnyttelse.",
            "da",
            [
                ("I 2023 blev 112 personer", "consistent", 112, ""),
                ("112 personer", "consistent", 112, ""),
                ("58", "consistent", 58, "exploitation=sexual"),
            ],
        ),
        (
            "In 2023, 112 people were assessed as victims of trafficking. Of these, 58 were "
            "sexually exploited.",
            "en",
            [
                ("In 2023, 112 people", "consistent", 112, ""),
                ("58", "consistent", 58, "exploitation=sexual"),
            ],
        ),
    ],
)
def test_a_true_combination_is_checked_against_the_combined_breakdown(
    store: Store, text: str, language: str, expected: list[Row]
) -> None:
    report = check(store, text, language=language)
    assert counts(report) == expected
    assert all(c.verdict != "inconsistent" for c in report.claims)


@pytest.mark.parametrize(
    ("text", "language", "said", "correct"),
    [
        (
            "In 2023, 23 people were assessed as victims of trafficking for forced labour, of "
            "whom 15 were men and 8 were women.",
            "en",
            "15 were men",
            "14",
        ),
        (
            "I 2023 blev 112 personer vurderet som ofre for menneskehandel, heraf 23 ofre for "
            "tvangsarbejde, heraf 15 mænd og 8 kvinder.",
            "da",
            "8 kvinder",
            "9",
        ),
    ],
)
def test_a_wrong_part_of_a_part_is_inconsistent(
    store: Store, text: str, language: str, said: str, correct: str
) -> None:
    report = check(store, text, language=language)
    (claim,) = [c for c in report.claims if c.text == said]
    assert (claim.verdict, claim.correct) == ("inconsistent", correct)
    assert claim.stored[0].breakdown.endswith(FL)


def test_a_part_planwatch_does_not_hold_stays_unchecked_in_its_parts(store: Store) -> None:
    report = check(
        store,
        "I 2023 blev 40 rumænske statsborgere vurderet som ofre for menneskehandel, heraf 20 "
        "kvinder.",
        language="da",
    )
    assert [c.verdict for c in report.claims] == ["not-checked", "not-checked"]
    report = check(
        store,
        "I 2023 blev 112 personer vurderet som ofre for menneskehandel. Af de 112 personer er "
        "58 udnyttet til seksuel udnyttelse. Alle 58 personer er over 18 år.",
        language="da",
    )
    last = report.claims[-1]
    assert (last.text, last.verdict) == ("58 personer", "not-in-data")  # adults in sexual exp.


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # "mens" ends the part: 58 is its own part, not forced labour
        (
            "I 2023 blev 112 personer vurderet som ofre for menneskehandel, heraf 23 ofre for "
            "tvangsarbejde, mens 58 var ofre for seksuel udnyttelse.",
            "da",
            [
                ("I 2023 blev 112 personer", "consistent", 112, ""),
                ("23 ofre", "consistent", 23, FL),
                ("58 var ofre", "consistent", 58, "exploitation=sexual"),
            ],
        ),
        # a part of another dimension after "heraf" conflicts: it is not carried
        (
            "In 2023, 112 people were assessed as victims of trafficking, including 23 victims "
            "of forced labour and 58 victims of sexual exploitation.",
            "en",
            [
                ("In 2023, 112 people", "consistent", 112, ""),
                ("23 victims", "consistent", 23, FL),
                ("58 victims", "consistent", 58, "exploitation=sexual"),
            ],
        ),
    ],
)
def test_near_misses_do_not_carry(
    store: Store, text: str, language: str, expected: list[Row]
) -> None:
    assert counts(check(store, text, language=language)) == expected


def test_a_next_sentence_that_does_not_refer_back_borrows_nothing(store: Store) -> None:
    report = check(
        store,
        "I 2023 blev 23 personer vurderet som ofre for menneskehandel til tvangsarbejde. "
        "15 er mænd og ni er kvinder.",  # 15 + 9 is not 23: no reference is read
        language="da",
    )
    assert [c.verdict for c in report.claims[1:]] == ["not-checked", "not-checked"]


def test_a_part_named_far_from_its_count_is_not_guessed(store: Store) -> None:
    text = (
        "I 2023 blev 112 personer fra mange lande og med meget forskellig baggrund vurderet som "
        "udsat for menneskehandel blandt kvinder"
    )
    (claim,) = check(store, text, language="da").claims
    assert claim.verdict == "not-checked"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel. De 112 personer kom "
         "fra 30 lande.", "da"),
        ("In 2023, 112 people were assessed as victims of trafficking. The 112 people came from "
         "30 countries.", "en"),
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel, heraf 30 fra "
         "Rumænien.", "da"),
        ("In 2023, 112 people were assessed as victims of trafficking, of whom 30 came from "
         "Romania.", "en"),
    ],
)  # fmt: skip
def test_a_count_of_no_part_after_a_reference_is_not_the_total(
    store: Store, text: str, language: str
) -> None:
    report = check(store, text, language=language)
    (thirty,) = [c for c in report.claims if c.stated and c.stated[0].value == 30]
    assert thirty.verdict == "not-checked"
    assert all(c.verdict != "inconsistent" for c in report.claims)
