"""The sidebar's "Tal pr. dato" for a viewer is the latest publication point at or before the
chosen day, and says so; auditors keep the end of the chosen day (issue 16)."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from planwatch.domain.clock import to_local, today_in_denmark, utc_now
from planwatch.domain.permissions import Role
from planwatch.formatting import format_moment
from planwatch.storage import Store
from tests.helpers_access import add_user, sign_in
from tests.paths import APP
from tests.scenarios import store_quarters


@pytest.fixture
def published(demo_store: Store) -> tuple[Store, dt.datetime]:
    """The demo database with an earlier publication: quarters approved ten days ago."""
    moment = utc_now().replace(microsecond=0) - dt.timedelta(days=10)
    store_quarters(demo_store, "victims_assessed", 2024, {1: 19, 2: 31}, moment)
    return demo_store, moment


def _app(store: Store, role: Role, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(APP, default_timeout=60)
    sign_in(app, add_user(store, f"{role.value}@test", [role]))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _captions(app: AppTest) -> str:
    return "\n".join(str(c.value) for c in [*app.sidebar.caption, *app.caption])


def _choose(app: AppTest, day: dt.date) -> AppTest:
    app.date_input(key="as_of_date").set_value(day).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_a_viewers_day_shows_the_latest_publication_before_it(
    published: tuple[Store, dt.datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, moment = published
    app = _choose(_app(store, Role.VIEWER, monkeypatch), today_in_denmark() - dt.timedelta(days=5))
    shown = format_moment(to_local(moment), "da")
    text = _captions(app)
    assert f"Viser tallene som offentliggjort {shown}" in text
    assert f"Tal som offentliggjort {shown}" in text


def test_a_day_before_any_publication_says_nothing_was_published(
    published: tuple[Store, dt.datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _ = published
    app = _choose(_app(store, Role.VIEWER, monkeypatch), today_in_denmark() - dt.timedelta(days=20))
    assert "Intet var offentliggjort ved udgangen af den valgte dag." in _captions(app)


def test_a_crafted_session_value_is_snapped_too(
    published: tuple[Store, dt.datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, moment = published
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(APP, default_timeout=60)
    sign_in(app, add_user(store, "viewer@test", [Role.VIEWER]))
    app.session_state["as_of_date"] = today_in_denmark() - dt.timedelta(days=5)
    app.run()
    assert f"Tal som offentliggjort {format_moment(to_local(moment), 'da')}" in _captions(app)


def test_an_auditor_keeps_the_end_of_the_chosen_day(
    published: tuple[Store, dt.datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _ = published
    day = today_in_denmark() - dt.timedelta(days=5)
    app = _choose(_app(store, Role.AUDITOR, monkeypatch), day)
    text = _captions(app)
    assert "Viser tallene som offentliggjort" not in text
    assert "Tal som registreret ved udgangen af" in text


def test_the_sidebar_text_is_english_in_english(
    published: tuple[Store, dt.datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, moment = published
    app = _app(store, Role.VIEWER, monkeypatch)
    app.segmented_control(key="language").set_value("en").run()
    app = _choose(app, today_in_denmark() - dt.timedelta(days=5))
    assert f"Showing the figures as published on {format_moment(to_local(moment), 'en')}" in (
        _captions(app)
    )
