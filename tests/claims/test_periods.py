"""Reading the parts of a year a text names (issue 14): quarters and half-years, the year each
belongs to, and when they are too unclear to check. Pure: no database."""

from __future__ import annotations

import itertools
import time

import pytest

from planwatch.claims.candidates import Candidate
from planwatch.claims.extraction import candidates
from planwatch.claims.periods import MAX_PARTS_PER_SENTENCE, quarter_spans, sentence_periods
from planwatch.claims.quantities import find_quantities
from planwatch.claims.sentences import split_sentences
from planwatch.domain.coverage import Coverage
from planwatch.formatting import Language

EVERY_PART = [q for n in (1, 2, 3) for q in itertools.combinations((1, 2, 3, 4), n)]


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("quarters", EVERY_PART)
def test_every_label_planwatch_writes_is_read_back(
    language: Language, quarters: tuple[int, ...]
) -> None:
    """ "1.–3. kvt. 2025", "1. og 3. kvt. 2025", "Q1–Q3 2025", "Q1 and Q3 2025" … are what the
    tiles and the speaking notes write; the claim check reads each back as those quarters."""
    label = Coverage(2025, quarters).label(language)
    (span,) = quarter_spans(label)
    assert span.quarters == quarters
    assert label[span.start : span.end] + " 2025" == label
    text = f"I {label} blev 28 personer vurderet." if language == "da" else f"In {label}, 28."
    (count,) = [c for c in candidates(text, language) if c.kind == "count"]
    assert (count.years, count.quarters_of(2025), count.part_of_year) == ((2025,), quarters, False)
    assert count.stated[0].value == 28


@pytest.mark.parametrize(
    ("text", "quarters"),
    [
        ("I første kvartal 2025", (1,)),
        ("i andet kvartal af 2025", (2,)),
        ("I 4. kvartal 2025", (4,)),
        ("I første halvår 2025", (1, 2)),
        ("i 2. halvår 2025", (3, 4)),
        ("i de første tre kvartaler af 2025", (1, 2, 3)),
        ("i de tre første kvartaler 2025", (1, 2, 3)),
        ("fra første til tredje kvartal 2025", (1, 2, 3)),
        ("i 1.-2. kvartal 2025", (1, 2)),
        ("In the first quarter of 2025", (1,)),
        ("In the first half of 2025", (1, 2)),
        ("In H2 2025", (3, 4)),
        ("In the first three quarters of 2025", (1, 2, 3)),
        ("from the first to the third quarter of 2025", (1, 2, 3)),
        ("In Q2-Q3 2025", (2, 3)),
    ],
)
def test_quarters_and_half_years_in_words(text: str, quarters: tuple[int, ...]) -> None:
    language: Language = "en" if text.startswith(("In", "from")) else "da"
    sentence = f"{text} blev 28 personer vurderet." if language == "da" else f"{text}, 28 people."
    (count,) = [c for c in candidates(sentence, language) if c.kind == "count"]
    assert count.quarters_of(2025) == quarters
    assert not count.part_of_year


def test_a_quarter_abbreviation_does_not_end_the_sentence_nor_make_counts() -> None:
    """ "1. kvt. 2025" once split the sentence after "kvt." and made "2025" the first word of a
    sentence about the whole year; the "1" of "1.–3." was a count."""
    text = "I 1.–3. kvt. 2025 blev 76 personer vurderet som ofre. Det er mange."
    assert [s.text for s in split_sentences(text)] == [
        "I 1.–3. kvt. 2025 blev 76 personer vurderet som ofre.",
        "Det er mange.",
    ]
    quantities = find_quantities(split_sentences(text)[0].text, "da")
    assert [(q.kind, q.value) for q in quantities] == [("year", 2025), ("count", 76)]
    assert [s.text for s in split_sentences("Tallet er fra 1. kvt. Det er nyt.")] == [
        "Tallet er fra 1. kvt.",
        "Det er nyt.",
    ]


def count_of(text: str, language: Language = "da") -> Candidate:
    (count,) = [c for c in candidates(text, language) if c.kind == "count"][:1]
    return count


def test_each_year_has_its_own_quarters_and_a_year_without_is_whole() -> None:
    found = candidates(
        "I 1. kvt. 2025 blev 28 personer vurderet mod 19 i samme kvartal 2024 og 112 i hele 2023.",
        "da",
    )
    counts = [(c.stated[0].value, c.years, c.quarters_of(c.years[0])) for c in found]
    assert counts == [(28, (2025,), (1,)), (19, (2024,), (1,)), (112, (2023,), None)]
    assert not any(c.part_of_year for c in found)
    # One year both as a part and as a whole: which is which is not clear.
    both = candidates("I 1. kvt. 2024 blev 19 personer vurderet og 100 i hele 2024.", "da")
    assert [c.part_of_year for c in both] == [True, True]


def test_the_year_before_a_part_covers_the_same_quarters() -> None:
    """ "I 1. kvt. 2025 … Det er en stigning på 47,4 pct.": against 1. kvt. 2024."""
    text = "I 1. kvt. 2025 blev 28 personer vurderet. Det er en stigning på 47,4 pct."
    (change,) = [c for c in candidates(text, "da") if c.kind == "change"]
    assert change.years == (2024, 2025)
    assert (change.quarters_of(2024), change.quarters_of(2025)) == ((1,), (1,))
    assert not change.part_of_year


def test_a_since_or_from_before_a_part_keeps_its_role() -> None:
    since = [c for c in candidates("Antallet steg med 10 pct. siden 1. kvt. 2024.", "da")]
    assert [(c.kind, c.years, c.open_end) for c in since] == [("change", (2024,), True)]
    span = [c for c in candidates("Antallet steg med 10 pct. fra 2024 til 1. kvt. 2025.", "da")]
    assert [(c.years, c.quarters) for c in span] == [((2024, 2025), ((2025, (1,)),))]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("I årets første halvår blev 54 personer vurderet som ofre.", "da"),
        ("I 2024 blev 100 vurderet, og i årets første halvår 54 personer.", "da"),
        ("In the first half of the year, 54 people were assessed.", "en"),
        ("I 1. kvt. 2025 blev 28 vurderet, mod 19 i samme periode sidste år.", "da"),
        ("I sidste kvartal blev 28 personer vurderet i 2025 og 2024.", "da"),
        ("Kvartalstallene viser, at 28 personer blev vurderet i 2025.", "da"),
        ("In the last quarter of 2025, 28 people were assessed.", "en"),
    ],
)
def test_a_part_of_a_year_that_is_unclear_is_not_read(text: str, language: Language) -> None:
    """No year, a *samme periode* with no year, a part of a year in words planwatch does not
    read: the sentence's claims are ``part_of_year`` and are not checked."""
    found = [c for c in candidates(text, language) if c.kind not in ("other", "budget")]
    assert found
    assert all(c.part_of_year for c in found)


def test_a_sentence_without_parts_of_years_is_about_whole_years() -> None:
    count = count_of("I 2024 blev 100 personer vurderet som ofre for menneskehandel.")
    assert (count.years, count.quarters, count.part_of_year) == ((2024,), (), False)


def test_a_table_of_quarters_pasted_as_one_sentence_is_unclear_and_read_in_linear_time() -> None:
    """Every part of a year was once matched against every word for one: "Q1 " x 10,000 took
    7 s. More than MAX_PARTS_PER_SENTENCE parts make a sentence a table, not prose."""
    text = "Q1 2025: 28 ofre. " + "Q1 " * 20_000
    started = time.perf_counter()
    found = candidates(text, "da")
    assert time.perf_counter() - started < 10
    assert [(c.text, c.part_of_year) for c in found] == [("2025: 28 ofre", False)]
    rest = split_sentences(text)[1]
    assert not sentence_periods(rest.text, [], rest.start).clear
    assert len(quarter_spans(rest.text)) > MAX_PARTS_PER_SENTENCE
