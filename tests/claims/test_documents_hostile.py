"""Documents built to stall the checker are refused, or read, within a second of processor
time (issue 16); a hang ends a test after ten seconds of real time.

Each goes through ``checking.check_file``, the function "Tjek tal i en tekst" and
``planwatch notes check`` call. The documents are stored zips (no compression ratio gives them
away) built by ``tests.fuzz_strategies``.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import TypeVar

import docx
import pytest

from planwatch.claims.checking import check, check_file
from planwatch.claims.documents import read_document
from planwatch.claims.docx_bounds import MAX_CHARACTERS
from planwatch.errors import UsageError
from planwatch.storage import Store
from tests.fuzz_strategies import (
    bounded,
    empty_runs_docx,
    long_text_docx,
    many_cells_docx,
    nested_tables_docx,
    spanned_cells_docx,
    vertical_merge_docx,
    word_document,
)

T = TypeVar("T")

SECOND = 1.0  # of processor time: what the document costs, however busy the machine is
WALL = 10.0  # of real time: a hang ends the test here (the machine may be shared and busy)


def timed(call: Callable[[], T]) -> T | BaseException:
    """``call``'s outcome (through the fuzzing's bounds), failing if it took a second or more of
    this process's processor time or hung."""
    start = time.process_time()
    outcome = bounded("hostile", call, seconds=WALL)
    spent = time.process_time() - start
    assert spent < SECOND, f"{spent:.2f} s of processor time"
    return outcome


def refused(store: Store, data: bytes, name: str = "tale.docx") -> UsageError:
    outcome = timed(lambda: check_file(store, data, name))
    assert isinstance(outcome, UsageError), outcome
    return outcome


def test_a_37_kb_docx_of_cells_spanning_200_million_columns_is_refused_within_a_second(
    demo_store: Store,
) -> None:
    data = spanned_cells_docx(span=200_000_000)
    assert 30_000 < len(data) < 45_000

    error = refused(demo_store, data)

    assert "200.000.000 kolonner" in error.message_da
    assert "200,000,000 columns" in error.message_en
    assert "tale.docx" in error.message_en


def test_a_cell_spanning_a_few_columns_is_still_read_once(demo_store: Store) -> None:
    data = spanned_cells_docx(span=3, rows=2, columns=2)

    report = check_file(demo_store, data, "tale.docx")

    assert report.text == "\n\n".join(["1"] * 4)


def test_a_chain_of_vertically_merged_cells_is_read_within_a_second(demo_store: Store) -> None:
    # python-docx walked every continued cell back to the merge's first one: minutes.
    # Read within the second; the check itself then reads the stored figures (0.3-0.7 s on an
    # idle machine, more on a busy one), so it is not timed here.
    data = vertical_merge_docx(rows=3_000, columns=3)

    text = timed(lambda: read_document(data, "tale.docx"))

    assert text == "1\n\n1\n\n1"  # the merged cells once each, as Word shows them
    assert check_file(demo_store, data, "tale.docx").text == text


def test_a_table_of_nine_thousand_cells_is_read_within_a_second() -> None:
    # Each cell was compared with every cell before it: 4.8 s. (Reading only: checking nine
    # thousand one-word paragraphs is the checker's own time.)
    data = many_cells_docx(cells=9_000)

    text = timed(lambda: read_document(data, "tale.docx"))

    assert isinstance(text, str)
    assert text.split("\n\n") == ["1"] * 9_000


def test_tables_nested_two_hundred_deep_are_refused(demo_store: Store) -> None:
    error = refused(demo_store, nested_tables_docx(depth=200))

    assert "tabeller i tabeller" in error.message_da
    assert "tables nested" in error.message_en


def test_a_paragraph_of_400_000_empty_runs_is_refused_within_a_second(demo_store: Store) -> None:
    # 2.4 MB stored; python-docx read each run with its own XPath query: 17 s.
    error = refused(demo_store, empty_runs_docx(runs=400_000))

    assert "runs" in error.message_en and "runs" in error.message_da


def test_a_docx_of_three_million_characters_is_refused(demo_store: Store) -> None:
    error = refused(demo_store, long_text_docx(characters=3_000_000))

    assert "tegn tekst" in error.message_da
    assert "characters of text" in error.message_en


@pytest.mark.parametrize("name", ["tale.md", "tale.txt"])
def test_a_text_file_longer_than_a_checked_text_is_refused_within_a_second(
    demo_store: Store, name: str
) -> None:
    # Checking a 3 MB text would take minutes (a 30-page text takes about a second).
    data = ("I 2023 blev 112 personer vurderet som ofre. " * 70_000).encode()

    error = refused(demo_store, data, name)

    assert "for lang" in error.message_da and name in error.message_da
    assert "too long" in error.message_en


def test_a_pasted_text_longer_than_a_checked_text_is_refused(demo_store: Store) -> None:
    text = "x" * (MAX_CHARACTERS + 1)

    outcome = timed(lambda: check(demo_store, text))

    assert isinstance(outcome, UsageError)
    assert outcome.message_da.startswith("Teksten er for lang")
    assert outcome.message_en.startswith("The text is too long")


def test_a_text_within_the_bound_is_still_checked(demo_store: Store) -> None:
    sentence = "I 2023 blev 112 personer vurderet som ofre for menneskehandel. "
    data = (sentence * 100).encode()

    report = check_file(demo_store, data, "tale.md")

    assert len(report.claims) == 100


def test_a_paragraph_reads_as_python_docx_reads_it() -> None:
    # Tabs, breaks, a hyperlink's runs and a deleted run: the text python-docx gives.
    body = (
        b"<w:p><w:r><w:t>I 2023</w:t><w:tab/><w:t>blev</w:t><w:br/></w:r>"
        b'<w:hyperlink><w:r><w:t xml:space="preserve"> 112 </w:t></w:r></w:hyperlink>'
        b"<w:del><w:r><w:delText>113</w:delText></w:r></w:del>"
        b"<w:r><w:noBreakHyphen/><w:t>personer</w:t></w:r></w:p>"
    )
    data = word_document(body)

    expected = docx.Document(io.BytesIO(data)).paragraphs[0].text

    assert read_document(data, "tale.docx") == expected.strip()
    assert "113" not in expected and "\t" in expected
