"""Backups (Parquet + manifest.json) and restores: a round trip keeps every row of every table."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner, Result

from planwatch.access import accounts, approvals, audit
from planwatch.access.audit import AuditAction
from planwatch.cli import main
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Actor
from planwatch.errors import DataError, SchemaOutdatedError, UsageError
from planwatch.figures import corrections
from planwatch.operations import backups
from planwatch.storage import MIGRATIONS, Store, backup_sql
from planwatch.uploads import ingest
from tests.paths import TEST_DATA

TODAY = dt.date(2026, 11, 29)
PLANWATCH = Path(sys.executable).with_name("planwatch")


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _people(store: Store) -> dict[str, Actor]:
    return {
        name: accounts.actor_for(store, name) for name in ("uploader1", "approver1", "auditor1")
    }


def _busy(store: Store) -> None:
    """Uploads (one approved, one returned), a correction awaiting approval, one approved."""
    people = _people(store)
    first = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
    stored = ingest.import_file(
        store, first.read_bytes(), first.name, "kpi", actor=people["uploader1"], today=TODAY
    )
    assert stored.status == "stored", stored.problems
    approvals.approve(store, people["approver1"], stored.change_set_id or 0)
    second = TEST_DATA / "valid" / "spending-danish-excel-cp1252.csv"
    returned = ingest.import_file(
        store, second.read_bytes(), second.name, "spending", actor=people["uploader1"], today=TODAY
    )
    assert returned.status == "stored", returned.problems
    approvals.return_submission(
        store, people["approver1"], returned.change_set_id or 0, comment="wrong quarter"
    )
    for value, approve in (("113", True), ("114", False)):
        receipt = corrections.correct_observation(
            store,
            indicator="victims_assessed",
            period=Period(2023),
            source_id="cmm-tal-2023",
            new_value=Decimal(value),
            reason="late assessment",
            actor=people["uploader1"],
        )
        if approve:
            approvals.approve(store, people["approver1"], receipt.change_set_id)


def _tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a fixed order, plus the schema and the sequences."""
    with store.connect(read_only=True) as connection:
        names = backup_sql.table_names(connection)
        everything: dict[str, list[tuple[Any, ...]]] = {
            name: connection.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall()
            for name in names
        }
        everything["-columns"] = connection.execute(
            "SELECT table_name, column_name, data_type, is_nullable, column_default "
            "FROM duckdb_columns() WHERE database_name = current_database() ORDER BY ALL"
        ).fetchall()
        everything["-constraints"] = connection.execute(
            "SELECT table_name, constraint_type, constraint_text FROM duckdb_constraints() "
            "WHERE database_name = current_database() ORDER BY ALL"
        ).fetchall()
        everything["-macros"] = connection.execute(
            "SELECT function_name, macro_definition FROM duckdb_functions() "
            "WHERE database_name = current_database() AND function_type = 'table_macro' "
            "ORDER BY ALL"
        ).fetchall()
        everything["-sequences"] = connection.execute(
            "SELECT sequence_name, last_value FROM duckdb_sequences() "
            "WHERE database_name = current_database() ORDER BY ALL"
        ).fetchall()
    return everything


def _chain_ok(store: Store) -> audit.Verification:
    return audit.verify(store, accounts.actor_for(store, "auditor1"))


def _left_behind(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if ".partial-" in p.name or ".restoring-" in p.name
    )


@pytest.fixture(scope="module")
def busy_template(users_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("busy-template") / "busy.duckdb"
    shutil.copy(users_db_template, path)
    _busy(Store(path))
    return path


@pytest.fixture
def busy_store(busy_template: Path, tmp_path: Path) -> Store:
    path = tmp_path / "planwatch.duckdb"
    shutil.copy(busy_template, path)
    return Store(path, lock_timeout=5.0)


def test_a_round_trip_keeps_every_row_of_every_table(busy_store: Store, tmp_path: Path) -> None:
    before = _tables(busy_store)
    assert before["uploads"] and before["reviews"] and len(before["audit_log"]) > 10
    report = backups.backup(busy_store, tmp_path / "backup")
    assert report.tables == {
        name: len(rows) for name, rows in before.items() if not name.startswith("-")
    }
    assert _tables(busy_store) == before  # the backup changed nothing
    restored = backups.restore(tmp_path / "backup", tmp_path / "restored.duckdb")
    assert restored.pending_migrations == []
    assert restored.migrations == [m.name for m in MIGRATIONS]
    after = _tables(Store(restored.db))
    assert after.keys() == before.keys()
    for name in before:  # one table at a time, for a readable failure
        assert after[name] == before[name], name
    blobs = [row for row in after["uploads"] if any(isinstance(v, bytes) for v in row)]
    assert len(blobs) == len(before["uploads"])  # the uploaded files themselves came back
    chain = _chain_ok(Store(restored.db))
    assert chain.ok, chain.message_en
    assert (chain.head_seq, chain.head_hash) == (report.audit_head_seq, report.audit_head_hash)
    assert _left_behind(tmp_path) == []
    assert not (tmp_path / "restored.duckdb.wal").exists()


def test_writes_after_a_restore_take_new_ids(busy_store: Store, tmp_path: Path) -> None:
    backups.backup(busy_store, tmp_path / "backup")
    store = Store(backups.restore(tmp_path / "backup", tmp_path / "r.duckdb").db)
    before = _tables(store)
    people = _people(store)
    upload = TEST_DATA / "valid" / "allocations-english.csv"
    report = ingest.import_file(
        store,
        upload.read_bytes(),
        upload.name,
        "allocations",
        actor=people["uploader1"],
        today=TODAY,
    )
    assert report.status == "stored", report.problems
    approvals.approve(store, people["approver1"], report.change_set_id or 0)
    receipt = corrections.correct_observation(
        store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(120),
        reason="after the restore",
        actor=people["uploader1"],
    )
    audit.record_now(store, actor="someone", action=AuditAction.EXPORT, origin="test")
    assert report.upload_id not in {row[0] for row in before["uploads"]}
    assert report.change_set_id not in {row[0] for row in before["change_sets"]}
    assert receipt.change_set_id > max(row[0] for row in before["change_sets"])
    after = _tables(store)
    versions = {row[0] for row in before["observation_versions"]}
    assert len(after["observation_versions"]) > len(before["observation_versions"])
    assert {row[0] for row in after["allocation_versions"]}.isdisjoint(versions)
    assert _chain_ok(store).ok


def test_plain_duckdb_reads_the_backup_without_planwatch(busy_store: Store, tmp_path: Path) -> None:
    backups.backup(busy_store, tmp_path / "backup")
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text(encoding="utf-8"))
    before = _tables(busy_store)
    # What an operator or an auditor can do with any DuckDB (or pandas, or pyarrow).
    reader = duckdb.connect()
    for table, facts in manifest["tables"].items():
        path = str(tmp_path / "backup" / facts["file"])
        rows = reader.execute("SELECT * FROM read_parquet(?) ORDER BY ALL", [path]).fetchall()
        assert len(rows) == facts["rows"] == len(before[table]), table
        if table != "uploads":  # JSON is text in Parquet; the rest compares as it is
            assert rows == before[table], table
    reader.close()
    assert manifest["planwatch_version"] and manifest["duckdb_version"] == duckdb.__version__
    assert manifest["created_at"].endswith("Z")
    assert [m["name"] for m in manifest["migrations"]] == [m.name for m in MIGRATIONS]
    assert set(manifest["files"]) == {f["file"] for f in manifest["tables"].values()}
    assert sorted(p.name for p in (tmp_path / "backup").iterdir()) == sorted(
        [*manifest["files"], "manifest.json"]
    )


def test_a_backup_while_another_thread_keeps_writing_is_one_moment(
    users_store: Store, tmp_path: Path
) -> None:
    people = _people(users_store)
    stop = threading.Event()
    written: list[int] = []
    failures: list[BaseException] = []

    def keep_writing() -> None:
        value = 200
        try:
            while not stop.is_set():
                value += 1
                receipt = corrections.correct_observation(
                    users_store,
                    indicator="victims_assessed",
                    period=Period(2023),
                    source_id="cmm-tal-2023",
                    new_value=Decimal(value),
                    reason="keeps changing",
                    actor=people["uploader1"],
                )
                written.append(receipt.change_set_id)
                audit.record_now(users_store, actor="writer", action=AuditAction.EXPORT)
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        reports = []
        for i in range(3):  # each backup after the writer stored something more
            seen = len(written)
            deadline = time.monotonic() + 60
            while len(written) == seen and not failures and time.monotonic() < deadline:
                time.sleep(0.01)
            reports.append(backups.backup(users_store, tmp_path / f"b{i}"))
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not failures, failures
    assert reports[0].tables["change_sets"] < reports[-1].tables["change_sets"]
    for i, report in enumerate(reports):
        restored = Store(backups.restore(tmp_path / f"b{i}", tmp_path / f"r{i}.duckdb").db)
        assert _chain_ok(restored).ok
        with restored.connect(read_only=True) as connection:
            corrections_made = connection.execute(
                "SELECT count(*) FROM change_sets WHERE reason = 'keeps changing'"
            ).fetchall()[0][0]
            logged = connection.execute(
                "SELECT count(*) FROM audit_log WHERE action = 'correction'"
            ).fetchall()[0][0]
            versions = connection.execute(
                "SELECT count(*) FROM observation_versions v JOIN change_sets c "
                "USING (change_set_id) WHERE c.reason = 'keeps changing'"
            ).fetchall()[0][0]
        # Each correction is one change set, one figure-version and one audit entry, written
        # in one transaction: a snapshot has all three or none.
        assert corrections_made == logged == versions
        assert report.tables["change_sets"] == restored_count(restored, "change_sets")
    # and the live database is still whole
    assert _chain_ok(users_store).ok


def restored_count(store: Store, table: str) -> int:
    with store.connect(read_only=True) as connection:
        return int(connection.execute(f'SELECT count(*) FROM "{table}"').fetchall()[0][0])


def test_quotes_and_spaces_in_paths_are_only_names(demo_store: Store, tmp_path: Path) -> None:
    odd = tmp_path / "it's a backup'); DROP TABLE users; --"
    backups.backup(demo_store, odd)
    assert (odd / "users.parquet").is_file()
    restored = backups.restore(odd, tmp_path / "o'brien.duckdb")
    assert _tables(Store(restored.db)) == _tables(demo_store)


def test_a_non_empty_out_folder_is_refused_and_nothing_is_written(
    demo_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    (out / "something.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError) as refused:
        backups.backup(demo_store, out)
    assert "tom mappe" in refused.value.message_da and "empty folder" in refused.value.message_en
    assert [p.name for p in out.iterdir()] == ["something.txt"]
    assert _left_behind(tmp_path) == []
    empty = tmp_path / "empty"
    empty.mkdir()
    assert backups.backup(demo_store, empty).out_dir == empty  # an empty folder is fine
    assert (empty / "manifest.json").is_file()


def test_an_existing_target_is_refused_and_left_alone(demo_store: Store, tmp_path: Path) -> None:
    backups.backup(demo_store, tmp_path / "backup")
    target = tmp_path / "there.duckdb"
    target.write_bytes(b"not to be touched")
    with pytest.raises(UsageError) as refused:
        backups.restore(tmp_path / "backup", target)
    assert "findes allerede" in refused.value.message_da
    assert target.read_bytes() == b"not to be touched"
    with pytest.raises(UsageError):  # nor onto the live database
        backups.restore(tmp_path / "backup", demo_store.path)
    assert _left_behind(tmp_path) == []


@pytest.mark.parametrize("damage", ["change", "delete", "truncate"])
def test_a_damaged_file_is_found_before_anything_is_created(
    demo_store: Store, tmp_path: Path, damage: str
) -> None:
    backups.backup(demo_store, tmp_path / "backup")
    victim = tmp_path / "backup" / "observation_versions.parquet"
    if damage == "change":
        data = bytearray(victim.read_bytes())
        data[len(data) // 2] ^= 0xFF
        victim.write_bytes(bytes(data))
    elif damage == "delete":
        victim.unlink()
    else:
        victim.write_bytes(victim.read_bytes()[:100])
    with pytest.raises(DataError) as refused:
        backups.restore(tmp_path / "backup", tmp_path / "new.duckdb")
    codes = {(p.code, p.value) for p in refused.value.problems}
    expected = "file-missing" if damage == "delete" else "checksum-mismatch"
    assert codes == {(expected, "observation_versions.parquet")}
    assert not (tmp_path / "new.duckdb").exists()
    assert _left_behind(tmp_path) == []


def test_a_missing_or_unreadable_manifest_is_refused(demo_store: Store, tmp_path: Path) -> None:
    backups.backup(demo_store, tmp_path / "backup")
    manifest = tmp_path / "backup" / "manifest.json"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text("{not json", encoding="utf-8")
    with pytest.raises(DataError) as unreadable:
        backups.restore(tmp_path / "backup", tmp_path / "new.duckdb")
    assert [p.code for p in unreadable.value.problems] == ["manifest-unreadable"]
    manifest.write_text(text.replace('"rows": 167', '"rows": "many"'), encoding="utf-8")
    with pytest.raises(DataError):
        backups.restore(tmp_path / "backup", tmp_path / "new.duckdb")
    manifest.unlink()
    with pytest.raises(DataError) as missing:
        backups.restore(tmp_path / "backup", tmp_path / "new.duckdb")
    assert [p.code for p in missing.value.problems] == ["manifest-missing"]
    with pytest.raises(UsageError):
        backups.restore(tmp_path / "no-such-folder", tmp_path / "new.duckdb")
    assert not (tmp_path / "new.duckdb").exists()
    assert _left_behind(tmp_path) == []


def test_a_manifest_that_disagrees_with_the_files_is_caught_after_loading(
    demo_store: Store, tmp_path: Path
) -> None:
    backups.backup(demo_store, tmp_path / "backup")
    manifest = tmp_path / "backup" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["tables"]["observation_versions"]["rows"] += 1
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError) as refused:
        backups.restore(tmp_path / "backup", tmp_path / "new.duckdb")
    assert [(p.code, p.value) for p in refused.value.problems] == [
        ("rows-differ", "observation_versions")
    ]
    assert not (tmp_path / "new.duckdb").exists()
    assert _left_behind(tmp_path) == []


def test_an_edited_audit_log_in_the_backup_is_caught(busy_store: Store, tmp_path: Path) -> None:
    backups.backup(busy_store, tmp_path / "backup")
    folder = tmp_path / "backup"
    # Someone rewrites an entry and the manifest's checksum to match: the chain still tells.
    editor = duckdb.connect()
    log = str(folder / "audit_log.parquet")
    edited = str(folder / "edited.parquet")
    editor.execute(
        f"COPY (SELECT * REPLACE (CASE WHEN seq = 2 THEN 'mallory' ELSE actor END AS actor) "
        f"FROM read_parquet('{log}')) TO '{edited}' (FORMAT parquet)"
    )
    editor.close()
    os.replace(edited, log)
    manifest = folder / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"]["audit_log.parquet"]["sha256"] = backups._sha256(Path(log))
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataError) as refused:
        backups.restore(folder, tmp_path / "new.duckdb")
    assert [p.code for p in refused.value.problems] == ["audit-chain-broken"]
    assert not (tmp_path / "new.duckdb").exists()
    assert _left_behind(tmp_path) == []


def test_a_backup_from_a_newer_planwatch_is_refused(demo_store: Store, tmp_path: Path) -> None:
    backups.backup(demo_store, tmp_path / "backup")
    manifest = tmp_path / "backup" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["migrations"].append({"name": "9999_future", "checksum": "0" * 64, "applied_at": ""})
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SchemaOutdatedError) as refused:
        backups.restore(tmp_path / "backup", tmp_path / "new.duckdb")
    assert "9999_future" in refused.value.message_en
    assert not (tmp_path / "new.duckdb").exists()


def test_a_backup_of_an_older_schema_restores_with_migrations_pending(tmp_path: Path) -> None:
    from planwatch.storage import migrations

    old = Store(tmp_path / "old.duckdb")
    migrations.migrate(old, MIGRATIONS[:2])
    backups.backup(old, tmp_path / "backup")
    report = backups.restore(tmp_path / "backup", tmp_path / "new.duckdb")
    assert report.migrations == [m.name for m in MIGRATIONS[:2]]
    assert report.pending_migrations == [m.name for m in MIGRATIONS[2:]]
    assert _tables(Store(report.db)) == _tables(old)
    assert migrations.migrate(Store(report.db)) == [m.name for m in MIGRATIONS[2:]]


def test_the_backup_waits_for_a_busy_file_then_gives_up_cleanly(
    demo_store: Store, tmp_path: Path
) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, duckdb\n"
            "c = duckdb.connect(sys.argv[1]); print('locked', flush=True); time.sleep(20)",
            str(demo_store.path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        result = subprocess.run(
            [
                str(PLANWATCH),
                "db",
                "backup",
                "--out",
                str(tmp_path / "b"),
                "--db",
                str(demo_store.path),
            ],
            capture_output=True,
            text=True,
            env={**os.environ, "PLANWATCH_LOCK_TIMEOUT": "0.5", "PLANWATCH_LANGUAGE": "en"},
            timeout=120,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 3, result.stderr
    assert "busy" in result.stderr
    assert not (tmp_path / "b").exists()
    assert _left_behind(tmp_path) == []


# -- the commands ------------------------------------------------------------------------------


def test_the_commands_back_up_and_restore_with_json(busy_store: Store, tmp_path: Path) -> None:
    out, new = tmp_path / "backup", tmp_path / "restored.duckdb"
    made = _run("db", "backup", "--out", str(out), "--db", str(busy_store.path), "--json")
    assert made.exit_code == 0, made.output
    payload = json.loads(made.output)
    assert payload["out_dir"] == str(out)
    assert payload["tables"]["audit_log"] == _chain_ok(busy_store).head_seq
    assert payload["manifest_sha256"] == backups._sha256(out / "manifest.json")
    back = _run("db", "restore", str(out), "--db", str(new), "--json")
    assert back.exit_code == 0, back.output
    restored = json.loads(back.output)
    assert restored["db"] == str(new) and restored["pending_migrations"] == []
    assert restored["tables"] == payload["tables"]
    assert restored["audit_head_hash"] == payload["audit_head_hash"]
    assert _tables(Store(new)) == _tables(busy_store)


def test_the_commands_speak_danish_and_english(demo_store: Store, tmp_path: Path) -> None:
    da = _run("db", "backup", "--out", str(tmp_path / "b1"), "--db", str(demo_store.path))
    assert da.exit_code == 0 and "Sikkerhedskopi:" in da.output and "rækker" in da.output
    en = _run(
        "--lang", "en", "db", "backup", "--out", str(tmp_path / "b2"), "--db", str(demo_store.path)
    )
    assert en.exit_code == 0 and "Backup:" in en.output and "rows" in en.output
    back = _run("db", "restore", str(tmp_path / "b1"), "--db", str(tmp_path / "r.duckdb"))
    assert back.exit_code == 0 and "Gendannet" in back.output and "intakt" in back.output


def test_the_commands_exit_codes(demo_store: Store, tmp_path: Path) -> None:
    db = str(demo_store.path)
    assert _run("db", "backup", "--out", str(tmp_path / "b"), "--db", db).exit_code == 0
    # 2: a non-empty out folder, an existing target, a missing option
    again = _run("--json", "db", "backup", "--out", str(tmp_path / "b"), "--db", db)
    assert again.exit_code == 2
    assert json.loads(again.output)["error"]["code"] == "usage-error"
    taken = _run("--json", "db", "restore", str(tmp_path / "b"), "--db", db)
    assert taken.exit_code == 2
    assert _run("db", "restore", str(tmp_path / "b")).exit_code == 2
    assert _run("db", "backup", "--db", db).exit_code == 2
    # 3: no database to back up
    missing = _run("db", "backup", "--out", str(tmp_path / "c"), "--db", str(tmp_path / "x.db"))
    assert missing.exit_code == 3
    assert not (tmp_path / "c").exists() and not (tmp_path / "x.db").exists()
    # 1: a damaged backup, with every problem listed
    (tmp_path / "b" / "users.parquet").write_bytes(b"PAR1")
    damaged = _run("--json", "db", "restore", str(tmp_path / "b"), "--db", str(tmp_path / "n.db"))
    assert damaged.exit_code == 1
    error = json.loads(damaged.output)["error"]
    assert error["code"] == "invalid-data"
    assert [p["code"] for p in error["problems"]] == ["checksum-mismatch"]
    assert not (tmp_path / "n.db").exists()
    assert _left_behind(tmp_path) == []
