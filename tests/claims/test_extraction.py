"""Candidate claims found in a text: their kinds, spans and the years they are about."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.candidates import Candidate
from planwatch.claims.extraction import candidates
from planwatch.claims.quantities import find_quantities
from planwatch.claims.sentences import split_sentences
from planwatch.formatting import Language


def only(found: list[Candidate], kind: str) -> Candidate:
    matching = [c for c in found if c.kind == kind]
    assert len(matching) == 1, found
    return matching[0]


def test_every_span_points_at_what_was_written() -> None:
    text = (
        "# Tale\n\nAntallet af ofre steg fra 73 i 2022 til 112 i 2023, en stigning på 35 pct. "
        "Handlingsplanen 2022–2025 har en ramme på 118,2 mio. kr."
    )
    for sentence in split_sentences(text):
        for quantity in find_quantities(sentence.text, "da", sentence.start):
            assert text[quantity.start : quantity.end] == quantity.text
    found = candidates(text, "da")
    assert [(c.kind, text[c.start : c.end]) for c in found] == [
        ("from-to", "fra 73 i 2022 til 112 i 2023"),
        ("change", "en stigning på 35 pct."),
        ("budget", "118,2 mio. kr."),
    ]
    for claim in found:
        assert claim.text == text[claim.start : claim.end]


# --- candidate claims ----------------------------------------------------------------------


def test_a_change_takes_its_years_from_its_own_sentence() -> None:
    text = "Antallet steg fra 73 i 2022 til 112 i 2023, en stigning på 35 pct."
    change = only(candidates(text, "da"), "change")
    assert (change.years, change.years_from, change.direction) == ((2022, 2023), "sentence", 1)
    assert change.stated[0].value == 35
    steg = only(candidates("Antallet steg med 35 pct. fra 2022 til 2023.", "da"), "change")
    assert steg.years == (2022, 2023)


def test_a_change_takes_its_years_from_the_previous_sentence() -> None:
    text = "In 2023, 112 people were identified, up from 73 in 2022. That is an increase of 35 %."
    change = only(candidates(text, "en"), "change")
    assert (change.years, change.years_from) == ((2022, 2023), "previous")


def test_one_year_alone_is_compared_with_the_year_before_and_since_runs_to_the_latest() -> None:
    one = only(candidates("I 2023 faldt antallet med 10 pct.", "da"), "change")
    assert (one.years, one.years_from, one.direction) == ((2022, 2023), "year-before", -1)
    since = only(candidates("Siden 2020 er antallet steget med 59 pct.", "da"), "change")
    assert (since.years, since.open_end) == ((2020,), True)


def test_a_share_and_points_are_other_figures() -> None:
    share = only(candidates("87 pct. af ofrene var kvinder.", "da"), "share")  # issue 15
    assert share.share is not None and share.share.part.sex == "female"
    other = only(candidates("87 pct. af ofrene.", "da"), "other")
    assert other.note == "share"
    points = only(candidates("Andelen steg med 5 procentpoint.", "da"), "other")
    assert points.note == "percentage-points"


def test_ratio_extreme_and_budget_claims() -> None:
    ratio = only(candidates("Antallet er mere end fordoblet siden 2020.", "da"), "ratio")
    assert (ratio.factor, ratio.qualifier, ratio.years) == (2, "more", (2020,))
    assert ratio.open_end
    halved = only(candidates("The number was halved from 2016 to 2019.", "en"), "ratio")
    assert (halved.factor, halved.years) == (Decimal("0.5"), (2016, 2019))
    text = "I 2023 blev 112 vurderet som ofre, det højeste antal siden 2016."
    highest = only(candidates(text, "da"), "highest-since")
    assert highest.years == (2016, 2023)
    record = only(candidates("It is the lowest number ever.", "en"), "lowest-since")
    assert record.record
    budget = only(candidates("Handlingsplanen 2022–2025 har 118,2 mio. kr.", "da"), "budget")
    assert (budget.plan_years, budget.plan_named) == ((2022, 2025), True)
    spent = only(candidates("Af handlingsplanen er 106,5 mio. kr. brugt.", "da"), "other")
    assert spent.note == "spending"


def test_a_count_over_a_period_and_a_count_in_a_quarter() -> None:
    period = only(candidates("Fra 2020 til 2023 blev 300 personer vurderet.", "da"), "total")
    assert (period.years, period.open_end) == ((2020, 2023), False)  # issue 15: a total
    quarter = only(candidates("I første kvartal 2023 blev 30 personer vurderet.", "da"), "count")
    assert (quarter.years, quarter.quarters, quarter.part_of_year) == (
        (2023,),
        ((2023, (1,)),),
        False,
    )
    unclear = only(candidates("I årets første kvartal blev 30 personer vurderet.", "da"), "count")
    assert unclear.part_of_year


def test_a_difference_is_not_a_count() -> None:
    difference = only(candidates("Det er 39 flere end i 2022.", "da"), "difference")
    assert (difference.direction, difference.years, difference.open_end) == (1, (2022,), True)


# --- a highest/lowest phrase's since year --------------------------------------------------


VICTIMS_2023 = {
    "da": (
        "I 2023 blev 112 personer vurderet som ofre for menneskehandel mod 73 i 2022. Det er en "
        "stigning på 39 personer eller 53,4 pct. og det højeste antal siden 2016."
    ),
    "en": (
        "In 2023, 112 persons were assessed as victims of trafficking, against 73 in 2022. That "
        "is an increase of 39 persons or 53.4 per cent and the highest number since 2016."
    ),
}


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_since_year_of_a_highest_phrase_is_not_where_a_change_starts(
    language: Language,
) -> None:
    found = candidates(VICTIMS_2023[language], language)
    change = only(found, "change")
    assert (change.years, change.open_end, change.years_from) == ((2022, 2023), False, "previous")
    highest = only(found, "highest-since")
    assert (highest.years, highest.years_from) == ((2016, 2023), "previous")


def test_a_since_year_outside_a_highest_phrase_still_starts_a_change() -> None:
    text = "Siden 2016 er antallet steget med 10 pct., og det er det højeste antal siden 2015."
    change = only(candidates(text, "da"), "change")
    assert (change.years, change.open_end) == ((2016,), True)


@pytest.mark.parametrize(
    ("text", "language", "kind", "years"),
    [
        (
            "I 2021 blev 80 personer vurderet som ofre for menneskehandel mod 77 i 2020. Det er "
            "en stigning på 3 personer eller 3,9 pct. og det højeste antal siden 2018.",
            "da",
            "highest-since",
            (2018, 2021),
        ),
        (
            "In 2021, 80 persons were assessed as victims of trafficking, against 77 in 2020. "
            "That is an increase of 3 persons or 3.9 per cent and the highest number since 2018.",
            "en",
            "highest-since",
            (2018, 2021),
        ),
        (
            "I 2022 blev 73 personer vurderet som ofre for menneskehandel mod 80 i 2021. Det er "
            "et fald på 7 personer eller 8,8 pct. og det laveste antal siden 2019.",
            "da",
            "lowest-since",
            (2019, 2022),
        ),
        (
            "In 2022, 73 persons were assessed as victims of trafficking, against 80 in 2021. "
            "That is a decrease of 7 persons or 8.8 per cent and the lowest number since 2019.",
            "en",
            "lowest-since",
            (2019, 2022),
        ),
    ],
)
def test_a_highest_or_lowest_claim_is_about_the_year_of_the_previous_sentence(
    text: str, language: Language, kind: str, years: tuple[int, int]
) -> None:
    found = candidates(text, language)
    extreme = only(found, kind)
    assert (extreme.years, extreme.open_end, extreme.years_from) == (years, False, "previous")
    change = only(found, "change")
    assert (change.years, change.years_from) == ((years[1] - 1, years[1]), "previous")


def test_a_highest_claim_does_not_take_a_year_from_another_paragraph() -> None:
    text = "I 2020 var der 190 udredninger.\n\nDet er det højeste antal ofre siden 2017."
    extreme = only(candidates(text, "da"), "highest-since")
    assert (extreme.years, extreme.open_end, extreme.years_from) == ((2017,), True, "latest")
