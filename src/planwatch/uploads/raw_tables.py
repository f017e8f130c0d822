"""What reading an uploaded file gives: a raw table of cells, or one refusal.

A :class:`RawTable` keeps the row numbers the user sees in their spreadsheet and parses
nothing: numbers stay text in CSV, and the validator decides what a cell means. A file that is
not a table we can read safely is refused with :class:`FileRefused`, carrying one
:class:`~planwatch.errors.Problem` with a stable ``code`` and a Danish and English message (from
:mod:`planwatch.uploads.problems`). The rows of both CSV and xlsx become a table here, with the
limits on rows and cells checked while they are read.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final, Literal

from planwatch.errors import DataError
from planwatch.uploads.problems import Wording, problem

Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None

# Cells a table may span (rows x columns, after padding). It bounds the memory of the padded
# RawTable and, for xlsx, of the dense cell grid calamine allocates for a sheet's used range: a
# 5 kB workbook with one value in A1 and one in XFD1048576 would otherwise ask for 500 GB and abort
# the whole process. calamine takes 32 bytes a cell, so 3 million cells are about 100 MB (10
# million let a 5 kB workbook with one value in A1 and one in I1048576 take 300 MB; fixture
# tests/data/fuzz/xlsx-stray-cell-in-last-row.xlsx). 3 million is 100,000 rows of 30 columns,
# far beyond any quarterly report.
MAX_CELLS: Final = 3_000_000


@dataclass(frozen=True, slots=True)
class ReadLimits:
    max_bytes: int = 20 * 1024 * 1024
    max_rows: int = 100_000
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    max_compression_ratio: int = 100


@dataclass(frozen=True, slots=True)
class RawTable:
    """The cells of one sheet or CSV file, with the row numbers the user's spreadsheet shows."""

    file_name: str
    file_format: Literal["csv", "xlsx"]
    sheet: str | None  # xlsx: the sheet read
    encoding: str | None  # csv: "utf-8-sig", "utf-8" or "cp1252"
    delimiter: str | None  # csv: ";" or "," (or "\t")
    header: tuple[str, ...]  # as written, BOM removed, outer whitespace stripped
    header_row: int  # spreadsheet row number of the header (1 unless blank lines precede it)
    rows: tuple[tuple[Cell, ...], ...]  # each exactly len(header) long
    row_numbers: tuple[int, ...]  # spreadsheet row number of each entry of ``rows``


class FileRefused(DataError):
    """The file cannot be read at all (too large, macro workbook, encrypted, not a table...)."""

    code = "file-refused"


# --------------------------------------------------------------------------------------------
# Refusals
# --------------------------------------------------------------------------------------------


def refused(key: str, **details: object) -> FileRefused:
    """The refusal of a whole file: one problem (no row, no column) of ``problems.MESSAGES``."""
    found = problem(key, row=None, column=None, **details)
    return FileRefused(found.message_da, found.message_en, [found])


def unsupported(kind: Wording) -> FileRefused:
    """The refusal of a file that is something else than a spreadsheet (a ``kind/...`` phrase)."""
    return refused("unsupported-format", kind=kind)


def no_header() -> FileRefused:
    return refused("no-header")


def too_many_cells(rows: int, columns: int) -> FileRefused:
    return refused(
        "too-many-cells", rows=rows, columns=columns, cells=rows * columns, limit=MAX_CELLS
    )


def unreadable(error: BaseException) -> FileRefused:
    detail = " ".join(str(error).split())[:200] or type(error).__name__
    if isinstance(error, csv.Error):
        return refused("unreadable-file/csv", detail=detail)
    return refused("unreadable-file", detail=detail)


@contextmanager
def parser_errors_refused() -> Iterator[None]:
    """Turn any failure inside a parser into ``unreadable-file``.

    Parsers raise whatever they like on hostile bytes (zipfile.BadZipFile, zlib.error, csv.Error,
    CalamineError, ValueError...), and a Rust panic in python-calamine arrives as pyo3's
    PanicException, which derives from BaseException. None of that may reach the user as a crash,
    so only our own refusals and the interpreter's shutdown signals pass through unchanged.
    """
    try:
        yield
    except (FileRefused, KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as error:
        raise unreadable(error) from error


# --------------------------------------------------------------------------------------------
# Rows to table, shared by CSV and xlsx
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TableRows:
    """The header and the data rows found among a file's records, with the records' indexes."""

    header: tuple[str, ...]
    header_index: int
    rows: tuple[tuple[Cell, ...], ...]
    indexes: tuple[int, ...]


def _without_trailing_blanks(cells: list[Cell]) -> list[Cell]:
    """Drop the blank cells at the right of a row; a row left empty is a blank row."""
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return cells[:end]


def _header_text(cell: Cell) -> str:
    """A header cell as the column name the user wrote (a year typed as 2025 becomes "2025")."""
    if cell is None:
        return ""
    return str(cell).lstrip("\ufeff").strip()


def collect_rows(records: Iterable[tuple[int, list[Cell]]], limits: ReadLimits) -> TableRows:
    """Find the header (first non-blank row) and the data rows after it, skipping blank rows.

    ``records`` yields each physical row with its index and normalised cells (blank -> None).
    The row limit is checked while reading, so a million-row file is refused after
    ``max_rows + 1`` rows instead of being read to the end.
    """
    header: list[str] | None = None
    header_index = 0
    rows: list[list[Cell]] = []
    indexes: list[int] = []
    for index, cells in records:
        row = _without_trailing_blanks(cells)
        if not row:
            continue
        if header is None:
            header = [_header_text(cell) for cell in row]
            header_index = index
            continue
        if len(rows) >= limits.max_rows:
            raise refused("too-many-rows", limit=limits.max_rows)
        rows.append(row)
        indexes.append(index)
    if header is None:
        raise no_header()
    return _squared(header, header_index, rows, indexes)


def _squared(
    header: list[str], header_index: int, rows: list[list[Cell]], indexes: list[int]
) -> TableRows:
    """Give every row exactly as many cells as the widest row or header.

    Columns at the right with neither a header nor a value are gone already (each row lost its
    trailing blanks). A value to the right of the last header keeps its column, under the header
    "", so that nothing the user typed is silently dropped: the validator reports the column.
    """
    width = max([len(header), *(len(row) for row in rows)])
    if width * (len(rows) + 1) > MAX_CELLS:
        raise too_many_cells(len(rows) + 1, width)
    padded_header = tuple(header) + ("",) * (width - len(header))
    padded_rows = tuple(tuple(row) + (None,) * (width - len(row)) for row in rows)
    return TableRows(padded_header, header_index, padded_rows, tuple(indexes))
