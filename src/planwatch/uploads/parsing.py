"""From a raw table to typed columns: headers in Danish or English, numbers as Danes write them.

Everything here is vectorised over whole columns, so that a file with a million rows is parsed
in bounded time; a Problem object is made only for the first few failures of each kind (the
rest are counted).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd
import pandera.pandas as pa

from planwatch.domain.upload_specs import UploadKind, UploadSpec, normalise_header
from planwatch.domain.vocab import ALL, BREAKDOWN_DIMENSIONS
from planwatch.errors import Problem
from planwatch.uploads import schemas
from planwatch.uploads.problems import ProblemSink, Wording, problem
from planwatch.uploads.raw_tables import RawTable

MINUS_SIGNS: Final = "\u2212\u2013"  # the minus sign and the en dash Word and Excel sometimes write
_SPACES: Final = re.compile(r"[\s\u00a0\u202f']")
# Danish: 1.234.567,89 or 1.234 (a dot followed by groups of exactly three digits is thousands).
_DANISH_THOUSANDS: Final = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
# English: 1,234,567.89 (only with a decimal point; a lone comma is a Danish decimal comma).
_ENGLISH_THOUSANDS: Final = re.compile(r"^[+-]?\d{1,3}(,\d{3})+\.\d+$")
_DECIMAL_COMMA: Final = re.compile(r"^[+-]?\d+,\d+$")
_PLAIN: Final = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@dataclass(frozen=True, slots=True)
class MappedTable:
    """Raw cells under canonical column names, with what the user wrote kept beside them."""

    frame: pd.DataFrame  # canonical column -> raw cell (object); plus "_row" = spreadsheet row
    written: dict[str, str]  # canonical column -> header as written in the file


def map_headers(table: RawTable, spec: UploadSpec, sink: ProblemSink) -> MappedTable | None:
    """Match the file's headers to the kind's columns (English or Danish, any case, spaces)."""
    accepted = {normalise_header(h): c.name for c in spec.columns for h in c.headers()}
    mapping: dict[int, str] = {}
    written: dict[str, str] = {}
    for index, header in enumerate(table.header):
        canonical = accepted.get(normalise_header(header)) if header else None
        if canonical is None:
            if not header and all(row[index] is None for row in table.rows):
                continue
            sink.add(_header_problem("unknown-column", header, table.header_row, spec))
        elif canonical in written:
            sink.add(_header_problem("duplicate-column", header, table.header_row, spec))
        else:
            mapping[index] = canonical
            written[canonical] = header
    for name in spec.required:
        if name not in written:
            column = spec.column(name)
            sink.add(
                problem(
                    "missing-column",
                    row=table.header_row,
                    column=None,
                    name=column.name,
                    name_da=column.name_da,
                    kind=Wording(spec.title_da.lower(), spec.title_en.lower()),
                )
            )
    if sink.has_errors():
        return None
    columns = {name: [row[i] for row in table.rows] for i, name in mapping.items()}
    frame = pd.DataFrame(columns, dtype=object)
    for column in spec.columns:
        if column.name not in frame.columns:
            frame[column.name] = pd.Series([None] * len(table.rows), dtype=object)
    frame["_row"] = np.asarray(table.row_numbers, dtype=np.int64)
    return MappedTable(frame, written)


def _header_problem(code: str, header: str, row: int, spec: UploadSpec) -> Problem:
    if code == "duplicate-column":
        return problem(code, row=row, column=header, value=header)
    if not header:
        return problem("unknown-column/no-header", row=row, column=header)
    names = Wording(
        ", ".join(c.name_da for c in spec.columns), ", ".join(c.name for c in spec.columns)
    )
    return problem(code, row=row, column=header, value=header, allowed=names)


_BLANK, _BOOL, _NUMBER, _TEXT, _OTHER = range(5)
WHOLE_LIMIT: Final = 2.0**53  # the largest whole number a float holds exactly


def _cell_kinds(cells: list[object]) -> np.ndarray:
    """One pass over the cells: blank, bool, number, text or something else."""

    def kind(cell: object) -> int:
        if cell is None:
            return _BLANK
        if isinstance(cell, bool):
            return _BOOL
        if isinstance(cell, int | float):
            return _BLANK if cell != cell else _NUMBER  # NaN is a blank cell
        if isinstance(cell, str):
            return _TEXT if cell.strip() else _BLANK
        return _OTHER

    return np.fromiter((kind(c) for c in cells), dtype=np.int8, count=len(cells))


def _only_text(cells: list[object]) -> bool:
    """True when every cell is text or None (every CSV): such cells can be worked on once per
    distinct value, since equal texts are equal cells (unlike 1, 1.0 and True)."""
    return set(map(type, cells)) <= {str, type(None)}


def _codes_of(cells: list[object]) -> tuple[np.ndarray, list[str]]:
    """The distinct texts of text-or-None cells and, per cell, the position of its text among
    them (-1 for None)."""
    codes, uniques = pd.factorize(np.asarray(cells, dtype=object), use_na_sentinel=True)
    return codes, [str(u) for u in uniques]


def _per_distinct(
    cells: list[object], work: Callable[[str], object], blank: object
) -> list[object]:
    """``work`` applied once per distinct text of text-or-None cells; ``blank`` for None."""
    codes, uniques = _codes_of(cells)
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:-1] = [work(text) for text in uniques]
    results[-1] = blank
    return list(results[codes])


def _parse_text_number(text: str) -> float | None:
    """One text cell as a number, the way Danes and others write them; None if it is not one."""
    cleaned = _SPACES.sub("", text)
    for sign in MINUS_SIGNS:
        cleaned = cleaned.replace(sign, "-")
    if _DANISH_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _ENGLISH_THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    elif _DECIMAL_COMMA.match(cleaned):
        cleaned = cleaned.replace(",", ".")
    elif not _PLAIN.match(cleaned):
        return None
    number = float(cleaned)
    return number if math.isfinite(number) else None


def parse_numbers(series: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse a column of cells into floats. Returns (values, bad) where ``bad`` marks cells that
    hold something that is not a number (blank cells are neither a value nor bad).

    Numeric cells (from Excel) are taken as they are. Text accepts ``1234``, ``1234.5``,
    ``1234,5``, ``1.234,5``, ``1.234`` (= 1234), ``1,234.5``, spaces or apostrophes as thousands
    separators, and the minus sign. Each distinct text is parsed once.
    """
    cells = series.tolist()
    if _only_text(cells):
        return _parse_texts(series, cells)
    kinds = _cell_kinds(cells)
    values = np.full(len(cells), np.nan)
    numbers = np.flatnonzero(kinds == _NUMBER)
    values[numbers] = np.asarray([cells[i] for i in numbers], dtype=np.float64)
    texts = np.flatnonzero(kinds == _TEXT)
    parsed: dict[str, float | None] = {}
    for i in texts:
        text = str(cells[i])
        if text not in parsed:
            parsed[text] = _parse_text_number(text)
        number = parsed[text]
        if number is not None:
            values[i] = number
    bad = (kinds == _BOOL) | (kinds == _OTHER) | ((kinds == _TEXT) & np.isnan(values))
    bad |= np.isinf(values)
    values[bad] = np.nan
    return (
        pd.Series(values, index=series.index, dtype="float64"),
        pd.Series(bad, index=series.index, dtype=bool),
    )


def _parse_texts(series: pd.Series, cells: list[object]) -> tuple[pd.Series, pd.Series]:
    """``parse_numbers`` for cells that are all text or None, once per distinct text."""
    codes, uniques = _codes_of(cells)
    kinds = np.empty(len(uniques) + 1, dtype=np.int8)
    values = np.full(len(uniques) + 1, np.nan)
    for position, text in enumerate(uniques):
        if not text.strip():
            kinds[position] = _BLANK
            continue
        kinds[position] = _TEXT
        number = _parse_text_number(text)
        if number is not None:
            values[position] = number
    kinds[-1] = _BLANK  # None
    cell_kinds, cell_values = kinds[codes], values[codes]
    bad = ((cell_kinds == _TEXT) & np.isnan(cell_values)) | np.isinf(cell_values)
    cell_values[bad] = np.nan
    return (
        pd.Series(cell_values, index=series.index, dtype="float64"),
        pd.Series(bad, index=series.index, dtype=bool),
    )


# -- typing: raw cells -> typed columns ----------------------------------------------------------


@dataclass(slots=True)
class Parsed:
    """The typed rows of an upload, beside the raw cells they came from."""

    spec: UploadSpec
    mapped: MappedTable
    frame: pd.DataFrame  # typed; index 0..n-1; "_row" = spreadsheet row

    def written(self, column: str) -> str:
        """The header of a column as the user wrote it."""
        return self.mapped.written.get(column, column)


def _lookup(rows: list[dict[str, Any]]) -> dict[str, str]:
    """Code, Danish name and English name -> code (compared like headers)."""
    table: dict[str, str] = {}
    for row in rows:
        for text in (row["code"], row["name_da"], row["name_en"]):
            table.setdefault(normalise_header(str(text)), row["code"])
    return table


def _vocabulary_lookup(dimension: str) -> dict[str, str]:
    table = {}
    for code, term in BREAKDOWN_DIMENSIONS[dimension].items():
        for text in (code, term.label_da, term.label_en, *term.synonyms):
            table[normalise_header(text)] = code
    return table


def _stripped(series: pd.Series) -> pd.Series:
    """Every cell as stripped text, None for blank; always object dtype."""
    cells = series.tolist()
    if _only_text(cells):
        stripped = _per_distinct(cells, lambda text: text.strip() or None, None)
        return pd.Series(stripped, index=series.index, dtype=object)
    texts = [
        (str(v).strip() or None) if v is not None and v == v else None for v in series.tolist()
    ]
    return pd.Series(texts, index=series.index, dtype=object)


def _resolved(texts: pd.Series, lookup: dict[str, str], keep_unknown: bool) -> pd.Series:
    """Each distinct text resolved once through ``lookup`` (compared like headers)."""
    cells = texts.tolist()
    if _only_text(cells):
        resolved = _per_distinct(
            cells,
            lambda text: lookup.get(normalise_header(text), text if keep_unknown else None),
            None,
        )
        return pd.Series(resolved, index=texts.index, dtype=object)
    table: dict[str, str | None] = {}
    result: list[str | None] = []
    for text in texts.tolist():
        if text is None:
            result.append(None)
            continue
        if text not in table:
            table[text] = lookup.get(normalise_header(text), text if keep_unknown else None)
        result.append(table[text])
    return pd.Series(result, index=texts.index, dtype=object)


class _Typer:
    """Turns one raw column at a time into typed values, reporting what does not fit."""

    def __init__(self, mapped: MappedTable, sink: ProblemSink) -> None:
        self.mapped = mapped
        self.raw = mapped.frame
        self.sink = sink
        self._texts: dict[str, pd.Series] = {}

    def stripped(self, column: str) -> pd.Series:
        """The column's cells as stripped text (None for blank), worked out once."""
        if column not in self._texts:
            self._texts[column] = _stripped(self.raw[column])
        return self._texts[column]

    def report(self, mask: pd.Series, column: str, code: str) -> None:
        if not mask.any():
            return
        written = self.mapped.written.get(column, column)
        rows = self.raw.loc[mask, "_row"]
        cells = self.raw.loc[mask, column]

        def generate() -> Iterator[Problem]:
            for row, cell in zip(rows, cells, strict=True):
                yield problem(code, row=int(row), column=written, value=cell)

        self.sink.add_many(generate(), int(mask.sum()), code)

    def blank(self, column: str) -> pd.Series:
        return self.stripped(column).isna()

    def number(self, column: str, *, required: bool, whole: bool = False) -> pd.Series:
        values, bad = parse_numbers(self.raw[column])
        self.report(bad, column, "not-a-number")
        if required:
            self.report(self.blank(column) & ~bad, column, "missing-value")
        if not whole:
            return values.astype("Float64")
        fractional = values.notna() & (values.round(0) != values)
        self.report(fractional, column, "not-a-whole-number")
        values[fractional] = np.nan
        # Beyond what any year or quarter can be, keep the sign and let the model's range checks
        # report it (a 20-digit year is "too late", not an overflow into a negative number).
        values = values.clip(lower=-WHOLE_LIMIT, upper=WHOLE_LIMIT)
        return values.astype("Float64").round(0).astype("Int64")

    def code(self, column: str, lookup: dict[str, str], unknown: str) -> pd.Series:
        text = self.stripped(column)
        resolved = _resolved(text, lookup, keep_unknown=False)
        self.report(text.isna(), column, "missing-value")
        self.report(text.notna() & resolved.isna(), column, unknown)
        return resolved

    def breakdown(self, column: str) -> pd.Series:
        """Blank = the total; a code or a Danish/English label = its code; anything else is
        kept as written for the model's vocabulary check to report."""
        lookup = _vocabulary_lookup(column)
        texts = self.stripped(column)
        codes = _per_distinct(texts.tolist(), lambda v: lookup.get(normalise_header(v), v), ALL)
        return pd.Series(codes, index=texts.index, dtype=object)

    def text(self, column: str) -> pd.Series:
        return self.stripped(column).copy()


Typer = _Typer  # the plan workbook (plan_workbook.py) types its sheets' cells with it too


def type_frame(
    mapped: MappedTable, spec: UploadSpec, known: dict[str, list[dict[str, Any]]], sink: ProblemSink
) -> Parsed:
    """Typed columns for every row; cells that cannot be typed are reported and left null."""
    typer = _Typer(mapped, sink)
    frame = pd.DataFrame({"_row": mapped.frame["_row"].to_numpy()})
    frame["year"] = typer.number("year", required=True, whole=True).array
    if spec.kind is UploadKind.KPI:
        units = {row["code"]: row["unit"] for row in known["indicators"]}
        frame["indicator"] = typer.code(
            "indicator", _lookup(known["indicators"]), "unknown-indicator"
        ).array
        frame["unit"] = frame["indicator"].map(units.get, na_action="ignore").astype(object)
        frame["quarter"] = typer.number("quarter", required=True, whole=True).array
        frame["value"] = typer.number("value", required=True).array
        for dimension in BREAKDOWN_DIMENSIONS:
            frame[dimension] = typer.breakdown(dimension).array
    else:
        frame["initiative"] = typer.code(
            "initiative", _lookup(known["initiatives"]), "unknown-initiative"
        ).array
        frame["amount_dkk"] = typer.number("amount_dkk", required=True).array
        if spec.kind is UploadKind.SPENDING:
            frame["quarter"] = typer.number("quarter", required=True, whole=True).array
        else:
            frame["initiative_name"] = typer.text("initiative_name").array
            frame["action_area"] = typer.text("action_area").array
    frame["note"] = typer.text("note").array
    for column in frame.columns:
        if frame[column].dtype == "str":  # pandas 3 infers text columns; blanks became NaN
            texts = frame[column].astype(object)
            frame[column] = texts.where(texts.notna(), None)  # the models check codes, not dtypes
    return Parsed(spec, mapped, frame)


MODELS: Final[dict[UploadKind, type[pa.DataFrameModel]]] = {
    UploadKind.KPI: schemas.KpiUpload,
    UploadKind.SPENDING: schemas.SpendingUpload,
    UploadKind.ALLOCATIONS: schemas.AllocationsUpload,
}


def apply_model(parsed: Parsed, sink: ProblemSink) -> None:
    """The kind's pandera model: every failure becomes a Problem at the user's cell, unless
    that cell was already reported when it was typed."""
    failures = schemas.upload_failures(MODELS[parsed.spec.kind], parsed.frame)
    rows = parsed.frame["_row"].to_numpy()
    raw = parsed.mapped.frame
    for (check, column), group in failures.groupby(["check", "column"], sort=False):
        positions = group["position"].to_numpy()
        name = str(column)
        cells = raw[name].to_numpy()[positions] if name in raw.columns else [None] * len(positions)
        terms = BREAKDOWN_DIMENSIONS.get(name, {}).values()
        allowed = ", ".join(f"{term.code} ({term.label_da} / {term.label_en})" for term in terms)
        found = _failures(
            str(check), parsed.written(name), rows[positions], cells, allowed, sink.reported_cells
        )
        sink.add_many(found, len(positions), str(check))


def _failures(
    code: str,
    column: str,
    rows: Iterable[int],
    cells: Iterable[object],
    allowed: str,
    reported: set[tuple[int, str]],
) -> Iterator[Problem]:
    """Problems for one rule's failing cells, made only as far as they are consumed."""
    for row, cell in zip(rows, cells, strict=True):
        if (int(row), column) not in reported:
            yield problem(code, row=int(row), column=column, value=cell, allowed=allowed)
