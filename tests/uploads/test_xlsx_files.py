"""planwatch.uploads.xlsx_files: workbooks read with calamine, after the zip has been checked.

The zip guard itself (entries, sizes, ratios) has its unit tests in test_containers.py; here it is
seen through whole workbooks, with the checks only an xlsx needs: macros, cell ranges, shared
string counts, damaged parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.workbook.workbook import Workbook

from planwatch.uploads.raw_tables import ReadLimits
from planwatch.uploads.readers import read_table
from tests.uploads.reading import (
    MAIN_NS,
    handmade_xlsx,
    inline,
    read_or_refuse,
    refusal,
    rows_workbook,
    with_extra_parts,
    with_zeroed_crc,
    workbook_bytes,
    zip_bytes,
)

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
# Properties: damaged workbooks give a table or a refusal
# --------------------------------------------------------------------------------------------


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
