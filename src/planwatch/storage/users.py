"""SQL for users and their roles."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import duckdb

from planwatch.storage.rows import as_dicts

_USER_COLUMNS: Final = (
    "name, display_name, email, oidc_subject, password_hash, disabled, failed_signins, "
    "locked_until, created_at, created_by, last_signin_at"
)


def user(connection: duckdb.DuckDBPyConnection, name: str) -> dict[str, Any] | None:
    rows = as_dicts(
        connection.execute(f"SELECT {_USER_COLUMNS} FROM users WHERE name = ?", [name])  # noqa: S608
    )
    return rows[0] if rows else None


def user_by_identity(
    connection: duckdb.DuckDBPyConnection, *, email: str | None, subject: str | None
) -> list[dict[str, Any]]:
    """Users matched by the identity provider's subject, else by e-mail (case-insensitive)."""
    return as_dicts(
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
    rows = as_dicts(
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
