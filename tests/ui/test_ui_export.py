"""The export page, headless (AppTest): an auditor chooses tables, format, plan and moment and
gets the file that the audit log says was delivered; the audit pack in one click; an empty
choice is refused in words; viewers never reach the page."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts, audit
from planwatch.domain.clock import today_in_denmark
from planwatch.domain.permissions import Actor
from planwatch.exports import naming
from planwatch.exports.auditors import Delivery
from planwatch.formatting import format_date
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.ui.app_pages.export import RESULT_KEY, SIDEBAR_DAY, chosen_moment, size_text
from tests.paths import PAGES

PAGE = PAGES / "export.py"


def _who(store: Store, name: str) -> Actor:
    return accounts.actor_for(store, name, origin="web 127.0.0.1")


def _page(
    store: Store, monkeypatch: pytest.MonkeyPatch, user: str, language: str = "da"
) -> AppTest:
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGE), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = _who(store, user)
    app.session_state["language"] = language
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _delivered(app: AppTest) -> Delivery:
    delivery = app.session_state[RESULT_KEY]
    assert isinstance(delivery, Delivery)
    return delivery


def _exports(store: Store) -> list[audit.AuditEntry]:
    return audit.entries(store, _who(store, "auditor1"), action="export")


def test_an_auditor_exports_one_table_for_danish_excel(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "auditor1")
    assert [t.value for t in app.title] == ["Eksport"]
    assert any("små antal" in i.value for i in app.info), "says the export is exact"
    app.multiselect(key="export_tables").set_value(["figures"]).run()
    assert app.radio(key="export_format").value == "csv-da", "Danish Excel first"
    app.button(key="export_make").click().run()
    assert not app.exception, [e.value for e in app.exception]
    delivery = _delivered(app)
    assert delivery.file_name.endswith(".da.csv")
    frame = pd.read_csv(io.BytesIO(delivery.data), sep=";", decimal=",", encoding="utf-8-sig")
    assert len(frame) == delivery.rows["figures"]
    # For Danish Excel in Danish: the columns by their Danish names (issue 18).
    assert {"Indikatorkode", "År", "Værdi"} <= set(frame.columns)
    assert "indicator_code" not in frame.columns
    codes = {naming.column_name("figures", code, "da"): code for code in naming.COLUMNS}
    frame = frame.rename(columns=codes)
    victims = frame[
        (frame["indicator_code"] == "victims_assessed")
        & (frame["year"] == 2023)
        & frame["quarter"].isna()
        & (frame["sex"] == "all")
        & (frame["age_group"] == "all")
        & (frame["exploitation"] == "all")
        & frame["is_preferred"]
    ]
    assert list(victims["value"]) == [112]
    assert any(delivery.file_name in s.value for s in app.success)
    assert any(delivery.sha256 in c.value for c in app.caption)
    assert len(app.get("download_button")) == 1
    (entry,) = _exports(users_store)
    assert (entry.actor, entry.origin) == ("auditor1", "web 127.0.0.1")
    assert entry.details["files"] == {delivery.file_name: hashlib.sha256(delivery.data).hexdigest()}
    assert entry.details["format"] == "csv-da" and entry.details["as_of"] is None


def _page_on(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    user: str,
    language: str,
    day: dt.date,
) -> AppTest:
    """The page with the sidebar's "Tal pr. dato" set to ``day`` (the frame draws the sidebar;
    the page run on its own reads what the sidebar's date holds)."""
    monkeypatch.setenv("PLANWATCH_DB", str(store.path))
    app = AppTest.from_file(str(PAGE), default_timeout=180)
    app.session_state[state.ACTOR_KEY] = _who(store, user)
    app.session_state["language"] = language
    app.session_state[SIDEBAR_DAY] = day
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_an_export_as_of_an_earlier_day_holds_what_was_stored_then(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo database was built today, so as of yesterday noon nothing was stored yet: the
    page says so with a warning, never a green "ready"."""
    yesterday = today_in_denmark() - dt.timedelta(days=1)
    app = _page_on(users_store, monkeypatch, "auditor1", "en", yesterday)
    app.multiselect(key="export_tables").set_value(["figures", "plans"]).run()
    app.radio(key="export_format").set_value("xlsx").run()
    assert any("Later corrections and approvals" in c.value for c in app.caption)
    assert any("There were no figures at that moment" in w.value for w in app.warning)
    app.button(key="export_make").click().run()
    delivery = _delivered(app)
    # The bundled plans (no history: loaded by init) come whatever the moment; the page says
    # definitions, indicators and sources too, come as defined at the moment.
    assert delivery.rows == {"figures": 0, "plans": 4}
    assert any(
        "initiatives, indicators and sources come as they were defined at the moment" in c.value
        for c in app.caption
    )
    assert delivery.file_name == f"planwatch-{yesterday.isoformat()}-1200.xlsx"
    assert not app.success, "no green 'ready' on an export without figures"
    assert any(delivery.file_name in w.value and "no figures" in w.value for w in app.warning)
    (entry,) = _exports(users_store)
    moment = chosen_moment(yesterday, dt.time(12, 0))
    assert entry.details["as_of"] == moment.isoformat()
    assert moment.hour in (10, 11), "Danish noon is 10 or 11 UTC"


@pytest.mark.parametrize(
    ("language", "headline", "warning"),
    [
        ("da", "Tabellerne som de så ud {day} kl. 12.00", "Der var ingen tal på det tidspunkt"),
        ("en", "The tables as they were on {day} at 12:00", "There were no figures at that"),
    ],
)
def test_the_moment_is_chosen_once_and_named_plainly(
    users_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    headline: str,
    warning: str,
) -> None:
    """An auditor sees the sidebar's "Tal pr. dato": the page has no date of its own (no second
    date on screen), only the time of day, and names the moment in words."""
    yesterday = today_in_denmark() - dt.timedelta(days=1)
    app = _page_on(users_store, monkeypatch, "auditor1", language, yesterday)
    assert not app.date_input, "one date: the sidebar's"
    assert app.time_input(key="export_clock").value == dt.time(12, 0)
    expected = headline.format(day=format_date(yesterday, language))
    assert [h.value for h in app.subheader] == [expected]
    assert any(w.value.startswith(warning) for w in app.warning)
    app.time_input(key="export_clock").set_value(dt.time(9, 30)).run()
    assert "9.30" in app.subheader[0].value or "09:30" in app.subheader[0].value


@pytest.mark.parametrize(
    ("language", "headline"),
    [("da", "Tabellerne som de ser ud nu"), ("en", "The tables as they are now")],
)
def test_today_is_now_and_nothing_warns_when_there_are_figures(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, headline: str
) -> None:
    app = _page_on(users_store, monkeypatch, "auditor1", language, today_in_denmark())
    assert [h.value for h in app.subheader] == [headline]
    assert not app.warning and not app.date_input
    app.button(key="export_make").click().run()
    delivery = _delivered(app)
    assert not delivery.before_any_figure and app.success


@pytest.mark.parametrize(("language", "sheet"), [("da", "Tal"), ("en", "Figures")])
def test_an_admin_without_the_sidebars_date_chooses_it_on_the_page(
    users_store: Store, monkeypatch: pytest.MonkeyPatch, language: str, sheet: str
) -> None:
    """Administrators do not see the dashboard (no sidebar date): the page has the one date."""
    app = _page(users_store, monkeypatch, "admin1", language)
    yesterday = today_in_denmark() - dt.timedelta(days=1)
    app.date_input(key="export_day").set_value(yesterday).run()
    assert len(app.date_input) == 1
    assert format_date(yesterday, language) in app.subheader[0].value
    app.radio(key="export_format").set_value("xlsx").run()
    app.multiselect(key="export_tables").set_value(["figures"]).run()
    app.button(key="export_make").click().run()
    delivery = _delivered(app)
    stamp = "kl1200" if language == "da" else "1200"
    assert delivery.file_name == f"planwatch-{yesterday.isoformat()}-{stamp}.xlsx"
    book = load_workbook(io.BytesIO(delivery.data), read_only=True)
    assert sheet in book.sheetnames


def test_the_audit_pack_in_one_click_marks_the_illustrative_money(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "admin1")
    app.button(key="export_pack").click().run()
    assert not app.exception, [e.value for e in app.exception]
    delivery = _delivered(app)
    with zipfile.ZipFile(io.BytesIO(delivery.data)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        inside = set(archive.namelist())
    assert set(manifest["files"]) == inside - {"manifest.json"}
    assert {"README.md", "planwatch.xlsx", "tables/history.parquet"} <= inside
    assert any("ILLUSTRATIVE TAL" in w.value for w in app.warning)
    (entry,) = _exports(users_store)
    assert entry.actor == "admin1" and entry.details["format"] == "pack"
    assert entry.details["files"] == {delivery.file_name: delivery.sha256}


def test_no_tables_chosen_is_refused_in_words_and_nothing_is_logged(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "auditor1")
    app.multiselect(key="export_tables").set_value([]).run()
    app.button(key="export_make").click().run()
    assert [w.value for w in app.warning] == ["Vælg mindst én tabel."]
    assert RESULT_KEY not in app.session_state
    assert _exports(users_store) == []


def test_a_viewer_reaching_the_page_gets_nothing(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = _page(users_store, monkeypatch, "viewer1")
    assert next(e.value for e in app.error).startswith("Du har ikke adgang")
    assert not app.button and not app.multiselect
    refused = audit.entries(users_store, _who(users_store, "auditor1"), action="permission-denied")
    assert [(e.actor, e.subject) for e in refused] == [("viewer1", "page:export")]


@pytest.mark.parametrize(
    ("size", "language", "text"),
    [(999, "da", "1,0 kB"), (2_500_000, "da", "2,5 MB"), (2_500_000, "en", "2.5 MB")],
)
def test_sizes_are_written_in_the_users_language(size: int, language: str, text: str) -> None:
    assert size_text(size, language) == text
