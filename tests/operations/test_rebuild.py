"""The archive beside the database, and a rebuild from it that equals the original."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from planwatch.access import accounts, approvals, audit, tokens
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor, Role
from planwatch.errors import PermissionDeniedError, SignInError, StorageError, UsageError
from planwatch.exports import auditors
from planwatch.figures import corrections
from planwatch.operations import rebuild
from planwatch.storage import Store, uploads_archive
from planwatch.uploads import ingest, reference
from tests import clock
from tests.actors import PASSWORD, make_users
from tests.operations.compare_tables import differences
from tests.paths import TEST_DATA

KPI = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
KPI_XLSX = TEST_DATA / "valid" / "kpi-excel-sheet-named-kpi.xlsx"
SPENDING = TEST_DATA / "valid" / "spending-danish-excel-cp1252.csv"
SSO = {"email": "ole@example.dk", "subject": "idp-sub-42", "issuer": "https://idp.example.dk"}
_MADE: dict[str, str] = {}
"""What the lived-in history made that only its maker saw: the personal token."""


@functools.cache
def _start() -> dt.datetime:
    """Tomorrow morning: after any database a test builds at the real time, whenever the tests
    run (the same moment for the whole module)."""
    return clock.from_now(days=1, at=dt.time(8, 0))


def _at(hours: float) -> dt.datetime:
    return _start() + dt.timedelta(hours=hours)


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a fixed order."""
    with duckdb.connect(str(path), read_only=True) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM duckdb_tables() ORDER BY table_name"
            ).fetchall()
        ]
        return {
            name: connection.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall()
            for name in names
        }


def _history(path: Path) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(
            "SELECT o.*, c.kind, c.recorded_at, c.recorded_by, c.reason "
            "FROM observation_versions o JOIN change_sets c USING (change_set_id) ORDER BY ALL"
        ).fetchall()


def _kpi_rows(lines: list[str]) -> bytes:
    header = "indikator;år;kvartal;værdi;køn;aldersgruppe;udnyttelsesform;bemærkning"
    return ("\r\n".join([header, *lines]) + "\r\n").encode("cp1252")


@pytest.fixture(scope="module")
def lived_in(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a life behind it: reference and demo data, users, uploads in three
    formats, approvals, a return, a correction, refusals, dry runs, an export, and init run
    again (which spends ids on change sets it then removes)."""
    store = Store(tmp_path_factory.mktemp("lived-in") / "original.duckdb")
    reference.load(store, demo=True, now=_at(0), origin="cli operator@host")
    people = make_users(store)
    uploader, approver = people[Role.UPLOADER], people[Role.APPROVER]
    _live_with_accounts(store, people[Role.ADMIN])
    first = ingest.import_file(
        store, KPI.read_bytes(), KPI.name, "kpi", actor=uploader, now=_at(1), today=_at(1).date()
    )
    assert first.status == "stored", first.problems
    approvals.approve(store, approver, first.change_set_id or 0, now=_at(2))
    dry = ingest.import_file(
        store, SPENDING.read_bytes(), SPENDING.name, "spending", actor=uploader, dry_run=True
    )
    assert dry.status == "dry-run"
    refused = ingest.import_file(store, b"nonsense;\r\n1;2\r\n", "bad.csv", "kpi", actor=uploader)
    assert refused.status == "refused"
    spending = ingest.import_file(
        store,
        SPENDING.read_bytes(),
        SPENDING.name,
        "spending",
        actor=uploader,
        accept_warnings=True,
        now=_at(3),
        today=_at(3).date(),
    )
    assert spending.status == "stored", spending.problems
    approvals.return_submission(
        store, approver, spending.change_set_id or 0, comment="Q2 mangler", now=_at(4)
    )
    reference.load(store, demo=True, now=_at(5))  # nothing new, but ids are spent
    workbook = ingest.import_file(
        store,
        KPI_XLSX.read_bytes(),
        KPI_XLSX.name,
        "kpi",
        actor=uploader,
        reason="Revideret af CMM; æøå",
        accept_warnings=True,
        now=_at(6),
        today=_at(6).date(),
    )
    assert workbook.status == "stored", workbook.problems
    receipt = corrections.correct_observation(
        store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=corrections.parse_value("113"),
        reason="CMM reviderede tallet",
        actor=uploader,
        now=_at(7),
    )
    approvals.approve(store, approver, receipt.change_set_id, comment="ok", now=_at(8))
    auditors.download(store, people[Role.AUDITOR], names=["figures"])
    return store.path


def _live_with_accounts(store: Store, admin: Actor) -> None:
    """What admins and users do to accounts: a role changed, a user disabled, a single sign-on
    user bound at their first sign-in, sign-ins (one refused), an operating-system account
    mapped, personal tokens made and one revoked."""
    accounts.change_role(store, admin, "viewer1", Role.UPLOADER, grant=True)
    accounts.change_role(store, admin, "viewer1", Role.VIEWER, grant=False)
    accounts.add_user(store, admin, "leaver", [Role.UPLOADER], password=PASSWORD)
    accounts.set_disabled(store, admin, "leaver", True)
    accounts.add_user(
        store, admin, "ole", [Role.VIEWER], email=SSO["email"], display_name="Ole Olsen"
    )
    accounts.sign_in_sso(store, **SSO, email_verified=True)
    with pytest.raises(SignInError):
        accounts.sign_in(store, "approver1", "not the password")
    accounts.sign_in(store, "approver1", PASSWORD)
    tokens.map_os_user(store, admin, "cmm-batch", "uploader1")
    _, _MADE["token"] = tokens.create_token(store, admin, "uploader1", label="natlig import")
    spent, _ = tokens.create_token(store, admin, "uploader1", label="gammel")
    tokens.revoke_token(store, admin, spent.token_id)


@pytest.fixture
def original(lived_in: Path, tmp_path: Path) -> tuple[Store, dict[Role, Actor]]:
    """A copy of the lived-in database and its archive, for one test to change."""
    path = tmp_path / lived_in.name
    shutil.copy(lived_in, path)
    shutil.copytree(uploads_archive.archive_dir(lived_in), uploads_archive.archive_dir(path))
    store = Store(path)
    people = {role: Actor(f"{role.value}1", frozenset({role}), origin="test") for role in Role}
    return store, people


def test_every_accepted_upload_is_kept_beside_the_database_by_its_sha256(
    original: tuple[Store, dict[Role, Actor]],
) -> None:
    store, _ = original
    archive = uploads_archive.archive_dir(store.path)
    assert archive == store.path.with_name("original.duckdb.archive")
    with duckdb.connect(str(store.path), read_only=True) as connection:
        uploads = connection.execute("SELECT sha256, content FROM uploads").fetchall()
    assert len(uploads) >= 2
    for sha, content in uploads:
        kept = uploads_archive.object_path(archive, sha).read_bytes()
        assert kept == bytes(content)
        assert hashlib.sha256(kept).hexdigest() == sha
    # and the reference files init loaded, by the SHA-256 its audit entry names
    loads = [
        e
        for e in uploads_archive.read_journal(archive).entries
        if e["action"] == "reference-loaded"
    ]
    files = json.loads(loads[0]["details"])["files"]
    assert set(files) == {f"reference/{f.name}" for f in reference.REFERENCE_FILES} | {
        f"demo/{f.name}" for f in reference.DEMO_FILES
    }
    for name, sha in files.items():
        installed = (reference.DATA_DIR / name).read_bytes()
        assert uploads_archive.object_path(archive, sha).read_bytes() == installed
    # refused and dry-run files are not accepted uploads, so not kept
    kept_names = {p.name for p in (archive / "objects").rglob("*") if p.is_file()}
    assert kept_names == {sha for sha, _ in uploads} | set(files.values())


def test_the_journals_copy_the_audit_log_and_every_change_set(
    original: tuple[Store, dict[Role, Actor]],
) -> None:
    store, _ = original
    journal = uploads_archive.read_journal(uploads_archive.archive_dir(store.path))
    with duckdb.connect(str(store.path), read_only=True) as connection:
        chain = connection.execute("SELECT seq, entry_hash FROM audit_log ORDER BY seq").fetchall()
        change_sets = connection.execute(
            "SELECT change_set_id FROM change_sets ORDER BY 1"
        ).fetchall()
    assert [(e["seq"], e["entry_hash"]) for e in journal.entries] == chain
    assert sorted(journal.change_sets) == [c[0] for c in change_sets]


@pytest.fixture(scope="module")
def rebuilt(
    lived_in: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[rebuild.RebuildReport, list[tuple[int, int]]]:
    seen: list[tuple[int, int]] = []
    report = rebuild.rebuild(
        tmp_path_factory.mktemp("rebuilt") / "rebuilt.duckdb",
        uploads_archive.archive_dir(lived_in),
        progress=lambda done, total: seen.append((done, total)),
    )
    return report, seen


def test_a_rebuild_from_the_archive_equals_the_original_table_by_table(
    lived_in: Path, rebuilt: tuple[rebuild.RebuildReport, list[tuple[int, int]]]
) -> None:
    """Every table of the schema, users included; only what docs/backups.md names as not
    archived (password and token hashes, sign-in counters, migration times) may differ."""
    store = Store(lived_in)
    report, seen = rebuilt
    target = report.database
    assert differences(store.path, target, report.accounts_entry) == []
    assert _history(target) == _history(store.path)
    assert report.verified
    assert report.replayed == {
        "reference-loaded": 1,
        "upload": 3,
        "approve": 2,
        "return": 1,
        "correction": 1,
    }
    assert report.reference_files == len(reference.REFERENCE_FILES) + len(reference.DEMO_FILES)
    assert report.notes_en == []
    assert report.copied > 0  # users, sign-in-free service entries, the export
    assert report.entries == report.copied + sum(report.replayed.values())
    assert seen[-1] == (report.entries, report.entries)
    auditor = Actor("auditor-rebuilt", frozenset({Role.AUDITOR}))
    assert audit.verify(store, auditor).head_hash == report.archive_head_hash


def test_every_account_is_made_again_with_its_roles_bindings_and_history(
    rebuilt: tuple[rebuild.RebuildReport, list[tuple[int, int]]],
) -> None:
    report = rebuilt[0]
    admin = Actor("admin1", frozenset({Role.ADMIN}))
    shown = {u.name: u for u in accounts.list_users(Store(report.database), admin)}
    assert report.accounts == len(shown) == 7
    assert shown["viewer1"].roles == (Role.UPLOADER,)
    assert shown["leaver"].disabled
    assert shown["ole"].display_name == "Ole Olsen"
    assert not any(u.has_password for u in shown.values())
    assert sorted(report.needs_new_password) == sorted(set(shown) - {"ole"})
    with duckdb.connect(str(report.database), read_only=True) as connection:
        bound = connection.execute(
            "SELECT oidc_subject, oidc_issuer FROM users WHERE name = 'ole'"
        ).fetchall()
        mapped = connection.execute("SELECT os_user, name FROM os_user_map ORDER BY 1").fetchall()
        made = connection.execute(
            "SELECT token_id, label, revoked_at IS NOT NULL FROM cli_tokens ORDER BY 1"
        ).fetchall()
    assert bound == [(SSO["subject"], SSO["issuer"])]
    assert ("cmm-batch", "uploader1") in mapped
    assert made == [(1, "natlig import", False), (2, "gammel", True)]


def test_the_rebuilt_database_verifies_with_one_entry_sealing_the_rebuilt_accounts(
    rebuilt: tuple[rebuild.RebuildReport, list[tuple[int, int]]],
) -> None:
    report = rebuilt[0]
    assert report.accounts_entry == report.archive_head_seq + 1 == report.head_seq
    auditor = Actor("auditor-rebuilt", frozenset({Role.AUDITOR}))
    verdict = audit.verify(Store(report.database), auditor)
    assert verdict.ok, verdict.message_en
    assert not verdict.findings
    last = audit.entries(Store(report.database), auditor)[-1]
    assert last.action == "accounts-rebuilt"
    assert sorted(last.details["accounts"]) == sorted(report.needs_new_password)


def test_a_rebuilt_account_is_told_to_ask_an_admin_for_a_new_password(
    rebuilt: tuple[rebuild.RebuildReport, list[tuple[int, int]]], tmp_path: Path
) -> None:
    path = tmp_path / "rebuilt.duckdb"
    shutil.copy(rebuilt[0].database, path)
    store = Store(path, archive=False)
    with pytest.raises(SignInError) as refused:
        accounts.sign_in(store, "approver1", PASSWORD)
    assert "ask an administrator for a new password" in refused.value.message_en
    assert "bed en administrator om en ny adgangskode" in refused.value.message_da
    with pytest.raises(SignInError) as unknown:  # an unknown name: the very same words
        accounts.sign_in(store, "nobody", PASSWORD)
    assert unknown.value.message_en == refused.value.message_en
    assert unknown.value.message_da == refused.value.message_da
    admin = accounts.actor_for(store, "admin1")  # the command line: the mapping is rebuilt
    accounts.set_password(store, admin, "approver1", "a brand new long passphrase")
    assert accounts.sign_in(store, "approver1", "a brand new long passphrase").name == "approver1"
    assert accounts.sign_in_sso(store, **SSO).name == "ole"  # bound: no password needed
    with pytest.raises(PermissionDeniedError):  # tokens are not archived: make a new one
        tokens.identify(store, os_user="cmm-batch", token=_MADE["token"])
    assert tokens.identify(store, os_user="cmm-batch", token=None).proven == "uploader1"


def test_a_rebuilt_database_rebuilds_to_the_same_chain_with_no_entry_more(
    rebuilt: tuple[rebuild.RebuildReport, list[tuple[int, int]]], tmp_path: Path
) -> None:
    first = rebuilt[0]
    again = rebuild.rebuild(tmp_path / "again.duckdb", uploads_archive.archive_dir(first.database))
    assert again.accounts_entry is None
    assert (again.head_seq, again.head_hash) == (first.head_seq, first.head_hash)
    assert differences(first.database, again.database, None) == []


def test_the_table_comparison_finds_a_difference(
    rebuilt: tuple[rebuild.RebuildReport, list[tuple[int, int]]], lived_in: Path, tmp_path: Path
) -> None:
    """The comparison above can fail: one role more in the rebuilt copy is found."""
    path = tmp_path / "changed.duckdb"
    shutil.copy(rebuilt[0].database, path)
    with duckdb.connect(str(path)) as connection:
        connection.execute(
            "INSERT INTO user_roles VALUES ('leaver', 'admin', now()::TIMESTAMP, 'x')"
        )
    found = differences(lived_in, path, rebuilt[0].accounts_entry)
    assert len(found) == 1 and found[0].startswith("user_roles:")


def test_the_rebuild_keeps_authors_times_reasons_and_comments(
    rebuilt: tuple[rebuild.RebuildReport, list[tuple[int, int]]],
) -> None:
    target = rebuilt[0].database
    with duckdb.connect(str(target), read_only=True) as connection:
        uploads = connection.execute(
            "SELECT uploaded_by, uploaded_at, reason, file_name, sheet FROM uploads ORDER BY 1, 2"
        ).fetchall()
        reviews = connection.execute(
            "SELECT decision, reviewed_by, reviewed_at, comment FROM reviews ORDER BY reviewed_at"
        ).fetchall()
    assert uploads[0][:2] == ("uploader1", _at(1))
    assert ("approved", "approver1", _at(2), None) in reviews
    assert ("returned", "approver1", _at(4), "Q2 mangler") in reviews
    assert ("approved", "approver1", _at(8), "ok") in reviews


def test_a_commit_the_journal_missed_is_caught_up_by_the_next(
    original: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    """A crash after a commit but before the journal was written loses nothing: the next
    commit appends what the database holds beyond the journal. A line cut short is dropped."""
    store, _ = original
    archive = uploads_archive.archive_dir(store.path)
    journal = archive / uploads_archive.AUDIT_JOURNAL
    lines = journal.read_bytes().splitlines(keepends=True)
    journal.write_bytes(b"".join(lines[:-3]) + lines[-3][:17])  # 3 lines lost, one half-written
    changes = archive / uploads_archive.CHANGE_JOURNAL
    changes.write_bytes(b"".join(changes.read_bytes().splitlines(keepends=True)[:-2]))
    audit.record_now(store, actor="someone", action=audit.AuditAction.SIGN_OUT)
    target = tmp_path / "rebuilt.duckdb"
    report = rebuild.rebuild(target, archive)
    assert _history(target) == _history(store.path)
    assert differences(store.path, target, report.accounts_entry) == []


def test_an_archived_entry_that_differs_stops_the_rebuild_and_leaves_no_file(
    original: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    store, _ = original
    archive = uploads_archive.archive_dir(store.path)
    journal = archive / uploads_archive.AUDIT_JOURNAL
    entries = [json.loads(line) for line in journal.read_text(encoding="utf-8").splitlines()]
    upload = next(e for e in entries if e["action"] == "upload")
    details = json.loads(upload["details"])
    details["rows_new"] += 1  # an edit of the archive
    upload["details"] = json.dumps(details, sort_keys=True, separators=(",", ":"))
    journal.write_text(
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries), encoding="utf-8"
    )
    target = tmp_path / "rebuilt.duckdb"
    with pytest.raises(rebuild.RebuildDivergedError) as raised:
        rebuild.rebuild(target, archive)
    assert "is not intact" in raised.value.message_en
    assert f"Entry {upload['seq']}" in raised.value.message_en
    assert "er ikke intakt" in raised.value.message_da
    assert not target.exists()
    assert not uploads_archive.archive_dir(target).exists()


def test_a_replay_that_comes_out_differently_stops_at_that_entry(
    original: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    """The upload is done again under another file name than the original's: its audit entry
    comes out with another hash, and the rebuild stops there and removes its file."""
    store, _ = original
    archive = uploads_archive.archive_dir(store.path)
    changes = archive / uploads_archive.CHANGE_JOURNAL
    records = [json.loads(line) for line in changes.read_text(encoding="utf-8").splitlines()]
    first_upload = next(r for r in records if r["upload_id"] is not None)
    first_upload["file_name"] = "renamed.csv"
    changes.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    entries = uploads_archive.read_journal(archive).entries
    seq = next(
        e["seq"] for e in entries if e["subject"] == f"change-set:{first_upload['change_set_id']}"
    )
    target = tmp_path / "rebuilt.duckdb"
    with pytest.raises(rebuild.RebuildDivergedError) as raised:
        rebuild.rebuild(target, archive)
    assert f"entry {seq} (upload)" in raised.value.message_en
    assert f"post {seq} (upload)" in raised.value.message_da
    assert not target.exists()
    assert not uploads_archive.archive_dir(target).exists()


def test_a_missing_upload_file_is_named(
    original: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    store, _ = original
    archive = uploads_archive.archive_dir(store.path)
    sha = ingest.sha256(KPI.read_bytes())
    uploads_archive.object_path(archive, sha).unlink()
    with pytest.raises(rebuild.RebuildDivergedError, match=f"the file {sha} is missing"):
        rebuild.rebuild(tmp_path / "rebuilt.duckdb", archive)
    assert not (tmp_path / "rebuilt.duckdb").exists()


def test_a_rebuild_never_overwrites_and_needs_an_archive(
    original: tuple[Store, dict[Role, Actor]], tmp_path: Path
) -> None:
    store, _ = original
    with pytest.raises(UsageError, match="already exists"):
        rebuild.rebuild(store.path, uploads_archive.archive_dir(store.path))
    with pytest.raises(UsageError, match="no archive"):
        rebuild.rebuild(tmp_path / "new.duckdb", tmp_path / "nowhere")
    assert store.path.exists()


def test_an_upload_whose_file_cannot_be_kept_is_not_stored(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk (here: a refused write) refuses the upload; nothing is half-stored."""
    uploader = Actor("uploader9", frozenset({Role.UPLOADER}), origin="test")

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(uploads_archive, "_fsync_dir", full_disk)
    with duckdb.connect(str(demo_store.path), read_only=True) as connection:
        before = connection.execute("SELECT count(*) FROM uploads").fetchall()
    with pytest.raises(StorageError) as raised:
        ingest.import_file(demo_store, KPI.read_bytes(), KPI.name, "kpi", actor=uploader)
    assert "No space left on device" in raised.value.message_en
    assert "intet er gemt" in raised.value.message_da
    with duckdb.connect(str(demo_store.path), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM uploads").fetchall() == before


def test_a_store_without_archive_writes_none(tmp_path: Path) -> None:
    store = Store(tmp_path / "plain.duckdb", archive=False)
    reference.load(store)
    assert not uploads_archive.archive_dir(store.path).exists()


def test_a_database_that_lost_committed_changes_is_caught_by_its_archive(
    original: tuple[Store, dict[Role, Actor]], caplog: pytest.LogCaptureFixture
) -> None:
    """DuckDB drops a write-ahead log cut short without a word, and with it committed changes.
    The archive still has them: verify says so, and the archive is not mixed with a second
    history but kept as the source of a rebuild."""
    store, _ = original
    auditor = Actor("auditor1", frozenset({Role.AUDITOR}))
    earlier = store.path.with_name("earlier.duckdb")
    shutil.copy(store.path, earlier)
    audit.record_now(store, actor="someone", action=audit.AuditAction.SIGN_OUT)
    archive = uploads_archive.archive_dir(store.path)
    lost_seq = uploads_archive.archived_chain(store.path)[-1][0]
    shutil.copy(earlier, store.path)  # the last commit is gone from the database

    verdict = audit.verify(store, auditor)
    assert not verdict.ok
    assert verdict.problem == "missing-from-database"
    assert verdict.broken_at == lost_seq
    assert "planwatch db rebuild --from-uploads" in verdict.message_en

    journal_before = (archive / uploads_archive.AUDIT_JOURNAL).read_bytes()
    audit.record_now(store, actor="someone else", action=audit.AuditAction.SIGN_OUT)
    assert (archive / uploads_archive.AUDIT_JOURNAL).read_bytes() == journal_before
    assert "Changes that were committed have been lost" in caplog.text
    verdict = audit.verify(store, auditor)
    assert verdict.problem == "differs-from-archive"
    assert verdict.broken_at == lost_seq


def test_verify_says_the_archive_agrees(original: tuple[Store, dict[Role, Actor]]) -> None:
    store, _ = original
    verdict = audit.verify(store, Actor("auditor1", frozenset({Role.AUDITOR})))
    assert verdict.ok
    assert "The archive's copy" in verdict.message_en
    assert "Arkivets kopi" in verdict.message_da
