"""The audit log: every action leaves an entry, and any edit or deletion breaks the chain."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planwatch.access import accounts, approvals, audit
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Role
from planwatch.errors import PermissionDeniedError
from planwatch.figures import corrections
from planwatch.storage import Store
from planwatch.uploads import ingest
from tests.actors import PASSWORD, make_users
from tests.paths import TEST_DATA

TODAY = dt.date(2026, 11, 29)
FIELDS = ("recorded_at", "actor", "action", "subject", "details", "origin")


def _busy_store(store: Store) -> None:
    """A store whose log has sign-ins, a refusal, an upload, a correction and a review."""
    actors = make_users(store)
    accounts.sign_in(store, "uploader1", PASSWORD, origin="web 10.1.2.3")
    with pytest.raises(accounts.SignInError):
        accounts.sign_in(store, "uploader1", "wrong", origin="web 10.1.2.3")
    path = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
    report = ingest.import_file(
        store, path.read_bytes(), path.name, "kpi", actor=actors[Role.UPLOADER], today=TODAY
    )
    assert report.status == "stored"
    assert report.change_set_id is not None
    approvals.approve(store, actors[Role.APPROVER], report.change_set_id)
    corrections.correct_observation(
        store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=corrections.parse_value("113"),
        reason="a late assessment",
        actor=actors[Role.UPLOADER],
    )


@pytest.fixture
def busy(users_store: Store) -> Store:
    _busy_store(users_store)
    return users_store


def _auditor(store: Store) -> accounts.Actor:
    return accounts.actor_for(store, "auditor1")


def test_every_kind_of_action_is_in_the_log_with_who_and_from_where(busy: Store) -> None:
    entries = audit.entries(busy, _auditor(busy))
    actions = [e.action for e in entries]
    for expected in (
        "reference-loaded",
        "user-added",
        "sign-in",
        "sign-in-failed",
        "upload",
        "approve",
        "correction",
    ):
        assert expected in actions, expected
    upload = next(e for e in entries if e.action == "upload")
    data = (TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv").read_bytes()
    assert upload.details["sha256"] == ingest.sha256(data)
    assert upload.actor == "uploader1" and upload.origin == "test"
    failed = next(e for e in entries if e.action == "sign-in-failed")
    assert failed.origin == "web 10.1.2.3" and failed.details["reason"] == "wrong-password"
    correction = next(e for e in entries if e.action == "correction")
    assert (correction.details["old_value"], correction.details["new_value"]) == ("112", "113")
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))


def test_the_log_can_be_filtered_by_user_action_time_and_text(busy: Store) -> None:
    reader = _auditor(busy)
    assert {e.actor for e in audit.entries(busy, reader, actor="uploader1")} == {"uploader1"}
    assert {e.action for e in audit.entries(busy, reader, action="approve")} == {"approve"}
    assert audit.entries(busy, reader, text="late assessment")[0].action == "correction"
    assert audit.entries(busy, reader, until=dt.datetime(2000, 1, 1)) == []
    assert "upload" in audit.actions_in_log(busy, reader)


def test_only_auditors_and_admins_read_or_verify_the_log(busy: Store) -> None:
    for name in ("viewer1", "uploader1", "approver1"):
        reader = accounts.actor_for(busy, name)
        with pytest.raises(PermissionDeniedError):
            audit.entries(busy, reader)
        with pytest.raises(PermissionDeniedError):
            audit.verify(busy, reader)
    for name in ("auditor1", "admin1"):
        assert audit.verify(busy, accounts.actor_for(busy, name)).ok


def test_an_intact_log_verifies(busy: Store) -> None:
    result = audit.verify(busy, _auditor(busy))
    assert result.ok, result.message("en")
    assert result.checked == result.head_seq > 5


def _tamper(store: Store, sql: str, params: list[object]) -> None:
    with store.connect() as connection:
        connection.execute(sql, params)


@pytest.mark.parametrize("field", FIELDS)
def test_altering_any_field_of_any_entry_is_detected_there(busy: Store, field: str) -> None:
    target = 3
    value: object = (
        dt.datetime(2020, 1, 1)
        if field == "recorded_at"
        else '{"forged":true}'
        if field == "details"
        else "mallory"
    )
    _tamper(busy, f"UPDATE audit_log SET {field} = ? WHERE seq = ?", [value, target])
    result = audit.verify(busy, _auditor(busy))
    assert not result.ok
    assert (result.broken_at, result.problem) == (target, "entry-altered")
    assert f"{target}" in result.message("en")


def test_an_entry_rewritten_with_a_recomputed_hash_breaks_the_next_link(busy: Store) -> None:
    from planwatch.storage import audit_log

    with busy.connect() as connection:
        row = audit_log.audit_entries(connection)[1]  # entry 2
        forged = audit_log.entry_hash(
            seq=row["seq"],
            recorded_at=row["recorded_at"],
            actor="mallory",
            action=row["action"],
            subject=row["subject"],
            details=row["details"],
            origin=row["origin"],
            prev_hash=row["prev_hash"],
            content=row["content"],
        )
        connection.execute(
            "UPDATE audit_log SET actor = 'mallory', entry_hash = ? WHERE seq = 2", [forged]
        )
    result = audit.verify(busy, _auditor(busy))
    assert (result.ok, result.broken_at, result.problem) == (False, 3, "chain-broken")


def test_a_rewritten_entry_with_the_next_entry_relinked_breaks_the_next_entry(
    busy: Store,
) -> None:
    """Entry 2 rewritten with its hash recomputed, and entry 3 pointed at the new hash: entry 3's
    own hash covers the hash it points to, so re-linking it alters it. Hiding one edit takes
    rewriting every later entry and the head (which the archive's copy then catches)."""
    from planwatch.storage import audit_log

    with busy.connect() as connection:
        row = audit_log.audit_entries(connection)[1]  # entry 2
        forged = audit_log.entry_hash(
            seq=row["seq"],
            recorded_at=row["recorded_at"],
            actor="mallory",
            action=row["action"],
            subject=row["subject"],
            details=row["details"],
            origin=row["origin"],
            prev_hash=row["prev_hash"],
            content=row["content"],
        )
        connection.execute(
            "UPDATE audit_log SET actor = 'mallory', entry_hash = ? WHERE seq = 2", [forged]
        )
        connection.execute("UPDATE audit_log SET prev_hash = ? WHERE seq = 3", [forged])
        rows = audit_log.audit_entries(connection)
        head_seq, head_hash = audit_log.audit_head(connection)
    verdict = audit.check_chain(rows, head_seq, head_hash)
    assert (verdict.ok, verdict.broken_at, verdict.problem) == (False, 3, "entry-altered")
    result = audit.verify(busy, _auditor(busy))
    assert (result.ok, result.broken_at, result.problem) == (False, 3, "entry-altered")


def test_an_entry_hash_covers_every_field_and_the_previous_hash() -> None:
    """Changing any one input of an entry's hash changes the hash."""
    from planwatch.storage import audit_log

    entry = {
        "seq": 7,
        "recorded_at": dt.datetime(2025, 3, 31, 12, 0, 0, 0),
        "actor": "anne",
        "action": "upload",
        "subject": "kpi.csv",
        "details": '{"rows":3}',
        "origin": "web 10.0.0.1",
        "prev_hash": "a" * 64,
    }
    changed: dict[str, object] = {
        "seq": 8,
        "recorded_at": dt.datetime(2025, 3, 31, 12, 0, 0, 1),
        "actor": "mallory",
        "action": "approve",
        "subject": None,
        "details": '{"rows":4}',
        "origin": "cli",
        "prev_hash": "b" * 64,
    }
    original = audit_log.entry_hash(**entry)  # type: ignore[arg-type]
    assert len(original) == 64 and original == audit_log.entry_hash(**entry)  # type: ignore[arg-type]
    for field, value in changed.items():
        assert audit_log.entry_hash(**(entry | {field: value})) != original, field  # type: ignore[arg-type]


def test_deleting_an_entry_in_the_middle_is_detected(busy: Store) -> None:
    _tamper(busy, "DELETE FROM audit_log WHERE seq = ?", [4])
    result = audit.verify(busy, _auditor(busy))
    assert (result.ok, result.broken_at, result.problem) == (False, 4, "entry-missing")


def test_deleting_the_last_entries_is_detected(busy: Store) -> None:
    head = audit.verify(busy, _auditor(busy)).head_seq
    _tamper(busy, "DELETE FROM audit_log WHERE seq >= ?", [head - 1])
    result = audit.verify(busy, _auditor(busy))
    assert (result.ok, result.problem, result.broken_at) == (False, "head-mismatch", head - 1)


def test_a_forged_head_is_detected(busy: Store) -> None:
    _tamper(busy, "UPDATE audit_head SET entry_hash = repeat('f', 64)", [])
    assert audit.verify(busy, _auditor(busy)).problem == "head-mismatch"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_single_edit_or_deletion_is_detected(users_store: Store, data: st.DataObject) -> None:
    from planwatch.storage import audit_log

    with users_store.connect(read_only=True) as connection:
        rows = audit_log.audit_entries(connection)
    fresh = Store(users_store.path.with_name(f"copy-{data.draw(st.uuids())}.duckdb"))
    import shutil

    shutil.copy(users_store.path, fresh.path)
    seq = data.draw(st.integers(1, len(rows)), label="entry")
    edit = data.draw(st.sampled_from(["delete", *FIELDS, "prev_hash", "entry_hash"]))
    if edit == "delete":
        _tamper(fresh, "DELETE FROM audit_log WHERE seq = ?", [seq])
    elif edit == "recorded_at":
        _tamper(
            fresh,
            "UPDATE audit_log SET recorded_at = recorded_at + INTERVAL 1 MICROSECOND WHERE seq = ?",
            [seq],
        )
    elif edit in ("prev_hash", "entry_hash"):
        _tamper(fresh, f"UPDATE audit_log SET {edit} = repeat('a', 64) WHERE seq = ?", [seq])
    else:
        suffix = data.draw(st.text(min_size=1, max_size=3), label="suffix")
        _tamper(
            fresh,
            f"UPDATE audit_log SET {edit} = coalesce({edit}, '') || ? WHERE seq = ?",
            [suffix, seq],
        )
    result = audit.verify(fresh, accounts.actor_for(fresh, "auditor1"))
    assert not result.ok
    assert result.broken_at in (seq, seq + 1)
    fresh.path.unlink()


def test_two_appends_at_once_cannot_fork_the_chain(users_store: Store) -> None:
    """Two transactions appending at the same moment: one commits, the other is refused."""
    import duckdb

    first = duckdb.connect(str(users_store.path))
    second = duckdb.connect(str(users_store.path))
    try:
        first.execute("BEGIN TRANSACTION")
        second.execute("BEGIN TRANSACTION")
        audit.record(first, actor="a", action=audit.AuditAction.EXPORT)
        with pytest.raises(duckdb.TransactionException, match=r"(?i)conflict"):
            audit.record(second, actor="b", action=audit.AuditAction.EXPORT)
        second.execute("ROLLBACK")
        first.execute("COMMIT")
    finally:
        first.close()
        second.close()
    result = audit.verify(users_store, accounts.actor_for(users_store, "auditor1"))
    assert result.ok, result.message("en")
    assert audit.entries(users_store, accounts.actor_for(users_store, "auditor1"))[-1].actor == "a"


def test_a_failed_upload_leaves_no_audit_entry(users_store: Store) -> None:
    reader = accounts.actor_for(users_store, "auditor1")
    before = len(audit.entries(users_store, reader))
    path = TEST_DATA / "invalid" / "kpi-negative-value.csv"
    report = ingest.import_file(
        users_store,
        path.read_bytes(),
        path.name,
        "kpi",
        actor=accounts.actor_for(users_store, "uploader1"),
        today=TODAY,
    )
    assert report.status == "refused"
    assert len(audit.entries(users_store, reader)) == before


def test_many_sign_ins_at_once_in_one_process_all_succeed_and_the_chain_holds(
    users_store: Store,
) -> None:
    """As in the app: sessions on threads of one process sign in at the same moment. Each
    append that loses the race for the end of the chain is retried, never shown as an error."""
    from concurrent.futures import ThreadPoolExecutor

    names = ["viewer1", "uploader1", "approver1", "auditor1", "admin1"] * 2
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        actors = list(pool.map(lambda n: accounts.sign_in(users_store, n, PASSWORD), names))
    assert [a.name for a in actors] == names
    reader = accounts.actor_for(users_store, "auditor1")
    assert len([e for e in audit.entries(users_store, reader) if e.action == "sign-in"]) == 10
    assert audit.verify(users_store, reader).ok
