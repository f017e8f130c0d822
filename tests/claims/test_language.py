"""Language per sentence (issue 15): a Danish memo quoting an English report is read sentence
by sentence in each sentence's language; English "to" is never the Danish number two, and
Danish "to" is 2 only before what it counts (docs/claims.md, "Language")."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.claims.checking import check
from planwatch.claims.quantities import find_quantities
from planwatch.claims.sentences import sentence_language
from planwatch.storage import Store


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("language") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


@pytest.mark.parametrize(
    ("text", "default", "expected"),
    [
        ("The number rose from 73 to 112 victims between 2022 and 2023.", "da", "en"),
        ("I 2022 blev 73 personer vurderet som ofre for menneskehandel.", "en", "da"),
        ("Tallet steg.", "en", "en"),  # too few words to say: the text's language
        ("From 73 to 112.", "da", "en"),
        ("Victims: 73.", "da", "da"),  # one English word is not enough
        ("In 2023, 112 persons were assessed as victims.", "en", "en"),
    ],
)
def test_a_sentence_is_read_in_its_own_language_only_when_clear(
    text: str, default: str, expected: str
) -> None:
    assert sentence_language(text, "da" if default == "da" else "en") == expected


def test_a_danish_memo_quoting_an_english_report_reads_the_quote_in_english(
    store: Store,
) -> None:
    text = (
        "Notat til ministeren om tallene. Rapporten skriver: "
        '"In 2023, 112 persons were assessed as victims of trafficking." '
        '"The number of victims rose from 73 in 2022 to 112 in 2023." '
        "I 2022 blev 73 personer vurderet som ofre for menneskehandel."
    )
    report = check(store, text, language="da")  # the user's language
    assert report.language == "da"  # explanations stay in the document's language
    stated = [s.value for c in report.claims for s in c.stated]
    assert Decimal(2) not in stated  # English "to" is never two
    counts = [c for c in report.claims if c.kind in ("count", "from-to")]
    assert [(c.kind, c.verdict, [s.value for s in c.stored]) for c in counts] == [
        ("count", "consistent", [Decimal(112)]),
        ("from-to", "consistent", [Decimal(73), Decimal(112)]),
        ("count", "consistent", [Decimal(73)]),
    ]
    assert all(c.indicator and c.indicator.code == "victims_assessed" for c in counts)
    assert all(c.explanation_da.startswith("Vurderede ofre") for c in counts)


def test_an_english_text_with_a_danish_sentence_reads_it_in_danish(store: Store) -> None:
    text = (
        "The ministry answered the question as follows. "
        "I 2022 blev 73 personer vurderet som ofre for menneskehandel. "
        "In 2023, 112 persons were assessed as victims of trafficking."
    )
    report = check(store, text)
    assert report.language == "en"
    assert [(c.text, c.verdict) for c in report.claims] == [
        ("I 2022 blev 73 personer", "consistent"),
        ("In 2023, 112 persons", "consistent"),
    ]


def test_a_wrong_figure_in_a_quoted_sentence_is_inconsistent(store: Store) -> None:
    text = (
        "Ministeriet svarer således på spørgsmålet. "
        '"In 2022, 74 persons were assessed as victims of trafficking."'
    )
    (claim,) = check(store, text).claims
    assert claim.verdict == "inconsistent" and claim.correct == "73"
    assert claim.stored[0].value == 73


def test_english_to_is_never_two_even_in_a_danish_text() -> None:
    quantities = find_quantities("The number rose from 73 to 112.", "en")
    assert [q.value for q in quantities if q.kind == "count"] == [73, 112]


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("I 2023 blev to kvinder vurderet som ofre.", [2]),
        ("I 2023 blev to vurderede ofre under 18 år.", [2]),
        ("Stigningen var på to pct.", [2]),
        ("Sagen har to sider, og to grupper står uden for.", []),
        ("Det gælder for de to.", []),
    ],
)
def test_danish_to_is_two_only_before_what_it_counts(sentence: str, values: list[int]) -> None:
    found = [q for q in find_quantities(sentence, "da") if q.kind in ("count", "percent")]
    assert [q.value for q in found] == values


def test_a_danish_to_that_counts_nothing_makes_no_claim(store: Store) -> None:
    text = "De to ministerier oplyser, at 112 personer blev vurderet som ofre i 2023."
    report = check(store, text, language="da")
    assert [(c.verdict, c.stated[0].value) for c in report.claims] == [("consistent", Decimal(112))]
