"""The streamed workbook (issue 17): a million rows within the target time means the rows are
not made into openpyxl cells one at a time, while what a reader sees stays exactly what the
frame builder (``formats.xlsx_bytes``) writes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import duckdb
import pyarrow as pa
import pytest

from planwatch.exports import formats, streams
from tests.exports.test_export_golden import ABOUT, xlsx_dump
from tests.exports.test_export_golden import _frame as awkward_frame


@pytest.fixture
def awkward() -> Iterator[duckdb.DuckDBPyConnection]:
    """The golden frame (every column kind, every awkward value) as a DuckDB table."""
    connection = duckdb.connect()
    table = pa.Table.from_pandas(awkward_frame(), preserve_index=False)
    connection.register("awkward", table.replace_schema_metadata(None))
    try:
        yield connection
    finally:
        connection.close()


def _source(connection: duckdb.DuckDBPyConnection, rows: int, batch: int) -> streams.SheetSource:
    sql, params = "SELECT * FROM awkward LIMIT $rows", {"rows": rows}
    return streams.SheetSource(
        rows, lambda: connection.sql(sql, params=params).to_arrow_reader(batch)
    )


@pytest.mark.parametrize(("max_rows", "batch"), [(formats.EXCEL_MAX_ROWS, 3), (4, 2), (3, 5)])
def test_the_streamed_workbook_of_awkward_values_is_the_frame_builders(
    awkward: duckdb.DuckDBPyConnection, max_rows: int, batch: int
) -> None:
    """Formula text, line breaks (``\\r`` too), leading spaces, empty text, decimals, money,
    large integers, floats, booleans, dates, microseconds, a column of nothing: the same
    cells, types, number formats, bold header, widths, frozen rows and sheet names (also when
    a table continues on more sheets)."""
    frame = awkward_frame()
    whole = formats.xlsx_bytes(
        {"figures": frame, "figures:2025/Q1": frame.head(2)}, ABOUT, max_rows=max_rows
    )
    sink = io.BytesIO()
    written = streams.write_xlsx(
        sink,
        {"figures": _source(awkward, 8, batch), "figures:2025/Q1": _source(awkward, 2, batch)},
        ABOUT,
        max_rows=max_rows,
    )
    assert xlsx_dump(sink.getvalue()) == xlsx_dump(whole)
    assert {name: facts.rows for name, facts in written.items()} == {
        "figures": 8,
        "figures:2025/Q1": 2,
    }


def test_the_rows_of_a_table_are_not_made_cell_by_cell(
    awkward: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl's cell objects cost about 0.4 ms of CPU a row (400 s for a million rows): the
    table's rows are written as sheet XML, only the first sheet's few lines are cells."""
    made: list[object] = []
    real = formats.xlsx_cell

    def counted(sheet: Any, raw: object) -> object:
        made.append(raw)
        return real(sheet, raw)

    monkeypatch.setattr(formats, "xlsx_cell", counted)
    streams.write_xlsx(io.BytesIO(), {"figures": _source(awkward, 8, 3)}, ABOUT)
    assert len(made) <= len(ABOUT), f"{len(made)} cells made for 8 rows of 12 columns"
