"""The audit log: who did what, when and from where, in a chain of hashes that shows any edit.

Services record an entry in the same transaction as the change it describes (see
:func:`record`). Auditors and admins read the log with :func:`entries` and prove it intact with
:func:`verify`, which recomputes every hash and says where the chain breaks.
"""

from __future__ import annotations

import datetime as dt
import json
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from planwatch.access import audit_content, audit_patterns
from planwatch.access.audit_content import Finding
from planwatch.domain.clock import utc_now
from planwatch.domain.permissions import Actor, Permission, require
from planwatch.storage import Store, audit_log, content_seal, migrations, uploads_archive


class AuditAction(StrEnum):
    SIGN_IN = "sign-in"
    SIGN_IN_FAILED = "sign-in-failed"
    SIGN_OUT = "sign-out"
    SESSION_EXPIRED = "session-expired"
    UPLOAD = "upload"
    CORRECTION = "correction"
    APPROVE = "approve"
    RETURN = "return"
    EXPORT = "export"
    USER_ADDED = "user-added"
    USER_DISABLED = "user-disabled"
    USER_ENABLED = "user-enabled"
    ROLE_GRANTED = "role-granted"
    ROLE_REVOKED = "role-revoked"
    PASSWORD_SET = "password-set"  # noqa: S105 - an action name, not a password
    REFERENCE_LOADED = "reference-loaded"
    PERMISSION_DENIED = "permission-denied"
    CONTENT_SEALED = content_seal.SEAL_ACTION
    OS_USER_MAPPED = "os-user-mapped"
    OS_USER_UNMAPPED = "os-user-unmapped"
    TOKEN_CREATED = "token-created"  # noqa: S105 - an action name, not a token
    TOKEN_REVOKED = "token-revoked"  # noqa: S105 - an action name, not a token
    SSO_UNBOUND = "sso-unbound"
    ACCOUNTS_REBUILT = "accounts-rebuilt"
    PLAN_APPLIED = "plan-applied"  # an approved plan workbook written (issue 19)


_MAPPING_ACTIONS = frozenset({AuditAction.OS_USER_MAPPED, AuditAction.OS_USER_UNMAPPED})

SEALING: ContextVar[bool] = ContextVar("planwatch_audit_sealing", default=True)
"""Whether :func:`record` seals what the entry wrote. Only a rebuild turns it off, to replay an
entry written before planwatch sealed content exactly as it was."""

_USER_ACTIONS = frozenset(
    {
        AuditAction.USER_ADDED,
        AuditAction.USER_DISABLED,
        AuditAction.USER_ENABLED,
        AuditAction.ROLE_GRANTED,
        AuditAction.ROLE_REVOKED,
        AuditAction.PASSWORD_SET,
        AuditAction.OS_USER_MAPPED,
        AuditAction.OS_USER_UNMAPPED,
        AuditAction.TOKEN_CREATED,
        AuditAction.TOKEN_REVOKED,
        AuditAction.SSO_UNBOUND,
    }
)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    seq: int
    recorded_at: dt.datetime
    actor: str
    action: str
    subject: str | None
    details: dict[str, Any]
    origin: str
    prev_hash: str
    entry_hash: str
    content: dict[str, Any] | None = None


def _units(
    connection: Any,
    action: AuditAction,
    subject: str | None,
    at: dt.datetime,
    details: dict[str, Any] | None = None,
) -> list[str]:
    """What an entry seals: the change set it names (once: its first entry), the review it
    adds, the user it changes (and, when an operating-system account moves from one user to
    another, the user it left), the definitions and change sets a reference load wrote."""
    units: list[str] = []
    if subject and subject.startswith("change-set:"):
        number = subject.split(":", 1)[1]
        change_set = content_seal.unit(content_seal.CHANGE_SET, number)
        if not content_seal.seal_index(connection, [change_set]):
            units.append(change_set)
        if action in (AuditAction.APPROVE, AuditAction.RETURN, AuditAction.PLAN_APPLIED):
            units.append(content_seal.unit(content_seal.REVIEW, number))
        if action is AuditAction.PLAN_APPLIED:  # the plan's definitions, written on approval
            units += content_seal.unsealed(connection, content_seal.DEFINITION)
    elif subject and (
        action in _USER_ACTIONS
        or (action is AuditAction.SIGN_IN and _bound_at_sign_in(connection, subject))
    ):
        units.append(content_seal.unit(content_seal.USER, subject))
        left = (details or {}).get("before")
        if action in _MAPPING_ACTIONS and isinstance(left, str) and left != subject:
            units.append(content_seal.unit(content_seal.USER, left))
    if action is AuditAction.REFERENCE_LOADED:
        units += content_seal.unsealed(connection, content_seal.DEFINITION)
        units += content_seal.loaded_change_sets(connection, at, ("reference", "demo"))
    return units


def _bound_at_sign_in(connection: Any, name: str) -> bool:
    """A single sign-on binds an account to its subject: the only change a sign-in makes to
    what is sealed. Reseal then, and only when nothing else about the account changed."""
    user = content_seal.unit(content_seal.USER, name)
    sealed = content_seal.seal_index(connection, [user]).get(user)
    if sealed is None:
        return False
    now = content_seal.digests(connection, [user]).get(user)
    if now is None or now.sha256 == sealed:
        return False
    before = content_seal.digests(connection, [user], no_subject=True).get(user)
    return before is not None and before.sha256 == sealed


def record(
    connection: Any,
    *,
    actor: str,
    action: AuditAction,
    subject: str | None = None,
    details: dict[str, Any] | None = None,
    origin: str = "",
    at: dt.datetime | None = None,
) -> int:
    """Append an entry inside the caller's transaction (``connection`` from ``Store``), sealing
    the rows it wrote (:mod:`planwatch.storage.content_seal`): call it after the writes."""
    moment = at or utc_now()
    content = (
        content_seal.seal(connection, _units(connection, action, subject, moment, details))
        if SEALING.get()
        else {}
    )
    return audit_log.append_audit(
        connection,
        recorded_at=moment,
        actor=actor,
        action=action.value,
        subject=subject,
        details=details or {},
        origin=origin,
        content=content or None,
    )


def record_now(
    store: Store,
    *,
    actor: str,
    action: AuditAction,
    subject: str | None = None,
    details: dict[str, Any] | None = None,
    origin: str = "",
) -> int:
    """Append an entry in a transaction of its own (refusals, exports), again if another
    append won the race for the end of the chain."""
    return store.run_in_transaction(
        lambda connection: record(
            connection, actor=actor, action=action, subject=subject, details=details, origin=origin
        )
    )


def _entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry(
        seq=int(row["seq"]),
        recorded_at=row["recorded_at"],
        actor=row["actor"],
        action=row["action"],
        subject=row["subject"],
        details=json.loads(row["details"]),
        origin=row["origin"],
        prev_hash=row["prev_hash"],
        entry_hash=row["entry_hash"],
        content=json.loads(row["content"]) if row.get("content") else None,
    )


def entries(
    store: Store,
    reader: Actor | None,
    *,
    actor: str | None = None,
    action: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    text: str | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """The log, oldest first, filtered by who, what, when or a word in it."""
    require(reader, Permission.VIEW_AUDIT_LOG)
    with store.connect(read_only=True) as connection:
        rows = audit_log.audit_entries(
            connection,
            actor=actor or None,
            action=action or None,
            since=since,
            until=until,
            text=text or None,
            limit=limit,
        )
    return [_entry(row) for row in rows]


def actions_in_log(store: Store, reader: Actor | None) -> list[str]:
    require(reader, Permission.VIEW_AUDIT_LOG)
    with store.connect(read_only=True) as connection:
        return audit_log.audit_actions(connection)


@dataclass(frozen=True, slots=True)
class Verification:
    """The result of checking the chain. ``broken_at`` is the first entry number that does not
    fit (for a deleted last entry: the number after the last one left)."""

    ok: bool
    checked: int
    head_seq: int
    head_hash: str
    broken_at: int | None = None
    problem: str | None = None  # kebab-case code
    message_da: str = ""
    message_en: str = ""
    findings: tuple[Finding, ...] = field(default=())
    """What the rows hold that the log did not seal (see :mod:`.audit_content`)."""
    more_findings: int = 0

    def message(self, language: str = "da") -> str:
        return self.message_en if language == "en" else self.message_da

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "broken_at": self.broken_at,
            "problem": self.problem,
            "message_da": self.message_da,
            "message_en": self.message_en,
            "findings": [f.as_dict() for f in self.findings],
            "more_findings": self.more_findings,
        }


def verify(store: Store, reader: Actor | None) -> Verification:
    """Recompute the chain from the first entry and compare it with the stored head."""
    require(reader, Permission.VIEW_AUDIT_LOG)
    migrations.require_current(store)
    with store.connect(read_only=True) as connection:
        rows = audit_log.audit_entries(connection)
        head_seq, head_hash = audit_log.audit_head(connection)
        content = audit_content.check_content(connection, rows)
        content = audit_patterns.with_patterns(content, audit_patterns.check_patterns(connection))
    verdict = check_chain(rows, head_seq, head_hash)
    if verdict.ok:
        verdict = check_against_archive(verdict, rows, uploads_archive.archived_chain(store.path))
    return with_content(verdict, content)


def with_content(verdict: Verification, content: audit_content.ContentCheck) -> Verification:
    """The chain's verdict and the rows' verdict together: both must hold."""
    notes_da = "".join(f" {n}" for n in content.notes_da)
    notes_en = "".join(f" {n}" for n in content.notes_en)
    count = len(content.findings) + content.more
    if not count and not verdict.ok:
        return verdict
    if not count:
        return replace(
            verdict,
            message_da=f"{verdict.message_da} Indholdet stemmer med forseglingerne "
            f"({content.units} enheder).{notes_da}",
            message_en=f"{verdict.message_en} The content matches its seals "
            f"({content.units} units).{notes_en}",
        )
    return replace(
        verdict,
        ok=False,
        problem=verdict.problem or "content-differs",
        message_da=f"{verdict.message_da} Indholdet stemmer ikke med revisionsloggen: {count} "
        f"fund i {content.units} enheder; ændret uden om planwatch.{notes_da}",
        message_en=f"{verdict.message_en} The content does not match the audit log: {count} "
        f"findings in {content.units} units; changed outside planwatch.{notes_en}",
        findings=content.findings,
        more_findings=content.more,
    )


def check_against_archive(
    verdict: Verification, rows: list[dict[str, Any]], archived: list[tuple[int, str]]
) -> Verification:
    """Every entry the archive beside the database copied must still be in the database, with
    the same hash. This is the chain's anchor outside the file: deleting the last entries and
    moving the head back keeps the chain whole, but not equal to its copy."""
    stored = {int(row["seq"]): str(row["entry_hash"]) for row in rows}
    for seq, digest in archived:
        if seq not in stored:
            return _broken(
                verdict.checked,
                verdict.head_seq,
                verdict.head_hash,
                seq,
                "missing-from-database",
                f"Arkivet ved siden af databasen har post {seq}, men databasen slutter ved post "
                f"{verdict.head_seq}: ændringer, der var gemt, er gået tabt eller slettet. "
                "Genopbyg databasen fra arkivet ('planwatch db rebuild --from-uploads').",
                f"The archive beside the database holds entry {seq}, but the database ends at "
                f"entry {verdict.head_seq}: changes that were committed were lost or deleted. "
                "Rebuild the database from the archive ('planwatch db rebuild --from-uploads').",
            )
        if stored[seq] != digest:
            return _broken(
                verdict.checked,
                verdict.head_seq,
                verdict.head_hash,
                seq,
                "differs-from-archive",
                f"Post {seq} i databasen er ikke den, arkivet ved siden af databasen kopierede: "
                "loggen er skrevet om fra og med den post.",
                f"Entry {seq} in the database is not the one the archive beside the database "
                "copied: the log was rewritten from that entry on.",
            )
    if not archived:
        return verdict
    return Verification(
        ok=True,
        checked=verdict.checked,
        head_seq=verdict.head_seq,
        head_hash=verdict.head_hash,
        message_da=f"{verdict.message_da} Arkivets kopi ({len(archived)} poster) stemmer.",
        message_en=f"{verdict.message_en} The archive's copy ({len(archived)} entries) agrees.",
    )


def check_chain(rows: list[dict[str, Any]], head_seq: int, head_hash: str) -> Verification:
    """The pure check behind :func:`verify` (rows in ``seq`` order)."""
    expected_seq, prev = 1, audit_log.GENESIS
    for row in rows:
        seq = int(row["seq"])
        if seq != expected_seq:
            return _broken(
                len(rows),
                head_seq,
                head_hash,
                expected_seq,
                "entry-missing",
                f"Post {expected_seq} mangler: kæden springer fra {expected_seq - 1} til {seq}. "
                "En post er slettet.",
                f"Entry {expected_seq} is missing: the chain jumps from {expected_seq - 1} to "
                f"{seq}. An entry was deleted.",
            )
        if row["prev_hash"] != prev:
            return _broken(
                len(rows),
                head_seq,
                head_hash,
                seq,
                "chain-broken",
                f"Post {seq} peger ikke på post {seq - 1}s hash. Kæden er brudt her.",
                f"Entry {seq} does not point to the hash of entry {seq - 1}. The chain breaks "
                "here.",
            )
        digest = audit_log.entry_hash(
            seq=seq,
            recorded_at=row["recorded_at"],
            actor=row["actor"],
            action=row["action"],
            subject=row["subject"],
            details=row["details"],
            origin=row["origin"],
            prev_hash=row["prev_hash"],
            content=row.get("content"),
        )
        if digest != row["entry_hash"]:
            return _broken(
                len(rows),
                head_seq,
                head_hash,
                seq,
                "entry-altered",
                f"Post {seq} er ændret efter den blev skrevet (dens hash passer ikke).",
                f"Entry {seq} was altered after it was written (its hash does not match).",
            )
        expected_seq, prev = seq + 1, digest
    last = expected_seq - 1
    if head_seq != last or head_hash != prev:
        return _broken(
            len(rows),
            head_seq,
            head_hash,
            last + 1,
            "head-mismatch",
            f"Loggen slutter ved post {last}, men dens hoved siger post {head_seq}. "
            "Poster i slutningen er slettet, eller hovedet er ændret.",
            f"The log ends at entry {last}, but its head says entry {head_seq}. Entries at "
            "the end were deleted, or the head was altered.",
        )
    return Verification(
        ok=True,
        checked=len(rows),
        head_seq=head_seq,
        head_hash=head_hash,
        message_da=f"Revisionsloggen er intakt: {len(rows)} poster, kæden hænger sammen.",
        message_en=f"The audit log is intact: {len(rows)} entries, the chain holds.",
    )


def _broken(
    checked: int,
    head_seq: int,
    head_hash: str,
    at: int,
    problem: str,
    message_da: str,
    message_en: str,
) -> Verification:
    return Verification(
        ok=False,
        checked=checked,
        head_seq=head_seq,
        head_hash=head_hash,
        broken_at=at,
        problem=problem,
        message_da=message_da,
        message_en=message_en,
    )
