"""Wording by stem (issue 15): CMM's and the ministry's phrasings in any inflection, with words
between, in Danish and English; "identified victims" between CMM's series and the TIP
report's (docs/claims.md, "Which indicator" and "Two series")."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.claims import stems
from planwatch.claims.checking import check
from planwatch.claims.report import Claim
from planwatch.claims.stored import StoredFigures
from planwatch.claims.terms import find_terms, load_terms, term_pairs
from planwatch.domain.permissions import PUBLIC_VIEW
from planwatch.formatting import Language
from planwatch.storage import Store


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("wording") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


def only_count(store: Store, text: str, language: str) -> Claim:
    (claim,) = [c for c in check(store, text, language=language).claims if c.kind == "count"]
    return claim


def stored_values(claim: Claim) -> list[tuple[str | None, int | None, Decimal | None]]:
    return [(s.indicator, s.year, s.value) for s in claim.stored]


# --- the stemmer and the matcher --------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words", "stem"),
    [
        ("da", "vurderet vurderede vurderes", "vurder"),
        ("da", "identificeret identificerede", "identificer"),
        ("da", "ofre ofrene offer", "ofr"),
        ("da", "udsat udsatte", "udsat"),
        ("da", "menneskehandel menneskehandlen menneskehandels", "menneskehandl"),
        ("da", "anerkendt anerkendte", "anerkendt"),
        ("en", "identified identify identifies", "identifi"),
        ("en", "assess assessed assesses assessing", "assess"),
        ("en", "victim victims", "victim"),
        ("en", "persons people", "person"),
    ],
)
def test_inflections_share_a_stem(language: Language, words: str, stem: str) -> None:
    assert {stems.stem(w, language) for w in words.split()} == {stem}


def test_a_term_matches_in_order_with_a_bounded_gap_and_no_clause_break() -> None:
    term = (stems.term_stems("identified victims", "en"),)
    assert stems.find("the government identified 64 victims", term, "en")
    assert stems.find("identified 64 of all the 80 victims", term, "en") == []  # gap of five
    assert stems.find("victims were identified", term, "en") == []  # wrong order
    assert stems.find("identified 40 suspects and 112 victims", term, "en") == []  # "and"
    danish = (stems.term_stems("vurderet udsat for menneskehandel", "da"),)
    assert stems.find("blev 112 personer vurderet som udsat for menneskehandel", danish, "da")
    assert stems.find("vurderet, udsat for menneskehandel", danish, "da") == []  # comma


def test_a_year_in_a_term_is_a_fixed_phrase() -> None:
    term = (stems.term_stems("ofre siden 2007", "da"),)
    assert stems.find("112 ofre siden 2007", term, "da")
    assert stems.find("antallet af ofre er steget siden 2007", term, "da") == []


# --- CMM's and the ministry's phrasings: true sentences are consistent ------------------------

TRUE_DA = [
    ("I 2023 blev 112 personer vurderet udsat for menneskehandel.", 2023, 112),
    ("I 2022 blev 73 personer vurderet som ofre for menneskehandel.", 2022, 73),
    ("Der var 73 vurderede ofre i 2022.", 2022, 73),
    ("I 2021 blev 80 personer identificeret som ofre.", 2021, 80),
    ("Antallet af identificerede ofre var 80 i 2021.", 2021, 80),
    ("I 2022 blev 73 personer anerkendt som ofre for menneskehandel.", 2022, 73),
    ("Der var 112 officielt identificerede ofre i 2023.", 2023, 112),
    ("I 2023 var der 112 personer udsat for menneskehandel.", 2023, 112),
    ("I 2018 blev 97 personer vurderet handlet.", 2018, 97),
    ("I 2019 blev 64 personer vurderet som offer for menneskehandel.", 2019, 64),
]
TRUE_EN = [
    ("In 2023, 112 presumed victims were identified.", 2023, 112),
    ("In 2021, 80 victims were identified.", 2021, 80),
    ("In 2022, CMM identified 73 victims.", 2022, 73),
    ("In 2023, 112 persons were assessed as victims of trafficking.", 2023, 112),
    ("In 2018, 97 persons were assessed as trafficked.", 2018, 97),
    ("In 2022, 73 people were recognised as victims.", 2022, 73),
    ("Twenty-three victims of forced labour were identified in 2023.", 2023, 23),
]


@pytest.mark.parametrize(("text", "year", "value"), TRUE_DA)
def test_danish_phrasings_of_victims_assessed_are_consistent(
    store: Store, text: str, year: int, value: int
) -> None:
    claim = only_count(store, text, "da")
    assert claim.verdict == "consistent", claim.explanation_en
    assert claim.indicator is not None and claim.indicator.code == "victims_assessed"
    assert claim.stored[0].year == year and claim.stored[0].value == value


@pytest.mark.parametrize(("text", "year", "value"), TRUE_EN)
def test_english_phrasings_of_victims_assessed_are_consistent(
    store: Store, text: str, year: int, value: int
) -> None:
    claim = only_count(store, text, "en")
    assert claim.verdict == "consistent", claim.explanation_en
    assert claim.indicator is not None and claim.indicator.code == "victims_assessed"
    assert claim.stored[0].year == year and claim.stored[0].value == value


@pytest.mark.parametrize(
    ("text", "language", "right"),
    [
        ("I 2022 blev 74 personer vurderet udsat for menneskehandel.", "da", "73"),
        ("Der var 110 officielt identificerede ofre i 2023.", "da", "112"),
        ("In 2019, 65 persons were assessed as trafficked.", "en", "64"),
        ("In 2023, 120 presumed victims were identified.", "en", "112"),
    ],
)
def test_a_wrong_count_in_any_phrasing_is_inconsistent_with_the_right_figure(
    store: Store, text: str, language: str, right: str
) -> None:
    claim = only_count(store, text, language)
    assert claim.verdict == "inconsistent"
    assert claim.indicator is not None and claim.indicator.code == "victims_assessed"
    assert claim.correct == right
    assert claim.stored[0].shown == right


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I 2023 blev 300 personer udredt for menneskehandel.", "da"),
        ("In 2023, 300 persons were assessed for trafficking.", "en"),
    ],
)
def test_assessed_for_trafficking_is_not_assessed_as_a_victim(
    store: Store, text: str, language: str
) -> None:
    claim = only_count(store, text, language)
    assert claim.indicator is not None and claim.indicator.code == "persons_udredt"
    assert claim.verdict != "inconsistent"


def test_near_misses_name_no_indicator(store: Store) -> None:
    report = check(
        store, "In 2023 the police identified 40 suspects and 112 victims.", language="en"
    )
    assert {c.verdict for c in report.claims} == {"not-checked"}
    report = check(store, "I 2023 handlede 112 personer i butikken.", language="da")
    assert [c.indicator for c in report.claims] == [None]


def test_every_declared_term_is_found_in_its_own_words(store: Store) -> None:
    """Each declared term, written as it is declared, is found by stem (so no row of
    indicator_terms.csv is dead)."""
    indicators = StoredFigures(store, "da", None, PUBLIC_VIEW).indicators
    languages: tuple[Language, ...] = ("da", "en")
    for language in languages:
        pairs = term_pairs(indicators, load_terms(), language)
        for code, term in pairs:
            assert find_terms(f"x {term} x", pairs, language=language), (code, term)


# --- "identified victims": CMM's series or the TIP report's -----------------------------------


@pytest.mark.parametrize(
    ("text", "language", "year", "tip"),
    [
        # TIP's figure in other words than TIP's (in TIP's words it is consistent with the TIP
        # report: tests/claims/test_tip_series_words.py)
        ("I 2021 blev 68 personer identificeret som ofre.", "da", 2021, 68),
        ("In 2021, 68 victims were identified.", "en", 2021, 68),
    ],
)
def test_identified_victims_that_fit_the_tip_series_are_not_checked(
    store: Store, text: str, language: str, year: int, tip: int
) -> None:
    claim = only_count(store, text, language)
    assert claim.verdict == "not-checked"
    cmm = {2020: 77, 2021: 80}[year]
    assert stored_values(claim) == [
        ("victims_assessed", year, Decimal(cmm)),
        ("victims_identified_tip", year, Decimal(tip)),
    ]
    assert "TIP" in claim.explanation_da and "TIP" in claim.explanation_en
    assert "Regel:" in claim.explanation_da and "Rule:" in claim.explanation_en


def test_tip_wording_with_a_figure_that_fits_neither_series_is_inconsistent(store: Store) -> None:
    # 2020: CMM 77, TIP 64; 70 is wrong whichever series the text means
    claim = only_count(store, "In 2020 the government identified 70 victims.", "en")
    assert claim.verdict == "inconsistent"
    assert stored_values(claim) == [
        ("victims_assessed", 2020, Decimal(77)),
        ("victims_identified_tip", 2020, Decimal(64)),
    ]


def test_tip_wording_with_cmms_figure_is_consistent(store: Store) -> None:
    claim = only_count(store, "In 2019 the government identified 64 victims.", "en")
    assert claim.verdict == "consistent"
    assert claim.indicator is not None and claim.indicator.code == "victims_assessed"


def test_identified_victims_wrong_in_both_series_without_tip_words_are_inconsistent(
    store: Store,
) -> None:
    claim = only_count(store, "I 2021 blev 75 personer identificeret som ofre.", "da")
    assert claim.verdict == "inconsistent" and claim.correct == "80"


@pytest.mark.parametrize(
    ("text", "language", "verdict", "right"),
    [
        ("According to the TIP report, the government identified 72 victims in 2022.", "en",
         "consistent", None),
        ("Ifølge TIP-rapporten identificerede myndighederne 68 ofre i 2021.", "da",
         "consistent", None),
        ("According to the TIP report, 70 victims were identified in 2021.", "en",
         "inconsistent", "68"),
        ("Ifølge den amerikanske TIP-rapport blev 70 ofre identificeret i 2021.", "da",
         "inconsistent", "68"),
    ],
)  # fmt: skip
def test_a_sentence_naming_the_tip_report_is_checked_against_the_tip_series(
    store: Store, text: str, language: str, verdict: str, right: str | None
) -> None:
    claim = only_count(store, text, language)
    assert claim.indicator is not None and claim.indicator.code == "victims_identified_tip"
    assert claim.verdict == verdict
    assert claim.correct == right
