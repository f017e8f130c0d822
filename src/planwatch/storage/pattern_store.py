"""SQL for the kept small-count patterns (``disclosure_patterns``): read by digest, added.

What a digest stands for and how an entry is checked is :mod:`planwatch.figures.kept_patterns`'s;
here only the table. An entry is never changed: the same digest always means the same figures,
so a second writer of it (another server process) adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import duckdb


def read(connection: duckdb.DuckDBPyConnection, digest: str) -> str | None:
    """The patterns kept under ``digest`` (JSON text), or ``None``."""
    row = connection.execute(
        "SELECT patterns FROM disclosure_patterns WHERE digest = $digest", {"digest": digest}
    ).fetchone()
    return None if row is None else str(row[0])


def present(connection: duckdb.DuckDBPyConnection, digests: Sequence[str]) -> frozenset[str]:
    """Which of ``digests`` are kept."""
    if not digests:
        return frozenset()
    rows = connection.execute(
        "SELECT digest FROM disclosure_patterns WHERE list_contains($digests, digest)",
        {"digests": list(digests)},
    ).fetchall()
    return frozenset(str(row[0]) for row in rows)


def add(
    connection: duckdb.DuckDBPyConnection,
    entries: Iterable[tuple[str, str, str]],
    at: dt.datetime,
) -> int:
    """Keep each ``(digest, inputs, patterns)`` not yet kept; returns how many were added."""
    rows = [(digest, inputs, patterns, at) for digest, inputs, patterns in entries]
    if not rows:
        return 0
    before = _count(connection)
    connection.executemany(
        "INSERT INTO disclosure_patterns (digest, inputs, patterns, computed_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (digest) DO NOTHING",
        rows,
    )
    return _count(connection) - before


def every_entry(connection: duckdb.DuckDBPyConnection) -> list[tuple[str, str, str]]:
    """Every kept ``(digest, inputs, patterns)``, by digest."""
    rows = connection.execute(
        "SELECT digest, inputs, patterns FROM disclosure_patterns ORDER BY digest"
    ).fetchall()
    return [(str(d), str(i), str(p)) for d, i, p in rows]


def remove_other(
    connection: duckdb.DuckDBPyConnection, current: Sequence[str], *, before: dt.datetime
) -> int:
    """Remove the entries computed before ``before`` whose digest is not in ``current`` (the
    figures they were solved from are no longer any view's); returns how many."""
    count = _count(connection)
    connection.execute(
        "DELETE FROM disclosure_patterns "
        "WHERE computed_at < $before AND NOT list_contains($current, digest)",
        {"before": before, "current": list(current)},
    )
    return count - _count(connection)


def _count(connection: duckdb.DuckDBPyConnection) -> int:
    row = connection.execute("SELECT count(*) FROM disclosure_patterns").fetchone()
    return int(row[0]) if row else 0


def change_set_indicators(
    connection: duckdb.DuckDBPyConnection, change_set_id: int
) -> frozenset[str]:
    """The indicators a change set wrote figures of."""
    rows = connection.execute(
        "SELECT DISTINCT indicator_code FROM observation_versions WHERE change_set_id = $id",
        {"id": change_set_id},
    ).fetchall()
    return frozenset(str(row[0]) for row in rows)
