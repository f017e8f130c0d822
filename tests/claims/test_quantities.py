"""The quantities a sentence writes: money, per cents, counts (in digits and in words), years
and their roles, what is no figure, and the qualifier, unit and breakdown of a count."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planwatch.claims.extraction import candidates
from planwatch.claims.quantities import Quantity, find_quantities
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.formatting import Language


def quantities(text: str, language: Language = "da") -> list[Quantity]:
    return find_quantities(text, language)


def figures(text: str, language: Language = "da") -> list[tuple[str, str, Decimal]]:
    """(kind, text as written, value) of every quantity but years."""
    return [(q.kind, q.text, q.value) for q in quantities(text, language) if q.kind != "year"]


def years(text: str, language: Language = "da") -> list[tuple[int, str | None]]:
    return [(q.year, q.role) for q in quantities(text, language) if q.kind == "year"]


# --- money, per cents and counts -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "kind", "written", "value"),
    [
        ("Rammen er 118,2 mio. kr.", "da", "money", "118,2 mio. kr.", "118200000"),
        ("Rammen er kr. 118,2 mio.", "da", "money", "kr. 118,2 mio.", "118200000"),
        ("The plan has DKK 118.2m.", "en", "money", "DKK 118.2m", "118200000"),
        ("It is 118.2 million kroner.", "en", "money", "118.2 million kroner", "118200000"),
        ("It is DKK 118,200,000 in all.", "en", "money", "DKK 118,200,000", "118200000"),
        ("Det er 118.200.000 kr. i alt.", "da", "money", "118.200.000 kr.", "118200000"),
        ("Det er 1,2 mia. kr.", "da", "money", "1,2 mia. kr.", "1200000000"),
        ("En stigning på 53,4 pct.", "da", "percent", "53,4 pct.", "53.4"),
        ("En stigning på 53,4 %.", "da", "percent", "53,4 %", "53.4"),
        ("An increase of 53.4%.", "en", "percent", "53.4%", "53.4"),
        ("An increase of 53.4 per cent.", "en", "percent", "53.4 per cent", "53.4"),
        ("An increase of 53.4 percent.", "en", "percent", "53.4 percent", "53.4"),
        ("En stigning på 35 procent.", "da", "percent", "35 procent", "35"),
        ("En stigning på 5 procentpoint.", "da", "points", "5 procentpoint", "5"),
        ("Up 5 percentage points.", "en", "points", "5 percentage points", "5"),
        ("Der var 1.233 ofre.", "da", "count", "1.233", "1233"),
        ("There were 1,233 victims.", "en", "count", "1,233", "1233"),
    ],
)
def test_money_per_cents_and_counts_in_both_languages(
    text: str, language: Language, kind: str, written: str, value: str
) -> None:
    assert figures(text, language) == [(kind, written, Decimal(value))]


def test_the_unit_decides_the_convention_not_only_the_language() -> None:
    (money,) = quantities("Regeringen afsætter DKK 1.233m.", "da")
    assert money.value == Decimal("1233000")  # "DKK ...m" is English: 1.233 million
    (count,) = quantities("Der var 1.233 ofre.", "da")
    assert count.value == 1233


def test_money_keeps_the_precision_it_is_written_with() -> None:
    (money,) = quantities("Rammen er 118,2 mio. kr.")
    assert (money.written, money.decimals, money.scale) == (Decimal("118.2"), 1, 1_000_000)
    (rounded,) = quantities("Rammen er 118 mio. kr.")
    assert (rounded.written, rounded.decimals) == (118, 0)


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("Der var tre personer.", "da", 3),
        ("Der var tolv ofre.", "da", 12),
        ("Der var tyve ofre.", "da", 20),
        ("Der var treoghalvfjerds ofre.", "da", 73),
        ("Der var en person.", "da", 1),
        ("Der var én af dem.", "da", 1),
        ("Et offer blev fundet.", "da", 1),
        ("There were three victims.", "en", 3),
        ("There were twenty-one victims.", "en", 21),
        ("There were twenty one victims.", "en", 21),
        ("One victim was found.", "en", 1),
        ("Eleven cases.", "en", 11),
    ],
)
def test_small_numbers_in_words(text: str, language: Language, value: int) -> None:
    (count,) = quantities(text, language)
    assert (count.kind, count.value, count.is_word) == ("count", value, True)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Det var en stigning på mange.", "da"),  # an article, not one
        ("Det er et fald.", "da"),
        ("One of the reasons.", "en"),
        ("We went to the office.", "en"),  # English "to" is no number ...
        ("De fire går.", "en"),  # ... and Danish words count only in Danish texts
    ],
)
def test_words_that_only_look_like_numbers(text: str, language: Language) -> None:
    assert quantities(text, language) == []


# --- years ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Der var 73 ofre i 2022.", "da", [(2022, "point")]),
        ("In 2023, 112 people.", "en", [(2023, "point")]),
        ("Antallet er steget fra 2020.", "da", [(2020, "from")]),
        ("Det højeste siden 2016.", "da", [(2016, "since")]),
        ("The highest since 2016.", "en", [(2016, "since")]),
        ("En stigning i forhold til 2022.", "da", [(2022, "base")]),
        ("Fra 2022 til 2023 steg det.", "da", [(2022, "from"), (2023, "to")]),
        ("Planen for 2022–2025.", "da", [(2022, "from"), (2025, "to")]),
        ("Mellem 2022 og 2023.", "da", [(2022, "from"), (2023, "to")]),
        ("I 2022 og 2023.", "da", [(2022, "point"), (2023, "point")]),
        ("2023 blev et rekordår.", "da", [(2023, "point")]),
        ("Den 4. juni 2024 talte hun.", "da", [(2024, "date")]),
        ("On 4 June 2024 she spoke.", "en", [(2024, "date")]),
        ("Ved udgangen af 2023.", "da", [(2023, "point")]),
        ("I første kvartal 2023.", "da", [(2023, "point")]),
    ],
)
def test_years_in_year_position(
    text: str, language: Language, expected: list[tuple[int, str]]
) -> None:
    assert years(text, language) == expected


def test_a_year_like_number_elsewhere_is_a_count() -> None:
    (count,) = quantities("Der var 2023 personer på listen.")
    assert (count.kind, count.value) == ("count", 2023)
    assert years("Der var 2023 personer på listen.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Efter straffelovens § 262 a.",
        "Se side 12 og bilag 3.",
        "Den 4. juni talte hun.",
        "Ofrene var 17-årige.",
        "Ofre under 18 år.",
        "Ofre under 18.",
        "I de seneste 5 år.",
        "Udledningen af CO2.",
        "Det var i 1990'erne.",
    ],
)
def test_references_ordinals_ages_and_durations_are_no_figures(text: str) -> None:
    assert [q for q in quantities(text) if q.kind != "year"] == []


def test_qualifiers_markers_units_and_breakdowns_of_counts() -> None:
    found = quantities("Antallet steg fra knap 80 til mere end 110 personer.")
    first, second = found
    assert (first.value, first.marker, first.qualifier) == (80, "from", "just-under")
    assert (second.value, second.marker, second.qualifier) == (110, "to", "more")
    assert (second.unit, second.unit_word) == ("persons", "personer")
    (women, men) = quantities("Der var 48 kvinder og 24 mænd i 2022.")[:2]
    assert women.breakdown == Breakdown(sex="female")
    assert men.breakdown == Breakdown(sex="male")
    (minors,) = [q for q in quantities("I 2022 var 6 af ofrene under 18 år.") if q.kind == "count"]
    assert minors.breakdown == Breakdown(age_group="under_18")
    (total,) = [
        q for q in quantities("I 2023 var der 112 ofre, men færre kvinder.") if q.value == 112
    ]
    assert total.breakdown == TOTAL  # "men" is Danish for "but", and the comma ends the window


# --- a compared count's breakdown ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2023 var 3 af de vurderede ofre under 18 år mod 6 i 2022.", "da"),
        ("In 2023, 3 of the persons assessed as victims were under 18, against 6 in 2022.", "en"),
    ],
)
def test_a_count_compared_with_a_count_of_a_part_is_of_the_same_part(
    text: str, language: Language
) -> None:
    counts = [q for q in quantities(text, language) if q.kind == "count"]
    assert [(q.value, q.breakdown) for q in counts] == [
        (3, Breakdown(age_group="under_18")),
        (6, Breakdown(age_group="under_18")),
    ]
    found = [c for c in candidates(text, language) if c.kind == "count"]
    assert [(c.years, c.note) for c in found] == [((2023,), None), ((2022,), None)]


def test_a_count_not_compared_keeps_its_own_breakdown() -> None:
    counts = [
        q for q in quantities("I 2023 var 3 ofre under 18 år og 112 i alt.") if q.kind == "count"
    ]
    assert [q.breakdown for q in counts] == [Breakdown(age_group="under_18"), TOTAL]
