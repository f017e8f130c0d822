"""The claim check in a running year (issue 14, tests/scenarios.py): quarterly uploads of persons
assessed as victims, 2024 Q1-Q4 (19, 31, 26, 24) and 2025 Q1-Q2 (28, 26), checked at the
moments between the uploads. A whole year planwatch holds only in part is never "consistent",
nor is a change between periods that are not comparable."""

from __future__ import annotations

import pytest

from planwatch.claims.checking import check
from planwatch.claims.report import CheckReport, Claim
from planwatch.formatting import Language
from tests.scenarios import RunningYear

SAY_28_IN_2025 = {
    "da": "I 2025 er 28 personer vurderet som udsat for menneskehandel.",
    "en": "In 2025, 28 persons were assessed as victims of trafficking.",
}
SAY_40_IN_2025 = {
    "da": "I 2025 er 40 personer vurderet som udsat for menneskehandel.",
    "en": "In 2025, 40 persons were assessed as victims of trafficking.",
}
SAY_100_IN_2024 = {
    "da": "I 2024 blev 100 personer vurderet som ofre for menneskehandel.",
    "en": "In 2024, 100 persons were assessed as victims of trafficking.",
}
FELL_FROM_2023 = {
    "da": "Antallet af ofre for menneskehandel faldt fra 112 i 2023 til 28 i 2025.",
    "en": "The number of victims of trafficking fell from 112 in 2023 to 28 in 2025.",
}
NOT_COMPLETE = {"da": "2025 er ikke afsluttet", "en": "2025 is not complete"}
Q1_2025 = {"da": "1. kvt. 2025", "en": "Q1 2025"}


def checked(scenario: RunningYear, moment: str, text: str, language: Language) -> CheckReport:
    return check(scenario.store(), text, language=language, as_of=scenario.moments[moment])


def the_claim(report: CheckReport, kind: str) -> Claim:
    (found,) = [c for c in report.claims if c.kind == kind]
    return found


# --- a whole year planwatch holds only in part -----------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_28_in_2025_with_only_the_first_quarter_is_flagged_with_its_period(
    running_year: RunningYear, language: Language
) -> None:
    count = the_claim(checked(running_year, "2025-Q1", SAY_28_IN_2025[language], language), "count")
    assert count.verdict == "inconsistent"
    assert count.correct == {"da": "28 i 1. kvt. 2025", "en": "28 in Q1 2025"}[language]
    for lang, explanation in (("da", count.explanation_da), ("en", count.explanation_en)):
        assert NOT_COMPLETE[lang] in explanation
        assert Q1_2025[lang] in explanation
    assert "»28« er tallet for 1. kvt. 2025, ikke for hele 2025" in count.explanation_da
    assert "“28” is the figure for Q1 2025, not for all of 2025" in count.explanation_en
    (stored,) = count.stored
    assert (stored.year, stored.quarters, stored.value) == (2025, (1,), 28)
    assert stored.period == Q1_2025[language]


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_later_quarter_changes_the_right_wording_but_28_for_2025_stays_wrong(
    running_year: RunningYear, language: Language
) -> None:
    count = the_claim(checked(running_year, "2025-Q2", SAY_28_IN_2025[language], language), "count")
    assert count.verdict == "inconsistent"
    assert count.correct == {"da": "54 i 1.–2. kvt. 2025", "en": "54 in Q1–Q2 2025"}[language]
    assert "1.–2. kvt. 2025" in count.explanation_da and "Q1–Q2 2025" in count.explanation_en


@pytest.mark.parametrize("moment", ["2025-Q1", "2025-Q2"])
@pytest.mark.parametrize("language", ["da", "en"])
def test_another_number_for_a_partial_year_is_not_consistent_either(
    running_year: RunningYear, moment: str, language: Language
) -> None:
    count = the_claim(checked(running_year, moment, SAY_40_IN_2025[language], language), "count")
    assert count.verdict == "inconsistent"
    assert "»40«" in count.explanation_da and "“40”" in count.explanation_en


@pytest.mark.parametrize("language", ["da", "en"])
def test_before_its_fourth_quarter_2024_is_not_a_year_with_it_it_is(
    running_year: RunningYear, language: Language
) -> None:
    at_q3 = the_claim(
        checked(running_year, "2024-Q3", SAY_100_IN_2024[language], language), "count"
    )
    assert at_q3.verdict == "inconsistent"
    assert at_q3.correct == {"da": "76 i 1.–3. kvt. 2024", "en": "76 in Q1–Q3 2024"}[language]
    assert "2024 er ikke afsluttet" in at_q3.explanation_da
    assert "2024 is not complete" in at_q3.explanation_en
    for moment in ("2024-Q4", "2025-Q1", "2025-Q2"):
        whole = the_claim(
            checked(running_year, moment, SAY_100_IN_2024[language], language), "count"
        )
        assert whole.verdict == "consistent", moment
        (stored,) = whole.stored
        assert (stored.year, stored.quarters, stored.value) == (2024, None, 100)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_year_built_from_four_quarters_is_checked_like_a_published_year(
    running_year: RunningYear, language: Language
) -> None:
    text = {
        "da": "I 2024 blev 100 personer vurderet som ofre for menneskehandel mod 112 i 2023. "
        "Det er et fald på 10,7 pct.",
        "en": "In 2024, 100 persons were assessed as victims of trafficking, against 112 in "
        "2023. That is a decrease of 10.7 per cent.",
    }[language]
    report = checked(running_year, "2024-Q4", text, language)
    assert [(c.kind, c.verdict) for c in report.claims] == [
        ("count", "consistent"),
        ("count", "consistent"),
        ("change", "consistent"),
    ]
    partial = checked(running_year, "2024-Q3", text, language)
    assert [(c.kind, c.verdict) for c in partial.claims] == [
        ("count", "inconsistent"),  # 76 for 1.-3. kvt. 2024
        ("count", "consistent"),  # 112 in 2023
        ("change", "inconsistent"),  # 1.-3. kvt. 2024 against the whole of 2023
    ]


# --- changes only between comparable periods -------------------------------------------------


@pytest.mark.parametrize("language", ["da", "en"])
def test_from_a_whole_year_to_a_partial_one_is_flagged_with_the_comparable_statement(
    running_year: RunningYear, language: Language
) -> None:
    from_to = the_claim(
        checked(running_year, "2025-Q1", FELL_FROM_2023[language], language), "from-to"
    )
    assert from_to.verdict == "inconsistent"
    assert "Perioderne kan ikke sammenlignes: hele 2023 og 1. kvt. 2025" in from_to.explanation_da
    assert "The periods are not comparable: the whole of 2023 and Q1 2025" in (
        from_to.explanation_en
    )
    assert "28 i 1. kvt. 2025 mod 19 i 1. kvt. 2024, +47,4 pct." in from_to.explanation_da
    assert "28 in Q1 2025 against 19 in Q1 2024, +47.4 per cent" in from_to.explanation_en
    assert (
        from_to.correct
        == {
            "da": "fra 19 i 1. kvt. 2024 til 28 i 1. kvt. 2025",
            "en": "from 19 in Q1 2024 to 28 in Q1 2025",
        }[language]
    )


CHANGES = {
    "da": [
        ("change", "Antallet af ofre for menneskehandel faldt med 75 pct. fra 2023 til 2025."),
        ("ratio", "Antallet af ofre for menneskehandel blev mere end halveret fra 2023 til 2025."),
        ("difference", "Der blev vurderet 84 færre ofre for menneskehandel i 2025 end i 2023."),
        ("change", "Siden 2024 er antallet af ofre for menneskehandel steget med 47 pct."),
        (
            "change",
            "Antallet af ofre for menneskehandel steg med 47 pct. fra 2024 til 1. kvt. 2025.",
        ),
        ("lowest-since", "I 2025 er antallet af ofre for menneskehandel det laveste siden 2008."),
    ],
    "en": [
        ("change", "The number of victims of trafficking fell by 75 per cent from 2023 to 2025."),
        ("ratio", "The number of victims of trafficking more than halved from 2023 to 2025."),
        ("change", "Since 2024, the number of victims of trafficking has risen by 47 per cent."),
        (
            "lowest-since",
            "In 2025, the number of victims of trafficking was the lowest since 2008.",
        ),
    ],
}


@pytest.mark.parametrize(
    ("language", "kind", "text"),
    [(language, kind, text) for language, rows in CHANGES.items() for kind, text in rows],
)
def test_a_change_between_periods_that_are_not_comparable_is_flagged(
    running_year: RunningYear, language: Language, kind: str, text: str
) -> None:
    """With 2025 at 28 for its first quarter, a fall of 75 per cent from 2023, "more than
    halved", 84 fewer, and "the lowest since 2008" were all true of the numbers: each compares a
    part of a year with a whole year."""
    found = the_claim(checked(running_year, "2025-Q1", text, language), kind)
    assert found.verdict == "inconsistent", found.explanation_en
    assert "1. kvt. 2025" in found.explanation_da and "Q1 2025" in found.explanation_en
    assert "28 i 1. kvt. 2025 mod 19 i 1. kvt. 2024, +47,4 pct." in found.explanation_da
    assert "28 in Q1 2025 against 19 in Q1 2024, +47.4 per cent" in found.explanation_en


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_highest_or_lowest_since_is_judged_only_for_complete_years(
    running_year: RunningYear, language: Language
) -> None:
    text = {
        "da": "I 1. kvt. 2025 blev 28 personer vurderet som ofre for menneskehandel, det laveste "
        "antal siden 2008.",
        "en": "In Q1 2025, 28 persons were assessed as victims of trafficking, the lowest since "
        "2008.",
    }[language]
    report = checked(running_year, "2025-Q1", text, language)
    assert the_claim(report, "count").verdict == "consistent"
    lowest = the_claim(report, "lowest-since")
    assert lowest.verdict == "not-checked"
    assert "kun for hele år" in lowest.explanation_da
    assert "only for whole years" in lowest.explanation_en
    # With no year named, it is about the latest whole year, and says so.
    latest = {
        "da": "Antallet af ofre for menneskehandel er det laveste siden 2016.",
        "en": "The number of victims of trafficking is the lowest since 2016.",
    }[language]
    (claim,) = checked(running_year, "2025-Q2", latest, language).claims
    assert claim.years == (2016, 2024)
    assert "1.–2. kvt. 2025 er kun en del af et år" in claim.explanation_da
    assert "Q1–Q2 2025 is only part of a year" in claim.explanation_en


# --- parts of a year stated as such ----------------------------------------------------------

QUARTER_TEXTS = {
    "da": [
        "I første kvartal 2025 blev 28 personer vurderet som ofre for menneskehandel.",
        "Q1 2025: 28 ofre for menneskehandel.",
        "I 1. kvt. 2025 blev 28 personer vurderet som ofre for menneskehandel mod 19 i 1. kvt. "
        "2024, en stigning på 47,4 pct.",
        "I 1. kvt. 2025 blev 28 personer vurderet som ofre for menneskehandel. Det er en "
        "stigning på 47,4 pct.",
    ],
    "en": [
        "In the first quarter of 2025, 28 persons were assessed as victims of trafficking.",
        "Q1 2025: 28 victims of trafficking.",
        "In Q1 2025, 28 persons were assessed as victims of trafficking, against 19 in Q1 2024, "
        "an increase of 47.4 per cent.",
    ],
}


@pytest.mark.parametrize(
    ("language", "text"),
    [(language, text) for language, texts in QUARTER_TEXTS.items() for text in texts],
)
@pytest.mark.parametrize("moment", ["2025-Q1", "2025-Q2"])
def test_a_quarter_stated_as_such_is_checked_against_that_quarter(
    running_year: RunningYear, language: Language, text: str, moment: str
) -> None:
    report = checked(running_year, moment, text, language)
    assert report.claims
    assert all(c.verdict == "consistent" for c in report.claims), [
        (c.text, c.verdict, c.explanation_en) for c in report.claims
    ]
    assert all(s.quarters == (1,) for c in report.claims for s in c.stored)


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_half_year_is_checked_once_planwatch_holds_it(
    running_year: RunningYear, language: Language
) -> None:
    text = {
        "da": "I første halvår 2025 blev 54 personer vurderet som ofre for menneskehandel, en "
        "stigning på 8,0 pct. i forhold til samme periode i 2024.",
        "en": "In the first half of 2025, 54 persons were assessed as victims of trafficking, an "
        "increase of 8.0 per cent on the same period of 2024.",
    }[language]
    early = checked(running_year, "2025-Q1", text, language)
    assert [c.verdict for c in early.claims] == ["not-in-data", "not-in-data"]
    assert "kun tal for 1. kvt. 2025" in early.claims[0].explanation_da
    later = checked(running_year, "2025-Q2", text, language)
    assert [c.verdict for c in later.claims] == ["consistent", "consistent"]
    assert "Fra 50 i 1.–2. kvt. 2024 til 54 i 1.–2. kvt. 2025" in later.claims[1].explanation_da


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "I årets første halvår blev 54 personer vurderet som ofre for menneskehandel."),
        ("en", "In the first half of the year, 54 persons were assessed as victims."),
        ("da", "I 1. kvt. 2025 blev 28 personer vurderet som ofre for menneskehandel, mod 19 i "
         "samme periode sidste år."),
    ],
)  # fmt: skip
def test_a_part_of_a_year_that_names_no_year_is_not_checked(
    running_year: RunningYear, language: Language, text: str
) -> None:
    report = checked(running_year, "2025-Q2", text, language)
    assert report.claims
    assert {c.verdict for c in report.claims} == {"not-checked"}
    assert "hvilke kvartaler af hvilket år" in report.claims[0].explanation_da
    assert "which quarters of which year" in report.claims[0].explanation_en


def test_a_quarter_planwatch_holds_no_quarterly_figures_for_is_not_in_data(
    running_year: RunningYear,
) -> None:
    text = "I første kvartal 2023 blev 30 personer vurderet som ofre for menneskehandel."
    (count,) = checked(running_year, "2025-Q2", text, "da").claims
    assert count.verdict == "not-in-data"
    assert "kun et tal for hele 2023, ingen kvartalstal" in count.explanation_da
    assert "only a figure for the whole of 2023, no quarterly figures" in count.explanation_en
