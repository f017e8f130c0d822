"""The overview sets the chosen plan beside the one before it (issue 19), and the app refuses
a database that must be migrated first with that advice (not a database error on a page)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from planwatch.domain.clock import today_in_denmark
from planwatch.domain.permissions import Role
from planwatch.storage import Store
from tests.actors import make_users
from tests.helpers_access import add_user, sign_in
from tests.paths import APP
from tests.uploads.test_plan_workbook import NEW_PLAN, approve_new_plan


def _app(store: Store, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(APP, default_timeout=60)
    sign_in(app, add_user(store, "viewer@test", [Role.VIEWER]))
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_the_chosen_plan_and_the_one_before_side_by_side(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _app(demo_store, monkeypatch)
    assert "Planerne side om side" in [s.value for s in app.subheader]
    (chooser,) = [m for m in app.multiselect if m.label == "Planer at sammenligne"]
    assert chooser.value == ["2019-2021", "2022-2025"]
    table = app.table[0].value
    assert list(table.columns) == ["Handlingsplan 2019–2021", "Handlingsplan 2022–2025"]
    assert table.loc["Samlet ramme"].tolist() == ["63,0 mio. kr.", "118,2 mio. kr."]
    victims = table.loc["Vurderede ofre for menneskehandel"].tolist()
    assert victims[0] == "221 i alt (2019–2021) · 73,7 pr. år"  # 64 + 77 + 80, published
    assert "mangler" in victims[1]  # the plan's years without a complete figure are named

    app.session_state["language"] = "en"
    app.run()
    table = app.table[0].value
    assert table.loc["Total"].tolist() == ["DKK 63.0m", "DKK 118.2m"]
    assert table.loc["Persons assessed as victims of trafficking"].tolist()[0] == (
        "221 in all (2019–2021) · 73.7 a year"
    )


def test_one_plan_chosen_asks_for_two(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    app = _app(demo_store, monkeypatch)
    (chooser,) = [m for m in app.multiselect if m.label == "Planer at sammenligne"]
    chooser.set_value(["2022-2025"]).run()
    assert not app.exception
    assert "Vælg mindst to planer." in [i.value for i in app.info]
    assert len(app.table) == 0


def test_a_database_with_a_pending_migration_is_refused_with_the_advice(
    demo_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.duckdb"
    shutil.copy(demo_store.path, path)
    with duckdb.connect(str(path)) as connection:  # as a database before the last migration
        (last,) = connection.execute("SELECT max(name) FROM schema_migrations").fetchone() or ("",)
        connection.execute("DELETE FROM schema_migrations WHERE name = ?", [last])
    monkeypatch.setenv("PLANWATCH_DB", str(path))
    app = AppTest.from_file(APP, default_timeout=60)
    app.run()
    assert not app.exception
    errors = [e.value for e in app.error]
    assert any("Databasen mangler migreringer" in e and "planwatch db migrate" in e for e in errors)
    assert not [t for t in app.text_input if t.label == "Brugernavn"]  # no sign-in form


def test_an_illustrative_plan_has_its_money_marked_side_by_side(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19: a plan made up for the demo (source kind illustrative) set beside a published
    one shows its total and total per year marked ILLUSTRATIVT; the published plan's are not."""
    people = make_users(users_store)
    approve_new_plan(users_store, people)
    app = _app(users_store, monkeypatch)
    (chooser,) = [m for m in app.multiselect if m.label == "Planer at sammenligne"]
    assert chooser.value == ["2022-2025", NEW_PLAN]
    table = app.table[0].value
    assert table.loc["Samlet ramme"].tolist() == ["118,2 mio. kr.", "ILLUSTRATIVT: 100,0 mio. kr."]
    per_year = "Ramme pr. år (samlet ramme delt på planens år)"
    assert table.loc[per_year].tolist()[1] == "ILLUSTRATIVT: 25,0 mio. kr."
    assert not table.loc[per_year].tolist()[0].startswith("ILLUSTRATIVT")
    app.session_state["language"] = "en"
    app.run()
    assert app.table[0].value.loc["Total"].tolist()[1] == "ILLUSTRATIVE: DKK 100.0m"


def test_as_of_a_day_before_a_plan_was_approved_it_is_not_offered(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 19: the chooser lists the plans defined at the sidebar's moment. As of yesterday the
    plan approved today did not exist: it is neither offered nor compared (before, choosing it
    showed the page's "not yet defined" message instead of the comparison)."""
    people = make_users(users_store)
    approve_new_plan(users_store, people)
    app = _app(users_store, monkeypatch)
    (chooser,) = [m for m in app.multiselect if m.label == "Planer at sammenligne"]
    assert NEW_PLAN in chooser.options or NEW_PLAN in chooser.value
    app.date_input(key="as_of_date").set_value(today_in_denmark() - dt.timedelta(days=1)).run()
    assert not app.exception, [e.value for e in app.exception]
    (chooser,) = [m for m in app.multiselect if m.label == "Planer at sammenligne"]
    assert chooser.value == ["2019-2021", "2022-2025"]
    assert all(NEW_PLAN not in option for option in chooser.options)
    assert list(app.table[0].value.columns) == [
        "Handlingsplan 2019–2021",
        "Handlingsplan 2022–2025",
    ]
    assert not [e.value for e in app.error]
