"""Opening the DuckDB file: briefly, never idle, waiting (bounded) when another process has it.

DuckDB lets one process hold a database file read-write, or several hold it read-only. The app
and the CLI share one file, so nothing in planwatch keeps a connection open while idle: each
operation opens the file, does its work in a transaction, and closes it. When the file is busy,
we wait with a growing pause up to ``lock_timeout`` seconds, then give up with a clear message.
A command-line read command, which lives well under a second, and a page's script run in the app
keep the file open read-only for their duration instead (``Store.kept_open``): opening it
afresh for each of their reads cost more than the reads.
"""

from __future__ import annotations

import contextlib
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import duckdb

from planwatch.errors import (
    DatabaseBusyError,
    DatabaseUnavailableError,
    StorageError,
    WriteConflictError,
)
from planwatch.storage import private_files, turns, uploads_archive

T = TypeVar("T")
LOG = logging.getLogger(__name__)

# Files kept open read-only for a while in this process (``Store.kept_open``): the path, and the
# connection that holds the database open (None until the first read-only connection).
_KEPT: dict[Path, duckdb.DuckDBPyConnection | None] = {}
_KEPT_GUARD = threading.Lock()


def _keep(path: Path) -> None:
    """After a read-only connection to ``path`` opened: if the file is to be kept open and is
    not yet, hold it open with one more connection (DuckDB reuses the open database for it).
    Only a saving: when that fails, nothing is kept."""
    if not _KEPT:
        return
    key = path.resolve()
    with _KEPT_GUARD:
        if key in _KEPT and _KEPT[key] is None:
            with contextlib.suppress(duckdb.Error):
                _KEPT[key] = duckdb.connect(str(path), read_only=True)


def _release(path: Path, *, forget: bool = False) -> None:
    """Close the connection that keeps ``path`` open, if any (before a read-write connection
    in this process: DuckDB cannot hold one file read-only and read-write at once)."""
    if not _KEPT:
        return
    key = path.resolve()
    with _KEPT_GUARD:
        holder = _KEPT.pop(key, None) if forget else _KEPT.get(key)
        if key in _KEPT:
            _KEPT[key] = None
    if holder is not None:
        holder.close()


_LOCK_MARKERS = (
    "could not set lock",
    "conflicting lock",
    "different configuration",  # same process, read-only and read-write at once
)


def _is_lock_conflict(error: duckdb.Error) -> bool:
    text = str(error).lower()
    return any(marker in text for marker in _LOCK_MARKERS)


@dataclass(frozen=True, slots=True)
class Store:
    """Where the database lives and how long to wait for it. Holds no open connection."""

    path: Path
    lock_timeout: float = 15.0
    archive: bool = True
    """Keep the archive beside the file up to date after each commit (see ``archive``)."""

    @contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """Open the file for the duration of a ``with`` block; translate driver errors.

        The block is this thread's turn at the file among the threads of this process
        (``turns``): shared with other readers, alone when writing."""
        with turns.of(self.path).turn(
            write=not read_only, timeout=self.lock_timeout, path=self.path
        ):
            connection = _open(self.path, read_only=read_only, timeout=self.lock_timeout)
            try:
                yield connection
            except duckdb.Error as error:
                raise translate(error, path=self.path) from error
            finally:
                connection.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-write connection inside one transaction: all of it is stored, or none.

        Write transactions of this process on this file run one after the other: each is a
        writer's turn (``connect``)."""
        with self.connect() as connection:
            connection.execute("BEGIN TRANSACTION")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            private_files.restrict(_wal(self.path))
            connection.execute("COMMIT")
            checkpoint(connection, self.path)
            if self.archive:
                uploads_archive.sync_quietly(connection, self.path)

    def run_in_transaction(
        self,
        work: Callable[[duckdb.DuckDBPyConnection], T],
        *,
        attempts: int = 6,
        sleep: Callable[[float], None] = time.sleep,
    ) -> T:
        """Run ``work`` in one transaction; when another transaction in this process changed
        the same rows first (a write conflict), roll back and run it again, a few times, with
        short random pauses. ``work`` must therefore do nothing outside the database."""
        for attempt in range(attempts):
            try:
                with self.transaction() as connection:
                    return work(connection)
            except WriteConflictError:
                if attempt == attempts - 1:
                    raise
                sleep(random.uniform(0.01, 0.05) * (2**attempt))  # noqa: S311 - not crypto
        raise AssertionError("unreachable")  # pragma: no cover

    def exists(self) -> bool:
        return self.path.exists()

    @contextmanager
    def kept_open(self) -> Iterator[None]:
        """For a short piece of work that reads many times (a command-line read command, a
        page's script run in the app; issue 17): within the block, the first read-only
        connection leaves the file open (read-only) until the block ends, and DuckDB serves
        every later read-only connection of this process from the open database instead of
        opening the file again (tens of milliseconds each). A read-write connection in the
        block closes it first (one process cannot hold a file read-only and read-write at
        once); the next read-only connection keeps it open again.
        Other processes may read meanwhile; one that writes waits for the block to end, as it
        waits for any reader (``lock_timeout``). Threads of one process share the open file:
        the block that kept it open closes it when it ends (blocks entered meanwhile by other
        threads open the file again for their later reads, as without the block)."""
        key = self.path.resolve()
        with _KEPT_GUARD:
            nested = key in _KEPT
            _KEPT.setdefault(key, None)
        try:
            yield
        finally:
            if not nested:
                _release(self.path, forget=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def checkpoint(connection: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Move what was just committed from the write-ahead log into the database file.

    DuckDB treats a write-ahead log cut short as "never committed" and drops what it held
    without a word; after a checkpoint the committed change is in the file itself. The commit
    stands even when the checkpoint fails (logged): the log still holds it, DuckDB checkpoints
    again when the log grows or the last connection closes, and the archive beside the
    database has every committed change set and audit entry (``audit verify`` names what the
    database lost; ``planwatch db rebuild --from-uploads`` brings it back)."""
    try:
        connection.execute("CHECKPOINT")
    except duckdb.Error as error:
        LOG.warning(
            "No checkpoint after a commit to %s (the write-ahead log keeps it): %s", path, error
        )
        return False
    return True


def _open(
    path: Path,
    *,
    read_only: bool,
    timeout: float,
    sleep: Callable[[float], None] = time.sleep,
) -> duckdb.DuckDBPyConnection:
    if read_only and not path.exists():
        raise DatabaseUnavailableError(
            f"Databasen {path} findes ikke. Opret den med 'planwatch init'.",
            f"The database {path} does not exist. Create it with 'planwatch init'.",
        )
    new = not read_only and not path.exists()
    if not read_only:
        _release(path)
        try:
            private_files.make_dirs(path.parent)
        except OSError as error:
            raise DatabaseUnavailableError(
                f"Mappen til databasen {path} kan ikke oprettes: {error.strerror}.",
                f"The folder for the database {path} cannot be created: {error.strerror}.",
            ) from error
    deadline = time.monotonic() + timeout
    pause = 0.05
    while True:
        try:
            connection = duckdb.connect(str(path), read_only=read_only)
            if new:
                private_files.restrict(path)
            if read_only:
                _keep(path)
            return connection
        except duckdb.Error as error:
            if not _is_lock_conflict(error):
                damaged = translate(error, path=path)
                if isinstance(damaged, DatabaseUnavailableError):
                    raise damaged from error
                raise DatabaseUnavailableError(
                    f"Databasen {path} kan ikke åbnes ({error}). Tjek at filen og mappen findes "
                    "og må læses og skrives; ellers gendan databasen fra seneste "
                    "sikkerhedskopi ('planwatch db restore') eller spørg driftsansvarlig.",
                    f"The database {path} cannot be opened ({error}). Check that the file and "
                    "its folder exist and may be read and written; otherwise restore the "
                    "database from the latest backup ('planwatch db restore') or ask the "
                    "operator.",
                ) from error
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DatabaseBusyError(
                    f"Databasen {path} er optaget af en anden proces, også efter {timeout:g} "
                    "sekunders ventetid. Prøv igen om lidt; intet er ændret.",
                    f"The database {path} is busy in another process, even after waiting "
                    f"{timeout:g} seconds. Try again shortly; nothing was changed.",
                ) from error
            sleep(min(pause, remaining))
            pause = min(pause * 2, 0.5)


def translate(error: duckdb.Error, *, path: Path | None = None) -> StorageError:
    """Turn a driver error into planwatch's own error (messages in Danish and English).

    A damaged file becomes :class:`DatabaseUnavailableError` saying what to do. DuckDB meets
    damage at different moments: a damaged write-ahead log (``<file>.wal``) whose checksums do
    not match fails at connect; a log cut short or garbage after its last complete entry is
    ignored silently (what it held after that point is treated as never committed); a main
    file with a damaged header fails at connect; a main file cut short or damaged inside opens
    and fails at the first query that reads a missing or damaged block."""
    text = str(error)
    lowered = text.lower()
    damage = (
        "corrupt",
        "checksum",
        "not a valid duckdb database",
        "could not read enough bytes",
        "failure while replaying wal",
        "invalid database file",
    )
    if any(marker in lowered for marker in damage):
        quoted = re.search(r'"([^"]+)"', text)
        named = quoted.group(1) if quoted else None
        if "replaying wal" in lowered or (named or "").endswith(".wal"):
            log = named or (f"{path}.wal" if path is not None else "")
            what_da = f"Databasens logfil (write-ahead log) {log} er beskadiget"
            what_en = f"The database's write-ahead log {log} is damaged"
        else:
            main = path if path is not None else named or ""
            what_da = f"Databasefilen {main} er beskadiget"
            what_en = f"The database file {main} is damaged"
        what_da, what_en = (" ".join(what.split()) for what in (what_da, what_en))
        return DatabaseUnavailableError(
            f"{what_da}, så databasen kan ikke åbnes eller læses ({text}). "
            "Intet er ændret. Gendan databasen fra seneste sikkerhedskopi ('planwatch db "
            "restore') eller genopbyg den fra de gemte indberetninger ('planwatch db rebuild "
            "--from-uploads'), eller kontakt driftsansvarlig. Slet ikke filerne: gem en kopi "
            "af dem (også .wal-filen) til driftsansvarlig.",
            f"{what_en}, so the database cannot be opened or read ({text}). "
            "Nothing was changed. Restore the database from the latest backup ('planwatch db "
            "restore') or rebuild it from the stored uploads ('planwatch db rebuild "
            "--from-uploads'), or contact the operator. Do not delete the files: keep a copy "
            "of them (the .wal file too) for the operator.",
        )
    if isinstance(error, duckdb.TransactionException) and "conflict" in str(error).lower():
        return WriteConflictError(
            "Andre ændrede de samme data i samme øjeblik; intet er gemt. Prøv igen.",
            "Someone else changed the same data at the same moment; nothing was stored. Try again.",
        )
    if isinstance(error, duckdb.ConstraintException):
        return StorageError(
            f"Databasen afviste ændringen, fordi den bryder en regel: {error}",
            f"The database refused the change because it breaks a rule: {error}",
        )
    return StorageError(
        f"Databasefejl: {error}",
        f"Database error: {error}",
    )
