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
from streamlit.testing.v1 import AppTest

from planwatch.access import accounts, audit
from planwatch.domain.clock import today_in_denmark
from planwatch.domain.permissions import Actor
from planwatch.exports.auditors import Delivery
from planwatch.storage import Store
from planwatch.ui import state
from planwatch.ui.app_pages.export import RESULT_KEY, chosen_moment, size_text
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


def test_an_export_as_of_an_earlier_day_holds_what_was_stored_then(
    users_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo database was built today, so as of yesterday noon nothing was stored yet."""
    app = _page(users_store, monkeypatch, "auditor1", language="en")
    app.toggle(key="export_now").set_value(False).run()
    yesterday = today_in_denmark() - dt.timedelta(days=1)
    app.date_input(key="export_day").set_value(yesterday).run()
    app.multiselect(key="export_tables").set_value(["figures", "plans"]).run()
    app.radio(key="export_format").set_value("xlsx").run()
    assert any("Later corrections and approvals" in c.value for c in app.caption)
    app.button(key="export_make").click().run()
    delivery = _delivered(app)
    # Definitions are not versioned: they come as they are now, and the page says so.
    assert delivery.rows == {"figures": 0, "plans": 4}
    assert any("Definitions (plans" in c.value for c in app.caption)
    assert delivery.file_name.endswith(".xlsx")
    (entry,) = _exports(users_store)
    moment = chosen_moment(yesterday, dt.time(12, 0))
    assert entry.details["as_of"] == moment.isoformat()
    assert moment.hour in (10, 11), "Danish noon is 10 or 11 UTC"


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
