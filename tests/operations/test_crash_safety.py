"""Crash safety: an import killed (SIGKILL) at any moment leaves a database that opens, holds
the upload whole or not at all, has an intact audit log, and takes the same file again.

One large valid KPI upload (``ROWS`` rows, made by the generator in ``benchmarks/uploads.py``) is
sent with ``planwatch import`` and killed at ``RUNS`` seeded random moments, each on a fresh
copy of a prepared database. The moments come in two kinds:

* ``time``: a moment spread over the whole measured duration of an import, from process start to
  just before it exits (stratified: one moment in each of ``TIMED`` equal slices), so kills land
  while Python starts, while the file is read and checked, and inside the transaction;
* ``commit``: a random delay after the write-ahead log (``<db>.wal``) appears, i.e. during the
  commit (the log being written), the checkpoint (the log copied into the file), the archive
  and the exit. That window is a few hundredths of a second out of seconds, so timing alone would
  rarely hit it; these kills are triggered by seeing the log.

What the process was doing when it was killed is recorded per run (``phase``) from outside: was
the database file open in the process (``/proc/<pid>/fd``), did the log exist, had it finished.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import filecmp
import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Final

import pytest

from planwatch.access import accounts, audit
from planwatch.storage import Store, uploads_archive
from planwatch.uploads import ingest
from tests.paths import REPO

PLANWATCH = Path(sys.executable).with_name("planwatch")
SEED: Final = 20261129
ROWS: Final = 15_000  # 1 000 quarters x 15 breakdowns; a few seconds for `planwatch import`
TIMED: Final = 14
AT_OPEN: Final = 8
AT_COMMIT: Final = 8
WORKERS: Final = 2

pytestmark = pytest.mark.slow


@dataclasses.dataclass
class Prepared:
    db: Path
    upload: Path
    env: dict[str, str]
    duration: float  # process start to exit, uninterrupted
    open_seen: float  # process start to the database file first seen open in the process
    wal_seen: float  # process start to the write-ahead log appearing (the commit begins)
    wal_gone: float  # ... to the log gone again (the checkpoint is done)


@dataclasses.dataclass
class Run:
    number: int
    kind: str  # "time", "open" or "commit"
    planned: float  # seconds after start, after the file was seen open, after the log appeared
    killed_at: float = 0.0  # seconds after process start
    phase: str = ""
    wal_left: bool = False
    untouched: bool = False
    stored: bool = False
    resent: str = "skipped"
    cli_verified: bool = False


def _child_environment(cache: Path) -> dict[str, str]:
    """The environment of the ``planwatch`` processes. Where bytecode is not written (e.g.
    ``PYTHONDONTWRITEBYTECODE`` and no ``__pycache__`` in the venv), every process would spend
    seconds compiling, so that is where most kills would land; give them a cache of their own."""
    env = {**os.environ, "PLANWATCH_LOCK_TIMEOUT": "20"}
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def _write_upload(db: Path, path: Path) -> None:
    sys.path.insert(0, str(REPO))
    try:
        from benchmarks import uploads as generator
    finally:
        sys.path.pop(0)
    rows = generator.valid_max_rows(generator.plausible_totals(db))
    written = generator._write_csv(path, itertools.islice(rows, ROWS))
    assert written == ROWS


def _import(db: Path, upload: Path, env: dict[str, str], out: Path) -> subprocess.Popen[bytes]:
    stdout = (out / "stdout").open("w")
    stderr = (out / "stderr").open("w")
    process = subprocess.Popen(
        [
            str(PLANWATCH),
            "--lang",
            "en",
            "import",
            str(upload),
            "--kind",
            "kpi",
            "--user",
            "uploader1",
            "--db",
            str(db),
        ],
        stdout=stdout,
        stderr=stderr,
        env=env,
    )
    stdout.close()
    stderr.close()
    return process


def _wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


@pytest.fixture(scope="module")
def prepared(users_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    folder = tmp_path_factory.mktemp("crash")
    db = folder / "prepared.duckdb"
    shutil.copy(users_db_template, db)
    upload = folder / f"kpi-{ROWS}.csv"
    _write_upload(db, upload)
    env = _child_environment(tmp_path_factory.mktemp("pycache"))
    # Warm up (bytecode, the OS's file cache) with a dry run of a small file.
    small = folder / "kpi-small.csv"
    small.write_bytes(b"\r\n".join(upload.read_bytes().split(b"\r\n")[:151]) + b"\r\n")
    arguments = ["import", str(small), "--kind=kpi", "--user=uploader1", "--dry-run", f"--db={db}"]
    warm = subprocess.run(
        [str(PLANWATCH), *arguments],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert warm.returncode == 0, warm.stderr
    # Measure one uninterrupted import, and when it opens the file and writes the log.
    copy = folder / "calibration.duckdb"
    shutil.copy(db, copy)
    started = time.monotonic()
    process = _import(copy, upload, env, folder)
    open_seen = wal_seen = wal_gone = None
    while process.poll() is None:
        now = time.monotonic() - started
        if open_seen is None and _holds_database(process.pid, copy):
            open_seen = now
        if _wal(copy).exists():
            wal_seen = wal_seen or now
        elif wal_seen is not None and wal_gone is None:
            wal_gone = now
        time.sleep(0.002)
    duration = time.monotonic() - started
    assert process.returncode == 0, (folder / "stderr").read_text()
    assert f"Stored: {ROWS} new" in (folder / "stdout").read_text()
    assert open_seen is not None and wal_seen is not None, "no open file or log seen"
    wal_gone = wal_gone or duration
    print(
        f"\nimport of {ROWS} rows: {duration:.2f} s; file first open at {open_seen:.2f} s, "
        f"log written at {wal_seen:.2f} s, checkpointed by {wal_gone:.2f} s"
    )
    return Prepared(db, upload, env, duration, open_seen, wal_seen, wal_gone)


def _plan(prepared: Prepared) -> list[Run]:
    rng = random.Random(SEED)  # noqa: S311 - not crypto
    whole = prepared.duration * 0.98
    runs = [Run(i, "time", whole * (i + rng.random()) / TIMED) for i in range(TIMED)]
    to_commit = max(prepared.wal_seen - prepared.open_seen, 0.05)
    runs += [Run(len(runs) + i, "open", rng.uniform(0, to_commit)) for i in range(AT_OPEN)]
    to_exit = max(prepared.duration - prepared.wal_seen, 0.05)
    runs += [
        Run(len(runs) + i, "commit", rng.uniform(0, to_exit * (0.25 if i % 2 else 1.0)))
        for i in range(AT_COMMIT)
    ]
    return runs


def _holds_database(pid: int, db: Path) -> bool:
    """Whether process ``pid`` has the database file open now."""
    wanted = os.path.realpath(db)
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}") == wanted:
                return True
        except OSError:
            continue
    return False


def _kill(run: Run, prepared: Prepared, folder: Path) -> Path:
    db = folder / "planwatch.duckdb"
    shutil.copy(prepared.db, db)
    started = time.monotonic()
    process = _import(db, prepared.upload, prepared.env, folder)
    deadline = started + prepared.duration * 5 + 60

    def waiting() -> bool:
        return process.poll() is None and time.monotonic() < deadline

    if run.kind == "open":
        while not _holds_database(process.pid, db) and waiting():
            time.sleep(0.001)
    elif run.kind == "commit":
        while not _wal(db).exists() and waiting():
            time.sleep(0.001)
    time.sleep(run.planned)
    wal_now = _wal(db).exists()
    holds = _holds_database(process.pid, db)
    if process.poll() is not None:
        run.phase = "finished"
    else:
        run.killed_at = time.monotonic() - started
        os.kill(process.pid, signal.SIGKILL)
        if wal_now:
            run.phase = "commit-or-checkpoint"
        elif run.kind == "commit" or (folder / "stdout").stat().st_size:
            run.phase = "after-commit"
        else:
            run.phase = "database-open" if holds else "database-not-open"
    process.wait(timeout=60)
    if run.phase != "finished" and process.returncode == 0:
        run.phase = "finished"  # it exited between the look and the kill: the kill came too late
    if run.phase == "finished":
        run.killed_at = run.killed_at or time.monotonic() - started
        assert process.returncode == 0, (folder / "stderr").read_text()
    else:
        assert process.returncode == -signal.SIGKILL
    return db


def _uploads(store: Store) -> list[dict[str, Any]]:
    """Every upload with the number of figure versions of its change set, and the audit log's
    upload entries."""
    with store.connect(read_only=True) as connection:
        rows = connection.execute(
            """
            SELECT u.upload_id, u.change_set_id, u.rows_new,
                   (SELECT count(*) FROM observation_versions v
                     WHERE v.change_set_id = u.change_set_id) AS versions,
                   (SELECT count(*) FROM audit_log a
                     WHERE a.action = 'upload'
                       AND a.subject = 'change-set:' || u.change_set_id) AS logged
            FROM uploads u ORDER BY u.upload_id
            """
        ).fetchall()
        orphans = connection.execute(
            """
            SELECT (SELECT count(*) FROM change_sets c WHERE c.kind = 'upload'
                      AND c.change_set_id NOT IN (SELECT change_set_id FROM uploads)),
                   (SELECT count(*) FROM observation_versions v WHERE v.source_id = 'cmm-upload'
                      AND v.change_set_id NOT IN (SELECT change_set_id FROM uploads)),
                   (SELECT count(*) FROM audit_log WHERE action = 'upload')
            """
        ).fetchone()
    assert orphans is not None
    assert orphans[:2] == (0, 0), f"half-stored upload: {orphans}"
    assert orphans[2] == len(rows), "an upload without its audit entry, or the reverse"
    return [
        {
            "upload_id": r[0],
            "change_set_id": r[1],
            "rows_new": r[2],
            "versions": r[3],
            "logged": r[4],
        }
        for r in rows
    ]


def _check_whole(store: Store) -> bool:
    """The upload is stored whole (exactly once, every row, logged) or not at all."""
    auditor = accounts.actor_for(store, "auditor1", origin="crash test")
    verification = audit.verify(store, auditor)
    assert verification.ok, verification.message_en
    found = _uploads(store)
    assert len(found) <= 1, found
    if found:
        [upload] = found
        assert upload["versions"] == ROWS == upload["rows_new"], upload
        assert upload["logged"] == 1
    return bool(found)


def _cli_verify(db: Path, env: dict[str, str]) -> None:
    result = subprocess.run(
        [str(PLANWATCH), "audit", "verify", "--user", "auditor1", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def _one_run(run: Run, prepared: Prepared, folder: Path) -> Run:
    folder.mkdir()
    db = _kill(run, prepared, folder)
    run.wal_left = _wal(db).exists()
    run.untouched = not run.wal_left and filecmp.cmp(db, prepared.db, shallow=False)
    if run.wal_left:
        # The first to open the file after the crash (and to replay its log) is the CLI.
        _cli_verify(db, prepared.env)
        run.cli_verified = True
    store = Store(db, lock_timeout=20)
    run.stored = _check_whole(store)
    if run.untouched:
        assert not run.stored
    # Every run sends the same file again, even when the kill left the database untouched.
    uploader = accounts.actor_for(store, "uploader1", origin="crash test")
    report = ingest.import_file(
        store, prepared.upload.read_bytes(), prepared.upload.name, "kpi", actor=uploader
    )
    run.resent = report.status
    assert report.status == ("nothing-new" if run.stored else "stored"), report.summary("en")
    assert _check_whole(store)
    if report.status == "nothing-new":  # stores nothing: bring the archive up to date
        audit.record_now(store, actor="crash test", action=audit.AuditAction.SIGN_OUT)
    _check_archive(store, prepared.upload.read_bytes())
    return run


def _check_archive(store: Store, upload: bytes) -> None:
    """After the next commit the archive beside the database holds what the database holds: the
    uploaded file by its SHA-256, and every audit entry and change set in its journals (a kill
    between the commit and the journal's append is caught up by that next commit)."""
    archive = uploads_archive.archive_dir(store.path)
    kept = uploads_archive.object_path(archive, ingest.sha256(upload))
    assert kept.read_bytes() == upload
    journal = uploads_archive.read_journal(archive)
    with store.connect(read_only=True) as connection:
        chain = connection.execute("SELECT seq, entry_hash FROM audit_log ORDER BY seq").fetchall()
        change_sets = connection.execute(
            "SELECT change_set_id FROM change_sets ORDER BY 1"
        ).fetchall()
    assert [(e["seq"], e["entry_hash"]) for e in journal.entries] == chain
    assert sorted(journal.change_sets) == [c[0] for c in change_sets]


def test_an_import_killed_at_any_moment_leaves_the_database_whole(
    prepared: Prepared, tmp_path: Path
) -> None:
    started = time.monotonic()
    runs = _plan(prepared)
    with concurrent.futures.ThreadPoolExecutor(WORKERS) as pool:
        done = list(pool.map(lambda r: _one_run(r, prepared, tmp_path / f"run-{r.number}"), runs))
    elapsed = time.monotonic() - started

    phases = Counter(r.phase for r in done)
    stored = sum(r.stored for r in done)
    print(
        f"{len(done)} kills in {elapsed:.1f} s; import takes {prepared.duration:.2f} s; "
        f"phases {dict(phases)}; stored {stored}, not stored {len(done) - stored}; "
        f"log left behind {sum(r.wal_left for r in done)}; sent again "
        f"{dict(Counter(r.resent for r in done))}"
    )
    for r in done:
        print(
            f"  run {r.number:2} {r.kind:6} +{r.planned:5.2f} s -> killed at {r.killed_at:5.2f} s"
            f" ({r.killed_at / prepared.duration:4.0%}) {r.phase:21} stored={r.stored!s:5} "
            f"log-left={r.wal_left!s:5} untouched={r.untouched!s:5} sent-again={r.resent}"
        )
    assert len(done) >= 30
    assert all(r.resent in ("stored", "nothing-new") for r in done)  # every run took it again
    # The kills landed in different phases, with both outcomes.
    assert 0 < stored < len(done), "some kills must land before the commit and some after"
    assert phases["database-not-open"] > 0 and phases["database-open"] > 0, phases
    assert phases["commit-or-checkpoint"] + phases["after-commit"] > 0, phases
    fractions = sorted(r.killed_at / prepared.duration for r in done if r.kind == "time")
    assert fractions[0] < 0.15 and fractions[-1] > 0.75, fractions
