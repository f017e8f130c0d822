"""The plan workbook as a file (issue 19): empty with examples (the template), or filled with a
stored plan (the export), in Danish or English.

Built from :data:`planwatch.domain.plan_workbook.SHEETS`, the same shape the checks read: one
sheet per part of the plan, a help sheet naming every column, and a sheet of codes (indicators,
statuses, source kinds). Cells are written with the uploads' safe writers, so nothing can run as a
formula; amounts and years are numbers, dates are dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from openpyxl import Workbook

from planwatch.domain.plan_workbook import SHEETS, PlanSheet
from planwatch.domain.plans import PlanStatus
from planwatch.domain.upload_specs import ColumnType, UploadColumn
from planwatch.uploads.plan_schemas import PLAN_SOURCE_KINDS
from planwatch.uploads.workbooks import (
    fit_widths,
    in_language,
    set_widths,
    workbook_bytes,
    write_header,
    write_typed,
    write_values,
)

_WORDS: Final = {
    "da": {
        "help": "Vejledning",
        "codes": "Koder",
        "header": ("Ark", "Kolonne", "Påkrævet", "Vejledning"),
        "yes": "Ja",
        "no": "Nej",
        "indicators": "Indikatorer",
        "statuses": "Status",
        "kinds": "Kildetyper",
        "intro": "Udfyld et ark pr. del af planen, og send projektmappen med "
        "'planwatch plans import FIL --reason TEKST'. En anden person godkender den.",
    },
    "en": {
        "help": "Help",
        "codes": "Codes",
        "header": ("Sheet", "Column", "Required", "Help"),
        "yes": "Yes",
        "no": "No",
        "indicators": "Indicators",
        "statuses": "Status",
        "kinds": "Source kinds",
        "intro": "Fill in one sheet per part of the plan and send the workbook with "
        "'planwatch plans import FILE --reason TEXT'. Another person approves it.",
    },
}


def _header(column: UploadColumn, language: str) -> str:
    return column.name_da if language == "da" else column.name


def _cell(column: UploadColumn, value: object) -> object:
    """A value as its column holds it: numbers as numbers, dates as dates, the rest as text."""
    if value is None or value == "":
        return None
    if column.type in (ColumnType.NUMBER, ColumnType.INTEGER):
        number = Decimal(str(value))
        return int(number) if number == number.to_integral_value() else float(number)
    if column.type is ColumnType.DATE:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return str(value)


def _typed(value: object) -> str | None:
    return None if value is None or str(value).strip() == "" else str(value)


def plan_workbook(
    language: str,
    indicators: Sequence[tuple[str, str, str]],
    filled: Mapping[str, Sequence[Mapping[str, Any]]] | None,
    *,
    as_typed: bool = False,
) -> bytes:
    """The workbook: ``filled`` gives each sheet's rows (an export); None writes examples.
    ``as_typed``: every cell is the text a person typed in the app's forms, written as text
    and read by the checks like a cell of a sent workbook ("2,5", "01-01-2026", a typo)."""
    words = in_language(_WORDS, language)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in SHEETS:
        rows = spec.example if filled is None else filled.get(spec.key.value, ())
        sheet = workbook.create_sheet(spec.name(language))
        _write_sheet(sheet, spec, rows, language, as_typed=as_typed)
    _write_help(workbook.create_sheet(str(words["help"])), language, words)
    _write_codes(workbook.create_sheet(str(words["codes"])), indicators, language, words)
    return workbook_bytes(workbook)


def _write_sheet(
    sheet: Any,
    spec: PlanSheet,
    rows: Sequence[Mapping[str, Any]],
    language: str,
    *,
    as_typed: bool = False,
) -> None:
    write_header(sheet, 1, [_header(column, language) for column in spec.columns])
    for offset, row in enumerate(rows, start=2):
        if as_typed:
            write_typed(sheet, offset, [_typed(row.get(column.name)) for column in spec.columns])
            continue
        values = [_cell(column, row.get(column.name)) for column in spec.columns]
        write_values(sheet, offset, values)
        for index, column in enumerate(spec.columns, start=1):
            if column.type is ColumnType.DATE:
                sheet.cell(row=offset, column=index).number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    fit_widths(sheet, minimum=12)


def _write_help(sheet: Any, language: str, words: Mapping[str, Any]) -> None:
    write_values(sheet, 1, [words["intro"]])
    write_header(sheet, 3, words["header"])
    row = 4
    for spec in SHEETS:
        write_values(
            sheet,
            row,
            [spec.name(language), "", "", spec.help_da if language == "da" else spec.help_en],
        )
        row += 1
        for column in spec.columns:
            help_text = column.help_da if language == "da" else column.help_en
            required = words["yes"] if column.required else words["no"]
            write_values(sheet, row, ["", _header(column, language), required, help_text])
            row += 1
    set_widths(sheet, (18, 22, 11, 80))


def _write_codes(
    sheet: Any,
    indicators: Sequence[tuple[str, str, str]],
    language: str,
    words: Mapping[str, Any],
) -> None:
    blocks: list[tuple[str, list[tuple[str, str]]]] = [
        (words["indicators"], [(c, da if language == "da" else en) for c, da, en in indicators]),
        (words["statuses"], [(s.value, "") for s in PlanStatus]),
        (words["kinds"], [(k, "") for k in PLAN_SOURCE_KINDS]),
    ]
    row = 1
    for title, entries in blocks:
        write_header(sheet, row, [title])
        for offset, (code, label) in enumerate(entries, start=1):
            write_values(sheet, row + offset, [code, label])
        row += len(entries) + 2
    set_widths(sheet, (30, 60))
