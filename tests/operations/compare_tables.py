"""A rebuilt database against its original, table by table: every table of the schema, every
column but those documented as not archived (docs/backups.md, "What a rebuild reproduces")."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import duckdb

NOT_ARCHIVED: Final[dict[str, frozenset[str]]] = {
    # passwords are never archived; sign-in counters and locks start afresh
    "users": frozenset({"password_hash", "needs_new_password", "failed_signins", "locked_until"}),
    # only a token's SHA-256 was kept, and it is not archived either
    "cli_tokens": frozenset({"token_sha256"}),
    # when each migration ran on this file
    "schema_migrations": frozenset({"applied_at"}),
}
"""Columns a rebuild does not reproduce."""

DERIVED: Final = frozenset({"disclosure_patterns"})
"""Tables of data derived from the others, not archived: the small-count patterns a reader
would solve again (``planwatch db patterns`` keeps them; docs/backups.md)."""

AFTER_THE_ARCHIVE: Final = frozenset({"audit_log", "audit_head", "content_seals"})
"""Tables the rebuild's own last entry (``accounts-rebuilt``) adds to: compared up to it."""


def table_names(path: Path) -> list[str]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return [
            str(row[0])
            for row in connection.execute(
                "SELECT table_name FROM duckdb_tables() ORDER BY table_name"
            ).fetchall()
        ]


def _rows(path: Path, table: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        columns = [
            str(row[0])
            for row in connection.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                "ORDER BY column_index",
                [table],
            ).fetchall()
            if str(row[0]) not in NOT_ARCHIVED.get(table, frozenset())
        ]
        selected = ", ".join(f'"{c}"' for c in columns)
        return connection.execute(f'SELECT {selected} FROM "{table}" ORDER BY ALL').fetchall()


def _entries(path: Path, after: int | None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(
            "SELECT * FROM audit_log WHERE ? IS NULL OR seq < ? ORDER BY seq", [after, after]
        ).fetchall()


def _seals(path: Path) -> dict[str, str]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return {
            str(u): str(h)
            for u, h in connection.execute("SELECT unit, sha256 FROM content_seals").fetchall()
        }


def differences(original: Path, rebuilt: Path, accounts_entry: int | None) -> list[str]:
    """Every table that differs, with how; empty when the rebuild equals the original.

    ``accounts_entry`` is the rebuild's own last entry (None: it wrote none): the audit log must
    be the original's up to it, and only the user accounts it names may be sealed anew."""
    found: list[str] = []
    tables = table_names(original)
    if table_names(rebuilt) != tables:
        found.append(f"tables: {table_names(rebuilt)} != {tables}")
    for table in tables:
        if table in AFTER_THE_ARCHIVE or table in DERIVED:
            continue
        before, after = _rows(original, table), _rows(rebuilt, table)
        if before != after:
            missing = [r for r in before if r not in after][:3]
            extra = [r for r in after if r not in before][:3]
            found.append(f"{table}: missing {missing}, extra {extra}")
    if _entries(rebuilt, accounts_entry) != _entries(original, None):
        found.append("audit_log: not the original's entry for entry")
    if accounts_entry is not None and _rows(rebuilt, "audit_head")[0][1] != accounts_entry:
        found.append("audit_head: not at the rebuild's last entry")
    if accounts_entry is None and _rows(rebuilt, "audit_head") != _rows(original, "audit_head"):
        found.append("audit_head differs")
    before_seals, after_seals = _seals(original), _seals(rebuilt)
    resealed = {u for u in before_seals if after_seals.get(u) != before_seals[u]}
    if set(after_seals) != set(before_seals) or (
        resealed and (accounts_entry is None or not all(u.startswith("user:") for u in resealed))
    ):
        found.append(f"content_seals: {sorted(resealed)} resealed")
    return found
