"""Pure builders: a table (a pandas frame) -> the bytes of a file an auditor takes away.

Formats (issue 6):

* ``csv``: for machines — UTF-8 without BOM, comma, decimal point, ``\\n`` line ends.
* ``csv-da``: for Danish Excel — UTF-8 with BOM, semicolon, decimal comma, ``\\r\\n`` line ends;
  opens correctly by double-click.
* ``xlsx``: one sheet per table after a first sheet that says what the workbook holds; real
  numeric and date cells, a frozen header row, column widths that fit.
* ``parquet``: the types kept (decimals stay decimals, timestamps stay timestamps).

One value per cell; dates and times in ISO 8601 (``2025-03-31``, ``2025-03-31T12:00:00``).
Text that a spreadsheet would run as a formula is neutralised in CSV and XLSX
(:mod:`planwatch.spreadsheet_safety`); numbers stay numbers. Nothing here reads a database or
checks a permission: the export service does that and hands the frames in.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

from planwatch.spreadsheet_safety import neutralise

if TYPE_CHECKING:
    import pandas as pd


class ExportFormat(StrEnum):
    CSV = "csv"
    CSV_DA = "csv-da"
    XLSX = "xlsx"
    PARQUET = "parquet"


def _plain(value: object) -> object:
    """Numpy and pandas scalars as Python values; missing values (None, NaN, NaT, NA) as None."""
    import numpy as np
    import pandas as pd

    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, bool | str | Decimal):
        return value
    if isinstance(value, np.bool_):  # numpy's bool (pandas' nullable boolean columns)
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return None if math.isnan(number) else number
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    return value


def _number_text(value: int | float | Decimal, decimal_mark: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        # Money (two decimals) keeps its øre: 1234567.50. Any other decimal is written with
        # the decimals it needs: a count stored as DECIMAL(18, 3) is 76, not 76.000, which a
        # Danish reader (and planwatch's own upload) would take for seventy-six thousand.
        exponent = value.as_tuple().exponent
        text = format(value if exponent == -2 else value.normalize(), "f")
    else:
        text = repr(float(value))
        if "e" in text or "E" in text:
            text = format(Decimal(text), "f")
        if text.endswith(".0"):
            text = text[:-2]
    return text.replace(".", decimal_mark)


def _cell_text(raw: object, decimal_mark: str) -> str:
    """One CSV cell: empty for a missing value, numbers as numbers, times in ISO 8601."""
    value = _plain(raw)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return _number_text(value, decimal_mark)
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds" if not value.microsecond else "microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(neutralise(str(value)))


def _rows(frame: pd.DataFrame) -> Iterable[Sequence[object]]:
    yield [str(neutralise(str(c))) for c in frame.columns]
    yield from frame.itertuples(index=False, name=None)


def _field(text: str, delimiter: str) -> str:
    """RFC 4180 quoting: a field holding the delimiter, a quote or any line break (``\r`` as
    well as ``\n``, whatever the file's own line ends) is quoted, its quotes doubled."""
    if any(mark in text for mark in (delimiter, '"', "\r", "\n")):
        return '"' + text.replace('"', '""') + '"'
    return text


def _column_fields(values: list[object], delimiter: str, decimal_mark: str) -> list[str]:
    """Each value of one column as its CSV field. A column repeats itself (codes, statuses,
    the moment of an upload), so each distinct value is written once and looked up after:
    a million rows take seconds, not minutes. Values that are equal but written differently
    get different keys (see :func:`_key`)."""
    written: dict[object, str] = {}
    fields: list[str] = []
    for value in values:
        key: object = _key(value)
        try:
            fields.append(written[key])
        except KeyError:
            text = _field(_cell_text(value, decimal_mark), delimiter)
            written[key] = text
            fields.append(text)
        except TypeError:  # an unhashable value: written every time
            fields.append(_field(_cell_text(value, decimal_mark), delimiter))
    return fields


def _key(value: object) -> object:
    """What makes two values the same field: the type (True == 1), a decimal's sign, digits and
    exponent (Decimal("1.50") == Decimal("1.5")), a float's sign (-0.0 == 0.0) and a time's
    zone (equal moments in two zones are written differently)."""
    if isinstance(value, Decimal):
        return (Decimal, value.as_tuple())
    if isinstance(value, float):
        return (float, value, math.copysign(1.0, value))
    if isinstance(value, dt.datetime):
        return (type(value), value, value.tzinfo)
    return (type(value), value)


def _column_values(column: pd.Series) -> list[object]:
    """A column's values as Python objects, an Arrow-backed column read whole (one value at a
    time through pandas costs several times more)."""
    array = column.array
    if hasattr(array, "__arrow_array__"):
        values: list[object] = array.__arrow_array__().to_pylist()
        return values
    return column.tolist()


def _csv(frame: pd.DataFrame, *, delimiter: str, decimal_mark: str, newline: str) -> str:
    header = delimiter.join(_field(str(neutralise(str(c))), delimiter) for c in frame.columns)
    columns = [
        _column_fields(_column_values(frame.iloc[:, index]), delimiter, decimal_mark)
        for index in range(frame.shape[1])
    ]
    lines = [header, *(delimiter.join(row) for row in zip(*columns, strict=True))]
    if not columns:
        lines = [header] + [""] * len(frame)
    return "".join(line + newline for line in lines)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for machines: UTF-8, comma, decimal point."""
    return _csv(frame, delimiter=",", decimal_mark=".", newline="\n").encode("utf-8")


def csv_da_bytes(frame: pd.DataFrame) -> bytes:
    """CSV for Danish Excel: UTF-8 with BOM, semicolon, decimal comma."""
    return _csv(frame, delimiter=";", decimal_mark=",", newline="\r\n").encode("utf-8-sig")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """Parquet with the frame's types (decimals, timestamps, integers with gaps) kept."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def _xlsx_value(raw: object) -> object:
    """A cell value openpyxl writes as a real number or date, or neutralised text."""
    value = _plain(raw)
    if value is None or isinstance(value, bool | int | float | Decimal | dt.date):
        return value
    return neutralise(str(value))


_DATE_FORMAT = "yyyy-mm-dd"
_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def about_sheet(
    workbook: Any, title: str, taken: set[str], lines: Sequence[tuple[str, object]]
) -> None:
    """A workbook's first sheet: (label, value) lines, the labels bold, sized to fit."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    first = workbook.create_sheet(_sheet_title(title, taken))
    _set_widths(
        first,
        [
            [str(neutralise(str(label))) for label, _ in lines],
            [str(_xlsx_value(v)) for _, v in lines if _xlsx_value(v) is not None],
        ],
    )
    for label, value in lines:
        label_cell = WriteOnlyCell(first, value=neutralise(str(label)))
        label_cell.font = Font(bold=True)
        first.append([label_cell, xlsx_cell(first, value)])


def codes_sheet(
    workbook: Any,
    title: str,
    taken: set[str],
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
) -> None:
    """A workbook's last sheet in words: each table's and column's name beside its code (the
    names in the table sheets are for people, the codes for machines and the README's
    queries)."""
    sheet = table_sheet(
        workbook, title, taken, header, [[h, *(r[i] for r in rows)] for i, h in enumerate(header)]
    )
    for row in rows:
        sheet.append([neutralise(str(value)) for value in row])


def table_sheet(
    workbook: Any, name: str, taken: set[str], header: Sequence[str], widths: Any
) -> Any:
    """A new sheet of a table (write-only): its title made unique among ``taken``, its
    columns sized by ``widths`` (:func:`_set_widths`), the bold header row written and
    frozen. The caller appends the rows."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(_sheet_title(name, taken))
    _set_widths(sheet, widths)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for text in header:
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    return sheet


def _sheet_title(name: str, taken: set[str]) -> str:
    clean = "".join("_" if c in "[]:*?/\\" else c for c in name)[:31] or "tabel"
    title, number = clean, 2
    while title.lower() in taken:
        suffix = f" ({number})"
        title, number = clean[: 31 - len(suffix)] + suffix, number + 1
    taken.add(title.lower())
    return title


EXCEL_MAX_ROWS: Final = 1_048_576  # rows in one worksheet, the header row included
WIDTH_SAMPLE: Final = 10_000  # column widths are fitted to the header and the first rows


def xlsx_bytes(
    tables: Mapping[str, pd.DataFrame],
    about: Sequence[tuple[str, object]],
    *,
    about_title: str = "Om filen",
    max_rows: int = EXCEL_MAX_ROWS,
) -> bytes:
    """A workbook: a first sheet of (label, value) lines saying what it holds, for which plan,
    as of when and exported by whom; then one sheet per table.

    Written row by row (openpyxl's write-only mode), so a table of a million rows does not hold
    a million cell objects. A table longer than a worksheet (``max_rows``, header included)
    continues on sheets named ``<table> (2)``, ``<table> (3)``..., each with the header again;
    the first sheet says so."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    per_sheet = max_rows - 1
    lines = list(about)
    for name, frame in tables.items():
        parts = max(1, math.ceil(len(frame) / per_sheet))
        if parts > 1:
            lines.append((f"{name}", f"{len(frame)} rækker / rows on {parts} sheets"))
    about_sheet(workbook, about_title, taken, lines)
    for name, frame in tables.items():
        header = [str(neutralise(str(c))) for c in frame.columns]
        widths = _column_texts(frame, header)
        rows = frame.itertuples(index=False, name=None)
        parts = max(1, math.ceil(len(frame) / per_sheet))
        for _part in range(parts):
            sheet = table_sheet(workbook, name, taken, header, widths)
            for row in itertools.islice(rows, per_sheet):
                sheet.append([xlsx_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_cell(sheet: Any, raw: object) -> object:
    """A plain value, or for dates and times a cell that carries its ISO-like number format."""
    from openpyxl.cell import WriteOnlyCell

    value = _xlsx_value(raw)
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = _TIME_FORMAT if isinstance(value, dt.datetime) else _DATE_FORMAT
        return cell
    return value


def _column_texts(frame: pd.DataFrame, header: list[str]) -> list[list[str]]:
    """Per column, the header and the first rows' cell texts (what the width is fitted to)."""
    sample = frame.head(WIDTH_SAMPLE)
    columns: list[list[str]] = [[text] for text in header]
    for row in sample.itertuples(index=False, name=None):
        for index, raw in enumerate(row):
            value = _xlsx_value(raw)
            if value is not None:
                columns[index].append(str(value))
    return columns


def _set_widths(
    sheet: Any, columns: Sequence[Sequence[str]], minimum: int = 8, maximum: int = 60
) -> None:
    from openpyxl.utils import get_column_letter

    for index, texts in enumerate(columns, start=1):
        longest = max((len(text) for text in texts), default=0)
        width = max(minimum, min(maximum, longest + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
