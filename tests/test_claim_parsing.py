"""Reading a text into sentences, quantities and candidate claims: pure, no database."""

from __future__ import annotations

import io
from decimal import Decimal

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.claim_parsing import (
    Candidate,
    Language,
    Quantity,
    candidates,
    detect_language,
    find_quantities,
    find_terms,
    parse_number,
    read_document,
    split_sentences,
)
from planwatch.domain.vocab import TOTAL, Breakdown
from planwatch.errors import UsageError
from planwatch.formatting import format_number, round_half_up


def quantities(text: str, language: Language = "da") -> list[Quantity]:
    return find_quantities(text, language)


def figures(text: str, language: Language = "da") -> list[tuple[str, str, Decimal]]:
    """(kind, text as written, value) of every quantity but years."""
    return [(q.kind, q.text, q.value) for q in quantities(text, language) if q.kind != "year"]


def years(text: str, language: Language = "da") -> list[tuple[int, str | None]]:
    return [(q.year, q.role) for q in quantities(text, language) if q.kind == "year"]


def only(found: list[Candidate], kind: str) -> Candidate:
    matching = [c for c in found if c.kind == kind]
    assert len(matching) == 1, found
    return matching[0]


# --- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "convention", "value", "decimals"),
    [
        ("1.233", "da", "1233", 0),  # Danish groups thousands with a full stop
        ("1.233", "en", "1.233", 3),  # ... English writes decimals with it
        ("1,233", "en", "1233", 0),
        ("1,233", "da", "1.233", 3),
        ("53,4", "da", "53.4", 1),  # one or two digits after the sign: always a decimal
        ("53,4", "en", "53.4", 1),
        ("53.4", "da", "53.4", 1),
        ("53.42", "en", "53.42", 2),
        ("1233,5", "da", "1233.5", 1),  # four digits before the sign: no grouping
        ("0.125", "da", "0.125", 3),  # "0" before the sign: no grouping
        ("1.234,5", "en", "1234.5", 1),  # both signs: the last is the decimal sign
        ("1,234.5", "da", "1234.5", 1),
        ("1.233.000", "en", "1233000", 0),  # repeated: grouping, whatever the language
        ("1,233,000", "da", "1233000", 0),
        ("1\u00a0233", "da", "1233", 0),  # a no-break space groups
        ("-1.233", "da", "-1233", 0),
        ("+53,4", "da", "53.4", 1),
    ],
)
def test_the_decimal_sign_is_decided_by_form_then_by_language(
    text: str, convention: Language, value: str, decimals: int
) -> None:
    parsed = parse_number(text, convention)
    assert parsed.value == Decimal(value)
    assert parsed.decimals == decimals


@pytest.mark.parametrize("text", ["1.23.4", "12.34.567", "1,2.3,4", "abc", "1.2345.678"])
def test_malformed_numbers_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"number|groups|decimal"):
        parse_number(text, "da")


@given(st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from(["da", "en"]))
def test_any_integer_formatted_for_a_reader_parses_back_to_itself(
    value: int, language: Language
) -> None:
    text = format_number(value, language)
    assert parse_number(text, language).value == value


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.sampled_from(["da", "en"]),
    st.integers(min_value=1, max_value=2),
)
def test_any_decimal_formatted_for_a_reader_parses_back_to_its_rounding(
    value: Decimal, language: Language, places: int
) -> None:
    text = format_number(value, language, places)
    parsed = parse_number(text, language)
    assert parsed.value == round_half_up(value, places)
    assert parsed.decimals == places


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
    assert (first.value, first.marker, first.qualifier) == (80, "from", "approx")
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


# --- sentences and spans -------------------------------------------------------------------


def test_sentences_split_at_full_stops_before_capitals_but_not_after_abbreviations() -> None:
    text = (
        "Der var 73 ofre i 2022. I 2023 var der 112. Rammen er 118,2 mio. kr. til planen. "
        "Det er ca. 100 flere end bl.a. i 2015! Er det sandt? Ja."
    )
    found = [s.text for s in split_sentences(text)]
    assert found == [
        "Der var 73 ofre i 2022.",
        "I 2023 var der 112.",
        "Rammen er 118,2 mio. kr. til planen.",
        "Det er ca. 100 flere end bl.a. i 2015!",
        "Er det sandt?",
        "Ja.",
    ]


def test_markdown_blocks_are_paragraphs_and_offsets_point_into_the_original() -> None:
    text = "# Overskrift\n\nFørste linje\nfortsætter her. Anden.\n- Punkt et\n- Punkt to\n"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Overskrift",
        "Første linje\nfortsætter her.",
        "Anden.",
        "Punkt et",
        "Punkt to",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2, 3]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


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
    share = only(candidates("87 pct. af ofrene var kvinder.", "da"), "other")
    assert share.note == "share"
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
    period = only(candidates("Fra 2020 til 2023 blev 300 personer vurderet.", "da"), "other")
    assert period.note == "period-total"
    quarter = only(candidates("I første kvartal 2023 blev 30 personer vurderet.", "da"), "count")
    assert quarter.part_of_year


def test_a_difference_is_not_a_count() -> None:
    difference = only(candidates("Det er 39 flere end i 2022.", "da"), "difference")
    assert (difference.direction, difference.years, difference.open_end) == (1, (2022,), True)


# --- terms and language --------------------------------------------------------------------

TERMS = (
    ("hotline_calls", "hotline"),
    ("hotline_calls", "opkald til hotlinen"),
    ("victims_assessed", "ofre for menneskehandel"),
    ("victims_identified_tip", "TIP-rapporten"),
)


def test_terms_match_whole_words_case_insensitively_longest_first() -> None:
    text = "Ifølge TIP-RAPPORTEN var der 72 ofre for menneskehandel og mange Opkald til hotlinen."
    hits = find_terms(text, TERMS)
    assert [(h.code, text[h.start : h.end]) for h in hits] == [
        ("victims_identified_tip", "TIP-RAPPORTEN"),
        ("victims_assessed", "ofre for menneskehandel"),
        ("hotline_calls", "Opkald til hotlinen"),  # not also "hotline" inside it
    ]
    assert find_terms("Hotlinens opkald og hotlines.", TERMS) == []  # no inflection


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I 2023 blev 112 personer vurderet som ofre for menneskehandel.", "da"),
        ("In 2023, 112 people were identified as victims of trafficking.", "en"),
        ("Stigningen på 35 pct. er forkert.", "da"),
        ("The increase of 35 per cent is wrong.", "en"),
    ],
)
def test_language_detection(text: str, expected: str) -> None:
    assert detect_language(text) == expected


# --- reading files -------------------------------------------------------------------------


def docx_bytes(paragraphs: list[str], cells: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if cells:
        table = document.add_table(rows=len(cells), cols=len(cells[0]))
        for r, row in enumerate(cells):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_is_read_as_its_paragraphs_and_table_cells_in_order() -> None:
    data = docx_bytes(["Første afsnit.", "", "Andet afsnit."], [["År", "Antal"], ["2023", "112"]])
    text = read_document(data, "tale.docx")
    assert text == "Første afsnit.\n\nAndet afsnit.\n\nÅr\n\nAntal\n\n2023\n\n112"
    assert [s.text for s in split_sentences(text)][:2] == ["Første afsnit.", "Andet afsnit."]


def test_merged_table_cells_are_read_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "I 2023 blev 112 personer vurderet som ofre for menneskehandel."
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_document(buffer.getvalue(), "tabel.docx") == (
        "I 2023 blev 112 personer vurderet som ofre for menneskehandel."
    )


def test_text_files_are_decoded_as_utf8_or_windows_1252() -> None:
    assert read_document(b"Ofre for menneskehandel\r\n", "a.md") == ("Ofre for menneskehandel\n")
    assert read_document("Udredte personer".encode("cp1252"), "a.txt") == "Udredte personer"


@pytest.mark.parametrize(
    ("data", "name", "fragment_da", "fragment_en"),
    [
        (b"", "tom.txt", "tom", "empty"),
        (b"  \n\n ", "tom.md", "tom", "empty"),
        (b"PK\x03\x04 not really a zip", "tale.docx", "Word-dokument", "Word document"),
        (b"%PDF-1.7", "tale.pdf", "Filtypen", "Files of type"),
        (b"\x00\x01\x02", "tale.txt", "kan ikke læses", "cannot be read"),
    ],
)
def test_empty_unreadable_or_unsupported_files_are_refused_in_both_languages(
    data: bytes, name: str, fragment_da: str, fragment_en: str
) -> None:
    with pytest.raises(UsageError) as raised:
        read_document(data, name)
    assert fragment_da in raised.value.message_da
    assert fragment_en in raised.value.message_en


def test_an_empty_docx_is_refused() -> None:
    with pytest.raises(UsageError, match="empty"):
        read_document(docx_bytes([""]), "tom.docx")


# --- a highest/lowest phrase's since year, and a compared count's breakdown -------------------

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
