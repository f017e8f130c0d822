"""Exports are streamed (issue 17): read from DuckDB and written batch by batch, never the whole
table in memory, with the same bytes as the frame builders; progress moves within a table; a
failed export leaves no file behind."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from planwatch.access import accounts, audit
from planwatch.exports import auditors, formats, streams
from planwatch.storage import Store, export_tables
from planwatch.storage.rows import FAR_FUTURE
from tests.exports.test_export_golden import _frame as awkward_frame


def _frames(store: Store) -> dict[str, pd.DataFrame]:
    """Every table as the frame builders get it (the whole table, labelled)."""
    with store.connect(read_only=True) as connection:
        return {
            name: auditors.with_breakdown_labels(
                export_tables.table(connection, name, as_of=FAR_FUTURE, plan_id=None)
            )
            for name in export_tables.QUERIES
        }


def _no_frames(*_args: object, **_kwargs: object) -> Any:
    raise AssertionError("a whole table was read into a frame")


@pytest.mark.parametrize("file_format", ["csv", "csv-da", "parquet", "xlsx"])
def test_an_export_never_reads_a_whole_table_into_a_frame(
    users_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, file_format: str
) -> None:
    auditor = accounts.actor_for(users_store, "auditor1")
    monkeypatch.setattr(export_tables, "table", _no_frames)
    receipt = auditors.export(
        users_store, auditor, tmp_path, file_format=file_format, names=["figures", "history"]
    )
    assert all(f.path.exists() and f.path.stat().st_size > 0 for f in receipt.files)
    if file_format != "xlsx":
        assert [f.rows for f in receipt.files] == [167, 267]


def test_every_table_streamed_is_byte_for_byte_what_the_frame_builders_write(
    users_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwatch.storage import export_stream

    auditor = accounts.actor_for(users_store, "auditor1")
    monkeypatch.setattr(export_stream, "BATCH_ROWS", 50)  # several batches per large table
    monkeypatch.setattr(streams, "PARQUET_GROUP_ROWS", 50)
    for file_format, build in (("csv", formats.csv_bytes), ("csv-da", formats.csv_da_bytes)):
        expected = _frames(users_store)  # each export adds to the audit log
        out = tmp_path / file_format
        auditors.export(users_store, auditor, out, file_format=file_format)
        suffix = auditors.SUFFIX[formats.ExportFormat(file_format)]
        for name, frame in expected.items():
            assert (out / f"{name}{suffix}").read_bytes() == build(frame), (file_format, name)
    expected = _frames(users_store)
    auditors.export(users_store, auditor, tmp_path / "parquet", file_format="parquet")
    for name, frame in expected.items():
        streamed = pq.read_table(tmp_path / "parquet" / f"{name}.parquet")
        whole = pq.read_table(io.BytesIO(formats.parquet_bytes(frame)))
        assert streamed.schema.equals(whole.schema, check_metadata=True), name
        assert streamed.equals(whole), name


def test_awkward_values_are_written_by_duckdb_as_the_frame_builders_write_them() -> None:
    """Formula text, quotes, line breaks, both delimiters, money in øre, decimals that need
    no zeros, dates, microseconds, missing values: DuckDB's lines equal the Python builder's."""
    import duckdb

    from planwatch.storage import export_stream

    frame = awkward_frame().drop(columns=["share"])  # a float: written in Python (see below)
    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    negative = pa.table(
        {
            "value": pa.array(
                [Decimal("-0.500"), Decimal("12.340"), Decimal("0.000")], pa.decimal128(18, 3)
            )
        }
    )
    connection = duckdb.connect()
    try:
        for source, expected_frame in (
            (table, frame),
            (negative, negative.to_pandas(types_mapper=pd.ArrowDtype)),
        ):
            connection.register("awkward", source)
            columns = export_stream.query_columns(connection, "SELECT * FROM awkward", {})
            for delimiter, decimal_mark, newline, build in (
                (",", ".", "\n", formats.csv_bytes),
                (";", ",", "\r\n", formats.csv_da_bytes),
            ):
                _names, batches = export_stream.query_csv_lines(
                    connection, "SELECT * FROM awkward", {}, columns, delimiter=delimiter,
                    decimal_mark=decimal_mark, newline=newline, rows=3,
                )  # fmt: skip
                lines = "".join("".join(b.to_pylist()) for b, _marked in batches)
                whole = build(expected_frame).decode("utf-8-sig")
                assert lines == whole.split(newline, 1)[1], (delimiter, source.column_names)
            connection.unregister("awkward")
    finally:
        connection.close()


def test_a_float_column_is_refused_by_duckdbs_writer_and_written_in_python() -> None:
    import duckdb

    from planwatch.storage import export_stream

    connection = duckdb.connect()
    try:
        connection.register("floats", pa.table({"share": [0.25, 1e16, 1e-7]}))
        columns = export_stream.query_columns(connection, "SELECT * FROM floats", {})
        with pytest.raises(export_stream.UnsupportedColumns, match="share"):
            export_stream.query_csv_lines(
                connection, "SELECT * FROM floats", {}, columns, delimiter=",",
                decimal_mark=".", newline="\n",
            )  # fmt: skip
    finally:
        connection.close()


def _to(seen: list[tuple[float, str, str]]) -> auditors.Progress:
    return lambda share, stage, table: seen.append((share, stage, table))


def test_progress_moves_within_a_table(users_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.storage import export_stream

    monkeypatch.setattr(export_stream, "BATCH_ROWS", 50)
    monkeypatch.setattr(streams, "PARQUET_GROUP_ROWS", 50)
    auditor = accounts.actor_for(users_store, "auditor1")
    for file_format in ("csv", "parquet", "xlsx"):
        seen: list[tuple[float, str, str]] = []
        auditors.download(
            users_store, auditor, file_format=file_format, names=["history"], progress=_to(seen)
        )
        writes = [share for share, stage, table in seen if stage == "write" and table == "history"]
        assert len(writes) >= 267 // 50, (file_format, seen)  # a report per batch, not per table
        assert writes == sorted(writes) and writes[-1] == 1.0 and writes[0] < 0.5, file_format


def test_a_failed_export_leaves_no_file_and_no_log_entry(
    users_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from planwatch.exports import streams

    auditor = accounts.actor_for(users_store, "auditor1")
    before = len(audit.entries(users_store, auditor, action="export"))
    real = streams.write_csv

    def fail_on_history(connection: Any, name: str, sink: Any, **options: Any) -> Any:
        if name == "history":
            sink.write(b"half a table")
            raise OSError("disk full")
        return real(connection, name, sink, **options)

    monkeypatch.setattr(streams, "write_csv", fail_on_history)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="disk full"):
        auditors.export(users_store, auditor, out, names=["figures", "history", "plans"])
    assert list(out.iterdir()) == []
    assert len(audit.entries(users_store, auditor, action="export")) == before


def test_the_pack_names_each_tables_rows_and_hashes_every_file(users_store: Store) -> None:
    import hashlib
    import zipfile

    auditor = accounts.actor_for(users_store, "auditor1")
    expected = _frames(users_store)  # before the pack's own audit entry
    delivery = auditors.pack_download(users_store, auditor)
    with zipfile.ZipFile(io.BytesIO(delivery.data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        for name, facts in manifest["files"].items():
            data = archive.read(name)
            assert facts == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
        readme = archive.read("README.md").decode("utf-8")
        for name, frame in expected.items():
            assert archive.read(f"tables/{name}.csv") == formats.csv_bytes(frame)
            assert f"- `{name}` ({len(frame)} rows)" in readme


def test_the_streamed_workbook_is_the_frame_builders_workbook_split_over_sheets(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cells, types, number formats, widths, frozen header rows and sheet names as
    ``formats.xlsx_bytes`` writes them, also for a table longer than a sheet (here 100 rows)."""
    from planwatch.exports import streams
    from planwatch.storage import export_stream
    from tests.exports.test_export_golden import ABOUT, xlsx_dump

    monkeypatch.setattr(export_stream, "BATCH_ROWS", 40)  # batches that do not fit the sheets
    names = ["history", "figures", "plans"]
    expected = _frames(users_store)
    whole = formats.xlsx_bytes({n: expected[n] for n in names}, ABOUT, max_rows=100)
    sink = io.BytesIO()
    with users_store.connect(read_only=True) as connection:
        sources = {
            name: streams.table_source(
                connection, name, rows=len(expected[name]), as_of=FAR_FUTURE, plan_id=None
            )
            for name in names
        }
        written = streams.write_xlsx(sink, sources, ABOUT, max_rows=100)
    assert xlsx_dump(sink.getvalue()) == xlsx_dump(whole)
    assert {name: facts.rows for name, facts in written.items()} == {
        name: len(expected[name]) for name in names
    }


def test_the_history_read_in_small_parts_is_the_whole_history(
    users_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parts of a few rows (a million rows of history are read in parts of 25,000): the files
    are those of the whole table, byte for byte for CSV, row for row for Parquet and XLSX."""
    from planwatch.exports import streams
    from planwatch.storage import export_stream
    from tests.exports.test_export_golden import ABOUT, xlsx_dump

    monkeypatch.setattr(export_tables, "PART_ROWS", 7)
    monkeypatch.setattr(export_stream, "CSV_PART_ROWS", 11)
    monkeypatch.setattr(streams, "PARQUET_GROUP_ROWS", 5)  # Parquet's row groups cross parts
    names = ["history", "corrections"]
    with users_store.connect(read_only=True) as connection:
        parts = export_tables.query_parts(connection, "history", FAR_FUTURE, None)
    assert len(parts) > 20  # 267 rows
    expected = _frames(users_store)
    auditor = accounts.actor_for(users_store, "auditor1")
    for file_format, build in (("csv", formats.csv_bytes), ("csv-da", formats.csv_da_bytes)):
        out = tmp_path / file_format
        receipt = auditors.export(users_store, auditor, out, file_format=file_format, names=names)
        assert [f.rows for f in receipt.files] == [len(expected[n]) for n in names]
        suffix = auditors.SUFFIX[formats.ExportFormat(file_format)]
        for name in names:
            assert (out / f"{name}{suffix}").read_bytes() == build(expected[name]), name
    auditors.export(users_store, auditor, tmp_path / "pq", file_format="parquet", names=names)
    for name in names:
        streamed = pq.read_table(tmp_path / "pq" / f"{name}.parquet")
        whole = pq.read_table(io.BytesIO(formats.parquet_bytes(expected[name])))
        assert streamed.schema.equals(whole.schema, check_metadata=True), name
        assert streamed.equals(whole), name
        groups = pq.ParquetFile(tmp_path / "pq" / f"{name}.parquet").metadata
        sizes = [groups.row_group(i).num_rows for i in range(groups.num_row_groups)]
        rows = len(expected[name])
        assert sizes == [5] * (rows // 5) + ([rows % 5] if rows % 5 or not rows else []), name
    sink = io.BytesIO()
    with users_store.connect(read_only=True) as connection:
        sources = {
            name: streams.table_source(
                connection, name, rows=len(expected[name]), as_of=FAR_FUTURE, plan_id=None
            )
            for name in names
        }
        streams.write_xlsx(sink, sources, ABOUT, max_rows=100)
    whole_book = formats.xlsx_bytes({n: expected[n] for n in names}, ABOUT, max_rows=100)
    assert xlsx_dump(sink.getvalue()) == xlsx_dump(whole_book)
