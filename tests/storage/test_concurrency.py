"""The app and the CLI share one file: nobody holds it while idle, and a busy file is waited for."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planwatch.domain.periods import Period
from planwatch.domain.permissions import View
from planwatch.errors import DatabaseBusyError
from planwatch.figures import reporting
from planwatch.storage import Store, repository

PLANWATCH = Path(sys.executable).with_name("planwatch")

HOLD_LOCK = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1])
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.close()
"""


def _cli(*args: str, timeout: float = 5) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANWATCH_LOCK_TIMEOUT": str(timeout)}
    return subprocess.run(
        [str(PLANWATCH), *args], capture_output=True, text=True, env=env, timeout=120
    )


def _hold(path: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_the_cli_can_write_right_after_the_app_read(users_store: Store) -> None:
    demo_store = users_store
    # What a page does: read figures through the reporting API, in this process.
    assert reporting.figure(demo_store, "victims_assessed", Period(2023)) is not None
    assert reporting.latest_core_figures(demo_store)
    result = _cli(
        "correct",
        "victims_assessed",
        "2023",
        "--source",
        "cmm-tal-2023",
        "--value",
        "113",
        "--reason",
        "late assessment",
        "--user",
        "uploader1",
        "--db",
        str(demo_store.path),
    )
    assert result.returncode == 0, result.stderr
    submitted = View(include_submitted=True)
    answer = reporting.figure(demo_store, "victims_assessed", Period(2023), view=submitted)
    assert answer is not None and answer.preferred.value == 113


def test_a_write_waits_for_a_briefly_busy_file(users_store: Store) -> None:
    demo_store = users_store
    holder = _hold(demo_store.path, 1.5)
    started = time.monotonic()
    result = _cli(
        "correct",
        "victims_assessed",
        "2022",
        "--source",
        "cmm-tal-2022",
        "--value",
        "74",
        "--reason",
        "test",
        "--user",
        "uploader1",
        "--db",
        str(demo_store.path),
        timeout=20,
    )
    waited = time.monotonic() - started
    holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr
    assert waited >= 1.0, "the CLI must have waited for the other process"


def test_a_file_busy_for_too_long_gives_a_clear_message_and_exit_3(demo_store: Store) -> None:
    holder = _hold(demo_store.path, 6)
    try:
        result = _cli(
            "--lang",
            "en",
            "figure",
            "victims_assessed",
            "2023",
            "--user",
            "viewer1",
            "--db",
            str(demo_store.path),
            timeout=1,
        )
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert result.returncode == 3
    assert "busy in another process" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_the_store_raises_our_own_error_when_busy(demo_store: Store) -> None:
    holder = _hold(demo_store.path, 6)
    try:
        with pytest.raises(DatabaseBusyError) as raised, Store(demo_store.path, 0.3).connect():
            pass
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert "optaget" in raised.value.message_da


def test_nothing_keeps_the_file_open_after_a_call(demo_store: Store) -> None:
    reporting.latest_core_figures(demo_store)
    reporting.plan_money(demo_store, "2022-2025")
    # Another process can take the file read-write at once: we hold no lock.
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb,sys; duckdb.connect(sys.argv[1]).close()",
            str(demo_store.path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert probe.returncode == 0, probe.stderr


def test_a_failed_transaction_leaves_nothing_behind(demo_store: Store) -> None:
    with demo_store.connect(read_only=True) as connection:
        before = repository.table_counts(connection)

    def crash_in_the_middle() -> None:
        with demo_store.transaction() as connection:
            repository.insert_change_set(
                connection, kind="upload", recorded_at=dt.datetime(2030, 1, 1), recorded_by="x"
            )
            raise RuntimeError("crash in the middle")

    with pytest.raises(RuntimeError):
        crash_in_the_middle()
    with demo_store.connect(read_only=True) as connection:
        assert repository.table_counts(connection) == before
