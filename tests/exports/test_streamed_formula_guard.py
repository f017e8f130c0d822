"""The formula guard DuckDB applies to every text cell of a streamed CSV
(:mod:`planwatch.storage.export_stream`) is :func:`planwatch.spreadsheet_safety.neutralise`:
the same cells get the single quote, the same are left alone (issue 18's plain negative
numbers included), in both CSV dialects."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.exports import formats
from planwatch.spreadsheet_safety import DANGEROUS_PREFIXES
from planwatch.storage import export_stream
from tests.kernel.test_spreadsheet_safety import INJECTIONS, PLAIN_NUMBERS

DIALECTS = {"csv": (",", ".", "\n"), "csv-da": (";", ",", "\r\n")}
BUILDERS = {"csv": formats.csv_bytes, "csv-da": formats.csv_da_bytes}


@pytest.fixture(scope="module")
def connection() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


def _duckdb_lines(
    connection: duckdb.DuckDBPyConnection, texts: list[str | None], dialect: str
) -> str:
    connection.register("cells", pa.table({"note": pa.array(texts, pa.string())}))
    try:
        sql = "SELECT * FROM cells"
        columns = export_stream.query_columns(connection, sql, {})
        delimiter, decimal_mark, newline = DIALECTS[dialect]
        _names, batches = export_stream.query_csv_lines(
            connection, sql, {}, columns, delimiter=delimiter, decimal_mark=decimal_mark,
            newline=newline,
        )  # fmt: skip
        return "".join("".join(lines.to_pylist()) for lines, _marked in batches)
    finally:
        connection.unregister("cells")


def _python_lines(texts: list[str | None], dialect: str) -> str:
    frame = pd.DataFrame({"note": pd.array(texts, dtype=pd.ArrowDtype(pa.string()))})
    whole = BUILDERS[dialect](frame).decode("utf-8-sig")
    return whole.split(DIALECTS[dialect][2], 1)[1]  # without the header


ORDINARY = ["Kvinder", "", " =1", "1-2", "a=b", "'=already quoted", "-", "-,5", "3"]
# Digits a spreadsheet does not read as a number: quoted by both (ASCII 0-9 only).
OTHER_DIGITS = ["-٣", "-３", "-१२"]


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_duckdb_quotes_exactly_the_cells_the_python_guard_quotes(
    connection: duckdb.DuckDBPyConnection, dialect: str
) -> None:
    texts: list[str | None] = [*INJECTIONS, *PLAIN_NUMBERS, *ORDINARY, *OTHER_DIGITS, None]
    texts += [mark + rest for mark in DANGEROUS_PREFIXES for rest in ("1", "3,5", "A1", "")]
    assert _duckdb_lines(connection, texts, dialect) == _python_lines(texts, dialect)


@pytest.mark.parametrize("dialect", sorted(DIALECTS))
def test_a_plain_negative_number_in_a_text_cell_is_written_as_it_is(
    connection: duckdb.DuckDBPyConnection, dialect: str
) -> None:
    """Issue 18's rule held in SQL too: before, the streamed CSV wrote '-3 where the frame
    builder (and the problem report) wrote -3."""
    delimiter, _mark, newline = DIALECTS[dialect]
    lines = _duckdb_lines(connection, ["-3", "-1.234,5", "-A1", "-٣"], dialect)
    assert lines.split(newline)[:4] == [
        "-3",
        "-1.234,5" if delimiter == ";" else '"-1.234,5"',
        "'-A1",
        "'-٣",
    ]


_CELL = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00")),
    st.builds(
        lambda mark, body: mark + body,
        st.sampled_from([*DANGEROUS_PREFIXES, "'", " "]),
        st.text(alphabet='0123456789.,-+=@;"\r\n\tA٣ '),
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), _CELL), min_size=1, max_size=8),
    st.sampled_from(["csv", "csv-da"]),
)
def test_any_text_is_written_by_duckdb_as_the_python_guard_and_builder_write_it(
    connection: duckdb.DuckDBPyConnection, texts: list[str | None], dialect: str
) -> None:
    assert _duckdb_lines(connection, texts, dialect) == _python_lines(texts, dialect)
