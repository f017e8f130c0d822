"""planwatch.uploads.readers: uploaded bytes -> RawTable, or a FileRefused with one clear Problem.

Which reader a file needs is decided by its content, and what no reader can read is refused
first: an empty or too large file, formats that are not spreadsheets, encrypted workbooks and
old .xls files. CSV and xlsx themselves are in test_csv_files.py and test_xlsx_files.py.
"""

from __future__ import annotations

import io
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msoffcrypto.format.ooxml import OOXMLFile

from planwatch.uploads.raw_tables import ReadLimits
from tests.uploads.reading import fixture, read_or_refuse, refusal, zip_bytes

# --------------------------------------------------------------------------------------------
# Refusals
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data", [b"", b"  \r\n\t \n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n"], ids=repr
)
def test_empty_file(data: bytes) -> None:
    assert refusal(data, "tom.csv").code == "empty-file"


def test_only_delimiters_has_no_header() -> None:
    assert refusal(fixture("only-delimiters.csv"), "only-delimiters.csv").code == "no-header"


def test_file_too_large_is_refused_before_anything_else() -> None:
    # Even a macro workbook is refused for its size first: nothing is opened.
    data = fixture("danish-excel-semicolon-cp1252.csv") * 8000  # about 1.1 MB

    problem = refusal(data, "stor.xlsm", limits=ReadLimits(max_bytes=1024 * 1024))

    assert problem.code == "file-too-large"
    assert "1,1 MB" in problem.message_da
    assert "1,0 MB" in problem.message_da
    assert "1.1 MB" in problem.message_en


UNSUPPORTED_FILES = [
    ("not-a-spreadsheet.pdf", fixture("not-a-spreadsheet.pdf")),
    ("not-a-spreadsheet-renamed.csv", fixture("not-a-spreadsheet.pdf")),
    ("html-saved-as-xls.xls", fixture("html-saved-as-xls.xls")),
    ("utf16-unicode-text.txt", fixture("utf16-unicode-text.txt")),
    ("random-binary.csv", random.Random(20250331).randbytes(4096)),  # noqa: S311 (reproducible)
    ("nul-bytes.csv", b"Indikator;V\x00rdi\r\nA1;1\r\n"),
    ("control-characters.csv", b"\x01\x02\x03\x04;\x05\x06\r\n\x07\x08;\x0e\r\n"),
    ("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(1, 200))),
    ("jpeg-named.xlsx", b"\xff\xd8\xff\xe0JFIF-ish"),
    ("archive.csv.gz", b"\x1f\x8b\x08\x00rest"),
    ("letter.rtf", b"{\\rtf1\\ansi Hej}"),
    (
        "opendocument.ods",
        zip_bytes(
            {
                "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                "content.xml": b"<office:document-content/>",
            }
        ),
    ),
    ("binary-workbook.xlsb", zip_bytes({"xl/workbook.bin": b"\x83\x01\x00"})),
    ("letter.docx", zip_bytes({"word/document.xml": b"<w:document/>"})),
    ("plain.zip", zip_bytes({"data.csv": b"a;b\r\n1;2\r\n"})),
]


@pytest.mark.parametrize(
    ("name", "data"), [pytest.param(name, data, id=name) for name, data in UNSUPPORTED_FILES]
)
def test_unsupported_format_is_decided_by_content(name: str, data: bytes) -> None:
    assert refusal(data, name).code == "unsupported-format"


def test_password_protected_workbook_made_with_msoffcrypto(two_sheets: bytes) -> None:
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(two_sheets)).encrypt("hemmelig", encrypted)
    data = encrypted.getvalue()
    assert data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

    problem = refusal(data, "password-protected.xlsx")

    assert problem.code == "encrypted-workbook"
    assert "Krypter med adgangskode" in problem.message_da
    assert "Encrypt with Password" in problem.message_en
    assert ".xls)" not in problem.message_da


def test_old_xls_compound_file_is_refused_as_encrypted_workbook() -> None:
    # The header of an OLE compound file and a directory entry named "Workbook", as in .xls.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le")

    problem = refusal(data, "legacy-excel-97.xls")

    assert problem.code == "encrypted-workbook"
    assert "gamle format (.xls)" in problem.message_da
    assert "'Excel Workbook (*.xlsx)'" in problem.message_en


# --------------------------------------------------------------------------------------------
# Properties: any bytes give a well-formed table or a FileRefused, and nothing else
# --------------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=4096),
        st.binary(max_size=4096).map(lambda tail: b"PK\x03\x04" + tail),
        st.binary(max_size=4096).map(lambda tail: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + tail),
    ),
    name=st.sampled_from(["upload.csv", "upload.xlsx", "upload.xlsm", "upload"]),
)
def test_any_bytes_give_a_table_or_a_refusal(data: bytes, name: str) -> None:
    read_or_refuse(data, name)
