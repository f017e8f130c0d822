"""Who the command line acts as: the operating-system account that runs it, mapped to a planwatch
user, or a personal token.

The command line opens the database itself, so it cannot ask for a password the way the app
does. It proves a planwatch user in one of two ways, checked in this order:

1. a **personal token** in ``$PLANWATCH_TOKEN`` (made with ``planwatch users token create``,
   shown once, kept only as its SHA-256, revocable): it proves its owner;
2. the **operating-system account** running the command (from the process's user id, never
   from ``$USER``), if an admin mapped it to a planwatch user (``planwatch users
   map-os-user``).

The command then acts as that user. ``--user NAME`` (or ``$PLANWATCH_USER``) names someone
else only when the proven user is an admin (acting for them; the audit log records both), and
is otherwise refused. Without a token or a mapping the command acts as nobody, which every
permission check refuses: only the operator's commands and the creation of the very first admin
run so. Every audit entry a command writes names the planwatch user it acted as and, in its
origin, the operating-system account, how the user was proven and who acted for whom.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import secrets
from dataclasses import dataclass
from typing import Any, Final, Literal

from planwatch.access import accounts, names
from planwatch.access.audit import AuditAction, record
from planwatch.domain.clock import utc_now
from planwatch.domain.permissions import Actor, Permission, Role, require
from planwatch.errors import NotFoundError, PermissionDeniedError, UsageError
from planwatch.storage import Store, migrations, users

TOKEN_ENV: Final = "PLANWATCH_TOKEN"  # noqa: S105 - the variable's name
TOKEN_PREFIX: Final = "pwt_"  # noqa: S105 - marks a planwatch token in a file or a log
_TOKEN_BYTES: Final = 32
_OS_USER: Final = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._@$-]{0,63}")
MAX_LABEL: Final = 100

Method = Literal["token", "os-user", "none"]


def os_account() -> str:
    """The operating-system account running this process, from its effective user id (the
    environment's ``$USER`` can be set to anything, so it is never asked)."""
    uid = os.geteuid()
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):  # no name for this uid (a container), or not POSIX
        return f"uid-{uid}"


def _check_os_user(os_user: str) -> str:
    clean = os_user.strip()
    if not _OS_USER.fullmatch(clean):
        raise UsageError(
            f"Ugyldig styresystemkonto {names.shown(os_user)}: 1-64 tegn, bogstaver, tal og "
            ". _ @ $ -.",
            f"Invalid operating-system account {names.shown(os_user)}: 1-64 characters, "
            "letters, digits and . _ @ $ -.",
        )
    return clean


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """A personal token as its owner or an admin sees it: never the token itself."""

    token_id: int
    name: str
    label: str
    created_at: dt.datetime
    created_by: str
    revoked_at: dt.datetime | None
    revoked_by: str | None


def _token_info(row: dict[str, Any]) -> TokenInfo:
    return TokenInfo(
        token_id=int(row["token_id"]),
        name=row["name"],
        label=row["label"],
        created_at=row["created_at"],
        created_by=row["created_by"],
        revoked_at=row["revoked_at"],
        revoked_by=row["revoked_by"],
    )


@dataclass(frozen=True, slots=True)
class CliIdentity:
    """Who runs a command: the operating-system account, and the planwatch user proven by a
    token or the account's mapping (None: nobody)."""

    os_user: str
    proven: str | None
    method: Method
    token_id: int | None = None

    def origin(self, host: str, acting: str | None) -> str:
        """``cli anne@host [os-user anne]``, ``cli deploy@host [token #3 anne]``, ``cli
        root@host [os-user karen, acting as ole]``, ``cli eve@host [unmapped]``."""
        if self.proven is None:
            how = "unmapped"
        elif self.method == "token":
            how = f"token #{self.token_id} {self.proven}"
        else:
            how = f"os-user {self.proven}"
        if acting is not None and acting != self.proven:
            how += f", acting as {acting}"
        return f"cli {self.os_user}@{host} [{how}]"


def identify(store: Store, *, os_user: str, token: str | None) -> CliIdentity:
    """The planwatch user a command may act as: the token's owner (an unknown or revoked token
    is refused, never ignored), else the user the operating-system account is mapped to."""
    with store.connect(read_only=True):  # a missing database: the usual "does not exist"
        pass
    migrations.require_current(store)
    with store.connect(read_only=True) as connection:
        if token:
            row = users.token_by_hash(connection, _digest(token.strip()))
            if row is None or row["revoked_at"] is not None:
                raise PermissionDeniedError(
                    f"Nøglen i ${TOKEN_ENV} er ukendt eller tilbagekaldt.",
                    f"The token in ${TOKEN_ENV} is unknown or revoked.",
                )
            return CliIdentity(os_user, row["name"], "token", int(row["token_id"]))
        mapped = users.os_user_name(connection, os_user)
    if mapped is None:
        return CliIdentity(os_user, None, "none")
    return CliIdentity(os_user, mapped, "os-user")


def acting_as(
    store: Store, identity: CliIdentity, requested: str | None, *, host: str
) -> Actor | None:
    """The actor a command acts as: the proven user, or ``requested`` (``--user``) when it is
    the proven user or the proven user is an admin. None when nobody is proven or asked for."""
    wanted = names.user_name(requested) if requested else None
    if identity.proven is None:
        if wanted is None:
            return None
        raise PermissionDeniedError(
            f"Styresystemkontoen {identity.os_user} er ikke knyttet til en planwatch-bruger, så "
            f"den kan ikke handle som {wanted}. Brug din personlige nøgle (${TOKEN_ENV}), eller "
            f"bed en administrator om 'planwatch users map-os-user {identity.os_user} NAVN'.",
            f"The operating-system account {identity.os_user} is not mapped to a planwatch user, "
            f"so it cannot act as {wanted}. Use your personal token (${TOKEN_ENV}), or ask an "
            f"admin for 'planwatch users map-os-user {identity.os_user} NAME'.",
        )
    proven = accounts.actor_for(store, identity.proven, origin=identity.origin(host, None))
    if wanted is None or wanted == proven.name:
        return proven
    if Role.ADMIN not in proven.roles:
        raise PermissionDeniedError(
            f"{proven.name} må ikke handle som {wanted}: --user med en anden bruger er kun for "
            "administratorer.",
            f"{proven.name} may not act as {wanted}: --user naming another user is for admins "
            "only.",
        )
    return accounts.actor_for(store, wanted, origin=identity.origin(host, wanted))


# --- mapping operating-system accounts (admins) ----------------------------------------------


def map_os_user(
    store: Store,
    by: Actor | None,
    os_user: str,
    name: str | None,
    *,
    origin: str = "",
    file_owner: str | None = None,
) -> str | None:
    """Map an operating-system account to a planwatch user (``name`` None: remove the mapping).
    Admins may; so may ``file_owner``, the operating-system account that owns the database file
    (the operator, who could change the file anyway): that is how a database made before
    mappings existed gets its first one. Returns the user it was mapped to before."""
    if file_owner is not None and (by is None or not by.can(Permission.MANAGE_USERS)):
        who = f"os-user {_check_os_user(file_owner)} (database file owner)"
    else:
        who = require(by, Permission.MANAGE_USERS).name
    account = _check_os_user(os_user)
    target = names.user_name(name) if name is not None else None
    moment = utc_now()
    with store.transaction() as connection:
        if target is not None and users.user(connection, target) is None:
            raise NotFoundError(f"Brugeren {target} findes ikke.", f"User {target} does not exist.")
        before = users.set_os_user(connection, account, target, who, moment)
        if before == target:
            return before
        record(
            connection,
            actor=who,
            action=AuditAction.OS_USER_MAPPED if target else AuditAction.OS_USER_UNMAPPED,
            subject=target or before,
            details={"os_user": account, "before": before},
            origin=origin,
            at=moment,
        )
    return before


def os_user_mappings(store: Store, by: Actor | None) -> list[dict[str, Any]]:
    require(by, Permission.MANAGE_USERS)
    with store.connect(read_only=True) as connection:
        return users.os_user_map(connection)


# --- personal tokens --------------------------------------------------------------------------


def _own_or_admin(by: Actor | None, name: str) -> Actor:
    if by is not None and by.name == name:
        return by
    return require(by, Permission.MANAGE_USERS)


def create_token(
    store: Store, by: Actor | None, name: str | None, *, label: str = "", origin: str = ""
) -> tuple[TokenInfo, str]:
    """A new personal token for ``name`` (default: the one who asks; another user's only by an
    admin). Returns its record and the token, which is shown this once and never stored."""
    owner = names.user_name(name) if name else (by.name if by is not None else "")
    who = _own_or_admin(by, owner)
    text = label.strip()
    if len(text) > MAX_LABEL or names.has_control(text):
        raise UsageError(
            f"Ugyldig betegnelse {names.shown(label)}: højst {MAX_LABEL} tegn uden kontroltegn.",
            f"Invalid label {names.shown(label)}: at most {MAX_LABEL} characters without "
            "control characters.",
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(_TOKEN_BYTES)
    moment = utc_now()
    with store.transaction() as connection:
        if users.user(connection, owner) is None:
            raise NotFoundError(f"Brugeren {owner} findes ikke.", f"User {owner} does not exist.")
        token_id = users.insert_token(
            connection, name=owner, token_sha256=_digest(token), label=text, by=who.name, at=moment
        )
        record(
            connection,
            actor=who.name,
            action=AuditAction.TOKEN_CREATED,
            subject=owner,
            details={"token_id": token_id, "label": text},
            origin=origin,
            at=moment,
        )
        row = users.token(connection, token_id)
    assert row is not None  # noqa: S101 - written just above
    return _token_info(row), token


def revoke_token(store: Store, by: Actor | None, token_id: int, *, origin: str = "") -> bool:
    """Revoke a token (its owner or an admin). False when it was revoked already."""
    moment = utc_now()
    with store.transaction() as connection:
        row = users.token(connection, token_id)
        if row is None:
            raise NotFoundError(
                f"Nøgle #{token_id} findes ikke.", f"Token #{token_id} does not exist."
            )
        who = _own_or_admin(by, row["name"])
        if row["revoked_at"] is not None:
            return False
        users.revoke_token(connection, token_id, who.name, moment)
        record(
            connection,
            actor=who.name,
            action=AuditAction.TOKEN_REVOKED,
            subject=row["name"],
            details={"token_id": token_id},
            origin=origin,
            at=moment,
        )
    return True


def list_tokens(store: Store, by: Actor | None, name: str | None = None) -> list[TokenInfo]:
    """Tokens of ``name`` (default: the one who asks); every user's tokens for an admin who
    names nobody."""
    if by is None:
        require(by, Permission.MANAGE_USERS)
    assert by is not None  # noqa: S101 - refused just above
    owner = names.user_name(name) if name else None
    if owner is None and not by.can(Permission.MANAGE_USERS):
        owner = by.name
    if owner is not None:
        _own_or_admin(by, owner)
    with store.connect(read_only=True) as connection:
        return [_token_info(row) for row in users.tokens(connection, owner)]
