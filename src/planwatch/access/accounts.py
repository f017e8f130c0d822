"""Users, roles and signing in. Default deny: no role, no access.

Local accounts keep an Argon2id hash of the password (argon2-cffi), never the password. Repeated
failed sign-ins lock an account for a while. With single sign-on (OIDC through Streamlit), the
identity provider proves who the user is and planwatch's database still says what they may do.
Every sign-in, failed sign-in and change to users or roles is written to the audit log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from planwatch.access import names
from planwatch.access.audit import AuditAction, record
from planwatch.access.passwords import check_password
from planwatch.domain.clock import to_utc_naive, utc_now
from planwatch.domain.permissions import Actor, Permission, Role, parse_role, require
from planwatch.errors import NotFoundError, PermissionDeniedError, SignInError, UsageError
from planwatch.settings import Settings
from planwatch.storage import Store, migrations, users

if TYPE_CHECKING:
    from argon2 import PasswordHasher

NAME_PATTERN: Final = names.NAME_PATTERN
DEMO_PREFIX: Final = "demo-"


@functools.cache
def _hasher() -> PasswordHasher:
    """Argon2id, argon2-cffi's RFC 9106 "low memory" profile. Loaded on first use: only
    setting or checking a password needs it, not a command that reads figures (issue 17)."""
    from argon2 import PasswordHasher

    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified when the name is unknown, so that a wrong name takes as long as a wrong
    password. Made once per process, by the first password sign-in whatever its name (so the
    first sign-in costs the same for a known and an unknown name), never at import: hashing
    takes a good fraction of a second by design."""
    return _hasher().hash(secrets.token_urlsafe(16))


@dataclass(frozen=True, slots=True)
class SignInPolicy:
    max_failed: int = 5
    lockout: dt.timedelta = dt.timedelta(minutes=15)

    @classmethod
    def from_settings(cls, settings: Settings) -> SignInPolicy:
        return cls(settings.max_failed_signins, dt.timedelta(minutes=settings.lockout_minutes))


@dataclass(frozen=True, slots=True)
class UserInfo:
    """A user as an admin sees them. Never carries the password hash."""

    name: str
    display_name: str
    email: str | None
    roles: tuple[Role, ...]
    disabled: bool
    has_password: bool
    uses_sso: bool
    locked_until: dt.datetime | None
    created_at: dt.datetime
    created_by: str
    last_signin_at: dt.datetime | None
    needs_new_password: bool = False
    """Made again by a rebuild from the archive without its password: an admin sets one."""


def _info(row: dict[str, Any]) -> UserInfo:
    return UserInfo(
        name=row["name"],
        display_name=row["display_name"],
        email=row["email"],
        roles=tuple(Role(r) for r in row["roles"]),
        disabled=bool(row["disabled"]),
        has_password=row["password_hash"] is not None,
        uses_sso=row["oidc_subject"] is not None or row["email"] is not None,
        locked_until=row["locked_until"],
        created_at=row["created_at"],
        created_by=row["created_by"],
        last_signin_at=row["last_signin_at"],
        needs_new_password=bool(row["needs_new_password"]),
    )


def _check_name(name: str) -> str:
    return names.user_name(name)


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def _roles(roles: Iterable[Role | str]) -> list[Role]:
    parsed = sorted({r if isinstance(r, Role) else parse_role(r) for r in roles})
    if not parsed:
        raise UsageError("En bruger skal have mindst én rolle.", "A user needs at least one role.")
    return parsed


def _require_manager(connection: Any, by: Actor | None, roles: list[Role]) -> str:
    """The name to record as the one who acts. With no user yet able to manage users, the
    first admin may be created without one (bootstrap); never anything else."""
    if by is not None:
        return require(by, Permission.MANAGE_USERS).name
    if users.count_users_with_role(connection, Role.ADMIN.value) == 0 and Role.ADMIN in roles:
        return "bootstrap"
    require(None, Permission.MANAGE_USERS)
    raise AssertionError("unreachable")  # pragma: no cover


def add_user(
    store: Store,
    by: Actor | None,
    name: str,
    roles: Iterable[Role | str],
    *,
    password: str | None = None,
    display_name: str | None = None,
    email: str | None = None,
    oidc_subject: str | None = None,
    origin: str = "",
    now: dt.datetime | None = None,
) -> UserInfo:
    """Add a user with roles: a local account (password) or a single sign-on user (e-mail or
    subject), or both. Only an admin may, except for the very first admin."""
    clean = _check_name(name)
    wanted = _roles(roles)
    shown_name = names.display_name(display_name) if display_name is not None else clean
    email = names.email(email) if email is not None else None
    oidc_subject = names.claim("subject", oidc_subject) if oidc_subject is not None else None
    if password is None and email is None and oidc_subject is None:
        raise UsageError(
            "En bruger skal have en adgangskode eller en e-mail/subject til single sign-on.",
            "A user needs a password, or an e-mail/subject for single sign-on.",
        )
    if password is not None:
        check_password(password, clean)
    migrations.require_current(store)
    moment = to_utc_naive(now) if now else utc_now()
    with store.transaction() as connection:
        who = _require_manager(connection, by, wanted)
        if users.user(connection, clean) is not None:
            raise UsageError(f"Brugeren {clean} findes allerede.", f"User {clean} already exists.")
        users.insert_user(
            connection,
            {
                "name": clean,
                "display_name": shown_name,
                "email": email,
                "oidc_subject": oidc_subject,
                "password_hash": hash_password(password) if password is not None else None,
                "created_at": moment,
                "created_by": who,
            },
        )
        for role in wanted:
            users.grant(connection, clean, role.value, who, moment)
        record(
            connection,
            actor=who,
            action=AuditAction.USER_ADDED,
            subject=clean,
            details={
                "roles": [r.value for r in wanted],
                "email": email,
                "local_password": password is not None,
                "sso": oidc_subject is not None or email is not None,
                # what a rebuild from the archive needs to make the account again
                "display_name": shown_name,
                "oidc_subject": oidc_subject,
            },
            origin=origin,
            at=moment,
        )
        rows = [r for r in users.users(connection) if r["name"] == clean]
    return _info(rows[0])


def list_users(store: Store, by: Actor | None) -> list[UserInfo]:
    require(by, Permission.MANAGE_USERS)
    with store.connect(read_only=True) as connection:
        return [_info(row) for row in users.users(connection)]


def _existing(connection: Any, name: str) -> dict[str, Any]:
    row = users.user(connection, name.strip().lower())
    if row is None:
        raise NotFoundError(f"Brugeren {name} findes ikke.", f"User {name} does not exist.")
    return row


def _last_admin_guard(connection: Any, name: str) -> None:
    if Role.ADMIN.value in users.roles(connection, name) and (
        users.count_users_with_role(connection, Role.ADMIN.value) <= 1
    ):
        raise UsageError(
            "Det er den sidste aktive administrator; tilføj en anden først.",
            "This is the last active admin; add another one first.",
        )


def set_disabled(
    store: Store, by: Actor | None, name: str, disabled: bool, *, origin: str = ""
) -> None:
    """Disable (or enable again) a user. Users are never deleted."""
    who = require(by, Permission.MANAGE_USERS).name
    with store.transaction() as connection:
        row = _existing(connection, name)
        if bool(row["disabled"]) == disabled:
            return
        if disabled:
            if row["name"] == who:
                raise UsageError("Du kan ikke deaktivere dig selv.", "You cannot disable yourself.")
            _last_admin_guard(connection, row["name"])
        users.update_user(connection, row["name"], disabled=disabled)
        record(
            connection,
            actor=who,
            action=AuditAction.USER_DISABLED if disabled else AuditAction.USER_ENABLED,
            subject=row["name"],
            origin=origin,
        )


def change_role(
    store: Store, by: Actor | None, name: str, role: Role | str, grant: bool, *, origin: str = ""
) -> bool:
    """Grant or revoke one role. Returns False when nothing changed."""
    who = require(by, Permission.MANAGE_USERS).name
    the_role = role if isinstance(role, Role) else parse_role(role)
    moment = utc_now()
    with store.transaction() as connection:
        row = _existing(connection, name)
        if grant:
            changed = users.grant(connection, row["name"], the_role.value, who, moment)
        else:
            if the_role is Role.ADMIN:
                _last_admin_guard(connection, row["name"])
            changed = users.revoke(connection, row["name"], the_role.value)
        if changed:
            record(
                connection,
                actor=who,
                action=AuditAction.ROLE_GRANTED if grant else AuditAction.ROLE_REVOKED,
                subject=row["name"],
                details={"role": the_role.value},
                origin=origin,
                at=moment,
            )
    return changed


def set_password(
    store: Store, by: Actor | None, name: str, password: str, *, origin: str = ""
) -> None:
    """An admin sets anyone's password; a user may set their own."""
    own = by is not None and by.name == name.strip().lower()
    who = by if own and by is not None else require(by, Permission.MANAGE_USERS)
    with store.transaction() as connection:
        row = _existing(connection, name)
        check_password(password, row["name"])
        users.update_user(
            connection,
            row["name"],
            password_hash=hash_password(password),
            failed_signins=0,
            locked_until=None,
            needs_new_password=False,
        )
        record(
            connection,
            actor=who.name,
            action=AuditAction.PASSWORD_SET,
            subject=row["name"],
            origin=origin,
        )


def _actor(connection: Any, row: dict[str, Any], origin: str) -> Actor:
    return Actor(
        name=row["name"],
        roles=frozenset(Role(r) for r in users.roles(connection, row["name"])),
        origin=origin,
        display_name=row["display_name"],
    )


_REFUSED_DA: Final = "Forkert brugernavn eller adgangskode."
_REFUSED_EN: Final = "Wrong user name or password."
# The one answer to every refused password sign-in: an unknown name, a wrong password, a locked
# or a disabled account all get these words (and the same Argon2id check), so that nobody learns
# from the answer whether an account exists. The audit log records which it was.
_REFUSED_ANY_DA: Final = (
    _REFUSED_DA + " Efter {max_failed} forkerte forsøg i træk er en konto spærret i {minutes} "
    "minutter; en deaktiveret konto kan ikke logge ind. Kontakt en administrator, hvis det "
    "bliver ved."
)
_REFUSED_ANY_EN: Final = (
    _REFUSED_EN + " After {max_failed} wrong attempts in a row an account is locked for "
    "{minutes} minutes; a disabled account cannot sign in. Contact an administrator if it goes "
    "on."
)

NEEDS_NEW_PASSWORD: Final = "needs-new-password"  # noqa: S105 - a reason, not a password
# An account made again by a rebuild from the archive has no password (passwords are never
# archived) until an admin sets one. Its refusal says the same words as every other, so that
# nobody learns which accounts exist; while any account waits, every refusal (an unknown name's
# too) adds this sentence, which tells only that the database was rebuilt.
_REBUILT_NOTE_DA: Final = (
    " Databasen er genopbygget fra arkivet, og adgangskoder gemmes ikke i arkivet: har du ikke "
    "fået en ny adgangskode siden, så bed en administrator om en ny adgangskode."
)
_REBUILT_NOTE_EN: Final = (
    " The database was rebuilt from the archive, which keeps no passwords: if you have not been "
    "given a new password since, ask an administrator for a new password."
)


def sign_in(
    store: Store,
    name: str,
    password: str,
    *,
    origin: str = "",
    policy: SignInPolicy = SignInPolicy(),
    now: dt.datetime | None = None,
) -> Actor:
    """Check a local account's password. Refusals are recorded and counted; too many in a row
    lock the account for ``policy.lockout``. The message never says which part was wrong."""
    moment = to_utc_naive(now) if now else utc_now()
    try:
        clean = names.user_name(name)
    except UsageError:  # never a user: refused like an unknown one, logged escaped
        clean = ""
    # The slow part (Argon2id takes a good fraction of a second by design) runs outside the
    # transaction, so that sessions signing in at the same moment do not hold each other up.
    dummy_hash = _dummy_hash()  # before the name is looked up: the same work for any name
    with store.connect() as connection:
        snapshot = users.user(connection, clean) if clean else None
    stored_hash = snapshot["password_hash"] if snapshot else None
    password_ok = _verify(stored_hash or dummy_hash, password) and stored_hash is not None

    def work(connection: Any) -> tuple[Actor | None, SignInError | None]:
        row = users.user(connection, clean) if clean else None
        # If the password changed meanwhile, the check above was against the old one.
        row_ok = password_ok and (row is None or row["password_hash"] == stored_hash)
        reason, actor = _judge(connection, row, row_ok, policy, moment, origin)
        rebuilt = actor is None and users.any_waiting_for_password(connection)
        if not clean:
            reason = "invalid-name"
        record(
            connection,
            actor=clean or "?",
            action=AuditAction.SIGN_IN if actor else AuditAction.SIGN_IN_FAILED,
            subject=clean or None,
            details={"method": "password"}
            | ({"reason": reason} if reason else {})
            | ({} if clean else {"name": names.shown(name)}),
            origin=origin,
            at=moment,
        )
        return actor, None if actor is not None else _refusal(reason, row, policy, rebuilt=rebuilt)

    actor, refusal = store.run_in_transaction(work)
    if refusal is not None or actor is None:
        raise refusal or SignInError(_REFUSED_DA, _REFUSED_EN)
    if stored_hash is not None and _hasher().check_needs_rehash(stored_hash):
        rehashed = hash_password(password)  # stronger parameters since it was set
        store.run_in_transaction(
            lambda connection: users.update_user(connection, actor.name, password_hash=rehashed)
        )
    return actor


def _judge(
    connection: Any,
    row: dict[str, Any] | None,
    password_ok: bool,
    policy: SignInPolicy,
    moment: dt.datetime,
    origin: str,
) -> tuple[str | None, Actor | None]:
    """(why refused, None) or (None, the signed-in actor); updates the counters."""
    if row is not None and row["password_hash"] is None and row["needs_new_password"]:
        return NEEDS_NEW_PASSWORD, None
    if row is None or row["password_hash"] is None:
        return "unknown-user" if row is None else "no-local-password", None
    if row["locked_until"] is not None and row["locked_until"] > moment:
        return "locked", None
    if not password_ok:
        failed = int(row["failed_signins"]) + 1
        if failed >= policy.max_failed:
            users.update_user(
                connection, row["name"], failed_signins=0, locked_until=moment + policy.lockout
            )
            return "wrong-password-locked", None
        users.update_user(connection, row["name"], failed_signins=failed, locked_until=None)
        return "wrong-password", None
    if row["disabled"]:
        return "disabled", None
    actor = _actor(connection, row, origin)
    if not actor.roles:
        return "no-roles", None
    users.update_user(
        connection, row["name"], failed_signins=0, locked_until=None, last_signin_at=moment
    )
    return None, actor


def _verify(stored: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return _hasher().verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _refusal(
    reason: str | None, row: dict[str, Any] | None, policy: SignInPolicy, *, rebuilt: bool = False
) -> SignInError:
    """The words of a refused password sign-in: the same for every reason but one. Only the
    right password for an account without roles learns that (it proves the account anyway).
    ``rebuilt``: some account waits for a new password after a rebuild (every refusal says so)."""
    if reason == "no-roles":
        return _no_roles()
    values = {"max_failed": policy.max_failed, "minutes": int(policy.lockout.total_seconds() // 60)}
    da, en = _REFUSED_ANY_DA.format(**values), _REFUSED_ANY_EN.format(**values)
    if rebuilt:
        da, en = da + _REBUILT_NOTE_DA, en + _REBUILT_NOTE_EN
    return SignInError(da, en)


def _no_roles() -> SignInError:
    return SignInError(
        "Kontoen har ingen roller endnu. Kontakt en administrator.",
        "The account has no roles yet. Contact an administrator.",
    )


def _disabled() -> SignInError:  # single sign-on only: the provider has proved who it is
    return SignInError(
        "Kontoen er deaktiveret. Kontakt en administrator.",
        "The account is disabled. Contact an administrator.",
    )


def _verified(value: object) -> bool:
    """The ``email_verified`` claim: true, or "true" as some providers send it."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _sso_claims(
    email: str | None, subject: str | None, issuer: str | None
) -> tuple[str | None, str, str]:
    """The provider's claims, checked: (e-mail or None, subject, issuer). UsageError if one is
    missing, too long or holds a control character."""
    if not subject:
        raise UsageError("Udbyderen sendte intet subject.", "The provider sent no subject.")
    return (
        names.email(email) if email else None,
        names.claim("subject", subject),
        names.claim("issuer", issuer or "?"),
    )


def _match_sso(
    connection: Any, email: str | None, subject: str, issuer: str, email_verified: object
) -> tuple[dict[str, Any] | None, str | None]:
    """(the account, None) or (the account if any, why refused). An account bound to this
    issuer and subject is found by them; otherwise by a verified e-mail, and only if the account
    is bound to no one else."""
    for row in users.user_by_subject(connection, subject):
        if row["oidc_issuer"] in (None, issuer):  # None: an admin gave the subject alone
            return row, None
    if email is None:
        return None, "unknown-identity"
    by_email = users.user_by_email(connection, email)
    if not by_email:
        return None, "unknown-identity"
    row = by_email[0]
    if row["oidc_subject"] is not None:
        return row, "bound-to-another-subject"
    if not _verified(email_verified):
        return row, "email-unverified"
    return row, None


def _sso_refusal(reason: str, shown: str) -> SignInError:
    if reason == "unknown-identity":
        return SignInError(
            f"{shown} har ingen adgang til planwatch. Kontakt en administrator.",
            f"{shown} has no access to planwatch. Contact an administrator.",
        )
    if reason == "email-unverified":
        return SignInError(
            f"Identitetsudbyderen har ikke bekræftet e-mailen {shown}, så planwatch kan ikke "
            "bruge den til at finde din konto. Bekræft den hos udbyderen, eller bed en "
            "administrator om at knytte kontoen til din identitet (subject).",
            f"The identity provider has not verified the e-mail {shown}, so planwatch cannot use "
            "it to find your account. Verify it at the provider, or ask an administrator to "
            "bind the account to your identity (subject).",
        )
    if reason == "bound-to-another-subject":
        return SignInError(
            f"Kontoen for {shown} er knyttet til en anden identitet hos udbyderen. Kontakt en "
            "administrator.",
            f"The account for {shown} is bound to another identity at the provider. Contact an "
            "administrator.",
        )
    if reason == "invalid-claims":
        return SignInError(
            "Identitetsudbyderen sendte en ugyldig identitet (e-mail eller subject). Kontakt en "
            "administrator.",
            "The identity provider sent an invalid identity (e-mail or subject). Contact an "
            "administrator.",
        )
    return _disabled() if reason == "disabled" else _no_roles()


def sign_in_sso(
    store: Store,
    *,
    email: str | None,
    subject: str | None,
    issuer: str | None = None,
    email_verified: object = None,
    origin: str = "",
    now: dt.datetime | None = None,
) -> Actor:
    """A user the identity provider has signed in: their planwatch account and roles.

    An account bound to the provider's issuer and subject is found by them. Otherwise the
    account with the e-mail is found, only if the provider says it verified the e-mail
    (``email_verified``) and the account is bound to no other subject; this first sign-in binds
    it to the issuer and subject. An unverified e-mail, a second subject for a bound account,
    claims with control characters, and unknown, disabled or roleless users are refused; every
    attempt is in the audit log, with the claims escaped."""
    moment = to_utc_naive(now) if now else utc_now()
    clean_email: str | None = None
    clean_subject: str | None = None
    clean_issuer: str | None = None
    with contextlib.suppress(UsageError):  # refused below as invalid-claims, logged escaped
        clean_email, clean_subject, clean_issuer = _sso_claims(email, subject, issuer)

    def work(connection: Any) -> tuple[Actor | None, SignInError | None]:
        actor: Actor | None = None
        row: dict[str, Any] | None = None
        bound = False
        if clean_subject is None or clean_issuer is None:
            reason: str | None = "invalid-claims"
        else:
            row, reason = _match_sso(
                connection, clean_email, clean_subject, clean_issuer, email_verified
            )
        if row is not None and reason is None:
            if row["disabled"]:
                reason = "disabled"
            else:
                actor = _actor(connection, row, origin)
                reason = None if actor.roles else "no-roles"
        if row is not None and reason is None:
            changes: dict[str, Any] = {"last_signin_at": moment}
            if row["oidc_subject"] is None or row["oidc_issuer"] is None:
                changes |= {"oidc_subject": clean_subject, "oidc_issuer": clean_issuer}
                bound = True
            users.update_user(connection, row["name"], **changes)
        given = {"email": clean_email, "subject": clean_subject, "issuer": clean_issuer}
        if reason == "invalid-claims":
            given = {
                key: names.shown(value) if value is not None else None
                for key, value in (("email", email), ("subject", subject), ("issuer", issuer))
            }
        record(
            connection,
            actor=row["name"] if row else (clean_email or clean_subject or "?"),
            action=AuditAction.SIGN_IN if reason is None else AuditAction.SIGN_IN_FAILED,
            subject=row["name"] if row else None,
            details={"method": "oidc", **given}
            | ({"reason": reason} if reason else {"bound": bound}),
            origin=origin,
            at=moment,
        )
        if reason is None:
            return actor, None
        return None, _sso_refusal(reason, clean_email or clean_subject or "?")

    actor, refusal = store.run_in_transaction(work)
    if refusal is not None or actor is None:
        raise refusal or SignInError(_REFUSED_DA, _REFUSED_EN)
    return actor


def unbind_sso(store: Store, by: Actor | None, name: str, *, origin: str = "") -> bool:
    """Forget the identity an account is bound to (admins), so that the next sign-in with a
    verified e-mail binds it again: for a person whose subject at the provider changed.
    False when it was bound to nothing."""
    who = require(by, Permission.MANAGE_USERS).name
    with store.transaction() as connection:
        row = _existing(connection, name)
        if row["oidc_subject"] is None and row["oidc_issuer"] is None:
            return False
        users.update_user(connection, row["name"], oidc_subject=None, oidc_issuer=None)
        record(
            connection,
            actor=who,
            action=AuditAction.SSO_UNBOUND,
            subject=row["name"],
            details={"subject": row["oidc_subject"], "issuer": row["oidc_issuer"]},
            origin=origin,
        )
    return True


def sign_out(store: Store, actor: Actor, *, expired: bool = False) -> None:
    """Record the end of a session (signed out, or ended after the idle time)."""
    store.run_in_transaction(
        lambda connection: record(
            connection,
            actor=actor.name,
            action=AuditAction.SESSION_EXPIRED if expired else AuditAction.SIGN_OUT,
            subject=actor.name,
            origin=actor.origin,
        )
    )


def actor_for(store: Store, name: str, *, origin: str = "") -> Actor:
    """The user a command-line call acts as (``--user``): they must exist and be enabled.
    What they may do is then checked action by action, as in the app."""
    clean = names.user_name(name)
    with store.connect(read_only=True) as connection:
        row = users.user(connection, clean)
        if row is None:
            raise PermissionDeniedError(
                f"Brugeren {name} findes ikke i planwatch.",
                f"User {name} does not exist in planwatch.",
            )
        if row["disabled"]:
            raise PermissionDeniedError(
                f"Brugeren {name} er deaktiveret.", f"User {name} is disabled."
            )
        return _actor(connection, row, origin)


def demo_users(store: Store, *, origin: str = "planwatch init --demo") -> dict[str, str]:
    """One demo user per role (``demo-viewer`` …) with a fresh random password each time,
    returned so that the demo can print them. Nothing else ever has a default password."""
    passwords: dict[str, str] = {}
    moment = utc_now()
    with store.transaction() as connection:
        for role in Role:
            name = f"{DEMO_PREFIX}{role.value}"
            password = secrets.token_urlsafe(12)
            passwords[name] = password
            if users.user(connection, name) is None:
                users.insert_user(
                    connection,
                    {
                        "name": name,
                        "display_name": f"Demo {role.value}",
                        "email": None,
                        "oidc_subject": None,
                        "password_hash": hash_password(password),
                        "created_at": moment,
                        "created_by": "demo",
                    },
                )
                action = AuditAction.USER_ADDED
            else:
                users.update_user(
                    connection,
                    name,
                    password_hash=hash_password(password),
                    disabled=False,
                    failed_signins=0,
                    locked_until=None,
                    needs_new_password=False,
                )
                action = AuditAction.PASSWORD_SET
            users.grant(connection, name, role.value, "demo", moment)
            record(
                connection,
                actor="demo",
                action=action,
                subject=name,
                details={"roles": [role.value], "demo": True},
                origin=origin,
                at=moment,
            )
    return passwords
