"""The archive next to the database: every accepted upload's file, and a journal to rebuild from.

``<database>.archive/`` (e.g. ``data/planwatch.duckdb.archive/``) holds:

- ``objects/ab/abcdef…``: each accepted upload's original bytes, named by their SHA-256. The
  file is written (and flushed to disk) *before* the upload's transaction commits, so an
  accepted upload always has its file here, even if the database is lost a moment later. A
  crash between the two leaves at most a file that no upload names, which is harmless.
- the same under ``objects/`` for each reference file an ``init`` loaded (kept in the database's
  ``reference_files`` too, and written here from there when missing, as an upload's file is).
- ``audit.jsonl``: every audit-log entry, verbatim, with its hashes, oldest first.
- ``change_sets.jsonl``: every change set (who, when, what kind) with the first id of the
  figure-versions it wrote and, for an upload, its file name, sheet and SHA-256 (for a plan
  workbook, issue 19: ``upload_kind`` "plan", its file name and SHA-256, no ``upload_id``).

The two journals are appended after each commit (:func:`sync`), from what the database holds, so a
crash after a commit is caught up by the next one. ``planwatch db rebuild --from-uploads`` replays
them (:mod:`planwatch.operations.rebuild`). Only complete lines count: a line cut short by a crash
is removed before the next append.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import duckdb

from planwatch.errors import StorageError
from planwatch.storage import private_files
from planwatch.storage.rows import as_dicts

LOG = logging.getLogger(__name__)

SUFFIX: Final = ".archive"
AUDIT_JOURNAL: Final = "audit.jsonl"
CHANGE_JOURNAL: Final = "change_sets.jsonl"

# The sequences a rebuild moves forward so that every id comes out as it was.
SEQUENCES: Final = ("change_set_seq", "version_seq", "upload_seq")
_VERSION_TABLES: Final = (
    "observation_versions",
    "allocation_versions",
    "spending_versions",
    "target_versions",
)


def archive_dir(database: Path) -> Path:
    """Where the archive of ``database`` lives: beside it, named after it."""
    return database.with_name(database.name + SUFFIX)


def object_path(archive: Path, sha256: str) -> Path:
    return archive / "objects" / sha256[:2] / sha256


def _fsync_dir(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def keep_object(database: Path, data: bytes, sha256: str) -> Path:
    """Write an upload's bytes into the archive (atomically, flushed to disk), unless they are
    there already. Raises :class:`StorageError` when the disk refuses (full, read-only)."""
    target = object_path(archive_dir(database), sha256)
    if target.exists() and target.stat().st_size == len(data):
        return target
    try:
        private_files.make_dirs(target.parent)
        partial = target.with_name(f".{sha256}.{os.getpid()}.partial")
        flags = os.O_WRONLY | os.O_TRUNC
        with os.fdopen(private_files.open_private(partial, flags), "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except OSError as error:
        raise StorageError(
            f"Den indsendte fil kan ikke gemmes i arkivet {target.parent} "
            f"({error.strerror}); intet er gemt. Bed driftsansvarlig om at frigøre plads.",
            f"The uploaded file cannot be kept in the archive {target.parent} "
            f"({error.strerror}); nothing was stored. Ask the operator to free some space.",
        ) from error
    return target


@contextlib.contextmanager
def _locked(archive: Path) -> Iterator[None]:
    """One writer of the journals at a time, across processes (the app and the CLI)."""
    private_files.make_dirs(archive)
    lock = private_files.open_private(archive / ".lock", os.O_RDWR | os.O_APPEND)
    with os.fdopen(lock, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _last_line(path: Path) -> dict[str, Any] | None:
    """The journal's last complete line; a line cut short by a crash is cut off first."""
    if not path.exists():
        return None
    with open(path, "r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return None
        block = 65536
        position = size
        tail = b""
        while position > 0:
            step = min(block, position)
            position -= step
            handle.seek(position)
            tail = handle.read(step) + tail
            if tail.count(b"\n") >= 2 or (position == 0 and b"\n" in tail):
                break
        if not tail.endswith(b"\n"):
            keep = tail.rfind(b"\n") + 1  # 0 when the only line is incomplete
            handle.truncate(position + keep)
            tail = tail[:keep]
        lines = tail.splitlines()
        if not lines:
            return None
        last: dict[str, Any] = json.loads(lines[-1])
        return last


def _append(path: Path, records: list[dict[str, Any]]) -> None:
    if not records:
        return
    text = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    with os.fdopen(private_files.open_private(path, os.O_WRONLY | os.O_APPEND), "ab") as handle:
        handle.write(text.encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())


def _moment(value: dt.datetime) -> str:
    return value.isoformat(timespec="microseconds")


def _new_change_sets(connection: duckdb.DuckDBPyConnection, after: int) -> list[dict[str, Any]]:
    firsts = " UNION ALL ".join(
        f"SELECT change_set_id, min(version_id) AS v FROM {t} "  # noqa: S608 - fixed names
        "WHERE change_set_id > $after GROUP BY change_set_id"
        for t in _VERSION_TABLES
    )
    rows = as_dicts(
        connection.execute(
            f"""
            WITH firsts AS (SELECT change_set_id, min(v) AS first_version_id
                            FROM ({firsts}) GROUP BY change_set_id)
            SELECT c.change_set_id, c.kind, c.recorded_at, c.recorded_by, c.reason,
                   f.first_version_id, u.upload_id,
                   coalesce(u.kind, CASE WHEN p.change_set_id IS NOT NULL THEN 'plan' END)
                       AS upload_kind,
                   coalesce(u.file_name, p.file_name) AS file_name, u.sheet,
                   coalesce(u.sha256, p.sha256) AS sha256,
                   coalesce(u.size_bytes, p.size_bytes) AS size_bytes
            FROM change_sets c
            LEFT JOIN firsts f USING (change_set_id)
            LEFT JOIN uploads u USING (change_set_id)
            LEFT JOIN plan_submissions p USING (change_set_id)
            WHERE c.change_set_id > $after
            ORDER BY c.change_set_id
            """,  # noqa: S608 - the union is built from fixed table names
            {"after": after},
        )
    )
    for row in rows:
        row["recorded_at"] = _moment(row["recorded_at"])
    return rows


def _new_audit_entries(connection: duckdb.DuckDBPyConnection, after: int) -> list[dict[str, Any]]:
    rows = as_dicts(
        connection.execute(
            "SELECT seq, recorded_at, actor, action, subject, details, origin, prev_hash, "
            "entry_hash, content FROM audit_log WHERE seq > ? ORDER BY seq",
            [after],
        )
    )
    for row in rows:
        row["recorded_at"] = _moment(row["recorded_at"])
    return rows


def keep_reference_file(connection: duckdb.DuckDBPyConnection, sha256: str, content: bytes) -> None:
    """Keep a loaded reference file in the database (once per content)."""
    connection.execute(
        "INSERT INTO reference_files (sha256, content) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [sha256, content],
    )


def _reference_files_missing(connection: duckdb.DuckDBPyConnection, database: Path) -> None:
    """Write into the archive each reference file the database keeps and the archive lacks."""
    try:
        kept = connection.execute("SELECT sha256 FROM reference_files").fetchall()
    except duckdb.CatalogException:  # a database not yet migrated to keep them
        return
    for (sha256,) in kept:
        if not object_path(archive_dir(database), str(sha256)).exists():
            found = connection.execute(
                "SELECT content FROM reference_files WHERE sha256 = ?", [sha256]
            ).fetchall()
            keep_object(database, bytes(found[0][0]), str(sha256))


def _upload_content(connection: duckdb.DuckDBPyConnection, upload_id: int) -> bytes:
    found = connection.execute(
        "SELECT content FROM uploads WHERE upload_id = ?", [upload_id]
    ).fetchall()
    return bytes(found[0][0])


def sync(connection: duckdb.DuckDBPyConnection, database: Path) -> int:
    """Append to the journals what the database holds beyond them (after a commit, with the
    same connection). Writes any upload or reference file the archive lacks. Returns the lines
    written."""
    archive = archive_dir(database)
    with _locked(archive):
        last_change = _last_line(archive / CHANGE_JOURNAL)
        last_entry = _last_line(archive / AUDIT_JOURNAL)
        _require_agreement(connection, database, last_change, last_entry)
        after = int(last_change["change_set_id"]) if last_change else 0
        changes = _new_change_sets(connection, after)
        for change in changes:
            if change["upload_id"] is not None:
                target = object_path(archive, change["sha256"])
                if not target.exists():
                    content = _upload_content(connection, int(change["upload_id"]))
                    keep_object(database, content, change["sha256"])
        _reference_files_missing(connection, database)
        _append(archive / CHANGE_JOURNAL, changes)
        entries = _new_audit_entries(connection, int(last_entry["seq"]) if last_entry else 0)
        _append(archive / AUDIT_JOURNAL, entries)
    return len(changes) + len(entries)


class ArchiveAheadError(StorageError):
    """The archive holds what the database no longer does: committed changes were lost."""

    code = "archive-ahead"


def _require_agreement(
    connection: duckdb.DuckDBPyConnection,
    database: Path,
    last_change: dict[str, Any] | None,
    last_entry: dict[str, Any] | None,
) -> None:
    """The journals' last lines must still be in the database. When they are not, the database
    lost committed changes (DuckDB drops a write-ahead log cut short without a word); appending
    would mix two histories, so the archive is left as it is: it is the evidence, and the
    source of a rebuild."""
    lost = None
    if last_entry is not None:
        found = connection.execute(
            "SELECT entry_hash FROM audit_log WHERE seq = ?", [int(last_entry["seq"])]
        ).fetchall()
        if not found or found[0][0] != last_entry["entry_hash"]:
            lost = f"audit entry {last_entry['seq']}"
    if lost is None and last_change is not None:
        found = connection.execute(
            "SELECT count(*) FROM change_sets WHERE change_set_id = ?",
            [int(last_change["change_set_id"])],
        ).fetchall()
        if not found[0][0]:
            lost = f"change set {last_change['change_set_id']}"
    if lost is not None:
        raise ArchiveAheadError(
            f"Arkivet ved siden af {database} har {lost}, som databasen ikke har (længere). "
            "Ændringer, der var gemt, er gået tabt i databasen. Arkivet opdateres ikke, før "
            "det er rettet: genopbyg databasen ('planwatch db rebuild --from-uploads').",
            f"The archive beside {database} holds {lost}, which the database does not (any "
            "more). Changes that were committed have been lost from the database. The archive "
            "is not updated until this is mended: rebuild the database ('planwatch db rebuild "
            "--from-uploads').",
        )


def archived_chain(database: Path) -> list[tuple[int, str]]:
    """The (entry number, hash) of every audit entry the archive beside ``database`` holds."""
    return [
        (int(e["seq"]), str(e["entry_hash"]))
        for e in _read_lines(archive_dir(database) / AUDIT_JOURNAL)
    ]


def sync_quietly(connection: duckdb.DuckDBPyConnection, database: Path) -> None:
    """:func:`sync` after a commit that already stands: a failure is logged, not raised (the
    next commit catches up)."""
    try:
        sync(connection, database)
    except ArchiveAheadError as error:
        LOG.error("%s", error.message_en)
    except (OSError, StorageError, duckdb.Error, ValueError) as error:
        LOG.warning("The archive beside %s could not be brought up to date: %s", database, error)


# -- reading the archive (for the rebuild) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Journal:
    """What an archive holds, read back."""

    archive: Path
    entries: list[dict[str, Any]]
    change_sets: dict[int, dict[str, Any]]

    def content(self, sha256: str) -> bytes:
        return object_path(self.archive, sha256).read_bytes()


def _read_lines(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    records: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.endswith("\n"):  # an incomplete last line was never a committed record
                records.append(json.loads(line))
    return records


def read_journal(archive: Path) -> Journal:
    entries = _read_lines(archive / AUDIT_JOURNAL)
    for entry in entries:
        entry["recorded_at"] = dt.datetime.fromisoformat(entry["recorded_at"])
    changes = {}
    for change in _read_lines(archive / CHANGE_JOURNAL):
        change["recorded_at"] = dt.datetime.fromisoformat(change["recorded_at"])
        changes[int(change["change_set_id"])] = change
    return Journal(archive, entries, changes)


# -- what a rebuild needs from the new database --------------------------------------------------


def last_values(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """The last value each sequence handed out (0 when none yet)."""
    rows = connection.execute(
        "SELECT sequence_name, coalesce(last_value, 0) FROM duckdb_sequences() "
        "WHERE sequence_name IN (?, ?, ?)",
        list(SEQUENCES),
    ).fetchall()
    return {str(name): int(value) for name, value in rows}


def advance(connection: duckdb.DuckDBPyConnection, sequence: str, to_last: int) -> None:
    """Move a sequence forward so that the next value it hands out is ``to_last + 1`` (ids the
    original database spent on work it rolled back, or on empty change sets it removed)."""
    if sequence not in SEQUENCES:
        raise ValueError(f"unknown sequence {sequence!r}")
    current = last_values(connection).get(sequence, 0)
    if to_last < current:
        raise StorageError(
            f"Genopbygningen er kommet foran originalen ({sequence}: {current} > {to_last}).",
            f"The rebuild has got ahead of the original ({sequence}: {current} > {to_last}).",
        )
    if to_last > current:
        connection.execute(
            "SELECT count(nextval(?)) FROM range(?)", [sequence, to_last - current]
        ).fetchall()
