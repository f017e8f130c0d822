"""The tests' own clock (tests/clock.py), and the run with the clock moved ahead
(``make test-future``): that every process of that run really sees the moved clock, and that
waiting still works there."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from planwatch.domain.clock import utc_now
from planwatch.storage import Store
from tests import clock

MOVED_FROM = os.environ.get("PLANWATCH_CLOCK_MOVED_FROM")  # the real date, set by the Makefile


def test_built_at_is_the_latest_moment_in_the_demo_database(demo_db_template: Path) -> None:
    assert clock.built_at() >= clock.latest_moment(demo_db_template)
    assert clock.built_at() <= utc_now()
    with Store(demo_db_template).connect(read_only=True) as connection:
        loaded = connection.execute("SELECT max(recorded_at) FROM change_sets").fetchall()[0][0]
    assert loaded <= clock.built_at()


def test_later_is_after_the_build_and_after_now(demo_db_template: Path) -> None:
    built = clock.built_at()
    assert clock.later(seconds=1) == built + dt.timedelta(seconds=1)
    assert clock.later(days=1) > utc_now(), "a run takes minutes, not a day"
    noon = clock.later(days=2, at=dt.time(12, 0))
    assert (noon.date(), noon.time()) == (built.date() + dt.timedelta(days=2), dt.time(12, 0))
    assert clock.later(days=1, at=dt.time(0, 0)) > built
    with pytest.raises(ValueError, match="days >= 1"):
        clock.later(days=0, at=dt.time(12, 0))
    assert clock.future_year() == built.year + 1
    assert clock.from_now(days=1, at=dt.time(8, 0)) > utc_now()


@pytest.mark.skipif(MOVED_FROM is None, reason="only in `make test-future` (clock moved ahead)")
def test_every_process_of_the_moved_run_sees_the_moved_clock(tmp_path: Path) -> None:
    assert MOVED_FROM is not None
    real = dt.date.fromisoformat(MOVED_FROM)
    ahead = real + dt.timedelta(days=3 * 365)  # `make test-future` moves it 4 years by default
    assert utc_now().date() >= ahead, "Python's clock"
    store = Store(tmp_path / "clock.duckdb")
    with store.connect() as connection:
        duckdb_now = connection.execute("SELECT current_date").fetchall()[0][0]
    assert duckdb_now >= ahead, "DuckDB's clock"
    child = subprocess.run(
        [sys.executable, "-c", "import datetime; print(datetime.date.today())"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert dt.date.fromisoformat(child.stdout.strip()) >= ahead, "a subprocess's clock"


@pytest.mark.skipif(MOVED_FROM is None, reason="only in `make test-future` (clock moved ahead)")
def test_the_moved_run_preloads_libfaketimes_thread_safe_library() -> None:
    """The default library keeps its cached times in statics no lock guards; under it the app's
    server, which runs many threads, ended with a segmentation fault in CI (Makefile)."""
    preloaded = os.environ.get("LD_PRELOAD", "")
    assert "libfaketimeMT.so" in preloaded, preloaded


@pytest.mark.skipif(MOVED_FROM is None, reason="only in `make test-future` (clock moved ahead)")
def test_sleeping_and_waiting_with_a_timeout_still_work_with_the_clock_moved() -> None:
    started = time.monotonic()
    time.sleep(0.2)
    assert threading.Event().wait(0.2) is False
    lock = threading.Lock()
    lock.acquire()
    assert lock.acquire(timeout=0.2) is False
    assert 0.5 <= time.monotonic() - started < 30
