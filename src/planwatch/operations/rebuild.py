"""Rebuild a database from the archive beside it: the reference data, every upload, correction
and review again, in their original order, as their original authors, at their original times,
and every user account (``planwatch db rebuild --from-uploads``).

The archive (:mod:`planwatch.storage.uploads_archive`) holds each accepted upload's file, the
reference files each ``init`` loaded, and a copy of the audit log. The rebuild walks that copy
entry by entry. An entry that changed figures is done again through the same services as the
first time (``reference.load``, ``ingest.import_file``, ``corrections.correct_observation``,
``approvals.approve`` / ``return_submission``), which record their own audit entry; every other
entry (sign-ins, exports, users, refusals) is copied as it was, and an entry about an account
makes that change to the account again (:mod:`.rebuild_accounts`). After each entry the new
chain's head must equal the archived entry's hash, so the rebuilt chain is the original's entry
for entry — and, because the chain records every change with its ids, counts and values, the same
figures, definitions and history. The first entry that comes out differently stops the rebuild
with the entry's number and what differed, and the half-built file is removed.

The reference data is loaded from the files the archive kept when ``init`` loaded them, each
checked against the SHA-256 its audit entry names (a file altered or missing in the archive
stops the rebuild, and nothing is left); not from the ``data/`` of the version installed now. An
archive written before planwatch kept those files (its entry names none) is rebuilt from the
installed files, and the report says so: it comes out equal only if they did not change.

What a rebuild does not reproduce: passwords and personal tokens (never archived; rebuilt
accounts that had a password must be given a new one by an admin, and sign-in tells them so;
rebuilt tokens keep their number and dates but no longer work), sign-in counters and locks, and
``schema_migrations``' times. Because the rebuilt accounts lack their passwords, the rebuild ends
with one entry more than the archive (``accounts-rebuilt``), which seals the accounts as rebuilt
so that ``audit verify`` holds. Archives written before user entries carried the display name and
the single sign-on subject (``user-added``) rebuild those accounts with their name as display
name and without the subject given when they were made (a subject bound at a sign-in is kept).
"""

from __future__ import annotations

import functools
import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from planwatch.access import approvals
from planwatch.access.audit import SEALING, AuditAction, check_chain
from planwatch.domain.clock import to_local, utc_now
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor, Role
from planwatch.domain.vocab import Breakdown
from planwatch.errors import DataError, PlanwatchError, UsageError
from planwatch.figures import corrections
from planwatch.operations import rebuild_accounts
from planwatch.storage import Store, audit_log, content_seal, migrations, uploads_archive
from planwatch.uploads import plan_import, reference
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
    archive_head_seq: int = 0
    """The archive's last entry: the rebuilt chain equals the archive's up to here."""
    archive_head_hash: str = ""
    accounts: int = 0
    """Accounts made again."""
    needs_new_password: list[str] = field(default_factory=list)
    """Accounts that had a password: an admin must set them a new one."""
    accounts_entry: int | None = None
    """The entry (after the archive's last) sealing the accounts as rebuilt; None: none needed."""
    reference_files: int = 0
    """Reference files loaded from the archive (checked against their SHA-256)."""
    notes_da: list[str] = field(default_factory=list)
    notes_en: list[str] = field(default_factory=list)


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


def _reference_refused(entry: dict[str, Any], da: str, en: str) -> RebuildDivergedError:
    seq = entry["seq"]
    return RebuildDivergedError(
        f"Referencedata i arkivet kan ikke bruges ved post {seq}: {da} Genopbygningen er "
        "stoppet, og den halvfærdige database er fjernet; den oprindelige og arkivet er urørte.",
        f"The archive's reference data cannot be used at entry {seq}: {en} The rebuild "
        "stopped, and the half-built database was removed; the original and the archive are "
        "untouched.",
        [],
    )


_ARCHIVED_NAMES = frozenset(
    {reference.archived_name("reference", f.name) for f in reference.REFERENCE_FILES}
    | {reference.archived_name("demo", f.name) for f in reference.DEMO_FILES}
)


def _archived_reference(
    journal: uploads_archive.Journal, entry: dict[str, Any], files: dict[str, str], into: Path
) -> int:
    """Write the reference files an entry names into ``into`` (as ``reference/…`` and
    ``demo/…``), each checked against its SHA-256. Returns how many."""
    for name, sha256 in sorted(files.items()):
        if name not in _ARCHIVED_NAMES:
            raise _reference_refused(
                entry,
                f"posten nævner en ukendt fil {name!r}.",
                f"the entry names an unknown file {name!r}.",
            )
        try:
            content = journal.content(sha256)
        except OSError as error:
            raise _reference_refused(
                entry,
                f"filen {name} ({sha256[:12]}…) mangler i arkivet ({error.strerror}).",
                f"the file {name} ({sha256[:12]}…) is missing from the archive ({error.strerror}).",
            ) from error
        found = hashlib.sha256(content).hexdigest()
        if found != sha256:
            raise _reference_refused(
                entry,
                f"filen {name} i arkivet er ændret: dens SHA-256 er {found[:12]}…, men posten "
                f"siger {sha256[:12]}….",
                f"the file {name} in the archive was altered: its SHA-256 is {found[:12]}…, but "
                f"the entry says {sha256[:12]}….",
            )
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return len(files)


def _replay_reference(
    store: Store,
    journal: uploads_archive.Journal,
    entry: dict[str, Any],
    data_dir: Path,
    report: RebuildReport,
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
    files = json.loads(entry["details"]).get("files")
    load = functools.partial(
        reference.load,
        store,
        demo=str(entry["subject"]).endswith("+demo"),
        now=entry["recorded_at"],
        origin=str(entry["origin"]),
    )
    if files is None:  # written before planwatch kept the files it loaded
        report.notes_da.append(
            f"Post {entry['seq']}: referencedata er indlæst fra de installerede filer i "
            f"{data_dir}, for arkivet er ældre end arkiveringen af dem."
        )
        report.notes_en.append(
            f"Entry {entry['seq']}: reference data was loaded from the installed files in "
            f"{data_dir}, as the archive predates their archiving."
        )
        load(data_dir=data_dir, keep_files=False)
        return
    with tempfile.TemporaryDirectory(prefix="planwatch-reference-") as folder:
        report.reference_files += _archived_reference(journal, entry, files, Path(folder))
        load(data_dir=Path(folder))


def _replay_plan(store: Store, journal: uploads_archive.Journal, entry: dict[str, Any]) -> None:
    """A plan workbook sent again (issue 19); its approval, replayed next, applies it."""
    number = _change_set(entry)
    change = journal.change_sets.get(number)
    if change is None or change["upload_kind"] != "plan":
        raise _diverged(entry, f"change set {number} is no plan workbook in change_sets.jsonl")
    try:
        content = journal.content(str(change["sha256"]))
    except OSError as error:
        raise _diverged(entry, f"the file {change['sha256']} is missing ({error})") from error
    _align(store, change_set=number, first_version=None, upload=None)
    report = plan_import.import_plan(
        store,
        content,
        str(change["file_name"]),
        actor=_actor(entry, Role.UPLOADER),
        reason=json.loads(entry["details"]).get("reason"),
        now=entry["recorded_at"],
    )
    if report.status != "stored":
        raise _diverged(entry, f"the plan workbook came out {report.status!r}, not stored")


def _replay_upload(store: Store, journal: uploads_archive.Journal, entry: dict[str, Any]) -> None:
    number = _change_set(entry)
    change = journal.change_sets.get(number)
    if json.loads(entry["details"]).get("kind") == "plan":
        _replay_plan(store, journal, entry)
        return
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


def _align_applied_plan(
    store: Store, journal: uploads_archive.Journal, entry: dict[str, Any]
) -> None:
    """Before an approval that applied a plan (the entry after it is plan-applied), spend the
    ids the original spent, so that the plan's own change set and versions come out the same."""
    after = next((e for e in journal.entries if int(e["seq"]) == int(entry["seq"]) + 1), None)
    if after is None or after["action"] != AuditAction.PLAN_APPLIED.value:
        return
    applied = _change_set(after)
    change = journal.change_sets.get(applied)
    first = change["first_version_id"] if change else None
    _align(store, change_set=applied, first_version=first, upload=None)


def _replay_review(store: Store, journal: uploads_archive.Journal, entry: dict[str, Any]) -> None:
    number = _change_set(entry)
    details = json.loads(entry["details"])
    reviewer = _actor(entry, Role.APPROVER)
    if entry["action"] == AuditAction.APPROVE.value:
        _align_applied_plan(store, journal, entry)
        approvals.approve(
            store, reviewer, number, comment=details.get("comment"), now=entry["recorded_at"]
        )
    else:
        approvals.return_submission(
            store, reviewer, number, comment=details.get("comment") or "", now=entry["recorded_at"]
        )


def _copy(store: Store, entry: dict[str, Any]) -> bool:
    """Copy an entry as it was, with what it sealed, and make again the change it made to an
    account (in the same transaction). True when it was about an account."""
    content = json.loads(entry["content"]) if entry.get("content") else None
    with store.transaction() as connection:
        about_account = rebuild_accounts.apply(connection, entry)
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
    return about_account


def _entry_hash(store: Store, seq: int) -> str | None:
    with store.connect(read_only=True) as connection:
        return audit_log.entry_hash_at(connection, seq)


def _head(store: Store) -> tuple[int, str]:
    with store.connect(read_only=True) as connection:
        return audit_log.audit_head(connection)


REBUILD_ORIGIN = "planwatch db rebuild --from-uploads"

REPLAYED = {
    AuditAction.REFERENCE_LOADED.value,
    AuditAction.UPLOAD.value,
    AuditAction.CORRECTION.value,
    AuditAction.APPROVE.value,
    AuditAction.RETURN.value,
    AuditAction.PLAN_APPLIED.value,
}


def _replay(
    store: Store,
    journal: uploads_archive.Journal,
    entry: dict[str, Any],
    data_dir: Path,
    report: RebuildReport,
) -> bool:
    """Do one archived entry again. True when it was replayed, False when copied."""
    # An entry written before planwatch sealed content is replayed without a seal, as it was.
    sealing = SEALING.set(bool(entry.get("content")))
    try:
        return _replay_one(store, journal, entry, data_dir, report)
    finally:
        SEALING.reset(sealing)


def _replay_one(
    store: Store,
    journal: uploads_archive.Journal,
    entry: dict[str, Any],
    data_dir: Path,
    report: RebuildReport,
) -> bool:
    action = entry["action"]
    if action == AuditAction.REFERENCE_LOADED.value:
        _replay_reference(store, journal, entry, data_dir, report)
    elif action == AuditAction.UPLOAD.value:
        _replay_upload(store, journal, entry)
    elif action == AuditAction.CORRECTION.value:
        _replay_correction(store, journal, entry)
    elif action in (AuditAction.APPROVE.value, AuditAction.RETURN.value):
        _replay_review(store, journal, entry)
    elif action == AuditAction.PLAN_APPLIED.value:
        pass  # written again by the approval before it, in the approval's transaction
    else:
        if _copy(store, entry) and action == AuditAction.USER_ADDED.value:
            report.accounts += 1
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
                replayed = _replay(store, journal, entry, data_dir, report)
            except RebuildDivergedError:
                raise
            except PlanwatchError as error:
                raise _diverged(entry, error.message_en) from error
            # The rebuilt entry of this number (an approval of a plan also writes the entry
            # after it, plan-applied, which is then checked at its own turn).
            rebuilt = _entry_hash(store, int(entry["seq"]))
            if rebuilt != str(entry["entry_hash"]) or _head(store)[0] > int(entry["seq"]) + 1:
                raise _diverged(
                    entry,
                    f"its hash is {(rebuilt or '-')[:12]}…, the archive's "
                    f"{str(entry['entry_hash'])[:12]}…",
                )
            if replayed:
                report.replayed[entry["action"]] = report.replayed.get(entry["action"], 0) + 1
            else:
                report.copied += 1
            if progress is not None:
                progress(done, len(journal.entries))
        report.archive_head_seq, report.archive_head_hash = _head(store)
        with store.transaction() as connection:
            report.accounts_entry, report.needs_new_password = rebuild_accounts.reseal(
                connection, at=utc_now(), origin=REBUILD_ORIGIN
            )
    except BaseException:
        _remove(target)
        raise
    report.head_seq, report.head_hash = _head(store)
    report.verified = True
    return report
