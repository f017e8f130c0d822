"""The export tables (:data:`planwatch.storage.export_tables.QUERIES`) streamed in batches, never
the whole table in memory (issue 17).

Two shapes, both read from one DuckDB result batch by batch:

* :func:`arrow_batches`: Arrow record batches of the table with its breakdown label columns
  (for Parquet and XLSX);
* :func:`csv_lines`: each row already written as one CSV line by DuckDB, exactly as
  :func:`planwatch.exports.formats.csv_bytes` writes it (numbers, times, booleans, formula
  neutralising, RFC 4180 quoting), so that a million rows are not formatted one cell at a time
  in Python. Only the column types the export tables hold are written here
  (:data:`CSV_TYPES`); a table with any other type is refused (:class:`UnsupportedColumns`) and
  the caller formats it in Python instead.

The breakdown labels (``breakdown_da`` / ``breakdown_en``) are the export package's rule; it
hands them in as :class:`Labels` (codes and texts are bound as parameters).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, TypeAlias

from planwatch.spreadsheet_safety import DANGEROUS_PREFIXES, PLAIN_NUMBER_PATTERN
from planwatch.storage import export_tables

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

    Connection: TypeAlias = duckdb.DuckDBPyConnection  # for the packages that hand one on

BATCH_ROWS: Final = 65_536
# CSV lines read in larger parts than Arrow batches: each part's statement (the line of every
# column) takes DuckDB about 60 ms to plan, and a part's lines hold less than its Arrow columns
# (at a million rows of history, parts of 50,000 kept the process near 300 MB).
CSV_PART_ROWS: Final = 50_000
DANGEROUS: Final = DANGEROUS_PREFIXES


@dataclass(frozen=True, slots=True)
class Labels:
    """Breakdown label columns: after column ``after``, one column per language, the labels of
    each dimension's codes joined by ``", "`` (codes not listed are left out), ``totals`` when
    no code has a label, empty when any dimension's code is missing."""

    after: str
    dimensions: Mapping[str, Mapping[str, tuple[str, str]]]  # column -> code -> (da, en)
    totals: tuple[str, str]
    names: tuple[str, str] = ("breakdown_da", "breakdown_en")


class UnsupportedColumns(Exception):
    """A column whose type :func:`csv_lines` does not write (the caller falls back)."""


class _Params:
    """Named parameters for one statement: each value bound, never spliced."""

    def __init__(self, base: Mapping[str, object]) -> None:
        self.values: dict[str, object] = dict(base)

    def bind(self, value: object) -> str:
        name = f"p{len(self.values)}"
        self.values[name] = value
        return "$" + name


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _base(name: str, as_of: dt.datetime, plan_id: str | None) -> tuple[str, dict[str, object]]:
    return export_tables.query(name, as_of, plan_id)


def query_columns(
    connection: duckdb.DuckDBPyConnection, sql: str, params: Mapping[str, object]
) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column of the query, without running it."""
    relation = connection.sql(f"SELECT * FROM ({sql}) LIMIT 0", params=dict(params))  # noqa: S608
    return [(n, str(t)) for n, t in zip(relation.columns, relation.types, strict=True)]


def _label_sql(labels: Labels, language: int, params: _Params) -> str:
    parts = []
    for column, codes in labels.dimensions.items():
        cases = " ".join(
            f"WHEN {params.bind(code)} THEN {params.bind(texts[language])}"
            for code, texts in codes.items()
        )
        parts.append(f"CASE q.{_quoted(column)} {cases} END" if cases else "NULL::VARCHAR")
    missing = " OR ".join(f"q.{_quoted(c)} IS NULL" for c in labels.dimensions)
    joined = f"concat_ws(', ', {', '.join(parts)})"
    any_label = " OR ".join(f"({part}) IS NOT NULL" for part in parts) or "false"
    return (
        f"CASE WHEN {missing} THEN NULL::VARCHAR WHEN {any_label} THEN {joined} "
        f"ELSE {params.bind(labels.totals[language])} END"
    )


def labelled(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    *,
    as_of: dt.datetime,
    plan_id: str | None,
    labels: Labels | None,
) -> tuple[str, dict[str, object], list[tuple[str, str]]]:
    """The table's SQL with the label columns (when it has every dimension), its parameters
    and its columns (name, DuckDB type)."""
    sql, base = _base(name, as_of, plan_id)
    return _with_labels(connection, sql, base, labels)


def labelled_parts(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    *,
    as_of: dt.datetime,
    plan_id: str | None,
    labels: Labels | None,
    part_rows: int | None = None,
) -> tuple[list[tuple[str, dict[str, object]]], list[tuple[str, str]]]:
    """:func:`labelled` in the parts of about ``part_rows`` rows the table is read in, one after
    the other (:func:`planwatch.storage.export_tables.query_parts`: DuckDB sorts each part
    alone, so it never holds the whole table), and the table's columns."""
    sql, params, columns = labelled(connection, name, as_of=as_of, plan_id=plan_id, labels=labels)
    parts = export_tables.query_parts(connection, name, as_of, plan_id, rows=part_rows)
    if len(parts) == 1:
        return [(sql, params)], columns
    return [
        _with_labels(connection, part, part_params, labels)[:2] for part, part_params in parts
    ], columns


def _with_labels(
    connection: duckdb.DuckDBPyConnection,
    sql: str,
    base: dict[str, object],
    labels: Labels | None,
) -> tuple[str, dict[str, object], list[tuple[str, str]]]:
    columns = query_columns(connection, sql, base)
    names = [n for n, _t in columns]
    if labels is None or not set(labels.dimensions) <= set(names):
        return sql, base, columns
    params = _Params(base)
    position = names.index(labels.after) + 1
    extra = [
        (f"{_label_sql(labels, language, params)} AS {_quoted(labels.names[language])}")
        for language in (0, 1)
    ]
    select = [f"q.{_quoted(n)}" for n in names]
    select[position:position] = extra
    wrapped = f"SELECT {', '.join(select)} FROM ({sql}) q"  # noqa: S608 - quoted names only
    columns[position:position] = [(labels.names[0], "VARCHAR"), (labels.names[1], "VARCHAR")]
    return wrapped, params.values, columns


def table_counts(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    *,
    as_of: dt.datetime,
    plan_id: str | None,
    illustrative: tuple[str, ...] = (),
) -> tuple[int, int, str | None]:
    """The table's rows, the rows that are illustrative (the first of the columns
    ``illustrative`` names that the table has is ``'illustrative'`` or true) and that column."""
    sql, params = _base(name, as_of, plan_id)
    kinds = dict(query_columns(connection, sql, params))
    found = next((column for column in illustrative if column in kinds), None)
    marked = "0"
    if found is not None:
        marked = f"count(*) FILTER (WHERE {_marked_sql(found, kinds[found])} = 1)"
    rows = marks = 0
    for part, part_params in export_tables.query_parts(connection, name, as_of, plan_id):
        row = connection.execute(
            f"SELECT count(*), {marked} FROM ({part}) q",  # noqa: S608 - quoted names only
            part_params,
        ).fetchall()[0]
        rows, marks = rows + int(row[0]), marks + int(row[1])
    return rows, marks, found


def _marked_sql(column: str, kind: str) -> str:
    """1 for an illustrative row: a source kind ``'illustrative'`` or a true flag."""
    test = f"q.{_quoted(column)}"
    mark = "true" if kind == "BOOLEAN" else "'illustrative'"
    return f"CASE WHEN {test} IS NOT DISTINCT FROM {mark} THEN 1 ELSE 0 END"


def arrow_batches(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    *,
    as_of: dt.datetime,
    plan_id: str | None,
    labels: Labels | None,
    rows: int = BATCH_ROWS,
) -> pa.RecordBatchReader:
    """The table (with its label columns) as Arrow record batches of up to ``rows`` rows, read
    part after part (:func:`labelled_parts`; a batch ends where a part ends)."""
    import pyarrow as pa

    parts, _columns = labelled_parts(connection, name, as_of=as_of, plan_id=plan_id, labels=labels)
    (sql, params), rest = parts[0], parts[1:]
    reader: pa.RecordBatchReader = connection.sql(sql, params=params).to_arrow_reader(rows)
    if not rest:
        return reader

    def batches() -> Iterator[pa.RecordBatch]:
        yield from reader
        for part, part_params in rest:  # the next part's query once the last is read
            yield from connection.sql(part, params=part_params).to_arrow_reader(rows)

    return pa.RecordBatchReader.from_batches(reader.schema, batches())


# -- CSV lines written by DuckDB -----------------------------------------------------------------

CSV_TYPES: Final = frozenset(
    {"VARCHAR", "BOOLEAN", "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "DATE", "TIMESTAMP"}
)


def _literal(text: str) -> str:
    """A one-character SQL string literal (the marks above: constants of this module)."""
    if text == "\t":
        return "chr(9)"
    if text == "\r":
        return "chr(13)"
    if text == "\n":
        return "chr(10)"
    return "'" + text.replace("'", "''") + "'"


def _constant_text(text: str) -> str:
    """An SQL string literal of a constant of the kernel (never a user's text)."""
    return "'" + text.replace("'", "''") + "'"


def _field_sql(column: str, kind: str, delimiter: str, decimal_mark: str) -> str:
    """One column's CSV field, '' for NULL, as ``formats._cell_text`` + ``formats._field``."""
    value = f"q.{_quoted(column)}"
    if kind in {"NULL", '"NULL"'}:  # a column of nothing but missing values
        return "''"
    if kind == "VARCHAR":
        field = _text_field_inline(value, delimiter)
    elif kind == "BOOLEAN":
        field = f"CASE WHEN {value} THEN 'true' WHEN NOT {value} THEN 'false' END"
    elif kind in {"TINYINT", "SMALLINT", "INTEGER", "BIGINT"}:
        field = f"CAST({value} AS VARCHAR)"
    elif kind == "DATE":
        field = f"strftime({value}, '%Y-%m-%d')"
    elif kind == "TIMESTAMP":
        field = (
            f"CASE WHEN epoch_us({value}) % 1000000 = 0 "
            f"THEN strftime({value}, '%Y-%m-%dT%H:%M:%S') "
            f"ELSE strftime({value}, '%Y-%m-%dT%H:%M:%S.%f') END"
        )
    elif kind.startswith("DECIMAL(") and kind.endswith(")"):
        scale = int(kind[len("DECIMAL(") : -1].split(",")[1])
        text = f"CAST({value} AS VARCHAR)"
        if scale not in (0, 2):
            # Decimal.normalize(): the trailing zeros and a bare decimal point go (76.000 -> 76)
            text = f"rtrim(rtrim({text}, '0'), '.')"
        field = text if decimal_mark == "." else f"replace({text}, '.', {_literal(decimal_mark)})"
    else:
        raise UnsupportedColumns(f"{column}: {kind}")
    return f"coalesce({field}, '')"


def _text_field_inline(value: str, delimiter: str) -> str:
    """Text neutralised (a leading = + - @ tab or CR gets a single quote unless the text is a
    plain negative number, as :func:`planwatch.spreadsheet_safety.neutralise`) and quoted when
    it holds the delimiter, a quote or a line break (RFC 4180, quotes doubled), as
    ``formats._field``."""
    risky = " OR ".join(f"prefix({value}, {_literal(mark)})" for mark in DANGEROUS)
    plain = f"regexp_full_match({value}, {_constant_text(PLAIN_NUMBER_PATTERN)})"
    safe = f"CASE WHEN ({risky}) AND NOT {plain} THEN '''' || {value} ELSE {value} END"
    marks = " OR ".join(
        f"contains({value}, {_literal(mark)})"
        for mark in dict.fromkeys((delimiter, '"', "\r", "\n"))
    )
    return f"CASE WHEN {marks} THEN '\"' || replace({safe}, '\"', '\"\"') || '\"' ELSE {safe} END"


def csv_lines(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    *,
    as_of: dt.datetime,
    plan_id: str | None,
    labels: Labels | None,
    delimiter: str,
    decimal_mark: str,
    newline: str,
    illustrative: tuple[str, ...] = (),
    rows: int = BATCH_ROWS,
) -> tuple[list[str], Iterator[tuple[pa.StringArray, int]]]:
    """The table's column names, and its rows as CSV lines (each ending in ``newline``) in
    batches, with the rows of the batch that are illustrative (the first of the columns
    ``illustrative`` names that the table has is ``'illustrative'`` or true; 0 without one).
    Raises :class:`UnsupportedColumns` before reading a row if a column has a type not in
    :data:`CSV_TYPES` or a DECIMAL."""
    parts, columns = labelled_parts(
        connection, name, as_of=as_of, plan_id=plan_id, labels=labels, part_rows=CSV_PART_ROWS
    )
    return _parts_csv_lines(
        connection, parts, columns, delimiter=delimiter, decimal_mark=decimal_mark,
        newline=newline, illustrative=illustrative, rows=rows,
    )  # fmt: skip


def query_csv_lines(
    connection: duckdb.DuckDBPyConnection,
    sql: str,
    params: Mapping[str, object],
    columns: list[tuple[str, str]],
    *,
    delimiter: str,
    decimal_mark: str,
    newline: str,
    illustrative: tuple[str, ...] = (),
    rows: int = BATCH_ROWS,
) -> tuple[list[str], Iterator[tuple[pa.StringArray, int]]]:
    """:func:`csv_lines` of a query (trusted SQL of this package; ``columns`` its names and
    types, as :func:`query_columns` gives them)."""
    return _parts_csv_lines(
        connection, [(sql, dict(params))], columns, delimiter=delimiter,
        decimal_mark=decimal_mark, newline=newline, illustrative=illustrative, rows=rows,
    )  # fmt: skip


def _parts_csv_lines(
    connection: duckdb.DuckDBPyConnection,
    parts: list[tuple[str, dict[str, object]]],
    columns: list[tuple[str, str]],
    *,
    delimiter: str,
    decimal_mark: str,
    newline: str,
    illustrative: tuple[str, ...],
    rows: int,
) -> tuple[list[str], Iterator[tuple[pa.StringArray, int]]]:
    """:func:`query_csv_lines` of queries read one after the other (the parts of one table)."""
    fields = [_field_sql(n, kind, delimiter, decimal_mark) for n, kind in columns]
    names = [n for n, _kind in columns]
    line = f" || {_literal(delimiter)} || ".join(fields) if fields else "''"
    end = " || ".join(_literal(mark) for mark in newline)
    marked = "0"
    found = [column for column in illustrative if column in names]
    if found:
        marked = _marked_sql(found[0], dict(columns)[found[0]])
    select = f"SELECT {line} || {end} AS line, {marked} AS marked FROM "  # noqa: S608
    statements = [(select + f"({sql}) q", params) for sql, params in parts]
    return names, _line_batches(connection, statements, rows)


def _line_batches(
    connection: duckdb.DuckDBPyConnection,
    statements: list[tuple[str, dict[str, object]]],
    rows: int,
) -> Iterator[tuple[pa.StringArray, int]]:
    """Each statement's lines, the next statement run once the last is read."""
    import pyarrow.compute as pc

    for statement, params in statements:
        for batch in connection.sql(statement, params=params).to_arrow_reader(rows):
            marked = pc.sum(batch.column(1)).as_py() or 0
            yield batch.column(0), int(marked)


# -- DuckDB's memory while an export reads -------------------------------------------------------

# The export tables are sorted (and ``history`` windowed) whole before their first row comes
# out; left alone, DuckDB holds a million rows of that in memory (700 MB and more). With a limit
# it spills the sort to its temporary folder (``<database>.tmp``, removed when done) instead.
EXPORT_MEMORY_LIMIT: Final = "200MB"
EXPORT_THREADS: Final = 1


# Exports of one database file under way in this process, and its settings before the first.
_BOUNDED: dict[str, tuple[int, tuple[str, str]]] = {}
_BOUNDED_GUARD = threading.Lock()


@contextmanager
def bounded_memory(
    connection: duckdb.DuckDBPyConnection,
    *,
    memory_limit: str = EXPORT_MEMORY_LIMIT,
    threads: int = EXPORT_THREADS,
) -> Iterator[None]:
    """DuckDB's memory limit and threads set for an export, and set back as they were after.

    Both are settings of the open database, not of one connection: other readers of the same
    file in this process share them while the export runs (their queries spill too). Two
    exports of one file at once: the settings go back when the last one ends."""
    if not re.fullmatch(r"[0-9]+(\.[0-9]+)?\s*[KMGT]i?B", memory_limit):
        raise ValueError(f"not a memory size: {memory_limit!r}")
    key = _database_key(connection)
    with _BOUNDED_GUARD:
        running, before = _BOUNDED.get(key, (0, ("", "")))
        if running == 0:
            before = _settings(connection)
        _BOUNDED[key] = (running + 1, before)
        connection.execute(f"SET memory_limit = '{memory_limit}'")
        connection.execute(f"SET threads = {int(threads)}")
    try:
        yield
    finally:
        with _BOUNDED_GUARD:
            running, before = _BOUNDED.pop(key)
            if running > 1:
                _BOUNDED[key] = (running - 1, before)
            else:
                _restore(connection, before)


def _database_key(connection: duckdb.DuckDBPyConnection) -> str:
    """The open database's file (an in-memory one: this connection's own)."""
    row = connection.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    path = None if row is None else row[0]
    return str(path) if path else f"memory:{id(connection)}"


def _restore(connection: duckdb.DuckDBPyConnection, before: tuple[str, str]) -> None:
    connection.execute("RESET memory_limit")
    connection.execute("RESET threads")
    now = _settings(connection)
    if now[0] != before[0]:  # it had been set: back to what it was (as DuckDB shows it)
        connection.execute(f"SET memory_limit = '{before[0]}'")
    if now[1] != before[1]:
        connection.execute(f"SET threads = {int(before[1])}")


def _settings(connection: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    row = connection.execute(
        "SELECT current_setting('memory_limit'), CAST(current_setting('threads') AS VARCHAR)"
    ).fetchone()
    assert row is not None  # noqa: S101 - a constant query returns one row
    return str(row[0]), str(row[1])
