"""Helpers for the tests of the upload readers: fixtures, hand-built files, and the checks every
answer of :func:`planwatch.uploads.readers.read_table` must pass.

Text fixtures live in tests/data/files/ (one file per case, named after what it shows). Binary
fixtures are built at test time so that what they contain is visible in the code: workbooks
with openpyxl, zip bombs and hand-written sheet XML with zipfile. (tests/uploads/conftest.py has
pytest rewrite the asserts here, as in a test module.)
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from planwatch.errors import Problem
from planwatch.uploads.raw_tables import FileRefused, RawTable, ReadLimits
from planwatch.uploads.readers import read_table
from tests.paths import TEST_DATA

FILES = TEST_DATA / "files"

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


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


def read_or_refuse(data: bytes, file_name: str) -> None:
    try:
        table = read_table(data, file_name)
    except FileRefused as refused:
        (problem,) = refused.problems
        assert problem.code
        return
    assert_well_formed(table)


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


def rows_workbook(count: int) -> bytes:
    def build(workbook: Workbook) -> None:
        sheet = workbook.active
        assert sheet is not None
        sheet.append(["Indikator", "Værdi"])
        for number in range(count):
            sheet.append([f"A{number}", number])

    return workbook_bytes(build)


def with_zeroed_crc(xlsx: bytes, part: str) -> bytes:
    crc = zipfile.ZipFile(io.BytesIO(xlsx)).getinfo(part).CRC.to_bytes(4, "little")
    assert xlsx.count(crc) == 2  # local header and central directory
    return xlsx.replace(crc, bytes(4))
