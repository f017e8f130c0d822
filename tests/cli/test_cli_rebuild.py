"""``planwatch db rebuild --from-uploads`` as the operator meets it: separate processes for a
database's whole life (init --demo, users, roles, uploads approved and returned, a correction),
then a rebuild that equals the original table by table, users included."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from planwatch.access import tokens
from planwatch.uploads import reference
from tests.operations.compare_tables import differences
from tests.paths import TEST_DATA

PLANWATCH = Path(sys.executable).with_name("planwatch")
KPI = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"
PASSPHRASE = "a passphrase long enough for her\n"  # noqa: S105 - for this test only
SPENDING = TEST_DATA / "valid" / "spending-danish-excel-cp1252.csv"


def _pw(db: Path, *args: str, stdin: str | None = None, code: int = 0) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PLANWATCH_")}
    done = subprocess.run(
        [str(PLANWATCH), "--lang", "en", *args, "--db", str(db)],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        check=False,
        timeout=180,
    )
    assert done.returncode == code, (args, done.stdout, done.stderr)
    assert "Traceback" not in done.stdout + done.stderr
    return done.stdout if code == 0 else done.stdout + done.stderr


def _submission(db: Path) -> int:
    listed = json.loads(
        _pw(db, "--json", "submissions", "--status", "submitted", "--user", "demo-approver")
    )
    return int(listed[-1]["change_set_id"])


@pytest.fixture(scope="module")
def lived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli-rebuild") / "planwatch.duckdb"
    _pw(db, "init", "--demo")
    _pw(db, "users", "map-os-user", tokens.os_account(), "demo-admin")
    _pw(db, "users", "add", "karen", "--role", "uploader", "--display-name", "Karen Holm",
        "--password-stdin", stdin=PASSPHRASE)  # fmt: skip
    _pw(db, "users", "grant", "karen", "approver")
    _pw(db, "users", "revoke", "karen", "uploader")
    _pw(db, "users", "add", "per", "--role", "viewer", "--email", "per@example.dk",
        "--no-password")  # fmt: skip
    _pw(db, "users", "disable", "per")
    _pw(db, "import", str(KPI), "--kind", "kpi", "--user", "demo-uploader")
    _pw(db, "approve", str(_submission(db)), "--user", "demo-approver")
    _pw(db, "import", str(SPENDING), "--kind", "spending", "--accept-warnings",
        "--user", "demo-uploader")  # fmt: skip
    _pw(db, "return", str(_submission(db)), "--comment", "Q2 mangler", "--user", "karen")
    _pw(db, "correct", "victims_assessed", "2023", "--source", "cmm-tal-2023", "--value", "113",
        "--reason", "CMM reviderede tallet", "--user", "demo-uploader")  # fmt: skip
    _pw(db, "approve", str(_submission(db)), "--user", "karen")
    return db


def test_the_rebuild_equals_the_original_table_by_table_users_included(
    lived: Path, tmp_path: Path
) -> None:
    out = tmp_path / "rebuilt.duckdb"
    said = _pw(lived, "db", "rebuild", "--from-uploads", "--out", str(out))
    assert "The chain equals the archive's" in said
    files = len(reference.REFERENCE_FILES) + len(reference.DEMO_FILES)  # init --demo read all
    assert f"Reference files loaded from the archive (SHA-256 checked): {files}" in said
    assert "User accounts made again with roles and bindings: 7" in said
    assert "Need a new password from an admin ('planwatch users password NAME'):" in said
    assert "karen" in said.rsplit("Need a new password", 1)[1]
    with duckdb.connect(str(out), read_only=True) as connection:
        last = connection.execute(
            "SELECT seq FROM audit_log WHERE action = 'accounts-rebuilt'"
        ).fetchall()
    assert differences(lived, out, int(last[0][0])) == []
    verified = json.loads(_pw(out, "--json", "audit", "verify", "--user", "demo-auditor"))
    assert verified["ok"], verified["message_en"]


def test_the_rebuilt_database_works_for_its_admin_who_sets_new_passwords(
    lived: Path, tmp_path: Path
) -> None:
    """The operating-system account is mapped again, so the admin acts on the command line at
    once; karen, asked to ask an admin, gets a new password from one."""
    out = tmp_path / "rebuilt.duckdb"
    _pw(lived, "--json", "db", "rebuild", "--from-uploads", "--out", str(out))
    listed = json.loads(_pw(out, "--json", "users", "list"))
    karen = next(u for u in listed if u["name"] == "karen")
    assert (karen["roles"], karen["display_name"], karen["has_password"]) == (
        ["approver"],
        "Karen Holm",
        False,
    )
    assert next(u for u in listed if u["name"] == "per")["disabled"]
    _pw(
        out,
        "users",
        "password",
        "karen",
        "--password-stdin",
        stdin="an entirely fresh passphrase\n",
    )
    listed = json.loads(_pw(out, "--json", "users", "list"))
    assert next(u for u in listed if u["name"] == "karen")["has_password"]


def test_a_rebuild_into_an_existing_file_is_refused_in_words(lived: Path) -> None:
    said = _pw(lived, "db", "rebuild", "--from-uploads", "--out", str(lived), code=2)
    assert "already exists" in said
