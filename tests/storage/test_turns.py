"""Threads of one process take turns at the database file in order of arrival (CI stop 27:
a backup beside a writer that never paused was kept out past the timeout)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from planwatch.errors import DatabaseBusyError
from planwatch.storage import Store
from planwatch.storage.turns import FileTurns


def _store(tmp_path: Path, timeout: float = 5.0) -> Store:
    store = Store(tmp_path / "turns.duckdb", timeout, archive=False)
    with store.transaction() as connection:
        connection.execute("CREATE TABLE t (i INTEGER)")
    return store


def test_a_reader_gets_in_beside_a_writer_that_never_pauses(tmp_path: Path) -> None:
    store = _store(tmp_path, timeout=3.0)
    stop = threading.Event()
    writes: list[int] = []
    failures: list[BaseException] = []

    def keep_writing() -> None:
        try:
            while not stop.is_set():
                with store.transaction() as connection:
                    connection.execute("INSERT INTO t VALUES (1)")
                    time.sleep(0.02)  # a transaction that takes a moment
                writes.append(1)
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    waits = []
    try:
        while not writes:
            time.sleep(0.001)
        for _ in range(10):
            started = time.monotonic()
            with store.connect(read_only=True) as connection:
                connection.execute("SELECT count(*) FROM t").fetchall()
            waits.append(time.monotonic() - started)
    finally:
        stop.set()
        writer.join(timeout=30)
    assert not failures, failures
    # Each read waits for at most the one transaction ahead of it, not for a gap by luck.
    assert max(waits) < 1.0, waits
    assert len(writes) > 10  # and the writer went on between the reads


def _enter(turns: FileTurns, write: bool, log: list[str], name: str, hold: threading.Event) -> None:
    with turns.turn(write=write, timeout=10, path=Path("x")):
        log.append(f"{name} in")
        hold.wait(10)
        log.append(f"{name} out")


def _start(*args: object) -> threading.Thread:
    thread = threading.Thread(target=_enter, args=args)
    thread.start()
    return thread


def _until(condition: object, seconds: float = 5) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.005)


def test_readers_share_a_turn_and_a_writer_waits_for_them() -> None:
    turns = FileTurns()
    log: list[str] = []
    readers_hold, writer_hold = threading.Event(), threading.Event()
    a = _start(turns, False, log, "r1", readers_hold)
    b = _start(turns, False, log, "r2", readers_hold)
    _until(lambda: log.count("r1 in") + log.count("r2 in") == 2)
    assert sorted(log) == ["r1 in", "r2 in"]  # both inside at once
    w = _start(turns, True, log, "w", writer_hold)
    time.sleep(0.1)
    assert "w in" not in log
    readers_hold.set()
    _until(lambda: "w in" in log)
    assert log.index("w in") > log.index("r1 out") and log.index("w in") > log.index("r2 out")
    writer_hold.set()
    for thread in (a, b, w):
        thread.join(10)


def test_a_reader_arriving_after_a_waiting_writer_goes_after_it() -> None:
    """No writer is starved by a stream of readers, and no reader by a stream of writers."""
    turns = FileTurns()
    log: list[str] = []
    first, writer_hold, late_hold = threading.Event(), threading.Event(), threading.Event()
    r1 = _start(turns, False, log, "r1", first)
    _until(lambda: "r1 in" in log)
    w = _start(turns, True, log, "w", writer_hold)
    time.sleep(0.05)
    r2 = _start(turns, False, log, "r2", late_hold)
    time.sleep(0.1)
    assert "r2 in" not in log  # it may not join r1 ahead of the waiting writer
    first.set()
    _until(lambda: "w in" in log)
    time.sleep(0.05)
    assert "r2 in" not in log
    writer_hold.set()
    _until(lambda: "r2 in" in log)
    late_hold.set()
    for thread in (r1, w, r2):
        thread.join(10)
    assert log == ["r1 in", "r1 out", "w in", "w out", "r2 in", "r2 out"]


def test_a_thread_holding_a_turn_is_not_queued_behind_itself() -> None:
    turns = FileTurns()
    log: list[str] = []
    hold = threading.Event()
    with turns.turn(write=False, timeout=1, path=Path("x")):
        waiting_writer = _start(turns, True, log, "w", hold)
        time.sleep(0.05)
        # A nested read of the same thread passes although a writer waits.
        with turns.turn(write=False, timeout=1, path=Path("x")):
            log.append("nested read")
    hold.set()
    waiting_writer.join(10)
    assert log == ["nested read", "w in", "w out"]
    with (
        turns.turn(write=True, timeout=1, path=Path("x")),
        turns.turn(write=True, timeout=1, path=Path("x")),
    ):
        log.append("nested write")
    assert log[-1] == "nested write"


def test_a_turn_not_given_in_time_is_a_clear_busy_error_and_leaves_the_queue() -> None:
    turns = FileTurns()
    log: list[str] = []
    writer_hold, later_hold = threading.Event(), threading.Event()
    w = _start(turns, True, log, "w", writer_hold)
    _until(lambda: "w in" in log)
    with (
        pytest.raises(DatabaseBusyError) as raised,
        turns.turn(write=True, timeout=0.2, path=Path("plan.duckdb")),
    ):
        pass  # pragma: no cover - never given
    assert "optaget" in raised.value.message_da and "plan.duckdb" in raised.value.message_da
    assert "busy" in raised.value.message_en
    late = _start(turns, False, log, "r", later_hold)
    writer_hold.set()
    _until(lambda: "r in" in log)  # the one that gave up holds nobody up
    later_hold.set()
    for thread in (w, late):
        thread.join(10)
    assert log == ["w in", "w out", "r in", "r out"]
