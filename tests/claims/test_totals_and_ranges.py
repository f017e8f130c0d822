"""Totals over a span of years and ranges (issue 15). A total (*fra 2007 til og med 2022 i alt
1.121*, *siden 2007 i alt 1.233*, *a total of 1,233 since 2007*) is checked against the
cumulative indicator at the span's end (``victims_assessed_cumulative``: 1,121 at the end of
2022, 1,233 at the end of 2023) or the sum of the years when planwatch holds every one (2015-2023:
93+121+98+97+64+77+80+73+112 = 815), never against one year's figure; a range (*mellem 73 og 80
om året* in 2020-2022: 77, 80, 73) holds when every year's figure lies within it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.formatting import Language
from planwatch.storage import Store
from tests.claims.checked_texts import checked, never_inconsistent, one, store, stored_values

__all__ = ["store"]

VA = "victims_assessed"
CUMULATIVE = "victims_assessed_cumulative"

CUMULATIVE_TOTALS: list[tuple[Language, str, int, int]] = [
    (
        "da",
        "Fra 2007 til og med 2022 er i alt 1.121 personer vurderet som ofre for menneskehandel.",
        2022,
        1121,
    ),
    (
        "en",
        "From 2007 to 2022, a total of 1,121 persons were assessed as victims of trafficking.",
        2022,
        1121,
    ),
    ("da", "Siden 2007 er i alt 1.233 personer vurderet som ofre for menneskehandel.", 2023, 1233),
    (
        "en",
        "A total of 1,233 persons have been assessed as victims of trafficking since 2007.",
        2023,
        1233,
    ),
    (
        "da",
        "I perioden 2007-2023 har myndighederne vurderet 1233 personer som ofre for "
        "menneskehandel.",
        2023,
        1233,
    ),
    (
        "en",
        "In the period 2007-2023 the authorities assessed 1,233 persons as victims of trafficking.",
        2023,
        1233,
    ),
]


@pytest.mark.parametrize(("language", "text", "year", "value"), CUMULATIVE_TOTALS)
def test_a_total_since_2007_is_checked_against_the_cumulative_figure(
    store: Store, language: Language, text: str, year: int, value: int
) -> None:
    report = checked(store, text, language)
    never_inconsistent(report)
    claim = one(store, text, language, "total")
    assert claim.verdict == "consistent"
    assert claim.indicator is not None and claim.indicator.code == VA
    assert stored_values(claim) == [(CUMULATIVE, year, Decimal(value))]
    assert claim.years == (2007, year)
    assert "Regel:" in claim.explanation_da and "Rule:" in claim.explanation_en
    assert "Center mod Menneskehandel" in claim.explanation_en
    assert not [c for c in report.claims if c.kind == "count"]


@pytest.mark.parametrize(
    ("language", "text", "right"),
    [
        ("da", "Siden 2007 er i alt 1.300 personer vurderet som ofre for menneskehandel.", "1.233"),
        (
            "en",
            "Since 2007, a total of 1,300 persons have been assessed as victims of trafficking.",
            "1,233",
        ),
        (
            "da",
            "Fra 2007 til og med 2022 er i alt 1.233 personer vurderet som ofre for "
            "menneskehandel.",
            "1.121",
        ),
    ],
)
def test_a_wrong_total_is_inconsistent_never_against_one_year(
    store: Store, language: Language, text: str, right: str
) -> None:
    claim = one(store, text, language, "total")
    assert (claim.verdict, claim.correct) == ("inconsistent", right)
    assert [s.indicator for s in claim.stored] == [CUMULATIVE]


@pytest.mark.parametrize(
    ("language", "text", "verdict", "correct"),
    [
        (
            "da",
            "Fra 2015 til 2023 blev i alt 815 personer vurderet som ofre for menneskehandel.",
            "consistent",
            None,
        ),
        (
            "en",
            "Between 2015 and 2023 a total of 815 persons were assessed as victims of trafficking.",
            "consistent",
            None,
        ),
        (
            "en",
            "Between 2015 and 2023 a total of 900 persons were assessed as victims of trafficking.",
            "inconsistent",
            "815",
        ),
    ],
)
def test_a_total_not_from_2007_is_the_sum_of_the_years(
    store: Store, language: Language, text: str, verdict: str, correct: str | None
) -> None:
    claim = one(store, text, language, "total")
    assert (claim.verdict, claim.correct) == (verdict, correct)
    assert [(s.indicator, s.year) for s in claim.stored] == [(VA, y) for y in range(2015, 2024)]
    assert "sum" in claim.explanation_da and "sum" in claim.explanation_en


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "Fra 2010 til 2023 blev i alt 1.100 personer vurderet som ofre for menneskehandel."),
        (
            "en",
            "From 2010 to 2023, a total of 1,100 persons were assessed as victims of trafficking.",
        ),
    ],
)
def test_a_total_planwatch_cannot_work_out_is_not_in_data_with_the_reason(
    store: Store, language: Language, text: str
) -> None:
    claim = one(store, text, language, "total")
    assert claim.verdict == "not-in-data"
    assert "2010" in claim.explanation_da and "2010" in claim.explanation_en
    assert "2007" in claim.explanation_en  # why the cumulative figure does not serve
    assert "2010-2011, 2013-2014" in claim.explanation_en  # the years planwatch does not hold
    assert "counts from 2007, not from 2010" in claim.explanation_en
    assert "tæller fra 2007, ikke fra 2010" in claim.explanation_da


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "Fra 2007 til 2016 blev i alt 632 personer vurderet som ofre for menneskehandel."),
        ("en", "Between 2007 and 2016 a total of 632 persons were identified as victims."),
    ],
)
def test_a_total_from_2007_to_a_year_without_the_cumulative_figure_says_which_years_it_has(
    store: Store, language: Language, text: str
) -> None:
    """Held-out set 1's *Between 2007 and 2016 a total of 632*: the cumulative figure counts
    from 2007 as the text does, but planwatch holds it for other years only. The reason says
    that, and which years, not "counts from 2007, not from 2007"."""
    claim = one(store, text, language, "total")
    assert claim.verdict == "not-in-data"
    assert "ikke for 2016, kun for 2015, 2019-2023" in claim.explanation_da
    assert "for 2016, only for 2015, 2019-2023" in claim.explanation_en
    assert "not from 2007" not in claim.explanation_en


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "da",
            "I 2023 blev 112 personer vurderet som ofre for menneskehandel, og siden 2007 er i alt "
            "1.233 personer vurderet som ofre for menneskehandel.",
        ),
        (
            "en",
            "In 2023, 112 persons were assessed as victims of trafficking, and since 2007 a total "
            "of 1,233 persons have been assessed as victims of trafficking.",
        ),
    ],
)
def test_a_year_and_a_total_in_one_sentence_are_each_checked_as_what_they_are(
    store: Store, language: Language, text: str
) -> None:
    report = checked(store, text, language)
    never_inconsistent(report)
    assert [(c.kind, c.verdict) for c in report.claims] == [
        ("count", "consistent"),
        ("total", "consistent"),
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("da", "Fra 2022 til 2023 blev 73 personer vurderet som ofre for menneskehandel."),
        ("en", "From 2022 to 2023, 73 persons were assessed as victims of trafficking."),
        (
            "da",
            "I 2023 blev 112 vurderet som ofre for menneskehandel, det højeste antal siden 2016.",
        ),
        (
            "en",
            "In 2023, 112 were assessed as victims of trafficking, the highest number since 2016.",
        ),
        ("da", "Siden 2007 er der i alt gennemført 2.000 udredninger for menneskehandel."),
        ("en", "Since 2007 a total of 2,000 calls about victims of trafficking were received."),
    ],
)
def test_near_misses_of_totals_are_not_judged_inconsistent(
    store: Store, language: Language, text: str
) -> None:
    report = checked(store, text, language)
    never_inconsistent(report)
    for claim in report.claims:
        if claim.kind == "total":  # one year's figure in a span: which year, or "i alt"?
            assert claim.verdict in ("not-checked", "not-in-data")


RANGES: list[tuple[Language, str, str, str | None]] = [
    (
        "da",
        "I perioden 2020-2022 blev mellem 73 og 80 personer om året vurderet som ofre for "
        "menneskehandel.",
        "consistent",
        None,
    ),
    (
        "en",
        "From 2020 to 2022, between 73 and 80 persons a year were assessed as victims of "
        "trafficking.",
        "consistent",
        None,
    ),
    (
        "da",
        "I perioden 2019-2023 lå antallet af ofre for menneskehandel mellem 70 og 112 om året.",
        "inconsistent",
        "mellem 64 og 112",
    ),
    (
        "en",
        "Between 2019 and 2023 the number of victims of trafficking was between 70 and 112 a year.",
        "inconsistent",
        "between 64 and 112",
    ),
    (
        "da",
        "I 2022 blev mellem 70 og 80 personer vurderet som ofre for menneskehandel.",
        "consistent",
        None,
    ),
    (
        "en",
        "In 2022, between 80 and 90 persons were assessed as victims of trafficking.",
        "inconsistent",
        "73",
    ),
    (
        "da",
        "I perioden 2020-2022 blev mellem 200 og 250 personer vurderet som ofre for "
        "menneskehandel.",
        "not-checked",
        None,
    ),
]


@pytest.mark.parametrize(("language", "text", "verdict", "correct"), RANGES)
def test_a_range_holds_when_every_years_figure_is_within_it(
    store: Store, language: Language, text: str, verdict: str, correct: str | None
) -> None:
    claim = one(store, text, language, "range")
    assert (claim.verdict, claim.correct) == (verdict, correct)
    assert claim.indicator is not None and claim.indicator.code == VA
    assert all(s.indicator == VA for s in claim.stored) and claim.stored
    if verdict == "consistent":
        never_inconsistent(checked(store, text, language))


@pytest.mark.parametrize(
    ("language", "text", "year_count"),
    [
        ("da", "Fra 2007 til og med 2023 er 1.233 mennesker blevet vurderet som ofre for "
         "menneskehandel – alene i 2023 var det {n}.", "hundrede og tolv"),
        ("da", "Fra 2007 til og med 2023 er 1.233 mennesker blevet vurderet som ofre for "
         "menneskehandel, og alene i 2023 var det {n}.", "112"),
        ("en", "From 2007 to 2023, 1,233 persons were assessed as victims of trafficking; in "
         "2023 alone it was {n}.", "112"),
    ],
)  # fmt: skip
def test_a_count_after_a_year_of_its_own_in_a_span_sentence_is_that_years(
    store: Store, language: Language, text: str, year_count: str
) -> None:
    """Held-out set 4's *… – alene i 2023 var det hundrede og tolv* was read as the span's
    total ("one year's figure within 2007-2023"); its own year before it makes it 2023's."""
    report = checked(store, text.format(n=year_count), language)
    total = [c for c in report.claims if c.kind == "total"]
    assert [c.verdict for c in total] == ["consistent"]
    (year,) = [c for c in report.claims if c.kind == "count"]
    assert year.verdict == "consistent" and year.years == (2023,)
    assert stored_values(year) == [(VA, 2023, Decimal(112))]
    wrong = [c for c in checked(store, text.format(n="121"), language).claims if c.kind == "count"]
    assert [c.verdict for c in wrong] == ["inconsistent"]
