"""Uploads at the same moment: both are stored, or one is told to wait and a retry stores it;
never a lost upload, never a lock error shown to a user. (The browser parts, with the app
serving several sessions, are in tests/e2e/test_concurrent_journey.py.)"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from pathlib import Path

from planwatch.access import accounts
from planwatch.storage import Store
from planwatch.uploads import ingest
from tests.paths import TEST_DATA

PLANWATCH = Path(sys.executable).with_name("planwatch")
FILES = (
    TEST_DATA / "valid/kpi-danish-excel-cp1252.csv",
    TEST_DATA / "valid/kpi-utf8-bom-english-comma.csv",
)
# What a user must never see: the driver's lock errors or a traceback.
LOCK_TEXTS = ("could not set lock", "conflicting lock", "io error", "ioexception", "traceback")


def _popen(db: Path, *args: str, timeout: float = 20) -> subprocess.Popen[str]:
    env = {**os.environ, "PLANWATCH_LOCK_TIMEOUT": str(timeout)}
    return subprocess.Popen(
        [str(PLANWATCH), "--lang", "en", *args, "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _import(db: Path, upload: Path, timeout: float = 20) -> subprocess.Popen[str]:
    return _popen(
        db, "import", str(upload), "--kind", "kpi", "--user", "uploader1", timeout=timeout
    )


def _stored_files(store: Store) -> list[str]:
    with store.connect(read_only=True) as connection:
        rows = connection.execute(
            """
            SELECT u.file_name FROM uploads u
            WHERE u.rows_new = (SELECT count(*) FROM observation_versions v
                                 WHERE v.change_set_id = u.change_set_id)
            ORDER BY u.file_name
            """
        ).fetchall()
    return [row[0] for row in rows]


def test_two_cli_uploads_at_the_same_moment_are_both_stored_or_one_is_told_to_wait(
    users_store: Store,
) -> None:
    for timeout in (20, 0.2):  # waiting long enough; and hardly waiting at all
        db = users_store.path.with_name(f"two-{timeout}.duckdb")
        db.write_bytes(users_store.path.read_bytes())
        processes = [_import(db, upload, timeout) for upload in FILES]
        for upload, process in zip(FILES, processes, strict=True):
            out, err = process.communicate(timeout=300)
            shown = (out + err).lower()
            assert not any(text in shown for text in LOCK_TEXTS), shown
            if process.returncode == 3:
                assert "busy" in shown and "nothing was changed" in shown, shown
                retry = _import(db, upload)
                out, err = retry.communicate(timeout=300)
                assert retry.returncode == 0, out + err
            else:
                assert process.returncode == 0, out + err
                assert "Stored:" in out
        assert _stored_files(Store(db)) == sorted(f.name for f in FILES), "an upload was lost"


def test_two_sessions_of_the_app_uploading_at_once_both_store(users_store: Store) -> None:
    """The app serves sessions on threads of one process: two uploads at the same moment."""
    uploader = accounts.actor_for(users_store, "uploader1", origin="web test")
    barrier = threading.Barrier(len(FILES))
    results: dict[str, str] = {}
    failures: list[BaseException] = []

    def upload(path: Path) -> None:
        try:
            data = path.read_bytes()
            barrier.wait(timeout=30)
            report = ingest.import_file(users_store, data, path.name, "kpi", actor=uploader)
            results[path.name] = report.status
        except BaseException as error:  # reported below
            failures.append(error)

    threads = [threading.Thread(target=upload, args=(path,)) for path in FILES]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not failures, failures
    assert set(results.values()) == {"stored"}, results
    assert _stored_files(users_store) == sorted(f.name for f in FILES)


def test_an_export_while_an_import_runs_is_complete(users_store: Store, tmp_path: Path) -> None:
    db = users_store.path
    importing = _import(db, FILES[0])
    exporting = _popen(db, "export", "--out", str(tmp_path / "export"), "--user", "auditor1")
    out, err = exporting.communicate(timeout=300)
    assert exporting.returncode == 0, out + err
    assert not any(text in (out + err).lower() for text in LOCK_TEXTS)
    written = [line.split("  ", 1) for line in out.splitlines() if line.strip()]
    assert written
    for digest, name in written:
        assert hashlib.sha256(Path(name).read_bytes()).hexdigest() == digest, name
    i_out, i_err = importing.communicate(timeout=300)
    assert importing.returncode == 0, i_out + i_err
    assert _stored_files(users_store) == [FILES[0].name]
