"""A page run opens the database file once (issue 17): a cold Indicators page read it some twenty
times, each open of the file tens of milliseconds, a third of the page. The file stays open
read-only for the run (``Store.kept_open`` around the script), never between runs: another
process can write as soon as a run ends; a write in a run (a sign-in, an upload) still goes
through, and sessions rendering at once beside a writer all finish."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from planwatch import ui
from planwatch.access import accounts
from planwatch.access.audit import AuditAction
from planwatch.domain.permissions import PUBLIC_VIEW, Role
from planwatch.figures import reporting
from planwatch.storage import Store, connection
from planwatch.ui import state
from tests.actors import PASSWORD
from tests.helpers_access import add_user, sign_in
from tests.paths import APP

MARK = 7
"""A setting given to each database instance opened afresh: a connection that finds it was
served from an instance this process had open already (``tests/cli/test_cli_imports.py``)."""


class Opens:
    """The database files opened afresh (not served from an open instance), in order."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self._lock = threading.Lock()

    def wrap(self, real: Callable[..., duckdb.DuckDBPyConnection]) -> Callable[..., Any]:
        def counting(*args: Any, **kwargs: Any) -> duckdb.DuckDBPyConnection:
            opened = real(*args, **kwargs)
            threads = opened.execute("SELECT current_setting('threads')").fetchall()[0][0]
            if threads != MARK:
                opened.execute(f"SET GLOBAL threads = {MARK}")
                with self._lock:
                    self.paths.append(str(args[0]) if args else "")
            return opened

        return counting


@pytest.fixture
def opens(monkeypatch: pytest.MonkeyPatch) -> Iterator[Opens]:
    counter = Opens()
    monkeypatch.setattr(duckdb, "connect", counter.wrap(duckdb.connect))
    st.cache_data.clear()
    yield counter
    st.cache_data.clear()


def _page(name: str) -> str:
    return str(Path(ui.__file__).parent / "pages" / f"{name}.py")


def _viewer_on(store: Store, monkeypatch: pytest.MonkeyPatch, page: str) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(store, "viewer@test", [Role.VIEWER]))
    app.run()
    app.switch_page(_page(page))
    return app


def _ok(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


@pytest.mark.parametrize("page", ["indicators", "overview", "budget"])
def test_a_cold_page_opens_the_database_file_once(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, opens: Opens, page: str
) -> None:
    app = _viewer_on(users_store, monkeypatch, page)
    st.cache_data.clear()
    opens.paths.clear()
    app.run()
    _ok(app)
    assert app.title and app.get("vega_lite_chart" if page != "overview" else "metric")
    assert opens.paths == [str(users_store.path)]


def test_nothing_holds_the_file_after_a_run(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process (the command line, a backup) may write as soon as the run ends."""
    app = _viewer_on(users_store, monkeypatch, "indicators")
    st.cache_data.clear()
    app.run()
    _ok(app)
    assert connection._KEPT == {}
    code = f"import duckdb; duckdb.connect({str(users_store.path)!r}).execute('CHECKPOINT')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_sign_in_in_a_run_is_written_and_the_page_follows(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sign-in form writes (the user's session, an audit entry) in the run that then shows
    the first page: the file kept open for reading is closed for the write and the page reads
    what was written."""
    monkeypatch.setenv("PLANWATCH_DB", str(users_store.path))
    app = AppTest.from_file(APP, default_timeout=120).run()
    app.text_input(key="signin_name").input("viewer1")
    app.text_input(key="signin_password").input(PASSWORD)
    app.button[0].click().run()
    _ok(app)
    assert app.session_state[state.ACTOR_KEY].name == "viewer1"
    with users_store.connect(read_only=True) as read:
        signed = read.execute(
            "SELECT count(*) FROM audit_log WHERE actor = 'viewer1' AND action = ?",
            [AuditAction.SIGN_IN.value],
        ).fetchall()[0][0]
    assert signed == 1, signed
    assert connection._KEPT == {}


def test_sessions_read_at_once_beside_a_writer(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page renders cold three times while two other threads read figures inside their own
    kept-open blocks (as other sessions' runs do) and another signs users in (writes): every
    page renders, every read and sign-in succeeds, and nothing holds the file after. (Several
    AppTests at once in one process are not used: AppTest's widget registry is not made for
    it, and one failed on a widget id in the moved-clock run, not in planwatch.)"""
    app = _viewer_on(users_store, monkeypatch, "indicators")
    failures: list[BaseException] = []
    reads: list[int] = []  # list.append: safe from several threads, unlike += on a count
    signed: list[int] = []

    def render() -> None:
        try:
            for _ in range(3):
                st.cache_data.clear()
                app.run()
                _ok(app)
        except BaseException as error:  # reported by the test
            failures.append(error)

    def read() -> None:
        try:
            for _ in range(5):
                with users_store.kept_open():
                    series = reporting.year_series(
                        users_store, "victims_assessed", as_of=None, view=PUBLIC_VIEW
                    )
                    assert series
                reads.append(1)
        except BaseException as error:  # reported by the test
            failures.append(error)

    def write() -> None:
        try:
            for _ in range(6):
                accounts.sign_in(users_store, "viewer1", PASSWORD, origin="test")
                signed.append(1)
        except BaseException as error:  # reported by the test
            failures.append(error)

    threads = [threading.Thread(target=render), threading.Thread(target=write)]
    threads += [threading.Thread(target=read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    assert not failures, failures
    assert (len(reads), len(signed)) == (10, 6)
    assert connection._KEPT == {}
