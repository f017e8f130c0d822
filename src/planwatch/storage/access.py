"""SQL for users, roles, reviews of submissions and the hash-chained audit log.

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
from planwatch.storage.repository import FAR_FUTURE, _rows

GENESIS: Final = "0" * 64

# -- users and roles ---------------------------------------------------------------------------

_USER_COLUMNS: Final = (
    "name, display_name, email, oidc_subject, password_hash, disabled, failed_signins, "
    "locked_until, created_at, created_by, last_signin_at"
)


def user(connection: duckdb.DuckDBPyConnection, name: str) -> dict[str, Any] | None:
    rows = _rows(
        connection.execute(f"SELECT {_USER_COLUMNS} FROM users WHERE name = ?", [name])  # noqa: S608
    )
    return rows[0] if rows else None


def user_by_identity(
    connection: duckdb.DuckDBPyConnection, *, email: str | None, subject: str | None
) -> list[dict[str, Any]]:
    """Users matched by the identity provider's subject, else by e-mail (case-insensitive)."""
    return _rows(
        connection.execute(
            f"""
            SELECT {_USER_COLUMNS} FROM users
            WHERE ($subject IS NOT NULL AND oidc_subject = $subject)
               OR ($email IS NOT NULL AND lower(email) = lower($email))
            ORDER BY (oidc_subject IS NOT DISTINCT FROM $subject) DESC, name
            """,  # noqa: S608 - constant column list
            {"email": email, "subject": subject},
        )
    )


def users(connection: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    rows = _rows(
        connection.execute(
            f"""
            SELECT {_USER_COLUMNS},
                   coalesce((SELECT list(role ORDER BY role) FROM user_roles r
                             WHERE r.name = u.name), []) AS roles
            FROM users u ORDER BY name
            """  # noqa: S608 - constant column list
        )
    )
    return rows


def roles(connection: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    rows = connection.execute(
        "SELECT role FROM user_roles WHERE name = ? ORDER BY role", [name]
    ).fetchall()
    return [str(r[0]) for r in rows]


def count_users_with_role(connection: duckdb.DuckDBPyConnection, role: str) -> int:
    rows = connection.execute(
        "SELECT count(*) FROM user_roles r JOIN users u USING (name) "
        "WHERE r.role = ? AND NOT u.disabled",
        [role],
    ).fetchall()
    return int(rows[0][0])


def insert_user(connection: duckdb.DuckDBPyConnection, record: dict[str, Any]) -> None:
    connection.execute(
        """
        INSERT INTO users (name, display_name, email, oidc_subject, password_hash, created_at,
                           created_by)
        VALUES ($name, $display_name, $email, $oidc_subject, $password_hash, $created_at,
                $created_by)
        """,
        record,
    )


def update_user(connection: duckdb.DuckDBPyConnection, name: str, **changes: Any) -> None:
    allowed = {
        "display_name",
        "email",
        "oidc_subject",
        "password_hash",
        "disabled",
        "failed_signins",
        "locked_until",
        "last_signin_at",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"not user columns: {sorted(unknown)}")
    assignments = ", ".join(f"{column} = ${column}" for column in sorted(changes))
    connection.execute(
        f"UPDATE users SET {assignments} WHERE name = $name",  # noqa: S608 - names checked above
        {**changes, "name": name},
    )


def grant(
    connection: duckdb.DuckDBPyConnection, name: str, role: str, by: str, at: dt.datetime
) -> bool:
    """Grant a role; False when the user already had it."""
    before = roles(connection, name)
    if role in before:
        return False
    connection.execute(
        "INSERT INTO user_roles (name, role, granted_at, granted_by) VALUES (?, ?, ?, ?)",
        [name, role, at, by],
    )
    return True


def revoke(connection: duckdb.DuckDBPyConnection, name: str, role: str) -> bool:
    """Revoke a role; False when the user did not have it."""
    if role not in roles(connection, name):
        return False
    connection.execute("DELETE FROM user_roles WHERE name = ? AND role = ?", [name, role])
    return True


# -- submissions and reviews -------------------------------------------------------------------


def submissions(
    connection: duckdb.DuckDBPyConnection,
    *,
    status: str | None = None,
    recorded_by: str | None = None,
    change_set_id: int | None = None,
) -> list[dict[str, Any]]:
    """Change sets that need approval (uploads and corrections), newest first, with their state,
    the upload they came from (if any) and how many figures they hold."""
    return _rows(
        connection.execute(
            """
            SELECT c.change_set_id, c.kind, c.recorded_at, c.recorded_by, c.reason,
                   c.description, s.status, s.reviewed_at, s.reviewed_by, s.review_comment,
                   u.upload_id, u.file_name, u.sha256, u.kind AS upload_kind,
                   (SELECT count(*) FROM observation_versions v
                     WHERE v.change_set_id = c.change_set_id)
                 + (SELECT count(*) FROM allocation_versions v
                     WHERE v.change_set_id = c.change_set_id)
                 + (SELECT count(*) FROM spending_versions v
                     WHERE v.change_set_id = c.change_set_id) AS figures
            FROM change_sets c
            JOIN change_set_status($far) s USING (change_set_id)
            LEFT JOIN uploads u USING (change_set_id)
            WHERE c.kind IN ('upload', 'correction')
              AND ($status IS NULL OR s.status = $status)
              AND ($by IS NULL OR c.recorded_by = $by)
              AND ($id IS NULL OR c.change_set_id = $id)
            ORDER BY c.recorded_at DESC, c.change_set_id DESC
            """,
            {"far": FAR_FUTURE, "status": status, "by": recorded_by, "id": change_set_id},
        )
    )


def submission_figures(
    connection: duckdb.DuckDBPyConnection, change_set_id: int
) -> list[dict[str, Any]]:
    """The figures a submission holds, each beside the approved value it would replace."""
    return _rows(
        connection.execute(
            """
            WITH approved AS (
                SELECT * FROM observations_as_of($far) WHERE change_set_id <> $id
            )
            SELECT 'observation' AS table_kind, v.indicator_code AS subject, v.year, v.quarter,
                   v.sex, v.age_group, v.exploitation, v.source_id, v.is_preferred,
                   v.value AS new_value, a.value AS approved_value
            FROM observation_versions v
            LEFT JOIN approved a ON a.indicator_code = v.indicator_code AND a.year = v.year
                 AND a.quarter IS NOT DISTINCT FROM v.quarter AND a.sex = v.sex
                 AND a.age_group = v.age_group AND a.exploitation = v.exploitation
                 AND a.source_id = v.source_id
            WHERE v.change_set_id = $id
            UNION ALL
            SELECT 'allocation', v.initiative_code, v.year, NULL, NULL, NULL, NULL, v.source_id,
                   NULL, v.amount_dkk, a.amount_dkk
            FROM allocation_versions v
            LEFT JOIN (SELECT * FROM allocations_as_of($far) WHERE change_set_id <> $id) a
                 ON a.initiative_code = v.initiative_code AND a.year = v.year
            WHERE v.change_set_id = $id
            UNION ALL
            SELECT 'spending', v.initiative_code, v.year, v.quarter, NULL, NULL, NULL,
                   v.source_id, NULL, v.amount_dkk, a.amount_dkk
            FROM spending_versions v
            LEFT JOIN (SELECT * FROM spending_as_of($far) WHERE change_set_id <> $id) a
                 ON a.initiative_code = v.initiative_code AND a.year = v.year
                 AND a.quarter = v.quarter
            WHERE v.change_set_id = $id
            ORDER BY 1, 2, 3, 4 NULLS FIRST, 5, 6, 7, 8
            """,
            {"far": FAR_FUTURE, "id": change_set_id},
        )
    )


def insert_review(
    connection: duckdb.DuckDBPyConnection,
    *,
    change_set_id: int,
    decision: str,
    reviewed_at: dt.datetime,
    reviewed_by: str,
    comment: str | None,
) -> None:
    connection.execute(
        "INSERT INTO reviews (change_set_id, decision, reviewed_at, reviewed_by, comment) "
        "VALUES (?, ?, ?, ?, ?)",
        [change_set_id, decision, reviewed_at, reviewed_by, comment],
    )


# -- the audit log -----------------------------------------------------------------------------


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
) -> str:
    """SHA-256 over every field of the entry and the previous entry's hash."""
    material = canonical(
        {
            "seq": seq,
            "recorded_at": recorded_at.isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "subject": subject,
            "details": details,
            "origin": origin,
            "prev_hash": prev_hash,
        }
    )
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
) -> int:
    """Add one entry at the end of the chain and move the head. Returns the entry's number.

    Must run inside the caller's transaction. Two transactions appending at once both update
    the one head row, so one of them fails to commit instead of forking the chain.
    """
    head = connection.execute("SELECT seq, entry_hash FROM audit_head WHERE id = 1").fetchall()
    seq, prev = int(head[0][0]) + 1, str(head[0][1])
    text = canonical(details)
    digest = entry_hash(
        seq=seq,
        recorded_at=recorded_at,
        actor=actor,
        action=action,
        subject=subject,
        details=text,
        origin=origin,
        prev_hash=prev,
    )
    try:
        connection.execute(
            "INSERT INTO audit_log (seq, recorded_at, actor, action, subject, details, origin, "
            "prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [seq, recorded_at, actor, action, subject, text, origin, prev, digest],
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
    return _rows(
        connection.execute(
            """
            SELECT seq, recorded_at, actor, action, subject, details, origin, prev_hash,
                   entry_hash
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
