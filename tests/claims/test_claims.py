"""Checking a text's figures against what planwatch holds (issue 7), on the demo database."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from planwatch.claims.checking import check, check_file
from planwatch.claims.report import CheckReport, Claim
from planwatch.claims.terms import DATA_DIR, TERMS_FILE, load_terms
from planwatch.claims.tolerance import agrees
from planwatch.domain.indicators import CORE_INDICATORS
from planwatch.domain.permissions import View
from planwatch.errors import DataError, UsageError
from planwatch.storage import Store
from planwatch.uploads import reference
from tests.paths import TEST_DATA

CLAIMS = TEST_DATA / "claims"
Row = tuple[str, str, str, str | None]


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """One copy of the demo database for the whole module: checking a text only reads."""
    path = tmp_path_factory.mktemp("claims") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


def rows(report: CheckReport) -> list[Row]:
    """(kind, claim text, verdict, corrected figure) of every claim, in order."""
    return [(c.kind, c.text, c.verdict, c.correct) for c in report.claims]


def claim(report: CheckReport, text: str) -> Claim:
    (found,) = [c for c in report.claims if c.text == text]
    return found


# --- the two speeches ------------------------------------------------------------------------

TALE_DA: list[Row] = [
    ("budget", "118,2 mio. kr.", "consistent", None),
    ("budget", "Omkring 120 mio. kr.", "consistent", None),
    ("count", "I 2023 blev 112 personer", "consistent", None),
    ("count", "I 2022 blev 74 personer", "inconsistent", "73"),
    ("from-to", "fra 73 i 2022 til 112 i 2023", "consistent", None),
    ("change", "en stigning på 35 pct.", "inconsistent", "53,4 pct."),
    ("highest-since", "højeste antal ofre for menneskehandel siden 2016", "consistent", None),
    ("change", "steg med 59 pct.", "consistent", None),
    ("ratio", "mere end fordoblet siden 2020", "inconsistent", "en stigning på 59,3 pct."),
    ("ratio", "mere end fordoblet siden 2008", "consistent", None),
    ("ratio", "halveret fra 2016 til 2019", "consistent", None),
    ("count", "112 ofre for menneskehandel i 2023", "consistent", None),
    ("highest-since", "højeste antal siden 2012", "inconsistent", "det højeste antal siden 2016"),
    ("difference", "39 flere", "consistent", None),
    ("count", "I 2019 modtog CMM's hotline 316 opkald", "consistent", None),
    ("count", "I 2023 modtog hotlinen 400 opkald", "not-in-data", None),
    ("count", "I 2019 ringede 316 personer", "not-checked", None),
    ("count", "50 nye krisecenterpladser i 2023", "not-checked", None),
    ("count", "I 2023 blev 58 ofre", "consistent", None),
    ("count", "I 2019 var 1 af ofrene", "not-checked", None),
    ("total", "i alt 1.233 personer", "consistent", None),
    ("count", "I første kvartal 2023 blev 30 personer", "not-in-data", None),  # no quarters
    ("share", "87 pct.", "not-in-data", None),  # women in Q1 2023: no quarterly figures
]

SPEECH_EN: list[Row] = [
    ("count", "In 2023, 112 people", "consistent", None),
    ("count", "73 in 2022", "consistent", None),
    ("change", "an increase of 35 per cent", "inconsistent", "53.4 per cent"),
    ("from-to", "from 73 in 2022 to 112 in 2023", "consistent", None),
    ("change", "an increase of 53.4 per cent", "consistent", None),
    ("budget", "DKK 118.2m", "consistent", None),
    ("budget", "120.5 million kroner", "inconsistent", "DKK 118.2m"),
    ("ratio", "more than doubled since 2020", "not-in-data", None),
    ("count", "290 assessments in 2023", "consistent", None),
    ("count", "In 2020, there were 190 assessments", "inconsistent", "182"),
    (
        "highest-since",
        "highest number of victims of trafficking since 2017",
        "inconsistent",
        "the highest number since 2016",
    ),
    ("count", "In 2023, three victims", "consistent", None),
    ("count", "72 victims in 2022", "consistent", None),
    ("count", "12 new shelters in 2023", "not-checked", None),
]


@pytest.fixture(scope="module")
def tale(store: Store) -> CheckReport:
    path = CLAIMS / "tale-da.md"
    return check_file(store, path.read_bytes(), path.name)


def test_every_claim_of_the_danish_speech_gets_its_verdict(tale: CheckReport) -> None:
    assert tale.language == "da"
    assert rows(tale) == TALE_DA
    assert tale.counts == {
        "consistent": 13,
        "inconsistent": 4,
        "not-in-data": 3,
        "not-checked": 3,
    }
    assert tale.exit_code == 1


def test_every_claim_of_the_english_speech_gets_its_verdict(store: Store) -> None:
    path = CLAIMS / "speech-en.txt"
    report = check_file(store, path.read_bytes(), path.name)
    assert report.language == "en"
    assert rows(report) == SPEECH_EN
    assert report.exit_code == 1


def test_35_per_cent_for_73_to_112_is_inconsistent_the_change_is_53_4(tale: CheckReport) -> None:
    wrong = claim(tale, "en stigning på 35 pct.")
    assert wrong.verdict == "inconsistent"
    assert wrong.correct == "53,4 pct."
    assert wrong.indicator is not None
    assert (wrong.indicator.code, wrong.indicator.name) == (
        "victims_assessed",
        "Vurderede ofre for menneskehandel",
    )
    assert wrong.years == (2022, 2023)
    assert [(s.text, s.value, s.decimals) for s in wrong.stated] == [("35 pct.", 35, 0)]
    assert [(s.year, s.value) for s in wrong.stored] == [(2022, 73), (2023, 112)]
    assert wrong.stored[1].sources[0].source_id == "cmm-tal-2023"
    assert wrong.stored[1].sources[0].publisher == "Center mod Menneskehandel"
    assert "53,4 pct." in wrong.explanation_da
    assert "53.4 per cent" in wrong.explanation_en
    assert tale.text[wrong.span[0] : wrong.span[1]] == "en stigning på 35 pct."


def test_a_figure_about_something_planwatch_does_not_hold_is_listed_not_dropped(
    tale: CheckReport,
) -> None:
    shelters = claim(tale, "50 nye krisecenterpladser i 2023")
    assert shelters.verdict == "not-checked"
    assert shelters.indicator is None
    assert shelters.sentence == "Der er oprettet 50 nye krisecenterpladser i 2023."
    assert "indikator" in shelters.explanation_da
    assert "indicator" in shelters.explanation_en
    share = claim(tale, "87 pct.")
    assert "andel" in share.explanation


def test_a_count_in_another_unit_is_not_checked(tale: CheckReport) -> None:
    callers = claim(tale, "I 2019 ringede 316 personer")
    assert callers.indicator is not None and callers.indicator.code == "hotline_calls"
    assert callers.verdict == "not-checked"
    assert "opkald" in callers.explanation_da
    assert "calls" in callers.explanation_en


def test_spans_point_into_the_text_checked(tale: CheckReport) -> None:
    for found in tale.claims:
        assert tale.text[found.span[0] : found.span[1]] == found.text
        start, end = found.sentence_span
        assert tale.text[start:end] == found.sentence


# --- suppression -----------------------------------------------------------------------------


def test_a_suppressed_small_count_is_never_revealed_nor_confirmed(tale: CheckReport) -> None:
    small = claim(tale, "I 2019 var 1 af ofrene")
    assert small.verdict == "not-checked"
    assert small.correct is None
    (stored,) = small.stored
    assert (stored.value, stored.shown, stored.year) == (None, "<3", 2019)
    assert json.loads(json.dumps(small.to_dict()))["stored"][0]["value"] is None


def test_a_reader_who_may_see_exact_small_counts_gets_a_verdict(store: Store) -> None:
    text = "I 2019 var 1 af ofrene for menneskehandel transkønnet."
    exact = check(store, text, view=View(exact_small_counts=True))
    assert rows(exact) == [("count", "I 2019 var 1 af ofrene", "consistent", None)]
    public = check(store, text)
    assert rows(public) == [("count", "I 2019 var 1 af ofrene", "not-checked", None)]


def test_a_count_of_part_of_the_victims_is_checked_against_that_part(store: Store) -> None:
    text = (
        "Tre af ofrene for menneskehandel i 2023 var mindreårige.\n\n"
        "I 2023 blev 112 personer vurderet som ofre, heraf 58 til seksuel udnyttelse.\n\n"
        "Blandt de mindreårige var der tre ofre for menneskehandel i 2023.\n\n"
        "Antallet af kvinder blandt ofrene for menneskehandel steg med 20 pct. i 2022.\n\n"
        "I 2022 var 48 af ofrene for menneskehandel kvinder og 24 mænd.\n\n"
        "I 2022 var 27 af ofrene for menneskehandel under 25 år."
    )
    report = check(store, text)
    assert rows(report) == [
        ("count", "Tre af ofrene for menneskehandel i 2023", "consistent", None),
        ("count", "I 2023 blev 112 personer", "consistent", None),
        ("count", "58", "consistent", None),
        ("count", "tre ofre for menneskehandel i 2023", "not-checked", None),  # which part?
        ("change", "steg med 20 pct.", "not-checked", None),  # changes of parts: not checked
        ("count", "I 2022 var 48 af ofrene", "consistent", None),
        ("count", "24 mænd", "consistent", None),
        ("count", "I 2022 var 27 af ofrene", "not-checked", None),  # no "under 25" breakdown
    ]
    assert "Under 18 år" in report.claims[0].explanation_da
    assert "Seksuel udnyttelse" in report.claims[2].explanation_da
    assert report.claims[2].stored[0].breakdown == "exploitation=sexual"


# --- tolerance -------------------------------------------------------------------------------

BOUNDARIES = [
    ("Antallet af ofre for menneskehandel steg med 53 pct. fra 2022 til 2023.", "consistent"),
    ("Antallet af ofre for menneskehandel steg med 53,4 pct. fra 2022 til 2023.", "consistent"),
    ("Antallet af ofre for menneskehandel steg med 53,42 pct. fra 2022 til 2023.", "consistent"),
    ("Antallet af ofre for menneskehandel steg med 53,5 pct. fra 2022 til 2023.", "inconsistent"),
    ("Antallet af ofre for menneskehandel steg med 53,43 pct. fra 2022 til 2023.", "inconsistent"),
    ("Antallet af ofre for menneskehandel steg med 54 pct. fra 2022 til 2023.", "inconsistent"),
    ("Antallet af ofre for menneskehandel faldt med 53 pct. fra 2022 til 2023.", "inconsistent"),
    ("Antallet af ofre for menneskehandel steg med over 50 pct. fra 2022 til 2023.", "consistent"),
    ("Antallet af ofre for menneskehandel steg med ca. 50 pct. fra 2022 til 2023.", "consistent"),
    ("Handlingsplanen 2022–2025 har en ramme på 118 mio. kr.", "consistent"),
    ("Handlingsplanen 2022–2025 har en ramme på 118,2 mio. kr.", "consistent"),
    ("Handlingsplanen 2022–2025 har en ramme på 118,20 mio. kr.", "consistent"),
    ("Handlingsplanen 2022–2025 har en ramme på 118,3 mio. kr.", "inconsistent"),
    ("Handlingsplanen 2022–2025 har en ramme på 119 mio. kr.", "inconsistent"),
    ("Handlingsplanen 2022–2025 har en ramme på mere end 118 mio. kr.", "consistent"),
    ("Handlingsplanen 2022–2025 har en ramme på mere end 118,2 mio. kr.", "inconsistent"),
    ("Handlingsplanen 2022–2025 har en ramme på 118.200.000 kr.", "consistent"),
    ("Handlingsplanen 2022–2025 har en ramme på 118.000.000 kr.", "inconsistent"),
    ("I 2023 blev 112 personer vurderet som ofre for menneskehandel.", "consistent"),
    ("I 2023 blev 111 personer vurderet som ofre for menneskehandel.", "inconsistent"),
    ("I 2023 blev over 110 personer vurderet som ofre for menneskehandel.", "consistent"),
    ("I 2023 blev færre end 112 personer vurderet som ofre for menneskehandel.", "inconsistent"),
    ("Antallet af ofre for menneskehandel blev fordoblet fra 2019 til 2023.", "inconsistent"),
    ("Antallet af ofre for menneskehandel blev fordoblet fra 2007 til 2008.", "inconsistent"),
    ("Antallet af udredninger er steget med 59,3 pct. siden 2020.", "consistent"),
    ("Antallet af udredninger er steget med 59,4 pct. siden 2020.", "inconsistent"),
]


def test_the_tolerance_boundaries(store: Store) -> None:
    report = check(store, "\n\n".join(text for text, _ in BOUNDARIES), language="da")
    assert [(c.sentence, c.verdict) for c in report.claims] == BOUNDARIES


def test_the_corrected_figure_keeps_the_texts_precision_at_least_one_decimal(
    store: Store,
) -> None:
    report = check(
        store,
        "Antallet af ofre for menneskehandel faldt med 53 pct. fra 2022 til 2023.\n\n"
        "Handlingsplanen 2022–2025 har en ramme på 118,35 mio. kr.\n\n"
        "The action plan 2022-2025 has DKK 119m.",
        language="da",
    )
    assert [c.correct for c in report.claims] == [
        "en stigning på 53,4 pct.",  # the direction was wrong, so it is said
        "118,20 mio. kr.",
        "118,2 mio. kr.",  # rendered in the text's language
    ]


@pytest.mark.parametrize(
    ("stated", "decimals", "actual", "qualifier", "expected"),
    [
        ("53", 0, "53.4246", "exact", True),
        ("53.4", 1, "53.4246", "exact", True),
        ("53.5", 1, "53.4246", "exact", False),
        ("53.5", 1, "53.45", "exact", True),  # half up
        ("118", 0, "118.2", "exact", True),
        ("118", 0, "118.5", "exact", False),
        ("120", 0, "118.2", "approx", True),  # to the tens: its last non-zero digit
        ("100", 0, "118.2", "approx", True),  # to the hundreds
        ("110", 0, "118.2", "approx", False),
        ("118", 0, "118.2", "more", True),
        ("118.2", 1, "118.2", "more", False),
        ("118.2", 1, "118.2", "at-least", True),
        ("120", 0, "118.2", "less", True),
        ("118.2", 1, "118.2", "at-most", True),
    ],
)
def test_agrees(stated: str, decimals: int, actual: str, qualifier: str, expected: bool) -> None:
    assert agrees(Decimal(stated), decimals, Decimal(actual), qualifier) is expected


# --- indicators, years, files ----------------------------------------------------------------


def test_two_indicators_in_one_sentence_the_one_nearest_the_figure_wins(store: Store) -> None:
    text = (
        "CMM's hotline havde travlt; i 2019 blev 64 personer vurderet som ofre for menneskehandel."
    )
    (found,) = check(store, text).claims
    assert found.indicator is not None and found.indicator.code == "victims_assessed"
    assert found.verdict == "consistent"
    assert "Opkald til Center mod Menneskehandels hotline" in found.explanation_da
    assert "nærmest tallet" in found.explanation_da
    assert "nearest the figure" in found.explanation_en


def test_an_indicator_without_figures_is_not_in_data(store: Store) -> None:
    text = "I 2023 blev 50 sager anmeldt til politiet."
    (found,) = check(store, text).claims
    assert (found.indicator and found.indicator.code, found.verdict) == (
        "reported_cases",
        "not-in-data",
    )


def test_as_of_a_moment_before_anything_was_stored_nothing_is_in_data(store: Store) -> None:
    text = "I 2023 blev 112 personer vurderet som ofre for menneskehandel."
    report = check(store, text, as_of=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert rows(report) == [("count", "I 2023 blev 112 personer", "not-in-data", None)]
    assert report.exit_code == 0


def test_a_docx_with_paragraphs_and_a_table(store: Store) -> None:
    document = docx.Document()
    document.add_heading("Svar på spørgsmål nr. 12", level=1)
    document.add_paragraph("I 2023 blev 112 personer vurderet som ofre for menneskehandel.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Udredninger"
    cell = table.cell(0, 1)
    cell.text = "Antallet af udredninger steg fra 182 i 2020 til 290 i 2023, en stigning på 80 pct."
    buffer = io.BytesIO()
    document.save(buffer)
    report = check_file(store, buffer.getvalue(), "svar.docx")
    assert report.file_name == "svar.docx"
    assert rows(report) == [
        ("count", "I 2023 blev 112 personer", "consistent", None),
        ("from-to", "fra 182 i 2020 til 290 i 2023", "consistent", None),
        ("change", "en stigning på 80 pct.", "inconsistent", "59,3 pct."),
    ]
    for found in report.claims:
        assert report.text[found.span[0] : found.span[1]] == found.text


def test_a_text_with_only_true_claims_exits_0_and_reports_as_json(store: Store) -> None:
    text = (
        "I 2023 blev 112 personer vurderet som ofre for menneskehandel. "
        "Handlingsplanen 2022–2025 har en ramme på 118,2 mio. kr. "
        "Der er 12 nye pladser på krisecentre i 2023."
    )
    report = check(store, text)
    assert report.exit_code == 0
    data = json.loads(json.dumps(report.to_dict()))
    assert data["exit_code"] == 0
    assert data["counts"] == {
        "consistent": 2,
        "inconsistent": 0,
        "not-in-data": 0,
        "not-checked": 1,
    }
    first = data["claims"][0]
    assert first["stated"][0] == {
        "text": "112",
        "value": "112",
        "decimals": 0,
        "kind": "count",
        "qualifier": "exact",
    }
    assert first["stored"][0]["sources"][0]["source_id"] == "cmm-tal-2023"
    assert data["claims"][1]["stored"][0]["plan_id"] == "2022-2025"
    assert data["claims"][1]["stored"][0]["value"] == "118200000"


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_an_empty_text_is_refused_in_both_languages(store: Store, text: str) -> None:
    with pytest.raises(UsageError) as raised:
        check(store, text)
    assert "tom" in raised.value.message_da
    assert "empty" in raised.value.message_en


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"", "tale.txt"), (b"this is no zip", "tale.docx"), (b"%PDF", "tale.pdf")],
)
def test_an_empty_or_unreadable_file_is_refused_in_both_languages(
    store: Store, data: bytes, name: str
) -> None:
    with pytest.raises(UsageError) as raised:
        check_file(store, data, name)
    assert raised.value.message_da != raised.value.message_en
    assert name in raised.value.message_da or ".pdf" in raised.value.message_da
    assert name in raised.value.message_en or ".pdf" in raised.value.message_en


def test_an_unknown_language_is_refused(store: Store) -> None:
    with pytest.raises(UsageError, match="Unknown language"):
        check(store, "I 2023 var der 112.", language="de")


# --- the terms file --------------------------------------------------------------------------


def test_terms_are_located_like_the_reference_data() -> None:
    assert DATA_DIR == reference.DATA_DIR
    assert TERMS_FILE == reference.DATA_DIR / "reference" / "indicator_terms.csv"


def test_every_indicator_has_terms_in_both_languages_and_every_term_an_indicator() -> None:
    with (DATA_DIR / "reference" / "indicators.csv").open(encoding="utf-8") as handle:
        codes = {row["code"] for row in csv.DictReader(handle)}
    terms = load_terms()
    assert {t.indicator_code for t in terms} == codes
    for code in CORE_INDICATORS:
        for language in ("da", "en"):
            assert any(t.indicator_code == code and t.language == language for t in terms)
    pairs = [(t.indicator_code, t.language, t.term.lower()) for t in terms]
    assert len(pairs) == len(set(pairs))
    assert {"victims_assessed", "assessments", "hotline_calls", "reported_cases"} <= codes
    assert TERMS_FILE.read_bytes().count(b"\r\n") == len(terms) + 1  # CRLF like the others


def test_a_broken_terms_file_is_refused_row_by_row(tmp_path: Path) -> None:
    path = tmp_path / "indicator_terms.csv"
    path.write_text(
        "indicator_code,language,term\nvictims_assessed,da,ofre\nhotline_calls,de,Anrufe\n"
        "assessments,en,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as raised:
        load_terms(path)
    assert [p.row for p in raised.value.problems] == [3, 4]
    path.write_text("code,term\nx,y\n", encoding="utf-8")
    with pytest.raises(DataError, match="columns"):
        load_terms(path)


@pytest.mark.parametrize(
    ("text", "correct"),
    [
        (
            "I 2023 blev 112 personer vurderet som ofre for menneskehandel. "
            "Det er en stigning på 60 pct. fra 73 i 2022.",
            "53,4 pct.",
        ),
        (
            "In 2023, 112 people were assessed as victims of trafficking. "
            "That is an increase of 60 per cent from 73 in 2022.",
            "53.4 per cent",
        ),
    ],
)
def test_a_change_from_a_count_in_a_year_runs_to_the_previous_sentences_year(
    demo_store: Store, text: str, correct: str
) -> None:
    """ "fra 73 i 2022" is where the change starts: 2022 -> 2023, not 2021 -> 2022."""
    report = check(demo_store, text)
    (wrong,) = report.by_verdict("inconsistent")
    assert wrong.correct == correct
    assert wrong.years == (2022, 2023)


# --- true sentences of the talking points are not flagged ------------------------------------

VICTIMS_2021 = {
    "da": (
        "I 2021 blev 80 personer vurderet som ofre for menneskehandel mod 77 i 2020. Det er en "
        "stigning på 3 personer eller 3,9 pct. og det højeste antal siden 2018."
    ),
    "en": (
        "In 2021, 80 persons were assessed as victims of trafficking, against 77 in 2020. That "
        "is an increase of 3 persons or 3.9 per cent and the highest number since 2018."
    ),
}
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
MINORS_2023 = {
    "da": "I 2023 var 3 af de vurderede ofre under 18 år mod 6 i 2022.",
    "en": "In 2023, 3 of the persons assessed as victims were under 18, against 6 in 2022.",
}


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_change_is_not_checked_from_the_since_year_of_a_highest_phrase(
    store: Store, language: str
) -> None:
    report = check(store, VICTIMS_2023[language], language=language)
    (change,) = [c for c in report.claims if c.kind == "change"]
    assert (change.verdict, change.years) == ("consistent", (2022, 2023))
    (highest,) = [c for c in report.claims if c.kind == "highest-since"]
    assert (highest.verdict, highest.years) == ("consistent", (2016, 2023))


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_highest_claim_is_checked_for_the_year_of_the_previous_sentence(
    store: Store, language: str
) -> None:
    report = check(store, VICTIMS_2021[language], language=language)
    (highest,) = [c for c in report.claims if c.kind == "highest-since"]
    assert (highest.verdict, highest.years) == ("consistent", (2018, 2021))
    assert "The year is taken from the previous sentence." in highest.explanation_en
    (change,) = [c for c in report.claims if c.kind == "change"]
    assert (change.verdict, change.years) == ("consistent", (2020, 2021))


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_compared_count_is_checked_for_the_same_part(store: Store, language: str) -> None:
    report = check(store, MINORS_2023[language], language=language)
    assert [(c.kind, c.verdict, c.years) for c in report.claims] == [
        ("count", "consistent", (2023,)),
        ("count", "consistent", (2022,)),
    ]
