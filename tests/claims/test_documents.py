"""Reading a file to check: text and Markdown decoded, a .docx's paragraphs and cells."""

from __future__ import annotations

import io

import docx
import pytest

from planwatch.claims.documents import read_document
from planwatch.claims.sentences import split_sentences
from planwatch.errors import UsageError


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
