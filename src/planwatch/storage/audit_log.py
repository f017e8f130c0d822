"""SQL for the hash-chained audit log.

Every function takes an open connection so that a service can put the audit entry in the same
transaction as the change it records: either both are stored, or neither.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Final

import duckdb

from planwatch.errors import WriteConflictError
from planwatch.storage.rows import as_dicts

GENESIS: Final = "0" * 64


def canonical(details: dict[str, Any]) -> str:
    """One JSON text per value: sorted keys, no spaces, UTF-8 kept, dates as ISO 8601."""
    return json.dumps(
        details, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )


def entry_hash(
    *,
    seq: int,
    recorded_at: dt.datetime,
    actor: str,
    action: str,
    subject: str | None,
    details: str,
    origin: str,
    prev_hash: str,
    content: str | None = None,
) -> str:
    """SHA-256 over every field of the entry and the previous entry's hash. ``content`` (what
    the entry sealed, see :mod:`planwatch.storage.content_seal`) counts when present; entries
    from before it existed keep their hash."""
    fields: dict[str, Any] = {
        "seq": seq,
        "recorded_at": recorded_at.isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "subject": subject,
        "details": details,
        "origin": origin,
        "prev_hash": prev_hash,
    }
    if content is not None:
        fields["content"] = content
    material = canonical(fields)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def append_audit(
    connection: duckdb.DuckDBPyConnection,
    *,
    recorded_at: dt.datetime,
    actor: str,
    action: str,
    subject: str | None,
    details: dict[str, Any],
    origin: str,
    content: dict[str, Any] | None = None,
) -> int:
    """Add one entry at the end of the chain and move the head. Returns the entry's number.

    Must run inside the caller's transaction. Two transactions appending at once both update
    the one head row, so one of them fails to commit instead of forking the chain.
    """
    head = connection.execute("SELECT seq, entry_hash FROM audit_head WHERE id = 1").fetchall()
    seq, prev = int(head[0][0]) + 1, str(head[0][1])
    text = canonical(details)
    sealed = canonical(content) if content else None
    digest = entry_hash(
        seq=seq,
        recorded_at=recorded_at,
        actor=actor,
        action=action,
        subject=subject,
        details=text,
        origin=origin,
        prev_hash=prev,
        content=sealed,
    )
    try:
        connection.execute(
            "INSERT INTO audit_log (seq, recorded_at, actor, action, subject, details, origin, "
            "prev_hash, entry_hash, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [seq, recorded_at, actor, action, subject, text, origin, prev, digest, sealed],
        )
    except duckdb.ConstraintException as error:  # another append took this place in the chain
        raise WriteConflictError(
            "En anden handling blev logget i samme øjeblik; intet er gemt. Prøv igen.",
            "Another action was logged at the same moment; nothing was stored. Try again.",
        ) from error
    connection.execute("UPDATE audit_head SET seq = ?, entry_hash = ? WHERE id = 1", [seq, digest])
    return seq


def audit_head(connection: duckdb.DuckDBPyConnection) -> tuple[int, str]:
    rows = connection.execute("SELECT seq, entry_hash FROM audit_head WHERE id = 1").fetchall()
    if not rows:
        return -1, ""
    return int(rows[0][0]), str(rows[0][1])


def entry_hash_at(connection: duckdb.DuckDBPyConnection, seq: int) -> str | None:
    """The hash of the entry numbered ``seq``, or None when there is none."""
    rows = connection.execute("SELECT entry_hash FROM audit_log WHERE seq = ?", [seq]).fetchall()
    return str(rows[0][0]) if rows else None


def audit_entries(
    connection: duckdb.DuckDBPyConnection,
    *,
    actor: str | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Entries in chain order (oldest first), filtered; all of them when no filter is given."""
    return as_dicts(
        connection.execute(
            """
            SELECT seq, recorded_at, actor, action, subject, details, origin, prev_hash,
                   entry_hash, content
            FROM audit_log
            WHERE ($actor IS NULL OR actor = $actor)
              AND ($action IS NULL OR action = $action)
              AND ($since IS NULL OR recorded_at >= $since)
              AND ($until IS NULL OR recorded_at <= $until)
              AND ($text IS NULL OR contains(lower(coalesce(subject, '') || ' ' || details),
                                             lower($text)))
            ORDER BY seq
            LIMIT coalesce($limit, 9223372036854775807)
            """,
            {
                "actor": actor,
                "action": action,
                "since": since,
                "until": until,
                "text": text,
                "limit": limit,
            },
        )
    )


def audit_actions(connection: duckdb.DuckDBPyConnection) -> list[str]:
    rows = connection.execute("SELECT DISTINCT action FROM audit_log ORDER BY action").fetchall()
    return [str(r[0]) for r in rows]
