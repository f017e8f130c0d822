"""Files we hand back to people about an upload: the problem report and the annotated workbook.

Pure builders: inputs in, file bytes out; nothing is read from or written to disk. Everything a
person sees in these files follows ``language`` ("da", the default, or "en"), and every piece
of text goes through :func:`planwatch.spreadsheet_safety.neutralise` on its way into a cell, so
nothing we write can run as a formula. Figures are written as numbers, never as text. The cell
writers here are shared with :mod:`planwatch.uploads.templates`.

Decisions worth knowing:

* The problem report CSV is UTF-8 *with* BOM and ``;``-separated in both languages, so that it
  opens correctly by double-click in Danish Excel, which is what the ministry uses; only the
  header texts, severities and messages change with the language.
* :func:`annotated_workbook` assumes column *i* of ``table.header`` (0-based) is spreadsheet
  column *i + 1* of the original sheet, i.e. that the table starts in column A. Files whose
  table starts further right would get their marks shifted; readers do not report an offset.
* Text control characters that XLSX cannot hold are replaced by U+FFFD, and text is cut at
  Excel's 32,767 characters per cell.
* openpyxl is imported by the functions that write workbooks, not here: the CSV report (and
  ``planwatch import`` of a CSV file, which imports this module) does without it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final, Literal, TypeVar

from planwatch.errors import Problem, UsageError
from planwatch.spreadsheet_safety import neutralise
from planwatch.uploads.raw_tables import RawTable

Severity = Literal["error", "warning"]
T = TypeVar("T")

ERROR_FILL: Final = "FFC7CE"  # Excel's "bad" red
WARNING_FILL: Final = "FFEB9C"  # Excel's "neutral" amber
COMMENT_AUTHOR: Final = "planwatch"

_MAX_CELL_TEXT: Final = 32_767
_NOT_IN_XML: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # as openpyxl refuses them


@dataclass(frozen=True, slots=True)
class _Words:
    problems_sheet: str
    data_sheet: str
    report_header: tuple[str, str, str, str, str, str, str]
    error: str
    warning: str

    def severity(self, severity: Severity) -> str:
        return self.error if severity == "error" else self.warning


_WORDS: Final = MappingProxyType(
    {
        "da": _Words(
            problems_sheet="Fejl",
            data_sheet="Data",
            report_header=("række", "kolonne", "værdi", "kode", "alvor", "besked", "forslag"),
            error="fejl",
            warning="advarsel",
        ),
        "en": _Words(
            problems_sheet="Problems",
            data_sheet="Data",
            report_header=("row", "column", "value", "code", "severity", "message", "suggestion"),
            error="error",
            warning="warning",
        ),
    }
)


def in_language(words: Mapping[str, T], language: str) -> T:
    """The words of a file in ``language``; a language planwatch does not speak is refused."""
    try:
        return words[language]
    except KeyError:
        raise UsageError(
            f"Ukendt sprog {language!r}; brug 'da' eller 'en'.",
            f"Unknown language {language!r}; use 'da' or 'en'.",
        ) from None


# --- cell values -------------------------------------------------------------------------------


def _clean_text(text: str) -> str:
    """Text XLSX can hold: no control characters, at most one cell's worth."""
    return _NOT_IN_XML.sub("\ufffd", text)[: _MAX_CELL_TEXT - 1]


def safe_value(value: object) -> object:
    """A value ready for a cell: text cleaned and neutralised, numbers and dates as they are."""
    if isinstance(value, str):
        return neutralise(_clean_text(value))
    if isinstance(value, dt.datetime | dt.time) and value.tzinfo is not None:
        return value.isoformat()  # Excel has no time zones; keep the moment readable
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


# --- shared writers ------------------------------------------------------------------------------


def workbook_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Iterable[Sequence[object]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def write_header(sheet: Any, row: int, texts: Sequence[str]) -> None:
    from openpyxl.styles import Font

    for index, text in enumerate(texts, start=1):
        cell = sheet.cell(row=row, column=index, value=safe_value(text))
        cell.font = Font(bold=True)


def write_values(sheet: Any, row: int, values: Sequence[object]) -> None:
    for index, value in enumerate(values, start=1):
        safe = safe_value(value)
        if safe is not None and safe != "":
            sheet.cell(row=row, column=index, value=safe)


def write_typed(sheet: Any, row: int, values: Sequence[str | None]) -> None:
    """Text a person typed, as text cells exactly as typed (only characters XLSX cannot hold are
    replaced): a cell that looks like a formula stays text, never a formula, and not quoted, so
    the checks that read the workbook see it as typed and refuse it as they would in a file."""
    for index, value in enumerate(values, start=1):
        if value is None or value == "":
            continue
        cell = sheet.cell(row=row, column=index, value=_clean_text(value))
        cell.data_type = "s"  # openpyxl makes "=..." a formula; this keeps it text


def set_widths(sheet: Any, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def fit_widths(sheet: Any, minimum: int = 8, maximum: int = 60) -> None:
    """Column widths from the longest text in each column, within bounds."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.utils import get_column_letter

    longest: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and not isinstance(cell, MergedCell):
                length = max(len(line) for line in str(cell.value).splitlines() or [""])
                longest[cell.column] = max(longest.get(cell.column, 0), length)
    for column, length in longest.items():
        width = min(max(length + 2, minimum), maximum)
        sheet.column_dimensions[get_column_letter(column)].width = width


# --- problem reports -----------------------------------------------------------------------------


def _problem_values(problem: Problem, language: str, words: _Words) -> list[object]:
    return [
        problem.row,
        safe_value(problem.column),
        safe_value(problem.value),
        safe_value(problem.code),
        words.severity(problem.severity),
        safe_value(problem.message(language)),
        safe_value(problem.suggestion(language)),  # "Mente du ...?" (issue 18), or ""
    ]


def report_csv(problems: Sequence[Problem], language: str = "da") -> bytes:
    """One line per problem, in the given order.

    Always UTF-8 with BOM and ``;`` (in English too) so it opens by double-click in Danish Excel.
    """
    words = in_language(_WORDS, language)
    rows = [words.report_header, *(_problem_values(p, language, words) for p in problems)]
    return csv_bytes(rows, ";", "utf-8-sig")


def annotated_workbook(
    table: RawTable,
    problems: Sequence[Problem],
    original: bytes | None = None,
    language: str = "da",
) -> bytes:
    """The uploader's table with each bad cell filled and commented, plus a problems sheet.

    An XLSX upload whose bytes are given comes back as its own workbook (other sheets kept;
    macros, if any, dropped); a CSV upload, or an XLSX without its bytes or that openpyxl cannot
    open, is rebuilt from ``table`` with every row at its original row number. Problems are
    placed at ``problem.row`` and the column of ``problem.column`` in ``table.header``; a
    problem with a row but no (known) column marks the whole row and comments its first cell;
    a problem without a row is only listed on the last sheet, "Fejl"/"Problems".
    """
    words = in_language(_WORDS, language)
    loaded = _load_original(table, original)
    workbook, sheet = loaded if loaded is not None else _workbook_from_table(table, words)
    _mark_problems(sheet, table, problems, language, words)
    _write_problems_sheet(workbook, problems, language, words)
    _select_only(workbook, sheet)
    return workbook_bytes(workbook)


def _load_original(table: RawTable, original: bytes | None) -> tuple[Any, Any] | None:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    if table.file_format != "xlsx" or original is None:
        return None
    try:
        workbook = load_workbook(io.BytesIO(original))
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError):
        return None  # the caller still gets the table, rebuilt with the same row numbers
    sheets = workbook.worksheets
    if not sheets:
        return None
    sheet = next((s for s in sheets if s.title == table.sheet), sheets[0])
    return workbook, sheet


def _workbook_from_table(table: RawTable, words: _Words) -> tuple[Any, Any]:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.sheet or words.data_sheet
    write_header(sheet, table.header_row, table.header)
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        write_values(sheet, number, row)
    sheet.freeze_panes = f"A{table.header_row + 1}"
    fit_widths(sheet)
    return workbook, sheet


def _column_index(header: Sequence[str], name: str | None) -> int | None:
    """Spreadsheet column (1-based) of header text ``name``: the first match, or None."""
    if name is None:
        return None
    for candidate in (name, name.strip()):
        if candidate in header:
            return header.index(candidate) + 1
    return None


@dataclass(slots=True)
class _Marks:
    fills: dict[tuple[int, int], Severity]
    notes: dict[tuple[int, int], list[str]]

    def fill(self, cell: tuple[int, int], severity: Severity) -> None:
        if self.fills.get(cell) != "error":
            self.fills[cell] = severity

    def note(self, cell: tuple[int, int], text: str) -> None:
        self.notes.setdefault(cell, []).append(text)


def _collect_marks(
    table: RawTable, problems: Sequence[Problem], language: str, words: _Words
) -> _Marks:
    marks = _Marks({}, {})
    width = max(len(table.header), 1)
    for problem in problems:
        row = problem.row
        if row is None or row < 1:
            continue
        text = f"{words.severity(problem.severity).capitalize()}: {problem.message(language)}"
        column = _column_index(table.header, problem.column)
        if column is None:
            for index in range(1, width + 1):
                marks.fill((row, index), problem.severity)
            marks.note((row, 1), text)
        else:
            marks.fill((row, column), problem.severity)
            marks.note((row, column), text)
    return marks


def _anchor(sheet: Any, row: int, column: int) -> Any:
    """The cell at (row, column), or the top-left cell of the merged range it lies in."""
    from openpyxl.cell.cell import MergedCell

    cell = sheet.cell(row=row, column=column)
    if isinstance(cell, MergedCell):
        for merged in sheet.merged_cells.ranges:
            if cell.coordinate in merged:
                return sheet.cell(row=merged.min_row, column=merged.min_col)
    return cell


def _mark_problems(
    sheet: Any, table: RawTable, problems: Sequence[Problem], language: str, words: _Words
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    marks = _collect_marks(table, problems, language, words)
    fills = {
        "error": PatternFill(fill_type="solid", start_color=ERROR_FILL, end_color=ERROR_FILL),
        "warning": PatternFill(fill_type="solid", start_color=WARNING_FILL, end_color=WARNING_FILL),
    }
    for (row, column), severity in marks.fills.items():
        _anchor(sheet, row, column).fill = fills[severity]
    for (row, column), notes in marks.notes.items():
        cell = _anchor(sheet, row, column)
        text = _clean_text("\n".join(notes))
        if cell.comment is not None and cell.comment.text:
            text = _clean_text(f"{cell.comment.text}\n\n{text}")
        lines = text.count("\n") + 1 + len(text) // 60
        cell.comment = Comment(text, COMMENT_AUTHOR, height=min(40 + 16 * lines, 400), width=320)


def _unique_title(workbook: Any, title: str) -> str:
    taken = {name.casefold() for name in workbook.sheetnames}
    candidate, number = title, 2
    while candidate.casefold() in taken:
        candidate, number = f"{title} ({number})", number + 1
    return candidate


def _write_problems_sheet(
    workbook: Any, problems: Sequence[Problem], language: str, words: _Words
) -> None:
    from openpyxl.styles import PatternFill

    sheet = workbook.create_sheet(_unique_title(workbook, words.problems_sheet))
    write_header(sheet, 1, words.report_header)
    colours = {"error": ERROR_FILL, "warning": WARNING_FILL}
    for row, problem in enumerate(problems, start=2):
        write_values(sheet, row, _problem_values(problem, language, words))
        colour = colours[problem.severity]
        sheet.cell(row=row, column=5).fill = PatternFill(
            fill_type="solid", start_color=colour, end_color=colour
        )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:F{max(len(problems) + 1, 2)}"
    set_widths(sheet, (8, 20, 24, 24, 11, 80))


def _select_only(workbook: Any, sheet: Any) -> None:
    """Open the workbook on ``sheet``, with no other tab selected (no accidental grouping)."""
    workbook.active = sheet
    for worksheet in workbook.worksheets:
        worksheet.sheet_view.tabSelected = worksheet is sheet
