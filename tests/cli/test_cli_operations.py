"""The operator's commands: ``planwatch serve`` and ``planwatch db rebuild --from-uploads``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import duckdb
from click.testing import CliRunner, Result

from planwatch.access import audit
from planwatch.cli import main
from planwatch.storage import Store, uploads_archive
from tests.e2e.ports import free_port, listens
from tests.paths import TEST_DATA

PLANWATCH = Path(sys.executable).with_name("planwatch")
KPI = TEST_DATA / "valid" / "kpi-danish-excel-cp1252.csv"


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - our own server
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_serve_binds_the_address_port_and_base_path_it_is_given(users_store: Store) -> None:
    port = free_port()
    server = subprocess.Popen(
        [
            str(PLANWATCH),
            "serve",
            "--db",
            str(users_store.path),
            "--address",
            "127.0.0.1",
            "--port",
            str(port),
            "--base-path",
            "/planwatch/",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, status = time.monotonic() + 60, 0
        while time.monotonic() < deadline and status != 200:
            try:
                status = _get(f"http://127.0.0.1:{port}/planwatch/_stcore/health")
            except OSError:
                time.sleep(0.3)
        assert status == 200
        assert server.poll() is None  # exec'd into Streamlit: one process, stopped below
        assert listens(server.pid, port)  # it, not another test's server, holds the port
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_prints_streamlit_with_production_settings(
    users_store: Store, tmp_path: Path
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("[planwatch]\n", encoding="utf-8")
    result = _run(
        "serve",
        "--db",
        str(users_store.path),
        "--port",
        "9999",
        "--secrets",
        str(secrets),
        "--print",
    )
    assert result.exit_code == 0, result.output
    assert f"--secrets.files {secrets.resolve()}" in result.output
    assert f"PLANWATCH_DB={users_store.path.resolve()}" in result.output
    for flag in (
        "--server.port 9999",
        "--server.address 127.0.0.1",
        "--client.showErrorDetails none",
        "--server.fileWatcherType none",
        "--browser.gatherUsageStats false",
    ):
        assert flag in result.output


def test_serve_refuses_a_missing_database_in_words(tmp_path: Path) -> None:
    result = _run("--lang", "en", "serve", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 3
    assert "does not exist. Create it with 'planwatch init'" in result.output
    assert "Traceback" not in result.output


def test_rebuild_from_uploads_after_the_database_file_is_lost(
    users_store: Store, tmp_path: Path
) -> None:
    """The operator's day: the database file is damaged; the archive beside it rebuilds it."""
    db = str(users_store.path)
    imported = _run("import", str(KPI), "--kind", "kpi", "--user", "uploader1", "--db", db)
    assert imported.exit_code == 0, imported.output
    submission = json.loads(
        _run("--json", "submissions", "--user", "approver1", "--db", db).output
    )[0]["change_set_id"]
    assert _run("approve", str(submission), "--user", "approver1", "--db", db).exit_code == 0
    with duckdb.connect(db, read_only=True) as connection:
        figures = connection.execute("SELECT * FROM observation_versions ORDER BY ALL").fetchall()
        chain = connection.execute("SELECT * FROM audit_log ORDER BY seq").fetchall()
    users_store.path.write_bytes(b"\0" * 4096)  # the file is lost

    out = tmp_path / "rebuilt.duckdb"
    result = _run("--lang", "en", "db", "rebuild", "--from-uploads", "--db", db, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "The chain equals the archive's" in result.output
    assert "User accounts made again with roles and bindings:" in result.output
    assert "Need a new password from an admin" in result.output
    with duckdb.connect(str(out), read_only=True) as connection:
        assert (
            connection.execute("SELECT * FROM observation_versions ORDER BY ALL").fetchall()
            == figures
        )
        rebuilt = connection.execute("SELECT * FROM audit_log ORDER BY seq").fetchall()
    # the original's chain, entry for entry, then the entry sealing the rebuilt accounts
    assert rebuilt[: len(chain)] == chain
    assert [row[3] for row in rebuilt[len(chain) :]] == ["accounts-rebuilt"]
    assert uploads_archive.archive_dir(out).is_dir()  # the new file has its own archive

    again = _run("--json", "db", "rebuild", "--from-uploads", "--db", db, "--out", str(out))
    assert again.exit_code == 2
    assert json.loads(again.output)["error"]["code"] == "usage-error"


def test_rebuild_needs_an_archive(tmp_path: Path) -> None:
    result = _run(
        "--lang",
        "en",
        "db",
        "rebuild",
        "--from-uploads",
        "--db",
        str(tmp_path / "gone.duckdb"),
        "--out",
        str(tmp_path / "new.duckdb"),
    )
    assert result.exit_code == 2
    assert "There is no archive to rebuild from" in result.output
    assert not (tmp_path / "new.duckdb").exists()


def test_a_copied_database_gets_its_archive_on_its_first_change(
    demo_db_template: Path, tmp_path: Path
) -> None:
    """An archive that is missing (a database copied, or made before archives) is caught up
    from the database at the next commit, uploads included."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_db_template, path)
    assert not uploads_archive.archive_dir(path).exists()
    audit.record_now(Store(path), actor="operator", action=audit.AuditAction.SIGN_OUT)
    journal = uploads_archive.read_journal(uploads_archive.archive_dir(path))
    with duckdb.connect(str(path), read_only=True) as connection:
        entries = connection.execute("SELECT count(*) FROM audit_log").fetchall()[0][0]
    assert len(journal.entries) == entries
    assert journal.change_sets
