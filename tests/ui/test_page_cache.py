"""The pages' figure cache (issue 17): keyed on what can change the figures a page shows, not on
the database file. A sign-in or another audit entry leaves every cached figure in place (the
services behind the cache are not called again); an approval, a new upload, a correction or a
new definition shows on the very next render; so does a restored database and a new day."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from planwatch import ui
from planwatch.access import accounts, approvals
from planwatch.domain.clock import today_in_denmark, utc_now
from planwatch.domain.periods import Period
from planwatch.domain.permissions import Role
from planwatch.errors import SignInError
from planwatch.figures import corrections, dashboard, reporting
from planwatch.storage import Store
from planwatch.ui import state
from tests.helpers_access import add_user, sign_in
from tests.paths import APP
from tests.scenarios import APPROVER, UPLOADER

VICTIMS = "Vurderede ofre for menneskehandel"


class Calls:
    """Counts the calls to the services behind the cached page functions."""

    def __init__(self) -> None:
        self.count: dict[str, int] = {}

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.count[name] = self.count.get(name, 0) + 1
            return function(*args, **kwargs)

        return counted

    def total(self) -> int:
        return sum(self.count.values())


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[Calls]:
    """Every figure service the Overview and Indicators pages reach through ``ui.data``,
    counted; the cache empty at the start."""
    counter = Calls()
    for module, names in (
        (reporting, ("plans", "indicators", "sources", "year_series", "quarter_series")),
        (dashboard, ("plan_progress", "indicator_tiles")),
    ):
        for name in names:
            monkeypatch.setattr(module, name, counter.wrap(name, getattr(module, name)))
    st.cache_data.clear()
    yield counter
    st.cache_data.clear()


def _viewer_app(store: Store, monkeypatch: pytest.MonkeyPatch, page: str | None = None) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(store, "viewer@test", [Role.VIEWER]))
    app.run()
    if page is not None:
        app.switch_page(str(Path(ui.__file__).parent / "pages" / f"{page}.py")).run()
    _ok(app)
    return app


def _ok(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]
    assert not app.error, [e.value for e in app.error]


def _victims(app: AppTest) -> str:
    return str({m.label: m.value for m in app.metric}[VICTIMS])


@pytest.mark.parametrize("page", ["overview", "indicators"])
def test_a_sign_in_leaves_the_figures_cached(
    demo_store: Store, calls: Calls, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    passwords = accounts.demo_users(demo_store)
    app = _viewer_app(demo_store, monkeypatch, page)
    computed = calls.total()
    assert computed > 0
    app.run()
    _ok(app)
    assert calls.total() == computed  # warm: nothing computed again

    before = state.data_version(demo_store)
    accounts.sign_in(demo_store, "demo-viewer", passwords["demo-viewer"], origin="test")
    assert state.data_version(demo_store) != before  # the file did change (an audit entry)
    app.run()
    _ok(app)
    assert calls.total() == computed, calls.count


def test_a_refused_sign_in_and_a_sign_out_leave_the_figures_cached(
    demo_store: Store, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    accounts.demo_users(demo_store)
    app = _viewer_app(demo_store, monkeypatch)
    computed = calls.total()
    with pytest.raises(SignInError):
        accounts.sign_in(demo_store, "demo-viewer", "not the password", origin="test")
    app.run()
    _ok(app)
    accounts.sign_out(demo_store, add_user(demo_store, "viewer@test", [Role.VIEWER]))
    app.run()
    _ok(app)
    assert calls.total() == computed, calls.count


def test_an_approval_shows_on_the_next_render(
    demo_store: Store, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _viewer_app(demo_store, monkeypatch)
    assert _victims(app) == "112"
    now = utc_now()
    receipt = corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(130),
        reason="sager talt med for sent",
        actor=UPLOADER,
        now=now,
    )
    app.run()
    _ok(app)
    assert _victims(app) == "112"  # submitted: a viewer does not see it yet
    computed = calls.total()
    approvals.approve(demo_store, APPROVER, receipt.change_set_id, now=now)
    app.run()
    _ok(app)
    assert _victims(app).rstrip("*") == "130"  # preliminary (just revised), but shown at once
    assert calls.total() > computed


def test_the_uploaders_own_submission_shows_to_them_at_once(
    demo_store: Store, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Readers of submitted figures see a new submission on the next render."""
    monkeypatch.setenv("PLANWATCH_DB", str(demo_store.path))
    app = AppTest.from_file(APP, default_timeout=120)
    sign_in(app, add_user(demo_store, "approver@test", [Role.APPROVER]))
    app.run()
    app.toggle(key="show_submitted").set_value(True).run()
    _ok(app)
    assert _victims(app) == "112"
    corrections.correct_observation(
        demo_store,
        indicator="victims_assessed",
        period=Period(2023),
        source_id="cmm-tal-2023",
        new_value=Decimal(131),
        reason="sager talt med for sent",
        actor=UPLOADER,
    )
    app.run()
    _ok(app)
    assert _victims(app).rstrip("*") == "131"


# -- the key itself ---------------------------------------------------------------------------


def test_the_key_is_not_read_again_while_the_file_is_unchanged(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm rerun does not even open the database: the key is cached on the file's state."""
    from planwatch.storage import freshness

    read: list[Path] = []
    original = freshness.figures_key

    def counted(store: Store) -> Any:
        read.append(store.path)
        return original(store)

    monkeypatch.setattr(freshness, "figures_key", counted)
    st.cache_data.clear()
    first = state.figures_version(demo_store)
    assert state.figures_version(demo_store) == first
    assert len(read) == 1
    accounts.demo_users(demo_store)  # users and audit entries: the file changes, the key not
    assert state.figures_version(demo_store) == first
    assert len(read) == 2


def test_a_new_day_is_a_new_key(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages "as of now" describe today (the plan's elapsed share, the year in progress)."""
    today = today_in_denmark()
    monkeypatch.setattr(state, "today_in_denmark", lambda: today)
    first = state.figures_version(demo_store)
    monkeypatch.setattr(state, "today_in_denmark", lambda: today + dt.timedelta(days=1))
    assert state.figures_version(demo_store) != first


def test_a_database_renamed_into_place_is_a_new_key(demo_store: Store, tmp_path: Path) -> None:
    """A restore or rebuild renames a new file into place: same rows, yet another database."""
    first = state.figures_version(demo_store)
    copy = tmp_path / "restored.duckdb"
    shutil.copy(demo_store.path, copy)
    stat = demo_store.path.stat()
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even the same size and time
    os.replace(copy, demo_store.path)
    assert state.figures_version(demo_store) != first
