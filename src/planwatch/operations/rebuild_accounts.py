"""User accounts made again by a rebuild, from the archived audit entries about them.

Every change to an account is an audit entry (:mod:`planwatch.access.accounts`,
:mod:`planwatch.access.tokens`), and the entry says what changed: the account made (name,
display name, e-mail, single sign-on subject, roles; who and when), a role granted or revoked, the
account disabled or enabled, a single sign-on binding made at sign-in or removed, an
operating-system account mapped or unmapped, a personal token made or revoked, the last sign-in.
:func:`apply` does that change again, in the transaction that copies the entry.

Two things are never archived, so never made again: passwords (only an Argon2id hash was kept,
and it stays out of the archive) and personal tokens (only their SHA-256 was kept). A rebuilt
account that had a password has none and waits for an admin to set a new one
(``needs_new_password``; its sign-in says so); a rebuilt token keeps its number, owner, label and
dates, but its hash is :func:`unusable_token_hash`, which no token has: its owner makes a new
one. Sign-in counters and locks start afresh.

Because of those two, an account rebuilt this way is not what the log sealed: :func:`reseal`
writes, after the last archived entry, one entry (``accounts-rebuilt``) that seals each account
as rebuilt and names them, so that ``audit verify`` holds on the rebuilt database.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Final

from planwatch.access.audit import AuditAction
from planwatch.storage import audit_log, content_seal, users

UNUSABLE_TOKEN_PREFIX: Final = "rebuilt-token-"  # noqa: S105 - a marker, not a token
"""Not hexadecimal: no token's SHA-256 is ever equal to a hash that starts so."""

ACCOUNT_ACTIONS: Final = frozenset(
    {
        AuditAction.USER_ADDED.value,
        AuditAction.USER_DISABLED.value,
        AuditAction.USER_ENABLED.value,
        AuditAction.ROLE_GRANTED.value,
        AuditAction.ROLE_REVOKED.value,
        AuditAction.PASSWORD_SET.value,
        AuditAction.OS_USER_MAPPED.value,
        AuditAction.OS_USER_UNMAPPED.value,
        AuditAction.TOKEN_CREATED.value,
        AuditAction.TOKEN_REVOKED.value,
        AuditAction.SSO_UNBOUND.value,
        AuditAction.SIGN_IN.value,
        AuditAction.ACCOUNTS_REBUILT.value,
    }
)


def unusable_token_hash(token_id: int) -> str:
    """The hash a rebuilt token gets: 64 characters, like a SHA-256, which no token matches."""
    return f"{UNUSABLE_TOKEN_PREFIX}{token_id}".ljust(64, "-")[:64]


def apply(connection: Any, entry: dict[str, Any]) -> bool:
    """Do again what an archived entry did to an account. False when it changed none."""
    action = str(entry["action"])
    if action not in ACCOUNT_ACTIONS:
        return False
    details: dict[str, Any] = json.loads(entry["details"])
    if action == AuditAction.ACCOUNTS_REBUILT.value:
        return True  # a rebuilt database rebuilt again: its accounts are without secrets already
    name = str(entry["subject"] or "")
    at: dt.datetime = entry["recorded_at"]
    actor = str(entry["actor"])
    if action == AuditAction.USER_ADDED.value:
        _add(connection, name, details, actor, at)
        return True
    if action in (AuditAction.OS_USER_MAPPED.value, AuditAction.OS_USER_UNMAPPED.value):
        mapped = name if action == AuditAction.OS_USER_MAPPED.value else None
        users.set_os_user(connection, str(details["os_user"]), mapped, actor, at)
        return True
    if users.user(connection, name) is None:
        return False  # refused at the time, or about an account the archive never made
    _change(connection, action, name, details, actor, at)
    return True


def _add(
    connection: Any,
    name: str,
    details: dict[str, Any],
    actor: str,
    at: dt.datetime,
) -> None:
    roles = [str(r) for r in details.get("roles", [])]
    demo = bool(details.get("demo"))
    if users.user(connection, name) is None:
        shown = details.get("display_name")
        if shown is None:  # an entry written before it carried the display name
            shown = f"Demo {roles[0]}" if demo and roles else name
        users.insert_user(
            connection,
            {
                "name": name,
                "display_name": shown,
                "email": details.get("email"),
                "oidc_subject": details.get("oidc_subject"),
                "password_hash": None,
                "created_at": at,
                "created_by": actor,
            },
        )
        if demo or details.get("local_password"):
            users.update_user(connection, name, needs_new_password=True)
    for role in roles:
        users.grant(connection, name, role, actor, at)


def _change(
    connection: Any,
    action: str,
    name: str,
    details: dict[str, Any],
    actor: str,
    at: dt.datetime,
) -> None:
    if action in (AuditAction.USER_DISABLED.value, AuditAction.USER_ENABLED.value):
        users.update_user(connection, name, disabled=action == AuditAction.USER_DISABLED.value)
    elif action == AuditAction.ROLE_GRANTED.value:
        users.grant(connection, name, str(details["role"]), actor, at)
    elif action == AuditAction.ROLE_REVOKED.value:
        users.revoke(connection, name, str(details["role"]))
    elif action == AuditAction.PASSWORD_SET.value:
        users.update_user(connection, name, needs_new_password=True)
        if details.get("demo"):  # init --demo again: the demo user enabled, with its role
            users.update_user(connection, name, disabled=False)
            for role in details.get("roles", []):
                users.grant(connection, name, str(role), actor, at)
    elif action == AuditAction.TOKEN_CREATED.value:
        token_id = int(details["token_id"])
        users.insert_token_row(
            connection,
            {
                "token_id": token_id,
                "name": name,
                "token_sha256": unusable_token_hash(token_id),
                "label": str(details.get("label", "")),
                "created_at": at,
                "created_by": actor,
            },
        )
    elif action == AuditAction.TOKEN_REVOKED.value:
        users.revoke_token(connection, int(details["token_id"]), actor, at)
    elif action == AuditAction.SSO_UNBOUND.value:
        users.update_user(connection, name, oidc_subject=None, oidc_issuer=None)
    elif action == AuditAction.SIGN_IN.value:
        changes: dict[str, Any] = {"last_signin_at": at}
        if details.get("method") == "oidc" and details.get("bound"):
            changes |= {
                "oidc_subject": details.get("subject"),
                "oidc_issuer": details.get("issuer"),
            }
        users.update_user(connection, name, **changes)


def reseal(connection: Any, *, at: dt.datetime, origin: str) -> tuple[int | None, list[str]]:
    """Seal, in one last entry, every account that is not as the log last sealed it (because its
    password or tokens were not archived). Returns the entry's number (None: every account is
    as sealed, so no entry) and the accounts waiting for a new password."""
    rows = users.users(connection)
    names = [str(row["name"]) for row in rows]
    waiting = [str(row["name"]) for row in rows if row["needs_new_password"]]
    units = [content_seal.unit(content_seal.USER, name) for name in names]
    live = content_seal.digests(connection, units)
    sealed = content_seal.seal_index(connection, units)
    differing = sorted(u for u in units if u in live and live[u].sha256 != sealed.get(u))
    if not differing:
        return None, waiting
    accounts = [u.split(":", 1)[1] for u in differing]
    content = content_seal.seal(connection, differing)
    seq = audit_log.append_audit(
        connection,
        recorded_at=at,
        actor="planwatch",
        action=AuditAction.ACCOUNTS_REBUILT.value,
        subject=None,
        details={
            "accounts": accounts,
            "reason": "rebuilt from the archive: passwords and personal tokens are not archived; "
            "an admin sets each account a new password, and each owner makes a new token",
        },
        origin=origin,
        content=content,
    )
    return seq, waiting
