"""Committed means on disk in the database file (issue 16): after every committed write
planwatch checkpoints, so losing the write-ahead log (cut short, or a copy without it) cannot
drop a change that was committed. And what planwatch creates is readable by its owner only."""

from __future__ import annotations

import logging
import shutil
import stat
from pathlib import Path

import duckdb
import pytest

from planwatch.access import audit
from planwatch.storage import Store


def test_a_committed_write_is_in_the_file_without_its_write_ahead_log(
    demo_store: Store, tmp_path: Path
) -> None:
    # Another connection to the same database in this process (as the app's other sessions
    # hold one): DuckDB then does not checkpoint when the writer's connection closes.
    held = duckdb.connect(str(demo_store.path))
    try:
        seq = audit.record_now(
            demo_store, actor="someone", action=audit.AuditAction.PERMISSION_DENIED, subject="x"
        )
        copy = tmp_path / "copy.duckdb"
        shutil.copy(demo_store.path, copy)  # the file alone, as a crash that lost the .wal
        assert not copy.with_name("copy.duckdb.wal").exists()
        with duckdb.connect(str(copy), read_only=True) as connection:
            found = connection.execute(
                "SELECT actor FROM audit_log WHERE seq = ?", [seq]
            ).fetchall()
        assert found == [("someone",)]
    finally:
        held.close()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_database_and_its_archive_are_for_the_owner_only(tmp_path: Path) -> None:
    from planwatch.uploads import reference

    folder = tmp_path / "data"
    store = Store(folder / "planwatch.duckdb")
    reference.load(store)
    assert _mode(folder) == 0o700
    assert _mode(store.path) == 0o600
    archive = folder / "planwatch.duckdb.archive"
    assert _mode(archive) == 0o700
    for path in archive.rglob("*"):
        assert _mode(path) == (0o700 if path.is_dir() else 0o600), path


def test_a_backup_and_its_restore_are_for_the_owner_only(demo_store: Store, tmp_path: Path) -> None:
    from planwatch.operations import backups

    out = tmp_path / "backups" / "today"
    backups.backup(demo_store, out)
    assert _mode(out.parent) == 0o700
    assert _mode(out) == 0o700
    files = list(out.iterdir())
    assert files
    for path in files:
        assert _mode(path) == 0o600, path
    restored = tmp_path / "restored" / "planwatch.duckdb"
    backups.restore(out, restored)
    assert _mode(restored.parent) == 0o700
    assert _mode(restored) == 0o600


class _RefusingCheckpoint:
    """A connection whose CHECKPOINT DuckDB refuses; every other statement goes through."""

    def __init__(self, inner: duckdb.DuckDBPyConnection) -> None:
        self.inner = inner

    def execute(self, sql: str, *args: object) -> object:
        if sql.strip().upper() == "CHECKPOINT":
            raise duckdb.TransactionException("Cannot CHECKPOINT: there are other transactions")
        return self.inner.execute(sql, *args)


def test_a_checkpoint_that_cannot_run_keeps_the_commit_and_says_so(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import planwatch.storage.connection

    real = planwatch.storage.connection.checkpoint
    results: list[bool] = []

    def refused(open_connection: duckdb.DuckDBPyConnection, path: Path) -> bool:
        results.append(real(_RefusingCheckpoint(open_connection), path))  # type: ignore[arg-type]
        return results[-1]

    monkeypatch.setattr(planwatch.storage.connection, "checkpoint", refused)
    with caplog.at_level(logging.WARNING, logger="planwatch.storage.connection"):
        seq = audit.record_now(
            demo_store, actor="someone", action=audit.AuditAction.PERMISSION_DENIED, subject="y"
        )
    assert results == [False]
    assert "No checkpoint after a commit" in caplog.text
    with demo_store.connect(read_only=True) as connection:
        found = connection.execute("SELECT actor FROM audit_log WHERE seq = ?", [seq]).fetchall()
    assert found == [("someone",)]
