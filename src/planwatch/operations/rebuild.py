"""Rebuild a database from the archive beside it: the reference data, then every upload,
correction and review again, in their original order, as their original authors, at their
original times (``planwatch db rebuild --from-uploads``).

The archive (:mod:`planwatch.storage.uploads_archive`) holds each accepted upload's file and a copy
of the audit log. The rebuild walks that copy entry by entry. An entry that changed figures is done
again through the same services as the first time (``reference.load``, ``ingest.import_file``,
``corrections.correct_observation``, ``approvals.approve`` / ``return_submission``), which
record their own audit entry; every other entry (sign-ins, exports, users, refusals) is copied
as it was. After each entry the new chain's head must equal the archived entry's hash, so a
finished rebuild has the very same audit chain as the original — and, because the chain records
every change with its ids, counts and values, the same figures and history. The first entry that
comes out differently stops the rebuild with the entry's number and what differed, and the
half-built file is removed.

Users and their passwords are not in the archive (their entries are copied, but no account is
made), nor are the command line's mappings and tokens: after a rebuild, an admin adds the users
again (the file's owner maps the accounts again), or the operator restores a backup.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from planwatch.access import approvals
from planwatch.access.audit import SEALING, AuditAction, check_chain
from planwatch.domain.clock import to_local
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor, Role
from planwatch.domain.vocab import Breakdown
from planwatch.errors import DataError, PlanwatchError, UsageError
from planwatch.figures import corrections
from planwatch.storage import Store, audit_log, content_seal, migrations, uploads_archive
from planwatch.uploads import reference
from planwatch.uploads.ingest import import_file

Progress = Callable[[int, int], None]
"""Called with (entries done, entries in all) as the rebuild goes."""


@dataclass(slots=True)
class RebuildReport:
    database: Path
    archive: Path
    entries: int = 0
    replayed: dict[str, int] = field(default_factory=dict)
    copied: int = 0
    head_seq: int = 0
    head_hash: str = ""
    verified: bool = False


class RebuildDivergedError(DataError):
    """The rebuilt database stopped matching the archive at one entry."""

    code = "rebuild-diverged"


def _change_set(entry: dict[str, Any]) -> int:
    subject = str(entry["subject"] or "")
    if not subject.startswith("change-set:"):
        raise _diverged(entry, f"subject {subject!r} names no change set")
    return int(subject.split(":", 1)[1])


def _diverged(entry: dict[str, Any], what: str) -> RebuildDivergedError:
    seq, action = entry["seq"], entry["action"]
    return RebuildDivergedError(
        f"Genopbygningen stemmer ikke med arkivet ved post {seq} ({action}): {what}. Den "
        "halvfærdige database er fjernet; den oprindelige og arkivet er urørte.",
        f"The rebuild does not match the archive at entry {seq} ({action}): {what}. The "
        "half-built database was removed; the original and the archive are untouched.",
        [],
    )


def _align(store: Store, *, change_set: int, first_version: int | None, upload: int | None) -> None:
    """Spend the ids the original spent on work it rolled back, so the ids come out the same."""
    with store.transaction() as connection:
        uploads_archive.advance(connection, "change_set_seq", change_set - 1)
        if first_version is not None:
            uploads_archive.advance(connection, "version_seq", first_version - 1)
        if upload is not None:
            uploads_archive.advance(connection, "upload_seq", upload - 1)


def _actor(entry: dict[str, Any], role: Role) -> Actor:
    return Actor(name=str(entry["actor"]), roles=frozenset({role}), origin=str(entry["origin"]))


def _replay_reference(
    store: Store, journal: uploads_archive.Journal, entry: dict[str, Any], data_dir: Path
) -> None:
    loaded = [
        c
        for c in journal.change_sets.values()
        if c["kind"] in ("reference", "demo") and c["recorded_at"] == entry["recorded_at"]
    ]
    if loaded:
        firsts = [c["first_version_id"] for c in loaded if c["first_version_id"] is not None]
        _align(
            store,
            change_set=min(int(c["change_set_id"]) for c in loaded),
            first_version=min(int(v) for v in firsts) if firsts else None,
            upload=None,
        )
    reference.load(
        store,
        demo=str(entry["subject"]).endswith("+demo"),
        data_dir=data_dir,
        now=entry["recorded_at"],
        origin=str(entry["origin"]),
    )


def _replay_upload(store: Store, journal: uploads_archive.Journal, entry: dict[str, Any]) -> None:
    number = _change_set(entry)
    change = journal.change_sets.get(number)
    if change is None or change["upload_id"] is None:
        raise _diverged(entry, f"change set {number} is not in change_sets.jsonl")
    try:
        content = journal.content(str(change["sha256"]))
    except OSError as error:
        raise _diverged(entry, f"the file {change['sha256']} is missing ({error})") from error
    details = json.loads(entry["details"])
    _align(
        store,
        change_set=number,
        first_version=change["first_version_id"],
        upload=int(change["upload_id"]),
    )
    report = import_file(
        store,
        content,
        str(change["file_name"]),
        str(change["upload_kind"]),
        actor=_actor(entry, Role.UPLOADER),
        reason=details.get("reason"),
        accept_warnings=True,
        sheet=change["sheet"],
        now=entry["recorded_at"],
        today=to_local(entry["recorded_at"]).date(),
    )
    if report.status != "stored":
        raise _diverged(entry, f"the upload came out {report.status!r}, not stored")


def _replay_correction(
    store: Store, journal: uploads_archive.Journal, entry: dict[str, Any]
) -> None:
    number = _change_set(entry)
    change = journal.change_sets.get(number)
    details = json.loads(entry["details"])
    _align(
        store,
        change_set=number,
        first_version=change["first_version_id"] if change else None,
        upload=None,
    )
    sex, age_group, exploitation = details["breakdown"]
    corrections.correct_observation(
        store,
        indicator=details["indicator"],
        period=Period.parse(details["period"]),
        source_id=details["source_id"],
        new_value=Decimal(details["new_value"]),
        reason=details["reason"],
        actor=_actor(entry, Role.UPLOADER),
        breakdown=Breakdown(sex, age_group, exploitation),
        now=entry["recorded_at"],
    )


def _replay_review(store: Store, entry: dict[str, Any]) -> None:
    number = _change_set(entry)
    details = json.loads(entry["details"])
    reviewer = _actor(entry, Role.APPROVER)
    if entry["action"] == AuditAction.APPROVE.value:
        approvals.approve(
            store, reviewer, number, comment=details.get("comment"), now=entry["recorded_at"]
        )
    else:
        approvals.return_submission(
            store, reviewer, number, comment=details.get("comment") or "", now=entry["recorded_at"]
        )


def _copy(store: Store, entry: dict[str, Any]) -> None:
    """Copy an entry as it was, with what it sealed (a user's account is not rebuilt, so its
    seal stays in the chain and the index; figures and definitions it sealed are here again)."""
    content = json.loads(entry["content"]) if entry.get("content") else None
    with store.transaction() as connection:
        audit_log.append_audit(
            connection,
            recorded_at=entry["recorded_at"],
            actor=str(entry["actor"]),
            action=str(entry["action"]),
            subject=entry["subject"],
            details=json.loads(entry["details"]),
            origin=str(entry["origin"]),
            content=content,
        )
        if content:
            content_seal.remember(connection, content.get("sealed", {}))


def _head(store: Store) -> tuple[int, str]:
    with store.connect(read_only=True) as connection:
        return audit_log.audit_head(connection)


REPLAYED = {
    AuditAction.REFERENCE_LOADED.value,
    AuditAction.UPLOAD.value,
    AuditAction.CORRECTION.value,
    AuditAction.APPROVE.value,
    AuditAction.RETURN.value,
}


def _replay(
    store: Store, journal: uploads_archive.Journal, entry: dict[str, Any], data_dir: Path
) -> bool:
    """Do one archived entry again. True when it was replayed, False when copied."""
    # An entry written before planwatch sealed content is replayed without a seal, as it was.
    sealing = SEALING.set(bool(entry.get("content")))
    try:
        return _replay_one(store, journal, entry, data_dir)
    finally:
        SEALING.reset(sealing)


def _replay_one(
    store: Store, journal: uploads_archive.Journal, entry: dict[str, Any], data_dir: Path
) -> bool:
    action = entry["action"]
    if action == AuditAction.REFERENCE_LOADED.value:
        _replay_reference(store, journal, entry, data_dir)
    elif action == AuditAction.UPLOAD.value:
        _replay_upload(store, journal, entry)
    elif action == AuditAction.CORRECTION.value:
        _replay_correction(store, journal, entry)
    elif action in (AuditAction.APPROVE.value, AuditAction.RETURN.value):
        _replay_review(store, entry)
    else:
        _copy(store, entry)
        return False
    return True


def _remove(database: Path) -> None:
    for path in (database, database.with_name(database.name + ".wal")):
        path.unlink(missing_ok=True)
    shutil.rmtree(uploads_archive.archive_dir(database), ignore_errors=True)


def _check_archived_chain(journal: uploads_archive.Journal, archive: Path) -> None:
    """The archive's copy of the audit log must itself be an unbroken chain: an entry edited
    in the archive would otherwise be rebuilt from the edit."""
    last = journal.entries[-1]
    verdict = check_chain(journal.entries, int(last["seq"]), str(last["entry_hash"]))
    if not verdict.ok:
        raise RebuildDivergedError(
            f"Arkivets kopi af revisionsloggen i {archive} er ikke intakt: "
            f"{verdict.message_da} Der er intet genopbygget.",
            f"The archive's copy of the audit log in {archive} is not intact: "
            f"{verdict.message_en} Nothing was rebuilt.",
            [],
        )


def rebuild(
    target: Path,
    archive: Path,
    *,
    data_dir: Path = reference.DATA_DIR,
    lock_timeout: float = 15.0,
    progress: Progress | None = None,
) -> RebuildReport:
    """Build a new database at ``target`` from ``archive``; the target must not exist yet."""
    if target.exists() or uploads_archive.archive_dir(target).exists():
        raise UsageError(
            f"{target} findes allerede. Genopbyg til en ny fil, og byt filerne bagefter.",
            f"{target} already exists. Rebuild into a new file, and swap the files afterwards.",
        )
    journal = uploads_archive.read_journal(archive)
    if not journal.entries:
        raise UsageError(
            f"Der er intet arkiv at genopbygge fra i {archive} (audit.jsonl mangler eller er tom).",
            f"There is no archive to rebuild from in {archive} (audit.jsonl is missing or empty).",
        )
    _check_archived_chain(journal, archive)
    store = Store(target, lock_timeout)
    report = RebuildReport(database=target, archive=archive, entries=len(journal.entries))
    try:
        migrations.migrate(store)
        for done, entry in enumerate(journal.entries, start=1):
            try:
                replayed = _replay(store, journal, entry, data_dir)
            except RebuildDivergedError:
                raise
            except PlanwatchError as error:
                raise _diverged(entry, error.message_en) from error
            head = _head(store)
            if head != (int(entry["seq"]), str(entry["entry_hash"])):
                raise _diverged(
                    entry,
                    f"its hash is {head[1][:12]}…, the archive's {str(entry['entry_hash'])[:12]}…",
                )
            if replayed:
                report.replayed[entry["action"]] = report.replayed.get(entry["action"], 0) + 1
            else:
                report.copied += 1
            if progress is not None:
                progress(done, len(journal.entries))
    except BaseException:
        _remove(target)
        raise
    report.head_seq, report.head_hash = _head(store)
    report.verified = True
    return report
