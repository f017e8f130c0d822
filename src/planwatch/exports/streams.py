"""Exports written as they are read (issue 17): batch by batch from DuckDB into the file, never
the whole table in memory, with the same bytes as the frame builders of :mod:`formats`.

* CSV and Danish CSV: DuckDB writes each row as one CSV line
  (:func:`planwatch.storage.export_stream.csv_lines`); the lines go to the file as they come. A
  table with a column type DuckDB does not write that way is formatted in Python batch by
  batch instead (the frame builder on each batch).
* Parquet: row groups of :data:`PARQUET_GROUP_ROWS` rows of one
  ``pyarrow.parquet.ParquetWriter``, with the schema (and pandas metadata)
  :func:`formats.parquet_bytes` gives the whole frame. A table of more rows than one group has
  several row groups; the rows, types and schema are the same.
* XLSX: the table sheets written as sheet XML batch by batch (:mod:`.xlsx_stream`), openpyxl
  writing the rest of the workbook around them.

Each writer takes an open binary file (a file on disk, a ZIP member, a buffer) and a
``progress`` callback called with the rows written so far after each batch.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Protocol

from planwatch.domain.vocab import BREAKDOWN_DIMENSIONS
from planwatch.exports import formats, naming
from planwatch.spreadsheet_safety import neutralise
from planwatch.storage import export_stream

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from planwatch.exports import xlsx_stream
    from planwatch.storage.export_stream import Connection

RowsDone = Callable[[int], None]  # rows of the table written so far
# A workbook's batch becomes Python values and cell elements: smaller batches hold fewer of them
# at once (4,096 rows: 22 MB less at the peak of a million rows than 16,384, the same CPU).
XLSX_BATCH_ROWS: Final = 4_096
# A Parquet row group is held whole (its batches, and the writer's encoded pages) until it is
# written: at a million rows of history, groups of 65,536 rows peaked at 405 MB, of 32,768 at
# 366-381 MB and of 16,384 at 324-336 MB, in the same time and a file no larger
# (benchmarks/exports.py --repeats 3, round 35).
PARQUET_GROUP_ROWS: Final = 16_384
ILLUSTRATIVE: Final = ("source_kind", "illustrative")  # the columns that mark demo figures

LABELS: Final = export_stream.Labels(
    after="exploitation",
    dimensions={
        dimension: {code: (term.label_da, term.label_en) for code, term in vocabulary.items()}
        for dimension, vocabulary in BREAKDOWN_DIMENSIONS.items()
    },
    totals=("I alt", "Total"),
)


@dataclass(frozen=True, slots=True)
class Written:
    """What one table's file holds: its rows and the rows of invented demo figures."""

    rows: int
    illustrative: int


class Sink(Protocol):
    """Where a file is written: an open binary file, a ZIP member, a buffer."""

    def write(self, data: bytes | memoryview, /) -> int: ...


class HashingWriter:
    """A binary sink that counts and hashes (SHA-256) what passes through it."""

    def __init__(self, sink: Any) -> None:
        self.sink = sink
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self.digest.update(data)
        self.size += len(data)
        self.sink.write(data)
        return len(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        self.sink.flush()

    @property
    def closed(self) -> bool:
        return False

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def _illustrative_column(names: Sequence[str]) -> str | None:
    return next((column for column in ILLUSTRATIVE if column in names), None)


def _frame(batch: pa.RecordBatch) -> pd.DataFrame:
    import pandas as pd

    frame: pd.DataFrame = batch.to_pandas(types_mapper=pd.ArrowDtype)
    return frame


# -- CSV --------------------------------------------------------------------------------------


def write_csv(
    connection: Connection,
    name: str,
    sink: Sink,
    *,
    danish: bool,
    as_of: dt.datetime,
    plan_id: str | None,
    progress: RowsDone | None = None,
    batch_rows: int | None = None,
    language: str | None = None,
) -> Written:
    """One table as CSV (``danish``: UTF-8 with BOM, semicolon, decimal comma, CRLF), the bytes
    of ``formats.csv_bytes`` / ``csv_da_bytes`` of the table's frame; with ``language``, the
    header row names the columns in it (:mod:`.naming`), else by their codes."""
    delimiter, decimal_mark, newline = (";", ",", "\r\n") if danish else (",", ".", "\n")
    try:
        columns, batches = export_stream.csv_lines(
            connection,
            name,
            as_of=as_of,
            plan_id=plan_id,
            labels=LABELS,
            delimiter=delimiter,
            decimal_mark=decimal_mark,
            newline=newline,
            illustrative=ILLUSTRATIVE,
            rows=batch_rows or export_stream.BATCH_ROWS,
        )
    except export_stream.UnsupportedColumns:
        return _write_csv_in_python(
            connection, name, sink, danish=danish, as_of=as_of, plan_id=plan_id,
            progress=progress, batch_rows=batch_rows or export_stream.BATCH_ROWS,
            language=language,
        )  # fmt: skip
    if danish:
        sink.write("\ufeff".encode())
    header = delimiter.join(
        formats._field(str(neutralise(n)), delimiter)
        for n in naming.header(name, columns, language)
    )
    sink.write((header + newline).encode("utf-8"))
    rows = illustrative = 0
    for lines, marked in batches:
        sink.write(_string_data(lines))
        rows += len(lines)
        illustrative += marked
        if progress is not None:
            progress(rows)
    return Written(rows, illustrative)


def _string_data(lines: pa.Array) -> memoryview | bytes:
    """The characters of a string array without a null: its data buffer between the first and
    the last offset (the lines one after another), not one Python string per line."""
    import pyarrow as pa

    if len(lines) == 0:
        return b""
    _validity, offsets, data = lines.buffers()
    if pa.types.is_large_string(lines.type):
        view = memoryview(offsets).cast("q")
    elif pa.types.is_string(lines.type):
        view = memoryview(offsets).cast("i")
    else:
        return "".join(lines.to_pylist()).encode("utf-8")
    start, end = view[lines.offset], view[lines.offset + len(lines)]
    return memoryview(data)[start:end]


def _write_csv_in_python(
    connection: Connection,
    name: str,
    sink: Sink,
    *,
    danish: bool,
    as_of: dt.datetime,
    plan_id: str | None,
    progress: RowsDone | None,
    batch_rows: int,
    language: str | None = None,
) -> Written:
    """The frame builder on each batch: the header once, then each batch's lines."""
    build = formats.csv_da_bytes if danish else formats.csv_bytes
    rows = illustrative = 0
    reader = export_stream.arrow_batches(
        connection,
        name,
        as_of=as_of,
        plan_id=plan_id,
        labels=LABELS,
        rows=batch_rows or export_stream.BATCH_ROWS,
    )
    first = True
    for batch in _batches_or_empty(reader):
        data = build(naming.localised(_frame(batch), name, language))
        if not first:  # the header (and the BOM) only once
            data = data[_header_end(data, danish) :]
        sink.write(data)
        first = False
        rows += batch.num_rows
        illustrative += _marked(batch)
        if progress is not None:
            progress(rows)
    return Written(rows, illustrative)


def _header_end(data: bytes, danish: bool) -> int:
    """Where the first line ends: the header never holds a line break unquoted, and column
    names come from the queries (no quotes or breaks in them)."""
    newline = b"\r\n" if danish else b"\n"
    return data.index(newline) + len(newline)


def _batches_or_empty(reader: pa.RecordBatchReader) -> Iterator[pa.RecordBatch]:
    """The reader's batches; one empty batch (for the header) when it has none."""
    import pyarrow as pa

    empty = True
    for batch in reader:
        empty = False
        yield batch
    if empty:
        yield pa.RecordBatch.from_pylist([], schema=reader.schema)


def _marked(batch: pa.RecordBatch) -> int:
    import pyarrow.compute as pc

    names = batch.schema.names
    column = _illustrative_column(names)
    if column is None:
        return 0
    values = batch.column(names.index(column))
    if column == "source_kind":
        found = pc.sum(pc.equal(values, "illustrative")).as_py()
    else:
        found = pc.sum(pc.fill_null(values.cast("bool"), False)).as_py()
    return int(found or 0)


# -- Parquet ----------------------------------------------------------------------------------


def write_parquet(
    connection: Connection,
    name: str,
    sink: Sink,
    *,
    as_of: dt.datetime,
    plan_id: str | None,
    progress: RowsDone | None = None,
    batch_rows: int | None = None,
) -> Written:
    """One table as Parquet in row groups of ``batch_rows`` (:data:`PARQUET_GROUP_ROWS`) rows,
    the schema of ``formats.parquet_bytes``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    reader = export_stream.arrow_batches(
        connection,
        name,
        as_of=as_of,
        plan_id=plan_id,
        labels=LABELS,
        rows=batch_rows or PARQUET_GROUP_ROWS,
    )
    rows = illustrative = 0
    writer: pq.ParquetWriter | None = None
    schema: pa.Schema | None = None
    group_rows = batch_rows or PARQUET_GROUP_ROWS
    try:
        for group in _row_groups(_batches_or_empty(reader), group_rows):
            if schema is None:  # the frame builder's schema: from pandas, with its metadata
                schema = pa.Table.from_pandas(
                    _frame(group[0].slice(0, 0)), preserve_index=False
                ).schema
                writer = pq.ParquetWriter(sink, schema)
            table = pa.Table.from_batches(group).cast(schema)
            assert writer is not None  # noqa: S101 - made with the schema
            writer.write_table(table, row_group_size=group_rows)
            rows += table.num_rows
            illustrative += sum(_marked(batch) for batch in group)
            if progress is not None:
                progress(rows)
    finally:
        if writer is not None:
            writer.close()
    return Written(rows, illustrative)


def _row_groups(batches: Iterator[pa.RecordBatch], rows: int) -> Iterator[list[pa.RecordBatch]]:
    """The batches' rows as row groups of ``rows`` rows (the last fewer; one empty group for a
    table without rows): the table is read in parts, and a batch ends where a part ends, but
    the file's row groups do not. A group is the batches' slices, not a copy of them."""
    held: list[pa.RecordBatch] = []
    count = 0
    empty: pa.RecordBatch | None = None  # the first batch, for a table without rows
    written = False
    for whole in batches:
        if empty is None:
            empty = whole.slice(0, 0)
        batch = whole
        while batch.num_rows:
            take = min(rows - count, batch.num_rows)
            held.append(batch.slice(0, take))
            count += take
            batch = batch.slice(take)
            if count == rows:
                yield held
                held, count, written = [], 0, True
    if held:
        yield held
    elif not written and empty is not None:
        yield [empty]


# -- XLSX -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SheetSource:
    """A table for the workbook: its rows (counted first: the first sheet names a table that
    continues on more sheets) and a way to read its batches."""

    rows: int
    batches: Callable[[], pa.RecordBatchReader]


def table_source(
    connection: Connection,
    name: str,
    *,
    rows: int,
    as_of: dt.datetime,
    plan_id: str | None,
    batch_rows: int | None = None,
) -> SheetSource:
    """A table for :func:`write_xlsx` of ``rows`` rows (counted beforehand)."""
    return SheetSource(
        rows,
        lambda: export_stream.arrow_batches(
            connection,
            name,
            as_of=as_of,
            plan_id=plan_id,
            labels=LABELS,
            rows=batch_rows or min(XLSX_BATCH_ROWS, export_stream.BATCH_ROWS),
        ),
    )


def counts(
    connection: Connection, name: str, *, as_of: dt.datetime, plan_id: str | None
) -> tuple[int, int, str | None]:
    """The table's rows, its illustrative rows and the column that marks them."""
    return export_stream.table_counts(
        connection, name, as_of=as_of, plan_id=plan_id, illustrative=ILLUSTRATIVE
    )


def write_table(
    connection: Connection,
    name: str,
    file_format: formats.ExportFormat,
    sink: Sink,
    *,
    as_of: dt.datetime,
    plan_id: str | None,
    progress: RowsDone | None = None,
    language: str | None = None,
) -> Written:
    """One table's file in CSV, Danish CSV or Parquet; ``language`` names the Danish CSV's
    columns (the formats for machines keep the codes)."""
    if file_format is formats.ExportFormat.PARQUET:
        return write_parquet(
            connection, name, sink, as_of=as_of, plan_id=plan_id, progress=progress
        )
    if file_format is formats.ExportFormat.XLSX:
        raise ValueError("a workbook holds every table: write_xlsx")
    danish = file_format is formats.ExportFormat.CSV_DA
    return write_csv(
        connection, name, sink, danish=danish, as_of=as_of, plan_id=plan_id, progress=progress,
        language=language if danish else None,
    )  # fmt: skip


def write_xlsx(
    sink: Sink,
    tables: Mapping[str, SheetSource],
    about: Sequence[tuple[str, object]],
    *,
    about_title: str = "Om filen",
    max_rows: int = formats.EXCEL_MAX_ROWS,
    progress: Callable[[str, int], None] | None = None,
    language: str | None = None,
) -> dict[str, Written]:
    """The workbook of ``formats.xlsx_bytes``, the tables read batch by batch as they are
    written: the same sheets, cells, widths (fitted to the header and the first
    ``formats.WIDTH_SAMPLE`` rows) and frozen header rows. The table sheets are written as
    sheet XML (:mod:`planwatch.exports.xlsx_stream`), not cell by cell through openpyxl.

    With ``language`` the sheets and header rows name tables and columns in it, and a last
    sheet pairs each name with its code (:mod:`.naming`); without, they carry the codes."""
    from planwatch.exports import xlsx_stream

    book = xlsx_stream.Workbook(sink)
    per_sheet = max_rows - 1
    lines = list(about)
    for name, source in tables.items():
        parts = max(1, math.ceil(source.rows / per_sheet))
        if parts > 1:
            title = naming.table_name(name, language) if language else name
            lines.append((title, _rows_on_sheets(source.rows, parts, language)))
    try:
        written = _xlsx_tables(book, tables, about_title, lines, per_sheet, progress, language)
    except BaseException:
        book.abandon()
        raise
    book.close()
    return written


def _xlsx_tables(
    book: xlsx_stream.Workbook,
    tables: Mapping[str, SheetSource],
    about_title: str,
    lines: list[tuple[str, object]],
    per_sheet: int,
    progress: Callable[[str, int], None] | None,
    language: str | None = None,
) -> dict[str, Written]:
    from planwatch.exports import xlsx_stream

    taken: set[str] = set()
    formats.about_sheet(book.book, about_title, taken, lines)
    written: dict[str, Written] = {}
    columns_of: dict[str, list[str]] = {}
    for name, source in tables.items():
        reader = source.batches()
        columns_of[name] = list(reader.schema.names)
        title = naming.table_name(name, language) if language else name
        named = naming.header(name, reader.schema.names, language)
        header = [str(neutralise(str(c))) for c in named]
        batches, sample = _batches_with_sample(reader)
        widths = _sample_widths(header, sample)
        done = illustrative = on_sheet = 0
        sheet, finish = book.sheet(formats._sheet_title(title, taken), header, widths)
        for batch in batches:
            illustrative += _marked(batch)
            columns = xlsx_stream.batch_columns(book.cells, batch)
            start = 0
            while start < batch.num_rows:
                if on_sheet == per_sheet:  # the table continues on another sheet
                    finish()
                    sheet, finish = book.sheet(formats._sheet_title(title, taken), header, widths)
                    on_sheet = 0
                count = min(batch.num_rows - start, per_sheet - on_sheet)
                sheet.rows([column[start : start + count] for column in columns], count)
                start += count
                on_sheet += count
                done += count
            if progress is not None:
                progress(name, done)
        finish()
        written[name] = Written(done, illustrative)
        if progress is not None:
            progress(name, done)
    if language is not None:
        formats.codes_sheet(
            book.book,
            naming.CODES_SHEET[language],
            taken,
            naming.CODES_HEADER[language],
            naming.code_rows(columns_of, language),
        )
    return written


def _rows_on_sheets(rows: int, parts: int, language: str | None) -> str:
    if language == "en":
        return f"{rows} rows on {parts} sheets"
    if language == "da":
        return f"{rows} rækker på {parts} ark"
    return f"{rows} rækker / rows on {parts} sheets"


def _python_rows(batch: pa.RecordBatch) -> list[tuple[Any, ...]]:
    """A batch's rows as tuples of Python values (a column read whole from Arrow)."""
    columns = [column.to_pylist() for column in batch.columns]
    if not columns:
        return [() for _ in range(batch.num_rows)]
    return list(zip(*columns, strict=True))


def _batches_with_sample(
    reader: pa.RecordBatchReader,
) -> tuple[Iterator[pa.RecordBatch], list[tuple[Any, ...]]]:
    """The batches and the first ``WIDTH_SAMPLE`` rows (as Python values) read ahead."""
    read: list[pa.RecordBatch] = []
    sample: list[tuple[Any, ...]] = []
    batches = iter(reader)
    for batch in batches:
        read.append(batch)
        sample.extend(_python_rows(batch.slice(0, formats.WIDTH_SAMPLE - len(sample))))
        if len(sample) >= formats.WIDTH_SAMPLE:
            break
    return itertools.chain(read, batches), sample


def _sample_widths(header: list[str], sample: list[tuple[Any, ...]]) -> list[list[str]]:
    """Per column, the header and the sample's cell texts (``formats._column_texts``)."""
    columns: list[list[str]] = [[text] for text in header]
    for row in sample:
        for index, raw in enumerate(row):
            value = formats._xlsx_value(raw)
            if value is not None:
                columns[index].append(str(value))
    return columns
