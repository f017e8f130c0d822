"""The SQL of backups: every table to Parquet in one snapshot, and back into a new file.

A backup opens the database read-only, in one transaction, so that every file shows the same
moment and nothing in the database changes. It writes one Parquet file per table with DuckDB's
``COPY ... TO``, which any DuckDB (and pandas, pyarrow, Spark ...) can read.

Why not ``EXPORT DATABASE`` / ``IMPORT DATABASE``? We tried (DuckDB 2.0.1): the export writes
the Parquet files plus ``schema.sql`` and ``load.sql``, but ``load.sql`` names every file by the
absolute path it was written to (our temporary folder, renamed at the end), and ``IMPORT
DATABASE`` fails on our schema: ``schema.sql`` creates the macros in alphabetical order, so
``allocations_as_of`` is created before the ``change_set_status`` it calls ("Table Function
with name change_set_status does not exist"). So a restore builds the schema with planwatch's own
migrations (the schema lives in the code, not in the backup), then fills each table from its
file with ``INSERT ... BY NAME SELECT * FROM read_parquet(?)``, and sets the sequences past the
ids in use: a new database's sequences start at 1, and the next upload or change set would
otherwise take an id that is already there.
"""

from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from planwatch.storage.connection import Store

_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
_SEQUENCE_DEFAULT = re.compile(r"^nextval\('([a-z_][a-z0-9_]*)'\)$")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What :func:`export_tables` wrote and read, all of it at the same moment."""

    tables: dict[str, int]  # rows per table
    files: dict[str, str]  # table -> file name in the folder
    sequences: dict[str, int | None]  # last value handed out (None: never used)
    migrations: list[dict[str, Any]]  # name, checksum, applied_at (ISO 8601, UTC)
    audit_head: tuple[int, str]
    duckdb_version: str
    held_seconds: float  # from opening the file to closing it


def _ident(name: str) -> str:
    """A table or sequence name from the catalogue as a quoted identifier (ours are plain)."""
    if not _NAME.match(name):
        raise ValueError(f"unexpected name in the catalogue: {name!r}")
    return f'"{name}"'


def _literal(path: Path) -> str:
    """A file name as an SQL string literal: single quotes doubled, nothing else special.

    The target of ``COPY ... TO`` is part of the statement's syntax. Binding it as a parameter
    (``TO ?``) is only accepted since DuckDB 1.4 and still fails on some versions with "No files
    found that match the pattern" (duckdb/duckdb#21578); ``EXPORT DATABASE`` accepts no parameter
    at all. So this one value is quoted by hand; every other value in this module is bound."""
    return "'" + str(path).replace("'", "''") + "'"


def table_names(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """The database's own tables (not views, not temporary ones), parents before children."""
    rows = connection.execute(
        "SELECT table_name FROM duckdb_tables() "
        "WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary "
        "ORDER BY table_name"
    ).fetchall()
    names = [str(r[0]) for r in rows]
    parents: dict[str, set[str]] = {name: set() for name in names}
    for table, referenced in connection.execute(
        "SELECT table_name, referenced_table FROM duckdb_constraints() "
        "WHERE database_name = current_database() AND constraint_type = 'FOREIGN KEY'"
    ).fetchall():
        if table in parents and referenced in parents and referenced != table:
            parents[table].add(referenced)
    ordered: list[str] = []
    while parents:
        ready = sorted(name for name, needs in parents.items() if not needs - set(ordered))
        if not ready:  # a cycle of foreign keys: none in planwatch's schema
            raise ValueError(f"foreign keys form a cycle among {sorted(parents)}")
        ordered += ready
        for name in ready:
            del parents[name]
    return ordered


def _sequences(connection: duckdb.DuckDBPyConnection) -> dict[str, int | None]:
    rows = connection.execute(
        "SELECT sequence_name, last_value FROM duckdb_sequences() "
        "WHERE database_name = current_database() ORDER BY sequence_name"
    ).fetchall()
    return {str(name): None if last is None else int(last) for name, last in rows}


def _migrations(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> list[dict[str, Any]]:
    if "schema_migrations" not in tables:
        return []
    rows = connection.execute(
        "SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name"
    ).fetchall()
    return [
        {"name": name, "checksum": checksum, "applied_at": applied_at.isoformat()}
        for name, checksum, applied_at in rows
    ]


def _audit_head(connection: duckdb.DuckDBPyConnection, tables: list[str]) -> tuple[int, str]:
    if "audit_head" not in tables:
        return 0, ""
    rows = connection.execute("SELECT seq, entry_hash FROM audit_head WHERE id = 1").fetchall()
    return (int(rows[0][0]), str(rows[0][1])) if rows else (0, "")


def export_tables(store: Store, folder: Path) -> Snapshot:
    """Write every table to ``folder/<table>.parquet`` in one read-only transaction.

    Waits (bounded by the store's lock timeout) while another process or thread has the file
    open for writing, then holds it, read-only, only for as long as the copy takes."""
    opened = time.perf_counter()
    with store.connect(read_only=True) as connection:
        connection.execute("BEGIN TRANSACTION")
        tables = table_names(connection)
        counts: dict[str, int] = {}
        files: dict[str, str] = {}
        for table in tables:
            counts[table] = int(
                connection.execute(f"SELECT count(*) FROM {_ident(table)}").fetchall()[0][0]  # noqa: S608 - name from the catalogue, quoted
            )
            files[table] = f"{table}.parquet"
            connection.execute(
                f"COPY {_ident(table)} TO {_literal(folder / files[table])} (FORMAT parquet)"
            )
        snapshot = Snapshot(
            tables=counts,
            files=files,
            sequences=_sequences(connection),
            migrations=_migrations(connection, tables),
            audit_head=_audit_head(connection, tables),
            duckdb_version=duckdb.__version__,
            held_seconds=0.0,
        )
        connection.execute("COMMIT")
    return dataclasses.replace(snapshot, held_seconds=time.perf_counter() - opened)


def parquet_rows(path: Path) -> int:
    """The number of rows a Parquet file says it holds (from its footer; no table is read)."""
    connection = duckdb.connect()
    try:
        rows = connection.execute(
            "SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata(?)", [str(path)]
        ).fetchall()
        return int(rows[0][0])
    except duckdb.Error as error:
        raise ValueError(str(error)) from error
    finally:
        connection.close()


def load_tables(
    store: Store, files: dict[str, Path], sequences: dict[str, int | None]
) -> dict[str, int]:
    """Replace the contents of every table of a freshly migrated database with the rows of its
    Parquet file, then move each sequence past the ids in use. Returns the rows per table.

    ``files`` must name a file for every table of the database and no other. The migrations
    seed a few rows (the upload sources, the audit log's head, their own record); those are
    deleted first and come back from the backup, exactly as they were."""
    with store.connect() as connection:
        tables = table_names(connection)
        if sorted(tables) != sorted(files):
            raise ValueError(
                f"the backup's tables {sorted(files)} are not the database's {sorted(tables)}"
            )
        # Deleting and inserting the same key in one DuckDB transaction can still trip its
        # unique indexes, so the seed rows go in a transaction of their own. Nothing but this
        # restore has seen the file yet.
        connection.execute("BEGIN TRANSACTION")
        for table in reversed(tables):
            connection.execute(f"DELETE FROM {_ident(table)}")  # noqa: S608 - name from the catalogue, quoted
        connection.execute("COMMIT")
        connection.execute("BEGIN TRANSACTION")
        for table in tables:
            connection.execute(
                f"INSERT INTO {_ident(table)} BY NAME SELECT * FROM read_parquet(?)",  # noqa: S608 - name from the catalogue, quoted
                [str(files[table])],
            )
        _advance_sequences(connection, sequences)
        connection.execute("COMMIT")
        connection.execute("CHECKPOINT")
        return table_counts(connection, tables)


def _advance_sequences(
    connection: duckdb.DuckDBPyConnection, recorded: dict[str, int | None]
) -> None:
    """Each sequence to at least the value it had in the backup and at least the largest id of
    a column that takes its default from it. DuckDB has no ``setval``: we draw the difference."""
    in_use: dict[str, int] = {}
    for table, column, default in connection.execute(
        "SELECT table_name, column_name, column_default FROM duckdb_columns() "
        "WHERE database_name = current_database() AND column_default LIKE 'nextval(%'"
    ).fetchall():
        match = _SEQUENCE_DEFAULT.match(str(default))
        if not match:
            continue
        largest = connection.execute(
            f"SELECT coalesce(max({_ident(column)}), 0) FROM {_ident(table)}"  # noqa: S608 - names from the catalogue, quoted
        ).fetchall()[0][0]
        name = match.group(1)
        in_use[name] = max(in_use.get(name, 0), int(largest))
    for name, current in _sequences(connection).items():
        target = max(recorded.get(name) or 0, in_use.get(name, 0))
        missing = target - (current or 0)
        if missing > 0:
            connection.execute("SELECT max(nextval(?)) FROM range(?)", [name, missing])


def table_counts(
    connection: duckdb.DuckDBPyConnection, tables: list[str] | None = None
) -> dict[str, int]:
    return {
        table: int(connection.execute(f"SELECT count(*) FROM {_ident(table)}").fetchall()[0][0])  # noqa: S608 - name from the catalogue, quoted
        for table in (table_names(connection) if tables is None else tables)
    }


def sequence_values(store: Store) -> dict[str, int | None]:
    with store.connect(read_only=True) as connection:
        return _sequences(connection)
