"""A workbook's memory is bounded (issue 17: ≤ 400 MB for a million rows): DuckDB sorts the
export tables whole before their first row comes out, so the workbook reads them with a memory
limit (DuckDB spills the sort to disk) and sets the database's settings back after. (CSV and
Parquet read without it: there the limit costs half as much time again as DuckDB's own COPY,
see benchmarks/results-exports.md.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from planwatch.access import accounts
from planwatch.exports import auditors, jobs
from planwatch.storage import Store, export_stream

LIMIT_BYTES = 200 * 1000 * 1000


def _limit(connection: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    row = connection.execute(
        "SELECT (SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'), "
        "current_setting('threads')"
    ).fetchone()
    assert row is not None
    text, threads = str(row[0]), int(row[1])
    number, unit = text.split()
    scale = {"KiB": 1024, "MiB": 1024**2, "GiB": 1024**3, "TiB": 1024**4}[unit]
    return int(float(number) * scale), threads


def _limits_seen(
    users_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack: bool
) -> list[tuple[int, int]]:
    """The open database's memory limit and threads at each table a workbook export reads."""
    seen: list[tuple[int, int]] = []
    real = export_stream.labelled

    def recorded(connection: duckdb.DuckDBPyConnection, *args: Any, **kwargs: Any) -> Any:
        seen.append(_limit(connection.cursor()))  # the open database's settings
        return real(connection, *args, **kwargs)

    monkeypatch.setattr(export_stream, "labelled", recorded)
    auditor = accounts.actor_for(users_store, "auditor1")
    if pack:
        auditors.pack_download(users_store, auditor)
        seen = seen[-len(auditors.TABLES) :]  # the workbook's reads come last
    else:
        auditors.export(
            users_store, auditor, tmp_path, file_format="xlsx", names=["figures", "history"]
        )
    assert seen, "no table was read"
    return seen


@pytest.mark.parametrize("pack", [False, True])
def test_a_workbook_reads_its_tables_under_duckdbs_memory_limit(
    users_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pack: bool
) -> None:
    """In a process that exports and nothing else (the command line)."""
    monkeypatch.setattr(jobs, "_LIMIT_MEMORY", [True])
    seen = _limits_seen(users_store, tmp_path, monkeypatch, pack)
    assert all(limit <= LIMIT_BYTES and threads == 1 for limit, threads in seen), seen


def test_in_the_app_other_pages_keep_the_databases_memory_while_a_workbook_is_written(
    users_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit is a setting of the whole open database: a server never sets it."""
    monkeypatch.setattr(jobs, "_LIMIT_MEMORY", [])
    seen = _limits_seen(users_store, tmp_path, monkeypatch, True)
    assert all(limit > LIMIT_BYTES and threads > 1 for limit, threads in seen), seen


def test_the_command_line_export_limits_a_workbooks_memory(
    users_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from planwatch.cli import main

    monkeypatch.setattr(jobs, "_LIMIT_MEMORY", [])
    out = tmp_path / "out"
    command = ["--user", "auditor1", "export", "--format", "xlsx", "--out", str(out)]
    result = CliRunner().invoke(main, [*command, "--db", str(users_store.path)])
    assert result.exit_code == 0, result.output
    assert jobs._LIMIT_MEMORY == [True]


def test_the_databases_settings_are_set_back_after_an_export() -> None:
    connection = duckdb.connect()
    try:
        default = _limit(connection)
        with export_stream.bounded_memory(connection):
            assert _limit(connection) <= (LIMIT_BYTES, 1)
        assert _limit(connection) == default
        connection.execute("SET memory_limit = '1GiB'")
        connection.execute("SET threads = 2")
        with export_stream.bounded_memory(connection):
            assert _limit(connection)[0] <= LIMIT_BYTES
        assert _limit(connection) == (1024**3, 2)
    finally:
        connection.close()


def test_a_memory_limit_that_is_not_a_size_is_refused() -> None:
    connection = duckdb.connect()
    try:
        with (
            pytest.raises(ValueError, match="not a memory size"),
            export_stream.bounded_memory(connection, memory_limit="1GB'; SET threads=8; --"),
        ):
            pass
    finally:
        connection.close()


def test_two_exports_of_one_file_at_once_leave_its_settings_as_they_were(
    tmp_path: Path,
) -> None:
    """Both connections share the open database's settings: when the first export ends the
    second still runs under the limit, and when the last ends they are back (not left at the
    limit the second found when it began)."""
    path = tmp_path / "shared.duckdb"
    duckdb.connect(str(path)).close()
    first = duckdb.connect(str(path), read_only=True)
    second = duckdb.connect(str(path), read_only=True)
    try:
        default = _limit(first)
        with export_stream.bounded_memory(first):
            with export_stream.bounded_memory(second):
                pass
            assert _limit(first) <= (LIMIT_BYTES, 1)  # the first still runs
        assert _limit(second) == default
        outer = export_stream.bounded_memory(first)
        inner = export_stream.bounded_memory(second)
        outer.__enter__()
        inner.__enter__()
        outer.__exit__(None, None, None)  # the first to begin ends first
        assert _limit(second) <= (LIMIT_BYTES, 1)
        inner.__exit__(None, None, None)
        assert _limit(first) == default
    finally:
        first.close()
        second.close()
