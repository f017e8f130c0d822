"""Upload templates: the file a sender fills in, as XLSX or CSV, in Danish or English.

Pure builders: inputs in, file bytes out. Everything a person sees follows ``language`` ("da",
the default, or "en"); cells are written with :mod:`planwatch.uploads.workbooks`'s safe writers,
so nothing can run as a formula, and example figures are numbers, never text.

* The CSV template follows the language: Danish is UTF-8 with BOM, ``;`` and decimal comma;
  English is plain UTF-8, ``,`` and decimal point.
* The XLSX template lists codes on a "Koder"/"Codes" sheet. Breakdown vocabularies (sex, age
  group, exploitation) whose column is in the template but which ``codes`` does not give are
  taken from :mod:`planwatch.domain.vocab`; their columns get a dropdown. ``quarter`` only
  accepts a whole number 1-4.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from planwatch.domain.upload_specs import ColumnType, UploadColumn, UploadSpec
from planwatch.domain.vocab import BREAKDOWN_DIMENSIONS
from planwatch.uploads.workbooks import (
    csv_bytes,
    fit_widths,
    in_language,
    safe_value,
    set_widths,
    workbook_bytes,
    write_header,
    write_values,
)

CodeList = Sequence[tuple[str, str, str]]  # (code, label_da, label_en)

_VALIDATED_ROWS: Final = 100_001  # header + ReadLimits.max_rows
_WRAP: Final = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True, slots=True)
class _Words:
    help_sheet: str
    codes_sheet: str
    yes: str
    no: str
    help_header: tuple[str, str, str, str]
    codes_header: tuple[str, str]
    list_error: str
    quarter_error: str
    code_titles: Mapping[str, str]


_WORDS: Final = MappingProxyType(
    {
        "da": _Words(
            help_sheet="Vejledning",
            codes_sheet="Koder",
            yes="Ja",
            no="Nej",
            help_header=("Kolonne", "Påkrævet", "Vejledning", "Accepterede overskrifter"),
            codes_header=("Kode", "Betegnelse"),
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
            yes="Yes",
            no="No",
            help_header=("Column", "Required", "Help", "Accepted headers"),
            codes_header=("Code", "Label"),
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


# --- example values ------------------------------------------------------------------------------


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
    return safe_value(raw) if raw else None


def _example_text(column: UploadColumn, raw: str | None, language: str) -> str:
    """An example value for a CSV field: figures with the language's decimal mark."""
    number = _example_number(column, raw)
    if number is not None:
        text = str(int(number)) if number % 1 == 0 else format(number, "f")
        return text.replace(".", ",") if language == "da" else text
    return str(safe_value(raw)) if raw else ""


# --- templates -----------------------------------------------------------------------------------


def template_xlsx(spec: UploadSpec, codes: Mapping[str, CodeList], language: str = "da") -> bytes:
    """An XLSX template: the upload sheet with examples, a help sheet and a code list sheet."""
    words = in_language(_WORDS, language)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.sheet_name
    _write_template_sheet(sheet, spec, language)
    _write_help_sheet(workbook.create_sheet(words.help_sheet), spec, language, words)
    code_sheet = workbook.create_sheet(words.codes_sheet)
    ranges = _write_codes_sheet(code_sheet, _codes_for(spec, codes), spec, language, words)
    _add_validations(sheet, spec, ranges, language, words)
    return workbook_bytes(workbook)


def _write_template_sheet(sheet: Any, spec: UploadSpec, language: str) -> None:
    write_header(sheet, 1, [_header(column, language) for column in spec.columns])
    for offset, example in enumerate(spec.example, start=2):
        row = [_example_cell(column, example.get(column.name)) for column in spec.columns]
        write_values(sheet, offset, row)
    sheet.freeze_panes = "A2"
    fit_widths(sheet, minimum=12)


def _write_help_sheet(sheet: Any, spec: UploadSpec, language: str, words: _Words) -> None:
    write_header(sheet, 1, words.help_header)
    for row, column in enumerate(spec.columns, start=2):
        help_text = column.help_da if language == "da" else column.help_en
        values = [
            _header(column, language),
            words.yes if column.required else words.no,
            help_text,
            ", ".join(column.headers()),
        ]
        write_values(sheet, row, values)
        sheet.cell(row=row, column=3).alignment = _WRAP
    sheet.freeze_panes = "A2"
    set_widths(sheet, (22, 11, 70, 45))


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
        title_text = safe_value(_code_title(key, spec, language, words))
        title = sheet.cell(row=row, column=1, value=title_text)
        title.font = Font(bold=True, size=13)
        write_header(sheet, row + 1, words.codes_header)
        first = row + 2
        for offset, (code, label_da, label_en) in enumerate(entries):
            label = label_da if language == "da" else label_en
            write_values(sheet, first + offset, [code, label])
        if entries:
            ranges[key] = f"$A${first}:$A${first + len(entries) - 1}"
        row = first + len(entries) + 1
    set_widths(sheet, (30, 60))
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
    in_language(_WORDS, language)
    headers = [safe_value(_header(column, language)) for column in spec.columns]
    rows = [
        [_example_text(column, example.get(column.name), language) for column in spec.columns]
        for example in spec.example
    ]
    delimiter, encoding = (";", "utf-8-sig") if language == "da" else (",", "utf-8")
    return csv_bytes([headers, *rows], delimiter, encoding)
