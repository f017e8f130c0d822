"""planwatch.readers: uploaded bytes -> RawTable, or a FileRefused with one clear Problem.

Text fixtures live in tests/data/files/ (one file per case, named after what it shows). Binary
fixtures are built here at test time so that what they contain is visible in the code: workbooks
with openpyxl, a genuinely encrypted workbook with msoffcrypto-tool, zip bombs and hand-written
sheet XML with zipfile.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl.workbook.workbook import Workbook

from planwatch.errors import Problem
from planwatch.readers import FileRefused, RawTable, ReadLimits, read_table

FILES = Path(__file__).resolve().parent / "data" / "files"

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def fixture(name: str) -> bytes:
    return (FILES / name).read_bytes()


def read_fixture(name: str, *, sheet: str | None = None) -> RawTable:
    return read_table(fixture(name), name, sheet=sheet)


def assert_well_formed(table: RawTable) -> None:
    """The invariants every RawTable keeps, whatever the input."""
    assert len(table.rows) == len(table.row_numbers)
    assert all(len(row) == len(table.header) for row in table.rows)
    numbers = [table.header_row, *table.row_numbers]
    assert numbers == sorted(set(numbers))
    assert table.header_row >= 1
    assert all(isinstance(name, str) for name in table.header)
    assert all(any(cell is not None for cell in row) for row in table.rows)


DEFAULT_LIMITS = ReadLimits()


def refusal(
    data: bytes, file_name: str, *, sheet: str | None = None, limits: ReadLimits = DEFAULT_LIMITS
) -> Problem:
    """The one Problem a refused file carries, after checking its shape."""
    with pytest.raises(FileRefused) as caught:
        read_table(data, file_name, sheet=sheet, limits=limits)
    (problem,) = caught.value.problems
    assert problem.row is None
    assert problem.column is None
    assert problem.message_da.strip()
    assert problem.message_en.strip()
    assert problem.message_da != problem.message_en
    assert caught.value.message_da == problem.message_da
    assert caught.value.message_en == problem.message_en
    return problem


def workbook_bytes(build: Callable[[Workbook], None]) -> bytes:
    workbook = openpyxl.Workbook()
    build(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def with_extra_parts(xlsx: bytes, extra: dict[str, bytes]) -> bytes:
    """A copy of an xlsx with parts added or replaced."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    parts = {name: source.read(name) for name in source.namelist()}
    parts.update(extra)
    return zip_bytes(parts)


def handmade_xlsx(sheet_data: str, shared_strings: str | None = None) -> bytes:
    """A minimal workbook with one sheet ``Ark1`` whose <sheetData> is given verbatim, for the
    forms that openpyxl never writes (cells without references, lying counts, broken XML)."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>"
    )
    workbook_rels = (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
        + (
            f'<Relationship Id="rId2" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
            if shared_strings is not None
            else ""
        )
        + "</Relationships>"
    )
    parts = {
        "[Content_Types].xml": content_types.encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" '
            f'xmlns:r="{REL_NS}"><sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>"
        ).encode(),
        "xl/_rels/workbook.xml.rels": workbook_rels.encode(),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN_NS}">'
            f"<sheetData>{sheet_data}</sheetData></worksheet>"
        ).encode(),
    }
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings.encode()
    return zip_bytes(parts)


def inline(text: str) -> str:
    return f'<c t="inlineStr"><is><t>{text}</t></is></c>'


def build_two_sheets(workbook: Workbook) -> None:
    """Sheet "Tal": two blank rows, then a header with a padded name, typed cells, a blank row
    in the middle and a value to the right of the last header. Sheet "Noter": a note."""
    figures = workbook.active
    assert figures is not None
    figures.title = "Tal"
    figures.append([])
    figures.append([])
    figures.append(["Indikator", " År ", "Beløb", "Dato", "Godkendt"])
    figures.append(["A1", 2025, 1234.5, dt.date(2025, 3, 31), True])
    figures.append([])
    figures.append(["  B2  ", 2024, 10.0, dt.datetime(2025, 1, 2, 3, 4, 5), False])
    figures.append(["C3", None, None, None, None, None, "ekstra"])
    notes = workbook.create_sheet("Noter")
    notes.append(["Note"])
    notes.append(["Første kvartal"])


@pytest.fixture(scope="module")
def two_sheets() -> bytes:
    return workbook_bytes(build_two_sheets)


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """An xlsx whose sheet XML is 50 MB of one repeated byte: about 50 kB once compressed."""
    sheet = f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()
    sheet += b" " * 50_000_000 + b"</sheetData></worksheet>"
    return with_extra_parts(
        workbook_bytes(lambda workbook: None), {"xl/worksheets/sheet1.xml": sheet}
    )


def rows_workbook(count: int) -> bytes:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        assert sheet is not None
        sheet.append(["Indikator", "Værdi"])
        for number in range(count):
            sheet.append([f"A{number}", number])

    return workbook_bytes(build)


# --------------------------------------------------------------------------------------------
# CSV as people make it
# --------------------------------------------------------------------------------------------


def test_danish_excel_semicolon_cp1252_keeps_letters_and_numbers_as_text() -> None:
    table = read_fixture("danish-excel-semicolon-cp1252.csv")

    assert table.file_format == "csv"
    assert table.encoding == "cp1252"
    assert table.delimiter == ";"
    assert table.sheet is None
    assert table.header == ("År", "Indikator", "Beløb (kr.)", "Bemærkning")
    assert table.header_row == 1
    assert table.rows == (
        ("2025", "Antal ofre identificeret", "1.234,5", "Første kvartal – ca. €"),
        ("2025", "Udgifter, Østjylland", "-0,75", "Æble/øl/å"),
    )
    assert table.row_numbers == (2, 3)


def test_utf8_bom_comma_removes_the_bom_from_the_first_header() -> None:
    table = read_fixture("utf8-bom-comma.csv")

    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    assert table.header == ("plan_id", "indikator", "værdi")
    assert table.rows == (
        ("NAP-2025", "Antal rådgivninger", "42"),
        ("NAP-2025", "Andel (%)", "12.5"),
    )
    assert table.row_numbers == (2, 3)


def test_utf8_without_bom_tab_separated() -> None:
    table = read_fixture("utf8-tab-separated.tsv")

    assert table.encoding == "utf-8"
    assert table.delimiter == "\t"
    assert table.header == ("Indikator", "År", "Værdi")
    assert table.rows == (("Rådgivning", "2025", "7"),)


def test_blank_lines_anywhere_and_trailing_empty_columns() -> None:
    table = read_fixture("blank-trailing-lines-and-columns.csv")

    assert table.delimiter == ";"
    assert table.header == ("Indikator", "År", "Værdi")
    assert table.header_row == 2
    assert table.rows == (("A1", "2025", "10"), ("A2", "2025", "12"))
    assert table.row_numbers == (3, 6)


def test_decimal_comma_and_thousands_dot_stay_text_and_a_tie_picks_semicolon() -> None:
    # The header "Indikator;Beløb, mio. kr." holds one ";" and one ",": ";" must win.
    table = read_fixture("semicolon-decimal-comma-thousands-dot.csv")

    assert table.delimiter == ";"
    assert table.encoding == "cp1252"
    assert table.header == ("Indikator", "Beløb, mio. kr.")
    assert table.rows == (
        ("Tilskud", "1.234.567,89"),
        ("Tilbagebetaling", "-0,5"),
        ("Rund", "2.000"),
    )


def test_quoted_field_with_newline_and_doubled_quote_is_one_row() -> None:
    table = read_fixture("quoted-newline-and-doubled-quote.csv")

    assert table.header == ("Organisation", "Note")
    assert table.rows == (
        ("Center mod Menneskehandel", 'Linje 1\nLinje 2 med "citat"'),
        ("Ens; med semikolon", "efter"),
    )
    assert table.row_numbers == (2, 3)


def test_extra_value_extends_header_and_short_row_is_padded() -> None:
    table = read_fixture("row-longer-than-header-and-blank-header-cell.csv")

    assert table.header == ("Indikator", "", "Værdi", "")
    assert table.rows == (("A1", "midt", "10", "overskydende"), ("A2", None, None, None))
    assert table.row_numbers == (2, 3)


def test_excel_sep_line_names_the_delimiter_and_is_not_a_row() -> None:
    table = read_fixture("excel-sep-line.csv")

    assert table.delimiter == ","
    assert table.header == ("Indikator", "Beløb;kr.")
    assert table.header_row == 1
    assert table.rows == (("A1", "1;5"),)
    assert table.row_numbers == (2,)


def test_header_only_gives_a_table_without_rows() -> None:
    table = read_fixture("header-only.csv")

    assert table.header == ("Indikator", "År", "Værdi")
    assert table.rows == ()
    assert table.row_numbers == ()


def test_csv_ignores_the_sheet_argument() -> None:
    table = read_fixture("header-only.csv", sheet="Ark1")

    assert table.sheet is None


def test_csv_row_limit_counts_data_rows_not_blank_lines() -> None:
    rows = "".join(f"A{n};{n}\r\n\r\n" for n in range(10))
    data = f"Indikator;Værdi\r\n{rows}".encode()

    table = read_table(data, "ti-rækker.csv", limits=ReadLimits(max_rows=10))
    assert len(table.rows) == 10
    assert table.row_numbers[-1] == 20

    problem = refusal(data + b"A10;10\r\n", "elleve-rækker.csv", limits=ReadLimits(max_rows=10))
    assert problem.code == "too-many-rows"
    assert "10" in problem.message_da


def test_million_row_csv_is_refused_by_the_row_limit() -> None:
    data = b"Indikator;V\xc3\xa6rdi\n" + b"A1;2\n" * 1_000_000

    problem = refusal(data, "en-million.csv", limits=ReadLimits(max_rows=1000))
    assert problem.code == "too-many-rows"
    assert "1.000" in problem.message_da
    assert "1,000" in problem.message_en


def test_csv_wider_than_the_cell_limit_is_refused() -> None:
    # 1,000 short rows and one row of 10,001 values: padding them all would allocate ~10M cells.
    data = b"a;b\n" + b"1;2\n" * 999 + b";".join([b"x"] * 10_001) + b"\n"

    problem = refusal(data, "bred.csv")
    assert problem.code == "too-many-cells"


def test_undecodable_bytes_are_refused_with_an_encoding_message() -> None:
    # 0x81 and 0x8D are neither UTF-8 nor Windows-1252 (old DOS code page 850 has Ü and ì there).
    problem = refusal(b"Indikator;V\x91rdi\r\n\x81\x8d;1\r\n", "dos.csv")

    assert problem.code == "unsupported-format"
    assert "UTF-8" in problem.message_en


# --------------------------------------------------------------------------------------------
# xlsx
# --------------------------------------------------------------------------------------------


def test_xlsx_first_sheet_by_default_keeps_cell_types_and_row_numbers(two_sheets: bytes) -> None:
    table = read_table(two_sheets, "two-sheets.xlsx")

    assert table.file_format == "xlsx"
    assert table.sheet == "Tal"
    assert table.encoding is None
    assert table.delimiter is None
    assert table.header == ("Indikator", "År", "Beløb", "Dato", "Godkendt", "", "")
    assert table.header_row == 3
    assert table.rows == (
        ("A1", 2025, 1234.5, dt.date(2025, 3, 31), True, None, None),
        ("B2", 2024, 10, dt.datetime(2025, 1, 2, 3, 4, 5), False, None, None),
        ("C3", None, None, None, None, None, "ekstra"),
    )
    assert table.row_numbers == (4, 6, 7)
    first, second, _ = table.rows
    assert type(first[1]) is int
    assert type(first[2]) is float
    assert type(second[2]) is int  # 10.0 in the file, a whole number
    assert type(first[3]) is dt.date
    assert type(second[3]) is dt.datetime


def test_xlsx_sheet_by_name(two_sheets: bytes) -> None:
    table = read_table(two_sheets, "two-sheets.xlsx", sheet="Noter")

    assert table.sheet == "Noter"
    assert table.header == ("Note",)
    assert table.rows == (("Første kvartal",),)
    assert table.header_row == 1
    assert table.row_numbers == (2,)


def test_xlsx_sheet_name_ignores_case_and_outer_spaces(two_sheets: bytes) -> None:
    assert read_table(two_sheets, "two-sheets.xlsx", sheet=" noter ").sheet == "Noter"


def test_xlsx_sheet_not_found_lists_the_sheets(two_sheets: bytes) -> None:
    problem = refusal(two_sheets, "two-sheets.xlsx", sheet="Mangler")

    assert problem.code == "sheet-not-found"
    assert "»Mangler«" in problem.message_da
    assert "»Tal«, »Noter«" in problem.message_da
    assert "'Tal', 'Noter'" in problem.message_en


def test_xlsx_default_skips_a_hidden_first_sheet() -> None:
    def build(workbook: Workbook) -> None:
        hidden = workbook.active
        assert hidden is not None
        hidden.title = "Opslag"
        hidden.sheet_state = "hidden"
        hidden.append(["skjult"])
        visible = workbook.create_sheet("Data")
        visible.append(["Indikator"])
        visible.append(["A1"])

    table = read_table(workbook_bytes(build), "hidden-first-sheet.xlsx")

    assert table.sheet == "Data"
    assert table.rows == (("A1",),)


def test_xlsx_empty_sheet_has_no_header() -> None:
    problem = refusal(workbook_bytes(lambda workbook: None), "empty-sheet.xlsx")

    assert problem.code == "no-header"


def test_xlsx_row_limit() -> None:
    assert len(read_table(rows_workbook(10), "ti.xlsx", limits=ReadLimits(max_rows=10)).rows) == 10

    problem = refusal(rows_workbook(11), "elleve.xlsx", limits=ReadLimits(max_rows=10))
    assert problem.code == "too-many-rows"


def test_small_but_highly_compressible_part_is_not_a_zip_bomb(two_sheets: bytes) -> None:
    # 60 kB of spaces compress about 600:1, but so little can do no harm when unpacked.
    data = with_extra_parts(two_sheets, {"customXml/item1.xml": b" " * 60_000})

    assert read_table(data, "two-sheets-with-custom-xml.xlsx").sheet == "Tal"


def test_xlsx_cells_without_references_are_placed_as_excel_would() -> None:
    sheet = (
        f"<row>{inline('Navn')}{inline('Antal')}</row>"
        "<row></row>"
        f"<row>{inline('A')}<c><v>3</v></c></row>"
    )

    table = read_table(handmade_xlsx(sheet), "cells-without-references.xlsx")

    assert table.header == ("Navn", "Antal")
    assert table.rows == (("A", 3),)
    assert table.row_numbers == (3,)


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


@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("macro-enabled.xlsm", {}),
        ("macro-enabled-renamed.xlsx", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 vba"}),
        (
            "macro-content-type.xlsx",
            {
                "[Content_Types].xml": b'<Types><Override PartName="/xl/workbook.xml" '
                b'ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
            },
        ),
    ],
    ids=["xlsm-name", "vbaProject-part", "macro-content-type"],
)
def test_macro_workbook(two_sheets: bytes, name: str, extra: dict[str, bytes]) -> None:
    data = with_extra_parts(two_sheets, extra)

    problem = refusal(data, name)

    assert problem.code == "macro-workbook"
    assert ".xlsx" in problem.message_da


def test_zip_bomb_refused_by_total_uncompressed_size(zip_bomb: bytes) -> None:
    limits = ReadLimits(max_uncompressed_bytes=10 * 1024 * 1024, max_compression_ratio=10**9)

    problem = refusal(zip_bomb, "zip-bomb.xlsx", limits=limits)

    assert problem.code == "archive-too-large"
    assert "unpacked" in problem.message_en


def test_zip_bomb_refused_by_compression_ratio(zip_bomb: bytes) -> None:
    assert len(zip_bomb) < 100_000

    problem = refusal(zip_bomb, "zip-bomb.xlsx")

    assert problem.code == "archive-too-large"
    assert "xl/worksheets/sheet1.xml" in problem.message_en


def test_value_far_from_the_table_is_refused_before_calamine_allocates_it() -> None:
    # calamine would allocate A1:XFD1048576 densely (500 GB) and abort the process.
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        assert sheet is not None
        sheet["A1"] = "Indikator"
        sheet["XFD1048576"] = "glemt"

    problem = refusal(workbook_bytes(build), "far-away-cell.xlsx")

    assert problem.code == "too-many-cells"
    assert "Ctrl+End" in problem.message_da


def test_far_cell_without_references_is_refused_too() -> None:
    sheet = '<row r="1"><c r="XFD1"><v>1</v></c></row><row r="1048576"><c><v>2</v></c></row>'

    problem = refusal(handmade_xlsx(sheet), "far-away-cell-without-reference.xlsx")

    assert problem.code == "too-many-cells"


def test_absurd_shared_string_count_is_refused_before_calamine_reserves_it() -> None:
    # calamine reserves memory for uniqueCount strings up front: 4e9 of them abort the process.
    shared = (
        f'<?xml version="1.0"?><sst xmlns="{MAIN_NS}" count="1" uniqueCount="4000000000">'
        "<si><t>Indikator</t></si></sst>"
    )
    sheet = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'

    problem = refusal(handmade_xlsx(sheet, shared), "huge-shared-string-count.xlsx")

    assert problem.code == "unreadable-file"


def with_zeroed_crc(xlsx: bytes, part: str) -> bytes:
    crc = zipfile.ZipFile(io.BytesIO(xlsx)).getinfo(part).CRC.to_bytes(4, "little")
    assert xlsx.count(crc) == 2  # local header and central directory
    return xlsx.replace(crc, bytes(4))


@pytest.mark.parametrize(
    ("name", "make"),
    [
        pytest.param("truncated.xlsx", lambda good: good[: len(good) // 2], id="truncated"),
        pytest.param(
            "broken-sheet-xml.xlsx", lambda good: handmade_xlsx("<row><c"), id="broken-sheet-xml"
        ),
        pytest.param(
            "bad-crc.xlsx", lambda good: with_zeroed_crc(good, "xl/workbook.xml"), id="bad-crc"
        ),
        pytest.param(
            "workbook-part-only.xlsx",
            lambda good: zip_bytes({"xl/workbook.xml": b"<workbook"}),
            id="workbook-part-only",
        ),
    ],
)
def test_unreadable_file(two_sheets: bytes, name: str, make: Callable[[bytes], bytes]) -> None:
    problem = refusal(make(two_sheets), name)

    assert problem.code == "unreadable-file"


# --------------------------------------------------------------------------------------------
# Properties: any bytes give a well-formed table or a FileRefused, and nothing else
# --------------------------------------------------------------------------------------------


def read_or_refuse(data: bytes, file_name: str) -> None:
    try:
        table = read_table(data, file_name)
    except FileRefused as refused:
        (problem,) = refused.problems
        assert problem.code
        return
    assert_well_formed(table)


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


CSV_CHARACTERS = st.sampled_from(list('ab ÆØÅæøå€–1,.;\t"\r\n-'))


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(st.lists(st.text(CSV_CHARACTERS, max_size=8), max_size=6), max_size=8),
    delimiter=st.sampled_from([";", ",", "\t"]),
    newline=st.sampled_from(["\r\n", "\n", "\r"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_any_delimited_text_gives_a_table_or_a_refusal(
    rows: list[list[str]], delimiter: str, newline: str, encoding: str
) -> None:
    data = newline.join(delimiter.join(row) for row in rows).encode(encoding)

    read_or_refuse(data, "tekst.csv")


# No "€" or "–" here: in Windows-1252 they are the bytes 0x80 and 0x96, which after "Å" (0xC5)
# form valid UTF-8, so such text would (rightly, by the rule) be read as UTF-8.
PLAIN_CELL = st.text(st.sampled_from(list("abzæøåÆØÅ019.-")), max_size=6)


@settings(max_examples=100, deadline=None)
@given(
    header=st.lists(PLAIN_CELL.filter(bool), min_size=1, max_size=5),
    body=st.lists(st.lists(PLAIN_CELL, min_size=5, max_size=5), max_size=6),
    delimiter=st.sampled_from([";", ",", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
)
def test_tables_written_by_csv_writer_read_back_unchanged(
    header: list[str], body: list[list[str]], delimiter: str, encoding: str
) -> None:
    width = len(header)
    rows = [row[:width] for row in body]
    text = io.StringIO()
    csv.writer(text, delimiter=delimiter, lineterminator="\r\n").writerows([header, *rows])

    table = read_table(text.getvalue().encode(encoding), "skrevet.csv")

    kept = [(number, row) for number, row in enumerate(rows, start=2) if any(row)]
    assert table.header == tuple(header)
    assert table.rows == tuple(tuple(cell or None for cell in row) for _, row in kept)
    assert table.row_numbers == tuple(number for number, _ in kept)
    # Windows-1252 text without letters beyond ASCII is valid UTF-8, and read as such.
    plain_ascii = encoding == "cp1252" and text.getvalue().isascii()
    assert table.encoding == ("utf-8" if plain_ascii else encoding)
    if width > 1:
        assert table.delimiter == delimiter


def build_small(workbook: Workbook) -> None:
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Navn", "År"])
    sheet.append(["A", 2025])


SMALL_XLSX = workbook_bytes(build_small)


@settings(max_examples=150, deadline=None)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(SMALL_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=6
    ),
    keep=st.integers(1, len(SMALL_XLSX)),
)
def test_damaged_workbooks_give_a_table_or_a_refusal(
    edits: list[tuple[int, int]], keep: int
) -> None:
    data = bytearray(SMALL_XLSX)
    for position, value in edits:
        data[position] = value

    read_or_refuse(bytes(data[:keep]), "beskadiget.xlsx")
