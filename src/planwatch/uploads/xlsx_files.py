"""Excel workbooks (.xlsx): the zip checked before any parser sees it, then read with calamine.

Before python-calamine opens a workbook, everything that can be learnt from the zip is checked,
in order of cost: its size by :mod:`planwatch.uploads.containers` (a zip bomb), what kind of
document it is (.xlsb, .ods, Word...), macros, and then one streaming pass over every part that
checks its CRC and the cell range it would fill, because calamine allocates a dense grid for a
sheet's used range and reserves memory for the shared-string count a file claims. The sheet is
then read lazily, so that the row limit stops the Python side early.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from planwatch.uploads.containers import ContainerTooLarge, ZipLimits, open_container, xml_chunks
from planwatch.uploads.problems import phrase, quoted
from planwatch.uploads.raw_tables import (
    MAX_CELLS,
    Cell,
    FileRefused,
    RawTable,
    ReadLimits,
    TableRows,
    collect_rows,
    no_header,
    parser_errors_refused,
    refused,
    too_many_cells,
    unreadable,
    unsupported,
)

_MACRO_SUFFIXES: Final = (".xlsm", ".xltm", ".xlam")
_CONTENT_TYPES_MAX_BYTES: Final = 1024 * 1024  # Excel writes a few kilobytes

_FAST_CELL_COLUMN: Final = re.compile(rb'<c r="([A-Z]+)[0-9]+"')
_FAST_CELL_ROW: Final = re.compile(rb'<c r="[A-Z]+([0-9]+)"')
# Any other way to start a cell tag: no attributes, other whitespace, or a namespace prefix.
# Two patterns, because each starting with a literal is ten times faster than one alternation.
_UNUSUAL_CELL_TAGS: Final = (re.compile(rb"<c[>/\t\n\r]"), re.compile(rb":c[\s>/]"))
_ANY_ROW_OR_CELL_TAG: Final = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(row|c)(?=[\s/>])([^<>]*)")
_REFERENCE: Final = re.compile(rb"""\sr\s*=\s*["']\s*([A-Za-z]*)\s*([0-9]*)""")
_UNIQUE_COUNT: Final = re.compile(rb"""uniqueCount\s*=\s*["']\s*([0-9]+)""")
_HUGE: Final = 10**12  # stands for any reference too long to be a real row or column


# --------------------------------------------------------------------------------------------
# Checks on the zip container, before any parser sees it
# --------------------------------------------------------------------------------------------


def _macro_workbook() -> FileRefused:
    return refused("macro-workbook")


def _refuse_other_zip_formats(names: set[str]) -> None:
    """A zip that is not an xlsx workbook: say what it probably is."""
    if "xl/workbook.xml" in names:
        return
    if "xl/workbook.bin" in names:
        raise unsupported(phrase("kind/xlsb"))
    if "mimetype" in names or "content.xml" in names:
        raise unsupported(phrase("kind/ods"))
    if "word/document.xml" in names or "ppt/presentation.xml" in names:
        raise unsupported(phrase("kind/office"))
    raise unsupported(phrase("kind/archive"))


def _refuse_macros(archive: zipfile.ZipFile, names: set[str], file_name: str) -> None:
    """A macro workbook is refused by its name (.xlsm), its VBA part, or its content type.

    Macros never run here, but a file that carries them is one nobody should pass on, and the
    fix (save as .xlsx) is easy.
    """
    if file_name.lower().endswith(_MACRO_SUFFIXES):
        raise _macro_workbook()
    if any(name.lower().rsplit("/", 1)[-1] == "vbaproject.bin" for name in names):
        raise _macro_workbook()
    if "[Content_Types].xml" in names and b"macroEnabled" in _content_types(archive):
        raise _macro_workbook()


def _content_types(archive: zipfile.ZipFile) -> bytes:
    """The part that names the workbook's content types, read no further than a real one goes:
    a part that lies about its size (found by fuzzing: 1 kB declared, 300 MB inflated) would
    otherwise be inflated whole, half a gigabyte, before its checksum fails."""
    with archive.open("[Content_Types].xml") as stream:
        data = stream.read(_CONTENT_TYPES_MAX_BYTES + 1)
    if len(data) > _CONTENT_TYPES_MAX_BYTES:
        raise unsupported(phrase("kind/archive"))
    return data


def _column_number(letters: bytes) -> int:
    if len(letters) > 6:
        return _HUGE
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _row_number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 12 else _HUGE


def _checked_shared_string_counts(chunks: Iterable[bytes], size: int) -> Iterator[bytes]:
    """Refuse a ``uniqueCount`` that cannot be true.

    calamine reserves memory for ``<sst uniqueCount="...">`` before reading a single string, so
    a 1 kB file claiming four billion strings aborts the process. Each string takes more than one
    byte of XML, so a count above the part's size is a lie.
    """
    for chunk in chunks:
        for digits in _UNIQUE_COUNT.findall(chunk):
            count = _row_number(digits)
            if count > size:
                raise unreadable(ValueError(f"uniqueCount {count} > part size {size} bytes"))
            if count > MAX_CELLS:
                raise too_many_cells(count, 1)
        yield chunk


def _fast_extent(chunks: Iterable[bytes]) -> tuple[int, int] | None:
    """Last row and column of any cell, when every cell is written ``<c r="B7" ...``.

    That is how Excel, LibreOffice, openpyxl and XlsxWriter write cells, and it can be scanned
    at regular-expression speed. Returns None for any other form, which then needs the slower,
    tag-by-tag scan.
    """
    last_row = last_column = 0
    for chunk in chunks:
        columns = _FAST_CELL_COLUMN.findall(chunk)
        rows = _FAST_CELL_ROW.findall(chunk)
        tags = chunk.count(b"<c ")
        if len(columns) != tags or len(rows) != tags:
            return None
        if any(pattern.search(chunk) for pattern in _UNUSUAL_CELL_TAGS):
            return None
        last_column = max([last_column, *map(_column_number, set(columns))])
        last_row = max([last_row, *map(_row_number, set(rows))])
    return last_row, last_column


def _slow_extent(chunks: Iterable[bytes]) -> tuple[int, int]:
    """Last row and column of any cell, following rows and cells without an ``r`` reference as
    a reader does (next row, next column); rounded up wherever the file is ambiguous."""
    row = column = last_row = last_column = 0
    for chunk in chunks:
        for match in _ANY_ROW_OR_CELL_TAG.finditer(chunk):
            reference = _REFERENCE.search(match.group(2))
            letters, digits = reference.groups() if reference else (b"", b"")
            if match.group(1) == b"row":
                row = _row_number(digits) if digits else last_row + 1
                column = 0
                last_row = max(last_row, row)
                continue
            column = _column_number(letters) if letters else column + 1
            last_column = max(last_column, column)
            last_row = max(last_row, _row_number(digits) if digits else row)
    return last_row, last_column


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Read one part to its end (zipfile checks its size and CRC on the way) and refuse it if its
    cells would span more than MAX_CELLS counted from A1, or if it claims absurd string counts."""
    with archive.open(info) as stream:
        extent = _fast_extent(_checked_shared_string_counts(xml_chunks(stream), info.file_size))
    if extent is None:
        with archive.open(info) as stream:
            chunks = _checked_shared_string_counts(xml_chunks(stream), info.file_size)
            extent = _slow_extent(chunks)
    rows, columns = extent
    if rows * columns > MAX_CELLS:
        raise too_many_cells(rows, columns)


def _check_container(data: bytes, file_name: str, limits: ReadLimits) -> None:
    """Everything that can be learnt from the zip without a spreadsheet parser, in order of
    cost: sizes from the central directory, what kind of document it is, macros, and then one
    streaming pass over every part that checks its CRC and the cell range it would fill."""
    zip_limits = ZipLimits(
        max_unpacked_bytes=limits.max_uncompressed_bytes, max_ratio=limits.max_compression_ratio
    )
    try:
        with open_container(data, zip_limits) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            _refuse_other_zip_formats(names)
            _refuse_macros(archive, names, file_name)
            for info in infos:
                if not info.is_dir():
                    _check_part(archive, info)
    except ContainerTooLarge as error:
        raise refused("archive-too-large", detail=error.detail) from None


# --------------------------------------------------------------------------------------------
# Reading the sheet with python-calamine
# --------------------------------------------------------------------------------------------


def _worksheet_names(workbook: Any) -> tuple[list[str], list[str]]:
    """All worksheets (chart sheets have no cells), and those of them the user can see."""
    worksheets = [m for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    visible = [m.name for m in worksheets if m.visible == SheetVisibleEnum.Visible]
    return [str(m.name) for m in worksheets], [str(name) for name in visible]


def _sheet_not_found(requested: str, available: Sequence[str]) -> FileRefused:
    if not available:
        sheets = phrase("sheets/none")
    elif len(available) == 1:
        sheets = phrase("sheets/one", sheets=quoted(available))
    else:
        sheets = phrase("sheets/several", sheets=quoted(available))
    return refused("sheet-not-found", sheet=requested, sheets=sheets)


def _choose_sheet(workbook: Any, requested: str | None) -> str:
    """The requested sheet (exact name, else the one name equal ignoring case and outer spaces),
    or by default the first visible worksheet, which is the sheet Excel opens on."""
    names, visible = _worksheet_names(workbook)
    if requested is None:
        if visible or names:
            return (visible or names)[0]
        raise no_header()
    if requested in names:
        return requested
    folded = [name for name in names if name.strip().casefold() == requested.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise _sheet_not_found(requested, visible or names)


def _xlsx_cell(value: object) -> Cell:
    """A calamine value as a Cell: text stripped (blank -> None), whole numbers as int.

    calamine gives every number as float, so a year typed as 2025 arrives as 2025.0; anything it
    may add later that Cell does not cover (durations) is kept as its text.
    """
    if value is None or isinstance(value, str):
        return (value or "").strip() or None
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, bool | int | dt.datetime | dt.date | dt.time):
        return value
    return str(value)


def _read_sheet(workbook: Any, name: str, limits: ReadLimits) -> TableRows:
    """Read rows lazily with ``iter_rows`` so the row limit stops the Python side early.

    calamine's iterator starts either at the sheet's first row or at its first used row; which
    one is known from how many rows it gave, so row numbers are shifted once at the end.
    """
    worksheet = workbook.get_sheet_by_name(name)
    yielded = 0

    def records() -> Iterator[tuple[int, list[Cell]]]:
        nonlocal yielded
        for row in worksheet.iter_rows():
            # A blank row (calamine gives "" for an empty cell) is skipped here, in C, rather
            # than cell by cell: a sheet with one stray cell in row 1,048,576 has a million.
            if row.count("") < len(row):
                yield yielded, [_xlsx_cell(value) for value in row]
            yielded += 1

    table = collect_rows(records(), limits)
    end = worksheet.end
    first_row = int(end[0]) + 1 - yielded if end is not None else 0
    return TableRows(
        header=table.header,
        header_index=table.header_index + first_row + 1,
        rows=table.rows,
        indexes=tuple(index + first_row + 1 for index in table.indexes),
    )


def _read_workbook(data: bytes, sheet: str | None, limits: ReadLimits) -> tuple[str, TableRows]:
    with CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
        chosen = _choose_sheet(workbook, sheet)
        return chosen, _read_sheet(workbook, chosen, limits)


def read_xlsx(data: bytes, file_name: str, sheet: str | None, limits: ReadLimits) -> RawTable:
    """The table on one sheet of an xlsx workbook's bytes, or a FileRefused."""
    with parser_errors_refused():
        _check_container(data, file_name, limits)
        chosen, table = _read_workbook(data, sheet, limits)
    return RawTable(
        file_name=file_name,
        file_format="xlsx",
        sheet=chosen,
        encoding=None,
        delimiter=None,
        header=table.header,
        header_row=table.header_index,
        rows=table.rows,
        row_numbers=table.indexes,
    )
