"""Fuzzing the claim checker's reader and parser (issue 8).

Most inputs go to the pure functions that read a text (:mod:`planwatch.claims.documents`,
``sentences``, ``numbers``, ``quantities``, ``terms``, ``extraction``: fast, thousands a
second); fewer to :func:`planwatch.claims.checking.check` and ``check_file``, which read the
database (about half a second each). Whatever the text or file, the answer is a result or a
PlanwatchError (a UsageError for an unreadable file), within the bounds of
:func:`tests.fuzz_strategies.bounded`; a parsed text also keeps its offsets honest. Crashers the
fuzzing found are fixtures under tests/data/fuzz/ with regression tests at the end.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.claims.candidates import Candidate
from planwatch.claims.checking import check, check_file
from planwatch.claims.documents import read_document
from planwatch.claims.extraction import sentence_candidates
from planwatch.claims.numbers import ParsedNumber, parse_number
from planwatch.claims.quantities import MAX_NUMBERS_PER_SENTENCE, Quantity, find_quantities
from planwatch.claims.report import CheckReport
from planwatch.claims.sentences import Sentence, detect_language, split_sentences
from planwatch.claims.terms import TermHit, find_terms, load_terms, normalise
from planwatch.claims.verdicts import VERDICTS
from planwatch.errors import UsageError
from planwatch.formatting import Language
from planwatch.storage import Store
from tests.fuzz_strategies import (
    bounded,
    build_zip,
    empty_runs_docx,
    fuzz_settings,
    long_text_docx,
    many_cells_docx,
    mutated,
    nested_tables_docx,
    spanned_cells_docx,
    table_xml,
    vertical_merge_docx,
    word_document,
    zip_members,
    zip_with_bomb,
)
from tests.paths import TEST_DATA

FUZZ_DATA = TEST_DATA / "fuzz"
CLAIMS_DATA = TEST_DATA / "claims"

# --------------------------------------------------------------------------------------------
# Texts: sentences built from the words claims are made of, with any characters between
# --------------------------------------------------------------------------------------------

WORDS = (
    # Danish and English words the parser looks for, and the words around them
    "I", "i", "In", "in", "blev", "var", "were", "was", "personer", "ofre", "victims", "people",
    "vurderet", "vurderede", "som", "ofre for menneskehandel", "victims of trafficking",
    "Udredninger", "assessments", "fra", "from", "til", "to", "siden", "since", "mod", "against",
    "i forhold til", "compared with", "mellem", "between", "og", "and", "eller", "or", "en",
    "et", "én", "one", "to", "tre", "treoghalvfjerds", "twenty-one", "stigning", "increase",
    "steg", "rose", "fald", "fell", "faldt", "flere", "færre", "more", "fewer", "fordoblet",
    "doubled", "mere end fordoblet", "halveret", "halved", "tredoblet", "tripled", "det højeste",
    "højeste antal siden", "the highest since", "the lowest number since", "nogensinde",
    "mere end", "more than", "mindst", "at least", "under", "over", "højst", "op til", "ca.",
    "cirka", "omkring", "knap", "næsten", "about", "nearly", "kvinder", "mænd", "women", "men",
    "mindreårige", "børn", "children", "under 18", "under 18 år", "seksuel udnyttelse",
    "tvangsarbejde", "forced labour", "handlingsplan", "handlingsplanen", "action plan",
    "bevilget", "afsat", "allocated", "brugt", "spent", "§", "nr.", "stk.", "side", "no.",
    "section", "kl.", "17-årige", "18 år", "5 years", "CO2", "2020'erne", "4. juni", "juni",
    "June", "udgangen af", "end of", "Det", "The", "procentpoint", "percentage points",
)  # fmt: skip
NUMBERS = (
    "1.233", "1,233", "53,4", "53.4", "1.234,5", "1,234.5", "1.233.000", "1,233,000",
    "1\u00a0233", "1\u202f233", "-12", "+35", "−3", "0", "0.125", "1233,5", "73", "112", "74",
    "2022", "2023", "2016", "1899", "2101", "9999", "2022-2025", "2022–2025", "2022—2025",
    "99999999999999999999999999", "1.2.3", "1,,2", "1..2", "1,2,3,4", "00000001", "٣", "²",
    "１２", "1e5", "∞", "1" * 29, "9" * 40 + ",5", "1.233.000.000.000.000.000.000.000.000",
)  # fmt: skip
UNITS = (
    "pct.", "procent", "%", " %", "per cent", "percent", "mio. kr.", "mio.", "mia. kr.", "kr.",
    "kroner", "DKK", "million", "m", "bn", "billion", "millioner kroner", "procentpoint",
    "gange", "times", "år", "years",
)  # fmt: skip
PUNCTUATION = (
    ".", ". ", "! ", "? ", "…", ",", ";", ":", "(", ")", "[", "]", '"', "'", "»", "«", "“", "”",
    "\n", "\n\n", "\r\n", "\r", "\t", "# ", "## ", "- ", "* ", "> ", "| ", "1. ", "2) ", "\u00a0",
    "\u202f", "\u2028", "\x00", "\x0b", "\ufeff", "’", "–", "—", "ß", "İ", "ﬁ", "😀", "\u0301",
)  # fmt: skip

token = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(NUMBERS),
    st.tuples(st.sampled_from(NUMBERS), st.sampled_from(UNITS)).map(" ".join),
    st.sampled_from(NUMBERS).map(lambda n: f"DKK {n}m"),
    st.sampled_from(PUNCTUATION),
    st.text(max_size=6),
)


@st.composite
def claim_text(draw: st.DrawFn) -> str:
    """A text of tokens joined by spaces (mostly), sometimes with a very long run."""
    tokens = draw(st.lists(token, max_size=80))
    separators = draw(st.lists(st.sampled_from([" ", " ", " ", "", "\n", "  "]), min_size=80))
    text = "".join(t + s for t, s in zip(tokens, separators, strict=False))
    if draw(st.integers(0, 15)) == 0:
        text += draw(st.sampled_from(["1.", "ca. ", "9", "mere end ", ". ", "\n", "a"])) * draw(
            st.integers(100, 20_000)
        )
    return text


any_text = st.one_of(claim_text(), st.text(max_size=400))
LANGUAGES = st.sampled_from(["da", "en"])
TERMS = tuple(
    (term.indicator_code, term.term) for term in load_terms()
)  # as the checker passes them


# --------------------------------------------------------------------------------------------
# The pure parser
# --------------------------------------------------------------------------------------------


@fuzz_settings(weight=2.0)
@given(text=any_text, language=LANGUAGES)
def test_fuzz_parse_text(text: str, language: Language) -> None:
    def parse() -> list[tuple[Sentence, list[Candidate]]]:
        detect_language(text)
        return sentence_candidates(text, language)

    outcome = bounded("claim_parsing text", parse)
    assert not isinstance(outcome, BaseException), outcome  # pure parsing never refuses
    for sentence, found in outcome:
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text.strip() == sentence.text and sentence.text
        for candidate in found:
            assert candidate.sentence == sentence
            assert sentence.start <= candidate.start <= candidate.end <= sentence.end
            for quantity in candidate.stated:
                assert text[quantity.start : quantity.end] == quantity.text


@fuzz_settings(weight=1.0)
@given(text=any_text, language=LANGUAGES)
def test_fuzz_find_quantities_and_terms(text: str, language: Language) -> None:
    def parse() -> tuple[list[Quantity], list[TermHit], str]:
        return (
            find_quantities(text, language, 7),
            find_terms(text, TERMS, 7),
            normalise(text),
        )

    outcome = bounded("claim_parsing quantities", parse)
    assert not isinstance(outcome, BaseException), outcome
    quantities, hits, normalised = outcome
    assert len(normalised) == len(text)
    for quantity in quantities:
        assert text[quantity.start - 7 : quantity.end - 7] == quantity.text
    for hit in hits:
        assert 7 <= hit.start < hit.end <= len(text) + 7


@fuzz_settings(weight=1.0)
@given(
    text=st.one_of(
        st.text(st.sampled_from(list("0123456789.,-+−  \u00a0\u202f")), max_size=30),
        st.sampled_from(NUMBERS),
        st.text(max_size=12),
    ),
    convention=LANGUAGES,
)
def test_fuzz_parse_number(text: str, convention: Language) -> None:
    # ValueError is parse_number's documented answer for anything that is not a number.
    outcome = bounded("parse_number", lambda: parse_number(text, convention), allowed=(ValueError,))
    if isinstance(outcome, ParsedNumber):
        assert outcome.decimals >= 0
        assert outcome.value.is_finite()


# --------------------------------------------------------------------------------------------
# Reading files: text, Markdown and Word
# --------------------------------------------------------------------------------------------

FILE_NAMES = ("tale.txt", "tale.md", "speech.markdown", "notes", "tale.docx", "tale.pdf")
TEXT_ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1")


@st.composite
def docx_bytes(draw: st.DrawFn) -> bytes:
    """A Word document written by python-docx: headings, paragraphs and a table (with merged
    cells) holding claim text."""
    document = docx.Document()
    for _ in range(draw(st.integers(0, 6))):
        text = draw(claim_text())
        kind = draw(st.sampled_from(["paragraph", "heading", "table"]))
        try:
            if kind == "paragraph":
                document.add_paragraph(text)
            elif kind == "heading":
                document.add_heading(text[:200], level=draw(st.integers(0, 9)))
            else:
                rows, columns = draw(st.integers(1, 4)), draw(st.integers(1, 4))
                table = document.add_table(rows=rows, cols=columns)
                table.cell(0, 0).text = text
                if rows > 1 and columns > 1 and draw(st.booleans()):
                    table.cell(0, 0).merge(table.cell(rows - 1, columns - 1))
        except ValueError:  # python-docx refuses XML-illegal characters (NUL, controls)
            continue
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def small_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("I 2023 blev 112 personer vurderet som ofre for menneskehandel.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


SMALL_DOCX = small_docx()
DOCX_MEMBERS = zip_members(SMALL_DOCX)


@st.composite
def damaged_docx(draw: st.DrawFn) -> bytes:
    """A Word document damaged byte by byte, or rebuilt with a part dropped, replaced, edited
    or inflated into a bomb."""
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(mutated(SMALL_DOCX, max_edits=8))
    members = dict(DOCX_MEMBERS)
    name = draw(st.sampled_from(sorted(members)))
    if choice == 1:
        action = draw(st.sampled_from(["drop", "random", "mutate"]))
        if action == "drop":
            del members[name]
        elif action == "random":
            members[name] = draw(st.binary(max_size=256))
        else:
            members[name] = draw(mutated(members[name], max_edits=4))
        return build_zip(members)
    if choice == 2:
        paragraph = draw(st.sampled_from([b"<w:p/>", b"<w:p><w:r><w:t>1</w:t></w:r></w:p>"]))
        content = members["word/document.xml"]
        at = content.find(b"<w:body>") + len(b"<w:body>")
        count = draw(st.sampled_from([10, 1_000, 10_000]))
        members["word/document.xml"] = content[:at] + paragraph * count + content[at:]
        return build_zip(members)
    return zip_with_bomb(
        members,
        draw(st.sampled_from(["word/document.xml", "word/styles.xml", "word/media/x.png"])),
        draw(st.sampled_from([b"<w:p/>", b" ", b"\x00", b"<w:r/>"])),
        draw(st.sampled_from([70_000, 2_000_000, 50_000_000, 300_000_000])),
        lie=draw(st.booleans()),
    )


@fuzz_settings(weight=1.0)
@given(
    data=st.one_of(
        st.binary(max_size=4096),
        st.tuples(any_text, st.sampled_from(TEXT_ENCODINGS)).map(
            lambda pair: pair[0].encode(pair[1], errors="replace")
        ),
        damaged_docx(),
    ),
    name=st.sampled_from(FILE_NAMES),
)
def test_fuzz_read_document(data: bytes, name: str) -> None:
    outcome = bounded("read_document", lambda: read_document(data, name))
    if isinstance(outcome, BaseException):
        assert isinstance(outcome, UsageError), outcome
        assert outcome.message_da and outcome.message_en
    else:
        assert outcome.strip()
        assert "\r" not in outcome or name.endswith(".docx")


@st.composite
def hostile_docx(draw: st.DrawFn) -> bytes:
    """A small document whose attributes or nesting make a reader expand it (issue 16): cells
    spanning up to 200 million columns (or a span that is no number), chains of vertically
    merged cells, tables nested deep, a paragraph of up to 100,001 empty runs, a table of
    thousands of cells, long text; each side of its bound."""
    kind = draw(st.sampled_from(["span", "vmerge", "nested", "runs", "cells", "text"]))
    if kind == "span":
        span = draw(st.sampled_from([0, 2, 63, 1_000, 1_001, 2**31 - 1, 200_000_000, -5]))
        rows, columns = draw(st.integers(1, 20)), draw(st.integers(1, 20))
        if draw(st.booleans()):
            return spanned_cells_docx(span, rows, columns)
        return word_document(table_xml(rows, columns, b'<w:gridSpan w:val="x"/>'))
    if kind == "vmerge":
        return vertical_merge_docx(draw(st.sampled_from([2, 100, 3_000])), draw(st.integers(1, 4)))
    if kind == "nested":
        return nested_tables_docx(draw(st.sampled_from([1, 8, 9, 30, 200])))
    if kind == "runs":
        return empty_runs_docx(draw(st.sampled_from([10, 10_000, 100_000, 100_001])))
    if kind == "cells":
        return many_cells_docx(draw(st.sampled_from([10, 1_000, 9_000])))
    return long_text_docx(draw(st.sampled_from([1_000, 500_000, 500_001])))


@fuzz_settings(weight=0.5)
@given(data=st.one_of(docx_bytes(), damaged_docx(), hostile_docx()))
def test_fuzz_read_docx(data: bytes) -> None:
    outcome = bounded("read_document docx", lambda: read_document(data, "tale.docx"))
    if isinstance(outcome, BaseException):
        assert isinstance(outcome, UsageError), outcome


# --------------------------------------------------------------------------------------------
# The checker against the database (slow: few examples)
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(demo_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """One copy of the demo database for the module: checking a text only reads."""
    path = tmp_path_factory.mktemp("fuzz-claims") / "planwatch.duckdb"
    shutil.copy(demo_db_template, path)
    return Store(path, lock_timeout=5.0)


SPEECH = (CLAIMS_DATA / "tale-da.md").read_text(encoding="utf-8")


@fuzz_settings(weight=0.1)
@given(
    text=st.one_of(
        claim_text(),
        st.tuples(claim_text(), st.integers(0, len(SPEECH))).map(
            lambda pair: SPEECH[: pair[1]] + pair[0] + SPEECH[pair[1] :]
        ),
    ),
    language=st.sampled_from([None, "da", "en"]),
)
def test_fuzz_check(store: Store, text: str, language: str | None) -> None:
    outcome = bounded("checking.check", lambda: check(store, text, language=language))
    if isinstance(outcome, CheckReport):
        assert all(claim.verdict in VERDICTS for claim in outcome.claims)
        assert sum(outcome.counts.values()) == len(outcome.claims)
        outcome.to_dict()
    else:
        assert isinstance(outcome, UsageError)
        assert not text.strip()


@fuzz_settings(weight=0.1)
@given(
    data=st.one_of(
        docx_bytes(),
        damaged_docx(),
        st.binary(max_size=2048),
        claim_text().map(lambda text: text.encode("cp1252", errors="replace")),
    ),
    name=st.sampled_from(FILE_NAMES),
)
def test_fuzz_check_file(store: Store, data: bytes, name: str) -> None:
    outcome = bounded("checking.check_file", lambda: check_file(store, data, name))
    if isinstance(outcome, CheckReport):
        assert outcome.file_name == name
    else:
        assert isinstance(outcome, UsageError)


# --------------------------------------------------------------------------------------------
# Crashers the fuzzing found, kept as named fixtures (tests/data/fuzz/)
# --------------------------------------------------------------------------------------------


def fixture(name: str) -> bytes:
    return (FUZZ_DATA / name).read_bytes()


def test_a_paragraph_of_abbreviations_is_split_in_linear_time() -> None:
    # "ca. " x 4000: every full stop searched the whole paragraph before it (14 s, quadratic).
    text = fixture("text-ca-repeated.txt").decode("utf-8")

    sentences = bounded("fixture", lambda: split_sentences(text), seconds=1.0)

    assert isinstance(sentences, list)
    assert len(sentences) == 1  # "ca." never ends a sentence


def test_a_sentence_of_a_thousand_numbers_reads_only_the_first_hundred() -> None:
    # "1 " x 1000 in one sentence took 6 s: each number read the whole rest of the sentence.
    text = fixture("text-thousand-numbers-one-sentence.txt").decode("utf-8")

    found = bounded("fixture", lambda: find_quantities(text, "da"), seconds=1.0)

    assert isinstance(found, list)
    counts = [q for q in found if q.kind != "year"]
    assert 0 < len(counts) <= MAX_NUMBERS_PER_SENTENCE
    assert [q.year for q in found if q.kind == "year"] == [2023]


def test_a_number_beyond_decimal_precision_is_no_figure(store: Store) -> None:
    # 29 digits: Decimal.quantize raised InvalidOperation out of find_quantities and check().
    text = fixture("text-number-with-29-digits.txt").decode("utf-8")

    assert all(q.kind == "year" for q in find_quantities(text, "da"))
    report = bounded("fixture", lambda: check(store, text))
    assert isinstance(report, CheckReport)
    assert all(claim.verdict in VERDICTS for claim in report.claims)


def test_a_docx_that_unpacks_to_a_million_paragraphs_is_refused() -> None:
    # 45 kB that python-docx unpacked to a million paragraphs: 47 s and 230 MB.
    data = fixture("docx-million-empty-paragraphs.docx")

    outcome = bounded("fixture", lambda: read_document(data, "tale.docx"), seconds=1.0)

    assert isinstance(outcome, UsageError)
    assert "pakker sig ud" in outcome.message_da
    assert "word/document.xml" in outcome.message_en


def test_a_stored_docx_with_too_many_paragraphs_is_refused() -> None:
    # Stored (not deflated), so no compression ratio gives it away: the paragraphs are counted.
    members = dict(DOCX_MEMBERS)
    body = members["word/document.xml"]
    at = body.find(b"<w:body>") + len(b"<w:body>")
    members["word/document.xml"] = body[:at] + b"<w:p/>" * 30_000 + body[at:]
    data = build_zip(members, zipfile.ZIP_STORED)

    outcome = bounded("fixture", lambda: read_document(data, "tale.docx"), seconds=1.0)

    assert isinstance(outcome, UsageError)
    assert "paragraphs and table cells" in outcome.message_en


def test_an_ordinary_docx_is_still_read() -> None:
    text = read_document(SMALL_DOCX, "tale.docx")

    assert text == "I 2023 blev 112 personer vurderet som ofre for menneskehandel."


def test_a_negative_count_alone_gives_claims_inside_its_sentence() -> None:
    # Found by the dedicated run: "-12" gave a difference claim at -1..0 (the sign was taken
    # off the number's start twice).
    text = fixture("text-minus-twelve.txt").decode("utf-8")

    for sentence, found in sentence_candidates(text, "da"):
        for candidate in found:
            assert sentence.start <= candidate.start <= candidate.end <= sentence.end
            assert text[candidate.start : candidate.end] == "-12"
