"""Files we hand to people: upload templates, problem reports and annotated workbooks.

Pure builders: inputs in, file bytes out; nothing is read from or written to disk. Everything a
person sees in these files follows ``language`` ("da", the default, or "en"), and every piece
of text goes through :func:`planwatch.spreadsheet_safety.neutralise` on its way into a cell, so
nothing we write can run as a formula. Figures are written as numbers, never as text.

Decisions worth knowing:

* The problem report CSV is UTF-8 *with* BOM and ``;``-separated in both languages, so that it
  opens correctly by double-click in Danish Excel, which is what the ministry uses; only the
  header texts, severities and messages change with the language.
* The CSV template follows the language: Danish is UTF-8 with BOM, ``;`` and decimal comma;
  English is plain UTF-8, ``,`` and decimal point.
* The XLSX template lists codes on a "Koder"/"Codes" sheet. Breakdown vocabularies (sex, age
  group, exploitation) whose column is in the template but which ``codes`` does not give are
  taken from :mod:`planwatch.domain.vocab`; their columns get a dropdown. ``quarter`` only
  accepts a whole number 1-4.
* :func:`annotated_workbook` assumes column *i* of ``table.header`` (0-based) is spreadsheet
  column *i + 1* of the original sheet, i.e. that the table starts in column A. Files whose
  table starts further right would get their marks shifted; readers do not report an offset.
* Text control characters that XLSX cannot hold are replaced by U+FFFD, and text is cut at
  Excel's 32,767 characters per cell.
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
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, Final, Literal

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from planwatch.domain.uploads import ColumnType, UploadColumn, UploadSpec
from planwatch.domain.vocab import BREAKDOWN_DIMENSIONS
from planwatch.errors import Problem, UsageError
from planwatch.readers import RawTable
from planwatch.spreadsheet_safety import neutralise

CodeList = Sequence[tuple[str, str, str]]  # (code, label_da, label_en)
Severity = Literal["error", "warning"]

ERROR_FILL: Final = "FFC7CE"  # Excel's "bad" red
WARNING_FILL: Final = "FFEB9C"  # Excel's "neutral" amber
COMMENT_AUTHOR: Final = "planwatch"

_MAX_CELL_TEXT: Final = 32_767
_VALIDATED_ROWS: Final = 100_001  # header + ReadLimits.max_rows
_NOT_IN_XML: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # as openpyxl refuses them
_BOLD: Final = Font(bold=True)
_WRAP: Final = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True, slots=True)
class _Words:
    help_sheet: str
    codes_sheet: str
    problems_sheet: str
    data_sheet: str
    yes: str
    no: str
    help_header: tuple[str, str, str, str]
    codes_header: tuple[str, str]
    report_header: tuple[str, str, str, str, str, str]
    error: str
    warning: str
    list_error: str
    quarter_error: str
    code_titles: Mapping[str, str]

    def severity(self, severity: Severity) -> str:
        return self.error if severity == "error" else self.warning


_WORDS: Final = MappingProxyType(
    {
        "da": _Words(
            help_sheet="Vejledning",
            codes_sheet="Koder",
            problems_sheet="Fejl",
            data_sheet="Data",
            yes="Ja",
            no="Nej",
            help_header=("Kolonne", "Påkrævet", "Vejledning", "Accepterede overskrifter"),
            codes_header=("Kode", "Betegnelse"),
            report_header=("række", "kolonne", "værdi", "kode", "alvor", "besked"),
            error="fejl",
            warning="advarsel",
            list_error="Vælg en kode fra listen på arket Koder, eller lad feltet stå tomt.",
            quarter_error="Kvartal skal være et helt tal fra 1 til 4.",
            code_titles=MappingProxyType(
                {
                    "indicator": "Indikatorer",
                    "initiative": "Indsatser",
                    "sex": "Køn",
                    "age_group": "Aldersgrupper",
                    "exploitation": "Udnyttelsesformer",
                }
            ),
        ),
        "en": _Words(
            help_sheet="Help",
            codes_sheet="Codes",
            problems_sheet="Problems",
            data_sheet="Data",
            yes="Yes",
            no="No",
            help_header=("Column", "Required", "Help", "Accepted headers"),
            codes_header=("Code", "Label"),
            report_header=("row", "column", "value", "code", "severity", "message"),
            error="error",
            warning="warning",
            list_error="Choose a code from the list on the Codes sheet, or leave the cell blank.",
            quarter_error="Quarter must be a whole number from 1 to 4.",
            code_titles=MappingProxyType(
                {
                    "indicator": "Indicators",
                    "initiative": "Initiatives",
                    "sex": "Sex",
                    "age_group": "Age groups",
                    "exploitation": "Forms of exploitation",
                }
            ),
        ),
    }
)


def _words(language: str) -> _Words:
    try:
        return _WORDS[language]
    except KeyError:
        raise UsageError(
            f"Ukendt sprog {language!r}; brug 'da' eller 'en'.",
            f"Unknown language {language!r}; use 'da' or 'en'.",
        ) from None


# --- cell values -------------------------------------------------------------------------------


def _clean_text(text: str) -> str:
    """Text XLSX can hold: no control characters, at most one cell's worth."""
    return _NOT_IN_XML.sub("\ufffd", text)[: _MAX_CELL_TEXT - 1]


def _safe(value: object) -> object:
    """A value ready for a cell: text cleaned and neutralised, numbers and dates as they are."""
    if isinstance(value, str):
        return neutralise(_clean_text(value))
    if isinstance(value, dt.datetime | dt.time) and value.tzinfo is not None:
        return value.isoformat()  # Excel has no time zones; keep the moment readable
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _header(column: UploadColumn, language: str) -> str:
    return column.name_da if language == "da" else column.name


def _parse_number(text: str) -> Decimal | None:
    """An example figure: ``27``, ``1250000.50``, ``1.250.000,50``; None if not a number."""
    cleaned = text.strip().replace(" ", "")
    if "," in cleaned or cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _example_number(column: UploadColumn, raw: str | None) -> Decimal | None:
    if raw is None or column.type not in (ColumnType.INTEGER, ColumnType.NUMBER):
        return None
    return _parse_number(raw)


def _example_cell(column: UploadColumn, raw: str | None) -> object:
    """An example value for an XLSX cell: figures as numbers, text as safe text."""
    number = _example_number(column, raw)
    if number is not None:
        return int(number) if number == number.to_integral_value() else float(number)
    return _safe(raw) if raw else None


def _example_text(column: UploadColumn, raw: str | None, language: str) -> str:
    """An example value for a CSV field: figures with the language's decimal mark."""
    number = _example_number(column, raw)
    if number is not None:
        text = str(int(number)) if number % 1 == 0 else format(number, "f")
        return text.replace(".", ",") if language == "da" else text
    return str(_safe(raw)) if raw else ""


# --- shared writers ------------------------------------------------------------------------------


def _to_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_bytes(rows: Iterable[Sequence[object]], delimiter: str, encoding: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def _write_header(sheet: Any, row: int, texts: Sequence[str]) -> None:
    for index, text in enumerate(texts, start=1):
        cell = sheet.cell(row=row, column=index, value=_safe(text))
        cell.font = _BOLD


def _write_values(sheet: Any, row: int, values: Sequence[object]) -> None:
    for index, value in enumerate(values, start=1):
        safe = _safe(value)
        if safe is not None and safe != "":
            sheet.cell(row=row, column=index, value=safe)


def _set_widths(sheet: Any, widths: Sequence[float]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _fit_widths(sheet: Any, minimum: int = 8, maximum: int = 60) -> None:
    """Column widths from the longest text in each column, within bounds."""
    longest: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and not isinstance(cell, MergedCell):
                length = max(len(line) for line in str(cell.value).splitlines() or [""])
                longest[cell.column] = max(longest.get(cell.column, 0), length)
    for column, length in longest.items():
        width = min(max(length + 2, minimum), maximum)
        sheet.column_dimensions[get_column_letter(column)].width = width


def _problem_values(problem: Problem, language: str, words: _Words) -> list[object]:
    return [
        problem.row,
        _safe(problem.column),
        _safe(problem.value),
        _safe(problem.code),
        words.severity(problem.severity),
        _safe(problem.message(language)),
    ]


# --- templates -----------------------------------------------------------------------------------


def template_xlsx(spec: UploadSpec, codes: Mapping[str, CodeList], language: str = "da") -> bytes:
    """An XLSX template: the upload sheet with examples, a help sheet and a code list sheet."""
    words = _words(language)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.sheet_name
    _write_template_sheet(sheet, spec, language)
    _write_help_sheet(workbook.create_sheet(words.help_sheet), spec, language, words)
    code_sheet = workbook.create_sheet(words.codes_sheet)
    ranges = _write_codes_sheet(code_sheet, _codes_for(spec, codes), spec, language, words)
    _add_validations(sheet, spec, ranges, language, words)
    return _to_bytes(workbook)


def _write_template_sheet(sheet: Any, spec: UploadSpec, language: str) -> None:
    _write_header(sheet, 1, [_header(column, language) for column in spec.columns])
    for offset, example in enumerate(spec.example, start=2):
        row = [_example_cell(column, example.get(column.name)) for column in spec.columns]
        _write_values(sheet, offset, row)
    sheet.freeze_panes = "A2"
    _fit_widths(sheet, minimum=12)


def _write_help_sheet(sheet: Any, spec: UploadSpec, language: str, words: _Words) -> None:
    _write_header(sheet, 1, words.help_header)
    for row, column in enumerate(spec.columns, start=2):
        help_text = column.help_da if language == "da" else column.help_en
        values = [
            _header(column, language),
            words.yes if column.required else words.no,
            help_text,
            ", ".join(column.headers()),
        ]
        _write_values(sheet, row, values)
        sheet.cell(row=row, column=3).alignment = _WRAP
    sheet.freeze_panes = "A2"
    _set_widths(sheet, (22, 11, 70, 45))


def _codes_for(spec: UploadSpec, codes: Mapping[str, CodeList]) -> dict[str, CodeList]:
    """The given code lists, plus the breakdown vocabularies the template's columns use."""
    result = dict(codes)
    names = {column.name for column in spec.columns}
    for dimension, vocabulary in BREAKDOWN_DIMENSIONS.items():
        if dimension in names and dimension not in result:
            result[dimension] = [(t.code, t.label_da, t.label_en) for t in vocabulary.values()]
    return result


def _code_title(key: str, spec: UploadSpec, language: str, words: _Words) -> str:
    if key in words.code_titles:
        return words.code_titles[key]
    column = next((c for c in spec.columns if c.name == key), None)
    return _header(column, language) if column is not None else key


def _write_codes_sheet(
    sheet: Any, codes: Mapping[str, CodeList], spec: UploadSpec, language: str, words: _Words
) -> dict[str, str]:
    """One block per code list; returns the absolute range of each non-empty list's codes."""
    ranges: dict[str, str] = {}
    row = 1
    for key, entries in codes.items():
        title = sheet.cell(row=row, column=1, value=_safe(_code_title(key, spec, language, words)))
        title.font = Font(bold=True, size=13)
        _write_header(sheet, row + 1, words.codes_header)
        first = row + 2
        for offset, (code, label_da, label_en) in enumerate(entries):
            label = label_da if language == "da" else label_en
            _write_values(sheet, first + offset, [code, label])
        if entries:
            ranges[key] = f"$A${first}:$A${first + len(entries) - 1}"
        row = first + len(entries) + 1
    _set_widths(sheet, (30, 60))
    return ranges


def _add_validations(
    sheet: Any, spec: UploadSpec, ranges: Mapping[str, str], language: str, words: _Words
) -> None:
    """Dropdowns for breakdown columns and a 1-4 rule for quarter, on the template's rows."""
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        target = f"{letter}2:{letter}{_VALIDATED_ROWS}"
        if column.name in BREAKDOWN_DIMENSIONS and column.name in ranges:
            source = f"{quote_sheetname(words.codes_sheet)}!{ranges[column.name]}"
            rule = DataValidation(type="list", formula1=source, allow_blank=True)
            rule.error = words.list_error
        elif column.name == "quarter":
            rule = DataValidation(
                type="whole", operator="between", formula1="1", formula2="4", allow_blank=True
            )
            rule.error = words.quarter_error
        else:
            continue
        rule.showErrorMessage = True
        rule.errorTitle = _header(column, language)
        sheet.add_data_validation(rule)
        rule.add(target)


def template_csv(spec: UploadSpec, language: str = "da") -> bytes:
    """A CSV template with examples.

    Danish: UTF-8 with BOM, ``;`` and decimal comma, so it opens right in Danish Excel.
    English: UTF-8 without BOM, ``,`` and decimal point.
    """
    _words(language)
    headers = [_safe(_header(column, language)) for column in spec.columns]
    rows = [
        [_example_text(column, example.get(column.name), language) for column in spec.columns]
        for example in spec.example
    ]
    delimiter, encoding = (";", "utf-8-sig") if language == "da" else (",", "utf-8")
    return _csv_bytes([headers, *rows], delimiter, encoding)


# --- problem reports -----------------------------------------------------------------------------


def report_csv(problems: Sequence[Problem], language: str = "da") -> bytes:
    """One line per problem, in the given order.

    Always UTF-8 with BOM and ``;`` (in English too) so it opens by double-click in Danish Excel.
    """
    words = _words(language)
    rows = [words.report_header, *(_problem_values(p, language, words) for p in problems)]
    return _csv_bytes(rows, ";", "utf-8-sig")


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
    words = _words(language)
    loaded = _load_original(table, original)
    workbook, sheet = loaded if loaded is not None else _workbook_from_table(table, words)
    _mark_problems(sheet, table, problems, language, words)
    _write_problems_sheet(workbook, problems, language, words)
    _select_only(workbook, sheet)
    return _to_bytes(workbook)


def _load_original(table: RawTable, original: bytes | None) -> tuple[Any, Any] | None:
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
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.sheet or words.data_sheet
    _write_header(sheet, table.header_row, table.header)
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        _write_values(sheet, number, row)
    sheet.freeze_panes = f"A{table.header_row + 1}"
    _fit_widths(sheet)
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
    cell = sheet.cell(row=row, column=column)
    if isinstance(cell, MergedCell):
        for merged in sheet.merged_cells.ranges:
            if cell.coordinate in merged:
                return sheet.cell(row=merged.min_row, column=merged.min_col)
    return cell


def _mark_problems(
    sheet: Any, table: RawTable, problems: Sequence[Problem], language: str, words: _Words
) -> None:
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
    sheet = workbook.create_sheet(_unique_title(workbook, words.problems_sheet))
    _write_header(sheet, 1, words.report_header)
    colours = {"error": ERROR_FILL, "warning": WARNING_FILL}
    for row, problem in enumerate(problems, start=2):
        _write_values(sheet, row, _problem_values(problem, language, words))
        colour = colours[problem.severity]
        sheet.cell(row=row, column=5).fill = PatternFill(
            fill_type="solid", start_color=colour, end_color=colour
        )
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:F{max(len(problems) + 1, 2)}"
    _set_widths(sheet, (8, 20, 24, 24, 11, 80))


def _select_only(workbook: Any, sheet: Any) -> None:
    """Open the workbook on ``sheet``, with no other tab selected (no accidental grouping)."""
    workbook.active = sheet
    for worksheet in workbook.worksheets:
        worksheet.sheet_view.tabSelected = worksheet is sheet
