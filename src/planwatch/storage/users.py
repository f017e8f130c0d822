"""SQL for users and their roles."""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import duckdb

from planwatch.storage.rows import as_dicts

_USER_COLUMNS: Final = (
    "name, display_name, email, oidc_subject, password_hash, disabled, failed_signins, "
    "locked_until, created_at, created_by, last_signin_at, oidc_issuer, needs_new_password"
)


def user(connection: duckdb.DuckDBPyConnection, name: str) -> dict[str, Any] | None:
    rows = as_dicts(
        connection.execute(f"SELECT {_USER_COLUMNS} FROM users WHERE name = ?", [name])  # noqa: S608
    )
    return rows[0] if rows else None


def user_by_subject(connection: duckdb.DuckDBPyConnection, subject: str) -> list[dict[str, Any]]:
    """Users bound to the identity provider's subject (any issuer: the caller compares it)."""
    return as_dicts(
        connection.execute(
            f"SELECT {_USER_COLUMNS} FROM users WHERE oidc_subject = ? ORDER BY name",  # noqa: S608
            [subject],
        )
    )


def user_by_email(connection: duckdb.DuckDBPyConnection, email: str) -> list[dict[str, Any]]:
    """Users with this e-mail, without regard to upper and lower case."""
    return as_dicts(
        connection.execute(
            f"SELECT {_USER_COLUMNS} FROM users WHERE lower(email) = lower(?) ORDER BY name",  # noqa: S608
            [email],
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


def any_waiting_for_password(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether some account made again by a rebuild still waits for an admin's new password."""
    row = connection.execute(
        "SELECT count(*) FROM users WHERE needs_new_password AND password_hash IS NULL"
    ).fetchone()
    return bool(row and row[0])


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
        INSERT INTO users (name, display_name, email, oidc_subject, oidc_issuer, password_hash,
                           created_at, created_by)
        VALUES ($name, $display_name, $email, $oidc_subject, $oidc_issuer, $password_hash,
                $created_at, $created_by)
        """,
        {"oidc_issuer": None} | record,
    )


def update_user(connection: duckdb.DuckDBPyConnection, name: str, **changes: Any) -> None:
    allowed = {
        "display_name",
        "email",
        "oidc_subject",
        "oidc_issuer",
        "password_hash",
        "disabled",
        "failed_signins",
        "locked_until",
        "last_signin_at",
        "needs_new_password",
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


# --- the command line's identity: operating-system accounts and personal tokens --------------


def os_user_name(connection: duckdb.DuckDBPyConnection, os_user: str) -> str | None:
    """The planwatch user mapped to an operating-system account, if any."""
    rows = connection.execute(
        "SELECT name FROM os_user_map WHERE os_user = ?", [os_user]
    ).fetchall()
    return str(rows[0][0]) if rows else None


def os_user_map(connection: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return as_dicts(
        connection.execute(
            "SELECT os_user, name, mapped_at, mapped_by FROM os_user_map ORDER BY os_user"
        )
    )


def set_os_user(
    connection: duckdb.DuckDBPyConnection, os_user: str, name: str | None, by: str, at: dt.datetime
) -> str | None:
    """Map an operating-system account to a planwatch user (None: unmap). Returns the user it
    was mapped to before."""
    before = os_user_name(connection, os_user)
    connection.execute("DELETE FROM os_user_map WHERE os_user = ?", [os_user])
    if name is not None:
        connection.execute(
            "INSERT INTO os_user_map (os_user, name, mapped_at, mapped_by) VALUES (?, ?, ?, ?)",
            [os_user, name, at, by],
        )
    return before


_TOKEN_COLUMNS: Final = (
    "token_id, name, label, created_at, created_by, revoked_at, revoked_by, token_sha256"  # noqa: S105
)


def insert_token(
    connection: duckdb.DuckDBPyConnection,
    *,
    name: str,
    token_sha256: str,
    label: str,
    by: str,
    at: dt.datetime,
) -> int:
    rows = connection.execute(
        "INSERT INTO cli_tokens (token_id, name, token_sha256, label, created_at, created_by) "
        "SELECT coalesce(max(token_id), 0) + 1, ?, ?, ?, ?, ? FROM cli_tokens "
        "RETURNING token_id",
        [name, token_sha256, label, at, by],
    ).fetchall()
    return int(rows[0][0])


def insert_token_row(connection: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> None:
    """A token row with the id it had (a rebuild making the account's tokens again)."""
    connection.execute(
        "INSERT INTO cli_tokens (token_id, name, token_sha256, label, created_at, created_by) "
        "VALUES ($token_id, $name, $token_sha256, $label, $created_at, $created_by)",
        row,
    )


def token_by_hash(
    connection: duckdb.DuckDBPyConnection, token_sha256: str
) -> dict[str, Any] | None:
    rows = as_dicts(
        connection.execute(
            f"SELECT {_TOKEN_COLUMNS} FROM cli_tokens WHERE token_sha256 = ?",  # noqa: S608
            [token_sha256],
        )
    )
    return rows[0] if rows else None


def token(connection: duckdb.DuckDBPyConnection, token_id: int) -> dict[str, Any] | None:
    rows = as_dicts(
        connection.execute(
            f"SELECT {_TOKEN_COLUMNS} FROM cli_tokens WHERE token_id = ?",  # noqa: S608
            [token_id],
        )
    )
    return rows[0] if rows else None


def tokens(connection: duckdb.DuckDBPyConnection, name: str | None) -> list[dict[str, Any]]:
    """Every token (of one user, when ``name`` is given), oldest first."""
    return as_dicts(
        connection.execute(
            f"SELECT {_TOKEN_COLUMNS} FROM cli_tokens "  # noqa: S608 - constant column list
            "WHERE ? IS NULL OR name = ? ORDER BY token_id",
            [name, name],
        )
    )


def revoke_token(
    connection: duckdb.DuckDBPyConnection, token_id: int, by: str, at: dt.datetime
) -> None:
    connection.execute(
        "UPDATE cli_tokens SET revoked_at = ?, revoked_by = ? WHERE token_id = ?",
        [at, by, token_id],
    )
