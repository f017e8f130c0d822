"""The audit covers the figures (issue 16): a row edited, added or deleted outside planwatch,
straight in DuckDB, is found by ``planwatch audit verify`` and named, in Danish and English.

Every test tampers with a copy of a lived-in database (the demo, users, a running year of
quarterly uploads approved one by one, a correction and its approval) and runs the command as a
user would: a process of its own.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from planwatch.access import accounts, approvals, tokens
from planwatch.domain.periods import Period
from planwatch.domain.vocab import Breakdown
from planwatch.figures import corrections
from planwatch.storage import Store
from tests import scenarios
from tests.scenarios import RunningYear

PLANWATCH = Path(sys.executable).with_name("planwatch")
_COMMAND = (str(PLANWATCH),)
_AS_AUDITOR = ("--user", "auditor1", "--db")


@pytest.fixture(scope="module")
def lived_in(running_year_template: RunningYear, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The running year plus a correction of a quarter's male count, approved."""
    path = tmp_path_factory.mktemp("audit-content") / "lived.duckdb"
    shutil.copy(running_year_template.path, path)
    store = Store(path, lock_timeout=5.0)
    later = running_year_template.moments["2025-Q2"] + dt.timedelta(hours=1)
    receipt = corrections.correct_observation(
        store,
        indicator="victims_assessed",
        period=Period(2025, 1),
        source_id="cmm-upload",
        new_value=corrections.parse_value("10"),
        reason="a late assessment",
        actor=scenarios.UPLOADER,
        breakdown=Breakdown("male", "all", "all"),
        now=later,
    )
    approvals.approve(
        store, scenarios.APPROVER, receipt.change_set_id, now=later + dt.timedelta(minutes=5)
    )
    return path


@pytest.fixture
def db(lived_in: Path, tmp_path: Path) -> Path:
    path = tmp_path / "planwatch.duckdb"
    shutil.copy(lived_in, path)
    return path


def _tamper(path: Path, *statements: str) -> None:
    """What an insider with the file does: SQL straight in DuckDB, no planwatch."""
    with duckdb.connect(str(path)) as connection:
        for statement in statements:
            connection.execute(statement)


def _one(path: Path, sql: str) -> Any:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()[0][0]


def _verify(path: Path, language: str = "en") -> tuple[int, dict[str, Any], str]:
    result = subprocess.run(
        [*_COMMAND, "--lang", language, "--json", "audit", "verify", *_AS_AUDITOR, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout), result.stderr


def _verify_text(path: Path, language: str) -> tuple[int, str]:
    result = subprocess.run(
        [*_COMMAND, "--lang", language, "audit", "verify", *_AS_AUDITOR, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stdout


def _found(payload: dict[str, Any], problem: str) -> list[dict[str, Any]]:
    return [f for f in payload["findings"] if f["problem"] == problem]


def test_an_untouched_lived_in_database_verifies_clean(db: Path) -> None:
    code, payload, _ = _verify(db)
    assert code == 0, payload
    assert payload["ok"] and payload["findings"] == []
    assert "content matches its seals" in payload["message_en"]


def test_an_updated_value_is_named_with_stored_and_sealed(db: Path) -> None:
    version = _one(
        db,
        "SELECT max(version_id) FROM observation_versions WHERE indicator_code = "
        "'victims_assessed' AND year = 2024 AND quarter = 3 AND sex = 'all'",
    )
    _tamper(db, f"UPDATE observation_versions SET value = 500 WHERE version_id = {version}")
    code, payload, _ = _verify(db)
    assert code == 1 and not payload["ok"]
    [finding] = _found(payload, "value-differs")
    assert (finding["stored"], finding["sealed"]) == ("500", "26")
    message = finding["message_en"]
    for part in ("victims_assessed", "2024-Q3", "all/all/all", f"version {version}"):
        assert part in message
    assert "stored 500, sealed 26" in message
    assert "gemt 500, forseglet 26" in finding["message_da"]
    code, text = _verify_text(db, "da")
    assert code == 1 and "gemt 500, forseglet 26" in text and "victims_assessed 2024-Q3" in text


def test_a_figure_version_added_to_an_existing_change_set_is_found(db: Path) -> None:
    change_set = _one(db, "SELECT max(change_set_id) FROM change_sets WHERE kind = 'upload'")
    _tamper(
        db,
        "INSERT INTO observation_versions (change_set_id, indicator_code, year, quarter, sex, "
        "age_group, exploitation, source_id, value, is_preferred) VALUES "
        f"({change_set}, 'victims_assessed', 2025, 3, 'all', 'all', 'all', 'cmm-upload', 999, "
        "true)",
    )
    code, payload, _ = _verify(db)
    assert code == 1
    [finding] = _found(payload, "row-not-sealed")
    assert finding["unit"] == f"change-set:{change_set}"
    assert "victims_assessed 2025-Q3" in finding["message_en"]
    assert "outside planwatch" in finding["message_en"]


def test_a_figure_version_in_a_made_up_change_set_is_found(db: Path) -> None:
    _tamper(
        db,
        "INSERT INTO change_sets (change_set_id, kind, recorded_at, recorded_by) VALUES "
        "(9001, 'upload', TIMESTAMP '2020-01-01 00:00:00', 'nobody')",
        "INSERT INTO observation_versions (change_set_id, indicator_code, year, quarter, sex, "
        "age_group, exploitation, source_id, value, is_preferred) VALUES "
        "(9001, 'victims_assessed', 2019, NULL, 'all', 'all', 'all', 'cmm-upload', 7, true)",
    )
    code, payload, _ = _verify(db)
    assert code == 1
    found = _found(payload, "row-not-sealed")
    assert {f["unit"] for f in found} == {"change-set:9001"}
    assert {f["table"] for f in found} == {"change_sets", "observation_versions"}
    figure = next(f for f in found if f["table"] == "observation_versions")
    assert "victims_assessed 2019 (all/all/all, cmm-upload)" in figure["message_en"]


def test_a_deleted_version_is_found(db: Path) -> None:
    version = _one(
        db,
        "SELECT max(version_id) FROM observation_versions WHERE indicator_code = "
        "'victims_assessed' AND year = 2025 AND quarter = 2 AND sex = 'male'",
    )
    _tamper(db, f"DELETE FROM observation_versions WHERE version_id = {version}")
    code, payload, _ = _verify(db)
    assert code == 1
    [finding] = _found(payload, "row-missing")
    assert finding["key"] == str(version)
    assert "victims_assessed 2025-Q2 (male/all/all" in finding["message_en"]
    assert "was deleted" in finding["message_en"]


def test_a_deleted_change_set_is_found(db: Path) -> None:
    change_set = _one(db, "SELECT max(change_set_id) FROM change_sets WHERE kind = 'correction'")
    _tamper(
        db,
        f"DELETE FROM reviews WHERE change_set_id = {change_set}",
        f"DELETE FROM observation_versions WHERE change_set_id = {change_set}",
        f"DELETE FROM change_sets WHERE change_set_id = {change_set}",
    )
    code, payload, _ = _verify(db)
    assert code == 1
    missing = _found(payload, "unit-missing")
    assert {f["unit"] for f in missing} == {f"change-set:{change_set}", f"review:{change_set}"}
    unit = next(f for f in missing if f["unit"] == f"change-set:{change_set}")
    assert "observation_versions: 1" in unit["message_en"]


@pytest.mark.parametrize("table", ["allocation_versions", "spending_versions"])
def test_an_edited_allocation_or_spending_row_is_found(db: Path, table: str) -> None:
    version = _one(db, f"SELECT min(version_id) FROM {table}")
    sealed = _one(db, f"SELECT amount_dkk FROM {table} WHERE version_id = {version}")
    _tamper(db, f"UPDATE {table} SET amount_dkk = amount_dkk + 1 WHERE version_id = {version}")
    code, payload, _ = _verify(db)
    assert code == 1
    [finding] = _found(payload, "value-differs")
    assert finding["table"] == table and finding["key"] == str(version)
    assert finding["sealed"] == format(sealed.normalize(), "f")
    assert ("allocation" if table.startswith("alloc") else "spending") in finding["message_en"]


def test_an_edited_upload_row_is_found(db: Path) -> None:
    upload = _one(db, "SELECT min(upload_id) FROM uploads")
    _tamper(db, f"UPDATE uploads SET uploaded_by = 'someone-else' WHERE upload_id = {upload}")
    code, payload, _ = _verify(db)
    assert code == 1
    [finding] = _found(payload, "value-differs")
    assert finding["table"] == "uploads"
    assert "uploaded_by=someone-else" in finding["stored"]
    assert "uploaded_by=uploader1" in finding["sealed"]


def test_a_forged_line_in_an_edited_row_stays_inside_its_finding(db: Path) -> None:
    """A value edited to hold a line break is quoted escaped: the report's lines are its own."""
    upload = _one(db, "SELECT min(upload_id) FROM uploads")
    _tamper(
        db,
        "UPDATE uploads SET uploaded_by = 'x' || chr(10) || 'FORGED all is well' "
        f"WHERE upload_id = {upload}",
    )
    code, text = _verify_text(db, "en")
    assert code == 1
    assert "\\nFORGED" in text
    assert not any(line.startswith("FORGED") for line in text.splitlines()), text


def test_a_swapped_upload_file_is_found(db: Path) -> None:
    upload = _one(db, "SELECT min(upload_id) FROM uploads")
    _tamper(db, f"UPDATE uploads SET content = 'other bytes'::BLOB WHERE upload_id = {upload}")
    code, payload, _ = _verify(db)
    assert code == 1
    [finding] = _found(payload, "value-differs")
    assert finding["table"] == "uploads" and "content=" in finding["stored"]


def test_an_edited_review_is_found(db: Path) -> None:
    change_set = _one(db, "SELECT min(change_set_id) FROM reviews")
    _tamper(
        db,
        f"UPDATE reviews SET reviewed_by = 'uploader1' WHERE change_set_id = {change_set}",
    )
    code, payload, _ = _verify(db)
    assert code == 1
    [finding] = _found(payload, "value-differs")
    assert finding["unit"] == f"review:{change_set}"
    assert "reviewed_by=uploader1" in finding["stored"]


def test_a_role_given_outside_planwatch_is_found(db: Path) -> None:
    _tamper(
        db,
        "INSERT INTO user_roles (name, role, granted_at, granted_by) VALUES "
        "('viewer1', 'admin', TIMESTAMP '2020-01-01 00:00:00', 'admin1')",
    )
    code, payload, _ = _verify(db, "da")
    assert code == 1
    [finding] = _found(payload, "unit-differs")
    assert finding["unit"] == "user:viewer1"
    assert "user:viewer1" in finding["message_da"]


def test_a_command_line_token_made_outside_planwatch_is_found(db: Path) -> None:
    """An insider who writes a token for an admin into the file could act as that admin on the
    command line: the token row is part of the admin's sealed account."""
    _tamper(
        db,
        "INSERT INTO cli_tokens (token_id, name, token_sha256, label, created_at, created_by) "
        f"VALUES (999, 'admin1', '{'a' * 64}', 'mine', TIMESTAMP '2020-01-01 00:00:00', 'admin1')",
    )
    code, payload, _ = _verify(db)
    assert code == 1
    assert any(f.get("unit") == "user:admin1" for f in payload["findings"]), payload


def test_an_operating_system_account_mapped_outside_planwatch_is_found(db: Path) -> None:
    _tamper(
        db,
        "INSERT INTO os_user_map (os_user, name, mapped_at, mapped_by) VALUES "
        "('intruder', 'approver1', TIMESTAMP '2020-01-01 00:00:00', 'admin1')",
    )
    code, payload, _ = _verify(db)
    assert code == 1
    assert any(f.get("unit") == "user:approver1" for f in payload["findings"]), payload


def test_an_account_moved_between_users_through_planwatch_verifies_clean(db: Path) -> None:
    """Moving an operating-system account from one user to another changes both users'
    sealed accounts: the entry seals both."""
    store = Store(db, lock_timeout=5.0)
    admin = accounts.actor_for(store, "admin1", origin="test")
    tokens.map_os_user(store, admin, "shared-account", "viewer1", origin="test")
    tokens.map_os_user(store, admin, "shared-account", "approver1", origin="test")
    tokens.map_os_user(store, admin, "shared-account", None, origin="test")
    code, payload, _ = _verify(db)
    assert code == 0, payload


def test_an_edited_indicator_definition_is_found(db: Path) -> None:
    _tamper(
        db,
        "UPDATE indicators SET definition_en = 'Something else' WHERE code = 'victims_assessed'",
    )
    code, payload, _ = _verify(db)
    assert code == 1
    [finding] = _found(payload, "value-differs")
    assert finding["unit"] == "definition:indicators:victims_assessed"
    assert "definition_en=Something else" in finding["stored"]


def test_the_seal_itself_cannot_be_rewritten_quietly(db: Path) -> None:
    """An insider who edits a figure and its kept copy still meets the chain's hash."""
    version = _one(db, "SELECT max(version_id) FROM observation_versions WHERE quarter = 1")
    _tamper(
        db,
        f"UPDATE observation_versions SET value = 77 WHERE version_id = {version}",
        "DELETE FROM sealed_rows WHERE table_name = 'observation_versions' "
        f"AND row_key = '{version}'",
    )
    code, payload, _ = _verify(db)
    assert code == 1
    assert _found(payload, "unit-differs")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(PLANWATCH), *args], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_a_backup_restored_verifies_clean(db: Path, tmp_path: Path) -> None:
    out, restored = tmp_path / "backup", tmp_path / "restored.duckdb"
    assert _run("db", "backup", "--out", str(out), "--db", str(db)).returncode == 0
    result = _run("db", "restore", str(out), "--db", str(restored))
    assert result.returncode == 0, result.stderr
    code, payload, _ = _verify(restored)
    assert code == 0 and payload["findings"] == [], payload


def _written_before_sealing(path: Path) -> None:
    """A database as planwatch wrote it before it sealed content: no seals, no content column."""
    from planwatch.access import audit
    from planwatch.uploads import reference
    from tests.actors import make_users

    store = Store(path, lock_timeout=5.0)
    token = audit.SEALING.set(False)
    try:
        reference.load(store, demo=True)
        make_users(store)
        scenarios.store_quarters(
            store, "victims_assessed", 2025, {1: 20, 2: 22}, clock_moment(path)
        )
    finally:
        audit.SEALING.reset(token)
    _tamper(
        path,
        "ALTER TABLE audit_log DROP COLUMN content",
        "DROP TABLE content_seals",
        "DROP TABLE sealed_rows",
        "DELETE FROM schema_migrations WHERE name = '0005_audit_content'",
    )


def clock_moment(path: Path) -> dt.datetime:
    from tests import clock

    return clock.latest_moment(path) + dt.timedelta(hours=1)


def test_a_database_from_before_sealing_is_sealed_once_by_the_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _written_before_sealing(path)
    result = _run("db", "migrate", "--db", str(path))
    assert result.returncode == 0, result.stderr
    with duckdb.connect(str(path), read_only=True) as connection:
        sealing = connection.execute(
            "SELECT actor, content FROM audit_log WHERE action = 'content-sealed'"
        ).fetchall()
    assert len(sealing) == 1
    sealed = json.loads(sealing[0][1])["sealed"]
    assert "user:viewer1" in sealed and "definition:indicators:victims_assessed" in sealed
    assert sum(1 for unit in sealed if unit.startswith("change-set:")) >= 3
    code, payload, _ = _verify(path)
    assert code == 0 and payload["findings"] == [], payload
    # From the seal on, an edit is found like in any other database.
    _tamper(path, "UPDATE observation_versions SET value = 21 WHERE value = 20 AND year = 2025")
    code, payload, _ = _verify(path)
    assert code == 1 and _found(payload, "value-differs")
